/** @odoo-module */
/**
 * Scene 1 of DESIGN §1: the clerk registers an official document with its
 * PDF file and assigns its task to several units in one go.
 * Data: tests/test_tours.py (units, the directing leader).
 */
import { registry } from "@web/core/registry";
import { SAMPLE_PDF, dateInDays, openMenu, pickRecord, uploadFile } from "./tour_utils";

const UNITS = [
    "Sở Kế hoạch và Đầu tư",
    "Sở Lao động - Thương binh và Xã hội",
    "Xã Hòa Bình",
    "Phường An Lạc",
];

registry.category("web_tour.tours").add("directive_tracking_clerk_tour", {
    test: true,
    url: "/web",
    steps: () => [
        ...openMenu(
            "directive_tracking.directive_root_menu",
            "directive_tracking.directive_source_menu"
        ),
        {
            content: "Register a new source",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "Number and symbol",
            trigger: ".o_field_widget[name=number] input",
            run: "text 215/UBND-KT",
        },
        {
            content: "Issue date",
            trigger: ".o_field_widget[name=issue_date] input",
            run: `text ${dateInDays(-2)}`,
        },
        {
            content: "Excerpt",
            trigger: ".o_field_widget[name=excerpt] textarea",
            run: "text Về việc triển khai thực hiện các nhiệm vụ phát triển kinh tế - xã hội cuối năm",
        },
        ...pickRecord(".o_field_widget[name=leader_id]", "Nguyễn Văn Lãnh"),
        ...uploadFile("attachment_ids", {
            name: "215-UBND-KT.pdf",
            type: "application/pdf",
            content: SAMPLE_PDF,
        }),
        {
            content: "Save the document",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Assign its task to units",
            trigger: ".o_form_saved button[name=action_assign_tasks]",
            run: "click",
        },
        {
            content: "Content of the task",
            trigger: ".o_field_widget[name=name] textarea",
            run: "text Báo cáo kết quả triển khai, gửi Văn phòng UBND tỉnh tổng hợp",
        },
        {
            content: "Deadline",
            trigger: ".o_field_widget[name=deadline] input",
            run: `text ${dateInDays(30)}`,
        },
        ...UNITS.flatMap((unit) => pickRecord(".o_field_widget[name=unit_ids]", unit)),
        {
            content: "All units are chosen",
            trigger: `.o_field_widget[name=unit_ids] .o_tag:eq(${UNITS.length - 1})`,
            isCheck: true,
        },
        {
            content: "Assign",
            trigger: "button[name=action_assign]",
            run: "click",
        },
        {
            content: "One task per unit is listed",
            trigger: `body:not(:has(.modal)) .o_list_view .o_data_row:eq(${UNITS.length - 1})`,
            run() {
                const units = [
                    ...document.querySelectorAll(".o_data_row .o_data_cell[name=lead_unit_id]"),
                ].map((cell) => cell.textContent.trim());
                if (units.length !== UNITS.length || !UNITS.every((u) => units.includes(u))) {
                    throw new Error(`Expected one task for each of ${UNITS}, got ${units}`);
                }
            },
        },
    ],
});
