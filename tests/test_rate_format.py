from odoo.tests import TransactionCase, tagged

from ..models.directive_report_line import format_rate, round_rate


@tagged("post_install", "-at_install")
class TestRateFormat(TransactionCase):
    """Rates print as the Government Office's reports do: two decimals by
    default, rounded half up, with a comma."""

    def test_two_decimals_with_a_comma_by_default(self):
        self.assertEqual(format_rate(0.9862), "98,62%")
        self.assertEqual(format_rate(1.0), "100,00%")
        self.assertEqual(format_rate(0.0), "0,00%")

    def test_halves_round_up_not_to_even(self):
        # 789/800 = 98.625%: Python's round() on the float gives 98.62.
        self.assertEqual(round(789 / 800 * 100, 2), 98.62)
        self.assertEqual(format_rate(789 / 800), "98,63%")
        # 1/8 = 12.5%, 3/8 = 37.5% at one decimal: half up, never to even.
        self.assertEqual(format_rate(1 / 16, 1), "6,3%")
        self.assertEqual(format_rate(5 / 16, 1), "31,3%")

    def test_one_decimal_when_chosen(self):
        self.assertEqual(format_rate(2 / 3, 1), "66,7%")
        self.assertEqual(round_rate(2 / 3, 1), 0.667)
        self.assertEqual(round_rate(2 / 3), 0.6667)

    def test_no_denominator_prints_blank(self):
        self.assertEqual(format_rate(None), "")

    def test_reports_read_the_setting(self):
        Report = self.env["directive.report"]
        self.assertEqual(Report._format_rate(2 / 3), "66,67%")
        settings = self.env["res.config.settings"].create({})
        settings.directive_rate_digits = "1"
        settings.execute()
        self.assertEqual(Report._format_rate(2 / 3), "66,7%")
