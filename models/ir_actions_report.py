import io

from odoo import models
from odoo.tools.pdf import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    PdfFileReader,
    PdfFileWriter,
)

# The directive reports' QWeb template (Forms 1 to 3).
DIRECTIVE_REPORT = "directive_tracking.report_directive"
# The page number's font, under a name no page of wkhtmltopdf's uses.
NUMBER_FONT = "/DirectivePageNumber"


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
        numbers, so they are stamped on the rendered document. Each page gets
        one more small content stream (its own ones are kept as they are,
        compressed): merging a drawn page into each took a minute for the
        4,012 units of Form 1 and left the pages uncompressed.
        """
        from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: PLC0415

        reader = PdfFileReader(stream, strict=False)
        writer = PdfFileWriter()
        count = reader.getNumPages()
        font = writer._addObject(
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Font"),
                    NameObject("/Subtype"): NameObject("/Type1"),
                    NameObject("/BaseFont"): NameObject("/Helvetica"),
                    NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                }
            )
        )
        # The page's own content may leave the graphics state changed: it
        # runs inside q ... Q, the number after it.
        save = DecodedStreamObject()
        save.setData(b"q\n")
        save = writer._addObject(save)
        for index in range(count):
            page = reader.getPage(index)
            box = page.mediaBox
            text = self.env._("Page %(page)s/%(pages)s", page=index + 1, pages=count)
            x = (
                float(box.getLowerLeft_x())
                + (float(box.getWidth()) - stringWidth(text, "Helvetica", 9)) / 2
            )
            y = float(box.getLowerLeft_y()) + 20
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            operators = (
                f"Q q BT {NUMBER_FONT} 9 Tf {x:.2f} {y:.2f} Td ({escaped}) Tj ET Q"
            )
            mark = DecodedStreamObject()
            mark.setData(operators.encode("cp1252", "replace") + b"\n")
            contents = page.get("/Contents")
            contents = contents.getObject() if contents is not None else ArrayObject()
            own = (
                list(contents)
                if isinstance(contents, ArrayObject)
                else [page.raw_get("/Contents")]
            )
            page[NameObject("/Contents")] = ArrayObject(
                [save, *own, writer._addObject(mark)]
            )
            resources = page.get("/Resources")
            resources = (
                resources.getObject() if resources is not None else DictionaryObject()
            )
            fonts = resources.get("/Font")
            fonts = fonts.getObject() if fonts is not None else DictionaryObject()
            fonts[NameObject(NUMBER_FONT)] = font
            resources[NameObject("/Font")] = fonts
            page[NameObject("/Resources")] = resources
            writer.addPage(page)
        result = io.BytesIO()
        writer.write(result)
        return result
