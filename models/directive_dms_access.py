import functools

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain


class DirectiveDmsAccess(models.AbstractModel):
    """What the directive storage adds to the access of DMS directories and
    files alike: record rules that hold in Odoo's own checks, and no sharing
    by link. The inheriting model says which of its records are in the
    storage (``_is_directive_storage``)."""

    _name = "directive.dms.access"
    _description = "Access to the directive storage's documents"

    def _is_directive_storage(self):
        raise NotImplementedError

    @api.model
    def _get_permission_domain(self, operator, value, operation):
        """DMS permissions in the directive storage: every tracking account
        may read, upload and write there (never delete); which directories
        and files is then the unit subtree (security/dms_security.xml).
        Given from the account's groups, not through a DMS access group
        whose stored members lag behind a change of role."""
        user_env = self.sudo(False) if self.env.su else self
        user = user_env.env.user
        storage = self.env["dms.directory"]._directive_storage()
        if (
            user_env.env.su
            or not storage
            or not user.has_group("directive_tracking.group_unit_staff")
        ):
            return super()._get_permission_domain(operator, value, operation)
        ours = (
            Domain.FALSE
            if operation == "unlink"
            else Domain("storage_id", "=", storage.id)
        )
        if not user.has_group("dms.group_dms_user"):
            # An account that is only a tracking account has exactly the
            # directive storage; DMS' own grants (its access groups, the
            # access of records that directories belong to) serve DMS'
            # users, and computing them costs queries on every search.
            positive = ours
        else:
            positive = ours | super()._get_permission_domain("in", value, operation)
        # "not in" asks for the records without the permission.
        return positive if operator == "in" else ~positive

    def _check_access(self, operation):
        """Odoo checks record rules in Python with ``filtered_domain`` as
        superuser, which DMS makes return every record (its own checks run
        the rules in SQL, but not Odoo's, which e.g. ir.attachment relies on
        for the content of a document). Run the rules in SQL here too."""
        result = super()._check_access(operation)
        if result or self.env.su or not any(self._ids):
            return result
        Rule = self.env["ir.rule"]
        domain = Rule._compute_domain(self._name, operation)
        if not domain:
            return None
        ids = [record_id for record_id in self._ids if record_id]
        # sudo: the rules are in ``domain`` already (DMS' permission fields
        # are computed for the current account, whose uid sudo keeps);
        # archived records are checked like the others.
        allowed = (
            self.sudo()
            .with_context(active_test=False)
            .search(Domain("id", "in", ids) & Domain(domain))
        )
        forbidden = self - allowed.sudo(self.env.su)
        if forbidden:
            return forbidden, functools.partial(
                Rule._make_access_error, operation, forbidden
            )
        return None

    def check_access_token(self, access_token=False):
        # Directive documents are never shared by link: a token would let
        # anyone (an anonymous visitor included) past the unit subtree.
        if self._is_directive_storage():
            return False
        return super().check_access_token(access_token)

    def _portal_ensure_token(self):
        if self._is_directive_storage():
            raise AccessError(
                self.env._("Directive documents cannot be shared by link.")
            )
        return super()._portal_ensure_token()
