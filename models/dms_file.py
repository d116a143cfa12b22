from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.dms.models.dms_file import DMSFile
from odoo.addons.dms.tools.file import unique_name

# What a filed document is and where it lives. Other fields (tags, category,
# the lock, the stars) classify it without changing the evidence.
SEALED_FILE_FIELDS = frozenset(
    {
        "name",
        "active",
        "directory_id",
        "storage_id",
        "content",
        "content_binary",
        "content_file",
        "mimetype",
        "extension",
        "size",
        "checksum",
        "attachment_id",
        "res_model",
        "res_id",
        "directive_source_id",
        "directive_task_id",
        "directive_evidence_model",
        "directive_evidence_id",
        "company_id",
    }
)


class DmsFile(models.Model):
    """Documents of the directives: source documents (the signed directive,
    the meeting conclusion) and result documents (the files of a progress
    update or completion report), each in the directory of its unit. A result
    document is filed evidence (DESIGN §4): once filed it can no longer be
    changed, replaced, moved or deleted, by anyone."""

    _name = "dms.file"
    # The storage's access first, so that it runs before DMS' and portal's.
    _inherit = ["directive.dms.access", "dms.file"]

    directive_source_id = fields.Many2one(
        "directive.source",
        string="Directive source",
        index="btree_not_null",
        ondelete="restrict",
        copy=False,
        help="Directive whose source document this is.",
    )
    directive_task_id = fields.Many2one(
        "directive.task",
        string="Task",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
        copy=False,
        help="Task whose result this document reports.",
    )
    directive_evidence_model = fields.Char(
        string="Filed with (model)", readonly=True, copy=False
    )
    directive_evidence_id = fields.Many2oneReference(
        string="Filed with",
        model_field="directive_evidence_model",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    @api.model
    def _directive_file_attachments(self, directory, attachments, values=None):
        """New documents in ``directory`` with the content of ``attachments``
        (files uploaded through a form), named after them; ``values`` are
        written on every new document. Created in the current environment,
        so as the current account unless the caller says otherwise."""
        if not attachments:
            return self.browse()
        if not directory:
            raise UserError(
                self.env._(
                    "Your unit has no document directory yet; ask the system "
                    "administrator to update the module."
                )
            )
        # sudo: the names already used in the directory, whoever may read them.
        names = directory.sudo().with_context(active_test=False).file_ids.mapped("name")
        vals_list = []
        # sudo: the uploaded content, which the caller was allowed to give.
        for attachment in attachments.sudo():
            name = unique_name(attachment.name or "document", names, escape_suffix=True)
            names.append(name)
            vals_list.append(
                {
                    "name": name,
                    "directory_id": directory.id,
                    "content": attachment.datas,
                    **(values or {}),
                }
            )
        return self.with_context(check_name=False).create(vals_list)

    @api.model
    def _directive_migrate_attachments(self):
        """File in the DMS the attachments of records made before the
        document-management base (the module's migration to 19.0.1.2.0).
        Runs as superuser; idempotent: a record whose files are already in
        the DMS is left alone."""
        # Every unit, archived ones too: the migration runs once per database.
        units = (
            self.env["directive.unit"]
            .with_context(active_test=False)
            .search([("id", "!=", False)])
        )
        units._ensure_dms_directories()
        root = units.filtered(lambda u: not u.parent_id)[:1].dms_directory_id
        Files = self.sudo()
        sources = (
            self.env["directive.source"]
            .with_context(active_test=False)
            .search([("attachment_ids", "!=", False)])
        )
        for source in sources:
            directory = source.create_uid.unit_id.dms_directory_id or root
            Files._directive_file_attachments(
                directory, source.attachment_ids, {"directive_source_id": source.id}
            )
            # The attachments themselves stay (a message may show them); the
            # source now shows its documents from the DMS.
            source.attachment_ids = [fields.Command.clear()]
        for model in ("directive.task.update", "directive.task.completion"):
            records = self.env[model].search([("attachment_ids", "!=", False)])
            filed = set(
                Files.search(
                    [
                        ("directive_evidence_model", "=", model),
                        ("directive_evidence_id", "in", records.ids),
                    ]
                ).mapped("directive_evidence_id")
            )
            records.filtered(lambda r, filed=filed: r.id not in filed)._file_documents()

    def _sealed(self):
        """The documents that belong to a filed update or report."""
        evidence = self.env["directive.task.evidence"]
        # sudo: where a document belongs decides, whoever may read it.
        return self.sudo().filtered(
            lambda f: f.directive_evidence_id
            and evidence._is_evidence_model(f.directive_evidence_model)
        )

    def _is_directive_storage(self):
        """Whether these documents live in the directive storage."""
        storage = self.env["dms.directory"]._directive_storage()
        # sudo: where a document lives decides, whoever asks.
        return bool(storage) and storage in self.sudo().storage_id

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # DMS creates files as superuser and then checks only the record
            # rules: the access rights come first.
            # (Past DMS' own check_access, which would ask for the right to
            # create a directory; the directory is checked by the rules.)
            super(DMSFile, self.browse()).check_access("create")
            for vals in vals_list:
                if vals.get("directive_task_id") or vals.get("directive_evidence_id"):
                    # Result documents are filed with their update or report
                    # (directive.task.evidence._file_documents), never typed.
                    raise AccessError(self.env["ir.attachment"]._sealed_message())
                if vals.get("directive_source_id"):
                    self._check_can_link_source()
        return super().create(vals_list)

    def write(self, vals):
        sealed = self._sealed()
        if sealed and set(vals) & SEALED_FILE_FIELDS:
            raise AccessError(self.env["ir.attachment"]._sealed_message())
        if not self.env.su:
            if {
                "directive_task_id",
                "directive_evidence_model",
                "directive_evidence_id",
            } & set(vals):
                raise AccessError(self.env["ir.attachment"]._sealed_message())
            if "directive_source_id" in vals:
                self._check_can_link_source()
        res = super().write(vals)
        if not self.env.su and "directory_id" in vals:
            # The rules were checked where the documents were; where they go
            # must be writable too (no planting a file in another unit's
            # directory). DMS' own check runs the rules in SQL (its
            # filtered_domain ignores them as superuser), hence the flush.
            self.flush_recordset(["directory_id"])
            self._check_access_dms_record("write")
        return res

    @api.model
    def _check_can_link_source(self):
        """Only the clerks and the Office say which file is a directive's
        source document."""
        if not self.env.user.has_group("directive_tracking.group_clerk"):
            raise AccessError(
                self.env._(
                    "Only clerks and the Office can make a document the source "
                    "of a directive."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sealed(self):
        if self._sealed():
            raise AccessError(self.env["ir.attachment"]._sealed_message())

    def lock(self):
        # The lock would let one account keep the others, the Office
        # included, from classifying the document; filed ones never change.
        if self._sealed():
            raise AccessError(self.env["ir.attachment"]._sealed_message())
        return super().lock()

    def check_access(self, operation):
        """DMS asks for the same right on a document's directory as on the
        document. Directories of the directive storage are the units', only
        the module writes them: changing a document there needs to see its
        directory (and the rules on the document itself), not to write it."""
        storage = self.env["dms.directory"]._directive_storage()
        # sudo: where a document lives decides, whoever asks.
        if (
            operation == "read"
            or not self
            or any(f.storage_id != storage for f in self.sudo())
        ):
            return super().check_access(operation)
        self.mapped("directory_id").check_access("read")
        # Skip DMS' own directory check (done above, for reading), keep the
        # rest of the chain: ACLs and record rules of the document.
        return super(DMSFile, self).check_access(operation)

    def action_start_directive(self):
        """Open a new directive source with this document as its file: the
        clerk's one step from a document already in the DMS."""
        self.ensure_one()
        self._check_can_link_source()
        # In SQL: DMS' filtered_domain ignores the rules as superuser.
        self._check_access_dms_record("read")
        name = self.name.rsplit(".", 1)[0] if "." in self.name else self.name
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New directive"),
            "res_model": "directive.source",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_excerpt": name,
                # Linked when the source is saved (directive.source.create).
                "directive_source_file_id": self.id,
            },
        }
