from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.directive_report_line import REPORT_BLOCKS
from ..models.directive_task import (
    CATEGORY_SUMS,
    EXCLUDED_STATES,
    TASK_STATES,
    TIMELINESS,
)


class DirectiveTaskReport(models.Model):
    """One row per counted task, with its category today, for the leaders'
    pivot and graph analysis (totals by category, units, monthly trend).

    Built on the task's stored timeliness, refreshed daily; the printed
    reports compute the categories at their own cutoff date instead.
    """

    _name = "directive.task.report"
    _description = "Task analysis"
    _auto = False
    _order = "deadline, id"
    _rec_name = "code"

    task_id = fields.Many2one("directive.task", string="Task", readonly=True)
    code = fields.Char(string="Task code", readonly=True)
    name = fields.Text(string="Content", readonly=True)
    lead_unit_id = fields.Many2one("directive.unit", string="Lead unit", readonly=True)
    row_unit_id = fields.Many2one(
        "directive.unit",
        string="Reporting unit",
        readonly=True,
        help="Agency or commune under which the task is counted in the summary "
        "report (the lead unit, or its agency or commune).",
    )
    block = fields.Selection(REPORT_BLOCKS, readonly=True)
    source_id = fields.Many2one("directive.source", string="Source", readonly=True)
    leader_id = fields.Many2one("res.users", string="Directing leader", readonly=True)
    officer_id = fields.Many2one("res.users", string="Following officer", readonly=True)
    category_id = fields.Many2one(
        "directive.task.category", string="Field", readonly=True
    )
    state = fields.Selection(TASK_STATES, string="Status", readonly=True)
    timeliness = fields.Selection(TIMELINESS, readonly=True)
    assign_date = fields.Date(readonly=True)
    deadline = fields.Date(readonly=True)
    completion_date = fields.Date(readonly=True)
    is_not_started = fields.Boolean(string="Not started", readonly=True)
    is_due_soon = fields.Boolean(string="Due soon", readonly=True)
    is_stale = fields.Boolean(string="Not updated", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    task_count = fields.Integer(string="Tasks", readonly=True)
    done_count = fields.Integer(string="Done", readonly=True)
    done_on_time_count = fields.Integer(string="Done on time", readonly=True)
    done_late_count = fields.Integer(string="Done late", readonly=True)
    open_within_count = fields.Integer(string="Open, within deadline", readonly=True)
    overdue_count = fields.Integer(string="Open, overdue", readonly=True)
    due_count = fields.Integer(
        string="Due", readonly=True, help="Done plus open overdue."
    )
    no_deadline_count = fields.Integer(string="No deadline", readonly=True)
    not_started_count = fields.Integer(string="Not started (count)", readonly=True)
    due_soon_count = fields.Integer(string="Due soon (count)", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        row_unit_join = self.env[
            "report.directive_tracking.report_directive_query"
        ]._row_unit_join("lead")
        self.env.cr.execute(
            SQL(
                f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT t.id, t.id AS task_id, t.code, t.name, t.lead_unit_id,
                       top.id AS row_unit_id, top.report_block AS block,
                       t.source_id, t.leader_id, t.officer_id, t.category_id,
                       t.state, t.timeliness, t.assign_date, t.deadline,
                       t.completion_date, t.is_not_started, t.is_due_soon,
                       t.is_stale, t.days_overdue, t.company_id,
                       1 AS task_count,
                       (t.timeliness IN %(done)s)::int AS done_count,
                       (t.timeliness = 'done_on_time')::int AS done_on_time_count,
                       (t.timeliness = 'done_late')::int AS done_late_count,
                       (t.timeliness = 'open_within')::int AS open_within_count,
                       (t.timeliness = 'open_overdue')::int AS overdue_count,
                       (t.timeliness IN %(due)s)::int AS due_count,
                       (t.has_deadline = 'none')::int AS no_deadline_count,
                       (t.timeliness IN %(open)s
                        AND COALESCE(t.is_not_started, FALSE))::int
                           AS not_started_count,
                       COALESCE(t.is_due_soon, FALSE)::int AS due_soon_count
                  FROM directive_task t
                  JOIN directive_unit lead ON lead.id = t.lead_unit_id
                  {row_unit_join}
                 -- Leaders and the Office analyse the province's tasks:
                 -- a sub-task counts in the task it was split from.
                 WHERE t.state NOT IN %(excluded_states)s AND t.parent_id IS NULL
            )
            """,
                excluded_states=EXCLUDED_STATES,
                **CATEGORY_SUMS,
            )
        )

    def action_open_task(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "directive.task",
            "res_id": self.task_id.id,
            "view_mode": "form",
            "target": "current",
        }
