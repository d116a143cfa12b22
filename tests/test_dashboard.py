from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..models.directive_report_line import CATEGORY_FIELDS
from .common import RpcMixin
from .report_common import CUTOFF, Q1, ReportCase


class DashboardCase(ReportCase):
    """The leaders' dashboard on the fixed dataset, judged on 15 April."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The dashboard shows the tasks as stored by the daily refresh.
        cls.env["directive.task"]._refresh_all_timeliness(CUTOFF)

    def _data(self, user=None, period=None, **kwargs):
        period = Q1 if period is None else period
        Dashboard = self.env["directive.dashboard"].with_user(user or self.leader)
        with freeze_time(CUTOFF):
            return Dashboard.get_dashboard_data(period=period, **kwargs)

    def _open(self, user=None, period=None, **kwargs):
        period = Q1 if period is None else period
        Dashboard = self.env["directive.dashboard"].with_user(user or self.leader)
        with freeze_time(CUTOFF):
            return Dashboard.open_tasks(period=period, **kwargs)

    def _tasks_behind(self, action):
        return self.env["directive.task"].search(action["domain"])

    @staticmethod
    def _tiles(data):
        return {tile["key"]: tile["count"] for tile in data["tiles"]}


@tagged("post_install", "-at_install")
class TestDashboard(DashboardCase):
    def test_totals_by_category(self):
        self.assertEqual(
            self._tiles(self._data()),
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

    def _rate_texts(self):
        Dashboard = (
            self.env["directive.dashboard"]
            .with_user(self.leader)
            .with_context(lang="vi_VN")
        )
        with freeze_time(CUTOFF):
            data = Dashboard.get_dashboard_data(period=Q1)
        return {rate["key"]: rate["text"] for rate in data["rates"]}

    def test_dashboard_prints_rates_as_the_reports(self):
        # 4 ÷ 6, 2 ÷ 6, 4 ÷ 11, 2 ÷ 4: two decimals, half up, comma.
        self.assertEqual(
            self._rate_texts(),
            {
                "rate_completion": "66,67%",
                "rate_overdue": "33,33%",
                "rate_done_share": "36,36%",
                "rate_on_time": "50,00%",
            },
        )

    def test_rates_follow_the_decimals_setting(self):
        self.env["ir.config_parameter"].set_param("directive_tracking.rate_digits", "1")
        self.assertEqual(
            self._rate_texts(),
            {
                "rate_completion": "66,7%",
                "rate_overdue": "33,3%",
                "rate_done_share": "36,4%",
                "rate_on_time": "50,0%",
            },
        )

    def test_dashboard_and_summary_report_agree(self):
        tiles = self._tiles(self._data())
        total = self._report()._get_rows()[-2]
        self.assertEqual(total["line_type"], "total")
        for name in CATEGORY_FIELDS:
            self.assertEqual(tiles[name], total[name], name)

    def test_tiles_count_the_lead_tasks_when_units_coordinate(self):
        # A coordinating unit's part is Form 1's part B; the tiles stay the
        # lead units' figures (Form 1's total), not part B's total.
        self.env["directive.task.coordination"].create(
            {
                "task_id": self.a_within.id,
                "unit_id": self.agency_b.id,
                "deadline": "2026-03-15",
            }
        )
        tiles = self._tiles(self._data())
        self.assertEqual(tiles["total"], 11)
        self.assertEqual(tiles["open_within"], 3)

    def test_each_figure_opens_the_tasks_behind_it(self):
        expected = {
            "done_on_time": self.a_on_time + self.b_on_deadline_day,
            "done_late": self.a_late + self.d_late,
            "open_overdue": self.a_overdue + self.c_overdue,
            "not_started": self.a_overdue + self.c_office_within,
            "due_soon": self.b_to_confirm,
            "no_deadline_done": self.c_office_no_deadline,
        }
        for category, tasks in expected.items():
            action = self._open(category=category)
            self.assertEqual(action["res_model"], "directive.task")
            self.assertEqual(self._tasks_behind(action), tasks, category)
        tiles = self._tiles(self._data())
        for category in ("total", "done", "open", "open_within", "stale"):
            action = self._open(category=category)
            self.assertEqual(len(self._tasks_behind(action)), tiles[category], category)

    def test_units_are_ranked_by_the_headline_rate(self):
        # Completion rates: Sở Y tế 1/1, Phường An Lạc 1/1 (fewer tasks),
        # Sở Tài chính 2/3, Xã Hòa Bình 0/1.
        self.assertEqual(
            [
                (row["rank"], row["unit_id"], round(row["rate"], 4))
                for row in self._data()["ranking"]
            ],
            [
                (1, self.agency_b.id, 1.0),
                (2, self.commune_b.id, 1.0),
                (3, self.agency.id, 0.6667),
                (4, self.commune.id, 0.0),
            ],
        )

    def test_ranking_uses_the_headline_rate_of_the_settings(self):
        self.env["ir.config_parameter"].set_param(
            "directive_tracking.headline_rate", "assigned"
        )
        # Done ÷ all assigned: Phường An Lạc 1/1, Sở Y tế 1/2, Sở Tài chính
        # 2/5, Xã Hòa Bình 0/3.
        data = self._data()
        self.assertEqual(data["headline"]["key"], "rate_done_share")
        self.assertEqual(
            [row["unit_id"] for row in data["ranking"]],
            (self.commune_b + self.agency_b + self.agency + self.commune).ids,
        )

    def test_ranking_row_opens_the_tasks_of_its_unit(self):
        action = self._open(unit_id=self.commune.id)
        self.assertEqual(
            self._tasks_behind(action),
            self.c_overdue + self.c_office_within + self.c_office_no_deadline,
        )
        action = self._open(category="open_overdue", unit_id=self.commune.id)
        self.assertEqual(self._tasks_behind(action), self.c_overdue)

    def test_changing_the_scope_changes_the_figures(self):
        data = self._data(scope_unit_id=self.commune.id)
        self.assertEqual(self._tiles(data)["total"], 3)
        self.assertEqual([row["unit_id"] for row in data["ranking"]], self.commune.ids)
        self.assertEqual(data["scope"]["id"], self.commune.id)

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

    def test_monthly_trend_groups_twelve_months_up_to_the_period_end(self):
        trend = self._data()["trend"]
        self.assertEqual(len(trend["months"]), 12)
        self.assertEqual(trend["months"][-1], "2026-03-01")
        self.assertEqual(trend["labels"][-3:], ["01/2026", "02/2026", "03/2026"])
        by_month = [
            sum(column)
            for column in zip(*(s["data"] for s in trend["series"]), strict=True)
        ]
        # Assigned in January 4, February 4, March 3 (the draft and the
        # cancelled and transferred tasks are left out); December 2025 the
        # task assigned before the period.
        self.assertEqual(by_month[-4:], [1, 4, 4, 3])

    def test_a_trend_bar_opens_its_tasks(self):
        action = self._open(category="done_late", month="2026-03-01")
        self.assertEqual(self._tasks_behind(action), self.d_late)
        action = self._open(category="done_late", month="2026-01-01")
        self.assertEqual(self._tasks_behind(action), self.a_late)

    def test_period_kinds_come_from_the_period_code(self):
        data = self._data()
        [kinds] = [f for f in data["period_fields"] if f["name"] == "period_type"]
        mixin = self.env["directive.report.period.mixin"]
        self.assertEqual(
            [key for key, _label in kinds["options"]],
            [key for key, _label in mixin._fields["period_type"].selection],
        )
        self.assertEqual(
            (data["period"]["date_from"], data["period"]["date_to"]),
            ("2026-01-01", "2026-03-31"),
        )

    def test_the_dashboard_opens_on_the_current_year(self):
        with freeze_time("2026-04-15"):
            data = (
                self.env["directive.dashboard"]
                .with_user(self.leader)
                .get_dashboard_data()
            )
        self.assertEqual(data["period"]["period_type"], "year")
        self.assertEqual(data["period"]["period_year"], 2026)
        # The first quarter's 11 tasks, none assigned later in the year.
        self.assertEqual(self._tiles(data)["total"], 11)

    def test_a_bad_period_is_refused_with_a_message(self):
        for period in (
            {"period_type": "week"},
            {"period_year": "2026; DROP"},
            {"period_month": "13"},
            {"state": "done"},
            {
                "period_type": "custom",
                "date_from": "2026-04-01",
                "date_to": "2026-01-01",
            },
        ):
            with self.subTest(period=period), self.assertRaises(UserError):
                self._data(period=period)
        for where in (
            {"category": "everything"},
            {"category": ["total"]},
            {"month": "last year"},
            {"month": 202603},
            {"unit_id": "1 OR 1=1"},
            {"domain": [(1, "=", 1)]},
        ):
            with self.subTest(where=where), self.assertRaises(UserError):
                self._open(**where)

    def test_a_unit_account_sees_its_own_subtree_only(self):
        data = self._data(user=self.commune_admin)
        self.assertEqual(data["scope"]["id"], self.commune.id)
        self.assertFalse(data["province_wide"])
        self.assertEqual(self._tiles(data)["total"], 3)
        self.assertEqual([row["unit_id"] for row in data["ranking"]], self.commune.ids)
        for unit in (self.agency, self.province, self.commune_b):
            with self.subTest(unit=unit.name), self.assertRaises(AccessError):
                self._data(user=self.commune_admin, scope_unit_id=unit.id)
            with self.subTest(unit=unit.name), self.assertRaises(AccessError):
                self._open(user=self.commune_admin, unit_id=unit.id)

    def test_a_unit_account_narrows_to_a_unit_below_it(self):
        data = self._data(user=self.commune_admin, scope_unit_id=self.commune_office.id)
        self.assertEqual(self._tiles(data)["total"], 2)

    def test_accounts_outside_the_units_do_not_open_the_dashboard(self):
        outsider = new_test_user(self.env, login="outsider", groups="base.group_user")
        with self.assertRaises(AccessError):
            self._data(user=outsider)

    def test_dashboard_data_in_a_few_queries(self):
        Dashboard = self.env["directive.dashboard"].with_user(self.leader)
        with freeze_time(CUTOFF):
            Dashboard.get_dashboard_data(period=Q1)
            self.env.invalidate_all()
            # Form 1's query, the trend's grouped read, and the working
            # calendar (its time zone gives Vietnam's date: two reads and,
            # when not cached, its record rules); settings and groups are
            # cached. Whatever the number of tasks and units.
            with self.assertQueryCount(5):
                Dashboard.get_dashboard_data(period=Q1)


@tagged("post_install", "-at_install")
class TestDashboardRpc(RpcMixin, DashboardCase, HttpCase):
    """The dashboard as the browser calls it: a commune's account gets its
    own subtree, whatever it sends."""

    def setUp(self):
        super().setUp()
        # new_test_user sets the password to the login.
        self.authenticate("commune_admin", "commune_admin")

    def _call(self, method, **kwargs):
        return self._call_kw("directive.dashboard", method, [], kwargs)

    def test_commune_account_gets_its_subtree_over_rpc(self):
        reply = self._call("get_dashboard_data", period=Q1)
        data = reply["result"]
        self.assertEqual(data["scope"]["id"], self.commune.id)
        self.assertEqual(self._tiles(data)["total"], 3)
        self.assertEqual([row["unit_id"] for row in data["ranking"]], self.commune.ids)

    def test_commune_trend_counts_its_subtree_only(self):
        data = self._call("get_dashboard_data", period=Q1)["result"]
        by_month = [
            sum(column)
            for column in zip(
                *(s["data"] for s in data["trend"]["series"]), strict=True
            )
        ]
        # The quarter's three months hold the commune's three tasks, none
        # of the agency's or the province's.
        self.assertEqual(by_month[-3:], [1, 1, 1])
        self.assertEqual(sum(by_month[-3:]), self._tiles(data)["total"])

    def test_commune_account_cannot_widen_the_scope_over_rpc(self):
        for unit in (self.agency, self.province):
            reply = self._call("get_dashboard_data", period=Q1, scope_unit_id=unit.id)
            self.assertEqual(
                reply["error"]["data"]["name"], "odoo.exceptions.AccessError"
            )
            reply = self._call("open_tasks", period=Q1, unit_id=unit.id)
            self.assertEqual(
                reply["error"]["data"]["name"], "odoo.exceptions.AccessError"
            )

    def test_report_query_is_not_callable_over_rpc(self):
        # The query reads every task of a scope without record rules: only
        # the report and the dashboard call it, with their checked scope.
        params = dict(Q1, cutoff="2026-04-15", company_id=self.env.company.id)
        reply = self._call_kw(
            "report.directive_tracking.report_directive_query",
            "rows_for",
            ["1", params],
        )
        self.assertRefused(reply)

    def test_figure_over_rpc_opens_only_visible_tasks(self):
        action = self._call("open_tasks", period=Q1, category="total")["result"]
        tasks = (
            self.env["directive.task"]
            .with_user(self.commune_admin)
            .search(action["domain"])
        )
        self.assertEqual(
            tasks, self.c_overdue + self.c_office_within + self.c_office_no_deadline
        )
