import base64
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.directive_tracking.models.directive_task import (
    TIMELINESS_DATE_PARAM,
)

from .report_common import CUTOFF, LAYOUT, ReportCase


@tagged("post_install", "-at_install")
class TestReportForm2(ReportCase):
    """Form 2 (detailed list): every value of a task's row, as it stood at
    the cutoff date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        source = cls._source(
            number="100/UBND-TH", issue_date="2026-01-05", issuer="UBND tỉnh Thử"
        )
        with freeze_time("2026-01-10"):
            cls.task = cls._assigned_task(
                cls.agency,
                name="Xây dựng kế hoạch chuyển đổi số",
                deadline="2026-02-28",
                source_id=source.id,
                coordination_ids=[
                    (0, 0, {"unit_id": cls.commune.id}),
                    (0, 0, {"unit_id": cls.agency_b.id}),
                ],
            )
        with freeze_time("2026-02-20"):
            cls.env["directive.task.update"].create(
                {
                    "task_id": cls.task.id,
                    "note": "Đang xây dựng dự thảo",
                    "progress": 50,
                    "difficulties": "Thiếu kinh phí",
                    "proposals": "Đề nghị bổ sung kinh phí",
                }
            )
        with freeze_time("2026-03-05"):
            extension = cls.env["directive.task.extension"].create(
                {
                    "task_id": cls.task.id,
                    "reason": "Chờ ý kiến các sở",
                    "proposed_date": "2026-03-31",
                }
            )
            extension.with_user(cls.leader).action_approve()
        attachment = cls.env["ir.attachment"].create(
            {"name": "Kế hoạch số 12.pdf", "datas": base64.b64encode(b"%PDF-1.4")}
        )
        with freeze_time("2026-03-26"):
            cls.env["directive.task.completion"].create(
                {
                    "task_id": cls.task.id,
                    "date": "2026-03-25",
                    "result": "Đã ban hành kế hoạch",
                    "attachment_ids": [(6, 0, attachment.ids)],
                }
            ).action_confirm()

    def _row(self, report, task):
        return next(row for row in report._get_rows() if row["task_id"] == task.id)

    def _cells(self, report, row):
        return {
            column["key"]: report.env[LAYOUT]._cell_text(report, row, column)
            for column in report.env[LAYOUT]._columns(report)
        }

    def assertCells(self, report, task, **expected):
        """The printed cells of ``task``'s row in ``report`` include
        ``expected`` (column key: text)."""
        cells = self._cells(report, self._row(report, task))
        self.assertEqual({key: cells[key] for key in expected}, expected)

    def test_every_cell_of_a_task_row(self):
        report = self._report(form="2")
        row = self._row(report, self.task)
        self.assertEqual(
            self._cells(report, row),
            {
                "label": row["label"],
                "task_code": self.task.code,
                "source_ref": "100/UBND-TH",
                "source_date": "05/01/2026",
                "source_issuer": "UBND tỉnh Thử",
                "leader_name": self.leader.name,
                "content": "Xây dựng kế hoạch chuyển đổi số",
                "lead_unit_name": "Sở Tài chính",
                "coordination_names": "Sở Y tế; Xã Hòa Bình",
                "deadline": "31/03/2026",
                "original_deadline": "28/02/2026",
                "extension_count": "1",
                "previous_deadline": "28/02/2026",
                "completion_date": "25/03/2026",
                "days_overdue": "",
                "status": "Done on time",
                "result_text": "Đã ban hành kế hoạch\nKế hoạch số 12.pdf",
                "difficulties_text": "Thiếu kinh phí\nĐề nghị bổ sung kinh phí",
                "note": "Overdue 5 days before an extension",
            },
        )

    def test_at_today_the_stored_categories_give_the_same_rows(self):
        """At today's cutoff, once the daily refresh has run today, reports
        read the categories stored on the tasks instead of rebuilding each
        task at the cutoff; the rows are the same."""
        Report = type(self.env["report.directive_tracking.report_directive_query"])
        params = self.env["ir.config_parameter"]
        refused = AssertionError("took the wrong path")
        with freeze_time(CUTOFF):
            reports = [self._report(form=form) for form in ("1", "2", "3")]
            params.set_param(TIMELINESS_DATE_PARAM, "2026-04-14")  # yesterday
            with patch.object(Report, "_stored_columns", side_effect=refused):
                rebuilt = [report._get_rows() for report in reports]
            self.env["directive.task"]._in_calendar_tz()._refresh_all_timeliness()
            with patch.object(Report, "_columns_at_cutoff", side_effect=refused):
                stored = [report._get_rows() for report in reports]
        self.assertEqual(stored, rebuilt)
        # Form 2 lists the 12 tasks of the period; Form 3 urges the two
        # overdue ones and the one awaiting confirmation due today, then, in
        # its part of coordinating units, the two units coordinating
        # self.task, overdue at its deadline (they have none of their own).
        self.assertEqual(
            [sum(row["line_type"] == "task" for row in rows) for rows in stored[1:]],
            [12, 5],
        )

    def test_an_open_task_row(self):
        self.assertCells(
            self._report(form="2"),
            self.a_overdue,
            deadline="15/03/2026",
            extension_count="0",
            previous_deadline="",
            completion_date="",
            days_overdue="31",
            status="Open, overdue",
            note="Not started",
        )

    def test_lists_every_task_of_the_period_once(self):
        report = self._report(form="2")
        rows = report._get_rows()
        tasks = [row["task_id"] for row in rows if row["line_type"] == "task"]
        self.assertEqual(len(tasks), 12)  # the 11 of Form 1 and this one
        self.assertEqual(len(set(tasks)), 12)
        self.assertEqual(rows[-1]["line_type"], "total")
        self.assertEqual(rows[-1]["total"], 12)

    def test_row_at_a_cutoff_before_the_extension(self):
        self.assertCells(
            self._report(form="2", cutoff_date=date(2026, 3, 1)),
            self.task,
            deadline="28/02/2026",
            extension_count="0",
            completion_date="",
            days_overdue="1",
            status="Open, overdue",
            result_text="",
            difficulties_text="Thiếu kinh phí\nĐề nghị bổ sung kinh phí",
        )

    def test_rows_come_from_one_query(self):
        report = self._report(form="2")
        report._compute_rows()
        # The due-soon horizon (2 queries), then every row in one query.
        with self.assertQueryCount(3):
            report._compute_rows()


@tagged("post_install", "-at_install")
class TestReportForm3(ReportCase):
    """Form 3 (urging list): overdue and due-soon tasks under their unit."""

    def test_rows_are_units_with_their_overdue_and_due_soon_tasks(self):
        report = self._report(form="3")
        rows = report._get_rows()
        self.assertEqual(
            [
                (
                    row["line_type"],
                    row["label"],
                    row["name"] if row["line_type"] != "task" else row["task_code"],
                )
                for row in rows
            ],
            [
                ("group", "I", "Sở Tài chính"),
                ("task", "1", self.a_overdue.code),
                ("group", "II", "Sở Y tế"),
                ("task", "1", self.b_to_confirm.code),
                ("group", "III", "Xã Hòa Bình"),
                ("task", "1", self.c_overdue.code),
                ("total", None, "Total"),
            ],
        )

    def test_every_cell_of_the_urging_rows(self):
        report = self._report(form="3")
        columns = report.env[LAYOUT]._columns(report)
        table = [
            [report.env[LAYOUT]._cell_text(report, row, column) for column in columns]
            for row in report._get_rows()
            if row["line_type"] == "task"
        ]
        officer = self.officer.name
        self.assertEqual(
            table,
            [
                [
                    "1",
                    self.a_overdue.code,
                    self.a_overdue.name,
                    "",
                    "Sở Tài chính",
                    "15/03/2026",
                    "31",
                    "",
                    "Overdue",
                    "",
                    officer,
                    "Not started",
                ],
                [
                    "1",
                    self.b_to_confirm.code,
                    self.b_to_confirm.name,
                    "",
                    "Sở Y tế",
                    "15/04/2026",
                    "",
                    "0",
                    "Due soon",
                    "10/04/2026",
                    officer,
                    "Awaiting confirmation",
                ],
                [
                    "1",
                    self.c_overdue.code,
                    self.c_overdue.name,
                    "",
                    "Xã Hòa Bình",
                    "31/03/2026",
                    "15",
                    "",
                    "Overdue",
                    "01/02/2026",
                    officer,
                    "",
                ],
            ],
        )

    def test_headings_and_total_count_overdue_and_due_soon(self):
        report = self._report(form="3")
        rows = report._get_rows()
        titles = [
            report.env[LAYOUT]._row_title(report, row)
            for row in rows
            if row["line_type"] != "task"
        ]
        self.assertEqual(
            titles,
            [
                "Sở Tài chính: 1 tasks (1 overdue, 0 due soon)",
                "Sở Y tế: 1 tasks (0 overdue, 1 due soon)",
                "Xã Hòa Bình: 1 tasks (1 overdue, 0 due soon)",
                "Total: 3 tasks (2 overdue, 1 due soon)",
            ],
        )

    def test_cutoff_decides_what_is_due_soon(self):
        # On 9 April, Sở Y tế's deadline of 15 April is 4 working days away.
        report = self._report(form="3", cutoff_date=date(2026, 4, 9))
        codes = [row["task_code"] for row in report._get_rows() if row["task_code"]]
        self.assertNotIn(self.b_to_confirm.code, codes)
        self.assertIn(self.a_overdue.code, codes)
