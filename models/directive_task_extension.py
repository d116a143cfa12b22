from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .directive_task import EXTENDABLE_STATES
from .directive_task_evidence import filer_field
from .required_text import check_required_text


class DirectiveTaskExtension(models.Model):
    """A request of the lead unit to move the deadline, decided by the
    directing side."""

    _name = "directive.task.extension"
    _inherit = "directive.task.request"
    _description = "Extension request"
    _order = "create_date desc, id desc"
    _pending_state = "requested"
    _decision_note = "refusal_reason"
    _filed_fields = frozenset(
        {
            "current_deadline",
            "request_date",
            "requested_by_id",
            "unit_id",
            "leader_id",
            "state",
            "decision_date",
            "decided_by_id",
            "refusal_reason",
        }
    )
    _filing_date_field = "request_date"

    reason = fields.Text(required=True)
    current_deadline = fields.Date(
        string="Deadline when asked", required=True, readonly=True
    )
    proposed_date = fields.Date(string="Proposed deadline", required=True)
    request_date = fields.Date(
        required=True, readonly=True, default=fields.Date.context_today
    )
    requested_by_id = filer_field()
    leader_id = fields.Many2one(
        related="task_id.leader_id", store=True, string="Directing leader"
    )
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        required=True,
        default="requested",
        readonly=True,
    )
    refusal_reason = fields.Text()

    @api.model
    def _filing_values(self, task):
        return dict(super()._filing_values(task), current_deadline=task.deadline)

    def _filing_trace(self):
        return self.env._(
            "Extension requested to %(date)s: %(reason)s",
            date=self.proposed_date.strftime("%d/%m/%Y"),
            reason=self.reason,
        )

    @api.constrains("reason")
    def _check_reason(self):
        check_required_text(
            self, "reason", lambda: self.env._("Say why the extension is needed.")
        )

    @api.constrains("proposed_date", "current_deadline", "task_id")
    def _check_proposed_date(self):
        for extension in self:
            task = extension.task_id
            if task.has_deadline == "none":
                raise ValidationError(
                    self.env._("A task without deadline cannot be extended.")
                )
            if task.state not in EXTENDABLE_STATES:
                raise ValidationError(
                    self.env._(
                        "Task %(task)s is not open; it cannot be extended.",
                        task=task.display_name,
                    )
                )
            if extension.proposed_date <= extension.current_deadline:
                raise ValidationError(
                    self.env._(
                        "The proposed deadline must be after the current deadline "
                        "(%(date)s).",
                        date=extension.current_deadline.strftime("%d/%m/%Y"),
                    )
                )

    def _check_decider(self):
        """The task's directing leader decides, and never on a request of
        their own."""
        user = self.env.user
        if self.requested_by_id == user:
            # A leader's own unit subtree may include the lead unit; the
            # directing side must still be someone else than the asker.
            raise UserError(
                self.env._("You cannot decide on your own extension request.")
            )
        if not (
            user == self.task_id.leader_id
            or user.has_group("directive_tracking.group_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only the directing leader of task %(task)s decides on its "
                    "extensions.",
                    task=self.task_id.display_name,
                )
            )

    def _decide(self, state, reason=None):
        self._record_decision({"state": state, "refusal_reason": reason})

    def action_approve(self):
        self._decide("approved")
        for extension in self:
            # The leader decides on the request (checked by this model's record
            # rules) but does not otherwise write the task.
            extension.task_id.sudo()._register_extension(extension)
            extension._post_trace(
                body=self.env._(
                    "Extension approved: new deadline %(date)s.",
                    date=extension.proposed_date.strftime("%d/%m/%Y"),
                )
            )
        return True

    def action_refuse(self):
        for extension in self:
            extension._decide("refused", extension.refusal_reason)
            extension._post_trace(
                body=self.env._(
                    "Extension refused: %(reason)s",
                    reason=extension.refusal_reason or "-",
                )
            )
        return True
