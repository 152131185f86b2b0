"""Golden values of the shipped data: the latest figures a reader sees first, as the sources give them."""

from __future__ import annotations

import pytest

from indicators.analysis.judgement import Judgement, assess_all, plain_summary
from indicators.analysis.summary import latest_values
from indicators.present.tables import overview_tiles

pytestmark = pytest.mark.data_audit


def _latest(store, indicator, source):
    table = latest_values(store)
    rows = table[(table["indicator_id"] == indicator) & (table["source_id"] == source)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_latest_official_smoking_is_2024(store):
    row = _latest(store, "smoking_prevalence", "aps_smoking")
    assert (row["latest"], row["period"]) == ("12.8%", "2024")


def test_latest_life_expectancy_gives_both_sexes(store):
    row = _latest(store, "life_expectancy", "ons_life_expectancy")
    assert row["latest"] == "Female: 82.6 years; Male: 78.8 years"
    assert row["period"] == "2022 - 24"


def test_latest_report_figure_is_the_value_not_the_baseline(store):
    row = _latest(store, "diabetes_education_sessions", "hwb_report_2019")
    assert row["latest"] == "125 sessions a year"


def test_every_indicator_is_listed_and_gaps_say_no_data_yet(store):
    table = latest_values(store)
    assert set(table["indicator_id"]) == set(store.indicators["indicator_id"])
    assert len(table["indicator_id"].unique()) == 47
    missing = table[table["data_status"] == "no data yet"]
    assert len(missing) == 7
    assert set(missing["latest"]) == {"No data yet"}


def test_store_judgements(store):
    judged = assess_all(store).set_index("indicator_id")["judgement"]
    assert judged["smoking_prevalence"] == Judgement.NO_CLEAR_CHANGE
    assert judged["diabetes_education_sessions"] == Judgement.IMPROVING
    assert judged["life_expectancy"] == Judgement.MIXED
    assert judged["moving_more"] == Judgement.NOT_ENOUGH_DATA


def test_plain_summary_counts_and_grammar(store):
    text = plain_summary(assess_all(store))
    assert text.startswith("Of the 14 indicators with enough data to judge, 3 are moving the way the Plan wants")
    assert "none the wrong way" in text
    assert "1 of these rests on a before-and-after pair from the report, judged on direction only." in text
    assert text.endswith("33 others have a single figure, no direction set, cumulative figures or no data yet.")


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
