"""The report's before-and-after figures and the official series of the same indicator, in one chart.

The 2019 report gives some figures without years (reception obesity "9.4% to 8.8%") that match
no pair of years in the official series. Two charts with opposite titles would leave a reader
to pick one; here both sit on one chart, told apart by shape and label and never joined,
with the reason they differ written under it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators.charts.figures import (
    NHS_BLUE,
    NHS_DARK_GREY,
    NHS_ORANGE,
    _bare,
    _short,
    source_line,
)
from indicators.charts.plan import ChartKind, before_after_rows, chart_kind
from indicators.core.codes import ENGLAND, REPORT_SOURCE
from indicators.store.load import Store
from indicators.store.queries import headline, indicator_row, measured

REPORT = REPORT_SOURCE
REPORT_COLUMN = "Report (no years)"


def has_report_pair_and_series(store: Store, indicator_id: str) -> bool:
    """True when an indicator has an official trend and the report's own before-and-after pair for all of Leeds."""
    meta = indicator_row(store, indicator_id)
    if meta["primary_source_id"] == REPORT:
        return False
    if chart_kind(store, indicator_id, source_id=meta["primary_source_id"]) is not ChartKind.TREND:
        return False
    if chart_kind(store, indicator_id, source_id=REPORT) is not ChartKind.BEFORE_AFTER:
        return False
    pairs = before_after_rows(store, indicator_id, source_id=REPORT)
    return bool((pairs["breakdown"] == "All").any())


def explanation(store: Store, indicator_id: str) -> str:
    """Why the report's figures and the official series differ, from the notes the report's rows carry."""
    pairs = before_after_rows(store, indicator_id, source_id=REPORT)
    notes = pairs.loc[pairs["breakdown"] == "All", "note"].dropna().unique()
    return " ".join(notes) or "The report gives no years or definition for its figures, so they are not joined."


def report_beside_official(store: Store, indicator_id: str) -> go.Figure:
    """The official Leeds series (and England) by period, and the report's pair at the right, unjoined."""
    meta = indicator_row(store, indicator_id)
    source_id = meta["primary_source_id"]
    leeds = headline(store, indicator_id, source_id=source_id)
    leeds = leeds[leeds["value"].notna()].sort_values("period_end")
    rows = measured(store, indicator_id, source_id=source_id)
    england = rows[(rows["area_code"] == ENGLAND) & (rows["breakdown"] == "All")].sort_values("period_end")
    pair = before_after_rows(store, indicator_id, source_id=REPORT)
    pair = pair[pair["breakdown"] == "All"]
    before = float(pair.loc[pair["role"] == "baseline", "value"].iloc[0])
    after = float(pair.loc[pair["role"] == "value", "value"].iloc[0])
    periods = leeds["period"].tolist()
    # England may have a period Leeds lacks (left out for local areas): every period in time order.
    both = pd.concat([leeds[["period", "period_end"]], england[["period", "period_end"]]])
    order = [*both.drop_duplicates("period").sort_values("period_end")["period"], REPORT_COLUMN]
    by_period = leeds.set_index("period")["value"].to_dict()
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=england["period"],
            y=england["value"],
            name="England (official)",
            hovertemplate="England %{x}: %{y}<extra></extra>",
            mode="lines+markers",
            line={"color": NHS_DARK_GREY, "dash": "dash", "width": 2.5},
            marker={"symbol": "diamond", "size": 7, "color": NHS_DARK_GREY},
        )
    )
    fig.add_trace(
        go.Scatter(
            # A period Leeds lacks breaks its line rather than joining across the gap.
            x=order[:-1],
            y=[by_period.get(p) for p in order[:-1]],
            name="Leeds (official)",
            hovertemplate="Leeds %{x}: %{y}<extra></extra>",
            mode="lines+markers",
            line={"color": NHS_BLUE, "width": 4},
            marker={"symbol": "circle", "size": 9, "color": NHS_BLUE},
        )
    )
    # The report's two figures share one column: no years are given, so they cannot be placed in time.
    fig.add_trace(
        go.Scatter(
            x=[REPORT_COLUMN, REPORT_COLUMN],
            y=[before, after],
            name="Leeds, as reported to the Board (before, after)",
            mode="markers+text",
            marker={"symbol": ["square-open", "square"], "size": 13, "color": NHS_ORANGE, "line": {"width": 2.5}},
            text=[f"before {_short(meta, before)}", f"after {_short(meta, after)}"],
            textposition="middle left",
            textfont={"size": 14, "color": "#A84A00"},
        )
    )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order, title=None)
    fig.update_yaxes(title="Per cent" if meta["unit"] == "%" else meta["unit"], rangemode="tozero")
    fig.update_layout(showlegend=True)
    last = leeds.iloc[-1]
    change = "fall" if after < before else "rise" if after > before else "figures"
    title = (
        f"{meta['title']}: the official series for Leeds reached {_short(meta, float(last['value']))} in "
        f"{last['period']}; the report's {change} from {_short(meta, before)} to {_short(meta, after)} gives no years"
    )
    subtitle = (
        f"Per cent; Leeds; official {periods[0]} to {periods[-1]} and the report's figures as reported to the "
        "Board, Dec 2019; shown side by side, never joined"
    )
    source = f"{source_line(store, source_id)} {source_line(store, REPORT)}"
    return _bare(fig, title=title, subtitle=subtitle, source=source, polarity=meta["polarity"])
