"""The counts template saved as an Excel workbook (.xlsx): its first sheet read as the CSV it stands for."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from indicators.imports.problems import ImportFailed


def _cell_text(value: object) -> str:
    """A cell as the text a CSV export would hold: whole numbers without '.0', dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    return str(value).strip()


def workbook_to_csv(data: bytes, *, file_name: str) -> bytes:
    """The first worksheet of an .xlsx workbook as UTF-8 CSV bytes (header on row 1); ImportFailed if unreadable.

    Read with openpyxl in read-only mode, values only: formulas give the value Excel last saved with them.
    """
    from openpyxl import load_workbook  # imported here: only a workbook upload needs it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFailed(
            file_name, [f"the Excel workbook could not be read ({exc}); save it again as .xlsx"]
        ) from None
    try:
        sheet = book.worksheets[0]
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        width = None
        for row in sheet.iter_rows(values_only=True):
            cells = [_cell_text(v) for v in row]
            if width is None:
                while cells and cells[-1] == "":
                    cells.pop()
                width = len(cells)
            if not any(cells):
                continue
            writer.writerow((cells + [""] * width)[:width] if width else cells)
        return buffer.getvalue().encode("utf-8")
    finally:
        book.close()
