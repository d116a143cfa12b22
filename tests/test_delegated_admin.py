from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import DirectiveCase


@tagged("post_install", "-at_install")
class TestDelegatedAdmin(DirectiveCase):
    """A unit admin manages the accounts of its own subtree, within quota,
    and grants no role above its own, whatever the path (DESIGN §2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Each commune already uses its quota; these offices have room for
        # one account each.
        cls.commune_dept = cls._unit(
            "Phòng Kinh tế xã Hòa Bình", "T.10.2", cls.level_office, cls.commune
        )
        cls.commune_b_dept = cls._unit(
            "Phòng Kinh tế phường An Lạc", "T.11.2", cls.level_office, cls.commune_b
        )
        ref = cls.env.ref
        cls.group_staff = ref("directive_tracking.group_unit_staff")
        cls.group_unit_admin = ref("directive_tracking.group_unit_admin")
        cls.group_officer = ref("directive_tracking.group_officer")
        cls.group_system = ref("base.group_system")
        cls.Users = cls.env["res.users"].with_user(cls.commune_admin)

    def _account_vals(self, login, unit=None, **vals):
        return {
            "name": f"Cán bộ {login}",
            "login": login,
            "unit_id": (unit or self.commune_dept).id,
            "group_ids": [Command.set(self.group_staff.ids)],
            **vals,
        }

    def assertLoadRefused(self, result):
        self.assertFalse(result["ids"])
        self.assertTrue(
            any(message["type"] == "error" for message in result["messages"]),
            result["messages"],
        )

    # ------------------------------------------------------------ allowed
    def test_commune_admin_creates_an_account_in_its_subtree(self):
        account = self.Users.create(self._account_vals("new_staff"))
        self.assertEqual(account.unit_id, self.commune_dept)
        self.assertTrue(account.has_group("directive_tracking.group_unit_staff"))

    def test_commune_admin_creates_an_account_with_an_email_and_invites_it(self):
        with self.assertLogs("odoo.addons.auth_signup.models.res_users") as logs:
            account = self.Users.create(
                self._account_vals("with_mail", email="canbo.hoabinh@example.com")
            )
        self.assertEqual(account.email, "canbo.hoabinh@example.com")
        self.assertEqual(account.partner_id.sudo().signup_type, "signup")
        self.assertIn("<canbo.hoabinh@example.com>", logs.output[0])

    def test_commune_admin_grants_its_own_role_in_its_subtree(self):
        self.commune_staff.with_user(self.commune_admin).group_ids = [
            Command.link(self.group_unit_admin.id)
        ]
        self.assertTrue(
            self.commune_staff.has_group("directive_tracking.group_unit_admin")
        )

    def test_commune_admin_edits_an_account_in_its_subtree(self):
        self.commune_staff.with_user(self.commune_admin).write(
            {"name": "Nguyễn Văn Bình", "login": "binh.nv"}
        )
        self.assertEqual(self.commune_staff.login, "binh.nv")

    def test_commune_admin_moves_an_account_inside_its_subtree(self):
        self.commune_staff.with_user(self.commune_admin).unit_id = self.commune_dept
        self.assertEqual(self.commune_staff.unit_id, self.commune_dept)

    def test_commune_admin_deactivates_an_account_in_its_subtree(self):
        self.commune_staff.with_user(self.commune_admin).active = False
        self.assertFalse(self.commune_staff.active)

    def test_account_without_unit_changes_its_own_preferences(self):
        # Not an administration: the base model lets every account do it.
        user = self.env["res.users"].create(
            {"name": "Người dùng nội bộ", "login": "plain_user"}
        )
        user.with_user(user).write({"tz": "Asia/Ho_Chi_Minh"})
        self.assertEqual(user.tz, "Asia/Ho_Chi_Minh")

    # ------------------------------------------------- scope of accounts
    def test_commune_admin_cannot_create_an_account_in_another_unit(self):
        with self.assertRaises(AccessError):
            self.Users.create(self._account_vals("intruder", self.commune_b_dept))

    def test_commune_admin_cannot_create_an_account_without_unit(self):
        # An account without a role escapes the "role needs a unit" check;
        # it must still fall inside the admin's subtree.
        vals = self._account_vals("no_unit", unit_id=False)
        vals["group_ids"] = [Command.set(self.env.ref("base.group_user").ids)]
        with self.assertRaises(AccessError):
            self.Users.create(vals)

    def test_commune_admin_cannot_deactivate_an_account_of_another_unit(self):
        with self.assertRaises(AccessError):
            self.commune_b_admin.with_user(self.commune_admin).active = False

    def test_commune_admin_cannot_move_an_account_out_of_its_subtree(self):
        account = self.commune_staff.with_user(self.commune_admin)
        with self.assertRaises(AccessError):
            account.unit_id = self.commune_b_dept

    def test_commune_admin_cannot_move_its_own_account(self):
        with self.assertRaises(AccessError):
            self.commune_admin.with_user(self.commune_admin).unit_id = self.commune_dept

    def test_commune_admin_cannot_attach_an_account_through_the_unit(self):
        with self.assertRaises(AccessError):
            self.commune_b_dept.with_user(self.commune_admin).user_ids = [
                Command.link(self.commune_staff.id)
            ]

    def test_commune_admin_cannot_delete_an_account(self):
        with self.assertRaises(AccessError):
            self.commune_staff.with_user(self.commune_admin).unlink()

    # ------------------------------------------------------------ roles
    def _grant(self, account, group):
        """The commune admin adds ``group`` to the roles of ``account``."""
        account.with_user(self.commune_admin).group_ids = [Command.link(group.id)]

    def test_commune_admin_cannot_grant_officer_role(self):
        with self.assertRaises(AccessError):
            self._grant(self.commune_staff, self.group_officer)

    def test_commune_admin_cannot_grant_settings_role(self):
        with self.assertRaises(AccessError):
            self._grant(self.commune_staff, self.group_system)

    def test_commune_admin_cannot_grant_itself_a_higher_role(self):
        with self.assertRaises(AccessError):
            self._grant(self.commune_admin, self.group_officer)

    def test_commune_admin_cannot_create_an_account_with_officer_role(self):
        commands = {
            "set": [Command.set(self.group_officer.ids)],
            "link": [Command.link(self.group_officer.id)],
            "legacy set": [(6, 0, self.group_officer.ids)],
            "legacy link": [(4, self.group_officer.id)],
        }
        for index, (form, groups) in enumerate(commands.items()):
            with self.subTest(command=form), self.assertRaises(AccessError):
                # Roll back each attempt, so that the next one meets no quota.
                with self.env.cr.savepoint():
                    self.Users.create(
                        self._account_vals(f"officer_{index}", group_ids=groups)
                    )

    # The user form's "Role" radio is an onchange of group_ids; sent directly
    # over RPC, the ``role`` field must not grant anything.
    def test_role_field_written_by_a_commune_admin_grants_nothing(self):
        self.commune_staff.with_user(self.commune_admin).write({"role": "group_system"})
        self.assertFalse(self.commune_staff.has_group("base.group_system"))

    def test_role_field_of_an_account_created_by_a_commune_admin_grants_nothing(self):
        vals = dict(self._account_vals("by_role"), role="group_system")
        self.assertFalse(self.Users.create(vals).has_group("base.group_system"))

    def test_unit_is_on_the_user_form(self):
        arch = self.env["res.users"].get_view(
            self.env.ref("base.view_users_form").id, "form"
        )["arch"]
        self.assertIn('name="unit_id"', arch)

    def test_commune_admin_cannot_add_an_account_to_a_role(self):
        with self.assertRaises(AccessError):
            self.group_officer.with_user(self.commune_admin).user_ids = [
                Command.link(self.commune_staff.id)
            ]

    def test_province_admin_cannot_change_the_system_administrator_account(self):
        # An admin of the root unit has every account in its subtree; taking
        # over an account with a role it does not hold is an escalation too.
        province_admin = self._user("province_admin", "group_unit_admin", self.province)
        for vals in ({"password": "taken-over"}, {"login": "taken"}, {"active": False}):
            with self.subTest(vals=list(vals)), self.assertRaises(AccessError):
                with self.env.cr.savepoint():
                    self.manager.with_user(province_admin).write(vals)

    # ------------------------------------------------------------ import
    def test_commune_admin_cannot_grant_a_role_through_import(self):
        result = self.Users.load(
            [".id", "group_ids/id"],
            [[str(self.commune_staff.id), "directive_tracking.group_officer"]],
        )
        self.assertLoadRefused(result)
        self.assertFalse(
            self.commune_staff.has_group("directive_tracking.group_officer")
        )

    def test_commune_admin_cannot_import_an_account_with_officer_role(self):
        result = self.Users.load(
            ["name", "login", "unit_id/.id", "group_ids/id"],
            [
                [
                    "Cán bộ nhập",
                    "imported",
                    str(self.commune_dept.id),
                    "directive_tracking.group_officer",
                ]
            ],
        )
        self.assertLoadRefused(result)
        self.assertFalse(
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", "imported")])
        )

    def test_commune_admin_cannot_move_an_account_through_import(self):
        result = self.Users.load(
            [".id", "unit_id/.id"],
            [[str(self.commune_staff.id), str(self.commune_b_dept.id)]],
        )
        self.assertLoadRefused(result)
        self.assertEqual(self.commune_staff.unit_id, self.commune_office)

    # --------------------------------------------------- unit requirement
    def test_role_account_needs_a_unit(self):
        with self.assertRaises(ValidationError):
            self.env["res.users"].with_user(self.manager).create(
                self._account_vals("no_unit", unit_id=False)
            )

    def test_system_administrator_needs_no_unit(self):
        account = (
            self.env["res.users"]
            .with_user(self.manager)
            .create(
                self._account_vals(
                    "sysadmin",
                    unit_id=False,
                    group_ids=[
                        Command.set(
                            self.env.ref("directive_tracking.group_manager").ids
                        )
                    ],
                )
            )
        )
        self.assertFalse(account.unit_id)
