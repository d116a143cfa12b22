from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DirectiveCase


def days(first, last):
    """Every date from ``first`` to ``last``, both included."""
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


@tagged("post_install", "-at_install")
class TestHolidays(DirectiveCase):
    """The working calendar holds Vietnam's public holidays of every year
    from 2015 to ten years ahead (Labour Code 2019 art. 112, lunar dates
    computed), and the days the Office enters from the Prime Minister's
    decision. Expected dates are the official ones, by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("directive_tracking.resource_calendar_vn_government")

    def _off(self, first, last):
        return self.calendar._directive_holidays(first, last)

    def test_lunar_new_year_past(self):
        # Tết Đinh Dậu: 1st day on Saturday 28/1/2017; off 26/1 to 1/2.
        off = self._off(date(2017, 1, 20), date(2017, 2, 5))
        self.assertEqual(off, days(date(2017, 1, 26), date(2017, 2, 1)))

    def test_lunar_new_year_future(self):
        # Tết Canh Tuất: 1st day on Saturday 2/2/2030; off 31/1 to 6/2.
        off = self._off(date(2030, 1, 25), date(2030, 2, 10))
        self.assertEqual(off, days(date(2030, 1, 31), date(2030, 2, 6)))

    def test_hung_kings_day_past_and_future(self):
        # 10th day of the 3rd lunar month.
        self.assertEqual(
            self._off(date(2017, 4, 1), date(2017, 4, 20)), {date(2017, 4, 6)}
        )
        self.assertEqual(
            self._off(date(2030, 4, 1), date(2030, 4, 20)), {date(2030, 4, 12)}
        )

    def test_victory_and_labour_day_past_and_future(self):
        # 2017: 30/4 on a Sunday, made up on Tuesday 2/5.
        self.assertEqual(
            self._off(date(2017, 4, 25), date(2017, 5, 10)),
            {date(2017, 4, 30), date(2017, 5, 1), date(2017, 5, 2)},
        )
        self.assertEqual(
            self._off(date(2030, 4, 25), date(2030, 5, 10)),
            {date(2030, 4, 30), date(2030, 5, 1)},
        )

    def test_national_day_and_its_extra_day_past_and_future(self):
        # Since 2021, 2/9 and the day before or after it.
        self.assertEqual(
            self._off(date(2022, 8, 25), date(2022, 9, 10)),
            {date(2022, 9, 1), date(2022, 9, 2)},
        )
        self.assertEqual(
            self._off(date(2030, 8, 25), date(2030, 9, 10)),
            {date(2030, 9, 2), date(2030, 9, 3)},
        )

    def test_calendar_reaches_ten_years_ahead(self):
        year = date.today().year + 10
        self.assertIn(date(year, 1, 1), self._off(date(year, 1, 1), date(year, 1, 1)))
        self.assertIn(date(2015, 9, 2), self._off(date(2015, 9, 1), date(2015, 9, 3)))

    def test_asking_beyond_the_range_extends_it(self):
        year = date.today().year + 15
        self.assertIn(date(year, 9, 2), self._off(date(year, 9, 1), date(year, 9, 3)))

    def test_refresh_twice_changes_nothing(self):
        Leave = self.env["resource.calendar.leaves"]
        count = Leave.search_count([("calendar_id", "=", self.calendar.id)])
        self.assertEqual(
            self.env["resource.calendar"]._directive_refresh_public_holidays(), 0
        )
        self.assertEqual(
            Leave.search_count([("calendar_id", "=", self.calendar.id)]), count
        )

    def test_due_soon_across_tet_2017_skips_the_holiday(self):
        # Wednesday 25/1/2017: the next three working days are 2, 3 and 6/2.
        Task = self.env["directive.task"]
        self.assertEqual(Task._due_soon_horizon(date(2017, 1, 25)), date(2017, 2, 6))

    def test_swapped_saturday_is_a_working_day(self):
        # 2/5/2025 was a day off swapped for Saturday 26/4/2025.
        self.assertEqual(
            self.calendar._directive_add_working_days(date(2025, 4, 25), 1),
            date(2025, 4, 26),
        )


@tagged("post_install", "-at_install")
class TestDaysByDecision(DirectiveCase):
    """The Office enters the days off and the days worked of the Prime
    Minister's yearly decision; nobody else changes the calendar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("directive_tracking.resource_calendar_vn_government")

    def _decision(self, user, day, kind="day_off"):
        return (
            self.env["resource.calendar.leaves"]
            .with_user(user)
            .create(
                {
                    "name": "Nghỉ theo Quyết định",
                    "calendar_id": self.calendar.id,
                    "directive_day": day,
                    "directive_day_kind": kind,
                    "directive_decision": "QĐ 01/QĐ-TTg",
                }
            )
        )

    def test_day_off_by_decision_is_not_a_working_day(self):
        # Monday 16/3/2026, an ordinary working day until the decision.
        self.assertEqual(
            self.calendar._directive_add_working_days(date(2026, 3, 13), 1),
            date(2026, 3, 16),
        )
        line = self._decision(self.officer, "2026-03-16")
        self.assertEqual(line.directive_day, date(2026, 3, 16))
        self.assertEqual(
            self.calendar._directive_add_working_days(date(2026, 3, 13), 1),
            date(2026, 3, 17),
        )

    def test_day_worked_by_decision_is_a_working_day(self):
        self._decision(self.officer, "2026-03-14", kind="working_day")
        self.assertEqual(
            self.calendar._directive_add_working_days(date(2026, 3, 13), 1),
            date(2026, 3, 14),
        )

    def test_office_corrects_and_removes_its_decision_days(self):
        line = self._decision(self.officer, "2026-03-16")
        line.with_user(self.officer).directive_day = "2026-03-17"
        self.assertEqual(
            self.calendar._directive_holidays(date(2026, 3, 16), date(2026, 3, 17)),
            {date(2026, 3, 17)},
        )
        line.with_user(self.officer).unlink()
        self.assertFalse(
            self.calendar._directive_holidays(date(2026, 3, 16), date(2026, 3, 17))
        )

    def test_units_cannot_enter_days(self):
        for user in (self.agency_admin, self.commune_staff, self.leader):
            with self.subTest(user.login), self.assertRaises(AccessError):
                self._decision(user, "2026-03-16")

    def test_office_cannot_change_the_computed_public_holidays(self):
        holiday = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.calendar.id),
                ("directive_day_kind", "=", "holiday"),
            ],
            limit=1,
        )
        with self.assertRaises(AccessError):
            holiday.with_user(self.officer).unlink()
        with self.assertRaises(AccessError):
            holiday.with_user(self.officer).write({"directive_day_kind": "day_off"})
