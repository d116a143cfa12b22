#!/usr/bin/env python3
"""Faults, scripted and repeatable (run by tools/faults):

- ``worker``: a burst of progress updates, and every HTTP worker killed with
  SIGKILL in the middle of it;
- ``postgres``: a burst of progress updates, and the database server
  restarted in the middle of it;
- ``refresh``: the daily job (timeliness refresh, reminders, digest) killed
  with SIGKILL halfway, then run again.

After each: no half-written record (every stored update of the burst has its
task's roll-up fields in step; an update the server confirmed is stored),
the interrupted job run again gives what one clean run gives (each reminder
once, every task due a reminder has one), and the users' next requests
succeed.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time

import requests
from odoo_database import argument_parser, open_registry  # sets Odoo up first

from odoo.tools import SQL

REPORTABLE = ("assigned", "in_progress", "returned")
REMINDER_TYPE = """SELECT res_id FROM ir_model_data
                    WHERE module = 'directive_tracking'
                      AND name = 'mail_activity_type_reminder'"""


class Faults:
    def __init__(self, args):
        self.args = args
        self.url = args.url
        self.problems = []
        self.registry = open_registry(args)

    # -------------------------------------------------------------- helpers
    def cursor(self):
        return self.registry.cursor()

    def say(self, message):
        print(message, flush=True)

    def fail(self, message):
        self.problems.append(message)
        self.say(f"FAIL: {message}")

    def reporter(self):
        """A commune account that may report, with open tasks of its unit."""
        with self.cursor() as cr:
            cr.execute(
                SQL(
                    """SELECT u.login, array_agg(t.id ORDER BY t.id DESC)
                         FROM res_users u
                         JOIN res_groups_users_rel r ON r.uid = u.id
                         JOIN res_groups g ON g.id = r.gid
                         JOIN ir_model_data d ON d.model = 'res.groups'
                              AND d.res_id = g.id AND d.module = 'directive_tracking'
                              AND d.name = 'group_unit_admin'
                         JOIN directive_task t ON t.lead_unit_id = u.unit_id
                              AND t.state IN %s
                        WHERE u.active GROUP BY u.login
                       HAVING count(t.id) >= 5 ORDER BY u.login LIMIT 1""",
                    REPORTABLE,
                )
            )
            login, tasks = cr.fetchone()
        return login, tasks[:20]

    def session(self, login, attempts=60):
        """A logged-in session; waits for the server to answer again."""
        for _attempt in range(attempts):
            try:
                session = requests.Session()
                response = session.post(
                    f"{self.url}/web/session/authenticate",
                    json={
                        "jsonrpc": "2.0",
                        "params": {
                            "db": self.args.database,
                            "login": login,
                            "password": self.args.password,
                        },
                    },
                    timeout=60,
                )
                if response.ok and response.json().get("result", {}).get("uid"):
                    return session
            except requests.RequestException:
                pass
            time.sleep(1)
        raise RuntimeError(f"the server does not let {login} log in any more")

    def post_update(self, session, task_id, note):
        """File a progress update; True when the server confirmed it."""
        try:
            response = session.post(
                f"{self.url}/web/dataset/call_kw/directive.task.update/web_save",
                json={
                    "jsonrpc": "2.0",
                    "params": {
                        "model": "directive.task.update",
                        "method": "web_save",
                        "args": [
                            [],
                            {"task_id": task_id, "note": note, "progress": 40},
                        ],
                        "kwargs": {"specification": {"id": {}}},
                    },
                },
                timeout=120,
            )
            return response.ok and "result" in response.json()
        except (requests.RequestException, ValueError):
            return False

    def burst(self, fault, tag):
        """Progress updates from 8 threads; ``fault`` is called in the middle."""
        login, tasks = self.reporter()
        sessions = [self.session(login) for _n in range(8)]
        confirmed, lock = {}, threading.Lock()

        def work(n):
            for k in range(6):
                note = f"Cập nhật khi có sự cố [{tag}:{n}:{k}]"
                ok = self.post_update(sessions[n], tasks[(n + k) % len(tasks)], note)
                with lock:
                    confirmed[note] = ok

        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)
        fault()
        for thread in threads:
            thread.join()
        self.check_updates(tag, confirmed)
        # The users' next requests succeed.
        session = self.session(login)
        if not self.post_update(session, tasks[0], f"Sau sự cố [{tag}:after]"):
            self.fail(f"{tag}: the first update after the fault was refused")
        else:
            self.say(f"{tag}: the next request after the fault succeeded")

    def check_updates(self, tag, confirmed):
        with self.cursor() as cr:
            cr.execute(
                SQL(
                    """SELECT note, count(*) FROM directive_task_update
                        WHERE note LIKE %s GROUP BY note""",
                    f"%[{tag}:%",
                )
            )
            stored = dict(cr.fetchall())
            # Each task's roll-up is in step with its last stored update.
            cr.execute(
                SQL(
                    """SELECT t.id FROM directive_task t
                        WHERE t.id IN (SELECT task_id FROM directive_task_update
                                        WHERE note LIKE %s)
                          AND t.last_update_date IS DISTINCT FROM (
                              SELECT max(u.date) FROM directive_task_update u
                               WHERE u.task_id = t.id AND u.coordination_id IS NULL)""",
                    f"%[{tag}:%",
                )
            )
            out_of_step = [row[0] for row in cr.fetchall()]
        lost = [note for note, ok in confirmed.items() if ok and note not in stored]
        doubled = [note for note, count in stored.items() if count > 1]
        self.say(
            f"{tag}: {sum(confirmed.values())} of {len(confirmed)} updates confirmed, "
            f"{len(stored)} stored, {len(lost)} confirmed but lost, "
            f"{len(doubled)} stored twice, {len(out_of_step)} tasks out of step"
        )
        if lost:
            self.fail(f"{tag}: {len(lost)} confirmed updates are not stored")
        if doubled:
            self.fail(f"{tag}: {len(doubled)} updates are stored twice")
        if out_of_step:
            self.fail(f"{tag}: tasks {out_of_step[:5]} are out of step with updates")

    # --------------------------------------------------------------- faults
    def worker(self):
        def kill_workers():
            workers = subprocess.run(
                ["pgrep", "-P", str(self.args.server_pid)],
                capture_output=True,
                text=True,
                check=False,
            ).stdout.split()
            for pid in workers:
                os.kill(int(pid), signal.SIGKILL)
            self.say(f"worker: killed {len(workers)} processes with SIGKILL")

        self.burst(kill_workers, f"kill-worker-{int(time.time())}")

    def postgres(self):
        def restart():
            subprocess.run(self.args.pg_restart, shell=True, check=True)
            self.say("postgres: database server restarted")

        self.burst(restart, f"restart-pg-{int(time.time())}")

    def forget_reminders(self):
        """Repeatable: forget today's reminders (a test data set)."""
        with self.cursor() as cr:
            cr.execute(
                SQL(
                    """DELETE FROM mail_activity
                        WHERE activity_type_id = (%s)
                          AND create_date >= now()::date;
                       UPDATE directive_task SET last_reminder_date = NULL
                        WHERE last_reminder_date >= now()::date - 1;
                       UPDATE directive_task_coordination
                          SET last_reminder_date = NULL
                        WHERE last_reminder_date >= now()::date - 1""",
                    SQL(REMINDER_TYPE),
                )
            )
            cr.commit()

    def reminders_given(self):
        """Today's reminders: {(task, user, summary, date)}."""
        with self.cursor() as cr:
            cr.execute(
                SQL(
                    """SELECT res_id, user_id, summary, date_deadline
                         FROM mail_activity
                        WHERE res_model = 'directive.task'
                          AND activity_type_id = (%s)
                          AND create_date >= now()::date""",
                    SQL(REMINDER_TYPE),
                )
            )
            return set(cr.fetchall())

    def refresh(self):
        """The daily job killed halfway, then run again, against one clean
        run of the same job on the same data."""
        job = [*self.args.odoo_shell, "-d", self.args.database, "--no-http"]
        script = "env['directive.task']._cron_daily()\nenv.cr.commit()\n"
        self.forget_reminders()
        subprocess.run(job, input=script, text=True, check=True, capture_output=True)
        clean = self.reminders_given()
        self.say(f"refresh: one clean run gives {len(clean)} reminders")
        self.forget_reminders()
        with self.cursor() as cr:
            due = self.reminder_state(cr)["due_without_reminder"]
        process = subprocess.Popen(
            job, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, text=True, start_new_session=True,
        )  # fmt: skip
        process.stdin.write(script)
        process.stdin.close()
        # Kill it once about half of the tasks due a reminder have one (the
        # job commits its batches as it goes).
        while process.poll() is None:
            with self.cursor() as cr:
                left = self.reminder_state(cr)["due_without_reminder"]
            if left <= due / 2:
                os.killpg(process.pid, signal.SIGKILL)
                break
            time.sleep(0.2)
        process.wait()
        if process.returncode != -signal.SIGKILL:
            self.fail(
                f"refresh: the job ended before it could be killed ({due} tasks due "
                "a reminder: too few batches on this data set)"
            )
            return
        with self.cursor() as cr:
            half = self.reminder_state(cr)
        self.say(f"refresh: killed halfway ({due} tasks were due a reminder): {half}")
        subprocess.run(job, input=script, text=True, check=True, capture_output=True)
        with self.cursor() as cr:
            state = self.reminder_state(cr)
        rerun = self.reminders_given()
        self.say(
            f"refresh: run again: {state}; {len(rerun)} reminders, "
            f"{len(clean - rerun)} missing and {len(rerun - clean)} extra "
            "against the clean run"
        )
        if state["doubled"]:
            self.fail(f"refresh: {state['doubled']} reminders given twice")
        if state["due_without_reminder"]:
            self.fail(f"refresh: {state['due_without_reminder']} tasks lack a reminder")
        if rerun != clean:
            self.fail("refresh: the interrupted job run again differs from a clean run")

    def reminder_state(self, cr):
        cr.execute(
            SQL(
                """WITH reminders AS (
                     SELECT a.res_id, a.user_id, count(*) AS n
                       FROM mail_activity a
                      WHERE a.res_model = 'directive.task'
                        AND a.activity_type_id = (%s)
                        AND a.create_date >= now()::date
                      GROUP BY 1, 2)
                   SELECT (SELECT count(*) FROM reminders),
                          (SELECT count(*) FROM reminders WHERE n > 1),
                          (SELECT count(*) FROM directive_task t
                            WHERE t.state IN %s
                              AND (t.is_due_soon OR t.timeliness = 'open_overdue')
                              AND (t.last_reminder_date IS NULL
                                   OR t.last_reminder_date < %s))""",
                SQL(REMINDER_TYPE),
                REPORTABLE,
                self.today(cr),
            )
        )
        given, doubled, due = cr.fetchone()
        return {"reminders": given, "doubled": doubled, "due_without_reminder": due}

    def today(self, cr):
        from odoo import SUPERUSER_ID, api

        return api.Environment(cr, SUPERUSER_ID, {})["directive.task"]._calendar_today()


def main():
    parser = argument_parser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--pg-restart", required=True)
    parser.add_argument("--odoo-shell", required=True, type=json.loads)
    parser.add_argument("--password", default="directive")
    parser.add_argument("faults", nargs="+", choices=("worker", "postgres", "refresh"))
    args = parser.parse_args()
    faults = Faults(args)
    for fault in args.faults:
        getattr(faults, fault)()
    print("faults: " + ("FAIL" if faults.problems else "ok"))
    return 1 if faults.problems else 0


if __name__ == "__main__":
    sys.exit(main())
