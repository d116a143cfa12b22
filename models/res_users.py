from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL


class ResUsers(models.Model):
    _inherit = "res.users"

    unit_id = fields.Many2one(
        "directive.unit",
        string="Unit",
        index=True,
        ondelete="restrict",
        help="Unit the account belongs to. The account sees this unit and every "
        "unit below it.",
    )

    def _get_invalidation_fields(self):
        # Record rules are written as ``child_of user.unit_id``; their domains
        # are cached per user, so a new unit must drop that cache at once.
        return super()._get_invalidation_fields() | {"unit_id"}

    def _is_account_manager(self):
        """Whether the current user administers accounts without restriction."""
        user = self.env.user
        return (
            self.env.su
            or user.has_group("base.group_erp_manager")
            or user.has_group("directive_tracking.group_manager")
        )

    @api.model_create_multi
    def create(self, vals_list):
        if self._is_account_manager():
            users = super().create(self._notified_in_odoo_if_no_email(vals_list))
        else:
            actor = self.env.user
            actor_unit, actor_groups = actor.unit_id, self._groups_granted_by(actor)
            for vals in vals_list:
                vals.setdefault("unit_id", actor_unit.id)
            users = super().create(self._notified_in_odoo_if_no_email(vals_list))
            users._check_delegated_change(actor, actor_unit, actor_groups, {})
        return users

    def write(self, vals):
        if (
            "email" in vals
            and self
            # sudo: whether the accounts belong to a unit, whoever writes.
            and not self.sudo().filtered(lambda user: not user.unit_id)
        ):
            [vals] = self._notified_in_odoo_if_no_email([vals])
        if self._is_account_manager() or self._is_self_preference_write(vals):
            res = super().write(vals)
        else:
            actor = self.env.user
            # Taken before the write: the actor may be among the accounts written.
            actor_unit = actor.unit_id
            actor_groups = self._groups_granted_by(actor)
            groups_before = {user.id: user.all_group_ids for user in self}
            res = super().write(vals)
            self._check_delegated_change(actor, actor_unit, actor_groups, groups_before)
        return res

    @api.model
    def _groups_granted_by(self, actor):
        """Groups a unit admin may hold on the accounts it manages: its own,
        and the one that only records a preference (notifications in Odoo's
        inbox), which accounts without an e-mail address get."""
        return actor.all_group_ids | self.env.ref(
            "mail.group_mail_notification_type_inbox"
        )

    def _notified_in_odoo_if_no_email(self, vals_list):
        """Values of accounts of a unit (internal users, which Odoo's inbox is
        for) that get their notifications (messages, the Office's digest) in
        Odoo's inbox when they have no e-mail address: by e-mail they would
        reach nobody. Creating on an existing contact keeps its address."""
        return [
            dict(vals, notification_type="inbox")
            if (self or vals.get("unit_id"))
            and not vals.get("email")
            and "partner_id" not in vals
            and "notification_type" not in vals
            else vals
            for vals in vals_list
        ]

    def _is_self_preference_write(self, vals):
        """Whether this is a user changing their own preferences, which the
        base model allows to every account, with or without a unit."""
        return self == self.env.user and all(
            key in self.SELF_WRITEABLE_FIELDS or key.startswith("context_")
            for key in vals
        )

    def _check_delegated_change(self, actor, actor_unit, actor_groups, groups_before):
        """Refuse what a unit admin may not do to accounts.

        The record rules already limit which accounts a unit admin can touch;
        they cannot see what a write grants, so this checks the result: the
        accounts stay inside the admin's subtree, hold no role the admin does
        not hold, and gain no group the admin does not hold. Checking the
        result covers every path that ends in a create or a write: the form
        and its group widget, RPC, commands and import.
        """
        no_groups = self.env["res.groups"]
        # Read as superuser: the result must be judged even where it now lies
        # outside what the actor may read (a unit of another commune).
        for user in self.sudo():
            unit = user.unit_id
            if not (unit and unit._in_subtree_of(actor_unit)):
                raise AccessError(
                    self.env._(
                        "You can only manage accounts of your own unit and the "
                        "units below it."
                    )
                )
            if user == actor and unit != actor_unit:
                raise AccessError(self.env._("You cannot move your own account."))
            before = groups_before.get(user.id)
            if before is not None and before - actor_groups:
                # Changing the login or password of such an account would be
                # a way to act with its role.
                raise AccessError(
                    self.env._(
                        "You cannot change the account %(login)s: it holds a role "
                        "that you do not hold.",
                        login=user.login,
                    )
                )
            above = user.all_group_ids - (before or no_groups) - actor_groups
            if above:
                raise AccessError(
                    self.env._(
                        "You cannot grant a role higher than your own: %(groups)s.",
                        groups=", ".join(above.mapped("full_name")),
                    )
                )

    @api.constrains("unit_id", "group_ids")
    def _check_unit_required(self):
        staff = self.env.ref("directive_tracking.group_unit_staff")
        manager = self.env.ref("directive_tracking.group_manager")
        for user in self:
            groups = user.all_group_ids
            if staff in groups and manager not in groups and not user.unit_id:
                raise ValidationError(
                    self.env._(
                        "Account %(login)s must belong to a unit.", login=user.login
                    )
                )

    @api.constrains("unit_id", "active", "share")
    def _check_unit_quota(self):
        units = self.filtered(lambda u: u.active and not u.share).unit_id
        if not units:
            return
        # Lock the units so that two accounts created at the same time cannot
        # both take the last place of the quota.
        self.env.cr.execute(
            SQL(
                "SELECT id FROM directive_unit WHERE id IN %s FOR UPDATE",
                tuple(units.ids),
            )
        )
        # The quota counts every account of the unit, including the ones the
        # current user is not allowed to read.
        counts = dict(
            self.sudo()._read_group(
                [("unit_id", "in", units.ids), ("share", "=", False)],
                ["unit_id"],
                ["__count"],
            )
        )
        # The message names the unit and its level whoever creates the account.
        for unit in units.sudo():
            quota = unit.level_id.account_quota
            if counts.get(unit, 0) > quota:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s (level %(level)s) already has its quota of "
                        "%(quota)s accounts.",
                        unit=unit.name,
                        level=unit.level_id.name,
                        quota=quota,
                    )
                )
