"""The catalogue is complete: every indicator has what a page needs, and the Plan's structure is all there."""

from __future__ import annotations

import pytest

from indicators.store.schemas import POLARITIES


def _titles(store, kind: str) -> list[str]:
    elements = store.plan_elements
    return elements[elements["kind"] == kind].sort_values("ordinal")["title"].tolist()


def test_three_goals_in_plan_order(store):
    assert _titles(store, "goal") == [
        "Promoting good health",
        "Connected care closer to people in their communities",
        "Mentally healthy city for all",
    ]


def test_four_programmes_of_section_3_1(store):
    assert _titles(store, "programme") == [
        "Prevention at scale",
        "Self-management and proactive care",
        "Optimising secondary care",
        "Urgent care and rapid response",
    ]


def test_enablers(store):
    assert _titles(store, "enabler") == ["Estates", "Digital", "Workforce", "Communications and engagement"]
    assert len(_titles(store, "plan_enabler")) == 6


def test_five_outcomes_and_twelve_strategy_priorities(store):
    outcomes = _titles(store, "outcome")
    assert len(outcomes) == 5
    assert outcomes[0] == "People will live longer and have healthier lives"
    priorities = _titles(store, "hwb_priority")
    assert len(priorities) == 12
    assert priorities[0] == "A Child Friendly City and the best start in life"
    assert priorities[-1] == "The best care, in the right place, at the right time"


def test_each_goal_has_its_priorities_and_measures(store):
    elements = store.plan_elements.set_index("element_id")
    by_goal = {
        goal: sorted(elements[(elements["parent_id"] == goal) & (elements["kind"] == "measure")].index)
        for goal in ("goal.good_health", "goal.connected_care", "goal.mental_health")
    }
    assert by_goal == {
        "goal.good_health": ["measure.lifestyle_advice", "measure.moving_more"],
        "goal.connected_care": ["measure.bed_days", "measure.wellbeing"],
        "goal.mental_health": ["measure.bame_mha", "measure.recovery"],
    }
    priorities = elements[elements["kind"] == "priority"]
    assert priorities["parent_id"].value_counts().to_dict() == {
        "goal.good_health": 2,
        "goal.connected_care": 2,
        "goal.mental_health": 1,
    }


def test_every_plan_measure_is_in_the_catalogue(store):
    measures = set(store.plan_elements.loc[store.plan_elements["kind"] == "measure", "element_id"])
    assert measures == set(store.indicators["plan_measure_id"].dropna())


def test_measures_without_figures_are_flagged_no_data_yet(store):
    """No Plan measure has a figure in either document; only 'moving more' has an official series behind it."""
    measured = store.indicators[store.indicators["plan_measure_id"].notna()].set_index("indicator_id")
    assert set(measured.loc[measured.index != "active_adults", "data_status"]) == {"no data yet"}
    assert measured.at["active_adults", "data_status"] == "has data"
    report = store.values[store.values["source_id"] == "hwb_report_2019"]
    assert not report["indicator_id"].isin(set(measured.index)).any()


@pytest.mark.parametrize(
    "column",
    [
        "definition",
        "unit",
        "polarity",
        "goal_id",
        "programme_id",
        "hwb_priority_id",
        "primary_source_id",
        "mapping_note",
    ],
)
def test_every_indicator_has(store, column):
    catalogue = store.indicators
    empty = catalogue[catalogue[column].isna() | (catalogue[column].astype(str).str.strip() == "")]
    assert empty.empty, f"indicators without {column}: {empty['indicator_id'].tolist()}"


def test_polarity_and_status_vocabularies(store):
    assert set(store.indicators["polarity"]) <= set(POLARITIES)
    assert set(store.indicators["data_status"]) == {"has data", "status only", "no data yet"}


def test_every_indicator_has_data_or_the_flag(store):
    """An indicator either has rows in values, or says plainly that it has none."""
    with_rows = set(store.values.loc[store.values["role"] != "target", "indicator_id"])
    for row in store.indicators.itertuples(index=False):
        assert (row.indicator_id in with_rows) == (row.data_status != "no data yet"), row.indicator_id


def test_goals_and_programmes_resolve_to_the_right_kinds(store):
    kinds = store.plan_elements.set_index("element_id")["kind"]
    assert set(store.indicators["goal_id"].map(kinds)) == {"goal"}
    assert set(store.indicators["programme_id"].map(kinds)) <= {"programme", "enabler"}
    assert set(store.indicators["hwb_priority_id"].map(kinds)) == {"hwb_priority"}
    assert set(store.indicators["hwb_outcome_id"].map(kinds)) == {"outcome"}


def test_every_source_used_is_described(store):
    sources = store.sources.set_index("source_id")
    for column in ("publisher", "published", "licence", "provides", "upstream"):
        assert sources[column].str.len().min() > 0, column
    used = set(store.values["source_id"]) | set(store.indicators["primary_source_id"])
    assert used <= set(sources.index)
    datasets = sources[sources["kind"] == "dataset"]
    assert datasets["copied_from"].str.contains("commit").all()
