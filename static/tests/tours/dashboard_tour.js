/**
 * A leader opens the dashboard: the figures of the current year are there
 * at once (no record form, no New button, no pager, nothing to press), the
 * period can be switched, and a figure opens the tasks behind it.
 * Data: tests/test_tours.py (TestDashboardTours).
 */
import { registry } from "@web/core/registry";

const DASHBOARD = ".o_action.o_directive_dashboard";
const YEAR = String(new Date().getFullYear());

function opensOnTheFigures() {
    return [
        {
            content: "The figures are shown without pressing anything",
            trigger: `${DASHBOARD} .o_dashboard_tile[data-category=total] .fs-3`,
            run() {
                const forbidden = [".o_form_view", ".o_pager", ".o_form_button_create"];
                const found = forbidden.filter((sel) => document.querySelector(sel));
                if (found.length) {
                    throw new Error(`The dashboard shows ${found}`);
                }
                if (this.anchor.textContent.trim() === "0") {
                    throw new Error("The dashboard shows no task");
                }
            },
        },
        {
            content: "The year reads 2026, without a thousands separator",
            trigger: `${DASHBOARD} input[name=period_year]`,
            run() {
                const title = document.querySelector(`${DASHBOARD} .o_dashboard_title`);
                if (this.anchor.value !== YEAR || !title.textContent.includes(YEAR)) {
                    throw new Error(`The year reads ${this.anchor.value} / ${title.textContent}`);
                }
            },
        },
        {
            content: "The units are ranked",
            trigger: `${DASHBOARD} .o_dashboard_ranking tr[data-unit-id]`,
        },
        {
            content: "The monthly trend is drawn",
            trigger: `${DASHBOARD} .o_dashboard_trend canvas`,
        },
    ];
}

registry.category("web_tour.tours").add("directive_tracking_dashboard_tour", {
    url: "/odoo/action-directive_tracking.directive_dashboard_client_action",
    steps: () => [
        ...opensOnTheFigures(),
        {
            content: "Open the overdue tasks",
            trigger: `${DASHBOARD} .o_dashboard_tile[data-category=open_overdue]`,
            run: "click",
        },
        {
            content: "The overdue tasks are listed",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=timeliness]",
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_breadcrumb .breadcrumb-item:first a",
            run: "click",
        },
        {
            content: "Switch to quarters",
            trigger: `${DASHBOARD} select[name=period_type]`,
            run: "select quarter",
        },
        {
            content: "The quarter's figures are shown",
            trigger: `${DASHBOARD} select[name=period_quarter]`,
        },
        {
            content: "Back to the year",
            trigger: `${DASHBOARD} select[name=period_type]`,
            run: "select year",
        },
        ...opensOnTheFigures(),
    ],
});

registry.category("web_tour.tours").add("directive_tracking_dashboard_phone_tour", {
    url: "/odoo/action-directive_tracking.directive_dashboard_client_action",
    steps: () => [
        ...opensOnTheFigures(),
        {
            content: "Nothing scrolls sideways on the phone",
            trigger: DASHBOARD,
            run() {
                const el = document.scrollingElement;
                const dashboard = this.anchor;
                if (
                    el.scrollWidth > el.clientWidth ||
                    dashboard.scrollWidth > dashboard.clientWidth + 1
                ) {
                    throw new Error(
                        `Sideways scrolling: ${dashboard.scrollWidth} > ${dashboard.clientWidth}`
                    );
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("directive_tracking_dashboard_commune_tour", {
    url: "/odoo/action-directive_tracking.directive_dashboard_client_action",
    steps: () => [
        ...opensOnTheFigures(),
        {
            content: "A commune head sees the own commune only",
            trigger: `${DASHBOARD} .o_dashboard_scope input`,
            run() {
                const rows = document.querySelectorAll(
                    `${DASHBOARD} .o_dashboard_ranking tr[data-unit-id]`
                );
                const title = document.querySelector(`${DASHBOARD} .o_dashboard_title`);
                if (rows.length !== 1 || !title.textContent.includes("Xã Hòa Bình")) {
                    throw new Error(`${rows.length} units shown for ${title.textContent}`);
                }
                // The scope selector names the commune from the figures' call.
                const scope = document.querySelector(`${DASHBOARD} .o_dashboard_scope input`);
                if (!scope.value.includes("Xã Hòa Bình")) {
                    throw new Error(`scope selector shows "${scope.value}"`);
                }
            },
        },
    ],
});
