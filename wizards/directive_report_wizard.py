from odoo import fields, models

from ..models.directive_report import FORMS


class DirectiveReportWizard(models.TransientModel):
    """Choose a report (period, tasks, cutoff, scope, form) and print it.

    The wizard creates a draft report, which can then be printed again,
    reviewed and issued from its own form.
    """

    _name = "directive.report.wizard"
    _inherit = ["directive.report.period.mixin"]
    _description = "Print a directive report"

    form = fields.Selection(FORMS, required=True, default="1")
    cutoff_date = fields.Date(
        string="Cutoff date", required=True, default=fields.Date.context_today
    )
    output = fields.Selection(
        [("pdf", "PDF"), ("xlsx", "Excel")], required=True, default="pdf"
    )

    def _create_report(self):
        self.ensure_one()
        return self.env["directive.report"].create(
            {
                "form": self.form,
                "period_style": self.period_style,
                "period_type": self.period_type,
                "period_year": self.period_year,
                "period_month": self.period_month,
                "period_quarter": self.period_quarter,
                "period_half": self.period_half,
                "date_from": self.date_from,
                "date_to": self.date_to,
                "membership": self.membership,
                "scope_unit_id": self.scope_unit_id.id,
                "cutoff_date": self.cutoff_date,
            }
        )

    def action_print(self):
        """Create the draft report and print or export it at once."""
        report = self._create_report()
        if self.output == "xlsx":
            return report.action_export_xlsx()
        return report.action_print_pdf()

    def action_open_report(self):
        """Create the draft report and open it, to review and issue it."""
        report = self._create_report()
        return {
            "type": "ir.actions.act_window",
            "res_model": "directive.report",
            "res_id": report.id,
            "view_mode": "form",
            "target": "current",
        }
