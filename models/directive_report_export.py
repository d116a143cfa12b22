import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from .directive_task import EXCLUDED_STATES
from .xlsx_download import XLSX_MIMETYPE

_logger = logging.getLogger(__name__)

# Above these sizes an export takes more than a few seconds and runs in the
# background. Measured on the 1M data set: Form 1 as a PDF for 4,012 units
# 15 s (about 4 ms a unit), Form 2 in Excel for 100,000 tasks 28 s (about
# 0.3 ms a task, a PDF row costs more): 1,000 units or 5,000 tasks are a
# few seconds at most.
BACKGROUND_UNITS = 1000
BACKGROUND_TASKS = 5000


class DirectiveReportExport(models.Model):
    """A report file made in the background for the account that asked.

    The request returns at once; the cron ``ir_cron_directive_report_export``
    (started by ``_trigger``) renders the file with the requester's own
    access rights, attaches it to this record, which only the requester
    reads, and notifies them.
    """

    _name = "directive.report.export"
    _description = "Report export"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    report_id = fields.Many2one(
        "directive.report", required=True, readonly=True, ondelete="cascade"
    )
    output = fields.Selection(
        [("pdf", "PDF"), ("xlsx", "Excel")], required=True, readonly=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested by",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Ready"),
            ("failed", "Failed"),
        ],
        required=True,
        default="queued",
        readonly=True,
    )
    progress = fields.Integer(readonly=True, help="Percent done.")
    size_estimate = fields.Integer(
        string="Size", readonly=True, help="Units (Form 1) or tasks (Forms 2 and 3)."
    )
    attachment_id = fields.Many2one(
        "ir.attachment", string="File", readonly=True, ondelete="set null"
    )
    date_done = fields.Datetime(string="Finished", readonly=True)
    error = fields.Text(readonly=True)

    # ------------------------------------------------------------- request
    @api.model
    def _needs_background(self, report, output):
        """Whether exporting ``report`` takes more than a few seconds,
        judged by one count: its units (Form 1) or its tasks (Forms 2, 3)."""
        return self._estimate_size(report) > (
            BACKGROUND_UNITS if report.form == "1" else BACKGROUND_TASKS
        )

    @api.model
    def _estimate_size(self, report):
        if report.form == "1":
            domain = [("active", "in", (True, False))]
            if report.scope_unit_id:
                domain.append(("id", "child_of", report.scope_unit_id.id))
            return self.env["directive.unit"].search_count(domain)
        return self.env["directive.task"].search_count(
            report._period_task_domain()
            + [
                ("state", "not in", EXCLUDED_STATES),
                ("company_id", "=", report.company_id.id),
            ]
        )

    @api.model
    def _request(self, report, output):
        """Queue the export of ``report`` and return the notification that
        tells the user so."""
        report.ensure_one()
        report.check_access("read")
        size = self._estimate_size(report)
        # sudo: the request's fields (requester, state, file) are written by
        # this model's own methods only, never by the client; the report was
        # checked readable by the requester above.
        export = self.sudo().create(
            {
                "name": f"{report.display_name} ({output.upper()})",
                "report_id": report.id,
                "output": output,
                "user_id": self.env.uid,
                "company_id": report.company_id.id,
                "size_estimate": size,
            }
        )
        self.env.ref("directive_tracking.ir_cron_directive_report_export")._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("The export runs in the background"),
                "message": self.env._(
                    "%(name)s: you will be notified when the file is ready "
                    "(Reporting > My exports).",
                    name=export.name,
                ),
                "type": "info",
                "sticky": False,
                "next": {
                    "type": "ir.actions.act_window",
                    "res_model": self._name,
                    "name": self.env._("My exports"),
                    "views": [(False, "list"), (False, "form")],
                    "target": "current",
                },
            },
        }

    # ---------------------------------------------------------------- runner
    @api.model
    def _cron_run_exports(self):
        """Render the queued exports, oldest first, one commit each so that
        the requesters see the progress."""
        queued = self.search([("state", "=", "queued")], order="id")
        for index, export in enumerate(queued):
            export._run()
            remaining_time = self._commit_progress(
                processed=1, remaining=len(queued) - index - 1
            )
            if remaining_time <= 0:
                break  # the cron runs again for the rest

    @api.model
    def _commit_progress(self, **progress):
        """Commit inside the cron, so that the requester sees where the
        export stands; called directly (tests, shell) it commits nothing."""
        if not self.env.context.get("cron_id"):
            return float("inf")
        return self.env["ir.cron"]._commit_progress(**progress)

    def _set_progress(self, vals):
        self.write(vals)
        self._commit_progress()

    def _run(self):
        self.ensure_one()
        self._set_progress({"state": "running", "progress": 10})
        user = self.user_id
        # The requester's own access rights, company and language: the file
        # never holds more than they may see.
        report = self.report_id.with_user(user).with_company(self.company_id)
        report = report.with_context(
            lang=user.lang, allowed_company_ids=[self.company_id.id]
        )
        try:
            with self.env.cr.savepoint():
                content, mimetype, extension = self._render(report)
                # sudo: the file is attached to this request, which only its
                # requester reads; its content was rendered with their rights.
                attachment = (
                    self.env["ir.attachment"]
                    .sudo()
                    .create(
                        {
                            "name": f"{self._file_name(report)}.{extension}",
                            "raw": content,
                            "mimetype": mimetype,
                            "res_model": self._name,
                            "res_id": self.id,
                        }
                    )
                )
        # Whatever fails, the request must not stay "running": the requester
        # is told, and the other requests go on.
        except Exception as exc:  # noqa: BLE001
            _logger.warning("Report export %s failed: %s", self.id, exc)
            self._set_progress(
                {
                    "state": "failed",
                    "progress": 100,
                    "error": str(exc),
                    "date_done": fields.Datetime.now(),
                }
            )
            self._notify()
            return
        self._set_progress(
            {
                "state": "done",
                "progress": 100,
                "attachment_id": attachment.id,
                "date_done": fields.Datetime.now(),
            }
        )
        self._notify()

    def _file_name(self, report):
        return (report.number or report.name or "report").replace("/", "-")

    def _render(self, report):
        """The file's content, its MIME type and extension."""
        if self.output == "xlsx":
            return report._render_xlsx(), XLSX_MIMETYPE, "xlsx"
        content, kind = report.env["ir.actions.report"]._render_qweb_pdf(
            "directive_tracking.directive_report_action_pdf", report.ids
        )
        if kind == "pdf":
            return content, "application/pdf", "pdf"
        # Test mode renders the HTML instead of calling wkhtmltopdf.
        return content, "text/html", "html"

    def _notify(self):
        self.ensure_one()
        lang_self = self.with_context(lang=self.user_id.lang)
        if self.state == "done":
            title = lang_self.env._("Your export is ready")
            message = lang_self.env._(
                "%(name)s: download it from Reporting > My exports.", name=self.name
            )
            kind = "success"
        else:
            title = lang_self.env._("Your export failed")
            message = f"{self.name}: {self.error}"
            kind = "danger"
        self.user_id._bus_send(
            "simple_notification",
            {"title": title, "message": message, "type": kind, "sticky": True},
        )

    # --------------------------------------------------------------- actions
    def action_download(self):
        self.ensure_one()
        if self.state != "done" or not self.attachment_id:
            raise UserError(self.env._("The file is not ready yet."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }
