"""What the action tracker shows: the plan, the as-at date and the filters, read from and written to the URL.

A copied link reproduces the view: every choice lives in the query parameters. A value the
plan does not know is dropped with a message saying what the link asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from indicators.actions.model import NO_GOAL, PLANS
from indicators.store.schemas import NOT_STATED, ORGANISATIONS

AS_AT_MIN = date(2009, 1, 1)


@dataclass(frozen=True)
class Selection:
    """What the page shows: which plan, as at which date, and the filters."""

    plan: str = "audit"
    as_at: date | None = None
    groups: tuple[str, ...] = ()
    lead: str | None = None
    organisation: str | None = None
    goal: str | None = None
    item: str | None = None


@dataclass(frozen=True)
class Options:
    """The choices a filter offers for one plan."""

    groups: dict[str, str]
    leads: tuple[str, ...]
    organisations: tuple[str, ...]
    goals: dict[str, str]
    items: dict[str, str]


def _split(value: object) -> list[str]:
    return [] if pd.isna(value) else [part.strip() for part in str(value).split(";") if part.strip()]


def plan_options(items: pd.DataFrame, links: pd.DataFrame, goal_titles: Mapping[str, str], *, plan: str) -> Options:
    """Filter choices for a plan, in document order."""
    rows = items[items["plan"] == plan]
    groups = dict(zip(rows["group_id"], rows["group_label"] + ": " + rows["group_title"], strict=True))
    leads = sorted({lead for value in rows["leads"] for lead in _split(value)})
    orgs = {org for value in rows["organisations"] for org in _split(value)}
    present = set(links.loc[links["item_id"].isin(rows["item_id"]), "goal_id"].dropna())
    goals = {g: title for g, title in goal_titles.items() if g in present}
    if set(rows["item_id"]) - set(links.loc[links["goal_id"].notna(), "item_id"]):
        goals[NO_GOAL] = "Not tied to one Plan goal"
    return Options(
        groups=groups,
        leads=tuple(leads),
        organisations=tuple(o for o in (*ORGANISATIONS, NOT_STATED) if o in orgs),
        goals=goals,
        items=dict(zip(rows["item_id"], rows["display_text"], strict=True)),
    )


def parse_selection(
    params: Mapping[str, str], *, options_for: Mapping[str, Options], today: date
) -> tuple[Selection, list[str]]:
    """Read the URL's query parameters; unknown values are dropped with a message saying what was asked for."""
    problems = []
    plan = params.get("plan", "audit")
    if plan not in PLANS:
        problems.append(f"There is no plan '{plan}'; showing the {PLANS['audit'].lower()}.")
        plan = "audit"
    options = options_for[plan]
    as_at = None
    if params.get("as_at"):
        try:
            as_at = date.fromisoformat(params["as_at"])
        except ValueError:
            problems.append(f"'{params['as_at']}' is not a date (use YYYY-MM-DD); showing today.")
        else:
            if not AS_AT_MIN <= as_at <= as_at_max(today):
                problems.append(f"{as_at:%d %b %Y} is outside the dates this page covers; showing today.")
                as_at = None
    groups = tuple(g for g in params.get("group", "").split(",") if g)
    unknown = [g for g in groups if g not in options.groups]
    if unknown:
        problems.append(f"No {', '.join(unknown)} in this plan; those filters are left out.")
    chosen = {}
    for key, allowed, what in (
        ("lead", options.leads, "lead"),
        ("org", options.organisations, "organisation"),
        ("goal", tuple(options.goals), "Plan goal"),
        ("item", tuple(options.items), "action or milestone"),
    ):
        value = params.get(key) or None
        if value is not None and value not in allowed:
            problems.append(f"No {what} '{value}' in this plan; that filter is left out.")
            value = None
        chosen[key] = value
    selection = Selection(
        plan=plan,
        as_at=as_at,
        groups=tuple(g for g in groups if g in options.groups),
        lead=chosen["lead"],
        organisation=chosen["org"],
        goal=chosen["goal"],
        item=chosen["item"],
    )
    return selection, problems


def selection_params(selection: Selection, *, today: date) -> dict[str, str]:
    """The query parameters that reproduce a selection (the date is always written, so a link keeps it)."""
    params = {"plan": selection.plan, "as_at": (selection.as_at or today).isoformat()}
    if selection.groups:
        params["group"] = ",".join(selection.groups)
    for key, value in (
        ("lead", selection.lead),
        ("org", selection.organisation),
        ("goal", selection.goal),
        ("item", selection.item),
    ):
        if value:
            params[key] = value
    return params


def as_at_max(today: date) -> date:
    """The latest date the page lets you look ahead to."""
    return date(today.year + 5, 12, 31)


def filter_items(items: pd.DataFrame, links: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """The items of the selected plan that pass every filter."""
    rows = items[items["plan"] == selection.plan]
    if selection.groups:
        rows = rows[rows["group_id"].isin(selection.groups)]
    if selection.lead:
        rows = rows[rows["leads"].map(lambda v: selection.lead in _split(v))]
    if selection.organisation:
        rows = rows[rows["organisations"].map(lambda v: selection.organisation in _split(v))]
    if selection.goal:
        with_goal = links.loc[links["goal_id"].notna(), ["item_id", "goal_id"]]
        if selection.goal == NO_GOAL:
            rows = rows[~rows["item_id"].isin(with_goal["item_id"])]
        else:
            rows = rows[rows["item_id"].isin(with_goal.loc[with_goal["goal_id"] == selection.goal, "item_id"])]
    return rows
