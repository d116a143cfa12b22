from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.directive_task import OPEN_STATES


class DirectiveUnitTransfer(models.TransientModel):
    """Close a merged or dissolved unit and hand its open work to its
    successor. Tasks keep their history: the change of lead unit is tracked
    in their chatter (who, when, from which unit)."""

    _name = "directive.unit.transfer"
    _description = "Transfer a unit's work to its successor"

    unit_id = fields.Many2one("directive.unit", required=True, string="Closed unit")
    successor_id = fields.Many2one("directive.unit", required=True)
    date_end = fields.Date(
        string="Closed on",
        required=True,
        default=fields.Date.context_today,
        help="First day on which the unit no longer exists: from this day on it "
        "receives no new task, and its successor carries on its work.",
    )
    transfer_users = fields.Boolean(string="Also move the accounts", default=False)
    open_task_count = fields.Integer(compute="_compute_open_task_count")

    @api.depends("unit_id")
    def _compute_open_task_count(self):
        for wizard in self:
            wizard.open_task_count = self.env["directive.task"].search_count(
                wizard._open_tasks_domain()
            )

    def _open_tasks_domain(self):
        """The closed unit's tasks that its successor takes over."""
        return [
            ("lead_unit_id", "=", self.unit_id.id),
            ("state", "in", ("draft",) + OPEN_STATES),
        ]

    def action_transfer(self):
        self.ensure_one()
        unit, successor = self.unit_id, self.successor_id
        if successor._in_subtree_of(unit):
            raise UserError(
                self.env._(
                    "The successor cannot be the closed unit or one of its sub-units."
                )
            )
        if unit.date_start and self.date_end <= unit.date_start:
            raise UserError(
                self.env._(
                    "Unit %(unit)s cannot close on or before the day it started.",
                    unit=unit.name,
                )
            )
        tasks = self.env["directive.task"].search(self._open_tasks_domain())
        coordinations = self.env["directive.task.coordination"].search(
            [("unit_id", "=", unit.id), ("task_id.state", "in", OPEN_STATES)]
        )
        # Where the successor already leads or coordinates the task, the closed
        # unit's line stays as it is: a unit takes part in a task only once,
        # and the line keeps the updates the closed unit sent.
        coordinations = coordinations.filtered(
            lambda line: successor
            not in line.task_id.lead_unit_id | line.task_id.coordination_ids.unit_id
        )
        # Move the work first: the unit is still valid while it is handed over.
        tasks._workflow_write({"lead_unit_id": successor.id})
        coordinations.write({"unit_id": successor.id})
        for task in tasks:
            task.message_post(
                body=self.env._(
                    "Transferred from %(old)s to %(new)s after the merger or "
                    "dissolution of %(old)s.",
                    old=unit.name,
                    new=successor.name,
                )
            )
        tasks._subscribe_unit_focal_points()
        if self.transfer_users:
            unit.user_ids.write({"unit_id": successor.id})
        # ``date_end`` is the last day of validity, the day before the closure.
        unit.write(
            {
                "date_end": self.date_end - timedelta(days=1),
                "successor_id": successor.id,
            }
        )
        return {"type": "ir.actions.act_window_close"}
