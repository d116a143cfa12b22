def migrate(cr, version):
    """Create the parent's "awaiting the unit's completion report" flag with
    its value in one statement: the ORM would otherwise compute the new
    stored field task by task (a million tasks on a national database)."""
    if not version:
        return
    cr.execute(
        """
        ALTER TABLE directive_task
            ADD COLUMN IF NOT EXISTS awaiting_completion_report boolean;
        UPDATE directive_task
           SET awaiting_completion_report = (
                   COALESCE(subtask_count, 0) > 0
                   AND subtask_done_count = subtask_count
                   AND state IN ('assigned', 'in_progress', 'returned'))
        """
    )
