from odoo import fields, models

from .directive_report_line import HEADLINE_RATES
from .directive_report_period import PERIOD_STYLE_PARAM, PERIOD_STYLES

# Settings that the task categories depend on.
TIMELINESS_RULE_PARAMS = (
    "directive_tracking.due_soon_days",
    "directive_tracking.stale_days",
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    directive_due_soon_days = fields.Integer(
        string="Due soon threshold (working days)",
        config_parameter="directive_tracking.due_soon_days",
        default=3,
    )
    directive_stale_days = fields.Integer(
        string="Not updated after (days)",
        config_parameter="directive_tracking.stale_days",
        default=14,
    )
    directive_headline_rate = fields.Selection(
        HEADLINE_RATES,
        string="Headline rate",
        config_parameter="directive_tracking.headline_rate",
        default="office",
    )
    directive_rate_digits = fields.Selection(
        [("1", "1 decimal"), ("2", "2 decimals")],
        string="Decimals of the rates",
        config_parameter="directive_tracking.rate_digits",
        default="2",
        help="Rates print rounded half up, with a comma: 98,62% (2 decimals, "
        "as the Government Office's reports) or 98,6% (1 decimal).",
    )

    directive_report_signer_name = fields.Char(
        string="Signer of the reports",
        config_parameter="directive_tracking.report_signer_name",
        help="Name printed under the signature block of the reports.",
    )
    directive_report_signer_title = fields.Char(
        string="Signer's title",
        config_parameter="directive_tracking.report_signer_title",
        help="Title printed above the signer's name, e.g. Chief of the Office.",
    )

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

    def set_values(self):
        """Store the settings; when a timeliness rule changed, recompute every
        task's category now rather than at midnight."""
        # sudo: as Odoo's own set_values, for the administrator's settings.
        params = self.env["ir.config_parameter"].sudo()
        before = [params.get_param(key) for key in TIMELINESS_RULE_PARAMS]
        res = super().set_values()
        if [params.get_param(key) for key in TIMELINESS_RULE_PARAMS] != before:
            self.env["directive.task"]._refresh_all_timeliness()
        return res
