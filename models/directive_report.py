from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .directive_report_line import (
    COUNT_FIELDS,
    DEFAULT_RATE_DIGITS,
    HEADLINE_RATES,
    RATE_DIGITS_PARAM,
    ROW_FIELDS,
    empty_row,
    format_rate,
    rates,
)
from .field_labels import refuse_action_fields
from .xlsx_download import download_action

FORMS = [
    ("1", "Form 1 – summary by unit"),
    ("2", "Form 2 – detailed task list"),
    ("3", "Form 3 – urging list"),
]


ISSUE_FIELDS = frozenset({"state", "number", "issue_date", "issued_by_id", "line_ids"})


class DirectiveReport(models.Model):
    """A periodic report on the directive tasks (Forms 1 to 3 of DESIGN §6).

    A draft computes its rows from the tasks each time it is printed.
    Issuing it stores its rows and gives it a number: an issued report is
    frozen and reprints identically whatever happens to the tasks later.
    """

    _name = "directive.report"
    _inherit = ["directive.report.period.mixin"]
    _description = "Directive report"
    _order = "issue_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True, string="Title")
    number = fields.Char(readonly=True, copy=False, index=True)
    form = fields.Selection(FORMS, required=True, default="1")
    cutoff_date = fields.Date(
        string="Cutoff date",
        required=True,
        default=fields.Date.context_today,
        help="Date at which the tasks are judged: done or not, overdue or not.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
    )
    issue_date = fields.Date(readonly=True, copy=False)
    issued_by_id = fields.Many2one(
        "res.users", string="Issued by", readonly=True, copy=False
    )
    headline_rate = fields.Selection(
        HEADLINE_RATES,
        required=True,
        default=lambda self: self._default_headline_rate(),
        help="Rate put forward in the report; taken from the settings.",
    )
    issuer_parent_name = fields.Char(
        string="Governing body",
        default=lambda self: self._default_issuer_parent_name(),
        help="Body above the issuing body, printed on the first line of the "
        "heading, e.g. the Provincial People's Committee.",
    )
    issuer_name = fields.Char(
        string="Issuing body",
        default=lambda self: self._default_issuer_name(),
    )
    place = fields.Char(
        default=lambda self: self.env.company.city,
        help="Place name printed before the date.",
    )
    signer_title = fields.Char(
        string="Signer's title",
        default=lambda self: self._default_signer("title")
        or self.env._("Chief of the Office"),
    )
    signer_name = fields.Char(
        string="Signer",
        default=lambda self: self._default_signer("name"),
        help="Printed under the signature block; taken from the settings.",
    )
    recipients = fields.Text(
        default=lambda self: self.env._(
            "- Provincial People's Committee leaders (to report);\n- Archive: VT, TH."
        ),
        help="Recipients listed under 'Nơi nhận', one per line.",
    )
    line_ids = fields.One2many(
        "directive.report.line", "report_id", string="Rows", readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # ---------------------------------------------------------------- defaults
    @api.model
    def _default_headline_rate(self):
        # Settings are readable by administrators only; every report and
        # dashboard user needs this one.
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("directive_tracking.headline_rate", "office")
        )

    @api.model
    def _rate_digits(self):
        """Decimals of the printed rates, a setting (1 or 2, default 2)."""
        # sudo: a setting, which only administrators read otherwise; every
        # report and dashboard prints with it.
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(RATE_DIGITS_PARAM, DEFAULT_RATE_DIGITS)
        )
        return 1 if str(value) == "1" else DEFAULT_RATE_DIGITS

    @api.model
    def _format_rate(self, value):
        """A rate as every report and the dashboard print it."""
        return format_rate(value, self._rate_digits())

    @api.model
    def _default_signer(self, what):
        # sudo: the reports' signer is a setting, which only administrators
        # read otherwise.
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"directive_tracking.report_signer_{what}")
        )

    @api.model
    def _default_issuer_name(self):
        return self.env.user.unit_id.name or self.env.company.name

    @api.model
    def _default_issuer_parent_name(self):
        unit = self.env.user.unit_id
        if not unit.parent_id:
            return self.env.company.name
        root_id = int(unit.parent_path.split("/")[0])
        # The root unit (the People's Committee) names the governing body;
        # the user may not read units outside the own subtree.
        return self.env["directive.unit"].sudo().browse(root_id).name

    @api.depends("form", "date_from", "date_to", "period_type", "period_style")
    def _compute_name(self):
        forms = dict(self._fields["form"]._description_selection(self.env))
        for report in self:
            if report.date_from and report.date_to and report.form:
                report.name = f"{forms[report.form]} – {report._period_label()}"
            else:
                report.name = forms.get(report.form)

    @api.depends("name", "number")
    def _compute_display_name(self):
        for report in self:
            report.display_name = (
                f"{report.number} – {report.name}" if report.number else report.name
            )

    @api.constrains("cutoff_date", "date_from")
    def _check_cutoff_date(self):
        for report in self:
            if report.cutoff_date < report.date_from:
                raise ValidationError(
                    self.env._(
                        "The cutoff date cannot be before the start of the period."
                    )
                )

    # ------------------------------------------------------------- freezing
    @api.model_create_multi
    def create(self, vals_list):
        self._check_issue_fields(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if self.filtered(lambda r: r.state == "issued"):
            raise UserError(
                self.env._("An issued report is frozen; create a new report instead.")
            )
        self._check_issue_fields([vals])
        return super().write(vals)

    @api.model
    def _check_issue_fields(self, vals_list):
        """The rows, the number and the state of a report are written by the
        issue action only, whatever sends them."""
        refuse_action_fields(
            self,
            vals_list,
            ISSUE_FIELDS,
            lambda labels: self.env._(
                "%(fields)s: only issuing the report sets these.", fields=labels
            ),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if self.filtered(lambda r: r.state == "issued"):
            raise UserError(self.env._("An issued report cannot be deleted."))

    def action_issue(self):
        """Store the rows as they are now, number the report and freeze it."""
        today = fields.Date.context_today(self)
        sequence = self.env["ir.sequence"]
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._("Report %s is already issued.", report.display_name)
                )
            report.check_access("write")
            rows = report._compute_rows()
            # sudo: the rows, number and state are written by this action
            # only (create and write refuse them from anywhere else); the
            # report was read and computed with the issuer's own access.
            report.sudo().write(
                {
                    "line_ids": [
                        Command.create(dict(report._stored_values(row), sequence=index))
                        for index, row in enumerate(rows)
                    ],
                    "number": sequence.next_by_code(
                        "directive.report", sequence_date=today
                    ),
                    "issue_date": today,
                    "issued_by_id": self.env.user.id,
                    "headline_rate": report.headline_rate
                    or report._default_headline_rate(),
                    "state": "issued",
                }
            )
        return True

    @api.model
    def _stored_values(self, row):
        return {key: row[key] for key in ROW_FIELDS if row[key] is not None}

    def _get_rows(self):
        """Rows to print: the stored ones once issued, live ones for a draft.

        Summary rows get their rates, and Form 1 gets the share of all
        assigned under its total; both derive from the frozen counts.
        """
        self.ensure_one()
        if self.state == "issued":
            rows = [line._as_row() for line in self.line_ids]
            # Block and total titles are labels, not figures: printed in the
            # reader's language, whatever language the report was issued in.
            block_labels = self._block_labels()
            for row in rows:
                if row["line_type"] == "block" and row["block"]:
                    row["name"] = block_labels.get(row["block"], row["name"])
                elif row["line_type"] == "total":
                    row["name"] = self.env._("Total")
        else:
            rows = self._compute_rows()
        if self.form == "1" and rows:
            for row in rows:
                if row["line_type"] != "part":
                    row.update(rates(row))
            index = next(i for i, row in enumerate(rows) if row["line_type"] == "total")
            rows.insert(index + 1, self._share_row(rows[index]))
        return rows

    def _share_row(self, total):
        """Each category ÷ all tasks, under the grand total."""
        share = empty_row(line_type="share", name=self.env._("Share of all assigned"))
        for fname in COUNT_FIELDS:
            share[fname] = total[fname] / total["total"] if total["total"] else None
        return share

    # ---------------------------------------------------------------- queries
    def _query_params(self):
        self.ensure_one()
        return dict(
            self._period_params(),
            cutoff=self.cutoff_date,
            company_id=self.company_id.id,
        )

    def _compute_rows(self):
        """Rows of the report computed now from the tasks, in a few queries."""
        self.ensure_one()
        return self.env["report.directive_tracking.report_directive_query"].rows_for(
            self.form, self._query_params()
        )

    # ------------------------------------------------------------ labels
    @api.model
    def _block_labels(self):
        return dict(
            self.env["directive.unit.level"]
            ._fields["report_block"]
            ._description_selection(self.env)
        )

    # ------------------------------------------------------------- printing
    def action_print_pdf(self):
        Export = self.env["directive.report.export"]
        if len(self) == 1 and Export._needs_background(self, "pdf"):
            return Export._request(self, "pdf")
        action = self.env.ref("directive_tracking.directive_report_action_pdf")
        return dict(
            action.report_action(self, config=False), close_on_report_download=True
        )

    def action_export_xlsx(self):
        """Build the workbook (one sheet per report) and download it."""
        Export = self.env["directive.report.export"]
        if len(self) == 1 and Export._needs_background(self, "xlsx"):
            return Export._request(self, "xlsx")
        content = self._render_xlsx()
        names = "-".join(
            (r.number or self.env._("draft")).replace("/", "-") for r in self
        )
        return download_action(self.env, self.env._("Report %s.xlsx", names), content)

    def _render_xlsx(self):
        return self.env["report.directive_tracking.report_directive_xlsx"]._render_xlsx(
            self
        )

    def action_preview(self):
        action = self.env.ref("directive_tracking.directive_report_action_html")
        return action.report_action(self, config=False)

    def _action_open_tasks(self, unit, task=None):
        """The tasks of the report's period under ``unit`` (or one task)."""
        self.ensure_one()
        if task:
            domain = [("id", "=", task.id)]
        else:
            domain = self._period_task_domain() + self._counted_task_domain()
            if unit:
                domain.append(("lead_unit_id", "child_of", unit.id))
        return self.env["directive.task"]._action_open_tasks(domain)
