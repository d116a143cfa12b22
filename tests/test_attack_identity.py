from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import DirectiveCase, RpcMixin

ADMIN_EMAIL = "quantri@tinh.gov.vn"


@tagged("post_install", "-at_install")
class TestAttackIdentity(RpcMixin, DirectiveCase, HttpCase):
    """The identity side doors a unit admin could open over JSON-RPC: another
    person's contact, the link between an account and its person, its own
    roles, and the address a password reset is mailed to (DESIGN §2). Each
    refusal leaves everything as it was."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Room for the accounts the tests create in the commune's office.
        cls.level_office.account_quota = 5
        cls.administrator = cls.env.ref("base.user_admin")
        cls.province_admin = cls._user(
            "province_admin", "group_unit_admin", cls.province
        )
        # Each person an address of their own (new_test_user shares them).
        for user, email in (
            (cls.administrator, ADMIN_EMAIL),
            (cls.leader, "chutich@tinh.gov.vn"),
            (cls.manager, "hethong@tinh.gov.vn"),
            (cls.commune_admin, "daumoi@hoabinh.gov.vn"),
            (cls.commune_staff, "canbo@hoabinh.gov.vn"),
            (cls.commune_b_admin, "daumoi@anlac.gov.vn"),
        ):
            user.email = email
        cls.contact = cls.env["res.partner"].create(
            {"name": "Nguyễn Thị Hoa", "email": "hoa@nhandan.vn"}
        )
        cls.group_staff = cls.env.ref("directive_tracking.group_unit_staff")
        cls.staff_contact = cls.commune_staff.partner_id

    def setUp(self):
        super().setUp()
        # new_test_user sets the password to the login (8 characters or more).
        self.authenticate("commune_admin", "commune_admin")

    # ------------------------------------------------------------ helpers
    def _web_save(self, users, vals, context=None):
        return self._call_kw(
            "res.users",
            "web_save",
            [users.ids, vals],
            {"specification": {"display_name": {}}, "context": context or {}},
        )

    def assertRepointRefused(self, reply):
        """The ``reply`` to linking commune_staff's account to another contact
        is an access error, and the account keeps its own contact."""
        self.assertAccessError(reply)
        self.assertEqual(self.commune_staff.partner_id, self.staff_contact)

    def assertLoadRefused(self, reply):
        result = reply["result"]
        self.assertFalse(result["ids"])
        self.assertTrue(
            any(message["type"] == "error" for message in result["messages"]),
            result["messages"],
        )

    def assertContact(self, record, **values):
        self.assertEqual(
            {name: record[name] for name in values}, values, record.display_name
        )

    def _accounts(self, login):
        return (
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", login)])
        )

    def _new_account_vals(self, login, **vals):
        return {
            "name": f"Cán bộ {login}",
            "login": login,
            "unit_id": self.commune_office.id,
            "group_ids": [Command.set(self.group_staff.ids)],
            **vals,
        }

    # --------------------------------------------- contacts: what still works
    def test_unit_admin_edits_the_contact_details_of_an_account_in_its_subtree(self):
        reply = self._web_save(
            self.commune_staff,
            {
                "name": "Trần Văn Bình",
                "email": "binh@hoabinh.gov.vn",
                "phone": "0263 3822 222",
            },
        )
        self.assertNotIn("error", reply, reply)
        self.assertContact(
            self.commune_staff.partner_id,
            name="Trần Văn Bình",
            email="binh@hoabinh.gov.vn",
            phone="0263 3822 222",
        )

    def test_unit_admin_edits_the_contact_of_an_account_in_its_subtree_directly(
        self,
    ):
        reply = self._write(self.commune_staff.partner_id, {"phone": "0263 3822 333"})
        self.assertNotIn("error", reply, reply)
        self.assertEqual(self.commune_staff.phone, "0263 3822 333")

    def test_unit_admin_deactivates_and_reactivates_an_account_of_its_subtree(self):
        for active in (False, True):
            reply = self._write(self.commune_staff, {"active": active})
            self.assertNotIn("error", reply, reply)
            self.assertEqual(self.commune_staff.active, active)
        self.assertTrue(self.commune_staff.partner_id.active)

    def test_every_account_reads_the_contact_of_a_leader(self):
        # The chatter shows authors' names to everyone who sees a message.
        self.authenticate("commune_staff", "commune_staff")
        reply = self._call_kw(
            "res.partner", "read", [self.leader.partner_id.ids, ["name"]]
        )
        self.assertEqual(reply["result"][0]["name"], self.leader.name)

    # -------------------------------------------- contacts: another person's
    @mute_logger("odoo.http")
    def test_unit_admin_cannot_edit_the_administrators_contact(self):
        reply = self._write(
            self.administrator.partner_id, {"email": "evil@example.com"}
        )
        self.assertAccessError(reply)
        self.assertEqual(self.administrator.email, ADMIN_EMAIL)

    @mute_logger("odoo.http")
    def test_unit_admin_cannot_edit_a_leaders_contact(self):
        name = self.leader.name
        reply = self._write(
            self.leader.partner_id, {"name": "Mạo danh", "phone": "0909"}
        )
        self.assertAccessError(reply)
        self.assertContact(self.leader.partner_id, name=name, phone=False)

    @mute_logger("odoo.http")
    def test_unit_admin_cannot_edit_the_contact_of_an_account_of_another_unit(
        self,
    ):
        reply = self._write(
            self.commune_b_admin.partner_id, {"email": "evil@example.com"}
        )
        self.assertAccessError(reply)
        self.assertEqual(self.commune_b_admin.email, "daumoi@anlac.gov.vn")

    @mute_logger("odoo.http")
    def test_unit_admin_cannot_edit_a_company_contact(self):
        company = self.env.company.partner_id
        name = company.name
        reply = self._write(company, {"name": "Công ty giả"})
        self.assertAccessError(reply)
        self.assertEqual(company.name, name)

    @mute_logger("odoo.http")
    def test_unit_admin_cannot_edit_a_contact_that_is_no_account(self):
        reply = self._write(self.contact, {"email": "evil@example.com"})
        self.assertAccessError(reply)
        self.assertEqual(self.contact.email, "hoa@nhandan.vn")

    @mute_logger("odoo.http")
    def test_root_unit_admin_cannot_edit_the_contact_of_an_account_with_a_higher_role(
        self,
    ):
        # The system administrator's account lies in the root unit's subtree:
        # the rule lets the contact through, its role does not.
        self.authenticate("province_admin", "province_admin")
        reply = self._write(self.manager.partner_id, {"email": "evil@example.com"})
        self.assertAccessError(reply)
        self.assertEqual(self.manager.email, "hethong@tinh.gov.vn")

    @mute_logger("odoo.http")
    def test_root_unit_admin_cannot_edit_the_email_of_an_account_with_a_higher_role(
        self,
    ):
        self.authenticate("province_admin", "province_admin")
        reply = self._web_save(self.manager, {"email": "evil@example.com"})
        self.assertAccessError(reply)
        self.assertEqual(self.manager.email, "hethong@tinh.gov.vn")

    def test_unit_admin_cannot_edit_the_administrators_contact_through_import(self):
        reply = self._call_kw(
            "res.partner",
            "load",
            [
                [".id", "email"],
                [[str(self.administrator.partner_id.id), "evil@example.com"]],
            ],
        )
        self.assertLoadRefused(reply)
        self.assertEqual(self.administrator.email, ADMIN_EMAIL)

    @mute_logger("odoo.http")
    def test_unit_admin_cannot_edit_another_persons_contact_through_the_user(self):
        # An update command on the account's contact's accounts reaches the
        # leader's account, and through it the leader's contact.
        reply = self._write(
            self.commune_staff,
            {"user_ids": [Command.update(self.leader.id, {"email": "x@e.com"})]},
        )
        self.assertIn("error", reply, reply)
        self.assertEqual(self.leader.email, "chutich@tinh.gov.vn")

    # ------------------------------------- the link between account and person
    @mute_logger("odoo.http")
    def test_unit_admin_cannot_repoint_an_account_at_another_persons_contact(self):
        reply = self._write(
            self.commune_staff, {"partner_id": self.leader.partner_id.id}
        )
        self.assertRepointRefused(reply)

    @mute_logger("odoo.http")
    def test_unit_admin_cannot_repoint_an_account_from_the_user_form(self):
        reply = self._web_save(self.commune_staff, {"partner_id": self.contact.id})
        self.assertRepointRefused(reply)

    @mute_logger("odoo.http")
    def test_unit_admin_cannot_repoint_an_account_at_a_contact_of_its_subtree(self):
        # Even the contact of another account of the subtree: two accounts
        # would then be one person.
        reply = self._write(
            self.commune_staff, {"partner_id": self.commune_admin.partner_id.id}
        )
        self.assertRepointRefused(reply)

    @mute_logger("odoo.http")
    def test_unit_admin_cannot_repoint_an_account_through_a_contacts_accounts(self):
        # Linking an account to a contact's accounts writes the account's
        # contact: the unit admin's own contact is one it may edit.
        reply = self._write(
            self.commune_admin.partner_id,
            {"user_ids": [Command.link(self.commune_staff.id)]},
        )
        self.assertRepointRefused(reply)

    def test_unit_admin_cannot_repoint_an_account_through_import(self):
        reply = self._call_kw(
            "res.users",
            "load",
            [
                [".id", "partner_id/.id"],
                [[str(self.commune_staff.id), str(self.leader.partner_id.id)]],
            ],
        )
        self.assertLoadRefused(reply)
        self.assertEqual(self.commune_staff.partner_id, self.staff_contact)

    @mute_logger("odoo.http")
    def test_dotted_contact_write_through_the_user_writes_nothing(self):
        for vals in (
            {"partner_id.email": "evil@example.com"},
            {"partner_id": {"id": self.leader.partner_id.id, "email": "x@e.com"}},
        ):
            with self.subTest(vals=list(vals)):
                reply = self._write(self.commune_staff, vals)
                self.assertIn("error", reply, reply)
                self.assertEqual(self.commune_staff.email, "canbo@hoabinh.gov.vn")
                self.assertEqual(self.leader.email, "chutich@tinh.gov.vn")

    @mute_logger("odoo.http")
    def test_unit_admin_cannot_create_an_account_on_an_existing_contact(self):
        reply = self._call_kw(
            "res.users",
            "create",
            [self._new_account_vals("on_leader", partner_id=self.leader.partner_id.id)],
        )
        self.assertAccessError(reply)
        self.assertFalse(self._accounts("on_leader"))
        self.assertEqual(self.leader.partner_id.user_ids, self.leader)

    @mute_logger("odoo.http")
    def test_unit_admin_cannot_create_an_account_on_a_default_contact(self):
        reply = self._web_save(
            self.env["res.users"],
            self._new_account_vals("on_default"),
            {"default_partner_id": self.contact.id},
        )
        self.assertAccessError(reply)
        self.assertFalse(self._accounts("on_default"))
        self.assertFalse(self.contact.with_context(active_test=False).user_ids)

    @mute_logger("odoo.http")
    def test_unit_admin_cannot_create_an_account_inside_a_contact(self):
        reply = self._call_kw(
            "res.partner",
            "create",
            [
                {
                    "name": "Liên hệ",
                    "user_ids": [Command.create(self._new_account_vals("inside"))],
                }
            ],
        )
        self.assertAccessError(reply)
        self.assertFalse(self._accounts("inside"))

    def test_unit_admin_cannot_import_an_account_on_an_existing_contact(self):
        reply = self._call_kw(
            "res.users",
            "load",
            [
                ["name", "login", "unit_id/.id", "partner_id/.id"],
                [
                    [
                        "Cán bộ nhập",
                        "imported_on_contact",
                        str(self.commune_office.id),
                        str(self.contact.id),
                    ]
                ],
            ],
        )
        self.assertLoadRefused(reply)
        self.assertFalse(self._accounts("imported_on_contact"))

    def test_account_created_by_a_unit_admin_gets_a_new_contact(self):
        reply = self._call_kw(
            "res.users", "create", [self._new_account_vals("fresh_account")]
        )
        self.assertNotIn("error", reply, reply)
        account = self._accounts("fresh_account")
        self.assertEqual(account.partner_id.user_ids, account)
        self.assertEqual(account.partner_id.name, "Cán bộ fresh_account")

    # --------------------------------------------------------- its own roles
    @mute_logger("odoo.http")
    def test_unit_admin_cannot_change_its_own_groups(self):
        group_unit_admin = self.env.ref("directive_tracking.group_unit_admin")
        groups = self.commune_admin.group_ids
        for command in (
            Command.unlink(group_unit_admin.id),
            Command.set(self.group_staff.ids),
        ):
            with self.subTest(command=command):
                reply = self._web_save(self.commune_admin, {"group_ids": [command]})
                self.assertAccessError(reply)
                self.assertEqual(self.commune_admin.group_ids, groups)

    def test_unit_admin_still_edits_its_own_contact_details(self):
        reply = self._web_save(self.commune_admin, {"phone": "0263 3822 444"})
        self.assertNotIn("error", reply, reply)
        self.assertEqual(self.commune_admin.phone, "0263 3822 444")

    # ------------------------------------------------------ password reset
    def _reset_mails(self, address):
        """Ask a reset for ``address`` as the reset form does, and return the
        addresses it was mailed to."""
        mailed_to = []

        def send(mails, *args, **kwargs):
            mailed_to.extend(mails.mapped("email_to"))

        # auth_signup sends the mail at once, then rolls it back.
        with patch.object(type(self.env["mail.mail"]), "send", send):
            self.env["res.users"].sudo().reset_password(address)
        return mailed_to

    @mute_logger("odoo.http")
    def test_email_change_cannot_capture_another_persons_password_reset(self):
        # The commune admin gives an account of its subtree the
        # administrator's address, to make the reset form pick that account.
        reply = self._web_save(self.commune_staff, {"email": ADMIN_EMAIL})
        self.assertAccessError(reply)
        self.assertEqual(self.commune_staff.email, "canbo@hoabinh.gov.vn")
        self.assertEqual(self._reset_mails(ADMIN_EMAIL), [ADMIN_EMAIL])

    @mute_logger("odoo.http")
    def test_login_change_cannot_capture_another_persons_password_reset(self):
        # The reset form looks the login up first: an account whose login is
        # the administrator's address would get the reset mailed to its own,
        # the commune admin's, address.
        reply = self._web_save(
            self.commune_staff, {"login": ADMIN_EMAIL, "email": "toi@example.com"}
        )
        self.assertAccessError(reply)
        self.assertEqual(self.commune_staff.login, "commune_staff")
        self.assertEqual(self.commune_staff.email, "canbo@hoabinh.gov.vn")
        self.assertEqual(self._reset_mails(ADMIN_EMAIL), [ADMIN_EMAIL])

    @mute_logger("odoo.http")
    def test_email_change_cannot_take_another_accounts_login(self):
        self.administrator.login = "quantri.tinh@tinh.gov.vn"
        reply = self._web_save(
            self.commune_staff, {"email": "Quantri.Tinh@tinh.gov.vn"}
        )
        self.assertAccessError(reply)
        self.assertEqual(self.commune_staff.email, "canbo@hoabinh.gov.vn")

    @mute_logger("odoo.http")
    def test_address_is_compared_without_case_or_display_name(self):
        reply = self._web_save(
            self.commune_staff, {"email": '"Quản trị" <QuanTri@Tinh.gov.vn>'}
        )
        self.assertAccessError(reply)
        self.assertEqual(self.commune_staff.email, "canbo@hoabinh.gov.vn")

    @mute_logger("odoo.http")
    def test_two_accounts_cannot_share_one_address(self):
        # Even the unit admin's own: the reset form would find two accounts.
        reply = self._web_save(self.commune_staff, {"email": "daumoi@hoabinh.gov.vn"})
        self.assertAccessError(reply)
        self.assertEqual(self.commune_staff.email, "canbo@hoabinh.gov.vn")

    @mute_logger("odoo.http")
    def test_contact_email_change_cannot_take_another_persons_address(self):
        reply = self._write(self.commune_staff.partner_id, {"email": ADMIN_EMAIL})
        self.assertAccessError(reply)
        self.assertEqual(self.commune_staff.email, "canbo@hoabinh.gov.vn")

    @mute_logger("odoo.http")
    def test_new_account_cannot_take_another_persons_address(self):
        for index, vals in enumerate(({"email": ADMIN_EMAIL}, {"login": ADMIN_EMAIL})):
            with self.subTest(vals=vals):
                new_vals = dict(self._new_account_vals(f"taker_{index}"), **vals)
                reply = self._call_kw("res.users", "create", [new_vals])
                self.assertAccessError(reply)
                self.assertFalse(self._accounts(new_vals["login"]))

    def test_new_account_cannot_import_another_persons_address(self):
        reply = self._call_kw(
            "res.users",
            "load",
            [
                ["name", "login", "email", "unit_id/.id"],
                [["Cán bộ", "taker", ADMIN_EMAIL, str(self.commune_office.id)]],
            ],
        )
        self.assertLoadRefused(reply)
        self.assertFalse(self._accounts("taker"))

    @mute_logger("odoo.http")
    def test_own_preferences_cannot_take_another_persons_address(self):
        self.authenticate("commune_staff", "commune_staff")
        reply = self._write(self.commune_staff, {"email": ADMIN_EMAIL})
        self.assertAccessError(reply)
        self.assertEqual(self.commune_staff.email, "canbo@hoabinh.gov.vn")

    def test_own_preferences_still_change_the_own_address(self):
        self.authenticate("commune_staff", "commune_staff")
        reply = self._write(self.commune_staff, {"email": "binh.canbo@hoabinh.gov.vn"})
        self.assertNotIn("error", reply, reply)
        self.assertEqual(self.commune_staff.email, "binh.canbo@hoabinh.gov.vn")

    @mute_logger("odoo.http")
    def test_unit_admin_cannot_send_the_administrator_a_password_reset(self):
        reply = self._call_kw(
            "res.users", "action_reset_password", [self.administrator.ids]
        )
        self.assertAccessError(reply)
        self.assertFalse(
            self.env["mail.mail"].sudo().search([("email_to", "=", ADMIN_EMAIL)])
        )
