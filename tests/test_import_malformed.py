"""Each malformed file is refused with its own message naming row and column, and the store does not change."""

from __future__ import annotations

import pytest

from indicators.imports.__main__ import main
from tests.fixtures.make_fixtures import malformed_fingertips, malformed_templates
from tests.import_helpers import MALFORMED, folder_hash

CASES = [
    # file, expected words in the message (each names where, and what is wrong)
    ("empty.csv", "the file is empty"),
    ("bom_only.csv", "the file is empty"),
    ("not_utf8.csv", "row 5: byte 0xE9 is not UTF-8 text"),
    ("semicolons.csv", "separates its columns with semicolons, not commas"),
    ("missing_value_column.csv", "row 1: column 'Value' is missing"),
    ("extra_column.csv", "row 1: column 28 'Analyst comments' is not part of the Fingertips layout"),
    ("wrong_parent_column.csv", "row 1: column 23 is 'Compared with parent'"),
    ("non_numeric_value.csv", "row 7, column 'Value': not a number ('n/a')"),
    ("percentage_over_100.csv", "row 4, column 'Value': a percentage must lie between 0 and 100"),
    ("lower_ci_above_value.csv", "row 6, column 'Lower CI 95.0 limit': above the value"),
    ("duplicate_rows.csv", "rows 3, 115: the same indicator, area, sex, age, category and period"),
    ("truncated_quoted_field.csv", "row 8: a quoted field is never closed"),
    ("short_row.csv", "row 9 (line 10 of the file): has 20 fields but the header has 27"),
    ("gp_practice_code.csv", "row 3, column 'Area Code': not an ONS area code"),
    ("unknown_deprivation_group.csv", "row 10, column 'Category': cannot tell which deprivation group"),
    ("count_over_denominator.csv", "row 8, column 'Count': more than the denominator"),
    ("template_unknown_code.csv", "row 4, column 'area_code': not an LSOA (E01 and 6 digits) or MSOA"),
    ("template_lsoa_outside_leeds.csv", "row 5, column 'area_code': an LSOA outside Leeds"),
    ("template_zero_denominator.csv", "row 6, column 'denominator': zero"),
    ("template_numerator_over_denominator.csv", "row 3, column 'numerator': more than the denominator"),
    ("template_bad_period.csv", "row 2, column 'period': 'Q3 2023' is not a year"),
    ("template_duplicates.csv", "rows 2, 22: the same area and period appear more than once"),
    ("template_missing_column.csv", "row 1: column 'denominator' is missing"),
    ("template_not_a_number.csv", "row 9, column 'numerator': not a number"),
]


def test_there_are_at_least_ten_malformed_files_each_with_its_own_message():
    assert len(CASES) >= 10
    assert len({message for _, message in CASES}) == len(CASES) - 1  # empty and BOM-only share theirs
    assert {name for name, _ in CASES} == {p.name for p in MALFORMED.glob("*.csv")}


@pytest.mark.parametrize(("name", "message"), CASES, ids=[c[0] for c in CASES])
def test_malformed_file_is_refused_and_store_unchanged(name, message, request, capsys):
    """Given a copy of the store, when a malformed file is added, then it is refused and no byte changes."""
    # The template files list the committed store's Leeds LSOAs; the Fingertips files suit any store.
    data_copy = request.getfixturevalue("committed_copy" if name.startswith("template_") else "data_copy")
    before = folder_hash(data_copy)
    options = ["--value-type", "percentage", "--title", "Synthetic test"]
    code = main(["--data-dir", str(data_copy), "add", str(MALFORMED / name), *options])
    err = capsys.readouterr().err
    assert code == 1
    assert f"'{name}' was not imported; nothing in the store changed" in err
    assert message in err
    assert folder_hash(data_copy) == before


@pytest.mark.data_audit
def test_committed_malformed_files_match_their_generator(store):
    lsoas = sorted(store.lsoa_deprivation["lsoa_code"])
    for name, content in {**malformed_fingertips(), **malformed_templates(lsoas)}.items():
        assert (MALFORMED / name).read_bytes() == content, name
