from datetime import timedelta

import pytz

from odoo import models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _directive_holidays(self, date_from, date_to):
        """Dates of the calendar's public holidays between the two dates."""
        self.ensure_one()
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.id),
                ("resource_id", "=", False),
                ("date_from", "<=", f"{date_to} 23:59:59"),
                ("date_to", ">=", f"{date_from} 00:00:00"),
            ]
        )
        tz = pytz.timezone(self.tz or "UTC")
        days = set()
        for leave in leaves:
            # Leaves are stored in UTC; a holiday is a local calendar day.
            day = pytz.utc.localize(leave.date_from).astimezone(tz).date()
            last = pytz.utc.localize(leave.date_to).astimezone(tz).date()
            while day <= last:
                days.add(day)
                day += timedelta(days=1)
        return days

    def _directive_add_working_days(self, start, count):
        """The date ``count`` working days after ``start``.

        Working days are the calendar's attendance weekdays that are not
        public holidays of the calendar.
        """
        self.ensure_one()
        weekdays = {int(day) for day in self.attendance_ids.mapped("dayofweek")}
        # Tết can close a whole week: look far enough ahead in one query.
        holidays = self._directive_holidays(
            start, start + timedelta(days=count * 2 + 30)
        )
        day = start
        while count > 0:
            day += timedelta(days=1)
            if day.weekday() in weekdays and day not in holidays:
                count -= 1
        return day
