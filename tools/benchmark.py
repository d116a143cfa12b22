#!/usr/bin/env python3
"""Time what the web client asks of directive_tracking against the SQL lower
bound, on a data set built by tools/generate.

    tools/benchmark --db NAME [--runs 5] [--only list,count,...]

(tools/benchmark prepares the virtualenv and the cluster, then runs this
script).  Directly: python tools/benchmark.py -c odoo.conf -d NAME.

For each operation and role (a commune account, a provincial agency account,
a leader; the daily jobs run as the cron user) it times, in the same run and
the same transaction:

- ORM: exactly the calls the web client makes (web_search_read with the
  view's field specification, search_count, web_read_group...), as that
  user, with the record cache emptied before every run;
- SQL: hand-written SQL returning the same rows under the same access
  restriction: the lower bound for the ORM.

It prints the median of ``--runs`` runs of each, their ratio and the target,
checks that both sides returned the same rows, and rolls everything back.
"""

import argparse
import statistics
import sys
import time
import tracemalloc
from datetime import date, timedelta

from lxml import etree

OPEN_STATES = ("assigned", "in_progress", "to_confirm", "returned", "paused")
COUNT_LIMIT = 10001  # the web client's count_limit (10,000 + 1)
KANBAN_LIMIT = 40  # records per kanban column
PROGRESS_BAR = {
    "field": "timeliness",
    "colors": {
        "open_overdue": "danger",
        "open_within": "info",
        "done_on_time": "success",
        "done_late": "warning",
    },
}
TARGETS = {
    "list": 2.0,
    "count": 2.0,
    "kanban": 2.0,
    "form1": 2.0,
    "search number": 3.0,
    "search excerpt": 3.0,
    "search content": 3.0,
}


# --------------------------------------------------------------------------
# Field specifications, as the web client builds them from the views
# --------------------------------------------------------------------------
def view_spec(model, view_type, view_id=None):
    """The ``specification`` the web client sends for a view: every field of
    the arch, many2one with their display name, x2many with the fields of
    their inline list (limit 40 in a form)."""
    views = model.get_views([(view_id, view_type)])
    arch = etree.fromstring(views["views"][view_type]["arch"])
    return _node_spec(model, arch, view_type)


def _node_spec(model, root, view_type):
    spec = {}
    for node in root.iter("field"):
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue  # a field of an x2many's own view
        name = node.get("name")
        field = model._fields[name]
        if field.type == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            sub = next(iter(node.iterchildren("tree", "kanban")), None)
            if sub is not None:
                comodel = model.env[field.comodel_name]
                spec[name] = {"fields": _node_spec(comodel, sub, "list"), "limit": 40}
            elif node.get("widget") == "many2many_tags":
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        else:
            spec[name] = {}
    if view_type == "form":
        spec["display_name"] = {}
    return spec


# --------------------------------------------------------------------------
# SQL lower bounds
# --------------------------------------------------------------------------
SUBTREE = """
    SELECT id FROM directive_unit WHERE parent_path LIKE %(path)s"""
# Tasks a unit account may read (rule directive_task_rule_unit_subtree): the
# ones its subtree leads or coordinates.
UNIT_ACCESS = f"""
    t.id IN (SELECT id FROM directive_task WHERE lead_unit_id IN ({SUBTREE})
             UNION ALL
             SELECT task_id FROM directive_task_coordination
              WHERE unit_id IN ({SUBTREE}))"""
LIST_SQL = """
    SELECT t.id, t.code, t.name, t.lead_unit_id, lu.name, t.source_id,
           s.source_type, s.number, s.meeting_name, s.date,
           t.leader_id, lp.name, t.officer_id, op.name, t.deadline,
           t.extension_count, t.progress, t.last_update_date, t.days_overdue,
           t.is_due_soon, t.timeliness, t.state
      FROM directive_task t
      JOIN directive_unit lu ON lu.id = t.lead_unit_id
      LEFT JOIN directive_source s ON s.id = t.source_id
      LEFT JOIN res_users lus ON lus.id = t.leader_id
      LEFT JOIN res_partner lp ON lp.id = lus.partner_id
      LEFT JOIN res_users ous ON ous.id = t.officer_id
      LEFT JOIN res_partner op ON op.id = ous.partner_id
     WHERE {where}
     ORDER BY t.deadline, t.id DESC
     LIMIT {limit}"""
KANBAN_SQL = """
    SELECT t.id, t.state, t.timeliness, t.is_due_soon, t.is_stale,
           t.days_overdue, t.code, t.name, t.lead_unit_id, lu.name, t.progress,
           t.deadline, t.officer_id, op.name,
           (SELECT array_agg(a.id ORDER BY a.date_deadline)
              FROM mail_activity a
             WHERE a.res_model = 'directive.task' AND a.res_id = t.id) AS activities
      FROM directive_task t
      JOIN directive_unit lu ON lu.id = t.lead_unit_id
      LEFT JOIN res_users ous ON ous.id = t.officer_id
      LEFT JOIN res_partner op ON op.id = ous.partner_id
     WHERE {where}
     ORDER BY t.deadline, t.id DESC
     LIMIT {limit}"""
LIMITED_COUNT_SQL = """
    SELECT count(*) FROM (SELECT 1 FROM directive_task t WHERE {where}
                          LIMIT {limit}) AS limited"""
SOURCE_MATCH = """
    t.source_id IN (SELECT id FROM directive_source
                     WHERE number ILIKE %(pattern)s OR excerpt ILIKE %(pattern)s
                        OR meeting_name ILIKE %(pattern)s)"""
CONTENT_MATCH = "(t.code ILIKE %(pattern)s OR t.name ILIKE %(pattern)s)"


def _median_ms(samples):
    return statistics.median(samples) * 1000


class Benchmark:
    def __init__(self, env, runs, out):
        self.env = env
        self.cr = env.cr
        self.runs = runs
        self.out = out
        self.rows = []
        self.today = date.today()
        self.roles = self._roles()

    # ------------------------------------------------------------ accounts
    def _roles(self):
        """The accounts that see the most tasks of their kind: a commune, a
        provincial agency, and a leader (who sees everything)."""
        cr = self.cr
        roles = {}
        for role, level in (("commune", "commune"), ("agency", "agency")):
            cr.execute(
                """SELECT u.id, unit.parent_path
                     FROM res_users u
                     JOIN directive_unit unit ON unit.id = u.unit_id
                     JOIN directive_unit_level l ON l.id = unit.level_id
                    WHERE u.active AND l.code = %s AND unit.code LIKE 'G%%'
                      AND unit.parent_path NOT IN (
                          SELECT parent_path FROM directive_unit
                           WHERE id = (SELECT unit_id FROM res_users r
                                         JOIN res_groups_users_rel g ON g.uid = r.id
                                        WHERE g.gid = %s LIMIT 1))
                    ORDER BY (SELECT count(*) FROM directive_task t
                               WHERE t.lead_unit_id = unit.id) DESC, u.id
                    LIMIT 1""",
                [level, self.env.ref("directive_tracking.group_officer").id],
            )
            user_id, path = cr.fetchone()
            roles[role] = (user_id, path + "%")
        leader = self.env.ref("directive_tracking.group_leader")
        cr.execute(
            """SELECT r.uid FROM res_groups_users_rel r
                 JOIN res_users u ON u.id = r.uid
                WHERE r.gid = %s AND u.login LIKE 'g%%' ORDER BY r.uid LIMIT 1""",
            [leader.id],
        )
        roles["leader"] = (cr.fetchone()[0], None)
        return roles

    def user_env(self, role):
        user_id = self.roles[role][0]
        env = self.env(user=user_id, su=False)
        context = dict(env["res.users"].context_get(), bin_size=True)
        context["allowed_company_ids"] = [env.user.company_id.id]
        return env(context=context)

    def access(self, role):
        path = self.roles[role][1]
        if path is None:
            return "TRUE", {}
        return UNIT_ACCESS, {"path": path}

    # -------------------------------------------------------------- timing
    def time_orm(self, env, call):
        samples, result, queries = [], None, 0
        for run in range(self.runs + 1):  # the first run warms the caches
            env.invalidate_all()
            count = self.cr.sql_log_count
            start = time.perf_counter()
            result = call(env)
            elapsed = time.perf_counter() - start
            if run:
                samples.append(elapsed)
                queries = self.cr.sql_log_count - count
        return _median_ms(samples), result, queries

    def time_sql(self, call):
        samples, result = [], None
        for run in range(self.runs + 1):
            start = time.perf_counter()
            result = call()
            elapsed = time.perf_counter() - start
            if run:
                samples.append(elapsed)
        return _median_ms(samples), result

    def sql(self, query, params):
        self.cr.execute(query, params)
        return self.cr.fetchall()

    def record(self, operation, role, orm, sql, target, same, queries, note=""):
        orm_ms, sql_ms = orm, sql
        ratio = orm_ms / sql_ms if sql_ms else float("inf")
        if target is None:
            verdict = "-"
        elif isinstance(target, str):
            verdict = target
        else:
            verdict = "pass" if ratio <= target else "FAIL"
        if not same:
            verdict += " (rows differ!)"
        row = {
            "operation": operation,
            "role": role,
            "orm_ms": orm_ms,
            "sql_ms": sql_ms,
            "ratio": ratio,
            "target": target,
            "verdict": verdict,
            "queries": queries,
            "note": note,
        }
        self.rows.append(row)
        self.out.write(
            f"  {operation:<28} {role:<8} ORM {orm_ms:9.1f} ms  SQL {sql_ms:9.1f} ms"
            f"  x{ratio:5.2f}  {queries:4d} queries  {verdict} {note}\n"
        )
        self.out.flush()

    # ---------------------------------------------------------- operations
    def bench_list(self, role, extra_domain=(), extra_sql="TRUE", params=None,
                   name="list"):  # fmt: skip
        env = self.user_env(role)
        spec = view_spec(env["directive.task"], "list")
        domain = [("state", "in", OPEN_STATES), *extra_domain]

        def orm(env):
            return env["directive.task"].web_search_read(
                domain, spec, offset=0, limit=80, order="", count_limit=COUNT_LIMIT
            )

        access, access_params = self.access(role)
        where = f"t.state IN %(open)s AND {access} AND {extra_sql}"
        all_params = dict(access_params, open=OPEN_STATES, **(params or {}))

        def sql():
            rows = self.sql(LIST_SQL.format(where=where, limit=80), all_params)
            length = len(rows)
            if length == 80:
                length = self.sql(
                    LIMITED_COUNT_SQL.format(where=where, limit=COUNT_LIMIT),
                    all_params,
                )[0][0]
            return rows, length

        orm_ms, result, queries = self.time_orm(env, orm)
        sql_ms, (rows, length) = self.time_sql(sql)
        same = [r["id"] for r in result["records"]] == [r[0] for r in rows] and (
            result["length"] == length
        )
        note = f"{length} rows" if length < COUNT_LIMIT else "10000+ rows"
        self.record(name, role, orm_ms, sql_ms, TARGETS[name], same, queries, note)

    def bench_count(self, role):
        env = self.user_env(role)
        domain = [("state", "in", OPEN_STATES)]
        access, params = self.access(role)
        query = f"SELECT count(*) FROM directive_task t WHERE t.state IN %(open)s AND {access}"  # noqa: E501
        params = dict(params, open=OPEN_STATES)
        orm_ms, count, queries = self.time_orm(
            env, lambda env: env["directive.task"].search_count(domain)
        )
        sql_ms, rows = self.time_sql(lambda: self.sql(query, params))
        same = rows[0][0] == count
        self.record("count", role, orm_ms, sql_ms, TARGETS["count"], same, queries,
                    f"{count} tasks")  # fmt: skip

    def bench_kanban(self, role):
        env = self.user_env(role)
        Task = env["directive.task"]
        spec = view_spec(Task, "kanban")
        domain = [("state", "in", OPEN_STATES)]
        fields = list(dict.fromkeys([*spec, "state"]))

        def orm(env):
            Task = env["directive.task"]
            groups = Task.web_read_group(domain, fields, ["state"], lazy=True)
            Task.read_progress_bar(domain, "state", PROGRESS_BAR)
            records = []
            for group in groups["groups"]:
                if group["state_count"]:
                    result = Task.web_search_read(
                        group["__domain"], spec, offset=0, limit=KANBAN_LIMIT,
                        order="", count_limit=COUNT_LIMIT,
                    )  # fmt: skip
                    records += [r["id"] for r in result["records"]]
            return records

        access, params = self.access(role)
        params = dict(params, open=OPEN_STATES)
        where = f"t.state IN %(open)s AND {access}"

        def sql():
            groups = self.sql(
                f"""SELECT t.state, count(*), sum(t.days_overdue), sum(t.progress),
                           sum(t.extension_count)
                      FROM directive_task t WHERE {where}
                     GROUP BY t.state ORDER BY t.state""",
                params,
            )
            self.sql(
                f"""SELECT t.state, t.timeliness, count(*) FROM directive_task t
                     WHERE {where} GROUP BY 1, 2""",
                params,
            )
            records = []
            for state, count, *_sums in groups:
                state_where = f"{where} AND t.state = %(state)s"
                state_params = dict(params, state=state)
                rows = self.sql(
                    KANBAN_SQL.format(where=state_where, limit=KANBAN_LIMIT),
                    state_params,
                )
                if len(rows) == KANBAN_LIMIT:
                    self.sql(
                        LIMITED_COUNT_SQL.format(where=state_where, limit=COUNT_LIMIT),
                        state_params,
                    )
                records += [(state, r[0]) for r in rows]
            return records

        orm_ms, records, queries = self.time_orm(env, orm)
        sql_ms, sql_records = self.time_sql(sql)
        same = sorted(records) == sorted(r[1] for r in sql_records)
        self.record("kanban by status", role, orm_ms, sql_ms, TARGETS["kanban"], same,
                    queries)  # fmt: skip

    def _sample_source_number(self):
        """A document number of the leader's province, as a user types it."""
        self.cr.execute(
            """SELECT number FROM directive_source
                WHERE number IS NOT NULL ORDER BY id DESC LIMIT 1 OFFSET 100"""
        )
        return self.cr.fetchone()[0]

    def bench_searches(self, role):
        number = self._sample_source_number()
        for name, value, domain, match in (
            ("search number", number, [("source_id", "ilike", number)], SOURCE_MATCH),
            (
                "search excerpt",
                "giải phóng mặt bằng",
                [("source_id", "ilike", "giải phóng mặt bằng")],
                SOURCE_MATCH,
            ),
            (
                "search content",
                "nhà ở xã hội",
                ["|", ("code", "ilike", "nhà ở xã hội"), ("name", "ilike", "nhà ở xã hội")],  # noqa: E501
                CONTENT_MATCH,
            ),
        ):
            self.bench_list(
                role, domain, match, {"pattern": f"%{value}%"}, name=name
            )

    # ------------------------------------------------------------- daily jobs
    @staticmethod
    def _cron_env(env):
        return env(user=env.ref("base.user_root").id, su=True)

    def bench_refresh(self, days_ahead):
        env = self._cron_env(self.env)
        Task = env["directive.task"]
        cutoff = self.today + timedelta(days=days_ahead)
        query, params = Task._timeliness_update_query(cutoff)
        cr = self.cr
        changed = {}

        def orm(env):
            cr.execute("SAVEPOINT bench_refresh")
            changed["orm"] = env["directive.task"]._refresh_all_timeliness(cutoff)
            cr.execute("ROLLBACK TO SAVEPOINT bench_refresh")

        def sql():
            cr.execute("SAVEPOINT bench_refresh")
            cr.execute(query, params)
            changed["sql"] = cr.rowcount
            cr.execute("ROLLBACK TO SAVEPOINT bench_refresh")

        orm_ms, _result, queries = self.time_orm(env, orm)
        sql_ms, _result = self.time_sql(sql)
        env.invalidate_all()
        verdict = "pass" if orm_ms < 120000 else "FAIL"
        self.record(
            f"daily refresh (day +{days_ahead})", "cron", orm_ms, sql_ms,
            f"< 2 min: {verdict}", changed["orm"] == changed["sql"], queries,
            f"{changed['orm']} rows changed",
        )  # fmt: skip

    def bench_reminders(self):
        env = self._cron_env(self.env)
        cr = self.cr
        Task = type(env["directive.task"])
        today = self.today
        created = {}
        # Commits per batch would make the run irreversible.
        commit_batch = Task._commit_batch
        Task._commit_batch = lambda self: None

        def orm(env):
            cr.execute("SAVEPOINT bench_reminders")
            created["orm"] = env["directive.task"]._send_reminders()
            env["directive.task"]._send_office_digest()
            env.flush_all()
            cr.execute("ROLLBACK TO SAVEPOINT bench_reminders")

        reminder = env.ref("directive_tracking.mail_activity_type_reminder")
        params = {
            "today": today,
            "model_id": env["ir.model"]._get_id("directive.task"),
            "type": reminder.id,
            "focal": env.ref("directive_tracking.group_unit_admin").id,
            "uid": env.uid,
        }

        def sql():
            cr.execute("SAVEPOINT bench_reminders")
            cr.execute(REMINDER_SQL, params)
            created["sql"] = cr.fetchone()[0]
            cr.execute(DIGEST_SQL, {"open": OPEN_STATES})
            cr.fetchall()
            cr.execute("ROLLBACK TO SAVEPOINT bench_reminders")

        runs, self.runs = self.runs, 1  # minutes per run: once is enough
        try:
            orm_ms, _result, queries = self.time_orm(env, orm)
            sql_ms, _result = self.time_sql(sql)
        finally:
            self.runs = runs
            Task._commit_batch = commit_batch
        env.invalidate_all()
        self.record(
            "reminder job", "cron", orm_ms, sql_ms, None,
            created["orm"] == created["sql"], queries,
            f"{created['orm']} reminders",
        )  # fmt: skip

    # ---------------------------------------------------------------- report
    def run(self, only):
        cr = self.cr
        cr.execute("SELECT count(*) FROM directive_task")
        tasks = cr.fetchone()[0]
        self.out.write(f"Benchmark on {tasks} tasks, {self.runs} runs (median)\n")
        for role, (user_id, path) in self.roles.items():
            self.out.write(f"  {role}: user {user_id} (units {path or 'all'})\n")
        plan = [
            ("list", lambda role: self.bench_list(role)),
            ("count", self.bench_count),
            ("kanban", self.bench_kanban),
            ("search", self.bench_searches),
        ]
        for key, bench in plan:
            if only and key not in only:
                continue
            for role in ("commune", "agency", "leader"):
                bench(role)
        if not only or "refresh" in only:
            self.bench_refresh(1)
            self.bench_refresh(30)
        if not only or "reminders" in only:
            self.bench_reminders()
        return self.rows


REMINDER_SQL = """
    WITH due AS (
        SELECT t.id, t.lead_unit_id, t.timeliness, t.days_overdue, t.deadline
          FROM directive_task t
         WHERE t.state IN ('assigned', 'in_progress', 'returned')
           AND (t.is_due_soon OR t.timeliness = 'open_overdue')
           AND (t.last_reminder_date IS NULL OR t.last_reminder_date < %(today)s)
    ), focal AS (
        SELECT u.id, u.unit_id FROM res_users u
          JOIN res_groups_users_rel g ON g.uid = u.id AND g.gid = %(focal)s
         WHERE u.active
    ), activities AS (
        INSERT INTO mail_activity (res_model_id, res_model, res_id,
                                   activity_type_id, user_id, summary,
                                   date_deadline, automated, active,
                                   create_uid, write_uid, create_date, write_date)
        SELECT %(model_id)s, 'directive.task', due.id, %(type)s, focal.id,
               CASE WHEN due.timeliness = 'open_overdue'
                    THEN 'Overdue by ' || due.days_overdue || ' days'
                    ELSE 'Due on ' || to_char(due.deadline, 'DD/MM/YYYY') END,
               GREATEST(due.deadline, %(today)s), false, true,
               %(uid)s, %(uid)s, now(), now()
          FROM due JOIN focal ON focal.unit_id = due.lead_unit_id
        RETURNING 1
    ), stamped AS (
        UPDATE directive_task t SET last_reminder_date = %(today)s
          FROM due WHERE due.id = t.id
    )
    SELECT count(*) FROM activities"""
DIGEST_SQL = """
    SELECT officer_id, lead_unit_id, timeliness, count(*)
      FROM directive_task
     WHERE state IN %(open)s AND officer_id IS NOT NULL
       AND (is_due_soon OR timeliness = 'open_overdue')
     GROUP BY 1, 2, 3"""


def markdown(rows):
    lines = [
        "| operation | role | ORM ms | SQL ms | ratio | target | result | queries |",
        "|---|---|---:|---:|---:|---|---|---:|",
    ]
    for row in rows:
        target = row["target"]
        if isinstance(target, float):
            target = f"≤ {target:g}×"
        elif target is None:
            target = "-"
        else:
            target = target.split(":")[0]
        operation = row["operation"] + (f" ({row['note']})" if row["note"] else "")
        lines.append(
            f"| {operation} | {row['role']} | {row['orm_ms']:.1f} | "
            f"{row['sql_ms']:.1f} | {row['ratio']:.2f} | {target} | "
            f"{row['verdict'].split(': ')[-1]} | {row['queries']} |"
        )
    return "\n".join(lines) + "\n"


def _parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo config file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--only",
        help="comma-separated: list,count,kanban,search,refresh,reminders",
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    import odoo
    from odoo.tools import config

    config.parse_config(
        ["-c", args.config, "-d", args.database, "--no-http", "--log-level=warn"]
    )
    registry = odoo.registry(args.database)
    only = set(args.only.split(",")) if args.only else set()
    tracemalloc_started = False
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        bench = Benchmark(env, args.runs, sys.stderr)
        try:
            rows = bench.run(only)
        finally:
            cr.rollback()
            if tracemalloc_started:
                tracemalloc.stop()
    sys.stdout.write(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
