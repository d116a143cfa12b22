#!/usr/bin/env python3
"""Choose the accounts and the tasks of a load test (tools/load) and write
them to a JSON file: who plays which scene of DESIGN §1, on what.

    python prepare.py -c odoo.conf -d NAME --out fixture.json --run-id ID

- commune heads: accounts of commune-level units that may report progress,
  each with the open tasks its unit leads.  Some tasks are "hot": their unit
  has several such accounts, all of which report on the same task at once;
  some are sub-tasks of the same parent, reported on at once by the
  accounts of their units;
- the Office: officer accounts, a source to assign from, and the commune
  units to assign to;
- leaders: leader accounts and a draft Form 1 of the province (committed and
  kept for the run; removed by check.py).
"""

import json
import sys
from datetime import timedelta

from odoo_database import argument_parser, open_registry  # sets Odoo up first

from odoo.tools import SQL

REPORTABLE = ("assigned", "in_progress", "returned")


def make_colleagues(env, by_unit, password, units=10, accounts=3):
    """Give ``units`` agencies ``accounts`` reporting accounts each (within
    their quota of five), so that several of them report on one task at
    once: the generated data has one reporting account per unit. The
    accounts are made once (``load.<unit>.<n>``) and reused by later runs."""
    Users = env["res.users"].with_context(no_reset_password=True)
    staff = env.ref("directive_tracking.group_unit_staff")
    agencies = (
        env["directive.unit"]
        .browse(sorted(by_unit))
        .filtered(lambda unit: unit.level_id.code == "agency")
    )[:units]
    for unit in agencies:
        for n in range(1, accounts):
            login = f"load.{unit.id}.{n}"
            if not Users.search_count([("login", "=", login)]):
                Users.create(
                    {
                        "name": f"Chuyên viên thử tải {n} – {unit.name}",
                        "login": login,
                        "password": password,
                        "unit_id": unit.id,
                        "group_ids": [(6, 0, [staff.id])],
                        "lang": "vi_VN",
                        "tz": "Asia/Ho_Chi_Minh",
                    }
                )
            if login not in by_unit[unit.id]:
                by_unit[unit.id].append(login)


def make_siblings(env, by_unit, run_id, parents=5, children=4):
    """Parent tasks led by the province, each split into sub-tasks led by
    agencies that have reporting accounts, assigned as the Office would."""
    Task = env["directive.task"]
    agencies = (
        env["directive.unit"]
        .browse(list(by_unit))
        .filtered(lambda unit: unit.level_id.code == "agency")
    )
    # The sub-tasks go below the parent's lead unit: agencies of one province.
    pools = [
        pool for pool in agencies.grouped("parent_id").values() if len(pool) >= children
    ]
    if not pools:
        return []
    agencies = pools[0]
    province = agencies.parent_id
    source = env["directive.source"].search([], order="id desc", limit=1)
    deadline = Task._calendar_today() + timedelta(days=30)
    groups = []
    for n in range(parents):
        parent = Task.create(
            {
                "name": f"Nhiệm vụ chia cho các sở, thử tải [{run_id}:parent{n}]",
                "source_id": source.id,
                "leader_id": source.leader_id.id,
                "lead_unit_id": province.id,
                "has_deadline": "deadline",
                "deadline": deadline,
            }
        )
        parent.action_assign()
        units = (
            agencies[(n * children) % len(agencies) :][:children] or agencies[:children]
        )
        subtasks = Task.create(
            [
                {
                    "name": f"Phần việc của {unit.name} [{run_id}:child{n}]",
                    "source_id": source.id,
                    "leader_id": source.leader_id.id,
                    "parent_id": parent.id,
                    "lead_unit_id": unit.id,
                    "has_deadline": "deadline",
                    "deadline": deadline,
                }
                for unit in units
            ]
        )
        subtasks.action_assign()
        groups.append(
            {
                "parent_id": parent.id,
                "children": [
                    {"task_id": task.id, "login": login}
                    for task in subtasks
                    for login in by_unit[task.lead_unit_id.id]
                ],
            }
        )
    return groups


def main():
    parser = argument_parser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--password", default="directive")
    args = parser.parse_args()
    from odoo import SUPERUSER_ID, api

    with open_registry(args).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        ref = env.ref

        def logins(group, extra=None, limit=200):
            cr.execute(
                SQL(
                    """SELECT u.login, u.unit_id FROM res_users u
                        JOIN res_groups_users_rel r ON r.uid = u.id
                        JOIN directive_unit unit ON unit.id = u.unit_id
                        JOIN directive_unit_level l ON l.id = unit.level_id
                       WHERE u.active AND r.gid = %s AND %s
                       ORDER BY u.id LIMIT %s""",
                    ref(f"directive_tracking.{group}").id,
                    extra or SQL("TRUE"),
                    limit,
                )
            )
            return cr.fetchall()

        # The units that report: communes, and provincial agencies, whose
        # several accounts (quota 5 against a commune's 1) can report on the
        # same task at once.
        units_sql = SQL("l.code IN ('commune', 'agency')")
        reporters = logins("group_unit_admin", units_sql) + logins(
            "group_unit_staff", units_sql
        )
        by_unit = {}
        for login, unit in reporters:
            by_unit.setdefault(unit, []).append(login)
        make_colleagues(env, by_unit, args.password)
        units = tuple(by_unit)
        cr.execute(
            SQL(
                """SELECT lead_unit_id, array_agg(id ORDER BY id DESC)
                     FROM (SELECT t.id, t.lead_unit_id,
                                  row_number() OVER (PARTITION BY t.lead_unit_id
                                                     ORDER BY t.id DESC) AS n
                             FROM directive_task t
                            WHERE t.lead_unit_id IN %s AND t.state IN %s) ranked
                    WHERE n <= 20 GROUP BY lead_unit_id""",
                units,
                REPORTABLE,
            )
        )
        tasks = dict(cr.fetchall())
        heads = [
            {"login": login, "unit_id": unit, "tasks": tasks.get(unit, [])}
            for unit, unit_logins in by_unit.items()
            for login in unit_logins
            if tasks.get(unit)
        ]
        # Hot tasks: one open task per unit that has several reporting
        # accounts; all of them report on it.
        hot = [
            {"task_id": tasks[unit][0], "logins": unit_logins}
            for unit, unit_logins in by_unit.items()
            if len(unit_logins) > 1 and tasks.get(unit)
        ][:10]
        # Siblings: sub-tasks of one parent reported on at once by their
        # units. The generated data splits communes' tasks to their offices,
        # which have no accounts, so the run makes its own: tasks of the
        # province split to four agencies each (marked with the run id).
        siblings = make_siblings(env, by_unit, args.run_id)
        cr.execute(
            SQL(
                """SELECT s.id, s.leader_id FROM directive_source s
                    WHERE s.leader_id IS NOT NULL ORDER BY s.id DESC LIMIT 1"""
            )
        )
        source_id, leader_id = cr.fetchone()
        officers = [login for login, _unit in logins("group_officer")]
        officer_ids = env["res.users"].search([("login", "in", officers)]).mapped("id")
        leaders = [login for login, _unit in logins("group_leader")]
        root = env["directive.unit"].search([("parent_id", "=", False)], limit=1)
        today = env["directive.task"]._calendar_today()
        report = env["directive.report"].create(
            {
                "form": "1",
                "period_type": "year",
                "period_year": today.year,
                "scope_unit_id": root.id,
                "cutoff_date": today,
            }
        )
        cr.commit()
        fixture = {
            "run_id": args.run_id,
            "database": args.database,
            "password": args.password,
            "heads": heads,
            "hot": hot,
            "siblings": siblings,
            "office": {
                "logins": officers,
                "officer_ids": officer_ids,
                "source_id": source_id,
                "leader_id": leader_id,
                "unit_ids": list(units),
            },
            "leaders": leaders,
            "report_id": report.id,
            "today": today.isoformat(),
        }
    with open(args.out, "w") as out:
        json.dump(fixture, out)
    sys.stderr.write(
        f"  load fixture: {len(heads)} reporting accounts, {len(hot)} hot tasks, "
        f"{len(siblings)} sibling groups, {len(officers)} officers, "
        f"{len(leaders)} leaders\n"
    )


if __name__ == "__main__":
    main()
