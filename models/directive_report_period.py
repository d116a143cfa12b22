from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .directive_task import EXCLUDED_STATES

PERIOD_TYPES = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("half", "Half-year"),
    ("nine", "Nine months"),
    ("year", "Year"),
    ("custom", "Custom"),
]
PERIOD_STYLES = [
    ("calendar", "Calendar periods"),
    ("decree09", "Decree 09/2019 periods (15th to 14th)"),
]
# Setting that picks the period style every new report, dashboard and
# scoring period starts with.
PERIOD_STYLE_PARAM = "directive_tracking.period_style"


def period_months(kind, number):
    """First and last month (1-12) of a period of the year: the month
    ``number``, the quarter ``number``, the half ``number``, the first nine
    months, the whole year."""
    if kind == "month":
        return number, number
    if kind == "quarter":
        return (number - 1) * 3 + 1, number * 3
    if kind == "half":
        return (1, 6) if number != 2 else (7, 12)
    if kind == "nine":
        return 1, 9
    if kind == "year":
        return 1, 12
    raise ValueError(f"unknown period kind {kind!r}")


def period_bounds(style, kind, year, number=1):
    """First and last day of a period: THE period rule, used by the reports,
    the dashboard and the scoring.

    Calendar periods run from the first day of their first month to the last
    day of their last month. Decree 09/2019/NĐ-CP periods run from the 15th
    of the month before their first month to the 14th of their last month
    (November is 15/10-14/11, the first quarter 15/12-14/3, the year
    15/12 of the previous year-14/12).
    """
    first, last = period_months(kind, int(number or 1))
    if style == "decree09":
        return (
            date(year, first, 15) - relativedelta(months=1),
            date(year, last, 14),
        )
    return date(year, first, 1), date(year, last, 1) + relativedelta(months=1, days=-1)


MEMBERSHIPS = [
    ("assigned", "Assigned in the period"),
    ("deadline", "Deadline in the period"),
]


def period_name(env, kind, year, last_month):
    """Name of the period of ``kind`` that ends in ``last_month`` of ``year``."""
    if kind == "month":
        return env._("Month %(month)s/%(year)s", month=last_month, year=year)
    if kind == "quarter":
        return env._(
            "Quarter %(quarter)s/%(year)s",
            quarter=(last_month - 1) // 3 + 1,
            year=year,
        )
    if kind == "half":
        if last_month <= 6:
            return env._("First half of %(year)s", year=year)
        return env._("Second half of %(year)s", year=year)
    if kind == "nine":
        return env._("Nine months of %(year)s", year=year)
    return env._("Year %(year)s", year=year)


class DirectiveReportPeriodMixin(models.AbstractModel):
    """The period, the task membership rule and the scope of a report.

    Shared by the report, its wizard and the leaders' dashboard so that the
    three choose the same tasks in the same way.
    """

    _name = "directive.report.period.mixin"
    _description = "Report period and scope"

    period_type = fields.Selection(
        PERIOD_TYPES, string="Period", required=True, default="month"
    )
    period_style = fields.Selection(
        PERIOD_STYLES,
        string="Period style",
        required=True,
        default=lambda self: self._default_period_style(),
    )
    period_year = fields.Integer(
        string="Year", default=lambda self: fields.Date.context_today(self).year
    )
    period_month = fields.Selection(
        [(str(month), str(month)) for month in range(1, 13)],
        string="Month",
        default=lambda self: str(fields.Date.context_today(self).month),
    )
    period_quarter = fields.Selection(
        [(str(quarter), str(quarter)) for quarter in range(1, 5)],
        string="Quarter",
        default=lambda self: str((fields.Date.context_today(self).month - 1) // 3 + 1),
    )
    period_half = fields.Selection(
        [("1", "First half"), ("2", "Second half")],
        string="Half-year",
        default=lambda self: "1" if fields.Date.context_today(self).month <= 6 else "2",
    )
    # Not required at the database level: a computed column is filled after
    # the row is inserted. The constraint below makes both mandatory.
    date_from = fields.Date(compute="_compute_period_dates", store=True, readonly=False)
    date_to = fields.Date(compute="_compute_period_dates", store=True, readonly=False)
    membership = fields.Selection(
        MEMBERSHIPS,
        string="Tasks of the period",
        required=True,
        default="assigned",
        help="Which tasks belong to the period: those assigned in it, or those "
        "whose deadline falls in it.",
    )
    scope_unit_id = fields.Many2one(
        "directive.unit",
        string="Scope",
        help="Only the tasks led by this unit and the units below it; empty for "
        "the whole province.",
    )

    @api.model
    def _default_period_style(self):
        # sudo: a setting every user's reports and scores start from.
        style = self.env["ir.config_parameter"].sudo().get_param(PERIOD_STYLE_PARAM)
        return style if style in dict(PERIOD_STYLES) else "calendar"

    @api.depends(
        "period_style",
        "period_type",
        "period_year",
        "period_month",
        "period_quarter",
        "period_half",
    )
    def _compute_period_dates(self):
        for record in self:
            bounds = record._period_bounds()
            if bounds:
                record.date_from, record.date_to = bounds
            elif not record.date_from:
                today = fields.Date.context_today(record)
                record.date_from = today.replace(day=1)
                record.date_to = today

    def _period_bounds(self):
        """First and last day of the chosen period, None for a custom one."""
        self.ensure_one()
        year = self.period_year
        if self.period_type == "custom" or not year or year < 1900:
            return None
        number = {
            "month": self.period_month,
            "quarter": self.period_quarter,
            "half": self.period_half,
        }.get(self.period_type)
        return period_bounds(
            self.period_style or "calendar", self.period_type, year, int(number or 1)
        )

    @api.constrains("date_from", "date_to")
    def _check_period_dates(self):
        for record in self:
            if not (record.date_from and record.date_to):
                raise ValidationError(
                    self.env._("Choose the first and last day of the period.")
                )
            if record.date_from > record.date_to:
                raise ValidationError(
                    self.env._("The period cannot end before it starts.")
                )

    def _period_label(self):
        """The period as printed in the report title."""
        self.ensure_one()
        if self.period_type == "custom":
            return self._period_range_label()
        # A Decree 09 period is named after the month it ends in (15/10-14/11
        # is November) and carries its dates.
        end = self.date_to
        label = period_name(self.env, self.period_type, end.year, end.month)
        if self.period_style == "decree09":
            return f"{label} ({self._period_range_label()})"
        return label

    def _period_range_label(self):
        return self.env._(
            "From %(date_from)s to %(date_to)s",
            date_from=self.date_from.strftime("%d/%m/%Y"),
            date_to=self.date_to.strftime("%d/%m/%Y"),
        )

    def _period_params(self):
        """The period, membership and scope as query parameters."""
        self.ensure_one()
        return {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "membership": self.membership,
            # The scope's subtree as a LIKE pattern on parent_path (digits
            # and slashes only): a literal lets PostgreSQL estimate the
            # units it covers, where a subquery made it plan for 50 units
            # and loop over the whole province (3.5x slower on Form 1).
            # sudo: the scope was checked when it was chosen; its path is
            # read without evaluating the units' rules again (one query).
            "scope_path": f"{self.scope_unit_id.sudo().parent_path or ''}%",
        }

    def _period_task_domain(self):
        """Domain of the tasks of the period and scope, as they stand today."""
        self.ensure_one()
        return self._membership_domain(self.date_from, self.date_to)

    def _counted_task_domain(self):
        """Domain of the tasks that count in the scope: not left out of the
        counts (EXCLUDED_STATES), a split task once, where it was assigned
        (README, "Split tasks")."""
        self.ensure_one()
        return [("state", "not in", EXCLUDED_STATES)] + self.env[
            "directive.task"
        ]._counted_once_domain(self.scope_unit_id)

    def _membership_date_field(self):
        """The task's date by which it belongs to a period (DESIGN §5)."""
        self.ensure_one()
        return "deadline" if self.membership == "deadline" else "assign_date"

    def _membership_domain(self, date_from, date_to):
        """Domain of the tasks that belong to the days ``date_from`` to
        ``date_to`` as the period counts them (assigned then, or with their
        deadline then), in the scope: the period's own bounds, or a month of
        the dashboard's trend."""
        self.ensure_one()
        date_field = self._membership_date_field()
        domain = [(date_field, ">=", date_from), (date_field, "<=", date_to)]
        if self.membership == "deadline":
            domain.insert(0, ("has_deadline", "=", "deadline"))
        if self.scope_unit_id:
            domain.append(("lead_unit_id", "child_of", self.scope_unit_id.id))
        return domain
