from .common import DirectiveCase


class ScoreCase(DirectiveCase):
    """A month of work of Sở Tài chính (March 2026, calendar periods): its head
    (agency_admin) and two members of staff."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency_staff_b = cls._user("agency_staff_b", "group_unit_staff", cls.agency)
        cls.category = cls.env["directive.task.category"].create({"name": "Ngân sách"})

    def _held(
        self,
        user,
        deadline,
        done_on=None,
        returned=0,
        extensions=0,
        share=100,
        unit=None,
        internal_deadline=False,
        **task_vals,
    ):
        """A task of the agency held by ``user`` (or by nobody when None),
        completed on ``done_on``, with ``returned`` returned completions and
        ``extensions`` approved extensions before that."""
        unit = unit or self.agency
        task = self._assigned_task(
            unit, assign_on="2026-01-02", deadline=deadline, **task_vals
        )
        if user:
            self.env["directive.task.assignee"].create(
                {
                    "task_id": task.id,
                    "unit_id": unit.id,
                    "user_id": user.id,
                    "share": share,
                    "deadline": internal_deadline,
                }
            )
        for _ in range(returned):
            completion = self.env["directive.task.completion"].create(
                {"task_id": task.id, "result": "Báo cáo kết quả", "date": "2026-01-10"}
            )
            completion.write({"return_reason": "Chưa đạt yêu cầu"})
            completion.with_user(self.officer).action_return()
        for _ in range(extensions):
            self.env["directive.task.extension"].create(
                {
                    "task_id": task.id,
                    "reason": "Chờ ý kiến các sở",
                    "proposed_date": "2026-12-31",
                    "state": "approved",
                    "decision_date": "2026-01-15",
                }
            )
        if done_on:
            task.write({"state": "done", "completion_date": done_on})
        return task

    def _period(self, unit=None, **vals):
        unit = unit or self.agency
        vals.setdefault("period_style", "calendar")
        vals.setdefault("year", 2026)
        vals.setdefault("number", 3)
        return self.env["directive.score.period"].create(
            {"unit_id": unit.id, "period_kind": "month", **vals}
        )

    def _scored(self, **vals):
        period = self._period(**vals)
        period.with_user(self.agency_admin).action_compute()
        return period

    def _line(self, period, user):
        return period.line_ids.filtered(lambda line: line.user_id == user)

    def _evaluate(self, period, user, points):
        """The head of the agency gives ``user`` ``points`` for the general
        criteria."""
        self._line(period, user).with_user(self.agency_admin).write(
            {"general_points": points}
        )
