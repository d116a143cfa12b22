from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import DirectiveCase
from .report_common import LAYOUT, ReportCase


@tagged("post_install", "-at_install")
class TestReportForm1(ReportCase):
    """Form 1 (summary by unit) on the fixed dataset, cell by cell."""

    def _rows(self, report):
        return {(row["line_type"], row["name"]): row for row in report._get_rows()}

    def test_rows_are_blocks_of_units_then_totals(self):
        rows = self._report()._get_rows()
        self.assertEqual(
            [(row["line_type"], row["label"], row["name"]) for row in rows],
            [
                ("block", "I", "Provincial agencies"),
                ("unit", "1", "Sở Tài chính"),
                ("unit", "2", "Sở Y tế"),
                ("block", "II", "Communes and wards"),
                ("unit", "1", "Phường An Lạc"),
                ("unit", "2", "Xã Hòa Bình"),
                ("total", None, "Total"),
                ("share", None, "Share of all assigned"),
            ],
        )

    def test_every_count_of_every_row(self):
        rows = self._rows(self._report())
        # total, done, on time, late, open, within, overdue, of which not
        # started, no deadline done, no deadline open
        expected = {
            ("unit", "Sở Tài chính"): (5, 2, 1, 1, 2, 1, 1, 1, 0, 1),
            ("unit", "Sở Y tế"): (2, 1, 1, 0, 1, 1, 0, 0, 0, 0),
            ("block", "Provincial agencies"): (7, 3, 2, 1, 3, 2, 1, 1, 0, 1),
            ("unit", "Phường An Lạc"): (1, 1, 0, 1, 0, 0, 0, 0, 0, 0),
            ("unit", "Xã Hòa Bình"): (3, 0, 0, 0, 2, 1, 1, 1, 1, 0),
            ("block", "Communes and wards"): (4, 1, 0, 1, 2, 1, 1, 1, 1, 0),
            ("total", "Total"): (11, 4, 2, 2, 5, 3, 2, 2, 1, 1),
        }
        for key, counts in expected.items():
            self.assertEqual(self._counts(rows[key]), counts, key)

    def test_every_rate_of_every_row(self):
        rows = self._rows(self._report())
        # completion = done ÷ (done + open overdue), overdue = open overdue ÷
        # (done + open overdue), done ÷ all assigned, on time ÷ done
        expected = {
            ("unit", "Sở Tài chính"): (2 / 3, 1 / 3, 2 / 5, 1 / 2),
            ("unit", "Sở Y tế"): (1.0, 0.0, 1 / 2, 1.0),
            ("block", "Provincial agencies"): (3 / 4, 1 / 4, 3 / 7, 2 / 3),
            ("unit", "Phường An Lạc"): (1.0, 0.0, 1.0, 0.0),
            ("unit", "Xã Hòa Bình"): (0.0, 1.0, 0.0, None),
            ("block", "Communes and wards"): (1 / 2, 1 / 2, 1 / 4, 0.0),
            ("total", "Total"): (4 / 6, 2 / 6, 4 / 11, 2 / 4),
        }
        for key, values in expected.items():
            row = rows[key]
            got = (
                row["rate_completion"],
                row["rate_overdue"],
                row["rate_done_share"],
                row["rate_on_time"],
            )
            for value, wanted in zip(got, values, strict=True):
                if wanted is None:
                    self.assertIsNone(value, key)
                else:
                    self.assertAlmostEqual(value, wanted, places=9, msg=key)

    def test_share_row_divides_each_category_by_all_tasks(self):
        share = self._rows(self._report())[("share", "Share of all assigned")]
        self.assertEqual(
            self._counts(share),
            tuple(n / 11 for n in (11, 4, 2, 2, 5, 3, 2, 2, 1, 1)),
        )

    def test_units_not_updated_are_noted(self):
        report = self._report()
        rows = self._rows(report)
        note = {"key": "note"}
        # Stale after 14 days at 15 April: updated 1 March, assigned 10
        # February and never updated, updated 10 March.
        self.assertEqual(
            report.env[LAYOUT]._cell_value(
                report, rows[("unit", "Sở Tài chính")], note
            ),
            "3 not updated",
        )
        self.assertIsNone(
            report.env[LAYOUT]._cell_value(report, rows[("unit", "Sở Y tế")], note)
        )

    def test_headline_rate_follows_the_setting(self):
        self.env["ir.config_parameter"].set_param(
            "directive_tracking.headline_rate", "on_time"
        )
        report = self._report()
        self.assertEqual(report.headline_rate, "on_time")
        headline = [
            c["key"] for c in report.env[LAYOUT]._columns(report) if c["headline"]
        ]
        self.assertEqual(headline, ["rate_on_time"])

    def test_tasks_of_the_period_by_deadline(self):
        rows = self._rows(self._report(membership="deadline"))
        # Deadlines in Q1: on time, late, overdue of Sở Tài chính and the one
        # assigned before the period; Sở Y tế's deadline day; Xã Hòa Bình's
        # overdue. Tasks without deadline never belong to such a period.
        self.assertEqual(
            self._counts(rows[("unit", "Sở Tài chính")]), (4, 2, 1, 1, 2, 0, 2, 1, 0, 0)
        )
        self.assertEqual(
            self._counts(rows[("total", "Total")]), (6, 3, 2, 1, 3, 0, 3, 1, 0, 0)
        )

    def test_scope_keeps_the_subtree_of_a_unit(self):
        rows = self._report(scope_unit_id=self.commune.id)._get_rows()
        self.assertEqual(
            [(row["line_type"], row["name"], row["total"]) for row in rows[:-1]],
            [
                ("block", "Communes and wards", 3),
                ("unit", "Xã Hòa Bình", 3),
                ("total", "Total", 3),
            ],
        )

    def test_sub_unit_tasks_count_under_their_commune(self):
        rows = self._rows(self._report())
        self.assertNotIn(("unit", self.commune_office.name), rows)
        self.assertEqual(rows[("unit", "Xã Hòa Bình")]["unit_id"], self.commune.id)

    def test_draft_cancelled_and_transferred_tasks_are_left_out(self):
        self.a_within.write({"state": "cancelled"})
        rows = self._rows(self._report())
        self.assertEqual(rows[("unit", "Sở Tài chính")]["total"], 4)
        self.assertEqual(rows[("total", "Total")]["total"], 10)

    def test_figures_take_a_bounded_number_of_queries(self):
        report = self._report()
        report._compute_rows()  # warm the caches (settings, calendar)
        # The due-soon horizon (the calendar and its holidays: 2 queries),
        # then all the figures in one query.
        with self.assertQueryCount(3):
            report._compute_rows()
        # Twice the units and many more tasks: still the same queries.
        for index in range(6):
            unit = self._unit(f"Xã Mới {index}", f"T.9{index}", self.level_commune)
            office = self._unit(
                f"Văn phòng xã Mới {index}", f"T.9{index}.1", self.level_office, unit
            )
            for _count in range(4):
                self._task_at(unit, "2026-02-01", "2026-03-01")
                self._task_at(office, "2026-02-02", "2026-05-01", updated="2026-03-01")
        report.invalidate_recordset()
        report._compute_rows()
        with self.assertQueryCount(3):
            rows = report._compute_rows()
        self.assertEqual(rows[-1]["total"], 11 + 48)


@tagged("post_install", "-at_install")
class TestYearDisplay(DirectiveCase):
    """A year is shown as 2026, never with a thousands separator (2.026)."""

    def test_year_fields_are_shown_without_a_thousands_separator(self):
        for model, view in (
            ("directive.report", "directive_tracking.directive_report_view_form"),
            (
                "directive.report.wizard",
                "directive_tracking.directive_report_wizard_view_form",
            ),
        ):
            with self.subTest(view=view):
                arch = etree.fromstring(
                    self.env[model].get_view(self.env.ref(view).id, "form")["arch"]
                )
                [field] = arch.xpath("//field[@name='period_year']")
                # 19.0's integer widget: enable_formatting, not 17.0's format.
                self.assertEqual(
                    safe_eval(field.get("options")), {"enable_formatting": False}
                )
