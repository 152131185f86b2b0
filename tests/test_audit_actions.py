"""The action tracker on the shipped documents: both plans in full, their timescales, organisations and links."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from indicators.actions.model import item_links, tracker_items
from indicators.store.load import Store

pytestmark = pytest.mark.data_audit
D = date


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
