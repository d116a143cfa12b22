from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PERIOD_TYPES = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("half", "Half-year"),
    ("year", "Year"),
    ("custom", "Custom"),
]
MEMBERSHIPS = [
    ("assigned", "Assigned in the period"),
    ("deadline", "Deadline in the period"),
]


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

    @api.depends(
        "period_type", "period_year", "period_month", "period_quarter", "period_half"
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
        if self.period_type == "month":
            first_month, months = int(self.period_month or 1), 1
        elif self.period_type == "quarter":
            first_month, months = (int(self.period_quarter or 1) - 1) * 3 + 1, 3
        elif self.period_type == "half":
            first_month, months = (1 if self.period_half != "2" else 7), 6
        else:
            first_month, months = 1, 12
        start = date(year, first_month, 1)
        return start, start + relativedelta(months=months, days=-1)

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
        year = self.date_from.year
        if self.period_type == "month":
            return self.env._(
                "Month %(month)s/%(year)s", month=self.date_from.month, year=year
            )
        if self.period_type == "quarter":
            return self.env._(
                "Quarter %(quarter)s/%(year)s",
                quarter=(self.date_from.month - 1) // 3 + 1,
                year=year,
            )
        if self.period_type == "half":
            if self.date_from.month <= 6:
                return self.env._("First half of %(year)s", year=year)
            return self.env._("Second half of %(year)s", year=year)
        if self.period_type == "year":
            return self.env._("Year %(year)s", year=year)
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
            "scope_id": self.scope_unit_id.id or None,
        }

    def _period_task_domain(self):
        """Domain of the tasks of the period and scope, as they stand today."""
        self.ensure_one()
        if self.membership == "deadline":
            domain = [
                ("has_deadline", "=", "deadline"),
                ("deadline", ">=", self.date_from),
                ("deadline", "<=", self.date_to),
            ]
        else:
            domain = [
                ("assign_date", ">=", self.date_from),
                ("assign_date", "<=", self.date_to),
            ]
        if self.scope_unit_id:
            domain.append(("lead_unit_id", "child_of", self.scope_unit_id.id))
        return domain
