from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DirectiveCase


@tagged("post_install", "-at_install")
class TestUnitTransfer(DirectiveCase):
    """A merged or dissolved unit hands its open work (and its accounts, if
    chosen) to its successor; the tasks keep their history (DESIGN §2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Phường An Lạc merges into a new ward, which has no account yet.
        cls.successor = cls._unit("Phường An Hòa", "T.12", cls.level_commune)
        cls.task_open = cls._task(cls.commune_b)
        cls.task_open.action_assign()
        cls.update = cls.env["directive.task.update"].create(
            {"task_id": cls.task_open.id, "note": "Đã triển khai", "progress": 40}
        )
        cls.task_draft = cls._task(cls.commune_b)
        cls.task_cancelled = cls._task(cls.commune_b)
        cls.task_cancelled.action_cancel()
        cls.task_coordinated = cls._task(cls.agency)
        cls.task_coordinated.action_assign()
        cls.coordination = cls.env["directive.task.coordination"].create(
            {"task_id": cls.task_coordinated.id, "unit_id": cls.commune_b.id}
        )

    def _transfer(self, env=None, **vals):
        env = env or self.env
        wizard = (
            env["directive.unit.transfer"]
            .with_user(self.manager)
            .create(
                {
                    "unit_id": self.commune_b.id,
                    "successor_id": self.successor.id,
                    **vals,
                }
            )
        )
        wizard.action_transfer()
        return wizard

    def _run_precommit(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_transfer_moves_open_and_draft_tasks_to_the_successor(self):
        self._transfer()
        self.assertEqual(self.task_open.lead_unit_id, self.successor)
        self.assertEqual(self.task_draft.lead_unit_id, self.successor)

    def test_transfer_leaves_closed_tasks_with_the_old_unit(self):
        self._transfer()
        self.assertEqual(self.task_cancelled.lead_unit_id, self.commune_b)

    def test_transfer_moves_coordination_to_the_successor(self):
        self._transfer()
        self.assertEqual(self.coordination.unit_id, self.successor)

    def test_transfer_keeps_coordination_where_the_successor_takes_part(self):
        task = self._task(self.successor)
        task.action_assign()
        line = self.env["directive.task.coordination"].create(
            {"task_id": task.id, "unit_id": self.commune_b.id}
        )
        self._transfer()
        self.assertEqual(line.unit_id, self.commune_b)
        self.assertEqual(task.lead_unit_id, self.successor)

    def test_transfer_keeps_the_unit_of_past_updates(self):
        self._transfer()
        self.assertEqual(self.update.unit_id, self.commune_b)

    def test_transfer_records_who_when_and_the_old_unit_on_the_task(self):
        env = self.env(context=dict(self.env.context, tracking_disable=False))
        # Tracking is written when a transaction commits, and skips records
        # created in the same transaction: close the one that made the tasks.
        self._run_precommit()
        before = fields.Datetime.now() - timedelta(seconds=1)
        self._transfer(env)
        self._run_precommit()
        tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "directive.task"),
                ("mail_message_id.res_id", "=", self.task_open.id),
                ("field_id.name", "=", "lead_unit_id"),
            ]
        )
        self.assertEqual(len(tracking), 1)
        self.assertEqual(tracking.old_value_char, self.commune_b.name)
        self.assertEqual(tracking.new_value_char, self.successor.name)
        message = tracking.mail_message_id
        self.assertEqual(message.author_id, self.manager.partner_id)
        self.assertGreaterEqual(message.date, before.replace(microsecond=0))
        note = self.task_open.message_ids.filtered(
            lambda m: self.commune_b.name in (m.body or "")
        )
        self.assertTrue(note, "the task's chatter names the closed unit")

    def test_transfer_moves_accounts_when_chosen(self):
        self._transfer(transfer_users=True)
        self.assertEqual(self.commune_b_admin.unit_id, self.successor)

    def test_transfer_leaves_accounts_when_not_chosen(self):
        self._transfer()
        self.assertEqual(self.commune_b_admin.unit_id, self.commune_b)

    def test_transfer_of_accounts_respects_the_successor_quota(self):
        # Xã Hòa Bình already has its one account.
        with self.assertRaises(ValidationError) as error:
            self._transfer(successor_id=self.commune.id, transfer_users=True)
        self.assertIn(self.commune.name, str(error.exception))

    def test_closed_unit_records_its_successor_and_last_day(self):
        closed_on = fields.Date.to_date("2026-07-01")
        self._transfer(date_end=closed_on)
        self.assertEqual(self.commune_b.successor_id, self.successor)
        self.assertEqual(self.commune_b.date_end, closed_on - timedelta(days=1))

    def test_dissolved_unit_refuses_new_tasks(self):
        self._transfer()
        with self.assertRaises(ValidationError):
            self._task(self.commune_b)

    def test_dissolved_unit_refuses_new_coordination(self):
        self._transfer()
        with self.assertRaises(ValidationError):
            self.env["directive.task.coordination"].create(
                {"task_id": self.task_coordinated.id, "unit_id": self.commune_b.id}
            )

    def test_successor_cannot_be_a_sub_unit_of_the_closed_unit(self):
        with self.assertRaises(UserError):
            self._transfer(successor_id=self.commune_b_office.id)

    def test_unit_cannot_close_before_it_started(self):
        self.commune_b.date_start = "2026-07-01"
        with self.assertRaises(UserError):
            self._transfer(date_end="2026-07-01")

    def test_only_system_administrators_transfer_a_unit(self):
        with self.assertRaises(AccessError):
            self.env["directive.unit.transfer"].with_user(self.commune_b_admin).create(
                {"unit_id": self.commune_b.id, "successor_id": self.successor.id}
            )
