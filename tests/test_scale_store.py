"""The synthetic England-scale store, made small: schema-valid, labelled synthetic, usable by the explorer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.make_england_store import LABEL, SOURCE_ID
from indicators.analysis.inequality import deprivation_series
from indicators.store.load import DATA_DIR, Store, load_store
from tests.conftest import REPO

LSOAS, INDICATORS, PERIODS = 500, 3, 2


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store written by the script itself, as a person would run it."""
    out = tmp_path_factory.mktemp("england") / "store"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "make_england_store.py"),
            str(out),
            *("--lsoas", str(LSOAS), "--indicators", str(INDICATORS), "--periods", str(PERIODS)),
        ],
        check=True,
        capture_output=True,
        cwd=REPO,
    )
    return out


@pytest.fixture(scope="module")
def loaded(small_store: Path) -> Store:
    """The small store, loaded with every schema and cross-table check."""
    return load_store(data_dir=small_store)


def test_the_store_loads_with_every_check(loaded):
    store = loaded
    assert len(store.lsoa_deprivation) == LSOAS
    lsoa_rows = store.values[(store.values["source_id"] == SOURCE_ID) & (store.values["breakdown_type"] == "none")]
    assert len(lsoa_rows) == INDICATORS * PERIODS * (LSOAS + 1)  # every LSOA, and England in total
    assert lsoa_rows["denominator"].gt(0).all() and lsoa_rows["numerator"].le(lsoa_rows["denominator"]).all()


def test_every_generated_indicator_and_area_says_it_is_synthetic(loaded):
    store = loaded
    generated = store.indicators[store.indicators["primary_source_id"] == SOURCE_ID]
    assert len(generated) == INDICATORS
    assert generated["title"].str.startswith(LABEL).all()
    assert generated["definition"].str.contains(LABEL, regex=False).all()
    assert set(store.values.loc[store.values["source_id"] == SOURCE_ID, "indicator_id"]) == set(
        generated["indicator_id"]
    )
    names = store.areas.set_index("area_code").loc[store.lsoa_deprivation["lsoa_code"], "area_name"]
    assert names.str.startswith("Synthetic LSOA ").all()


def test_the_bundled_data_are_left_alone():
    with pytest.raises(SystemExit, match="inside the bundled data folder"):
        from bench.make_england_store import make_store

        make_store(DATA_DIR / "synthetic", lsoas=10, indicators=1, periods=1, seed=1)
    assert not (DATA_DIR / "synthetic").exists()


@pytest.mark.parametrize(
    ("params", "deciles"),
    [
        ({}, range(1, 11)),
        ({"filter": "decile", "groups": "1,2"}, (1, 2)),
        ({"indicator": "synthetic_benchmark_02", "tab": "every"}, range(1, 11)),
        ({"tab": "map"}, range(1, 11)),
        ({"tab": "life"}, range(1, 11)),
        ({"tab": "imported"}, range(1, 11)),
    ],
)
def test_the_explorer_runs_on_the_store(small_store, loaded, monkeypatch, params, deciles):
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(small_store))
    at = AppTest.from_file(str(REPO / "app_pages" / "explorer.py"), default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception and not at.error
    lsoas = loaded.lsoa_deprivation
    assert at.metric[0].value == f"{lsoas['imd_decile'].isin(deciles).sum():,}"
    at.radio(key="filter_kind").set_value("msoa").run()
    assert not at.exception and at.metric[0].value == "5"  # the first synthetic MSOA holds five LSOAs


def test_the_explorer_offers_every_generated_series(loaded):
    series = deprivation_series(loaded)
    generated = series[series["source_id"] == SOURCE_ID]
    # England by decile, by quintile and by the most deprived tenth, for each indicator.
    assert len(generated) == INDICATORS * 3
    assert (generated["periods"] == PERIODS).all()
