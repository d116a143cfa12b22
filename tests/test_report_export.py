import base64
import io
import re
import subprocess
import zipfile

import xlrd
from lxml import html
from xlsxwriter.utility import xl_rowcol_to_cell

from odoo.tests import tagged

from ..reports.directive_report_xlsx import FIRST_DATA_ROW, TABLE_HEADER_ROW
from .report_common import LAYOUT, ReportCase

PDF_REPORT = "directive_tracking.directive_report_action_pdf"


@tagged("post_install", "-at_install")
class TestReportExcel(ReportCase):
    """The workbook shows the figures of the PDF."""

    def _html_table(self, report):
        """Cell texts of the table of the printed document."""
        content = self.env["ir.actions.report"]._render_qweb_html(
            PDF_REPORT, report.ids
        )[0]
        tree = html.fromstring(content)
        return [
            [td.text_content() for td in tr.iterfind("td")]
            for tr in tree.xpath("//table[contains(@class, 'dr-table')]/tbody/tr")
        ]

    def _excel_table(self, report, content, sheet_index=0):
        """Cell texts of the sheet, formatted as the PDF formats them."""
        book = xlrd.open_workbook(file_contents=content)
        sheet = book.sheet_by_index(sheet_index)
        columns = report.env[LAYOUT]._columns(report)
        table = []
        for index, row in enumerate(report._get_rows()):
            excel_row = FIRST_DATA_ROW + index
            if report.env[LAYOUT]._is_spanning_row(report, row):
                table.append(
                    [sheet.cell_value(excel_row, 0), sheet.cell_value(excel_row, 1)]
                )
                continue
            cells = []
            for col, column in enumerate(columns):
                value = sheet.cell_value(excel_row, col)
                kind = report.env[LAYOUT]._cell_kind(row, column)
                if value == "":
                    cells.append("")
                    continue
                if kind == "date":
                    value = xlrd.xldate_as_datetime(value, book.datemode).date()
                elif kind == "int":
                    value = int(value)
                cells.append(report.env[LAYOUT]._format_cell(value, kind))
            table.append(cells)
        return table

    def test_excel_figures_equal_the_pdf_figures(self):
        for form in ("1", "2", "3"):
            report = self._report(form=form)
            content = report._render_xlsx()
            self.assertEqual(
                self._excel_table(report, content), self._html_table(report), form
            )

    def test_issued_report_exports_its_frozen_figures(self):
        report = self._report()
        report.action_issue()
        pdf_table = self._html_table(report)
        self.a_within.write({"state": "cancelled"})
        self.assertEqual(self._excel_table(report, report._render_xlsx()), pdf_table)

    def test_header_rows_are_frozen_and_totals_are_formulas(self):
        content = self._report()._render_xlsx()
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode()
            styles = archive.read("xl/styles.xml").decode()
        pane = re.search(r"<pane [^>]*>", sheet).group(0)
        self.assertIn('state="frozen"', pane)
        self.assertIn(f'ySplit="{FIRST_DATA_ROW}"', pane)
        # Row 12: block I over its two units (rows 13-14); row 18: the grand
        # total over the two blocks (rows 12 and 15); row 13: a unit's total
        # and completion rate from its own cells.
        self.assertIn("<f>SUM(C13:C14)</f><v>7</v>", sheet)
        self.assertIn("<f>C12+C15</f><v>11</v>", sheet)
        self.assertIn("<f>D13+G13+K13+L13</f><v>5</v>", sheet)
        self.assertIn('<f>IF((D13+I13)=0,"",ROUND(D13/(D13+I13),4))</f>', sheet)
        self.assertIn('formatCode="0.00%"', styles)

    def test_header_cells_over_both_rows_are_merged_with_their_text(self):
        # The workbook is written row by row (constant memory): a header cell
        # spanning the two header rows keeps its text and its merge.
        report = self._report(form="2")
        content = report._render_xlsx()
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
        merges = set(re.findall(r'<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"', sheet_xml))
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        layout = report.env[LAYOUT]
        top, _bottom = layout._header_rows(layout._columns(report))
        spanning = [cell for cell in top if cell["rowspan"] == 2]
        self.assertTrue(spanning)
        for cell in spanning:
            first = xl_rowcol_to_cell(TABLE_HEADER_ROW, cell["col"])
            last = xl_rowcol_to_cell(TABLE_HEADER_ROW + 1, cell["col"])
            self.assertIn(f"{first}:{last}", merges)
            self.assertEqual(
                sheet.cell_value(TABLE_HEADER_ROW, cell["col"]).removesuffix(" (*)"),
                cell["text"],
            )

    def test_workbook_rates_follow_the_decimals_setting(self):
        self.env["ir.config_parameter"].set_param("directive_tracking.rate_digits", 1)
        content = self._report()._render_xlsx()
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode()
            styles = archive.read("xl/styles.xml").decode()
        self.assertIn('<f>IF((D13+I13)=0,"",ROUND(D13/(D13+I13),3))</f>', sheet)
        self.assertIn('formatCode="0.0%"', styles)

    def test_one_sheet_per_report(self):
        reports = self._report() + self._report(form="3")
        action = reports.action_export_xlsx()
        attachment_id = int(re.search(r"/web/content/(\d+)", action["url"]).group(1))
        attachment = self.env["ir.attachment"].browse(attachment_id)
        book = xlrd.open_workbook(file_contents=base64.b64decode(attachment.datas))
        self.assertEqual(book.sheet_names(), ["Form 1", "Form 3"])
        self.assertEqual(
            self._excel_table(reports[1], base64.b64decode(attachment.datas), 1),
            self._html_table(reports[1]),
        )

    def test_leaders_print_and_export_issued_reports(self):
        report = self._report()
        report.action_issue()
        as_leader = report.with_user(self.leader)
        action = as_leader.action_export_xlsx()
        attachment_id = int(re.search(r"/web/content/(\d+)", action["url"]).group(1))
        attachment = (
            self.env["ir.attachment"].with_user(self.leader).browse(attachment_id)
        )
        self.assertTrue(attachment.datas)
        self.assertEqual(as_leader.action_print_pdf()["type"], "ir.actions.report")
        content = (
            self.env["ir.actions.report"]
            .with_user(self.leader)
            ._render_qweb_html(PDF_REPORT, report.ids)[0]
        )
        self.assertIn(report.number, content.decode())

    def test_wizard_prints_or_exports_a_draft(self):
        Wizard = self.env["directive.report.wizard"].with_user(self.officer)
        wizard = Wizard.create(dict(self._wizard_vals(), output="pdf"))
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "directive_tracking.report_directive")
        report = self.env["directive.report"].browse(action["context"]["active_ids"])
        self.assertEqual(
            (
                report.state,
                report.form,
                report.date_from.isoformat(),
                report.date_to.isoformat(),
                report.cutoff_date.isoformat(),
            ),
            ("draft", "2", "2026-01-01", "2026-03-31", "2026-04-15"),
        )
        wizard = Wizard.create(dict(self._wizard_vals(), output="xlsx"))
        self.assertEqual(wizard.action_print()["type"], "ir.actions.act_url")
        opened = wizard.action_open_report()
        self.assertEqual(opened["res_model"], "directive.report")

    def _wizard_vals(self):
        return {
            "period_type": "quarter",
            "period_year": 2026,
            "period_quarter": "1",
            "cutoff_date": "2026-04-15",
            "form": "2",
        }


@tagged("post_install", "-at_install")
class TestReportPdf(ReportCase):
    """Real PDF documents, read back with pdftotext."""

    def _pdf_pages(self, report):
        Report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, lang="vi_VN"
        )
        # wkhtmltopdf fetches the report's assets from the test server.
        with self.allow_pdf_render():
            pdf, kind = Report._render_qweb_pdf(PDF_REPORT, report.ids)
        self.assertEqual(kind, "pdf")
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout.decode()
        return text.split("\f")

    def test_pdf_has_the_official_layout_in_vietnamese(self):
        report = self._report()
        report.action_issue()
        text = "".join(self._pdf_pages(report))
        for heading in (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Nơi nhận:",
            f"Số: {report.number}",
            "Xã Hòa Bình",
            "Phường An Lạc",
            "Sở Tài chính",
        ):
            self.assertIn(heading, text)
        self.assertRegex(text, r"ngày \d\d tháng \d+ năm \d{4}")

    def _long_report_pages(self, name, code):
        """The printed pages (blank ones left out) of a report that lists 45
        more communes, "``name`` 00" to "``name`` 44": more than one page."""
        for index in range(45):
            unit = self._unit(
                f"{name} {index:02d}", f"{code}{index:02d}", self.level_commune
            )
            self._task_at(unit, "2026-02-01", "2026-03-01")
        pages = [page for page in self._pdf_pages(self._report()) if page.strip()]
        self.assertGreater(len(pages), 1)
        return pages

    def test_every_page_of_a_long_report_repeats_the_table_header(self):
        pages = self._long_report_pages("Xã Thử Nghiệm", "T.5")
        for page in pages:
            # The last line of the header numbers the columns (1) to (17).
            self.assertRegex(page, r"\(1\)\s+\(2\)\s+\(3\)")
        text = "".join(pages)
        for index in range(45):
            self.assertEqual(text.count(f"Xã Thử Nghiệm {index:02d}"), 1)

    def test_signer_from_the_settings_is_printed_under_the_signature(self):
        params = self.env["ir.config_parameter"]
        params.set_param("directive_tracking.report_signer_name", "Lê Thị Thu Hà")
        params.set_param("directive_tracking.report_signer_title", "Chánh Văn phòng")
        text = "".join(self._pdf_pages(self._report()))
        self.assertIn("Lê Thị Thu Hà", text)
        self.assertIn("CHÁNH VĂN PHÒNG", text)

    def test_numbering_the_pages_keeps_the_file_small(self):
        from reportlab.pdfgen import canvas

        raw = io.BytesIO()
        sheet = canvas.Canvas(raw, pageCompression=1)
        for page in range(20):
            for line in range(60):
                sheet.drawString(40, 800 - 12 * line, f"Đơn vị {page}-{line} " * 6)
            sheet.showPage()
        sheet.save()
        stamped = self.env["ir.actions.report"]._directive_number_pages(
            io.BytesIO(raw.getvalue())
        )
        # A few hundred bytes a page for the number, not the page again.
        self.assertLess(len(stamped.getvalue()), len(raw.getvalue()) * 1.2 + 20 * 600)

    def test_every_page_is_numbered(self):
        pages = self._long_report_pages("Xã Đánh Số", "T.6")
        for number, page in enumerate(pages, start=1):
            self.assertIn(f"Trang {number}/{len(pages)}", page)
