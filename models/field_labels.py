from odoo.exceptions import AccessError


def field_labels(records, fnames):
    """The labels of the fields ``fnames`` of ``records``' model, in the
    user's language, for a refusal that names them."""
    return ", ".join(
        sorted(
            records._fields[fname]._description_string(records.env) for fname in fnames
        )
    )


def refuse_action_fields(records, vals_list, fnames, message):
    """Refuse the fields ``fnames`` of ``vals_list``, which only the model's
    own actions write, whatever sends them (DESIGN §4). ``message(labels)``
    is the refusal naming them. Code running as superuser passes: data
    files, migrations and the actions' own steps; no RPC call runs as
    superuser."""
    if records.env.su:
        return
    sent = set().union(*vals_list) & fnames
    if sent:
        raise AccessError(message(field_labels(records, sent)))
