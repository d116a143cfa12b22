"""Workbook export of the directive reports (one sheet per report).

The sheet shows the same rows and cells as the PDF (both read
``directive.report._get_rows()`` and the layout's ``_cell_value()``); totals
and rates are written as formulas with their computed value cached, so that Excel shows
live formulas and readers that do not compute formulas still see numbers.
"""

from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import api, models

from ..models.directive_report_line import round_rate
from ..models.directive_task import CATEGORY_SUMS

# Fixed layout of a sheet: the official heading, the title, then the table.
TABLE_HEADER_ROW = 9
FIRST_DATA_ROW = TABLE_HEADER_ROW + 2
FONT = "Times New Roman"
# Fixed text of the Vietnamese administrative layout (Decree 30/2020/NĐ-CP):
# legal wording, printed as is in every language.
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NUMBER_LINE = "Số: {number}"
DATE_LINE = "{place}, ngày {day} tháng {month} năm {year}"


def _formats(workbook, rate_digits=2):
    base = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}
    cell = dict(base, border=1, font_size=10)

    def add(*layers, **props):
        merged = {}
        for layer in layers + (props,):
            merged.update(layer)
        return workbook.add_format(merged)

    formats = {
        "plain": add(base, align="center"),
        "bold": add(base, align="center", bold=True),
        "italic": add(base, align="center", italic=True),
        "title": add(base, font_size=13, align="center", bold=True),
        "head": add(cell, align="center", bold=True, text_wrap=True),
        "foot": add(
            base, font_size=9, italic=True, text_wrap=True, align="left", valign="top"
        ),
    }
    for weight in ("normal", "bold"):
        cell_weight = dict(cell, bold=weight == "bold")
        formats[("text", weight)] = add(cell_weight, text_wrap=True)
        formats[("label", weight)] = add(cell_weight, align="center")
        formats[("int", weight)] = add(cell_weight, num_format="#,##0", align="center")
        formats[("rate", weight)] = add(
            cell_weight, num_format="0." + "0" * rate_digits + "%", align="center"
        )
        formats[("date", weight)] = add(
            cell_weight, num_format="dd/mm/yyyy", align="center"
        )
    return formats


def _sheet_name(workbook, report):
    layout = report.env["report.directive_tracking.report_directive"]
    base = layout._form_short_name(report)
    if report.number:
        base = f"{base} {report.number}"
    base = "".join("-" if ch in "[]:*?/\\" else ch for ch in base)[:28]
    name, index = base, 2
    existing = {sheet.name for sheet in workbook.worksheets()}
    while name in existing:
        name = f"{base} ({index})"
        index += 1
    return name


def _column_widths(report, columns, rows):
    """Widths (in characters) that fit the Vietnamese text of each column."""
    layout = report.env["report.directive_tracking.report_directive"]
    widths = []
    for column in columns:
        width = column["width"]
        if column["kind"] == "text":
            longest = max(
                (
                    max(len(line) for line in str(value).splitlines() or [""])
                    for value in (
                        layout._cell_value(report, row, column) for row in rows
                    )
                    if value
                ),
                default=0,
            )
            width = max(width, min(longest + 2, max(width, 50)))
        widths.append(width)
    return widths


def _write_heading(sheet, report, formats, last_col):
    """National title, issuing body, number, place and date, title."""
    layout = report.env["report.directive_tracking.report_directive"]
    split = max(2, (last_col + 1) // 3)
    number = NUMBER_LINE.format(number=report.number or "......")
    date_line = DATE_LINE.format(
        place=report.place or "......", **layout._date_parts(report)
    )
    cells = [
        ((report.issuer_parent_name or "").upper(), "plain", NATIONAL_TITLE, "bold"),
        ((report.issuer_name or "").upper(), "bold", MOTTO, "bold"),
        (number, "plain", date_line, "italic"),
    ]
    for row, (left, left_fmt, right, right_fmt) in enumerate(cells):
        sheet.merge_range(row, 0, row, split - 1, left, formats[left_fmt])
        sheet.merge_range(row, split, row, last_col, right, formats[right_fmt])
    sheet.merge_range(4, 0, 4, last_col, layout._document_type(), formats["title"])
    sheet.merge_range(5, 0, 5, last_col, layout._title(report), formats["bold"])
    for offset, line in enumerate(layout._subtitle_lines(report)):
        sheet.merge_range(6 + offset, 0, 6 + offset, last_col, line, formats["italic"])


def _write_table_header(sheet, report, columns, formats):
    """The two header rows, in row order: the workbook may keep only the
    current row in memory. A merged cell is declared on its first row with
    no format (which writes nothing), its text then written over its first
    cell, and the rest of its area padded with bordered blanks row by row,
    as xlsxwriter documents for merged cells."""
    layout = report.env["report.directive_tracking.report_directive"]
    head = formats["head"]
    sheet.set_row(TABLE_HEADER_ROW, 30)
    sheet.set_row(TABLE_HEADER_ROW + 1, 45)
    padding = {}  # row -> columns of merged areas reaching down to it
    for offset, cells in enumerate(layout._header_rows(columns)):
        row = TABLE_HEADER_ROW + offset
        for col in padding.pop(row, ()):
            sheet.write_blank(row, col, None, head)
        for cell in cells:
            text = cell["text"] + (" (*)" if cell["headline"] else "")
            first_col = cell["col"]
            last_row = row + cell["rowspan"] - 1
            last_col = first_col + cell["colspan"] - 1
            if (last_row, last_col) != (row, first_col):
                sheet.merge_range(row, first_col, last_row, last_col, "", None)
                for col in range(first_col + 1, last_col + 1):
                    sheet.write_blank(row, col, None, head)
                for below in range(row + 1, last_row + 1):
                    padding.setdefault(below, []).extend(range(first_col, last_col + 1))
            sheet.write(row, first_col, text, head)


class _Form1Formulas:
    """Formulas of the summary form: row totals, block subtotals, grand total,
    rates and shares, each referring to the cells above it."""

    SUMMED = ("done", "open", "total")

    def __init__(self, columns, rows, rate_digits=2):
        # A rate is rounded half up as the PDF prints it (Excel's ROUND
        # rounds halves away from zero), to its percentage decimals.
        self.rate_places = rate_digits + 2
        self.col = {column["key"]: index for index, column in enumerate(columns)}
        self.rows = rows
        self.block_ranges = {}
        self.block_rows = []
        self.total_row = None
        start = None
        for index, row in enumerate(rows):
            excel_row = FIRST_DATA_ROW + index
            if row["line_type"] == "block":
                start = excel_row
                self.block_rows.append(excel_row)
                self.block_ranges[excel_row] = (excel_row + 1, excel_row)
            elif row["line_type"] == "unit":
                self.block_ranges[start] = (start + 1, excel_row)
            elif row["line_type"] == "total":
                self.total_row = excel_row

    def cell(self, row, key, absolute=False):
        return xl_rowcol_to_cell(row, self.col[key], absolute, absolute)

    def formula(self, row_type, excel_row, key):
        """Formula of a cell, or None when the cell holds a plain value."""
        cell = self.cell
        r = excel_row
        if key.startswith("rate_"):
            if row_type == "share":
                return None
            done, overdue = cell(r, "done"), cell(r, "open_overdue")
            total, on_time = cell(r, "total"), cell(r, "done_on_time")
            due = f"({done}+{overdue})"
            numerator, denominator = {
                "rate_completion": (done, due),
                "rate_overdue": (overdue, due),
                "rate_done_share": (done, total),
                "rate_on_time": (on_time, done),
            }[key]
            return (
                f'=IF({denominator}=0,"",'
                f"ROUND({numerator}/{denominator},{self.rate_places}))"
            )

        if row_type == "share":
            grand = cell(self.total_row, "total", absolute=True)
            return (
                f'=IF({grand}=0,"",'
                f"ROUND({cell(self.total_row, key)}/{grand},{self.rate_places}))"
            )
        if row_type == "block":
            first, last = self.block_ranges[r]
            return f"=SUM({cell(first, key)}:{cell(last, key)})"
        if row_type == "total":
            if not self.block_rows:
                return None
            return "=" + "+".join(cell(block, key) for block in self.block_rows)
        if key in ("done", "open"):
            return "=" + "+".join(cell(r, part) for part in CATEGORY_SUMS[key])
        if key == "total":
            parts = ("done", "open", "no_deadline_done", "no_deadline_open")
            return "=" + "+".join(cell(r, part) for part in parts)
        return None


def write_report_sheet(workbook, report):
    """Write ``report`` on a new sheet of ``workbook``."""
    layout = report.env["report.directive_tracking.report_directive"]
    columns = layout._columns(report)
    rows = report._get_rows()
    rate_digits = report._rate_digits()
    formats = _formats(workbook, rate_digits)
    sheet = workbook.add_worksheet(_sheet_name(workbook, report))
    last_col = len(columns) - 1
    for index, width in enumerate(_column_widths(report, columns, rows)):
        sheet.set_column(index, index, width)
    _write_heading(sheet, report, formats, last_col)
    _write_table_header(sheet, report, columns, formats)
    formulas = (
        _Form1Formulas(columns, rows, rate_digits) if report.form == "1" else None
    )

    for index, row in enumerate(rows):
        excel_row = FIRST_DATA_ROW + index
        weight = "normal" if row["line_type"] in ("unit", "task") else "bold"
        if layout._is_spanning_row(report, row):
            sheet.write(excel_row, 0, row["label"] or "", formats[("label", weight)])
            sheet.merge_range(
                excel_row,
                1,
                excel_row,
                last_col,
                layout._row_title(report, row),
                formats[("text", weight)],
            )
            continue
        for col, column in enumerate(columns):
            kind = layout._cell_kind(row, column)
            value = layout._cell_value(report, row, column)
            if kind == "rate":
                value = round_rate(value, rate_digits)
            fmt = formats[("label" if column["key"] == "label" else kind, weight)]
            formula = None
            if formulas and kind in ("int", "rate"):
                formula = formulas.formula(row["line_type"], excel_row, column["key"])
            if formula:
                sheet.write_formula(
                    excel_row, col, formula, fmt, "" if value is None else value
                )
            elif value is None:
                sheet.write_blank(excel_row, col, None, fmt)
            elif kind == "date":
                sheet.write_datetime(excel_row, col, value, fmt)
            elif kind in ("int", "rate"):
                sheet.write_number(excel_row, col, value, fmt)
            else:
                sheet.write_string(excel_row, col, str(value), fmt)

    foot_row = FIRST_DATA_ROW + len(rows) + 1
    if report.form == "1":
        sheet.merge_range(
            foot_row,
            0,
            foot_row + 1,
            last_col,
            layout._rate_footnote(),
            formats["foot"],
        )
    sheet.freeze_panes(FIRST_DATA_ROW, 2)
    sheet.repeat_rows(TABLE_HEADER_ROW, FIRST_DATA_ROW - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.8, right=0.5, top=0.6, bottom=0.6)
    return sheet


class ReportDirectiveReportXlsx(models.AbstractModel):
    """The workbook of the directive reports, one sheet per report."""

    _name = "report.directive_tracking.report_directive_xlsx"
    _inherit = ["report.directive_tracking.xlsx"]
    _description = "Directive report workbook"
    # Row by row: a Form 2 of 100,000 tasks is 2 million cells.
    _constant_memory = True

    @api.model
    def _write_sheet(self, workbook, record):
        return write_report_sheet(workbook, record)
