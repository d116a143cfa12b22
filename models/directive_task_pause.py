from odoo import fields, models


class DirectiveTaskPause(models.Model):
    """One pause of a task, from the day it was paused to the day it was
    resumed: a task paused twice has two, so that a report at any cutoff
    knows whether it was paused then (DESIGN §5). Written only by the pause
    and resume actions (no account has write access)."""

    _name = "directive.task.pause"
    _description = "Pause of a task"
    _order = "task_id, date_from, id"

    task_id = fields.Many2one(
        "directive.task", required=True, index=True, ondelete="cascade"
    )
    date_from = fields.Date(string="Paused on", required=True)
    date_to = fields.Date(string="Resumed on")
