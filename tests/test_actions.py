"""The action tracker's logic: where each item stood on a date, the URL, the timeline, and its reference checks.

Run on the synthetic store's four actions and four milestones (tests/synthetic.py), so a change to the
shipped plans never breaks them; what the transcription of the two plans holds, and how the shipped
plans come out through this logic, is audited in test_audit_actions.py.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest

from indicators.actions.chart import STATUS_STYLE, gantt_figure
from indicators.actions.model import (
    DONE,
    NO_DATE,
    NO_STATUS,
    NOT_YET_DUE,
    ONGOING,
    OVERDUE,
    as_at_table,
    headline,
    item_links,
    summarise,
    timing,
    tracker_items,
)
from indicators.actions.selection import Selection, filter_items, parse_selection, plan_options, selection_params
from indicators.actions.status_log import StatusUpdate
from indicators.actions.view import tracker_view
from indicators.analysis.areas import parse_selection as parse_area_selection
from indicators.store.load import Store, table_problems
from indicators.store.schemas import TABLES

TODAY = date(2026, 1, 15)
# The synthetic plans: R1.1 due 30 Apr 2010; R1.2 ongoing, no start; R2.1 ongoing from 1 Jan 2010;
# R2.2 with no timescale. Milestones I1.1 (Q1 2020), I1.2 (Q3-Q4, unreadable), I2.1 (Q2, quarter
# uncertain), E1.1 (Q4). Leads "Test Lead A; Test Lead B" throughout.


@pytest.fixture(scope="module")
def items(synthetic_store: Store) -> pd.DataFrame:
    return tracker_items(synthetic_store)


@pytest.fixture(scope="module")
def links(synthetic_store: Store, items: pd.DataFrame) -> pd.DataFrame:
    return item_links(synthetic_store, items)


@pytest.fixture(scope="module")
def options_for(synthetic_store: Store, items: pd.DataFrame, links: pd.DataFrame) -> dict:
    elements = synthetic_store.plan_elements
    goals = elements.loc[elements["kind"] == "goal"].set_index("element_id")["title"].to_dict()
    return {plan: plan_options(items, links, goals, plan=plan) for plan in ("audit", "2020")}


def _update(item: str, status: str, day: date) -> StatusUpdate:
    return StatusUpdate(item, status, day, "note", "tester", datetime(2026, 1, 1, tzinfo=UTC))


D = date


# --- where an item stood on a date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "start", "ongoing", "status", "as_at", "expected"),
    [
        (D(2010, 4, 30), None, False, "no update", D(2010, 4, 30), NOT_YET_DUE),  # due today is not yet late
        (D(2010, 4, 30), None, False, "no update", D(2010, 5, 1), NO_STATUS),  # nothing recorded: not "overdue"
        (D(2010, 4, 30), None, False, "on track", D(2010, 5, 1), OVERDUE),
        (D(2010, 4, 30), None, False, "done", D(2010, 5, 1), DONE),
        (D(2010, 4, 30), None, False, "done", D(2010, 1, 1), DONE),  # done early
        (None, D(2010, 4, 1), True, "no update", D(2010, 3, 1), NOT_YET_DUE),  # open-ended, not started yet
        (None, D(2010, 4, 1), True, "at risk", D(2010, 5, 1), ONGOING),
        (None, None, True, "no update", D(2010, 5, 1), ONGOING),
        (None, None, False, "no update", D(2010, 5, 1), NO_DATE),
    ],
)
def test_timing(due: date | None, start: date | None, ongoing: bool, status: str, as_at: date, expected: str) -> None:
    assert timing(due=due, start=start, ongoing=ongoing, status=status, as_at=as_at) == expected


UPDATES = [
    _update("R2.2", "at risk", D(2010, 1, 10)),
    _update("R1.1", "on track", D(2010, 3, 1)),
    _update("R1.1", "done", D(2010, 6, 1)),
]


@pytest.mark.parametrize(
    ("as_at", "updates", "due", "done_of_due", "overdue", "no_status", "ongoing", "not_yet_due"),
    [
        (D(2009, 12, 31), UPDATES, 0, 0, 0, 0, 1, 2),  # R2.1 starts tomorrow: not yet due
        (D(2010, 1, 1), UPDATES, 0, 0, 0, 0, 2, 1),  # R2.1 starts today: ongoing
        (D(2010, 4, 30), UPDATES, 1, 0, 0, 0, 2, 1),  # R1.1 is due that day: counted due, not yet late
        (D(2010, 5, 1), UPDATES, 1, 0, 1, 0, 2, 0),  # R1.1 past due, last said "on track": overdue
        (D(2010, 5, 1), [], 1, 0, 0, 1, 2, 0),  # past due with nothing recorded: not called overdue
        (D(2010, 6, 1), UPDATES, 1, 1, 0, 0, 2, 0),  # R1.1 done from 1 June
    ],
)
def test_what_was_due_done_and_overdue_as_at_a_date(
    items: pd.DataFrame,
    as_at: date,
    updates: list[StatusUpdate],
    due: int,
    done_of_due: int,
    overdue: int,
    no_status: int,
    ongoing: int,
    not_yet_due: int,
) -> None:
    audit = items[items["plan"] == "audit"]
    summary = summarise(as_at_table(audit, updates, as_at=as_at))
    assert summary.total == 4
    assert (summary.due, summary.done_of_due, summary.overdue, summary.no_status) == (
        due,
        done_of_due,
        overdue,
        no_status,
    )
    assert (summary.ongoing, summary.not_yet_due) == (ongoing, not_yet_due)
    assert summary.no_date == 1  # R2.2 has no timescale


def test_status_shown_is_the_one_dated_by_the_as_at_date(items: pd.DataFrame) -> None:
    audit = items[items["plan"] == "audit"]
    early = as_at_table(audit, UPDATES, as_at=D(2010, 4, 1)).set_index("item_id")
    late = as_at_table(audit, UPDATES, as_at=D(2010, 7, 1)).set_index("item_id")
    assert (early.at["R1.1", "status"], late.at["R1.1", "status"]) == ("on track", "done")
    assert (early.at["R1.1", "timing"], late.at["R1.1", "timing"]) == (NOT_YET_DUE, DONE)
    assert early.at["R2.1", "status"] == "no update"
    assert (early.at["R2.2", "status"], early.at["R2.2", "timing"]) == ("at risk", NO_DATE)
    assert as_at_table(audit, UPDATES, as_at=D(2010, 1, 9)).set_index("item_id").at["R2.2", "status"] == "no update"


@pytest.mark.parametrize(
    ("plan", "as_at", "updates", "expected"),
    [
        ("audit", D(2010, 6, 1), UPDATES, "As at 1 Jun 2010, 1 of 4 actions were due: 1 done, 0 overdue"),
        (
            "audit",
            D(2010, 6, 1),
            [],
            "As at 1 Jun 2010, 1 of 4 actions were due: 0 done, 0 overdue, 1 with no status recorded",
        ),
        ("audit", D(2010, 5, 1), UPDATES, "As at 1 May 2010, 1 of 4 actions were due: 0 done, 1 overdue"),
        ("audit", D(2009, 6, 1), [], "As at 1 Jun 2009, none of the 4 actions was due yet"),
        (
            "2020",
            D(2020, 6, 30),
            [],
            "As at 30 Jun 2020, 2 of 4 milestones were due: 0 done, 0 overdue, 1 with no status recorded",
        ),
    ],
)
def test_headline_states_the_finding(
    items: pd.DataFrame, plan: str, as_at: date, updates: list[StatusUpdate], expected: str
) -> None:
    table = as_at_table(items[items["plan"] == plan], updates, as_at=as_at)
    assert headline(summarise(table), as_at=as_at, plan=plan) == expected


def test_headline_for_one_item_and_for_none(items: pd.DataFrame) -> None:
    one = as_at_table(items[items["item_id"] == "R1.1"], [], as_at=D(2010, 1, 1))
    assert (
        headline(summarise(one), as_at=D(2010, 1, 1), plan="audit")
        == "As at 1 Jan 2010, none of the 1 action was due yet"
    )
    none = as_at_table(items[items["item_id"] == "nothing"], [], as_at=D(2010, 1, 1))
    assert (
        headline(summarise(none), as_at=D(2010, 1, 1), plan="2020")
        == "As at 1 Jan 2010, no milestones match these filters"
    )


# --- links: goals, indicators, pages ---------------------------------------------------------------------------


def test_indicator_links_open_the_indicator_page(synthetic_store: Store, links: pd.DataFrame) -> None:
    known = set(synthetic_store.indicators["indicator_id"])
    indicator_links = links[links["target_kind"] == "indicator"]
    # R1's link is inherited by both its actions; R2.1 and I1.1 have their own.
    assert sorted(indicator_links["item_id"]) == ["I1.1", "R1.1", "R1.2", "R2.1"]
    for url, target in zip(indicator_links["url"], indicator_links["target_id"], strict=True):
        parts = urlsplit(url)
        assert parts.path == "./indicator"
        assert dict(parse_qsl(parts.query)) == {"id": target}
        assert target in known


def test_explorer_links_open_a_view_the_explorer_accepts(synthetic_store: Store, links: pd.DataFrame) -> None:
    msoas = set(synthetic_store.areas.loc[synthetic_store.areas["area_type"] == "MSOA", "area_code"])
    pages = links[links["target_kind"] == "page"]
    assert set(pages["url"]) == {"./explorer", "./explorer?filter=most_deprived&groups=most"}
    for url in pages["url"]:
        params = dict(parse_qsl(urlsplit(url).query))
        parse_area_selection(params, msoa_codes=msoas)  # raises SelectionError if the explorer would refuse it


def test_goals_come_from_the_item_or_its_group(links: pd.DataFrame) -> None:
    goals = links.groupby("item_id")["goal_id"].agg(lambda g: set(g.dropna()))
    assert goals["R1.1"] == {"goal.connected_care"}  # its recommendation's goal
    assert goals["R1.2"] == {"goal.connected_care"}  # and through its own priority's parent goal
    assert goals["R2.1"] == goals["R2.2"] == set()
    assert goals["E1.1"] == set()  # a Plan enabler is not a goal
    # R2.2 says it has no goal; I2.1's "no indicator" stays, having none of its own.
    assert ((links["item_id"] == "R2.2") & (links["target_kind"] == "none")).any()
    assert ((links["item_id"] == "I2.1") & (links["target_kind"] == "none")).any()


@pytest.mark.parametrize(
    ("table", "column", "value", "message"),
    [
        ("action_links", "target_id", "smoking_prevalance", "unknown indicator"),
        ("action_links", "item_id", "R9.1", "no action, milestone or group 'R9.1'"),
        ("milestones", "milestone", "Clean text for an unreadable milestone", "filled exactly when"),
        ("actions", "organisation_quote", None, "needs the document's words"),
        ("actions", "source_id", "kpmg_audit", "unknown source 'kpmg_audit'"),
        ("milestones", "source_id", "hwb_2019", "unknown source 'hwb_2019'"),
    ],
)
def test_broken_references_are_named(
    synthetic_store: Store, table: str, column: str, value: object, message: str
) -> None:
    store = synthetic_store
    frame = getattr(store, table).copy()
    if table == "action_links":
        row = frame.index[frame["target_kind"] == "indicator"][0] if column == "target_id" else frame.index[0]
    elif table == "milestones":
        row = frame.index[~frame["readable"]][0] if column == "milestone" else frame.index[3]
    else:
        row = frame.index[frame["organisations"] != "Not stated"][0]
    frame.loc[row, column] = value
    tables = {name: getattr(dataclasses.replace(store, **{table: frame}), name) for name in TABLES}
    found = {name: problems for name, problems in table_problems(tables).items() if problems}
    assert list(found) == [table]
    (problem,) = found[table]
    assert problem.startswith(f"{table}: ") and message in problem and f"row {row + 1}" in problem


# --- the selection in the URL ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"plan": "audit", "as_at": "2010-06-30"},
        {"plan": "audit", "as_at": "2010-06-30", "group": "R1,R2", "lead": "Test Lead B", "org": "NHS Leeds"},
        {"plan": "2020", "as_at": "2020-09-30", "group": "I1,E1", "goal": "goal.good_health", "item": "I1.1"},
        {"plan": "2020", "as_at": "2021-01-01", "goal": "none"},
    ],
)
def test_a_link_reproduces_its_selection(options_for: dict, params: dict[str, str]) -> None:
    selection, problems = parse_selection(params, options_for=options_for, today=TODAY)
    assert problems == []
    assert selection_params(selection, today=TODAY) == params


def test_no_parameters_means_the_audit_plan_as_at_today(options_for: dict) -> None:
    selection, problems = parse_selection({}, options_for=options_for, today=TODAY)
    assert (selection, problems) == (Selection(), [])
    assert selection_params(selection, today=TODAY) == {"plan": "audit", "as_at": "2026-01-15"}


def test_filter_choices_come_from_the_plan(options_for: dict) -> None:
    audit, plan_2020 = options_for["audit"], options_for["2020"]
    assert list(audit.groups) == ["R1", "R2"] and list(plan_2020.groups) == ["I1", "I2", "E1"]
    assert audit.leads == ("Test Lead A", "Test Lead B")
    assert audit.organisations == ("NHS Leeds", "Leeds City Council", "Not stated")
    assert list(audit.goals) == ["goal.connected_care", "none"]
    assert list(plan_2020.goals) == ["goal.good_health", "goal.mental_health", "none"]


@pytest.mark.parametrize(
    ("params", "message", "kept"),
    [
        ({"plan": "2030"}, "There is no plan '2030'", Selection()),
        ({"as_at": "31/06/2010"}, "'31/06/2010' is not a date", Selection()),
        ({"as_at": "1990-01-01"}, "outside the dates this page covers", Selection()),
        ({"as_at": "2032-01-01"}, "outside the dates this page covers", Selection()),  # five years ahead, and a day
        ({"group": "R2,R9"}, "No R9 in this plan", Selection(groups=("R2",))),
        ({"plan": "2020", "group": "R2"}, "No R2 in this plan", Selection(plan="2020")),
        ({"lead": "Nobody"}, "No lead 'Nobody'", Selection()),
        ({"org": "NHS England"}, "No organisation 'NHS England'", Selection()),
        ({"goal": "goal.wealth"}, "No Plan goal 'goal.wealth'", Selection()),
        ({"goal": "goal.good_health"}, "No Plan goal 'goal.good_health'", Selection()),  # a goal of the other plan
        ({"item": "I1.1"}, "No action or milestone 'I1.1'", Selection()),
    ],
)
def test_unknown_link_values_are_dropped_with_a_message(
    options_for: dict, params: dict[str, str], message: str, kept: Selection
) -> None:
    selection, problems = parse_selection(params, options_for=options_for, today=TODAY)
    assert selection == kept
    assert len(problems) == 1 and message in problems[0]


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(lead="Test Lead B"), ["R1.1", "R1.2", "R2.1", "R2.2"]),
        (Selection(lead="Test Lead"), []),  # a lead is a whole name, not part of one
        (Selection(organisation="NHS Leeds"), ["R1.2", "R2.1"]),
        (Selection(organisation="Leeds City Council", groups=("R2",)), ["R2.1", "R2.2"]),
        (Selection(organisation="Not stated"), ["R1.1"]),
        (Selection(goal="goal.connected_care"), ["R1.1", "R1.2"]),
        (Selection(goal="none"), ["R2.1", "R2.2"]),
        (Selection(plan="2020", goal="goal.good_health"), ["I1.1", "I1.2"]),
        (Selection(plan="2020", goal="none"), ["E1.1"]),
        (Selection(plan="2020", groups=("I2", "E1")), ["I2.1", "E1.1"]),
    ],
)
def test_filters(items: pd.DataFrame, links: pd.DataFrame, selection: Selection, expected: list[str]) -> None:
    assert list(filter_items(items, links, selection)["item_id"]) == expected


def test_a_lead_filter_keeps_only_the_items_naming_that_lead(items: pd.DataFrame, links: pd.DataFrame) -> None:
    changed = items.assign(leads=items["leads"].where(items["item_id"] != "R2.2", "Test Lead C"))
    assert list(filter_items(changed, links, Selection(lead="Test Lead B"))["item_id"]) == ["R1.1", "R1.2", "R2.1"]
    assert list(filter_items(changed, links, Selection(lead="Test Lead C"))["item_id"]) == ["R2.2"]


# --- the timeline ----------------------------------------------------------------------------------------------


def _traces(fig) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"name": t.name, "mode": t.mode, "dash": t.line.dash, "points": sum(x is not None for x in t.x)}
            for t in fig.data
        ]
    )


def test_audit_timeline_invents_no_start_dates(items: pd.DataFrame, links: pd.DataFrame) -> None:
    """Given an action with only a due date, then it is a marker; only the ongoing one with a start gets a bar."""
    view = tracker_view(
        items=items, links=links, updates=UPDATES, selection=Selection(as_at=D(2010, 6, 1)), today=TODAY
    )
    traces = _traces(view.figure)
    markers = traces[traces["mode"] == "markers+text"]
    assert markers["points"].sum() == 2  # R1.1 at its due date, R2.1 at its start
    bars = traces[(traces["mode"] == "lines") & traces["name"].isna()]
    assert list(bars["dash"]) == ["dot"] and bars["points"].sum() == 2  # R2.1: from January 2010, ongoing
    assert set(view.off_chart["item_id"]) == {"R1.2", "R2.2"}  # ongoing with no start; no timescale
    reasons = view.off_chart.set_index("item_id")["reason"]
    assert reasons["R1.2"] == "“Ongoing” gives no date" and reasons["R2.2"] == "the document gives no timescale"
    assert view.figure.layout.title.text.startswith("<b>As at 1 Jun 2010, 1 of 4 actions")
    source = view.figure.layout.legend.title.text
    assert "Test action plan standing in for the audit action plan" in source.replace("<br>", " ")


def test_milestone_timeline_draws_each_quarter_as_a_bar(items: pd.DataFrame, links: pd.DataFrame) -> None:
    view = tracker_view(
        items=items, links=links, updates=[], selection=Selection(plan="2020", as_at=D(2020, 6, 30)), today=TODAY
    )
    traces = _traces(view.figure)
    bars = traces[(traces["mode"] == "lines") & traces["name"].isna()]
    assert list(bars["dash"]) == ["solid"] and bars["points"].sum() == 2 * 4
    assert list(view.unreadable["item_id"]) == ["I1.2"] and view.unreadable["raw_text"].notna().all()
    marks = [t for t in view.figure.data if t.mode == "markers+text"]
    assert any("(quarter uncertain)" in text for t in marks for text in t.text)  # I2.1


def test_status_is_shown_by_colour_and_by_symbol(items: pd.DataFrame) -> None:
    updates = [
        _update("R1.1", "done", D(2010, 3, 1)),
        _update("I1.1", "on track", D(2010, 3, 1)),
        _update("I1.2", "at risk", D(2010, 3, 1)),
        _update("I2.1", "not started", D(2010, 3, 1)),
    ]
    as_at = D(2010, 4, 1)
    rows = as_at_table(items, updates, as_at=as_at).assign(label=lambda f: f["item_id"])
    fig = gantt_figure(rows=rows, as_at=as_at, title="t", subtitle="s", source="src")
    markers = [t for t in fig.data if t.mode == "markers+text"]
    assert {t.name for t in markers} == {name for name, _, _ in STATUS_STYLE.values()}
    assert len({t.marker.color for t in markers}) == len({t.marker.symbol for t in markers}) == len(STATUS_STYLE)
    assert all(len(t.text) == len(t.y) and all(t.text) for t in markers)  # each marker also carries its timing in words


@pytest.mark.parametrize(
    ("as_at", "where"),
    [
        (D(2010, 6, 1), "inside"),
        (D(2011, 6, 1), "inside"),
        (D(2012, 1, 1), "after"),
        (D(2009, 1, 1), "inside"),
        (D(2008, 6, 1), "before"),
    ],
)
def test_as_at_line(items: pd.DataFrame, as_at: date, where: str) -> None:
    """The audit plan runs from January to April 2010: within a year either side the as-at line is drawn."""
    rows = as_at_table(items[items["plan"] == "audit"], [], as_at=as_at).assign(label=lambda f: f["item_id"])
    fig = gantt_figure(rows=rows, as_at=as_at, title="t", subtitle="s", source="src")
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    texts = [a.text for a in fig.layout.annotations]
    if where == "inside":
        assert len(lines) == 1 and pd.Timestamp(lines[0].x0) == pd.Timestamp(as_at)
    else:
        assert lines == []
        edge = "beyond this range" if where == "after" else "← As at"
        assert any(edge in t for t in texts), texts
    assert fig.layout.legend.title.text.startswith("Source: src")


def test_a_filter_that_matches_nothing_says_so(items: pd.DataFrame, links: pd.DataFrame) -> None:
    """R1's actions name no council: the view says nothing matches rather than failing to count."""
    selection = Selection(groups=("R1",), organisation="Leeds City Council")
    view = tracker_view(items=items, links=links, updates=UPDATES, selection=selection, today=TODAY)
    assert view.title == "As at 15 Jan 2026, no actions match these filters"
    assert view.table.empty and view.summary.total == 0
