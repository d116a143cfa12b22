from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .directive_report_line import HEADLINE_FIELD, category_sum, rates
from .directive_task import CATEGORY_SUMS

# Dashboard figure -> domain of the tasks behind it (on top of the period).
# The stored categories of the task (timeliness and its flags) are the
# figures' home; Form 1 counts the same ones in SQL.
CATEGORY_DOMAINS = {
    "total": [],
    "done": [("timeliness", "in", CATEGORY_SUMS["done"])],
    "done_on_time": [("timeliness", "=", "done_on_time")],
    "done_late": [("timeliness", "=", "done_late")],
    "open": [("timeliness", "in", CATEGORY_SUMS["open"])],
    "open_within": [("timeliness", "=", "open_within")],
    "open_overdue": [("timeliness", "=", "open_overdue")],
    "not_started": [
        ("timeliness", "in", CATEGORY_SUMS["open"]),
        ("is_not_started", "=", True),
    ],
    "no_deadline_done": [("timeliness", "=", "no_deadline_done")],
    "no_deadline_open": [("timeliness", "=", "no_deadline_open")],
    "due_soon": [("is_due_soon", "=", True)],
    "stale": [("is_stale", "=", True)],
}
RATE_CATEGORIES = {
    "rate_completion": "done",
    "rate_overdue": "open_overdue",
    "rate_done_share": "done",
    "rate_on_time": "done_on_time",
}
# Months of the trend chart, ending with the period's last month.
TREND_MONTHS = 12
# Period fields the client may send; the scope comes apart.
SCOPE_FIELD = "scope_unit_id"


class DirectiveDashboard(models.AbstractModel):
    """Leaders' dashboard: the figures of a period and scope, computed on
    the server in one call for the OWL client action
    (``static/src/dashboard/``).

    The tiles and the ranking are the rows of Form 1 (the report builder's
    own query), the trend is the tasks grouped by month and category; every
    figure opens its tasks through :meth:`open_tasks`. Nothing is stored.
    """

    _name = "directive.dashboard"
    _inherit = ["directive.report.period.mixin"]
    _description = "Leaders' dashboard"

    period_type = fields.Selection(default="year")

    # ------------------------------------------------------------ public API
    # Read-only: Odoo serves it from the replica when there is one.
    @api.readonly
    @api.model
    def get_dashboard_data(self, period=None, scope_unit_id=None):
        """Everything the dashboard shows, for ``period`` (values of the
        period fields, the current period when empty) and the scope (a unit
        the caller may read; by default the whole province for leaders and
        the Office, the caller's own unit for the others)."""
        dashboard = self._dashboard(period, scope_unit_id)
        Report = self.env["directive.report"]
        # Vietnam's date, the daily refresh's: the stored categories are read
        # as they are (see report.directive_tracking.report_directive_query).
        today = self.env["directive.task"]._calendar_today()
        params = dict(
            dashboard._period_params(), cutoff=today, company_id=self.env.company.id
        )
        rows = self.env["report.directive_tracking.report_directive_query"].rows_for(
            "1", params
        )
        # The lead units' total; the coordinating units' part B follows it.
        total = next(row for row in rows if row["line_type"] == "total")
        headline = Report._default_headline_rate()
        headline_field = HEADLINE_FIELD.get(headline, "rate_completion")
        headline_labels = dict(
            Report._fields["headline_rate"]._description_selection(self.env)
        )
        return {
            "period": dashboard._period_values(),
            "period_label": dashboard._period_label(),
            "period_fields": self._period_field_options(),
            "scope": {
                "id": dashboard.scope_unit_id.id or False,
                "name": dashboard.scope_unit_id.display_name
                or self.env._("Whole province"),
            },
            "province_wide": self._is_province_wide(),
            "cutoff": fields.Date.to_string(today),
            "cutoff_label": today.strftime("%d/%m/%Y"),
            "headline": {
                "key": headline_field,
                "label": headline_labels.get(headline, ""),
            },
            "tiles": [
                {"key": key, "label": label, "count": total[key]}
                for key, label in self._tile_labels().items()
            ],
            "rates": [
                {
                    "key": key,
                    "label": label,
                    "text": Report._format_rate(value),
                    # A rate opens the tasks of its numerator.
                    "category": RATE_CATEGORIES[key],
                }
                for key, label, value in self._rate_items(total)
            ],
            "ranking": self._ranking(rows, headline_field),
            "blocks": Report._block_labels(),
            "trend": dashboard._trend(),
        }

    @api.readonly
    @api.model
    def open_tasks(self, period=None, scope_unit_id=None, category="total", **where):
        """The window action on the tasks behind one figure: ``category`` of
        the period and scope, narrowed to a ranking row (``unit_id``) or a
        month of the trend (``month``, "YYYY-MM-01")."""
        dashboard = self._dashboard(period, scope_unit_id)
        if not isinstance(category, str) or category not in CATEGORY_DOMAINS:
            raise UserError(self.env._("Unknown dashboard figure: %s", category))
        unknown = set(where) - {"unit_id", "month"}
        if unknown:
            raise UserError(
                self.env._("Unknown dashboard figure: %s", ", ".join(sorted(unknown)))
            )
        name = self._tile_labels().get(category) or self.env._("Tasks of the period")
        if where.get("month"):
            domain = dashboard._trend_domain(category, where["month"])
        else:
            domain = dashboard._task_domain(category)
        if where.get("unit_id"):
            unit = self._readable_unit(where["unit_id"])
            domain = domain + [("lead_unit_id", "child_of", unit.id)]
            name = f"{unit.display_name} – {name}"
        return self.env["directive.task"]._action_open_tasks(domain, name)

    # --------------------------------------------------------------- inputs
    @api.model
    def _is_province_wide(self):
        # Mirrors the groups of the rule directive_task_rule_province_read:
        # who reads every task may look at the whole province.
        user = self.env.user
        return user.has_group("directive_tracking.group_clerk") or user.has_group(
            "directive_tracking.group_leader"
        )

    @api.model
    def _readable_unit(self, unit_id):
        """The unit, if the caller may read it (the units' record rules: a
        unit account reads its own subtree only)."""
        if not isinstance(unit_id, int) or isinstance(unit_id, bool):
            raise UserError(self.env._("Choose a unit."))
        unit = self.env["directive.unit"].browse(unit_id).exists()
        if not unit:
            raise UserError(self.env._("This unit does not exist."))
        unit.check_access("read")
        return unit

    @api.model
    def _dashboard(self, period, scope_unit_id):
        """A record in memory holding the period and the scope, checked."""
        if not self.env.user.has_group("directive_tracking.group_unit_staff"):
            raise AccessError(
                self.env._("Only the accounts of the units open the dashboard.")
            )
        values = self._checked_period(period or {})
        if scope_unit_id:
            values[SCOPE_FIELD] = self._readable_unit(scope_unit_id).id
        elif not self._is_province_wide():
            # A unit's account looks at its own subtree, never the province.
            if not self.env.user.unit_id:
                raise AccessError(self.env._("Your account belongs to no unit."))
            values[SCOPE_FIELD] = self.env.user.unit_id.id
        defaults = self.default_get(list(self._period_input_fields()))
        dashboard = self.new(dict(defaults, **values))
        dashboard._check_period_dates()
        return dashboard

    @api.model
    def _period_input_fields(self):
        """The period fields of the mixin (kinds added to it show up)."""
        mixin = self.env["directive.report.period.mixin"]
        return [
            name
            for name, field in mixin._fields.items()
            if name not in (SCOPE_FIELD, "id")
            and field.type in ("selection", "integer", "date")
        ]

    @api.model
    def _checked_period(self, period):
        if not isinstance(period, dict):
            raise UserError(self.env._("The period is not valid."))
        allowed = self._period_input_fields()
        values = {}
        for name, value in period.items():
            if name not in allowed:
                raise UserError(self.env._("The period is not valid."))
            field = self._fields[name]
            if value in (None, False, ""):
                continue
            if field.type == "selection":
                keys = [key for key, _label in field._description_selection(self.env)]
                if value not in keys:
                    raise UserError(self.env._("The period is not valid."))
            elif field.type == "integer":
                if not isinstance(value, int) or not 1900 <= value <= 9999:
                    raise UserError(self.env._("The year is not valid."))
            elif field.type == "date":
                try:
                    value = fields.Date.to_date(value)
                except (ValueError, TypeError) as exc:
                    raise UserError(self.env._("The period is not valid.")) from exc
            values[name] = value
        if values.get("period_type") not in (None, "custom"):
            # The bounds of a named period come from the period code.
            values.pop("date_from", None)
            values.pop("date_to", None)
        return values

    def _period_values(self):
        self.ensure_one()
        values = {}
        for name in self._period_input_fields():
            value = self[name]
            values[name] = (
                fields.Date.to_string(value)
                if self._fields[name].type == "date"
                else value
            )
        return values

    @api.model
    def _period_field_options(self):
        """The switcher's choices: every selection of the period fields."""
        return [
            {
                "name": name,
                "type": self._fields[name].type,
                "label": self._fields[name]._description_string(self.env),
                "options": self._fields[name]._description_selection(self.env)
                if self._fields[name].type == "selection"
                else [],
            }
            for name in self._period_input_fields()
        ]

    # -------------------------------------------------------------- figures
    @api.model
    def _tile_labels(self):
        return {
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

    @api.model
    def _rate_items(self, row):
        labels = {
            "rate_completion": self.env._("Completion rate (done ÷ due)"),
            "rate_overdue": self.env._("Overdue rate (overdue ÷ due)"),
            "rate_done_share": self.env._("Done ÷ all assigned"),
            "rate_on_time": self.env._("On time ÷ done"),
        }
        values = rates(row)
        return [(key, label, values[key]) for key, label in labels.items()]

    @api.model
    def _ranking(self, rows, headline_field):
        """The unit rows of Form 1 ranked by the headline rate; units without
        any due task have no rate and come last."""
        units = [dict(row) for row in rows if row["line_type"] == "unit"]
        for row in units:
            row.update(rates(row))
        units.sort(
            key=lambda row: (
                row[headline_field] is None,
                -(row[headline_field] or 0),
                -row["total"],
                row["name"],
            )
        )
        return [
            {
                "rank": rank,
                "unit_id": row["unit_id"],
                "name": row["name"],
                "block": row["block"],
                "total": row["total"],
                "done": row["done"],
                "open_overdue": row["open_overdue"],
                "due": category_sum(row, "due"),
                "rate": row[headline_field],
                "rate_text": self.env["directive.report"]._format_rate(
                    row[headline_field]
                ),
            }
            for rank, row in enumerate(units, start=1)
        ]

    def _base_domain(self):
        # A split task counts once, where it was assigned (as in Form 1).
        return self._counted_task_domain() + [("company_id", "=", self.env.company.id)]

    def _task_domain(self, category="total"):
        """The tasks of the period and scope in ``category``, as they stand."""
        self.ensure_one()
        return (
            self._period_task_domain()
            + self._base_domain()
            + CATEGORY_DOMAINS[category]
        )

    def _trend_months(self):
        last = self.date_to.replace(day=1)
        return [last - relativedelta(months=n) for n in range(TREND_MONTHS - 1, -1, -1)]

    def _trend_domain(self, category, month):
        self.ensure_one()
        try:
            first = fields.Date.to_date(month).replace(day=1)
        except (ValueError, TypeError, AttributeError) as exc:
            raise UserError(self.env._("The month is not valid.")) from exc
        return (
            self._base_domain()
            + self._membership_domain(first, first + relativedelta(months=1, days=-1))
            + CATEGORY_DOMAINS[category]
        )

    def _trend(self):
        """Tasks by month (of assignment or deadline, as the period counts
        them) and category over the twelve months up to the period's end,
        in one grouped read under the caller's record rules."""
        self.ensure_one()
        months = self._trend_months()
        date_field = self._membership_date_field()
        domain = self._base_domain() + self._membership_domain(
            months[0], months[-1] + relativedelta(months=1, days=-1)
        )
        groups = self.env["directive.task"]._read_group(
            domain, [f"{date_field}:month", "timeliness"], ["__count"]
        )
        counts = {(month, timeliness): count for month, timeliness, count in groups}
        timeliness_labels = (
            self.env["directive.task"]
            ._fields["timeliness"]
            ._description_selection(self.env)
        )
        return {
            "months": [fields.Date.to_string(month) for month in months],
            "labels": [month.strftime("%m/%Y") for month in months],
            "series": [
                {
                    "key": key,
                    "label": label,
                    "data": [counts.get((month, key), 0) for month in months],
                }
                for key, label in timeliness_labels
                # Only the counted categories (not the left-out tasks').
                if key in CATEGORY_DOMAINS
            ],
        }
