from odoo import api, fields, models
from odoo.exceptions import AccessError


class DirectiveScoreItem(models.Model):
    """One task held in a scoring period, as it was scored: the coefficient
    of the catalogue at that time, the share, what was done, the deductions
    and the exemptions. Written by the scoring action only; frozen with a
    closed period."""

    _name = "directive.score.item"
    _description = "Scored task"
    _order = "line_id, deadline, id"

    period_id = fields.Many2one(
        "directive.score.period", required=True, index=True, ondelete="cascade"
    )
    line_id = fields.Many2one(
        "directive.score.line", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(related="line_id.user_id", store=True)
    task_id = fields.Many2one("directive.task", required=True, ondelete="restrict")
    task_code = fields.Char(related="task_id.code", string="Task code")
    task_name = fields.Text(related="task_id.name", string="Content")
    assignee_id = fields.Many2one("directive.task.assignee", ondelete="set null")
    share = fields.Float(string="Share (%)", digits=(6, 2))
    deadline = fields.Date()
    done = fields.Boolean(string="Completed")
    coefficient = fields.Float(digits=(6, 2))
    returned_count = fields.Integer(string="Returned completions")
    delay_count = fields.Integer(string="Delays")
    quality_exemptions = fields.Integer()
    progress_exemptions = fields.Integer()
    quality_points = fields.Float(digits=(6, 4))
    progress_points = fields.Float(digits=(6, 4))
    weight = fields.Float(
        string="Converted work", compute="_compute_weights", store=True, digits=(12, 4)
    )
    done_weight = fields.Float(compute="_compute_weights", store=True)
    quality_weight = fields.Float(compute="_compute_weights", store=True)
    progress_weight = fields.Float(compute="_compute_weights", store=True)

    @api.depends("coefficient", "share", "done", "quality_points", "progress_points")
    def _compute_weights(self):
        for item in self:
            item.weight = item.coefficient * item.share / 100.0
            item.done_weight = item.weight if item.done else 0.0
            item.quality_weight = item.weight * item.quality_points
            item.progress_weight = item.weight * item.progress_points

    def _check_made_by_scoring(self):
        """Scored tasks are written by the period's scoring action only (as
        superuser), never by hand."""
        if not self.env.su:
            raise AccessError(
                self.env._("Scored tasks are made by computing the period.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_made_by_scoring()
        return super().create(vals_list)

    def write(self, vals):
        self._check_made_by_scoring()
        self.period_id._check_lines_not_frozen()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        self._check_made_by_scoring()
        self.period_id._check_lines_not_frozen()
