from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import YEAR_REPORT, DirectiveCase, RpcMixin


@tagged("post_install", "-at_install")
class TestAttackWorkflow(DirectiveCase):
    """What the forms never offer, sent as an outside tester would: every
    refusal leaves nothing written (DESIGN §4, integrity of the record)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.task = cls._assigned_task(cls.agency, deadline="2026-12-31")
        cls.Update = cls.env["directive.task.update"]
        cls.Completion = cls.env["directive.task.completion"]
        cls.Extension = cls.env["directive.task.extension"]

    def _count(self, model):
        return self.env[model].search_count([])

    def assertRefused(self, model, call, error=AccessError):
        """``call`` raises ``error`` and adds no record of ``model``."""
        before = self._count(model)
        with self.assertRaises(error):
            with self.env.cr.savepoint():
                call()
        self.assertEqual(self._count(model), before)

    def assertCreateRefused(self, model, user, vals, forgeries):
        """Creating a ``model`` record from ``vals`` as ``user`` is refused,
        with any one of ``forgeries`` added, and adds no record."""
        for forged in forgeries:
            with self.subTest(forged=forged):
                self.assertRefused(
                    model,
                    lambda forged=forged: self.env[model]
                    .with_user(user)
                    .create({**vals, **forged}),
                )

    def assertWriteRefused(self, records, forgeries):
        """Writing any one of ``forgeries`` on ``records`` (as their user) is
        refused."""
        for forged in forgeries:
            with self.subTest(forged=forged):
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    records.write(forged)

    # ------------------------------------------------------ forged records
    def test_unit_cannot_file_a_confirmed_completion(self):
        self.assertCreateRefused(
            "directive.task.completion",
            self.agency_staff,
            {"task_id": self.task.id, "result": "Xong"},
            (
                {"state": "confirmed"},
                {"decided_by_id": self.officer.id},
                {"decision_date": "2026-03-01"},
                {"date": "2026-01-02"},
            ),
        )
        self.assertEqual(self.task.state, "assigned")

    def test_unit_cannot_file_an_approved_extension(self):
        self.assertCreateRefused(
            "directive.task.extension",
            self.agency_staff,
            {
                "task_id": self.task.id,
                "reason": "Chờ ý kiến",
                "proposed_date": "2027-01-31",
            },
            (
                {"state": "approved"},
                {"decided_by_id": self.leader.id},
                {"current_deadline": "2027-06-30"},
                {"request_date": "2026-01-02"},
            ),
        )

    def test_unit_cannot_create_a_sub_task_already_done(self):
        commune_task = self._assigned_task(self.commune, deadline="2026-12-31")
        self.assertCreateRefused(
            "directive.task",
            self.commune_admin,
            {
                "name": "Phần việc của văn phòng",
                "parent_id": commune_task.id,
                "lead_unit_id": self.commune_office.id,
                "deadline": "2026-12-20",
            },
            (
                {"state": "done"},
                {"progress": 100},
                {"completion_date": "2026-03-01"},
                {"timeliness": "done_on_time"},
            ),
        )
        self.assertEqual(commune_task.progress, 0)

    def test_office_cannot_write_the_workflow_fields_of_a_task(self):
        self.assertWriteRefused(
            self.task.with_user(self.officer),
            (
                {"state": "done"},
                {"deadline": "2027-12-31"},
                {"completion_date": "2026-03-01"},
                {"timeliness": "done_on_time"},
                {"extension_count": 3},
                {"assign_date": "2020-01-01"},
            ),
        )
        self.assertEqual(self.task.state, "assigned")
        self.assertEqual(str(self.task.deadline), "2026-12-31")
        self.assertFalse(self.task.extension_count)

    def test_copy_cannot_make_a_task_already_done(self):
        self.assertRefused(
            "directive.task",
            lambda: self.task.with_user(self.officer).copy({"state": "done"}),
        )

    def test_import_cannot_set_the_state_of_a_task(self):
        before = self._count("directive.task")
        result = (
            self.env["directive.task"]
            .with_user(self.officer)
            .load(
                ["name", "lead_unit_id/.id", "deadline", "state"],
                [["Nhiệm vụ nhập", str(self.agency.id), "2026-12-31", "done"]],
            )
        )
        self.assertTrue(result["messages"])
        self.assertEqual(self._count("directive.task"), before)

    def test_draft_deadline_stays_correctable_by_the_office(self):
        draft = self._task(
            self.agency, deadline="2026-11-30", officer_id=self.officer.id
        )
        draft.with_user(self.officer).write({"deadline": "2026-12-15"})
        self.assertEqual(str(draft.original_deadline), "2026-12-15")

    def test_update_cannot_point_at_another_tasks_coordination_line(self):
        other = self._assigned_task(self.agency_b, deadline="2026-12-31")
        line = self.env["directive.task.coordination"].create(
            {"task_id": other.id, "unit_id": self.agency.id}
        )
        self.assertRefused(
            "directive.task.update",
            lambda: self.Update.with_user(self.agency_staff).create(
                {
                    "task_id": self.task.id,
                    "coordination_id": line.id,
                    "note": "Đã phối hợp",
                    "progress": 90,
                }
            ),
            ValidationError,
        )
        self.assertFalse(line.progress)

    def test_coordination_progress_comes_from_its_updates_only(self):
        line = self.env["directive.task.coordination"].create(
            {"task_id": self.task.id, "unit_id": self.agency_b.id}
        )
        other = self._assigned_task(self.commune, deadline="2026-12-31")
        self.assertWriteRefused(
            line.with_user(self.officer),
            (
                {"progress": 100},
                {"last_update_date": "2099-12-31"},
                {"task_id": other.id},
            ),
        )
        self.assertRefused(
            "directive.task.coordination",
            lambda: self.env["directive.task.coordination"]
            .with_user(self.officer)
            .create(
                {"task_id": self.task.id, "unit_id": self.commune.id, "progress": 90}
            ),
        )
        self.assertEqual((line.task_id, line.progress), (self.task, 0))

    def test_clerk_cannot_pause_resume_or_cancel(self):
        for action in ("action_pause", "action_cancel", "action_transfer"):
            with self.subTest(action=action):
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    getattr(self.task.with_user(self.clerk), action)()
        self.assertEqual(self.task.state, "assigned")
        self.task.with_user(self.officer).action_pause()
        with self.assertRaises(AccessError):
            self.task.with_user(self.clerk).action_resume()
        self.assertEqual(self.task.state, "paused")

    def test_buttons_follow_the_same_rule_as_the_server(self):
        self.assertTrue(self.task.with_user(self.officer).can_manage)
        self.assertFalse(self.task.with_user(self.clerk).can_manage)
        completion = self.Completion.with_user(self.agency_staff).create(
            {"task_id": self.task.id, "result": "Xong"}
        )
        self.assertTrue(completion.with_user(self.officer).can_decide)
        self.assertFalse(completion.with_user(self.agency_admin).can_decide)
        self.assertFalse(completion.with_user(self.clerk).can_decide)

    # ------------------------------------------- who files, who decides
    @freeze_time("2026-03-09 18:00:00")
    def test_author_unit_and_vietnam_date_are_set_by_the_server(self):
        update = self.Update.with_user(self.agency_staff).create(
            {"task_id": self.task.id, "note": "Đang làm", "progress": 20}
        )
        self.assertEqual(update.author_id, self.agency_staff)
        self.assertEqual(update.unit_id, self.agency)
        # 18:00 UTC is already the next day in Vietnam.
        self.assertEqual(str(update.date), "2026-03-10")
        self.assertCreateRefused(
            "directive.task.update",
            self.agency_staff,
            {"task_id": self.task.id, "note": "Đang làm", "progress": 20},
            (
                {"author_id": self.agency_admin.id},
                {"date": "1900-01-01"},
                {"date": "2099-12-31"},
                {"unit_id": self.agency_b.id},
            ),
        )

    def test_leaders_and_the_office_do_not_file_for_a_unit(self):
        for user in (self.leader, self.officer, self.manager):
            for model, vals in (
                ("directive.task.update", {"note": "Thay đơn vị", "progress": 50}),
                ("directive.task.completion", {"result": "Thay đơn vị"}),
                (
                    "directive.task.extension",
                    {"reason": "Thay đơn vị", "proposed_date": "2027-03-31"},
                ),
            ):
                with self.subTest(user=user.login, model=model):
                    self.assertRefused(
                        model,
                        lambda user=user, model=model, vals=vals: self.env[model]
                        .with_user(user)
                        .create({"task_id": self.task.id, **vals}),
                    )

    def test_leader_cannot_name_another_requester_and_approve(self):
        self.assertRefused(
            "directive.task.extension",
            lambda: self.Extension.with_user(self.leader).create(
                {
                    "task_id": self.task.id,
                    "reason": "Cần thêm thời gian",
                    "proposed_date": "2027-01-31",
                    "requested_by_id": self.agency_staff.id,
                }
            ),
        )

    def test_decision_fields_are_written_by_the_decision_only(self):
        completion = self.Completion.with_user(self.agency_staff).create(
            {"task_id": self.task.id, "result": "Xong"}
        )
        for forged in (
            {"state": "confirmed"},
            {"decided_by_id": self.officer.id},
            {"result": "Kết quả khác"},
        ):
            with self.subTest(forged=forged):
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    completion.with_user(self.officer).write(forged)
        self.assertEqual(completion.state, "submitted")
        self.assertEqual(self.task.state, "to_confirm")

    def test_office_unit_cannot_confirm_its_own_completion(self):
        office_task = self._assigned_task(self.office, deadline="2026-12-31")
        colleague = self._user("office_staff", "group_unit_staff", self.office)
        completion = self.Completion.with_user(colleague).create(
            {"task_id": office_task.id, "result": "Đã xong"}
        )
        with self.assertRaises(AccessError):
            completion.with_user(self.officer).action_confirm()
        self.assertEqual(office_task.state, "to_confirm")

    # ------------------------------------------------------------ bad input
    def test_blank_progress_note_is_refused(self):
        self.assertRefused(
            "directive.task.update",
            lambda: self.Update.with_user(self.agency_staff).create(
                {"task_id": self.task.id, "note": "   ", "progress": 10}
            ),
            ValidationError,
        )
        self.assertFalse(self.task.last_update_date)

    def test_blank_extension_reason_is_refused(self):
        self.assertRefused(
            "directive.task.extension",
            lambda: self.Extension.with_user(self.agency_staff).create(
                {
                    "task_id": self.task.id,
                    "reason": " \n ",
                    "proposed_date": "2027-01-31",
                }
            ),
            ValidationError,
        )

    def test_blank_task_content_is_refused(self):
        self.assertRefused(
            "directive.task",
            lambda: self.env["directive.task"]
            .with_user(self.clerk)
            .create({"name": "  ", "lead_unit_id": self.agency.id}),
            ValidationError,
        )

    def test_progress_over_100_gets_a_clear_message(self):
        with self.assertRaises(ValidationError) as refusal:
            with self.env.cr.savepoint():
                self.Update.with_user(self.agency_staff).create(
                    {"task_id": self.task.id, "note": "Vượt", "progress": 150}
                )
        self.assertIn("between 0 and 100", str(refusal.exception))
        self.assertFalse(self.task.last_update_date)

    def test_refusal_message_names_the_fields_in_vietnamese(self):
        with self.assertRaises(AccessError) as refusal:
            self.task.with_user(self.officer).with_context(lang="vi_VN").write(
                {"state": "done"}
            )
        self.assertIn("Trạng thái", str(refusal.exception))
        self.assertIn("chỉ các thao tác", str(refusal.exception))

    # ---------------------------------------------------- issued reports
    def _report(self):
        return (
            self.env["directive.report"]
            .with_user(self.officer)
            .create(dict(YEAR_REPORT))
        )

    def test_rows_cannot_be_added_to_an_issued_report(self):
        report = self._report()
        report.action_issue()
        rows = len(report.line_ids)
        with self.assertRaises(UserError):
            report.write({"line_ids": [(0, 0, {"name": "Dòng giả", "total": 999})]})
        with self.assertRaises(AccessError):
            self.env["directive.report.line"].with_user(self.officer).create(
                {"report_id": report.id, "name": "Dòng giả", "total": 999}
            )
        self.assertEqual(len(report.line_ids), rows)

    def test_report_cannot_be_created_issued(self):
        self.assertCreateRefused(
            "directive.report",
            self.officer,
            YEAR_REPORT,
            (
                {"state": "issued"},
                {"number": "99/BC-VP"},
                {"line_ids": [(0, 0, {"name": "Dòng giả", "total": 999})]},
            ),
        )

    def test_draft_report_cannot_be_written_into_the_issued_state(self):
        report = self._report()
        self.assertWriteRefused(
            report,
            (
                {"state": "issued"},
                {"issue_date": "2026-12-31"},
                {"line_ids": [(0, 0, {"name": "Dòng giả", "total": 999})]},
            ),
        )
        self.assertEqual(report.state, "draft")
        self.assertFalse(report.line_ids)


@tagged("post_install", "-at_install")
class TestActionOnlyFields(DirectiveCase):
    """Every field that only a workflow action sets, sent by every role with
    create and with write: always refused, nothing written."""

    # A value of each action-only field, per model.
    FORGED = {
        "directive.task": {
            "code": "NV-GIA",
            "state": "done",
            "assign_date": "2020-01-01",
            "original_deadline": "2030-01-01",
            "previous_deadline": "2030-01-01",
            "extension_count": 3,
            "overdue_days_recorded": 0,
            "reported_progress": 100,
            "progress": 100,
            "subtask_count": 0,
            "subtask_done_count": 9,
            "last_update_date": "2099-12-31",
            "completion_date": "2020-01-01",
            "confirm_date": "2020-01-01",
            "result": "Đã xong",
            "difficulties": "Không",
            "proposals": "Không",
            "timeliness": "done_on_time",
            "days_overdue": 0,
            "is_due_soon": False,
            "is_stale": False,
            "is_not_started": False,
            "last_reminder_date": "2099-12-31",
        },
        "directive.task.update": {
            "date": "2099-12-31",
            "author_id": "other",
            "unit_id": "unit",
        },
        "directive.task.completion": {
            "date": "2020-01-01",
            "author_id": "other",
            "unit_id": "unit",
            "state": "confirmed",
            "decision_date": "2026-01-02",
            "decided_by_id": "other",
            "return_reason": "Giả",
        },
        "directive.task.extension": {
            "current_deadline": "2030-01-01",
            "request_date": "2020-01-01",
            "requested_by_id": "other",
            "unit_id": "unit",
            "leader_id": "other",
            "state": "approved",
            "decision_date": "2026-01-02",
            "decided_by_id": "other",
        },
        "directive.report": {
            "state": "issued",
            "number": "99/BC-GIA",
            "issue_date": "2026-01-02",
            "issued_by_id": "other",
            "line_ids": [(0, 0, {"name": "Dòng giả", "total": 999})],
        },
    }

    # The note of a decision is set when filing by nobody, but written by the
    # deciding side afterwards (see TestAttackWorkflow for who decides).
    DECISION_NOTES = {("directive.task.completion", "return_reason")}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.task = cls._assigned_task(cls.agency, deadline="2026-12-31")
        cls.roles = {
            "unit_staff": cls.agency_staff,
            "unit_admin": cls.agency_admin,
            "clerk": cls.clerk,
            "officer": cls.officer,
            "leader": cls.leader,
            "manager": cls.manager,
        }
        cls.records = {
            "directive.task": cls.task,
            "directive.task.update": cls.env["directive.task.update"]
            .with_user(cls.agency_staff)
            .create({"task_id": cls.task.id, "note": "Đang làm", "progress": 20}),
            "directive.task.extension": cls.env["directive.task.extension"]
            .with_user(cls.agency_staff)
            .create(
                {
                    "task_id": cls.task.id,
                    "reason": "Chờ ý kiến",
                    "proposed_date": "2027-01-31",
                }
            ),
            "directive.task.completion": cls.env["directive.task.completion"]
            .with_user(cls.agency_staff)
            .create({"task_id": cls.task.id, "result": "Đã xong"}),
            "directive.report": cls.env["directive.report"].create(dict(YEAR_REPORT)),
        }
        cls.create_vals = {
            "directive.task": {
                "name": "Nhiệm vụ mới",
                "lead_unit_id": cls.agency.id,
                "deadline": "2026-12-31",
            },
            "directive.task.update": {
                "task_id": cls.task.id,
                "note": "Báo cáo",
                "progress": 30,
            },
            "directive.task.completion": {"task_id": cls.task.id, "result": "Xong"},
            "directive.task.extension": {
                "task_id": cls.task.id,
                "reason": "Cần thêm thời gian",
                "proposed_date": "2027-02-28",
            },
            "directive.report": dict(YEAR_REPORT),
        }

    def _value(self, value):
        return (
            {"other": self.agency_admin.id, "unit": self.agency_b.id}.get(value, value)
            if isinstance(value, str)
            else value
        )

    def _snapshot(self, record, fname):
        value = record.sudo()[fname]
        return value.ids if hasattr(value, "ids") else value

    def test_action_only_fields_are_refused_to_every_role(self):
        for model, forged in self.FORGED.items():
            record = self.records[model]
            for fname, value in forged.items():
                vals = {fname: self._value(value)}
                before = self._snapshot(record, fname)
                for role, user in self.roles.items():
                    with self.subTest(model=model, field=fname, role=role):
                        count = self.env[model].search_count([])
                        with self.assertRaises(AccessError), self.env.cr.savepoint():
                            self.env[model].with_user(user).create(
                                dict(self.create_vals[model], **vals)
                            )
                        self.assertEqual(self.env[model].search_count([]), count)
                        if (model, fname) in self.DECISION_NOTES:
                            continue
                        with self.assertRaises(AccessError), self.env.cr.savepoint():
                            record.with_user(user).write(vals)
                        record.invalidate_recordset()
                        self.assertEqual(self._snapshot(record, fname), before)


@tagged("post_install", "-at_install")
class TestAttackWorkflowRpc(RpcMixin, DirectiveCase, HttpCase):
    """Bad calls over JSON-RPC get a clear message, never a raw database
    error."""

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_unit_coordinating_twice_gets_a_clear_message(self):
        task = self._assigned_task(self.agency, deadline="2026-12-31")
        Line = self.env["directive.task.coordination"]
        Line.create({"task_id": task.id, "unit_id": self.agency_b.id})
        self.authenticate("officer", "officer")
        reply = self._call_kw(
            "directive.task.coordination",
            "create",
            [{"task_id": task.id, "unit_id": self.agency_b.id}],
        )
        message = reply["error"]["data"]["message"]
        # In the account's language (Vietnamese).
        self.assertIn("Mỗi đơn vị chỉ được phối hợp một nhiệm vụ một lần.", message)
        self.assertNotIn("duplicate key", message)
        self.assertEqual(Line.search_count([("task_id", "=", task.id)]), 1)

    @mute_logger("odoo.http")
    def test_pauses_cannot_be_written_over_rpc(self):
        task = self._assigned_task(self.agency, deadline="2026-12-31")
        task.with_user(self.officer).action_pause()
        pause = self.env["directive.task.pause"].search([("task_id", "=", task.id)])
        paused_on = pause.date_from
        # The officer who may pause the task still may not write its pauses.
        self._login(self.officer)
        self.assertRefused(
            self._call_kw(
                "directive.task.pause",
                "create",
                [{"task_id": task.id, "date_from": "2026-01-01"}],
            )
        )
        self.assertRefused(self._write(pause, {"date_from": "2026-01-01"}))
        self.assertRefused(self._call_kw("directive.task.pause", "unlink", [pause.ids]))
        self.assertEqual(
            self.env["directive.task.pause"].search([("task_id", "=", task.id)]), pause
        )
        self.assertEqual((pause.date_from, pause.date_to), (paused_on, False))
