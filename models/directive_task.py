from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .directive_source import URGENCY
from .field_labels import refuse_action_fields
from .required_text import check_required_text

TASK_STATES = [
    ("draft", "Draft"),
    ("assigned", "Assigned"),
    ("in_progress", "In progress"),
    ("to_confirm", "Awaiting confirmation"),
    ("returned", "Returned"),
    ("done", "Done"),
    ("paused", "Paused"),
    ("cancelled", "Cancelled"),
    ("transferred", "Transferred"),
]
# States a unit is still expected to work in.
OPEN_STATES = ("assigned", "in_progress", "to_confirm", "returned", "paused")
# States in which the unit may still report on the task: progress, its
# completion, a split into sub-tasks; the Office may pause it; the unit and
# its staff get reminders.
REPORTING_STATES = ("assigned", "in_progress", "returned")
# States in which the unit may ask for an extension: those, and a pause.
EXTENDABLE_STATES = (*REPORTING_STATES, "paused")
# States of a task closed without being done (cancelled, transferred).
CLOSED_STATES = ("cancelled", "transferred")
# States left out of every count and rate.
EXCLUDED_STATES = ("draft", *CLOSED_STATES)


def sql_states(states):
    """States as an SQL list, for the partial indexes' definitions (which
    take no parameters); everywhere else the states are a query parameter."""
    return "({})".format(", ".join(f"'{state}'" for state in states))


_OPEN_STATES_SQL = sql_states(OPEN_STATES)

# What kind of work a task is, and whether it has a deadline: the task's and
# the assignment wizard's choices.
TASK_KINDS = [("one_off", "One-off"), ("regular", "Regular"), ("periodic", "Periodic")]
DEADLINE_KINDS = [("deadline", "With deadline"), ("none", "No deadline")]

TIMELINESS = [
    ("done_on_time", "Done on time"),
    ("done_late", "Done late"),
    ("open_within", "Open, within deadline"),
    ("open_overdue", "Open, overdue"),
    ("no_deadline_done", "No deadline, done"),
    ("no_deadline_open", "No deadline, open"),
    ("excluded", "Not counted"),
]
# The sums of DESIGN §5 over those categories: done = on time + late; open =
# within + overdue (the only ones in which a task counts as "not started");
# due = done + open overdue. Form 1, the analysis view, the dashboard, the
# rates and the workbook's formulas add them up from here.
CATEGORY_SUMS = {
    "done": ("done_on_time", "done_late"),
    "open": ("open_within", "open_overdue"),
    "due": ("done_on_time", "done_late", "open_overdue"),
}

# Fields that only the workflow actions write (DESIGN §4, integrity of the
# record): create, write, copy and import refuse them from anywhere else.
WORKFLOW_FIELDS = frozenset(
    {
        "code",
        "state",
        "assign_date",
        "pause_date",
        "resume_date",
        "cancel_date",
        "transfer_date",
        "original_deadline",
        "previous_deadline",
        "extension_count",
        "overdue_days_recorded",
        "reported_progress",
        "progress",
        "subtask_count",
        "subtask_done_count",
        "awaiting_completion_report",
        "last_update_date",
        "completion_date",
        "confirm_date",
        "result",
        "difficulties",
        "proposals",
        "timeliness",
        "days_overdue",
        "is_due_soon",
        "is_stale",
        "is_not_started",
        "last_reminder_date",
    }
)
# Fields of the assignment itself: set on a draft; once the task is assigned,
# only the workflow changes them (an approved extension, a transfer to the
# successor of a closed unit).
ASSIGNMENT_FIELDS = frozenset(
    {"deadline", "has_deadline", "lead_unit_id", "parent_id", "leader_id"}
)
# Largest unit subtree that the task rules pass to PostgreSQL as a list of
# ids (see _search_unit_scope_ids).
SCOPE_IDS_LIMIT = 500
# Fields naming users, shown in the task views.
USER_FIELDS = {"leader_id", "officer_id"}
# Date of the last refresh of every task's timeliness (ISO format).
TIMELINESS_DATE_PARAM = "directive_tracking.timeliness_date"
# Lead units an officer's daily digest lists one by one, most overdue first;
# the others share one line.
DIGEST_UNITS = 20


def passes(check, *args):
    """Whether ``check`` lets the current account through: the buttons
    (``can_*`` fields) read the very checks the actions run."""
    try:
        check(*args)
    except (AccessError, UserError):
        return False
    return True


def stamp_reminded(records, today):
    """Mark tasks or coordination lines reminded today, so that the job run
    again the same day (after a crash) skips them. The job's bookkeeping, not
    an edit: no tracking, no new write date, one UPDATE a batch. The ORM
    wrote it in ten statements a batch with the write date and uid: 12 s a
    day for 55,000 tasks, against 9 s for the date alone."""
    if not records:
        return
    records.env.cr.execute(
        SQL(
            "UPDATE %s SET last_reminder_date = %s WHERE id IN %s",
            SQL.identifier(records._table),
            today,
            tuple(records.ids),
        )
    )
    records.invalidate_recordset(["last_reminder_date"])


class DirectiveTask(models.Model):
    """A task that a directive assigns to a lead unit.

    Workflow fields (state, deadlines, completion) are written by the
    workflow methods and by the records that units create (progress updates,
    completion reports, extension requests), never typed in.
    """

    _name = "directive.task"
    _description = "Directive task"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "deadline, id desc"
    _rec_names_search = ["code", "name"]
    # Units only read their tasks, yet they discuss them in the chatter.
    _mail_post_access = "read"

    code = fields.Char(
        string="Task code", readonly=True, copy=False, default="/", index="trigram"
    )
    name = fields.Text(string="Content", required=True, tracking=True, index="trigram")
    expected_result = fields.Text(
        help="What the lead unit is expected to deliver, e.g. a report or a decision."
    )
    source_id = fields.Many2one(
        "directive.source",
        string="Source",
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    source_date = fields.Date(related="source_id.date", string="Source date")
    leader_id = fields.Many2one(
        "res.users",
        string="Directing leader",
        index=True,
        tracking=True,
        compute="_compute_leader_id",
        store=True,
        readonly=False,
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("directive_tracking.group_leader").id)
        ],
    )
    officer_id = fields.Many2one(
        "res.users",
        string="Following officer",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        help="Office officer who follows and urges the task.",
    )
    lead_unit_id = fields.Many2one(
        "directive.unit",
        string="Lead unit",
        required=True,
        # Indexed with the state by directive_task_lead_unit_index (init).
        tracking=True,
        ondelete="restrict",
    )
    coordination_ids = fields.One2many(
        "directive.task.coordination", "task_id", string="Coordinating units"
    )
    kind = fields.Selection(
        TASK_KINDS,
        required=True,
        default="one_off",
    )
    category_id = fields.Many2one(
        "directive.task.category", string="Field", ondelete="restrict"
    )
    urgency = fields.Selection(URGENCY, default="normal", required=True)
    has_deadline = fields.Selection(
        DEADLINE_KINDS,
        string="Deadline kind",
        required=True,
        default="deadline",
        tracking=True,
    )
    deadline = fields.Date(
        index=True,
        tracking=True,
        help="Effective deadline: the original one, or the last approved extension.",
    )
    original_deadline = fields.Date(readonly=True, copy=False)
    previous_deadline = fields.Date(readonly=True, copy=False)
    extension_count = fields.Integer(readonly=True, copy=False)
    overdue_days_recorded = fields.Integer(
        readonly=True,
        copy=False,
        help="Days the task was already overdue when an extension was approved; "
        "an extension does not erase them.",
    )
    parent_id = fields.Many2one(
        "directive.task", string="Parent task", index=True, ondelete="restrict"
    )
    parent_code = fields.Char(related="parent_id.code", string="Parent task code")
    parent_name = fields.Text(related="parent_id.name", string="Parent task content")
    child_ids = fields.One2many("directive.task", "parent_id", string="Sub-tasks")
    subtask_count = fields.Integer(compute="_compute_subtask_stats", store=True)
    subtask_done_count = fields.Integer(compute="_compute_subtask_stats", store=True)
    awaiting_completion_report = fields.Boolean(
        string="Sub-tasks done, awaiting the unit's completion report",
        compute="_compute_awaiting_completion_report",
        store=True,
        help="Every sub-task is done: the lead unit now reports the task's "
        "completion to the Office.",
    )
    state = fields.Selection(
        TASK_STATES,
        required=True,
        default="draft",
        index=True,
        tracking=True,
        copy=False,
        readonly=True,
    )
    assign_date = fields.Date(readonly=True, copy=False, index=True)
    # Dates of the workflow's events, kept so that a report at a past cutoff
    # sees the task as it stood then (DESIGN §5): the last pause and resume,
    # the cancellation, the transfer.
    pause_date = fields.Date(string="Paused on", readonly=True, copy=False)
    resume_date = fields.Date(string="Resumed on", readonly=True, copy=False)
    cancel_date = fields.Date(string="Cancelled on", readonly=True, copy=False)
    transfer_date = fields.Date(string="Transferred on", readonly=True, copy=False)
    reported_progress = fields.Integer(readonly=True, copy=False)
    progress = fields.Integer(
        compute="_compute_progress",
        store=True,
        recursive=True,
        help="Progress reported by the lead unit, or the average of the sub-tasks.",
    )
    last_update_date = fields.Date(readonly=True, copy=False, index=True)
    update_ids = fields.One2many("directive.task.update", "task_id", string="Updates")
    completion_ids = fields.One2many(
        "directive.task.completion", "task_id", string="Completion reports"
    )
    extension_ids = fields.One2many(
        "directive.task.extension", "task_id", string="Extension requests"
    )
    result_document_ids = fields.One2many(
        "dms.file",
        "directive_task_id",
        string="Result documents",
        readonly=True,
        help="Files of the task's progress updates and completion reports, "
        "in the document-management system.",
    )
    completion_date = fields.Date(
        readonly=True,
        copy=False,
        help="Date of the lead unit's completion report that the Office confirmed.",
    )
    confirm_date = fields.Date(readonly=True, copy=False)
    result = fields.Text(readonly=True, copy=False)
    difficulties = fields.Text(readonly=True, copy=False)
    proposals = fields.Text(readonly=True, copy=False)
    # Timeliness at today's date, refreshed daily and on every relevant change
    # by _refresh_timeliness() so that lists can filter and group on it.
    timeliness = fields.Selection(TIMELINESS, readonly=True, copy=False, index=True)
    days_overdue = fields.Integer(readonly=True, copy=False)
    is_due_soon = fields.Boolean(readonly=True, copy=False)
    is_stale = fields.Boolean(
        string="Not updated",
        readonly=True,
        copy=False,
        help="Open and not updated for longer than the configured number of days.",
    )
    is_not_started = fields.Boolean(readonly=True, copy=False)
    last_reminder_date = fields.Date(readonly=True, copy=False)
    color = fields.Integer(compute="_compute_color")
    unit_scope_ids = fields.Many2many(
        "directive.unit",
        string="Lead and coordinating units",
        compute="_compute_unit_scope_ids",
        search="_search_unit_scope_ids",
    )
    can_assign = fields.Boolean(
        compute="_compute_can_assign",
        help="Whether the current account may assign the task.",
    )
    can_file = fields.Boolean(
        compute="_compute_can_file",
        help="Whether the current account files progress, completion and "
        "extension requests for the task's lead unit.",
    )
    can_report_progress = fields.Boolean(
        compute="_compute_can_file",
        help="Whether the current account may report progress on the task, as "
        "its lead unit or as one of its coordinating units.",
    )
    is_open = fields.Boolean(
        string="Open",
        compute="_compute_is_open",
        search="_search_is_open",
        help="Whether the unit is still expected to work on the task.",
    )
    can_report = fields.Boolean(
        string="Open for reports",
        compute="_compute_can_report",
        help="Whether the task is in a state in which its units may still "
        "report progress or completion, or split it.",
    )
    can_extend = fields.Boolean(
        string="Open for extension requests",
        compute="_compute_can_report",
        help="Whether the task is in a state in which its lead unit may ask "
        "for an extension.",
    )
    can_manage = fields.Boolean(
        compute="_compute_can_manage",
        help="Whether the current account may pause, resume, cancel or transfer "
        "the task.",
    )
    is_my_subtree = fields.Boolean(
        string="In my unit and below",
        compute="_compute_is_my_subtree",
        search="_search_is_my_subtree",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # The units' record rule looks tasks up by lead unit and only needs their
    # ids: an index-only scan, with the state for "open in my unit".
    _lead_unit_index = models.Index("(lead_unit_id, state) INCLUDE (id)")
    # Open tasks are what units and the Office look at all day: the list
    # (ordered by deadline) and the kanban (grouped by state, coloured by
    # timeliness) read them straight from these small partial indexes.
    # Neither holds the days overdue nor the progress: the daily refresh
    # rewrites the days overdue of every late task, and a column in an index
    # makes each such update add an entry to every index of the table (no
    # HOT update). With them included, this index had grown to 262 MB for
    # 145,000 open tasks on the 1M data set, and the kanban's progress bars
    # took 350 ms to read it instead of 32 ms.
    _open_deadline_index = models.Index(
        f"(deadline, id DESC) WHERE state IN {_OPEN_STATES_SQL}"
    )
    _open_state_index = models.Index(
        "(state, deadline, id DESC) INCLUDE (timeliness)"
        f" WHERE state IN {_OPEN_STATES_SQL}"
    )
    # The daily reminder job pages through the tasks to remind by id. The
    # condition is written as the ORM writes the job's domain ("IS TRUE"),
    # or PostgreSQL cannot tell that the index covers the query: each page
    # of 1,000 then took 230 ms through the open-state index.
    _to_remind_index = models.Index(
        f"(id) WHERE state IN {sql_states(REPORTING_STATES)}"
        " AND (is_due_soon IS TRUE OR timeliness = 'open_overdue')"
    )

    # ------------------------------------------------------------------ compute
    @api.depends("source_id")
    def _compute_leader_id(self):
        for task in self:
            if task.source_id.leader_id and not task.leader_id:
                task.leader_id = task.source_id.leader_id

    @api.depends("child_ids.state")
    def _compute_subtask_stats(self):
        for task in self:
            counted = task.child_ids.filtered(lambda t: t.state not in EXCLUDED_STATES)
            task.subtask_count = len(counted)
            task.subtask_done_count = len(counted.filtered(lambda t: t.state == "done"))

    @api.depends("subtask_count", "subtask_done_count", "state")
    def _compute_awaiting_completion_report(self):
        for task in self:
            task.awaiting_completion_report = (
                task.subtask_count > 0
                and task.subtask_done_count == task.subtask_count
                and task.state in REPORTING_STATES
            )

    @api.depends("reported_progress", "state", "child_ids.progress", "child_ids.state")
    def _compute_progress(self):
        for task in self:
            counted = task.child_ids.filtered(lambda t: t.state not in EXCLUDED_STATES)
            if task.state == "done":
                task.progress = 100
            elif counted:
                task.progress = round(sum(counted.mapped("progress")) / len(counted))
            else:
                task.progress = task.reported_progress

    @api.depends("timeliness", "is_due_soon")
    def _compute_color(self):
        for task in self:
            if task.timeliness == "open_overdue":
                task.color = 1  # red
            elif task.is_due_soon:
                task.color = 2  # orange
            elif task.timeliness in ("done_on_time", "no_deadline_done"):
                task.color = 10  # green
            else:
                task.color = 0

    @api.depends("lead_unit_id", "coordination_ids.unit_id")
    def _compute_unit_scope_ids(self):
        for task in self:
            task.unit_scope_ids = task.lead_unit_id | task.coordination_ids.unit_id

    def _search_unit_scope_ids(self, operator, value):
        """Tasks led or coordinated by the units, as ONE subquery.

        The record rules of units search this: the equivalent domain
        ``lead_unit_id child_of X OR coordination_ids.unit_id child_of X`` is
        an OR of two subqueries, which PostgreSQL can only evaluate by
        reading every task (seconds on a national database), whereas a UNION
        inside one IN becomes a join on the indexes (milliseconds).
        """
        if operator not in ("in", "child_of"):
            raise NotImplementedError(f"unit_scope_ids {operator} is not supported")
        # The subquery reads the tables directly: write pending changes first.
        self.flush_model(["lead_unit_id"])
        self.env["directive.task.coordination"].flush_model(["task_id", "unit_id"])
        # Same scope as child_of itself: every unit, archived or not, and
        # whatever units the current user may read.
        Unit = self.env["directive.unit"].sudo().with_context(active_test=False)
        # A unit's subtree goes into the query as its ids: PostgreSQL then
        # estimates each kanban column right, where the parent_path subselect
        # is estimated at a hundred units for three and gets parallel plans
        # that cost more than the whole query. A subtree too large to list
        # (the province's) stays a subselect.
        values = value if isinstance(value, (list, tuple)) else [value]
        unit_ids = Unit._scope_unit_ids(
            operator, tuple(sorted(int(v) for v in values)), SCOPE_IDS_LIMIT
        )
        if unit_ids is None:
            units = Unit._search([("id", operator, value)]).subselect()
        else:
            units = unit_ids or (0,)
        return [
            (
                "id",
                "in",
                SQL(
                    "(SELECT id FROM directive_task WHERE lead_unit_id IN %s"
                    " UNION ALL"
                    " SELECT task_id FROM directive_task_coordination"
                    " WHERE unit_id IN %s)",
                    units,
                    units,
                ),
            )
        ]

    @api.depends_context("uid")
    def _compute_is_my_subtree(self):
        mine = self.filtered_domain(self._search_is_my_subtree("=", True))
        for task in self:
            task.is_my_subtree = task in mine

    def _search_is_my_subtree(self, operator, value):
        domain = [("lead_unit_id", "child_of", self.env.user.unit_id.ids)]
        if (operator == "=") != bool(value):
            return ["!"] + domain
        return domain

    @api.depends("code", "name")
    def _compute_display_name(self):
        for task in self:
            content = task.name.splitlines()[0] if task.name else ""
            task.display_name = f"[{task.code}] {content}" if task.code else content

    def web_read(self, specification):
        # Name the leaders and officers in one read of users and partners
        # instead of one per column, and read their names only, not every
        # column of both tables (half the time of the leader's task list went
        # there). sudo: as the web client's own naming of many-to-one values.
        users = self.env["res.users"]
        for fname in USER_FIELDS & specification.keys():
            users |= self[fname]
        users.sudo().with_context(prefetch_fields=False).mapped("display_name")
        return super().web_read(specification)

    # -------------------------------------------------------------- constraints
    @api.constrains("has_deadline", "deadline")
    def _check_deadline(self):
        for task in self:
            if task.has_deadline == "deadline" and not task.deadline:
                raise ValidationError(
                    self.env._(
                        "Task %(task)s needs a deadline, or choose 'No deadline'.",
                        task=task.display_name,
                    )
                )

    @api.constrains("name")
    def _check_content(self):
        check_required_text(self, "name", lambda: self.env._("Say what the task is."))

    @api.constrains("deadline", "source_id")
    def _check_deadline_after_source(self):
        for task in self:
            source_date = task.source_id.date
            if task.deadline and source_date and task.deadline < source_date:
                raise ValidationError(
                    self.env._(
                        "The deadline %(deadline)s of task %(task)s is before the "
                        "date of its source (%(date)s).",
                        deadline=task.deadline.strftime("%d/%m/%Y"),
                        task=task.display_name,
                        date=source_date.strftime("%d/%m/%Y"),
                    )
                )

    @api.constrains("lead_unit_id")
    def _check_lead_unit_exists(self):
        for task in self:
            if task.lead_unit_id.is_dissolved():
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s has been merged or dissolved; assign the "
                        "task to its successor.",
                        unit=task.lead_unit_id.name,
                    )
                )

    @api.constrains("parent_id", "lead_unit_id")
    def _check_subtask_unit(self):
        for task in self.filtered("parent_id"):
            parent_unit = task.parent_id.lead_unit_id
            if task.lead_unit_id == parent_unit or not (
                task.lead_unit_id._in_subtree_of(parent_unit)
            ):
                raise ValidationError(
                    self.env._(
                        "A sub-task of %(task)s must go to a unit below %(unit)s.",
                        task=task.parent_id.display_name,
                        unit=parent_unit.name,
                    )
                )
        if self._has_cycle():
            raise ValidationError(self.env._("A task cannot be its own sub-task."))

    # ------------------------------------------------------------------- ORM
    @api.model_create_multi
    def create(self, vals_list):
        self._check_workflow_fields(vals_list)
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("code", "/") == "/":
                vals["code"] = sequence.next_by_code("directive.task") or "/"
            if vals.get("has_deadline") == "none":
                vals["deadline"] = False
            vals.setdefault("original_deadline", vals.get("deadline"))
        tasks = super().create(vals_list)
        tasks._refresh_timeliness()
        return tasks

    @api.model
    def _timeliness_inputs(self):
        return {
            "deadline",
            "has_deadline",
            "state",
            "last_update_date",
            "completion_date",
            "assign_date",
        }

    def _check_workflow_fields(self, vals_list):
        """Refuse the fields that only workflow actions write, and those of
        the assignment once a task is assigned, whatever sends them (forms,
        RPC, copy, import, one2many commands of a parent record)."""
        refused = WORKFLOW_FIELDS
        if self.filtered(lambda task: task.state != "draft"):
            refused |= ASSIGNMENT_FIELDS
        refuse_action_fields(
            self,
            vals_list,
            refused,
            lambda labels: self.env._(
                "%(fields)s: only the task's workflow actions set these.",
                fields=labels,
            ),
        )

    def _workflow_write(self, vals):
        """The one door through which the workflow actions write a task: past
        the refusal of write(), once the action checked who acts."""
        if not self.env.su:
            self.check_access("write")
        # sudo: write() refuses the workflow's own fields to everyone but the
        # superuser; the acting account's access was checked just above, and
        # sudo keeps it as the author of the tracking.
        return self.sudo().write(vals)

    def write(self, vals):
        self._check_workflow_fields([vals])
        if vals.get("has_deadline") == "none":
            vals["deadline"] = False
        res = super().write(vals)
        if "deadline" in vals and "extension_count" not in vals:
            # Until an extension is approved, the deadline is the original
            # one: a draft's deadline may still be corrected.
            unextended = self.filtered(lambda t: not t.extension_count)
            if unextended:
                super(DirectiveTask, unextended).write(
                    {"original_deadline": vals["deadline"]}
                )
        if self._timeliness_inputs() & vals.keys():
            self._refresh_timeliness()
        return res

    # -------------------------------------------------------------- workflow
    def _set_state(self, state, allowed_from, values=None):
        """Move the tasks to ``state``, with the ``values`` that go with it,
        in one write (one timeliness refresh)."""
        wrong = self.filtered(lambda t: t.state not in allowed_from)
        if wrong:
            raise UserError(
                self.env._(
                    "Task %(task)s is %(state)s; this action is not possible now.",
                    task=wrong[0].display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        wrong[0].state
                    ],
                )
            )
        self._workflow_write(dict(values or {}, state=state))
        if state == "done" or state in CLOSED_STATES:
            self.parent_id._on_subtasks_closed()

    def _on_subtasks_closed(self):
        """When every counted sub-task of a task is done, the task awaits its
        lead unit's completion report (README, "Split tasks"): it counts as
        worked on, and the unit's focal points are asked for the report at
        once, rather than the task staying open unnoticed."""
        self.flush_recordset()
        for task in self.filtered("awaiting_completion_report"):
            if task.state == "assigned":
                # sudo: the Office's confirmation of a sub-task moves its
                # parent; the acting account stays the author.
                task.sudo()._workflow_write({"state": "in_progress"})
            task._ask_completion_report()

    def _ask_completion_report(self):
        self.ensure_one()
        activity_type = self.env.ref(
            "directive_tracking.mail_activity_type_completion_report"
        )
        summary = self.env._("All sub-tasks are done: report the task's completion")
        for user in self.lead_unit_id._focal_points_by_unit()[self.lead_unit_id.id]:
            # sudo: reminders go to the unit's focal points whoever's
            # decision closed the last sub-task.
            self.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                summary=summary,
                user_id=user.id,
                date_deadline=self._calendar_today(),
            )

    @api.model
    def _counted_once_domain(self, scope_unit=None):
        """Tasks a report on ``scope_unit`` (or the province) counts: a
        sub-task is its unit's internal work, counted in the task it was
        split from when that task is in the scope, never beside it."""
        if not scope_unit:
            return [("parent_id", "=", False)]
        return [
            "|",
            ("parent_id", "=", False),
            "!",
            ("parent_id.lead_unit_id", "child_of", scope_unit.id),
        ]

    def _check_can_assign(self):
        """Clerks and the Office assign tasks; a unit admin assigns the
        sub-tasks it splits from a task its unit leads."""
        user = self.env.user
        for task in self:
            parent_unit = task.parent_id.lead_unit_id
            if not (
                user.has_group("directive_tracking.group_clerk")
                or (
                    parent_unit
                    and user.has_group("directive_tracking.group_unit_admin")
                    and parent_unit._in_subtree_of(user.unit_id)
                )
            ):
                raise AccessError(
                    self.env._(
                        "Only clerks and the Office assign tasks; a unit assigns "
                        "only the sub-tasks of the tasks it leads."
                    )
                )

    def _check_can_file(self, unit):
        """The side that files progress, a completion or an extension request
        is the unit itself: an account files only for its own unit, never a
        leader or the Office for a unit (DESIGN §4)."""
        if self.env.su:
            return
        if self.env.user.unit_id != unit:
            raise AccessError(
                self.env._(
                    "Only %(unit)s files progress, completion and extension "
                    "requests on its tasks; leaders and the Office read and decide.",
                    unit=unit.name,
                )
            )

    def _check_can_manage(self):
        """Only the Office's monitoring officers pause, resume, cancel or
        transfer tasks."""
        if not self.env.user.has_group("directive_tracking.group_officer"):
            raise AccessError(
                self.env._(
                    "Only the Office's monitoring officers pause, resume, cancel "
                    "or transfer tasks."
                )
            )

    @api.depends_context("uid")
    @api.depends("parent_id.lead_unit_id")
    def _compute_can_assign(self):
        for task in self:
            task.can_assign = passes(task._check_can_assign)

    @api.depends_context("uid")
    @api.depends("lead_unit_id", "coordination_ids.unit_id")
    def _compute_can_file(self):
        for task in self:
            task.can_file = passes(task._check_can_file, task.lead_unit_id)
            task.can_report_progress = task.can_file or any(
                passes(task._check_can_file, unit)
                for unit in task.coordination_ids.unit_id
            )

    @api.depends("state")
    def _compute_is_open(self):
        for task in self:
            task.is_open = task.state in OPEN_STATES

    def _search_is_open(self, operator, value):
        # As project.task's is_closed: Odoo hands a boolean search over as
        # "in" / "not in" (True,).
        if operator not in ("in", "not in"):
            return NotImplemented
        return [("state", operator, OPEN_STATES)]

    @api.depends("state")
    def _compute_can_report(self):
        for task in self:
            task.can_report = task.state in REPORTING_STATES
            task.can_extend = task.state in EXTENDABLE_STATES

    @api.depends_context("uid")
    def _compute_can_manage(self):
        self.can_manage = passes(self._check_can_manage)

    def action_assign(self):
        """Send draft tasks to their units."""
        self._check_can_assign()
        today = fields.Date.context_today(self)
        for task in self:
            assign_date = task.assign_date or today
            if task.deadline and task.deadline < assign_date:
                raise ValidationError(
                    self.env._(
                        "The deadline %(deadline)s of task %(task)s is before its "
                        "assignment date (%(date)s).",
                        deadline=task.deadline.strftime("%d/%m/%Y"),
                        task=task.display_name,
                        date=assign_date.strftime("%d/%m/%Y"),
                    )
                )
            task._set_state(
                "assigned",
                ("draft",),
                {
                    "assign_date": task.assign_date or today,
                    "original_deadline": task.original_deadline or task.deadline,
                },
            )
            task._subscribe_unit_focal_points()
        return True

    def action_pause(self):
        self._check_can_manage()
        today = self._calendar_today()
        self._set_state("paused", REPORTING_STATES, {"pause_date": today})
        # sudo: the pauses are the workflow's record, written by it only.
        self.env["directive.task.pause"].sudo().create(
            [{"task_id": task.id, "date_from": today} for task in self]
        )
        return True

    def action_resume(self):
        self._check_can_manage()
        today = self._calendar_today()
        self._set_state("in_progress", ("paused",), {"resume_date": today})
        # sudo: as in action_pause.
        self.env["directive.task.pause"].sudo().search(
            [("task_id", "in", self.ids), ("date_to", "=", False)]
        ).write({"date_to": today})
        return True

    def action_cancel(self):
        self._check_can_manage()
        self._set_state(
            "cancelled",
            ("draft",) + OPEN_STATES,
            {"cancel_date": self._calendar_today()},
        )
        return True

    def action_transfer(self):
        """Mark tasks handed over outside the province's tracking."""
        self._check_can_manage()
        self._set_state(
            "transferred", OPEN_STATES, {"transfer_date": self._calendar_today()}
        )
        return True

    def _open_dialog(self, model, name, context):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": dict(context, default_task_id=self.id),
        }

    def action_receive(self):
        """The lead unit acknowledges the task; it counts as started."""
        for task in self:
            self.env["directive.task.update"].create(
                {
                    "task_id": task.id,
                    "note": self.env._("Task received."),
                    "progress": task.reported_progress,
                }
            )
        return True

    def action_open_update(self):
        return self._open_dialog(
            "directive.task.update",
            self.env._("Report progress"),
            {"default_progress": self.reported_progress},
        )

    def action_open_completion(self):
        return self._open_dialog(
            "directive.task.completion", self.env._("Report completion"), {}
        )

    def action_open_extension(self):
        return self._open_dialog(
            "directive.task.extension", self.env._("Ask for an extension"), {}
        )

    @api.model
    def _action_open_tasks(self, domain, name=None):
        """The task window on ``domain``, as every figure of the reports and
        the dashboard opens the tasks behind it."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "directive_tracking.directive_task_action"
        )
        action.update(
            domain=domain,
            context={},
            view_mode="list,form,kanban",
            views=[(False, "list"), (False, "form"), (False, "kanban")],
        )
        if name:
            action["name"] = name
        return action

    def action_open_pending_completion(self):
        self.ensure_one()
        completion = self.completion_ids.filtered(lambda c: c.state == "submitted")[:1]
        if not completion:
            raise UserError(
                self.env._("This task has no completion report to decide on.")
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Confirm or return the completion"),
            "res_model": "directive.task.completion",
            "res_id": completion.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_open_split(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Split into sub-tasks"),
            "res_model": "directive.task.assign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_parent_task_id": self.id, "default_name": self.name},
        }

    def _subscribe_unit_focal_points(self):
        # Subscribing other people needs write access to the task, which a
        # unit admin splitting a task does not have; the caller was already
        # allowed to assign the task to these units.
        focal_points = self.lead_unit_id._focal_points_by_unit()
        for unit, tasks in self.grouped("lead_unit_id").items():
            tasks.sudo().message_subscribe(
                partner_ids=focal_points[unit.id].partner_id.ids
            )

    def _register_update(self, update):
        """Apply a progress update to its task (called by the update itself)."""
        self.ensure_one()
        if update.coordination_id:
            return
        vals = {
            "last_update_date": max(update.date, self.last_update_date or update.date),
            "reported_progress": update.progress,
            "difficulties": update.difficulties or self.difficulties,
            "proposals": update.proposals or self.proposals,
        }
        if self.state in ("assigned", "returned"):
            vals["state"] = "in_progress"
        self._workflow_write(vals)

    def _register_completion_report(self, completion):
        self.ensure_one()
        self._set_state(
            "to_confirm",
            REPORTING_STATES,
            {"last_update_date": completion.date, "result": completion.result},
        )

    def _register_completion_decision(self, completion):
        self.ensure_one()
        if completion.state == "confirmed":
            self._set_state(
                "done",
                ("to_confirm",),
                {
                    "completion_date": completion.date,
                    "confirm_date": completion.decision_date,
                    "result": completion.result,
                    "reported_progress": 100,
                },
            )
        else:
            self._set_state("returned", ("to_confirm",))

    def _register_extension(self, extension):
        """Apply an approved extension: new effective deadline, history kept."""
        self.ensure_one()
        overdue = 0
        if self.deadline and extension.decision_date > self.deadline:
            overdue = (extension.decision_date - self.deadline).days
        self._workflow_write(
            {
                "previous_deadline": self.deadline,
                "deadline": extension.proposed_date,
                "extension_count": self.extension_count + 1,
                "overdue_days_recorded": self.overdue_days_recorded + overdue,
            }
        )

    # ------------------------------------------------------------ timeliness
    @api.model
    def _get_due_soon_days(self):
        # Settings are readable by administrators only; every unit's view of
        # its tasks depends on this one.
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("directive_tracking.due_soon_days", 3)
        )

    @api.model
    def _get_stale_days(self):
        # Same as above: a setting every user's task list depends on.
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("directive_tracking.stale_days", 14)
        )

    @api.model
    def _working_calendar(self):
        """The government's working calendar (days, holidays, time zone), if
        it was not deleted."""
        return self.env.ref(
            "directive_tracking.resource_calendar_vn_government",
            raise_if_not_found=False,
        )

    @api.model
    def _due_soon_horizon(self, cutoff):
        """Last deadline that is 'due soon' at ``cutoff``, in working days."""
        calendar = self._working_calendar()
        days = self._get_due_soon_days()
        if not calendar:
            return cutoff + timedelta(days=days)
        return calendar._directive_add_working_days(cutoff, days)

    @api.model
    def _timeliness_sql(self):
        """SQL expressions of the categories of DESIGN §5 at a cutoff date.

        Parameters: those of ``_timeliness_params``. The task table
        is aliased ``t``; ``t_deadline`` and ``t_done`` are expressions for
        the effective deadline and the done flag at the cutoff, so that the
        daily refresh and the reports at any past cutoff share the rule.
        """
        return {
            "timeliness": """
                CASE
                    WHEN t.state IN %(excluded_states)s
                        THEN 'excluded'
                    WHEN t.has_deadline = 'none' AND {done}
                        THEN 'no_deadline_done'
                    WHEN t.has_deadline = 'none' THEN 'no_deadline_open'
                    WHEN {done} AND t.completion_date <= {deadline}
                        THEN 'done_on_time'
                    WHEN {done} THEN 'done_late'
                    WHEN %(cutoff)s <= {deadline} THEN 'open_within'
                    ELSE 'open_overdue'
                END""",
            "days_overdue": """
                CASE
                    WHEN t.state IN %(excluded_states)s
                        OR t.has_deadline = 'none' THEN 0
                    WHEN {done}
                        THEN GREATEST(t.completion_date - {deadline}, 0)
                    ELSE GREATEST(%(cutoff)s - {deadline}, 0)
                END""",
            "is_due_soon": """
                (t.state IN %(open_states)s AND t.has_deadline = 'deadline'
                 AND NOT {done}
                 AND {deadline} >= %(cutoff)s AND {deadline} <= %(horizon)s)""",
            "is_stale": """
                (t.state IN %(reporting_states)s
                 AND COALESCE(t.last_update_date, t.assign_date) < %(stale_before)s)""",
            "is_not_started": """
                (t.state = 'assigned' AND t.last_update_date IS NULL)""",
        }

    @api.model
    def _timeliness_params(self, cutoff):
        return {
            "cutoff": cutoff,
            "horizon": self._due_soon_horizon(cutoff),
            "stale_before": cutoff - timedelta(days=self._get_stale_days()),
            "open_states": OPEN_STATES,
            "reporting_states": REPORTING_STATES,
            "excluded_states": EXCLUDED_STATES,
        }

    @api.model
    def _timeliness_update_query(self, cutoff, ids=None):
        """UPDATE statement storing the timeliness at ``cutoff``, changed
        rows only (of the tasks ``ids``, by default of every task)."""
        current = {"deadline": "t.deadline", "done": "t.state = 'done'"}
        exprs = {
            column: expr.format(**current)
            for column, expr in self._timeliness_sql().items()
        }
        columns = ", ".join(exprs)
        values = ", ".join(exprs.values())
        query = f"""
            UPDATE directive_task t SET ({columns}) = ({values})
            WHERE ({columns}) IS DISTINCT FROM ({values})"""
        params = self._timeliness_params(cutoff)
        if ids is not None:
            query += " AND t.id IN %(ids)s"
            params["ids"] = tuple(ids)
        return SQL(query, **params)

    def _refresh_timeliness(self, cutoff=None):
        """Store the timeliness of these tasks at ``cutoff``, by default at
        Vietnam's today (the daily job's, whatever the user's time zone)."""
        if not self:
            return
        self.flush_recordset()
        self.env.cr.execute(
            self._timeliness_update_query(cutoff or self._calendar_today(), self.ids)
        )
        self.invalidate_recordset(list(self._timeliness_sql()))

    @api.model
    def _refresh_all_timeliness(self, cutoff=None):
        """Daily refresh of every task, in one statement in the database."""
        self.flush_model()
        cutoff = cutoff or self._calendar_today()
        self.env.cr.execute(self._timeliness_update_query(cutoff))
        changed = self.env.cr.rowcount
        self.invalidate_model(list(self._timeliness_sql()))
        # Remember the date: reports at that cutoff may read the stored
        # values. sudo: system parameters are for administrators, and the
        # cron user or the settings may run this.
        self.env["ir.config_parameter"].sudo().set_param(
            TIMELINESS_DATE_PARAM, fields.Date.to_string(cutoff)
        )
        return changed

    @api.model
    def _in_calendar_tz(self):
        """This model in the working calendar's time zone (Vietnam's): the
        cron user has none, and "today" must not be the server's UTC date."""
        calendar = self._working_calendar()
        return self.with_context(tz=calendar.tz if calendar else self.env.user.tz)

    @api.model
    def _calendar_today(self):
        """Today in the working calendar's time zone: the daily job's date."""
        return fields.Date.context_today(self._in_calendar_tz())

    @api.model
    def _timeliness_stored_on(self):
        """Date at which every task's stored timeliness was last computed."""
        # sudo: same as above, every user's reports read it.
        value = self.env["ir.config_parameter"].sudo().get_param(TIMELINESS_DATE_PARAM)
        return fields.Date.to_date(value) if value else None

    @api.model
    def _backfill_event_dates(self):
        """Dates of the workflow's events of tasks that changed state before
        the add-on kept them, from the tracking of ``state`` in the chatter
        (the day, in Vietnam's time, of the message that tracked the change).
        Dates already known are kept. Returns the number of dates set."""
        self.flush_model()
        state_field = self.env["ir.model.fields"]._get(self._name, "state")
        # The tracking stores the state's label in the language of the user
        # who acted: look for the labels of every installed language, and
        # the English ones (the source).
        labels = {state: {label} for state, label in TASK_STATES}
        for code, _name in self.env["res.lang"].get_installed():
            selection = self._fields["state"]._description_selection(
                self.with_context(lang=code).env
            )
            for state, label in selection:
                labels.setdefault(state, set()).add(label)
        calendar = self._working_calendar()
        tz = (calendar and calendar.tz) or "Asia/Ho_Chi_Minh"
        # column, new state, previous state (or None), aggregate, own state
        events = [
            ("assign_date", "assigned", "draft", "min", None),
            ("pause_date", "paused", None, "max", None),
            ("resume_date", "in_progress", "paused", "max", None),
            ("cancel_date", "cancelled", None, "max", "cancelled"),
            ("transfer_date", "transferred", None, "max", "transferred"),
        ]
        changed = 0
        for column, new, old, aggregate, own_state in events:
            old_filter = (
                SQL("AND v.old_value_char IN %s", tuple(labels[old])) if old else SQL()
            )
            state_filter = SQL("AND t.state = %s", own_state) if own_state else SQL()
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE directive_task t SET %(column)s = ev.day
                      FROM (SELECT m.res_id,
                                   %(aggregate)s((m.date AT TIME ZONE 'UTC'
                                                  AT TIME ZONE %(tz)s)::date)
                                       AS day
                              FROM mail_tracking_value v
                              JOIN mail_message m ON m.id = v.mail_message_id
                             WHERE m.model = %(model)s
                               AND v.field_id = %(field_id)s
                               AND v.new_value_char IN %(new)s
                               %(old_filter)s
                          GROUP BY m.res_id) ev
                     WHERE ev.res_id = t.id AND t.%(column)s IS NULL
                       %(state_filter)s""",
                    column=SQL.identifier(column),
                    aggregate=SQL(aggregate),
                    tz=tz,
                    model=self._name,
                    field_id=state_field.id,
                    new=tuple(labels[new]),
                    old_filter=old_filter,
                    state_filter=state_filter,
                )
            )
            changed += self.env.cr.rowcount
        self.invalidate_model(["assign_date", "pause_date", "resume_date"])
        self.invalidate_model(["cancel_date", "transfer_date"])
        return changed + self._backfill_pauses(state_field, labels, tz)

    @api.model
    def _backfill_pauses(self, state_field, labels, tz):
        """Each pause of the tasks that have none logged, from the tracking
        of ``state``: from a move to paused to the next move from paused
        to in progress (or still running)."""
        self.env.cr.execute(
            SQL(
                """
                WITH ev AS (
                    SELECT m.res_id, m.id,
                           (m.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                               AS day,
                           v.new_value_char IN %(paused)s AS is_pause,
                           v.old_value_char IN %(paused)s
                               AND v.new_value_char IN %(resumed)s AS is_resume
                      FROM mail_tracking_value v
                      JOIN mail_message m ON m.id = v.mail_message_id
                     WHERE m.model = %(model)s AND v.field_id = %(field_id)s
                       AND (v.new_value_char IN %(paused)s
                            OR v.old_value_char IN %(paused)s)
                       AND NOT EXISTS (SELECT 1 FROM directive_task_pause p
                                        WHERE p.task_id = m.res_id)
                )
                INSERT INTO directive_task_pause
                       (task_id, date_from, date_to,
                        create_uid, write_uid, create_date, write_date)
                SELECT p.res_id, p.day, r.day, %(uid)s, %(uid)s, now(), now()
                  FROM ev p
                  LEFT JOIN LATERAL (
                        SELECT r.day FROM ev r
                         WHERE r.res_id = p.res_id AND r.is_resume AND r.id > p.id
                         ORDER BY r.id LIMIT 1) r ON TRUE
                 WHERE p.is_pause""",
                tz=tz,
                model=self._name,
                field_id=state_field.id,
                paused=tuple(labels["paused"]),
                resumed=tuple(labels["in_progress"]),
                uid=self.env.uid,
            )
        )
        return self.env.cr.rowcount

    # -------------------------------------------------------------- reminders
    @api.model
    def _cron_daily(self):
        """Daily job: timeliness at the new date, then reminders."""
        tasks = self._in_calendar_tz()
        tasks._refresh_all_timeliness()
        tasks._send_reminders()
        tasks._send_office_digest()

    @api.model
    def _send_reminders(self, batch_size=1000):
        """Schedule one reminder activity per due-soon or overdue task for each
        focal point of its lead unit, at most once a day."""
        today = fields.Date.context_today(self)
        activity_type = self.env.ref("directive_tracking.mail_activity_type_reminder")
        domain = [
            ("state", "in", REPORTING_STATES),
            "|",
            ("is_due_soon", "=", True),
            ("timeliness", "=", "open_overdue"),
            "|",
            ("last_reminder_date", "=", False),
            ("last_reminder_date", "<", today),
        ]
        model_id = self.env["ir.model"]._get_id("directive.task")
        focal_points = {}
        created = 0
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=self.search_count(domain))
        last_id = 0
        while True:
            # Keyset paging: each batch starts after the last one instead of
            # reading again, in the index, the tasks already reminded today.
            tasks = self.search(
                domain + [("id", ">", last_id)], limit=batch_size, order="id"
            )
            if not tasks:
                break
            last_id = tasks[-1].id
            units = tasks.lead_unit_id.filtered(lambda u: u.id not in focal_points)
            focal_points.update(units._focal_points_by_unit())
            vals_list = []
            for task in tasks:
                for user in focal_points[task.lead_unit_id.id]:
                    vals_list.append(
                        task._reminder_activity_vals(user, activity_type, model_id)
                    )
            self._schedule_reminders(vals_list)
            stamp_reminded(tasks, today)
            created += len(vals_list)
            # A crashed batch must not undo the reminders already sent.
            cron._commit_progress(len(tasks))
        return created + self._send_coordination_reminders(
            today, activity_type, model_id
        )

    @api.model
    def _send_coordination_reminders(self, today, activity_type, model_id):
        """One reminder a day to the focal points of each coordinating unit
        whose own part is overdue or due soon (its own deadline, else the
        task's original one), until its update at 100 %."""
        horizon = self._due_soon_horizon(today)
        lines = self.env["directive.task.coordination"].search(
            [
                ("done_date", "=", False),
                ("task_id.state", "in", REPORTING_STATES),
                "|",
                ("deadline", "<=", horizon),
                "&",
                ("deadline", "=", False),
                ("task_id.original_deadline", "<=", horizon),
                "|",
                ("last_reminder_date", "=", False),
                ("last_reminder_date", "<", today),
            ]
        )
        focal_points = lines.unit_id._focal_points_by_unit()
        vals_list = []
        for line in lines:
            deadline = line.deadline or line.task_id.original_deadline
            if deadline < today:
                summary = self.env._(
                    "As coordinating unit: overdue (deadline %(date)s)",
                    date=deadline.strftime("%d/%m/%Y"),
                )
            else:
                summary = self.env._(
                    "As coordinating unit: due on %(date)s",
                    date=deadline.strftime("%d/%m/%Y"),
                )
            for user in focal_points[line.unit_id.id]:
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": line.task_id.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "summary": summary,
                        "date_deadline": deadline,
                    }
                )
        self._schedule_reminders(vals_list)
        stamp_reminded(lines, today)
        return len(vals_list)

    @api.model
    def _schedule_reminders(self, vals_list):
        """Give each focal point of a batch its reminder of the day. The one
        still open from an earlier day stays, brought up to date when the
        task fell overdue or its deadline moved: a task overdue for a month
        leaves its focal points one reminder, not thirty. A reminder is due
        on the task's deadline, so that Odoo shows it late with the task,
        and says nothing that changes from day to day: most days, nothing
        is written but the new reminders."""
        if not vals_list:
            return
        Activity = self.env["mail.activity"]
        still_open = Activity.search_fetch(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", list({vals["res_id"] for vals in vals_list})),
                ("activity_type_id", "=", vals_list[0]["activity_type_id"]),
                ("user_id", "in", list({vals["user_id"] for vals in vals_list})),
            ],
            ["res_id", "user_id", "summary", "date_deadline"],
        )
        open_by_key = {(act.res_id, act.user_id.id): act for act in still_open}
        outdated = defaultdict(list)
        missing = []
        for vals in vals_list:
            reminder = open_by_key.get((vals["res_id"], vals["user_id"]))
            if not reminder:
                missing.append(vals)
            elif (reminder.summary, reminder.date_deadline) != (
                vals["summary"],
                vals["date_deadline"],
            ):
                outdated[vals["summary"], vals["date_deadline"]].append(reminder.id)
        for (summary, date_deadline), ids in outdated.items():
            Activity.browse(ids).with_context(mail_activity_quick_update=True).write(
                {"summary": summary, "date_deadline": date_deadline}
            )
        self._create_reminders(missing)

    @api.model
    def _create_reminders(self, vals_list):
        """Create the reminder activities of a batch. Their users follow the
        tasks they are reminded of; mail.activity would subscribe each user
        on their own, a few queries each and thousands a day, so the batch's
        missing followers are found in one query and created in one go."""
        if not vals_list:
            return self.env["mail.activity"]
        users = self.env["res.users"].browse({vals["user_id"] for vals in vals_list})
        partner_of = {user.id: user.partner_id.id for user in users}
        wanted = {(vals["res_id"], partner_of[vals["user_id"]]) for vals in vals_list}
        self.env.cr.execute(
            SQL(
                """SELECT res_id, partner_id FROM mail_followers
                    WHERE res_model = %s AND res_id IN %s AND partner_id IN %s""",
                self._name,
                tuple({task_id for task_id, _partner in wanted}),
                tuple(set(partner_of.values())),
            )
        )
        missing = wanted - set(self.env.cr.fetchall())
        default_subtypes = self.env["mail.message.subtype"].default_subtypes(
            self._name
        )[0]
        # sudo: the job subscribes focal points to their units' tasks, as
        # the assignment does (followers are not the cron user's to write).
        self.env["mail.followers"].sudo().create(
            [
                {
                    "res_model": self._name,
                    "res_id": task_id,
                    "partner_id": partner_id,
                    "subtype_ids": [fields.Command.set(default_subtypes.ids)],
                }
                for task_id, partner_id in sorted(missing)
            ]
        )
        return (
            self.env["mail.activity"]
            .with_context(
                mail_activity_quick_update=True, directive_followers_done=True
            )
            .create(vals_list)
        )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # The reminder job has subscribed its activities' users already
        # (_create_reminders); mail.activity's own subscription per user
        # would find them all there, one user at a time.
        if self.env.context.get("directive_followers_done") and not subtype_ids:
            return True
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

    def _reminder_activity_vals(self, user, activity_type, model_id):
        self.ensure_one()
        if self.timeliness == "open_overdue":
            summary = self.env._(
                "Overdue (deadline %(date)s)", date=self.deadline.strftime("%d/%m/%Y")
            )
        else:
            summary = self.env._(
                "Due on %(date)s", date=self.deadline.strftime("%d/%m/%Y")
            )
        return {
            "res_model_id": model_id,
            "res_id": self.id,
            "activity_type_id": activity_type.id,
            "user_id": user.id,
            "summary": summary,
            "date_deadline": self.deadline,
        }

    @api.model
    def _digest_rows(self, rows):
        """The lines of an officer's digest: the DIGEST_UNITS lead units with
        the most overdue tasks (then due soon), then one line for the other
        units. A digest of hundreds of units is not read, and rendering and
        sanitizing it took most of the daily job's last step."""
        rows = sorted(rows, key=lambda r: (-r["overdue"], -r["due_soon"], r["unit"]))
        shown, others = rows[:DIGEST_UNITS], rows[DIGEST_UNITS:]
        if others:
            shown.append(
                {
                    "unit": self.env._("%(count)s other units", count=len(others)),
                    "overdue": sum(row["overdue"] for row in others),
                    "due_soon": sum(row["due_soon"] for row in others),
                }
            )
        return shown

    @api.model
    def _send_office_digest(self):
        """Once a day, each following officer gets the list of their overdue
        and due-soon tasks counted by unit."""
        today = fields.Date.context_today(self)
        # The job's own bookkeeping, kept with the settings.
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param("directive_tracking.last_digest_date") == str(today):
            return 0
        groups = self._read_group(
            [
                ("state", "in", OPEN_STATES),
                ("officer_id", "!=", False),
                "|",
                ("is_due_soon", "=", True),
                ("timeliness", "=", "open_overdue"),
            ],
            ["officer_id", "lead_unit_id", "timeliness"],
            ["__count"],
        )
        rows_by_officer = {}
        for officer, unit, timeliness, count in groups:
            rows = rows_by_officer.setdefault(officer, {})
            row = rows.setdefault(
                unit, {"unit": unit.name, "overdue": 0, "due_soon": 0}
            )
            row["overdue" if timeliness == "open_overdue" else "due_soon"] += count
        digest_date = today.strftime("%d/%m/%Y")
        for officer, rows in rows_by_officer.items():
            # In the officer's language: the view's text, the subject and the
            # line of the other units.
            task = self.with_context(lang=officer.lang or self.env.lang)
            body = task.env["ir.qweb"]._render(
                "directive_tracking.office_digest",
                {
                    "officer": officer,
                    "rows": task._digest_rows(rows.values()),
                    "digest_date": digest_date,
                },
                minimal_qcontext=True,
            )
            # A notification, not a mail: it reaches the officer in Odoo's
            # inbox, or by e-mail when they chose e-mail and have an address.
            self.env["mail.thread"].message_notify(
                partner_ids=officer.partner_id.ids,
                subject=task.env._("Tasks to urge on %(date)s", date=digest_date),
                body=body,
                email_layout_xmlid="mail.mail_notification_light",
            )
        params.set_param("directive_tracking.last_digest_date", str(today))
        return len(rows_by_officer)
