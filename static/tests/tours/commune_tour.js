/**
 * Scene 2 of DESIGN §1: a commune unit head, on a phone, opens the task
 * kanban, finds the overdue task, reports progress with a result document
 * (filed in the DMS) and asks for an extension.
 * Started on the tasks kanban in a 390x844 window; data: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
import { SAMPLE_PDF, clickHeaderButton, editDate, uploadFile } from "./tour_utils";

const OVERDUE_CARD = ".o_kanban_record:has(.badge.text-bg-danger)";

registry.category("web_tour.tours").add("directive_tracking_commune_tour", {
    url: "/odoo/action-directive_tracking.directive_task_action?view_type=kanban",
    steps: () => [
        {
            content: "The tasks are shown on the phone's kanban",
            trigger: ".o_kanban_view .o_kanban_record:not(:has(.badge.text-bg-danger))",
        },
        {
            content: "The overdue task stands out on the kanban",
            trigger: `.o_kanban_view ${OVERDUE_CARD}`,
        },
        {
            content: "Open the overdue task",
            trigger: `.o_kanban_view ${OVERDUE_CARD} .badge.text-bg-danger`,
            run: "click",
        },
        ...clickHeaderButton("action_open_update"),
        {
            content: "What has been done",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Đã rà soát 45/62 hộ; đang thẩm định hồ sơ còn lại",
        },
        {
            content: "Progress in percent",
            trigger: ".modal .o_field_widget[name=progress] input",
            run: "edit 60",
        },
        ...uploadFile("attachment_ids", {
            name: "bien-ban-ra-soat.pdf",
            type: "application/pdf",
            content: SAMPLE_PDF,
        }),
        {
            content: "Send the progress update",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The progress is recorded on the task",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_field_widget[name=progress]:contains(60)",
        },
        {
            content: "Show the result documents tab",
            trigger: ".o_form_view .o_notebook_headers .nav-link[name=documents]",
            run: "click",
        },
        {
            content: "The attached file is a result document of the task, in the DMS",
            trigger:
                ".o_form_view .o_field_widget[name=result_document_ids]:contains(bien-ban-ra-soat.pdf)",
        },
        ...clickHeaderButton("action_open_extension"),
        editDate("proposed_date", 20, "Proposed deadline"),
        {
            content: "Why more time is needed",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Ảnh hưởng của mưa lũ, chưa tiếp cận được các hộ ở thôn vùng sâu",
        },
        {
            content: "Send the extension request",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Show the completion and extensions tab",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_notebook_headers .nav-link[name=decisions]",
            run: "click",
        },
        {
            content: "The request is listed on the task, as a card on the phone",
            trigger: ".o_form_view .o_field_widget[name=extension_ids] .o_kanban_record",
            run() {
                this.anchor.scrollIntoView({ block: "center" });
            },
        },
    ],
});
