"""Small counts in imported data are hidden everywhere: counts 1 to 4 by default, zeros shown, totals guarded."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from indicators.analysis.inequality import group_levels
from indicators.imports.options import ImportOptions
from indicators.imports.service import commit_import, prepare_import
from indicators.present.explorer import levels_for_display
from indicators.stats import disclosure
from indicators.store import layers
from indicators.store.load import load_store
from tests.import_helpers import TEMPLATE, synthetic_template


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, 4),
        ({"INDICATORS_SUPPRESS_UP_TO": ""}, 4),
        ({"INDICATORS_SUPPRESS_UP_TO": "5"}, 5),
        ({"INDICATORS_SUPPRESS_UP_TO": " 7 "}, 7),
        ({"INDICATORS_SUPPRESS_UP_TO": "0"}, 0),
    ],
)
def test_threshold_comes_from_the_environment(environ, expected):
    assert disclosure.threshold(environ) == expected


@pytest.mark.parametrize("raw", ["four", "-1", "2.5"])
def test_a_threshold_that_is_not_a_whole_number_is_refused(raw):
    with pytest.raises(ValueError, match="INDICATORS_SUPPRESS_UP_TO must be a whole number"):
        disclosure.threshold({"INDICATORS_SUPPRESS_UP_TO": raw})


@pytest.mark.parametrize(
    ("count", "up_to", "small"),
    [(0, 4, False), (1, 4, True), (4, 4, True), (5, 4, False), (5, 5, True), (math.nan, 4, False), (3, 0, False)],
)
def test_which_counts_are_small(count, up_to, small):
    assert bool(disclosure.is_small(np.array([count]), up_to=up_to)[0]) is small


def _rows(numerators, denominators=None):
    n = len(numerators)
    return pd.DataFrame(
        {
            "set": ["a"] * n,
            "value": [10.0] * n,
            "lower_95": [5.0] * n,
            "upper_95": [15.0] * n,
            "numerator": numerators,
            "denominator": denominators or [100.0] * n,
            "qualifier": ["exact"] * n,
            "status_text": [None] * n,
            "compared_to_england": ["Similar"] * n,
            "note": [None] * n,
        }
    )


@pytest.mark.parametrize(
    ("numerators", "denominators", "hidden"),
    [
        ([0, 10, 20, 30], None, []),  # zero is shown
        ([3, 10, 20, 30], None, [0, 1]),  # one small cell: the next smallest goes too (secondary)
        ([3, 4, 20, 30], None, [0, 1]),  # two small cells hide each other
        ([5, 10, 20, 30], None, []),  # 5 is above the default threshold
        ([40, 50, 60], [100, 3, 100], [1, 0]),  # a small denominator is a small count too
        ([2], None, [0]),  # alone in its set: nothing else to hide
    ],
)
def test_primary_and_secondary_suppression(numerators, denominators, hidden):
    out = disclosure.suppress(_rows(numerators, denominators), up_to=4, partition=["set"])
    hidden_rows = sorted(np.flatnonzero(out["status_text"].eq("suppressed").to_numpy()).tolist())
    assert hidden_rows == sorted(hidden)
    for column in ("value", "lower_95", "upper_95", "numerator", "denominator"):
        assert out.loc[hidden, column].isna().all()
    assert (out.loc[hidden, "qualifier"] == "status").all()
    shown = [i for i in range(len(numerators)) if i not in hidden]
    assert (out.loc[shown, "numerator"] == pd.Series(numerators, dtype=float)[shown]).all()


def _import_template(data_dir):
    prepared = prepare_import(
        synthetic_template(),
        file_name=TEMPLATE.name,
        kind="template",
        options=ImportOptions(title="Synthetic test proportion"),
        data_dir=data_dir,
    )
    commit_import(prepared, data_dir=data_dir)


def test_loaded_store_hides_small_imported_counts_but_the_layer_keeps_them(data_copy, monkeypatch):
    monkeypatch.delenv(disclosure.ENV_VAR, raising=False)
    _import_template(data_copy)
    store = load_store(data_dir=data_copy)
    rows = store.values[store.values["indicator_id"] == "local_synthetic_test_proportion"]
    shown = rows[rows["numerator"].notna()]
    assert not disclosure.is_small(shown["numerator"], up_to=4).any()
    hidden = rows[rows["status_text"] == "suppressed"]
    assert len(hidden) > 0 and hidden["value"].isna().all()
    assert (rows["numerator"] == 0).any()  # zeros stay visible
    kept = layers.load_layers(data_copy)[0].tables["values"]
    assert disclosure.is_small(kept["numerator"], up_to=4).any()  # the analyst's own file keeps every count
    # Published (official and report) rows are never touched.
    official = store.values[~store.values["source_id"].str.startswith("import_")]
    assert not official["status_text"].eq("suppressed").any()


def test_threshold_zero_shows_everything_and_five_hides_more(data_copy, monkeypatch):
    _import_template(data_copy)

    def hidden(up_to: str) -> int:
        monkeypatch.setenv(disclosure.ENV_VAR, up_to)
        return int(load_store(data_dir=data_copy).values["status_text"].eq("suppressed").sum())

    assert hidden("0") == 0
    assert 0 < hidden("4") < hidden("5")


def test_tables_show_the_word_suppressed_not_the_number(data_copy, monkeypatch):
    monkeypatch.setenv(disclosure.ENV_VAR, "30")  # high enough to hide a Leeds decile of the synthetic file
    _import_template(data_copy)
    store = load_store(data_dir=data_copy)
    series = {
        "indicator_id": "local_synthetic_test_proportion",
        "area_code": "E08000035",
        "breakdown_type": "deprivation_decile_england",
        "source_id": store.sources.loc[store.sources["kind"] == "import", "source_id"].iloc[0],
    }
    levels = group_levels(store, series=series, period="2023")
    table = levels_for_display(levels)
    hidden = table[table["Value"] == "suppressed"]
    assert len(hidden) >= 2  # a hidden decile, and its complement so the total cannot reveal it
    assert (hidden[["Count", "Denominator", "Lower 95%", "Upper 95%"]] == "suppressed").all().all()
