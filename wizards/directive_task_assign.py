from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.directive_source import URGENCY
from ..models.directive_task import DEADLINE_KINDS, TASK_KINDS


class DirectiveTaskAssign(models.TransientModel):
    """Assign one task of a directive to many units in one go, or split a
    task into sub-tasks for the units below its lead unit."""

    _name = "directive.task.assign"
    _description = "Assign a task to units"

    source_id = fields.Many2one(
        "directive.source",
        string="Source",
        help="Document or meeting conclusion the task comes from.",
    )
    parent_task_id = fields.Many2one("directive.task", string="Task to split")
    parent_unit_id = fields.Many2one(
        related="parent_task_id.lead_unit_id", string="Lead unit of the split task"
    )
    name = fields.Text(
        string="Content",
        required=True,
        help="What the units must do, as written in the directive.",
    )
    expected_result = fields.Text(
        help="What each unit must deliver, e.g. a report or a decision.",
    )
    has_deadline = fields.Selection(
        DEADLINE_KINDS,
        string="Deadline kind",
        required=True,
        default="deadline",
        help="Choose 'No deadline' only for tasks without a time limit; they are "
        "counted apart.",
    )
    deadline = fields.Date(
        help="Last day of the deadline; the task is on time when completed on "
        "that day.",
    )
    kind = fields.Selection(
        TASK_KINDS,
        required=True,
        default="one_off",
        help="One-off, regular or periodic task.",
    )
    category_id = fields.Many2one(
        "directive.task.category",
        string="Field",
        help="Field of the task, used to group reports.",
    )
    urgency = fields.Selection(
        URGENCY,
        default="normal",
        required=True,
        help="Urgency of the task.",
    )
    leader_id = fields.Many2one(
        "res.users",
        string="Directing leader",
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("directive_tracking.group_leader").id)
        ],
        help="Leader who directs the task and decides on its extensions.",
    )
    officer_id = fields.Many2one(
        "res.users",
        string="Following officer",
        default=lambda self: self.env.user,
        help="Office officer who follows and urges the task.",
    )
    mode = fields.Selection(
        [
            ("each", "One task for each unit"),
            ("coordinated", "One task: a lead unit and coordinating units"),
        ],
        required=True,
        default="each",
        help="One task for each unit, or one task led by one unit with the others "
        "coordinating.",
    )
    lead_unit_id = fields.Many2one(
        "directive.unit",
        string="Lead unit",
        help="Unit that leads the task and reports its completion.",
    )
    unit_ids = fields.Many2many(
        "directive.unit",
        string="Units",
        help="Units that receive the task (or coordinate it).",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        parent = self.env["directive.task"].browse(values.get("parent_task_id"))
        if parent:
            values.update(
                source_id=parent.source_id.id,
                leader_id=parent.leader_id.id,
                officer_id=parent.officer_id.id,
                has_deadline=parent.has_deadline,
                deadline=parent.deadline,
                kind=parent.kind,
                category_id=parent.category_id.id,
                urgency=parent.urgency,
            )
        source = self.env["directive.source"].browse(values.get("source_id"))
        if source and not parent:
            values.setdefault("leader_id", source.leader_id.id)
            values.setdefault("urgency", source.urgency)
        return values

    def _task_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "expected_result": self.expected_result,
            "source_id": self.source_id.id,
            "parent_id": self.parent_task_id.id,
            "leader_id": self.leader_id.id,
            "officer_id": self.officer_id.id,
            "has_deadline": self.has_deadline,
            "deadline": self.deadline if self.has_deadline == "deadline" else False,
            "kind": self.kind,
            "category_id": self.category_id.id,
            "urgency": self.urgency,
        }

    def action_assign(self):
        self.ensure_one()
        if self.mode == "each":
            if not self.unit_ids:
                raise UserError(self.env._("Choose at least one unit."))
            vals_list = [
                dict(self._task_values(), lead_unit_id=unit.id)
                for unit in self.unit_ids
            ]
        else:
            if not self.lead_unit_id:
                raise UserError(self.env._("Choose the lead unit."))
            coordinating = self.unit_ids - self.lead_unit_id
            vals_list = [
                dict(
                    self._task_values(),
                    lead_unit_id=self.lead_unit_id.id,
                    coordination_ids=[
                        fields.Command.create(
                            {"unit_id": unit.id, "deadline": self.deadline}
                        )
                        for unit in coordinating
                    ],
                )
            ]
        tasks = self.env["directive.task"].create(vals_list)
        # sudo: a unit admin creates the sub-tasks of its split (the create
        # rule checks where they go) but has no write access to tasks; the
        # assignment itself checks who assigns (sudo keeps the account).
        tasks.sudo().action_assign()
        return {
            "type": "ir.actions.act_window",
            "res_model": "directive.task",
            "view_mode": "list,form",
            "domain": [("id", "in", tasks.ids)],
            # Last: Odoo's term extractor takes the ("id", ...) tuple after a
            # translated string of the same expression for a term of its own.
            "name": self.env._("Assigned tasks"),
        }
