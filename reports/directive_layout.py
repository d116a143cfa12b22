"""Base of the add-on's PDF reports, as core Odoo's report abstract models:
``report.<module>.<template>`` gives the template its values."""

from odoo import api, models


class ReportDirectiveLayout(models.AbstractModel):
    """The records printed, and the report model itself as ``layout`` for
    the helpers that the template and the workbook share."""

    _name = "report.directive_tracking.layout"
    _description = "Report layout"

    # Model of the records the template prints.
    _doc_model = None

    @api.model
    def _get_report_values(self, docids, data=None):
        return {
            "doc_ids": docids,
            "doc_model": self._doc_model,
            "docs": self.env[self._doc_model].browse(docids),
            "layout": self,
        }
