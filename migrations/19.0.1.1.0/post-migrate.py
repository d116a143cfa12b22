from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Dates of the workflow's events of existing tasks, from their chatter's
    tracking of the state, so that reports at past cutoffs see them."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["directive.task"]._backfill_event_dates()
    # Public holidays of every year from 2015, computed (the calendar used to
    # hold 2025-2027 only, typed in; those lines stay and count).
    env["resource.calendar"]._directive_refresh_public_holidays()
