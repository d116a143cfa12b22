import io

from odoo import models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

# The directive reports' QWeb template (Forms 1 to 3).
DIRECTIVE_REPORT = "directive_tracking.report_directive"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        streams = super()._render_qweb_pdf_prepare_streams(
            report_ref, data, res_ids=res_ids
        )
        if self._get_report(report_ref).report_name == DIRECTIVE_REPORT:
            for values in streams.values():
                # A stored attachment was numbered when it was made.
                if values.get("stream") and not values.get("attachment"):
                    values["stream"] = self._directive_number_pages(values["stream"])
        return streams

    def _directive_number_pages(self, stream):
        """The PDF with "page x/y" at the foot of every page.

        wkhtmltopdf numbers pages in its footer only when built with patched
        Qt, which Debian's is not; an official report of many pages needs the
        numbers, so they are stamped on the rendered document.
        """
        from reportlab.pdfgen import canvas  # noqa: PLC0415 (as Odoo imports it)

        document = PdfFileReader(stream, strict=False)
        count = document.getNumPages()
        marks = io.BytesIO()
        sheet = canvas.Canvas(marks)
        for index in range(count):
            box = document.getPage(index).mediaBox
            width, height = float(box.getWidth()), float(box.getHeight())
            sheet.setPageSize((width, height))
            sheet.setFont("Helvetica", 9)
            sheet.drawCentredString(
                width / 2,
                20,
                self.env._("Page %(page)s/%(pages)s", page=index + 1, pages=count),
            )
            sheet.showPage()
        sheet.save()
        numbers = PdfFileReader(marks)
        numbered = PdfFileWriter()
        for index in range(count):
            page = document.getPage(index)
            page.mergePage(numbers.getPage(index))
            # Merging leaves the page's content uncompressed: a report of a
            # hundred pages grew from 2 MB to 27 MB without this.
            page.compressContentStreams()
            numbered.addPage(page)
        result = io.BytesIO()
        numbered.write(result)
        return result
