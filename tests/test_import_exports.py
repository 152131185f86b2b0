"""Fingertips exports in the shapes analysts really have import unchanged; really broken ones are refused.

The files in tests/fixtures/exports are synthetic (made-up numbers) and reproduce each quirk of real
exports: header spellings, 26 or 27 columns, rows one trailing field short, BOM, CRLF, quoted line
breaks, IMD2015 and IMD2019 decile wordings, deprivation rows with counts.
"""

from __future__ import annotations

import shutil

import pytest

from indicators.imports.__main__ import main
from indicators.imports.fingertips_layout import canonical, deprivation_ordinal, resolve_header
from indicators.store.load import load_store
from tests.fixtures.make_exports import FOLDER, all_files
from tests.import_helpers import folder_hash

ACCEPTED = sorted(p.name for p in FOLDER.glob("[a-d]_*.csv"))
REFUSED = {
    "r_row_with_extra_fields.csv": "row 5: has 28 fields but the header has 26",
    "r_row_two_fields_short.csv": "row 7: has 24 fields but the header has 26",
    "r_excel_workbook.xlsx": "this is an Excel workbook (.xlsx), not a CSV file",
    "r_unknown_column.csv": "row 1: column 26 'Analyst's comments' is not part of the Fingertips layout",
}


def test_committed_exports_match_their_generator():
    files = all_files()
    assert files == {p.name: p.read_bytes() for p in FOLDER.iterdir()}
    assert len(ACCEPTED) == 4


@pytest.mark.parametrize(
    ("spelt", "meant"),
    [
        ("AreaName", "Area Name"),
        ("area name", "Area Name"),
        ("Area_Code", "Area Code"),
        ("LowerCI95.0limit", "Lower CI 95.0 limit"),
        ("Lower CI 95 limit", "Lower CI 95.0 limit"),
        ("Lower 95% CI", "Lower CI 95.0 limit"),
        ("Upper CI 99.8 limit", "Upper CI 99.8 limit"),
        ("Timeperiod", "Time period"),
        ("Compared to percentiles", "Compared to <parent> value or percentiles"),
        ("Compared to Regions (statistical) value or percentiles", "Compared to <parent> value or percentiles"),
        ("Compared to goal", "Compared to goal"),
        ("Analyst comments", None),
        ("Lower limit of something", None),
    ],
)
def test_header_names_are_read_as_a_person_reads_them(spelt, meant):
    assert canonical(spelt) == meant


def test_a_header_with_two_cells_for_one_column_is_refused():
    header = ["Indicator ID", "IndicatorID"]
    assert "columns 1 and 2 ('Indicator ID', 'IndicatorID') are both read as 'Indicator ID'" in " ".join(
        resolve_header(header)[1]
    )


@pytest.mark.parametrize(
    ("category", "groups", "ordinal"),
    [
        ("Most deprived decile (IMD2019)", 10, 1),
        ("Second most deprived decile (IMD2015)", 10, 2),
        ("Fifth less deprived decile (IMD2019)", 10, 6),
        ("Least deprived decile (IMD2015)", 10, 10),
        ("1 - most deprived", 10, 1),
        ("10 - least deprived", 10, 10),
        ("Decile 3", 10, 3),
        ("Middle quintile (IMD2019)", 5, 3),
        ("Most deprived quintile (IMD2019)", 5, 1),
        ("Somewhat deprived decile", 10, None),
        ("11", 10, None),
    ],
)
def test_deprivation_group_wordings_old_and_new(category, groups, ordinal):
    assert deprivation_ordinal(category, groups=groups) == ordinal


@pytest.mark.parametrize("name", ACCEPTED)
def test_each_export_shape_imports_unchanged_and_undoes_cleanly(name, data_copy, capsys):
    before = folder_hash(data_copy)
    assert main(["--data-dir", str(data_copy), "add", str(FOLDER / name), "--who", "test", "--yes"]) == 0
    out = capsys.readouterr().out
    import_id = out.split("Imported as ")[1].split(".")[0]
    store = load_store(data_dir=data_copy)
    source = store.sources[store.sources["source_id"] == "import_" + import_id.replace("-", "_")]
    assert len(source) == 1
    values = store.values[store.values["source_id"].astype(str) == source["source_id"].iloc[0]]
    assert len(values) > 0
    assert values["lower_95"].notna().all()
    assert values["compared_to_england"].notna().any()
    assert main(["--data-dir", str(data_copy), "undo", import_id]) == 0
    assert list((data_copy / "imports" / "layers").iterdir()) == []
    shutil.rmtree(data_copy / "imports")
    shutil.rmtree(data_copy / "state")  # the records database, which keeps the undone import's row
    assert folder_hash(data_copy) == before


def test_rows_one_field_short_are_read_with_a_note(data_copy, capsys):
    assert main(["--data-dir", str(data_copy), "add", "--check", str(FOLDER / "b_26_names_25_fields.csv")]) == 0
    out = capsys.readouterr().out
    assert "24 data rows have 25 fields where the header names 26 columns" in out
    assert "('Compared to goal') was read as empty" in out


def test_reordered_squeezed_columns_land_in_the_right_fields(data_copy, capsys):
    name = "d_parent_england_squeezed_names_reordered.csv"
    assert main(["--data-dir", str(data_copy), "add", str(FOLDER / name)]) == 0
    store = load_store(data_dir=data_copy)
    v = store.values[store.values["source_id"].astype(str).str.startswith("import_")]
    leeds = v[(v["area_code"].astype(str) == "E08000035") & (v["breakdown"].astype(str) == "Male")]
    row = leeds[leeds["period"].astype(str) == "2016"].iloc[0]
    assert row["value"] == pytest.approx(10.0)  # made-up 9 + 1 for the second area, first year
    assert row["lower_95"] == pytest.approx(9.0)
    assert row["upper_95"] == pytest.approx(11.0)
    assert str(row["compared_to_england"]) == "Similar"


def test_imd2015_and_imd2019_deciles_become_ordered_deprivation_groups(data_copy):
    for name in ("a_old_26_columns_areaname_imd2015.csv", "c_27_columns_england_only_imd2019.csv"):
        assert main(["--data-dir", str(data_copy), "add", str(FOLDER / name), "--yes"]) == 0
    store = load_store(data_dir=data_copy)
    b = store.breakdowns
    for label in ("(IMD2015)", "(IMD2019)"):
        mine = b[b["breakdown"].astype(str).str.endswith(label)]
        assert sorted(mine["ordinal"]) == list(range(1, 11))
        assert mine.set_index("breakdown").at[f"Most deprived decile {label}", "ordinal"] == 1
    counted = store.values[store.values["breakdown_type"].astype(str).str.contains("deprivation deciles")]
    assert counted["numerator"].notna().all() and counted["denominator"].notna().all()


@pytest.mark.parametrize(("name", "message"), sorted(REFUSED.items()))
def test_really_broken_exports_are_refused_naming_file_and_place(name, message, data_copy, capsys):
    before = folder_hash(data_copy)
    assert main(["--data-dir", str(data_copy), "add", str(FOLDER / name)]) == 1
    err = capsys.readouterr().err
    assert f"'{name}' was not imported; nothing in the store changed" in err
    assert message in err
    assert folder_hash(data_copy) == before


# Needs the shipped catalogue's citation of Fingertips indicator 92443, so it runs on a copy of the shipped tables.
@pytest.mark.data_audit
def test_a_fingertips_id_the_catalogue_cites_goes_into_that_indicator_as_its_own_source(committed_copy, capsys):
    before = load_store(data_dir=committed_copy)
    assert main(["--data-dir", str(committed_copy), "add", str(FOLDER / "b_26_names_25_fields.csv")]) == 0
    out = capsys.readouterr().out
    assert "Fingertips indicator 92443 goes into 'Adult smoking prevalence' (smoking_prevalence), which cites it" in out
    after = load_store(data_dir=committed_copy)
    assert set(after.indicators["indicator_id"]) == set(before.indicators["indicator_id"])  # no duplicate
    smoking = after.values[after.values["indicator_id"].astype(str) == "smoking_prevalence"]
    by_source = smoking.groupby(smoking["source_id"].astype(str)).size()
    imported = [s for s in by_source.index if s.startswith("import_")]
    assert len(imported) == 1 and by_source[imported[0]] == 24
    published = before.values[before.values["indicator_id"].astype(str) == "smoking_prevalence"]
    assert by_source["aps_smoking"] == (published["source_id"].astype(str) == "aps_smoking").sum()  # untouched
    polarity = after.indicators.set_index("indicator_id").at["smoking_prevalence", "polarity"]
    assert polarity == "lower_is_better"  # the catalogue's, whatever the command line said


def test_polarity_is_asked_per_new_indicator(data_copy):
    args = ["--polarity", "990101=higher_is_better", "--polarity", "lower_is_better", "--yes"]
    assert main(["--data-dir", str(data_copy), "add", str(FOLDER / "w_last_indicator_cut_short.csv"), *args]) == 0
    store = load_store(data_dir=data_copy)
    polarity = store.indicators.set_index("indicator_id")["polarity"]
    assert polarity["fingertips_990101"] == "higher_is_better"
    assert polarity["smoking_prevalence"] == "lower_is_better"


def test_a_file_without_leeds_rows_needs_confirming(data_copy, capsys):
    before = folder_hash(data_copy)
    name = "c_27_columns_england_only_imd2019.csv"
    assert main(["--data-dir", str(data_copy), "add", str(FOLDER / name)]) == 1
    err = capsys.readouterr().err
    assert "the file holds no rows for Leeds (E08000035), only for E92000001" in err
    assert "on the command line add --yes" in err
    assert folder_hash(data_copy) == before
    assert main(["--data-dir", str(data_copy), "add", str(FOLDER / name), "--yes"]) == 0


def test_deprivation_rows_with_counts_feed_the_gap_test(data_copy, capsys):
    from indicators.analysis.inequality import deprivation_series, gap, group_levels, poorest_improving

    name = "c_27_columns_england_only_imd2019.csv"
    assert main(["--data-dir", str(data_copy), "add", str(FOLDER / name), "--yes"]) == 0
    assert "every value is 100 x Count / Denominator, so it is stored as a percentage" in capsys.readouterr().out
    store = load_store(data_dir=data_copy)
    meta = store.indicators.set_index("indicator_id").loc["fingertips_990101"]
    assert meta["value_type"] == "percentage" and meta["unit"] == "%"
    series = deprivation_series(store)
    row = series[series["indicator_id"].astype(str) == "fingertips_990101"].iloc[0].to_dict()
    assert row["groups"] == 10
    levels = group_levels(store, series=row, period="2023")
    result = gap(levels, value_type="percentage")
    assert result.has_sii and "weighted by each group's denominator" in result.sii_weights
    assert "statistically significant at 95%" in result.significance
    assert "no counts or intervals" not in result.significance
    answer = poorest_improving(store, series=row, value_type="percentage", polarity="lower_is_better")
    assert answer.tested
