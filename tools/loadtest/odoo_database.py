"""The database a load-test script works on, named on its command line as
Odoo's own commands name it: ``-c odoo.conf -d NAME``."""

import argparse

import odoo.init  # noqa: F401  (Odoo's core setup, first)


def argument_parser():
    """A parser of the script's command line that already asks for Odoo's
    configuration file and the database (-c, -d)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    return parser


def open_registry(args):
    """The registry of ``args.database`` with the settings of
    ``args.config``, logging warnings only."""
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    return Registry(args.database)
