import base64
import json

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import DirectiveCase, RpcMixin

SUDO_BODY = "<p><t t-out=\"object.sudo().search([]).mapped('name')\"/></p>"


@tagged("post_install", "-at_install")
class TestAttackMail(RpcMixin, DirectiveCase, HttpCase):
    """Side doors through Odoo's mail and attachment models, tried as the
    accounts do: over JSON-RPC and the chatter's routes (DESIGN §4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sysadmin = new_test_user(
            cls.env,
            login="sysadmin",
            groups="directive_tracking.group_manager,base.group_system",
            unit_id=cls.province.id,
        )
        cls.task_own = cls._assigned_task(cls.commune, name="Nhiệm vụ của xã")
        cls.task_other = cls._assigned_task(cls.commune_b, name="Nhiệm vụ bí mật")
        cls.trace_subtype = cls.env.ref("directive_tracking.mt_evidence_trace")
        cls.digest = cls.env.ref("directive_tracking.office_digest")

    # ------------------------------------------------------------ helpers
    def _upload(self, user, model="directive.task.update", content=b"original"):
        """A file as the form's upload widget sends it, before the record."""
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create(
                {
                    "name": "bien-ban.pdf",
                    "raw": content,
                    "res_model": model,
                    "res_id": 0,
                }
            )
        )

    def _file_update(self, attachments=None):
        return (
            self.env["directive.task.update"]
            .with_user(self.commune_admin)
            .create(
                {
                    "task_id": self.task_own.id,
                    "note": "Đã rà soát 45/62 hộ",
                    "progress": 40,
                    "attachment_ids": [(6, 0, (attachments or []).ids)]
                    if attachments
                    else [],
                }
            )
        )

    def _file_completion(self, attachments):
        return (
            self.env["directive.task.completion"]
            .with_user(self.commune_admin)
            .create(
                {
                    "task_id": self.task_own.id,
                    "result": "Đã hoàn thành",
                    "attachment_ids": [(6, 0, attachments.ids)],
                }
            )
        )

    def _traces(self, task):
        return self.env["mail.message"].search(
            [
                ("model", "=", "directive.task"),
                ("res_id", "=", task.id),
                ("subtype_id", "=", self.trace_subtype.id),
            ]
        )

    def _post_in_chatter(self, task, **post_data):
        """Post on ``task`` as the chatter of the web client does."""
        return self._rpc(
            "/mail/message/post",
            {
                "thread_model": "directive.task",
                "thread_id": task.id,
                "post_data": post_data,
            },
        )

    def _comment(self, user, task, body="Ý kiến của đơn vị"):
        return task.with_user(user).message_post(body=body, message_type="comment")

    # ------------------------------------------------------------ templates
    def test_restrict_template_rendering_stays_on(self):
        editor = self.env.ref("mail.group_mail_template_editor")
        self.assertTrue(
            self.env["ir.config_parameter"].get_param(
                "mail.restrict.template.rendering"
            )
        )
        self.assertNotIn(editor, self.env.ref("base.group_user").all_implied_ids)
        for user in (self.commune_admin, self.officer, self.leader, self.manager):
            self.assertFalse(user.has_group("mail.group_mail_template_editor"))
        self.assertTrue(self.sysadmin.has_group("mail.group_mail_template_editor"))

    @mute_logger("odoo.http")
    def test_unit_cannot_create_a_mail_template(self):
        self._login(self.commune_admin)
        model_id = self.env["ir.model"]._get_id("directive.task")
        for body in (SUDO_BODY, "<p>Kính gửi</p>"):
            reply = self._call_kw(
                "mail.template",
                "create",
                [{"name": "Mẫu lạ", "model_id": model_id, "body_html": body}],
            )
            self.assertRefused(reply)
        self.assertFalse(self.env["mail.template"].search([("name", "=", "Mẫu lạ")]))

    @mute_logger("odoo.http")
    def test_only_system_administrators_edit_the_office_digest(self):
        # The daily job renders the digest's view as superuser: an account
        # that could change it, or extend it, would run its code as such.
        arch = self.digest.arch_db
        injected = arch.replace(
            '<t t-out="officer.name"/>',
            "<t t-out=\"officer.sudo().search([]).mapped('login')\"/>",
        )
        self.assertNotEqual(injected, arch)
        for user in (self.commune_admin, self.officer, self.manager):
            self._login(user)
            self.assertRefused(self._write(self.digest, {"arch": injected}))
            reply = self._call_kw(
                "ir.ui.view",
                "create",
                [
                    {
                        "name": "Bản tin mở rộng",
                        "type": "qweb",
                        "inherit_id": self.digest.id,
                        "arch": '<xpath expr="//p" position="after">'
                        "<t t-out=\"officer.sudo().search([]).mapped('login')\"/>"
                        "</xpath>",
                    }
                ],
            )
            self.assertRefused(reply)
        self.digest.invalidate_recordset()
        self.assertEqual(self.digest.arch_db, arch)
        self.assertFalse(self.digest.inherit_children_ids)
        self._login(self.sysadmin)
        changed = arch.replace("Dear", "Dear colleague")
        reply = self._write(self.digest, {"arch": changed})
        self.assertTrue(reply.get("result"), reply)

    @mute_logger("odoo.http")
    def test_template_rendering_never_runs_as_superuser(self):
        # A template of a system administrator, previewed and used in the
        # composer (which renders it as superuser) on another unit's task.
        template = (
            self.env["mail.template"]
            .with_user(self.sysadmin)
            .create(
                {
                    "name": "Mẫu đôn đốc",
                    "model_id": self.env["ir.model"]._get_id("directive.task"),
                    "subject": "{{ object.name }}",
                    "body_html": '<p><t t-out="object.name"/></p>',
                }
            )
        )
        self._login(self.commune_admin)
        reply = self._call_kw(
            "mail.template.preview",
            "web_save",
            [
                [],
                {
                    "mail_template_id": template.id,
                    "resource_ref": f"directive.task,{self.task_other.id}",
                },
            ],
            {"specification": {"body_html": {}, "subject": {}, "error_msg": {}}},
        )
        self.assertNotIn(self.task_other.name, json.dumps(reply, ensure_ascii=False))
        reply = self._call_kw(
            "mail.compose.message",
            "web_save",
            [
                [],
                {
                    "template_id": template.id,
                    "model": "directive.task",
                    "res_ids": [self.task_other.id],
                    "composition_mode": "comment",
                },
            ],
            {"specification": {"body": {}, "subject": {}}},
        )
        self.assertRefused(reply)
        self.assertNotIn(self.task_other.name, json.dumps(reply, ensure_ascii=False))

    # ------------------------------------------------------------ messages
    @mute_logger("odoo.http")
    def test_unit_cannot_move_a_message_onto_another_task(self):
        message = self._comment(self.commune_admin, self.task_own)
        for user in (self.commune_admin, self.sysadmin):
            self._login(user)
            reply = self._write(message, {"res_id": self.task_other.id})
            self.assertRefused(reply)
        message.invalidate_recordset()
        self.assertEqual(
            (message.model, message.res_id), ("directive.task", self.task_own.id)
        )

    def test_a_message_stays_on_its_task_even_moved_as_superuser(self):
        message = self._comment(self.commune_admin, self.task_own)
        with self.assertRaises(AccessError):
            with self.env.cr.savepoint():
                self.task_own.message_change_thread(self.task_other)
        self.assertEqual(message.res_id, self.task_own.id)

    @mute_logger("odoo.http")
    def test_unit_cannot_post_under_another_accounts_name(self):
        self._login(self.commune_admin)
        leader = self.leader.partner_id
        attempts = [
            ("message_post", {"author_id": leader.id}),
            ("message_post", {"email_from": leader.email_formatted}),
            ("message_post", {"author_id": False, "email_from": "Chủ tịch <ct@x.vn>"}),
        ]
        for method, kwargs in attempts:
            reply = self._call_kw(
                "directive.task",
                method,
                [[self.task_own.id]],
                dict(kwargs, body="Giả danh", message_type="comment"),
            )
            self.assertRefused(reply)
        reply = self._call_kw(
            "mail.message",
            "create",
            [
                {
                    "model": "directive.task",
                    "res_id": self.task_own.id,
                    "body": "Giả danh",
                    "author_id": leader.id,
                }
            ],
        )
        self.assertRefused(reply)
        self.assertFalse(
            self.env["mail.message"].search([("body", "ilike", "Giả danh")])
        )

    @mute_logger("odoo.http")
    def test_unit_cannot_rewrite_the_author_of_its_message(self):
        message = self._comment(self.commune_admin, self.task_own)
        self._login(self.commune_admin)
        reply = self._write(message, {"author_id": self.leader.partner_id.id})
        self.assertRefused(reply)
        message.invalidate_recordset()
        self.assertEqual(message.author_id, self.commune_admin.partner_id)

    def test_unit_still_posts_and_edits_its_own_comment_in_the_chatter(self):
        self._login(self.commune_admin)
        reply = self._post_in_chatter(
            self.task_own, body="Xin ý kiến", message_type="comment"
        )
        message = self.env["mail.message"].browse(reply["result"]["message_id"])
        self.assertEqual(message.author_id, self.commune_admin.partner_id)
        reply = self._rpc(
            "/mail/message/update_content",
            {"message_id": message.id, "update_data": {"body": "Xin ý kiến (sửa)"}},
        )
        self.assertNotIn("error", reply, reply)
        self.assertIn("(sửa)", message.body)

    def test_filing_an_update_leaves_its_trace_on_the_task(self):
        update = self._file_update()
        trace = self._traces(self.task_own)
        self.assertEqual(len(trace), 1)
        self.assertEqual(trace.author_id, self.commune_admin.partner_id)
        self.assertIn(update.note, trace.body)

    @mute_logger("odoo.http")
    def test_unit_cannot_rewrite_the_trace_of_a_filed_update(self):
        self._file_update()
        trace = self._traces(self.task_own)
        body = trace.body
        self._login(self.commune_admin)
        reply = self._write(trace, {"body": "<p>Đã sửa</p>"})
        self.assertRefused(reply)
        reply = self._rpc(
            "/mail/message/update_content",
            {"message_id": trace.id, "update_data": {"body": "", "attachment_ids": []}},
        )
        self.assertIn("error", reply, reply)
        trace.invalidate_recordset()
        self.assertEqual(trace.body, body)

    @mute_logger("odoo.http")
    def test_administrator_cannot_delete_the_trace_of_a_filed_update(self):
        self._file_update()
        trace = self._traces(self.task_own)
        self._login(self.sysadmin)
        reply = self._call_kw("mail.message", "unlink", [trace.ids])
        self.assertRefused(reply)
        reply = self._write(trace, {"body": "<p>Đã sửa</p>"})
        self.assertRefused(reply)
        self.assertTrue(trace.exists())

    @mute_logger("odoo.http")
    def test_officer_cannot_delete_the_trace_of_a_completion_report(self):
        # The officer writes the tasks it follows, which lets Odoo delete
        # their messages.
        self._file_completion(self.env["ir.attachment"])
        trace = self._traces(self.task_own)
        self.assertTrue(trace)
        self._login(self.officer)
        reply = self._call_kw("mail.message", "unlink", [trace.ids])
        self.assertRefused(reply)
        self.assertEqual(self._traces(self.task_own), trace)

    @mute_logger("odoo.http")
    def test_unit_cannot_forge_the_trace_of_a_filed_record(self):
        self._login(self.commune_admin)
        reply = self._post_in_chatter(
            self.task_own,
            body="Báo cáo giả",
            message_type="notification",
            subtype_xmlid="directive_tracking.mt_evidence_trace",
        )
        self.assertIn("error", reply, reply)
        message = self._comment(self.commune_admin, self.task_own)
        reply = self._write(message, {"subtype_id": self.trace_subtype.id})
        self.assertRefused(reply)
        self.assertFalse(self._traces(self.task_own))

    def test_unit_can_react_to_the_trace_of_a_filed_update(self):
        self._file_update()
        trace = self._traces(self.task_own)
        self._login(self.commune_admin)
        reply = self._rpc(
            "/mail/message/reaction",
            {"message_id": trace.id, "content": "👍", "action": "add"},
        )
        self.assertNotIn("error", reply, reply)
        self.assertEqual(trace.reaction_ids.content, "👍")

    # ------------------------------------------------------------ attachments
    def test_filed_update_owns_its_attachments(self):
        attachment = self._upload(self.commune_admin)
        update = self._file_update(attachment)
        self.assertEqual(
            (attachment.res_model, attachment.res_id), (update._name, update.id)
        )
        # Whoever reads the update reads its files.
        self.assertEqual(
            attachment.with_user(self.officer).read(["name"])[0]["name"], "bien-ban.pdf"
        )

    @mute_logger("odoo.http")
    def test_uploader_cannot_replace_or_delete_the_file_of_a_filed_update(self):
        attachment = self._upload(self.commune_admin)
        self._file_update(attachment)
        self._login(self.commune_admin)
        reply = self._write(attachment, {"datas": base64.b64encode(b"forged").decode()})
        self.assertRefused(reply)
        reply = self._call_kw("ir.attachment", "unlink", [attachment.ids])
        self.assertRefused(reply)
        attachment.invalidate_recordset()
        self.assertEqual(attachment.raw, b"original")

    @mute_logger("odoo.http")
    def test_administrator_cannot_replace_the_file_of_a_filed_completion_report(self):
        attachment = self._upload(self.commune_admin, "directive.task.completion")
        completion = self._file_completion(attachment)
        self._login(self.sysadmin)
        for args in (
            [attachment.ids, {"raw": "forged"}],
            [attachment.ids, {"res_id": 0}],
        ):
            self.assertRefused(self._call_kw("ir.attachment", "write", args))
        self.assertRefused(self._call_kw("ir.attachment", "unlink", [attachment.ids]))
        replacement = self._upload(self.officer, "directive.task.completion", b"new")
        self._login(self.officer)
        reply = self._write(completion, {"attachment_ids": [[6, 0, replacement.ids]]})
        self.assertRefused(reply)
        attachment.invalidate_recordset()
        self.assertEqual(attachment.raw, b"original")
        self.assertEqual(completion.attachment_ids, attachment)

    def test_unit_cannot_file_a_file_that_is_not_its_upload(self):
        chatter_file = self.env["ir.attachment"].create(
            {
                "name": "cong-van.pdf",
                "raw": b"other",
                "res_model": "directive.task",
                "res_id": self.task_other.id,
            }
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            with self.env.cr.savepoint():
                self._file_update(chatter_file)
        self.assertEqual(chatter_file.res_id, self.task_other.id)

    # ------------------------------------------------------------ followers
    @mute_logger("odoo.http")
    def test_followers_are_readable_only_where_the_task_is(self):
        other_followers = self.task_other.message_follower_ids
        own_followers = self.task_own.message_follower_ids
        self.assertTrue(other_followers and own_followers)
        self._login(self.commune_admin)
        for domain in (
            [("res_model", "=", "directive.task")],
            [("res_id", "=", self.task_other.id)],
            [],
        ):
            reply = self._call_kw("mail.followers", "search_read", [domain, ["res_id"]])
            ids = {row["id"] for row in reply["result"]}
            self.assertFalse(ids & set(other_followers.ids), domain)
        self.assertTrue(set(own_followers.ids) <= ids)
        reply = self._call_kw(
            "mail.followers", "read", [other_followers.ids, ["partner_id"]]
        )
        self.assertRefused(reply)
