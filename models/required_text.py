from odoo.exceptions import ValidationError


def check_required_text(records, fname, message):
    """Refuse ``records`` whose text ``fname`` is empty or only white space:
    a required text field lets spaces through. ``message()`` says what to
    write; it is translated only when the check refuses."""
    if any(not (record[fname] or "").strip() for record in records):
        raise ValidationError(message())
