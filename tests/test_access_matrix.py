import base64
from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DirectiveCase

OPERATIONS = ("read", "write", "create", "unlink")
SCOPES = ("own", "other")

# What each role may do, per model, on the records of its own scope and on
# the records of another scope: r(ead), w(rite), c(reate), u(nlink).
#
# The scopes (built in ``_scope_definitions``):
# - unit staff and unit admins: their unit's subtree, against a sibling unit;
# - the Office (clerk, officer): units and accounts of the Office, against an
#   agency; tasks and their records the actor assigned (clerk) or follows
#   (officer), against tasks of the same agency that nobody in the Office
#   follows;
# - leaders: the province root and the tasks they direct, against a unit and
#   the tasks nobody directs. Leaders sit at the root, so "other" records are
#   still inside their subtree; they read and decide, but a unit files its
#   own updates, completion reports and extension requests (DESIGN §4);
# - system administrators: everything.
EXPECTED = {
    "directive.unit": {
        "unit_staff": ("r", ""),
        "unit_admin": ("r", ""),
        "clerk": ("r", "r"),
        "officer": ("r", "r"),
        "leader": ("r", "r"),
        "manager": ("rwcu", "rwcu"),
    },
    # Accounts are never deleted by units: they are deactivated (see
    # test_delegated_admin).
    "res.users": {
        "unit_staff": ("r", ""),
        "unit_admin": ("rwc", ""),
        "clerk": ("r", "r"),
        "officer": ("r", "r"),
        "leader": ("r", "r"),
        "manager": ("rwcu", "rwcu"),
    },
    # Sources belong to the province, not to a unit: every role reads them.
    "directive.source": {
        "unit_staff": ("r", "r"),
        "unit_admin": ("r", "r"),
        "clerk": ("rwc", "rwc"),
        "officer": ("rwc", "rwc"),
        "leader": ("r", "r"),
        "manager": ("rwcu", "rwcu"),
    },
    # Units only read their tasks; the workflow moves through the records
    # below. Unit admins create sub-tasks for the units below them.
    "directive.task": {
        "unit_staff": ("r", ""),
        "unit_admin": ("rc", ""),
        "clerk": ("rwc", "rc"),
        "officer": ("rwc", "rc"),
        "leader": ("r", "r"),
        "manager": ("rwcu", "rwcu"),
    },
    # Updates, completion reports and extension requests are evidence: no
    # one changes or deletes them.
    "directive.task.update": {
        "unit_staff": ("rc", ""),
        "unit_admin": ("rc", ""),
        "clerk": ("r", "r"),
        "officer": ("r", "r"),
        "leader": ("r", "r"),
        "manager": ("r", "r"),
    },
    # The officer writes (confirms or returns) the reports of the tasks it
    # follows.
    "directive.task.completion": {
        "unit_staff": ("rc", ""),
        "unit_admin": ("rc", ""),
        "clerk": ("r", "r"),
        "officer": ("rw", "r"),
        "leader": ("r", "r"),
        "manager": ("rw", "rw"),
    },
    # The leader writes (approves or refuses) the requests of the tasks they
    # direct.
    "directive.task.extension": {
        "unit_staff": ("rc", ""),
        "unit_admin": ("rc", ""),
        "clerk": ("r", "r"),
        "officer": ("r", "r"),
        "leader": ("rw", "r"),
        "manager": ("rw", "rw"),
    },
    # Coordinating units are part of the task: the Office changes them on the
    # tasks it assigned or follows.
    "directive.task.coordination": {
        "unit_staff": ("r", ""),
        "unit_admin": ("r", ""),
        "clerk": ("rwcu", "r"),
        "officer": ("rwcu", "r"),
        "leader": ("r", "r"),
        "manager": ("rwcu", "rwcu"),
    },
    # Documents follow the unit subtree (DESIGN §7): units file in their own
    # directories, the Office and leaders read them all; the leaders' unit is
    # the province root, whose subtree is everything. Nobody deletes a
    # directive document through DMS (filed ones are sealed besides).
    "dms.file": {
        "unit_staff": ("rwc", ""),
        "unit_admin": ("rwc", ""),
        "clerk": ("rwc", "r"),
        "officer": ("rwc", "r"),
        "leader": ("rwc", "rwc"),
        "manager": ("rwc", "rwc"),
    },
    # Directories are the units': only system administrators add to them.
    "dms.directory": {
        "unit_staff": ("r", ""),
        "unit_admin": ("r", ""),
        "clerk": ("r", "r"),
        "officer": ("r", "r"),
        "leader": ("r", "r"),
        "manager": ("rwc", "rwc"),
    },
}

WRITE_VALUES = {
    "directive.unit": {"short_name": "Đã sửa"},
    "res.users": {"name": "Tài khoản đã sửa"},
    "directive.source": {"chaired_by": "Chủ tịch UBND tỉnh"},
    "directive.task": {"expected_result": "Báo cáo kết quả"},
    "directive.task.update": {"note": "Đã sửa"},
    "directive.task.completion": {"return_reason": "Chưa đủ hồ sơ"},
    "directive.task.extension": {"refusal_reason": "Không có lý do chính đáng"},
    "directive.task.coordination": {"deadline": "2026-12-15"},
    "dms.file": {"name": "da-sua.pdf"},
    "dms.directory": {"name": "Thư mục đã sửa"},
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(DirectiveCase):
    """Every role × model × operation, on records of the role's own scope and
    of another scope. Each cell runs in a savepoint rolled back afterwards, so
    that the cells do not depend on each other."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Quotas are tested in test_account_quota; here they must not hide an
        # access decision behind a quota refusal.
        cls.env["directive.unit.level"].search([]).account_quota = 100
        cls.agency_dept = cls._unit(
            "Phòng Ngân sách", "T.02.1", cls.level_office, cls.agency
        )
        cls.agency_b_dept = cls._unit(
            "Phòng Nghiệp vụ Y", "T.03.1", cls.level_office, cls.agency_b
        )
        cls.sub_units = {
            cls.agency: cls.agency_dept,
            cls.agency_b: cls.agency_b_dept,
            cls.commune: cls.commune_office,
            cls.commune_b: cls.commune_b_office,
        }
        # Units no actor belongs to: coordinating them gives no one access.
        cls.agency_c = cls._unit("Sở Xây dựng", "T.04", cls.level_agency)
        cls.agency_d = cls._unit("Sở Nội vụ", "T.05", cls.level_agency)
        cls.actors = {
            "unit_staff": cls.agency_staff,
            "unit_admin": cls.commune_admin,
            "clerk": cls.clerk,
            "officer": cls.officer,
            "leader": cls.leader,
            "manager": cls.manager,
        }
        cls.records = {
            (role, scope): cls._scope_records(role, scope, definition)
            for role, definitions in cls._scope_definitions().items()
            for scope, definition in definitions.items()
        }

    @classmethod
    def _scope_definitions(cls):
        """For each role and scope: the unit whose units and accounts are
        used, the lead unit of the tasks, their values and who creates them."""
        no_follow = {"officer_id": False, "leader_id": False}
        return {
            "unit_staff": {
                "own": (cls.agency, cls.agency, no_follow, None),
                "other": (cls.agency_b, cls.agency_b, no_follow, None),
            },
            "unit_admin": {
                "own": (cls.commune, cls.commune, no_follow, None),
                "other": (cls.commune_b, cls.commune_b, no_follow, None),
            },
            "clerk": {
                "own": (cls.office, cls.agency, no_follow, cls.clerk),
                "other": (cls.agency, cls.agency, no_follow, None),
            },
            "officer": {
                "own": (
                    cls.office,
                    cls.agency,
                    dict(no_follow, officer_id=cls.officer.id),
                    None,
                ),
                "other": (cls.agency, cls.agency, no_follow, None),
            },
            "leader": {
                "own": (
                    cls.province,
                    cls.agency,
                    dict(no_follow, leader_id=cls.leader.id),
                    None,
                ),
                "other": (cls.agency_b, cls.agency_b, no_follow, None),
            },
            "manager": {
                "own": (cls.province, cls.agency, no_follow, None),
                "other": (cls.agency_b, cls.agency_b, no_follow, None),
            },
        }

    @classmethod
    def _scope_records(cls, role, scope, definition):
        unit, task_unit, task_vals, creator = definition
        key = f"{role}_{scope}"
        Task = cls.env["directive.task"].with_user(creator or cls.env.user)

        def new_task(name):
            return Task.create(
                dict(
                    task_vals,
                    name=f"{name} ({key})",
                    lead_unit_id=task_unit.id,
                    deadline="2026-12-31",
                )
            )

        task_open = new_task("Nhiệm vụ đang thực hiện")
        task_reported = new_task("Nhiệm vụ đã báo cáo hoàn thành")
        (task_open | task_reported).action_assign()
        task_spare = new_task("Nhiệm vụ dự thảo")
        coordination = cls.env["directive.task.coordination"].create(
            {"task_id": task_open.id, "unit_id": cls.agency_c.id}
        )
        update = cls.env["directive.task.update"].create(
            {"task_id": task_open.id, "note": "Đang triển khai", "progress": 30}
        )
        extension = cls.env["directive.task.extension"].create(
            {
                "task_id": task_open.id,
                "reason": "Chờ ý kiến",
                "proposed_date": "2027-01-31",
            }
        )
        completion = cls.env["directive.task.completion"].create(
            {"task_id": task_reported.id, "result": "Đã ban hành kế hoạch"}
        )
        staff_group = cls.env.ref("directive_tracking.group_unit_staff")
        return {
            "unit": unit,
            "directive.unit": cls._unit(
                f"Tổ {key}", f"M.{key}", cls.level_office, unit
            ),
            "res.users": cls._user(f"spare_{key}", "group_unit_staff", unit),
            "directive.source": cls.env["directive.source"].create(
                {
                    "source_type": "meeting",
                    "meeting_name": f"Giao ban {key}",
                    "meeting_date": "2026-01-05",
                }
            ),
            "directive.task": task_spare,
            "task_open": task_open,
            "directive.task.update": update,
            "directive.task.completion": completion,
            "directive.task.extension": extension,
            "directive.task.coordination": coordination,
            "dms.file": cls.env["dms.file"].create(
                {
                    "name": f"cong-van-{key}.pdf",
                    "directory_id": unit.dms_directory_id.id,
                    "content": base64.b64encode(b"%PDF-1.4"),
                }
            ),
            "dms.directory": cls.env["dms.directory"].create(
                {"name": f"Hồ sơ {key}", "parent_id": unit.dms_directory_id.id}
            ),
            "create": {
                "directive.unit": {
                    "name": f"Đơn vị mới {key}",
                    "code": f"N.{key}",
                    "level_id": cls.level_office.id,
                    "parent_id": unit.id,
                },
                "res.users": {
                    "name": f"Tài khoản mới {key}",
                    "login": f"new_{key}",
                    "unit_id": unit.id,
                    "group_ids": [Command.set(staff_group.ids)],
                },
                "directive.source": {
                    "source_type": "meeting",
                    "meeting_name": f"Họp mới {key}",
                    "meeting_date": "2026-02-02",
                },
                # A sub-task, the only task a unit admin may create.
                "directive.task": dict(
                    task_vals,
                    name=f"Nhiệm vụ con {key}",
                    parent_id=task_open.id,
                    lead_unit_id=cls.sub_units[task_unit].id,
                    deadline="2026-12-20",
                ),
                "directive.task.update": {
                    "task_id": task_open.id,
                    "note": "Báo cáo mới",
                    "progress": 50,
                },
                "directive.task.completion": {
                    "task_id": task_open.id,
                    "result": "Đã hoàn thành",
                },
                "directive.task.extension": {
                    "task_id": task_open.id,
                    "reason": "Cần thêm thời gian",
                    "proposed_date": "2027-02-28",
                },
                "directive.task.coordination": {
                    "task_id": task_open.id,
                    "unit_id": cls.agency_d.id,
                },
                "dms.file": {
                    "name": f"moi-{key}.pdf",
                    "directory_id": unit.dms_directory_id.id,
                    "content": base64.b64encode(b"%PDF-1.4 moi"),
                },
                "dms.directory": {
                    "name": f"Thư mục mới {key}",
                    "parent_id": unit.dms_directory_id.id,
                },
            },
        }

    @contextmanager
    def _rolled_back(self):
        savepoint = self.env.cr.savepoint()
        try:
            yield
        finally:
            savepoint.close(rollback=True)

    def _perform(self, actor, model, operation, records):
        if operation == "create":
            self.env[model].with_user(actor).create(records["create"][model])
        else:
            record = records[model].with_user(actor)
            if operation == "read":
                record.read(["create_date"])
            elif operation == "write":
                record.write(WRITE_VALUES[model])
            else:
                record.unlink()
        # Errors that only show when the changes reach the database belong to
        # the cell too.
        self.env.flush_all()

    def _check_matrix(self, model):
        for role, allowed_by_scope in EXPECTED[model].items():
            actor = self.actors[role]
            for scope, allowed in zip(SCOPES, allowed_by_scope, strict=True):
                records = self.records[role, scope]
                for operation in OPERATIONS:
                    expected = operation[0] in allowed
                    with (
                        self.subTest(
                            role=role,
                            model=model,
                            operation=operation,
                            scope=scope,
                            expected="allowed" if expected else "refused",
                        ),
                        self._rolled_back(),
                    ):
                        if expected:
                            self._perform(actor, model, operation, records)
                        else:
                            with self.assertRaises(AccessError):
                                self._perform(actor, model, operation, records)

    def test_unit_access_follows_the_subtree(self):
        self._check_matrix("directive.unit")

    def test_account_access_follows_the_subtree(self):
        self._check_matrix("res.users")

    def test_source_access_follows_the_role(self):
        self._check_matrix("directive.source")

    def test_task_access_follows_the_subtree_and_the_office(self):
        self._check_matrix("directive.task")

    def test_update_access_follows_the_subtree(self):
        self._check_matrix("directive.task.update")

    def test_completion_access_follows_the_subtree_and_the_office(self):
        self._check_matrix("directive.task.completion")

    def test_extension_access_follows_the_subtree_and_the_leader(self):
        self._check_matrix("directive.task.extension")

    def test_coordination_access_follows_the_subtree_and_the_office(self):
        self._check_matrix("directive.task.coordination")

    def test_document_access_follows_the_subtree(self):
        self._check_matrix("dms.file")

    def test_directory_access_follows_the_subtree(self):
        self._check_matrix("dms.directory")


@tagged("post_install", "-at_install")
class TestSubtreeVisibility(DirectiveCase):
    """The subtree rules seen through searches, as lists and menus see them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.task_commune = cls._task(cls.commune)
        cls.task_commune_office = cls._task(cls.commune_office)
        cls.task_commune_b = cls._task(cls.commune_b)
        cls.task_agency = cls._task(cls.agency)

    def test_unit_admin_sees_the_tasks_of_its_sub_units(self):
        tasks = self.env["directive.task"].with_user(self.commune_admin).search([])
        self.assertEqual(tasks, self.task_commune | self.task_commune_office)

    def test_sub_unit_does_not_see_the_tasks_of_its_parent_unit(self):
        tasks = self.env["directive.task"].with_user(self.commune_staff).search([])
        self.assertEqual(tasks, self.task_commune_office)

    def test_unit_moved_under_another_unit_takes_its_tasks_along(self):
        Task = self.env["directive.task"]
        self.assertNotIn(
            self.task_commune_office, Task.with_user(self.commune_b_admin).search([])
        )
        self.commune_office.parent_id = self.commune_b
        self.assertIn(
            self.task_commune_office, Task.with_user(self.commune_b_admin).search([])
        )
        self.assertNotIn(
            self.task_commune_office, Task.with_user(self.commune_admin).search([])
        )

    def test_new_unit_below_a_commune_is_in_its_subtree_at_once(self):
        Task = self.env["directive.task"].with_user(self.commune_admin)
        Task.search([])  # the subtree is looked up, and remembered
        team = self._unit("Tổ công tác", "T.10.9", self.level_office, self.commune)
        task = self._task(team)
        self.assertIn(task, Task.search([]))

    def test_unit_sees_the_tasks_it_coordinates(self):
        self.env["directive.task.coordination"].create(
            {"task_id": self.task_commune_b.id, "unit_id": self.commune.id}
        )
        tasks = self.env["directive.task"].with_user(self.commune_staff).search([])
        self.assertEqual(tasks, self.task_commune_office)
        tasks = self.env["directive.task"].with_user(self.commune_admin).search([])
        self.assertIn(self.task_commune_b, tasks)

    def test_office_and_leaders_see_the_whole_province(self):
        every_task = self.env["directive.task"].search([])
        for user in (self.clerk, self.officer, self.leader):
            with self.subTest(user=user.login):
                tasks = self.env["directive.task"].with_user(user).search([])
                self.assertEqual(tasks, every_task)

    def test_accounts_outside_the_subtree_are_hidden(self):
        users = self.env["res.users"].with_user(self.commune_admin).search([])
        self.assertEqual(users, self.commune_admin | self.commune_staff)

    def test_unit_admin_cannot_create_a_top_level_task(self):
        with self.assertRaises(AccessError):
            self.env["directive.task"].with_user(self.commune_admin).create(
                {
                    "name": "Nhiệm vụ tự đặt",
                    "lead_unit_id": self.commune_office.id,
                    "deadline": "2026-12-31",
                }
            )

    def test_coordinating_unit_admin_cannot_split_the_task(self):
        # The task is led by the province and only coordinated by the commune:
        # the commune reads it but does not split it (DESIGN §4).
        task = self._task(self.province)
        self.env["directive.task.coordination"].create(
            {"task_id": task.id, "unit_id": self.commune.id}
        )
        with self.assertRaises(AccessError):
            self.env["directive.task"].with_user(self.commune_admin).create(
                {
                    "name": "Nhiệm vụ con",
                    "parent_id": task.id,
                    "lead_unit_id": self.commune_office.id,
                    "deadline": "2026-12-31",
                }
            )

    def test_lead_unit_admin_splits_the_task_for_a_sub_unit(self):
        subtask = (
            self.env["directive.task"]
            .with_user(self.commune_admin)
            .create(
                {
                    "name": "Nhiệm vụ con",
                    "parent_id": self.task_commune.id,
                    "lead_unit_id": self.commune_office.id,
                    "deadline": "2026-12-31",
                }
            )
        )
        self.assertEqual(subtask.parent_id, self.task_commune)


@tagged("post_install", "-at_install")
class TestAccessCache(DirectiveCase):
    """Odoo caches record rule domains per user; a new unit or new groups
    must apply to the very next request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.task_agency = cls._task(cls.agency)
        cls.task_agency_b = cls._task(cls.agency_b)
        cls.task_commune = cls._task(cls.commune)

    def _visible_tasks(self, user):
        return self.env["directive.task"].with_user(user).search([])

    def test_new_unit_applies_to_the_next_search(self):
        self.assertEqual(self._visible_tasks(self.agency_staff), self.task_agency)
        self.agency_staff.unit_id = self.agency_b
        self.assertEqual(self._visible_tasks(self.agency_staff), self.task_agency_b)

    def test_unit_changed_from_the_unit_applies_to_the_next_search(self):
        self.assertEqual(self._visible_tasks(self.agency_staff), self.task_agency)
        self.agency_b.user_ids = [Command.link(self.agency_staff.id)]
        self.assertEqual(self._visible_tasks(self.agency_staff), self.task_agency_b)

    def test_new_unit_applies_to_the_next_record_check(self):
        task = self.task_agency.with_user(self.agency_staff)
        task.read(["name"])
        self.agency_staff.unit_id = self.agency_b
        with self.assertRaises(AccessError):
            self.task_agency.with_user(self.agency_staff).read(["name"])

    def test_new_group_applies_to_the_next_search(self):
        self.assertEqual(self._visible_tasks(self.agency_staff), self.task_agency)
        self.agency_staff.group_ids = [
            Command.link(self.env.ref("directive_tracking.group_leader").id)
        ]
        visible = self._visible_tasks(self.agency_staff)
        self.assertIn(self.task_agency_b, visible)
        self.assertIn(self.task_commune, visible)

    def test_removed_group_applies_to_the_next_search(self):
        clerk_group = self.env.ref("directive_tracking.group_clerk")
        self.agency_staff.group_ids = [Command.link(clerk_group.id)]
        self.assertIn(self.task_commune, self._visible_tasks(self.agency_staff))
        self.agency_staff.group_ids = [Command.unlink(clerk_group.id)]
        self.assertEqual(self._visible_tasks(self.agency_staff), self.task_agency)
