from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import SQL

# Histogram buckets of the units' parent_path: one per ten units on a
# 10,000-unit tree (see init()).
PARENT_PATH_STATISTICS = 1000


class DirectiveUnit(models.Model):
    """A unit of the provincial administration (agency, commune, office...).

    Units form a tree stored with ``parent_path`` so that every access rule can
    be written as ``child_of`` the user's unit: moving a unit moves its whole
    subtree without recomputing anything.
    """

    _name = "directive.unit"
    _description = "Unit"
    _parent_store = True
    _parent_name = "parent_id"
    _order = "sequence, complete_name"
    _rec_names_search = ["name", "short_name", "code"]

    name = fields.Char(required=True, index="trigram")
    short_name = fields.Char()
    code = fields.Char(
        string="Official code",
        required=True,
        index=True,
        help="Official identification code (mã định danh) of the unit.",
    )
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    level_id = fields.Many2one(
        "directive.unit.level", required=True, ondelete="restrict", index=True
    )
    parent_id = fields.Many2one(
        "directive.unit", string="Parent unit", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("directive.unit", "parent_id", string="Sub-units")
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_start = fields.Date(string="Valid from")
    date_end = fields.Date(
        string="Valid until",
        help="Set when the unit is merged or dissolved.",
    )
    successor_id = fields.Many2one(
        "directive.unit",
        string="Successor unit",
        ondelete="restrict",
        help="Unit that takes over the tasks of this unit after a merger or "
        "dissolution.",
    )
    user_ids = fields.One2many("res.users", "unit_id", string="Accounts")
    user_count = fields.Integer(compute="_compute_user_count")
    account_quota = fields.Integer(related="level_id.account_quota")
    active = fields.Boolean(default=True)
    dms_directory_id = fields.Many2one(
        "dms.directory",
        string="Document directory",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="Directory of the document-management system that holds the "
        "unit's documents; the directory tree follows the unit tree.",
    )

    _code_company_uniq = models.Constraint(
        "UNIQUE (code, company_id)",
        "The official code must be unique within a company.",
    )
    _validity_dates = models.Constraint(
        "CHECK (date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
        "A unit cannot end before it starts.",
    )

    def init(self):
        # Every record rule is ``child_of``, i.e. parent_path LIKE '1/5/%'.
        # The parent_path index serves it only under the C collation, which
        # Odoo gives the databases it creates; a database created otherwise
        # needs the pattern operator class (else every rule scans the units).
        self.env.cr.execute(
            SQL("SELECT datcollate FROM pg_database WHERE datname = current_database()")
        )
        if self.env.cr.fetchone()[0] not in ("C", "POSIX"):
            self.env.cr.execute(
                SQL(
                    """CREATE INDEX IF NOT EXISTS
                           directive_unit_parent_path_pattern_index
                       ON directive_unit (parent_path varchar_pattern_ops)"""
                )
            )
        # The planner estimates a subtree (parent_path LIKE '1/5/%') from the
        # column's histogram: with the default hundred buckets over ten
        # thousand units, a commune's three units are estimated at a hundred,
        # and a commune's grouped reads scan the year's tasks of the whole
        # database (150 ms) instead of its own (4 ms). Every estimate also
        # matches the pattern against each bucket, so more buckets cost
        # planning time: ten thousand doubled the planning of Form 1's query
        # (12 ms against 5); a thousand keep the plans at 6.
        self.env.cr.execute(
            SQL(
                "ALTER TABLE directive_unit ALTER COLUMN parent_path SET STATISTICS %s",
                PARENT_PATH_STATISTICS,
            )
        )
        self.env.cr.execute(SQL("ANALYZE directive_unit"))

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for unit in self:
            if unit.parent_id:
                unit.complete_name = f"{unit.parent_id.complete_name} / {unit.name}"
            else:
                unit.complete_name = unit.name

    def _compute_user_count(self):
        counts = dict(
            self.env["res.users"]._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["__count"]
            )
        )
        for unit in self:
            unit.user_count = counts.get(unit, 0)

    @api.model
    @tools.ormcache("operator", "unit_ids", "limit")
    def _scope_unit_ids(self, operator, unit_ids, limit):
        """Ids of the units ``operator`` (``in``, ``child_of``) ``unit_ids``,
        archived or not and whatever the user may read, as the subtree rules
        see them; None when there are more than ``limit``. Cached: the
        tasks' rules ask for it on every search, and the unit tree changes
        seldom (every change of it clears the cache)."""
        found = tuple(
            self.sudo()
            .with_context(active_test=False)
            ._search([("id", operator, list(unit_ids))], limit=limit + 1)
        )
        return None if len(found) > limit else found

    @api.model_create_multi
    def create(self, vals_list):
        units = super().create(vals_list)
        self.env.registry.clear_cache()  # the subtrees of _scope_unit_ids
        units._ensure_dms_directories()
        return units

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()  # the subtrees of _scope_unit_ids
        return res

    def write(self, vals):
        if "parent_id" in vals:
            self.env.registry.clear_cache()  # the subtrees of _scope_unit_ids
        if vals.get("parent_id"):
            # Checked before the write: the parent_path update would otherwise
            # fail first with a message that does not say which unit is wrong.
            parent = self.browse(vals["parent_id"])
            for unit in self:
                if parent._in_subtree_of(unit):
                    raise ValidationError(
                        self.env._(
                            "Unit %(unit)s cannot be placed under %(parent)s, which "
                            "is inside its own subtree.",
                            unit=unit.name,
                            parent=parent.name,
                        )
                    )
        res = super().write(vals)
        if {"name", "code", "parent_id", "successor_id"} & set(vals):
            self._sync_dms_directories()
        return res

    # ------------------------------------------------------------ documents
    def _dms_directory_values(self):
        """Name and place of the unit's directory: under its parent unit's
        directory, or at the root of the directive storage. The directory of
        a merged or dissolved unit goes, with all its documents, under its
        successor's, whose accounts carry on its work (its history stays
        whole: nothing in it is moved or changed)."""
        self.ensure_one()
        parent = (self.successor_id or self.parent_id).dms_directory_id
        storage = self.env["dms.directory"]._directive_storage()
        # sudo: the names of the sibling directories, whoever may read them.
        siblings = (
            parent.sudo().child_directory_ids
            if parent
            else storage.sudo().root_directory_ids
        ) - self.dms_directory_id
        name = self.name
        if name in siblings.mapped("name"):
            # Two units of one parent may share a name, not a directory name.
            name = f"{self.name} ({self.code})"
        values = {"name": name, "directive_unit_id": self.id}
        if parent:
            values.update(parent_id=parent.id, is_root_directory=False)
        else:
            values.update(
                parent_id=False, is_root_directory=True, storage_id=storage.id
            )
        return values

    def _ensure_dms_directories(self):
        """Give every unit without one its directory, parents first."""
        storage = self.env["dms.directory"]._directive_storage()
        if not storage:
            return  # dms data not loaded yet (install): the post-init hook does it
        # sudo: the directory tree follows the unit tree whoever creates the
        # unit; the directories are the module's, no account writes them.
        Directory = self.env["dms.directory"].sudo().with_context(check_name=False)
        for unit in self.sudo().sorted(lambda u: len(u.parent_path or "")):
            if unit.dms_directory_id:
                continue
            if unit.parent_id and not unit.parent_id.dms_directory_id:
                unit.parent_id._ensure_dms_directories()
            values = unit._dms_directory_values()
            unit.dms_directory_id = Directory.create(values)

    def _get_dms_directory(self):
        """The unit's directory, made first if the unit has none yet (units
        written straight into the database, e.g. by tools/generate_data.py)."""
        if self and not self.dms_directory_id:
            self._ensure_dms_directories()
        return self.dms_directory_id

    def _sync_dms_directories(self):
        """Rename and move the directories of renamed or moved units."""
        for unit in self.sudo():
            directory = unit.dms_directory_id.with_context(check_name=False)
            if not directory:
                unit._ensure_dms_directories()
                continue
            values = unit._dms_directory_values()
            values.pop("storage_id", None)
            current = {
                "name": directory.name,
                "directive_unit_id": directory.directive_unit_id.id,
                "parent_id": directory.parent_id.id,
                "is_root_directory": directory.is_root_directory,
            }
            if any(current[key] != values[key] for key in current):
                # sudo (above): the directory follows the unit, see
                # _ensure_dms_directories.
                directory.write(values)

    @api.constrains("successor_id")
    def _check_successor_id(self):
        for unit in self:
            if unit.successor_id == unit:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s cannot be its own successor.", unit=unit.name
                    )
                )

    def _focal_points(self):
        """Active accounts of these units that act as their focal points."""
        focal_group = self.env.ref("directive_tracking.group_unit_admin")
        # Reminders reach focal points whoever triggers them, so the search
        # must not depend on which accounts the current user may read.
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [("unit_id", "in", self.ids), ("all_group_ids", "in", focal_group.id)]
            )
        )

    def _focal_points_by_unit(self):
        """The focal points of each of these units, in one search."""
        by_unit = self._focal_points().grouped("unit_id")
        # Same environment as the found accounts: no focal point at all.
        empty = self.env["res.users"].sudo()
        return {unit.id: by_unit.get(unit, empty) for unit in self}

    def _headed_by_current_account(self):
        """Whether the current account heads (is the focal point of) each of
        these units; the system administrators head them all."""
        env = self.env
        if env.su or env.user.has_group("directive_tracking.group_manager"):
            return True
        return env.user.has_group("directive_tracking.group_unit_admin") and not (
            self - env.user.unit_id
        )

    def _in_subtree_of(self, ancestor):
        """Whether this unit is ``ancestor`` or one of the units below it."""
        self.ensure_one()
        return bool(
            ancestor.parent_path
            and self.parent_path
            and self.parent_path.startswith(ancestor.parent_path)
        )

    def is_dissolved(self, on_date=None):
        """Whether the unit can no longer receive work on ``on_date`` (today
        by default): archived, or past the end of its validity."""
        self.ensure_one()
        on_date = on_date or fields.Date.context_today(self)
        return not self.active or bool(self.date_end and self.date_end < on_date)
