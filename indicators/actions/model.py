"""The action tracker's logic: actions and milestones as one list, their links, and where each stood on a date.

Two plans share one shape here: the 2009-10 audit action plan (actions grouped by
recommendation, with leads and a timescale) and the Plan's 2020 milestones (grouped by
initiative or enabler, set for a quarter). What an item is meant to move (Plan goals,
indicators, pages) is a judgement recorded in data/sources/action_links.csv, with a reason
for each link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from indicators.actions.status_log import StatusUpdate, status_as_at
from indicators.store.checks import INDICATOR_PAGE, page_title
from indicators.store.schemas import NOT_STATED

if TYPE_CHECKING:
    from indicators.store.load import Store

PLANS = {"audit": "Audit action plan (2010-11)", "2020": "Leeds Plan milestones (2020)"}
NOUNS = {"audit": ("action", "actions"), "2020": ("milestone", "milestones")}
NO_GOAL = "none"
NO_UPDATE = "no update"
DONE, OVERDUE, NOT_YET_DUE, ONGOING, NO_DATE = "Done", "Overdue", "Not yet due", "Ongoing", "No date given"
# Past its due date with nothing recorded: whether it was done is unknown, so it is not called overdue.
NO_STATUS = "No status recorded"


def _quarter_words(first: str, last: str) -> str:
    if first == last:
        return f"{first[-2:]} {first[:4]}"
    return f"{first[-2:]}–{last[-2:]} {last[:4]}"


def _published_words(published: str) -> str:
    """A publication date in words where it is a date ("11 Dec 2019"), else as the source list gives it."""
    try:
        return day_words(date.fromisoformat(published))
    except ValueError:
        return published


def tracker_items(store: Store) -> pd.DataFrame:
    """Actions and milestones as one table, one row per item, in document order."""
    a = store.actions
    actions = pd.DataFrame(
        {
            "item_id": a["action_id"],
            "plan": "audit",
            "group_id": "R" + a["recommendation_no"].astype(str),
            "group_label": "Recommendation " + a["recommendation_no"].astype(str),
            "group_title": a["recommendation"],
            "text": a["action"],
            "readable": True,
            "raw_text": None,
            "leads": a["leads"],
            "organisations": a["organisations"],
            "organisation_basis": a["organisation_explanation"],
            "outcome": a["outcome"],
            "timescale": a["timescale_text"].fillna("No timescale given"),
            "start": a["start"],
            "due": a["due"],
            "ongoing": a["ongoing"],
            "quarter_confident": True,
            "note": a["note"],
            "citation": a["citation"],
        }
    )
    m = store.milestones
    prefix = m["strand_kind"].map({"initiative": "I", "enabler": "E"})
    uncertain = (~m["quarter_confident"]).map({True: " (quarter uncertain)", False: ""})
    milestones = pd.DataFrame(
        {
            "item_id": m["milestone_id"],
            "plan": "2020",
            "group_id": prefix + m["strand_no"].astype(str),
            "group_label": m["strand_kind"].str.capitalize() + " " + m["strand_no"].astype(str),
            "group_title": m["strand"],
            "text": m["milestone"].where(m["readable"]),
            "readable": m["readable"],
            "raw_text": m["raw_text"].where(~m["readable"]),
            "leads": NOT_STATED,
            "organisations": NOT_STATED,
            "organisation_basis": "The appendix names no lead or organisation for its milestones.",
            "outcome": None,
            "timescale": [_quarter_words(f, t) for f, t in zip(m["quarter"], m["last_quarter"], strict=True)]
            + uncertain,
            "start": m["start"],
            "due": m["due"],
            "ongoing": False,
            "quarter_confident": m["quarter_confident"],
            "note": m["note"],
            "citation": m["citation"],
        }
    )
    items = pd.concat([actions, milestones], ignore_index=True)
    sources = store.sources.set_index("source_id")
    line = sources["title"] + ", " + sources["published"].map(_published_words)
    items["source"] = pd.concat([a["source_id"], m["source_id"]], ignore_index=True).map(line)
    items["display_text"] = items["text"].where(items["readable"], "Unreadable in the source")
    return items


def item_links(store: Store, items: pd.DataFrame) -> pd.DataFrame:
    """Every link of every item (its own and its group's), with the target's title, address and reason."""
    links = store.action_links
    own = items[["item_id", "group_id"]].merge(links, on="item_id").assign(via=lambda f: f["item_id"])
    inherited = items[["item_id", "group_id"]].merge(links.rename(columns={"item_id": "group_id"}), on="group_id")
    inherited["via"] = inherited["group_id"]
    out = pd.concat([inherited, own], ignore_index=True).drop(columns="group_id")
    elements = store.plan_elements.set_index("element_id")
    titles = store.indicators.set_index("indicator_id")["title"]
    kind = out["target_kind"]
    out["element_kind"] = out["target_id"].map(elements["kind"]).where(kind == "plan_element")
    out["goal_id"] = out["target_id"].where(out["element_kind"] == "goal")
    parent_goal = out["target_id"].map(elements["parent_id"]).where(out["element_kind"].isin(["priority", "measure"]))
    out["goal_id"] = out["goal_id"].fillna(parent_goal)
    out["title"] = (
        out["target_id"]
        .map(elements["title"])
        .where(kind == "plan_element")
        .fillna(out["target_id"].map(titles).where(kind == "indicator"))
        .fillna(out["target_id"].map(page_title).where(kind == "page"))
        .fillna(out["target_id"].map({"goal": "No Plan goal", "indicator": "No indicator in the store"}))
    )
    out["url"] = None
    out.loc[kind == "indicator", "url"] = "./" + INDICATOR_PAGE + "?id=" + out["target_id"]
    out.loc[kind == "page", "url"] = "./" + out["target_id"]
    # A group's "no goal" or "no indicator" gives way where the item itself has one.
    has_goal = set(out.loc[out["goal_id"].notna(), "item_id"])
    has_measure = set(out.loc[kind.isin(["indicator", "page"]), "item_id"])
    drop = ((kind == "none") & (out["target_id"] == "goal") & out["item_id"].isin(has_goal)) | (
        (kind == "none") & (out["target_id"] == "indicator") & out["item_id"].isin(has_measure)
    )
    out = out[~drop].drop_duplicates(["item_id", "target_kind", "target_id"], keep="last")
    return out.reset_index(drop=True)


def timing(*, due: date | None, start: date | None, ongoing: bool, status: str, as_at: date) -> str:
    """Where an item stood on a date: done, overdue, not yet due, ongoing, without a date, or no status recorded.

    Past its due date, an item is overdue only if some status was recorded by then (and it was not
    'done'); with none recorded nobody has said, so it reads "no status recorded".
    """
    if status == "done":
        return DONE
    if due is not None:
        if due >= as_at:
            return NOT_YET_DUE
        return NO_STATUS if status == NO_UPDATE else OVERDUE
    if ongoing:
        return NOT_YET_DUE if start is not None and start > as_at else ONGOING
    return NO_DATE


def _day(value: object) -> date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def as_at_table(items: pd.DataFrame, updates: list[StatusUpdate], *, as_at: date) -> pd.DataFrame:
    """Items with their status as at the date (latest update dated on or before it) and their timing."""
    current = status_as_at(updates, as_at=as_at)
    out = items.copy()
    out["status"] = [current[i].status if i in current else NO_UPDATE for i in out["item_id"]]
    out["status_date"] = [current[i].status_date if i in current else None for i in out["item_id"]]
    out["status_note"] = [current[i].note if i in current else None for i in out["item_id"]]
    out["timing"] = [
        timing(due=_day(d), start=_day(s), ongoing=bool(o), status=st, as_at=as_at)
        for d, s, o, st in zip(out["due"], out["start"], out["ongoing"], out["status"], strict=True)
    ]
    # Built as booleans even for no rows: a filter that matches nothing still gets its headline.
    due = [_day(d) for d in out["due"]]
    out["due_by_as_at"] = pd.Series([d is not None and d <= as_at for d in due], index=out.index, dtype=bool)
    return out


@dataclass(frozen=True)
class Summary:
    """Counts behind the headline: how many items, how many due by the date, done, overdue."""

    total: int
    due: int
    done: int
    done_of_due: int
    overdue: int
    ongoing: int
    not_yet_due: int
    no_date: int
    with_status: int
    no_status: int = 0


def summarise(table: pd.DataFrame) -> Summary:
    """Count the items of an as-at table by timing."""
    counts = table["timing"].value_counts()
    return Summary(
        total=len(table),
        due=int(table["due_by_as_at"].sum()),
        done=int(counts.get(DONE, 0)),
        done_of_due=int(((table["timing"] == DONE) & table["due_by_as_at"]).sum()),
        overdue=int(counts.get(OVERDUE, 0)),
        ongoing=int(counts.get(ONGOING, 0)),
        not_yet_due=int(counts.get(NOT_YET_DUE, 0)),
        no_date=int(counts.get(NO_DATE, 0)),
        with_status=int((table["status"] != NO_UPDATE).sum()),
        no_status=int(counts.get(NO_STATUS, 0)),
    )


def day_words(day: date) -> str:
    """A date as a person writes it: 31 May 2010."""
    return f"{day.day} {day:%b %Y}"


def headline(summary: Summary, *, as_at: date, plan: str) -> str:
    """The finding in plain words, for the chart title."""
    one, many = NOUNS[plan]
    when = f"As at {day_words(as_at)}"
    if summary.total == 0:
        return f"{when}, no {many} match these filters"
    noun = one if summary.total == 1 else many
    if summary.due == 0:
        return f"{when}, none of the {summary.total} {noun} was due yet"
    text = f"{when}, {summary.due} of {summary.total} {noun} were due: {summary.done_of_due} done, "
    text += f"{summary.overdue} overdue"
    if summary.no_status:
        text += f", {summary.no_status} with no status recorded"
    return text
