#!/usr/bin/env python3
"""Time what the web client asks of directive_tracking against the SQL lower
bound, on a data set built by tools/generate.

    tools/benchmark --db NAME [--runs 5] [--only list,count,...]

(tools/benchmark prepares the virtualenv and the cluster, then runs this
script).  Directly: python tools/benchmark.py -c odoo.conf -d NAME.

For each operation and role (a commune account, a provincial agency account,
a leader; the daily jobs run as the cron user) it times, in the same run and
the same transaction:

- ORM: exactly the calls the Odoo 19.0 web client makes (web_search_read
  with the view's field specification, search_count, the kanban's single
  web_read_group returning its columns and their cards, read_progress_bar),
  as that user, with the record cache emptied before every run;
- SQL: hand-written SQL returning the same rows under the same access
  restriction: the lower bound for the ORM.

It prints the median of ``--runs`` runs of each, their ratio and the target,
checks that both sides returned the same rows, and rolls everything back.
"""

import argparse
import ast
import json
import os
import resource
import statistics
import sys
import time
from datetime import date, timedelta

from lxml import etree

import odoo.init  # noqa: F401  (Odoo's core setup, first)
from odoo.tools import SQL

OPEN_STATES = ("assigned", "in_progress", "to_confirm", "returned", "paused")
# The web client's count_limit: its DEFAULT_COUNT_LIMIT (10,000) + 1.
COUNT_LIMIT = 10001
# The window action's limit (80): the list's page, and the cards per kanban
# column unless the view sets its own limit.
ACTION_LIMIT = 80
# web_read_group opens at most this many kanban columns (MAX_NUMBER_OPENED_GROUPS)
KANBAN_OPENED_COLUMNS = 10
TARGETS = {
    "list": 2.0,
    "count": 2.0,
    "kanban": 2.0,
    "form1": 2.0,
    "search number": 3.0,
    "search excerpt": 3.0,
    "search content": 3.0,
    "reminder job": 2.0,
}


# --------------------------------------------------------------------------
# Field specifications, as the 19.0 web client builds them from the views
# (getFieldsSpec of web/static/src/model/relational_model/utils.js)
# --------------------------------------------------------------------------
# Fields that a widget reads besides its own (``fieldDependencies`` in its
# JavaScript), for the widgets of the task views: (name, type).
WIDGET_FIELDS = {
    "kanban_activity": (
        ("activity_exception_decoration", "selection"),
        ("activity_exception_icon", "char"),
        ("activity_state", "selection"),
        ("activity_summary", "char"),
        ("activity_type_icon", "char"),
        ("activity_type_id", "many2one"),
    ),
    "activity_exception": (("activity_exception_icon", "char"),),
}
# Fields that an x2many widget without a sub-view reads from the related
# records (``relatedFields``), e.g. many2many_tags.
WIDGET_RELATED_FIELDS = {
    "many2many_tags": lambda options: ["display_name"]
    + ([options["color_field"]] if options.get("color_field") else []),
}
X2MANY = ("one2many", "many2many")


class ViewInfo:
    """What the web client takes from a view: its arch, the fields'
    descriptions (fields_get) and the field specification it sends."""

    def __init__(self, model, view_type, view_id=None):
        views = model.get_views([(view_id, view_type)])
        self.arch = etree.fromstring(views["views"][view_type]["arch"])
        self.models = {name: info["fields"] for name, info in views["models"].items()}
        fields = self.models[model._name]
        active = _active_fields(self.arch, fields, self.models)
        self.progress_bar = self.sum_field = None
        if view_type == "kanban":
            # The kanban controller adds the card colour field and the
            # progress bar's sum field (both read-only dependencies).
            color = self.arch.get("highlight_color")
            if color:
                _add_dependency(active, color, "integer")
            node = self.arch.find(".//progressbar")
            if node is not None:
                # What progress_bar_hook.js sends: colors, field, help.
                self.progress_bar = {
                    "colors": json.loads(node.get("colors")),
                    "field": node.get("field"),
                }
                if node.get("help"):
                    self.progress_bar["help"] = node.get("help")
                self.sum_field = node.get("sum_field")
                if self.sum_field:
                    sum_type = fields[self.sum_field]["type"]
                    _add_dependency(active, self.sum_field, sum_type)
        if view_type == "form":
            _add_dependency(active, "display_name", "char")
        self.spec = _fields_spec(active, fields)
        # Aggregates of a grouped view: the progress bar's sum field only
        # (the kanban's fieldsToAggregate).
        self.aggregates = [f"{self.sum_field}:sum"] if self.sum_field else []


def view_spec(model, view_type, view_id=None):
    """The ``specification`` the web client sends for a view."""
    return ViewInfo(model, view_type, view_id).spec


def _always(value):
    return value in ("True", "1")


def _add_dependency(active, name, ftype):
    """addFieldDependencies(): a field the view needs without showing it
    (described by its type alone when the view's fields_get lacks it)."""
    if name not in active:
        active[name] = {
            "invisible": False,
            "context": None,
            "sub": {} if ftype in X2MANY else None,
            "limit": None,
            "order": None,
            "type": ftype,
        }


def _order_to_string(order):
    """A view's default_order as orderByToString() writes it."""
    parts = []
    for part in (order or "").split(","):
        words = part.split()
        if words:
            desc = len(words) > 1 and words[1].lower() == "desc"
            parts.append(f"{words[0]} {'DESC' if desc else 'ASC'}")
    return ",".join(parts)


def _active_fields(root, fields, models):
    """activeFields of extractFieldsFromArchInfo(): every <field> of the view
    (a kanban's templates included, an x2many's own views excluded), in
    document order, each followed by its widget's dependencies."""
    active = {}
    for node in root.iter("field"):
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue  # a field of an x2many's own view
        name = node.get("name")
        field = fields[name]
        widget = node.get("widget")
        invisible = _always(node.get("invisible")) or _always(
            node.get("column_invisible")
        )
        info = active.get(name)
        if info is None:
            info = active[name] = {
                "invisible": invisible,
                "context": None,
                "sub": None,
                "limit": None,
                "order": None,
            }
        else:
            # patchActiveFields: invisible only if invisible everywhere
            info["invisible"] = info["invisible"] and invisible
        if node.get("context") and node.get("context") != "{}":
            info["context"] = ast.literal_eval(node.get("context"))
        if field["type"] in X2MANY:
            comodel = field["relation"]
            sub = next(iter(node.iterchildren("list", "kanban")), None)
            if sub is not None:
                info["sub"] = _active_fields(sub, models[comodel], models)
                info["limit"] = int(sub.get("limit") or 40)
                info["order"] = _order_to_string(sub.get("default_order")) or None
                info["subfields"] = models[comodel]
            elif widget in WIDGET_RELATED_FIELDS:
                options = ast.literal_eval(node.get("options") or "{}")
                info["sub"] = {
                    fname: {"invisible": False, "context": None, "sub": None,
                            "limit": None, "order": None}
                    for fname in WIDGET_RELATED_FIELDS[widget](options)
                }  # fmt: skip
                info["subfields"] = models.get(comodel) or {
                    fname: {"type": "char"} for fname in info["sub"]
                }
            elif info["sub"] is None:
                info["sub"] = {}
                info["subfields"] = {}
        for dep_name, dep_type in WIDGET_FIELDS.get(widget, ()):
            _add_dependency(active, dep_name, dep_type)
    return active


def _fields_spec(active, fields):
    """getFieldsSpec() of the 19.0 web client (without properties)."""
    spec = {}
    for name, info in active.items():
        field = fields.get(name) or {"type": info["type"]}
        ftype = field["type"]
        context = info["context"] or field.get("context") or None
        entry = spec[name] = {}
        if ftype in X2MANY:
            if info["sub"] is not None and not info["invisible"]:
                entry["fields"] = _fields_spec(info["sub"], info.get("subfields", {}))
                if context:
                    entry["context"] = context
                if info["limit"]:
                    entry["limit"] = info["limit"]
                if info["order"]:
                    entry["order"] = info["order"]
        elif ftype in ("many2one", "reference"):
            entry["fields"] = {}
            if not info["invisible"]:
                entry["fields"]["display_name"] = {}
                if context:
                    entry["context"] = context
    return spec


# --------------------------------------------------------------------------
# SQL lower bounds
# --------------------------------------------------------------------------
# Tasks a unit account may read (rule directive_task_rule_unit_subtree): the
# ones its subtree leads or coordinates.
UNIT_ACCESS = """
    t.id IN (SELECT id FROM directive_task WHERE lead_unit_id IN (
                 SELECT id FROM directive_unit WHERE parent_path LIKE %(path)s)
             UNION ALL
             SELECT task_id FROM directive_task_coordination
              WHERE unit_id IN (
                 SELECT id FROM directive_unit WHERE parent_path LIKE %(path)s))"""
# The following officer's name (op.name), and one page of the tasks in the
# views' order (directive.task's _order), for the list and the kanban.
_OFFICER_JOIN = """
      LEFT JOIN res_users ous ON ous.id = t.officer_id
      LEFT JOIN res_partner op ON op.id = ous.partner_id"""
_PAGE = """
     WHERE %(where)s
     ORDER BY t.deadline, t.id DESC
     LIMIT %(limit)s"""
# The names a task's row in the list and its form show: its lead unit,
# source, leader and officer.
TASK_NAMES_JOIN = (
    """
      JOIN directive_unit lu ON lu.id = t.lead_unit_id
      LEFT JOIN directive_source s ON s.id = t.source_id
      LEFT JOIN res_users lus ON lus.id = t.leader_id
      LEFT JOIN res_partner lp ON lp.id = lus.partner_id"""
    + _OFFICER_JOIN
)
LIST_SQL = (
    """
    SELECT t.id, t.code, t.name, t.lead_unit_id, lu.name, t.source_id,
           s.source_type, s.number, s.meeting_name, s.date,
           t.leader_id, lp.name, t.officer_id, op.name, t.deadline,
           t.extension_count, t.progress, t.last_update_date, t.days_overdue,
           t.is_due_soon, t.timeliness, t.state
      FROM directive_task t"""
    + TASK_NAMES_JOIN
    + _PAGE
)
KANBAN_SQL = (
    """
    SELECT t.id, t.state, t.timeliness, t.is_due_soon, t.is_stale,
           t.days_overdue, t.code, t.name, t.lead_unit_id, lu.name, t.progress,
           t.deadline, t.officer_id, op.name,
           (SELECT array_agg(a.id ORDER BY a.date_deadline)
              FROM mail_activity a
             WHERE a.res_model = 'directive.task' AND a.res_id = t.id) AS activities
      FROM directive_task t
      JOIN directive_unit lu ON lu.id = t.lead_unit_id"""
    + _OFFICER_JOIN
    + _PAGE
)
LIMITED_COUNT_SQL = """
    SELECT count(*) FROM (SELECT 1 FROM directive_task t WHERE %(where)s
                          LIMIT %(limit)s) AS limited"""
SOURCE_MATCH = """
    t.source_id IN (SELECT id FROM directive_source
                     WHERE number ILIKE %(pattern)s OR excerpt ILIKE %(pattern)s
                        OR meeting_name ILIKE %(pattern)s)"""
CONTENT_MATCH = "(t.code ILIKE %(pattern)s OR t.name ILIKE %(pattern)s)"


def _refuse_commit():
    """Stands for the benchmark cursors' commit: everything is rolled back."""
    raise RuntimeError("the benchmark must not commit: all is rolled back")


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
        Users = self.env["res.users"].with_context(active_test=False)
        officer = self.env.ref("directive_tracking.group_officer")
        # The Office's unit (an officer's): its accounts see the province.
        office = Users.search([("all_group_ids", "in", officer.id)], limit=1).unit_id
        roles = {}
        for role, level in (("commune", "commune"), ("agency", "agency")):
            cr.execute(
                SQL(
                    """SELECT u.id, unit.parent_path
                         FROM res_users u
                         JOIN directive_unit unit ON unit.id = u.unit_id
                         JOIN directive_unit_level l ON l.id = unit.level_id
                        WHERE u.active AND l.code = %(level)s
                          AND unit.code LIKE 'G%%' AND unit.id != %(office)s
                        ORDER BY (SELECT count(*) FROM directive_task t
                                   WHERE t.lead_unit_id = unit.id) DESC, u.id
                        LIMIT 1""",
                    level=level,
                    office=office.id or 0,
                )
            )
            user_id, path = cr.fetchone()
            roles[role] = (user_id, path + "%")
        leader = self.env.ref("directive_tracking.group_leader")
        user = Users.search(
            [("all_group_ids", "in", leader.id), ("login", "=like", "g%")],
            order="id",
            limit=1,
        )
        roles["leader"] = (user.id, None)
        return roles

    def user_env(self, role):
        """The user's environment with the context the web client sends."""
        user_id = self.roles[role][0]
        env = self.env(user=user_id, su=False)
        context = dict(env["res.users"].context_get(), bin_size=True)
        context["allowed_company_ids"] = [env.user.company_id.id]
        return env(context=context)

    def access(self, role):
        """The role's record rule on tasks (alias ``t``), as SQL."""
        path = self.roles[role][1]
        if path is None:
            return SQL("TRUE")
        return SQL(UNIT_ACCESS, path=path)

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

    def sql(self, query):
        self.cr.execute(query)
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
    def bench_list(self, role, extra_domain=(), extra_sql=None, name="list"):
        """The list view as the web client opens it: one web_search_read of
        the first page, with the default "Open" filter (and a search)."""
        env = self.user_env(role)
        spec = view_spec(env["directive.task"], "list")
        domain = [("state", "in", OPEN_STATES), *extra_domain]

        def orm(env):
            # _loadUngroupedList(): offset 0, limit 80, the view's default
            # order (none: ""), count_limit 10,001.
            return env["directive.task"].web_search_read(
                domain, spec, offset=0, limit=ACTION_LIMIT, order="",
                count_limit=COUNT_LIMIT,
            )  # fmt: skip

        where = SQL(
            "t.state IN %s AND %s AND %s",
            OPEN_STATES,
            self.access(role),
            extra_sql or SQL("TRUE"),
        )

        def sql():
            rows = self.sql(SQL(LIST_SQL, where=where, limit=ACTION_LIMIT))
            length = len(rows)
            if length == ACTION_LIMIT:
                length = self.sql(
                    SQL(LIMITED_COUNT_SQL, where=where, limit=COUNT_LIMIT)
                )[0][0]
            return rows, length

        orm_ms, sql_ms, result, (rows, length), queries = self.measure(env, orm, sql)
        same = [r["id"] for r in result["records"]] == [r[0] for r in rows] and (
            result["length"] == length
        )
        note = f"{length} rows" if length < COUNT_LIMIT else "10000+ rows"
        self.record(name, role, orm_ms, sql_ms, TARGETS[name], same, queries, note)

    def bench_count(self, role):
        """The exact count the pager asks for when the user clicks on
        "10000+": search_count without limit (_updateCount())."""
        env = self.user_env(role)
        domain = [("state", "in", OPEN_STATES)]
        query = SQL(
            "SELECT count(*) FROM directive_task t WHERE t.state IN %s AND %s",
            OPEN_STATES,
            self.access(role),
        )
        orm_ms, sql_ms, count, rows, queries = self.measure(
            env,
            lambda env: env["directive.task"].search_count(domain),
            lambda: self.sql(query),
        )
        same = rows[0][0] == count
        self.record("count", role, orm_ms, sql_ms, TARGETS["count"], same, queries,
                    f"{count} tasks")  # fmt: skip

    def bench_kanban(self, role):
        """The kanban grouped by status as the 19.0 web client loads it: ONE
        web_read_group that returns the columns and the cards of the open
        ones (_webReadGroup() of relational_model.js), and read_progress_bar
        (progress_bar_hook.js)."""
        env = self.user_env(role)
        view = ViewInfo(env["directive.task"], "kanban")
        domain = [("state", "in", OPEN_STATES)]
        groupby = [view.arch.get("default_group_by")]
        limit = int(view.arch.get("limit") or ACTION_LIMIT)

        def orm(env):
            Task = env["directive.task"].with_context(read_group_expand=True)
            result = Task.web_read_group(
                domain, groupby, view.aggregates, offset=0, order="",
                auto_unfold=True, opening_info=[],
                unfold_read_specification=view.spec,
                unfold_read_default_limit=limit,
                groupby_read_specification={},
            )  # fmt: skip
            bars = env["directive.task"].read_progress_bar(
                domain=domain, group_by=groupby[0], progress_bar=view.progress_bar
            )
            records = [
                (group[groupby[0]], record["id"])
                for group in result["groups"]
                for record in group.get("__records", ())
            ]
            counts = {
                (group[groupby[0]], value): count
                for group in result["groups"]
                for value, count in bars.get(str(group[groupby[0]]), {}).items()
                if count
            }
            return records, counts

        where = SQL("t.state IN %s AND %s", OPEN_STATES, self.access(role))
        bar_field = SQL.identifier("t", view.progress_bar["field"])
        colors = tuple(view.progress_bar["colors"])

        def sql():
            groups = self.sql(
                SQL(
                    """SELECT t.state, count(*) FROM directive_task t WHERE %s
                        GROUP BY t.state ORDER BY t.state""",
                    where,
                )
            )
            bars = self.sql(
                SQL(
                    """SELECT t.state, %s, count(*) FROM directive_task t
                        WHERE %s AND %s IN %s GROUP BY 1, 2""",
                    bar_field,
                    where,
                    bar_field,
                    colors,
                )
            )
            records = []
            # The cards of the first 10 columns (the others stay folded); the
            # column's count is its group's.
            for state, _count in groups[:KANBAN_OPENED_COLUMNS]:
                state_where = SQL("t.state = %s AND %s", state, self.access(role))
                rows = self.sql(SQL(KANBAN_SQL, where=state_where, limit=limit))
                records += [(state, r[0]) for r in rows]
            return records, {(state, value): n for state, value, n in bars}

        orm_ms, sql_ms, orm_result, sql_result, queries = self.measure(env, orm, sql)
        same = (
            sorted(orm_result[0]) == sorted(sql_result[0])
            and orm_result[1] == sql_result[1]
        )
        self.record("kanban by status", role, orm_ms, sql_ms, TARGETS["kanban"], same,
                    queries)  # fmt: skip

    def _sample_source_number(self, role):
        """The number of a recent document with open tasks of the role's
        units, as the user would type it."""
        self.cr.execute(
            SQL(
                """SELECT s.number FROM directive_source s
                    WHERE s.number IS NOT NULL AND EXISTS (
                          SELECT 1 FROM directive_task t
                           WHERE t.source_id = s.id AND t.state IN %s AND %s)
                    ORDER BY s.date DESC, s.id DESC LIMIT 1""",
                OPEN_STATES,
                self.access(role),
            )
        )
        row = self.cr.fetchone()
        return row[0] if row else "1/UBND"

    def _sample_content_words(self, role):
        """Three words of the content of an open task the role sees."""
        self.cr.execute(
            SQL(
                """SELECT t.name FROM directive_task t
                    WHERE t.state IN %s AND %s
                    ORDER BY t.id DESC LIMIT 1""",
                OPEN_STATES,
                self.access(role),
            )
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
            self.bench_list(role, domain, SQL(match, pattern=f"%{value}%"), name=name)

    # ------------------------------------------------------------- daily jobs
    @staticmethod
    def _cron_env(env):
        return env(user=env.ref("base.user_root").id, su=True)

    def bench_refresh(self, days_ahead):
        env = self._cron_env(self.env)
        Task = env["directive.task"]
        cutoff = self.today + timedelta(days=days_ahead)
        query = Task._timeliness_update_query(cutoff)
        cr = self.cr
        changed = {}

        def orm(env):
            cr.execute(SQL("SAVEPOINT bench_refresh"))
            changed["orm"] = env["directive.task"]._refresh_all_timeliness(cutoff)
            cr.execute(SQL("ROLLBACK TO SAVEPOINT bench_refresh"))

        def sql():
            cr.execute(SQL("SAVEPOINT bench_refresh"))
            cr.execute(query)
            changed["sql"] = cr.rowcount
            cr.execute(SQL("ROLLBACK TO SAVEPOINT bench_refresh"))

        orm_ms, sql_ms, _orm, _sql, queries = self.measure(env, orm, sql)
        env.invalidate_all()
        verdict = "pass" if orm_ms < 120000 else "FAIL"
        self.record(
            f"daily refresh (day +{days_ahead})", "cron", orm_ms, sql_ms,
            f"< 2 min: {verdict}", changed["orm"] == changed["sql"], queries,
            f"{changed['orm']} rows changed",
        )  # fmt: skip

    def bench_reminders(self):
        """The daily reminders, each run in a transaction of its own, rolled
        back. In the benchmark's transaction, every run rolled back to a
        savepoint leaves the rows it wrote to be checked against its
        subtransactions by the next: the job and its SQL alike took 4 to 6
        times as long as in a run of their own (79 s and 60 s against 10 s
        for the statement alone).

        Two days: the first (no reminder open: every one is created), and
        a day like the others, when yesterday's reminders are still open
        and are brought up to date."""
        today = self.today
        reminder = self.env.ref("directive_tracking.mail_activity_type_reminder")
        focal = self.env.ref("directive_tracking.group_unit_admin")
        Task = self.env["directive.task"]

        def reminder_sql(day):
            return SQL(
                REMINDER_SQL,
                today=day,
                model_id=self.env["ir.model"]._get_id("directive.task"),
                type=reminder.id,
                # Focal points hold the group itself or a group implying it
                # (res_groups_users_rel has only the groups given explicitly).
                focal=tuple(focal.all_implied_by_ids.ids),
                uid=self._cron_env(self.env).uid,
                horizon=Task._due_soon_horizon(day),
                subtypes=self.env["mail.message.subtype"]
                .default_subtypes("directive.task")[0]
                .ids,
            )

        digest_sql = SQL(DIGEST_SQL, open=OPEN_STATES)
        # Both sides start from a day without reminders: on a data set where
        # the job ran (today or before), its reminders and today's dates are
        # forgotten first (and rolled back with the run).
        first_day = SQL(
            """UPDATE directive_task SET last_reminder_date = NULL
                WHERE last_reminder_date >= %(today)s;
               UPDATE directive_task_coordination SET last_reminder_date = NULL
                WHERE last_reminder_date >= %(today)s;
               DELETE FROM mail_activity
                WHERE res_model = 'directive.task' AND activity_type_id = %(type)s""",
            today=today,
            type=reminder.id,
        )
        # Then yesterday's run, left open; its activities analyzed, as
        # autovacuum would have done overnight (planned as an empty table,
        # the SQL side looped over them for minutes).
        next_day = SQL(
            "%s; %s; ANALYZE mail_activity",
            first_day,
            reminder_sql(today - timedelta(days=1)),
        )
        today_sql = reminder_sql(today)

        def orm(env):
            # As _cron_daily calls them: in Vietnam's time zone, whose date
            # the SQL side uses (the server's UTC date is a day behind every
            # evening).
            tasks = env["directive.task"]._in_calendar_tz()
            created = tasks._send_reminders()
            tasks._send_office_digest()
            env.flush_all()
            return created

        def sql(env):
            env.cr.execute(today_sql)
            created = env.cr.fetchone()[0]
            env.cr.execute(digest_sql)
            env.cr.fetchall()
            return created

        # The job commits after each batch (ir.cron._commit_progress), which
        # would make the run irreversible: count nothing, commit nothing.
        IrCron = type(self.env["ir.cron"])
        commit_progress = IrCron._commit_progress
        IrCron._commit_progress = lambda self, processed=0, **kwargs: float("inf")
        try:
            for label, prepare in (
                ("reminder job, first day", first_day),
                ("reminder job, next day", next_day),
            ):
                samples, created, queries = {"orm": [], "sql": []}, {}, 0
                # Slow (minutes on a national database): one timed run of
                # each after one that warms the caches.
                for run in range(2):
                    for side, call in (("orm", orm), ("sql", sql)):
                        elapsed, created[side], count = self._in_own_transaction(
                            prepare, call
                        )
                        if run:
                            samples[side].append(elapsed)
                        if side == "orm":
                            queries = count
                self.record(
                    label, "cron", _median_ms(samples["orm"]),
                    _median_ms(samples["sql"]), TARGETS["reminder job"],
                    created["orm"] == created["sql"], queries,
                    f"{created['orm']} reminders",
                )  # fmt: skip
        finally:
            IrCron._commit_progress = commit_progress

    def _in_own_transaction(self, prepare, call):
        """Seconds, result and query count of ``call(env)`` (as the cron's
        superuser) in a transaction of its own, after ``prepare`` (untimed),
        all rolled back."""
        cr = self.env.registry.cursor()
        cr.commit = _refuse_commit
        try:
            # The benchmark's own transaction holds no lock the run needs;
            # should it ever, say so rather than wait for ever.
            cr.execute(SQL("SET LOCAL lock_timeout = '60s'"))
            cr.execute(prepare)
            env = self._cron_env(self.env(cr=cr))
            count = cr.sql_log_count
            start = time.perf_counter()
            result = call(env)
            elapsed = time.perf_counter() - start
            return elapsed, result, cr.sql_log_count - count
        finally:
            cr.rollback()
            del cr.commit
            cr.close()

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
        params = dict(
            date_from=date(year, 1, 1),
            date_to=date(year, 12, 31),
            cutoff=self.today,
            path=f"{root.parent_path}%",
            excluded=("draft", "cancelled", "transferred"),
        )
        query = SQL(FORM1_SQL, **params)
        coordination_query = SQL(FORM1_COORDINATION_SQL, **params)

        def orm(env):
            return report.with_env(env)._get_rows()

        def sql():
            # Both parts, as the report shows them; the lead units' part is
            # compared row for row below.
            rows = self.sql(query)
            self.sql(coordination_query)
            return rows

        orm_ms, sql_ms, rows, sql_rows, queries = self.measure(env, orm, sql)
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
        # The period of the last 100,000 tasks assigned (all of them on a
        # smaller data set).
        self.cr.execute(
            SQL(
                """SELECT COALESCE(
                       (SELECT assign_date FROM directive_task
                         WHERE state NOT IN %(excluded)s
                         ORDER BY assign_date DESC OFFSET 99999 LIMIT 1),
                       (SELECT min(assign_date) FROM directive_task
                         WHERE state NOT IN %(excluded)s))""",
                excluded=("draft", "cancelled", "transferred"),
            )
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
            f"{tasks} tasks, {len(content) // 1024} kB", 60, 300,
        )  # fmt: skip

    def record_export(self, operation, seconds, peak, growth, note, max_s, max_mb):
        verdict = "-"
        if max_s:
            # The export's own memory: what the process grew by while
            # making the file (the process held the registry and its caches
            # before, about 150-260 MB, whatever it exports).
            ok = seconds < max_s and growth < max_mb
            verdict = "pass" if ok else "FAIL"
        self.rows.append(
            {
                "operation": operation,
                "role": "leader",
                "orm_ms": seconds * 1000,
                "sql_ms": None,
                "ratio": None,
                "target": f"< {max_s} s, < {max_mb} MB more" if max_s else None,
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
            SQL(
                """SELECT (SELECT count(*) FROM directive_unit),
                          (SELECT count(*) FROM res_users WHERE unit_id IS NOT NULL),
                          (SELECT count(*) FROM directive_source),
                          (SELECT count(*) FROM directive_task),
                          (SELECT count(*) FROM directive_task_update)"""
            )
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


def _top_unit_join(unit):
    """Join ``top``, the unit right under the root above the unit aliased
    ``unit``; the root's own tasks count under the root, as in the report."""
    return f"""
      JOIN directive_unit top
        ON top.id = COALESCE(
               NULLIF(split_part({unit}.parent_path, '/', 2), '')::integer,
               {unit}.id)"""


# Form 1 from the stored timeliness (fresh today): tasks assigned in the
# period, by agency or commune (the second level of the tree).
# A sub-task counts in the task it was split from when that task is in the
# scope (alias ``t``; ``path``: the scope's parent_path pattern).
COUNTED_ONCE = """
       AND (t.parent_id IS NULL
            OR NOT EXISTS (SELECT 1 FROM directive_task p
                             JOIN directive_unit pl ON pl.id = p.lead_unit_id
                            WHERE p.id = t.parent_id
                              AND pl.parent_path LIKE %(path)s))"""
FORM1_SQL = (
    """
    SELECT top.id, top.name, count(*) AS total,
           count(*) FILTER (WHERE t.timeliness = 'done_on_time') AS on_time,
           count(*) FILTER (WHERE t.timeliness = 'done_late') AS late,
           count(*) FILTER (WHERE t.timeliness = 'open_within') AS within,
           count(*) FILTER (WHERE t.timeliness = 'open_overdue') AS overdue,
           count(*) FILTER (WHERE t.is_not_started) AS not_started,
           count(*) FILTER (WHERE t.timeliness = 'no_deadline_done') AS nd_done,
           count(*) FILTER (WHERE t.timeliness = 'no_deadline_open') AS nd_open
      FROM directive_task t
      JOIN directive_unit lead ON lead.id = t.lead_unit_id"""
    + _top_unit_join("lead")
    + """
     WHERE t.lead_unit_id IN (SELECT id FROM directive_unit
                               WHERE parent_path LIKE %(path)s)
       AND t.state NOT IN %(excluded)s
       AND t.assign_date BETWEEN %(date_from)s AND %(date_to)s
       AND t.assign_date <= %(cutoff)s"""
    + COUNTED_ONCE
    + """
     GROUP BY top.id, top.name, top.sequence
     ORDER BY top.sequence, top.name"""
)
# Form 1's part of the coordinating units (README, "Coordinating units"):
# each unit's part of the period's tasks, judged against its own deadline
# (the task's original one when it has none) at the cutoff.
FORM1_COORDINATION_SQL = (
    """
    SELECT top.id, count(*) AS total,
           count(*) FILTER (WHERE co.done AND co.done_date <= co.deadline_at)
               AS on_time,
           count(*) FILTER (WHERE co.done AND co.done_date > co.deadline_at) AS late,
           count(*) FILTER (WHERE NOT co.done AND %(cutoff)s <= co.deadline_at)
               AS within,
           count(*) FILTER (WHERE NOT co.done AND %(cutoff)s > co.deadline_at)
               AS overdue,
           count(*) FILTER (WHERE NOT co.done
                              AND (co.first_update_date IS NULL
                                   OR co.first_update_date > %(cutoff)s))
               AS not_started
      FROM (SELECT c.unit_id, c.first_update_date, c.done_date,
                   COALESCE(c.done_date <= %(cutoff)s, FALSE) AS done,
                   COALESCE(c.deadline, t.original_deadline) AS deadline_at
              FROM directive_task_coordination c
              JOIN directive_task t ON t.id = c.task_id
             WHERE c.unit_id IN (SELECT id FROM directive_unit
                                  WHERE parent_path LIKE %(path)s)
               AND t.state NOT IN %(excluded)s
               AND t.assign_date BETWEEN %(date_from)s AND %(date_to)s
               AND t.assign_date <= %(cutoff)s) co
      JOIN directive_unit cu ON cu.id = co.unit_id"""
    + _top_unit_join("cu")
    + """
     WHERE co.deadline_at IS NOT NULL
     GROUP BY top.id, top.sequence
     ORDER BY top.sequence"""
)
REMINDER_SQL = """
    WITH due AS (
        SELECT t.id, t.lead_unit_id, t.timeliness, t.days_overdue, t.deadline,
               t.code, t.name
          FROM directive_task t
         WHERE t.state IN ('assigned', 'in_progress', 'returned')
           AND (t.is_due_soon IS TRUE OR t.timeliness = 'open_overdue')
           AND (t.last_reminder_date IS NULL OR t.last_reminder_date < %(today)s)
    ), coordination AS (
        SELECT c.id, c.unit_id, c.task_id,
               COALESCE(c.deadline, t.original_deadline) AS deadline,
               t.code, t.name
          FROM directive_task_coordination c
          JOIN directive_task t ON t.id = c.task_id
         WHERE c.done_date IS NULL
           AND t.state IN ('assigned', 'in_progress', 'returned')
           AND COALESCE(c.deadline, t.original_deadline) <= %(horizon)s
           AND (c.last_reminder_date IS NULL OR c.last_reminder_date < %(today)s)
    ), focal AS (
        SELECT DISTINCT u.id, u.unit_id, u.partner_id, p.tz FROM res_users u
          JOIN res_partner p ON p.id = u.partner_id
          JOIN res_groups_users_rel g ON g.uid = u.id AND g.gid IN %(focal)s
         WHERE u.active
    ), reminded AS (
        SELECT due.id AS res_id, focal.id AS user_id, focal.partner_id, focal.tz,
               -- The task's display name, as activities store it.
               '[' || due.code || '] ' || split_part(due.name, E'\\n', 1) AS res_name,
               CASE WHEN due.timeliness = 'open_overdue'
                    THEN 'Overdue (deadline '
                         || to_char(due.deadline, 'DD/MM/YYYY') || ')'
                    ELSE 'Due on ' || to_char(due.deadline, 'DD/MM/YYYY')
               END AS summary,
               due.deadline AS date_deadline
          FROM due JOIN focal ON focal.unit_id = due.lead_unit_id
        UNION ALL
        SELECT c.task_id, focal.id, focal.partner_id, focal.tz,
               '[' || c.code || '] ' || split_part(c.name, E'\\n', 1),
               CASE WHEN c.deadline < %(today)s
                    THEN 'As coordinating unit: overdue (deadline '
                         || to_char(c.deadline, 'DD/MM/YYYY') || ')'
                    ELSE 'As coordinating unit: due on '
                         || to_char(c.deadline, 'DD/MM/YYYY')
               END,
               c.deadline
          FROM coordination c JOIN focal ON focal.unit_id = c.unit_id
    ), still_open AS (
        -- One open reminder per task and focal point, kept from day to day,
        -- with what it should say today.
        SELECT DISTINCT ON (a.res_id, a.user_id) a.id, a.res_id, a.user_id,
               a.summary AS old_summary, a.date_deadline AS old_deadline,
               r.summary, r.date_deadline
          FROM mail_activity a
          JOIN reminded r ON r.res_id = a.res_id AND r.user_id = a.user_id
         WHERE a.res_model = 'directive.task' AND a.activity_type_id = %(type)s
           AND a.active
         ORDER BY a.res_id, a.user_id, a.id
    ), refreshed AS (
        UPDATE mail_activity a
           SET summary = o.summary, date_deadline = o.date_deadline,
               write_uid = %(uid)s, write_date = now()
          FROM still_open o
         WHERE a.id = o.id
           AND (o.old_summary IS DISTINCT FROM o.summary
                OR o.old_deadline <> o.date_deadline)
    ), activities AS (
        INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
                                   activity_type_id, user_id, user_tz, summary,
                                   date_deadline, automated, active,
                                   create_uid, write_uid, create_date, write_date)
        SELECT %(model_id)s, 'directive.task', res_id, res_name, %(type)s, user_id,
               tz, summary,
               date_deadline, false, true, %(uid)s, %(uid)s, now(), now()
          FROM reminded r
         WHERE NOT EXISTS (SELECT FROM still_open o
                            WHERE o.res_id = r.res_id AND o.user_id = r.user_id)
    ), followers AS (
        -- The reminded focal points follow their tasks (as the job makes them).
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT DISTINCT 'directive.task', res_id, partner_id FROM reminded
        ON CONFLICT DO NOTHING
        RETURNING id
    ), subtypes AS (
        INSERT INTO mail_followers_mail_message_subtype_rel
               (mail_followers_id, mail_message_subtype_id)
        SELECT followers.id, subtype FROM followers, unnest(%(subtypes)s) AS subtype
    ), stamped AS (
        UPDATE directive_task t SET last_reminder_date = %(today)s
          FROM due WHERE due.id = t.id
    ), stamped_coordination AS (
        UPDATE directive_task_coordination c SET last_reminder_date = %(today)s
          FROM coordination WHERE coordination.id = c.id
    )
    SELECT count(*) FROM reminded"""
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
    cr.execute(SQL("SHOW server_version"))
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


def _serve_http():
    """Odoo's HTTP server in a thread, on a free local port: wkhtmltopdf
    downloads the report's stylesheets from it."""
    import socket

    from odoo import http
    from odoo.service.server import ThreadedServer
    from odoo.tools import config

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config["http_interface"] = "127.0.0.1"
    config["http_port"] = port
    ThreadedServer(http.root).http_spawn()
    return f"http://127.0.0.1:{port}"


# Tables the benchmark reads, and those its rolled-back runs write to.
BENCH_TABLES = (
    "directive_task", "directive_task_coordination", "directive_task_update",
    "directive_task_extension", "directive_task_completion", "directive_unit",
    "directive_source", "mail_activity", "mail_message", "mail_followers",
    "mail_followers_mail_message_subtype_rel", "res_users",
)  # fmt: skip


def vacuum_if_needed(database, out):
    """VACUUM (ANALYZE) the tables that have many dead rows, as autovacuum
    would, before measuring: the rolled-back runs of a previous benchmark
    (the daily refresh updates 100,000 tasks) leave dead rows and clear the
    visibility map, and index-only scans then read the table as well, which
    made a count or a kanban several times slower until autovacuum ran."""
    from odoo import sql_db

    connection = sql_db.db_connect(database)
    with connection.cursor() as cr:
        cr.execute(
            SQL(
                """SELECT relname FROM pg_stat_user_tables
                    WHERE relname IN %s
                      AND n_dead_tup > 1000 + 0.02 * n_live_tup""",
                BENCH_TABLES,
            )
        )
        tables = [row[0] for row in cr.fetchall()]
        if not tables:
            return
        out.write(
            f"  vacuum (analyze) first, as autovacuum would: {', '.join(tables)}\n"
        )
        cr.rollback()  # VACUUM runs outside a transaction
        cr._cnx.autocommit = True
        try:
            cr.execute(
                SQL(
                    "VACUUM (ANALYZE) %s",
                    SQL(", ").join(map(SQL.identifier, tables)),
                )
            )
        finally:
            cr._cnx.autocommit = False


def main(argv=None):
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"],
        setup_logging=True,
    )
    registry = Registry(args.database)
    vacuum_if_needed(args.database, sys.stderr)
    only = set(args.only.split(",")) if args.only else set()
    base_url = _serve_http() if not only or "exports" in only else None
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        bench = Benchmark(env, args.runs, sys.stderr, base_url)
        cr.commit = _refuse_commit
        try:
            rows = bench.run(only)
            machine = machine_info(cr)
        finally:
            cr.rollback()
            del cr.commit  # the cursor's own again (the context commits nothing)
    sys.stdout.write(f"{bench.header}\n\nMachine: {machine}\n\n{markdown(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
