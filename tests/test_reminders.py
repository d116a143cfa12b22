import importlib.util
from pathlib import Path
from unittest.mock import patch

from freezegun import freeze_time

from odoo.sql_db import Cursor
from odoo.tests import tagged

from odoo.addons.base.models.ir_cron import IrCron

from ..models.directive_task import DIGEST_UNITS
from .common import DirectiveCase


@tagged("post_install", "-at_install")
class TestReminders(DirectiveCase):
    def setUp(self):
        super().setUp()
        self.reminder = self.env.ref("directive_tracking.mail_activity_type_reminder")
        self.overdue = self._assigned_task(self.agency, deadline="2026-03-02")
        self.due_soon = self._assigned_task(self.commune, deadline="2026-03-11")
        self.later = self._assigned_task(self.commune, deadline="2026-06-30")

    def _reminders(self, tasks):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "directive.task"),
                ("res_id", "in", tasks.ids),
                ("activity_type_id", "=", self.reminder.id),
            ]
        )

    def _recording_commits(self):
        """The job commits after each batch; a test runs in one transaction
        that must stay open, so the commits are recorded instead."""
        self.commits = []

        def record(cron, processed=0, *, remaining=None, deactivate=False):
            self.commits.append((processed, remaining))
            return float("inf")

        return patch.object(IrCron, "_commit_progress", record)

    def _run_daily(self, day="2026-03-09"):
        with freeze_time(day), self._recording_commits():
            self.env["directive.task"]._cron_daily()

    def test_focal_points_get_reminders_for_overdue_and_due_soon_tasks(self):
        self._run_daily()
        self.assertEqual(self._reminders(self.overdue).user_id, self.agency_admin)
        self.assertEqual(self._reminders(self.due_soon).user_id, self.commune_admin)
        self.assertFalse(self._reminders(self.later))

    def test_a_reminded_focal_point_follows_the_task_once(self):
        # Not following yet (as on a database loaded in bulk).
        self.overdue.message_unsubscribe(partner_ids=self.agency_admin.partner_id.ids)
        self._run_daily()
        followers = self.overdue.message_follower_ids.filtered(
            lambda f: f.partner_id == self.agency_admin.partner_id
        )
        self.assertEqual(len(followers), 1)
        # With the subtypes a new follower gets by default.
        default = self.env["mail.message.subtype"].default_subtypes("directive.task")[0]
        self.assertEqual(followers.subtype_ids, default)

    def test_reminders_name_their_task_as_they_are_inserted(self):
        statements = []
        execute = Cursor.execute

        def recording(cr, query, params=None, log_exceptions=True):
            statements.append(str(getattr(query, "code", query)))
            return execute(cr, query, params, log_exceptions)

        self.agency_admin.tz = "Asia/Ho_Chi_Minh"
        with patch.object(Cursor, "execute", recording):
            self._run_daily()
            self.env.flush_all()
        reminder = self._reminders(self.overdue)
        self.assertEqual(reminder.res_name, self.overdue.display_name)
        self.assertEqual(reminder.user_tz, "Asia/Ho_Chi_Minh")
        # Not in an UPDATE of each new row after its INSERT (25,000 rows a
        # day on a million tasks).
        self.assertFalse([sql for sql in statements if 'UPDATE "mail_activity"' in sql])

    def test_reminding_a_follower_again_adds_no_second_subscription(self):
        self._run_daily()
        self._run_daily(day="2026-03-10")
        followers = self.overdue.message_follower_ids.filtered(
            lambda f: f.partner_id == self.agency_admin.partner_id
        )
        self.assertEqual(len(followers), 1)

    def test_reminders_commit_their_progress_after_each_batch(self):
        Task = self.env["directive.task"]
        with freeze_time("2026-03-09"):
            Task._refresh_all_timeliness()
            with self._recording_commits():
                Task._send_reminders(batch_size=1)
        # First the number of tasks to remind, then one commit per task.
        self.assertEqual(self.commits, [(0, 2), (1, None), (1, None)])

    def test_running_twice_the_same_day_sends_no_duplicates(self):
        self._run_daily()
        self._run_daily()
        self.assertEqual(len(self._reminders(self.overdue | self.due_soon)), 2)

    def test_an_open_reminder_stays_one_and_follows_its_task(self):
        self._run_daily()
        first = self._reminders(self.overdue)
        self.assertEqual(first.summary, "Overdue (deadline 02/03/2026)")
        # Due on the task's deadline: Odoo shows it late with the task.
        self.assertEqual(str(first.date_deadline), "2026-03-02")
        self.assertEqual(first.state, "overdue")
        self._run_daily("2026-03-10")
        # Still the one reminder: a task overdue for a month leaves one, not
        # thirty.
        self.assertEqual(self._reminders(self.overdue), first)
        # The due-soon task fell overdue: its reminder says so.
        due_soon = self._reminders(self.due_soon)
        self._run_daily("2026-03-12")
        self.assertEqual(self._reminders(self.due_soon), due_soon)
        self.assertEqual(due_soon.summary, "Overdue (deadline 11/03/2026)")

    def test_the_job_leaves_a_request_for_the_completion_report_alone(self):
        with freeze_time("2026-03-09"):
            self.overdue._ask_completion_report()
        request = self.overdue.activity_ids
        self._run_daily()
        self.assertEqual(
            request.summary, "All sub-tasks are done: report the task's completion"
        )
        self.assertEqual(len(self._reminders(self.overdue)), 1)
        self.assertEqual(len(self.overdue.activity_ids), 2)

    def test_upgrade_gives_old_completion_requests_their_own_type(self):
        self._run_daily()
        reminders = self._reminders(self.overdue | self.due_soon)
        self.assertEqual(len(reminders), 2)
        # Before 19.0.1.4.0 the request was a reminder, in the job's language.
        with freeze_time("2026-03-09"):
            self.overdue._ask_completion_report()
            self.due_soon.with_context(lang="vi_VN")._ask_completion_report()
        requests = (self.overdue | self.due_soon).activity_ids - reminders
        self.assertIn(
            "Các nhiệm vụ con đã hoàn thành: đề nghị báo cáo hoàn thành nhiệm vụ",
            requests.mapped("summary"),
        )
        requests.activity_type_id = self.reminder
        path = Path(__file__).parents[1] / "migrations/19.0.1.4.0/post-migrate.py"
        spec = importlib.util.spec_from_file_location("post_migrate", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "19.0.1.3.0")
        self.assertEqual(
            requests.activity_type_id,
            self.env.ref("directive_tracking.mail_activity_type_completion_report"),
        )
        self.assertEqual(reminders.activity_type_id, self.reminder)

    def test_the_reminder_date_is_bookkeeping_not_an_edit(self):
        self.env.cr.execute(
            "UPDATE directive_task SET write_date = '2026-03-01' WHERE id = %s",
            [self.overdue.id],
        )
        self.overdue.invalidate_recordset()
        self._run_daily()
        self.assertEqual(str(self.overdue.last_reminder_date), "2026-03-09")
        self.assertEqual(str(self.overdue.write_date), "2026-03-01 00:00:00")

    def test_reminder_after_the_previous_one_was_done(self):
        self._run_daily()
        self._reminders(self.overdue).action_done()
        self._run_daily()
        self.assertFalse(self._reminders(self.overdue))
        self._run_daily("2026-03-10")
        self.assertEqual(len(self._reminders(self.overdue)), 1)

    def test_done_tasks_get_no_reminder(self):
        completion = self.env["directive.task.completion"].create(
            {"task_id": self.overdue.id, "date": "2026-03-01", "result": "Xong"}
        )
        completion.with_user(self.officer).action_confirm()
        self._run_daily()
        self.assertFalse(self._reminders(self.overdue))

    def test_office_gets_one_digest_a_day(self):
        def digests():
            return self.env["mail.mail"].search(
                [
                    # Odoo 19 turns the template's address into its partner.
                    "|",
                    ("email_to", "ilike", self.officer.email),
                    ("recipient_ids", "in", self.officer.partner_id.ids),
                    ("subject", "ilike", "09/03/2026"),
                ]
            )

        self._run_daily()
        self.assertEqual(len(digests()), 1)
        self.assertIn(self.agency.name, digests().body_html)
        # In the officer's language, Vietnamese.
        self.assertEqual(digests().subject, "Nhiệm vụ cần đôn đốc ngày 09/03/2026")
        self.assertIn(f"Kính gửi {self.officer.name}", digests().body_html)
        self.assertIn("<th>Đơn vị chủ trì</th>", digests().body_html)
        self._run_daily()
        self.assertEqual(len(digests()), 1)

    def test_digest_lists_the_most_overdue_units_then_one_line_for_the_others(self):
        Task = self.env["directive.task"]
        rows = [
            {"unit": f"Xã {n:02d}", "overdue": n % 7, "due_soon": n % 3}
            for n in range(DIGEST_UNITS + 5)
        ]
        digest = Task._digest_rows(rows)
        self.assertEqual(len(digest), DIGEST_UNITS + 1)
        listed = digest[:DIGEST_UNITS]
        keys = [(-row["overdue"], -row["due_soon"], row["unit"]) for row in listed]
        self.assertEqual(keys, sorted(keys))
        # No unit left out has more overdue tasks than one listed.
        others = [row for row in rows if row not in listed]
        self.assertLessEqual(
            max(row["overdue"] for row in others), min(r["overdue"] for r in listed)
        )
        self.assertEqual(
            digest[-1],
            {
                "unit": "5 other units",
                "overdue": sum(row["overdue"] for row in others),
                "due_soon": sum(row["due_soon"] for row in others),
            },
        )
        # A short digest lists every unit, and nothing else.
        self.assertEqual(len(Task._digest_rows(rows[:3])), 3)

    def test_daily_job_counts_days_in_vietnam_time(self):
        # 18:00 UTC on 1 March is already 2 March in Vietnam: the task due on
        # 1 March is one day overdue there.
        task = self._assigned_task(self.agency, deadline="2026-03-01")
        with freeze_time("2026-03-01 18:00:00"), self._recording_commits():
            self.env["directive.task"].with_context(tz=False)._cron_daily()
        self.assertEqual(task.timeliness, "open_overdue")
        self.assertEqual(task.days_overdue, 1)
