"""The action tracker's logic: where each item stood on a date, the URL, the timeline, and its reference checks.

Most of it runs on the two plans as transcribed (fixed historical documents that new figures never
change), so those tests read the shipped tables and carry the data_audit marker; what the transcription
itself holds is audited in test_audit_actions.py.
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
from indicators.store.load import Store, table_problems
from indicators.store.schemas import TABLES

TODAY = date(2026, 1, 15)


@pytest.fixture(scope="module")
def items(store: Store) -> pd.DataFrame:
    return tracker_items(store)


@pytest.fixture(scope="module")
def links(store: Store, items: pd.DataFrame) -> pd.DataFrame:
    return item_links(store, items)


@pytest.fixture(scope="module")
def options_for(store: Store, items: pd.DataFrame, links: pd.DataFrame) -> dict:
    goals = store.plan_elements.loc[store.plan_elements["kind"] == "goal"].set_index("element_id")["title"].to_dict()
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


AUDIT_UPDATES = [
    _update("R2.1", "done", D(2010, 1, 20)),
    _update("R2.2", "at risk", D(2010, 1, 10)),
    _update("R1.1", "on track", D(2010, 3, 1)),
    _update("R1.1", "done", D(2010, 6, 1)),
]


@pytest.mark.data_audit
@pytest.mark.parametrize(
    ("as_at", "due", "done_of_due", "overdue", "ongoing", "not_yet_due"),
    [
        (D(2009, 12, 31), 0, 0, 0, 2, 19),  # 'April 2010 onwards' has not started yet
        (D(2010, 1, 31), 4, 1, 0, 2, 18),  # four actions due in January 2010; R2.1 done on the 20th
        (D(2010, 2, 1), 4, 1, 3, 2, 15),
        (D(2010, 5, 31), 12, 1, 10, 3, 7),  # R2.6 is due that day, not yet late
        (D(2010, 6, 1), 12, 2, 10, 3, 6),  # R1.1 done from 1 June
        (D(2011, 5, 1), 18, 2, 16, 3, 0),
    ],
)
def test_what_was_due_done_and_overdue_as_at_a_date(
    items: pd.DataFrame,
    as_at: date,
    due: int,
    done_of_due: int,
    overdue: int,
    ongoing: int,
    not_yet_due: int,
) -> None:
    audit = items[items["plan"] == "audit"]
    summary = summarise(as_at_table(audit, AUDIT_UPDATES, as_at=as_at))
    assert summary.total == 22
    # Past due is overdue when a status other than done was recorded, "no status recorded" when none was.
    assert (summary.due, summary.done_of_due, summary.overdue + summary.no_status) == (due, done_of_due, overdue)
    assert (summary.ongoing, summary.not_yet_due) == (ongoing, not_yet_due)
    assert summary.no_date == 1  # R4.2 has no timescale in the document


@pytest.mark.data_audit
def test_status_shown_is_the_one_dated_by_the_as_at_date(items: pd.DataFrame) -> None:
    audit = items[items["plan"] == "audit"]
    early = as_at_table(audit, AUDIT_UPDATES, as_at=D(2010, 4, 1)).set_index("item_id")
    late = as_at_table(audit, AUDIT_UPDATES, as_at=D(2010, 7, 1)).set_index("item_id")
    assert (early.at["R1.1", "status"], late.at["R1.1", "status"]) == ("on track", "done")
    assert (early.at["R1.1", "timing"], late.at["R1.1", "timing"]) == (NOT_YET_DUE, DONE)
    assert early.at["R5.1", "status"] == "no update"


@pytest.mark.data_audit
@pytest.mark.parametrize(
    ("plan", "as_at", "updates", "expected"),
    [
        (
            "audit",
            D(2010, 6, 1),
            AUDIT_UPDATES,
            "As at 1 Jun 2010, 12 of 22 actions were due: 2 done, 1 overdue, 9 with no status recorded",
        ),
        (
            "audit",
            D(2010, 6, 1),
            [],
            "As at 1 Jun 2010, 12 of 22 actions were due: 0 done, 0 overdue, 12 with no status recorded",
        ),
        ("audit", D(2009, 6, 1), [], "As at 1 Jun 2009, none of the 22 actions was due yet"),
        (
            "2020",
            D(2020, 6, 30),
            [],
            "As at 30 Jun 2020, 30 of 51 milestones were due: 0 done, 0 overdue, 16 with no status recorded",
        ),
    ],
)
def test_headline_states_the_finding(
    items: pd.DataFrame, plan: str, as_at: date, updates: list[StatusUpdate], expected: str
) -> None:
    table = as_at_table(items[items["plan"] == plan], updates, as_at=as_at)
    assert headline(summarise(table), as_at=as_at, plan=plan) == expected


# --- links: goals, indicators, pages ---------------------------------------------------------------------------


@pytest.mark.data_audit
def test_indicator_links_name_real_indicators(store: Store, links: pd.DataFrame) -> None:
    known = set(store.indicators["indicator_id"])
    indicator_links = links[links["target_kind"] == "indicator"]
    assert len(indicator_links) > 0
    for url, target in zip(indicator_links["url"], indicator_links["target_id"], strict=True):
        parts = urlsplit(url)
        assert parts.path == "./indicator"
        assert dict(parse_qsl(parts.query)) == {"id": target}
        assert target in known


@pytest.mark.data_audit
def test_explorer_links_open_a_view_the_explorer_accepts(store: Store, links: pd.DataFrame) -> None:
    areas = pytest.importorskip("indicators.analysis.areas")
    msoas = set(store.areas.loc[store.areas["area_type"] == "MSOA", "area_code"])
    pages = links[links["target_kind"] == "page"]
    assert set(pages["url"].str.split("?").str[0]) == {"./explorer"}
    for url in pages["url"]:
        params = dict(parse_qsl(urlsplit(url).query))
        areas.parse_selection(params, msoa_codes=msoas)  # raises SelectionError if the explorer would refuse it


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


@pytest.mark.data_audit
@pytest.mark.parametrize(
    "params",
    [
        {"plan": "audit", "as_at": "2010-06-30"},
        {"plan": "audit", "as_at": "2010-06-30", "group": "R2,R4", "lead": "John England", "org": "NHS Leeds"},
        {"plan": "2020", "as_at": "2020-09-30", "group": "I1,E5", "goal": "goal.good_health", "item": "I1.4"},
        {"plan": "2020", "as_at": "2021-01-01", "goal": "none"},
    ],
)
def test_a_link_reproduces_its_selection(options_for: dict, params: dict[str, str]) -> None:
    selection, problems = parse_selection(params, options_for=options_for, today=TODAY)
    assert problems == []
    assert selection_params(selection, today=TODAY) == params


@pytest.mark.data_audit
def test_no_parameters_means_the_audit_plan_as_at_today(options_for: dict) -> None:
    selection, problems = parse_selection({}, options_for=options_for, today=TODAY)
    assert (selection, problems) == (Selection(), [])
    assert selection_params(selection, today=TODAY) == {"plan": "audit", "as_at": "2026-01-15"}


@pytest.mark.data_audit
@pytest.mark.parametrize(
    ("params", "message", "kept"),
    [
        ({"plan": "2030"}, "There is no plan '2030'", Selection()),
        ({"as_at": "31/06/2010"}, "'31/06/2010' is not a date", Selection()),
        ({"as_at": "1990-01-01"}, "outside the dates this page covers", Selection()),
        ({"group": "R2,R9"}, "No R9 in this plan", Selection(groups=("R2",))),
        ({"plan": "2020", "group": "R2"}, "No R2 in this plan", Selection(plan="2020")),
        ({"lead": "Nobody"}, "No lead 'Nobody'", Selection()),
        ({"org": "NHS England"}, "No organisation 'NHS England'", Selection()),
        ({"goal": "goal.wealth"}, "No Plan goal 'goal.wealth'", Selection()),
        ({"item": "I1.1"}, "No action or milestone 'I1.1'", Selection()),
    ],
)
def test_unknown_link_values_are_dropped_with_a_message(
    options_for: dict, params: dict[str, str], message: str, kept: Selection
) -> None:
    selection, problems = parse_selection(params, options_for=options_for, today=TODAY)
    assert selection == kept
    assert len(problems) == 1 and message in problems[0]


@pytest.mark.data_audit
@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(lead="John England"), ["R1.1", "R1.2", "R1.3", "R2.4", "R3.1", "R3.2", "R3.3", "R5.4"]),
        (Selection(lead="Health and Well Being Improvement Managers"), ["R2.2", "R2.3", "R2.6"]),
        (Selection(organisation="NHS Leeds", groups=("R2",)), ["R2.1", "R2.4"]),
        (Selection(organisation="Not stated"), ["R1.1", "R1.2", "R1.3", "R1.4", "R2.2", "R2.3", "R2.5", "R2.6"]),
        (Selection(goal="goal.good_health"), ["R1.3", "R4.3", "R4.4"]),
        (Selection(goal="none", groups=("R3", "R5")), ["R3.1", "R3.2", "R3.3", "R5.1", "R5.2", "R5.3", "R5.4"]),
        (Selection(plan="2020", goal="goal.mental_health"), ["I5.1"]),
        (Selection(plan="2020", groups=("I3",)), ["I3.1", "I3.2"]),
    ],
)
def test_filters(items: pd.DataFrame, links: pd.DataFrame, selection: Selection, expected: list[str]) -> None:
    assert list(filter_items(items, links, selection)["item_id"]) == expected


@pytest.mark.data_audit
def test_organisation_counts(items: pd.DataFrame, links: pd.DataFrame) -> None:
    orgs = ("NHS Leeds", "Leeds City Council", "Not stated")
    counts = {org: len(filter_items(items, links, Selection(organisation=org))) for org in orgs}
    assert counts == {"NHS Leeds": 9, "Leeds City Council": 13, "Not stated": 8}


# --- the timeline ----------------------------------------------------------------------------------------------


def _traces(fig) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"name": t.name, "mode": t.mode, "dash": t.line.dash, "points": sum(x is not None for x in t.x)}
            for t in fig.data
        ]
    )


@pytest.mark.data_audit
def test_audit_timeline_invents_no_start_dates(items: pd.DataFrame, links: pd.DataFrame) -> None:
    """Given actions with only due dates, then each is a marker; only 'April 2010 onwards' gets a (dotted) bar."""
    view = tracker_view(
        items=items, links=links, updates=AUDIT_UPDATES, selection=Selection(as_at=D(2010, 6, 1)), today=TODAY
    )
    traces = _traces(view.figure)
    markers = traces[traces["mode"] == "markers+text"]
    assert markers["points"].sum() == 19  # 22 actions less three with no date (R3.3, R4.2, R4.4)
    bars = traces[(traces["mode"] == "lines") & traces["name"].isna()]
    assert list(bars["dash"]) == ["dot"] and bars["points"].sum() == 2  # R4.3: from April 2010, ongoing
    assert set(view.off_chart["item_id"]) == {"R3.3", "R4.2", "R4.4"}
    assert view.figure.layout.title.text.startswith("<b>As at 1 Jun 2010, 12 of 22 actions")
    source = view.figure.layout.legend.title.text
    assert "NHS Leeds and Leeds City Council action plan in response to the KPMG audit" in source.replace("<br>", " ")


@pytest.mark.data_audit
def test_milestone_timeline_draws_each_quarter_as_a_bar(items: pd.DataFrame, links: pd.DataFrame) -> None:
    view = tracker_view(
        items=items, links=links, updates=[], selection=Selection(plan="2020", as_at=D(2020, 6, 30)), today=TODAY
    )
    traces = _traces(view.figure)
    bars = traces[(traces["mode"] == "lines") & traces["name"].isna()]
    assert bars["points"].sum() == 2 * 51
    assert len(view.unreadable) == 12 and view.unreadable["raw_text"].notna().all()


@pytest.mark.data_audit
def test_status_is_shown_by_colour_and_by_symbol(items: pd.DataFrame, links: pd.DataFrame) -> None:
    updates = [
        _update("R1.1", "done", D(2010, 3, 1)),
        _update("R1.2", "on track", D(2010, 3, 1)),
        _update("R1.3", "at risk", D(2010, 3, 1)),
        _update("R1.4", "not started", D(2010, 3, 1)),
    ]
    view = tracker_view(
        items=items, links=links, updates=updates, selection=Selection(as_at=D(2010, 4, 1)), today=TODAY
    )
    markers = [t for t in view.figure.data if t.mode == "markers+text"]
    assert {t.name for t in markers} == {name for name, _, _ in STATUS_STYLE.values()}
    assert len({t.marker.color for t in markers}) == len({t.marker.symbol for t in markers}) == len(STATUS_STYLE)
    assert all(len(set(t.text)) >= 1 for t in markers)  # each marker also carries its timing in words


@pytest.mark.data_audit
@pytest.mark.parametrize(
    ("as_at", "inside"),
    [(D(2010, 6, 1), True), (D(2012, 1, 1), True), (D(2026, 1, 1), False), (D(2009, 1, 1), True)],
)
def test_as_at_line(items: pd.DataFrame, as_at: date, inside: bool) -> None:
    rows = as_at_table(items[items["plan"] == "audit"], [], as_at=as_at).assign(label=lambda f: f["item_id"])
    fig = gantt_figure(rows=rows, as_at=as_at, title="t", subtitle="s", source="src")
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    texts = [a.text for a in fig.layout.annotations]
    if inside:
        assert len(lines) == 1 and pd.Timestamp(lines[0].x0) == pd.Timestamp(as_at)
    else:
        assert lines == [] and any("beyond this range" in t for t in texts)
    assert fig.layout.legend.title.text.startswith("Source: src")
