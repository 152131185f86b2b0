"""Imports land as layers with their provenance, merge into the store at load, can be listed and undone."""

from __future__ import annotations

import json
import shutil
import threading
import time
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from indicators.analysis.summary import latest_values
from indicators.imports.__main__ import main
from indicators.imports.options import ImportOptions
from indicators.imports.problems import ImportFailed
from indicators.imports.service import commit_import, file_hash, prepare_import, undo_import
from indicators.store import layers
from indicators.store.build import build_tables, differences
from indicators.store.database import Database, imports
from indicators.store.integrity import MANIFEST_NAME
from indicators.store.load import DATA_DIR, load_store
from tests.fixtures.make_fixtures import HEADER, SYNTHETIC_ID, fingertips_rows, to_bytes
from tests.import_helpers import FINGERTIPS, TEMPLATE, folder_hash, synthetic_template

LEEDS = "E08000035"


def _import(data_dir, path=FINGERTIPS, kind="fingertips", **options):
    options = {"who": "Test analyst", "value_type": "percentage", **options}
    prepared = prepare_import(
        path.read_bytes(), file_name=path.name, kind=kind, options=ImportOptions(**options), data_dir=data_dir
    )
    return commit_import(prepared, data_dir=data_dir)


def test_fingertips_import_lands_as_a_new_source_with_provenance(data_copy):
    folder = _import(data_copy)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["sha256"] == file_hash(FINGERTIPS.read_bytes())
    assert manifest["who"] == "Test analyst"
    assert manifest["file_name"] == "fingertips_synthetic.csv"
    assert (manifest["rows_read"], manifest["rows_stored"]) == (113, 112)  # one row has no value
    store = load_store(data_dir=data_copy)
    source = store.sources.set_index("source_id").loc[manifest["source_id"]]
    assert source["kind"] == "import"
    assert source["copied_from"] == f"sha256 {manifest['sha256']}"
    imported = store.values[store.values["source_id"] == manifest["source_id"]]
    assert len(imported) == 112
    assert set(imported["indicator_id"]) == {f"fingertips_{SYNTHETIC_ID}"}
    catalogue = store.indicators.set_index("indicator_id").loc[f"fingertips_{SYNTHETIC_ID}"]
    assert catalogue["polarity"] == "no_judgement"
    assert catalogue["data_status"] == "has data"


def test_fingertips_details_bom_crlf_quoted_line_break_and_deprivation_rows(data_copy):
    folder = _import(data_copy)
    store = load_store(data_dir=data_copy)
    source_id = json.loads((folder / "manifest.json").read_text())["source_id"]
    rows = store.values[store.values["source_id"] == source_id]
    noted = rows[rows["note"].notna()]
    assert noted["note"].tolist() == ["SYNTHETIC note with\na line break inside quotes"]
    deciles = rows[rows["breakdown_type"] == "LSOA11 deprivation deciles within area (IMD trend)"]
    assert len(deciles) == 70
    ordinals = store.breakdowns.set_index(["breakdown_type", "breakdown"])["ordinal"]
    assert ordinals[("LSOA11 deprivation deciles within area (IMD trend)", "Most deprived decile")] == 1
    assert ordinals[("LSOA11 deprivation deciles within area (IMD trend)", "Least deprived decile")] == 10
    assert set(rows.loc[rows["breakdown_type"] == "sex", "breakdown"]) == {"Male", "Female"}
    # York and the region were not in the store: added with the names in the file.
    areas = store.areas.set_index("area_code")
    assert areas.at["E06000014", "area_name"] == "York"
    assert areas.at["E12000003", "area_type"] == "Region"
    # Periods are ordered by Fingertips' sortable period and dated as financial years.
    leeds = rows[(rows["area_code"] == LEEDS) & (rows["breakdown_type"] == "none")].sort_values("period_order")
    assert leeds["period"].tolist()[:2] == ["2016/17", "2017/18"]
    assert str(leeds["period_start"].iloc[0].date()) == "2016-04-01"


@pytest.mark.parametrize(
    ("header_23", "crlf", "bom", "columns"),
    [
        ("Compared to Region value or percentiles", True, True, 27),
        ("Compared to ICB value or percentiles", False, True, 27),
        ("Compared to Regions (statistical) value or percentiles", True, False, 26),
        ("Compared to Counties & UAs (from Apr 2023) value or percentiles", False, False, 26),
    ],
)
def test_both_layouts_and_any_parent_column_name_are_accepted(data_copy, header_23, crlf, bom, columns):
    header = [*HEADER[:22], header_23, *HEADER[23:]][:columns]
    body = to_bytes([r[:columns] for r in fingertips_rows()], header, bom=bom, crlf=crlf)
    prepared = prepare_import(body, file_name="x.csv", kind="fingertips", options=ImportOptions(), data_dir=data_copy)
    assert prepared.summary["rows_stored"] == 112


def test_mapping_a_fingertips_id_to_an_existing_indicator_shows_it_with_that_indicator(data_copy):
    """92443 (adult smoking) mapped to smoking_prevalence: the import becomes one more source of that indicator."""
    rows = [r for r in fingertips_rows() if r[9] == "" and r[7] == "Persons"]
    for r in rows:
        r[0], r[1] = "92443", "Smoking Prevalence in adults (18+) - current smokers (APS) [SYNTHETIC VALUES]"
    path = data_copy / "smoking.csv"
    path.write_bytes(to_bytes(rows))
    _import(data_copy, path=path, indicator_map={"92443": "smoking_prevalence"})
    store = load_store(data_dir=data_copy)
    latest = latest_values(store)
    smoking = latest[latest["indicator_id"] == "smoking_prevalence"]
    assert "import" in set(smoking["source_id"].map(store.sources.set_index("source_id")["kind"]))
    assert len(store.indicators) == len(load_store(data_dir=data_copy, include_imports=False).indicators)


def test_template_import_aggregates_to_deciles_quintiles_and_the_most_deprived_tenth(data_copy, tmp_path, monkeypatch):
    # A dozen LSOAs make small groups; suppression (tested in test_disclosure.py) is off to see every sum.
    monkeypatch.setenv("INDICATORS_SUPPRESS_UP_TO", "0")
    template = tmp_path / TEMPLATE.name
    template.write_bytes(synthetic_template())
    _import(data_copy, path=template, kind="template", title="Synthetic test proportion")
    store = load_store(data_dir=data_copy)
    rows = store.values[store.values["indicator_id"] == "local_synthetic_test_proportion"]
    leeds = rows[rows["area_code"] == LEEDS]
    counts = leeds.groupby("breakdown_type")["breakdown"].nunique().to_dict()
    assert counts == {
        "none": 1,
        "deprivation_decile_england": 10,
        "deprivation_quintile_within_leeds": 5,
        "deprivation_most_deprived_10": 2,
    }
    # Group counts add up to the Leeds total in every period.
    for period, group in leeds.groupby("period"):
        total = group.loc[group["breakdown_type"] == "none", "numerator"].iloc[0]
        assert group.loc[group["breakdown_type"] == "deprivation_decile_england", "numerator"].sum() == total, period
    lsoa_rows = rows[rows["area_code"].str.startswith("E01")]
    assert len(lsoa_rows) == len(store.lsoa_deprivation) * 3


@pytest.mark.data_audit
def test_built_tables_are_untouched_and_a_rebuild_still_matches(committed_copy):
    built = {p.name: p.read_bytes() for p in committed_copy.glob("*.parquet")}
    _import(committed_copy)
    _import(committed_copy, path=TEMPLATE, kind="template", title="Synthetic test proportion")
    assert {p.name: p.read_bytes() for p in committed_copy.glob("*.parquet")} == built
    shutil.copy2(DATA_DIR / MANIFEST_NAME, committed_copy / MANIFEST_NAME)
    assert differences(build_tables(), data_dir=committed_copy) == []


def test_undo_restores_the_store_byte_for_byte(data_copy):
    """Undo leaves the tables as they were and no layer behind; the registry keeps the import as undone."""
    before = folder_hash(data_copy)
    folder = _import(data_copy)
    assert folder_hash(data_copy) != before
    undo_import(folder.name, data_dir=data_copy)
    assert sorted(p.name for p in (data_copy / "imports").iterdir()) == [".gitignore", "layers"]
    assert list((data_copy / "imports" / "layers").iterdir()) == []
    assert (data_copy / "imports" / ".gitignore").read_text().endswith("*\n")  # local data never committed
    with Database.for_data(data_copy).reading() as connection:
        rows = connection.execute(sa.select(imports.c.import_id, imports.c.status)).all()
    assert [tuple(row) for row in rows] == [(folder.name, "undone")]
    shutil.rmtree(data_copy / "imports")
    shutil.rmtree(data_copy / "state")  # the records database, which keeps the history
    assert folder_hash(data_copy) == before
    assert "import" not in set(load_store(data_dir=data_copy).sources["kind"])


def test_the_same_file_twice_is_refused(data_copy):
    _import(data_copy)
    with pytest.raises(ImportFailed, match="already imported as"):
        _import(data_copy)


def test_half_written_layers_are_ignored(data_copy):
    """A crash while writing leaves only a hidden staging folder, which the loader never reads."""
    staging = data_copy / "imports" / ".staging-20990101-000000-deadbeef-0000"
    staging.mkdir(parents=True)
    (staging / "values.parquet").write_bytes(b"half")
    assert layers.list_imports(data_copy).empty
    load_store(data_dir=data_copy)


def test_imports_wait_for_the_lock(data_copy, records_url):
    """On either engine, an import waits while another holds the serialised transaction."""
    prepared = prepare_import(
        FINGERTIPS.read_bytes(), file_name="f.csv", kind="fingertips", options=ImportOptions(), data_dir=data_copy
    )
    done = threading.Event()
    with layers.exclusive_lock(data_copy):
        worker = threading.Thread(target=lambda: (commit_import(prepared, data_dir=data_copy), done.set()))
        worker.start()
        time.sleep(0.3)
        assert not done.is_set()
    worker.join(timeout=30)
    assert done.is_set()


def test_command_line_add_list_undo(data_copy, capsys):
    assert main(["--data-dir", str(data_copy), "add", str(FINGERTIPS), "--who", "Cli test"]) == 0
    out = capsys.readouterr().out
    assert "113 rows read, 112 to store" in out
    import_id = out.split("Imported as ")[1].split(".")[0]
    assert main(["--data-dir", str(data_copy), "list"]) == 0
    assert import_id in capsys.readouterr().out
    assert main(["--data-dir", str(data_copy), "undo", import_id]) == 0
    assert "Removed import" in capsys.readouterr().out
    assert main(["--data-dir", str(data_copy), "undo", import_id]) == 1
    assert "there is no import" in capsys.readouterr().err


def test_check_only_writes_nothing(data_copy, tmp_path, capsys):
    template = tmp_path / TEMPLATE.name
    template.write_bytes(synthetic_template())
    before = folder_hash(data_copy)
    assert main(["--data-dir", str(data_copy), "add", str(template), "--title", "T", "--check"]) == 0
    assert "nothing was written" in capsys.readouterr().out
    assert folder_hash(data_copy) == before


def test_import_ids_sort_by_time(data_copy):
    when = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    prepared = prepare_import(
        FINGERTIPS.read_bytes(),
        file_name="f.csv",
        kind="fingertips",
        options=ImportOptions(),
        data_dir=data_copy,
        now=when,
    )
    assert prepared.layer.manifest["import_id"].startswith("20300102-030405-")


@pytest.mark.data_audit
def test_committed_fixtures_and_the_analysts_template_match_their_generators(store):
    """The synthetic files and data/templates/lsoa_counts_template.csv are regenerated, never hand-edited."""
    from indicators.imports.template import template_frame
    from tests.conftest import REPO
    from tests.fixtures.make_fixtures import template_rows

    assert FINGERTIPS.read_bytes() == to_bytes(fingertips_rows())
    dep = store.lsoa_deprivation.sort_values("lsoa_code")
    deciles = dict(zip(dep["lsoa_code"], dep["imd_decile"], strict=True))
    header = ["area_code", "period", "numerator", "denominator"]
    rows = template_rows(list(dep["lsoa_code"]), deciles)
    assert TEMPLATE.read_bytes() == to_bytes(rows, header, bom=False, crlf=False)
    blank = template_frame(store).to_csv(index=False, lineterminator="\n").encode()
    assert (REPO / "data" / "templates" / "lsoa_counts_template.csv").read_bytes() == blank


@pytest.mark.parametrize(
    ("indicator", "measure", "message"),
    [
        (
            "life_expectancy",
            "percentage",
            "'life_expectancy' is a number of years, but the counts would make a percentage",
        ),
        ("no_such_indicator", "percentage", "'no_such_indicator' is not in the catalogue"),
        ("reception_obesity", "rate_100k", "is a percentage, but the counts would make a rate"),
    ],
)
def test_template_counts_must_suit_the_indicator_they_are_added_to(data_copy, indicator, measure, message):
    with pytest.raises(ImportFailed, match=message):
        _import(data_copy, path=TEMPLATE, kind="template", indicator_id=indicator, measure=measure)
