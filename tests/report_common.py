from datetime import date

from ..models.directive_report_line import CATEGORY_FIELDS
from .common import DirectiveCase

# The layout shared by the PDF and the workbook.
LAYOUT = "report.directive_tracking.report_directive"

# The fixed dataset: the first quarter of 2026, judged on 15 April 2026.
CUTOFF = date(2026, 4, 15)
Q1 = {"period_type": "quarter", "period_year": 2026, "period_quarter": "1"}


class ReportCase(DirectiveCase):
    """Tasks of the first quarter of 2026 whose category on 15 April 2026 is
    known by hand (see each line), in two agencies and two communes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Labels are checked in their English source (the database may only
        # have Vietnamese); the PDF tests print in Vietnamese.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        t = cls._task_at
        # Sở Tài chính
        cls.a_on_time = t(
            cls.agency, "2026-01-10", "2026-03-31", done=("2026-03-30", "2026-04-02")
        )
        cls.a_late = t(
            cls.agency, "2026-01-15", "2026-02-28", done=("2026-03-05", "2026-03-06")
        )
        cls.a_within = t(cls.agency, "2026-02-01", "2026-04-30", updated="2026-03-01")
        cls.a_overdue = t(cls.agency, "2026-02-10", "2026-03-15")  # never updated
        cls.a_no_deadline = t(cls.agency, "2026-03-01", None, updated="2026-03-10")
        # Left out: assigned before the period, cancelled.
        cls.a_before = t(cls.agency, "2025-12-20", "2026-03-01", updated="2026-01-05")
        cls.a_cancelled = t(cls.agency, "2026-01-20", "2026-03-01", state="cancelled")
        # Sở Y tế
        cls.b_on_deadline_day = t(
            cls.agency_b, "2026-01-05", "2026-01-31", done=("2026-01-31", "2026-02-02")
        )
        cls.b_to_confirm = t(
            cls.agency_b,
            "2026-02-01",
            "2026-04-15",
            updated="2026-04-10",
            state="to_confirm",
        )
        # Xã Hòa Bình, its office counting under it
        cls.c_overdue = t(cls.commune, "2026-01-10", "2026-03-31", updated="2026-02-01")
        cls.c_office_within = t(cls.commune_office, "2026-02-15", "2026-05-31")
        cls.c_office_no_deadline = t(
            cls.commune_office, "2026-03-10", None, done=("2026-03-20", "2026-03-21")
        )
        # Phường An Lạc
        cls.d_late = t(
            cls.commune_b, "2026-03-20", "2026-04-10", done=("2026-04-12", "2026-04-13")
        )
        cls.d_transferred = t(
            cls.commune_b, "2026-03-01", "2026-03-31", state="transferred"
        )
        cls.d_draft = cls._task(cls.commune_b, deadline="2026-03-31")

    @classmethod
    def _task_at(cls, unit, assigned, deadline, done=None, updated=None, state=None):
        """A task with the dates of its history written directly.

        ``done`` is (completion date, confirmation date).
        """
        vals = {"has_deadline": "none"} if deadline is None else {"deadline": deadline}
        task = cls._assigned_task(unit, **vals)
        history = {"assign_date": assigned, "last_update_date": updated}
        if done:
            history.update(
                state="done",
                completion_date=done[0],
                confirm_date=done[1],
                last_update_date=done[0],
            )
        elif state:
            history["state"] = state
        elif updated:
            history["state"] = "in_progress"
        task.write(history)
        return task

    def _report(self, form="1", **values):
        vals = dict(Q1, form=form, cutoff_date=CUTOFF)
        vals.update(values)
        return self.env["directive.report"].create(vals)

    @staticmethod
    def _counts(row):
        """The category counts of a row, in the columns' order (the figures
        shared by Form 1 and the dashboard)."""
        return tuple(row[key] for key in CATEGORY_FIELDS)

    @staticmethod
    def _table(report):
        """The report's table as printed: the text of every cell."""
        columns = report.env[LAYOUT]._columns(report)
        table = []
        for row in report._get_rows():
            if report.env[LAYOUT]._is_spanning_row(report, row):
                table.append(
                    [row["label"] or "", report.env[LAYOUT]._row_title(report, row)]
                )
                continue
            table.append(
                [
                    report.env[LAYOUT]._cell_text(report, row, column)
                    for column in columns
                ]
            )
        return table
