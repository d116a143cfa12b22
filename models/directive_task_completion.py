from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class DirectiveTaskCompletion(models.Model):
    """The lead unit's completion report, confirmed or returned by the Office.

    The task's completion date is the date of the report that was confirmed;
    a returned report does not stop the clock.
    """

    _name = "directive.task.completion"
    _description = "Completion report"
    _order = "date desc, id desc"

    task_id = fields.Many2one(
        "directive.task", required=True, index=True, ondelete="restrict"
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    result = fields.Text(required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Result document")
    author_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
    )
    unit_id = fields.Many2one(
        related="task_id.lead_unit_id", store=True, string="Lead unit"
    )
    state = fields.Selection(
        [
            ("submitted", "Awaiting confirmation"),
            ("confirmed", "Confirmed"),
            ("returned", "Returned"),
        ],
        required=True,
        default="submitted",
        readonly=True,
    )
    decision_date = fields.Date(readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, ondelete="restrict")
    return_reason = fields.Text()
    company_id = fields.Many2one(related="task_id.company_id", store=True)

    @api.constrains("result")
    def _check_result(self):
        for completion in self:
            if not (completion.result or "").strip():
                raise ValidationError(
                    _("A completion report must state the result achieved.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        completions = super().create(vals_list)
        for completion in completions:
            # The lead unit cannot write its task; the report, allowed by this
            # model's record rules, moves the task on.
            completion.task_id.sudo()._register_completion_report(completion)
            completion.task_id.message_post(
                body=_(
                    "Completion reported by %(unit)s: %(result)s",
                    unit=completion.unit_id.name,
                    result=completion.result,
                )
            )
        return completions

    def _decide(self, state, reason=None):
        for completion in self:
            if completion.state != "submitted":
                raise UserError(_("This completion report has already been decided."))
            completion.write(
                {
                    "state": state,
                    "decision_date": fields.Date.context_today(self),
                    "decided_by_id": self.env.user.id,
                    "return_reason": reason,
                }
            )
            completion.task_id._register_completion_decision(completion)

    def action_confirm(self):
        self._decide("confirmed")
        for completion in self:
            completion.task_id.message_post(body=_("Completion confirmed."))
        return True

    def action_return(self):
        for completion in self:
            if not (completion.return_reason or "").strip():
                raise ValidationError(_("Say why the completion report is returned."))
            completion._decide("returned", completion.return_reason)
            completion.task_id.message_post(
                body=_(
                    "Completion returned: %(reason)s", reason=completion.return_reason
                )
            )
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Completion reports are kept forever and cannot be deleted."))
