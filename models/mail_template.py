from odoo import models


class MailTemplate(models.Model):
    """Rendering a template never gives an account more than its own access.

    Only system administrators write templates (security/mail_security.xml,
    with Odoo's "restrict template rendering" kept on), so every dynamic
    template is trusted master data; what remains is the record it is
    rendered on: the chatter composer renders a template as superuser, the
    preview and send_mail on any record the caller names.
    """

    _inherit = "mail.template"

    def _render_field(self, field, res_ids, *args, **kwargs):
        self._check_render_access(res_ids)
        return super()._render_field(field, res_ids, *args, **kwargs)

    def _check_render_access(self, res_ids):
        """Refuse to render on records the current account cannot read, even
        when the rendering itself runs as superuser."""
        for model_name in set(self.sudo().mapped("render_model")):
            if model_name and res_ids:
                records = self.env[model_name].browse(res_ids).sudo(False)
                records.check_access("read")
