from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.web.models.models import Base as WebBase

from .common import DirectiveCase


@tagged("post_install", "-at_install")
class TestDirectiveTask(DirectiveCase):
    def test_task_gets_a_sequence_code(self):
        task = self._task(self.agency)
        self.assertRegex(task.code, r"^NV\d{4}-\d{6}$")

    def test_task_with_deadline_kind_needs_a_date(self):
        with self.assertRaises(ValidationError):
            self._task(self.agency, deadline=False)

    def test_no_deadline_is_an_explicit_choice(self):
        task = self._task(self.agency, has_deadline="none")
        self.assertFalse(task.deadline)

    def test_kanban_progress_bars_count_as_odoo_does(self):
        tasks = (
            self._assigned_task(self.agency, deadline="2020-01-31")  # overdue
            | self._assigned_task(self.agency, deadline="2099-12-31")
            | self._assigned_task(self.commune, deadline="2099-12-31")
            | self._task(self.agency)  # draft
        )
        tasks[1].with_user(self.agency_staff).action_receive()
        Task = self.env["directive.task"].with_user(self.agency_staff)
        progress_bar = {
            "field": "timeliness",
            "colors": {"open_overdue": "danger", "open_within": "info"},
        }
        ours = Task.read_progress_bar([], "state", progress_bar)
        # Odoo's generic implementation (web), called directly.
        self.assertEqual(
            ours,
            WebBase.read_progress_bar(Task, [], "state", progress_bar),
        )
        # The agency's staff sees its two open tasks, not the commune's.
        self.assertEqual(sum(sum(column.values()) for column in ours.values()), 2)
        for group_by in ("lead_unit_id", "has_deadline"):
            with self.subTest(group_by=group_by):
                self.assertEqual(
                    Task.read_progress_bar([], group_by, progress_bar),
                    WebBase.read_progress_bar(Task, [], group_by, progress_bar),
                )
