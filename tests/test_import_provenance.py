"""Imports never masquerade: named with their file, who and when wherever shown, and never counted as the Plan's."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from indicators.imports.options import ImportOptions
from indicators.imports.provenance import coverage_note, imported_indicators, leeds_latest_line, source_label
from indicators.imports.service import commit_import, prepare_import
from indicators.store.load import load_store
from tests.conftest import REPO
from tests.fixtures.make_exports import FOLDER
from tests.import_helpers import FINGERTIPS

TIMEOUT = 90


def _import(data_dir, path, **options):
    prepared = prepare_import(
        path.read_bytes(),
        file_name=path.name,
        kind="fingertips",
        options=ImportOptions(who="PH intelligence", **options),
        data_dir=data_dir,
    )
    return commit_import(prepared, data_dir=data_dir).name


def _page(path: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(path)
    return at.run()


def test_an_import_source_is_named_by_file_who_and_when(data_copy):
    _import(data_copy, FINGERTIPS, polarity="lower_is_better", value_type="percentage")
    store = load_store(data_dir=data_copy)
    source = store.sources[store.sources["kind"].astype(str) == "import"].iloc[0]
    assert source["title"].startswith(f"Imported from {FINGERTIPS.name} by PH intelligence, ")
    assert source["short_title"].startswith(f"Import: {FINGERTIPS.name} (PH intelligence, ")
    assert source_label(store.sources, source["source_id"]) == source["title"]
    assert source_label(store.sources, "aps_smoking") is None
    assert list(imported_indicators(store.indicators, store.sources)) == ["fingertips_990001"]


def test_the_coverage_note_says_what_is_counted():
    assert coverage_note(30, 0) == "These counts cover the report's figures and the official series."
    assert "1 indicator comes only from analysts' imports and is not counted" in coverage_note(30, 1)
    assert "2 indicators come only from analysts' imports and are not counted" in coverage_note(30, 2)


def test_leeds_latest_line_gives_interval_counts_and_fingertips_comparison():
    rows = pd.DataFrame(
        {
            "area_code": ["E08000035", "E08000035", "E92000001"],
            "breakdown_type": ["none", "none", "none"],
            "period": ["2022", "2023", "2023"],
            "period_order": [0, 1, 1],
            "value": [14.0, 13.1, 12.0],
            "lower_95": [13.0, 11.8, 11.9],
            "upper_95": [15.0, 14.4, 12.1],
            "numerator": [300.0, 275.0, 1.0],
            "denominator": [2100.0, 2100.0, 10.0],
            "compared_to_england": ["Worse", "Similar", None],
        }
    )
    line = leeds_latest_line(rows)
    assert line == (
        "Leeds 2023: 13.1; 95% interval 11.8 to 14.4; 275 of 2,100; "
        "compared with England: Similar (Fingertips' judgement, as published)."
    )
    assert leeds_latest_line(rows[rows["area_code"] == "E92000001"]) is None


# Needs the shipped catalogue's Fingertips citations, so it runs on a copy of the shipped tables.
@pytest.mark.data_audit
def test_overview_does_not_count_an_imported_indicator_and_labels_its_tile(committed_copy, monkeypatch):
    before = _page("app_pages/overview.py").markdown[0].value
    _import(committed_copy, FINGERTIPS, polarity="lower_is_better", value_type="percentage")
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(committed_copy))
    at = _page("app_pages/overview.py")
    assert not at.exception
    summary = at.markdown[0].value
    assert "1 indicator comes only from analysts' imports and is not counted" in summary
    assert summary.split("\n- **Note:**")[0] == before  # the same headline as before, with a note added
    shown = " ".join(m.value for m in at.markdown)
    assert f"Imported from {FINGERTIPS.name.replace('_', chr(92) + '_')} by PH intelligence" in shown
    assert "not one of the Plan's figures" in shown


# Needs the shipped catalogue's Fingertips citations, so it runs on a copy of the shipped tables.
@pytest.mark.data_audit
@pytest.mark.parametrize("name", ["b_26_names_25_fields.csv"])
def test_indicator_page_shows_the_import_with_interval_and_comparison(name, committed_copy, monkeypatch):
    _import(committed_copy, FOLDER / name)
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(committed_copy))
    at = _page("app_pages/indicator.py", id="smoking_prevalence")
    assert not at.exception
    # As shown: Markdown's escapes (and the joiners that keep ':' codes inert) are not seen.
    captions = " ".join(c.value for c in at.caption).replace("\\", "").replace("\u2060", "")
    assert "not one of the Plan's figures. Leeds 2023: 13.1; 95% interval 11.8 to 14.4; 275 of 2,100" in captions
    assert "compared with England: Similar" in captions
