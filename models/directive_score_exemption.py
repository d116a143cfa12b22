from odoo import api, fields, models
from odoo.exceptions import AccessError

from .required_text import check_required_text

EXEMPTION_KINDS = [
    ("quality", "Returned completion (quality)"),
    ("progress", "Delay (progress)"),
]


class DirectiveScoreExemption(models.Model):
    """An objective cause, confirmed by the Office, that removes one
    deduction from a task's scoring (Decree 335/2025, DESIGN §8).

    Like filed evidence, it is kept as recorded: the Office records it with
    a reason, and nobody changes or deletes it afterwards (a mistaken one is
    offset by nothing: the closed periods already scored keep their figures).
    """

    _name = "directive.score.exemption"
    _description = "Scoring exemption (objective cause)"
    _order = "date desc, id desc"

    task_id = fields.Many2one(
        "directive.task", required=True, index=True, ondelete="restrict"
    )
    kind = fields.Selection(EXEMPTION_KINDS, string="Deduction", required=True)
    reason = fields.Text(string="Objective cause", required=True)
    date = fields.Date(readonly=True, default=fields.Date.context_today)
    recorded_by_id = fields.Many2one("res.users", readonly=True)

    @api.constrains("reason")
    def _check_reason(self):
        check_required_text(
            self,
            "reason",
            lambda: self.env._("Say what objective cause removes the deduction."),
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(
            "directive_tracking.group_officer"
        ):
            raise AccessError(self.env._("Only the Office records an objective cause."))
        for vals in vals_list:
            if not self.env.su or "recorded_by_id" not in vals:
                vals["recorded_by_id"] = self.env.user.id
            if not self.env.su or "date" not in vals:
                vals["date"] = fields.Date.context_today(self)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise AccessError(
                self.env._("A recorded objective cause can no longer be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise AccessError(
                self.env._("A recorded objective cause can no longer be deleted.")
            )
