from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .directive_task import REPORTING_STATES
from .directive_task_evidence import filer_field
from .required_text import check_required_text


class DirectiveTaskUpdate(models.Model):
    """A progress report of the lead unit or of a coordinating unit.

    Updates are evidence: once submitted they are kept forever and cannot be
    changed (no write or unlink access for anyone).
    """

    _name = "directive.task.update"
    _inherit = "directive.task.evidence"
    _description = "Progress update"
    _order = "date desc, id desc"

    coordination_id = fields.Many2one(
        "directive.task.coordination",
        string="As coordinating unit",
        index=True,
        ondelete="restrict",
        domain="[('task_id', '=', task_id)]",
    )
    _filed_fields = frozenset({"date", "author_id", "unit_id"})

    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    note = fields.Text(string="Progress", required=True)
    progress = fields.Integer(string="Progress (%)", required=True, default=0)
    difficulties = fields.Text()
    proposals = fields.Text()
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    author_id = filer_field()
    unit_id = fields.Many2one(
        "directive.unit",
        index=True,
        ondelete="restrict",
        compute="_compute_unit_id",
        store=True,
        readonly=True,
    )

    @api.depends("task_id", "coordination_id")
    def _compute_unit_id(self):
        for update in self:
            update.unit_id = (
                update.coordination_id.unit_id or update.task_id.lead_unit_id
            )

    @api.constrains("progress")
    def _check_progress(self):
        for update in self:
            if not 0 <= update.progress <= 100:
                raise ValidationError(
                    self.env._(
                        "Progress must be between 0 and 100 percent (got %(value)s).",
                        value=update.progress,
                    )
                )

    @api.constrains("task_id")
    def _check_task_open(self):
        for update in self:
            if update.task_id.state not in REPORTING_STATES:
                raise ValidationError(
                    self.env._(
                        "Task %(task)s is not open for progress updates.",
                        task=update.task_id.display_name,
                    )
                )

    @api.constrains("task_id", "coordination_id")
    def _check_coordination_of_the_task(self):
        for update in self:
            if update.coordination_id and update.coordination_id.task_id != (
                update.task_id
            ):
                raise ValidationError(
                    self.env._(
                        "A progress update as coordinating unit goes on that "
                        "unit's line of the same task."
                    )
                )

    @api.constrains("note")
    def _check_note(self):
        check_required_text(
            self,
            "note",
            lambda: self.env._("Say what has been done in the progress update."),
        )

    @api.model
    def _filing_unit(self, task, vals):
        # A coordinating unit reports on its own line.
        line = self.env["directive.task.coordination"].browse(
            vals.get("coordination_id")
        )
        return line.unit_id or task.lead_unit_id

    def _register_filing(self):
        # Units have no write access to tasks: the task takes the update's
        # figures through the workflow, the update itself being checked by
        # this model's record rules.
        if self.coordination_id:
            self.coordination_id.sudo()._register_update(self)
        else:
            self.task_id.sudo()._register_update(self)

    def _filing_trace(self):
        return self.env._(
            "Progress update of %(unit)s: %(progress)s%% – %(note)s",
            unit=self.unit_id.name,
            progress=self.progress,
            note=self.note,
        )
