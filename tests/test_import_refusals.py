"""Friendlier refusals: workbooks named as such (the counts template taken as .xlsx), a possibly cut-short
file flagged, and the upload limit said in words beside the file chooser."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from indicators.imports.__main__ import main
from indicators.imports.options import ImportOptions
from indicators.imports.problems import ImportFailed
from indicators.imports.service import MAX_FILE_MB, prepare_import
from indicators.imports.workbook import workbook_to_csv
from tests.conftest import REPO
from tests.fixtures.make_exports import FOLDER
from tests.import_helpers import TEMPLATE


def _as_workbook(csv_bytes: bytes) -> bytes:
    """The template's rows in a workbook's first sheet, counts as numbers, as Excel would hold them."""
    book = Workbook()
    sheet = book.active
    for i, row in enumerate(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig")))):
        sheet.append(row if i == 0 else [row[0], row[1], int(row[2]), float(row[3])])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _template_values(data: bytes, name: str, data_dir):
    options = ImportOptions(who="test", title="Synthetic counts", definition="Synthetic test counts")
    prepared = prepare_import(data, file_name=name, kind="template", options=options, data_dir=data_dir)
    return prepared.layer.tables["values"].drop(columns=["source_id", "citation"]).reset_index(drop=True)


# Needs the shipped list of Leeds' 482 LSOAs the template names, so it runs on a copy of the shipped tables.
@pytest.mark.data_audit
def test_the_counts_template_as_a_workbook_gives_the_same_rows_as_the_csv(committed_copy):
    text = TEMPLATE.read_bytes()
    from_csv = _template_values(text, "counts.csv", committed_copy)
    from_xlsx = _template_values(_as_workbook(text), "counts.xlsx", committed_copy)
    assert len(from_csv) > 0
    assert from_xlsx.equals(from_csv)


# Needs the shipped list of Leeds' 482 LSOAs the template names, so it runs on a copy of the shipped tables.
@pytest.mark.data_audit
def test_the_command_line_takes_the_template_workbook(committed_copy, tmp_path, capsys):
    path = tmp_path / "counts.xlsx"
    path.write_bytes(_as_workbook(TEMPLATE.read_bytes()))
    assert main(["--data-dir", str(committed_copy), "add", "--check", str(path), "--title", "Synthetic counts"]) == 0
    assert "LSOA or MSOA counts template" in capsys.readouterr().out


def test_a_damaged_workbook_is_refused_in_words():
    try:
        workbook_to_csv(b"PK\x03\x04 not really a workbook", file_name="broken.xlsx")
    except ImportFailed as exc:
        assert "the Excel workbook could not be read" in str(exc)
    else:
        raise AssertionError("a damaged workbook was read")


def test_a_fingertips_export_saved_as_a_workbook_is_named_as_one(data_copy, capsys):
    assert (
        main(["--data-dir", str(data_copy), "add", "--kind", "fingertips", str(FOLDER / "r_excel_workbook.xlsx")]) == 1
    )
    err = capsys.readouterr().err
    assert "this is an Excel workbook (.xlsx), not a CSV file" in err
    assert "'CSV UTF-8 (Comma delimited)'" in err


def test_a_file_whose_last_indicator_stops_short_is_flagged(data_copy, capsys):
    assert main(["--data-dir", str(data_copy), "add", "--check", str(FOLDER / "w_last_indicator_cut_short.csv")]) == 0
    out = capsys.readouterr().out
    assert "Possibly cut short: Fingertips indicator 990101, the last in the file, has 9 rows" in out
    assert "the others have 24 or more" in out


def test_a_complete_file_is_not_flagged(data_copy, capsys):
    assert main(["--data-dir", str(data_copy), "add", "--check", str(FOLDER / "b_26_names_25_fields.csv")]) == 0
    assert "cut short" not in capsys.readouterr().out


def test_the_upload_limit_is_in_words_beside_the_file_chooser():
    at = AppTest.from_file(str(REPO / "app_pages" / "import.py"), default_timeout=90)
    at.secrets["imports"] = {"import_password": "test import password"}
    at.run()
    at.text_input(key="imports_password").input("test import password")
    next(b for b in at.button if b.label == "Unlock importing").click().run()
    uploader = at.get("file_uploader")[0]
    assert f"at most {MAX_FILE_MB} MB" in uploader.proto.label
    assert any(f"A file over {MAX_FILE_MB} MB is refused as soon as it is chosen" in c.value for c in at.caption)
