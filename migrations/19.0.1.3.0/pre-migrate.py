"""The open tasks' kanban index no longer holds the days overdue and the
progress (see directive.task._open_state_index). Odoo rebuilds an index whose
definition changed only when the database kept the definition as the index's
comment; drop it here so that it is rebuilt, small, in every database."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("DROP INDEX IF EXISTS directive_task_open_state_index")
