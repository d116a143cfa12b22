from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestIndexes(TransactionCase):
    """The indexes that keep a million tasks fast are in the database."""

    def _indexes(self, table):
        self.env.cr.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table]
        )
        return dict(self.env.cr.fetchall())

    def test_text_searches_have_trigram_indexes(self):
        searched = {
            "directive_task": ("code", "name"),
            "directive_source": ("number", "excerpt", "meeting_name"),
            "directive_unit": ("name",),
        }
        for table, columns in searched.items():
            indexes = self._indexes(table)
            for column in columns:
                with self.subTest(table=table, column=column):
                    definition = indexes.get(f"{table}__{column}_index", "")
                    self.assertIn("USING gin", definition)
                    self.assertIn("gin_trgm_ops", definition)

    def test_unit_rules_and_open_tasks_have_their_indexes(self):
        tasks = self._indexes("directive_task")
        lead_unit = tasks["directive_task_lead_unit_index"]
        self.assertIn("(lead_unit_id, state) INCLUDE (id)", lead_unit)
        # Replaced by the composite index above, not kept beside it.
        self.assertNotIn("directive_task__lead_unit_id_index", tasks)
        for name in (
            "directive_task_open_deadline_index",
            "directive_task_open_state_index",
            "directive_task_to_remind_index",
        ):
            with self.subTest(index=name):
                self.assertIn(" WHERE ", tasks[name])
        self.assertIn(
            "(unit_id, task_id)",
            self._indexes("directive_task_coordination")[
                "directive_task_coordination_unit_task_index"
            ],
        )

    def test_subtrees_have_a_fine_histogram(self):
        # Every record rule and scope is parent_path LIKE '1/5/%': the
        # planner estimates it from the column's histogram, which needs more
        # buckets than PostgreSQL's default hundred (with those, a commune's
        # grouped reads scan the tasks of the whole database).
        self.env.cr.execute(
            """SELECT attstattarget FROM pg_attribute
                WHERE attrelid = 'directive_unit'::regclass
                  AND attname = 'parent_path'"""
        )
        self.assertEqual(self.env.cr.fetchone()[0], 1000)
