from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .directive_report_period import PERIOD_STYLES, period_bounds, period_name
from .directive_task import EXCLUDED_STATES
from .directive_unit_scoring import SCORE_PERIOD_KINDS
from .field_labels import refuse_action_fields
from .xlsx_download import download_action

# Deduction of one returned completion or one delay (Decree 335/2025).
DEDUCTION = 0.25
# Points of the task results and the most the general criteria give.
TASK_POINTS = 70
GENERAL_POINTS = 30
# Share of "excellent" allowed against those rated "good" in a unit.
EXCELLENT_SHARE_OF_GOOD = 0.2
# Fields that only the compute and close actions write.
SCORE_FIELDS = frozenset(
    {
        "state",
        "line_ids",
        "item_ids",
        "closed_date",
        "closed_by_id",
        "weight_quantity",
        "weight_quality",
        "weight_progress",
        "unit_weight",
        "unit_name",
    }
)
PARAM = "directive_tracking.score_"


class DirectiveScorePeriod(models.Model):
    """One unit's scoring period (a month or a quarter): its civil servants'
    task results under Decree 335/2025/NĐ-CP (DESIGN §8), and the unit's own.

    Computing it stores its items (one per task held in the period, with the
    coefficient it is scored with) and its lines (one per person, one for
    the unit); closing it freezes them, like an issued report: the period
    then reprints identically whatever happens to the tasks or the catalogue.
    """

    _name = "directive.score.period"
    _description = "Scoring period"
    _order = "date_from desc, unit_id"

    # Not stored: printed in the reader's language, from the period's
    # frozen dates and unit name.
    name = fields.Char(compute="_compute_name")
    unit_id = fields.Many2one(
        "directive.unit",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.user.unit_id,
    )
    period_kind = fields.Selection(
        SCORE_PERIOD_KINDS,
        string="Period",
        required=True,
        compute="_compute_period_kind",
        store=True,
        readonly=False,
        precompute=True,
    )
    period_style = fields.Selection(
        PERIOD_STYLES,
        string="Period style",
        required=True,
        default=lambda self: self.env[
            "directive.report.period.mixin"
        ]._default_period_style(),
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    number = fields.Integer(
        string="Month or quarter",
        required=True,
        default=lambda self: fields.Date.context_today(self).month,
    )
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("closed", "Closed")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
    )
    unit_name = fields.Char(
        readonly=True, help="The unit's name when the period was last scored."
    )
    closed_date = fields.Date(readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    line_ids = fields.One2many("directive.score.line", "period_id", readonly=True)
    item_ids = fields.One2many("directive.score.item", "period_id", readonly=True)
    weight_quantity = fields.Float(readonly=True)
    weight_quality = fields.Float(readonly=True)
    weight_progress = fields.Float(readonly=True)
    unit_weight = fields.Integer(string="Unit weight for its head (%)", readonly=True)
    excellent_count = fields.Integer(compute="_compute_quota", store=True)
    good_count = fields.Integer(compute="_compute_quota", store=True)
    excellent_over_quota = fields.Boolean(
        string="Too many excellent",
        compute="_compute_quota",
        store=True,
        help="More people are rated excellent than 20% of those rated good. "
        "Flagged only: the evaluator decides, the figures are not changed.",
    )

    _unique_period = models.Constraint(
        "UNIQUE (unit_id, period_style, period_kind, year, number)",
        "This unit already has this scoring period.",
    )

    @api.depends("unit_id")
    def _compute_period_kind(self):
        for period in self:
            period.period_kind = period.unit_id.score_period_kind or "month"

    @api.depends("period_style", "period_kind", "year", "number")
    def _compute_dates(self):
        for period in self:
            if period._has_valid_number():
                period.date_from, period.date_to = period_bounds(
                    period.period_style, period.period_kind, period.year, period.number
                )
            else:
                period.date_from = period.date_to = False

    def _has_valid_number(self):
        self.ensure_one()
        limit = 12 if self.period_kind == "month" else 4
        return 1 <= self.number <= limit and self.year >= 1900

    @api.constrains("period_kind", "year", "number")
    def _check_number(self):
        for period in self:
            if not period._has_valid_number():
                raise ValidationError(
                    self.env._(
                        "Choose a month from 1 to 12 or a quarter from 1 to 4, "
                        "and a year."
                    )
                )

    @api.depends(
        "unit_id", "unit_name", "date_from", "date_to", "period_kind", "period_style"
    )
    def _compute_name(self):
        for period in self:
            if not period.date_to:
                period.name = False
                continue
            label = period_name(
                self.env, period.period_kind, period.date_to.year, period.date_to.month
            )
            if period.period_style == "decree09":
                label += " ({} – {})".format(
                    period.date_from.strftime("%d/%m/%Y"),
                    period.date_to.strftime("%d/%m/%Y"),
                )
            # sudo: the name of the unit, for a reader of the unit below it.
            unit_name = period.unit_name or period.unit_id.sudo().name
            period.name = f"{unit_name} – {label}"

    @api.depends("line_ids.band")
    def _compute_quota(self):
        # "Excellent may not exceed 20% of those rated good": read literally,
        # the excellent people of the unit are compared with the people rated
        # good (excellent not included), without rounding: 1 excellent needs
        # 5 good. Unit heads are rated like everyone.
        for period in self:
            bands = period.line_ids.filtered("user_id").mapped("band")
            period.excellent_count = bands.count("excellent")
            period.good_count = bands.count("good")
            period.excellent_over_quota = (
                period.excellent_count
                > EXCELLENT_SHARE_OF_GOOD * period.good_count + 1e-9
            )

    # -------------------------------------------------------------- freezing
    def _check_can_score(self, units):
        """The head (focal point) of the unit scores its period; the system
        administrators too."""
        if not units._headed_by_current_account():
            raise AccessError(
                self.env._("Only the head of a unit computes and closes its scoring.")
            )

    def _check_lines_not_frozen(self):
        """The lines and scored tasks of a closed period keep the figures it
        was closed with."""
        if self.filtered(lambda p: p.state == "closed"):
            raise UserError(self.env._("A closed scoring period is frozen."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_score_fields(vals_list)
        units = self.env["directive.unit"].browse(
            [vals.get("unit_id") or self.env.user.unit_id.id for vals in vals_list]
        )
        self._check_can_score(units)
        return super().create(vals_list)

    def write(self, vals):
        if self.filtered(lambda p: p.state == "closed"):
            raise UserError(
                self.env._(
                    "A closed scoring period is frozen; it can only be reprinted."
                )
            )
        if "line_ids" in vals and not self.env.su:
            # The sheet's editable list sends the evaluator's entries through
            # the period: each goes to its line, which checks the evaluator.
            vals = dict(vals)
            self._write_evaluations(vals.pop("line_ids"))
            if not vals:
                return True
        self._check_score_fields([vals])
        self._check_can_score(self.unit_id)
        if "unit_id" in vals:
            self._check_can_score(self.env["directive.unit"].browse(vals["unit_id"]))
        return super().write(vals)

    def _write_evaluations(self, commands):
        Line = self.env["directive.score.line"]
        for command in commands:
            if command[0] == Command.UPDATE:
                line = Line.browse(command[1])
                if line.period_id not in self:
                    raise AccessError(self.env._("This line is not of this period."))
                line.write(command[2])
            elif command[0] != Command.LINK:
                raise AccessError(
                    self.env._("Scoring lines are made by computing the period.")
                )

    @api.model
    def _check_score_fields(self, vals_list):
        refuse_action_fields(
            self,
            vals_list,
            SCORE_FIELDS,
            lambda labels: self.env._(
                "%(fields)s: only computing or closing the scoring sets these.",
                fields=labels,
            ),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if self.filtered(lambda p: p.state == "closed"):
            raise UserError(self.env._("A closed scoring period cannot be deleted."))
        self._check_can_score(self.unit_id)

    # -------------------------------------------------------------- actions
    def action_compute(self):
        """Score the period from the tasks as they stand (a draft only)."""
        for period in self:
            if period.state != "draft":
                raise UserError(self.env._("Period %s is closed.", period.display_name))
            period.check_access("write")
            period._check_can_score(period.unit_id)
            period._compute_scores()
        return True

    def action_close(self):
        """Score the period one last time and freeze it."""
        self.action_compute()
        # sudo: the state is written by this action only; access and role
        # were checked by action_compute.
        self.sudo().write(
            {
                "state": "closed",
                "closed_date": fields.Date.context_today(self),
                "closed_by_id": self.env.user.id,
            }
        )
        return True

    @api.model
    def _settings(self):
        # sudo: settings every unit's scoring reads.
        params = self.env["ir.config_parameter"].sudo()
        return {
            "weight_quantity": float(params.get_param(PARAM + "weight_quantity", 1)),
            "weight_quality": float(params.get_param(PARAM + "weight_quality", 1)),
            "weight_progress": float(params.get_param(PARAM + "weight_progress", 1)),
            "unit_weight": int(params.get_param(PARAM + "unit_weight", 30)),
        }

    def _items_query(self):
        """One row per task held in the period: by a person (an assignee of
        the unit or of a unit below it), or by the unit itself for the tasks
        its superiors assigned to it (user_id NULL), with what the scoring
        needs, counted in the database.

        A task belongs to the period when its deadline (the assignee's
        internal one, else the unit's) falls in the period, or when it was
        completed in it. Completed means confirmed done with a completion
        date up to the end of the period.
        """
        self.ensure_one()
        models_ = (
            "directive.task",
            "directive.task.assignee",
            "directive.task.coordination",
            "directive.task.completion",
            "directive.task.extension",
            "directive.score.exemption",
            "directive.work.coefficient",
        )
        for model in models_:
            self.env[model].flush_model()
        return SQL(
            """
            WITH held AS (
                SELECT a.user_id, a.task_id, a.id AS assignee_id,
                       a.share / 100.0 AS share,
                       COALESCE(a.deadline, co.deadline, t.deadline) AS deadline
                  FROM directive_task_assignee a
                  JOIN directive_task t ON t.id = a.task_id
                  JOIN directive_unit au ON au.id = a.unit_id
                  LEFT JOIN directive_task_coordination co
                         ON co.task_id = a.task_id AND co.unit_id = a.unit_id
                 WHERE au.parent_path LIKE %(unit_path)s
                UNION ALL
                SELECT NULL, t.id, NULL, 1.0, t.deadline
                  FROM directive_task t
                 WHERE t.lead_unit_id = %(unit_id)s
            ), facts AS (
                SELECT h.*, t.kind, t.category_id,
                       (t.state = 'done' AND t.completion_date <= %(date_to)s)
                           AS done,
                       COALESCE((
                           SELECT c.coefficient FROM directive_work_coefficient c
                            WHERE c.unit_id = %(unit_id)s AND c.active
                              AND (c.kind IS NULL OR c.kind = t.kind)
                              AND (c.category_id IS NULL
                                   OR c.category_id = t.category_id)
                            ORDER BY (c.kind IS NOT NULL
                                      AND c.category_id IS NOT NULL) DESC,
                                     (c.category_id IS NOT NULL) DESC
                            LIMIT 1), 1.0) AS coefficient,
                       (SELECT count(*) FROM directive_task_completion c
                         WHERE c.task_id = t.id AND c.state = 'returned'
                           AND c.date <= %(date_to)s) AS returned_count,
                       (SELECT count(*) FROM directive_task_extension e
                         WHERE e.task_id = t.id AND e.state = 'approved'
                           AND e.decision_date <= %(date_to)s)
                       + CASE WHEN t.state = 'done'
                               AND t.completion_date <= %(date_to)s
                               AND t.completion_date > h.deadline
                              THEN 1 ELSE 0 END AS delay_count,
                       (SELECT count(*) FROM directive_score_exemption x
                         WHERE x.task_id = t.id AND x.kind = 'quality')
                           AS quality_exemptions,
                       (SELECT count(*) FROM directive_score_exemption x
                         WHERE x.task_id = t.id AND x.kind = 'progress')
                           AS progress_exemptions
                  FROM held h
                  JOIN directive_task t ON t.id = h.task_id
                 WHERE t.state NOT IN %(excluded)s
                   AND ((h.deadline BETWEEN %(date_from)s AND %(date_to)s)
                        OR (t.state = 'done' AND t.completion_date
                            BETWEEN %(date_from)s AND %(date_to)s))
            )
            SELECT user_id, task_id, assignee_id, share, deadline, done,
                   coefficient, returned_count, delay_count,
                   quality_exemptions, progress_exemptions,
                   CASE WHEN done THEN GREATEST(0, 1 - %(deduction)s
                        * GREATEST(0, returned_count - quality_exemptions))
                        ELSE 0 END AS quality_points,
                   CASE WHEN done THEN GREATEST(0, 1 - %(deduction)s
                        * GREATEST(0, delay_count - progress_exemptions))
                        ELSE 0 END AS progress_points
              FROM facts
             ORDER BY user_id NULLS FIRST, deadline, task_id
            """,
            unit_id=self.unit_id.id,
            unit_path=f"{self.unit_id.parent_path}%",
            date_from=self.date_from,
            date_to=self.date_to,
            excluded=EXCLUDED_STATES,
            deduction=DEDUCTION,
        )

    def _compute_scores(self):
        """Store the items and lines of the period (draft), keeping the
        general points the evaluator entered."""
        self.ensure_one()
        settings = self._settings()
        self.env.cr.execute(self._items_query())
        rows = self.env.cr.dictfetchall()
        Line = self.env["directive.score.line"]
        lines = {line.user_id.id or None: line for line in self.line_ids}
        head_ids = set(self.unit_id._focal_points().ids)
        # sudo: items and lines are written by this action only (their
        # create and write refuse it from anywhere else); the period's
        # access and the scorer's role were checked by the caller.
        period = self.sudo()
        period.item_ids.unlink()
        people = {None} | {row["user_id"] for row in rows} | set(lines)
        new = [uid for uid in people if uid not in lines]
        created = Line.sudo().create(
            [{"period_id": self.id, "user_id": uid or False} for uid in new]
        )
        for line in created:
            lines[line.user_id.id or None] = line
        period.write(dict(settings, unit_name=self.unit_id.name))
        self.env["directive.score.item"].sudo().create(
            [
                {
                    "period_id": self.id,
                    "line_id": lines[row["user_id"]].id,
                    "task_id": row["task_id"],
                    "assignee_id": row["assignee_id"],
                    "share": float(row["share"]) * 100,
                    "deadline": row["deadline"],
                    "done": row["done"],
                    "coefficient": float(row["coefficient"]),
                    "returned_count": row["returned_count"],
                    "delay_count": row["delay_count"],
                    "quality_exemptions": row["quality_exemptions"],
                    "progress_exemptions": row["progress_exemptions"],
                    "quality_points": float(row["quality_points"]),
                    "progress_points": float(row["progress_points"]),
                }
                for row in rows
            ]
        )
        # The sums per person, in the database.
        sums = {
            line: (weight, done, quality, progress)
            for line, weight, done, quality, progress in self.env[
                "directive.score.item"
            ]
            .sudo()
            ._read_group(
                [("period_id", "=", self.id)],
                ["line_id"],
                [
                    "weight:sum",
                    "done_weight:sum",
                    "quality_weight:sum",
                    "progress_weight:sum",
                ],
            )
        }
        weights = (
            settings["weight_quantity"],
            settings["weight_quality"],
            settings["weight_progress"],
        )
        for line in lines.values():
            weight, done, quality, progress = sums.get(line, (0.0, 0.0, 0.0, 0.0))
            line.sudo().write(
                dict(
                    line._task_result_values(weight, done, quality, progress, weights),
                    is_head=line.user_id.id in head_ids,
                )
            )

    def _lines_to_print(self):
        """People first (by name), the unit's own line last."""
        self.ensure_one()
        people = self.line_ids.filtered("user_id").sorted(
            lambda line: line.user_id.name
        )
        return people | self.line_ids.filtered(lambda line: not line.user_id)

    def action_print_pdf(self):
        return self.env.ref(
            "directive_tracking.action_report_directive_score_period"
        ).report_action(self)

    def action_export_xlsx(self):
        """Build the workbook of the sheet and download it."""
        self.ensure_one()
        return download_action(
            self.env, f"{self.name}.xlsx".replace("/", "-"), self._render_xlsx()
        )

    def _render_xlsx(self):
        return self.env[
            "report.directive_tracking.report_score_sheet_xlsx"
        ]._render_xlsx(self)
