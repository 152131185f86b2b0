"""The nine official series added for every goal: Leeds' latest figures, coverage, periods and comparisons."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.data_audit

LEEDS, ENGLAND = "E08000035", "E92000001"


def _leeds_latest(store, source_id, breakdown="All"):
    v = store.values
    rows = v[(v["source_id"] == source_id) & (v["area_code"] == LEEDS) & (v["breakdown"] == breakdown)]
    return rows.sort_values("period_order").iloc[-1]


# Leeds' latest value as published in the Fingertips extracts (data/sources/official/fingertips_context).
@pytest.mark.parametrize(
    ("source_id", "breakdown", "period", "value", "comparison"),
    [
        ("sport_england_active_adults", "All", "2024/25", 70.4, "Similar"),
        ("sport_england_inactive_adults", "All", "2024/25", 20.3, "Similar"),
        ("aps_smoking_routine_manual", "All", "2023", 18.6, "Similar"),
        ("aps_smoking_routine_manual_pooled", "All", "2022 - 24", 19.6, "Similar"),
        ("qof_depression", "All", "2024/25", 13.0, "Lower"),
        ("ons_preventable_mortality", "Male", "2024", 205.3, "Similar"),
        ("ons_preventable_mortality", "Female", "2024", 121.6, "Worse"),
        ("ons_preventable_mortality", "All", "2024", 162.3, "Worse"),
        ("sport_england_overweight_adults", "All", "2024/25", 65.0, "Similar"),
        ("ohid_nhs_health_checks", "All", "2021/22 Q1 - 2025/26 Q3", 40.8, "Better"),
        ("sport_england_active_children", "All", "2024/25", 57.1, "Better"),
        ("ndep_dental_decay", "All", "2023/24", 21.9, "Similar"),
    ],
)
def test_leeds_latest(store, source_id, breakdown, period, value, comparison):
    row = _leeds_latest(store, source_id, breakdown)
    assert (row["period"], row["value"], row["compared_to_england"]) == (period, pytest.approx(value), comparison)


@pytest.mark.parametrize(
    ("source_id", "at_least"),
    [
        ("sport_england_active_adults", 290),
        ("qof_depression", 290),
        ("ons_preventable_mortality", 290),
        ("ndep_dental_decay", 290),
        # Upper-tier and unitary authorities only.
        ("ohid_nhs_health_checks", 130),
    ],
)
def test_every_authority_of_leeds_type_is_kept(store, source_id, at_least):
    v = store.values
    areas = set(v.loc[v["source_id"] == source_id, "area_code"])
    assert {LEEDS, ENGLAND} <= areas
    assert len(areas) >= at_least
    kinds = store.areas.set_index("area_code").loc[sorted(areas), "area_type"]
    assert set(kinds) == {"Country", "Local authority"}


def test_one_file_two_kinds_of_period_are_two_lines(store):
    v = store.values
    single = set(v.loc[v["source_id"] == "aps_smoking_routine_manual", "period"])
    pooled = set(v.loc[v["source_id"] == "aps_smoking_routine_manual_pooled", "period"])
    assert all(len(p) == 4 for p in single)
    assert pooled == {"2019 - 21", "2020 - 22", "2021 - 23", "2022 - 24"}


def test_health_checks_are_cumulative_from_the_cycle_start(store):
    v = store.values
    leeds = v[(v["source_id"] == "ohid_nhs_health_checks") & (v["area_code"] == LEEDS)].sort_values("period_order")
    assert leeds["period_start"].nunique() == 1
    assert str(leeds["period_start"].iloc[0].date()) == "2021-04-01"
    assert leeds["period_end"].is_monotonic_increasing
    assert leeds["value"].is_monotonic_increasing


def test_every_goal_has_an_official_series(store):
    official = store.values[store.values["source_id"] != "hwb_report_2019"]
    goals = store.indicators.set_index("indicator_id").loc[official["indicator_id"].unique(), "goal_id"]
    assert set(goals) == set(store.plan_elements.loc[store.plan_elements["kind"] == "goal", "element_id"])


def test_moving_more_names_the_series_behind_it(store):
    active = store.indicators.set_index("indicator_id").loc["active_adults"]
    assert active["plan_measure_id"] == "measure.moving_more"
    assert "has not confirmed" in active["mapping_note"]


def test_routine_and_manual_smoking_is_drawn_beside_all_adults(store):
    from indicators.charts.beside import beside_figure, beside_table

    pairs = store.indicator_pairs.set_index("indicator_id")
    assert pairs.at["smoking_routine_manual", "beside_id"] == "smoking_prevalence"
    fig, finding, _, source = beside_figure(store, "smoking_routine_manual", "smoking_prevalence")
    assert finding == ("Leeds, 2023: smoking in routine and manual occupations 18.6%, adult smoking prevalence 10.4%")
    assert "92445" in source and "92443" in source
    assert len(fig.data) == 4  # each indicator for Leeds and England, never joined
    table = beside_table(store, "smoking_routine_manual", "smoking_prevalence").set_index("Period")
    assert table.at["2023", "Smoking in routine and manual occupations: Leeds"] == pytest.approx(18.6)
    assert table.at["2023", "Adult smoking prevalence: Leeds"] == pytest.approx(10.4)


def test_health_checks_are_charted_as_cumulative(store):
    from indicators.analysis.judgement import Judgement, assess_indicator
    from indicators.charts.plan import chart_plan

    plan = chart_plan(store, "nhs_health_checks", source_id="ohid_nhs_health_checks")
    assert plan.finding == (
        "NHS Health Checks received (cumulative) in Leeds reached 40.8% by 2025/26 Q3, added up from 2021/22 Q1 "
        "(England 34.4%)"
    )
    assert assess_indicator(store, "nhs_health_checks")["All"].judgement is Judgement.CUMULATIVE
