from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import DirectiveCase
from .report_common import LAYOUT

Q1 = {"period_type": "quarter", "period_year": 2026, "period_quarter": "1"}
# total, done on time, done late, open within, open overdue, not started
KEYS = (
    "total",
    "done_on_time",
    "done_late",
    "open_within",
    "open_overdue",
    "not_started",
)


@tagged("post_install", "-at_install")
class TestCoordinationPart(DirectiveCase):
    """A coordinating unit is judged on its own deadline, at the cutoff, in
    a part of its own of Form 1, in Form 3 and in the reminders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Labels are checked in their English source, as in ReportCase.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.agency_b_admin = cls._user(
            "agency_b_admin", "group_unit_admin", cls.agency_b
        )
        cls.task = cls._assigned_task(
            cls.agency,
            assign_on="2026-02-02",
            deadline="2026-04-30",
            coordination_ids=[
                (0, 0, {"unit_id": cls.agency_b.id, "deadline": "2026-03-15"})
            ],
        )
        cls.coordination = cls.task.coordination_ids

    def _update(self, day, progress):
        with freeze_time(day):
            self.env["directive.task.update"].with_user(self.agency_b_staff).create(
                {
                    "task_id": self.task.id,
                    "coordination_id": self.coordination.id,
                    "note": "Phối hợp",
                    "progress": progress,
                }
            )

    def _rows(self, cutoff, form="1"):
        report = self.env["directive.report"].create(
            dict(Q1, form=form, cutoff_date=cutoff)
        )
        return report, report._get_rows()

    def _part(self, cutoff):
        _report, rows = self._rows(cutoff)
        types = [row["line_type"] for row in rows]
        start = types.index("part")
        part = rows[start:]
        self.assertEqual(
            [row["line_type"] for row in part], ["part", "part_unit", "part_total"]
        )
        self.assertEqual(part[1]["name"], "Sở Y tế")
        return tuple(part[2][key] for key in KEYS)

    def test_part_is_apart_from_the_lead_units_count(self):
        _report, rows = self._rows(date(2026, 3, 10))
        lead_total = next(row for row in rows if row["line_type"] == "total")
        self.assertEqual(lead_total["total"], 1)
        self.assertEqual(rows[rows.index(lead_total) + 1]["line_type"], "share")
        self.assertEqual(self._part(date(2026, 3, 10)), (1, 0, 0, 1, 0, 1))

    def test_missed_own_deadline_is_overdue_though_the_task_is_not(self):
        self.assertEqual(self._part(date(2026, 3, 20)), (1, 0, 0, 0, 1, 1))

    def test_first_update_starts_the_part_from_its_day(self):
        self._update("2026-03-05", 40)
        self.assertEqual(self.coordination.first_update_date, date(2026, 3, 5))
        self.assertEqual(self._part(date(2026, 3, 4)), (1, 0, 0, 1, 0, 1))
        self.assertEqual(self._part(date(2026, 3, 5)), (1, 0, 0, 1, 0, 0))

    def test_update_at_full_progress_closes_the_part_on_time_or_late(self):
        self._update("2026-03-18", 100)
        self.assertEqual(self.coordination.done_date, date(2026, 3, 18))
        # Before that day the part was open and overdue; from it, done late.
        self.assertEqual(self._part(date(2026, 3, 17)), (1, 0, 0, 0, 1, 1))
        self.assertEqual(self._part(date(2026, 3, 18)), (1, 0, 1, 0, 0, 0))

    def test_part_done_by_its_deadline_is_on_time(self):
        self._update("2026-03-15", 100)
        self.assertEqual(self._part(date(2026, 4, 15)), (1, 1, 0, 0, 0, 0))

    def test_urging_list_names_the_overdue_coordinating_unit(self):
        report, rows = self._rows(date(2026, 3, 20), form="3")
        part = rows[[row["line_type"] for row in rows].index("part") :]
        self.assertEqual(
            [(row["line_type"], row["name"]) for row in part][:3],
            [
                ("part", "Coordinating units, at their own deadlines"),
                ("group", "Sở Y tế"),
                ("task", "Sở Y tế"),
            ],
        )
        task_row = part[2]
        self.assertEqual(
            (task_row["task_code"], task_row["deadline"], task_row["days_overdue"]),
            (self.task.code, date(2026, 3, 15), 5),
        )
        self.assertEqual(report.env[LAYOUT]._row_status(report, task_row), "Overdue")

    def test_overdue_coordinating_unit_gets_a_reminder(self):
        with freeze_time("2026-03-20"):
            self.env["directive.task"]._send_coordination_reminders(
                date(2026, 3, 20),
                self.env.ref("directive_tracking.mail_activity_type_reminder"),
                self.env["ir.model"]._get_id("directive.task"),
            )
        activity = self.task.activity_ids.filtered(
            lambda a: a.user_id == self.agency_b_admin
        )
        self.assertEqual(
            activity.summary, "As coordinating unit: overdue (deadline 15/03/2026)"
        )
        self.assertEqual(activity.date_deadline, date(2026, 3, 15))
        self.assertEqual(self.coordination.last_reminder_date, date(2026, 3, 20))

    def test_done_part_gets_no_reminder(self):
        self._update("2026-03-10", 100)
        sent = self.env["directive.task"]._send_coordination_reminders(
            date(2026, 3, 20),
            self.env.ref("directive_tracking.mail_activity_type_reminder"),
            self.env["ir.model"]._get_id("directive.task"),
        )
        self.assertEqual(sent, 0)

    def test_workbook_and_pdf_show_the_same_part(self):
        from .test_report_export import TestReportExcel

        for form in ("1", "3"):
            report, _rows = self._rows(date(2026, 3, 20), form=form)
            self.assertEqual(
                TestReportExcel._excel_table(self, report, report._render_xlsx()),
                TestReportExcel._html_table(self, report),
                form,
            )

    def test_issued_report_keeps_the_part(self):
        report, rows = self._rows(date(2026, 3, 20))
        report.action_issue()
        self._update("2026-03-21", 100)
        self.assertEqual(
            [(r["line_type"], r["open_overdue"]) for r in report._get_rows()],
            [(r["line_type"], r["open_overdue"]) for r in rows],
        )
