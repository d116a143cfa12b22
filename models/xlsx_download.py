"""The download of a workbook built by ``reports/`` (reports and score
sheets)."""

import base64

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_action(env, filename, content):
    """The action that downloads ``content`` as ``filename``.

    The file is not attached to the record it comes from: attaching is
    writing to the record, and accounts that only read it export it too.
    The account that built the file downloads it."""
    attachment = env["ir.attachment"].create(
        {
            "name": filename,
            "datas": base64.b64encode(content),
            "mimetype": XLSX_MIMETYPE,
        }
    )
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/{attachment.id}?download=true",
        "target": "self",
        "close": True,
    }
