from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import DirectiveCase

Q1 = {"period_type": "quarter", "period_year": 2026, "period_quarter": "1"}
# total, open within, open overdue, of which not started, done on time, late
KEYS = ("total", "open_within", "open_overdue", "not_started", "done_on_time")


@tagged("post_install", "-at_install")
class TestStateAtCutoff(DirectiveCase):
    """A report at cutoff D sees every task as it stood at D, whatever
    happened later: timelines built through the workflow, each event on its
    own day, read at a cutoff before and after it."""

    def _timeline_task(self, deadline="2026-03-31", assigned="2026-02-02"):
        return self._assigned_task(self.agency, assign_on=assigned, deadline=deadline)

    def _on(self, day, action, task, user=None):
        with freeze_time(day):
            getattr(task.with_user(user or self.officer), action)()

    def _update(self, task, day, progress=30):
        with freeze_time(day):
            self.env["directive.task.update"].with_user(self.agency_staff).create(
                {"task_id": task.id, "note": "Đang triển khai", "progress": progress}
            )

    def _figures(self, cutoff):
        report = self.env["directive.report"].create(
            dict(Q1, form="1", cutoff_date=cutoff)
        )
        total = report._get_rows()[-2]
        self.assertEqual(total["line_type"], "total")
        return tuple(total[key] for key in KEYS)

    def _task_row(self, cutoff, form="2"):
        report = self.env["directive.report"].create(
            dict(Q1, form=form, cutoff_date=cutoff)
        )
        rows = [row for row in report._get_rows() if row["line_type"] == "task"]
        return rows[0] if rows else None

    def test_task_cancelled_after_the_cutoff_counts_as_open_overdue_before(self):
        task = self._timeline_task()
        self._update(task, "2026-02-10")
        before = self._figures(date(2026, 4, 15))
        self._on("2026-04-20", "action_cancel", task)
        self.assertEqual(task.cancel_date, date(2026, 4, 20))
        self.assertEqual(before, (1, 0, 1, 0, 0))
        self.assertEqual(self._figures(date(2026, 4, 15)), before)
        self.assertEqual(self._figures(date(2026, 4, 25)), (0, 0, 0, 0, 0))

    def test_task_transferred_after_the_cutoff_counts_before(self):
        task = self._timeline_task()
        self._on("2026-04-20", "action_transfer", task)
        self.assertEqual(task.transfer_date, date(2026, 4, 20))
        # Never updated: overdue and not started at 15 April.
        self.assertEqual(self._figures(date(2026, 4, 15)), (1, 0, 1, 1, 0))
        self.assertEqual(self._figures(date(2026, 4, 20)), (0, 0, 0, 0, 0))

    def test_task_paused_after_the_cutoff_was_not_started_then(self):
        task = self._timeline_task(deadline="2026-05-31")
        self._on("2026-04-20", "action_pause", task)
        self.assertEqual(task.pause_date, date(2026, 4, 20))
        self.assertEqual(self._task_row(date(2026, 4, 15))["task_state"], "assigned")
        self.assertEqual(self._figures(date(2026, 4, 15)), (1, 1, 0, 1, 0))
        self.assertEqual(self._task_row(date(2026, 4, 25))["task_state"], "paused")
        self.assertEqual(self._figures(date(2026, 4, 25)), (1, 1, 0, 0, 0))

    def test_task_resumed_after_the_cutoff_was_paused_then(self):
        task = self._timeline_task(deadline="2026-05-31")
        self._on("2026-04-01", "action_pause", task)
        self._on("2026-04-20", "action_resume", task)
        self.assertEqual(task.resume_date, date(2026, 4, 20))
        self.assertEqual(self._task_row(date(2026, 3, 31))["task_state"], "assigned")
        self.assertEqual(self._task_row(date(2026, 4, 15))["task_state"], "paused")
        self.assertEqual(self._task_row(date(2026, 4, 25))["task_state"], "in_progress")
        self.assertEqual(self._figures(date(2026, 4, 25)), (1, 1, 0, 0, 0))

    def test_task_paused_twice_reads_each_pause_at_its_cutoffs(self):
        task = self._timeline_task(deadline="2026-06-30")
        self._update(task, "2026-02-10")
        self._on("2026-03-01", "action_pause", task)
        self._on("2026-03-10", "action_resume", task)
        self._on("2026-04-01", "action_pause", task)
        self._on("2026-04-20", "action_resume", task)
        for cutoff, state in (
            (date(2026, 2, 20), "in_progress"),
            (date(2026, 3, 5), "paused"),
            (date(2026, 3, 15), "in_progress"),
            (date(2026, 4, 5), "paused"),
            (date(2026, 4, 25), "in_progress"),
        ):
            with self.subTest(cutoff=cutoff):
                self.assertEqual(self._task_row(cutoff)["task_state"], state)

    def test_a_resumed_untouched_task_counts_as_started(self):
        task = self._timeline_task(deadline="2026-06-30")
        self._on("2026-03-01", "action_pause", task)
        self._on("2026-03-10", "action_resume", task)
        self.assertEqual(self._task_row(date(2026, 2, 20))["task_state"], "assigned")
        self.assertEqual(self._task_row(date(2026, 3, 15))["task_state"], "in_progress")

    def test_the_pauses_are_written_by_the_workflow_only(self):
        from odoo.exceptions import AccessError

        task = self._timeline_task()
        self._on("2026-03-01", "action_pause", task)
        pause = self.env["directive.task.pause"].search([("task_id", "=", task.id)])
        self.assertEqual((pause.date_from, pause.date_to), (date(2026, 3, 1), False))
        Pause = self.env["directive.task.pause"].with_user(self.officer)
        with self.assertRaises(AccessError):
            Pause.create({"task_id": task.id, "date_from": "2026-01-01"})
        with self.assertRaises(AccessError):
            pause.with_user(self.officer).write({"date_to": "2026-03-02"})
        with self.assertRaises(AccessError):
            pause.with_user(self.officer).unlink()

    def test_task_paused_then_cancelled_after_the_cutoff_was_paused_then(self):
        task = self._timeline_task()
        self._on("2026-03-01", "action_pause", task)
        self._on("2026-04-20", "action_cancel", task)
        self.assertEqual(self._task_row(date(2026, 4, 15))["task_state"], "paused")
        self.assertEqual(self._figures(date(2026, 4, 15)), (1, 0, 1, 0, 0))

    def test_task_completed_after_the_cutoff_was_open_then(self):
        task = self._timeline_task()
        self._update(task, "2026-02-10")
        before = self._figures(date(2026, 3, 25))
        with freeze_time("2026-03-30"):
            completion = (
                self.env["directive.task.completion"]
                .with_user(self.agency_staff)
                .create({"task_id": task.id, "result": "Đã hoàn thành"})
            )
        self._on("2026-04-02", "action_confirm", completion)
        self.assertEqual(before, (1, 1, 0, 0, 0))
        self.assertEqual(self._figures(date(2026, 3, 25)), before)
        # Filed by the deadline, confirmed after the cutoff: still open then.
        self.assertEqual(self._task_row(date(2026, 4, 1))["task_state"], "to_confirm")
        self.assertEqual(self._figures(date(2026, 4, 1)), (1, 0, 1, 0, 0))
        self.assertEqual(self._figures(date(2026, 4, 2)), (1, 0, 0, 0, 1))

    def test_extension_approved_after_the_cutoff_leaves_the_task_overdue_then(self):
        task = self._timeline_task()
        self._update(task, "2026-02-10")
        with freeze_time("2026-04-05"):
            extension = (
                self.env["directive.task.extension"]
                .with_user(self.agency_staff)
                .create(
                    {
                        "task_id": task.id,
                        "proposed_date": "2026-05-31",
                        "reason": "Chờ ý kiến Bộ",
                    }
                )
            )
        self._on("2026-04-10", "action_approve", extension, self.leader)
        self.assertEqual(self._figures(date(2026, 4, 8)), (1, 0, 1, 0, 0))
        self.assertEqual(self._figures(date(2026, 4, 10)), (1, 1, 0, 0, 0))

    def test_task_assigned_after_the_cutoff_is_not_in_the_report(self):
        self._timeline_task(deadline="2026-04-30", assigned="2026-03-20")
        self.assertEqual(self._figures(date(2026, 3, 19)), (0, 0, 0, 0, 0))
        self.assertEqual(self._figures(date(2026, 3, 20)), (1, 1, 0, 1, 0))

    def test_first_update_after_the_cutoff_leaves_the_task_not_started_then(self):
        task = self._timeline_task(deadline="2026-05-31")
        self._update(task, "2026-04-20")
        self.assertEqual(self._figures(date(2026, 4, 15)), (1, 1, 0, 1, 0))
        self.assertEqual(self._figures(date(2026, 4, 20)), (1, 1, 0, 0, 0))

    def test_urging_list_at_a_past_cutoff_keeps_a_task_cancelled_later(self):
        task = self._timeline_task()
        self._on("2026-04-20", "action_cancel", task)
        row = self._task_row(date(2026, 4, 15), form="3")
        self.assertEqual(
            (row["task_code"], row["timeliness"]), (task.code, "open_overdue")
        )

    def test_event_dates_are_refused_outside_the_workflow(self):
        from odoo.exceptions import AccessError

        task = self._timeline_task()
        for fname in ("pause_date", "resume_date", "cancel_date", "transfer_date"):
            with self.subTest(fname), self.assertRaises(AccessError):
                task.with_user(self.officer).write({fname: "2026-04-01"})


@tagged("post_install", "-at_install")
class TestEventDatesFromTracking(DirectiveCase):
    """Databases older than the event dates get them from the chatter's
    tracking of the task's state (migration 19.0.1.1.0)."""

    def test_backfill_reads_the_days_of_the_tracked_state_changes(self):
        Task = self.env["directive.task"].with_context(tracking_disable=False)
        task = Task.create(
            {
                "name": "Nhiệm vụ có lịch sử",
                "lead_unit_id": self.agency.id,
                "deadline": "2026-06-30",
                "officer_id": self.officer.id,
            }
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        # 18:00 UTC is already the next day in Vietnam.
        for moment, action in (
            ("2026-02-02 03:00:00", "action_assign"),
            ("2026-03-01 18:00:00", "action_pause"),
            ("2026-03-10 03:00:00", "action_resume"),
            ("2026-04-20 03:00:00", "action_cancel"),
        ):
            with freeze_time(moment):
                getattr(task.with_user(self.officer), action)()
                # The chatter writes its tracking when the transaction
                # commits: write it now, on that day.
                self.env.flush_all()
                self.env.cr.precommit.run()
        self.env.cr.execute(
            "UPDATE directive_task SET assign_date = NULL, pause_date = NULL,"
            " resume_date = NULL, cancel_date = NULL WHERE id = %s;"
            " DELETE FROM directive_task_pause WHERE task_id = %s",
            [task.id, task.id],
        )
        task.invalidate_recordset()
        # Four dates and one pause.
        self.assertEqual(self.env["directive.task"]._backfill_event_dates(), 5)
        self.assertEqual(
            (task.assign_date, task.pause_date, task.resume_date, task.cancel_date),
            (date(2026, 2, 2), date(2026, 3, 2), date(2026, 3, 10), date(2026, 4, 20)),
        )
        pause = self.env["directive.task.pause"].search([("task_id", "=", task.id)])
        self.assertEqual(
            (pause.date_from, pause.date_to), (date(2026, 3, 2), date(2026, 3, 10))
        )
        self.assertFalse(task.transfer_date)
        # Run again, it changes nothing.
        self.assertEqual(self.env["directive.task"]._backfill_event_dates(), 0)
