from odoo import _, api, fields, models
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
        string="Closed on", required=True, default=fields.Date.context_today
    )
    transfer_users = fields.Boolean(string="Also move the accounts", default=False)
    open_task_count = fields.Integer(compute="_compute_open_task_count")

    @api.depends("unit_id")
    def _compute_open_task_count(self):
        for wizard in self:
            wizard.open_task_count = self.env["directive.task"].search_count(
                [
                    ("lead_unit_id", "=", wizard.unit_id.id),
                    ("state", "in", ("draft",) + OPEN_STATES),
                ]
            )

    def action_transfer(self):
        self.ensure_one()
        unit, successor = self.unit_id, self.successor_id
        if successor == unit or successor.parent_path.startswith(unit.parent_path):
            raise UserError(
                _("The successor cannot be the closed unit or one of its sub-units.")
            )
        tasks = self.env["directive.task"].search(
            [("lead_unit_id", "=", unit.id), ("state", "in", ("draft",) + OPEN_STATES)]
        )
        coordinations = self.env["directive.task.coordination"].search(
            [("unit_id", "=", unit.id), ("task_id.state", "in", OPEN_STATES)]
        )
        # Move the work first: the unit is still valid while it is handed over.
        tasks.write({"lead_unit_id": successor.id})
        coordinations.write({"unit_id": successor.id})
        for task in tasks:
            task.message_post(
                body=_(
                    "Transferred from %(old)s to %(new)s after the merger or "
                    "dissolution of %(old)s.",
                    old=unit.name,
                    new=successor.name,
                )
            )
        tasks._subscribe_unit_focal_points()
        if self.transfer_users:
            unit.user_ids.write({"unit_id": successor.id})
        unit.write({"date_end": self.date_end, "successor_id": successor.id})
        return {"type": "ir.actions.act_window_close"}
