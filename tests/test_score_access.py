from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import RpcMixin
from .score_common import ScoreCase


class ScoredMonthCase(ScoreCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.commune_b_staff = cls._user(
            "commune_b_staff", "group_unit_staff", cls.commune_b_office
        )

    def setUp(self):
        super().setUp()
        self._held(self.agency_staff, "2026-03-10", done_on="2026-03-09")
        self._held(self.agency_staff_b, "2026-03-12")
        self.period = self._scored()
        self.own = self._line(self.period, self.agency_staff)
        self.other = self._line(self.period, self.agency_staff_b)


@tagged("post_install", "-at_install")
class TestScoreAccess(ScoredMonthCase):
    """A person sees their own scores, a unit head its unit's, leaders and the
    Office everyone's (DESIGN §8)."""

    def _visible(self, user):
        return (
            self.env["directive.score.line"]
            .with_user(user)
            .search([("period_id", "=", self.period.id)])
        )

    def test_a_person_sees_only_their_own_scores(self):
        self.assertEqual(self._visible(self.agency_staff), self.own)
        items = self.env["directive.score.item"].with_user(self.agency_staff).search([])
        self.assertEqual(items.line_id, self.own)

    def test_a_unit_head_sees_the_units_scores(self):
        self.assertEqual(self._visible(self.agency_admin), self.period.line_ids)

    def test_another_units_head_sees_none(self):
        self.assertFalse(self._visible(self.commune_admin))

    def test_leaders_and_the_office_see_everyones(self):
        self.assertEqual(self._visible(self.leader), self.period.line_ids)
        self.assertEqual(self._visible(self.officer), self.period.line_ids)

    def test_a_person_reads_the_period_of_their_scores(self):
        periods = self.env["directive.score.period"].with_user(self.agency_staff)
        self.assertEqual(periods.search([]), self.period)
        self.assertFalse(
            self.env["directive.score.period"]
            .with_user(self.commune_b_staff)
            .search([])
        )

    def test_a_person_of_an_office_below_prints_their_own_sheet(self):
        self._held(
            self.commune_staff, "2026-03-10", done_on="2026-03-09", unit=self.commune
        )
        period = self._period(unit=self.commune)
        period.with_user(self.commune_admin).action_compute()
        line = self._line(period, self.commune_staff)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.commune_staff)
            ._render_qweb_html(
                "directive_tracking.report_directive_score_line", line.ids
            )[0]
            .decode()
        )
        self.assertIn("XÃ HÒA BÌNH", html)
        self.assertIn("UBND TỈNH THỬ", html)
        self.assertIn("70.00", html)

    def test_the_sheet_list_sends_the_evaluation_through_the_period(self):
        # The period form's editable list writes line commands on the period.
        self.period.with_user(self.agency_admin).write(
            {"line_ids": [Command.update(self.own.id, {"general_points": 21})]}
        )
        self.assertEqual(self.own.general_points, 21)

    def test_no_line_command_makes_or_changes_figures(self):
        Period = self.period.with_user(self.agency_admin)
        for command in (
            Command.update(self.own.id, {"task_points": 70}),
            Command.create({"user_id": self.agency_staff_b.id, "task_points": 70}),
            Command.delete(self.other.id),
        ):
            with self.assertRaises(AccessError):
                Period.write({"line_ids": [command]})
        self.assertTrue(self.other.exists())

    def test_staff_cannot_evaluate_through_the_period(self):
        with self.assertRaises(AccessError):
            self.period.with_user(self.agency_staff_b).write(
                {"line_ids": [Command.update(self.own.id, {"general_points": 30})]}
            )

    def test_a_leader_evaluates_the_unit_head(self):
        self._held(self.agency_admin, "2026-03-11", done_on="2026-03-11")
        self.period.action_compute()
        head = self._line(self.period, self.agency_admin)
        head.with_user(self.leader).write({"general_points": 28})
        self.assertEqual(head.general_points, 28)


@tagged("post_install", "-at_install")
class TestScoreAccessRpc(RpcMixin, ScoredMonthCase, HttpCase):
    """A member of staff calling the ORM over JSON-RPC cannot raise a score,
    read a colleague's, or close or reopen a period."""

    def setUp(self):
        super().setUp()
        self.authenticate("agency_staff", "agency_staff")

    rpc_refusals = (
        "odoo.exceptions.AccessError",
        "odoo.exceptions.UserError",
        "odoo.exceptions.ValidationError",
    )

    @mute_logger("odoo.http")
    def test_staff_cannot_write_their_own_score_over_rpc(self):
        for vals in (
            {"general_points": 30},
            {"task_points": 70},
            {"band": "excellent"},
        ):
            reply = self._write(self.own, vals)
            self.assertRefused(reply)
        self.assertEqual((self.own.general_points, self.own.task_points), (0, 70))

    @mute_logger("odoo.http")
    def test_staff_cannot_read_a_colleagues_score_over_rpc(self):
        reply = self._call_kw(
            "directive.score.line", "read", [[self.other.id], ["total"]]
        )
        self.assertRefused(reply)

    @mute_logger("odoo.http")
    def test_staff_cannot_close_or_compute_the_period_over_rpc(self):
        for method in ("action_close", "action_compute"):
            reply = self._call_kw("directive.score.period", method, [[self.period.id]])
            self.assertRefused(reply)
        reply = self._write(self.period, {"state": "closed"})
        self.assertRefused(reply)
        self.assertEqual(self.period.state, "draft")

    @mute_logger("odoo.http")
    def test_staff_cannot_forge_a_scored_task_over_rpc(self):
        reply = self._call_kw(
            "directive.score.item",
            "create",
            [
                {
                    "period_id": self.period.id,
                    "line_id": self.own.id,
                    "task_id": self.own.item_ids.task_id.id,
                    "coefficient": 10,
                    "share": 100,
                    "done": True,
                }
            ],
        )
        self.assertRefused(reply)

    @mute_logger("odoo.http")
    def test_staff_cannot_record_an_objective_cause_over_rpc(self):
        reply = self._call_kw(
            "directive.score.exemption",
            "create",
            [
                {
                    "task_id": self.own.item_ids.task_id.id,
                    "kind": "quality",
                    "reason": "x",
                }
            ],
        )
        self.assertRefused(reply)

    @mute_logger("odoo.http")
    def test_head_cannot_reopen_a_closed_period_over_rpc(self):
        self.period.with_user(self.agency_admin).action_close()
        self.authenticate("agency_admin", "agency_admin")
        reply = self._write(self.period, {"state": "draft"})
        self.assertRefused(reply)
        reply = self._write(self.own, {"general_points": 30})
        self.assertRefused(reply)
        self.assertEqual(self.period.state, "closed")
