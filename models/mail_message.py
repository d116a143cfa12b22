from odoo import api, models
from odoo.exceptions import AccessError

# Where a message is and who wrote it: a message stays on the record it was
# posted on, under the name of the account that posted it (DESIGN §4).
PLACE_FIELDS = frozenset({"model", "res_id"})
AUTHOR_FIELDS = frozenset({"author_id", "author_guest_id", "email_from"})
# What the trace of a filed record says, besides where and by whom.
TRACE_CONTENT_FIELDS = frozenset(
    {
        "body",
        "subject",
        "attachment_ids",
        "subtype_id",
        "message_type",
        "date",
        "tracking_value_ids",
        "is_internal",
        "parent_id",
    }
)
# Context value that only directive.task.evidence._post_trace() sets: an
# object, which no JSON-RPC or chatter call can send.
TRACE_TOKEN = object()


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _is_trace(self):
        """Whether any of these messages is the chatter trace of a filed
        update, report or request (see directive.task.evidence)."""
        subtype_id = self.env["directive.task.evidence"]._trace_subtype_id()
        # sudo: the marker decides, whoever may read the message.
        return bool(subtype_id) and subtype_id in self.sudo().subtype_id.ids

    @api.model_create_multi
    def create(self, vals_list):
        trace_subtype_id = self.env["directive.task.evidence"]._trace_subtype_id()
        # The chatter posts as superuser with a subtype the client names.
        if (
            trace_subtype_id
            and self.env.context.get("directive_trace") is not TRACE_TOKEN
            and any(vals.get("subtype_id") == trace_subtype_id for vals in vals_list)
        ):
            raise AccessError(
                self.env._(
                    "Only filing an update, report or request leaves its trace "
                    "on the task."
                )
            )
        if not self.env.su:
            self._check_posted_as_self(vals_list)
        return super().create(vals_list)

    def _check_posted_as_self(self, vals_list):
        partner = self.env.user.partner_id
        own_addresses = {False, None, "", partner.email, partner.email_formatted}
        for vals in vals_list:
            if (
                vals.get("author_id", partner.id) != partner.id
                or vals.get("author_guest_id")
                or vals.get("email_from") not in own_addresses
            ):
                raise AccessError(
                    self.env._("You can only post messages under your own name.")
                )

    def write(self, vals):
        changed = {
            fname
            for fname in vals.keys()
            & (PLACE_FIELDS | AUTHOR_FIELDS | TRACE_CONTENT_FIELDS)
            # The web client and Odoo's own flows may write a value unchanged.
            if any(message._changes(fname, vals[fname]) for message in self)
        }
        # Odoo's own move of a thread (message_change_thread) runs as
        # superuser: the rule holds for it too.
        if changed & PLACE_FIELDS:
            raise AccessError(
                self.env._("A message stays on the record it was posted on.")
            )
        if changed & AUTHOR_FIELDS and not self.env.su:
            raise AccessError(
                self.env._(
                    "A message stays under the name of the account that posted it."
                )
            )
        # The chatter's message editing writes as superuser after its own
        # checks (/mail/message/update_content): a trace stays sealed anyway.
        trace_subtype_id = self.env["directive.task.evidence"]._trace_subtype_id()
        if changed and (
            self._is_trace()
            or (trace_subtype_id and vals.get("subtype_id") == trace_subtype_id)
        ):
            raise AccessError(self._trace_sealed_message())
        return super().write(vals)

    def _changes(self, fname, value):
        """Whether writing ``value`` in ``fname`` changes this message."""
        field = self._fields[fname]
        # sudo: compare with the stored value, whoever may read it.
        current = self.sudo()[fname]
        if field.type == "many2one":
            return (value or False) != current.id
        if field.relational:
            # Any command may change the set.
            return bool(value)
        return field.convert_to_cache(value, self) != field.convert_to_cache(
            current, self
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_trace(self):
        if self._is_trace():
            raise AccessError(self._trace_sealed_message())

    def _trace_sealed_message(self):
        return self.env._(
            "This message is the trace of a filed update, report or request: it "
            "can no longer be changed or deleted. A correction is a new record."
        )
