from collections import defaultdict

from odoo import api, models
from odoo.exceptions import MissingError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.base.models.ir_attachment import condition_values


class MailFollowers(models.Model):
    """Followers are readable only where the record they follow is.

    Odoo lets every internal user read every follower; followers point to
    their record by model and id, which no record rule can follow, so the
    check is made here as ir.attachment makes it for files.
    """

    _inherit = "mail.followers"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        if self.env.su or kwargs.get("bypass_access"):
            return super()._search(domain, offset, limit, order, **kwargs)
        domain = Domain(domain)
        model_names = condition_values(self, "res_model", domain)
        if model_names is None:
            # sudo: the models that have followers at all, to build one
            # condition per model.
            model_names = [
                name
                for [name] in self.env.execute_query(
                    SQL("SELECT DISTINCT res_model FROM mail_followers")
                )
            ]
        readable = Domain.FALSE
        for name in model_names:
            comodel = self.env.get(name)
            if comodel is None or not comodel.has_access("read"):
                continue
            codomain = Domain("res_model", "=", name)
            query = comodel.with_context(active_test=False)._search([])
            if query.is_empty():
                continue
            if query.where_clause:
                codomain &= Domain("res_id", "in", query)
            readable |= codomain
        return super()._search(domain & readable, offset, limit, order, **kwargs)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if operation != "read" or self.env.su or not self:
            return result
        remaining = self - result[0] if result else self
        forbidden = remaining._followed_unreadable()
        if not forbidden:
            return result
        if result:
            return result[0] + forbidden, result[1]
        return forbidden, lambda: forbidden._make_access_error(operation)

    def _followed_unreadable(self):
        """The followers of records the current user cannot read."""
        ids_by_model = defaultdict(set)
        # sudo: which record each follower follows, to check that record.
        for follower in self.sudo():
            ids_by_model[follower.res_model].add(follower.res_id)
        readable = set()
        for name, res_ids in ids_by_model.items():
            comodel = self.env.get(name)
            if comodel is None:
                continue
            records = comodel.with_context(active_test=False).browse(res_ids)
            try:
                records = records._filtered_access("read")
            except MissingError:
                records = records.exists()._filtered_access("read")
            readable.update((name, res_id) for res_id in records.ids)
        return (
            self.sudo()
            .filtered(lambda f: (f.res_model, f.res_id) not in readable)
            .sudo(False)
        )
