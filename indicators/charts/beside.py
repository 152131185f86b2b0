"""An indicator drawn beside another it is read with (indicator_pairs): Leeds and England for both, one chart.

For example smoking among adults in routine and manual occupations beside smoking among all adults:
the gap between the two lines is the inequality. Each line is its own official series, from its own
source, never joined to the other.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators.charts.figures import NHS_BLUE, NHS_DARK_GREY, NHS_ORANGE, _bare, source_line
from indicators.charts.framing import on_screen
from indicators.core.codes import ENGLAND, LEEDS
from indicators.core.text import figure_text
from indicators.store.load import Store
from indicators.store.queries import indicator_row
from indicators.store.schemas import as_text


def _series(store: Store, indicator_id: str, area: str) -> pd.DataFrame:
    meta = indicator_row(store, indicator_id)
    v = store.values
    pick = (
        (v["indicator_id"] == indicator_id)
        & (v["source_id"] == meta["primary_source_id"])
        & (v["area_code"] == area)
        & (v["breakdown"] == "All")
        & (v["role"] == "value")
    )
    rows = as_text(v.loc[pick.to_numpy(), ["period", "period_end", "value"]])
    return rows.sort_values("period_end").reset_index(drop=True)


def beside_table(store: Store, indicator_id: str, beside_id: str) -> pd.DataFrame:
    """Both indicators' Leeds and England series, one row per period, as the chart draws them."""
    parts = []
    for ind in (indicator_id, beside_id):
        title = indicator_row(store, ind)["title"]
        for area, name in ((LEEDS, "Leeds"), (ENGLAND, "England")):
            rows = _series(store, ind, area)
            parts.append(rows.assign(indicator=title, area=name))
    table = pd.concat(parts, ignore_index=True).assign(series=lambda t: t["indicator"] + ": " + t["area"])
    order = table.sort_values("period_end")["period"].unique()
    wide = table.pivot_table(index="period", columns="series", values="value", sort=False).reindex(order)
    return wide.reset_index().rename_axis(columns=None).rename(columns={"period": "Period"})


def beside_figure(store: Store, indicator_id: str, beside_id: str) -> tuple[go.Figure, str, str, str] | None:
    """The two indicators for Leeds (solid) and England (dotted), with the finding at the latest shared period."""
    main, other = indicator_row(store, indicator_id), indicator_row(store, beside_id)
    leeds_main, leeds_other = _series(store, indicator_id, LEEDS), _series(store, beside_id, LEEDS)
    if leeds_main.empty or leeds_other.empty:
        return None
    fig = go.Figure()
    for meta, colour, symbol, ind in (
        (main, NHS_ORANGE, "diamond", indicator_id),
        (other, NHS_BLUE, "circle", beside_id),
    ):
        for area, name, dash in ((LEEDS, "Leeds", "solid"), (ENGLAND, "England", "dot")):
            rows = _series(store, ind, area)
            fig.add_trace(
                go.Scatter(
                    x=rows["period_end"],
                    y=rows["value"],
                    mode="lines+markers",
                    name=figure_text(f"{meta['title']}: {name}"),
                    line={"color": colour if area == LEEDS else NHS_DARK_GREY, "dash": dash, "width": 3},
                    marker={"symbol": symbol, "size": 8},
                    text=rows["period"],
                    hovertemplate="%{text}: %{y:.1f}%<extra>" + figure_text(f"{meta['title']}, {name}") + "</extra>",
                )
            )
    shared = leeds_main.merge(leeds_other, on="period", suffixes=("_main", "_other"))
    if shared.empty:
        finding = f"{main['title']} beside {other['title'].lower()} in Leeds"
    else:
        last = shared.iloc[-1]
        finding = (
            f"Leeds, {last['period']}: {main['title'].lower()} {last['value_main']:.1f}{main['unit']}, "
            f"{other['title'].lower()} {last['value_other']:.1f}{other['unit']}"
        )
    subtitle = f"{main['title']} and {other['title'].lower()}, Leeds and England, {main['unit']}"
    source = " ".join(source_line(store, m["primary_source_id"]) for m in (main, other))
    fig.update_yaxes(title=main["unit"], rangemode="tozero")
    return on_screen(_bare(fig, title=finding, subtitle=subtitle, source=source))
