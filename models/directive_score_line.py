from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .directive_score_period import GENERAL_POINTS, TASK_POINTS

BANDS = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("completed", "Completed"),
    ("not_completed", "Not completed"),
    ("not_rated", "Not rated (no assigned work)"),
]
# Lower bounds of the bands (Decree 335/2025): ≥ 90, 70–< 90, 50–< 70, < 50.
BAND_FLOORS = ((90, "excellent"), (70, "good"), (50, "completed"))
# What the evaluator enters; everything else comes from the scoring action.
EVALUATOR_FIELDS = frozenset({"general_points", "evaluator_note"})


def band_of(score):
    """The band of a score out of 100."""
    for floor, band in BAND_FLOORS:
        if score >= floor:
            return band
    return "not_completed"


class DirectiveScoreLine(models.Model):
    """The scoring of one civil servant (or, without a person, of the unit
    itself) in one period.

    quantity = completed ÷ assigned, quality = Σ quality points ÷ assigned,
    progress = Σ progress points ÷ assigned, all on converted work (the
    item's coefficient × the person's share); the task results are 70 × their
    weighted mean; the evaluator adds up to 30 points of general criteria.
    """

    _name = "directive.score.line"
    _description = "Scoring of a person in a period"
    _order = "period_id, user_id"

    period_id = fields.Many2one(
        "directive.score.period", required=True, index=True, ondelete="cascade"
    )
    unit_id = fields.Many2one(related="period_id.unit_id", store=True)
    period_year = fields.Integer(related="period_id.year", store=True, string="Year")
    period_state = fields.Selection(related="period_id.state", string="Period status")
    user_id = fields.Many2one(
        "res.users", string="Civil servant", index=True, ondelete="restrict"
    )
    is_head = fields.Boolean(string="Unit head", readonly=True)
    item_ids = fields.One2many("directive.score.item", "line_id", readonly=True)
    assigned_work = fields.Float(readonly=True, digits=(12, 2))
    completed_work = fields.Float(readonly=True, digits=(12, 2))
    quantity = fields.Float(string="Quantity (%)", readonly=True, digits=(6, 2))
    quality = fields.Float(string="Quality (%)", readonly=True, digits=(6, 2))
    progress = fields.Float(string="Progress (%)", readonly=True, digits=(6, 2))
    task_points = fields.Float(
        string="Task results (of 70)", readonly=True, digits=(6, 2)
    )
    general_points = fields.Float(
        string="General criteria (of 30)",
        digits=(6, 2),
        help="Entered by the evaluator, up to 30 points.",
    )
    evaluator_note = fields.Text()
    personal_total = fields.Float(
        compute="_compute_personal", store=True, digits=(6, 2)
    )
    personal_band = fields.Selection(BANDS, compute="_compute_personal", store=True)
    unit_component = fields.Float(
        string="Unit's results (%)",
        compute="_compute_unit_component",
        store=True,
        digits=(6, 2),
        help="For a unit head: 100 when every other person of the unit is rated "
        "completed or better, 50 when one is not.",
    )
    total = fields.Float(
        string="Score",
        compute="_compute_totals",
        store=True,
        digits=(6, 2),
        aggregator="avg",
    )
    band = fields.Selection(BANDS, compute="_compute_totals", store=True)
    excellent_flag = fields.Boolean(
        string="Over the 20% limit",
        related="period_id.excellent_over_quota",
    )

    @api.depends("is_head", "period_id.line_ids.personal_band")
    def _compute_unit_component(self):
        """A unit head adds the results of the unit: 100% when every other
        rated person of the unit is rated "completed" or better, 50% when
        one or more is not (nobody else rated: 100%)."""
        for line in self:
            if not line.is_head:
                line.unit_component = 0.0
                continue
            others = line.period_id.line_ids.filtered(
                lambda other: other.user_id and not other.is_head
            )
            failing = "not_completed" in others.mapped("personal_band")
            line.unit_component = 50.0 if failing else 100.0

    def _is_rated(self):
        # No assigned work in the period: the task results cannot be measured
        # and the person is not rated; the unit's own line is not rated
        # either (it has no general criteria).
        self.ensure_one()
        return bool(self.assigned_work and self.user_id)

    @api.depends("task_points", "general_points", "assigned_work", "user_id")
    def _compute_personal(self):
        for line in self:
            if line._is_rated():
                line.personal_total = round(line.task_points + line.general_points, 2)
                line.personal_band = band_of(line.personal_total)
            else:
                line.personal_total = 0.0 if line.user_id else line.task_points
                line.personal_band = "not_rated"

    @api.depends(
        "personal_total",
        "personal_band",
        "is_head",
        "unit_component",
        "period_id.unit_weight",
    )
    def _compute_totals(self):
        for line in self:
            if line.personal_band == "not_rated":
                line.total = line.personal_total
                line.band = "not_rated"
                continue
            if line.is_head:
                weight = line.period_id.unit_weight / 100.0
                line.total = round(
                    (1 - weight) * line.personal_total + weight * line.unit_component,
                    2,
                )
            else:
                line.total = line.personal_total
            line.band = band_of(line.total)

    @api.model
    def _task_result_values(self, weight, done, quality, progress, weights):
        """Quantity, quality, progress (percent) and the 70 points from the
        sums of converted work."""
        if not weight:
            return {
                "assigned_work": 0.0,
                "completed_work": 0.0,
                "quantity": 0.0,
                "quality": 0.0,
                "progress": 0.0,
                "task_points": 0.0,
            }
        ratios = (done / weight, quality / weight, progress / weight)
        mean = sum(w * r for w, r in zip(weights, ratios, strict=True)) / sum(weights)
        return {
            "assigned_work": weight,
            "completed_work": done,
            "quantity": round(100 * ratios[0], 2),
            "quality": round(100 * ratios[1], 2),
            "progress": round(100 * ratios[2], 2),
            "task_points": round(TASK_POINTS * mean, 2),
        }

    @api.constrains("general_points")
    def _check_general_points(self):
        for line in self:
            if not 0 <= line.general_points <= GENERAL_POINTS:
                raise ValidationError(
                    self.env._("General criteria give from 0 to 30 points.")
                )

    # -------------------------------------------------------------- freezing
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._("Scoring lines are made by computing the period.")
            )
        return super().create(vals_list)

    def write(self, vals):
        self.period_id._check_lines_not_frozen()
        if self.env.su:
            # The scoring action itself (see directive.score.period).
            return super().write(vals)
        if set(vals) - EVALUATOR_FIELDS:
            raise AccessError(
                self.env._(
                    "Only the general criteria and the evaluator's note are "
                    "entered by hand; the rest comes from the tasks."
                )
            )
        for line in self:
            line._check_evaluator()
        return super().write(vals)

    def _check_evaluator(self):
        """The unit head evaluates the unit's people; the leaders evaluate
        the unit heads. Nobody evaluates themselves."""
        self.ensure_one()
        user = self.env.user
        allowed = user.has_group("directive_tracking.group_leader") or (
            not self.is_head
            and user.has_group("directive_tracking.group_unit_admin")
            and user.unit_id == self.period_id.unit_id
        )
        if not self.user_id or self.user_id == user or not allowed:
            raise AccessError(
                self.env._(
                    "The head of the unit evaluates its people, and the leaders "
                    "its head; nobody evaluates themselves."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        self.period_id._check_lines_not_frozen()

    @api.model
    def _yearly_averages(self, year, domain=None):
        """The year of each person: the average of their closed, rated period
        scores of ``year``, in the database."""
        groups = self._read_group(
            (domain or [])
            + [
                ("period_year", "=", year),
                ("period_id.state", "=", "closed"),
                ("user_id", "!=", False),
                ("band", "!=", "not_rated"),
            ],
            ["user_id"],
            ["total:avg"],
        )
        return {user: round(average, 2) for user, average in groups}

    def action_print_sheet(self):
        return self.env.ref(
            "directive_tracking.action_report_directive_score_line"
        ).report_action(self)
