"""The official-series manifest: every rule it states is checked, and a broken one names its row."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.store.load import StoreError
from indicators.store.official_series import breakdowns, read_manifest, read_official_file, rows_for

HEADER = "file,indicator_id,source_id,split_year,measure,units,periods,breakdown_from,area_types,note\n"
GOOD = "tiny.csv,made_up,src_a,financial,Percentage,Persons,^\\d{4}$,inequality,District;UA,Synthetic\n"
FILE_HEADER = "area_code,area_name,area_type,period,indicator,measure,unit,value,compared_to_England,inequality\n"
# A made-up file shaped like the Fingertips extracts: England, two authorities, a county, two periods.
TINY = (
    FILE_HEADER
    + "E92000001,England,Country,2020,Made up,Percentage,Persons,10,Not compared,NA\n"
    + "E08000035,Leeds,UA,2020,Made up,Percentage,Persons,11,Higher 99.8,NA\n"
    + "E07000001,Somewhere,District,2020,Made up,Percentage,Persons,NA,Not compared,NA\n"
    + "E10000001,A county,County,2020,Made up,Percentage,Persons,9,Lower 99.8,NA\n"
    + "E08000035,Leeds,UA,2019 - 21,Made up,Percentage,Persons,12,Similar,NA\n"
)


def _write(tmp_path: Path, manifest: str, data: str = TINY) -> Path:
    (tmp_path / "official_series.csv").write_text(HEADER + manifest, encoding="utf-8")
    (tmp_path / "tiny.csv").write_text(data, encoding="utf-8")
    return tmp_path / "official_series.csv"


def test_a_good_row_is_read(tmp_path):
    [row] = read_manifest(_write(tmp_path, GOOD))
    assert (row.indicator_id, row.units, row.area_types) == ("made_up", ("Persons",), ("District", "UA"))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("financial", "calendar"), "official_series.csv row 1 (tiny.csv): split_year 'calendar' is not one of"),
        (("inequality,", "sex,"), "row 1 (tiny.csv): breakdown_from 'sex' is not one of inequality, unit"),
        (("District;UA", "District;Ward"), "row 1 (tiny.csv): area type(s) Ward not one of"),
        (("^\\d{4}$", "^(\\d{4}$"), "row 1 (tiny.csv): periods '^(\\\\d{4}$' is not a valid pattern"),
        (("made_up", ""), "row 1 (tiny.csv): column 'indicator_id' is empty"),
    ],
)
def test_a_broken_row_is_named(tmp_path, edit, message):
    with pytest.raises(StoreError) as caught:
        read_manifest(_write(tmp_path, GOOD.replace(*edit)))
    assert message in str(caught.value)


def test_two_rows_cannot_share_a_source(tmp_path):
    with pytest.raises(StoreError, match=r"row 2 .*source src_a is already read by row 1"):
        read_manifest(_write(tmp_path, GOOD + GOOD))


def test_a_period_no_row_takes_is_refused(tmp_path):
    manifest = read_manifest(_write(tmp_path, GOOD))
    with pytest.raises(StoreError, match=r"row 1 \(tiny.csv, src_a\): period '2019 - 21' matches no manifest row"):
        read_official_file(tmp_path / "tiny.csv", manifest)


def test_a_period_two_rows_take_is_refused(tmp_path):
    second = GOOD.replace("src_a", "src_b").replace("^\\d{4}$", "")
    manifest = read_manifest(_write(tmp_path, GOOD + second))
    with pytest.raises(StoreError, match="period '2020' is taken by more than one manifest row"):
        read_official_file(tmp_path / "tiny.csv", manifest)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (",Percentage,Persons,11,", ",Rate,Persons,11,", "the file publishes measure 'Rate', the manifest expects"),
        (",Percentage,Persons,11,", ",Percentage,Males,11,", "unit 'Males' is not in the manifest's units"),
        ("11,Higher 99.8", "11,Higher 95", "compared_to_England 'Higher 95' is not a Fingertips comparison"),
    ],
)
def test_a_file_that_breaks_its_row_is_refused(tmp_path, old, new, message):
    two_rows = GOOD + GOOD.replace("src_a", "src_b").replace("^\\d{4}$", "^\\d{4} - \\d{2}$")
    manifest = read_manifest(_write(tmp_path, two_rows, TINY.replace(old, new)))
    with pytest.raises(StoreError) as caught:
        read_official_file(tmp_path / "tiny.csv", manifest)
    assert message in str(caught.value)


def test_rows_kept_are_england_and_the_declared_area_types(tmp_path):
    two_rows = GOOD + GOOD.replace("src_a", "src_b").replace("^\\d{4}$", "^\\d{4} - \\d{2}$")
    single, pooled = read_manifest(_write(tmp_path, two_rows))
    raw = read_official_file(tmp_path / "tiny.csv", [single, pooled])
    assert rows_for(raw, single)["area_code"].tolist() == ["E92000001", "E08000035", "E07000001"]
    assert rows_for(raw, pooled)["period"].tolist() == ["2019 - 21"]


def test_sex_in_the_unit_column_becomes_the_breakdown(tmp_path):
    data = (
        FILE_HEADER
        + "E08000035,Leeds,UA,2020,Made up,Rate,Male,20,Worse,NA\n"
        + "E08000035,Leeds,UA,2020,Made up,Rate,Persons,15,Worse,NA\n"
    )
    line = GOOD.replace("Percentage,Persons", "Rate,Male;Female;Persons").replace(",inequality,", ",unit,")
    [row] = read_manifest(_write(tmp_path, line, data))
    raw = read_official_file(tmp_path / "tiny.csv", [row])
    kind, group = breakdowns(raw, row)
    assert kind.tolist() == ["sex", "none"]
    assert group.tolist() == ["Male", "All"]
