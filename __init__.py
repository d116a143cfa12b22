import logging

import psycopg2

from odoo.modules.db import has_trigram
from odoo.tools import SQL

from . import models
from . import wizards
from . import reports

_logger = logging.getLogger(__name__)


def pre_init_hook(env):
    """Make sure the trigram indexes of the searches can be created.

    Odoo adds the pg_trgm extension to the databases it creates itself, not
    to one that a database administrator created beforehand; without it,
    Odoo silently skips the trigram indexes and every "contains" search on
    task content reads the whole table.
    """
    try:
        with env.cr.savepoint():
            env.cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except psycopg2.Error as error:
        _logger.warning(
            "Could not add the pg_trgm extension (%s): searches on task and "
            "document text will not be indexed. Run CREATE EXTENSION pg_trgm "
            "as a superuser, then update the module.",
            error,
        )
    env.registry.has_trigram = has_trigram(env.cr)


def post_init_hook(env):
    """Give the units that exist at install their document directories
    (units created afterwards get theirs when they are created)."""
    units = env["directive.unit"].with_context(active_test=False).search([])
    units._ensure_dms_directories()
