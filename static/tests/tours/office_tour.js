/** @odoo-module */
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

function openTask(name) {
    return [
        {
            content: `Open the task ${name}`,
            trigger: `.o_kanban_view .o_kanban_record:contains("${name}") .o_kanban_record_title`,
            run: "click",
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
    ];
}

registry.category("web_tour.tours").add("directive_tracking_office_tour", {
    test: true,
    url: "/web#action=directive_tracking.directive_task_action",
    steps: () => [
        ...openTask(CONFIRMED),
        {
            content: "Confirm the completion",
            trigger: ".o_form_view button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The task is done",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=state] button[data-value=done][aria-current=step]",
            isCheck: true,
        },
        ...backToKanban(),
        ...openTask(RETURNED),
        {
            content: "Say why the report is returned",
            trigger: ".o_field_widget[name=return_reason] textarea",
            run: "text Thiếu biên bản thẩm định của Hội đồng xét công nhận",
        },
        {
            content: "Return the completion",
            trigger: ".o_form_view button[name=action_return]",
            run: "click",
        },
        {
            content: "The task is returned to the unit",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=state] button[data-value=returned][aria-current=step]",
            isCheck: true,
        },
        ...openMenu(
            "directive_tracking.directive_root_menu",
            "directive_tracking.directive_report_wizard_menu",
            { parentXmlid: "directive_tracking.directive_reporting_menu" }
        ),
        {
            content: "Form 1, the summary by unit, is proposed",
            trigger: ".o_field_widget[name=form] input[data-value='1']:checked",
            extra_trigger: ".o_field_widget[name=output] input[data-value=pdf]:checked",
            isCheck: true,
        },
        {
            content: "Print the PDF",
            trigger: "button[name=action_print]",
            run: "click",
        },
        ...openMenu(
            "directive_tracking.directive_root_menu",
            "directive_tracking.directive_report_menu",
            { parentXmlid: "directive_tracking.directive_reporting_menu" }
        ),
        {
            content: "Open the printed report",
            trigger: "body:not(:has(.modal)) .o_list_view .o_data_row:first .o_data_cell[name=name]",
            run: "click",
        },
        ...clickHeaderButton("action_preview"),
        {
            content: "Form 1 shows the units of the tasks",
            trigger: "iframe .dr-table.dr-form-1",
            run() {
                const text = this.$anchor[0].textContent;
                const missing = UNITS.filter((unit) => !text.includes(unit));
                if (missing.length) {
                    throw new Error(`Form 1 lacks the rows of ${missing}`);
                }
            },
        },
    ],
});
