from odoo import api, fields, models
from odoo.exceptions import UserError


class DirectiveTaskEvidence(models.AbstractModel):
    """What a unit submits on a task (progress update, completion report,
    extension request): evidence that is kept forever, never deleted."""

    _name = "directive.task.evidence"
    _description = "Record submitted on a task"

    task_id = fields.Many2one(
        "directive.task", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="task_id.company_id", store=True)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "%(records)s are kept forever and cannot be deleted.",
                # The model's name in the user's language.
                records=self.env["ir.model"]._get(self._name).name,
            )
        )


class DirectiveTaskRequest(models.AbstractModel):
    """A submission of the lead unit that the directing side decides on
    (a completion report, an extension request)."""

    _name = "directive.task.request"
    _inherit = "directive.task.evidence"
    _description = "Request decided on a task"
    # State of a request still waiting for its decision.
    _pending_state = None

    unit_id = fields.Many2one(
        related="task_id.lead_unit_id", store=True, string="Lead unit"
    )
    decision_date = fields.Date(readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, ondelete="restrict")

    def _record_decision(self, values):
        """Write the decision on requests that are still pending."""
        for request in self:
            if request.state != self._pending_state:
                raise UserError(self.env._("This request has already been decided."))
        self.write(
            dict(
                values,
                decision_date=fields.Date.context_today(self),
                decided_by_id=self.env.user.id,
            )
        )
