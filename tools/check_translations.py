"""Check that every translatable term of the add-on has a Vietnamese translation.

Usage: check_translations.py EXPORTED.pot i18n/vi.po

EXPORTED.pot is exported from a database where the add-on is installed, so it
holds the terms the code has now, not the ones of the committed template.
Prints the untranslated terms and exits 1 when there are any.
"""

import sys

import polib

MAX_SHOWN = 40


def is_demo(entry):
    """Terms that only come from demo records: the demo data is written in
    Vietnamese already (record ids of demo data end in ``_demo``)."""
    return bool(entry.occurrences) and all(
        where.startswith("model:") and where.endswith("_demo")
        for where, _line in entry.occurrences
    )


def main(pot_path, po_path):
    template = polib.pofile(pot_path)
    try:
        translation = polib.pofile(po_path)
    except OSError:
        print(f"translations: {po_path} is missing")
        return 1
    translated = {
        (entry.msgctxt, entry.msgid)
        for entry in translation
        if entry.msgstr.strip() and not entry.obsolete and "fuzzy" not in entry.flags
    }
    missing = [
        entry
        for entry in template
        if (entry.msgctxt, entry.msgid) not in translated and not is_demo(entry)
    ]
    if missing:
        print(f"translations: {len(missing)} term(s) without Vietnamese in {po_path}:")
        for entry in missing[:MAX_SHOWN]:
            where = entry.occurrences[0][0] if entry.occurrences else "?"
            print(f"  {where}: {entry.msgid[:100]!r}")
        if len(missing) > MAX_SHOWN:
            print(f"  ... and {len(missing) - MAX_SHOWN} more")
        return 1
    print(f"translations: all {len(template)} terms have Vietnamese")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
