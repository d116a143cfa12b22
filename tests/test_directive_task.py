from odoo.exceptions import ValidationError
from odoo.tests import tagged

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

    def test_kanban_progress_bars_count_only_the_own_subtree(self):
        tasks = (
            self._assigned_task(self.agency, deadline="2020-01-31")  # overdue
            | self._assigned_task(self.agency, deadline="2099-12-31")
            | self._assigned_task(self.commune, deadline="2099-12-31")
            | self._task(self.agency)  # draft
        )
        tasks[1].with_user(self.agency_staff).action_receive()
        bars = (
            self.env["directive.task"]
            .with_user(self.agency_staff)
            .read_progress_bar(
                [],
                "state",
                {
                    "field": "timeliness",
                    "colors": {"open_overdue": "danger", "open_within": "info"},
                },
            )
        )
        # The agency's staff sees its two open tasks, not the commune's.
        self.assertEqual(
            bars,
            {
                "assigned": {"open_overdue": 1, "open_within": 0},
                "in_progress": {"open_overdue": 0, "open_within": 1},
            },
        )

    def test_open_filter_lists_the_tasks_a_unit_still_works_on(self):
        draft = self._task(self.agency)
        assigned = self._assigned_task(self.agency)
        paused = self._assigned_task(self.agency)
        paused.with_user(self.officer).action_pause()
        cancelled = self._assigned_task(self.agency)
        cancelled.with_user(self.officer).action_cancel()
        tasks = draft | assigned | paused | cancelled
        Task = self.env["directive.task"]
        self.assertEqual(
            Task.search([("id", "in", tasks.ids), ("is_open", "=", True)]),
            assigned | paused,
        )
        self.assertEqual(
            Task.search([("id", "in", tasks.ids), ("is_open", "=", False)]),
            draft | cancelled,
        )
