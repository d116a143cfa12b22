#!/usr/bin/env python3
"""Time what the browser really asks of a running Odoo, beside the SQL lower
bound of the same figures.

    tools/bench_http --db NAME [--runs 5] [--workers 2]

(tools/bench_http starts Odoo on a free local port and runs this script).

1. Record: a headless Chromium, driven through the DevTools protocol, logs in
   as each role (a commune account, a provincial agency account, a leader:
   the same accounts as tools/benchmark.py) and opens each scene (the task
   kanban, the task list, a task form, the dashboard, a draft Form 1); every
   JSON request the 19.0 web client sends to the server after the page's own
   start-up (menus, translations, session) is recorded with its body.
2. Replay: each recorded request is sent again over HTTP with the role's
   session, ``--runs`` times after one warm-up; the scene's time is the sum
   of its requests' medians (the browser sends some of them in parallel, so
   this is an upper bound of what it waits for).
3. SQL: in the same run, the lower bounds of tools/benchmark.py for the same
   figures (kanban, list, Form 1), a direct read of the form's rows, and the
   dashboard's: Form 1 of the account's scope, both parts, and its trend.

Prints a Markdown table on stdout, progress on stderr.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import benchmark  # noqa: E402  (imports odoo)
from loadtest.servers import counters as server_counters  # noqa: E402

from odoo.tools import SQL  # noqa: E402

ROLES = ("commune", "agency", "leader")
# The scenes: (name, the page's path under /odoo, target ratio to SQL).
SCENES = (
    ("kanban", "action-directive_tracking.directive_task_action", 2.0),
    ("list", "action-directive_tracking.directive_task_action?view_type=list", 2.0),
    ("form", "action-directive_tracking.directive_task_action/{task_id}", 2.0),
    ("dashboard", "action-directive_tracking.directive_dashboard_client_action", 2.0),
    ("form 1", "action-directive_tracking.directive_report_action/{report_id}", 2.0),
)
# Requests of the web client's own start-up, the same for every page, and
# the long-polling bus: not part of what a scene asks for.
STARTUP_PREFIXES = (
    "/web/webclient/",
    "/web/session/",
    "/bus/",
    "/websocket",
    "/mail/data",
    "/web/dataset/call_kw/res.users.settings",
    "/mail/action",
)
# Everything the task form shows, a statement for the task with the names of
# what it points to and one for each of its seven lists and the chatter's
# last 30 messages (with their authors, tracked values and attachments).
# One statement for all would take longer to plan (12 ms) than to run.
FORM_QUERIES = (
    """SELECT t.*, lu.name, s.number, s.date, lp.name, op.name, cat.name,
              pt.code, pt.name
         FROM directive_task t"""
    + benchmark.TASK_NAMES_JOIN
    + """
         LEFT JOIN directive_task_category cat ON cat.id = t.category_id
         LEFT JOIN directive_task pt ON pt.id = t.parent_id
        WHERE t.id = %(task_id)s""",
    """SELECT c.*, cu.name FROM directive_task_coordination c
         JOIN directive_unit cu ON cu.id = c.unit_id
        WHERE c.task_id = %(task_id)s""",
    """SELECT a.*, au.name, ap.name FROM directive_task_assignee a
         JOIN directive_unit au ON au.id = a.unit_id
         JOIN res_users aus ON aus.id = a.user_id
         JOIN res_partner ap ON ap.id = aus.partner_id
        WHERE a.task_id = %(task_id)s""",
    """SELECT u.*, uu.name, up.name FROM directive_task_update u
         LEFT JOIN directive_unit uu ON uu.id = u.unit_id
         JOIN res_users uus ON uus.id = u.author_id
         JOIN res_partner up ON up.id = uus.partner_id
        WHERE u.task_id = %(task_id)s
        ORDER BY u.id DESC LIMIT 40""",
    "SELECT x.* FROM directive_task_extension x WHERE x.task_id = %(task_id)s",
    """SELECT k.*, kp.name FROM directive_task_completion k
         JOIN res_users kus ON kus.id = k.author_id
         JOIN res_partner kp ON kp.id = kus.partner_id
        WHERE k.task_id = %(task_id)s""",
    """SELECT f.id, f.name, f.size, f.create_date, d.complete_name, fp.name
         FROM dms_file f
         JOIN dms_directory d ON d.id = f.directory_id
         LEFT JOIN res_users fus ON fus.id = f.create_uid
         LEFT JOIN res_partner fp ON fp.id = fus.partner_id
        WHERE f.directive_task_id = %(task_id)s AND f.active""",
    """SELECT ch.id, ch.code, ch.name, chu.name, ch.deadline, ch.progress,
              ch.state
         FROM directive_task ch
         JOIN directive_unit chu ON chu.id = ch.lead_unit_id
        WHERE ch.parent_id = %(task_id)s""",
    """SELECT m.id, m.body, m.date, m.subtype_id, m.message_type, mp.name,
              (SELECT json_agg(v) FROM mail_tracking_value v
                WHERE v.mail_message_id = m.id),
              (SELECT array_agg(r.attachment_id) FROM message_attachment_rel r
                WHERE r.message_id = m.id)
         FROM mail_message m
         LEFT JOIN res_partner mp ON mp.id = m.author_id
        WHERE m.model = 'directive.task' AND m.res_id = %(task_id)s
        ORDER BY m.id DESC LIMIT 30""",
)


# The dashboard's trend: the tasks by month of assignment and category over
# the twelve months up to the period's end, counted as Form 1 counts them.
TREND_SQL = (
    """
    SELECT date_trunc('month', t.assign_date)::date, t.timeliness, count(*)
      FROM directive_task t
     WHERE t.lead_unit_id IN (SELECT id FROM directive_unit
                               WHERE parent_path LIKE %(path)s)
       AND t.state NOT IN %(excluded)s
       AND t.assign_date BETWEEN %(trend_from)s AND %(date_to)s"""
    + benchmark.COUNTED_ONCE
    + """
     GROUP BY 1, 2"""
)


def _say(message):
    sys.stderr.write(f"  {message}\n")
    sys.stderr.flush()


# ------------------------------------------------------------------ server
def login(base_url, database, user_login, password):
    """A requests session logged in as ``user_login``."""
    session = requests.Session()
    response = session.post(
        f"{base_url}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"db": database, "login": user_login, "password": password},
        },
        timeout=60,
    )
    response.raise_for_status()
    body = response.json()
    if body.get("error") or not body.get("result", {}).get("uid"):
        raise RuntimeError(f"cannot log in as {user_login}: {body.get('error')}")
    return session


# ---------------------------------------------------------------- recorder
class Chromium:
    """A headless Chromium and one page of it, through the DevTools protocol."""

    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="dt-bench-chromium-")
        self.process = subprocess.Popen(
            [
                executable, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--window-size=1366,900", "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}", "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        port_file = Path(self.profile, "DevToolsActivePort")
        for _attempt in range(200):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        pages = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(p for p in pages if p["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.ws.settimeout(0.5)
        self.next_id = 0
        self.send("Network.enable")
        self.send("Page.enable")

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        return self.next_id

    def events(self):
        try:
            return json.loads(self.ws.recv())
        except websocket.WebSocketTimeoutException:
            return None

    def record(self, url, cookie, quiet=2.0, limit=90.0):
        """Open ``url`` with the session cookie; return the JSON requests it
        sent [(path, body)] once the network has been quiet for ``quiet``
        seconds."""
        host = url.split("/")[2].split(":")[0]
        self.send("Network.clearBrowserCookies")
        self.send(
            "Network.setCookie", name="session_id", value=cookie, domain=host, path="/"
        )
        self.send("Page.navigate", url=url)
        pending, recorded = {}, []
        start = last = time.monotonic()
        loaded = False
        while time.monotonic() - start < limit:
            event = self.events()
            now = time.monotonic()
            if event is None:
                if loaded and not pending and now - last > quiet:
                    break
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Page.loadEventFired":
                loaded, last = True, now
            elif method == "Network.requestWillBeSent":
                request = params["request"]
                if request["method"] == "POST" and request.get("postData"):
                    pending[params["requestId"]] = True
                    path = "/" + request["url"].split("/", 3)[3]
                    recorded.append((path, request["postData"]))
                last = now
            elif method in ("Network.loadingFinished", "Network.loadingFailed"):
                pending.pop(params["requestId"], None)
                last = now
        return [
            (path, body)
            for path, body in recorded
            if not path.startswith(STARTUP_PREFIXES)
        ]

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


# ---------------------------------------------------------------- replayer
class Refused(Exception):
    """The role may not open this scene (its action is not in its menus)."""


def replay(session, base_url, requests_, runs):
    """Median milliseconds of each request over ``runs`` runs (one warm-up)."""
    samples = [[] for _request in requests_]
    for run in range(runs + 1):
        for index, (path, body) in enumerate(requests_):
            start = time.perf_counter()
            response = session.post(
                base_url + path,
                data=body,
                headers={"Content-Type": "application/json"},
                timeout=300,
            )
            elapsed = time.perf_counter() - start
            if '"odoo.exceptions.AccessError"' in response.text[:400]:
                raise Refused(path)
            if response.status_code != 200 or '"error"' in response.text[:200]:
                raise RuntimeError(
                    f"{path} answered {response.status_code}: {response.text[:300]}"
                )
            if run:
                samples[index].append(elapsed * 1000)
    return [statistics.median(s) for s in samples]


def http_floor(session, base_url, runs):
    """Median milliseconds of the cheapest authenticated JSON-RPC call (may
    the account read tasks? answered from Odoo's caches, no query of ours):
    what any request of the scenes costs before it reads anything."""
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": "directive.task",
                "method": "has_access",
                "args": [[], "read"],
                "kwargs": {},
            },
        }
    )
    path = "/web/dataset/call_kw/directive.task/has_access"
    return replay(session, base_url, [(path, body)], max(runs, 5))[0]


# What the web client asks once per view and keeps for the session (the
# views' architecture and the action): the same whatever the data, so shown
# apart from the requests that read the data.
VIEW_REQUESTS = ("/get_views", "/web/action/load")


def _is_view_request(path):
    return path.endswith(VIEW_REQUESTS)


def _label(path, body):
    """A short name of a request: the route, or the model and method."""
    if "/call_kw/" in path:
        return path.split("/call_kw/", 1)[1]
    return path


# --------------------------------------------------------------------- main
def _parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--url", required=True, help="the running Odoo")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--password", default="directive")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--only", help="comma-separated scenes: kanban,list,...")
    parser.add_argument(
        "--save",
        metavar="FILE",
        help="write the recorded requests there (JSON: role, scene, path, body)",
    )
    parser.add_argument(
        "--replica",
        nargs=2,
        metavar=("HOST", "PORT"),
        help="the replica Odoo reads from: count the reads of both servers",
    )
    return parser.parse_args(argv)


def _fixtures(env, bench):
    """Per role: a task of its scope for the form, and a draft Form 1 of its
    scope (committed, so that the server sees it; removed at the end)."""
    fixtures = {}
    for role in ROLES:
        env.cr.execute(
            SQL(
                """SELECT t.id FROM directive_task t WHERE %s AND t.state IN %s
                    ORDER BY t.id DESC LIMIT 1""",
                bench.access(role),
                benchmark.OPEN_STATES,
            )
        )
        task_id = env.cr.fetchone()[0]
        user = env["res.users"].browse(bench.roles[role][0])
        scope = user.unit_id if role != "leader" else bench._province_root()
        report = bench._report(
            form="1",
            period_type="year",
            period_year=bench.today.year,
            scope_unit_id=scope.id,
        )
        fixtures[role] = {
            "task_id": task_id,
            "report_id": report.id,
            "login": user.login,
            "path": f"{scope.parent_path}%",
        }
    return fixtures


def _sql_bounds(bench, role, fixture):
    """Median SQL lower bound (ms) of each scene for ``role``."""
    rows_before = len(bench.rows)
    bench.bench_kanban(role)
    bench.bench_list(role)
    kanban, listing = bench.rows[rows_before:]
    runs = bench.runs
    # The year's tasks of the account's scope at today's cutoff.
    params = dict(
        date_from=f"{bench.today.year}-01-01",
        date_to=f"{bench.today.year}-12-31",
        cutoff=bench.today,
        path=fixture["path"],
        excluded=("draft", "cancelled", "transferred"),
    )
    form1_query = SQL(benchmark.FORM1_SQL, **params)

    def timed(*queries):
        samples = []
        for run in range(runs + 1):
            start = time.perf_counter()
            for query in queries:
                bench.sql(query)
            if run:
                samples.append((time.perf_counter() - start) * 1000)
        return statistics.median(samples)

    form1 = timed(form1_query)
    # The dashboard shows Form 1 of the account's scope, both parts, and
    # the trend of the twelve months up to the period's end: for a leader or
    # the Office every unit of the database (on the generated data set, its
    # 34 provinces), for a unit's account its subtree.
    dashboard_params = dict(params, path="%" if role == "leader" else params["path"])
    dashboard = timed(
        SQL(benchmark.FORM1_SQL, **dashboard_params),
        SQL(benchmark.FORM1_COORDINATION_SQL, **dashboard_params),
        # The year's period: its twelve months are the year's.
        SQL(TREND_SQL, trend_from=params["date_from"], **dashboard_params),
    )
    return {
        "kanban": kanban["sql_ms"],
        "list": listing["sql_ms"],
        "form": timed(
            *(SQL(query, task_id=fixture["task_id"]) for query in FORM_QUERIES)
        ),
        "dashboard": dashboard,
        "form 1": form1,
    }


def main(argv=None):
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"],
        setup_logging=True,
    )
    only = set(args.only.split(",")) if args.only else None
    scenes = [s for s in SCENES if not only or s[0] in only]
    registry = Registry(args.database)
    benchmark.vacuum_if_needed(args.database, sys.stderr)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Task = env["directive.task"]
        today = Task._calendar_today()
        if Task._timeliness_stored_on() != today:
            # The server reads the stored categories: bring them to today as
            # the nightly job would have (committed, as the job commits).
            changed = Task._in_calendar_tz()._refresh_all_timeliness()
            cr.commit()
            _say(f"nightly refresh run first: {changed} tasks changed")
        bench = benchmark.Benchmark(env, args.runs, sys.stderr)
        fixtures = _fixtures(env, bench)
        cr.commit()
    rows = []
    servers = {"primary": (config["db_host"], config["db_port"])}
    if args.replica:
        servers["replica"] = tuple(args.replica)
    reads_before = {k: server_counters(*v, args.database) for k, v in servers.items()}
    floors = {}
    saved = []
    chromium = Chromium(args.chromium)
    try:
        for role in ROLES:
            fixture = fixtures[role]
            session = login(args.url, args.database, fixture["login"], args.password)
            cookie = session.cookies.get("session_id")
            floors[role] = http_floor(session, args.url, args.runs)
            for scene, page, target in scenes:
                url = f"{args.url}/odoo/{page.format(**fixture)}"
                recorded = chromium.record(url, cookie)
                saved += [
                    {"role": role, "scene": scene, "path": path, "body": body}
                    for path, body in recorded
                ]
                try:
                    medians = replay(session, args.url, recorded, args.runs)
                except Refused as refused:
                    _say(f"{scene:<10} {role:<8} refused to this role ({refused})")
                    continue
                calls = sorted(
                    zip(medians, [_label(*r) for r in recorded], strict=True),
                    reverse=True,
                )
                data_ms = sum(
                    ms
                    for ms, (path, _body) in zip(medians, recorded, strict=True)
                    if not _is_view_request(path)
                )
                data_requests = sum(
                    1 for path, _body in recorded if not _is_view_request(path)
                )
                rows.append(
                    {
                        "scene": scene,
                        "role": role,
                        "http_ms": data_ms,
                        "floor_ms": data_requests * floors[role],
                        "all_ms": sum(medians),
                        "requests": len(recorded),
                        "slowest": ", ".join(f"{n} {ms:.0f}" for ms, n in calls[:3]),
                        "target": target,
                    }
                )
                _say(
                    f"{scene:<10} {role:<8} {data_ms:8.1f} ms "
                    f"(all {sum(medians):.1f}) over "
                    f"{len(recorded)} requests: {rows[-1]['slowest']}"
                )
    finally:
        chromium.close()
        if args.save:
            Path(args.save).write_text(json.dumps(saved, indent=1, ensure_ascii=False))
    reads = {
        name: [a - b for a, b in zip(server_counters(*address, args.database),
                                     reads_before[name], strict=True)]
        for name, address in servers.items()
    }  # fmt: skip
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        bench = benchmark.Benchmark(env, args.runs, sys.stderr)
        bounds = {role: _sql_bounds(bench, role, fixtures[role]) for role in ROLES}
        cr.rollback()
        env["directive.report"].browse(
            [f["report_id"] for f in fixtures.values()]
        ).unlink()
        cr.commit()
    sys.stdout.write(markdown(rows, bounds))
    sys.stdout.write(
        "\nServed by the database servers during the recording and replay: "
        + "; ".join(
            f"{name} {xacts:,} transactions, {tuples:,} tuples read"
            for name, (xacts, tuples) in reads.items()
        )
        + ".\n"
    )
    return 0


def markdown(rows, bounds):
    # "floor": the data requests' count times the cheapest authenticated
    # call's time; the last ratio is over SQL plus that floor. The verdict
    # is the issue's, over SQL alone.
    lines = [
        "| scene | role | requests | HTTP, data (ms) | HTTP, all (ms) | SQL (ms) "
        "| ratio | target | verdict | floor (ms) | ratio over SQL + floor "
        "| slowest requests (ms) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|",
    ]
    for row in rows:
        sql_ms = bounds[row["role"]][row["scene"]]
        ratio = row["http_ms"] / sql_ms if sql_ms else float("inf")
        verdict = "pass" if ratio <= row["target"] else "FAIL"
        floored = row["http_ms"] / (sql_ms + row["floor_ms"])
        lines.append(
            f"| {row['scene']} | {row['role']} | {row['requests']} "
            f"| {row['http_ms']:.1f} | {row['all_ms']:.1f} | {sql_ms:.1f} "
            f"| {ratio:.2f} | ≤ {row['target']:g} "
            f"| {verdict} | {row['floor_ms']:.1f} | {floored:.2f} "
            f"| {row['slowest']} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
