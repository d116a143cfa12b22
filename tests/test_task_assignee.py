from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import DirectiveCase, RpcMixin


class AssigneeCase(DirectiveCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency_staff_b = cls._user("agency_staff_b", "group_unit_staff", cls.agency)
        cls.task = cls._assigned_task(cls.agency, deadline="2026-12-31")
        cls.commune_task = cls._assigned_task(cls.commune, deadline="2026-12-31")

    def _assign(self, user, holder, unit=None, task=None, **vals):
        """``user`` makes ``holder`` hold ``task`` (the agency's by default)
        for ``unit`` (the task's lead unit by default)."""
        task = task or self.task
        return (
            self.env["directive.task.assignee"]
            .with_user(user)
            .create(
                {
                    "task_id": task.id,
                    "unit_id": (unit or task.lead_unit_id).id,
                    "user_id": holder.id,
                    **vals,
                }
            )
        )


@tagged("post_install", "-at_install")
class TestTaskAssignee(AssigneeCase):
    def _as_admin(self, holder, task=None, **vals):
        """The focal point of the task's lead unit assigns ``holder``."""
        task = task or self.task
        admin = self.agency_admin if task == self.task else self.commune_admin
        return self._assign(admin, holder, task=task, **vals)

    def test_focal_point_assigns_two_staff_with_shares(self):
        self._as_admin(self.agency_staff, share=60)
        self._as_admin(self.agency_staff_b, share=40, deadline="2026-12-20")
        self.assertEqual(sorted(self.task.assignee_ids.mapped("share")), [40, 60])
        self.assertEqual(self.task.assignee_ids.assigned_by_id, self.agency_admin)

    def test_shares_of_a_unit_cannot_exceed_100_percent(self):
        self._as_admin(self.agency_staff, share=60)
        with self.assertRaises(ValidationError):
            self._as_admin(self.agency_staff_b, share=50)

    def test_internal_deadline_cannot_be_after_the_units(self):
        with self.assertRaises(ValidationError):
            self._as_admin(self.agency_staff, deadline="2027-01-01")

    def test_internal_deadline_on_the_units_deadline_is_accepted(self):
        line = self._as_admin(self.agency_staff, deadline="2026-12-31")
        self.assertEqual(str(line.deadline), "2026-12-31")

    def test_only_staff_of_the_unit_can_hold_its_task(self):
        with self.assertRaises(ValidationError):
            self._as_admin(self.agency_b_staff)

    def test_staff_of_an_office_below_a_commune_holds_its_task(self):
        line = self._as_admin(self.commune_staff, task=self.commune_task)
        self.assertEqual(line.user_id, self.commune_staff)

    def test_staff_member_cannot_assign(self):
        with self.assertRaises(AccessError):
            self._assign(self.agency_staff, self.agency_staff)

    def test_staff_member_cannot_reassign(self):
        line = self._as_admin(self.agency_staff)
        with self.assertRaises(AccessError):
            line.with_user(self.agency_staff).write({"user_id": self.agency_staff_b.id})
        with self.assertRaises(AccessError):
            line.with_user(self.agency_staff).unlink()

    def test_focal_point_reassigns(self):
        line = self._as_admin(self.agency_staff)
        line.with_user(self.agency_admin).write({"user_id": self.agency_staff_b.id})
        self.assertEqual(line.user_id, self.agency_staff_b)

    def test_the_office_does_not_assign_a_units_staff(self):
        with self.assertRaises(AccessError):
            self._assign(self.officer, self.agency_staff)

    def test_another_units_focal_point_cannot_assign(self):
        with self.assertRaises(AccessError):
            self._assign(self.commune_admin, self.agency_staff)

    def test_unit_that_neither_leads_nor_coordinates_cannot_assign(self):
        with self.assertRaises(ValidationError):
            self._assign(self.commune_admin, self.commune_admin, unit=self.commune)

    def test_coordinating_unit_assigns_its_share(self):
        self.env["directive.task.coordination"].create(
            {
                "task_id": self.task.id,
                "unit_id": self.commune.id,
                "deadline": "2026-11-30",
            }
        )
        line = self._assign(
            self.commune_admin,
            self.commune_staff,
            unit=self.commune,
            deadline="2026-11-30",
        )
        self.assertEqual(line.unit_deadline.isoformat(), "2026-11-30")
        with self.assertRaises(ValidationError):
            line.with_user(self.commune_admin).write({"deadline": "2026-12-01"})

    def test_my_tasks_filter_lists_what_i_hold(self):
        self._as_admin(self.agency_staff)
        Task = self.env["directive.task"].with_user(self.agency_staff)
        self.assertEqual(Task.search([("is_mine", "=", True)]), self.task)
        other = self.env["directive.task"].with_user(self.agency_staff_b)
        self.assertFalse(other.search([("is_mine", "=", True)]))

    def test_commune_office_assignee_sees_and_reports_on_the_commune_task(self):
        self._as_admin(self.commune_staff, task=self.commune_task)
        task = self.commune_task.with_user(self.commune_staff)
        self.assertEqual(
            self.env["directive.task"]
            .with_user(self.commune_staff)
            .search([("id", "=", self.commune_task.id)]),
            self.commune_task,
        )
        self.assertTrue(task.can_report_progress)
        # Completion and extensions stay the commune's own.
        self.assertFalse(task.can_file)
        update = (
            self.env["directive.task.update"]
            .with_user(self.commune_staff)
            .create(
                {"task_id": task.id, "note": "Đã khảo sát hiện trạng", "progress": 30}
            )
        )
        self.assertEqual(update.author_id, self.commune_staff)
        self.assertEqual(self.commune_task.reported_progress, 30)

    def test_office_staff_not_holding_the_commune_task_does_not_see_it(self):
        self.assertFalse(
            self.env["directive.task"]
            .with_user(self.commune_staff)
            .search([("id", "=", self.commune_task.id)])
        )


@tagged("post_install", "-at_install")
class TestTaskAssigneeRpc(RpcMixin, AssigneeCase, HttpCase):
    """A staff member calling the ORM over JSON-RPC cannot assign, re-assign
    or drop the holders of a task."""

    def setUp(self):
        super().setUp()
        self.line = self._assign(self.agency_admin, self.agency_staff, share=50)
        self.authenticate("agency_staff", "agency_staff")

    rpc_refusals = ("odoo.exceptions.AccessError", "odoo.exceptions.ValidationError")

    @mute_logger("odoo.http")
    def test_staff_cannot_assign_over_rpc(self):
        reply = self._call_kw(
            "directive.task.assignee",
            "create",
            [
                {
                    "task_id": self.task.id,
                    "unit_id": self.agency.id,
                    "user_id": self.agency_staff_b.id,
                    "share": 50,
                }
            ],
        )
        self.assertRefused(reply)
        self.assertEqual(len(self.task.assignee_ids), 1)

    @mute_logger("odoo.http")
    def test_staff_cannot_reassign_or_raise_its_share_over_rpc(self):
        for vals in ({"user_id": self.agency_staff_b.id}, {"share": 100}):
            reply = self._write(self.line, vals)
            self.assertRefused(reply)
        self.assertEqual((self.line.user_id, self.line.share), (self.agency_staff, 50))

    @mute_logger("odoo.http")
    def test_staff_cannot_drop_an_assignee_over_rpc(self):
        reply = self._call_kw("directive.task.assignee", "unlink", [[self.line.id]])
        self.assertRefused(reply)
        self.assertTrue(self.line.exists())

    @mute_logger("odoo.http")
    def test_staff_cannot_assign_through_the_task_over_rpc(self):
        reply = self._write(
            self.task,
            {
                "assignee_ids": [
                    (
                        0,
                        0,
                        {
                            "unit_id": self.agency.id,
                            "user_id": self.agency_staff_b.id,
                        },
                    )
                ]
            },
        )
        self.assertRefused(reply)
        self.assertEqual(len(self.task.assignee_ids), 1)

    @mute_logger("odoo.http")
    def test_staff_cannot_forge_who_assigned_over_rpc(self):
        reply = self._write(self.line, {"assigned_by_id": self.agency_staff.id})
        self.assertRefused(reply)
        self.assertEqual(self.line.assigned_by_id, self.agency_admin)
