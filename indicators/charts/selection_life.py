"""Life expectancy for the explorer's selection: its MSOAs against the rest of Leeds and England's gradient.

An MSOA belongs to the selection when at least half of its mid-2015 residents live in the selected
LSOAs (ONS publishes life expectancy for MSOAs, not LSOAs). The life expectancy of a group of MSOAs
cannot be worked out from the MSOAs' own figures: it needs deaths and population by age for the
whole group, which this file does not give. So the selection is described by its MSOAs' values,
their range, and where they sit against the gradient, never by an average of life expectancies.

The scatter puts every MSOA on England's deprivation scale: its relative rank among all of England's
residents (0 the most deprived end, 1 the least), by the population-weighted IMD rank of its LSOAs.
England's line is fitted across all its MSOAs, Leeds' across its own, both on that same scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from indicators.analysis.gradient import SlopeIndex, fit_line, msoa_frame
from indicators.analysis.small_area_measures import MAJORITY, msoa_shares
from indicators.core.codes import LEEDS
from indicators.core.text import figure_text

CANNOT_AVERAGE = (
    "The life expectancy of a group of MSOAs cannot be worked out from their own figures (that needs deaths and "
    "population by age for the whole group, which ONS's MSOA file does not give), so each MSOA's figure, their "
    "range and the gradient are shown instead."
)
SEX_WORDS = {"Male": "males", "Female": "females", "Persons": "everyone"}


@dataclass(frozen=True)
class SelectionLife:
    """The selection's MSOAs and the rest of Leeds, with the two gradients and a scatter."""

    table: pd.DataFrame
    sentence: str
    figure: go.Figure
    leeds: SlopeIndex | None
    england: SlopeIndex | None


def _range(values: pd.Series) -> str:
    values = values.dropna()
    if values.empty:
        return "no published figure"
    if len(values) == 1:
        return f"{values.iloc[0]:.1f} years (one MSOA)"
    return f"{values.min():.1f} to {values.max():.1f} years across {len(values)} MSOAs"


def selection_life(
    life: pd.DataFrame, msoas: pd.DataFrame, deprivation: pd.DataFrame, *, selected: list[str], sex: str
) -> SelectionLife:
    """Leeds' MSOAs split into the selection and the rest, placed on England's deprivation scale, with both lines."""
    england = msoa_frame(life, msoas, sex=sex)
    leeds = england[england["la_code"] == LEEDS].copy()
    share = msoa_shares(deprivation, selected)
    leeds["share_selected"] = leeds["msoa_code"].map(share).fillna(0.0)
    leeds["in_selection"] = leeds["share_selected"] >= MAJORITY
    england_fit = fit_line(
        england["value"], england["lower_95"], england["upper_95"], england["population"], england["ridit"]
    )
    leeds_fit = fit_line(leeds["value"], leeds["lower_95"], leeds["upper_95"], leeds["population"], leeds["ridit"])
    table = pd.DataFrame(
        {
            "MSOA": leeds["msoa_code"],
            "MSOA name (House of Commons Library)": leeds["hcl_name"],
            "In the selection": leeds["in_selection"],
            "Share of residents in selected LSOAs (%)": (leeds["share_selected"] * 100).round(0),
            "Life expectancy at birth (years)": leeds["value"].round(1),
            "Lower 95% limit": leeds["lower_95"].round(1),
            "Upper 95% limit": leeds["upper_95"].round(1),
            "England relative rank by deprivation (0 = most deprived)": leeds["ridit"].round(3),
        }
    ).sort_values(["In the selection", "Life expectancy at birth (years)"], ascending=[False, True])
    inside = leeds.loc[leeds["in_selection"], "value"]
    rest = leeds.loc[~leeds["in_selection"], "value"]
    who = SEX_WORDS[sex]
    if leeds["in_selection"].all():
        sentence = (
            f"The selection is all of Leeds: life expectancy at birth for {who}, 2016 to 2020, ranges over "
            f"{_range(inside)}. Choose neighbourhoods above to compare them with the rest of Leeds. {CANNOT_AVERAGE}"
        )
    elif leeds["in_selection"].any():
        sentence = (
            f"Life expectancy at birth for {who}, 2016 to 2020: in the selection's MSOAs {_range(inside)}; in the rest "
            f"of Leeds {_range(rest)}. {CANNOT_AVERAGE}"
        )
    else:
        sentence = (
            "No MSOA has at least half of its residents in the selected neighbourhoods, so no MSOA is marked; "
            f"Leeds' MSOAs range over {_range(rest)}. {CANNOT_AVERAGE}"
        )
    sentence += _without_figure(leeds, who=who)
    figure = _scatter(leeds, england_fit, leeds_fit, who=who)
    return SelectionLife(table.reset_index(drop=True), sentence, figure, leeds_fit, england_fit)


def _without_figure(leeds: pd.DataFrame, *, who: str) -> str:
    """Say which MSOAs have no published figure, in the selection and in the rest, rather than drop them silently."""
    missing = leeds[leeds["value"].isna()]
    if missing.empty:
        return ""
    parts = []
    for inside, where in ((True, "in the selection"), (False, "in the rest of Leeds")):
        names = missing.loc[missing["in_selection"] == inside, "hcl_name"].tolist()
        if names:
            count = f"{len(names)} MSOA" + ("" if len(names) == 1 else "s")
            parts.append(f"{count} {where} ({', '.join(sorted(names))})")
    return f" ONS publishes no figure for {who} for {' and '.join(parts)}: left out of the ranges and lines."


def _line(fig: go.Figure, fit: SlopeIndex | None, *, x: np.ndarray, name: str, colour: str, dash: str) -> None:
    if fit is None:
        return
    interval = f"95% interval {fit.lower_95:.1f} to {fit.upper_95:.1f}"
    label = f"{name}: {fit.sii:.1f} years from most to least deprived ({interval})"
    fig.add_trace(
        go.Scatter(
            x=x, y=fit.at(x), mode="lines", line={"color": colour, "dash": dash, "width": 3}, name=figure_text(label)
        )
    )


def _scatter(
    leeds: pd.DataFrame, england_fit: SlopeIndex | None, leeds_fit: SlopeIndex | None, *, who: str
) -> go.Figure:
    fig = go.Figure()
    for inside, name, colour, symbol in (
        (False, "Rest of Leeds (MSOAs)", "#768692", "circle"),
        (True, "Selected MSOAs", "#005EB8", "diamond"),
    ):
        part = leeds[(leeds["in_selection"] == inside) & leeds["value"].notna()]
        hover = [
            figure_text(f"{r.hcl_name}: {r.value:.1f} years (95% interval {r.lower_95:.1f} to {r.upper_95:.1f})")
            for r in part.itertuples(index=False)
        ]
        fig.add_trace(
            go.Scatter(
                x=part["ridit"],
                y=part["value"],
                mode="markers",
                name=f"{name} ({len(part)})",
                marker={
                    "color": colour,
                    "symbol": symbol,
                    "size": 10 if inside else 7,
                    "line": {"width": 1, "color": "white"},
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": part["upper_95"] - part["value"],
                    "arrayminus": part["value"] - part["lower_95"],
                    "color": colour,
                    "thickness": 1,
                    "width": 0,
                },
                text=hover,
                hovertemplate="%{text}<extra></extra>",
            )
        )
    span = np.array([0.0, 1.0])
    _line(fig, england_fit, x=span, name="England's MSOAs, fitted", colour="#212B32", dash="dash")
    if leeds_fit is not None and leeds["ridit"].notna().any():
        own = np.array([leeds["ridit"].min(), leeds["ridit"].max()])
        _line(fig, leeds_fit, x=own, name="Leeds' MSOAs on England's scale, fitted", colour="#ED8B00", dash="solid")
    fig.update_layout(
        height=520,
        margin={"l": 60, "r": 20, "t": 20, "b": 60},
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"family": "Frutiger, Arial, Helvetica, sans-serif", "size": 14, "color": "#212B32"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        xaxis={
            "title": "England relative rank by deprivation (0 = most deprived end, 1 = least)",
            "range": [0, 1],
            "gridcolor": "#E8EDEE",
        },
        yaxis={"title": f"Life expectancy at birth, {who} (years)", "gridcolor": "#E8EDEE"},
    )
    return fig
