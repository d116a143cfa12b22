from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

TASK_STATES = [
    ("draft", "Draft"),
    ("assigned", "Assigned"),
    ("in_progress", "In progress"),
    ("to_confirm", "Awaiting confirmation"),
    ("returned", "Returned"),
    ("done", "Done"),
    ("paused", "Paused"),
    ("cancelled", "Cancelled"),
    ("transferred", "Transferred"),
]


class DirectiveTask(models.Model):
    """A task assigned by a directive to a lead unit."""

    _name = "directive.task"
    _description = "Directive task"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "deadline, id desc"

    code = fields.Char(
        string="Task code", readonly=True, copy=False, default="/", index=True
    )
    name = fields.Char(string="Content", required=True, tracking=True)
    lead_unit_id = fields.Many2one(
        "directive.unit",
        string="Lead unit",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    has_deadline = fields.Selection(
        [("deadline", "With deadline"), ("none", "No deadline")],
        string="Deadline kind",
        required=True,
        default="deadline",
        tracking=True,
    )
    deadline = fields.Date(index=True, tracking=True)
    state = fields.Selection(
        TASK_STATES,
        required=True,
        default="draft",
        index=True,
        tracking=True,
        copy=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("has_deadline", "deadline")
    def _check_deadline(self):
        for task in self:
            if task.has_deadline == "deadline" and not task.deadline:
                raise ValidationError(
                    _(
                        "Task %(task)s needs a deadline, or choose 'No deadline'.",
                        task=task.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("code", "/") == "/":
                vals["code"] = sequence.next_by_code("directive.task") or "/"
            if vals.get("has_deadline") == "none":
                vals["deadline"] = False
        return super().create(vals_list)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for task in self:
            task.display_name = f"[{task.code}] {task.name}" if task.code else task.name
