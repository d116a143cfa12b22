"""The PDF of the directive reports (Forms 1 to 3): the values of the QWeb
template ``directive_tracking.report_directive`` and the layout it shares
with the workbook (columns, headings, cells)."""

from odoo import api, fields, models

from ..models.directive_report_line import HEADLINE_FIELD, format_rate


class ReportDirective(models.AbstractModel):
    """Layout of Forms 1 to 3, shared by the PDF and the workbook."""

    _name = "report.directive_tracking.report_directive"
    _inherit = ["report.directive_tracking.layout"]
    _description = "Directive report layout"

    _doc_model = "directive.report"

    def _columns(self, report):
        """Columns of the report's form, shared by the PDF and the workbook.

        Each column: key (row value), label, group (heading spanning
        consecutive columns), kind (text, int, rate, date) and width (in
        characters, for the workbook).
        """
        report.ensure_one()
        headline = HEADLINE_FIELD.get(report.headline_rate, "rate_completion")
        done, opened = self.env._("Done"), self.env._("Open")
        no_deadline, source, deadline = (
            self.env._("No deadline"),
            self.env._("Source"),
            self.env._("Deadline"),
        )
        rates_group = self.env._("Rates")
        if report.form == "1":
            columns = [
                ("label", self.env._("No."), None, "text", 5),
                ("name", self.env._("Unit"), None, "text", 34),
                ("total", self.env._("Total assigned"), None, "int", 10),
                ("done", self.env._("Total"), done, "int", 7),
                ("done_on_time", self.env._("On time"), done, "int", 7),
                ("done_late", self.env._("Late"), done, "int", 7),
                ("open", self.env._("Total"), opened, "int", 7),
                ("open_within", self.env._("Within deadline"), opened, "int", 10),
                ("open_overdue", self.env._("Overdue"), opened, "int", 9),
                ("not_started", self.env._("Of which not started"), opened, "int", 9),
                ("no_deadline_done", self.env._("Done"), no_deadline, "int", 7),
                ("no_deadline_open", self.env._("Open"), no_deadline, "int", 7),
                (
                    "rate_completion",
                    self.env._("Completion (done ÷ due)"),
                    rates_group,
                    "rate",
                    10,
                ),
                (
                    "rate_overdue",
                    self.env._("Overdue (overdue ÷ due)"),
                    rates_group,
                    "rate",
                    10,
                ),
                (
                    "rate_done_share",
                    self.env._("Done ÷ all assigned"),
                    rates_group,
                    "rate",
                    10,
                ),
                ("rate_on_time", self.env._("On time ÷ done"), rates_group, "rate", 10),
                ("note", self.env._("Notes"), None, "text", 14),
            ]
        elif report.form == "2":
            columns = [
                ("label", self.env._("No."), None, "text", 4),
                ("task_code", self.env._("Task code"), None, "text", 11),
                ("source_ref", self.env._("Number, symbol"), source, "text", 11),
                ("source_date", self.env._("Date"), source, "date", 16),
                ("source_issuer", self.env._("Issuer"), source, "text", 11),
                ("leader_name", self.env._("Directing leader"), source, "text", 10),
                ("content", self.env._("Content"), None, "text", 27),
                ("lead_unit_name", self.env._("Lead unit"), None, "text", 12),
                (
                    "coordination_names",
                    self.env._("Coordinating units"),
                    None,
                    "text",
                    12,
                ),
                ("deadline", self.env._("Current"), deadline, "date", 16),
                ("original_deadline", self.env._("Original"), deadline, "date", 16),
                ("extension_count", self.env._("Extensions"), deadline, "int", 8),
                ("previous_deadline", self.env._("Previous"), deadline, "date", 16),
                ("completion_date", self.env._("Completion date"), None, "date", 16),
                ("days_overdue", self.env._("Days overdue"), None, "int", 8),
                ("status", self.env._("Status"), None, "text", 10),
                (
                    "result_text",
                    self.env._("Result and result document"),
                    None,
                    "text",
                    21,
                ),
                (
                    "difficulties_text",
                    self.env._("Difficulties and proposals"),
                    None,
                    "text",
                    19,
                ),
                ("note", self.env._("Notes"), None, "text", 11),
            ]
        else:
            columns = [
                ("label", self.env._("No."), None, "text", 5),
                ("task_code", self.env._("Task code"), None, "text", 13),
                ("content", self.env._("Content"), None, "text", 36),
                ("source_text", self.env._("Source"), None, "text", 20),
                ("lead_unit_name", self.env._("Lead unit"), None, "text", 17),
                ("deadline", self.env._("Deadline"), None, "date", 14),
                ("days_overdue", self.env._("Days overdue"), None, "int", 9),
                ("days_left", self.env._("Days left"), None, "int", 9),
                ("status", self.env._("Status"), None, "text", 12),
                ("last_update_date", self.env._("Last update"), None, "date", 14),
                ("officer_name", self.env._("Following officer"), None, "text", 16),
                ("note", self.env._("Notes"), None, "text", 16),
            ]
        total_width = sum(column[-1] for column in columns)
        return [
            {
                "key": key,
                "label": label,
                "group": group,
                "kind": kind,
                "width": width,
                # The PDF shares the page width in the same proportions.
                "style": f"width: {width * 100 / total_width:.2f}%",
                "headline": key == headline and report.form == "1",
            }
            for key, label, group, kind, width in columns
        ]

    @api.model
    def _header_rows(self, columns):
        """The two heading rows: cells with their column, colspan, rowspan."""
        top, bottom = [], []
        index = 0
        while index < len(columns):
            column = columns[index]
            group = column["group"]
            if not group:
                top.append(
                    {
                        "text": column["label"],
                        "col": index,
                        "colspan": 1,
                        "rowspan": 2,
                        "headline": column["headline"],
                    }
                )
                index += 1
                continue
            span = 1
            while (
                index + span < len(columns) and columns[index + span]["group"] == group
            ):
                span += 1
            top.append(
                {
                    "text": group,
                    "col": index,
                    "colspan": span,
                    "rowspan": 1,
                    "headline": False,
                }
            )
            for offset in range(span):
                sub = columns[index + offset]
                bottom.append(
                    {
                        "text": sub["label"],
                        "col": index + offset,
                        "colspan": 1,
                        "rowspan": 1,
                        "headline": sub["headline"],
                    }
                )
            index += span
        return [top, bottom]

    def _cell_value(self, report, row, column):
        """The figure or text of a cell, as both the PDF and the workbook
        show it (the PDF then formats it)."""
        key = column["key"]
        if key == "note":
            return self._row_note(report, row)
        if key == "status":
            return self._row_status(report, row)
        if key == "result_text":
            return "\n".join(filter(None, [row["result"], row["result_documents"]]))
        if key == "difficulties_text":
            return "\n".join(filter(None, [row["difficulties"], row["proposals"]]))
        if key == "source_text":
            parts = [row["source_ref"]]
            if row["source_date"]:
                parts.append(row["source_date"].strftime("%d/%m/%Y"))
            return self.env._(" of ").join(filter(None, parts))
        if key == "days_overdue":
            return row[key] or None
        return row.get(key)

    @api.model
    def _cell_kind(self, row, column):
        if row["line_type"] == "share" and column["kind"] == "int":
            return "rate"
        return column["kind"]

    def _row_status(self, report, row):
        if row["line_type"] != "task":
            return None
        if report.form == "3":
            return (
                self.env._("Overdue")
                if row["timeliness"] == "open_overdue"
                else self.env._("Due soon")
            )
        labels = dict(
            self.env["directive.task"]
            ._fields["timeliness"]
            ._description_selection(self.env)
        )
        return labels.get(row["timeliness"])

    def _row_note(self, report, row):
        notes = []
        if row["line_type"] == "unit" and row["stale"]:
            notes.append(self.env._("%s not updated", row["stale"]))
        if row["line_type"] == "task":
            if row["is_not_started"]:
                notes.append(self.env._("Not started"))
            if row["task_state"] == "to_confirm":
                notes.append(self.env._("Awaiting confirmation"))
            if row["is_due_soon"] and report.form == "2":
                notes.append(self.env._("Due soon"))
            if row["overdue_days_recorded"]:
                notes.append(
                    self.env._(
                        "Overdue %s days before an extension",
                        row["overdue_days_recorded"],
                    )
                )
        return "; ".join(notes) or None

    def _row_title(self, report, row):
        """Text of a heading or total row that spans the table (Forms 2, 3)."""
        if row["line_type"] == "part":
            return row["name"]
        if row["line_type"] == "group":
            return self.env._(
                "%(unit)s: %(total)s tasks (%(overdue)s overdue, %(soon)s due soon)",
                unit=row["name"],
                total=row["total"],
                overdue=row["open_overdue"],
                soon=row["due_soon"],
            )
        if report.form == "3":
            return self.env._(
                "Total: %(total)s tasks (%(overdue)s overdue, %(soon)s due soon)",
                total=row["total"],
                overdue=row["open_overdue"],
                soon=row["due_soon"],
            )
        return self.env._("Total: %s tasks", row["total"])

    def _is_spanning_row(self, report, row):
        if row["line_type"] == "part":
            return True
        return report.form in ("2", "3") and row["line_type"] in (
            "group",
            "total",
            "part_total",
        )

    @api.model
    def _format_cell(self, value, kind):
        """Text of a cell in the PDF (Vietnamese number and date formats)."""
        if value is None or value is False or value == "":
            return ""
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        if kind == "rate":
            return format_rate(value, self.env["directive.report"]._rate_digits())
        if kind == "int":
            return lang.format("%d", value, grouping=True)
        if kind == "date":
            return value.strftime("%d/%m/%Y")
        return str(value)

    def _cell_text(self, report, row, column):
        """Text of a cell as the PDF prints it."""
        return self._format_cell(
            self._cell_value(report, row, column), self._cell_kind(row, column)
        )

    @api.model
    def _page_ratio(self):
        """Height ÷ width of the printed area of a page (for pagination)."""
        paper = self.env.ref("directive_tracking.paperformat_directive_report")
        width, height = 297, 210  # A4 landscape, in millimetres
        if paper.orientation == "Portrait":
            width, height = height, width
        printable_width = width - paper.margin_left - paper.margin_right
        printable_height = height - paper.margin_top - paper.margin_bottom
        return f"{printable_height / printable_width:.4f}"

    def _print_date(self, report):
        return report.issue_date or fields.Date.context_today(self)

    def _date_parts(self, report):
        """Day, month and year of the date line, padded as Decree 30/2020
        requires (a zero before days under 10 and before months 1 and 2)."""
        day = self._print_date(report)
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        return {"day": f"{day.day:02d}", "month": month, "year": str(day.year)}

    def _form_short_name(self, report):
        return self.env._("Form %s", report.form)

    @api.model
    def _document_type(self):
        """The document type printed above the title (Decree 30 layout)."""
        return self.env._("REPORT")

    def _title(self, report):
        report.ensure_one()
        titles = {
            "1": self.env._("Implementation of the directive tasks by unit"),
            "2": self.env._("Detailed list of the directive tasks"),
            "3": self.env._("Overdue and due-soon tasks to urge"),
        }
        return titles[report.form]

    def _subtitle_lines(self, report):
        report.ensure_one()
        membership = dict(
            report._fields["membership"]._description_selection(self.env)
        )[report.membership]
        scope = report.scope_unit_id.name or self.env._("whole province")
        return [
            self.env._(
                "Period: %(period)s (%(membership)s); scope: %(scope)s",
                period=report._period_label(),
                membership=membership.lower(),
                scope=scope,
            ),
            self.env._(
                "Figures at the cutoff date %(date)s",
                date=report.cutoff_date.strftime("%d/%m/%Y"),
            ),
        ]

    @api.model
    def _rate_footnote(self):
        return self.env._(
            "Due = done + open overdue. Completion rate = done ÷ due; overdue "
            "rate = open overdue ÷ due; share of all assigned = each category "
            "÷ total assigned; on-time share = done on time ÷ done. Tasks "
            "without deadline are counted apart; cancelled, transferred and "
            "draft tasks are left out. (*) Headline rate."
        )
