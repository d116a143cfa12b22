from odoo import api, fields, models
from odoo.exceptions import AccessError

STORAGE_XMLID = "directive_tracking.dms_storage_directive"


class DmsDirectory(models.Model):
    """The directories of the directive storage mirror the unit tree: one per
    unit, under its parent unit's directory (see directive.unit). Who sees a
    directory is who sees the unit (record rules on the directory's subtree);
    the DMS access group of the storage lets the tracking accounts in at all."""

    _name = "dms.directory"
    # The storage's access first, so that it runs before DMS' and portal's.
    _inherit = ["directive.dms.access", "dms.directory"]

    directive_unit_id = fields.Many2one(
        "directive.unit",
        string="Unit",
        readonly=True,
        index="btree_not_null",
        # A deleted unit leaves its directory, and its documents, in place.
        ondelete="set null",
        copy=False,
        help="Unit whose documents this directory holds.",
    )

    _directive_unit_uniq = models.Constraint(
        "UNIQUE (directive_unit_id)", "A unit has one directory."
    )

    @api.model
    def _directive_storage(self):
        return self.env.ref(STORAGE_XMLID, raise_if_not_found=False)

    def _is_directive_storage(self):
        """Whether these records live in the directive storage."""
        storage = self._directive_storage()
        # sudo: where a record lives decides, whoever asks.
        return bool(storage) and storage in self.sudo().storage_id

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # DMS creates directories as superuser and then checks only the
            # record rules: the access rights come first.
            self.browse().check_access("create")
        return super().create(vals_list)

    def write(self, vals):
        if (
            not self.env.su
            and "directive_unit_id" not in vals
            and self.filtered("directive_unit_id")
            and set(vals) & {"name", "parent_id", "storage_id", "is_root_directory"}
        ):
            # The tree follows the unit tree; only the units move it.
            raise AccessError(
                self.env._(
                    "The directory of a unit follows the unit: rename or move "
                    "the unit instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_unit_directory(self):
        if self.filtered("directive_unit_id"):
            raise AccessError(self.env._("The directory of a unit cannot be deleted."))
