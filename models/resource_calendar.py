import re
from datetime import date, datetime, time, timedelta

import holidays
import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# First year of the public holidays computed into the calendar: the oldest
# tasks that a province still reports on.
FIRST_HOLIDAY_YEAR = 2015
# Years ahead of today that the calendar always holds.
HOLIDAY_YEARS_AHEAD = 10
# Last year computed into the calendar so far (ISO year).
HOLIDAYS_UNTIL_PARAM = "directive_tracking.holidays_until"
# The library names a day off that swaps a weekend day "Ngày nghỉ (thay cho
# ngày 26/04/2025)": that Saturday is then worked.
SUBSTITUTED_FROM = re.compile(r"thay cho ngày (\d{2})/(\d{2})/(\d{4})")
DAY_KINDS = [
    ("holiday", "Public holiday"),
    ("day_off", "Day off by decision"),
    ("working_day", "Working day by decision"),
]
# Kinds the Office enters from the Prime Minister's decision of each year.
DECISION_KINDS = ("day_off", "working_day")


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    @api.model
    def _directive_government_calendar(self):
        return self.env.ref(
            "directive_tracking.resource_calendar_vn_government",
            raise_if_not_found=False,
        )

    def _directive_day_sets(self, date_from, date_to):
        """Days off (public holidays and days off by decision) and days
        worked by decision (a swapped Saturday) between the two dates, in
        one query."""
        self.ensure_one()
        self._directive_ensure_holidays(date_to.year)
        days_off, worked = self._directive_known_days(date_from, date_to)
        # A decision that a day is worked wins over the day off it replaces.
        return days_off - worked, worked

    def _directive_holidays(self, date_from, date_to):
        """Dates of the calendar's days off between the two dates."""
        return self._directive_day_sets(date_from, date_to)[0]

    def _directive_add_working_days(self, start, count):
        """The date ``count`` working days after ``start``.

        Working days are the calendar's attendance weekdays that are not
        days off, and the days worked by decision.
        """
        self.ensure_one()
        weekdays = {int(day) for day in self.attendance_ids.mapped("dayofweek")}
        # Tết can close a whole week: look far enough ahead in one query.
        days_off, worked = self._directive_day_sets(
            start, start + timedelta(days=count * 2 + 30)
        )
        day = start
        while count > 0:
            day += timedelta(days=1)
            if day in worked or (day.weekday() in weekdays and day not in days_off):
                count -= 1
        return day

    # ------------------------------------------------------- public holidays
    @api.model
    def _directive_ensure_holidays(self, year):
        """Extend the computed holidays when a date beyond them is asked."""
        # sudo: a setting of the add-on's own bookkeeping.
        params = self.env["ir.config_parameter"].sudo()
        until = int(params.get_param(HOLIDAYS_UNTIL_PARAM, 0) or 0)
        if year > until:
            # sudo: any account's "due soon" may need next years' holidays;
            # only the computed public holidays are written.
            self.sudo()._directive_refresh_public_holidays(year + HOLIDAY_YEARS_AHEAD)

    @api.model
    def _directive_refresh_public_holidays(self, until_year=None):
        """Write Vietnam's public holidays from 2015 to ``until_year`` (by
        default 10 years ahead) into the government calendar, computed by
        the ``holidays`` library (Labour Code art. 112, lunar Tết and Hùng
        Kings' day, the day added to 2/9, the days off it knows to be
        swapped). Days already in the calendar are left as they are: run
        again, it changes nothing. Returns the number of lines created."""
        calendar = self._directive_government_calendar()
        if not calendar:
            return 0
        today = fields.Date.context_today(self)
        last = max(until_year or 0, today.year + HOLIDAY_YEARS_AHEAD)
        years = range(FIRST_HOLIDAY_YEAR, last + 1)
        computed = holidays.country_holidays("VN", years=years, language="vi")
        Leave = self.env["resource.calendar.leaves"]
        start, end = date(FIRST_HOLIDAY_YEAR - 1, 12, 1), date(last + 1, 1, 31)
        days_off, worked = calendar._directive_known_days(start, end)
        vals_list = []
        for day, name in sorted(computed.items()):
            if day not in days_off:
                vals_list.append(calendar._directive_day_vals(day, name, "holiday"))
                days_off.add(day)
            match = SUBSTITUTED_FROM.search(name)
            if match:
                swapped = date(int(match[3]), int(match[2]), int(match[1]))
                if swapped not in worked and swapped not in days_off:
                    vals_list.append(
                        calendar._directive_day_vals(
                            swapped,
                            self.env._(
                                "Working day (swapped for %s)",
                                day.strftime("%d/%m/%Y"),
                            ),
                            "working_day",
                        )
                    )
                    worked.add(swapped)
        Leave.create(vals_list)
        # sudo: the add-on's own bookkeeping, kept with the settings.
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(HOLIDAYS_UNTIL_PARAM, str(last))
        return len(vals_list)

    def _directive_known_days(self, date_from, date_to):
        """The days off and worked days the calendar already holds."""
        self.ensure_one()
        leaves = self.env["resource.calendar.leaves"].search_fetch(
            [
                ("calendar_id", "=", self.id),
                ("resource_id", "=", False),
                ("date_from", "<=", f"{date_to} 23:59:59"),
                ("date_to", ">=", f"{date_from} 00:00:00"),
            ],
            ["date_from", "date_to", "directive_day_kind"],
        )
        tz = pytz.timezone(self.tz or "UTC")
        days_off, worked = set(), set()
        for leave in leaves:
            target = worked if leave.directive_day_kind == "working_day" else days_off
            day = pytz.utc.localize(leave.date_from).astimezone(tz).date()
            last = pytz.utc.localize(leave.date_to).astimezone(tz).date()
            while day <= last:
                target.add(day)
                day += timedelta(days=1)
        return days_off, worked

    def _directive_day_vals(self, day, name, kind):
        self.ensure_one()
        return {
            "name": name,
            "calendar_id": self.id,
            "directive_day_kind": kind,
            "directive_day": day,
        }

    @api.model
    def _cron_directive_holidays(self):
        """Yearly job: keep ten years of holidays ahead."""
        self._directive_refresh_public_holidays()


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    directive_day_kind = fields.Selection(
        DAY_KINDS,
        string="Kind of day",
        help="Public holidays are computed from the Labour Code; the Office "
        "enters the days off and the days worked that the Prime Minister's "
        "decision of each year adds or swaps.",
    )
    directive_day = fields.Date(
        string="Day",
        compute="_compute_directive_day",
        inverse="_inverse_directive_day",
        store=True,
        readonly=False,
    )
    directive_decision = fields.Char(
        string="Decision",
        help="Number and date of the decision or notice, e.g. the Prime "
        "Minister's decision on the year's holidays.",
    )

    @api.model
    def _directive_tz(self, calendar=None):
        calendar = (
            calendar or self.env["resource.calendar"]._directive_government_calendar()
        )
        return pytz.timezone((calendar and calendar.tz) or "Asia/Ho_Chi_Minh")

    @api.depends("date_from", "calendar_id.tz")
    def _compute_directive_day(self):
        for leave in self:
            if leave.date_from:
                tz = leave._directive_tz(leave.calendar_id)
                leave.directive_day = (
                    pytz.utc.localize(leave.date_from).astimezone(tz).date()
                )
            else:
                leave.directive_day = False

    def _inverse_directive_day(self):
        for leave in self.filtered("directive_day"):
            leave.write(
                leave._directive_day_bounds(leave.directive_day, leave.calendar_id)
            )

    @api.model
    def _directive_day_bounds(self, day, calendar=None):
        """Start and end, in UTC, of the local day ``day``."""
        tz = self._directive_tz(calendar)
        day = fields.Date.to_date(day)
        start = tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc)
        end = tz.localize(datetime.combine(day, time.max)).astimezone(pytz.utc)
        return {
            "date_from": start.replace(tzinfo=None, microsecond=0),
            "date_to": end.replace(tzinfo=None, microsecond=0),
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("directive_day"):
                calendar = self.env["resource.calendar"].browse(vals.get("calendar_id"))
                vals.update(self._directive_day_bounds(vals["directive_day"], calendar))
            if vals.get("directive_day_kind") == "working_day":
                # Not time off: Odoo's own leave computations skip it.
                vals["time_type"] = "other"
        return super().create(vals_list)

    @api.constrains("directive_day_kind", "resource_id")
    def _check_directive_day(self):
        for leave in self.filtered("directive_day_kind"):
            if leave.resource_id:
                raise ValidationError(
                    self.env._("A day off or worked by decision is for everyone.")
                )
