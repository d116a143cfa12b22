"""Time the bulk assignment of DESIGN §1: one directive's task assigned to
many units in one go through the wizard, as the Office clerk would.

    tools/benchmark --db DB --assign 100
    (directly: python tools/bench_assign.py -c odoo.conf -d DB [--units 100] [--runs 3])

Uses the database's first clerk account (the demo's ``vanthu``), adds the
units it needs, times ``directive.task.assign.action_assign`` (one
transaction, one task per unit) and rolls everything back.
"""

import argparse
import statistics
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import odoo.init  # noqa: F401  (Odoo's core setup, first)
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"],
        setup_logging=True,
    )
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        clerk_group = env.ref("directive_tracking.group_clerk")
        # A clerk proper (the group given explicitly), else any account that
        # has the role through another one (an officer).
        clerk = env["res.users"].search(
            [("group_ids", "in", clerk_group.id), ("unit_id", "!=", False)], limit=1
        ) or env["res.users"].search(
            [("all_group_ids", "in", clerk_group.id), ("unit_id", "!=", False)], limit=1
        )
        root = env["directive.unit"].search([("parent_id", "=", False)], limit=1)
        level = env.ref("directive_tracking.unit_level_commune")
        units = env["directive.unit"].create(
            [
                {
                    "name": f"Xã thử nghiệm {i}",
                    "code": f"BENCH.{i}",
                    "level_id": level.id,
                    "parent_id": root.id,
                }
                for i in range(args.units)
            ]
        )
        source = env["directive.source"].create(
            {
                "number": "999/UBND-TH",
                "issue_date": "2026-01-05",
                "excerpt": "Đo thời gian giao nhiệm vụ hàng loạt",
            }
        )
        login = clerk.login
        timings = []
        try:
            for _run in range(args.runs):
                env.invalidate_all()
                wizard = (
                    env["directive.task.assign"]
                    .with_user(clerk)
                    .create(
                        {
                            "source_id": source.id,
                            "name": "Báo cáo kết quả triển khai",
                            "deadline": "2026-12-31",
                            "unit_ids": [(6, 0, units.ids)],
                        }
                    )
                )
                start = time.perf_counter()
                wizard.action_assign()
                # What a commit would still do: tracking and notifications.
                env.flush_all()
                cr.precommit.run()
                timings.append(time.perf_counter() - start)
        finally:
            cr.rollback()
    print(
        f"bulk assignment to {args.units} units as {login}: "
        f"median {statistics.median(timings):.2f} s over {args.runs} runs "
        f"({', '.join(f'{t:.2f}' for t in timings)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
