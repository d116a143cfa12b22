from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from .directive_task import OPEN_STATES, passes


class DirectiveTaskAssignee(models.Model):
    """A member of staff who holds a task, or a share of it, for the lead unit
    or for one of the coordinating units (người thực hiện, DESIGN §8).

    Only the focal point / administrator of that very unit assigns its own
    staff; a staff member reads what they hold and reports progress on the
    task as a member of the unit.
    """

    _name = "directive.task.assignee"
    _description = "Task assignee"
    _order = "task_id, unit_id, id"

    task_id = fields.Many2one(
        "directive.task", required=True, index=True, ondelete="cascade"
    )
    unit_id = fields.Many2one(
        "directive.unit",
        string="For unit",
        required=True,
        index=True,
        ondelete="restrict",
        help="The lead unit or the coordinating unit whose share this is.",
    )
    user_id = fields.Many2one(
        "res.users", string="Assignee", required=True, index=True, ondelete="restrict"
    )
    share = fields.Integer(string="Share (%)", required=True, default=100)
    deadline = fields.Date(
        string="Internal deadline",
        help="Optional; never after the unit's own deadline.",
    )
    unit_deadline = fields.Date(compute="_compute_unit_deadline")
    assigned_by_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one(related="task_id.company_id", store=True)

    _unique_holder = models.Constraint(
        "UNIQUE (task_id, unit_id, user_id)",
        "This person already holds this task for this unit.",
    )

    @api.depends("task_id.deadline", "task_id.coordination_ids.deadline", "unit_id")
    def _compute_unit_deadline(self):
        for line in self:
            line.unit_deadline = line._unit_deadline()

    def _unit_deadline(self):
        """The deadline of the unit whose share this is."""
        self.ensure_one()
        task = self.task_id
        if self.unit_id != task.lead_unit_id:
            coordination = task.coordination_ids.filtered(
                lambda c: c.unit_id == self.unit_id
            )[:1]
            if coordination.deadline:
                return coordination.deadline
        return task.deadline if task.has_deadline == "deadline" else False

    # ------------------------------------------------------------ who assigns
    def _check_can_assign_staff(self, unit):
        """Only the focal point / administrator of ``unit`` itself assigns its
        staff: neither a member of staff, nor another unit, nor the Office."""
        if self.env.su:
            return
        user = self.env.user
        if not (
            user.has_group("directive_tracking.group_unit_admin")
            and user.unit_id == unit
        ):
            raise AccessError(
                self.env._(
                    "Only the focal point of %(unit)s assigns its staff to its tasks.",
                    unit=unit.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        Unit = self.env["directive.unit"]
        for vals in vals_list:
            self._check_can_assign_staff(Unit.browse(vals.get("unit_id")))
            # Data files (superuser) may name who assigned; nobody else.
            if not self.env.su or "assigned_by_id" not in vals:
                vals["assigned_by_id"] = self.env.user.id
        return super().create(vals_list)

    def write(self, vals):
        if "assigned_by_id" in vals and not self.env.su:
            raise AccessError(self.env._("Nobody types who assigned a task."))
        for line in self:
            self._check_can_assign_staff(line.unit_id)
        if "unit_id" in vals:
            self._check_can_assign_staff(
                self.env["directive.unit"].browse(vals["unit_id"])
            )
        if not self.env.su and {"user_id", "unit_id", "task_id"} & vals.keys():
            vals = dict(vals, assigned_by_id=self.env.user.id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_by_the_unit(self):
        for line in self:
            self._check_can_assign_staff(line.unit_id)

    # ----------------------------------------------------------- constraints
    @api.constrains("task_id", "unit_id", "user_id", "share", "deadline")
    def _check_assignment(self):
        for line in self:
            task = line.task_id
            if line.unit_id not in (task.lead_unit_id | task.coordination_ids.unit_id):
                raise ValidationError(
                    self.env._(
                        "%(unit)s neither leads nor coordinates task %(task)s.",
                        unit=line.unit_id.name,
                        task=task.display_name,
                    )
                )
            if task.state not in OPEN_STATES:
                raise ValidationError(
                    self.env._(
                        "Task %(task)s is not open; its staff can no longer change.",
                        task=task.display_name,
                    )
                )
            if not line.user_id.unit_id._in_subtree_of(line.unit_id):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not on the staff of %(unit)s or of a unit "
                        "below it.",
                        user=line.user_id.name,
                        unit=line.unit_id.name,
                    )
                )
            if not 0 < line.share <= 100:
                raise ValidationError(
                    self.env._("A share is between 1 and 100 percent.")
                )
            unit_deadline = line._unit_deadline()
            if line.deadline and unit_deadline and line.deadline > unit_deadline:
                raise ValidationError(
                    self.env._(
                        "The internal deadline %(deadline)s is after the deadline "
                        "of %(unit)s (%(unit_deadline)s).",
                        deadline=line.deadline.strftime("%d/%m/%Y"),
                        unit=line.unit_id.name,
                        unit_deadline=unit_deadline.strftime("%d/%m/%Y"),
                    )
                )
        # The shares of one unit in one task add up to at most 100 %, counted
        # in the database.
        groups = self._read_group(
            [("task_id", "in", self.task_id.ids), ("unit_id", "in", self.unit_id.ids)],
            ["task_id", "unit_id"],
            ["share:sum"],
        )
        for task, unit, total in groups:
            if total > 100:
                raise ValidationError(
                    self.env._(
                        "The shares of %(unit)s in task %(task)s add up to "
                        "%(total)s%%, more than 100%%.",
                        unit=unit.name,
                        task=task.display_name,
                        total=total,
                    )
                )


class DirectiveTask(models.Model):
    _inherit = "directive.task"

    assignee_ids = fields.One2many(
        "directive.task.assignee", "task_id", string="Assignees"
    )
    is_mine = fields.Boolean(
        string="My tasks",
        compute="_compute_is_mine",
        search="_search_is_mine",
        help="Tasks the current account holds as an assignee.",
    )

    @api.depends_context("uid")
    @api.depends("assignee_ids.user_id")
    def _compute_is_mine(self):
        for task in self:
            task.is_mine = self.env.user in task.assignee_ids.user_id

    def _search_is_mine(self, operator, value):
        domain = [("assignee_ids.user_id", "=", self.env.uid)]
        if operator in ("in", "not in"):
            positive = (True in value) == (operator == "in")
        else:
            positive = (operator == "=") == bool(value)
        return domain if positive else ["!"] + domain

    can_assign_staff = fields.Boolean(
        compute="_compute_can_assign_staff",
        help="Whether the current account may assign its unit's staff to the task.",
    )

    @api.depends_context("uid")
    @api.depends("lead_unit_id", "coordination_ids.unit_id", "state")
    def _compute_can_assign_staff(self):
        Assignee = self.env["directive.task.assignee"]
        unit = self.env.user.unit_id
        for task in self:
            task.can_assign_staff = (
                task.state in OPEN_STATES
                and unit in (task.lead_unit_id | task.coordination_ids.unit_id)
                and passes(Assignee._check_can_assign_staff, unit)
            )

    def _search_unit_scope_ids(self, operator, value):
        """What a unit's record rules open, plus the tasks the current
        account holds: a commune has one account, its staff sit in the
        offices below it and must see and report on the commune's tasks
        they hold. Still one subquery (see the parent method)."""
        [(fname, op, units_query)] = super()._search_unit_scope_ids(operator, value)
        self.env["directive.task.assignee"].flush_model(["task_id", "user_id"])
        return [
            (
                fname,
                op,
                SQL(
                    "(%s UNION ALL SELECT task_id FROM directive_task_assignee"
                    " WHERE user_id = %s)",
                    units_query,
                    self.env.uid,
                ),
            )
        ]

    def _check_can_file(self, unit):
        """An assignee reports progress for the unit whose share it holds,
        also from an office below that unit."""
        if (
            not self.env.su
            and self.env.user.unit_id != unit
            and self.env.user
            in self.assignee_ids.filtered(lambda a: a.unit_id == unit).user_id
        ):
            return
        super()._check_can_file(unit)

    @api.depends_context("uid")
    @api.depends("lead_unit_id", "coordination_ids.unit_id")
    def _compute_can_file(self):
        super()._compute_can_file()
        if self.env.su:
            return
        for task in self:
            # An assignee from an office below reports progress only: the
            # completion and the extension are the lead unit's own.
            if task.can_file and self.env.user.unit_id != task.lead_unit_id:
                task.can_file = False

    def action_open_assignee(self):
        """Dialog in which the unit's focal point assigns one of its staff."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign staff"),
            "res_model": "directive.task.assignee",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_task_id": self.id,
                "default_unit_id": self.env.user.unit_id.id,
                "default_deadline": False,
            },
        }
