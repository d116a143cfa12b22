"""Excel workbooks of the reports and score sheets, and their download."""

import base64
import io

import xlsxwriter

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_workbook(records, write_sheet, constant_memory=False):
    """A workbook with one sheet per record, written by ``write_sheet``.

    With ``constant_memory``, xlsxwriter keeps one row in memory and writes
    the others to a temporary file as it goes: ``write_sheet`` must then
    write the rows in order (a row already left is no longer written)."""
    stream = io.BytesIO()
    options = {"constant_memory": True} if constant_memory else {"in_memory": True}
    workbook = xlsxwriter.Workbook(stream, options)
    for record in records:
        write_sheet(workbook, record)
    workbook.close()
    return stream.getvalue()


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
