"""Read an analyst's CSV fast (pyarrow), and when it is malformed, find the row and say what is wrong."""

from __future__ import annotations

import csv
import io

import pyarrow
import pyarrow.csv as pacsv

from indicators.imports.problems import ImportFailed, at

BOM = b"\xef\xbb\xbf"
ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx workbook is a zip archive
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .xls workbook
_OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _row_of_offset(data: bytes, offset: int) -> int:
    """Spreadsheet row (header = 1) of a byte offset, counting physical lines."""
    return data.count(b"\n", 0, offset) + 1


def decode_check(data: bytes, *, file_name: str) -> bytes:
    """Refuse empty and non-UTF-8 files with a message naming the row; return the bytes without a BOM."""
    body = data[len(BOM) :] if data.startswith(BOM) else data
    workbook = workbook_kind(data)
    if workbook:
        raise ImportFailed(
            file_name,
            [
                f"this is an Excel workbook ({workbook}), not a CSV file. In Excel, choose File > Save As > "
                "'CSV UTF-8 (Comma delimited)' and import the saved .csv file"
            ],
        )
    if not body.strip():
        raise ImportFailed(file_name, ["the file is empty: it has no header row and no data"])
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = _row_of_offset(body, exc.start)
        raise ImportFailed(
            file_name,
            [
                f"{at(row)}: byte 0x{body[exc.start]:02X} is not UTF-8 text. The file was probably saved by a "
                "spreadsheet in another encoding; save it as 'CSV UTF-8' and try again"
            ],
        ) from None
    return body


def workbook_kind(data: bytes) -> str | None:
    """'.xlsx' or '.xls' when the bytes are an Excel workbook rather than text; None otherwise."""
    if data.startswith(ZIP_MAGIC) and b"xl/" in data[:4096]:
        return ".xlsx"
    if data.startswith(ZIP_MAGIC):
        return ".xlsx or another zip archive"
    if data.startswith(OLE_MAGIC):
        return ".xls"
    return None


def read_header(body: bytes, *, file_name: str) -> list[str]:
    """The header's column names; refuse a file whose columns are not separated by commas."""
    first_line = body.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")
    header = next(csv.reader([first_line]))
    if len(header) == 1:
        for delimiter, name in _OTHER_DELIMITERS.items():
            if delimiter in first_line:
                raise ImportFailed(
                    file_name,
                    [
                        f"{at(1)}: the header has one column; the file separates its columns with {name}, not commas. "
                        "Export it again as comma-separated values (CSV)"
                    ],
                )
    return [h.strip() for h in header]


def _where(record: int, line: int) -> str:
    """'row 9' or, when quoted line breaks make them differ, 'row 9 (line 11 of the file)'."""
    return at(record) if line == record else f"{at(record)} (line {line} of the file)"


def _walk(body: bytes, width: int) -> tuple[list[str], int]:
    """Walk the file with the csv module: the first row of the wrong shape or an unclosed quote, and how
    many data rows have exactly one field fewer than the header (an export that drops a trailing empty field)."""
    text = io.StringIO(body.decode("utf-8"), newline="")
    reader = csv.reader(text, strict=True)
    record = 0
    short = 0
    try:
        for record, fields in enumerate(reader, start=1):
            if record == 1 or fields == []:
                continue
            if len(fields) == width - 1:
                short += 1
            elif len(fields) != width:
                where = _where(record, reader.line_num)
                return [f"{where}: has {len(fields)} fields but the header has {width}"], short
    except csv.Error as exc:
        return [
            f"{_where(record + 1, reader.line_num)}: a quoted field is never closed, or a quote is "
            f"misplaced ({exc}); the file may be cut short"
        ], short
    return [], short


def _locate_structure_problem(body: bytes, width: int, *, file_name: str) -> list[str]:
    """The first row with the wrong shape or an unclosed quote (rows one field short are not problems)."""
    return _walk(body, width)[0]


def _arrow_read(body: bytes, width: int) -> pyarrow.Table:
    names = [f"c{i}" for i in range(width)]
    return pacsv.read_csv(
        pyarrow.BufferReader(pyarrow.py_buffer(body)),
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=16 << 20),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={n: pyarrow.string() for n in names},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def _padded(table: pyarrow.Table, width: int) -> pyarrow.Table:
    """The table with empty text columns added on the right up to `width`."""
    for i in range(table.num_columns, width):
        table = table.append_column(f"c{i}", pyarrow.array([""] * table.num_rows, pyarrow.string()))
    return table


def read_strings(body: bytes, header: list[str], *, file_name: str) -> pyarrow.Table:
    """Every column as text ('' for an empty field), checking each row has as many fields as the header."""
    return read_strings_noted(body, header, file_name=file_name)[0]


def read_strings_noted(body: bytes, header: list[str], *, file_name: str) -> tuple[pyarrow.Table, list[str]]:
    """As read_strings, accepting data rows one trailing field short of the header (taken as empty), with a note."""
    width = len(header)
    # An odd number of quote characters means a quoted field is never closed; pyarrow would accept it.
    if body.count(b'"') % 2:
        problems = _locate_structure_problem(body, width, file_name=file_name)
        raise ImportFailed(file_name, problems or ["a quoted field is never closed; the file may be cut short"])
    try:
        return _arrow_read(body, width), []
    except pyarrow.ArrowInvalid as exc:
        first_error = exc
    problems, short = _walk(body, width)
    if problems or not short:
        raise ImportFailed(file_name, problems or [f"the file is not valid CSV ({first_error})"]) from None
    rows = "1 data row has" if short == 1 else f"{short:,} data rows have"
    note = (
        f"{rows} {width - 1} fields where the header names {width} columns; the missing last field "
        f"('{header[-1]}') was read as empty"
    )
    try:
        table = _arrow_read(body, width - 1)  # every row one short: the usual case, read fast
    except pyarrow.ArrowInvalid:
        table = _python_read(body, width)
    return _padded(table, width), [note]


def _python_read(body: bytes, width: int) -> pyarrow.Table:
    """Read a file whose rows mix full and one-short widths, padding the short ones."""
    reader = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
    next(reader, None)
    rows = [fields + [""] * (width - len(fields)) for fields in reader if fields != []]
    columns = list(zip(*rows, strict=True)) if rows else [()] * width
    return pyarrow.table({f"c{i}": pyarrow.array(list(col), pyarrow.string()) for i, col in enumerate(columns)})
