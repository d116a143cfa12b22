from odoo.exceptions import AccessError
from odoo.tests import tagged

from .report_common import CATEGORY_FIELDS, CUTOFF, Q1, ReportCase


@tagged("post_install", "-at_install")
class TestDashboard(ReportCase):
    """The leaders' dashboard on the fixed dataset, judged on 15 April."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The dashboard shows the tasks as stored by the daily refresh.
        cls.env["directive.task"]._refresh_all_timeliness(CUTOFF)

    def _dashboard(self, user=None, **vals):
        Dashboard = self.env["directive.dashboard"].with_user(user or self.leader)
        return Dashboard.create(dict(Q1, cutoff_date=CUTOFF, **vals))

    def _tasks_behind(self, action):
        return self.env["directive.task"].search(action["domain"])

    def test_totals_by_category(self):
        dashboard = self._dashboard()
        self.assertEqual(
            {
                name: dashboard[f"count_{name}"]
                for name in CATEGORY_FIELDS + ("due_soon", "stale")
            },
            {
                "total": 11,
                "done": 4,
                "done_on_time": 2,
                "done_late": 2,
                "open": 5,
                "open_within": 3,
                "open_overdue": 2,
                "not_started": 2,
                "no_deadline_done": 1,
                "no_deadline_open": 1,
                "due_soon": 1,
                "stale": 5,
            },
        )
        self.assertAlmostEqual(dashboard.rate_completion, 4 / 6)
        self.assertAlmostEqual(dashboard.rate_overdue, 2 / 6)
        self.assertAlmostEqual(dashboard.rate_done_share, 4 / 11)
        self.assertAlmostEqual(dashboard.rate_on_time, 2 / 4)

    def test_dashboard_prints_rates_as_the_reports(self):
        dashboard = self._dashboard()
        # 4 ÷ 6, 2 ÷ 6, 4 ÷ 11, 2 ÷ 4: two decimals, half up, comma.
        self.assertEqual(
            (
                dashboard.rate_completion_text,
                dashboard.rate_overdue_text,
                dashboard.rate_done_share_text,
                dashboard.rate_on_time_text,
            ),
            ("66,67%", "33,33%", "36,36%", "50,00%"),
        )

    def test_dashboard_and_summary_report_agree(self):
        dashboard = self._dashboard()
        total = self._report()._get_rows()[-2]
        self.assertEqual(total["line_type"], "total")
        for name in ("total", "done", "open_within", "open_overdue", "not_started"):
            self.assertEqual(dashboard[f"count_{name}"], total[name], name)

    def test_each_figure_opens_the_tasks_behind_it(self):
        dashboard = self._dashboard()
        expected = {
            "done_on_time": self.a_on_time + self.b_on_deadline_day,
            "done_late": self.a_late + self.d_late,
            "open_overdue": self.a_overdue + self.c_overdue,
            "not_started": self.a_overdue + self.c_office_within,
            "due_soon": self.b_to_confirm,
            "no_deadline_done": self.c_office_no_deadline,
        }
        for category, tasks in expected.items():
            action = dashboard.with_context(
                dashboard_category=category
            ).action_open_tasks()
            self.assertEqual(action["res_model"], "directive.task")
            self.assertEqual(self._tasks_behind(action), tasks, category)
        for category in (
            "total",
            "done",
            "open",
            "open_within",
            "stale",
            "no_deadline_open",
        ):
            action = dashboard.with_context(
                dashboard_category=category
            ).action_open_tasks()
            self.assertEqual(
                len(self._tasks_behind(action)),
                dashboard[f"count_{category}"],
                category,
            )

    def test_units_are_ranked_by_the_headline_rate(self):
        # Completion rates: Sở Y tế 1/1, Phường An Lạc 1/1 (fewer tasks),
        # Sở Tài chính 2/3, Xã Hòa Bình 0/1.
        dashboard = self._dashboard()
        self.assertEqual(
            [
                (line.rank, line.unit_id, round(line.headline_value, 4))
                for line in dashboard.line_ids
            ],
            [
                (1, self.agency_b, 1.0),
                (2, self.commune_b, 1.0),
                (3, self.agency, 0.6667),
                (4, self.commune, 0.0),
            ],
        )

    def test_ranking_uses_the_headline_rate_of_the_settings(self):
        self.env["ir.config_parameter"].set_param(
            "directive_tracking.headline_rate", "assigned"
        )
        # Done ÷ all assigned: Phường An Lạc 1/1, Sở Y tế 1/2, Sở Tài chính
        # 2/5, Xã Hòa Bình 0/3.
        dashboard = self._dashboard()
        self.assertEqual(
            dashboard.line_ids.mapped("unit_id"),
            self.commune_b + self.agency_b + self.agency + self.commune,
        )

    def test_ranking_row_opens_the_tasks_of_its_unit(self):
        dashboard = self._dashboard()
        line = dashboard.line_ids.filtered(lambda row: row.unit_id == self.commune)
        self.assertEqual(
            self._tasks_behind(line.action_open_tasks()),
            self.c_overdue + self.c_office_within + self.c_office_no_deadline,
        )

    def test_changing_the_scope_refreshes_the_figures(self):
        dashboard = self._dashboard()
        dashboard.write({"scope_unit_id": self.commune.id})
        self.assertEqual(dashboard.count_total, 3)
        self.assertEqual(dashboard.line_ids.mapped("unit_id"), self.commune)

    def test_analysis_view_counts_the_same_tasks(self):
        Analysis = self.env["directive.task.report"].with_user(self.leader)
        domain = [
            ("assign_date", ">=", "2026-01-01"),
            ("assign_date", "<=", "2026-03-31"),
        ]
        [(total, done, overdue, not_started)] = Analysis._read_group(
            domain,
            [],
            [
                "task_count:sum",
                "done_count:sum",
                "overdue_count:sum",
                "not_started_count:sum",
            ],
        )
        self.assertEqual((total, done, overdue, not_started), (11, 4, 2, 2))
        by_unit = dict(
            Analysis._read_group(domain, ["row_unit_id"], ["task_count:sum"])
        )
        self.assertEqual(by_unit[self.commune], 3)

    def test_monthly_trend_groups_the_period_by_month(self):
        action = self._dashboard().action_open_trend()
        self.assertEqual(action["res_model"], "directive.task.report")
        self.assertEqual(action["context"]["graph_groupbys"][0], "assign_date:month")
        trend = dict(
            self.env["directive.task.report"]._read_group(
                action["domain"], ["assign_date:month"], ["task_count:sum"]
            )
        )
        self.assertEqual(sorted(trend.values()), [3, 4, 4])

    def test_units_do_not_open_the_dashboard(self):
        with self.assertRaises(AccessError):
            self._dashboard(user=self.agency_staff)
        with self.assertRaises(AccessError):
            self.env["directive.task.report"].with_user(self.agency_staff).search([])
