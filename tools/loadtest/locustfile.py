"""The three daily scenes of DESIGN §1, played by many users at once against
a running Odoo (Locust, https://locust.io), through the JSON-RPC routes the
19.0 web client uses.

Run by tools/load, which writes the fixture (prepare.py), starts Odoo in its
multi-process mode and checks the database afterwards (check.py).

- commune heads open their kanban, open a task and report progress on it;
  several report at once on the same task, and on sub-tasks of the same
  parent;
- the Office assigns a new task to many communes in one go;
- leaders open the kanban, the dashboard and Form 1 of the province.

Every progress update it files carries the run id and a sequence number in
its text; the ids the server returned are written to ``DT_LOAD_ACCEPTED`` at
the end, for check.py.
"""

import itertools
import json
import os
import random
from datetime import date, timedelta

from locust import HttpUser, between, events, task

FIXTURE = json.load(open(os.environ["DT_LOAD_FIXTURE"]))
RUN_ID = FIXTURE["run_id"]
OPEN_STATES = ["assigned", "in_progress", "to_confirm", "returned", "paused"]
ACCEPTED = []  # (update id, note) of every update the server stored
SEQUENCE = itertools.count(1)


def _identities():
    """Commune identities in the order users start: the accounts of hot
    tasks and of sibling sub-tasks first, so that they report at once."""
    for hot in FIXTURE["hot"]:
        for login in hot["logins"]:
            yield login, [hot["task_id"]]
    for group in FIXTURE["siblings"]:
        for child in group["children"]:
            yield child["login"], [child["task_id"]]
    while True:
        for head in FIXTURE["heads"]:
            yield head["login"], head["tasks"]


IDENTITIES = _identities()
HEAD_TASKS = {head["login"]: head["tasks"] for head in FIXTURE["heads"]}
OFFICERS = itertools.cycle(FIXTURE["office"]["logins"])
LEADERS = itertools.cycle(FIXTURE["leaders"])


class OdooUser(HttpUser):
    abstract = True
    wait_time = between(1, 4)
    login = None

    def on_start(self):
        self.odoo_context = {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
        with self.client.post(
            "/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "db": FIXTURE["database"],
                    "login": self.login,
                    "password": FIXTURE["password"],
                },
            },
            name="login",
            catch_response=True,
        ) as response:
            body = response.json() if response.ok else {}
            if not body.get("result", {}).get("uid"):
                response.failure(f"login {self.login}: {body.get('error')}")
                self.stop()
                return
            self.uid = body["result"]["uid"]

    def call(self, model, method, args, kwargs=None, name=None, route="call_kw"):
        """A JSON-RPC call as the web client makes it; a server error (the
        JSON answer's ``error``) is a failure of the request."""
        kwargs = dict(kwargs or {}, context=self.odoo_context)
        with self.client.post(
            f"/web/dataset/{route}/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs,
                },
            },
            name=name or f"{model}.{method}",
            catch_response=True,
        ) as response:
            if not response.ok:
                response.failure(f"HTTP {response.status_code}")
                return None
            body = response.json()
            if "error" in body:
                response.failure(body["error"]["data"].get("message", "error")[:200])
                return None
            return body["result"]

    def open_kanban(self, name):
        self.call(
            "directive.task",
            "web_read_group",
            [],
            {
                "domain": [["state", "in", OPEN_STATES]],
                "groupby": ["state"],
                "aggregates": ["__count"],
                "auto_unfold": True,
                "unfold_read_specification": {
                    "code": {},
                    "name": {},
                    "state": {},
                    "progress": {},
                    "deadline": {},
                    "timeliness": {},
                    "lead_unit_id": {"fields": {"display_name": {}}},
                },
                "unfold_read_default_limit": 40,
            },
            name=f"{name}: kanban (web_read_group)",
        )
        self.call(
            "directive.task",
            "read_progress_bar",
            [],
            {
                "domain": [["state", "in", OPEN_STATES]],
                "group_by": "state",
                "progress_bar": {
                    "field": "timeliness",
                    "colors": {
                        "open_overdue": "danger",
                        "open_within": "success",
                        "done_on_time": "info",
                    },
                },
            },
            name=f"{name}: kanban (read_progress_bar)",
        )


class CommuneHead(OdooUser):
    """A commune head: kanban, a task, a progress update."""

    weight = 6

    def on_start(self):
        self.login, self.focus_tasks = next(IDENTITIES)
        # Accounts of hot tasks and siblings also report on their unit's
        # other tasks.
        self.own_tasks = HEAD_TASKS.get(self.login) or self.focus_tasks
        super().on_start()

    @task(2)
    def kanban(self):
        self.open_kanban("commune")

    @task(3)
    def report_progress(self):
        task_id = random.choice(
            self.focus_tasks if random.random() < 0.7 else self.own_tasks
        )
        self.call(
            "directive.task",
            "web_read",
            [[task_id]],
            {
                "specification": {
                    "code": {},
                    "name": {},
                    "state": {},
                    "progress": {},
                    "deadline": {},
                    "update_ids": {"fields": {"note": {}, "progress": {}, "date": {}}},
                }
            },
            name="commune: task form (web_read)",
        )
        note = f"Cập nhật tiến độ thử tải [{RUN_ID}:{next(SEQUENCE)}]"
        result = self.call(
            "directive.task.update",
            "web_save",
            [[], {"task_id": task_id, "note": note, "progress": random.randint(5, 95)}],
            {"specification": {"id": {}}},
            name="commune: progress update (web_save)",
        )
        if result:
            ACCEPTED.append((result[0]["id"], note))


class Office(OdooUser):
    """An officer assigning a new task to many communes in one go."""

    weight = 1

    def on_start(self):
        self.login = next(OFFICERS)
        super().on_start()

    @task
    def assign_to_many(self):
        office = FIXTURE["office"]
        units = random.sample(office["unit_ids"], min(20, len(office["unit_ids"])))
        deadline = date.fromisoformat(FIXTURE["today"]) + timedelta(days=30)
        result = self.call(
            "directive.task.assign",
            "web_save",
            [
                [],
                {
                    "source_id": office["source_id"],
                    "name": f"Nhiệm vụ giao thử tải [{RUN_ID}:{next(SEQUENCE)}]",
                    "has_deadline": "deadline",
                    "deadline": deadline.isoformat(),
                    "kind": "one_off",
                    "leader_id": office["leader_id"],
                    "officer_id": self.uid,
                    "mode": "each",
                    "unit_ids": [[6, 0, units]],
                },
            ],
            {"specification": {"id": {}}},
            name="office: assignment wizard (web_save)",
        )
        if result:
            self.call(
                "directive.task.assign",
                "action_assign",
                [[result[0]["id"]]],
                name="office: assign to 20 units (action_assign)",
                route="call_button",
            )


class Leader(OdooUser):
    """A leader reading the kanban, the dashboard and Form 1."""

    weight = 3

    def on_start(self):
        self.login = next(LEADERS)
        super().on_start()

    @task(2)
    def kanban(self):
        self.open_kanban("leader")

    @task(2)
    def dashboard(self):
        self.call(
            "directive.dashboard",
            "get_dashboard_data",
            [],
            name="leader: dashboard (get_dashboard_data)",
        )

    @task(1)
    def form1(self):
        with self.client.get(
            f"/report/html/directive_tracking.report_directive/{FIXTURE['report_id']}",
            name="leader: Form 1 of the province (report html)",
            catch_response=True,
        ) as response:
            if not response.ok:
                response.failure(f"HTTP {response.status_code}")


@events.quitting.add_listener
def _write_accepted(environment, **_kwargs):
    with open(os.environ["DT_LOAD_ACCEPTED"], "w") as out:
        json.dump(ACCEPTED, out)
