from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    account_unit_ids = fields.Many2many(
        "directive.unit",
        string="Units of its accounts",
        compute="_compute_account_unit_ids",
        search="_search_account_unit_ids",
        # The units of every account of the contact, whoever reads.
        compute_sudo=True,
        help="Units of the accounts of this contact, archived accounts "
        "included. A unit admin changes only the contacts of the accounts of "
        "its subtree.",
    )

    def _compute_account_unit_ids(self):
        for partner in self:
            partner.account_unit_ids = partner.with_context(
                active_test=False
            ).user_ids.unit_id

    def _search_account_unit_ids(self, operator, value):
        # A subquery rather than a path through ``user_ids``: when Odoo checks
        # a rule on records, it follows ``user_ids`` without the archived
        # accounts, and a unit admin could no longer re-activate one.
        # sudo: every account counts, archived ones and the ones the current
        # user may not read included.
        accounts = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            ._search([("unit_id", operator, value)])
        )
        return [("id", "in", accounts.subselect("partner_id"))]

    def write(self, vals):
        Users = self.env["res.users"]
        if Users._is_account_manager():
            return super().write(vals)
        # The record rules first: a unit admin writes only the contacts of
        # the accounts of its subtree. They cannot see the roles of these
        # accounts, nor what the new address would capture.
        self.check_access("write")
        # sudo: the accounts of the contacts, archived ones included, whoever
        # writes; they are judged as if they were written themselves.
        partners = self.sudo().with_context(active_test=False)
        accounts = partners.user_ids
        actor = self.env.user
        accounts._check_delegated_change(
            actor,
            actor.unit_id,
            Users._groups_granted_by(actor),
            {user.id: user.all_group_ids for user in accounts},
        )
        if "email" in vals:
            Users._check_addresses_free(
                [
                    (partner.user_ids, [vals["email"]])
                    for partner in partners
                    if partner.user_ids
                ]
            )
        return super().write(vals)
