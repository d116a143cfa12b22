from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Dates of the workflow's events of existing tasks, from their chatter's
    tracking of the state, so that reports at past cutoffs see them."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["directive.task"]._backfill_event_dates()
