import importlib.util
import os
from datetime import date

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

TODAY = date(2026, 6, 15)
GENERATED_MODELS = [
    "directive.unit",
    "directive.source",
    "directive.task",
    "directive.task.coordination",
    "directive.task.update",
    "directive.task.extension",
    "directive.task.completion",
]


def load_tool(name):
    """A script of tools/ (not part of the add-on's package) as a module."""
    path = os.path.join(get_module_path("directive_tracking"), "tools", f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"directive_tools_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestGenerateData(TransactionCase):
    """The bulk generator writes with SQL what the ORM would have written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        generator = load_tool("generate_data").Generator(
            cls.env,
            units=120,
            provinces=2,
            accounts=40,
            sources=60,
            tasks=3000,
            today=TODAY,
            password="generated-pw",
            allow_existing=True,  # next to the demo data
        )
        cls.stats = generator.run()
        cls.generated_units = cls.env["directive.unit"].search(
            [("code", "=like", "G%")]
        )
        cls.generated_tasks = cls.env["directive.task"].search(
            [("lead_unit_id", "in", cls.generated_units.ids)]
        )

    def _column_values(self, model, fnames):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id, %s FROM %s ORDER BY id",
                SQL(", ").join(map(SQL.identifier, fnames)),
                SQL.identifier(self.env[model]._table),
            )
        )
        return self.env.cr.fetchall()

    def test_sizes_are_the_ones_asked_for(self):
        self.assertEqual(self.stats["units"], 120)
        self.assertEqual(self.stats["accounts"], 40)
        self.assertEqual(self.stats["sources"], 60)
        self.assertEqual(len(self.generated_tasks), 3000)
        self.assertEqual(len(self.generated_units), 120)
        self.assertEqual(
            set(self.generated_units.level_id.mapped("code")),
            {"province", "agency", "commune", "commune_office"},
        )
        self.assertAlmostEqual(self.stats["updates per task"], 3.0, delta=0.3)

    def test_mix_is_realistic(self):
        tasks = self.generated_tasks
        without_deadline = tasks.filtered(lambda t: t.has_deadline == "none")
        self.assertAlmostEqual(len(without_deadline) / len(tasks), 0.10, delta=0.03)
        self.assertTrue(tasks.filtered("extension_count"))
        self.assertTrue(tasks.filtered("coordination_ids"))
        self.assertTrue(tasks.filtered("parent_id"))
        states = set(tasks.mapped("state"))
        self.assertLessEqual(
            {"assigned", "in_progress", "to_confirm", "returned", "done"}, states
        )
        self.assertLessEqual(
            {"done_on_time", "done_late", "open_within", "open_overdue"},
            set(tasks.mapped("timeliness")),
        )

    def test_stored_computed_fields_equal_their_compute(self):
        for model in GENERATED_MODELS:
            Model = self.env[model]
            fields = [
                field
                for field in Model._fields.values()
                if field.store and field.compute and field.column_type
            ]
            fnames = [field.name for field in fields]
            before = self._column_values(model, fnames)
            records = Model.with_context(active_test=False).search([])
            for field in fields:
                self.env.add_to_compute(field, records)
            self.env.flush_all()
            self.assertEqual(
                self._column_values(model, fnames),
                before,
                f"stored computed fields {fnames} of {model}",
            )

    def test_parent_path_equals_the_orm_tree(self):
        before = self._column_values("directive.unit", ["parent_path"])
        self.env["directive.unit"]._parent_store_compute()
        self.assertEqual(self._column_values("directive.unit", ["parent_path"]), before)

    def test_timeliness_equals_the_daily_refresh(self):
        changed = self.env["directive.task"]._refresh_all_timeliness(TODAY)
        self.assertEqual(changed, 0)

    def test_task_fields_match_their_history(self):
        """What the workflow writes on the task agrees with the updates,
        completion reports and extensions generated with it."""
        cr = self.env.cr
        self.env.flush_all()
        checks = {
            "completion date and confirmation of done tasks": """
                SELECT t.id FROM directive_task t
                  LEFT JOIN directive_task_completion c
                    ON c.task_id = t.id AND c.state = 'confirmed'
                 WHERE (t.state = 'done') != (c.id IS NOT NULL)
                    OR c.date IS DISTINCT FROM t.completion_date
                    OR c.decision_date IS DISTINCT FROM t.confirm_date""",
            "extensions: count, deadline and previous deadline": """
                SELECT t.id FROM directive_task t
                  LEFT JOIN LATERAL (
                      SELECT count(*) AS n,
                             (array_agg(proposed_date ORDER BY decision_date DESC,
                                        id DESC))[1] AS last,
                             (array_agg(current_deadline ORDER BY decision_date DESC,
                                        id DESC))[1] AS previous
                        FROM directive_task_extension e
                       WHERE e.task_id = t.id AND e.state = 'approved') e ON true
                 WHERE t.extension_count != e.n
                    OR t.deadline IS DISTINCT FROM COALESCE(e.last, t.original_deadline)
                    OR t.previous_deadline IS DISTINCT FROM e.previous""",
            "last update date": """
                SELECT t.id FROM directive_task t
                 WHERE t.last_update_date IS DISTINCT FROM GREATEST(
                    (SELECT max(date) FROM directive_task_update u
                      WHERE u.task_id = t.id AND u.coordination_id IS NULL),
                    (SELECT max(date) FROM directive_task_completion c
                      WHERE c.task_id = t.id))""",
            "reported progress of open tasks": """
                SELECT t.id FROM directive_task t
                 WHERE t.state != 'done' AND t.reported_progress != COALESCE(
                    (SELECT progress FROM directive_task_update u
                      WHERE u.task_id = t.id AND u.coordination_id IS NULL
                      ORDER BY date DESC, id DESC LIMIT 1), 0)""",
            "coordination progress": """
                SELECT l.id FROM directive_task_coordination l
                  LEFT JOIN LATERAL (
                      SELECT u.date, u.progress FROM directive_task_update u
                       WHERE u.coordination_id = l.id
                       ORDER BY u.date DESC, u.id DESC LIMIT 1) last ON true
                 WHERE l.last_update_date IS DISTINCT FROM last.date
                    OR l.progress != COALESCE(last.progress, 0)""",
            "not started means no update": """
                SELECT t.id FROM directive_task t
                 WHERE t.state = 'assigned' AND t.last_update_date IS NOT NULL""",
            "sub-tasks go to units below the parent's unit": """
                SELECT t.id FROM directive_task t
                  JOIN directive_task p ON p.id = t.parent_id
                  JOIN directive_unit u ON u.id = t.lead_unit_id
                  JOIN directive_unit pu ON pu.id = p.lead_unit_id
                 WHERE u.id = pu.id OR u.parent_path NOT LIKE pu.parent_path || '%%'""",
        }
        for name, query in checks.items():
            cr.execute(SQL(query))
            self.assertFalse(cr.fetchall(), name)

    def test_a_realistic_share_of_accounts_has_no_email(self):
        accounts = self.env["res.users"].search([("login", "=like", "g%.%.%")])
        without = accounts.filtered(lambda user: not user.email)
        self.assertTrue(without)
        self.assertLess(len(without), len(accounts))
        leaders = accounts.filtered(lambda user: ".leader." in user.login)
        self.assertTrue(leaders and all(leaders.mapped("email")))

    def test_accounts_respect_the_quotas(self):
        for unit in self.generated_units.filtered("user_ids"):
            self.assertLessEqual(len(unit.user_ids), unit.level_id.account_quota)

    def test_generated_password_logs_in(self):
        user = self.env["res.users"].search([("login", "=like", "g01.leader.%")])[:1]
        self.assertTrue(user)
        credential = {
            "login": user.login,
            "password": "generated-pw",
            "type": "password",
        }
        user.with_user(user)._check_credentials(credential, {"interactive": False})

    def test_task_sequence_continues_after_generated_codes(self):
        code = self.env["ir.sequence"].next_by_code("directive.task")
        self.assertFalse(self.env["directive.task"].search_count([("code", "=", code)]))

    def test_focal_points_follow_their_tasks_as_the_assignment_subscribes(self):
        assigned = self.generated_tasks.filtered(lambda task: task.state != "draft")
        focal_points = assigned.lead_unit_id._focal_points_by_unit()
        followed = assigned.filtered(lambda task: focal_points[task.lead_unit_id.id])
        self.assertTrue(followed)
        self.assertEqual(self.stats["task followers"], sum(
            len(focal_points[task.lead_unit_id.id]) for task in followed
        ))  # fmt: skip
        default_subtypes = self.env["mail.message.subtype"].default_subtypes(
            "directive.task"
        )[0]
        for task in followed[:50]:
            followers = task.message_follower_ids
            self.assertEqual(
                followers.partner_id, focal_points[task.lead_unit_id.id].partner_id
            )
            for follower in followers:
                self.assertEqual(follower.subtype_ids, default_subtypes)
