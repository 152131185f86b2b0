"""Everything the action tracker page shows, built in one call from the store, the status log and the selection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from indicators.actions.chart import STATUS_STYLE, gantt_figure, row_label
from indicators.actions.model import (
    NOUNS,
    PLANS,
    Summary,
    as_at_table,
    day_words,
    headline,
    summarise,
)
from indicators.actions.selection import Selection, filter_items
from indicators.actions.status_log import StatusUpdate

STATUS_SOURCE = "Status: updates recorded in this dashboard."
TABLE_COLUMNS = {
    "item_id": "ID",
    "group_label": "Group",
    "display_text": "Action or milestone",
    "raw_text": "Extracted text (unreadable)",
    "leads": "Leads",
    "organisations": "Organisation",
    "outcome": "Outcome",
    "timescale": "Timescale as written",
    "start_day": "Start",
    "due_day": "Due",
    "status_name": "Status as at date",
    "status_date": "Status recorded for",
    "timing": "Timing as at date",
    "goals": "Plan goals (judgement)",
    "indicators": "Indicators and pages (judgement)",
    "note": "Transcription note",
    "citation": "Source",
}


@dataclass(frozen=True)
class TrackerView:
    """What the page renders for one selection."""

    as_at: date
    rows: pd.DataFrame
    summary: Summary
    title: str
    subtitle: str
    source: str
    figure: go.Figure
    table: pd.DataFrame
    off_chart: pd.DataFrame
    bearing: pd.DataFrame
    unreadable: pd.DataFrame

    def timing_of(self, item_id: str) -> str:
        """How one shown item stood for time on the as-at date ('On time', 'Overdue', ...)."""
        return self.rows.set_index("item_id").loc[item_id, "timing"]


def _day(value: object) -> date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def display_table(rows: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The rows as a readable table (and CSV), with each item's goals and indicators by name."""
    goals = links[links["goal_id"].notna()]
    goal_titles = links.loc[links["element_kind"] == "goal"].set_index("target_id")["title"].to_dict()
    by_goal = goals.groupby("item_id")["goal_id"].agg(
        lambda g: "; ".join(goal_titles.get(x, x) for x in dict.fromkeys(g))
    )
    measures = links[links["target_kind"].isin(["indicator", "page"])]
    by_measure = measures.groupby("item_id")["title"].agg(lambda t: "; ".join(dict.fromkeys(t)))
    out = rows.assign(
        start_day=rows["start"].map(_day),
        due_day=rows["due"].map(_day),
        status_name=rows["status"].map(lambda s: STATUS_STYLE[s][0]),
        goals=rows["item_id"].map(by_goal).fillna("Not tied to one goal"),
        indicators=rows["item_id"].map(by_measure).fillna("None in the store"),
    )
    columns = [c for c in TABLE_COLUMNS if not (c in ("outcome",) and out[c].isna().all())]
    if out["raw_text"].isna().all():
        columns.remove("raw_text")
    return out[columns].rename(columns=TABLE_COLUMNS).reset_index(drop=True)


def bearing_table(links: pd.DataFrame, item_ids: pd.Series, items: pd.DataFrame) -> pd.DataFrame:
    """Each indicator or page the shown items bear on: which items, and the reason given for each link.

    A reason given for a whole group (a recommendation, initiative or enabler) is credited to the
    group by name when every item of it is shown, and to the shown items otherwise.
    """
    columns = ["target_kind", "target_id", "title", "url", "items", "reasons"]
    shown_ids = set(item_ids)
    shown = links[links["item_id"].isin(shown_ids) & links["target_kind"].isin(["indicator", "page"])]
    members = items.groupby("group_id")["item_id"].agg(set).to_dict()
    labels = dict(zip(items["group_id"], items["group_label"], strict=True))
    targets: dict[tuple[str, str, str, str], dict[str, dict]] = {}
    fields = ["target_kind", "target_id", "title", "url", "item_id", "via", "rationale"]
    for kind, target, title, url, item, via, why in shown[fields].itertuples(index=False):
        entry = targets.setdefault((kind, target, title, url), {"items": {}, "reasons": {}})
        entry["items"][item] = None
        entry["reasons"].setdefault((via, why), {})[item] = None
    rows = []
    for (kind, target, title, url), entry in targets.items():
        reasons = []
        for (via, why), covered in entry["reasons"].items():
            whole = via in members and members[via] <= shown_ids
            who = f"{labels[via]} (all {len(members[via])})" if whole else ", ".join(covered)
            reasons.append((who, why))
        rows.append([kind, target, title, url, ", ".join(entry["items"]), reasons])
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["target_kind", "title"], kind="stable").reset_index(drop=True)


def tracker_view(
    *, items: pd.DataFrame, links: pd.DataFrame, updates: list[StatusUpdate], selection: Selection, today: date
) -> TrackerView:
    """Filter, place on the as-at date, and build the headline, chart and tables."""
    as_at = selection.as_at or today
    shown = filter_items(items, links, selection)
    rows = as_at_table(shown, updates, as_at=as_at)
    rows = rows.assign(
        label=[
            row_label(i, t, readable=bool(r))
            for i, t, r in zip(rows["item_id"], rows["display_text"], rows["readable"], strict=True)
        ]
    )
    summary = summarise(rows)
    title = headline(summary, as_at=as_at, plan=selection.plan)
    plan_rows = items[items["plan"] == selection.plan]
    dates = pd.concat([plan_rows["start"], plan_rows["due"]]).dropna()
    recorded = sum(1 for u in updates if u.item_id in set(plan_rows["item_id"]))
    subtitle = (
        f"{PLANS[selection.plan]}: {summary.total} {NOUNS[selection.plan][1]} shown, dates "
        f"{day_words(dates.min().date())} to {day_words(dates.max().date())}; "
        f"{recorded} status update{'s' if recorded != 1 else ''} recorded"
    )
    source = "; ".join(dict.fromkeys(plan_rows["source"])) + f". {STATUS_SOURCE}"
    figure = gantt_figure(rows=rows, as_at=as_at, title=title, subtitle=subtitle, source=source)
    off_chart = rows[rows["start"].isna() & rows["due"].isna()]
    return TrackerView(
        as_at=as_at,
        rows=rows,
        summary=summary,
        title=title,
        subtitle=subtitle,
        source=source,
        figure=figure,
        table=display_table(rows, links),
        off_chart=off_chart[["item_id", "display_text", "timescale", "timing"]].assign(
            reason=[
                f"“{words}” gives no date"
                if ongoing
                else "the document gives no timescale"
                if words == "No timescale given"
                else f"no date could be read from “{words}”"
                for words, ongoing in zip(off_chart["timescale"], off_chart["ongoing"], strict=True)
            ]
        ),
        bearing=bearing_table(links, rows["item_id"], items),
        unreadable=rows.loc[
            ~rows["readable"].astype(bool), ["item_id", "group_label", "timescale", "raw_text", "note"]
        ],
    )


def item_detail(items: pd.DataFrame, links: pd.DataFrame, item_id: str) -> tuple[pd.Series, pd.DataFrame]:
    """One item's row and every link it has, goals first."""
    item = items.set_index("item_id").loc[item_id]
    order = {"plan_element": 0, "indicator": 1, "page": 2, "none": 3}
    own = links[links["item_id"] == item_id]
    own = own.assign(_order=own["target_kind"].map(order)).sort_values("_order", kind="stable").drop(columns="_order")
    return item, own.reset_index(drop=True)
