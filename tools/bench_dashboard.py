"""Time the leaders' dashboard as the browser asks for it, beside the SQL
lower bound of the same figures.

    python tools/bench_dashboard.py --url http://127.0.0.1:8069 --db NAME \
        [--password directive] [--runs 5]

Needs a running server on a generated data set (``tools/generate``, then
``tools/run --db NAME``). For a leader (the whole province, the current
year) and the commune account with the most tasks, it times the JSON-RPC
requests the dashboard makes when it opens (one ``get_dashboard_data``
call; the Chart.js bundle is a static file the browser caches) over HTTP,
and the hand-written SQL that computes the same figures: Form 1's counts by
row unit and the trend's counts by month and category, from the categories
the daily refresh stores. Reads only; the median of ``--runs`` runs after
one warm-up run.
"""

import argparse
import configparser
import statistics
import time
from datetime import date
from pathlib import Path

import psycopg2
import requests

EXCLUDED = ("draft", "cancelled", "transferred")
FORM1_SQL = """
    SELECT top.id, count(*) AS total,
           count(*) FILTER (WHERE t.timeliness = 'done_on_time'),
           count(*) FILTER (WHERE t.timeliness = 'done_late'),
           count(*) FILTER (WHERE t.timeliness = 'open_within'),
           count(*) FILTER (WHERE t.timeliness = 'open_overdue'),
           count(*) FILTER (WHERE t.timeliness IN ('open_within', 'open_overdue')
                              AND t.is_not_started),
           count(*) FILTER (WHERE t.timeliness = 'no_deadline_done'),
           count(*) FILTER (WHERE t.timeliness = 'no_deadline_open'),
           count(*) FILTER (WHERE t.is_stale),
           count(*) FILTER (WHERE t.is_due_soon)
      FROM directive_task t
      JOIN directive_unit lead ON lead.id = t.lead_unit_id
      JOIN directive_unit top
        ON top.id = COALESCE(NULLIF(split_part(lead.parent_path, '/', 2), '')::integer,
                             lead.id)
     WHERE lead.parent_path LIKE %(path)s
       AND t.state NOT IN %(excluded)s
       AND t.assign_date BETWEEN %(date_from)s AND %(date_to)s
     GROUP BY top.id, top.name, top.sequence
     ORDER BY top.sequence, top.name"""
TREND_SQL = """
    SELECT date_trunc('month', t.assign_date), t.timeliness, count(*)
      FROM directive_task t
      JOIN directive_unit lead ON lead.id = t.lead_unit_id
     WHERE lead.parent_path LIKE %(path)s
       AND t.state NOT IN %(excluded)s
       AND t.assign_date BETWEEN %(trend_from)s AND %(date_to)s
     GROUP BY 1, 2"""


def connect(db):
    conf = configparser.ConfigParser()
    conf.read(Path(__file__).resolve().parent.parent / ".local" / "odoo.conf")
    options = conf["options"]
    return psycopg2.connect(
        dbname=db,
        host=options.get("db_host") or None,
        port=options.get("db_port") or None,
        user=options.get("db_user") or None,
        password=options.get("db_password") or None,
    )


def accounts(cr):
    """A leader, and the unit account (a commune's, else an agency's) whose
    unit leads the most tasks."""
    cr.execute(
        """SELECT u.login, NULL FROM res_users u
             JOIN res_groups_users_rel r ON r.uid = u.id
             JOIN ir_model_data d ON d.model = 'res.groups' AND d.res_id = r.gid
            WHERE d.module = 'directive_tracking' AND d.name = 'group_leader'
              AND u.active AND u.login LIKE 'g%%'
         ORDER BY u.id LIMIT 1"""
    )
    leader = cr.fetchone()
    cr.execute(
        """SELECT u.login, unit.parent_path FROM res_users u
             JOIN directive_unit unit ON unit.id = u.unit_id
             JOIN directive_unit_level l ON l.id = unit.level_id
            WHERE u.active AND l.code IN ('commune', 'agency')
              AND u.login LIKE 'g%%'
         ORDER BY l.code = 'commune' DESC, (SELECT count(*) FROM directive_task t
                    WHERE t.lead_unit_id = unit.id) DESC, u.id
            LIMIT 1"""
    )
    commune = cr.fetchone()
    return {"leader": leader, "unit": commune}


def median_ms(samples):
    return statistics.median(samples) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--password", default="directive")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    conn = connect(args.db)
    cr = conn.cursor()
    year = date.today().year
    params = {
        "excluded": EXCLUDED,
        "date_from": date(year, 1, 1),
        "date_to": date(year, 12, 31),
        "trend_from": date(year, 1, 1),
    }
    print("| role | requests | HTTP ms | SQL ms | ratio | tasks |")
    print("|---|---:|---:|---:|---:|---:|")
    for role, (login, path) in accounts(cr).items():
        session = requests.Session()
        auth = session.post(
            f"{args.url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": args.db, "login": login, "password": args.password},
            },
        )
        auth.raise_for_status()
        # The context the web client sends with every call.
        context = auth.json()["result"]["user_context"]
        http, sql = [], []
        tasks = None
        for run in range(args.runs + 1):
            start = time.perf_counter()
            reply = session.post(
                f"{args.url}/web/dataset/call_kw/directive.dashboard/get_dashboard_data",
                json={
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "directive.dashboard",
                        "method": "get_dashboard_data",
                        "args": [],
                        "kwargs": {"context": context},
                    },
                },
            )
            elapsed = time.perf_counter() - start
            reply.raise_for_status()
            data = reply.json()["result"]
            tasks = next(t["count"] for t in data["tiles"] if t["key"] == "total")
            start = time.perf_counter()
            cr.execute(FORM1_SQL, dict(params, path=(path or "") + "%"))
            cr.fetchall()
            cr.execute(TREND_SQL, dict(params, path=(path or "") + "%"))
            cr.fetchall()
            sql_elapsed = time.perf_counter() - start
            if run:
                http.append(elapsed)
                sql.append(sql_elapsed)
        http_ms, sql_ms = median_ms(http), median_ms(sql)
        print(
            f"| {role} | 1 | {http_ms:.1f} | {sql_ms:.1f} | "
            f"{http_ms / sql_ms:.2f} | {tasks} |"
        )
    conn.rollback()


if __name__ == "__main__":
    main()
