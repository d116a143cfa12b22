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
