/** @odoo-module */
/**
 * Scene 2 of DESIGN §1: a commune unit head, on a phone, opens the task
 * kanban, finds the overdue task, reports progress and asks for an extension.
 * Started on the tasks kanban in a 390x844 window; data: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
import { clickHeaderButton, dateInDays } from "./tour_utils";

const OVERDUE_CARD = ".o_kanban_record:has(.badge.text-bg-danger)";

registry.category("web_tour.tours").add("directive_tracking_commune_tour", {
    test: true,
    url: "/web#action=directive_tracking.directive_task_action&view_type=kanban",
    steps: () => [
        {
            content: "The overdue task stands out on the kanban",
            trigger: `.o_kanban_view ${OVERDUE_CARD}`,
            extra_trigger: ".o_kanban_view .o_kanban_record:not(:has(.badge.text-bg-danger))",
            isCheck: true,
        },
        {
            content: "Open the overdue task",
            trigger: `.o_kanban_view ${OVERDUE_CARD} .o_kanban_record_title`,
            run: "click",
        },
        ...clickHeaderButton("action_open_update", { small: true }),
        {
            content: "What has been done",
            trigger: ".o_field_widget[name=note] textarea",
            run: "text Đã rà soát 45/62 hộ; đang thẩm định hồ sơ còn lại",
        },
        {
            content: "Progress in percent",
            trigger: ".o_field_widget[name=progress] input",
            run: "text 60",
        },
        {
            content: "Send the progress update",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The progress is recorded on the task",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=progress]:contains(60)",
            isCheck: true,
        },
        ...clickHeaderButton("action_open_extension", { small: true }),
        {
            content: "Proposed deadline",
            trigger: ".o_field_widget[name=proposed_date] input",
            run: `text ${dateInDays(20)}`,
        },
        {
            content: "Why more time is needed",
            trigger: ".o_field_widget[name=reason] textarea",
            run: "text Ảnh hưởng của mưa lũ, chưa tiếp cận được các hộ ở thôn vùng sâu",
        },
        {
            content: "Send the extension request",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The request is listed on the task",
            trigger: "body:not(:has(.modal)) .o_form_view .o_notebook_headers .nav-link[name=decisions]",
            run: "click",
        },
        {
            content: "Show the request",
            trigger: ".o_form_view .o_field_widget[name=extension_ids] .o_data_row",
            run() {
                this.$anchor[0].scrollIntoView({ block: "center" });
            },
        },
    ],
});
