from odoo import fields, models


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
        [
            ("office", "Government Office style (done ÷ due)"),
            ("assigned", "Share of all assigned"),
            ("on_time", "On-time share of done"),
        ],
        string="Headline rate",
        config_parameter="directive_tracking.headline_rate",
        default="office",
    )
