import base64

from odoo import api, models
from odoo.exceptions import AccessError

# What a file is and whose it is. Other fields (e.g. the access token Odoo
# writes to share a file) say nothing about the evidence.
SEALED_FIELDS = frozenset(
    {
        "name",
        "description",
        "res_model",
        "res_id",
        "res_field",
        "type",
        "url",
        "datas",
        "raw",
        "db_datas",
        "store_fname",
        "mimetype",
        "public",
        "company_id",
    }
)


class IrAttachment(models.Model):
    """The files of a filed update, report or request belong to it (see
    directive.task.evidence._seal_attachments) and can no longer be changed,
    replaced or deleted, by anyone."""

    _inherit = "ir.attachment"

    def _sealed(self):
        """The attachments that belong to a filed evidence record."""
        evidence = self.env["directive.task.evidence"]
        # sudo: where a file belongs decides, whoever may read it.
        files = self.sudo()
        sealed_documents = self._sealed_dms_file_ids(
            files.filtered(lambda a: a.res_model == "dms.file").mapped("res_id")
        )
        return files.filtered(
            lambda a: a.res_id
            and (
                evidence._is_evidence_model(a.res_model)
                or (a.res_model == "dms.file" and a.res_id in sealed_documents)
            )
        )

    @api.model
    def _sealed_dms_file_ids(self, ids):
        """Which of these DMS documents are sealed: the content of a result
        document is an attachment of it, sealed with it."""
        ids = [res_id for res_id in ids if res_id]
        if not ids:
            return set()
        # sudo: where a document belongs decides, whoever may read it.
        documents = self.env["dms.file"].sudo().browse(ids).exists()
        return set(documents._sealed().ids)

    @api.model_create_multi
    def create(self, vals_list):
        evidence = self.env["directive.task.evidence"]
        sealed_documents = self._sealed_dms_file_ids(
            [
                vals.get("res_id")
                for vals in vals_list
                if vals.get("res_model") == "dms.file"
            ]
        )
        if any(
            vals.get("res_id")
            and (
                evidence._is_evidence_model(vals.get("res_model"))
                or (
                    vals.get("res_model") == "dms.file"
                    and vals["res_id"] in sealed_documents
                )
            )
            for vals in vals_list
        ):
            raise AccessError(self._sealed_message())
        return super().create(vals_list)

    def write(self, vals):
        sealed = self._sealed()
        if sealed and any(
            fname in SEALED_FIELDS and sealed._changes(fname, vals[fname])
            for fname in vals
        ):
            raise AccessError(self._sealed_message())
        return super().write(vals)

    def _changes(self, fname, value):
        """Whether writing ``value`` in ``fname`` changes any of these files.
        Moving a file to another storage rewrites the same content."""
        if fname in ("datas", "raw", "db_datas"):
            raw = self._datas_to_raw(fname, value)
            return any(a.checksum != self._compute_checksum(raw) for a in self)
        field = self._fields[fname]
        return any(
            field.convert_to_cache(value, a) != field.convert_to_cache(a[fname], a)
            for a in self
        )

    @api.model
    def _datas_to_raw(self, fname, value):
        if fname == "datas":
            return base64.b64decode(value or b"")
        return value.encode() if isinstance(value, str) else (value or b"")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sealed(self):
        if self._sealed():
            raise AccessError(self._sealed_message())

    def _sealed_message(self):
        return self.env._(
            "This file belongs to a filed update, report or request: it can no "
            "longer be changed, replaced or deleted. A correction is a new record."
        )
