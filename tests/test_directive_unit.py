from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DirectiveCase


@tagged("post_install", "-at_install")
class TestDirectiveUnit(DirectiveCase):
    def test_subtree_contains_descendants_only(self):
        subtree = self.env["directive.unit"].search(
            [("id", "child_of", self.commune.id)]
        )
        self.assertEqual(subtree, self.commune | self.commune_office)

    def test_unit_cannot_be_its_own_ancestor(self):
        with self.assertRaises(ValidationError):
            self.commune.parent_id = self.commune_office

    def test_moving_a_unit_moves_its_subtree(self):
        self.commune.parent_id = self.agency
        self.assertTrue(
            self.commune_office.parent_path.startswith(self.agency.parent_path)
        )
        self.assertEqual(
            self.commune_office.complete_name,
            "UBND tỉnh Thử / Sở Tài chính / Xã Hòa Bình / Văn phòng UBND xã Hòa Bình",
        )
