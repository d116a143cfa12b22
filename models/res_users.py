from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, email_normalize, escape_psql


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
            # Before creating: the values of an account created on an existing
            # contact are written on that contact.
            self._check_new_contact(vals_list)
            self._check_addresses_free(
                [
                    (self.browse(), [vals.get("login"), vals.get("email")])
                    for vals in vals_list
                ]
            )
            for vals in vals_list:
                vals.setdefault("unit_id", actor_unit.id)
            # The signup invitation is sent below, once the accounts passed
            # the checks.
            users = super(ResUsers, self.with_context(no_reset_password=True)).create(
                self._notified_in_odoo_if_no_email(vals_list)
            )
            users._check_delegated_change(actor, actor_unit, actor_groups, {})
            invited = users.filtered("email")
            if invited and not self.env.context.get("no_reset_password"):
                # sudo: the invitation writes the signup token on the new
                # accounts' contacts, which only access-rights administrators
                # may write; the accounts were just checked.
                invited.sudo().with_context(create_user=True)._action_reset_password(
                    signup_type="signup"
                )
        return users

    def write(self, vals):
        if (
            "email" in vals
            and self
            # sudo: whether the accounts belong to a unit, whoever writes.
            and not self.sudo().filtered(lambda user: not user.unit_id)
        ):
            [vals] = self._notified_in_odoo_if_no_email([vals])
        if self._is_account_manager():
            res = super().write(vals)
        elif self._is_self_preference_write(vals):
            self._check_addresses_free([(self, [vals.get("email")])])
            res = super().write(vals)
        else:
            actor = self.env.user
            # Taken before the write: the actor may be among the accounts written.
            actor_unit = actor.unit_id
            actor_groups = self._groups_granted_by(actor)
            groups_before = {user.id: user.all_group_ids for user in self}
            if "partner_id" in vals:
                self._check_same_contact(vals["partner_id"])
            self._check_addresses_free([(self, [vals.get("login"), vals.get("email")])])
            res = super().write(vals)
            self._check_delegated_change(actor, actor_unit, actor_groups, groups_before)
        return res

    @api.model
    def _groups_granted_by(self, actor):
        """Groups a unit admin may hold on the accounts it manages: its own,
        and the one that only records a preference (notifications in Odoo's
        inbox), which accounts without an e-mail address get."""
        return actor.all_group_ids | self._inbox_preference_group()

    @api.model
    def _inbox_preference_group(self):
        """The group that only records the "notify me in Odoo" preference."""
        return self.env.ref("mail.group_mail_notification_type_inbox")

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

    @api.model
    def _check_new_contact(self, vals_list):
        """Refuse to create an account on an existing contact (given in the
        values or as a default): it would read and post as that person."""
        if any(vals.get("partner_id") for vals in vals_list) or self.default_get(
            ["partner_id"]
        ).get("partner_id"):
            raise AccessError(
                self.env._(
                    "A new account gets a contact of its own: you cannot create "
                    "it on an existing contact."
                )
            )

    def _check_same_contact(self, partner):
        """Refuse to link accounts to another contact than their own."""
        partner_id = partner.id if isinstance(partner, models.BaseModel) else partner
        # sudo: the current link of the accounts, whoever writes; the record
        # rules then decide whether the accounts may be written at all.
        if any(user.partner_id.id != (partner_id or False) for user in self.sudo()):
            raise AccessError(
                self.env._(
                    "You cannot link an account to another contact: an account "
                    "and its person stay together."
                )
            )

    @api.model
    def _check_addresses_free(self, owned_addresses):
        """Refuse to give accounts a login or an e-mail address that another
        account uses as its login or e-mail address.

        The password-reset form looks the account up by login, then by e-mail
        address, and mails the link to that account's address: an account
        given another person's address would receive the reset that person
        asks for, or make it fail as ambiguous. Addresses are compared as
        e-mail addresses are delivered: without case or display name.

        :param owned_addresses: pairs (accounts, addresses) of the addresses
            given to these accounts (no accounts yet when creating them: each
            pair is then one new account)
        """
        # sudo: every other account counts, archived ones and the ones
        # outside what the current user may read included.
        Users = self.sudo().with_context(active_test=False)
        given = set()
        for owners, addresses in owned_addresses:
            keys = {
                address: email_normalize(address) or address.strip().lower()
                for address in addresses
                if address
            }
            for address, key in keys.items():
                if len(owners) > 1 or (not owners and key in given):
                    # Several accounts at once, or new accounts among themselves.
                    raise self._address_taken_error(address)
                pattern = escape_psql(key)
                others = Domain("id", "not in", owners.ids) & (
                    Domain("login", "=ilike", pattern)
                    | Domain("email", "=ilike", pattern)
                    | Domain("email_normalized", "=", key)
                )
                if Users.search_count(others, limit=1):
                    raise self._address_taken_error(address)
            given.update(keys.values())

    def _address_taken_error(self, address):
        return AccessError(
            self.env._(
                "The address %(address)s is already used by another account. "
                "Each account needs an address of its own, or none (it is then "
                "notified in Odoo).",
                address=address,
            )
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
        preference = self._inbox_preference_group()
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
            if user == actor and before is not None:
                after = user.all_group_ids
                # The preference group follows its own notification setting.
                if ((after - before) | (before - after)) - preference:
                    raise AccessError(self.env._("You cannot change your own roles."))
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
