from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..reports.directive_report_xlsx import write_report_sheet
from .directive_report_line import (
    COUNT_FIELDS,
    DEFAULT_RATE_DIGITS,
    RATE_DIGITS_PARAM,
    REPORT_BLOCKS,
    ROW_FIELDS,
    format_rate,
    rates,
)
from .directive_task import EXCLUDED_STATES
from .field_labels import field_labels
from .xlsx_download import download_action, render_workbook

FORMS = [
    ("1", "Form 1 – summary by unit"),
    ("2", "Form 2 – detailed task list"),
    ("3", "Form 3 – urging list"),
]
HEADLINE_RATES = [
    ("office", "Government Office style (done ÷ due)"),
    ("assigned", "Share of all assigned"),
    ("on_time", "On-time share of done"),
]
# Rate column that each headline setting puts forward.
HEADLINE_FIELD = {
    "office": "rate_completion",
    "assigned": "rate_done_share",
    "on_time": "rate_on_time",
}
BLOCK_ORDER = [key for key, _label in REPORT_BLOCKS]
# Units of these blocks are rows of Form 1 themselves; their sub-units count
# under them.
ROW_BLOCKS = ("agency", "commune")


def roman(number):
    """Roman numeral of the block headings (I, II, III...)."""
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    result = ""
    for value, numeral in numerals:
        while number >= value:
            result += numeral
            number -= value
    return result


def empty_row(**values):
    row = dict.fromkeys(ROW_FIELDS)
    row.update(dict.fromkeys(COUNT_FIELDS, 0))
    row.update(values)
    return row


# Fields written by the issue action only.
ISSUE_FIELDS = frozenset({"state", "number", "issue_date", "issued_by_id", "line_ids"})


class DirectiveReport(models.Model):
    """A periodic report on the directive tasks (Forms 1 to 3 of DESIGN §6).

    A draft computes its rows from the tasks each time it is printed.
    Issuing it stores its rows and gives it a number: an issued report is
    frozen and reprints identically whatever happens to the tasks later.
    """

    _name = "directive.report"
    _inherit = ["directive.report.period.mixin"]
    _description = "Directive report"
    _order = "issue_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True, string="Title")
    number = fields.Char(readonly=True, copy=False, index=True)
    form = fields.Selection(FORMS, required=True, default="1")
    cutoff_date = fields.Date(
        string="Cutoff date",
        required=True,
        default=fields.Date.context_today,
        help="Date at which the tasks are judged: done or not, overdue or not.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
    )
    issue_date = fields.Date(readonly=True, copy=False)
    issued_by_id = fields.Many2one(
        "res.users", string="Issued by", readonly=True, copy=False
    )
    headline_rate = fields.Selection(
        HEADLINE_RATES,
        required=True,
        default=lambda self: self._default_headline_rate(),
        help="Rate put forward in the report; taken from the settings.",
    )
    issuer_parent_name = fields.Char(
        string="Governing body",
        default=lambda self: self._default_issuer_parent_name(),
        help="Body above the issuing body, printed on the first line of the "
        "heading, e.g. the Provincial People's Committee.",
    )
    issuer_name = fields.Char(
        string="Issuing body",
        default=lambda self: self._default_issuer_name(),
    )
    place = fields.Char(
        default=lambda self: self.env.company.city,
        help="Place name printed before the date.",
    )
    signer_title = fields.Char(
        string="Signer's title",
        default=lambda self: self._default_signer("title")
        or self.env._("Chief of the Office"),
    )
    signer_name = fields.Char(
        string="Signer",
        default=lambda self: self._default_signer("name"),
        help="Printed under the signature block; taken from the settings.",
    )
    recipients = fields.Text(
        default=lambda self: self.env._(
            "- Provincial People's Committee leaders (to report);\n- Archive: VT, TH."
        ),
        help="Recipients listed under 'Nơi nhận', one per line.",
    )
    line_ids = fields.One2many(
        "directive.report.line", "report_id", string="Rows", readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # ---------------------------------------------------------------- defaults
    @api.model
    def _default_headline_rate(self):
        # Settings are readable by administrators only; every report and
        # dashboard user needs this one.
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("directive_tracking.headline_rate", "office")
        )

    @api.model
    def _rate_digits(self):
        """Decimals of the printed rates, a setting (1 or 2, default 2)."""
        # sudo: a setting, which only administrators read otherwise; every
        # report and dashboard prints with it.
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(RATE_DIGITS_PARAM, DEFAULT_RATE_DIGITS)
        )
        return 1 if str(value) == "1" else DEFAULT_RATE_DIGITS

    @api.model
    def _format_rate(self, value):
        """A rate as every report and the dashboard print it."""
        return format_rate(value, self._rate_digits())

    @api.model
    def _default_signer(self, what):
        # sudo: the reports' signer is a setting, which only administrators
        # read otherwise.
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"directive_tracking.report_signer_{what}")
        )

    @api.model
    def _default_issuer_name(self):
        return self.env.user.unit_id.name or self.env.company.name

    @api.model
    def _default_issuer_parent_name(self):
        unit = self.env.user.unit_id
        if not unit.parent_id:
            return self.env.company.name
        root_id = int(unit.parent_path.split("/")[0])
        # The root unit (the People's Committee) names the governing body;
        # the user may not read units outside the own subtree.
        return self.env["directive.unit"].sudo().browse(root_id).name

    @api.depends("form", "date_from", "date_to", "period_type", "period_style")
    def _compute_name(self):
        forms = dict(self._fields["form"]._description_selection(self.env))
        for report in self:
            if report.date_from and report.date_to and report.form:
                report.name = f"{forms[report.form]} – {report._period_label()}"
            else:
                report.name = forms.get(report.form)

    @api.depends("name", "number")
    def _compute_display_name(self):
        for report in self:
            report.display_name = (
                f"{report.number} – {report.name}" if report.number else report.name
            )

    @api.constrains("cutoff_date", "date_from")
    def _check_cutoff_date(self):
        for report in self:
            if report.cutoff_date < report.date_from:
                raise ValidationError(
                    self.env._(
                        "The cutoff date cannot be before the start of the period."
                    )
                )

    # ------------------------------------------------------------- freezing
    @api.model_create_multi
    def create(self, vals_list):
        self._check_issue_fields(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if self.filtered(lambda r: r.state == "issued"):
            raise UserError(
                self.env._("An issued report is frozen; create a new report instead.")
            )
        self._check_issue_fields([vals])
        return super().write(vals)

    @api.model
    def _check_issue_fields(self, vals_list):
        """The rows, the number and the state of a report are written by the
        issue action only, whatever sends them."""
        if self.env.su:
            # Code running as superuser: data files, the issue action itself.
            return
        sent = set().union(*vals_list) & ISSUE_FIELDS
        if sent:
            raise AccessError(
                self.env._(
                    "%(fields)s: only issuing the report sets these.",
                    fields=field_labels(self, sent),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if self.filtered(lambda r: r.state == "issued"):
            raise UserError(self.env._("An issued report cannot be deleted."))

    def action_issue(self):
        """Store the rows as they are now, number the report and freeze it."""
        today = fields.Date.context_today(self)
        sequence = self.env["ir.sequence"]
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._("Report %s is already issued.", report.display_name)
                )
            report.check_access("write")
            rows = report._compute_rows()
            # sudo: the rows, number and state are written by this action
            # only (create and write refuse them from anywhere else); the
            # report was read and computed with the issuer's own access.
            report.sudo().write(
                {
                    "line_ids": [
                        Command.create(dict(report._stored_values(row), sequence=index))
                        for index, row in enumerate(rows)
                    ],
                    "number": sequence.next_by_code(
                        "directive.report", sequence_date=today
                    ),
                    "issue_date": today,
                    "issued_by_id": self.env.user.id,
                    "headline_rate": report.headline_rate
                    or report._default_headline_rate(),
                    "state": "issued",
                }
            )
        return True

    @api.model
    def _stored_values(self, row):
        return {key: row[key] for key in ROW_FIELDS if row[key] is not None}

    def _get_rows(self):
        """Rows to print: the stored ones once issued, live ones for a draft.

        Summary rows get their rates, and Form 1 gets the share of all
        assigned under its total; both derive from the frozen counts.
        """
        self.ensure_one()
        if self.state == "issued":
            rows = [line._as_row() for line in self.line_ids]
            # Block and total titles are labels, not figures: printed in the
            # reader's language, whatever language the report was issued in.
            block_labels = self._block_labels()
            for row in rows:
                if row["line_type"] == "block" and row["block"]:
                    row["name"] = block_labels.get(row["block"], row["name"])
                elif row["line_type"] == "total":
                    row["name"] = self.env._("Total")
        else:
            rows = self._compute_rows()
        if self.form == "1" and rows:
            for row in rows:
                if row["line_type"] != "part":
                    row.update(rates(row))
            index = next(i for i, row in enumerate(rows) if row["line_type"] == "total")
            rows.insert(index + 1, self._share_row(rows[index]))
        return rows

    def _share_row(self, total):
        """Each category ÷ all tasks, under the grand total."""
        share = empty_row(line_type="share", name=self.env._("Share of all assigned"))
        for fname in COUNT_FIELDS:
            share[fname] = total[fname] / total["total"] if total["total"] else None
        return share

    # ---------------------------------------------------------------- queries
    def _query_params(self):
        self.ensure_one()
        return dict(
            self._period_params(),
            cutoff=self.cutoff_date,
            company_id=self.company_id.id,
        )

    def _compute_rows(self):
        """Rows of the report computed now from the tasks, in a few queries."""
        self.ensure_one()
        return self._rows_for(self.form, self._query_params())

    @api.model
    def _rows_for(self, form, params):
        # At today's date the categories stored on the tasks are the report's
        # own, provided the daily refresh has run today: read them instead of
        # reconstructing every task at the cutoff.
        Task = self.env["directive.task"]
        stored = (
            params["cutoff"]
            == Task._timeliness_stored_on()
            == fields.Date.context_today(self)
        )
        params = dict(
            params,
            excluded_states=EXCLUDED_STATES,
            blocks=BLOCK_ORDER,
            row_blocks=ROW_BLOCKS,
        )
        if not stored:
            params.update(Task._timeliness_params(params["cutoff"]))
        self.env.flush_all()
        if form == "1":
            query = self._form1_query(stored)
        else:
            query = self._task_rows_query(stored, urging=form == "3")
        # PostgreSQL's JIT compilation costs more than it saves on this
        # one-off query over a year of tasks (about 1.2 s of 1.7 s measured
        # on a million tasks); switched off for this transaction only.
        self.env.cr.execute(SQL("SET LOCAL jit = off; %s", SQL(query, **params)))
        # One dictionary at a time, not every row twice (as fetched and as
        # printed): 80 MB less at the peak for a Form 2 of 100,000 tasks.
        columns = [column.name for column in self.env.cr.description]
        records = (
            dict(zip(columns, values, strict=True)) for values in self.env.cr.fetchall()
        )
        if form == "1":
            return self._form1_rows(records)
        if form == "2":
            return self._form2_rows(records)
        records = list(records)
        if "horizon" not in params:
            params.update(Task._timeliness_params(params["cutoff"]))
        self.env.cr.execute(SQL(self._coordination_rows_query(), **params))
        columns = [column.name for column in self.env.cr.description]
        coordination = [
            dict(zip(columns, values, strict=True)) for values in self.env.cr.fetchall()
        ]
        return self._form3_rows(records, coordination)

    @api.model
    def _tasks_cte(self, stored=False):
        """CTEs ``t`` (the tasks as they stood at the cutoff), ``c`` (those of
        the period, with their category) and ``ru`` (the Form 1 row unit of
        each lead unit).

        At a cutoff D, a task is done if its completion was confirmed by D,
        its deadline is the last extension approved by D (else the original
        one), its last update is the last one dated by D; the categories
        themselves come from the task model's ``_timeliness_sql()`` so that
        the rule lives in one place. With ``stored``, the cutoff is today and
        the tasks' stored values are read as they are.
        """
        Task = self.env["directive.task"]
        if stored:
            at_cutoff, joins = self._stored_columns(), ""
            categories = ""
        else:
            at_cutoff, joins = self._columns_at_cutoff()
            current = {"deadline": "t.deadline_at", "done": "t.done_at"}
            categories = "".join(
                f", {expr.format(**current)} AS {column}"
                for column, expr in Task._timeliness_sql().items()
            )
        in_scope = "lead.parent_path LIKE %(scope_path)s"
        return f"""
            t AS (
                SELECT tk.id, tk.code, tk.name, tk.lead_unit_id, tk.source_id,
                       tk.leader_id, tk.officer_id, tk.has_deadline,
                       tk.assign_date, tk.completion_date, tk.original_deadline,
                       tk.result, {at_cutoff}
                  FROM directive_task tk
                  JOIN directive_unit lead ON lead.id = tk.lead_unit_id
                  {joins}
                 WHERE tk.company_id = %(company_id)s
                   AND {self._counted_at_cutoff_sql(stored)}
                   AND tk.assign_date <= %(cutoff)s
                   -- A sub-task counts in the task it was split from when
                   -- that one is in the scope (README, "Split tasks").
                   AND (tk.parent_id IS NULL
                        OR NOT EXISTS (
                            SELECT 1 FROM directive_task ptk
                              JOIN directive_unit plead
                                ON plead.id = ptk.lead_unit_id
                             WHERE ptk.id = tk.parent_id
                               AND {in_scope.replace("lead.", "plead.")}))
                   -- The scope and the period narrow the tasks before the
                   -- per-task joins: a deadline at the cutoff lies between
                   -- the original and the current deadline (extensions only
                   -- move it later), and the exact test is made in c.
                   AND {in_scope}
                   AND CASE WHEN %(membership)s = 'deadline'
                            THEN tk.has_deadline = 'deadline'
                                 AND COALESCE(tk.original_deadline, tk.deadline)
                                     <= %(date_to)s
                                 AND tk.deadline >= %(date_from)s
                            ELSE tk.assign_date BETWEEN %(date_from)s
                                                    AND %(date_to)s
                       END
            ),
            c AS (
                SELECT t.*{categories}
                  FROM t
                 WHERE CASE WHEN %(membership)s = 'deadline'
                            THEN t.has_deadline = 'deadline'
                                 AND t.deadline_at BETWEEN %(date_from)s
                                                       AND %(date_to)s
                            ELSE t.assign_date BETWEEN %(date_from)s AND %(date_to)s
                       END
            ),
            -- Materialized: one row-unit lookup per unit of the scope, not
            -- per task; not read from c, which stays inlined in the query.
            ru AS MATERIALIZED (
                SELECT lead.id AS lead_unit_id, top.id AS unit_id,
                       top.name AS unit_name, top.sequence AS unit_sequence,
                       top.report_block AS block
                  FROM directive_unit lead
                  {self._row_unit_join("lead")}
                 WHERE {in_scope}
            )
        """

    @api.model
    def _counted_at_cutoff_sql(self, stored=False):
        """Condition on ``tk``: the task counted at the cutoff.

        A task cancelled or transferred after the cutoff was still the
        unit's then: it counts, in the state it had. One closed before the
        dates were kept (no date) stays out, as it always did.
        """
        if stored:
            return "tk.state NOT IN %(excluded_states)s"
        return """(tk.state <> 'draft'
                   AND (tk.state NOT IN ('cancelled', 'transferred')
                        OR COALESCE(tk.cancel_date, tk.transfer_date)
                           > %(cutoff)s))"""

    @api.model
    def _stored_columns(self):
        """Columns of ``t`` at today's cutoff: what the tasks store."""
        categories = ", ".join(
            f"tk.{column}" for column in self.env["directive.task"]._timeliness_sql()
        )
        return f"""
            tk.deadline AS deadline_at,
            COALESCE(tk.extension_count, 0) AS extension_count_at,
            tk.previous_deadline AS previous_deadline_at,
            COALESCE(tk.overdue_days_recorded, 0) AS overdue_days_recorded_at,
            tk.state = 'done' AS done_at,
            tk.last_update_date, tk.state, {categories}"""

    @api.model
    def _columns_at_cutoff(self):
        """Columns of ``t`` as the tasks stood at a cutoff, and the joins
        they read."""
        completion = self.env["directive.task.completion"]
        columns = """
            COALESCE(ext.proposed_date, tk.original_deadline, tk.deadline)
                AS deadline_at,
            ext.extension_count AS extension_count_at,
            ext.previous_deadline AS previous_deadline_at,
            COALESCE(ext.overdue_days, 0) AS overdue_days_recorded_at,
            COALESCE(tk.state = 'done'
                     AND tk.confirm_date <= %(cutoff)s, FALSE) AS done_at,
            upd.last_update_date,
            -- The state at the cutoff, from the dates of the workflow's
            -- events: a task confirmed after it was still open, one paused
            -- or resumed after it was as it stood before, one cancelled or
            -- transferred after it was still open (the CTE keeps it), one
            -- first updated after it was still untouched.
            CASE
                WHEN tk.state = 'done' AND tk.confirm_date <= %(cutoff)s
                    THEN tk.state
                -- In one of its pauses then (directive.task.pause).
                WHEN pz.paused THEN 'paused'
                -- Pauses not logged (before the log was kept): the last
                -- pause and resume dates.
                WHEN pz.paused IS NULL AND tk.pause_date <= %(cutoff)s
                     AND (tk.resume_date IS NULL
                          OR tk.resume_date < tk.pause_date
                          OR tk.resume_date > %(cutoff)s)
                    THEN 'paused'
                -- Paused before the dates were kept, and never resumed.
                WHEN pz.paused IS NULL AND tk.state = 'paused'
                     AND tk.pause_date IS NULL
                    THEN 'paused'
                -- Untouched by then (a resume counts as a start).
                WHEN upd.last_update_date IS NULL
                     AND NOT COALESCE(pz.resumed, tk.resume_date <= %(cutoff)s,
                                      FALSE)
                    THEN 'assigned'
                WHEN tk.state = 'done' AND tk.completion_date <= %(cutoff)s
                    THEN 'to_confirm'
                WHEN tk.state IN ('done', 'paused', 'cancelled', 'transferred')
                    THEN 'in_progress'
                ELSE tk.state
            END AS state"""
        joins = f"""
            LEFT JOIN LATERAL (
                SELECT bool_or(p.date_from <= %(cutoff)s
                               AND (p.date_to IS NULL OR p.date_to > %(cutoff)s))
                           AS paused,
                       bool_or(p.date_to <= %(cutoff)s) AS resumed
                  FROM directive_task_pause p
                 WHERE p.task_id = tk.id
            ) pz ON TRUE
            LEFT JOIN LATERAL (
                SELECT count(*) AS extension_count,
                       (array_agg(e.proposed_date
                                  ORDER BY e.decision_date DESC, e.id DESC))[1]
                           AS proposed_date,
                       (array_agg(e.current_deadline
                                  ORDER BY e.decision_date DESC, e.id DESC))[1]
                           AS previous_deadline,
                       sum(GREATEST(e.decision_date - e.current_deadline, 0))
                           AS overdue_days
                  FROM directive_task_extension e
                 -- Most tasks were never extended: skip the lookup.
                 WHERE tk.extension_count > 0
                   AND e.task_id = tk.id AND e.state = 'approved'
                   AND e.decision_date <= %(cutoff)s
               ) ext ON TRUE
            LEFT JOIN LATERAL (
                SELECT CASE
                    WHEN tk.last_update_date IS NULL
                         OR tk.last_update_date <= %(cutoff)s
                        THEN tk.last_update_date
                    ELSE GREATEST(
                        (SELECT max(u.date) FROM directive_task_update u
                          WHERE u.task_id = tk.id AND u.coordination_id IS NULL
                            AND u.date <= %(cutoff)s),
                        (SELECT max(cr.date) FROM {completion._table} cr
                          WHERE cr.task_id = tk.id AND cr.date <= %(cutoff)s))
                END AS last_update_date
               ) upd ON TRUE"""
        return columns, joins

    @api.model
    def _row_unit_join(self, alias):
        """Lateral join ``top``: the unit under which Form 1 counts the tasks
        of unit ``alias``.

        That is its highest ancestor (or itself) below the root whose level
        is listed as agency or commune, so that the tasks of a commune's
        offices count under the commune; failing that, its ancestor right
        under the root (e.g. a former district), or the root itself.
        """
        return f"""
            CROSS JOIN LATERAL (
                SELECT a.id, a.name, a.sequence, lvl.report_block
                  FROM unnest(string_to_array(rtrim({alias}.parent_path, '/'), '/')
                              ::int[]) WITH ORDINALITY AS path(unit_id, depth)
                  JOIN directive_unit a ON a.id = path.unit_id
                  JOIN directive_unit_level lvl ON lvl.id = a.level_id
                 ORDER BY CASE
                              WHEN path.depth > 1
                                   AND lvl.report_block IN ('agency', 'commune')
                                  THEN 0
                              WHEN path.depth = 2 THEN 1
                              ELSE 2
                          END,
                          path.depth
                 LIMIT 1
            ) top
        """

    @api.model
    def _form1_query(self, stored=False):
        """Form 1 in one query: the lead units' rows, then the coordinating
        units' own part (README, "Coordinating units")."""
        return f"""
            WITH {self._tasks_cte(stored)},
                 {self._coordination_cte()},
            lead_rows AS (
                SELECT 'lead' AS part, ru.unit_id, ru.unit_name, ru.block,
                       ru.unit_sequence,
                       count(*) AS total,
                       count(*) FILTER (WHERE c.timeliness = 'done_on_time')
                           AS done_on_time,
                       count(*) FILTER (WHERE c.timeliness = 'done_late')
                           AS done_late,
                       count(*) FILTER (WHERE c.timeliness = 'open_within')
                           AS open_within,
                       count(*) FILTER (WHERE c.timeliness = 'open_overdue')
                           AS open_overdue,
                       count(*) FILTER (WHERE c.timeliness IN ('open_within',
                                                               'open_overdue')
                                          AND c.is_not_started) AS not_started,
                       count(*) FILTER (WHERE c.timeliness = 'no_deadline_done')
                           AS no_deadline_done,
                       count(*) FILTER (WHERE c.timeliness = 'no_deadline_open')
                           AS no_deadline_open,
                       count(*) FILTER (WHERE c.is_stale) AS stale,
                       count(*) FILTER (WHERE c.is_due_soon) AS due_soon
                  FROM c
                  JOIN ru ON ru.lead_unit_id = c.lead_unit_id
              GROUP BY ru.unit_id, ru.unit_name, ru.block, ru.unit_sequence
            ),
            coordination_rows AS (
                SELECT 'coordination' AS part, top.id AS unit_id,
                       top.name AS unit_name, top.report_block AS block,
                       top.sequence AS unit_sequence,
                       count(*) AS total,
                       count(*) FILTER (WHERE cc.timeliness = 'done_on_time')
                           AS done_on_time,
                       count(*) FILTER (WHERE cc.timeliness = 'done_late')
                           AS done_late,
                       count(*) FILTER (WHERE cc.timeliness = 'open_within')
                           AS open_within,
                       count(*) FILTER (WHERE cc.timeliness = 'open_overdue')
                           AS open_overdue,
                       count(*) FILTER (WHERE cc.is_not_started) AS not_started,
                       0 AS no_deadline_done, 0 AS no_deadline_open,
                       0 AS stale, 0 AS due_soon
                  FROM cc
                  JOIN directive_unit cu ON cu.id = cc.unit_id
                  {self._row_unit_join("cu")}
              GROUP BY top.id, top.name, top.report_block, top.sequence
            )
            SELECT * FROM (SELECT * FROM lead_rows
                           UNION ALL SELECT * FROM coordination_rows) r
          ORDER BY r.part = 'coordination',
                   array_position(%(blocks)s, r.block::text), r.unit_sequence,
                   r.unit_name, r.unit_id
        """

    @api.model
    def _coordination_cte(self, due_soon=False):
        """CTE ``cc``: the parts of the coordinating units of the scope in
        the period's tasks, judged at the cutoff against their own deadline
        (the task's original one when they have none): done on time or late
        by the date of their first update at 100 %, else open within or
        overdue; not started before their first update. A task counts as in
        ``t`` (assigned by the cutoff, not yet closed then)."""
        horizon = (
            """(NOT co.done_at AND co.deadline_at >= %(cutoff)s
                AND co.deadline_at <= %(horizon)s)"""
            if due_soon
            else "FALSE"
        )
        in_scope = "cu.parent_path LIKE %(scope_path)s"
        return f"""
            cc AS (
                SELECT co.*,
                       CASE WHEN co.done_at AND co.done_date <= co.deadline_at
                                THEN 'done_on_time'
                            WHEN co.done_at THEN 'done_late'
                            WHEN %(cutoff)s <= co.deadline_at THEN 'open_within'
                            ELSE 'open_overdue'
                       END AS timeliness,
                       CASE WHEN co.done_at
                                THEN GREATEST(co.done_date - co.deadline_at, 0)
                            ELSE GREATEST(%(cutoff)s - co.deadline_at, 0)
                       END AS days_overdue,
                       {horizon} AS is_due_soon,
                       (NOT co.done_at
                        AND (co.first_update_date IS NULL
                             OR co.first_update_date > %(cutoff)s))
                           AS is_not_started
                  FROM (
                    SELECT co.id AS coordination_id, co.unit_id, co.task_id,
                           COALESCE(co.deadline, tk.original_deadline)
                               AS deadline_at,
                           COALESCE(co.done_date <= %(cutoff)s, FALSE) AS done_at,
                           co.done_date, co.first_update_date,
                           CASE WHEN co.last_update_date <= %(cutoff)s
                                THEN co.last_update_date
                                ELSE (SELECT max(u.date)
                                        FROM directive_task_update u
                                       WHERE u.coordination_id = co.id
                                         AND u.date <= %(cutoff)s)
                           END AS last_update_date
                      FROM directive_task_coordination co
                      JOIN directive_task tk ON tk.id = co.task_id
                      JOIN directive_unit cu ON cu.id = co.unit_id
                     WHERE tk.company_id = %(company_id)s
                       AND {self._counted_at_cutoff_sql()}
                       AND tk.assign_date <= %(cutoff)s
                       AND {in_scope}
                       AND CASE WHEN %(membership)s = 'deadline'
                                THEN COALESCE(co.deadline, tk.original_deadline)
                                     BETWEEN %(date_from)s AND %(date_to)s
                                ELSE tk.assign_date BETWEEN %(date_from)s
                                                        AND %(date_to)s
                           END
                  ) co
                 WHERE co.deadline_at IS NOT NULL
            )
        """

    @api.model
    def _coordination_rows_query(self):
        """Form 3's coordinating parts to urge: overdue or due soon at the
        cutoff, with the values of a task row."""
        return f"""
            WITH {self._coordination_cte(due_soon=True)}
            SELECT tk.id AS task_id, tk.code AS task_code, tk.name AS content,
                   cc.timeliness, cc.days_overdue, cc.is_due_soon,
                   cc.is_not_started, tk.state AS task_state,
                   cc.deadline_at AS deadline, 0 AS extension_count,
                   CASE WHEN cc.is_due_soon THEN cc.deadline_at - %(cutoff)s END
                       AS days_left,
                   cc.last_update_date,
                   CASE WHEN src.source_type = 'meeting' THEN src.meeting_name
                        ELSE src.number END AS source_ref,
                   src.date AS source_date,
                   officer.name AS officer_name,
                   lead.name AS lead_unit_name, cu.name AS coordination_names,
                   top.id AS unit_id, top.name AS unit_name,
                   top.report_block AS block
              FROM cc
              JOIN directive_task tk ON tk.id = cc.task_id
              JOIN directive_unit lead ON lead.id = tk.lead_unit_id
              JOIN directive_unit cu ON cu.id = cc.unit_id
              {self._row_unit_join("cu")}
         LEFT JOIN directive_source src ON src.id = tk.source_id
         LEFT JOIN res_users officer_user ON officer_user.id = tk.officer_id
         LEFT JOIN res_partner officer ON officer.id = officer_user.partner_id
             WHERE cc.timeliness = 'open_overdue' OR cc.is_due_soon
          ORDER BY array_position(%(blocks)s, top.report_block::text),
                   top.sequence, top.name, top.id, cc.deadline_at, tk.code, tk.id
        """

    @api.model
    def _task_rows_query(self, stored=False, urging=False):
        """One row per task with every value of Forms 2 and 3, in one query."""
        where = "c.timeliness = 'open_overdue' OR c.is_due_soon" if urging else "TRUE"
        return f"""
            WITH {self._tasks_cte(stored)}
            SELECT c.id AS task_id, c.code AS task_code, c.name AS content,
                   c.timeliness, c.days_overdue, c.is_due_soon, c.is_not_started,
                   c.state AS task_state, c.deadline_at AS deadline,
                   c.original_deadline, c.extension_count_at AS extension_count,
                   c.previous_deadline_at AS previous_deadline,
                   c.overdue_days_recorded_at AS overdue_days_recorded,
                   CASE WHEN c.done_at THEN c.completion_date END AS completion_date,
                   CASE WHEN c.is_due_soon THEN c.deadline_at - %(cutoff)s END
                       AS days_left,
                   c.last_update_date,
                   CASE WHEN c.done_at THEN c.result END AS result,
                   docs.names AS result_documents,
                   notes.difficulties, notes.proposals,
                   CASE WHEN src.source_type = 'meeting' THEN src.meeting_name
                        ELSE src.number END AS source_ref,
                   src.date AS source_date,
                   CASE WHEN src.source_type = 'meeting' THEN src.chaired_by
                        ELSE src.issuer END AS source_issuer,
                   leader.name AS leader_name, officer.name AS officer_name,
                   lead.name AS lead_unit_name, coord.names AS coordination_names,
                   ru.unit_id, ru.unit_name, ru.block
              FROM c
              JOIN ru ON ru.lead_unit_id = c.lead_unit_id
              JOIN directive_unit lead ON lead.id = c.lead_unit_id
         LEFT JOIN directive_source src ON src.id = c.source_id
         LEFT JOIN res_users leader_user ON leader_user.id = c.leader_id
         LEFT JOIN res_partner leader ON leader.id = leader_user.partner_id
         LEFT JOIN res_users officer_user ON officer_user.id = c.officer_id
         LEFT JOIN res_partner officer ON officer.id = officer_user.partner_id
         LEFT JOIN LATERAL (
                SELECT string_agg(cu.name, '; ' ORDER BY cu.sequence, cu.name)
                           AS names
                  FROM directive_task_coordination co
                  JOIN directive_unit cu ON cu.id = co.unit_id
                 WHERE co.task_id = c.id
               ) coord ON TRUE
         LEFT JOIN LATERAL (
                SELECT string_agg(doc.name, '; ' ORDER BY doc.id) AS names
                  FROM directive_task_completion dc
                  JOIN dms_file doc
                    ON doc.directive_evidence_model = 'directive.task.completion'
                   AND doc.directive_evidence_id = dc.id
                 WHERE dc.task_id = c.id AND dc.state = 'confirmed' AND c.done_at
               ) docs ON TRUE
         LEFT JOIN LATERAL (
                SELECT (SELECT u.difficulties FROM directive_task_update u
                         WHERE u.task_id = c.id AND u.coordination_id IS NULL
                           AND u.date <= %(cutoff)s
                           AND COALESCE(u.difficulties, '') <> ''
                      ORDER BY u.date DESC, u.id DESC LIMIT 1) AS difficulties,
                       (SELECT u.proposals FROM directive_task_update u
                         WHERE u.task_id = c.id AND u.coordination_id IS NULL
                           AND u.date <= %(cutoff)s
                           AND COALESCE(u.proposals, '') <> ''
                      ORDER BY u.date DESC, u.id DESC LIMIT 1) AS proposals
               ) notes ON TRUE
             WHERE {where}
          ORDER BY array_position(%(blocks)s, ru.block::text), ru.unit_sequence,
                   ru.unit_name, ru.unit_id, lead.complete_name,
                   c.deadline_at NULLS LAST, c.code, c.id
        """

    # ------------------------------------------------------------------ rows
    @api.model
    def _block_labels(self):
        return dict(
            self.env["directive.unit.level"]
            ._fields["report_block"]
            ._description_selection(self.env)
        )

    @api.model
    def _form1_rows(self, records):
        """Unit rows under their block subtotal, then the grand total."""
        block_labels = self._block_labels()
        rows = []
        total = empty_row(line_type="total", name=self.env._("Total"))
        block_row = None
        coordination = []
        for record in records:
            if record["part"] == "coordination":
                coordination.append(record)
                continue
            if block_row is None or block_row["block"] != record["block"]:
                block_row = empty_row(
                    line_type="block",
                    block=record["block"],
                    name=block_labels.get(record["block"], record["block"]),
                    label=roman(sum(r["line_type"] == "block" for r in rows) + 1),
                )
                rows.append(block_row)
                number = 0
            number += 1
            row = self._unit_row("unit", number, record)
            rows.append(row)
            for summary in (block_row, total):
                for fname in COUNT_FIELDS:
                    summary[fname] += row[fname]
        rows.append(total)
        if coordination:
            rows += self._coordination_part_rows(coordination)
        return rows

    @api.model
    def _unit_row(self, line_type, number, record):
        """A unit's row of Form 1 from its counts: done and open are the sums
        of their categories (DESIGN §5)."""
        row = empty_row(
            line_type=line_type,
            label=str(number),
            name=record["unit_name"],
            block=record["block"],
            unit_id=record["unit_id"],
        )
        for fname in COUNT_FIELDS:
            if fname in record:
                row[fname] = record[fname]
        row["done"] = row["done_on_time"] + row["done_late"]
        row["open"] = row["open_within"] + row["open_overdue"]
        return row

    @api.model
    def _coordination_part_rows(self, records):
        """Form 1's part of the coordinating units, at their own deadlines:
        a heading, a row per unit, their total."""
        rows = [
            empty_row(
                line_type="part",
                label="B",
                name=self.env._("Coordinating units, at their own deadlines"),
            )
        ]
        total = empty_row(
            line_type="part_total", name=self.env._("Total of coordinating units")
        )
        for number, record in enumerate(records, start=1):
            row = self._unit_row("part_unit", number, record)
            rows.append(row)
            for fname in COUNT_FIELDS:
                total[fname] += row[fname]
        rows.append(total)
        return rows

    @api.model
    def _task_row(self, record, label):
        row = empty_row(line_type="task", label=label)
        for fname in ROW_FIELDS:
            if fname in record and fname not in ("name",):
                row[fname] = record[fname]
        row["extension_count"] = record["extension_count"] or 0
        row["name"] = record["unit_name"]
        return row

    @api.model
    def _form2_rows(self, records):
        rows = [
            self._task_row(record, str(index))
            for index, record in enumerate(records, start=1)
        ]
        total = empty_row(line_type="total", name=self.env._("Total"))
        total["total"] = len(rows)
        rows.append(total)
        return rows

    @api.model
    def _form3_rows(self, records, coordination=()):
        """Overdue and due-soon tasks under a heading per unit, then the
        coordinating units' parts to urge, under a heading per unit."""
        rows = self._form3_groups(records)
        if coordination:
            rows.append(
                empty_row(
                    line_type="part",
                    label="B",
                    name=self.env._("Coordinating units, at their own deadlines"),
                )
            )
            part = self._form3_groups(coordination)
            part[-1].update(
                line_type="part_total",
                name=self.env._("Total of coordinating units"),
            )
            rows += part
        return rows

    @api.model
    def _form3_groups(self, records):
        rows = []
        total = empty_row(line_type="total", name=self.env._("Total"))
        group = None
        for record in records:
            if group is None or group["unit_id"] != record["unit_id"]:
                group = empty_row(
                    line_type="group",
                    unit_id=record["unit_id"],
                    block=record["block"],
                    name=record["unit_name"],
                    label=roman(sum(r["line_type"] == "group" for r in rows) + 1),
                )
                rows.append(group)
                number = 0
            number += 1
            rows.append(self._task_row(record, str(number)))
            for summary in (group, total):
                summary["total"] += 1
                if record["timeliness"] == "open_overdue":
                    summary["open_overdue"] += 1
                else:
                    summary["due_soon"] += 1
        rows.append(total)
        return rows

    # ------------------------------------------------------------- printing
    def action_print_pdf(self):
        Export = self.env["directive.report.export"]
        if len(self) == 1 and Export._needs_background(self, "pdf"):
            return Export._request(self, "pdf")
        action = self.env.ref("directive_tracking.directive_report_action_pdf")
        return dict(
            action.report_action(self, config=False), close_on_report_download=True
        )

    def action_export_xlsx(self):
        """Build the workbook (one sheet per report) and download it."""
        Export = self.env["directive.report.export"]
        if len(self) == 1 and Export._needs_background(self, "xlsx"):
            return Export._request(self, "xlsx")
        content = self._render_xlsx()
        names = "-".join(
            (r.number or self.env._("draft")).replace("/", "-") for r in self
        )
        return download_action(self.env, self.env._("Report %s.xlsx", names), content)

    def _render_xlsx(self):
        # Row by row: a Form 2 of 100,000 tasks is 2 million cells.
        return render_workbook(self, write_report_sheet, constant_memory=True)

    def action_preview(self):
        action = self.env.ref("directive_tracking.directive_report_action_html")
        return action.report_action(self, config=False)

    def _action_open_tasks(self, unit, task=None):
        """The tasks of the report's period under ``unit`` (or one task)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "directive_tracking.directive_task_action"
        )
        if task:
            domain = [("id", "=", task.id)]
        else:
            domain = (
                self._period_task_domain()
                + [("state", "not in", EXCLUDED_STATES)]
                + self.env["directive.task"]._counted_once_domain(self.scope_unit_id)
            )
            if unit:
                domain.append(("lead_unit_id", "child_of", unit.id))
        action.update(
            domain=domain,
            context={},
            view_mode="list,form,kanban",
            views=[(False, "list"), (False, "form"), (False, "kanban")],
        )
        return action

    # ----------------------------------------------------- layout helpers
    def _columns(self):
        """Columns of the report's form, shared by the PDF and the workbook.

        Each column: key (row value), label, group (heading spanning
        consecutive columns), kind (text, int, rate, date) and width (in
        characters, for the workbook).
        """
        self.ensure_one()
        headline = HEADLINE_FIELD.get(self.headline_rate, "rate_completion")
        done, opened = self.env._("Done"), self.env._("Open")
        no_deadline, source, deadline = (
            self.env._("No deadline"),
            self.env._("Source"),
            self.env._("Deadline"),
        )
        rates_group = self.env._("Rates")
        if self.form == "1":
            columns = [
                ("label", self.env._("No."), None, "text", 5),
                ("name", self.env._("Unit"), None, "text", 34),
                ("total", self.env._("Total assigned"), None, "int", 10),
                ("done", self.env._("Total"), done, "int", 7),
                ("done_on_time", self.env._("On time"), done, "int", 7),
                ("done_late", self.env._("Late"), done, "int", 7),
                ("open", self.env._("Total"), opened, "int", 7),
                ("open_within", self.env._("Within deadline"), opened, "int", 10),
                ("open_overdue", self.env._("Overdue"), opened, "int", 9),
                ("not_started", self.env._("Of which not started"), opened, "int", 9),
                ("no_deadline_done", self.env._("Done"), no_deadline, "int", 7),
                ("no_deadline_open", self.env._("Open"), no_deadline, "int", 7),
                (
                    "rate_completion",
                    self.env._("Completion (done ÷ due)"),
                    rates_group,
                    "rate",
                    10,
                ),
                (
                    "rate_overdue",
                    self.env._("Overdue (overdue ÷ due)"),
                    rates_group,
                    "rate",
                    10,
                ),
                (
                    "rate_done_share",
                    self.env._("Done ÷ all assigned"),
                    rates_group,
                    "rate",
                    10,
                ),
                ("rate_on_time", self.env._("On time ÷ done"), rates_group, "rate", 10),
                ("note", self.env._("Notes"), None, "text", 14),
            ]
        elif self.form == "2":
            columns = [
                ("label", self.env._("No."), None, "text", 4),
                ("task_code", self.env._("Task code"), None, "text", 11),
                ("source_ref", self.env._("Number, symbol"), source, "text", 11),
                ("source_date", self.env._("Date"), source, "date", 16),
                ("source_issuer", self.env._("Issuer"), source, "text", 11),
                ("leader_name", self.env._("Directing leader"), source, "text", 10),
                ("content", self.env._("Content"), None, "text", 27),
                ("lead_unit_name", self.env._("Lead unit"), None, "text", 12),
                (
                    "coordination_names",
                    self.env._("Coordinating units"),
                    None,
                    "text",
                    12,
                ),
                ("deadline", self.env._("Current"), deadline, "date", 16),
                ("original_deadline", self.env._("Original"), deadline, "date", 16),
                ("extension_count", self.env._("Extensions"), deadline, "int", 8),
                ("previous_deadline", self.env._("Previous"), deadline, "date", 16),
                ("completion_date", self.env._("Completion date"), None, "date", 16),
                ("days_overdue", self.env._("Days overdue"), None, "int", 8),
                ("status", self.env._("Status"), None, "text", 10),
                (
                    "result_text",
                    self.env._("Result and result document"),
                    None,
                    "text",
                    21,
                ),
                (
                    "difficulties_text",
                    self.env._("Difficulties and proposals"),
                    None,
                    "text",
                    19,
                ),
                ("note", self.env._("Notes"), None, "text", 11),
            ]
        else:
            columns = [
                ("label", self.env._("No."), None, "text", 5),
                ("task_code", self.env._("Task code"), None, "text", 13),
                ("content", self.env._("Content"), None, "text", 36),
                ("source_text", self.env._("Source"), None, "text", 20),
                ("lead_unit_name", self.env._("Lead unit"), None, "text", 17),
                ("deadline", self.env._("Deadline"), None, "date", 14),
                ("days_overdue", self.env._("Days overdue"), None, "int", 9),
                ("days_left", self.env._("Days left"), None, "int", 9),
                ("status", self.env._("Status"), None, "text", 12),
                ("last_update_date", self.env._("Last update"), None, "date", 14),
                ("officer_name", self.env._("Following officer"), None, "text", 16),
                ("note", self.env._("Notes"), None, "text", 16),
            ]
        total_width = sum(column[-1] for column in columns)
        return [
            {
                "key": key,
                "label": label,
                "group": group,
                "kind": kind,
                "width": width,
                # The PDF shares the page width in the same proportions.
                "style": f"width: {width * 100 / total_width:.2f}%",
                "headline": key == headline and self.form == "1",
            }
            for key, label, group, kind, width in columns
        ]

    @api.model
    def _header_rows(self, columns):
        """The two heading rows: cells with their column, colspan, rowspan."""
        top, bottom = [], []
        index = 0
        while index < len(columns):
            column = columns[index]
            group = column["group"]
            if not group:
                top.append(
                    {
                        "text": column["label"],
                        "col": index,
                        "colspan": 1,
                        "rowspan": 2,
                        "headline": column["headline"],
                    }
                )
                index += 1
                continue
            span = 1
            while (
                index + span < len(columns) and columns[index + span]["group"] == group
            ):
                span += 1
            top.append(
                {
                    "text": group,
                    "col": index,
                    "colspan": span,
                    "rowspan": 1,
                    "headline": False,
                }
            )
            for offset in range(span):
                sub = columns[index + offset]
                bottom.append(
                    {
                        "text": sub["label"],
                        "col": index + offset,
                        "colspan": 1,
                        "rowspan": 1,
                        "headline": sub["headline"],
                    }
                )
            index += span
        return [top, bottom]

    def _cell_value(self, row, column):
        """The figure or text of a cell, as both the PDF and the workbook
        show it (the PDF then formats it)."""
        key = column["key"]
        if key == "note":
            return self._row_note(row)
        if key == "status":
            return self._row_status(row)
        if key == "result_text":
            return "\n".join(filter(None, [row["result"], row["result_documents"]]))
        if key == "difficulties_text":
            return "\n".join(filter(None, [row["difficulties"], row["proposals"]]))
        if key == "source_text":
            parts = [row["source_ref"]]
            if row["source_date"]:
                parts.append(row["source_date"].strftime("%d/%m/%Y"))
            return self.env._(" of ").join(filter(None, parts))
        if key == "days_overdue":
            return row[key] or None
        return row.get(key)

    def _cell_kind(self, row, column):
        if row["line_type"] == "share" and column["kind"] == "int":
            return "rate"
        return column["kind"]

    def _row_status(self, row):
        if row["line_type"] != "task":
            return None
        if self.form == "3":
            return (
                self.env._("Overdue")
                if row["timeliness"] == "open_overdue"
                else self.env._("Due soon")
            )
        labels = dict(
            self.env["directive.task"]
            ._fields["timeliness"]
            ._description_selection(self.env)
        )
        return labels.get(row["timeliness"])

    def _row_note(self, row):
        notes = []
        if row["line_type"] == "unit" and row["stale"]:
            notes.append(self.env._("%s not updated", row["stale"]))
        if row["line_type"] == "task":
            if row["is_not_started"]:
                notes.append(self.env._("Not started"))
            if row["task_state"] == "to_confirm":
                notes.append(self.env._("Awaiting confirmation"))
            if row["is_due_soon"] and self.form == "2":
                notes.append(self.env._("Due soon"))
            if row["overdue_days_recorded"]:
                notes.append(
                    self.env._(
                        "Overdue %s days before an extension",
                        row["overdue_days_recorded"],
                    )
                )
        return "; ".join(notes) or None

    def _row_title(self, row):
        """Text of a heading or total row that spans the table (Forms 2, 3)."""
        if row["line_type"] == "part":
            return row["name"]
        if row["line_type"] == "group":
            return self.env._(
                "%(unit)s: %(total)s tasks (%(overdue)s overdue, %(soon)s due soon)",
                unit=row["name"],
                total=row["total"],
                overdue=row["open_overdue"],
                soon=row["due_soon"],
            )
        if self.form == "3":
            return self.env._(
                "Total: %(total)s tasks (%(overdue)s overdue, %(soon)s due soon)",
                total=row["total"],
                overdue=row["open_overdue"],
                soon=row["due_soon"],
            )
        return self.env._("Total: %s tasks", row["total"])

    def _is_spanning_row(self, row):
        if row["line_type"] == "part":
            return True
        return self.form in ("2", "3") and row["line_type"] in (
            "group",
            "total",
            "part_total",
        )

    def _format_cell(self, value, kind):
        """Text of a cell in the PDF (Vietnamese number and date formats)."""
        if value is None or value is False or value == "":
            return ""
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        if kind == "rate":
            return format_rate(value, self._rate_digits())
        if kind == "int":
            return lang.format("%d", value, grouping=True)
        if kind == "date":
            return value.strftime("%d/%m/%Y")
        return str(value)

    def _page_ratio(self):
        """Height ÷ width of the printed area of a page (for pagination)."""
        paper = self.env.ref("directive_tracking.paperformat_directive_report")
        width, height = 297, 210  # A4 landscape, in millimetres
        if paper.orientation == "Portrait":
            width, height = height, width
        printable_width = width - paper.margin_left - paper.margin_right
        printable_height = height - paper.margin_top - paper.margin_bottom
        return f"{printable_height / printable_width:.4f}"

    def _print_date(self):
        return self.issue_date or fields.Date.context_today(self)

    def _date_parts(self):
        """Day, month and year of the date line, padded as Decree 30/2020
        requires (a zero before days under 10 and before months 1 and 2)."""
        day = self._print_date()
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        return {"day": f"{day.day:02d}", "month": month, "year": str(day.year)}

    def _form_short_name(self):
        return self.env._("Form %s", self.form)

    def _document_type(self):
        """The document type printed above the title (Decree 30 layout)."""
        return self.env._("REPORT")

    def _title(self):
        self.ensure_one()
        titles = {
            "1": self.env._("Implementation of the directive tasks by unit"),
            "2": self.env._("Detailed list of the directive tasks"),
            "3": self.env._("Overdue and due-soon tasks to urge"),
        }
        return titles[self.form]

    def _subtitle_lines(self):
        self.ensure_one()
        membership = dict(self._fields["membership"]._description_selection(self.env))[
            self.membership
        ]
        scope = self.scope_unit_id.name or self.env._("whole province")
        return [
            self.env._(
                "Period: %(period)s (%(membership)s); scope: %(scope)s",
                period=self._period_label(),
                membership=membership.lower(),
                scope=scope,
            ),
            self.env._(
                "Figures at the cutoff date %(date)s",
                date=self.cutoff_date.strftime("%d/%m/%Y"),
            ),
        ]

    def _rate_footnote(self):
        return self.env._(
            "Due = done + open overdue. Completion rate = done ÷ due; overdue "
            "rate = open overdue ÷ due; share of all assigned = each category "
            "÷ total assigned; on-time share = done on time ÷ done. Tasks "
            "without deadline are counted apart; cancelled, transferred and "
            "draft tasks are left out. (*) Headline rate."
        )
