from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.base.models.ir_cron import IrCron

from .common import DirectiveCase


@tagged("post_install", "-at_install")
class TestAccountWithoutEmail(DirectiveCase):
    """Commune accounts are often made for a post, not a person, and have no
    e-mail address: every step of the daily scenes works for them, with the
    chatter and notifications on (as in production), and what Odoo would
    send them by e-mail reaches them in Odoo's inbox instead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        accounts = (
            cls.leader
            | cls.officer
            | cls.clerk
            | cls.agency_admin
            | cls.agency_staff
            | cls.commune_admin
            | cls.commune_staff
        )
        accounts.write({"email": False})
        cls.task = cls._assigned_task(cls.commune, deadline="2026-03-31")

    def _as(self, user, model):
        return self.env[model].with_user(user)

    def _message_by(self, user, record):
        return self.env["mail.message"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("author_id", "=", user.partner_id.id),
            ]
        )

    def _update(self, user, task=None):
        return self._as(user, "directive.task.update").create(
            {
                "task_id": (task or self.task).id,
                "note": "Đang triển khai",
                "progress": 40,
            }
        )

    def _complete(self, user):
        return self._as(user, "directive.task.completion").create(
            {"task_id": self.task.id, "result": "Đã xong"}
        )

    def _ask_extension(self, user):
        return self._as(user, "directive.task.extension").create(
            {
                "task_id": self.task.id,
                "proposed_date": "2026-04-30",
                "reason": "Chờ ý kiến của tỉnh",
            }
        )

    # ----------------------------------------------------------- accounts
    def test_account_created_without_email_is_notified_in_odoo(self):
        self.level_office.account_quota = 2
        account = self._as(self.commune_admin, "res.users").create(
            {
                "name": "Cán bộ văn phòng xã",
                "login": "vanphong.hoabinh",
                "unit_id": self.commune_office.id,
                "group_ids": [(6, 0, self.env.ref("base.group_user").ids)],
            }
        )
        self.assertEqual(account.notification_type, "inbox")

    def test_clearing_an_email_moves_the_notifications_into_odoo(self):
        self.assertEqual(self.commune_b_admin.notification_type, "email")
        self.commune_b_admin.write({"email": False})
        self.assertEqual(self.commune_b_admin.notification_type, "inbox")

    def test_unit_admin_still_edits_an_account_notified_in_odoo(self):
        self.assertEqual(self.commune_staff.notification_type, "inbox")
        self.commune_staff.with_user(self.commune_admin).write(
            {"name": "Cán bộ một cửa", "phone": "0263 3822 111"}
        )
        self.assertEqual(self.commune_staff.name, "Cán bộ một cửa")

    # ------------------------------------------------------------ the unit
    def test_focal_point_without_email_receives_the_task(self):
        self.task.with_user(self.commune_admin).action_receive()
        self.assertEqual(self.task.state, "in_progress")

    def test_focal_point_without_email_reports_progress(self):
        update = self._update(self.commune_admin)
        self.assertEqual(update.author_id, self.commune_admin)
        self.assertEqual(self.task.reported_progress, 40)
        self.assertTrue(self._message_by(self.commune_admin, self.task))

    def test_staff_without_email_reports_progress_on_a_sub_task(self):
        wizard = (
            self._as(self.commune_admin, "directive.task.assign")
            .with_context(default_parent_task_id=self.task.id)
            .create(
                {
                    "name": "Phần việc của văn phòng",
                    "unit_ids": [(6, 0, self.commune_office.ids)],
                }
            )
        )
        # Split on the day the parent was assigned, before its deadline,
        # which the sub-task takes.
        with freeze_time(self.task.assign_date):
            subtask = self.env["directive.task"].browse(
                wizard.action_assign()["domain"][0][2]
            )
        self._update(self.commune_staff, subtask)
        self.assertTrue(self._message_by(self.commune_staff, subtask))
        self.assertEqual(self.task.progress, 40)

    def test_focal_point_without_email_reports_completion(self):
        self._complete(self.commune_admin)
        self.assertEqual(self.task.state, "to_confirm")
        self.assertTrue(self._message_by(self.commune_admin, self.task))

    def test_focal_point_without_email_asks_for_an_extension(self):
        extension = self._ask_extension(self.commune_admin)
        self.assertEqual(extension.state, "requested")
        self.assertTrue(self._message_by(self.commune_admin, self.task))

    # ------------------------------------------------ the Office, the leader
    def test_clerk_without_email_assigns_to_many_units(self):
        wizard = self._as(self.clerk, "directive.task.assign").create(
            {
                "name": "Rà soát thủ tục hành chính",
                "deadline": "2026-06-30",
                "unit_ids": [(6, 0, (self.commune | self.commune_b | self.agency).ids)],
            }
        )
        with freeze_time("2026-03-02"):
            tasks = self.env["directive.task"].browse(
                wizard.action_assign()["domain"][0][2]
            )
        self.assertEqual(set(tasks.mapped("state")), {"assigned"})
        self.assertIn(self.commune_admin.partner_id, tasks.message_partner_ids)

    def test_officer_without_email_confirms_a_completion(self):
        self._complete(self.commune_admin).with_user(self.officer).action_confirm()
        self.assertEqual(self.task.state, "done")
        self.assertTrue(self._message_by(self.officer, self.task))

    def test_officer_without_email_returns_a_completion(self):
        completion = self._complete(self.commune_admin).with_user(self.officer)
        completion.return_reason = "Thiếu báo cáo kết quả"
        completion.action_return()
        self.assertEqual(self.task.state, "returned")

    def test_leader_without_email_approves_an_extension(self):
        self._ask_extension(self.commune_admin).with_user(self.leader).action_approve()
        self.assertEqual(str(self.task.deadline), "2026-04-30")
        self.assertTrue(self._message_by(self.leader, self.task))

    def test_leader_without_email_refuses_an_extension(self):
        extension = self._ask_extension(self.commune_admin).with_user(self.leader)
        extension.refusal_reason = "Không có căn cứ"
        extension.action_refuse()
        self.assertEqual(extension.state, "refused")

    # ---------------------------------------------------------- daily job
    def _run_daily(self):
        with (
            freeze_time("2026-04-02"),
            patch.object(IrCron, "_commit_progress", lambda *a, **k: float("inf")),
        ):
            self.env["directive.task"]._cron_daily()

    def test_focal_point_without_email_gets_its_reminder_in_odoo(self):
        self._run_daily()
        reminders = self.env["mail.activity"].search(
            [("res_model", "=", "directive.task"), ("res_id", "=", self.task.id)]
        )
        self.assertEqual(reminders.user_id, self.commune_admin)

    def test_officer_without_email_gets_the_digest_in_odoo(self):
        self._run_daily()
        notification = self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", self.officer.partner_id.id),
                ("mail_message_id.subject", "ilike", "02/04/2026"),
            ]
        )
        self.assertEqual(notification.notification_type, "inbox")
        self.assertIn(self.commune.name, notification.mail_message_id.body)
