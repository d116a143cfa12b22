from odoo.tests import tagged

from .common import YEAR_REPORT, DirectiveCase
from .test_generate_data import load_tool

OPEN_DOMAIN = [
    ("state", "in", ("assigned", "in_progress", "to_confirm", "returned", "paused"))
]


@tagged("post_install", "-at_install")
class TestQueryCounts(DirectiveCase):
    """Budgets of queries of what the web client does all day.

    The counts do not depend on the number of tasks shown: a change that
    reads something per task (N+1) breaks them.  When a change legitimately
    needs more queries, update the budget in the same commit and say why.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.view_spec = staticmethod(load_tool("benchmark").view_spec)
        sources = [
            cls._source(number=f"{n}/UBND-TH", leader_id=cls.leader.id)
            for n in range(3)
        ]
        cls.tasks = cls.env["directive.task"]
        for n in range(12):
            task = cls._assigned_task(
                cls.agency,
                name=f"Nhiệm vụ {n}",
                source_id=sources[n % 3].id,
                deadline=f"2026-12-{n + 1:02d}",
                coordination_ids=[(0, 0, {"unit_id": cls.agency_b.id})]
                if n % 2
                else [],
            )
            cls.tasks |= task
        Update = cls.env["directive.task.update"].with_user(cls.agency_staff)
        for task in cls.tasks[:6]:
            Update.create(
                {"task_id": task.id, "note": "Đang thực hiện", "progress": 30}
            )

    def _warm_then_count(self, expected, call):
        """Run once to fill the caches of the registry, then count."""
        call()
        self.env.invalidate_all()
        with self.assertQueryCount(expected):
            call()

    def test_task_list_queries(self):
        Task = self.env["directive.task"].with_user(self.agency_staff)
        spec = self.view_spec(Task, "list")
        self.assertEqual(
            len(Task.web_search_read(OPEN_DOMAIN, spec, limit=80)["records"]), 12
        )
        self._warm_then_count(
            6,
            lambda: Task.web_search_read(
                OPEN_DOMAIN, spec, offset=0, limit=80, order="", count_limit=10001
            ),
        )

    def test_task_kanban_queries(self):
        # The 19.0 kanban reads its columns and the cards of the open ones in
        # one web_read_group, then the progress bars.
        Task = self.env["directive.task"].with_user(self.agency_staff)
        spec = self.view_spec(Task, "kanban")

        def load():
            result = Task.with_context(read_group_expand=True).web_read_group(
                OPEN_DOMAIN,
                ["state"],
                ["__count"],
                auto_unfold=True,
                opening_info=[],
                unfold_read_specification=spec,
                unfold_read_default_limit=40,
            )
            Task.read_progress_bar(
                OPEN_DOMAIN,
                "state",
                {"field": "timeliness", "colors": {"open_overdue": "danger"}},
            )
            return result

        cards = sum(len(group["__records"]) for group in load()["groups"])
        self.assertEqual(cards, 12)
        self._warm_then_count(10, load)

    def test_task_form_queries(self):
        task = self.tasks[1].with_user(self.agency_staff)
        spec = self.view_spec(task, "form")
        # 18: the form shows two more lists than when this was 17, each read
        # in one query: the staff holding the task (issue 18) and its result
        # documents in the DMS (issue 17).
        self._warm_then_count(18, lambda: task.web_read(spec))

    def test_report_progress_queries(self):
        Update = self.env["directive.task.update"].with_user(self.agency_staff)
        spec = self.view_spec(Update, "form")
        first, second = self.tasks[6:8]

        def report(task):
            return lambda: Update.web_save(
                {"task_id": task.id, "note": "Đã triển khai", "progress": 50}, spec
            )

        report(first)()
        self.env.invalidate_all()
        with self.assertQueryCount(27):
            report(second)()

    def test_form1_queries(self):
        report = (
            self.env["directive.report"]
            .with_user(self.officer)
            .create({**YEAR_REPORT, "scope_unit_id": self.agency.id})
        )
        rows = report.with_user(self.leader)._get_rows()
        self.assertEqual(
            next(r for r in rows if r["line_type"] == "total")["total"], 12
        )
        self._warm_then_count(11, report.with_user(self.leader)._get_rows)
