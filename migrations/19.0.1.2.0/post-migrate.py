"""Databases from before the document-management base: give every unit its
directory and file the existing attachments of the sources, progress updates
and completion reports in the DMS (DESIGN §7). Nothing is deleted: the
attachments stay where they were, the DMS holds the same content."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["dms.file"]._directive_migrate_attachments()
