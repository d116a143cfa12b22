from odoo import fields, models

SCORE_PERIOD_KINDS = [("month", "Monthly"), ("quarter", "Quarterly")]


class DirectiveUnit(models.Model):
    _inherit = "directive.unit"

    score_period_kind = fields.Selection(
        SCORE_PERIOD_KINDS,
        string="Scoring period",
        # Not required in the database: units loaded in bulk (tools/generate)
        # leave it empty, which means monthly.
        default="month",
        help="Whether the unit scores its civil servants monthly or quarterly "
        "(Decree 335/2025/NĐ-CP).",
    )
