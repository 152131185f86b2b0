"""The lookups pages call instead of querying tables, on the synthetic store."""

from __future__ import annotations

import pandas as pd

from indicators.core.codes import REPORT_SOURCE
from indicators.present.indicator_list import LIST_COLUMNS, indicator_list
from indicators.store import lookups


def test_goals_come_by_id_in_table_order_and_by_title_in_plan_order(synthetic_store):
    goals = lookups.goal_titles(synthetic_store)
    assert list(goals) == ["goal.good_health", "goal.connected_care", "goal.mental_health"]
    assert lookups.goal_titles_in_order(synthetic_store) == list(goals.values())


def test_a_source_record_says_whether_it_is_official(synthetic_store):
    assert not lookups.source_record(synthetic_store, REPORT_SOURCE).official
    smoking = lookups.source_record(synthetic_store, "aps_smoking")
    assert smoking.official
    assert smoking.short_title == lookups.short_titles(synthetic_store)["aps_smoking"]


def test_exclusions_and_pairs_are_only_the_asked_ones(synthetic_store):
    assert [e.period for e in lookups.exclusions_of(synthetic_store, "ncmp_reception")] == ["2020/21"]
    assert lookups.exclusions_of(synthetic_store, "aps_smoking") == []
    assert [p.beside_id for p in lookups.pairs_of(synthetic_store, "sii_life_expectancy")] == ["life_expectancy"]
    assert lookups.pairs_of(synthetic_store, "life_expectancy") == []


def test_report_notes_are_the_reports_own_and_distinct(synthetic_store):
    notes = lookups.report_notes(synthetic_store, "reception_obesity")
    assert len(notes) == 1 and notes[0].startswith("Test note:")
    assert lookups.report_notes(synthetic_store, "life_expectancy") == []


def test_named_places_leave_out_the_whole_population(synthetic_store):
    assert lookups.named_places(synthetic_store, "breathe_easy_groups") == ["Testford", "Testham", "Testley"]
    assert lookups.named_places(synthetic_store, "smoking_prevalence") == []


def test_the_indicator_list_counts_and_filters_by_goal(synthetic_store):
    latest = pd.DataFrame(
        {
            "goal": ["Test goal: mental health", "Test goal: good health", "Test goal: good health"],
            "data_status": ["has data", "no data yet", "has data"],
            **{c: ["a", "b", "c"] for c in LIST_COLUMNS},
        }
    )
    listed = indicator_list(synthetic_store, latest)
    assert listed.total == 13 and listed.counts == {"has data": 9, "no data yet": 3, "status only": 1}
    assert listed.any_without_data
    every = listed.groups(only_missing=False)
    assert [(title, len(rows)) for title, rows in every] == [
        ("Test goal: good health", 2),
        ("Test goal: mental health", 1),
    ]
    assert list(every[0][1].columns) == LIST_COLUMNS
    assert [(title, len(rows)) for title, rows in listed.groups(only_missing=True)] == [("Test goal: good health", 1)]
