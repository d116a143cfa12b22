/** @odoo-module */
/**
 * Steps shared by the directive_tracking tours.
 *
 * Elements are found by field and button names, never by their label: the
 * users of these tours work in Vietnamese.
 */
import { formatDate } from "@web/core/l10n/dates";

const { DateTime } = luxon;

/** A date `days` from today, typed the way the user's language writes it. */
export function dateInDays(days) {
    return formatDate(DateTime.local().plus({ days }));
}

/** Open an app from the apps menu, then one of its menus. */
export function openMenu(appXmlid, menuXmlid, { parentXmlid } = {}) {
    const steps = [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the app",
            trigger: `.o_app[data-menu-xmlid='${appXmlid}']`,
            run: "click",
        },
    ];
    if (parentXmlid) {
        steps.push({
            content: "Open the menu section",
            trigger: `.o_menu_sections .dropdown-toggle[data-menu-xmlid='${parentXmlid}']`,
            run: "click",
        });
    }
    steps.push({
        content: "Open the menu",
        trigger: `.o_menu_sections [data-menu-xmlid='${menuXmlid}']`,
        run: "click",
    });
    return steps;
}

/**
 * Type `text` in a many2one / many2many_tags field and pick the proposal whose
 * label is exactly `text` (the search also proposes e.g. the offices inside a
 * commune of that name).
 */
export function pickRecord(fieldSelector, text) {
    const itemSelector = `${fieldSelector} .o-autocomplete--dropdown-item a`;
    return [
        {
            content: `Search ${text}`,
            trigger: `${fieldSelector} input`,
            run: `text ${text}`,
        },
        {
            content: `Pick ${text}`,
            trigger: `${itemSelector}:contains("${text}")`,
            run(helpers) {
                const item = [...document.querySelectorAll(itemSelector)].find(
                    (el) => el.textContent.trim() === text
                );
                if (!item) {
                    throw new Error(`No proposal is exactly "${text}"`);
                }
                helpers.click($(item));
            },
        },
        {
            content: `${text} is chosen`,
            trigger: `${fieldSelector}:not(:has(.o-autocomplete--dropdown-menu))`,
            isCheck: true,
        },
    ];
}

/** Upload a file through a many2many_binary field, as the file chooser would. */
export function uploadFile(fieldName, { name, type, content }) {
    const field = `.o_field_widget[name=${fieldName}]`;
    return [
        {
            content: `Attach ${name}`,
            trigger: `${field} .o_attach`,
            run() {
                const input = document.querySelector(`${field} input.o_input_file`);
                const transfer = new DataTransfer();
                transfer.items.add(new File([content], name, { type }));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change"));
            },
        },
        {
            content: `${name} is uploaded`,
            trigger: `${field} .o_attachment[title='${name}']:not(.o_attachment_uploading)`,
            isCheck: true,
        },
    ];
}

/**
 * Click a button of the form's header. On a phone the header buttons are
 * folded in a dropdown, opened first.
 */
export function clickHeaderButton(name, { small = false } = {}) {
    const steps = [];
    if (small) {
        steps.push({
            content: "Open the actions of the form",
            trigger: ".o_form_view .o_statusbar_buttons .dropdown-toggle",
            run: "click",
        });
    }
    steps.push({
        content: `Click ${name}`,
        trigger: `.o_form_view .o_statusbar_buttons button[name=${name}]`,
        run: "click",
    });
    return steps;
}

/** A tiny but valid one-page PDF, standing for the scanned document. */
export const SAMPLE_PDF = [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj",
    "trailer << /Root 1 0 R >>",
    "%%EOF",
    "",
].join("\n");
