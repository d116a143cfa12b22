from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DirectiveCase


@tagged("post_install", "-at_install")
class TestAccountQuota(DirectiveCase):
    """Account quotas per level (DESIGN §2), at the boundary: quota − 1,
    quota and quota + 1 accounts, when creating, re-activating and moving an
    account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A former district (quota 3) and a spare one, both empty, so that
        # each test fills exactly what it needs.
        cls.district = cls._unit("Huyện Đức Trọng", "T.20", cls.level_district)
        cls.district_b = cls._unit("Huyện Lâm Hà", "T.21", cls.level_district)
        cls.quota = cls.level_district.account_quota
        cls.staff_group = cls.env.ref("directive_tracking.group_unit_staff")

    def _create_accounts(self, unit, count, prefix="acc", actor=None, lang=None):
        """Create ``count`` accounts in ``unit`` in one call, as ``actor``
        (the system administrator by default)."""
        Users = self.env["res.users"].with_user(actor or self.manager)
        if lang:
            Users = Users.with_context(lang=lang)
        return Users.create(
            [
                {
                    "name": f"Cán bộ {prefix} {index}",
                    "login": f"{prefix}_{unit.code}_{index}",
                    "unit_id": unit.id,
                    "group_ids": [Command.set(self.staff_group.ids)],
                }
                for index in range(count)
            ]
        )

    def _active_count(self, unit):
        return self.env["res.users"].search_count(
            [("unit_id", "=", unit.id), ("share", "=", False)]
        )

    def assertQuotaMessage(self, error, unit, level, quota):
        message = str(error.exception)
        self.assertIn(unit.name, message)
        self.assertIn(level.name, message)
        self.assertIn(str(quota), message)

    def test_default_quotas_follow_de_an_06(self):
        self.assertEqual(self.level_province.account_quota, 5)
        self.assertEqual(self.level_district.account_quota, 3)
        self.assertEqual(self.level_commune.account_quota, 1)

    # ------------------------------------------------------------- create
    def test_creating_up_to_the_quota_is_allowed(self):
        self._create_accounts(self.district, self.quota - 1)
        self._create_accounts(self.district, 1, prefix="last")
        self.assertEqual(self._active_count(self.district), self.quota)

    def test_creating_beyond_the_quota_is_refused_naming_unit_level_and_quota(self):
        self._create_accounts(self.district, self.quota)
        with self.assertRaises(ValidationError) as error:
            self._create_accounts(self.district, 1, prefix="extra")
        self.assertQuotaMessage(error, self.district, self.level_district, self.quota)

    def test_creating_two_accounts_for_the_last_place_is_refused(self):
        self._create_accounts(self.district, self.quota - 1)
        with self.assertRaises(ValidationError):
            self._create_accounts(self.district, 2, prefix="pair")

    def test_quota_message_is_in_the_language_of_the_account(self):
        self._create_accounts(self.district, self.quota)
        with self.assertRaises(ValidationError) as error:
            self._create_accounts(self.district, 1, prefix="extra", lang="vi_VN")
        self.assertNotIn("already has its quota", str(error.exception))
        self.assertQuotaMessage(
            error,
            self.district,
            self.level_district.with_context(lang="vi_VN"),
            self.quota,
        )

    def test_unit_admin_creating_beyond_the_quota_is_refused(self):
        # The commune office (quota 1) already has its account.
        with self.assertRaises(ValidationError) as error:
            self._create_accounts(
                self.commune_office, 1, prefix="extra", actor=self.commune_admin
            )
        self.assertQuotaMessage(
            error,
            self.commune_office,
            self.level_office,
            self.level_office.account_quota,
        )

    def test_archived_accounts_leave_their_place(self):
        accounts = self._create_accounts(self.district, self.quota)
        accounts[0].active = False
        self._create_accounts(self.district, 1, prefix="new")
        self.assertEqual(self._active_count(self.district), self.quota)

    # --------------------------------------------------------- re-activate
    def test_reactivating_up_to_the_quota_is_allowed(self):
        archived = self._create_accounts(self.district, 1, prefix="old")
        archived.active = False
        self._create_accounts(self.district, self.quota - 1)
        archived.with_user(self.manager).active = True
        self.assertEqual(self._active_count(self.district), self.quota)

    def test_reactivating_beyond_the_quota_is_refused_naming_unit_level_and_quota(self):
        archived = self._create_accounts(self.district, 1, prefix="old")
        archived.active = False
        self._create_accounts(self.district, self.quota)
        with self.assertRaises(ValidationError) as error:
            archived.with_user(self.manager).active = True
        self.assertQuotaMessage(error, self.district, self.level_district, self.quota)

    # ---------------------------------------------------------------- move
    def test_moving_into_a_unit_up_to_its_quota_is_allowed(self):
        self._create_accounts(self.district, self.quota - 1)
        moved = self._create_accounts(self.district_b, 1, prefix="moved")
        moved.with_user(self.manager).unit_id = self.district
        self.assertEqual(self._active_count(self.district), self.quota)

    def test_moving_into_a_full_unit_is_refused_naming_unit_level_and_quota(self):
        self._create_accounts(self.district, self.quota)
        moved = self._create_accounts(self.district_b, 1, prefix="moved")
        with self.assertRaises(ValidationError) as error:
            moved.with_user(self.manager).unit_id = self.district
        self.assertQuotaMessage(error, self.district, self.level_district, self.quota)

    def test_moving_an_archived_account_into_a_full_unit_is_allowed(self):
        self._create_accounts(self.district, self.quota)
        moved = self._create_accounts(self.district_b, 1, prefix="moved")
        moved.active = False
        moved.with_user(self.manager).unit_id = self.district
        self.assertEqual(moved.unit_id, self.district)

    # ------------------------------------------------------- configuration
    def test_raising_a_level_quota_makes_room(self):
        self._create_accounts(self.district, self.quota)
        self.level_district.with_user(self.manager).account_quota = self.quota + 1
        self._create_accounts(self.district, 1, prefix="extra")
        self.assertEqual(self._active_count(self.district), self.quota + 1)

    def test_lowered_level_quota_applies_to_the_next_account(self):
        self.level_district.with_user(self.manager).account_quota = 1
        self._create_accounts(self.district, 1)
        with self.assertRaises(ValidationError) as error:
            self._create_accounts(self.district, 1, prefix="extra")
        self.assertQuotaMessage(error, self.district, self.level_district, 1)
