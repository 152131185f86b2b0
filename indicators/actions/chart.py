"""The action tracker's timeline: one row per action or milestone, status shown by colour and by symbol.

A bar is drawn only where the document gives a start (a quarter, or "April 2010 onwards");
where it gives only a due date, the row has a marker at that date and nothing is invented
before it. A dotted bar runs on from the start of work the document calls ongoing.
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from indicators.actions.model import NO_UPDATE, OVERDUE, day_words
from indicators.core.text import figure_text

# status -> (legend name, colour, marker symbol); NHS identity colours, each status also has its own shape.
STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    "done": ("Done", "#00A499", "star"),
    "on track": ("On track", "#005EB8", "circle"),
    "at risk": ("At risk", "#ED8B00", "triangle-up"),
    "not started": ("Not started", "#425563", "square"),
    NO_UPDATE: ("No update recorded", "#768692", "circle-open"),
}
KEY_GREY = "#AEB7BD"
BAND = "rgba(0, 48, 135, 0.05)"
ROW_HEIGHT = 30
LABEL_CHARS = 26


def row_label(item_id: str, text: object, *, readable: bool) -> str:
    """A short label for the y axis: the id, then the start of the text."""
    if not readable:
        return f"{item_id}  [unreadable in source]"
    words = str(text)
    return f"{item_id}  {words if len(words) <= LABEL_CHARS else words[: LABEL_CHARS - 1].rstrip() + '…'}"


def _ts(value: object) -> pd.Timestamp | None:
    return None if pd.isna(value) else pd.Timestamp(value)


def _x_range(rows: pd.DataFrame, as_at: date) -> tuple[pd.Timestamp, pd.Timestamp, bool]:
    """The dates to show, and whether the as-at date falls inside them."""
    dates = pd.concat([rows["start"], rows["due"]]).dropna()
    when = pd.Timestamp(as_at)
    if dates.empty:
        return when - timedelta(days=90), when + timedelta(days=90), True
    low, high = dates.min() - timedelta(days=31), dates.max() + timedelta(days=75)
    # Stretch to the as-at date only when it is near the plan; otherwise mark it at the edge.
    if low - timedelta(days=366) <= when <= high + timedelta(days=366):
        return min(low, when - timedelta(days=20)), max(high, when + timedelta(days=60)), True
    return low, high, False


def _hover(row: pd.Series) -> str:
    text = figure_text(row["display_text"] if row["readable"] else f"Unreadable; extracted text: “{row['raw_text']}”")
    status = STATUS_STYLE[row["status"]][0]
    return (
        f"<b>{row['item_id']}</b> {text}<br>Timescale: {row['timescale']}<br>"
        f"Status: {status}; {row['timing'].lower()}<extra></extra>"
    )


def gantt_figure(*, rows: pd.DataFrame, as_at: date, title: str, subtitle: str, source: str) -> go.Figure:
    """Timeline of the rows (as-at table rows with a `label`), with the as-at date as a vertical line."""
    placed = rows[rows["start"].notna() | rows["due"].notna()]
    labels = list(placed["label"])
    low, high, inside = _x_range(placed, as_at)
    fig = go.Figure()
    for status, (name, colour, symbol) in STATUS_STYLE.items():
        part = placed[placed["status"] == status]
        if part.empty:
            continue
        bars_x: list[object] = []
        bars_y: list[object] = []
        open_x: list[object] = []
        open_y: list[object] = []
        for _, row in part.iterrows():
            start, due = _ts(row["start"]), _ts(row["due"])
            if start is not None and due is not None:
                bars_x += [start, due, None]
                bars_y += [row["label"], row["label"], None]
            elif start is not None and row["ongoing"]:
                open_x += [start, high, None]
                open_y += [row["label"], row["label"], None]
        for xs, ys, dash in ((bars_x, bars_y, "solid"), (open_x, open_y, "dot")):
            if xs:
                fig.add_trace(
                    go.Scatter(
                        x=xs,
                        y=ys,
                        mode="lines",
                        line={"color": colour, "width": 10, "dash": dash},
                        opacity=0.45,
                        legendgroup=status,
                        showlegend=False,
                        hoverinfo="skip",
                    )
                )
        marker_x = [_ts(d) if not pd.isna(d) else _ts(s) for d, s in zip(part["due"], part["start"], strict=True)]
        fig.add_trace(
            go.Scatter(
                x=marker_x,
                y=part["label"],
                mode="markers+text",
                name=name,
                legendgroup=status,
                marker={"color": colour, "symbol": symbol, "size": 13, "line": {"color": colour, "width": 2}},
                text=[
                    (f"<b>{t}</b>" if t == OVERDUE else t) + ("" if sure else " (quarter uncertain)")
                    for t, sure in zip(part["timing"], part["quarter_confident"], strict=True)
                ],
                textposition="middle right",
                textfont={"size": 11, "color": ["#DA291C" if t == OVERDUE else "#425563" for t in part["timing"]]},
                hovertemplate=[_hover(r) for _, r in part.iterrows()],
            )
        )
    for name, dash, mode, symbol in (
        ("Bar: start and due date given", "solid", "lines", None),
        ("Dotted bar: ongoing, no end date", "dot", "lines", None),
        ("Marker alone: only a due date given", None, "markers", "circle"),
    ):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode=mode,
                name=name,
                legendgroup="key",
                line={"color": KEY_GREY, "width": 8, "dash": dash or "solid"},
                marker={"color": KEY_GREY, "symbol": symbol or "circle", "size": 8},
            )
        )
    _group_bands(fig, placed, labels)
    when = pd.Timestamp(as_at)
    if inside:
        fig.add_shape(
            type="line",
            x0=when,
            x1=when,
            y0=0,
            y1=1,
            yref="paper",
            line={"color": "#003087", "width": 2, "dash": "dash"},
        )
        fig.add_annotation(
            x=when,
            y=1,
            yref="paper",
            xanchor="left",
            yanchor="top",
            xshift=4,
            text=f"As at {day_words(as_at)}",
            showarrow=False,
            bgcolor="rgba(255, 255, 255, 0.85)",
            font={"color": "#003087", "size": 12},
        )
    else:
        before = when < low
        fig.add_annotation(
            x=0 if before else 1,
            xref="paper",
            xanchor="left" if before else "right",
            y=1,
            yref="paper",
            yanchor="top",
            text=f"← As at {day_words(as_at)}" if before else f"As at {day_words(as_at)}, beyond this range →",
            showarrow=False,
            bgcolor="rgba(255, 255, 255, 0.85)",
            font={"color": "#003087", "size": 12},
        )
    title_lines = textwrap.wrap(title, width=44, break_long_words=False)
    subtitle_lines = textwrap.wrap(subtitle, width=60, break_long_words=False)
    # The source sits under the plot as the legend's title: the legend is placed against the figure's left
    # edge, so the words wrap within a phone's width instead of starting after the row labels.
    source_lines = textwrap.wrap(f"Source: {source}", width=60, break_long_words=False)
    heading = "<br>".join(f"<b>{line}</b>" for line in title_lines)
    sub = "<br>".join(subtitle_lines)
    top = 50 + 20 * len(title_lines) + 16 * len(subtitle_lines)
    bottom = 110 + 15 * len(source_lines)
    fig.update_layout(
        title={
            "text": f"{heading}<br><span style='font-size:12px;color:#425563'>{sub}</span>",
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 12},
            "font": {"size": 15},
        },
        height=top + bottom + ROW_HEIGHT * max(len(labels), 1),
        margin={"l": 10, "r": 20, "t": top, "b": bottom},
        legend={
            "orientation": "h",
            "x": 0,
            "y": 0,
            "xref": "container",
            "yref": "container",
            "yanchor": "bottom",
            "font": {"size": 11},
            "title": {"text": "<br>".join(source_lines), "side": "top", "font": {"size": 11, "color": "#425563"}},
        },
        plot_bgcolor="white",
        hoverlabel={"align": "left"},
    )
    fig.update_xaxes(type="date", range=[low, high], showgrid=True, gridcolor="#E8EDEE", side="top", tickformat="%b %Y")
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=labels,
        range=[len(labels) - 0.5, -0.7],  # first row at the top, with room for the as-at label above it
        tickfont={"size": 11},
        automargin=True,
    )
    return fig


def _group_bands(fig: go.Figure, placed: pd.DataFrame, labels: list[str]) -> None:
    """Shade every other group (recommendation, initiative or enabler) so rows read as blocks."""
    position = {label: i for i, label in enumerate(labels)}
    bands = []
    for number, (_, group) in enumerate(placed.groupby("group_id", sort=False)):
        rows = [position[label] for label in group["label"]]
        if number % 2 == 0:
            bands.append(
                {
                    "type": "rect",
                    "xref": "paper",
                    "x0": 0,
                    "x1": 1,
                    "y0": min(rows) - 0.5,
                    "y1": max(rows) + 0.5,
                    "fillcolor": BAND,
                    "line": {"width": 0},
                    "layer": "below",
                }
            )
    fig.update_layout(shapes=[*fig.layout.shapes, *bands])
