from odoo import fields, models

from .directive_report_period import PERIOD_STYLE_PARAM, PERIOD_STYLES


class ResConfigSettings(models.TransientModel):
    """Settings of the reporting periods and of the Decree 335/2025 scoring."""

    _inherit = "res.config.settings"

    directive_period_style = fields.Selection(
        PERIOD_STYLES,
        string="Default reporting periods",
        config_parameter=PERIOD_STYLE_PARAM,
        default="calendar",
    )
    directive_score_weight_quantity = fields.Float(
        string="Weight of quantity",
        config_parameter="directive_tracking.score_weight_quantity",
        default=1.0,
    )
    directive_score_weight_quality = fields.Float(
        string="Weight of quality",
        config_parameter="directive_tracking.score_weight_quality",
        default=1.0,
    )
    directive_score_weight_progress = fields.Float(
        string="Weight of progress",
        config_parameter="directive_tracking.score_weight_progress",
        default=1.0,
    )
    directive_score_unit_weight = fields.Integer(
        string="Weight of the unit's results for its head (%)",
        config_parameter="directive_tracking.score_unit_weight",
        default=30,
    )
