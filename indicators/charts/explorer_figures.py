"""Plotly figures for the inequalities explorer: domain profile, levels by deprivation group, gaps over time.

House style: the finding, the subtitle (measure, area and period) and the source are kept with the figure
and set around it by `framing.frame`, as for every chart; no legend, each series is named on the chart;
groups are told apart by marker shape and label as well as colour (NHS palette, readable with
colour-vision deficiency).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators.charts.figures import NHS_AQUA_GREEN, NHS_BLUE, NHS_DARK_BLUE, NHS_DARK_GREY, NHS_ORANGE
from indicators.charts.framing import ChartTexts, bare
from indicators.charts.labels import spread_labels
from indicators.charts.period_axis import interval_bars, period_axis
from indicators.core.text import figure_text

FONT = {"family": "Frutiger, Arial, Helvetica, sans-serif", "size": 15, "color": "#212B32"}
SCREEN_MARGINS = 96  # the top and bottom margins of a screen copy (framing._screen)


def _framed(fig: go.Figure, *, title: str, subtitle: str, source: str, height: int, margin_r: int = 30) -> go.Figure:
    """The bare figure in the explorer's style, its finding, subtitle and source kept with it for the framer.

    `height` is the whole figure's on a page, as it always was; the texts are set around it as page text.
    """
    texts = ChartTexts(
        title,
        subtitle,
        source,
        plot_height=height - SCREEN_MARGINS,
        screen_margin={"l": 60, "r": margin_r},
    )
    bare(fig, texts)
    fig.update_layout(
        font=FONT,
        hovermode="closest",
        # No legend: every series is named on the chart itself or in the subtitle, which also survives a phone.
        showlegend=False,
    )
    fig.update_xaxes(linecolor=NHS_DARK_GREY, ticks="", automargin=True)
    # Long names (the domains) push the margin rather than being cut at the figure's edge.
    fig.update_yaxes(automargin=True)
    return fig


def domain_profile_figure(profile: pd.DataFrame, *, selection_label: str) -> go.Figure:
    """Share of residents in England's most deprived tenth for each IoD domain: selection (circles) vs Leeds."""
    top = profile.sort_values("selection_share").iloc[-1]
    whole = selection_label == "All of Leeds"
    fig = go.Figure()
    traces = (
        ("leeds_share", "All of Leeds", NHS_DARK_GREY, "diamond-open"),
        ("selection_share", selection_label, NHS_BLUE, "circle"),
    )
    for column, name, colour, symbol in traces[1:] if whole else traces:
        fig.add_trace(
            go.Scatter(
                x=profile[column] * 100,
                y=profile["domain"],
                name=figure_text(name),
                mode="markers+text" if column == "selection_share" else "markers",
                text=[f"{v:.0%}" for v in profile[column]],
                textposition="middle right",
                marker={"color": colour, "symbol": symbol, "size": 13, "line": {"width": 2, "color": colour}},
                hovertemplate="%{y}: %{x:.0f}% of residents<extra>" + figure_text(name) + "</extra>",
            )
        )
    fig.update_xaxes(title="Residents living in England's most deprived 10% for the domain (%)", range=[0, 105])
    fig.update_yaxes(autorange="reversed")
    return _framed(
        fig,
        title=f"Most deprived on {top['domain'].lower()}: {top['selection_share']:.0%} of residents in England's "
        "worst tenth",
        subtitle=(
            f"{selection_label}"
            + ("" if whole else " (circles) against all of Leeds (diamonds)")
            + "; IoD 2019 domains, mid-2015 population"
        ),
        source="Source: English Indices of Deprivation 2019 (MHCLG), Files 1, 2 and 6.",
        height=480,
    )


def levels_figure(
    levels: pd.DataFrame, *, title: str, subtitle: str, source: str, unit: str, highlight: set[str] | None = None
) -> go.Figure:
    """Each deprivation group's value with its 95% interval, most deprived on the left; suppressed groups labelled."""
    highlight = highlight or set()
    # Each group is its own category, named (escaped) as published so the text alternative can name it.
    levels = levels.assign(tick=levels["breakdown"].map(figure_text))
    shown = levels[levels["value"].notna()]
    chosen = shown["breakdown"].isin(highlight)
    fig = go.Figure()
    for mask, name, symbol in ((~chosen, "Deprivation group", "circle"), (chosen, "In your selection", "star")):
        part = shown[mask]
        if part.empty:
            continue
        has_ci = part["lower_95"].notna() & part["upper_95"].notna()
        fig.add_trace(
            go.Scatter(
                x=part["tick"],
                y=part["value"],
                mode="markers+text",
                name=name,
                customdata=part["breakdown"].map(figure_text),
                text=[f"{v:.1f}" for v in part["value"]],
                textposition="middle right",
                marker={"color": NHS_BLUE if symbol == "circle" else NHS_ORANGE, "symbol": symbol, "size": 14},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "visible": bool(has_ci.any()),
                    "array": (part["upper_95"] - part["value"]).fillna(0),
                    "arrayminus": (part["value"] - part["lower_95"]).fillna(0),
                    "color": NHS_DARK_GREY,
                },
                hovertemplate="%{customdata}: %{y:.1f} " + unit + "<extra></extra>",
            )
        )
    for row in levels[levels["suppressed"]].itertuples(index=False):
        fig.add_annotation(
            x=row.tick,
            y=0,
            text="suppressed",
            showarrow=False,
            yanchor="bottom",
            textangle=-90,
            font={"color": NHS_DARK_GREY},
        )
    groups = len(levels)
    kind = {10: "Decile", 5: "Quintile"}.get(groups, "Group")
    # Short labels (with line breaks) go on the ticks.
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=levels["tick"].tolist(),
        tickangle=0,
        tickmode="array",
        tickvals=levels["tick"].tolist(),
        ticktext=tick_labels(levels),
        title=f"{kind} (1 = most deprived)" if groups in (5, 10) else "",
    )
    fig.update_yaxes(title=unit, rangemode="tozero")
    if chosen.any():
        subtitle += "; orange stars are the groups in your selection"
    if levels["lower_95"].notna().any():
        subtitle += "; bars show 95% confidence intervals"
    return _framed(fig, title=title, subtitle=subtitle, source=source, height=500)


def tick_labels(levels: pd.DataFrame) -> list[str]:
    """Short axis labels: the group's order, with 'most' and 'least' deprived spelled out at the ends."""
    if len(levels) == 2:
        return levels["breakdown"].map(figure_text).tolist()
    labels = [
        str(int(o)) if o < 99 else figure_text(b) for o, b in zip(levels["ordinal"], levels["breakdown"], strict=True)
    ]
    labels[0] += "<br>most deprived"
    labels[-1] += "<br>least deprived"
    return labels


def _labelled_line(
    fig: go.Figure,
    x: pd.Series,
    y: pd.Series,
    *,
    name: str,
    style: tuple[str, str, str],
    unit: str,
    shift: int,
    size: int | None = None,
    error_y: dict | None = None,
) -> None:
    """A thick line with markers (colour, dash, marker symbol), named in the hover and by a label at its last value.

    `error_y` draws the points' intervals where they are held (period_axis.interval_bars).
    """
    colour, dash, symbol = style
    fig.add_trace(
        go.Scatter(
            x=x,
            y=y,
            name=name,
            mode="lines+markers",
            line={"color": colour, "dash": dash, "width": 3},
            marker={"symbol": symbol, "size": 9},
            error_y=error_y,
            hovertemplate="%{x}: %{y:.1f} " + unit + "<extra>" + name + "</extra>",
        )
    )
    last = pd.DataFrame({"x": list(x), "y": list(y)}).dropna(subset=["y"]).tail(1)
    if not last.empty:
        font = {"color": colour} if size is None else {"color": colour, "size": size}
        fig.add_annotation(
            x=last["x"].iloc[0],
            y=last["y"].iloc[0],
            text=name,
            showarrow=False,
            xanchor="left",
            xshift=shift,
            font=font,
        )


def _spread_end_labels(fig: go.Figure, *, height: int, from_zero: bool = False, text_px: int = 17) -> None:
    """Move the labels at the lines' ends apart, so that none overprints another (charts/labels.py).

    The gap is a line of text in data units, from the plot's height on a page and the span of the values.
    """
    values = [float(v) for trace in fig.data for v in (trace.y if trace.y is not None else ()) if pd.notna(v)]
    notes = list(fig.layout.annotations)
    if not values or len(notes) < 2:
        return
    low, high = (min(0.0, min(values)) if from_zero else min(values)), max(values)
    span = (high - low) * 1.1 or 1.0  # plotly pads the range a little
    gap = text_px / max(height - 2 * SCREEN_MARGINS, 100) * span
    for note, y in zip(notes, spread_labels([float(n.y) for n in notes], gap=gap), strict=True):
        note.y = y


def gap_over_time_figure(over: pd.DataFrame, *, title: str, subtitle: str, source: str, unit: str) -> go.Figure:
    """Most and least deprived groups over time: solid circles and dashed squares, labelled at the end."""
    fig = go.Figure()
    for column, name, colour, dash, symbol in (
        ("most", "Most deprived", NHS_DARK_BLUE, "solid", "circle"),
        ("least", "Least deprived", NHS_AQUA_GREEN, "dash", "square"),
    ):
        bars = interval_bars(over[column], over.get(f"{column}_lower"), over.get(f"{column}_upper"), color=colour)
        _labelled_line(
            fig, over["period"], over[column], name=name, style=(colour, dash, symbol), unit=unit, shift=8, error_y=bars
        )
    fig.update_yaxes(title=unit)
    _spread_end_labels(fig, height=440)
    period_axis(fig, over["period"], title=None)
    if any(over.get(f"{c}_lower", pd.Series(dtype=float)).notna().any() for c in ("most", "least")):
        subtitle += "; bars show 95% confidence intervals"
    # The lines are named at their ends, to the right of the plot.
    return _framed(fig, title=title, subtitle=subtitle, source=source, height=440, margin_r=120)


def sii_life_expectancy_figure(table: pd.DataFrame, *, title: str, source: str) -> go.Figure:
    """SII in life expectancy over time: Leeds solid blue, England dotted grey; circles for men, squares for women."""
    fig = go.Figure()
    for area, colour, dash in (("Leeds", NHS_BLUE, "solid"), ("England", NHS_DARK_GREY, "dot")):
        for sex, symbol in (("Male", "circle"), ("Female", "square")):
            rows = table[table["sex"] == sex]
            name = f"{area}, {'men' if sex == 'Male' else 'women'}"
            _labelled_line(
                fig,
                rows["period"],
                rows[area],
                name=name,
                style=(colour, dash, symbol),
                unit="years",
                shift=10,
                size=13,
            )
    fig.update_yaxes(title="Years between most and least deprived", rangemode="tozero")
    _spread_end_labels(fig, height=460, from_zero=True)
    period_axis(fig, table["period"].drop_duplicates(), title=None)  # the table comes oldest first
    return _framed(
        fig,
        title=title,
        subtitle="Slope index of inequality in life expectancy at birth (years), by sex; three-year periods",
        source=source,
        height=460,
        margin_r=140,
    )


def report_gap_figure(table: pd.DataFrame, *, source: str) -> go.Figure:
    """The report's two reception obesity figures, earlier and reported, for the most deprived areas and all Leeds."""
    fig = go.Figure()
    for column, colour, symbol, where in (
        ("Most deprived areas of Leeds", NHS_DARK_BLUE, "circle", ["top right", "top left"]),
        ("All of Leeds", NHS_DARK_GREY, "diamond", ["bottom right", "bottom left"]),
    ):
        fig.add_trace(
            go.Scatter(
                x=table["when"],
                y=table[column],
                name=column,
                mode="lines+markers+text",
                # Name each line at its first point: there is no legend, and colour alone must not tell them apart.
                text=[f"{column}: {v:.1f}%" if i == 0 else f"{v:.1f}%" for i, v in enumerate(table[column])],
                textposition=where,
                line={"color": colour, "width": 3},
                marker={"symbol": symbol, "size": 12},
            )
        )
    before, after = table["gap"].iloc[0], table["gap"].iloc[-1]
    fig.update_yaxes(title="Obese (%)", range=[0, max(table.iloc[:, 1:3].max()) * 1.25])
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=table["when"].tolist())
    return _framed(
        fig,
        title=f"The report's figures: the gap narrowed from {before:.1f} to {after:.1f} points",
        subtitle="Reception-age obesity, Leeds' most deprived areas and all of Leeds; years not given in the report",
        source=source,
        height=420,
    )
