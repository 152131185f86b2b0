"""The action tracker on the shipped documents: both plans in full, their timescales, organisations and links."""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest

from indicators.actions.model import as_at_table, item_links, summarise, tracker_items
from indicators.actions.selection import Selection, filter_items
from indicators.actions.status_log import StatusUpdate
from indicators.actions.view import tracker_view
from indicators.analysis.areas import parse_selection as parse_area_selection
from indicators.store.load import Store

pytestmark = pytest.mark.data_audit
D = date
TODAY = date(2026, 1, 15)


def _update(item: str, status: str, day: date) -> StatusUpdate:
    return StatusUpdate(item, status, day, "note", "tester", datetime(2026, 1, 1, tzinfo=UTC))


@pytest.fixture(scope="module")
def items(store: Store) -> pd.DataFrame:
    return tracker_items(store)


@pytest.fixture(scope="module")
def links(store: Store, items: pd.DataFrame) -> pd.DataFrame:
    return item_links(store, items)


def test_both_plans_are_listed_in_full(items: pd.DataFrame) -> None:
    assert items.groupby("plan").size().to_dict() == {"2020": 51, "audit": 22}
    assert items["item_id"].is_unique
    assert items.loc[items["plan"] == "audit", "group_id"].value_counts().to_dict() == {
        "R2": 6,
        "R4": 5,
        "R1": 4,
        "R5": 4,
        "R3": 3,
    }


def test_unreadable_milestones_keep_only_their_raw_fragments(items: pd.DataFrame) -> None:
    unreadable = items[~items["readable"].astype(bool)]
    assert len(unreadable) == 12
    assert unreadable["text"].isna().all()
    assert (unreadable["display_text"] == "Unreadable in the source").all()
    assert unreadable["raw_text"].notna().all()
    assert items.loc[items["readable"].astype(bool), "raw_text"].isna().all()


@pytest.mark.parametrize(
    ("item_id", "timescale", "start", "due", "ongoing"),
    [
        ("R1.1", "April 2010", None, D(2010, 4, 30), False),
        ("R1.3", "First pilot by June 2010", None, D(2010, 6, 30), False),
        ("R2.1", "Neighbourhood Index completed by January 2010", None, D(2010, 1, 31), False),
        ("R3.3", "Ongoing", None, None, True),
        ("R4.2", "No timescale given", None, None, False),
        ("R4.3", "April 2010 onwards", D(2010, 4, 1), None, True),
        ("R4.5", "2010 conference planned for March", None, D(2010, 3, 31), False),
        ("R1.4", "Jan 2011", None, D(2011, 1, 31), False),
        ("I1.4", "Q4 2020", D(2020, 10, 1), D(2020, 12, 31), False),
        ("E5.3", "Q1–Q4 2020", D(2020, 1, 1), D(2020, 12, 31), False),
        ("I2.2", "Q1 2020 (quarter uncertain)", D(2020, 1, 1), D(2020, 3, 31), False),
    ],
)
def test_timescales_become_dates(
    items: pd.DataFrame, item_id: str, timescale: str, start: date | None, due: date | None, ongoing: bool
) -> None:
    row = items.set_index("item_id").loc[item_id]
    as_day = lambda v: None if pd.isna(v) else pd.Timestamp(v).date()  # noqa: E731
    assert (row["timescale"], as_day(row["start"]), as_day(row["due"]), bool(row["ongoing"])) == (
        timescale,
        start,
        due,
        ongoing,
    )


def test_every_item_has_a_reasoned_goal_and_indicator_decision(items: pd.DataFrame, links: pd.DataFrame) -> None:
    """Mapping is a judgement: every item either has a goal and an indicator, or says why it has none."""
    assert links["rationale"].str.len().min() > 20
    for item_id in items["item_id"]:
        own = links[links["item_id"] == item_id]
        has_goal = own["goal_id"].notna().any() or ((own["target_kind"] == "none") & (own["target_id"] == "goal")).any()
        measured = own["target_kind"].isin(["indicator", "page"]).any()
        says_none = ((own["target_kind"] == "none") & (own["target_id"] == "indicator")).any()
        assert has_goal or own["target_kind"].eq("plan_element").any(), item_id
        assert measured != says_none, item_id  # one or the other, never both


@pytest.mark.parametrize(
    ("item_id", "target"),
    [
        ("R2.1", "explorer?filter=most_deprived&groups=most"),  # the 10% most deprived areas
        ("R1.3", "smoking_prevalence"),  # healthy living services: tobacco among the lifestyle risks
        ("I1.1", "smoking_prevalence"),
        ("I1.4", "lifestyle_advice_primary_care"),
        ("I5.1", "mh_community_recovery"),
        ("E5.4", "care_homes_nhsmail_ig"),
        ("E1.1", "recruitment_event_attendees"),
    ],
)
def test_expected_links(links: pd.DataFrame, item_id: str, target: str) -> None:
    assert target in set(links.loc[links["item_id"] == item_id, "target_id"])


@pytest.mark.parametrize(
    ("item_id", "goals"),
    [
        ("R1.1", {"goal.connected_care"}),
        ("R1.3", {"goal.connected_care", "goal.good_health"}),
        ("R3.1", set()),
        ("R4.1", set()),
        ("R4.3", {"goal.good_health"}),
        ("I5.1", {"goal.mental_health"}),
        ("E2.2", set()),
    ],
)
def test_goals_come_from_goal_and_priority_links(links: pd.DataFrame, item_id: str, goals: set[str]) -> None:
    assert set(links.loc[links["item_id"] == item_id, "goal_id"].dropna()) == goals


def test_a_groups_no_indicator_gives_way_to_an_items_own_link(links: pd.DataFrame) -> None:
    e54 = links[links["item_id"] == "E5.4"]
    assert "care_homes_nhsmail_ig" in set(e54["target_id"])
    assert not ((e54["target_kind"] == "none") & (e54["target_id"] == "indicator")).any()
    e51 = links[links["item_id"] == "E5.1"]
    assert ((e51["target_kind"] == "none") & (e51["target_id"] == "indicator")).any()


@pytest.mark.parametrize(
    ("action_id", "organisations"),
    [
        ("R1.1", "Not stated"),
        ("R2.1", "NHS Leeds; Leeds City Council"),
        ("R2.4", "NHS Leeds"),
        ("R3.2", "NHS Leeds; Leeds City Council"),
        ("R4.4", "Leeds City Council"),
        ("R5.3", "NHS Leeds; Leeds City Council"),
    ],
)
def test_organisations_only_where_the_document_names_them(store: Store, action_id: str, organisations: str) -> None:
    row = store.actions.set_index("action_id").loc[action_id]
    assert row["organisations"] == organisations
    if organisations == "Not stated":
        assert pd.isna(row["organisation_quote"])
    else:
        assert row["organisation_quote"] in row["action"] or row["organisation_quote"] in row["recommendation"]


def test_every_organisation_quote_is_the_documents_words(store: Store) -> None:
    named = store.actions[store.actions["organisations"] != "Not stated"]
    assert len(named) == 14
    for row in named.itertuples(index=False):
        assert row.organisation_quote in row.action or row.organisation_quote in row.recommendation, row.action_id


# --- the shipped plans through the tracker's logic (the logic itself: test_actions.py) ----------------------


AUDIT_UPDATES = [
    _update("R2.1", "done", D(2010, 1, 20)),
    _update("R2.2", "at risk", D(2010, 1, 10)),
    _update("R1.1", "on track", D(2010, 3, 1)),
    _update("R1.1", "done", D(2010, 6, 1)),
]


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
def test_the_audit_timetable_as_at_each_date(
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


def test_shipped_explorer_links_open_a_view_the_explorer_accepts(store: Store, links: pd.DataFrame) -> None:
    msoas = set(store.areas.loc[store.areas["area_type"] == "MSOA", "area_code"])
    pages = links[links["target_kind"] == "page"]
    assert set(pages["url"].str.split("?").str[0]) == {"./explorer"}
    for url in pages["url"]:
        params = dict(parse_qsl(urlsplit(url).query))
        parse_area_selection(params, msoa_codes=msoas)  # raises SelectionError if the explorer would refuse it


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
def test_leads_organisations_and_goals_as_transcribed_filter_the_plans(
    items: pd.DataFrame, links: pd.DataFrame, selection: Selection, expected: list[str]
) -> None:
    assert list(filter_items(items, links, selection)["item_id"]) == expected


def test_organisation_counts(items: pd.DataFrame, links: pd.DataFrame) -> None:
    orgs = ("NHS Leeds", "Leeds City Council", "Not stated")
    counts = {org: len(filter_items(items, links, Selection(organisation=org))) for org in orgs}
    assert counts == {"NHS Leeds": 9, "Leeds City Council": 13, "Not stated": 8}


def _traces(fig) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"name": t.name, "mode": t.mode, "dash": t.line.dash, "points": sum(x is not None for x in t.x)}
            for t in fig.data
        ]
    )


def test_the_audit_plans_timeline_as_transcribed(items: pd.DataFrame, links: pd.DataFrame) -> None:
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


def test_every_2020_milestone_has_a_quarter_bar(items: pd.DataFrame, links: pd.DataFrame) -> None:
    view = tracker_view(
        items=items, links=links, updates=[], selection=Selection(plan="2020", as_at=D(2020, 6, 30)), today=TODAY
    )
    traces = _traces(view.figure)
    bars = traces[(traces["mode"] == "lines") & traces["name"].isna()]
    assert bars["points"].sum() == 2 * 51
    assert len(view.unreadable) == 12 and view.unreadable["raw_text"].notna().all()
