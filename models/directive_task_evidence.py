from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .directive_task import passes
from .field_labels import refuse_action_fields
from .mail_message import TRACE_TOKEN

# Marks the chatter trace of evidence: the messages that record on the task
# that an update, report or request was filed or decided.
TRACE_SUBTYPE_XMLID = "directive_tracking.mt_evidence_trace"


def filer_field():
    """The account that files an update, a completion report or an extension
    request: the server sets it (DESIGN §4, nobody types it)."""
    return fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
    )


class DirectiveTaskEvidence(models.AbstractModel):
    """What a unit submits on a task (progress update, completion report,
    extension request): evidence that is kept forever, never deleted."""

    _name = "directive.task.evidence"
    _description = "Record submitted on a task"

    task_id = fields.Many2one(
        "directive.task", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="task_id.company_id", store=True)
    dms_file_ids = fields.One2many(
        "dms.file",
        "directive_evidence_id",
        string="Documents",
        domain=lambda self: [("directive_evidence_model", "=", self._name)],
        readonly=True,
        help="The files of this record, filed in the document-management "
        "system in the directory of its unit.",
    )

    # Fields the server sets when the record is filed (who, for which unit,
    # on which day, in which state): refused from anything else (DESIGN §4).
    _filed_fields = frozenset()
    # Field of the day the record is filed.
    _filing_date_field = "date"

    @api.model
    def _check_filed_fields(self, vals_list):
        refuse_action_fields(
            self,
            vals_list,
            self._filed_fields,
            lambda labels: self.env._(
                "%(fields)s: the server records these when the record is "
                "filed; nobody types them.",
                fields=labels,
            ),
        )

    @api.model
    def _filing_date(self):
        """The day a record is filed: Vietnam's date, whoever files it."""
        return self.env["directive.task"]._calendar_today()

    @api.model
    def _is_evidence_model(self, model_name):
        """Whether records of ``model_name`` are evidence (an update, report
        or request), whose files and chatter trace are sealed once filed."""
        model = self.env.registry.get(model_name)
        return bool(model) and issubclass(model, self.pool["directive.task.evidence"])

    @api.model
    def _trace_subtype_id(self):
        return self.env["ir.model.data"]._xmlid_to_res_id(
            TRACE_SUBTYPE_XMLID, raise_if_not_found=False
        )

    @api.model_create_multi
    def create(self, vals_list):
        """File the records: the filing account, for its own unit, on
        Vietnam's date; what the server records is not taken from anyone."""
        self._check_filed_fields(vals_list)
        tasks = self.env["directive.task"]
        for vals in vals_list:
            task = tasks.browse(
                vals.get("task_id") or self.env.context.get("default_task_id")
            )
            task._check_can_file(self._filing_unit(task, vals))
            for fname, value in self._filing_values(task).items():
                # Data files and migrations (superuser) may date their history.
                if not self.env.su or fname not in vals:
                    vals[fname] = value
        records = super().create(vals_list)
        records._seal_attachments()
        records._file_documents()
        for record in records:
            record._register_filing()
            record._post_trace(body=record._filing_trace())
        return records

    def _register_filing(self):
        """Move the task on with this newly filed record (nothing by
        default)."""

    def _filing_trace(self):
        """The text of the trace that filing this record leaves on its
        task."""
        raise NotImplementedError

    @api.model
    def _filing_unit(self, task, vals):
        """The unit a new record is filed for: the task's lead unit."""
        return task.lead_unit_id

    @api.model
    def _filing_values(self, task):
        """What the server records when a record is filed on ``task``: the
        day it is filed, in ``_filing_date_field``."""
        return {self._filing_date_field: self._filing_date()}

    def write(self, vals):
        if "attachment_ids" in vals and self:
            # The files are part of the filed record: a correction is a new
            # record, for the filer and the deciding side alike.
            raise AccessError(
                self.env._(
                    "The files of a filed %(records)s can no longer be changed.",
                    records=self.env["ir.model"]._get(self._name).name,
                )
            )
        return super().write(vals)

    def _seal_attachments(self):
        """Make the files given with each record belong to it.

        Files are uploaded before the record exists, owned by their uploader;
        once the record is filed they belong to it and, like it, can no
        longer be changed or deleted (see ir.attachment). Only files the filer
        uploaded for this kind of record, still unattached, can be given.
        """
        if "attachment_ids" not in self._fields:
            return
        for record in self:
            attachments = record.attachment_ids
            if not attachments:
                continue
            # sudo: judge the files whoever they belong to, the filer may not
            # read a file that is not theirs.
            foreign = attachments.sudo().filtered(
                lambda a, record=record: a.res_field
                or (a.res_id and (a.res_model, a.res_id) != (record._name, record.id))
                or (not a.res_id and a.res_model not in (False, record._name))
            )
            if foreign or not attachments.sudo(False).has_access("write"):
                raise AccessError(
                    self.env._(
                        "Only files uploaded for this record can be attached to it."
                    )
                )
            # sudo: the files leave their uploader for the filed record, which
            # nobody may write; ir.attachment refuses any later change.
            attachments.sudo().write({"res_model": record._name, "res_id": record.id})

    def _file_documents(self):
        """File the record's files in the DMS, in the directory of its unit,
        as result documents of its task; like the record, they can no longer
        be changed (see dms.file)."""
        if "attachment_ids" not in self._fields:
            return
        Files = self.env["dms.file"]
        for record in self.filtered("attachment_ids"):
            # sudo: the server files the documents where they belong (the
            # unit's directory) whoever filed the record, which was checked;
            # the link to the record is what seals them.
            files = Files.sudo()._directive_file_attachments(
                record.unit_id._get_dms_directory(), record.attachment_ids
            )
            files.write(
                {
                    "directive_task_id": record.task_id.id,
                    "directive_evidence_model": record._name,
                    "directive_evidence_id": record.id,
                }
            )
        # The link is a reference, whose one2many side the ORM does not
        # update in the cache by itself.
        self.invalidate_recordset(["dms_file_ids"])

    def _post_trace(self, body):
        """Post ``body`` on the record's task as its trace (filed, confirmed,
        returned, approved, refused), under the name of the current account.
        The trace can no longer be changed or deleted (see mail.message)."""
        self.ensure_one()
        # sudo: the trace carries a subtype that accounts cannot post with
        # themselves; its author stays the current account, which was just
        # allowed to file or decide the record.
        task = self.task_id.sudo().with_context(directive_trace=TRACE_TOKEN)
        return task.message_post(
            body=body,
            subtype_id=self._trace_subtype_id(),
            author_id=self.env.user.partner_id.id,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "%(records)s are kept forever and cannot be deleted.",
                # The model's name in the user's language.
                records=self.env["ir.model"]._get(self._name).name,
            )
        )


class DirectiveTaskRequest(models.AbstractModel):
    """A submission of the lead unit that the directing side decides on
    (a completion report, an extension request)."""

    _name = "directive.task.request"
    _inherit = "directive.task.evidence"
    _description = "Request decided on a task"
    # State of a request still waiting for its decision.
    _pending_state = None

    unit_id = fields.Many2one(
        related="task_id.lead_unit_id", store=True, string="Lead unit"
    )
    decision_date = fields.Date(readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, ondelete="restrict")
    can_decide = fields.Boolean(
        compute="_compute_can_decide",
        help="Whether the current account may decide on this request now.",
    )

    # Field of the note the deciding side writes with its decision.
    _decision_note = None

    def write(self, vals):
        if not self.env.su:
            self._check_can_write_note(vals)
        return super().write(vals)

    def _check_can_write_note(self, vals):
        """A filed request changes only through its decision: the deciding
        side may write the note of its decision while the request waits."""
        if set(vals) - {self._decision_note}:
            raise AccessError(
                self.env._("A filed request cannot be changed; it is only decided on.")
            )
        self._check_can_decide()

    def _check_can_decide(self):
        """Raise unless the current account may decide on these requests now:
        the one rule that the decision actions, the note of the decision and
        the form's buttons (``can_decide``) follow."""
        for request in self:
            if request.state != self._pending_state:
                raise UserError(self.env._("This request has already been decided."))
            if request.env.user.unit_id == request.unit_id:
                raise AccessError(
                    self.env._("A unit cannot decide on its own request.")
                )
            request._check_decider()

    def _check_decider(self):
        """Raise unless the current account is the deciding side of this
        request (one record)."""
        raise NotImplementedError

    @api.depends_context("uid")
    @api.depends("state")
    def _compute_can_decide(self):
        for request in self:
            request.can_decide = passes(request._check_can_decide)

    def _record_decision(self, values):
        """Write the decision on requests that are still pending."""
        self._check_can_decide()
        # sudo: the decision's own fields are written by this action only
        # (write() refuses them from anywhere else); who decides was checked
        # just above.
        self.sudo().write(
            dict(
                values,
                decision_date=self._filing_date(),
                decided_by_id=self.env.user.id,
            )
        )
