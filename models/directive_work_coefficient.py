from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class DirectiveWorkCoefficient(models.Model):
    """A line of a unit's work catalogue: the conversion coefficient (hệ số
    quy đổi) of one kind of task, one field, or both (DESIGN §8).

    Work without a line counts 1. The catalogue is live; a closed scoring
    period keeps, on each of its items, the coefficient it was scored with.
    """

    _name = "directive.work.coefficient"
    _description = "Work catalogue coefficient"
    _order = "unit_id, kind, category_id"

    unit_id = fields.Many2one(
        "directive.unit",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user.unit_id,
    )
    # The task's own kinds, named once on the task.
    kind = fields.Selection(
        selection=lambda self: self.env["directive.task"]._fields["kind"].selection,
        string="Task kind",
    )
    category_id = fields.Many2one(
        "directive.task.category", string="Field", ondelete="cascade"
    )
    coefficient = fields.Float(required=True, default=1.0, digits=(6, 2))
    active = fields.Boolean(default=True)

    _unique_line = models.UniqueIndex(
        "(unit_id, COALESCE(kind, ''), COALESCE(category_id, 0)) WHERE active",
        "The catalogue of a unit has one coefficient per kind and field.",
    )

    @api.constrains("kind", "category_id", "coefficient")
    def _check_line(self):
        for line in self:
            if not (line.kind or line.category_id):
                raise ValidationError(
                    self.env._("A coefficient is for a task kind, a field, or both.")
                )
            if line.coefficient <= 0:
                raise ValidationError(self.env._("A coefficient is more than 0."))

    def _check_unit_head(self, units):
        """Only the head (focal point) of the unit sets its catalogue."""
        if not units._headed_by_current_account():
            raise AccessError(
                self.env._("Only the head of a unit sets the unit's work catalogue.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        units = self.env["directive.unit"].browse(
            [vals.get("unit_id") or self.env.user.unit_id.id for vals in vals_list]
        )
        self._check_unit_head(units)
        return super().create(vals_list)

    def write(self, vals):
        self._check_unit_head(self.unit_id)
        if "unit_id" in vals:
            self._check_unit_head(self.env["directive.unit"].browse(vals["unit_id"]))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_by_the_unit_head(self):
        self._check_unit_head(self.unit_id)
