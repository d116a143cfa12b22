from odoo import api, fields, models
from odoo.exceptions import AccessError

from .directive_task_evidence import filer_field
from .required_text import check_required_text


class DirectiveTaskCompletion(models.Model):
    """The lead unit's completion report, confirmed or returned by the Office.

    The task's completion date is the date of the report that was confirmed;
    a returned report does not stop the clock.
    """

    _name = "directive.task.completion"
    _inherit = "directive.task.request"
    _description = "Completion report"
    _order = "date desc, id desc"
    _pending_state = "submitted"
    _decision_note = "return_reason"
    _filed_fields = frozenset(
        {
            "date",
            "author_id",
            "unit_id",
            "state",
            "decision_date",
            "decided_by_id",
            "return_reason",
        }
    )

    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    result = fields.Text(required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Result document")
    author_id = filer_field()
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
    return_reason = fields.Text()

    @api.constrains("result")
    def _check_result(self):
        check_required_text(
            self,
            "result",
            lambda: self.env._("A completion report must state the result achieved."),
        )

    def _register_filing(self):
        # The lead unit cannot write its task; the report, allowed by this
        # model's record rules, moves the task on.
        self.task_id.sudo()._register_completion_report(self)

    def _filing_trace(self):
        return self.env._(
            "Completion reported by %(unit)s: %(result)s",
            unit=self.unit_id.name,
            result=self.result,
        )

    def _check_decider(self):
        """The Office's officer who follows the task (or registered it)
        confirms or returns its completion."""
        user, task = self.env.user, self.task_id
        if not (
            user.has_group("directive_tracking.group_manager")
            or (
                user.has_group("directive_tracking.group_officer")
                and user in task.officer_id | task.create_uid
            )
        ):
            raise AccessError(
                self.env._(
                    "Only the Office's officer who follows task %(task)s confirms "
                    "or returns its completion.",
                    task=task.display_name,
                )
            )

    def _decide(self, state, reason=None):
        self._record_decision({"state": state, "return_reason": reason})
        for completion in self:
            completion.task_id._register_completion_decision(completion)

    def action_confirm(self):
        self._decide("confirmed")
        for completion in self:
            completion._post_trace(body=self.env._("Completion confirmed."))
        return True

    def action_return(self):
        for completion in self:
            check_required_text(
                completion,
                "return_reason",
                lambda: self.env._("Say why the completion report is returned."),
            )
            completion._decide("returned", completion.return_reason)
            completion._post_trace(
                body=self.env._(
                    "Completion returned: %(reason)s", reason=completion.return_reason
                )
            )
        return True
