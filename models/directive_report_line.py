from decimal import ROUND_HALF_UP, Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError

from .directive_task import CATEGORY_SUMS, TASK_STATES, TIMELINESS
from .directive_unit_level import REPORT_BLOCKS

LINE_TYPES = [
    ("block", "Block subtotal"),
    ("unit", "Unit"),
    ("group", "Unit heading"),
    ("task", "Task"),
    ("total", "Total"),
    ("part", "Part heading"),
    ("part_unit", "Coordinating unit"),
    ("part_total", "Part total"),
]
# Category counts of Form 1, in the order of its columns (the figures shared
# by Form 1 and the dashboard).
CATEGORY_FIELDS = (
    "total",
    "done",
    "done_on_time",
    "done_late",
    "open",
    "open_within",
    "open_overdue",
    "not_started",
    "no_deadline_done",
    "no_deadline_open",
)
# Figures of a summary row (Form 1, and the unit headings of Form 3).
COUNT_FIELDS = CATEGORY_FIELDS + ("stale", "due_soon")
RATE_FIELDS = ("rate_completion", "rate_overdue", "rate_done_share", "rate_on_time")
# The headline rate, a setting (DESIGN §5), and the rate column it puts
# forward.
HEADLINE_RATES = [
    ("office", "Government Office style (done ÷ due)"),
    ("assigned", "Share of all assigned"),
    ("on_time", "On-time share of done"),
]
HEADLINE_FIELD = {
    "office": "rate_completion",
    "assigned": "rate_done_share",
    "on_time": "rate_on_time",
}
# Values of a task row (Forms 2 and 3), copied so that a reprint never reads
# the live task.
TASK_VALUE_FIELDS = (
    "task_code",
    "source_ref",
    "source_date",
    "source_issuer",
    "leader_name",
    "content",
    "lead_unit_name",
    "coordination_names",
    "deadline",
    "original_deadline",
    "extension_count",
    "previous_deadline",
    "overdue_days_recorded",
    "completion_date",
    "days_overdue",
    "days_left",
    "timeliness",
    "task_state",
    "is_not_started",
    "is_due_soon",
    "last_update_date",
    "result",
    "result_documents",
    "difficulties",
    "proposals",
    "officer_name",
)
ROW_FIELDS = (
    ("line_type", "label", "name", "block", "unit_id", "task_id")
    + COUNT_FIELDS
    + TASK_VALUE_FIELDS
)


def empty_row(**values):
    """A row with every key, its counts at zero."""
    row = dict.fromkeys(ROW_FIELDS)
    row.update(dict.fromkeys(COUNT_FIELDS, 0))
    row.update(values)
    return row


# Fields written by the issue action only.

# Decimals of the printed rates (1 or 2; the Government Office prints 2).
RATE_DIGITS_PARAM = "directive_tracking.rate_digits"
DEFAULT_RATE_DIGITS = 2


def format_rate(value, digits=DEFAULT_RATE_DIGITS):
    """A rate as the reports print it: a percentage rounded half up (not
    Python's round(), which rounds half to even on binary floats) with
    ``digits`` decimals and a comma as decimal separator: 0.98625 ->
    "98,63%". None (no denominator) prints blank."""
    if value is None or value is False:
        return ""
    # repr() is the shortest decimal that gives the float back: 0.98625
    # stays 0.98625, not 0.98624999999999996...
    percent = Decimal(repr(float(value))) * 100
    rounded = percent.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{rounded:f}".replace(".", ",") + "%"


def round_rate(value, digits=DEFAULT_RATE_DIGITS):
    """The rate rounded half up as printed, as a fraction (for the workbook)."""
    if value is None:
        return None
    percent = Decimal(repr(float(value))) * 100
    rounded = percent.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return float(rounded / 100)


def category_sum(row, figure):
    """A sum of DESIGN §5 (done, open, due) from the categories of ``row``."""
    return sum(row[category] for category in CATEGORY_SUMS[figure])


def rates(row):
    """The three rates of DESIGN §5 from the counts of a summary row.

    "Done" is the Done column (tasks with a deadline, on time or late); tasks
    without deadline have their own column and only weigh in the share of all
    assigned.  A rate whose denominator is zero is None (printed blank).
    """
    done, overdue, total = row["done"], row["open_overdue"], row["total"]
    due = category_sum(row, "due")
    return {
        "rate_completion": done / due if due else None,
        "rate_overdue": overdue / due if due else None,
        "rate_done_share": done / total if total else None,
        "rate_on_time": row["done_on_time"] / done if done else None,
    }


class DirectiveReportLine(models.Model):
    """A row of an issued report, stored as printed.

    Rows hold plain values (names, codes, dates, counts), never values read
    through the live task, so that reprinting an issued report gives the same
    figures whatever happened to the tasks since.
    """

    _name = "directive.report.line"
    _description = "Row of an issued report"
    _order = "report_id, sequence, id"

    report_id = fields.Many2one(
        "directive.report", required=True, index=True, ondelete="cascade"
    )
    form = fields.Selection(related="report_id.form")
    sequence = fields.Integer()
    line_type = fields.Selection(LINE_TYPES, required=True, default="unit")
    label = fields.Char(string="No.")
    name = fields.Char(string="Unit or block")
    block = fields.Selection(REPORT_BLOCKS)
    # Kept to open the tasks behind a row; the printed values never use them.
    unit_id = fields.Many2one("directive.unit", string="Unit", ondelete="set null")
    task_id = fields.Many2one("directive.task", string="Task", ondelete="set null")

    total = fields.Integer(string="Total assigned")
    done = fields.Integer()
    done_on_time = fields.Integer(string="Done on time")
    done_late = fields.Integer(string="Done late")
    open = fields.Integer()
    open_within = fields.Integer(string="Open, within deadline")
    open_overdue = fields.Integer(string="Open, overdue")
    not_started = fields.Integer(string="Of which not started")
    no_deadline_done = fields.Integer(string="No deadline, done")
    no_deadline_open = fields.Integer(string="No deadline, open")
    stale = fields.Integer(string="Not updated")
    due_soon = fields.Integer(string="Due soon (count)")
    rate_completion = fields.Float(
        string="Completion rate", compute="_compute_rates", digits=(16, 4)
    )
    rate_overdue = fields.Float(
        string="Overdue rate", compute="_compute_rates", digits=(16, 4)
    )
    rate_done_share = fields.Float(
        string="Done share of all assigned", compute="_compute_rates", digits=(16, 4)
    )
    rate_on_time = fields.Float(
        string="On-time share of done", compute="_compute_rates", digits=(16, 4)
    )

    task_code = fields.Char()
    source_ref = fields.Char(string="Source number or meeting")
    source_date = fields.Date()
    source_issuer = fields.Char()
    leader_name = fields.Char(string="Directing leader")
    content = fields.Text()
    lead_unit_name = fields.Char(string="Lead unit")
    coordination_names = fields.Text(string="Coordinating units")
    deadline = fields.Date()
    original_deadline = fields.Date()
    extension_count = fields.Integer(string="Extensions")
    previous_deadline = fields.Date()
    overdue_days_recorded = fields.Integer()
    completion_date = fields.Date()
    days_overdue = fields.Integer()
    days_left = fields.Integer()
    timeliness = fields.Selection(TIMELINESS)
    task_state = fields.Selection(TASK_STATES, string="Status at the cutoff")
    is_not_started = fields.Boolean(string="Not started")
    is_due_soon = fields.Boolean(string="Due soon")
    last_update_date = fields.Date()
    result = fields.Text()
    result_documents = fields.Text()
    difficulties = fields.Text()
    proposals = fields.Text()
    officer_name = fields.Char(string="Following officer")

    @api.depends(*COUNT_FIELDS)
    def _compute_rates(self):
        for line in self:
            for fname, value in rates(line).items():
                line[fname] = value or 0.0

    def _as_row(self):
        """The row as the printing code reads it (same keys as a live row)."""
        self.ensure_one()
        row = {}
        for fname in ROW_FIELDS:
            value = self[fname]
            if isinstance(value, models.BaseModel):
                value = value.id or None
            row[fname] = value if value is not False else None
        # An Integer column cannot hold "no value": only due-soon tasks have
        # days left.
        if not row["is_due_soon"]:
            row["days_left"] = None
        return row

    def write(self, vals):
        if self.report_id.filtered(lambda report: report.state == "issued"):
            raise UserError(
                self.env._("The rows of an issued report cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if any(line.report_id.state == "issued" for line in self):
            raise UserError(
                self.env._("The rows of an issued report cannot be deleted.")
            )

    def action_open_tasks(self):
        """The tasks behind a row, as they are today."""
        self.ensure_one()
        return self.report_id._action_open_tasks(self.unit_id, self.task_id)
