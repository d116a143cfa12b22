#!/usr/bin/env python3
"""Summarize an Odoo test log for tools/test.

The last line printed is always ``N passed, M failed``.  Besides failed tests,
M counts one failure for each of: ERROR/CRITICAL log lines when no test failed
(an error outside any test still means something is broken), no test run at
all, a lint failure, a term without Vietnamese translation, and a non-zero Odoo
exit left unexplained by the above.
Exit status is 0 only when M == 0, N > 0 and Odoo exited 0.
"""

import argparse
import os
import re
import sys

# odoo.tests.result logs this (cumulative) after the tests of each database.
STATS_RE = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database '([^']*)'"
)
# Odoo log format: "YYYY-MM-DD HH:MM:SS,mmm PID LEVEL db logger: message".
LOG_ERROR_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} \d+ (ERROR|CRITICAL) "
)
MAX_SHOWN = 40  # error lines printed; the full log is in .local/log/test.log


def parse_log(path):
    stats = {}  # database -> (failures, errors, tests), last line wins
    error_lines = []
    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            for line in log:
                line = line.rstrip("\n")
                match = STATS_RE.search(line)
                if match:
                    failures, errors, tests = map(int, match.group(1, 2, 3))
                    stats[match.group(4)] = (failures, errors, tests)
                if LOG_ERROR_RE.match(line):
                    error_lines.append(line)
    except FileNotFoundError:
        pass
    return stats, error_lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", required=True)
    parser.add_argument("--odoo-rc", type=int, default=0)
    parser.add_argument("--lint-rc", default="0", help="exit code or 'skipped'")
    parser.add_argument("--i18n-rc", default="0", help="exit code or 'export'")
    parser.add_argument("--i18n-report", help="output of check_translations.py")
    args = parser.parse_args()

    stats, error_lines = parse_log(args.log)
    tests = sum(t for _f, _e, t in stats.values())
    test_failed = sum(f + e for f, e, _t in stats.values())
    passed = tests - test_failed
    failed = test_failed

    print("\n===== Summary =====")
    for db, (failures, errors, count) in stats.items():
        print(f"tests: {failures} failed, {errors} error(s) of {count} ({db})")
    if error_lines:
        print(f"{len(error_lines)} ERROR/CRITICAL log line(s):")
        for line in error_lines[:MAX_SHOWN]:
            print(f"  {line}")
        if len(error_lines) > MAX_SHOWN:
            print(f"  ... see {args.log}")
        if not test_failed:
            print("log errors outside of tests: counted as 1 failed")
            failed += 1
    if not tests:
        print("no test was run: counted as 1 failed")
        failed += 1
    if args.lint_rc == "skipped":
        print("lint: skipped (DT_SKIP_LINT=1)")
    elif args.lint_rc != "0":
        print(f"lint: failed (exit {args.lint_rc}): counted as 1 failed")
        failed += 1
    else:
        print("lint: ok")
    if args.i18n_report and os.path.exists(args.i18n_report):
        with open(args.i18n_report, encoding="utf-8") as report:
            print(report.read().rstrip())
    if args.i18n_rc == "export":
        print("translations: the template could not be exported: counted as 1 failed")
        failed += 1
    elif args.i18n_rc != "0":
        print("translations: incomplete Vietnamese translation: counted as 1 failed")
        failed += 1
    if args.odoo_rc != 0:
        print(f"odoo-bin exited with code {args.odoo_rc}")
        if failed == 0:
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 and args.odoo_rc == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
