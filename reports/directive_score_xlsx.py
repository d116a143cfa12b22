"""Workbook export of a scoring period: the same rows as its PDF sheet (both
read ``directive.score.layout._sheet_rows(period)``), in the same administrative
layout as the directive reports' workbooks."""

from odoo import api, models

from .directive_report_xlsx import DATE_LINE, FONT, MOTTO, NATIONAL_TITLE

HEADER_ROW = 6


# Key and width of each column, as on the PDF sheet.
COLUMN_KEYS = (
    ("no", 6),
    ("name", 30),
    ("assigned", 11),
    ("completed", 11),
    ("quantity", 11),
    ("quality", 11),
    ("progress", 11),
    ("task_points", 12),
    ("general_points", 12),
    ("unit_component", 11),
    ("total", 10),
    ("band", 16),
)


def sheet_columns(env):
    """Key, heading and width of each column."""
    labels = [
        env._("No."),
        env._("Civil servant"),
        env._("Assigned work"),
        env._("Completed work"),
        env._("Quantity (%)"),
        env._("Quality (%)"),
        env._("Progress (%)"),
        env._("Task results (of 70)"),
        env._("General criteria (of 30)"),
        env._("Unit's results (%)"),
        env._("Score"),
        env._("Band"),
    ]
    return [
        (key, label, width)
        for (key, width), label in zip(COLUMN_KEYS, labels, strict=True)
    ]


def write_score_sheet(workbook, period):
    env = period.env
    layout = env["report.directive_tracking.report_directive_score_period"]
    columns = sheet_columns(env)
    base = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}
    cell = dict(base, border=1, font_size=10)
    bold = workbook.add_format(dict(base, bold=True, align="center"))
    plain = workbook.add_format(dict(base, align="center"))
    italic = workbook.add_format(dict(base, italic=True, align="center"))
    title = workbook.add_format(dict(base, bold=True, font_size=13, align="center"))
    head = workbook.add_format(dict(cell, bold=True, align="center", text_wrap=True))
    text = workbook.add_format(dict(cell, text_wrap=True))
    number = workbook.add_format(dict(cell, num_format="0.00"))
    integer = workbook.add_format(dict(cell, align="center"))
    sheet = workbook.add_worksheet(period.name[:31].replace("/", "-"))
    last = len(columns) - 1
    for index, (_key, _label, width) in enumerate(columns):
        sheet.set_column(index, index, width)
    header = layout._sheet_header(period)
    sheet.merge_range(0, 0, 0, 3, header["parent_name"], plain)
    sheet.merge_range(1, 0, 1, 3, header["unit_name"], bold)
    sheet.merge_range(0, 4, 0, last, NATIONAL_TITLE, bold)
    sheet.merge_range(1, 4, 1, last, MOTTO, bold)
    parts = layout._sheet_date_parts(period)
    sheet.merge_range(2, 4, 2, last, DATE_LINE.format(place="......", **parts), italic)
    sheet.merge_range(4, 0, 4, last, layout._sheet_title(period), title)
    for index, (_key, label, _width) in enumerate(columns):
        sheet.write(HEADER_ROW, index, label, head)
    for offset, row in enumerate(layout._sheet_rows(period), start=1):
        for index, (key, _label, _width) in enumerate(columns):
            value = row[key]
            if value is None:
                sheet.write_blank(HEADER_ROW + offset, index, None, number)
            elif key == "no":
                sheet.write_number(HEADER_ROW + offset, index, value, integer)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(HEADER_ROW + offset, index, value, number)
            else:
                sheet.write_string(HEADER_ROW + offset, index, value or "", text)
    return sheet


class ReportDirectiveScoreXlsx(models.AbstractModel):
    """The workbook of a scoring period, one sheet per period."""

    _name = "report.directive_tracking.report_score_sheet_xlsx"
    _inherit = ["report.directive_tracking.xlsx"]
    _description = "Score sheet workbook"

    @api.model
    def _write_sheet(self, workbook, record):
        return write_score_sheet(workbook, record)
