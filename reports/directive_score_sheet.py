"""The scoring sheet of a period (Decree 335/2025): the values of its QWeb
templates (a period's sheet, a person's own) and the layout it shares with
the workbook."""

from odoo import fields, models


class ReportDirectiveScorePeriod(models.AbstractModel):
    """The scoring sheet of a period, shared by the PDF and the workbook."""

    _name = "report.directive_tracking.report_directive_score_period"
    _inherit = ["report.directive_tracking.layout"]
    _description = "Scoring sheet layout"

    _doc_model = "directive.score.period"

    def _sheet_rows(self, period, lines=None):
        """The rows of the scoring sheet, from the stored lines only: a
        closed period prints the same figures forever."""
        period.ensure_one()
        bands = dict(
            self.env["directive.score.line"]
            ._fields["band"]
            ._description_selection(self.env)
        )
        rows = []
        for index, line in enumerate(lines or period._lines_to_print(), start=1):
            rows.append(
                {
                    "no": index,
                    "name": line.user_id.name
                    or period.unit_name
                    or period.unit_id.name,
                    "is_unit": not line.user_id,
                    "is_head": line.is_head,
                    "assigned": line.assigned_work,
                    "completed": line.completed_work,
                    "quantity": line.quantity,
                    "quality": line.quality,
                    "progress": line.progress,
                    "task_points": line.task_points,
                    "general_points": line.general_points if line.user_id else None,
                    "unit_component": line.unit_component if line.is_head else None,
                    "total": line.total if line.user_id else None,
                    "band": bands.get(line.band, "") if line.user_id else "",
                }
            )
        return rows

    def _sheet_header(self, period):
        """Names printed in the sheet's heading. sudo: a person reading their
        own sheet may not read the unit above theirs; only names are read."""
        period.ensure_one()
        unit = period.sudo().unit_id
        return {
            "parent_name": (unit.parent_id.name or "").upper(),
            "unit_name": (period.unit_name or unit.name or "").upper(),
            "signer_name": period.sudo().closed_by_id.name or "",
        }

    def _sheet_date_parts(self, period):
        """Day, month and year printed on the sheet: the closing day once
        closed (a reprint is identical), today for a draft."""
        period.ensure_one()
        day = period.closed_date or fields.Date.context_today(self)
        return {"day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": day.year}

    def _sheet_subtitle(self, period):
        period.ensure_one()
        dates = {
            "date_from": period.date_from.strftime("%d/%m/%Y"),
            "date_to": period.date_to.strftime("%d/%m/%Y"),
        }
        if period.state != "closed":
            return self.env._("From %(date_from)s to %(date_to)s (draft)", **dates)
        return self.env._("From %(date_from)s to %(date_to)s", **dates)

    def _sheet_title(self, period):
        period.ensure_one()
        return self.env._("Scoring of task results – %(period)s", period=period.name)


class ReportDirectiveScoreLine(models.AbstractModel):
    """A person's own scoring sheet: the period's sheet, their line only."""

    _name = "report.directive_tracking.report_directive_score_line"
    _inherit = ["report.directive_tracking.report_directive_score_period"]
    _description = "Personal scoring sheet layout"

    _doc_model = "directive.score.line"
