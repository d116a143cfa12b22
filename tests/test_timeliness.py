from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import DirectiveCase


@tagged("post_install", "-at_install")
class TestTimeliness(DirectiveCase):
    """Categories of DESIGN §5, computed at a cutoff date."""

    def _done_task(self, deadline, completed):
        task = self._assigned_task(self.agency, deadline=deadline)
        completion = self.env["directive.task.completion"].create(
            {"task_id": task.id, "date": completed, "result": "Xong"}
        )
        completion.with_user(self.officer).action_confirm()
        return task

    def _at(self, task, cutoff):
        task._refresh_timeliness(date.fromisoformat(cutoff))
        return task

    def test_deadline_day_counts_as_on_time(self):
        task = self._done_task("2026-03-31", "2026-03-31")
        self.assertEqual(self._at(task, "2026-04-15").timeliness, "done_on_time")

    def test_completion_after_the_deadline_is_late(self):
        task = self._done_task("2026-03-31", "2026-04-02")
        self._at(task, "2026-04-15")
        self.assertEqual(task.timeliness, "done_late")
        self.assertEqual(task.days_overdue, 2)

    def test_open_task_on_its_deadline_day_is_within_deadline(self):
        task = self._assigned_task(self.agency, deadline="2026-03-31")
        self.assertEqual(self._at(task, "2026-03-31").timeliness, "open_within")

    def test_open_task_after_its_deadline_is_overdue(self):
        task = self._assigned_task(self.agency, deadline="2026-03-31")
        self._at(task, "2026-04-03")
        self.assertEqual(task.timeliness, "open_overdue")
        self.assertEqual(task.days_overdue, 3)

    def test_awaiting_confirmation_is_still_open(self):
        task = self._assigned_task(self.agency, deadline="2026-03-31")
        self.env["directive.task.completion"].create(
            {"task_id": task.id, "date": "2026-03-30", "result": "Xong"}
        )
        self.assertEqual(self._at(task, "2026-04-01").timeliness, "open_overdue")

    def test_no_deadline_is_split_done_and_open(self):
        task = self._assigned_task(self.agency, has_deadline="none")
        self.assertEqual(self._at(task, "2026-04-01").timeliness, "no_deadline_open")
        done = self._done_task("2026-03-31", "2026-03-01")
        done.sudo().write({"has_deadline": "none"})
        self.assertEqual(self._at(done, "2026-04-01").timeliness, "no_deadline_done")

    def test_cancelled_task_is_left_out(self):
        task = self._assigned_task(self.agency, deadline="2026-03-31")
        task.with_user(self.officer).action_cancel()
        self.assertEqual(self._at(task, "2026-04-03").timeliness, "excluded")

    def test_due_soon_counts_working_days_and_holidays(self):
        Task = self.env["directive.task"]
        # Thursday 12 Feb 2026: Friday 13, then the Tết holiday (14-22 Feb),
        # then Monday 23 and Tuesday 24 are the next working days.
        self.assertEqual(Task._due_soon_horizon(date(2026, 2, 12)), date(2026, 2, 24))
        task = self._assigned_task(self.agency, deadline="2026-02-24")
        self.assertTrue(self._at(task, "2026-02-12").is_due_soon)
        self.assertFalse(self._at(task, "2026-02-11").is_due_soon)

    def test_due_soon_threshold_is_a_setting(self):
        self.env["ir.config_parameter"].set_param("directive_tracking.due_soon_days", 1)
        task = self._assigned_task(self.agency, deadline="2026-03-05")
        self.assertFalse(self._at(task, "2026-03-03").is_due_soon)
        self.assertTrue(self._at(task, "2026-03-04").is_due_soon)

    def test_changing_a_threshold_recomputes_every_task_at_once(self):
        with freeze_time("2026-03-02"):  # a Monday
            task = self._assigned_task(self.agency, deadline="2026-03-06")
            self.assertFalse(task.is_due_soon)  # 4 working days ahead
            settings = self.env["res.config.settings"].create({})
            settings.directive_due_soon_days = 5
            settings.execute()
            self.assertTrue(task.is_due_soon)
            self.assertEqual(
                self.env["directive.task"]._timeliness_stored_on(), date(2026, 3, 2)
            )

    def test_categories_follow_vietnam_date_whatever_the_user_time_zone(self):
        # 20:00 UTC on 2 March is 03:00 on 3 March in Vietnam.
        with freeze_time("2026-03-02 20:00:00"):
            task = self._assigned_task(self.agency, deadline="2026-03-02")
            task.with_context(tz="UTC")._refresh_timeliness()
            self.assertEqual((task.timeliness, task.days_overdue), ("open_overdue", 1))

    def test_task_not_updated_for_n_days_is_flagged(self):
        self.env["ir.config_parameter"].set_param("directive_tracking.stale_days", 10)
        task = self._assigned_task(self.agency, deadline="2026-12-31")
        task.sudo().assign_date = "2026-03-01"
        self.assertFalse(self._at(task, "2026-03-11").is_stale)
        self.assertTrue(self._at(task, "2026-03-12").is_stale)
        self.env["directive.task.update"].create(
            {
                "task_id": task.id,
                "note": "Tiến độ",
                "progress": 10,
                "date": "2026-03-12",
            }
        )
        self.assertFalse(self._at(task, "2026-03-12").is_stale)

    def test_not_started_is_kept_apart_from_in_progress(self):
        task = self._assigned_task(self.agency, deadline="2026-12-31")
        self.assertTrue(self._at(task, "2026-03-01").is_not_started)
        task.with_user(self.agency_staff).action_receive()
        self.assertFalse(task.is_not_started)
        self.assertEqual(task.state, "in_progress")

    def test_daily_refresh_updates_every_task(self):
        tasks = self._assigned_task(
            self.agency, deadline="2026-03-31"
        ) | self._assigned_task(self.commune, deadline="2026-04-30")
        self.env["directive.task"]._refresh_all_timeliness(date(2026, 4, 15))
        self.assertEqual(tasks.mapped("timeliness"), ["open_overdue", "open_within"])
        self.assertEqual(tasks.mapped("days_overdue"), [15, 0])
        self.assertEqual(
            self.env["directive.task"]._timeliness_stored_on(), date(2026, 4, 15)
        )
