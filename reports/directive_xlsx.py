"""The workbooks of the add-on: one sheet per record, written with
xlsxwriter (README, "Design notes", "Excel")."""

import io

import xlsxwriter

from odoo import api, models


class ReportDirectiveXlsx(models.AbstractModel):
    """Base of the workbook exports: ``_render_xlsx(records)`` writes one
    sheet per record with ``_write_sheet``."""

    _name = "report.directive_tracking.xlsx"
    _description = "Workbook export"

    @api.model
    def _render_xlsx(self, records):
        """A workbook with one sheet per record."""
        stream = io.BytesIO()
        workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
        for record in records:
            self._write_sheet(workbook, record)
        workbook.close()
        return stream.getvalue()

    @api.model
    def _write_sheet(self, workbook, record):
        raise NotImplementedError
