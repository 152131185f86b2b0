"""Table-driven tests for indicators.core.timescales.normalise_timescale."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date
from pathlib import Path

import pytest

from indicators.core.timescales import Timescale, normalise_timescale

ACTION_PLAN = Path(__file__).resolve().parents[1] / "data" / "sources" / "action_plan.csv"

D = date
# text, due, start, ongoing, precision, parsed
ACTION_PLAN_CASES: list[tuple[str, date | None, date | None, bool, str, bool]] = [
    # Every distinct timescale_text in data/sources/action_plan.csv.
    ("April 2010", D(2010, 4, 30), None, False, "month", True),
    ("April 2011", D(2011, 4, 30), None, False, "month", True),
    ("First pilot by June 2010", D(2010, 6, 30), None, False, "month", True),
    ("Jan 2011", D(2011, 1, 31), None, False, "month", True),
    ("Neighbourhood Index completed by January 2010", D(2010, 1, 31), None, False, "month", True),
    ("Protocol developed by Jan 2010", D(2010, 1, 31), None, False, "month", True),
    ("June 2010", D(2010, 6, 30), None, False, "month", True),
    ("May 2010", D(2010, 5, 31), None, False, "month", True),
    ("Ongoing", None, None, True, "none", True),
    ("January 2010", D(2010, 1, 31), None, False, "month", True),
    ("April 2010 onwards", None, D(2010, 4, 1), True, "month", True),
    ("Ongoing – building on successful 2009 programme", None, None, True, "none", True),
    ("2010 conference planned for March", D(2010, 3, 31), None, False, "month", True),
    ("March 2010", D(2010, 3, 31), None, False, "month", True),
    ("October 2010", D(2010, 10, 31), None, False, "month", True),
]

EDGE_CASES: list[tuple[str, date | None, date | None, bool, str, bool]] = [
    # Abbreviations and leap years.
    ("Sept 2010", D(2010, 9, 30), None, False, "month", True),
    ("Sep. 2010", D(2010, 9, 30), None, False, "month", True),
    ("Feb 2012", D(2012, 2, 29), None, False, "month", True),
    ("Dec. 2010", D(2010, 12, 31), None, False, "month", True),
    ("  april   2010 ", D(2010, 4, 30), None, False, "month", True),
    # Ranges.
    ("April 2010 - March 2011", D(2011, 3, 31), D(2010, 4, 1), False, "month", True),
    ("April 2010 – March 2011", D(2011, 3, 31), D(2010, 4, 1), False, "month", True),
    ("from April 2010 to March 2011", D(2011, 3, 31), D(2010, 4, 1), False, "month", True),
    ("between April 2010 and March 2011", D(2011, 3, 31), D(2010, 4, 1), False, "month", True),
    ("January – March 2020", D(2020, 3, 31), D(2020, 1, 1), False, "month", True),
    ("October - March 2011", D(2011, 3, 31), D(2010, 10, 1), False, "month", True),
    ("November 2010 - February", D(2011, 2, 28), D(2010, 11, 1), False, "month", True),
    ("1 April 2010 - 31 March 2011", D(2011, 3, 31), D(2010, 4, 1), False, "day", True),
    ("2010 - 2011", D(2011, 12, 31), D(2010, 1, 1), False, "year", True),
    # Quarters, financial quarters, seasons, financial years.
    ("Q1 2020", D(2020, 3, 31), D(2020, 1, 1), False, "month", True),
    ("2020Q4", D(2020, 12, 31), D(2020, 10, 1), False, "month", True),
    ("first quarter of 2020", D(2020, 3, 31), D(2020, 1, 1), False, "month", True),
    ("Q1 2010/11", D(2010, 6, 30), D(2010, 4, 1), False, "month", True),
    ("Q4 2010/11", D(2011, 3, 31), D(2011, 1, 1), False, "month", True),
    ("Spring 2010", D(2010, 5, 31), D(2010, 3, 1), False, "month", True),
    ("Autumn 2010", D(2010, 11, 30), D(2010, 9, 1), False, "month", True),
    ("Winter 2010/11", D(2011, 2, 28), D(2010, 12, 1), False, "month", True),
    ("2010/11", D(2011, 3, 31), D(2010, 4, 1), False, "year", True),
    # Days.
    ("31 March 2010", D(2010, 3, 31), None, False, "day", True),
    ("31st March 2010", D(2010, 3, 31), None, False, "day", True),
    ("March 31, 2010", D(2010, 3, 31), None, False, "day", True),
    ("2010-03-31", D(2010, 3, 31), None, False, "day", True),
    ("31/03/2010", D(2010, 3, 31), None, False, "day", True),
    # Years on their own.
    ("2011", D(2011, 12, 31), None, False, "year", True),
    ("By end of 2011", D(2011, 12, 31), None, False, "year", True),
    # Open-ended and ongoing.
    ("from April 2010", None, D(2010, 4, 1), True, "month", True),
    ("Ongoing from Jan 2011", None, D(2011, 1, 1), True, "month", True),
    ("From 2010 onwards", None, D(2010, 1, 1), True, "year", True),
    ("Ongoing – review by March 2011", D(2011, 3, 31), None, True, "month", True),
    ("on-going", None, None, True, "none", True),
    # Several separate dates: the latest is the deadline.
    ("Jan 2010 and June 2010", D(2010, 6, 30), None, False, "month", True),
    # Unreadable: parsed=False, never an exception.
    ("", None, None, False, "none", False),
    ("TBC", None, None, False, "none", False),
    ("Immediately", None, None, False, "none", False),
    ("March", None, None, False, "none", False),
    ("may be delayed", None, None, False, "none", False),
    ("early 2010", None, None, False, "none", False),
    ("31 February 2010", None, None, False, "none", False),
    ("2010/12", None, None, False, "none", False),
    ("Decision 2010", None, None, False, "none", False),
]


def _case_id(case: tuple[object, ...]) -> str:
    return repr(case[0])


@pytest.mark.parametrize(
    ("text", "due", "start", "ongoing", "precision", "parsed"),
    ACTION_PLAN_CASES + EDGE_CASES,
    ids=[_case_id(c) for c in ACTION_PLAN_CASES + EDGE_CASES],
)
def test_normalise_timescale(
    text: str, due: date | None, start: date | None, ongoing: bool, precision: str, parsed: bool
) -> None:
    assert normalise_timescale(text) == Timescale(
        text=text, due=due, start=start, ongoing=ongoing, precision=precision, parsed=parsed
    )


def test_table_covers_every_timescale_in_the_action_plan() -> None:
    with ACTION_PLAN.open(encoding="utf-8", newline="") as fh:
        in_csv = {row["timescale_text"] for row in csv.DictReader(fh) if row["timescale_text"]}
    in_table = {case[0] for case in ACTION_PLAN_CASES}
    assert in_csv == in_table


@pytest.mark.parametrize("value", [None, float("nan")])
def test_missing_values_are_unparsed_not_errors(value: object) -> None:
    result = normalise_timescale(value)  # type: ignore[arg-type]
    assert result == Timescale(text="")


@pytest.mark.parametrize(
    "text",
    ["Q5 2010", "13/13/2010", "0 March 2010", "Winter 2010/15", "--", "2010/", "/11", "?" * 200, "Sept", "Q 2010"],
)
def test_odd_text_never_raises(text: str) -> None:
    result = normalise_timescale(text)
    assert isinstance(result, Timescale)
    assert result.text == text


def test_timescale_is_frozen() -> None:
    result = normalise_timescale("April 2010")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.due = None  # type: ignore[misc]
