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
import os
import resource
import statistics
import sys
import time
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


# Fields that a widget of the web client reads besides its own
# (``fieldDependencies`` in its JavaScript), for the widgets of the task views.
WIDGET_FIELDS = {
    "kanban_activity": (
        "activity_exception_decoration",
        "activity_exception_icon",
        "activity_state",
        "activity_summary",
        "activity_type_icon",
        "activity_type_id",
    ),
}


def _node_spec(model, root, view_type):
    spec = {}
    for node in root.iter("field"):
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue  # a field of an x2many's own view
        for name in WIDGET_FIELDS.get(node.get("widget"), ()):
            field = model._fields[name]
            spec[name] = {"fields": {"display_name": {}}} if field.relational else {}
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
    def __init__(self, env, runs, out, base_url=None):
        self.base_url = base_url
        self.env = env
        self.cr = env.cr
        self.runs = runs
        self.out = out
        self.rows = []
        # The users' and the daily job's today: Vietnam's date, a day ahead
        # of the server's UTC date every evening.
        self.today = env["directive.task"]._calendar_today()
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
    def measure(self, env, orm_call, sql_call, runs=None):
        """Median times of the ORM and SQL calls, run alternately so that
        both see the same load of the machine; the first run of each only
        warms the caches.  Returns (orm ms, sql ms, orm result, sql result,
        queries of one ORM run)."""
        orm_samples, sql_samples, queries = [], [], 0
        orm_result = sql_result = None
        for run in range((runs or self.runs) + 1):
            env.invalidate_all()
            count = self.cr.sql_log_count
            start = time.perf_counter()
            orm_result = orm_call(env)
            elapsed = time.perf_counter() - start
            queries = self.cr.sql_log_count - count
            if run:
                orm_samples.append(elapsed)
            start = time.perf_counter()
            sql_result = sql_call()
            elapsed = time.perf_counter() - start
            if run:
                sql_samples.append(elapsed)
        return (
            _median_ms(orm_samples),
            _median_ms(sql_samples),
            orm_result,
            sql_result,
            queries,
        )

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

        orm_ms, sql_ms, result, (rows, length), queries = self.measure(env, orm, sql)
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
        orm_ms, sql_ms, count, rows, queries = self.measure(
            env,
            lambda env: env["directive.task"].search_count(domain),
            lambda: self.sql(query, params),
        )
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
                f"""SELECT t.state, count(*), sum(t.days_overdue), sum(t.progress)
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
            for state, _count, *_sums in groups:
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

        orm_ms, sql_ms, records, sql_records, queries = self.measure(env, orm, sql)
        same = sorted(records) == sorted(r[1] for r in sql_records)
        self.record("kanban by status", role, orm_ms, sql_ms, TARGETS["kanban"], same,
                    queries)  # fmt: skip

    def _sample_source_number(self, role):
        """The number of a recent document with open tasks of the role's
        units, as the user would type it."""
        access, params = self.access(role)
        self.cr.execute(
            f"""SELECT s.number FROM directive_source s
                 WHERE s.number IS NOT NULL AND EXISTS (
                       SELECT 1 FROM directive_task t
                        WHERE t.source_id = s.id AND t.state IN %(open)s
                          AND {access})
                 ORDER BY s.date DESC, s.id DESC LIMIT 1""",
            dict(params, open=OPEN_STATES),
        )
        row = self.cr.fetchone()
        return row[0] if row else "1/UBND"

    def _sample_content_words(self, role):
        """Three words of the content of an open task the role sees."""
        access, params = self.access(role)
        self.cr.execute(
            f"""SELECT t.name FROM directive_task t
                 WHERE t.state IN %(open)s AND {access}
                 ORDER BY t.id DESC LIMIT 1""",
            dict(params, open=OPEN_STATES),
        )
        row = self.cr.fetchone()
        return " ".join(row[0].split()[1:4]) if row else "nhà ở xã hội"

    def bench_searches(self, role):
        """What a user types in the search box: a document number (the
        Source field), words of a document's excerpt (Source field too), words
        of the task content (the Content or code field)."""
        number = self._sample_source_number(role)
        words = self._sample_content_words(role)
        excerpt = "giải phóng mặt bằng"
        searches = [
            ("search number", number, [("source_id", "ilike", number)], SOURCE_MATCH),
            (
                "search excerpt",
                excerpt,
                [("source_id", "ilike", excerpt)],
                SOURCE_MATCH,
            ),
            (
                "search content",
                words,
                ["|", ("code", "ilike", words), ("name", "ilike", words)],
                CONTENT_MATCH,
            ),
        ]
        for name, value, domain, match in searches:
            self.bench_list(role, domain, match, {"pattern": f"%{value}%"}, name=name)

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

        orm_ms, sql_ms, _orm, _sql, queries = self.measure(env, orm, sql)
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

        try:
            # Slow (minutes on a national database): one timed run.
            orm_ms, sql_ms, _orm, _sql, queries = self.measure(env, orm, sql, runs=1)
        finally:
            Task._commit_batch = commit_batch
        env.invalidate_all()
        self.record(
            "reminder job", "cron", orm_ms, sql_ms, None,
            created["orm"] == created["sql"], queries,
            f"{created['orm']} reminders",
        )  # fmt: skip

    # ------------------------------------------------------------- reports
    def _report(self, **values):
        """A draft report, as the Office creates them (leaders only read)."""
        values.setdefault("cutoff_date", self.today)
        return self.env["directive.report"].sudo().create(values)

    @property
    def roles_unit(self):
        """The commune account's unit (a small report scope)."""
        return self.env["res.users"].browse(self.roles["commune"][0]).unit_id.id

    def _province_root(self):
        leader = self.env["res.users"].browse(self.roles["leader"][0])
        return leader.unit_id

    def bench_form1(self):
        env = self.user_env("leader")
        root = self._province_root()
        year = self.today.year
        report = self._report(
            form="1", period_type="year", period_year=year, scope_unit_id=root.id
        )
        params = {
            "date_from": date(year, 1, 1),
            "date_to": date(year, 12, 31),
            "cutoff": self.today,
            "path": f"{root.parent_path}%",
            "excluded": ("draft", "cancelled", "transferred"),
        }

        def orm(env):
            return report.with_env(env)._get_rows()

        orm_ms, sql_ms, rows, sql_rows, queries = self.measure(
            env, orm, lambda: self.sql(FORM1_SQL, params)
        )
        total = next((r["total"] for r in rows if r["line_type"] == "total"), None)
        units = sum(1 for r in rows if r["line_type"] == "unit")
        same = total == sum(r[2] for r in sql_rows) and units == len(sql_rows)
        self.record(
            "form 1, province, year", "leader", orm_ms, sql_ms, TARGETS["form1"],
            same, queries, f"{units} units, {total} tasks",
        )  # fmt: skip

    def _exported(self, call):
        """Run ``call`` once; return (seconds, peak RSS MB of this process,
        its growth in MB, result)."""
        before = _rss_mb("VmRSS")
        _reset_peak_rss()
        start = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - start
        peak = _rss_mb("VmHWM")
        return elapsed, peak, peak - before, result

    def bench_exports(self):
        env = self.user_env("leader")
        actions = env["ir.actions.report"]

        def pdf(report):
            return actions._render_qweb_pdf(
                "directive_tracking.directive_report_action_pdf", [report.id]
            )[0]

        if self.base_url:
            # wkhtmltopdf fetches the stylesheets from Odoo, as in production.
            self.env["ir.config_parameter"].set_param("report.url", self.base_url)
        # A first, small PDF builds the report's assets (cached in production).
        pdf(self._report(form="1", period_type="month", scope_unit_id=self.roles_unit))
        report = self._report(form="1", period_type="year", period_year=self.today.year)
        seconds, peak, growth, content = self._exported(lambda: pdf(report))
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        units = sum(1 for r in report._get_rows() if r["line_type"] == "unit")
        self.record_export(
            "PDF of form 1, all units", seconds, peak, growth,
            f"{units} units, {len(content) // 1024} kB; wkhtmltopdf peak "
            f"{children:.0f} MB", None, None,
        )  # fmt: skip
        self.cr.execute(
            """SELECT assign_date FROM directive_task
                WHERE state NOT IN ('draft', 'cancelled', 'transferred')
                ORDER BY assign_date DESC OFFSET 99999 LIMIT 1"""
        )
        date_from = self.cr.fetchone()[0]
        report = self._report(
            form="2", period_type="custom", date_from=date_from, date_to=self.today
        )
        report = report.with_env(env)
        seconds, peak, growth, content = self._exported(report._render_xlsx)
        tasks = sum(1 for r in report._get_rows() if r.get("line_type") == "task")
        self.record_export(
            "Excel of form 2", seconds, peak, growth,
            f"{tasks} tasks, {len(content) // 1024} kB", 60, 1024,
        )  # fmt: skip

    def record_export(self, operation, seconds, peak, growth, note, max_s, max_mb):
        verdict = "-"
        if max_s:
            ok = seconds < max_s and peak < max_mb
            verdict = "pass" if ok else "FAIL"
        self.rows.append(
            {
                "operation": operation,
                "role": "leader",
                "orm_ms": seconds * 1000,
                "sql_ms": None,
                "ratio": None,
                "target": f"< {max_s} s, < {max_mb} MB" if max_s else None,
                "verdict": verdict,
                "queries": None,
                "note": f"{note}; peak RSS {peak:.0f} MB (+{growth:.0f} MB)",
            }
        )
        self.out.write(
            f"  {operation:<28} leader   {seconds:9.1f} s   peak RSS {peak:.0f} MB "
            f"(+{growth:.0f} MB)  {verdict} {note}\n"
        )
        self.out.flush()

    # ---------------------------------------------------------------- report
    def run(self, only):
        cr = self.cr
        cr.execute(
            """SELECT (SELECT count(*) FROM directive_unit),
                      (SELECT count(*) FROM res_users WHERE unit_id IS NOT NULL),
                      (SELECT count(*) FROM directive_source),
                      (SELECT count(*) FROM directive_task),
                      (SELECT count(*) FROM directive_task_update)"""
        )
        units, accounts, sources, tasks, updates = cr.fetchone()
        self.header = (
            f"Data set: {units:,} units, {accounts:,} accounts, {sources:,} sources, "
            f"{tasks:,} tasks, {updates:,} progress updates; median of "
            f"{self.runs} runs, ORM and SQL alternated, record cache emptied "
            "before each ORM run."
        )
        self.out.write(self.header + "\n")
        # Lists, kanban, reports and their lower bounds read the categories
        # that the nightly job stores. When it has not run today on this data
        # set (built on an earlier day), run it first, as it would have at
        # midnight; rolled back with the rest.
        Task = self.env["directive.task"]
        if Task._timeliness_stored_on() != self.today:
            changed = Task._in_calendar_tz()._refresh_all_timeliness()
            self.out.write(f"  nightly refresh run first: {changed} tasks changed\n")
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
        if "directive.report" in self.env:
            if not only or "form1" in only:
                self.bench_form1()
            if not only or "exports" in only:
                self.bench_exports()
        if not only or "refresh" in only:
            self.bench_refresh(1)
            self.bench_refresh(30)
        if not only or "reminders" in only:
            self.bench_reminders()
        return self.rows


def _rss_mb(key):
    with open("/proc/self/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak_rss():
    """Make VmHWM (peak RSS) start again from the current RSS (Linux)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="utf-8") as clear:
            clear.write("5")
    except OSError:
        pass


# Form 1 from the stored timeliness (fresh today): tasks assigned in the
# period, by agency or commune (the second level of the tree).
FORM1_SQL = """
    SELECT top.id, top.name, count(*) AS total,
           count(*) FILTER (WHERE t.timeliness = 'done_on_time') AS on_time,
           count(*) FILTER (WHERE t.timeliness = 'done_late') AS late,
           count(*) FILTER (WHERE t.timeliness = 'open_within') AS within,
           count(*) FILTER (WHERE t.timeliness = 'open_overdue') AS overdue,
           count(*) FILTER (WHERE t.is_not_started) AS not_started,
           count(*) FILTER (WHERE t.timeliness = 'no_deadline_done') AS nd_done,
           count(*) FILTER (WHERE t.timeliness = 'no_deadline_open') AS nd_open
      FROM directive_task t
      JOIN directive_unit lead ON lead.id = t.lead_unit_id
      JOIN directive_unit top
        ON top.id = NULLIF(split_part(lead.parent_path, '/', 2), '')::integer
     WHERE t.lead_unit_id IN (SELECT id FROM directive_unit
                               WHERE parent_path LIKE %(path)s)
       AND t.state NOT IN %(excluded)s
       AND t.assign_date BETWEEN %(date_from)s AND %(date_to)s
       AND t.assign_date <= %(cutoff)s
     GROUP BY top.id, top.name, top.sequence
     ORDER BY top.sequence, top.name"""
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


def machine_info(cr):
    """One line saying where the numbers come from."""
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            memory = int(meminfo.readline().split()[1]) / 1024 / 1024
    except OSError:
        memory = 0
    cr.execute("SHOW server_version")
    version = cr.fetchone()[0].split()[0]
    return (
        f"{os.cpu_count()} CPU ({cpu}), {memory:.0f} GB RAM, "
        f"PostgreSQL {version}, Python {sys.version.split()[0]}"
    )


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
        sql_ms = "-" if row["sql_ms"] is None else f"{row['sql_ms']:.1f}"
        ratio = "-" if row["ratio"] is None else f"{row['ratio']:.2f}"
        queries = "-" if row["queries"] is None else row["queries"]
        lines.append(
            f"| {operation} | {row['role']} | {row['orm_ms']:.1f} | {sql_ms} | "
            f"{ratio} | {target} | {row['verdict'].split(': ')[-1]} | {queries} |"
        )
    return "\n".join(lines) + "\n"


def _parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo config file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--only",
        help="comma-separated: list,count,kanban,search,form1,exports,refresh,"
        "reminders",
    )
    return parser.parse_args(argv)


def _serve_http(odoo):
    """Odoo's HTTP server in a thread, on a free local port: wkhtmltopdf
    downloads the report's stylesheets from it."""
    import socket

    from odoo.service.server import ThreadedServer
    from odoo.tools import config

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config["http_interface"] = "127.0.0.1"
    config["http_port"] = port
    ThreadedServer(odoo.http.root).http_spawn()
    return f"http://127.0.0.1:{port}"


def main(argv=None):
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    import odoo
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.registry(args.database)
    only = set(args.only.split(",")) if args.only else set()
    base_url = _serve_http(odoo) if not only or "exports" in only else None
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        bench = Benchmark(env, args.runs, sys.stderr, base_url)
        try:
            rows = bench.run(only)
            machine = machine_info(cr)
        finally:
            cr.rollback()
    sys.stdout.write(f"{bench.header}\n\nMachine: {machine}\n\n{markdown(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
