"""Imported small-area measures drawn: a map of Leeds' LSOAs or MSOAs, and the selection against the rest of Leeds.

The map's colour says only higher or lower (a single blue scale, darker higher): an analyst's own
measure carries no published direction, so no colour says better or worse. Areas whose counts are
suppressed are drawn grey and say so on hover; every figure's interval is in its hover and table.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators.analysis.small_area_measures import GroupFigures, SmallAreaSeries
from indicators.charts.maps import FONT, MapView, _base, _outline
from indicators.core.text import figure_text
from indicators.store.boundaries import Shapes, shapes

SCALE = [[0.0, "#F7FBFF"], [0.5, "#6BAED6"], [1.0, "#08306B"]]
SUPPRESSED_GREY = "#D8DDE0"


def small_area_map(rows: pd.DataFrame, series: SmallAreaSeries, *, period: str, layer: Shapes | None = None) -> MapView:
    """Leeds' LSOAs or MSOAs coloured by an imported measure in one period; hover gives value, interval and counts."""
    layer = layer or shapes(series.level.lower())
    unit = series.unit
    table = pd.DataFrame(
        {
            series.level: rows["area_code"],
            "Name": rows["area_name"],
            f"Value ({unit})": rows["value"].round(2),
            "Lower 95%": rows["lower_95"].round(2),
            "Upper 95%": rows["upper_95"].round(2),
            "Numerator": rows["numerator"],
            "Denominator": rows["denominator"],
            "Suppressed": rows["suppressed"],
        }
    )
    on_map = table[series.level].isin(layer.codes)
    shown = table[on_map & ~table["Suppressed"] & table[f"Value ({unit})"].notna()]
    hidden = table[on_map & table["Suppressed"]]
    fig = _base(560)
    hover = [
        figure_text(
            f"{r[1]} ({r[0]}): {r[2]:,.1f} {unit} (95% interval {r[3]:,.1f} to {r[4]:,.1f})"
            f" · {r[5]:,.0f} of {r[6]:,.0f}"
        )
        for r in shown.itertuples(index=False)
    ]
    fig.add_trace(
        go.Choropleth(
            geojson=layer.geojson,
            locations=shown[series.level],
            z=shown[f"Value ({unit})"],
            colorscale=SCALE,
            marker={"line": {"color": "white", "width": 0.3}},
            colorbar={"title": {"text": figure_text(unit)}},
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    if len(hidden):
        fig.add_trace(
            go.Choropleth(
                geojson=layer.geojson,
                locations=hidden[series.level],
                z=[0] * len(hidden),
                colorscale=[[0, SUPPRESSED_GREY], [1, SUPPRESSED_GREY]],
                showscale=False,
                marker={"line": {"color": "white", "width": 0.3}},
                text=[
                    figure_text(f"{r[1]} ({r[0]}): suppressed (small count)") for r in hidden.itertuples(index=False)
                ],
                hovertemplate="%{text}<extra></extra>",
                name="Suppressed (small count)",
                showlegend=True,
            )
        )
    sentence = (
        f"{series.title} ({unit}), {period}, in each of the {len(shown)} {series.level}s of Leeds with a figure "
        f"(darker is higher; no colour means better or worse), from {series.source_title}."
    )
    if len(hidden):
        sentence += f" {len(hidden)} {series.level}s with small counts are suppressed and drawn grey."
    missing = tuple(sorted(set(table[series.level]) - layer.codes))
    return MapView(fig, table, sentence, missing)


def with_selection(view: MapView, inside: set[str], *, level: str, layer: Shapes | None = None) -> MapView:
    """The map of a measure with the selected areas (LSOAs or MSOAs, as the measure's level) outlined."""
    layer = layer or shapes(level.lower())
    chosen = sorted(code for code in inside if code in layer.codes)
    areas = f"{len(chosen)} {level}" + ("" if len(chosen) == 1 else "s")
    fig = go.Figure(view.figure)
    _outline(fig, layer.geojson, chosen, name=f"Selected ({areas})")
    sentence = view.sentence + (
        f" The selected {areas} {'is' if len(chosen) == 1 else 'are'} outlined." if chosen else ""
    )
    return MapView(fig, view.table, sentence, view.no_shape)


def selection_figure(groups: GroupFigures, series: SmallAreaSeries, *, period: str) -> go.Figure:
    """The selection and the rest of Leeds as two bars with their 95% intervals, from the summed counts."""
    table = groups.table
    column = f"Value ({series.unit})"
    values = table[column]
    fig = go.Figure(
        go.Bar(
            y=table["Group"],
            x=values,
            orientation="h",
            marker={"color": ["#005EB8", "#768692"]},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": table["Upper 95%"] - values,
                "arrayminus": values - table["Lower 95%"],
                "color": "#212B32",
            },
            text=[figure_text("" if pd.isna(v) else f"{v:,.1f}") for v in values],
            textposition="inside",
            hovertemplate="%{y}: %{x:,.1f}<extra></extra>",
        )
    )
    fig.update_layout(
        font=FONT,
        height=260,
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        title={"text": figure_text(f"{series.title}, {period}: selected areas and the rest of Leeds")},
        xaxis={
            "title": {"text": figure_text(f"{series.unit}, with 95% interval ({groups.method})")},
            "rangemode": "tozero",
        },
        yaxis={"autorange": "reversed"},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    return fig
