from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DirectiveCase


@tagged("post_install", "-at_install")
class TestTaskAssign(DirectiveCase):
    def _wizard(self, user, **vals):
        source = self._source()
        vals.setdefault("name", "Báo cáo kết quả thực hiện")
        vals.setdefault("deadline", "2026-06-30")
        return (
            self.env["directive.task.assign"]
            .with_user(user)
            .with_context(default_source_id=source.id)
            .create(vals)
        )

    def _run(self, wizard):
        # Assigned before the deadline, as a deadline never precedes its
        # assignment.
        with freeze_time("2026-03-02"):
            action = wizard.action_assign()
        return self.env["directive.task"].browse(action["domain"][0][2])

    def test_deadline_before_the_assignment_date_is_refused(self):
        wizard = self._wizard(self.clerk, unit_ids=[(6, 0, self.agency.ids)])
        before = self.env["directive.task"].search_count([])
        with freeze_time("2026-07-01"), self.assertRaises(ValidationError):
            wizard.action_assign()
        self.assertEqual(self.env["directive.task"].search_count([]), before)

    def test_clerk_assigns_one_task_to_many_units_in_one_go(self):
        units = self.env["directive.unit"]
        for i in range(30):
            units |= self._unit(f"Xã số {i}", f"T.X{i}", self.level_commune)
        tasks = self._run(self._wizard(self.clerk, unit_ids=[(6, 0, units.ids)]))
        self.assertEqual(len(tasks), 30)
        self.assertEqual(tasks.lead_unit_id, units)
        self.assertEqual(set(tasks.mapped("state")), {"assigned"})
        self.assertEqual(tasks.source_id.leader_id, self.leader)
        self.assertEqual(tasks.leader_id, self.leader)
        self.assertEqual(len(set(tasks.mapped("code"))), 30)

    def test_one_task_with_coordinating_units(self):
        wizard = self._wizard(
            self.officer,
            mode="coordinated",
            lead_unit_id=self.agency.id,
            unit_ids=[(6, 0, (self.agency | self.agency_b | self.commune).ids)],
        )
        task = self._run(wizard)
        self.assertEqual(len(task), 1)
        self.assertEqual(task.lead_unit_id, self.agency)
        self.assertEqual(task.coordination_ids.unit_id, self.agency_b | self.commune)
        self.assertEqual(set(task.coordination_ids.mapped("deadline")), {task.deadline})

    def test_coordinating_unit_sees_the_task(self):
        task = self._run(
            self._wizard(
                self.officer,
                mode="coordinated",
                lead_unit_id=self.agency.id,
                unit_ids=[(6, 0, self.commune.ids)],
            )
        )
        self.assertIn(
            task, self.env["directive.task"].with_user(self.commune_admin).search([])
        )
        self.assertNotIn(
            task, self.env["directive.task"].with_user(self.commune_b_admin).search([])
        )

    def test_assignment_needs_units(self):
        with self.assertRaises(UserError):
            self._wizard(self.clerk).action_assign()

    def test_unit_staff_cannot_assign(self):
        with self.assertRaises(AccessError):
            self._wizard(self.agency_staff, unit_ids=[(6, 0, self.commune.ids)])

    def test_source_lists_its_tasks(self):
        wizard = self._wizard(
            self.clerk, unit_ids=[(6, 0, (self.agency | self.commune).ids)]
        )
        tasks = self._run(wizard)
        self.assertEqual(wizard.source_id.task_ids, tasks)
        self.assertEqual(wizard.source_id.task_count, 2)
