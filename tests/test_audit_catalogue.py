"""The catalogue is complete: every indicator has what a page needs, and the Plan's structure is all there."""

from __future__ import annotations

import pytest

from indicators.present.catalogue import definitions_table
from indicators.store.schemas import TABLES

pytestmark = pytest.mark.data_audit


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


def test_every_data_status_is_met(store):
    assert set(store.indicators["data_status"]) == {"has data", "status only", "no data yet"}


def test_every_dataset_names_the_commit_it_was_copied_from(store):
    sources = store.sources.set_index("source_id")
    datasets = sources[sources["kind"] == "dataset"]
    assert datasets["copied_from"].str.contains("commit").all()


def test_no_catalogue_text_is_only_spaces(store):
    """The schema refuses empty text but not text of spaces alone, which would show as a blank."""
    catalogue = store.indicators
    for column in TABLES["indicators"].text_columns:
        blank = catalogue[catalogue[column].astype(str).str.strip() == ""]
        assert blank.empty, f"indicators with only spaces in {column}: {blank['indicator_id'].tolist()}"


def test_the_catalogue_holds_47_indicators_and_3_match_obesity(store):
    assert len(store.indicators) == 47
    assert len(definitions_table(store, search="obesity")) == 3
