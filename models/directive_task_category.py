from odoo import fields, models


class DirectiveTaskCategory(models.Model):
    _name = "directive.task.category"
    _description = "Task field"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
