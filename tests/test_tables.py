"""Readable tables: a chart's data, the overview tiles, and CSV downloads safe from formula injection."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from indicators.analysis.judgement import Judgement
from indicators.charts.figures import deprivation_figure
from indicators.present.tables import chart_table, csv_bytes, deprivation_table, overview_tiles


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


def test_chart_table_has_readable_columns(store):
    table = chart_table(store, "smoking_prevalence", source_id="aps_smoking", comparators=["E08000032"])
    assert {"Area", "Group", "Period", "Value", "Source"} <= set(table.columns)
    assert set(table["Area"]) == {"Leeds", "England", "Bradford"}
    assert len(table) == 3 * 14


def test_chart_table_for_a_target_includes_the_target_row(store):
    table = chart_table(store, "social_prescribing_referrals", source_id="hwb_report_2019")
    assert table.set_index("Figure").at["target", "Value"] == 5000
    assert table.set_index("Figure").at["value", "Status"] == "On track to meet the target"


def test_deprivation_table_holds_what_the_chart_draws(store):
    table = deprivation_table(store, "reception_obesity")
    fig = deprivation_figure(store, "reception_obesity")
    assert list(table["Value"]) == list(fig.data[0].y)
    assert table["Group"].iloc[0] == "Most deprived quintile"
    assert table["Group"].iloc[-1] == "Least deprived quintile"
    assert set(table["Area"]) == {"England"}
    assert deprivation_table(store, "smoking_prevalence").empty  # no split by deprivation in the store


def test_overview_tiles(store):
    tiles = overview_tiles(store).set_index("indicator_id")
    assert len(tiles) == len(store.indicators)
    smoking = tiles.loc["smoking_prevalence"]
    assert (smoking["short"], smoking["period"], smoking["change"]) == ("12.8%", "2024", "Down 0.7 points since 2020")
    assert smoking["judgement"] == Judgement.NO_CLEAR_CHANGE
    assert len(smoking["spark"]) == 14
    assert tiles.at["smokers_fewer_since_2011", "short"] == "35,000+"
    assert tiles.at["frailty_bed_days_saved", "short"] == "~1,902"
    assert tiles.at["life_expectancy", "short"] == "F 82.6 · M 78.8"
    assert tiles.at["diabetes_education_sessions", "change"] == "Up 92 on the earlier figure"
    assert tiles.at["moving_more", "short"] == "No data yet"
    assert tiles.at["social_prescribing_referrals", "short"] == "On track"


@pytest.mark.parametrize("signed", ["+6.1", "-7.6", "-0.5%", "+12"])
def test_csv_keeps_signed_numbers_as_numbers(signed):
    data = csv_bytes(pd.DataFrame({"Gap": [signed]}))
    assert data.decode().splitlines()[1] == signed


def test_csv_still_neutralises_a_formula_that_starts_like_a_number():
    data = csv_bytes(pd.DataFrame({"Area": ["-2+3+cmd|' /C calc'!A0"]}))
    assert data.decode().splitlines()[1].startswith("'-2+3")
