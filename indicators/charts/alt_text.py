"""A chart in one sentence, for people who cannot see it: its finding and the key values drawn.

Read from the figure's own data, so the words always match what is drawn: each line's first and
last point, each row of a dot plot or each bar's value (the first MAX_BARS).
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

MAX_BARS = 6


def _number(value: object) -> str:
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() and abs(number) >= 100 else f"{number:,.1f}".removesuffix(".0")


def _across(trace: go.Scatter) -> bool:
    """Whether a scatter's values run along x against named rows on y (a dot plot of categories)."""
    ys = [y for y in (trace.y if trace.y is not None else []) if y is not None]
    return bool(ys) and all(isinstance(y, str) for y in ys)


def _points(trace: go.Scatter | go.Bar) -> list[tuple[str, float]]:
    xs = list(trace.x) if trace.x is not None else []
    ys = list(trace.y) if trace.y is not None else []
    if trace.type == "scatter" and _across(trace):
        xs, ys = ys, xs
    pairs = []
    for x, y in zip(xs, ys, strict=False):
        if y is None or (isinstance(y, float) and math.isnan(y)):
            continue
        pairs.append((str(x), float(y)))
    return pairs


def _clean(text: object) -> str:
    """A trace name without the markup plotly draws (<b>, <br>) and its escaped characters."""
    words = str(text or "").replace("<br>", " ").replace("<b>", "").replace("</b>", "")
    return words.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def describe(fig: go.Figure, *, finding: str = "", unit: str = "") -> str:
    """'Chart: <finding>. Leeds from 23.1 (2011) to 12.8 (2024); England from 19.8 (2011) to 10.4 (2024).'"""
    parts = []
    for trace in fig.data:
        if trace.hoverinfo == "skip":
            continue  # placeholders and decorations (a bar of 0 where only a status was reported), not data
        if trace.type == "scatter":
            points = _points(trace)
            if not points or not trace.name:
                continue
            first, last = points[0], points[-1]
            if _across(trace):
                listed = ", ".join(f"{_clean(y)} {_number(x)}{unit}" for y, x in points[:MAX_BARS])
                more = f" and {len(points) - MAX_BARS} more" if len(points) > MAX_BARS else ""
                parts.append(f"{_clean(trace.name)}: {listed}{more}")
            elif first == last or len(points) == 1:
                parts.append(f"{_clean(trace.name)} {_number(last[1])}{unit} ({last[0]})")
            else:
                parts.append(
                    f"{_clean(trace.name)} from {_number(first[1])}{unit} ({first[0]}) "
                    f"to {_number(last[1])}{unit} ({last[0]})"
                )
        elif trace.type == "bar":
            horizontal = trace.orientation == "h"
            xs = list(trace.y if horizontal else trace.x)
            ys = list(trace.x if horizontal else trace.y)
            bars = [f"{_clean(x)} {_number(y)}{unit}" for x, y in zip(xs, ys, strict=False) if y is not None]
            more = f" and {len(bars) - MAX_BARS} more" if len(bars) > MAX_BARS else ""
            if bars:
                parts.append(", ".join(bars[:MAX_BARS]) + more)
    head = f"Chart: {finding.rstrip('.')}." if finding else "Chart."
    return head + (" Values drawn: " + "; ".join(parts) + "." if parts else "")
