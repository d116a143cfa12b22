from odoo import fields, models

# Blocks of Form 1, in their printed order; a unit level says in which its
# units are listed.
REPORT_BLOCKS = [
    ("province", "Province"),
    ("agency", "Provincial agencies"),
    ("district", "Districts"),
    ("commune", "Communes and wards"),
    ("other", "Other"),
]


class DirectiveUnitLevel(models.Model):
    """Administrative level of a unit (province, agency, commune...).

    Levels are data so that deployments can keep the former district level or
    add their own; each level carries the account quota of its units.
    """

    _name = "directive.unit.level"
    _description = "Unit level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical code of the level.")
    sequence = fields.Integer(default=10)
    account_quota = fields.Integer(
        required=True,
        default=1,
        help="Maximum number of active accounts a unit of this level may have.",
    )
    report_block = fields.Selection(
        REPORT_BLOCKS,
        required=True,
        default="other",
        help="Block of the summary report in which units of this level are listed.",
    )
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("UNIQUE (code)", "The level code must be unique.")
    _account_quota_positive = models.Constraint(
        "CHECK (account_quota >= 0)", "The account quota cannot be negative."
    )
