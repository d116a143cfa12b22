/**
 * Scene 1 of DESIGN §1: the clerk registers an official document with its
 * PDF file, which goes into the document-management system (DMS), and
 * assigns its task to several units in one go.
 * Data: tests/test_tours.py (units, the directing leader).
 */
import { registry } from "@web/core/registry";
import { SAMPLE_PDF, editDate, openApp, openMenu, pickRecord, uploadFile } from "./tour_utils";

const UNITS = [
    "Sở Kế hoạch và Đầu tư",
    "Sở Lao động - Thương binh và Xã hội",
    "Xã Hòa Bình",
    "Phường An Lạc",
];

registry.category("web_tour.tours").add("directive_tracking_clerk_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp("directive_tracking.directive_root_menu", ".o_directive_task_kanban"),
        ...openMenu("directive_tracking.directive_source_menu"),
        {
            content: "Register a new source",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "Number and symbol",
            trigger: ".o_form_view .o_field_widget[name=number] input",
            run: "edit 215/UBND-KT",
        },
        editDate("issue_date", -2, "Issue date"),
        {
            content: "Excerpt",
            trigger: ".o_field_widget[name=excerpt] textarea",
            run: "edit Về việc triển khai thực hiện các nhiệm vụ phát triển kinh tế - xã hội cuối năm",
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
            content: "The file is now a document of the DMS, in the clerk's directory",
            trigger:
                ".o_form_saved .o_field_widget[name=dms_file_ids] .o_data_row:contains(215-UBND-KT.pdf)",
        },
        {
            content: "Assign its task to units",
            trigger: ".o_form_saved .o_statusbar_buttons button[name=action_assign_tasks]",
            run: "click",
        },
        {
            content: "Content of the task",
            trigger: ".modal .o_field_widget[name=name] textarea",
            run: "edit Báo cáo kết quả triển khai, gửi Văn phòng UBND tỉnh tổng hợp",
        },
        editDate("deadline", 30, "Deadline"),
        ...UNITS.flatMap((unit) => pickRecord(".modal .o_field_widget[name=unit_ids]", unit)),
        {
            content: "All units are chosen",
            trigger: `.modal .o_field_widget[name=unit_ids] .o_tag:eq(${UNITS.length - 1})`,
        },
        {
            content: "Assign",
            trigger: ".modal button[name=action_assign]",
            run: "click",
        },
        {
            content: "One task per unit is listed",
            trigger: `body:not(:has(.modal)) .o_list_view .o_data_row:eq(${UNITS.length - 1})`,
            run(helpers) {
                const units = helpers
                    .queryAll(".o_list_view .o_data_row .o_data_cell[name=lead_unit_id]")
                    .map((cell) => cell.textContent.trim());
                if (units.length !== UNITS.length || !UNITS.every((u) => units.includes(u))) {
                    throw new Error(`Expected one task for each of ${UNITS}, got ${units}`);
                }
            },
        },
    ],
});
