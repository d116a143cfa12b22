from datetime import date

from odoo.tests import TransactionCase, tagged

from ..models.directive_report_period import PERIOD_STYLE_PARAM, period_bounds


def d(day, month, year=2026):
    return date(year, month, day)


@tagged("post_install", "-at_install")
class TestDecree09Periods(TransactionCase):
    """Decree 09/2019/NĐ-CP periods run from the 15th to the 14th (DESIGN §5);
    calendar periods stay as they were."""

    def test_decree09_month_is_named_after_the_month_it_ends_in(self):
        self.assertEqual(
            period_bounds("decree09", "month", 2026, 11), (d(15, 10), d(14, 11))
        )

    def test_decree09_january_starts_on_15_december_of_the_previous_year(self):
        self.assertEqual(
            period_bounds("decree09", "month", 2026, 1), (d(15, 12, 2025), d(14, 1))
        )

    def test_decree09_quarters(self):
        self.assertEqual(
            [period_bounds("decree09", "quarter", 2026, q) for q in (1, 2, 3, 4)],
            [
                (d(15, 12, 2025), d(14, 3)),
                (d(15, 3), d(14, 6)),
                (d(15, 6), d(14, 9)),
                (d(15, 9), d(14, 12)),
            ],
        )

    def test_decree09_halves(self):
        self.assertEqual(
            period_bounds("decree09", "half", 2026, 1), (d(15, 12, 2025), d(14, 6))
        )
        self.assertEqual(
            period_bounds("decree09", "half", 2026, 2), (d(15, 6), d(14, 12))
        )

    def test_decree09_nine_months(self):
        self.assertEqual(
            period_bounds("decree09", "nine", 2026), (d(15, 12, 2025), d(14, 9))
        )

    def test_decree09_year(self):
        self.assertEqual(
            period_bounds("decree09", "year", 2026), (d(15, 12, 2025), d(14, 12))
        )

    def test_calendar_periods_are_unchanged(self):
        self.assertEqual(
            period_bounds("calendar", "month", 2026, 2), (d(1, 2), d(28, 2))
        )
        self.assertEqual(
            period_bounds("calendar", "quarter", 2026, 4), (d(1, 10), d(31, 12))
        )
        self.assertEqual(period_bounds("calendar", "nine", 2026), (d(1, 1), d(30, 9)))

    def _report(self, **vals):
        return self.env["directive.report"].create(
            {"form": "1", "period_type": "month", "period_year": 2026, **vals}
        )

    def test_the_14th_is_in_the_month_and_the_15th_in_the_next(self):
        november = self._report(period_style="decree09", period_month="11")
        december = self._report(period_style="decree09", period_month="12")
        self.assertEqual(november.date_to, d(14, 11))
        self.assertEqual(december.date_from, d(15, 11))
        for day, report in ((d(14, 11), november), (d(15, 11), december)):
            self.assertTrue(report.date_from <= day <= report.date_to)
        self.assertFalse(november.date_from <= d(15, 11) <= november.date_to)

    def test_the_setting_picks_the_default_style(self):
        self.assertEqual(self._report().period_style, "calendar")
        self.env["ir.config_parameter"].set_param(PERIOD_STYLE_PARAM, "decree09")
        report = self._report(period_month="11")
        self.assertEqual(report.period_style, "decree09")
        self.assertEqual((report.date_from, report.date_to), (d(15, 10), d(14, 11)))

    def test_a_decree09_report_title_names_the_month_and_its_dates(self):
        report = self._report(period_style="decree09", period_month="11")
        self.assertIn("15/10/2026", report.name)
        self.assertIn("14/11/2026", report.name)
        self.assertIn("11/2026", report.name)

    def test_the_dashboard_takes_the_same_bounds(self):
        # The dashboard is an abstract model: its period lives in memory.
        dashboard = self.env["directive.dashboard"].new(
            {
                "period_style": "decree09",
                "period_type": "quarter",
                "period_year": 2026,
                "period_quarter": "1",
            }
        )
        self.assertEqual(
            (dashboard.date_from, dashboard.date_to), (d(15, 12, 2025), d(14, 3))
        )
