"""Readable tables: a chart's data, the overview tiles, and CSV downloads safe from formula injection."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from indicators.analysis.judgement import Judgement
from indicators.charts.figures import deprivation_figure
from indicators.charts.selection import ChartSelection
from indicators.core.codes import ENGLAND, LEEDS, REPORT_SOURCE
from indicators.present.tables import chart_table, csv_bytes, deprivation_table, overview_tiles
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
    table = chart_table(synthetic_store, ChartSelection(TREND, SMOKING, comparators=[synthetic.BRADFORD]))
    assert {"Area", "Group", "Period", "Value", "Source"} <= set(table.columns)
    assert set(table["Area"]) == {"Leeds", "England", "Bradford"}
    v = synthetic_store.values
    stored = v[(v["indicator_id"] == TREND) & (v["source_id"] == SMOKING)]
    assert len(table) == len(stored[stored["area_code"].isin([LEEDS, ENGLAND, synthetic.BRADFORD])])


def test_chart_table_for_a_target_includes_the_target_row(synthetic_store):
    table = chart_table(synthetic_store, ChartSelection(synthetic.STATUS, REPORT_SOURCE))
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


@pytest.mark.data_audit
def test_overview_tiles(store):
    tiles = overview_tiles(store).set_index("indicator_id")
    assert len(tiles) == len(store.indicators)
    smoking = tiles.loc["smoking_prevalence"]
    assert (smoking["short"], smoking["period"], smoking["change"]) == (
        "12.8%",
        "2024",
        "Down 5.4 points since 2018 (the Plan's start)",
    )
    assert smoking["judgement"] == Judgement.IMPROVING
    assert smoking["official"] and smoking["versus"]["All"].versus.value == "similar"
    assert len(smoking["spark"]) == 14
    assert not tiles.at["diabetes_education_sessions", "official"]
    assert tiles.at["diabetes_education_sessions", "change"] == "Up 92 on the earlier figure, as reported"
    assert tiles.at["life_expectancy", "short"] == "F 82.6 · M 78.8"
    assert tiles.at["moving_more", "short"] == "No data yet"


@pytest.mark.data_audit
@pytest.mark.parametrize(
    ("indicator_id", "words"),
    [
        ("smokers_fewer_since_2011", "more than 35,000"),
        ("frailty_bed_days_saved", "about 1,902"),
        ("ace_referrals", "1,000 reached (milestone)"),
        ("social_prescribing_referrals", "On track (no figure given)"),
        ("diabetes_education_reach", "Figures for 3 groups"),
    ],
)
def test_a_tile_that_is_not_a_plain_number_says_what_it_means(store, indicator_id, words):
    assert overview_tiles(store).set_index("indicator_id").at[indicator_id, "short"] == words


@pytest.mark.data_audit
def test_chart_table_compares_every_leeds_value_with_england(store):
    table = chart_table(store, ChartSelection("life_expectancy", "ons_life_expectancy"))
    leeds = table[table["Area"] == "Leeds"]
    assert set(leeds["Compared with England"]) == {"Worse"}
    assert set(leeds["How compared with England"]) == {"Fingertips' judgement"}
    assert set(table.loc[table["Area"] == "England", "Compared with England"]) == {""}
    report = chart_table(store, ChartSelection("diabetes_education_sessions", "hwb_report_2019"))
    assert set(report["Compared with England"]) == {"Not compared"}


@pytest.mark.parametrize("signed", ["+6.1", "-7.6", "-0.5%", "+12"])
def test_csv_keeps_signed_numbers_as_numbers(signed):
    data = csv_bytes(pd.DataFrame({"Gap": [signed]}))
    assert data.decode().splitlines()[1] == signed


def test_csv_still_neutralises_a_formula_that_starts_like_a_number():
    data = csv_bytes(pd.DataFrame({"Area": ["-2+3+cmd|' /C calc'!A0"]}))
    assert data.decode().splitlines()[1].startswith("'-2+3")


@pytest.mark.data_audit
def test_a_download_carries_codes_unit_counts_comparison_source_and_extract_date(store):
    table = chart_table(store, ChartSelection("smoking_prevalence", "aps_smoking", comparators=["E08000032"]))
    for column in ("Indicator ID", "Area code", "Area", "Period", "Unit", "Value", "Compared with England"):
        assert column in table.columns, column
    assert set(table["Indicator ID"]) == {"smoking_prevalence"}
    assert set(table["Area code"]) == {"E08000035", "E92000001", "E08000032"}
    assert set(table["Unit"]) == {"%"}
    assert set(table["Source ID"]) == {"aps_smoking"}
    assert table["Extract date"].str.startswith("Fingertips extract").all()
    back = pd.read_csv(io.BytesIO(csv_bytes(table)))
    assert back["Value"].dtype == float  # plain numbers: no units, no thousands separators
    leeds_2024 = back[(back["Area code"] == "E08000035") & (back["Period"].astype(str) == "2024")]
    assert leeds_2024["Value"].tolist() == [12.8]
