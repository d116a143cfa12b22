from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DirectiveCase


@tagged("post_install", "-at_install")
class TestTaskValidation(DirectiveCase):
    """Bad input is refused with a clear message and writes nothing."""

    def setUp(self):
        super().setUp()
        self.task = self._assigned_task(self.agency, deadline="2026-03-31")
        self.Task = self.env["directive.task"]

    def assertRefused(self, model, vals, *words):
        before = model.search_count([])
        with self.assertRaises(ValidationError) as caught:
            model.create(vals)
        for word in words:
            self.assertIn(word, str(caught.exception))
        self.assertEqual(model.search_count([]), before)
        return caught.exception

    def test_deadline_before_the_source_date_is_refused(self):
        source = self._source(issue_date="2026-02-01")
        self.assertRefused(
            self.Task,
            {
                "name": "Nhiệm vụ",
                "lead_unit_id": self.agency.id,
                "source_id": source.id,
                "deadline": "2026-01-15",
            },
            "15/01/2026",
            "01/02/2026",
        )

    def test_extension_date_not_after_the_current_deadline_is_refused(self):
        Extension = self.env["directive.task.extension"].with_user(self.agency_staff)
        for date in ("2026-03-31", "2026-03-01"):
            with self.subTest(date=date):
                self.assertRefused(
                    Extension,
                    {"task_id": self.task.id, "proposed_date": date, "reason": "Lý do"},
                    "31/03/2026",
                )

    def test_completion_without_a_result_is_refused(self):
        Completion = self.env["directive.task.completion"].with_user(self.agency_staff)
        self.assertRefused(Completion, {"task_id": self.task.id, "result": "   "})
        self.assertEqual(self.task.state, "assigned")

    def test_progress_outside_0_100_is_refused(self):
        Update = self.env["directive.task.update"].with_user(self.agency_staff)
        for progress in (-1, 101):
            with self.subTest(progress=progress):
                self.assertRefused(
                    Update,
                    {"task_id": self.task.id, "note": "Tiến độ", "progress": progress},
                    str(progress),
                )
        self.assertFalse(self.task.last_update_date)

    def test_progress_bounds_are_accepted(self):
        Update = self.env["directive.task.update"].with_user(self.agency_staff)
        for progress in (0, 100):
            Update.create(
                {"task_id": self.task.id, "note": "Tiến độ", "progress": progress}
            )
        self.assertEqual(self.task.progress, 100)

    def test_coordinating_unit_equal_to_lead_unit_is_refused(self):
        self.assertRefused(
            self.env["directive.task.coordination"],
            {"task_id": self.task.id, "unit_id": self.agency.id},
            self.agency.name,
        )

    def test_assigning_to_a_dissolved_unit_is_refused(self):
        self.agency_b.date_end = "2025-06-30"
        self.assertRefused(
            self.Task,
            {
                "name": "Nhiệm vụ",
                "lead_unit_id": self.agency_b.id,
                "deadline": "2026-03-31",
            },
            self.agency_b.name,
        )

    def test_deadline_kind_without_a_date_is_refused(self):
        self.assertRefused(
            self.Task, {"name": "Nhiệm vụ", "lead_unit_id": self.agency.id}
        )

    def test_a_document_needs_number_date_and_excerpt(self):
        self.assertRefused(
            self.env["directive.source"],
            {"source_type": "document", "number": "1/UBND"},
        )

    def test_a_meeting_conclusion_needs_meeting_and_date(self):
        self.assertRefused(
            self.env["directive.source"],
            {"source_type": "meeting", "meeting_name": "Giao ban"},
        )
