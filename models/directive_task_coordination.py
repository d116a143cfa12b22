from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .field_labels import field_labels

# Written by the coordinating unit's progress updates (and its reminders)
# only.
UPDATE_FIELDS = frozenset(
    {
        "last_update_date",
        "progress",
        "first_update_date",
        "done_date",
        "last_reminder_date",
    }
)


class DirectiveTaskCoordination(models.Model):
    """A coordinating unit of a task, with its own deadline and updates."""

    _name = "directive.task.coordination"
    _description = "Coordinating unit"
    _order = "task_id, id"

    task_id = fields.Many2one(
        "directive.task", required=True, index=True, ondelete="cascade"
    )
    unit_id = fields.Many2one(
        "directive.unit", required=True, index=True, ondelete="restrict"
    )
    deadline = fields.Date()
    update_ids = fields.One2many(
        "directive.task.update", "coordination_id", string="Updates"
    )
    last_update_date = fields.Date(readonly=True)
    progress = fields.Integer(readonly=True)
    # The unit's part is started by its first update and done by its first
    # update at 100 %; a report at a cutoff judges the part on these dates
    # against the unit's own deadline (README, "Coordinating units").
    first_update_date = fields.Date(string="First update", readonly=True)
    done_date = fields.Date(
        string="Part done on",
        readonly=True,
        help="Date of the coordinating unit's first update at 100%.",
    )
    last_reminder_date = fields.Date(readonly=True)
    company_id = fields.Many2one(related="task_id.company_id", store=True)

    _task_unit_uniq = models.Constraint(
        "UNIQUE (task_id, unit_id)",
        "A unit coordinates a task only once.",
    )
    # The units' record rule on tasks (directive.task unit_scope_ids) looks
    # tasks up by coordinating unit: an index-only scan with this.
    _unit_task_index = models.Index("(unit_id, task_id)")

    @api.depends("task_id", "unit_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.task_id.code} – {line.unit_id.name}"

    @api.constrains("unit_id", "task_id")
    def _check_not_lead_unit(self):
        for line in self:
            if line.unit_id == line.task_id.lead_unit_id:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s already leads task %(task)s; it cannot also "
                        "coordinate it.",
                        unit=line.unit_id.name,
                        task=line.task_id.display_name,
                    )
                )
            if line.unit_id.is_dissolved():
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s has been merged or dissolved; choose its "
                        "successor.",
                        unit=line.unit_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_update_fields(set().union(*vals_list))
        return super().create(vals_list)

    def write(self, vals):
        self._check_update_fields(set(vals))
        return super().write(vals)

    def _check_update_fields(self, sent):
        if self.env.su:
            # The updates' own step (below) and data files.
            return
        # A line also stays on its task: its updates were filed there.
        refused = sent & (UPDATE_FIELDS | ({"task_id"} if self else set()))
        if refused:
            raise AccessError(
                self.env._(
                    "%(fields)s: only the coordinating unit's progress updates "
                    "set these.",
                    fields=field_labels(self, refused),
                )
            )

    def _register_update(self, update):
        self.ensure_one()
        vals = {
            "last_update_date": max(update.date, self.last_update_date or update.date),
            "progress": update.progress,
            "first_update_date": min(
                update.date, self.first_update_date or update.date
            ),
        }
        if update.progress >= 100 and not self.done_date:
            vals["done_date"] = update.date
        self.write(vals)
