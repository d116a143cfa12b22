from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .report_common import ReportCase


@tagged("post_install", "-at_install")
class TestReportFreeze(ReportCase):
    """Issuing freezes a report; drafts follow the tasks."""

    def _change_the_tasks(self):
        """What may happen after a report is issued."""
        self.a_within.write(
            {
                "state": "done",
                "completion_date": "2026-04-05",
                "confirm_date": "2026-04-06",
            }
        )
        self.c_overdue.write({"state": "cancelled"})
        self.a_overdue.write({"name": "Nội dung đã sửa"})
        self.agency.write({"name": "Sở Tài chính (mới)"})
        self._task_at(self.agency_b, "2026-03-02", "2026-03-20")

    def test_issuing_numbers_the_report_and_stores_its_rows(self):
        report = self._report()
        draft_table = self._table(report)
        report.with_user(self.officer).action_issue()
        self.assertEqual(report.state, "issued")
        self.assertRegex(report.number, r"^\d{2}/BC-VP$")
        self.assertEqual(report.issued_by_id, self.officer)
        self.assertTrue(report.issue_date)
        # Block, unit and total rows are stored; the share row derives from
        # the stored total.
        self.assertEqual(len(report.line_ids), 7)
        self.assertEqual(self._table(report), draft_table)

    def test_numbers_follow_each_other(self):
        first, second = self._report(), self._report(form="3")
        (first + second).action_issue()
        self.assertEqual(
            int(second.number.split("/")[0]), int(first.number.split("/")[0]) + 1
        )

    def test_issued_report_keeps_its_figures_whatever_the_tasks_become(self):
        reports = self._report() + self._report(form="2") + self._report(form="3")
        reports.action_issue()
        before = [self._table(report) for report in reports]
        self._change_the_tasks()
        self.env.invalidate_all()
        self.assertEqual([self._table(report) for report in reports], before)

    def test_reprinting_an_issued_report_gives_the_same_document(self):
        report = self._report(form="2")
        report.action_issue()
        Pdf = self.env["ir.actions.report"]
        first = Pdf._render_qweb_html(
            "directive_tracking.directive_report_action_pdf", report.ids
        )[0]
        self._change_the_tasks()
        self.env.invalidate_all()
        again = Pdf._render_qweb_html(
            "directive_tracking.directive_report_action_pdf", report.ids
        )[0]
        self.assertEqual(again, first)

    def test_report_issued_in_english_prints_its_titles_in_vietnamese(self):
        report = self._report().with_context(lang="en_US")
        report.action_issue()
        stored = report.line_ids.filtered(lambda line: line.line_type == "block")
        self.assertIn("Provincial agencies", stored.mapped("name"))
        rows = report.with_context(lang="vi_VN")._get_rows()
        titles = [row["name"] for row in rows if row["line_type"] in ("block", "total")]
        self.assertIn("Sở, ban, ngành", titles)
        self.assertIn("Tổng số", titles)
        self.assertNotIn("Provincial agencies", titles)

    def test_draft_is_computed_again(self):
        report = self._report()
        before = self._table(report)
        self._change_the_tasks()
        after = self._table(report)
        self.assertNotEqual(after, before)
        total = next(row for row in report._get_rows() if row["line_type"] == "total")
        # a_within done, c_overdue cancelled, one more task of Sở Y tế.
        self.assertEqual(self._counts(total), (11, 5, 3, 2, 4, 2, 2, 3, 1, 1))

    def test_issued_report_cannot_be_edited_or_deleted(self):
        report = self._report()
        report.action_issue()
        with self.assertRaises(UserError):
            report.write({"cutoff_date": "2026-04-30"})
        with self.assertRaises(UserError):
            report.line_ids[0].write({"total": 99})
        with self.assertRaises(UserError):
            report.unlink()
        with self.assertRaises(UserError):
            report.action_issue()

    def test_draft_can_be_deleted(self):
        report = self._report()
        report.with_user(self.officer).unlink()
        self.assertFalse(report.exists())

    def test_leaders_and_clerks_read_reports_units_do_not(self):
        report = self._report()
        report.action_issue()
        for user in (self.leader, self.clerk):
            self.assertEqual(
                report.with_user(user).line_ids.mapped("total"),
                report.line_ids.mapped("total"),
            )
            with self.assertRaises(AccessError):
                self.env["directive.report"].with_user(user).create(
                    {"form": "1", "period_type": "year", "period_year": 2026}
                )
        with self.assertRaises(AccessError):
            report.with_user(self.agency_staff).read(["number"])


@tagged("post_install", "-at_install")
class TestReportAtCutoff(ReportCase):
    """A report judges the tasks as they stood at its cutoff date."""

    def _unit_row(self, report, unit):
        return next(row for row in report._get_rows() if row["unit_id"] == unit.id)

    def test_completion_confirmed_after_the_cutoff_counts_as_open(self):
        self.a_within.write(
            {
                "state": "done",
                "completion_date": "2026-04-14",
                "confirm_date": "2026-04-16",
            }
        )
        row = self._unit_row(self._report(), self.agency)
        self.assertEqual((row["done"], row["open_within"]), (2, 1))
        row = self._unit_row(self._report(cutoff_date=date(2026, 4, 16)), self.agency)
        self.assertEqual(
            (row["done"], row["done_on_time"], row["open_within"]), (3, 2, 0)
        )

    def test_task_first_updated_after_the_cutoff_was_not_started(self):
        task = self._task_at(self.agency_b, "2026-03-01", "2026-05-31")
        with freeze_time("2026-04-20"):
            self.env["directive.task.update"].create(
                {"task_id": task.id, "note": "Đã tiếp nhận", "progress": 10}
            )
        self.assertEqual(task.state, "in_progress")
        self.assertEqual(
            self._unit_row(self._report(), self.agency_b)["not_started"], 1
        )
        later = self._report(cutoff_date=date(2026, 4, 20))
        self.assertEqual(self._unit_row(later, self.agency_b)["not_started"], 0)

    def test_tasks_assigned_after_the_cutoff_are_left_out(self):
        self._task_at(self.agency_b, "2026-03-31", "2026-05-31")
        report = self._report(cutoff_date=date(2026, 3, 30))
        self.assertEqual(self._unit_row(report, self.agency_b)["total"], 2)
        self.assertEqual(self._unit_row(self._report(), self.agency_b)["total"], 3)
