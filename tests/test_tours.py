import base64
import importlib.util
import logging
import os
import shutil
import tempfile
import unittest
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser, _find_executable

from .common import DirectiveCase

_logger = logging.getLogger(__name__)

# Screenshots of the last screen of each tour, for a person to look at; the
# folder is git-ignored (.local/).
SCREENSHOT_DIR = os.path.join(
    os.path.realpath(get_module_path("directive_tracking")), ".local", "screenshots"
)
# The viewports of the tours: a desktop screen, and a phone's.
DESKTOP_SIZE = "1366x768"
PHONE_SIZE = "390x844"
DASHBOARD_URL = "/odoo/action-directive_tracking.directive_dashboard_client_action"


class TourCase(DirectiveCase, HttpCase):
    """Runs the browser tours of the three daily scenes in a real headless
    Chromium.

    A missing browser must not pass unnoticed: Odoo skips browser tests when
    Chromium or websocket-client is missing, which would let the test command
    report success without having run a single tour, so here it fails.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Real-looking names: they show in the screenshots.
        names = {
            cls.leader: "Nguyễn Văn Lãnh",
            cls.officer: "Lê Thị Theo Dõi",
            cls.clerk: "Trần Thị Văn Thư",
            cls.agency_admin: "Phạm Văn Tài",
            cls.commune_admin: "Hoàng Văn Xã",
        }
        for user, name in names.items():
            user.name = name
        # Unique among the demo units too, so that the clerk picks them by name.
        cls.agency.name = "Sở Kế hoạch và Đầu tư"
        cls.agency_b.name = "Sở Lao động - Thương binh và Xã hội"
        # HttpCase.start_tour logs in with the login as password.
        for user in (cls.clerk, cls.officer, cls.commune_admin):
            user.password = user.login

    def _check_browser_available(self):
        try:
            executable = _find_executable()
        except unittest.SkipTest as exc:
            self.fail(f"Browser tours need Chromium (apt-get install chromium): {exc}")
        self.assertTrue(
            os.access(executable, os.X_OK), f"Chromium at {executable} cannot run"
        )
        self.assertIsNotNone(
            importlib.util.find_spec("websocket"),
            "Browser tours need the Python package websocket-client "
            "(pip install websocket-client, listed in requirements.txt)",
        )

    def _start_tour(self, tour, login, url="/odoo", phone=False):
        """Run `tour` as `login` on a desktop screen (on a phone's, touch
        enabled, with `phone`), fail (never skip) without a browser, and save
        the last screen as .local/screenshots/<tour>.png."""
        self._check_browser_available()
        size = PHONE_SIZE if phone else DESKTOP_SIZE
        shot = os.path.join(SCREENSHOT_DIR, f"{tour}.png")
        if os.path.exists(shot):
            os.remove(shot)  # never leave the screen of a previous run behind
        width, height = (int(n) for n in size.split("x"))
        # What the tour downloads (printed reports) lands here, for the test
        # to check, instead of the home folder.
        self.download_dir = tempfile.mkdtemp(prefix="directive_tour_")
        self.addCleanup(shutil.rmtree, self.download_dir, ignore_errors=True)
        original_navigate_to = ChromeBrowser.navigate_to
        original_stop = ChromeBrowser.stop

        def navigate_in_viewport(browser, *args, **kwargs):
            # Headless Chromium has a minimum window width (500 px) and
            # counts its window frame in --window-size: the viewport is set
            # through DevTools instead, as a phone's when asked.
            browser._websocket_request(
                "Emulation.setDeviceMetricsOverride",
                params={
                    "width": width,
                    "height": height,
                    "deviceScaleFactor": 2 if phone else 1,
                    "mobile": phone,
                },
            )
            browser._websocket_request(
                "Emulation.setTouchEmulationEnabled", params={"enabled": phone}
            )
            browser._websocket_request(
                "Page.setDownloadBehavior",
                params={"behavior": "allow", "downloadPath": self.download_dir},
            )
            return original_navigate_to(browser, *args, **kwargs)

        def stop_after_screenshot(browser):
            # browser_js stops the browser as soon as the tour ends: capture
            # the page while it is still there.
            self._save_screenshot(browser, shot)
            original_stop(browser)

        with (
            patch.object(ChromeBrowser, "navigate_to", navigate_in_viewport),
            patch.object(ChromeBrowser, "stop", stop_after_screenshot),
            patch.multiple(type(self), browser_size=size, touch_enabled=phone),
        ):
            try:
                self.start_tour(url, tour, login=login, timeout=120)
            except unittest.SkipTest as exc:
                self.fail(f"Tour {tour} could not start the browser: {exc}")

    def _save_screenshot(self, browser, path):
        try:
            # The tour service ends every tour with a "good job" rainbow man:
            # not part of the application's screen.
            browser._websocket_request(
                "Runtime.evaluate",
                params={
                    "expression": "document.querySelectorAll('.o_reward')"
                    ".forEach((el) => el.remove())"
                },
            )
            result = browser._websocket_request(
                "Page.captureScreenshot", params={"format": "png"}, timeout=20
            )
        except Exception as exc:  # the tour's own result matters more
            _logger.warning("Could not capture the screenshot %s: %s", path, exc)
            return
        if not (result or {}).get("data"):
            _logger.warning("Could not capture the screenshot %s: no image", path)
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as image:
            image.write(base64.b64decode(result["data"]))
        _logger.info("Screenshot of the last screen: %s", path)


@tagged("post_install", "-at_install")
class TestTours(TourCase):
    def test_clerk_registers_document_with_file_and_assigns_to_many_units(self):
        self._start_tour("directive_tracking_clerk_tour", self.clerk.login)

        source = self.env["directive.source"].search([("number", "=", "215/UBND-KT")])
        self.assertEqual(len(source), 1)
        self.assertEqual(source.leader_id, self.leader)
        self.assertEqual(source.dms_file_ids.mapped("name"), ["215-UBND-KT.pdf"])
        self.assertEqual(source.dms_file_ids.mimetype, "application/pdf")
        self.assertEqual(
            source.dms_file_ids.directory_id, self.clerk.unit_id.dms_directory_id
        )
        units = self.agency | self.agency_b | self.commune | self.commune_b
        self.assertEqual(len(source.task_ids), len(units))
        self.assertEqual(source.task_ids.lead_unit_id, units)
        self.assertEqual(set(source.task_ids.mapped("state")), {"assigned"})

    def test_commune_head_reports_progress_and_asks_extension_on_a_phone(self):
        today = fields.Date.context_today(self.env["directive.task"])
        overdue = self._assigned_task(
            self.commune,
            name="Rà soát, cập nhật danh sách hộ nghèo năm 2026",
            deadline=today - timedelta(days=10),
        )
        self._assigned_task(
            self.commune,
            name="Tổ chức tuyên truyền phòng chống thiên tai",
            deadline=today + timedelta(days=40),
        )
        self.assertEqual(overdue.timeliness, "open_overdue")

        self._start_tour(
            "directive_tracking_commune_tour",
            self.commune_admin.login,
            url="/odoo/action-directive_tracking.directive_task_action?view_type=kanban",
            phone=True,
        )

        update = overdue.update_ids.filtered(lambda u: u.progress == 60)
        self.assertEqual(len(update), 1)
        self.assertEqual(update.author_id, self.commune_admin)
        self.assertIn("45/62 hộ", update.note)
        self.assertEqual(overdue.state, "in_progress")
        self.assertEqual(update.dms_file_ids.mapped("name"), ["bien-ban-ra-soat.pdf"])
        self.assertEqual(overdue.result_document_ids, update.dms_file_ids)
        self.assertEqual(
            update.dms_file_ids.directory_id, self.commune.dms_directory_id
        )
        extension = overdue.extension_ids
        self.assertEqual(len(extension), 1)
        self.assertEqual(extension.state, "requested")
        self.assertEqual(extension.requested_by_id, self.commune_admin)
        # The tour typed "20 days from today" as the browser counts days:
        # in UTC or in Vietnam's time, which are a day apart from 17:00 UTC.
        self.assertIn(
            extension.proposed_date - timedelta(days=20),
            {today, fields.Date.today()},
        )
        self.assertIn("mưa lũ", extension.reason)

    def test_office_confirms_a_completion_returns_another_and_prints_form_1(self):
        reported = self._assigned_task(
            self.agency, name="Báo cáo sơ kết 6 tháng công tác chuyển đổi số"
        )
        incomplete = self._assigned_task(
            self.commune, name="Hoàn thành hồ sơ công nhận xã nông thôn mới"
        )
        Completion = self.env["directive.task.completion"]
        Completion.with_user(self.agency_admin).create(
            {"task_id": reported.id, "result": "Đã gửi Báo cáo số 88/BC-STC"}
        )
        Completion.with_user(self.commune_admin).create(
            {"task_id": incomplete.id, "result": "Đã hoàn thành hồ sơ"}
        )
        self.assertEqual(set((reported | incomplete).mapped("state")), {"to_confirm"})

        self._start_tour(
            "directive_tracking_office_tour",
            self.officer.login,
            url="/odoo/action-directive_tracking.directive_task_action",
        )

        self.assertEqual(reported.state, "done")
        self.assertEqual(reported.completion_ids.decided_by_id, self.officer)
        self.assertEqual(incomplete.state, "returned")
        self.assertEqual(incomplete.completion_ids.state, "returned")
        self.assertIn("biên bản thẩm định", incomplete.completion_ids.return_reason)
        report = self.env["directive.report"].search(
            [("create_uid", "=", self.officer.id)]
        )
        self.assertEqual(report.mapped("form"), ["1"])
        printed = os.listdir(self.download_dir)
        self.assertEqual(len(printed), 1, f"one printed file expected, got {printed}")
        self.assertTrue(printed[0].endswith(".pdf"), printed[0])
        with open(os.path.join(self.download_dir, printed[0]), "rb") as file:
            content = file.read()
        # In test mode Odoo serves the HTML of PDF reports (no wkhtmltopdf).
        if not content.startswith(b"%PDF"):
            text = content.decode()
            for unit in (self.agency, self.commune):
                self.assertIn(unit.name, text)


@tagged("post_install", "-at_install")
class TestDashboardTours(TourCase):
    """A leader opens the dashboard on a desktop and on a phone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader.password = cls.leader.login
        today = fields.Date.context_today(cls.env["directive.task"])
        units = (cls.agency, cls.agency_b, cls.commune, cls.commune_b)
        for month in range(1, today.month + 1):
            for index, unit in enumerate(units):
                assigned = today.replace(month=month, day=1)
                deadline = assigned + timedelta(days=40)
                task = cls._assigned_task(unit, deadline=deadline, assign_on=assigned)
                history = {"assign_date": assigned}
                outcome = (month + index) % 4
                if outcome in (0, 1) and deadline < today:
                    # Done on time (0) or ten days late (1).
                    done = (
                        deadline - timedelta(days=2)
                        if outcome == 0
                        else (deadline + timedelta(days=10))
                    )
                    done = min(done, today)
                    history.update(
                        state="done",
                        completion_date=done,
                        confirm_date=done,
                        last_update_date=done,
                    )
                elif outcome == 2:
                    history.update(state="in_progress", last_update_date=assigned)
                task.write(history)
        cls.env["directive.task"]._refresh_all_timeliness()

    def test_leader_opens_the_dashboard_on_the_figures(self):
        self._start_tour(
            "directive_tracking_dashboard_tour", self.leader.login, url=DASHBOARD_URL
        )

    def test_leader_opens_the_dashboard_on_a_phone(self):
        self._start_tour(
            "directive_tracking_dashboard_phone_tour",
            self.leader.login,
            url=DASHBOARD_URL,
            phone=True,
        )

    def test_commune_head_opens_the_dashboard_of_the_commune(self):
        self._start_tour(
            "directive_tracking_dashboard_commune_tour",
            self.commune_admin.login,
            url=DASHBOARD_URL,
        )
