from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# Document types of Decree 30/2020/ND-CP, appendix III.
DOCUMENT_TYPES = [
    ("resolution", "Resolution"),
    ("decision", "Decision"),
    ("directive", "Directive"),
    ("regulation", "Regulation"),
    ("announcement", "Announcement"),
    ("notice", "Notice"),
    ("guideline", "Guideline"),
    ("programme", "Programme"),
    ("plan", "Plan"),
    ("scheme", "Scheme"),
    ("project", "Project"),
    ("report", "Report"),
    ("minutes", "Minutes"),
    ("proposal", "Proposal"),
    ("official_letter", "Official letter"),
    ("telegram", "Official telegram"),
    ("other", "Other"),
]

URGENCY = [
    ("normal", "Normal"),
    ("urgent", "Urgent"),
    ("very_urgent", "Very urgent"),
    ("flash", "Flash"),
]


class DirectiveSource(models.Model):
    """The source of a directive: an official document or a meeting conclusion.

    One source yields many tasks. Documents from the secret register are kept
    outside the system and are not modelled here.
    """

    _name = "directive.source"
    _description = "Directive source"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_names_search = ["number", "excerpt", "meeting_name"]

    source_type = fields.Selection(
        [("document", "Official document"), ("meeting", "Meeting conclusion")],
        required=True,
        default="document",
        tracking=True,
        help="Official document (văn bản) or conclusion of a meeting.",
    )
    number = fields.Char(
        string="Number and symbol",
        index="trigram",
        tracking=True,
        help="Number and symbol of the document, e.g. 123/UBND-TH.",
    )
    issue_date = fields.Date(
        tracking=True,
        help="Date printed on the document.",
    )
    document_type = fields.Selection(
        DOCUMENT_TYPES,
        default="official_letter",
        help="Type of the document as listed by Decree 30/2020/ND-CP.",
    )
    issuer = fields.Char(
        string="Issuing body",
        default=lambda self: self.env.company.name,
        help="Body that issued the document.",
    )
    signer = fields.Char(help="Name and title of the person who signed.")
    excerpt = fields.Text(
        index="trigram", help="Excerpt (trích yếu) of the document content."
    )
    urgency = fields.Selection(
        URGENCY,
        default="normal",
        required=True,
        help="Urgency marked on the document; it is copied to its tasks.",
    )
    meeting_name = fields.Char(
        string="Meeting",
        index="trigram",
        help="Name of the meeting whose conclusion gives the tasks.",
    )
    meeting_date = fields.Date(
        help="Day the meeting was held.",
    )
    chaired_by = fields.Char(help="Who chaired the meeting.")
    date = fields.Date(
        compute="_compute_date",
        store=True,
        index=True,
        help="Issue date of the document or date of the meeting.",
    )
    leader_id = fields.Many2one(
        "res.users",
        string="Directing leader",
        tracking=True,
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("directive_tracking.group_leader").id)
        ],
        help="Leader who directs the tasks of this source and decides on their "
        "extensions.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Upload files",
        help="Scanned or signed files of the document: once the source is "
        "saved they are filed in the document-management system, in the "
        "directory of your unit.",
    )
    dms_file_ids = fields.One2many(
        "dms.file",
        "directive_source_id",
        string="Documents",
        help="Source documents in the document-management system.",
    )
    task_ids = fields.One2many("directive.task", "source_id", string="Tasks")
    task_count = fields.Integer(compute="_compute_task_count")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model_create_multi
    def create(self, vals_list):
        linked = [self._pop_dms_file_links(vals) for vals in vals_list]
        start_file = self.env.context.get("directive_source_file_id")
        if start_file and isinstance(start_file, int):
            # Started from a document (dms.file.action_start_directive).
            linked = [
                files | self.env["dms.file"].browse(start_file) for files in linked
            ]
        sources = super().create(vals_list)
        for source, files in zip(sources, linked, strict=True):
            source._link_dms_files(files)
        sources._file_attachments_in_dms()
        return sources

    def write(self, vals):
        files = self._pop_dms_file_links(vals)
        res = super().write(vals)
        self._link_dms_files(files)
        if "attachment_ids" in vals:
            self._file_attachments_in_dms()
        return res

    @api.model
    def _pop_dms_file_links(self, vals):
        """The DMS documents that ``vals`` makes source documents (links
        only: a source document is never unlinked or rewritten from here)."""
        commands = vals.pop("dms_file_ids", None) or []
        ids = []
        for command in commands:
            if command[0] == fields.Command.LINK:
                ids.append(command[1])
            elif command[0] == fields.Command.SET:
                ids.extend(command[2])
            else:
                raise AccessError(
                    self.env._(
                        "Source documents are added from the document-management "
                        "system or uploaded; they are not edited here."
                    )
                )
        return self.env["dms.file"].browse(ids)

    def _link_dms_files(self, files):
        """Make ``files`` documents of these sources: a clerk starts a
        directive from a document already in the DMS."""
        if not files:
            return
        self.ensure_one()
        files._check_can_link_source()
        # In SQL: DMS' filtered_domain ignores the rules as superuser.
        files._check_access_dms_record("read")
        # sudo: the clerk may read the document (checked) but need not be
        # able to write it (another unit's directory); the link only says
        # which directive the document is the source of, its place and
        # access stay the same.
        files.sudo().write({"directive_source_id": self.id})

    def _file_attachments_in_dms(self):
        """Files uploaded on the source form become its documents in the
        DMS, in the directory of the registering account's unit; the upload
        itself is not kept twice."""
        Files = self.env["dms.file"]
        directory = self.env.user.unit_id._get_dms_directory()
        for source in self.filtered("attachment_ids"):
            attachments = source.attachment_ids
            Files._directive_file_attachments(
                directory, attachments, {"directive_source_id": source.id}
            )
            # The content now lives in the DMS file.
            attachments.unlink()

    @api.depends("source_type", "issue_date", "meeting_date")
    def _compute_date(self):
        for source in self:
            source.date = (
                source.issue_date
                if source.source_type == "document"
                else source.meeting_date
            )

    @api.depends("source_type", "number", "meeting_name", "date")
    def _compute_display_name(self):
        # Translated once, not per record: a page of tasks names 80 sources.
        new, dated = self.env._("New"), self.env._("%(label)s of %(date)s")
        for source in self:
            label = (
                source.number
                if source.source_type == "document"
                else source.meeting_name
            ) or new
            if source.date:
                label = dated % {
                    "label": label,
                    "date": source.date.strftime("%d/%m/%Y"),
                }
            source.display_name = label

    def _compute_task_count(self):
        counts = dict(
            self.env["directive.task"]._read_group(
                [("source_id", "in", self.ids)], ["source_id"], ["__count"]
            )
        )
        for source in self:
            source.task_count = counts.get(source, 0)

    @api.constrains("source_type", "number", "issue_date", "excerpt")
    def _check_document_fields(self):
        for source in self.filtered(lambda s: s.source_type == "document"):
            if not (source.number and source.issue_date and source.excerpt):
                raise ValidationError(
                    self.env._(
                        "An official document needs its number and symbol, its "
                        "issue date and its excerpt."
                    )
                )

    @api.constrains("source_type", "meeting_name", "meeting_date")
    def _check_meeting_fields(self):
        for source in self.filtered(lambda s: s.source_type == "meeting"):
            if not (source.meeting_name and source.meeting_date):
                raise ValidationError(
                    self.env._("A meeting conclusion needs the meeting and its date.")
                )

    def action_view_tasks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "directive_tracking.directive_task_action"
        )
        action["domain"] = [("source_id", "=", self.id)]
        action["context"] = {"default_source_id": self.id}
        return action

    def action_assign_tasks(self):
        """Open the bulk assignment wizard for this source."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign tasks"),
            "res_model": "directive.task.assign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_source_id": self.id},
        }
