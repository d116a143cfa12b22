from odoo import Command, api, fields, models

from ..models.directive_report import HEADLINE_FIELD, HEADLINE_RATES
from ..models.directive_report_line import REPORT_BLOCKS, rates
from ..models.directive_task import EXCLUDED_STATES

# Dashboard figure -> domain of the tasks behind it (on top of the period).
CATEGORY_DOMAINS = {
    "total": [],
    "done": [("timeliness", "in", ("done_on_time", "done_late"))],
    "done_on_time": [("timeliness", "=", "done_on_time")],
    "done_late": [("timeliness", "=", "done_late")],
    "open": [("timeliness", "in", ("open_within", "open_overdue"))],
    "open_within": [("timeliness", "=", "open_within")],
    "open_overdue": [("timeliness", "=", "open_overdue")],
    "not_started": [
        ("timeliness", "in", ("open_within", "open_overdue")),
        ("is_not_started", "=", True),
    ],
    "no_deadline_done": [("timeliness", "=", "no_deadline_done")],
    "no_deadline_open": [("timeliness", "=", "no_deadline_open")],
    "due_soon": [("is_due_soon", "=", True)],
    "stale": [("is_stale", "=", True)],
}
# Fields the ranking depends on: changing one of them rebuilds it.
RANKING_INPUTS = {
    "period_type",
    "period_year",
    "period_month",
    "period_quarter",
    "period_half",
    "date_from",
    "date_to",
    "membership",
    "scope_unit_id",
}


class DirectiveDashboard(models.TransientModel):
    """Leaders' dashboard: the tasks of a period and scope by category as
    they stand today, each figure opening its tasks, and the units ranked by
    the headline rate."""

    _name = "directive.dashboard"
    _inherit = ["directive.report.period.mixin"]
    _description = "Leaders' dashboard"

    period_type = fields.Selection(default="year")
    cutoff_date = fields.Date(
        string="Figures at", default=fields.Date.context_today, readonly=True
    )
    headline_rate = fields.Selection(
        HEADLINE_RATES,
        default=lambda self: self.env["directive.report"]._default_headline_rate(),
        readonly=True,
    )
    count_total = fields.Integer(string="Tasks", compute="_compute_counts")
    count_done = fields.Integer(string="Done", compute="_compute_counts")
    count_done_on_time = fields.Integer(string="On time", compute="_compute_counts")
    count_done_late = fields.Integer(string="Late", compute="_compute_counts")
    count_open = fields.Integer(string="Open", compute="_compute_counts")
    count_open_within = fields.Integer(
        string="Within deadline", compute="_compute_counts"
    )
    count_open_overdue = fields.Integer(string="Overdue", compute="_compute_counts")
    count_not_started = fields.Integer(string="Not started", compute="_compute_counts")
    count_no_deadline_done = fields.Integer(
        string="No deadline, done", compute="_compute_counts"
    )
    count_no_deadline_open = fields.Integer(
        string="No deadline, open", compute="_compute_counts"
    )
    count_due_soon = fields.Integer(string="Due soon", compute="_compute_counts")
    count_stale = fields.Integer(string="Not updated", compute="_compute_counts")
    rate_completion = fields.Float(
        string="Completion rate (done ÷ due)", compute="_compute_counts"
    )
    rate_overdue = fields.Float(
        string="Overdue rate (overdue ÷ due)", compute="_compute_counts"
    )
    rate_done_share = fields.Float(
        string="Done ÷ all assigned", compute="_compute_counts"
    )
    rate_on_time = fields.Float(string="On time ÷ done", compute="_compute_counts")
    # The rates as the reports print them (decimals setting, half up, comma).
    rate_completion_text = fields.Char(
        string="Completion rate (done ÷ due)", compute="_compute_counts"
    )
    rate_overdue_text = fields.Char(
        string="Overdue rate (overdue ÷ due)", compute="_compute_counts"
    )
    rate_done_share_text = fields.Char(
        string="Done ÷ all assigned", compute="_compute_counts"
    )
    rate_on_time_text = fields.Char(string="On time ÷ done", compute="_compute_counts")
    line_ids = fields.One2many(
        "directive.dashboard.line", "dashboard_id", string="Ranking of units"
    )

    def _task_domain(self, category="total"):
        self.ensure_one()
        return (
            self._period_task_domain()
            + [
                ("state", "not in", EXCLUDED_STATES),
                ("company_id", "=", self.env.company.id),
            ]
            + self.env["directive.task"]._counted_once_domain(self.scope_unit_id)
            + CATEGORY_DOMAINS[category]
        )

    @api.depends(*RANKING_INPUTS)
    def _compute_counts(self):
        Task = self.env["directive.task"]
        Report = self.env["directive.report"]
        for dashboard in self:
            counts = dict.fromkeys(CATEGORY_DOMAINS, 0)
            if dashboard.date_from and dashboard.date_to:
                groups = Task._read_group(
                    dashboard._task_domain(),
                    ["timeliness", "is_not_started", "is_due_soon", "is_stale"],
                    ["__count"],
                )
                for timeliness, not_started, due_soon, stale, count in groups:
                    counts["total"] += count
                    if timeliness in counts:
                        counts[timeliness] += count
                    if timeliness in ("open_within", "open_overdue") and not_started:
                        counts["not_started"] += count
                    counts["due_soon"] += count if due_soon else 0
                    counts["stale"] += count if stale else 0
            counts["done"] = counts["done_on_time"] + counts["done_late"]
            counts["open"] = counts["open_within"] + counts["open_overdue"]
            for category, count in counts.items():
                dashboard[f"count_{category}"] = count
            for fname, value in rates(counts).items():
                dashboard[fname] = value or 0.0
                dashboard[f"{fname}_text"] = Report._format_rate(value)

    # The ranking is stored on lines so that each can open its tasks; it is
    # rebuilt whenever the period or the scope changes.
    @api.model_create_multi
    def create(self, vals_list):
        dashboards = super().create(vals_list)
        dashboards._refresh_ranking()
        return dashboards

    def write(self, vals):
        res = super().write(vals)
        if RANKING_INPUTS & vals.keys():
            self._refresh_ranking()
        return res

    def _refresh_ranking(self):
        Report = self.env["directive.report"]
        for dashboard in self:
            params = dict(
                dashboard._period_params(),
                cutoff=dashboard.cutoff_date or fields.Date.context_today(self),
                company_id=self.env.company.id,
            )
            headline = HEADLINE_FIELD.get(dashboard.headline_rate, "rate_completion")
            units = [
                row
                for row in Report._rows_for("1", params)
                if row["line_type"] == "unit"
            ]
            for row in units:
                row.update(rates(row))
            # Units without any due task have no rate: they come last.
            units.sort(
                key=lambda row: (
                    row[headline] is None,
                    -(row[headline] or 0),
                    -row["total"],
                    row["name"],
                )
            )
            dashboard.line_ids = [Command.clear()] + [
                Command.create(
                    {
                        "rank": rank,
                        "unit_id": row["unit_id"],
                        "block": row["block"],
                        "total": row["total"],
                        "done": row["done"],
                        "open_overdue": row["open_overdue"],
                        "due": row["done"] + row["open_overdue"],
                        "has_rate": row[headline] is not None,
                        "headline_value": row[headline] or 0.0,
                        "headline_text": Report._format_rate(row[headline]),
                    }
                )
                for rank, row in enumerate(units, start=1)
            ]

    def action_refresh(self):
        self._refresh_ranking()
        return True

    def action_open_tasks(self):
        """The tasks behind the figure named in the context."""
        self.ensure_one()
        category = self.env.context.get("dashboard_category", "total")
        return self._open_tasks(self._task_domain(category), category)

    def _open_tasks(self, domain, category="total"):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "directive_tracking.directive_task_action"
        )
        labels = {
            "total": self.env._("Tasks of the period"),
            "done": self.env._("Done"),
            "done_on_time": self.env._("Done on time"),
            "done_late": self.env._("Done late"),
            "open": self.env._("Open"),
            "open_within": self.env._("Open, within deadline"),
            "open_overdue": self.env._("Open, overdue"),
            "not_started": self.env._("Not started"),
            "no_deadline_done": self.env._("No deadline, done"),
            "no_deadline_open": self.env._("No deadline, open"),
            "due_soon": self.env._("Due soon"),
            "stale": self.env._("Not updated"),
        }
        action.update(
            name=labels.get(category, action["name"]),
            domain=domain,
            context={},
            view_mode="list,form,kanban",
            views=[(False, "list"), (False, "form"), (False, "kanban")],
        )
        return action

    def _analysis_action(self, xml_id):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        domain = [("company_id", "=", self.env.company.id)]
        if self.membership == "deadline":
            domain += [
                ("deadline", ">=", self.date_from),
                ("deadline", "<=", self.date_to),
            ]
        else:
            domain += [
                ("assign_date", ">=", self.date_from),
                ("assign_date", "<=", self.date_to),
            ]
        if self.scope_unit_id:
            domain.append(("lead_unit_id", "child_of", self.scope_unit_id.id))
        action["domain"] = domain
        return action

    def action_open_trend(self):
        action = self._analysis_action(
            "directive_tracking.directive_task_report_action_trend"
        )
        month = "deadline" if self.membership == "deadline" else "assign_date"
        action["context"] = {
            "graph_groupbys": [f"{month}:month", "timeliness"],
            "graph_measure": "task_count",
        }
        return action

    def action_open_analysis(self):
        return self._analysis_action("directive_tracking.directive_task_report_action")


class DirectiveDashboardLine(models.TransientModel):
    """A unit in the dashboard ranking."""

    _name = "directive.dashboard.line"
    _description = "Dashboard ranking row"
    _order = "rank, id"

    dashboard_id = fields.Many2one(
        "directive.dashboard", required=True, ondelete="cascade", index=True
    )
    rank = fields.Integer()
    unit_id = fields.Many2one("directive.unit", string="Unit", readonly=True)
    block = fields.Selection(REPORT_BLOCKS, readonly=True)
    total = fields.Integer(string="Tasks", readonly=True)
    done = fields.Integer(readonly=True)
    open_overdue = fields.Integer(string="Overdue", readonly=True)
    due = fields.Integer(readonly=True, help="Done plus open overdue.")
    has_rate = fields.Boolean(readonly=True)
    headline_value = fields.Float(string="Headline rate", readonly=True)
    headline_text = fields.Char(string="Headline rate", readonly=True)

    def action_open_tasks(self):
        """The unit's tasks of the period (its sub-units included)."""
        self.ensure_one()
        dashboard = self.dashboard_id
        domain = dashboard._task_domain() + [
            ("lead_unit_id", "child_of", self.unit_id.id)
        ]
        return dashboard._open_tasks(domain)
