from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..models import directive_report_export
from ..models.directive_report_export import DirectiveReportExport
from .common import RpcMixin
from .report_common import ReportCase


class ExportCase(ReportCase):
    """Exports judged large by lowered thresholds (the fixed dataset has 11
    tasks in the period, Xã Hòa Bình two units)."""

    def setUp(self):
        super().setUp()
        for name, value in (("BACKGROUND_UNITS", 1), ("BACKGROUND_TASKS", 1)):
            patcher = patch.object(directive_report_export, name, value)
            patcher.start()
            self.addCleanup(patcher.stop)
        self.Export = self.env["directive.report.export"]

    def _request(self, form="1", output="pdf", user=None, **values):
        report = self._report(form=form, **values).with_user(user or self.officer)
        if output == "pdf":
            return report, report.action_print_pdf()
        return report, report.action_export_xlsx()

    def _exports(self):
        return self.Export.sudo().search([], order="id")


@tagged("post_install", "-at_install")
class TestBackgroundExport(ExportCase):
    def test_small_report_prints_at_once(self):
        with patch.object(directive_report_export, "BACKGROUND_UNITS", 1000):
            _report, action = self._request()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertFalse(self._exports())

    def test_large_report_is_queued_and_the_request_returns_at_once(self):
        cron = self.env.ref("directive_tracking.ir_cron_directive_report_export")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        report, action = self._request(scope_unit_id=self.commune.id)
        self.assertEqual(action["tag"], "display_notification")
        export = self._exports()
        self.assertEqual(
            (export.report_id, export.output, export.state, export.user_id),
            (report, "pdf", "queued", self.officer),
        )
        self.assertEqual(export.size_estimate, 2)  # the commune and its office
        self.assertFalse(export.attachment_id)
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            len(triggers),
        )

    def test_the_cron_makes_the_file_and_attaches_it_to_the_request(self):
        self._request()
        self.Export._cron_run_exports()
        export = self._exports()
        self.assertEqual((export.state, export.progress), ("done", 100))
        self.assertTrue(export.date_done)
        attachment = export.attachment_id
        self.assertEqual(
            (attachment.res_model, attachment.res_id), (export._name, export.id)
        )
        # Test mode renders the report's HTML instead of calling wkhtmltopdf.
        self.assertIn(self.agency.name, attachment.raw.decode())

    def test_large_excel_export_runs_in_the_background(self):
        _report, action = self._request(form="2", output="xlsx")
        self.assertEqual(action["tag"], "display_notification")
        self.Export._cron_run_exports()
        export = self._exports()
        self.assertEqual(export.size_estimate, 11)  # the period's tasks
        self.assertEqual(export.attachment_id.name[-5:], ".xlsx")
        self.assertEqual(export.attachment_id.raw[:2], b"PK")

    def test_the_export_runs_with_the_requesters_rights(self):
        seen = []
        render = DirectiveReportExport._render

        def spy(export, report):
            seen.append((report.env.uid, report.env.su))
            return render(export, report)

        self._request()
        with patch.object(DirectiveReportExport, "_render", spy):
            self.Export._cron_run_exports()
        self.assertEqual(seen, [(self.officer.id, False)])

    def test_the_requester_is_notified_when_the_file_is_ready(self):
        self._request()
        Bus = type(self.env["bus.bus"])
        with patch.object(Bus, "_sendone", autospec=True) as sendone:
            self.Export._cron_run_exports()
        [(_bus, channel, kind, message)] = [call.args for call in sendone.mock_calls]
        self.assertEqual(channel, self.officer.partner_id)
        self.assertEqual((kind, message["type"]), ("simple_notification", "success"))
        self.assertIn(self._exports().name, message["message"])

    def test_a_failed_export_says_why_and_notifies(self):
        self._request()

        reason = "wkhtmltopdf failed"

        def fail(export, report):
            raise UserError(reason)

        with patch.object(DirectiveReportExport, "_render", fail):
            self.Export._cron_run_exports()
        export = self._exports()
        self.assertEqual(export.state, "failed")
        self.assertEqual(export.error, "wkhtmltopdf failed")
        self.assertFalse(export.attachment_id)
        with self.assertRaises(UserError):
            export.action_download()

    def test_a_user_sees_only_their_own_exports(self):
        self._request()
        self._request(user=self.manager)
        self.Export._cron_run_exports()
        mine = self.Export.with_user(self.officer).search([])
        self.assertEqual(mine.user_id, self.officer)
        others = self.Export.with_user(self.leader).search([])
        self.assertFalse(others)
        # Administrators too: a file is its requester's.
        theirs = self.Export.with_user(self.manager).search([])
        self.assertEqual(theirs.user_id, self.manager)

    def test_the_file_is_readable_by_its_requester_only(self):
        self._request()
        self.Export._cron_run_exports()
        attachment = self._exports().attachment_id
        self.assertTrue(attachment.with_user(self.officer).raw)
        for user in (self.leader, self.clerk, self.commune_admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                attachment.with_user(user).read(["raw"])

    def test_nobody_writes_an_export_request(self):
        self._request()
        export = self._exports()
        with self.assertRaises(AccessError):
            export.with_user(self.officer).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.Export.with_user(self.officer).create(
                {
                    "name": "x",
                    "report_id": export.report_id.id,
                    "output": "pdf",
                    "user_id": self.leader.id,
                    "company_id": self.env.company.id,
                }
            )


@tagged("post_install", "-at_install")
class TestBackgroundExportHttp(RpcMixin, ExportCase, HttpCase):
    """The file over HTTP: its requester downloads it, nobody else does."""

    def setUp(self):
        super().setUp()
        self._request()
        self.Export._cron_run_exports()
        self.attachment = self._exports().attachment_id

    def test_requester_downloads_the_file(self):
        self.authenticate("officer", "officer")
        response = self.url_open(f"/web/content/{self.attachment.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.agency.name, response.content.decode())

    def test_another_account_cannot_download_the_file(self):
        self.authenticate("leader", "leader")
        response = self.url_open(f"/web/content/{self.attachment.id}?download=true")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(self.agency.name, response.text)

    def test_another_account_cannot_read_the_file_over_rpc(self):
        self.authenticate("leader", "leader")
        reply = self._call_kw("ir.attachment", "read", [[self.attachment.id], ["raw"]])
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        reply = self._call_kw(
            "directive.report.export", "search_read", [[]], {"fields": ["name"]}
        )
        self.assertEqual(reply["result"], [])
