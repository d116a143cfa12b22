from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import DirectiveCase

Q1 = {"period_type": "quarter", "period_year": 2026, "period_quarter": "1"}


@tagged("post_install", "-at_install")
class TestSplitTasks(DirectiveCase):
    """A task split by its unit counts once, where the province assigned it;
    its sub-tasks are the unit's internal work."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parent = cls._assigned_task(
            cls.commune, assign_on="2026-02-02", deadline="2026-03-31"
        )
        cls.subtasks = cls.env["directive.task"]
        for name in ("Phần việc 1", "Phần việc 2"):
            sub = cls.env["directive.task"].create(
                {
                    "name": name,
                    "lead_unit_id": cls.commune_office.id,
                    "parent_id": cls.parent.id,
                    "deadline": "2026-03-20",
                    "officer_id": cls.officer.id,
                }
            )
            with freeze_time("2026-02-03"):
                # As the split wizard assigns them (see directive_task_assign).
                sub.with_user(cls.commune_admin).sudo().action_assign()
            cls.subtasks |= sub

    def _rows(self, **values):
        report = self.env["directive.report"].create(
            dict(Q1, form="1", cutoff_date=date(2026, 4, 15), **values)
        )
        return {row["name"]: row for row in report._get_rows()}

    def _complete(self, task, day):
        with freeze_time(day):
            completion = (
                self.env["directive.task.completion"]
                .with_user(self.commune_staff)
                .create({"task_id": task.id, "result": "Xong"})
            )
            completion.with_user(self.officer).action_confirm()

    def test_province_report_counts_the_split_task_once(self):
        rows = self._rows()
        self.assertEqual(rows["Xã Hòa Bình"]["total"], 1)
        self.assertEqual(rows["Total"]["total"], 1)

    def test_commune_report_counts_the_task_assigned_to_it(self):
        self.assertEqual(self._rows(scope_unit_id=self.commune.id)["Total"]["total"], 1)

    def test_sub_unit_report_counts_its_sub_tasks(self):
        rows = self._rows(scope_unit_id=self.commune_office.id)
        self.assertEqual(rows["Total"]["total"], 2)
        self.assertEqual(rows["Total"]["open_overdue"], 2)

    def test_urging_list_of_the_province_shows_the_task_once(self):
        report = self.env["directive.report"].create(
            dict(Q1, form="3", cutoff_date=date(2026, 4, 15))
        )
        tasks = [
            row["task_code"] for row in report._get_rows() if row["line_type"] == "task"
        ]
        self.assertEqual(tasks, [self.parent.code])

    def test_dashboard_counts_the_split_task_once(self):
        Dashboard = self.env["directive.dashboard"].with_user(self.leader)
        period = {"period_type": "quarter", "period_year": 2026, "period_quarter": "1"}
        data = Dashboard.get_dashboard_data(period=period)
        tiles = {tile["key"]: tile["count"] for tile in data["tiles"]}
        self.assertEqual(tiles["total"], 1)
        action = Dashboard.open_tasks(period=period, category="total")
        self.assertEqual(
            self.env["directive.task"].search(action["domain"]), self.parent
        )

    def test_parent_awaits_the_unit_report_when_all_sub_tasks_are_done(self):
        self._complete(self.subtasks[0], "2026-03-10")
        self.assertFalse(self.parent.awaiting_completion_report)
        self.assertEqual(self.parent.state, "assigned")
        self._complete(self.subtasks[1], "2026-03-12")
        self.assertTrue(self.parent.awaiting_completion_report)
        self.assertEqual(self.parent.state, "in_progress")
        activity = self.parent.activity_ids.filtered(
            lambda a: a.user_id == self.commune_admin
        )
        self.assertEqual(
            activity.summary, "All sub-tasks are done: report the task's completion"
        )
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("directive_tracking.mail_activity_type_completion_report"),
        )

    def test_parent_is_done_once_the_unit_reports_and_the_office_confirms(self):
        self._complete(self.subtasks[0], "2026-03-10")
        self._complete(self.subtasks[1], "2026-03-12")
        with freeze_time("2026-03-13"):
            completion = (
                self.env["directive.task.completion"]
                .with_user(self.commune_admin)
                .create({"task_id": self.parent.id, "result": "Tổng hợp xong"})
            )
            completion.with_user(self.officer).action_confirm()
        self.assertFalse(self.parent.awaiting_completion_report)
        row = self._rows()["Xã Hòa Bình"]
        self.assertEqual((row["total"], row["done_on_time"]), (1, 1))
