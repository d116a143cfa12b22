import json

from freezegun import freeze_time

from odoo import fields
from odoo.tests import TransactionCase, new_test_user

# Form 1 of the whole of 2026, judged on its last day (copy it to create).
YEAR_REPORT = {
    "form": "1",
    "period_type": "year",
    "period_year": 2026,
    "cutoff_date": "2026-12-31",
}


class DirectiveCase(TransactionCase):
    """A small province: root, the Office, two agencies, two communes with an
    office each, and one account per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        cls.level_province = ref("directive_tracking.unit_level_province")
        cls.level_agency = ref("directive_tracking.unit_level_agency")
        cls.level_district = ref("directive_tracking.unit_level_district")
        cls.level_commune = ref("directive_tracking.unit_level_commune")
        cls.level_office = ref("directive_tracking.unit_level_commune_office")
        Unit = cls.env["directive.unit"]
        cls.province = Unit.create(
            {"name": "UBND tỉnh Thử", "code": "T.00", "level_id": cls.level_province.id}
        )
        cls.office = cls._unit("Văn phòng UBND tỉnh", "T.01", cls.level_agency)
        cls.agency = cls._unit("Sở Tài chính", "T.02", cls.level_agency)
        cls.agency_b = cls._unit("Sở Y tế", "T.03", cls.level_agency)
        cls.commune = cls._unit("Xã Hòa Bình", "T.10", cls.level_commune)
        cls.commune_office = cls._unit(
            "Văn phòng UBND xã Hòa Bình", "T.10.1", cls.level_office, cls.commune
        )
        cls.commune_b = cls._unit("Phường An Lạc", "T.11", cls.level_commune)
        cls.commune_b_office = cls._unit(
            "Văn phòng UBND phường An Lạc", "T.11.1", cls.level_office, cls.commune_b
        )

        cls.leader = cls._user("leader", "group_leader", cls.province)
        cls.manager = cls._user("manager", "group_manager", cls.province)
        cls.officer = cls._user("officer", "group_officer", cls.office)
        cls.clerk = cls._user("clerk", "group_clerk", cls.office)
        cls.agency_admin = cls._user("agency_admin", "group_unit_admin", cls.agency)
        cls.agency_staff = cls._user("agency_staff", "group_unit_staff", cls.agency)
        cls.agency_b_staff = cls._user(
            "agency_b_staff", "group_unit_staff", cls.agency_b
        )
        cls.commune_admin = cls._user("commune_admin", "group_unit_admin", cls.commune)
        cls.commune_staff = cls._user(
            "commune_staff", "group_unit_staff", cls.commune_office
        )
        cls.commune_b_admin = cls._user(
            "commune_b_admin", "group_unit_admin", cls.commune_b
        )

    @classmethod
    def _unit(cls, name, code, level, parent=None):
        return cls.env["directive.unit"].create(
            {
                "name": name,
                "code": code,
                "level_id": level.id,
                "parent_id": (parent or cls.province).id,
            }
        )

    @classmethod
    def _user(cls, login, group, unit):
        return new_test_user(
            cls.env,
            login=login,
            groups=f"directive_tracking.{group}",
            unit_id=unit.id,
            lang="vi_VN",
        )

    @classmethod
    def _task(cls, unit, **vals):
        vals.setdefault("name", f"Nhiệm vụ của {unit.name}")
        vals.setdefault("deadline", "2026-12-31")
        return cls.env["directive.task"].create({"lead_unit_id": unit.id, **vals})

    @classmethod
    def _source(cls, **vals):
        vals.setdefault("number", "100/UBND-TH")
        vals.setdefault("issue_date", "2026-01-05")
        vals.setdefault("excerpt", "Về việc triển khai nhiệm vụ trọng tâm")
        vals.setdefault("leader_id", cls.leader.id)
        return cls.env["directive.source"].create(vals)

    @classmethod
    def _assigned_task(cls, unit, assign_on=None, **vals):
        """A task as the Office hands it to a unit: assigned, followed by the
        test officer, directed by the test leader. A deadline is never before
        the assignment: a task due in the past was assigned by then (on
        ``assign_on``, by default on its deadline day)."""
        vals.setdefault("officer_id", cls.officer.id)
        vals.setdefault("leader_id", cls.leader.id)
        task = cls._task(unit, **vals)
        today = fields.Date.today()
        with freeze_time(assign_on or min(task.deadline or today, today)):
            task.with_user(cls.officer).action_assign()
        # The stored categories are today's, as after the nightly refresh.
        task._refresh_timeliness()
        return task


class RpcMixin:
    """JSON-RPC calls as the web client sends them, for HttpCase tests that
    attack over RPC (authenticate first)."""

    def _rpc(self, route, params):
        response = self.url_open(
            route,
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
            ),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        # What the request wrote or rolled back is read afresh.
        self.env.invalidate_all()
        return response.json()

    def _call_kw(self, model, method, args, kwargs=None):
        return self._rpc(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _write(self, records, vals):
        """``records.write(vals)`` over JSON-RPC."""
        return self._call_kw(records._name, "write", [records.ids, vals])

    # The server errors that count as a refusal in assertRefused.
    rpc_refusals = ("odoo.exceptions.AccessError", "werkzeug.exceptions.NotFound")

    def _login(self, user):
        # new_test_user sets the password to the login.
        self.authenticate(user.login, user.login)

    def assertRefused(self, reply):
        """The JSON-RPC ``reply`` is an error of one of ``rpc_refusals``."""
        self.assertIn("error", reply, reply)
        self.assertIn(reply["error"]["data"]["name"], self.rpc_refusals, reply)

    def assertAccessError(self, reply):
        """The JSON-RPC ``reply`` is an access error, and nothing else."""
        self.assertIn("error", reply, reply)
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
