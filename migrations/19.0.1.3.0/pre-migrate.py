"""Two indexes of the tasks changed: the open tasks' kanban index no longer
holds the days overdue and the progress, and the reminder job's index has
its condition as the ORM writes it (see directive.task). Odoo rebuilds an
index whose definition changed only when the database kept the definition
as the index's comment; drop them here so that they are rebuilt in every
database."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("DROP INDEX IF EXISTS directive_task_open_state_index")
    cr.execute("DROP INDEX IF EXISTS directive_task_to_remind_index")
