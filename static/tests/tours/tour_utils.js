/**
 * Steps shared by the directive_tracking tours.
 *
 * Elements are found by field and button names, never by their label: the
 * users of these tours work in Vietnamese, and Odoo's own words (Save, New...)
 * are translated too.
 */
import { formatDate } from "@web/core/l10n/dates";

const { DateTime } = luxon;

/** A date `days` from today, typed the way the user's language writes it. */
export function dateInDays(days) {
    return formatDate(DateTime.local().plus({ days }));
}

/**
 * Type a date in the date field `fieldName` and confirm it with Enter, which
 * also closes the date picker.
 */
export function editDate(fieldName, days, content = `Date of ${fieldName}`) {
    return {
        content,
        trigger: `.o_field_widget[name=${fieldName}] input`,
        run: `edit ${dateInDays(days)} && press Enter`,
    };
}

/**
 * Open an app from the apps menu and wait until its first action shows
 * `readySelector` (a menu clicked before would race with that action).
 */
export function openApp(appXmlid, readySelector) {
    return [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            content: "Open the app",
            trigger: `.o_app[data-menu-xmlid='${appXmlid}']`,
            run: "click",
        },
        {
            content: "The app is open",
            trigger: `.o_main_navbar .o_menu_brand[data-menu-xmlid='${appXmlid}']`,
        },
        {
            content: "The first screen of the app is shown",
            trigger: readySelector,
        },
    ];
}

/**
 * Open a menu of the current app, inside the menu section `parentXmlid` if
 * given (the items of a section are rendered in a popover outside the navbar).
 */
export function openMenu(menuXmlid, { parentXmlid } = {}) {
    const steps = [];
    if (parentXmlid) {
        steps.push({
            content: "Open the menu section",
            trigger: `.o_menu_sections button[data-menu-xmlid='${parentXmlid}']`,
            run: "click",
        });
    }
    steps.push({
        content: "Open the menu",
        trigger: [
            `.o_menu_sections [data-menu-xmlid='${menuXmlid}']`,
            `.o-dropdown--menu [data-menu-xmlid='${menuXmlid}']`,
        ].join(", "),
        run: "click",
    });
    return steps;
}

/**
 * Type `text` in a many2one / many2many_tags field and pick the proposal whose
 * label is exactly `text` (the search also proposes e.g. the offices inside a
 * commune of that name).
 *
 * The text is entered in one input event, without clicking the field: a
 * click opens the proposals of an empty search first, which may already hold
 * `text` and be replaced a moment later by those of the typed search.
 */
export function pickRecord(fieldSelector, text) {
    const itemSelector = `${fieldSelector} .o-autocomplete--dropdown-item a`;
    return [
        {
            content: `Search ${text}`,
            trigger: `${fieldSelector} input:not(:has(~ .o-autocomplete--dropdown-menu))`,
            run() {
                const input = this.anchor;
                input.focus();
                input.value = text;
                input.dispatchEvent(new InputEvent("input", { bubbles: true }));
            },
        },
        {
            content: `Pick ${text}`,
            trigger: `${itemSelector}:contains("${text}")`,
            async run(helpers) {
                const item = helpers
                    .queryAll(itemSelector)
                    .find((el) => el.textContent.trim() === text);
                if (!item) {
                    throw new Error(`No proposal is exactly "${text}"`);
                }
                await helpers.click(item);
            },
        },
        {
            content: `${text} is chosen`,
            trigger: `${fieldSelector}:not(:has(.o-autocomplete--dropdown-menu))`,
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
            run(helpers) {
                const input = helpers.queryFirst(`${field} input.o_input_file`);
                const transfer = new DataTransfer();
                transfer.items.add(new File([content], name, { type }));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: `${name} is uploaded`,
            trigger: `${field} .o_attachment[title='${name}']:not(.o_attachment_uploading)`,
        },
    ];
}

/**
 * Click the button `name` of the form's header. On a phone only the first
 * visible header button stays in the header: the others are folded in a
 * dropdown (rendered in a popover), opened first when the button is there.
 */
export function clickHeaderButton(name) {
    const inHeader = `.o_form_view .o_statusbar_buttons button[name=${name}]`;
    const inDropdown = `.o-dropdown--menu button[name=${name}]`;
    return [
        {
            content: `Show the header button ${name}`,
            trigger: ".o_form_view .o_statusbar_buttons",
            async run(helpers) {
                if (helpers.queryFirst(inHeader)) {
                    return;
                }
                const toggle = helpers.queryFirst(
                    ".o_form_view .o_statusbar_buttons button:has(.oi-ellipsis-v)"
                );
                if (!toggle) {
                    throw new Error(`The form has no header button ${name}`);
                }
                await helpers.click(toggle);
            },
        },
        {
            content: `Click ${name}`,
            trigger: `${inHeader}:enabled, ${inDropdown}:enabled`,
            run: "click",
        },
    ];
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
