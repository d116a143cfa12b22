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

    # With it, xlsxwriter keeps one row in memory and writes the others to a
    # temporary file as it goes: ``_write_sheet`` must then write the rows
    # in order (a row already left is no longer written).
    _constant_memory = False

    @api.model
    def _render_xlsx(self, records):
        """A workbook with one sheet per record."""
        stream = io.BytesIO()
        options = (
            {"constant_memory": True} if self._constant_memory else {"in_memory": True}
        )
        workbook = xlsxwriter.Workbook(stream, options)
        for record in records:
            self._write_sheet(workbook, record)
        workbook.close()
        return stream.getvalue()

    @api.model
    def _write_sheet(self, workbook, record):
        raise NotImplementedError
