#!/usr/bin/env python3
"""After a load test (tools/load): was anything lost or written twice?

    python check.py -c odoo.conf -d NAME --fixture F --accepted A --stats S

- every progress update the server accepted (its id came back) is stored,
  once, with its text; no update of the run is stored that was not accepted
  (a request retried after a conflict must not be filed twice);
- every parent task's progress equals the roll-up of its sub-tasks;
- no request answered 5xx (Locust's failures file).
Removes the run's draft Form 1; exits 1 when a check fails.
"""

import csv
import json
import sys

from odoo_database import argument_parser, open_registry  # sets Odoo up first

from odoo.tools import SQL

EXCLUDED = ("cancelled", "transferred", "draft")


def main():
    parser = argument_parser()
    parser.add_argument("--fixture", required=True)
    parser.add_argument("--accepted", required=True)
    parser.add_argument("--failures", required=True)
    args = parser.parse_args()
    from odoo import SUPERUSER_ID, api

    registry = open_registry(args)
    fixture = json.load(open(args.fixture))
    accepted = {update_id: note for update_id, note in json.load(open(args.accepted))}
    problems = []
    with registry.cursor() as cr:
        cr.execute(
            SQL(
                """SELECT id, note FROM directive_task_update
                    WHERE note LIKE %s""",
                f"%[{fixture['run_id']}:%",
            )
        )
        stored = dict(cr.fetchall())
        notes = list(stored.values())
        missing = set(accepted) - set(stored)
        unexpected = set(stored) - set(accepted)
        doubled = len(notes) - len(set(notes))
        if missing:
            problems.append(f"{len(missing)} accepted updates are not stored")
        if unexpected:
            problems.append(f"{len(unexpected)} stored updates were never accepted")
        if doubled:
            problems.append(f"{doubled} updates are stored twice")
        wrong_text = [
            i for i in set(accepted) & set(stored) if stored[i] != accepted[i]
        ]
        if wrong_text:
            problems.append(f"{len(wrong_text)} updates lost their text")
        print(
            f"progress updates: {len(accepted)} accepted, {len(stored)} stored, "
            f"{len(missing)} missing, {len(unexpected)} unexpected, {doubled} doubled"
        )
        # The roll-up rule of directive.task._compute_progress, in SQL: a
        # done parent is 100 %, else the rounded mean of its counted
        # sub-tasks (PostgreSQL's round() of a numeric rounds half away
        # from zero, as Python's round() of these halves .5 → even: compare
        # within one point).
        parents = [group["parent_id"] for group in fixture["siblings"]]
        if parents:
            cr.execute(
                SQL(
                    """SELECT p.id, p.progress, p.state,
                              avg(c.progress) FILTER (WHERE c.state NOT IN %s)
                         FROM directive_task p
                         JOIN directive_task c ON c.parent_id = p.id
                        WHERE p.id IN %s GROUP BY p.id""",
                    EXCLUDED,
                    tuple(parents),
                )
            )
            for parent, progress, state, mean in cr.fetchall():
                expected = 100 if state == "done" else mean
                if expected is not None and abs(progress - float(expected)) > 0.5:
                    problems.append(
                        f"parent task {parent}: progress {progress}, "
                        f"its sub-tasks' roll-up {float(expected):.1f}"
                    )
            print(f"roll-ups checked: {len(parents)} parent tasks")
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["directive.report"].browse(fixture["report_id"]).exists().unlink()
        cr.commit()
    server_errors = 0
    with open(args.failures) as failures:
        for row in csv.DictReader(failures):
            if "HTTP 5" in row.get("Error", "") or "50" in row.get("Error", "")[:8]:
                server_errors += int(row["Occurrences"])
    if server_errors:
        problems.append(f"{server_errors} requests answered 5xx")
    print(f"5xx answers: {server_errors}")
    for problem in problems:
        print(f"FAIL: {problem}")
    print("load check: " + ("FAIL" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
