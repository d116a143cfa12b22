from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import DirectiveCase, RpcMixin


@tagged("post_install", "-at_install")
class TestAccessRpc(RpcMixin, DirectiveCase, HttpCase):
    """The subtree rules hold for a logged-in commune account calling the
    ORM over JSON-RPC, as the web client and external scripts do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.task_own = cls._task(cls.commune)
        cls.task_other = cls._task(cls.commune_b)

    def setUp(self):
        super().setUp()
        # new_test_user sets the password to the login (8 characters or more).
        self.authenticate("commune_admin", "commune_admin")

    def test_commune_account_reads_a_task_of_its_unit_over_rpc(self):
        reply = self._call_kw("directive.task", "read", [[self.task_own.id], ["name"]])
        self.assertEqual(reply["result"][0]["id"], self.task_own.id)

    @mute_logger("odoo.http")
    def test_commune_account_cannot_read_a_task_of_another_unit_over_rpc(self):
        reply = self._call_kw(
            "directive.task", "read", [[self.task_other.id], ["name"]]
        )
        self.assertAccessError(reply)

    @mute_logger("odoo.http")
    def test_commune_account_cannot_write_an_account_of_another_unit_over_rpc(self):
        reply = self._write(self.commune_b_admin, {"name": "Đã sửa"})
        self.assertAccessError(reply)
        self.assertNotEqual(self.commune_b_admin.name, "Đã sửa")

    @mute_logger("odoo.http")
    def test_commune_admin_cannot_grant_officer_role_from_the_user_form(self):
        # The user form's group widget saves its choice as group commands.
        officer_group = self.env.ref("directive_tracking.group_officer")
        reply = self._call_kw(
            "res.users",
            "web_save",
            [[self.commune_staff.id], {"group_ids": [[4, officer_group.id]]}],
            {"specification": {"display_name": {}}},
        )
        self.assertAccessError(reply)
        self.assertFalse(
            self.commune_staff.has_group("directive_tracking.group_officer")
        )
