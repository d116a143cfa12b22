import base64
import importlib.util
from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import DirectiveCase, RpcMixin


class DmsCase(DirectiveCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Files = cls.env["dms.file"]
        cls.task = cls._assigned_task(cls.commune, name="Rà soát hộ nghèo")
        cls.task_b = cls._assigned_task(cls.commune_b, name="Nhiệm vụ của phường")

    @classmethod
    def _upload(cls, user, model, name="bien-ban.pdf", content=b"%PDF-1.4 original"):
        """A file as the form's upload widget sends it, before the record."""
        return (
            cls.env["ir.attachment"]
            .with_user(user)
            .create({"name": name, "raw": content, "res_model": model, "res_id": 0})
        )

    @classmethod
    def _file(cls, unit, name="cong-van.pdf", content=b"noi dung", user=None, **vals):
        """A document put in the unit's directory (not evidence), by ``user``
        (the superuser by default)."""
        Files = cls.Files.with_user(user) if user else cls.Files
        return Files.create(
            {
                "name": name,
                "directory_id": unit.dms_directory_id.id,
                "content": base64.b64encode(content),
                **vals,
            }
        )

    def _content_attachment(self, document):
        """The attachment that holds the content of the DMS ``document``."""
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", "dms.file"),
                ("res_id", "=", document.id),
                ("res_field", "=", "content_file"),
            ]
        )

    @classmethod
    def _file_update(cls, user, task, content=b"%PDF-1.4 original"):
        attachment = cls._upload(user, "directive.task.update", content=content)
        return (
            cls.env["directive.task.update"]
            .with_user(user)
            .create(
                {
                    "task_id": task.id,
                    "note": "Đã rà soát 45/62 hộ",
                    "progress": 40,
                    "attachment_ids": [(6, 0, attachment.ids)],
                }
            )
        )


@tagged("post_install", "-at_install")
class TestDmsTree(DmsCase):
    """The directory tree of the directive storage mirrors the unit tree and
    follows it (DESIGN §7)."""

    def test_every_unit_has_a_directory_under_its_parent_units(self):
        self.assertEqual(
            self.commune_office.dms_directory_id.parent_id,
            self.commune.dms_directory_id,
        )
        self.assertEqual(
            self.commune.dms_directory_id.parent_id, self.province.dms_directory_id
        )
        self.assertEqual(self.commune.dms_directory_id.name, "Xã Hòa Bình")
        self.assertEqual(
            self.province.dms_directory_id.storage_id,
            self.env.ref("directive_tracking.dms_storage_directive"),
        )

    def test_install_gives_existing_units_their_directories(self):
        from .. import post_init_hook

        unit = self._unit("Xã Tân Hà", "T.13", self.level_commune)
        directory = unit.dms_directory_id
        self.env.flush_all()
        # As before the module had directories: the unit has none.
        self.env.cr.execute(
            "UPDATE directive_unit SET dms_directory_id = NULL WHERE id = %s",
            [unit.id],
        )
        self.env.cr.execute("DELETE FROM dms_directory WHERE id = %s", [directory.id])
        self.env.invalidate_all()
        post_init_hook(self.env)
        self.assertEqual(unit.dms_directory_id.name, "Xã Tân Hà")
        self.assertEqual(
            unit.dms_directory_id.parent_id, self.province.dms_directory_id
        )

    def test_renamed_unit_renames_its_directory(self):
        self.commune.name = "Xã Hòa Bình Mới"
        self.assertEqual(self.commune.dms_directory_id.name, "Xã Hòa Bình Mới")

    def test_moved_unit_moves_its_directory_and_documents_along(self):
        document = self._file(self.commune_office)
        self.commune_office.parent_id = self.commune_b
        self.assertEqual(
            self.commune_office.dms_directory_id.parent_id,
            self.commune_b.dms_directory_id,
        )
        visible = self.Files.with_user(self.commune_b_admin).search([])
        self.assertIn(document, visible)
        self.assertNotIn(document, self.Files.with_user(self.commune_admin).search([]))

    def test_units_of_one_parent_with_one_name_get_two_directories(self):
        twin = self._unit(
            "Văn phòng UBND xã Hòa Bình", "T.10.2", self.level_office, self.commune
        )
        self.assertEqual(
            twin.dms_directory_id.name, "Văn phòng UBND xã Hòa Bình (T.10.2)"
        )

    def test_unit_directory_cannot_be_renamed_moved_or_deleted_by_hand(self):
        directory = self.commune.dms_directory_id.with_user(self.manager)
        with self.assertRaises(AccessError):
            directory.write({"name": "Khác"})
        with self.assertRaises(AccessError):
            directory.write({"parent_id": self.commune_b.dms_directory_id.id})
        with self.assertRaises(AccessError):
            directory.unlink()

    def test_dissolved_unit_hands_its_documents_to_the_successor(self):
        successor = self._unit("Phường An Hòa", "T.12", self.level_commune)
        heir = new_test_user(
            self.env,
            login="heir",
            groups="directive_tracking.group_unit_admin",
            unit_id=successor.id,
        )
        update = self._file_update(self.commune_b_admin, self.task_b)
        document = update.dms_file_ids
        self.env["directive.unit.transfer"].with_user(self.manager).create(
            {"unit_id": self.commune_b.id, "successor_id": successor.id}
        ).action_transfer()
        self.assertEqual(
            self.commune_b.dms_directory_id.parent_id, successor.dms_directory_id
        )
        # History kept: the document is where it was filed, unchanged.
        self.assertEqual(document.directory_id, self.commune_b.dms_directory_id)
        self.assertEqual(base64.b64decode(document.content), b"%PDF-1.4 original")
        self.assertIn(document, self.Files.with_user(heir).search([]))
        self.assertEqual(self.task_b.lead_unit_id, successor)


@tagged("post_install", "-at_install")
class TestDmsDocuments(DmsCase):
    """Source and result documents are DMS files in the right directory."""

    def test_source_files_are_filed_in_the_clerks_unit_directory(self):
        attachment = self._upload(self.clerk, "directive.source", "215-UBND-KT.pdf")
        source = (
            self.env["directive.source"]
            .with_user(self.clerk)
            .create(
                {
                    "number": "215/UBND-KT",
                    "issue_date": "2026-01-05",
                    "excerpt": "Về việc rà soát hộ nghèo",
                    "attachment_ids": [(6, 0, attachment.ids)],
                }
            )
        )
        self.assertEqual(source.dms_file_ids.mapped("name"), ["215-UBND-KT.pdf"])
        self.assertEqual(source.dms_file_ids.directory_id, self.office.dms_directory_id)
        self.assertEqual(
            base64.b64decode(source.dms_file_ids.content), b"%PDF-1.4 original"
        )
        self.assertFalse(source.attachment_ids)

    def test_update_files_are_result_documents_of_the_task(self):
        update = self._file_update(self.commune_admin, self.task)
        document = update.dms_file_ids
        self.assertEqual(document.directory_id, self.commune.dms_directory_id)
        self.assertEqual(self.task.result_document_ids, document)
        self.assertEqual(base64.b64decode(document.content), b"%PDF-1.4 original")

    def test_completion_files_are_result_documents_of_the_task(self):
        attachment = self._upload(self.commune_admin, "directive.task.completion")
        completion = (
            self.env["directive.task.completion"]
            .with_user(self.commune_admin)
            .create(
                {
                    "task_id": self.task.id,
                    "result": "Đã hoàn thành",
                    "attachment_ids": [(6, 0, attachment.ids)],
                }
            )
        )
        self.assertEqual(self.task.result_document_ids, completion.dms_file_ids)
        self.assertEqual(
            completion.dms_file_ids.directory_id, self.commune.dms_directory_id
        )

    def test_clerk_starts_a_directive_from_a_document(self):
        document = self._file(self.office, "Cong van 12.pdf")
        action = document.with_user(self.clerk).action_start_directive()
        self.assertEqual(action["res_model"], "directive.source")
        source = (
            self.env["directive.source"]
            .with_user(self.clerk)
            .with_context(**action["context"])
            .create({"number": "12/UBND", "issue_date": "2026-02-01"})
        )
        self.assertEqual(source.excerpt, "Cong van 12")
        self.assertEqual(source.dms_file_ids, document)

    def test_unit_staff_cannot_start_a_directive(self):
        document = self._file(self.commune)
        with self.assertRaises(AccessError):
            document.with_user(self.commune_admin).action_start_directive()

    def test_unit_cannot_make_its_file_a_directive_source(self):
        document = self._file(self.commune)
        source = self._source()
        with self.assertRaises(AccessError):
            document.with_user(self.commune_admin).write(
                {"directive_source_id": source.id}
            )

    def test_unit_cannot_pass_a_file_off_as_a_result_document(self):
        with self.assertRaises(AccessError):
            self._file(
                self.commune,
                "gia.pdf",
                b"x",
                user=self.commune_admin,
                directive_task_id=self.task.id,
            )


@tagged("post_install", "-at_install")
class TestDmsSeal(DmsCase):
    """A result document of a filed update or report can no longer be
    changed, replaced, moved or deleted, by anyone (DESIGN §4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls._file_update(cls.commune_admin, cls.task).dms_file_ids

    def test_filed_document_cannot_be_changed_by_anyone(self):
        for env in (self.env, self.env(user=self.manager)):
            document = self.document.with_env(env)
            for vals in (
                {"name": "khac.pdf"},
                {"content": base64.b64encode(b"forged")},
                {"directory_id": self.commune_b.dms_directory_id.id},
                {"active": False},
                {"directive_evidence_id": 0},
            ):
                with (
                    self.subTest(user=env.user.login, vals=list(vals)),
                    self.assertRaises(AccessError),
                ):
                    document.write(vals)
        self.assertEqual(base64.b64decode(self.document.content), b"%PDF-1.4 original")

    def test_filed_document_cannot_be_deleted_by_anyone(self):
        for env in (self.env, self.env(user=self.manager)):
            with self.subTest(user=env.user.login), self.assertRaises(AccessError):
                self.document.with_env(env).unlink()
        self.assertTrue(self.document.exists())

    def test_filed_documents_content_attachment_cannot_be_changed(self):
        content = self._content_attachment(self.document)
        self.assertEqual(content.raw, b"%PDF-1.4 original")
        for env in (self.env, self.env(user=self.commune_admin)):
            with self.subTest(user=env.user.login):
                with self.assertRaises(AccessError):
                    content.with_env(env).write({"raw": b"forged"})
                with self.assertRaises(AccessError):
                    content.with_env(env).unlink()
        self.assertEqual(base64.b64decode(self.document.content), b"%PDF-1.4 original")

    def test_filed_document_can_still_be_tagged(self):
        tag = self.env["dms.tag"].create({"name": "Quan trọng"})
        self.document.with_user(self.manager).tag_ids = [(4, tag.id)]
        self.assertEqual(self.document.tag_ids, tag)

    def test_unfiled_document_of_the_unit_can_be_renamed(self):
        document = self._file(self.commune)
        document.with_user(self.commune_admin).name = "ke-hoach.pdf"
        self.assertEqual(document.name, "ke-hoach.pdf")


@tagged("post_install", "-at_install")
class TestDmsVisibility(DmsCase):
    """Directories and files follow the unit subtree exactly, through every
    search DMS offers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_commune = cls._file(cls.commune, "xa.pdf")
        cls.doc_commune_office = cls._file(cls.commune_office, "vanphong.pdf")
        cls.doc_commune_b = cls._file(cls.commune_b, "phuong.pdf")
        cls.doc_agency = cls._file(cls.agency, "so.pdf")
        cls.ours = (
            cls.doc_commune
            | cls.doc_commune_office
            | cls.doc_commune_b
            | cls.doc_agency
        )

    def _visible(self, user):
        return self.Files.with_user(user).search([("id", "in", self.ours.ids)])

    def test_unit_admin_sees_the_documents_of_its_subtree(self):
        self.assertEqual(
            self._visible(self.commune_admin),
            self.doc_commune | self.doc_commune_office,
        )

    def test_sub_unit_does_not_see_its_parents_documents(self):
        self.assertEqual(self._visible(self.commune_staff), self.doc_commune_office)

    def test_office_and_leaders_see_every_document(self):
        for user in (self.clerk, self.officer, self.leader):
            with self.subTest(user=user.login):
                self.assertEqual(self._visible(user), self.ours)

    def test_directories_follow_the_subtree(self):
        directories = (
            self.env["dms.directory"]
            .with_user(self.commune_admin)
            .search([("directive_unit_id", "!=", False)])
        )
        self.assertEqual(
            directories,
            self.commune.dms_directory_id | self.commune_office.dms_directory_id,
        )

    def test_other_units_document_cannot_be_read(self):
        with self.assertRaises(AccessError):
            self.doc_commune_b.with_user(self.commune_admin).read(["name"])

    def test_clerk_cannot_change_another_units_document(self):
        with self.assertRaises(AccessError):
            self.doc_commune.with_user(self.clerk).write({"name": "khac.pdf"})

    def test_unit_cannot_upload_into_another_units_directory(self):
        with self.assertRaises(AccessError):
            self._file(self.commune_b, "gia.pdf", b"x", user=self.commune_admin)

    def test_unit_cannot_move_its_document_into_another_units_directory(self):
        with self.assertRaises(AccessError):
            self.doc_commune.with_user(self.commune_admin).write(
                {"directory_id": self.commune_b.dms_directory_id.id}
            )

    def test_unit_moves_its_document_within_its_subtree(self):
        self.doc_commune.with_user(self.commune_admin).write(
            {"directory_id": self.commune_office.dms_directory_id.id}
        )
        self.assertEqual(
            self.doc_commune.directory_id, self.commune_office.dms_directory_id
        )

    def test_units_do_not_delete_documents(self):
        with self.assertRaises(AccessError):
            self.doc_commune.with_user(self.commune_admin).unlink()

    def test_unit_reads_the_source_document_of_its_task(self):
        source = self._source()
        document = self._file(self.office, "215.pdf")
        document.directive_source_id = source
        self.task.source_id = source
        self.assertEqual(
            self.Files.with_user(self.commune_staff).search(
                [("directive_source_id", "=", source.id)]
            ),
            self.Files,
        )
        self.assertEqual(
            self.Files.with_user(self.commune_admin).search(
                [("directive_source_id", "=", source.id)]
            ),
            document,
        )

    def test_tags_and_categories_count_only_visible_documents(self):
        category = self.env["dms.category"].create({"name": "Công văn"})
        tag = self.env["dms.tag"].create({"name": "Mật", "category_id": category.id})
        self.doc_commune_b.write({"tag_ids": [(4, tag.id)], "category_id": category.id})
        self.env.invalidate_all()  # read as a new request of the unit would
        tag_as_unit = tag.with_user(self.commune_admin)
        self.assertFalse(tag_as_unit.file_ids)
        self.assertEqual(tag_as_unit.count_files, 0)
        self.assertFalse(category.with_user(self.commune_admin).file_ids)

    def test_documents_are_never_shared_by_link(self):
        self.doc_commune_b.sudo().access_token = "guessed-token"
        self.assertFalse(self.doc_commune_b.check_access_token("guessed-token"))
        with self.assertRaises(AccessError):
            self.doc_commune.with_user(self.commune_admin)._portal_ensure_token()


@tagged("post_install", "-at_install")
class TestDmsMigration(DmsCase):
    """A database from before the DMS base: its attachments move into the
    DMS, nothing lost (migrations/19.0.1.2.0)."""

    def _migrate(self):
        path = Path(__file__).parents[1] / "migrations/19.0.1.2.0/post-migrate.py"
        spec = importlib.util.spec_from_file_location("dt_post_migrate", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()

    def _old_source_with_file(self):
        source = self._source()
        attachment = self.env["ir.attachment"].create(
            {"name": "100-UBND-TH.pdf", "raw": b"%PDF-1.4 source"}
        )
        rel = source._fields["attachment_ids"]
        # As the old module kept it: a plain attachment of the source.
        self.env.cr.execute(
            f"INSERT INTO {rel.relation} ({rel.column1}, {rel.column2}) "
            "VALUES (%s, %s)",
            [source.id, attachment.id],
        )
        self.env.invalidate_all()
        return source, attachment

    def _old_update_with_file(self):
        update = self._file_update(self.commune_admin, self.task, b"%PDF-1.4 update")
        self.env.cr.execute(
            "DELETE FROM dms_file WHERE id IN %s", [tuple(update.dms_file_ids.ids)]
        )
        self.env.invalidate_all()
        return update

    def test_source_attachments_move_into_the_dms(self):
        source, attachment = self._old_source_with_file()
        self._migrate()
        self.assertEqual(source.dms_file_ids.mapped("name"), ["100-UBND-TH.pdf"])
        self.assertEqual(
            base64.b64decode(source.dms_file_ids.content), b"%PDF-1.4 source"
        )
        self.assertTrue(attachment.exists())

    def test_update_attachments_become_sealed_result_documents(self):
        update = self._old_update_with_file()
        self.assertFalse(update.dms_file_ids)
        self._migrate()
        document = update.dms_file_ids
        self.assertEqual(base64.b64decode(document.content), b"%PDF-1.4 update")
        self.assertEqual(document.directory_id, self.commune.dms_directory_id)
        self.assertEqual(self.task.result_document_ids, document)
        with self.assertRaises(AccessError):
            document.write({"name": "khac.pdf"})
        self.assertEqual(update.attachment_ids.raw, b"%PDF-1.4 update")

    def test_migration_run_twice_files_each_attachment_once(self):
        update = self._old_update_with_file()
        self._migrate()
        self._migrate()
        self.assertEqual(len(update.dms_file_ids), 1)


@tagged("post_install", "-at_install")
class TestDmsRoutes(RpcMixin, DmsCase, HttpCase):
    """The DMS routes and models tried over HTTP and JSON-RPC as an account
    of another unit, as an attacker would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secret = cls._file(cls.commune_b, "mat.pdf", b"secret content")
        cls.sealed = cls._file_update(cls.commune_admin, cls.task).dms_file_ids

    def test_search_read_returns_only_the_subtree(self):
        self._login(self.commune_admin)
        reply = self._call_kw(
            "dms.file",
            "search_read",
            [[["id", "in", [self.secret.id, self.sealed.id]]]],
            {"fields": ["name"]},
        )
        self.assertEqual([row["id"] for row in reply["result"]], [self.sealed.id])

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_other_units_content_cannot_be_downloaded(self):
        self._login(self.commune_admin)
        for url in (
            f"/web/content/dms.file/{self.secret.id}/content",
            f"/web/content/dms.file/{self.secret.id}/content_file",
            f"/my/dms/file/{self.secret.id}/download",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertNotIn(b"secret content", response.content)
                self.assertNotEqual(response.status_code, 200)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_other_units_content_attachment_cannot_be_downloaded(self):
        content = self._content_attachment(self.secret)
        self.assertEqual(content.raw, b"secret content")
        self._login(self.commune_admin)
        response = self.url_open(f"/web/content/{content.id}", allow_redirects=False)
        self.assertNotIn(b"secret content", response.content)
        self.assertNotEqual(response.status_code, 200)
        self.assertRefused(
            self._call_kw("ir.attachment", "read", [content.ids, ["raw", "datas"]])
        )

    @mute_logger("odoo.http")
    def test_shared_link_token_opens_nothing(self):
        self.secret.sudo().access_token = "leaked-token"
        self.authenticate(None, None)
        response = self.url_open(
            f"/my/dms/file/{self.secret.id}/download?access_token=leaked-token",
            allow_redirects=False,
        )
        self.assertNotIn(b"secret content", response.content)
        self.assertNotEqual(response.status_code, 200)

    @mute_logger("odoo.http")
    def test_own_document_downloads(self):
        self._login(self.commune_admin)
        response = self.url_open(f"/web/content/dms.file/{self.sealed.id}/content")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 original")

    @mute_logger("odoo.http")
    def test_sealed_document_refused_over_rpc(self):
        self._login(self.commune_admin)
        for method, args in (
            ("write", [self.sealed.ids, {"content": base64.b64encode(b"x").decode()}]),
            (
                "write",
                [
                    self.sealed.ids,
                    {"directory_id": self.commune_office.dms_directory_id.id},
                ],
            ),
            ("unlink", [self.sealed.ids]),
        ):
            with self.subTest(method=method):
                self.assertRefused(self._call_kw("dms.file", method, args))
        self.sealed.invalidate_recordset()
        self.assertEqual(base64.b64decode(self.sealed.content), b"%PDF-1.4 original")

    @mute_logger("odoo.http")
    def test_other_units_directory_refused_over_rpc(self):
        self._login(self.commune_admin)
        directory = self.commune_b.dms_directory_id
        self.assertRefused(
            self._call_kw("dms.directory", "read", [directory.ids, ["name"]])
        )
        self.assertRefused(
            self._call_kw(
                "dms.file",
                "create",
                [{"name": "x.pdf", "directory_id": directory.id, "content": "eA=="}],
            )
        )


@tagged("post_install", "-at_install")
class TestDmsScreensInVietnamese(DmsCase):
    """DMS ships no Vietnamese: the document screens of the tracking
    accounts are the module's own, translated in its vi.po (DESIGN §9)."""

    def _in_vietnamese(self, model, user=None):
        """``model`` as ``user`` (the commune admin by default) reads it, in
        Vietnamese."""
        return (
            self.env[model]
            .with_user(user or self.commune_admin)
            .with_context(lang="vi_VN")
        )

    def test_document_list_and_form_are_in_vietnamese(self):
        views = self._in_vietnamese("dms.file").get_views(
            [
                (self.env.ref("directive_tracking.dms_file_view_list").id, "list"),
                (self.env.ref("directive_tracking.dms_file_view_form").id, "form"),
            ]
        )["views"]
        self.assertIn('string="Tên tệp"', views["list"]["arch"])
        self.assertIn('string="Người tải lên"', views["list"]["arch"])
        self.assertIn('string="Nhãn"', views["form"]["arch"])

    def test_clerks_start_button_is_in_vietnamese(self):
        form = self._in_vietnamese("dms.file", self.clerk).get_views(
            [(self.env.ref("directive_tracking.dms_file_view_form").id, "form")]
        )["views"]["form"]["arch"]
        self.assertIn('string="Tạo chỉ đạo từ tài liệu này"', form)

    def test_document_menus_are_in_vietnamese(self):
        names = (
            self._in_vietnamese("ir.ui.menu")
            .browse(
                [
                    self.env.ref("directive_tracking.dms_file_menu_directive").id,
                    self.env.ref("directive_tracking.dms_directory_menu_directive").id,
                ]
            )
            .mapped("name")
        )
        self.assertEqual(names, ["Tài liệu", "Thư mục tài liệu"])

    def test_dms_own_app_is_not_in_the_accounts_menus(self):
        visible = (
            self.env["ir.ui.menu"].with_user(self.commune_admin)._visible_menu_ids()
        )
        self.assertNotIn(self.env.ref("dms.main_menu_dms").id, visible)
