def field_labels(records, fnames):
    """The labels of the fields ``fnames`` of ``records``' model, in the
    user's language, for a refusal that names them."""
    return ", ".join(
        sorted(
            records._fields[fname]._description_string(records.env) for fname in fnames
        )
    )
