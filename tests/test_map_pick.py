"""Choosing areas on the explorer's map: the selection event from plotly turned into the next selection."""

from __future__ import annotations

import pytest

from indicators.analysis.areas import AreaSelection, parse_selection, selection_params
from indicators.analysis.map_pick import AREA, CLICK, apply_pick, pick_selection, picked_codes

KNOWN = frozenset({"E01000001", "E01000002", "E01000003", "E01000004"})


def _click(*codes: str) -> dict:
    return {"points": [{"curve_number": 0, "point_index": i, "location": c} for i, c in enumerate(codes)]}


def _box(*codes: str) -> dict:
    return {**_click(*codes), "box": [{"x": [0, 1], "y": [0, 1]}]}


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (None, ((), CLICK)),
        ({"points": []}, ((), CLICK)),
        (_click("E01000002"), (("E01000002",), CLICK)),
        # The outline trace reports the same area a second time: named once.
        (_click("E01000002", "E01000002"), (("E01000002",), CLICK)),
        (_box("E01000001", "E01000003"), (("E01000001", "E01000003"), AREA)),
        ({"points": [{"location": "E01000001"}], "lasso": [{"x": [0], "y": [0]}]}, (("E01000001",), AREA)),
        # Without a location plotly still passes the trace's customdata.
        ({"points": [{"customdata": "E01000004"}]}, (("E01000004",), CLICK)),
        ({"points": [{"customdata": ["E01000004"]}]}, (("E01000004",), CLICK)),
        ({"points": [{"point_index": 3}]}, ((), CLICK)),
    ],
)
def test_picked_codes_reads_plotly_selection(event, expected):
    assert picked_codes(event) == expected


@pytest.mark.parametrize(
    ("current", "picked", "how", "expected"),
    [
        ((), ("E01000002",), CLICK, ("E01000002",)),
        (("E01000002",), ("E01000002",), CLICK, ()),  # a second click takes it out
        (("E01000001", "E01000002"), ("E01000003",), CLICK, ("E01000001", "E01000002", "E01000003")),
        (("E01000001", "E01000002"), ("E01000001", "E01000003"), CLICK, ("E01000002", "E01000003")),
        # A box or lasso only adds: areas already chosen stay chosen.
        (("E01000001",), ("E01000001", "E01000004"), AREA, ("E01000001", "E01000004")),
        # Codes the store does not hold are ignored, and the result is sorted.
        (("E01000003",), ("E99999999", "E01000001"), CLICK, ("E01000001", "E01000003")),
    ],
)
def test_apply_pick_toggles_clicks_and_adds_areas(current, picked, how, expected):
    assert apply_pick(current, picked, how=how, known=KNOWN) == expected


def test_a_pick_from_all_of_leeds_starts_a_new_selection():
    whole = AreaSelection()
    assert pick_selection(whole, sorted(KNOWN), _click("E01000003"), known=KNOWN) == AreaSelection(
        "lsoa", ("E01000003",)
    )


def test_a_pick_from_a_filter_edits_the_areas_it_covers():
    decile = AreaSelection("decile", ("1",))
    covered = ["E01000001", "E01000002"]
    assert pick_selection(decile, covered, _click("E01000002"), known=KNOWN) == AreaSelection("lsoa", ("E01000001",))
    assert pick_selection(decile, covered, _box("E01000004"), known=KNOWN) == AreaSelection(
        "lsoa", ("E01000001", "E01000002", "E01000004")
    )


def test_removing_the_last_area_returns_to_all_of_leeds_and_an_empty_pick_changes_nothing():
    one = AreaSelection("lsoa", ("E01000001",))
    assert pick_selection(one, ["E01000001"], _click("E01000001"), known=KNOWN) == AreaSelection()
    assert pick_selection(one, ["E01000001"], {"points": []}, known=KNOWN) == one


def test_a_picked_selection_round_trips_through_the_link():
    picked = AreaSelection("lsoa", ("E01000001", "E01000003"))
    params = selection_params(picked)
    assert params == {"filter": "lsoa", "groups": "E01000001,E01000003"}
    assert parse_selection(params, msoa_codes=set(), lsoa_codes=KNOWN) == picked
