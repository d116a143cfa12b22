import xlrd

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..models.directive_score_line import band_of
from ..reports.directive_score_xlsx import HEADER_ROW
from .score_common import ScoreCase

# The scoring sheet's layout, shared by its PDF and workbook.
SHEET = "report.directive_tracking.report_directive_score_period"


@tagged("post_install", "-at_install")
class TestScoreFormulas(ScoreCase):
    """Decree 335/2025 task results (DESIGN §8), from hand-computed examples."""

    def test_quantity_is_completed_over_assigned(self):
        self._held(self.agency_staff, "2026-03-10", done_on="2026-03-09")
        self._held(self.agency_staff, "2026-03-20")
        line = self._line(self._scored(), self.agency_staff)
        self.assertEqual((line.assigned_work, line.completed_work), (2, 1))
        self.assertEqual(line.quantity, 50)

    def test_quality_loses_a_quarter_of_the_item_per_returned_completion(self):
        # 1 - 2 x 25% = 50% of the item's quality points.
        self._held(self.agency_staff, "2026-03-10", done_on="2026-03-09", returned=2)
        line = self._line(self._scored(), self.agency_staff)
        self.assertEqual((line.quantity, line.quality, line.progress), (100, 50, 100))

    def test_progress_loses_a_quarter_of_the_item_when_completed_late(self):
        self._held(self.agency_staff, "2026-03-10", done_on="2026-03-11")
        line = self._line(self._scored(), self.agency_staff)
        self.assertEqual((line.quantity, line.quality, line.progress), (100, 100, 75))

    def test_each_approved_extension_is_a_delay(self):
        self._held(self.agency_staff, "2026-03-10", done_on="2026-03-10", extensions=2)
        line = self._line(self._scored(), self.agency_staff)
        self.assertEqual(line.progress, 50)

    def test_deductions_never_take_an_item_below_zero(self):
        self._held(self.agency_staff, "2026-03-10", done_on="2026-03-09", returned=5)
        self.assertEqual(self._line(self._scored(), self.agency_staff).quality, 0)

    def test_quality_exemption_removes_one_deduction(self):
        task = self._held(
            self.agency_staff, "2026-03-10", done_on="2026-03-09", returned=2
        )
        self.env["directive.score.exemption"].with_user(self.officer).create(
            {"task_id": task.id, "kind": "quality", "reason": "Thay đổi quy định"}
        )
        self.assertEqual(self._line(self._scored(), self.agency_staff).quality, 75)

    def test_progress_exemption_removes_one_deduction(self):
        task = self._held(self.agency_staff, "2026-03-10", done_on="2026-03-12")
        self.env["directive.score.exemption"].with_user(self.officer).create(
            {"task_id": task.id, "kind": "progress", "reason": "Thiên tai, bão lũ"}
        )
        self.assertEqual(self._line(self._scored(), self.agency_staff).progress, 100)

    def test_task_results_are_70_times_the_mean_of_the_three(self):
        # On time; late (progress 0.75); open; one return (quality 0.75):
        # quantity 3/4, quality 2.75/4, progress 2.75/4; mean 2.125/3;
        # 70 x 0.708333 = 49.58.
        self._held(self.agency_staff, "2026-03-20", done_on="2026-03-15")
        self._held(self.agency_staff, "2026-03-25", done_on="2026-03-28")
        self._held(self.agency_staff, "2026-03-31")
        self._held(self.agency_staff, "2026-03-10", done_on="2026-03-09", returned=1)
        line = self._line(self._scored(), self.agency_staff)
        self.assertEqual(
            (line.quantity, line.quality, line.progress), (75, 68.75, 68.75)
        )
        self.assertEqual(line.task_points, 49.58)

    def test_weights_of_the_three_are_settings(self):
        # Quantity counts twice: (2 x 0.75 + 0.6875 + 0.6875) / 4 x 70 = 50.31.
        self.env["ir.config_parameter"].set_param(
            "directive_tracking.score_weight_quantity", "2"
        )
        self._held(self.agency_staff, "2026-03-20", done_on="2026-03-15")
        self._held(self.agency_staff, "2026-03-25", done_on="2026-03-28")
        self._held(self.agency_staff, "2026-03-31")
        self._held(self.agency_staff, "2026-03-10", done_on="2026-03-09", returned=1)
        self.assertEqual(
            self._line(self._scored(), self.agency_staff).task_points, 50.31
        )

    def test_catalogue_coefficients_convert_the_work(self):
        # A regular task counts 3, a one-off 1: 3 done of 4 converted.
        self.env["directive.work.coefficient"].with_user(self.agency_admin).create(
            {"unit_id": self.agency.id, "kind": "regular", "coefficient": 3}
        )
        self._held(
            self.agency_staff, "2026-03-10", done_on="2026-03-09", kind="regular"
        )
        self._held(self.agency_staff, "2026-03-20")
        line = self._line(self._scored(), self.agency_staff)
        self.assertEqual((line.assigned_work, line.quantity), (4, 75))

    def test_a_kind_and_field_coefficient_beats_a_field_one(self):
        Coefficient = self.env["directive.work.coefficient"].with_user(
            self.agency_admin
        )
        Coefficient.create({"category_id": self.category.id, "coefficient": 2})
        Coefficient.create(
            {"category_id": self.category.id, "kind": "one_off", "coefficient": 1.5}
        )
        self._held(self.agency_staff, "2026-03-10", category_id=self.category.id)
        self.assertEqual(
            self._line(self._scored(), self.agency_staff).assigned_work, 1.5
        )

    def test_work_without_a_catalogue_line_counts_one(self):
        self._held(self.agency_staff, "2026-03-10", kind="periodic")
        self.assertEqual(self._line(self._scored(), self.agency_staff).assigned_work, 1)

    def test_a_share_converts_the_work(self):
        # Half of a done task, all of an open one: 0.5 / 1.5 = 33.33%.
        self._held(self.agency_staff, "2026-03-10", done_on="2026-03-09", share=50)
        self._held(self.agency_staff, "2026-03-20")
        self.assertEqual(self._line(self._scored(), self.agency_staff).quantity, 33.33)

    def test_internal_deadline_decides_on_time(self):
        self._held(
            self.agency_staff,
            "2026-03-20",
            done_on="2026-03-15",
            internal_deadline="2026-03-12",
        )
        self.assertEqual(self._line(self._scored(), self.agency_staff).progress, 75)

    def test_work_due_outside_the_period_is_not_counted(self):
        self._held(self.agency_staff, "2026-04-01")
        self._held(self.agency_staff, "2026-02-28")
        line = self._line(self._scored(), self.agency_staff)
        self.assertFalse(line)

    def test_work_due_later_but_completed_in_the_period_is_counted(self):
        self._held(self.agency_staff, "2026-04-30", done_on="2026-03-20")
        line = self._line(self._scored(), self.agency_staff)
        self.assertEqual((line.assigned_work, line.quantity), (1, 100))

    def test_empty_period_rates_nobody(self):
        # The head has no assigned work: no task results, not rated.
        period = self._scored()
        self.assertFalse(period.line_ids.filtered("user_id"))
        unit_line = period.line_ids
        self.assertEqual(len(unit_line), 1)
        self.assertEqual(
            (unit_line.assigned_work, unit_line.task_points, unit_line.band),
            (0, 0, "not_rated"),
        )

    def test_a_person_without_work_in_the_period_is_not_rated(self):
        self._held(self.agency_staff, "2026-04-10")
        period = self._scored()
        # The person was scored before, the period recomputed: kept, unrated.
        self._held(self.agency_staff, "2026-03-10")
        period.action_compute()
        self.env["directive.task.assignee"].search(
            [("user_id", "=", self.agency_staff.id)]
        ).unlink()
        period.action_compute()
        line = self._line(period, self.agency_staff)
        self.assertEqual((line.assigned_work, line.band), (0, "not_rated"))
        self.assertEqual(line.total, 0)

    def test_agency_gets_the_task_results_of_what_its_superiors_assigned(self):
        # Tasks led by the agency, held or not: on time, late, open.
        self._held(None, "2026-03-10", done_on="2026-03-09")
        self._held(self.agency_staff, "2026-03-20", done_on="2026-03-22")
        self._held(None, "2026-03-30")
        unit_line = self._scored().line_ids.filtered(lambda line: not line.user_id)
        # quantity 2/3, quality 2/3, progress 1.75/3; 70 x 5.75 / 9 = 44.72.
        self.assertEqual(
            (unit_line.quantity, unit_line.quality, unit_line.progress),
            (66.67, 66.67, 58.33),
        )
        self.assertEqual(unit_line.task_points, 44.72)


@tagged("post_install", "-at_install")
class TestScoreRating(ScoreCase):
    """General criteria, the unit head's unit component, bands, the 20% check
    and the year."""

    def _all_done(self, user):
        self._held(user, "2026-03-10", done_on="2026-03-09")

    def _line_all_done(self):
        """The scoring line of agency_staff, whose one task was done on time."""
        self._all_done(self.agency_staff)
        return self._line(self._scored(), self.agency_staff)

    def test_general_criteria_are_entered_by_the_unit_head(self):
        line = self._line_all_done()
        line.with_user(self.agency_admin).write({"general_points": 25})
        self.assertEqual(
            (line.task_points, line.total, line.band), (70, 95, "excellent")
        )

    def test_general_criteria_give_at_most_30_points(self):
        line = self._line_all_done()
        with self.assertRaises(ValidationError):
            line.with_user(self.agency_admin).write({"general_points": 30.5})

    def test_nobody_evaluates_themselves(self):
        line = self._line_all_done()
        with self.assertRaises(AccessError):
            line.with_user(self.agency_staff).write({"general_points": 30})

    def test_task_results_are_not_typed_in(self):
        line = self._line_all_done()
        with self.assertRaises(AccessError):
            line.with_user(self.agency_admin).write({"task_points": 70})

    def test_band_boundaries(self):
        self.assertEqual(band_of(89.99), "good")
        self.assertEqual(band_of(90), "excellent")
        self.assertEqual(band_of(69.99), "completed")
        self.assertEqual(band_of(70), "good")
        self.assertEqual(band_of(49.99), "not_completed")
        self.assertEqual(band_of(50), "completed")

    def test_89_99_is_good_and_90_is_excellent(self):
        self._all_done(self.agency_staff)
        self._all_done(self.agency_staff_b)
        period = self._scored()
        self._evaluate(period, self.agency_staff, 19.99)
        self._evaluate(period, self.agency_staff_b, 20)
        self.assertEqual(
            (
                self._line(period, self.agency_staff).total,
                self._line(period, self.agency_staff).band,
            ),
            (89.99, "good"),
        )
        self.assertEqual(self._line(period, self.agency_staff_b).band, "excellent")

    def test_unit_head_gets_100_percent_when_everyone_completed(self):
        self._all_done(self.agency_admin)
        self._all_done(self.agency_staff)
        period = self._scored()
        self._evaluate(period, self.agency_staff, 0)
        period.action_compute()
        head = self._line(period, self.agency_admin)
        self.assertTrue(head.is_head)
        # Staff: 70 + 0 = 70, good. Head: 70 personal; 0.7 x 70 + 0.3 x 100 = 79.
        self.assertEqual(head.unit_component, 100)
        self.assertEqual(head.total, 79)

    def test_unit_head_gets_50_percent_when_one_is_not_completed(self):
        self._all_done(self.agency_admin)
        self._held(self.agency_staff, "2026-03-10")  # nothing done: 0 points
        period = self._scored()
        head = self._line(period, self.agency_admin)
        self.assertEqual(self._line(period, self.agency_staff).band, "not_completed")
        # 0.7 x 70 + 0.3 x 50 = 64.
        self.assertEqual((head.unit_component, head.total), (50, 64))

    def test_unit_component_follows_the_general_points_as_entered(self):
        self._all_done(self.agency_admin)
        self._held(self.agency_staff, "2026-03-10", done_on="2026-03-09")
        self._held(self.agency_staff, "2026-03-12")
        period = self._scored()
        head = self._line(period, self.agency_admin)
        # Staff: 35 points, not completed; the head gets 50%.
        self.assertEqual(head.unit_component, 50)
        # 35 + 20 = 55, completed: the head gets 100% at once.
        self._evaluate(period, self.agency_staff, 20)
        self.assertEqual((head.unit_component, head.total), (100, 79))

    def test_unit_weight_is_a_setting(self):
        self.env["ir.config_parameter"].set_param(
            "directive_tracking.score_unit_weight", "50"
        )
        self._all_done(self.agency_admin)
        period = self._scored()
        # No other person rated: 100%. 0.5 x 70 + 0.5 x 100 = 85.
        self.assertEqual(self._line(period, self.agency_admin).total, 85)

    def _rated(self, totals):
        """A period whose people scored ``totals`` (lines as the scoring
        action writes them)."""
        period = self._period()
        people = self.agency_staff | self.agency_staff_b | self.agency_b_staff
        people |= self.commune_staff | self.commune_b_admin | self.clerk
        users = people[: len(totals)]
        self.env["directive.score.line"].create(
            [
                {
                    "period_id": period.id,
                    "user_id": user.id,
                    "assigned_work": 1,
                    "task_points": 70,
                    "general_points": total - 70,
                }
                for user, total in zip(users, totals, strict=True)
            ]
        )
        return period

    def test_one_excellent_for_four_good_is_flagged(self):
        period = self._rated([95, 80, 80, 80, 80])
        self.assertEqual((period.excellent_count, period.good_count), (1, 4))
        self.assertTrue(period.excellent_over_quota)

    def test_one_excellent_for_five_good_is_within_the_limit(self):
        period = self._rated([95, 80, 80, 80, 80, 80])
        self.assertFalse(period.excellent_over_quota)

    def test_the_flag_changes_no_rating(self):
        period = self._rated([95, 80, 80, 80, 80])
        self.assertEqual(period.line_ids.mapped("band").count("excellent"), 1)

    def test_the_year_is_the_average_of_the_closed_periods(self):
        Line = self.env["directive.score.line"]
        for number, general in ((1, 10), (2, 20), (3, 25)):
            period = self._period(number=number)
            Line.create(
                {
                    "period_id": period.id,
                    "user_id": self.agency_staff.id,
                    "assigned_work": 1,
                    "task_points": 60,
                    "general_points": general,
                }
            )
            period.write({"state": "closed"})
        draft = self._period(number=4)
        Line.create(
            {
                "period_id": draft.id,
                "user_id": self.agency_staff.id,
                "assigned_work": 1,
                "task_points": 0,
            }
        )
        # (70 + 80 + 85) / 3 = 78.33; the draft April does not count.
        self.assertEqual(
            Line._yearly_averages(2026, [("unit_id", "=", self.agency.id)]),
            {self.agency_staff: 78.33},
        )


@tagged("post_install", "-at_install")
class TestScorePeriod(ScoreCase):
    """Periods: Decree 09 bounds, the unit's setting, closing freezes."""

    def test_period_kind_follows_the_unit_setting(self):
        self.agency.score_period_kind = "quarter"
        period = self.env["directive.score.period"].create(
            {
                "unit_id": self.agency.id,
                "year": 2026,
                "number": 1,
                "period_style": "calendar",
            }
        )
        self.assertEqual(period.period_kind, "quarter")
        self.assertEqual(str(period.date_to), "2026-03-31")

    def test_decree09_month_counts_the_14th_and_not_the_15th(self):
        self._held(self.agency_staff, "2026-11-14")
        self._held(self.agency_staff_b, "2026-11-15")
        period = self._scored(period_style="decree09", number=11)
        self.assertEqual(
            (str(period.date_from), str(period.date_to)), ("2026-10-15", "2026-11-14")
        )
        self.assertTrue(self._line(period, self.agency_staff))
        self.assertFalse(self._line(period, self.agency_staff_b))

    def test_decree09_month_starts_on_the_15th_of_the_previous_month(self):
        self._held(self.agency_staff, "2026-10-15")
        self._held(self.agency_staff_b, "2026-10-14")
        period = self._scored(period_style="decree09", number=11)
        self.assertTrue(self._line(period, self.agency_staff))
        self.assertFalse(self._line(period, self.agency_staff_b))

    def _closed(self):
        self._held(
            self.agency_staff, "2026-03-10", done_on="2026-03-09", kind="regular"
        )
        self._held(self.agency_staff, "2026-03-20")
        period = self._scored()
        self._evaluate(period, self.agency_staff, 22)
        period.with_user(self.agency_admin).action_close()
        return period

    def test_closing_freezes_the_scores(self):
        period = self._closed()
        line = self._line(period, self.agency_staff)
        self.assertEqual(period.state, "closed")
        with self.assertRaises(UserError):
            line.with_user(self.agency_admin).write({"general_points": 30})
        with self.assertRaises(UserError):
            period.with_user(self.agency_admin).action_compute()
        with self.assertRaises(UserError):
            period.with_user(self.agency_admin).write({"number": 4})
        with self.assertRaises(UserError):
            period.sudo().unlink()

    def test_a_closed_period_keeps_its_figures_and_coefficients(self):
        period = self._closed()
        before = period.env[SHEET]._sheet_rows(period)
        items = [(i.coefficient, i.done) for i in period.item_ids]
        # After closing: the catalogue changes, tasks are completed, renamed.
        self.env["directive.work.coefficient"].create(
            {"unit_id": self.agency.id, "kind": "regular", "coefficient": 5}
        )
        open_task = period.item_ids.filtered(lambda i: not i.done).task_id
        open_task.write({"state": "done", "completion_date": "2026-03-18"})
        self.agency.write({"name": "Sở Tài chính (mới)"})
        self.env.invalidate_all()
        self.assertEqual(period.env[SHEET]._sheet_rows(period), before)
        self.assertEqual([(i.coefficient, i.done) for i in period.item_ids], items)

    def test_a_closed_period_reprints_identically(self):
        period = self._closed()
        Report = self.env["ir.actions.report"]
        name = "directive_tracking.report_directive_score_period"
        first = Report._render_qweb_html(name, period.ids)[0]
        workbook = period._render_xlsx()
        self._held(self.agency_staff, "2026-03-25", done_on="2026-03-24")
        self.agency.write({"name": "Sở Tài chính (mới)"})
        self.env.invalidate_all()
        self.assertEqual(Report._render_qweb_html(name, period.ids)[0], first)
        self.assertEqual(len(period._render_xlsx()), len(workbook))

    def test_the_workbook_shows_the_figures_of_the_sheet(self):
        period = self._closed()
        workbook = period.with_context(lang="vi_VN")._render_xlsx()
        book = xlrd.open_workbook(file_contents=workbook)
        sheet = book.sheet_by_index(0)
        header = [sheet.cell_value(HEADER_ROW, col) for col in range(sheet.ncols)]
        rows = {
            sheet.cell_value(row, 1): dict(
                zip(header, sheet.row_values(row), strict=True)
            )
            for row in range(HEADER_ROW + 1, sheet.nrows)
        }
        # 1 regular task done (coefficient 1: no catalogue line), 1 open:
        # 50% on all three, 35 points, + 22 general criteria = 57.
        person = rows[self.agency_staff.name]
        self.assertEqual([person[col] for col in ("Số lượng (%)", "Điểm")], [50, 57])
        self.assertEqual(person["Xếp loại"], "Hoàn thành nhiệm vụ")
        self.assertEqual(len(rows), 2)  # the person and the unit

    def test_a_staff_member_cannot_score_its_unit(self):
        with self.assertRaises(AccessError):
            self.env["directive.score.period"].with_user(self.agency_staff).create(
                {"unit_id": self.agency.id, "year": 2026, "number": 3}
            )

    def test_another_units_head_cannot_score_this_unit(self):
        period = self._period()
        with self.assertRaises(AccessError):
            period.with_user(self.commune_admin).action_compute()

    def test_state_is_written_by_the_close_action_only(self):
        period = self._period()
        with self.assertRaises(AccessError):
            period.with_user(self.agency_admin).write({"state": "closed"})

    def test_only_the_office_records_an_objective_cause(self):
        task = self._held(self.agency_staff, "2026-03-10")
        with self.assertRaises(AccessError):
            self.env["directive.score.exemption"].with_user(self.agency_admin).create(
                {"task_id": task.id, "kind": "quality", "reason": "Lý do"}
            )

    def test_an_objective_cause_needs_a_reason_and_stays_as_recorded(self):
        task = self._held(self.agency_staff, "2026-03-10")
        Exemption = self.env["directive.score.exemption"].with_user(self.officer)
        with self.assertRaises(ValidationError):
            Exemption.create({"task_id": task.id, "kind": "quality", "reason": "  "})
        exemption = Exemption.create(
            {"task_id": task.id, "kind": "quality", "reason": "Thay đổi quy định"}
        )
        self.assertEqual(exemption.recorded_by_id, self.officer)
        with self.assertRaises(AccessError):
            exemption.write({"reason": "Khác"})
        with self.assertRaises(AccessError):
            exemption.unlink()

    def test_only_the_unit_head_sets_the_catalogue(self):
        with self.assertRaises(AccessError):
            self.env["directive.work.coefficient"].with_user(self.agency_staff).create(
                {"unit_id": self.agency.id, "kind": "regular", "coefficient": 2}
            )
        with self.assertRaises(AccessError):
            self.env["directive.work.coefficient"].with_user(self.commune_admin).create(
                {"unit_id": self.agency.id, "kind": "regular", "coefficient": 2}
            )
