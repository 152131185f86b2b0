"""Readable tables: a chart's data, the overview tiles, and CSV downloads safe from formula injection."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from indicators.analysis.judgement import Judgement
from indicators.charts.figures import deprivation_figure
from indicators.core.codes import ENGLAND, LEEDS, REPORT_SOURCE
from indicators.present.tables import chart_table, csv_bytes, deprivation_table, overview_tiles
from indicators.store.schemas import as_text
from tests import synthetic

TREND, SMOKING = synthetic.TREND, synthetic.DATA_SOURCES[synthetic.TREND]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Leeds", "Leeds"),
        ("", ""),
    ],
)
def test_csv_neutralises_formulas_in_text(cell, written):
    data = csv_bytes(pd.DataFrame({"Area": [cell], "Value": [-1.5]}))
    back = pd.read_csv(io.BytesIO(data), keep_default_na=False)
    assert back.at[0, "Area"] == written
    assert back.at[0, "Value"] == -1.5  # numbers stay numbers


def test_chart_table_has_readable_columns(synthetic_store):
    table = chart_table(synthetic_store, TREND, source_id=SMOKING, comparators=[synthetic.BRADFORD])
    assert {"Area", "Group", "Period", "Value", "Source"} <= set(table.columns)
    assert set(table["Area"]) == {"Leeds", "England", "Bradford"}
    v = synthetic_store.values
    stored = v[(v["indicator_id"] == TREND) & (v["source_id"] == SMOKING)]
    assert len(table) == len(stored[stored["area_code"].isin([LEEDS, ENGLAND, synthetic.BRADFORD])])


def test_chart_table_for_a_target_includes_the_target_row(synthetic_store):
    table = chart_table(synthetic_store, synthetic.STATUS, source_id=REPORT_SOURCE)
    assert table.set_index("Figure").at["target", "Value"] == 4321
    assert table.set_index("Figure").at["value", "Status"] == "On track to meet the target"


def test_deprivation_table_holds_what_the_chart_draws(synthetic_store):
    table = deprivation_table(synthetic_store, synthetic.PAIR)
    fig = deprivation_figure(synthetic_store, synthetic.PAIR)
    assert list(table["Value"]) == list(fig.data[0].y) == list(synthetic.QUINTILE_VALUES)
    assert table["Group"].iloc[0] == "Most deprived quintile"
    assert table["Group"].iloc[-1] == "Least deprived quintile"
    assert set(table["Area"]) == {"England"}
    assert deprivation_table(synthetic_store, TREND).empty  # no split by deprivation in the store


def test_overview_tiles(synthetic_store):
    tiles = overview_tiles(synthetic_store).set_index("indicator_id")
    assert len(tiles) == len(synthetic_store.indicators)
    leeds = as_text(synthetic_store.values)
    leeds = leeds[(leeds["indicator_id"] == TREND) & (leeds["source_id"] == SMOKING) & (leeds["area_code"] == LEEDS)]
    last, fifth_last = leeds.iloc[-1], leeds.iloc[-5]
    smoking = tiles.loc[TREND]
    change = f"Down {fifth_last['value'] - last['value']:.1f} points since {fifth_last['period']}"
    assert (smoking["short"], smoking["period"], smoking["change"]) == (f"{last['value']:.1f}%", "2018", change)
    assert smoking["judgement"] == Judgement.IMPROVING
    assert len(smoking["spark"]) == len(leeds)
    assert tiles.at[synthetic.SINGLE, "short"] == "1,234th"
    assert tiles.at[synthetic.SPLIT, "short"] == "3 groups"
    assert tiles.at[synthetic.SESSIONS, "change"] == "Up 30 on the earlier figure"
    assert tiles.at[synthetic.PLANNED, "short"] == "No data yet"
    assert tiles.at[synthetic.STATUS, "short"] == "On track"
    male, female = (tiles.at[synthetic.POOLED, "short"].split(" · ")[i] for i in (1, 0))
    assert female.startswith("F ") and male.startswith("M ")


@pytest.mark.parametrize("signed", ["+6.1", "-7.6", "-0.5%", "+12"])
def test_csv_keeps_signed_numbers_as_numbers(signed):
    data = csv_bytes(pd.DataFrame({"Gap": [signed]}))
    assert data.decode().splitlines()[1] == signed


def test_csv_still_neutralises_a_formula_that_starts_like_a_number():
    data = csv_bytes(pd.DataFrame({"Area": ["-2+3+cmd|' /C calc'!A0"]}))
    assert data.decode().splitlines()[1].startswith("'-2+3")
