"""Golden values of the shipped data: the latest figures a reader sees first, as the sources give them."""

from __future__ import annotations

import pytest

from indicators.analysis.summary import latest_values

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


# The judgements, the Overview's headline and its tiles on the shipped data are audited in test_status.py,
# test_board_headline.py and test_tables.py (long-term and recent trends, compared with England).
