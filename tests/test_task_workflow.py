from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DirectiveCase


@tagged("post_install", "-at_install")
class TestTaskWorkflow(DirectiveCase):
    def setUp(self):
        super().setUp()
        self.task = self._assigned_task(self.agency, deadline="2026-03-31")

    def _update(self, user, task=None, date=None, **vals):
        vals.setdefault("note", "Đang triển khai")
        vals.setdefault("progress", 30)
        # The server dates the update: file it on that day.
        with freeze_time(date or fields.Date.today()):
            return (
                self.env["directive.task.update"]
                .with_user(user)
                .create({"task_id": (task or self.task).id, **vals})
            )

    def _complete(self, user, date, result="Đã hoàn thành"):
        # The server dates the report: file it on that day.
        with freeze_time(date):
            return (
                self.env["directive.task.completion"]
                .with_user(user)
                .create({"task_id": self.task.id, "result": result})
            )

    def test_assigning_keeps_the_original_deadline(self):
        self.assertEqual(self.task.state, "assigned")
        self.assertEqual(str(self.task.original_deadline), "2026-03-31")
        self.assertTrue(self.task.assign_date)

    def test_corrected_draft_deadline_is_the_original_one(self):
        task = self._task(
            self.agency, deadline="2026-03-31", officer_id=self.officer.id
        )
        task.deadline = "2026-04-30"
        with freeze_time("2026-03-02"):
            task.with_user(self.officer).action_assign()
        self.assertEqual(str(task.original_deadline), "2026-04-30")

    def test_focal_points_follow_assigned_task(self):
        self.assertIn(self.agency_admin.partner_id, self.task.message_partner_ids)

    def test_receiving_starts_the_task(self):
        self.assertTrue(self.task.is_not_started)
        self.task.with_user(self.agency_staff).action_receive()
        self.assertEqual(self.task.state, "in_progress")
        self.assertFalse(self.task.is_not_started)

    def test_progress_update_is_recorded_with_author_unit_and_date(self):
        update = self._update(
            self.agency_staff,
            date="2026-02-10",
            progress=40,
            difficulties="Thiếu kinh phí",
            proposals="Bổ sung dự toán",
        )
        self.assertEqual(update.author_id, self.agency_staff)
        self.assertEqual(update.unit_id, self.agency)
        self.assertEqual(str(self.task.last_update_date), "2026-02-10")
        self.assertEqual(self.task.progress, 40)
        self.assertEqual(self.task.difficulties, "Thiếu kinh phí")
        self.assertEqual(self.task.state, "in_progress")

    def test_unit_cannot_write_its_task_directly(self):
        with self.assertRaises(AccessError):
            self.task.with_user(self.agency_admin).write({"state": "done"})

    def test_other_unit_cannot_report_progress(self):
        with self.assertRaises(AccessError):
            self._update(self.agency_b_staff)

    def test_progress_updates_are_kept_forever(self):
        update = self._update(self.agency_staff)
        with self.assertRaises(AccessError):
            update.with_user(self.agency_staff).unlink()
        with self.assertRaises(UserError):
            update.unlink()

    def test_completion_report_awaits_confirmation(self):
        self._complete(self.agency_staff, "2026-03-20")
        self.assertEqual(self.task.state, "to_confirm")

    def test_confirmed_completion_dates_the_task_by_the_report(self):
        completion = self._complete(self.agency_staff, "2026-03-20")
        completion.with_user(self.officer).action_confirm()
        self.assertEqual(self.task.state, "done")
        self.assertEqual(str(self.task.completion_date), "2026-03-20")
        self.assertEqual(self.task.progress, 100)

    def test_returned_completion_does_not_stop_the_clock(self):
        first = self._complete(self.agency_staff, "2026-03-20")
        first.with_user(self.officer).return_reason = "Thiếu văn bản kết quả"
        first.with_user(self.officer).action_return()
        self.assertEqual(self.task.state, "returned")
        self._update(self.agency_staff, progress=90)
        self.assertEqual(self.task.state, "in_progress")
        second = self._complete(self.agency_staff, "2026-04-05")
        second.with_user(self.officer).action_confirm()
        self.assertEqual(str(self.task.completion_date), "2026-04-05")
        self.assertEqual(self.task.timeliness, "done_late")

    def test_unit_cannot_confirm_its_own_completion(self):
        completion = self._complete(self.agency_staff, "2026-03-20")
        with self.assertRaises(AccessError):
            completion.with_user(self.agency_admin).action_confirm()

    def test_office_officer_not_following_the_task_cannot_confirm(self):
        other_officer = self._user("officer2", "group_officer", self.office)
        completion = self._complete(self.agency_staff, "2026-03-20")
        with self.assertRaises(AccessError):
            completion.with_user(other_officer).action_confirm()

    def test_return_needs_a_reason(self):
        completion = self._complete(self.agency_staff, "2026-03-20")
        with self.assertRaises(UserError):
            completion.with_user(self.officer).action_return()

    def _ask_extension(self, date, user=None):
        return (
            self.env["directive.task.extension"]
            .with_user(user or self.agency_staff)
            .create(
                {
                    "task_id": self.task.id,
                    "proposed_date": date,
                    "reason": "Chờ ý kiến Bộ",
                }
            )
        )

    def test_approved_extension_moves_the_deadline_and_keeps_history(self):
        self._ask_extension("2026-04-30").with_user(self.leader).action_approve()
        self.assertEqual(str(self.task.deadline), "2026-04-30")
        self.assertEqual(str(self.task.previous_deadline), "2026-03-31")
        self.assertEqual(str(self.task.original_deadline), "2026-03-31")
        self.assertEqual(self.task.extension_count, 1)
        self._ask_extension("2026-05-31").with_user(self.leader).action_approve()
        self.assertEqual(str(self.task.previous_deadline), "2026-04-30")
        self.assertEqual(str(self.task.original_deadline), "2026-03-31")
        self.assertEqual(self.task.extension_count, 2)

    def test_refused_extension_keeps_the_deadline(self):
        extension = self._ask_extension("2026-04-30")
        extension.with_user(self.leader).refusal_reason = "Không có căn cứ"
        extension.with_user(self.leader).action_refuse()
        self.assertEqual(extension.state, "refused")
        self.assertEqual(str(self.task.deadline), "2026-03-31")
        self.assertEqual(self.task.extension_count, 0)

    def test_only_the_directing_leader_decides_extensions(self):
        other_leader = self._user("leader2", "group_leader", self.province)
        extension = self._ask_extension("2026-04-30")
        with self.assertRaises(AccessError):
            extension.with_user(other_leader).action_approve()
        with self.assertRaises(AccessError):
            extension.with_user(self.officer).action_approve()

    def test_extension_approved_after_the_deadline_keeps_overdue_days(self):
        with freeze_time("2026-04-10"):
            extension = self._ask_extension("2026-05-31")
            extension.with_user(self.leader).action_approve()
        self.assertEqual(self.task.overdue_days_recorded, 10)
        self.assertEqual(str(self.task.deadline), "2026-05-31")

    def test_coordinating_unit_reports_on_its_own_line(self):
        line = self.env["directive.task.coordination"].create(
            {
                "task_id": self.task.id,
                "unit_id": self.commune.id,
                "deadline": "2026-03-15",
            }
        )
        self._update(
            self.commune_admin, coordination_id=line.id, progress=70, date="2026-02-01"
        )
        self.assertEqual(line.progress, 70)
        self.assertEqual(str(line.last_update_date), "2026-02-01")
        self.assertFalse(self.task.last_update_date)
        self.assertEqual(self.task.state, "assigned")

    def test_office_pauses_resumes_and_cancels(self):
        task = self.task.with_user(self.officer)
        task.action_pause()
        self.assertEqual(task.state, "paused")
        task.action_resume()
        self.assertEqual(task.state, "in_progress")
        task.action_cancel()
        self.assertEqual(task.timeliness, "excluded")

    def test_done_task_cannot_be_paused(self):
        completion = self._complete(self.agency_staff, "2026-03-20")
        completion.with_user(self.officer).action_confirm()
        with self.assertRaises(UserError):
            self.task.with_user(self.officer).action_pause()

    def test_state_changes_are_tracked_in_the_chatter(self):
        task = self.task.with_context(tracking_disable=False)
        # End the setup's transaction work as a commit would, so that the
        # pause is tracked on its own.
        self.env.flush_all()
        self.env.cr.precommit.run()
        task.with_user(self.officer).action_pause()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = task.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "state"
        )
        self.assertTrue(tracked)
        self.assertEqual(tracked[0].create_uid, self.officer)


@tagged("post_install", "-at_install")
class TestTaskSplit(DirectiveCase):
    def setUp(self):
        super().setUp()
        self.parent = self._assigned_task(self.commune, deadline="2026-06-30")

    def _split(self, user, units):
        wizard = (
            self.env["directive.task.assign"]
            .with_user(user)
            .with_context(default_parent_task_id=self.parent.id)
            .create(
                {"name": "Phần việc của văn phòng", "unit_ids": [(6, 0, units.ids)]}
            )
        )
        # Split on the day the parent was assigned, before its deadline,
        # which the sub-tasks take.
        with freeze_time(self.parent.assign_date):
            action = wizard.action_assign()
        return self.env["directive.task"].browse(action["domain"][0][2])

    def test_unit_admin_splits_a_task_for_units_below(self):
        subtask = self._split(self.commune_admin, self.commune_office)
        self.assertEqual(subtask.parent_id, self.parent)
        self.assertEqual(subtask.state, "assigned")
        self.assertEqual(subtask.deadline, self.parent.deadline)

    def test_split_to_a_unit_outside_the_subtree_is_refused(self):
        with self.assertRaises(AccessError):
            self._split(self.commune_admin, self.commune_b_office)

    def test_split_to_the_lead_unit_itself_is_refused(self):
        with self.assertRaises(UserError):
            self._split(self.commune_admin, self.commune)

    def test_progress_rolls_up_to_the_parent(self):
        other_office = self._unit(
            "Phòng Kinh tế xã Hòa Bình", "T.10.2", self.level_office, self.commune
        )
        subtasks = self._split(self.commune_admin, self.commune_office | other_office)
        for subtask, progress in zip(subtasks, (40, 80), strict=True):
            self.env["directive.task.update"].create(
                {"task_id": subtask.id, "note": "Tiến độ", "progress": progress}
            )
        self.assertEqual(self.parent.progress, 60)
        self.assertEqual(self.parent.subtask_count, 2)
        self.assertEqual(self.parent.subtask_done_count, 0)

    def test_subtask_owner_sees_parent_content_but_not_siblings(self):
        other_office = self._unit(
            "Phòng Kinh tế xã Hòa Bình", "T.10.2", self.level_office, self.commune
        )
        sibling_user = self._user("econ_staff", "group_unit_staff", other_office)
        mine, sibling = self._split(
            self.commune_admin, self.commune_office | other_office
        )
        if mine.lead_unit_id != self.commune_office:
            mine, sibling = sibling, mine
        as_staff = mine.with_user(self.commune_staff)
        self.assertEqual(as_staff.parent_name, self.parent.name)
        visible = self.env["directive.task"].with_user(self.commune_staff).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(sibling, visible)
        self.assertNotIn(self.parent, visible)
        self.assertNotIn(
            mine, self.env["directive.task"].with_user(sibling_user).search([])
        )


@tagged("post_install", "-at_install")
class TestExtensionSelfApproval(DirectiveCase):
    def test_nobody_decides_on_their_own_extension_request(self):
        task = self._assigned_task(self.province, deadline="2026-03-31")
        extension = (
            self.env["directive.task.extension"]
            .with_user(self.leader)
            .create(
                {"task_id": task.id, "proposed_date": "2026-04-30", "reason": "Lý do"}
            )
        )
        with self.assertRaises(UserError):
            extension.with_user(self.leader).action_approve()
        self.assertEqual(str(task.deadline), "2026-03-31")
