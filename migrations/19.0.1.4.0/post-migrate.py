"""Databases from before the completion-report activity type: the requests to
report a task's completion were reminders, and the daily job, which now keeps
one open reminder per task and focal point, would rewrite them into one. They
get their own type. They are found by the summary the job gave them, in
English or Vietnamese (the language the job ran in)."""

from odoo import SUPERUSER_ID, api

SUMMARIES = (
    "All sub-tasks are done: report the task's completion",
    "Các nhiệm vụ con đã hoàn thành: đề nghị báo cáo hoàn thành nhiệm vụ",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    reminder = env.ref("directive_tracking.mail_activity_type_reminder")
    completion = env.ref("directive_tracking.mail_activity_type_completion_report")
    requests = env["mail.activity"].search(
        [
            ("res_model", "=", "directive.task"),
            ("activity_type_id", "=", reminder.id),
            ("summary", "in", SUMMARIES),
        ]
    )
    requests.with_context(mail_activity_quick_update=True).write(
        {"activity_type_id": completion.id}
    )
