"""Time axes that read as periods: the published labels ('2019/20', '2018 - 20') in time order, never numbers.

Left to itself plotly reads labels such as '2015' and '2016' as numbers and puts ticks at 2,015.5,
and dates as a calendar with ticks between periods. Every chart over time sets its axis here: a
category axis whose categories are the period labels in the order their periods end, so a tick is
always a period a source published. Intervals, where held, are drawn as error bars by `interval_bars`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go


def period_order(*frames: pd.DataFrame) -> list[str]:
    """Every period label in these rows, oldest first (by period end, then label)."""
    parts = [f[["period", "period_end"]] for f in frames if not f.empty]
    if not parts:
        return []
    both = pd.concat(parts).dropna(subset=["period"]).drop_duplicates("period")
    return both.sort_values(["period_end", "period"], kind="stable")["period"].astype(str).tolist()


def period_axis(fig: go.Figure, periods: Iterable[str], **axis: object) -> go.Figure:
    """Make the x axis a category axis of these period labels, in this order."""
    order = [str(p) for p in periods]
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order, **axis)
    return fig


def interval_bars(
    value: pd.Series, lower: pd.Series | None, upper: pd.Series | None, *, color: str
) -> dict[str, object] | None:
    """Plotly error bars for 95% limits held beside the values; None when no limit is held."""
    if lower is None or upper is None or not (lower.notna() & upper.notna()).any():
        return None
    return {
        "type": "data",
        "symmetric": False,
        "array": (upper - value).tolist(),
        "arrayminus": (value - lower).tolist(),
        "color": color,
        "thickness": 1.5,
    }
