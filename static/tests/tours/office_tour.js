/**
 * Scene 3 of DESIGN §1: an Office officer confirms one completion, returns
 * another and prints Form 1 (the summary by unit) for the monthly meeting,
 * then previews it on screen.
 * Started on the tasks kanban; data: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
import { clickHeaderButton, openMenu } from "./tour_utils";

const CONFIRMED = "Báo cáo sơ kết 6 tháng công tác chuyển đổi số";
const RETURNED = "Hoàn thành hồ sơ công nhận xã nông thôn mới";
const UNITS = ["Sở Kế hoạch và Đầu tư", "Xã Hòa Bình"];

/**
 * The task's form shows `state` once the completion dialog is closed and the
 * record reloaded (the completion no longer awaits a decision). The trigger
 * is the body: Odoo sets the attributes of the statusbar's buttons again
 * after reloading, which a check of the button itself would take for an
 * unstable screen (ODOO_TOUR_DELAY_TO_CHECK_UNDETERMINISMS).
 */
function taskStateIs(state) {
    return [
        "body:not(:has(.modal))",
        ":not(:has(.o_form_view button[name=action_open_pending_completion]))",
        `:has(.o_form_view .o_field_widget[name=state] button[data-value=${state}][aria-current=step])`,
    ].join("");
}

function openTask(name) {
    return [
        {
            content: `Open the task ${name}`,
            trigger: `body:not(:has(.modal)) .o_kanban_view .o_kanban_record span:contains("${name}")`,
            run: "click",
        },
        {
            content: `The task ${name} is open`,
            trigger: `.o_form_view .o_field_widget[name=name]:contains("${name}")`,
        },
        ...clickHeaderButton("action_open_pending_completion"),
    ];
}

function backToKanban() {
    return [
        {
            content: "Back to the tasks",
            trigger: "body:not(:has(.modal)) .o_breadcrumb .breadcrumb-item:first a",
            run: "click",
        },
        {
            content: "The tasks are listed again",
            trigger: ".o_kanban_view .o_kanban_record",
        },
    ];
}

registry.category("web_tour.tours").add("directive_tracking_office_tour", {
    url: "/odoo/action-directive_tracking.directive_task_action",
    steps: () => [
        ...openTask(CONFIRMED),
        {
            content: "Confirm the completion",
            trigger: ".modal .o_form_view button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The task is done",
            trigger: taskStateIs("done"),
        },
        ...backToKanban(),
        ...openTask(RETURNED),
        {
            content: "Say why the report is returned",
            trigger: ".modal .o_field_widget[name=return_reason] textarea",
            run: "edit Thiếu biên bản thẩm định của Hội đồng xét công nhận",
        },
        {
            content: "Return the completion",
            trigger: ".modal .o_form_view button[name=action_return]",
            run: "click",
        },
        {
            content: "The task is returned to the unit",
            trigger: taskStateIs("returned"),
        },
        ...openMenu("directive_tracking.directive_report_wizard_menu", {
            parentXmlid: "directive_tracking.directive_reporting_menu",
        }),
        {
            content: "Form 1, the summary by unit, is proposed",
            trigger: ".modal .o_field_widget[name=form] input[data-value='1']:checked",
        },
        {
            content: "As a PDF",
            trigger: ".modal .o_field_widget[name=output] input[data-value=pdf]:checked",
        },
        {
            content: "Print the PDF",
            trigger: ".modal button[name=action_print]",
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
        ...openMenu("directive_tracking.directive_report_menu", {
            parentXmlid: "directive_tracking.directive_reporting_menu",
        }),
        {
            content: "Open the printed report",
            trigger:
                "body:not(:has(.modal)) .o_list_view .o_data_row:first .o_data_cell[name=name]",
            run: "click",
        },
        ...clickHeaderButton("action_preview"),
        {
            content: "Form 1 shows the units of the tasks",
            trigger: ".o_action :iframe .dr-table.dr-form-1",
            run() {
                const text = this.anchor.textContent;
                const missing = UNITS.filter((unit) => !text.includes(unit));
                if (missing.length) {
                    throw new Error(`Form 1 lacks the rows of ${missing}`);
                }
            },
        },
    ],
});
