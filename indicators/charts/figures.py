"""Plotly figures for indicators: trend, before-and-after, target, breakdown and sparkline.

Every figure keeps its finding, its measure, area and period, its source and what the Plan wants
beside it (charts.framing sets them for the screen, an image or a slide); a target is drawn as a line.
Lines are told apart by colour, dash, marker and a label at their end, never colour alone.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from indicators.charts.framing import NHS_DARK_GREY, NHS_PALE_GREY, ChartTexts, bare
from indicators.charts.labels import spread_labels
from indicators.charts.period_axis import interval_bars
from indicators.charts.plan import ChartKind, bar_groups, before_after_rows, chart_plan
from indicators.charts.selection import ChartSelection
from indicators.core.codes import ENGLAND, LEEDS, REPORT_SOURCE
from indicators.core.formatting import WANTS
from indicators.core.text import figure_text
from indicators.store.load import Store
from indicators.store.queries import area_names, headline, indicator_row, measured, rows_of, targets

NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
NHS_MID_GREY = "#768692"
NHS_ORANGE = "#ED8B00"
NHS_AQUA_GREEN = "#00A499"
# Each Leeds breakdown gets its own colour, dash and marker so print and colour-blind readers can tell them apart.
LEEDS_STYLES = (
    (NHS_BLUE, "solid", "circle"),
    (NHS_DARK_BLUE, "dot", "square"),
    (NHS_AQUA_GREEN, "dash", "triangle-up"),
)
# England's lines for each group (men, women) differ in colour, dash and marker, as Leeds' do.
ENGLAND_STYLES = ((NHS_DARK_GREY, "dash", "diamond"), ("#231F20", "dot", "x"))
TREND_HEIGHT = 420
# A label's line of 14 px type and the space around it: end labels closer than this overprint.
LABEL_GAP_PX = 20
# Comparator lines stay quiet grey behind Leeds, but each has its own dash and marker.
COMPARATOR_DASHES = ("solid", "dot", "dash", "longdash", "dashdot", "longdashdot", "solid")
COMPARATOR_MARKERS = (
    "circle-open",
    "square-open",
    "diamond-open",
    "triangle-up-open",
    "x-thin-open",
    "star-open",
    "cross-thin-open",
)


def source_line(store: Store, source_id: str) -> str:
    """'Source: title, publisher (date)' for the foot of a chart."""
    src = store.sources.set_index("source_id").loc[source_id]
    return f"Source: {src['title']}. {src['publisher']}, {src['published']}."


def _wrap(text: str, width: int) -> list[str]:
    """Plotly does not wrap titles: break long text into lines of at most `width` characters."""
    return textwrap.wrap(text, width=width, break_long_words=False) or [""]


def _bare(
    fig: go.Figure,
    *,
    title: str,
    subtitle: str,
    source: str,
    height: int = 420,
    polarity: str = "",
    screen_margin: dict[str, int] | None = None,
) -> go.Figure:
    """The house style, with the finding, subtitle, source and what the Plan wants kept beside the figure."""
    texts = ChartTexts(
        title, subtitle, source, wants=WANTS.get(polarity), plot_height=height, screen_margin=screen_margin
    )
    return bare(fig, texts)


def _axis_title(meta: pd.Series) -> str:
    return "Per cent" if meta["unit"] == "%" else meta["unit"][:1].upper() + meta["unit"][1:]


def trend_data(store: Store, selection: ChartSelection) -> pd.DataFrame:
    """The rows a trend chart draws: Leeds, optionally England and comparators, tidy and labelled."""
    indicator_id, source_id, breakdowns = selection.indicator_id, selection.source_id, selection.breakdowns
    others = [c for c in selection.comparators if c not in (LEEDS, ENGLAND)]
    codes = [LEEDS, *([ENGLAND] if selection.england else []), *others]
    rows = measured(store, indicator_id, source_id=source_id)
    leeds = headline(store, indicator_id, source_id=source_id)
    rows = rows[rows["area_code"].isin(codes) & (rows["breakdown_type"] == leeds["breakdown_type"].iloc[0])]
    if breakdowns:
        rows = rows[rows["breakdown"].isin(breakdowns)]
    names = area_names(store)
    return rows.assign(area_name=rows["area_code"].map(names)).sort_values(["area_code", "breakdown", "period_end"])


def trend_figure(store: Store, selection: ChartSelection) -> go.Figure:
    """Leeds over time against England and chosen comparators, with intervals where known."""
    indicator_id, source_id = selection.indicator_id, selection.source_id
    meta = indicator_row(store, indicator_id)
    plan = chart_plan(store, indicator_id, source_id=source_id)
    data = trend_data(store, selection)
    order = data.drop_duplicates("period").sort_values("period_end")["period"].tolist()
    fig = go.Figure()
    groups = list(data["breakdown"].drop_duplicates())
    others = [c for c in selection.comparators if c not in (LEEDS, ENGLAND)]
    for n, (code, role) in enumerate([(c, "comparator") for c in others] + [(ENGLAND, "england"), (LEEDS, "leeds")]):
        for i, group in enumerate(groups):
            series = data[(data["area_code"] == code) & (data["breakdown"] == group)]
            if series.empty:
                continue
            # A period missing from one area (left out or not published) breaks its line rather
            # than joining the neighbouring years as if the gap were not there.
            first, last = order.index(series["period"].iloc[0]), order.index(series["period"].iloc[-1])
            span = order[first : last + 1]
            series = series.set_index("period").reindex(span).reset_index()
            series[["area_name", "breakdown"]] = series[["area_name", "breakdown"]].ffill().bfill()
            # Leeds and England lines are styled by group; comparators each get their own dash and marker.
            style = n * len(groups) + i if role == "comparator" else i
            _add_line(fig, series, role=role, index=style, label_group=len(groups) > 1, position=order.index)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order, title=None)
    fig.update_yaxes(title=_axis_title(meta))
    _target_line(fig, store, indicator_id, meta)
    _left_out_notes(fig, store, source_id=source_id, order=order)
    _settle_end_labels(fig, data, targets(store, indicator_id), meta)
    return _bare(
        fig,
        title=plan.finding,
        subtitle=plan.subtitle,
        source=source_line(store, source_id),
        height=TREND_HEIGHT,
        polarity=meta["polarity"],
    )


def trend_range(data: pd.DataFrame, target_rows: pd.DataFrame, *, value_type: str) -> tuple[float, float]:
    """The value axis of a trend: every value, interval and target in view, from zero for a percentage."""
    found = pd.concat([data["value"], data["lower_95"], data["upper_95"], target_rows["value"]]).dropna()
    if found.empty:
        return 0.0, 1.0
    low, high = float(found.min()), float(found.max())
    pad = 0.06 * (high - low) if high > low else max(abs(high) * 0.05, 1.0)
    low = 0.0 if value_type == "percentage" and low >= 0 else low - pad
    return low, high + pad


def _settle_end_labels(fig: go.Figure, data: pd.DataFrame, target_rows: pd.DataFrame, meta: pd.Series) -> None:
    """Fix the value axis and move end labels that share a column apart, so no two overprint."""
    low, high = trend_range(data, target_rows, value_type=meta["value_type"])
    fig.update_yaxes(range=[low, high])
    per_px = (high - low) / TREND_HEIGHT
    gap = LABEL_GAP_PX * per_px
    # All together, not per period: a label a period or two back still reaches across the last ones.
    labels = [a for a in fig.layout.annotations if a.name == "end-label"]
    placed = spread_labels([a.y for a in labels], gap=gap, low=low + gap / 2, high=high - gap / 2)
    for annotation, y in zip(labels, placed, strict=True):
        annotation.y = y


def _add_line(
    fig: go.Figure, series: pd.DataFrame, *, role: str, index: int, label_group: bool, position: Callable[[str], int]
) -> None:
    area = series["area_name"].iloc[0]
    group = series["breakdown"].iloc[0]
    name = figure_text(f"{area} ({group.lower()})" if label_group else area)
    if role == "leeds":
        color, dash, symbol = LEEDS_STYLES[index % len(LEEDS_STYLES)]
        width, size, opacity = 4, 9, 1.0
    elif role == "england":
        color, dash, symbol = ENGLAND_STYLES[index % len(ENGLAND_STYLES)]
        width, size, opacity = 2.5, 8, 1.0
    else:
        color, width, size, opacity = NHS_MID_GREY, 1.5, 6, 0.85
        dash = COMPARATOR_DASHES[index % len(COMPARATOR_DASHES)]
        symbol = COMPARATOR_MARKERS[index % len(COMPARATOR_MARKERS)]
    has_ci = series["lower_95"].notna().any()
    error = (
        {
            "type": "data",
            "symmetric": False,
            "array": series["upper_95"] - series["value"],
            "arrayminus": series["value"] - series["lower_95"],
            "color": color,
            "thickness": 1.5,
        }
        if has_ci
        else None
    )
    fig.add_trace(
        go.Scatter(
            x=series["period"],
            y=series["value"],
            name=name,
            mode="lines+markers",
            line={"color": color, "dash": dash, "width": width},
            marker={"symbol": symbol, "size": size, "color": color},
            opacity=opacity,
            error_y=error,
            legendrank=1 if role == "leeds" else 2 if role == "england" else 3,
            hovertemplate=f"{name}: %{{y}}<extra></extra>",
        )
    )
    if role != "comparator":
        last = series.iloc[-1]
        # On a category axis an annotation's x is the category's position: a label such as
        # "2024" would otherwise be read as position 2024 and stretch the axis.
        fig.add_annotation(
            x=position(last["period"]),
            y=last["value"],
            text=f"<b>{name}</b>" if role == "leeds" else name,
            showarrow=False,
            xanchor="left",
            xshift=10,
            font={"color": color, "size": 14},
            name="end-label",
        )


def _left_out_notes(fig: go.Figure, store: Store, *, source_id: str, order: list[str]) -> None:
    """Mark a period left out for local areas but kept for England, so a lone England point is explained."""
    rules = store.exclusions[
        (store.exclusions["source_id"] == source_id) & (store.exclusions["scope"] == "local authorities")
    ]
    for rule in rules.itertuples(index=False):
        if rule.period in order:
            fig.add_annotation(
                x=order.index(rule.period),
                # Low in the plot, clear of the legend above and of the lines (rates sit well above zero).
                y=0.03,
                yref="paper",
                yanchor="bottom",
                text=f"{rule.period}: England only<br>(see note)",
                showarrow=False,
                font={"size": 12, "color": NHS_DARK_GREY},
                name="left-out",
            )


def _target_line(fig: go.Figure, store: Store, indicator_id: str, meta: pd.Series) -> None:
    for target in targets(store, indicator_id).itertuples(index=False):
        fig.add_hline(
            y=target.value,
            line={"color": NHS_AQUA_GREEN, "dash": "dash", "width": 3},
            annotation_text=f"Target {target.value:,.0f} ({target.period})",
            annotation_position="top left",
            annotation_font={"color": "#006747", "size": 14},
        )


def before_after_figure(store: Store, indicator_id: str, *, source_id: str) -> go.Figure:
    """Each group's figure before and after, joined by a line: the report's own comparisons."""
    meta = indicator_row(store, indicator_id)
    plan = chart_plan(store, indicator_id, source_id=source_id)
    rows = before_after_rows(store, indicator_id, source_id=source_id)
    fig = go.Figure()
    x = ["Before", "After (as reported Dec 2019)"]
    for i, (group, series) in enumerate(rows.groupby("breakdown", sort=False)):
        color, dash, symbol = LEEDS_STYLES[i % len(LEEDS_STYLES)]
        label = "All of Leeds" if group == "All" else figure_text(group)
        values = series["value"].tolist()
        fig.add_trace(
            go.Scatter(
                x=x,
                y=values,
                name=label,
                mode="lines+markers+text",
                line={"color": color, "width": 4, "dash": dash},
                marker={"size": 14, "symbol": symbol, "color": color},
                text=[_short(meta, values[0]), ""],
                textposition="top right",
                textfont={"size": 15, "color": color},
                hovertemplate=f"{label}: %{{y}}<extra></extra>",
            )
        )
        # Category positions, not labels, place annotations on a category axis.
        fig.add_annotation(
            x=1,
            y=values[-1],
            text=f"<b>{_short(meta, values[-1])}</b> {label}",
            showarrow=False,
            xanchor="left",
            xshift=14,
            font={"color": color, "size": 15},
        )
    fig.update_xaxes(type="category", title=None)
    fig.update_yaxes(title=_axis_title(meta), range=[0, float(rows["value"].max()) * 1.2])
    fig.update_layout(showlegend=False)
    return _bare(
        fig,
        title=plan.finding,
        subtitle=plan.subtitle,
        source=source_line(store, source_id),
        height=340,
        polarity=meta["polarity"],
    )


def _short(meta: pd.Series, value: float) -> str:
    if meta["value_type"] == "percentage":
        return f"{value:.1f}".removesuffix(".0") + "%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def target_figure(store: Store, indicator_id: str) -> go.Figure:
    """Progress toward a target as a bar against a marked goal; a reported status is written in."""
    meta = indicator_row(store, indicator_id)
    plan = chart_plan(store, indicator_id, source_id=REPORT_SOURCE)
    target = targets(store, indicator_id).iloc[0]
    rows = headline(store, indicator_id, source_id=REPORT_SOURCE)
    latest = rows.iloc[-1] if not rows.empty else None
    value = None if latest is None or pd.isna(latest["value"]) else float(latest["value"])
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=["Target"],
            x=[target["value"]],
            orientation="h",
            name=f"Target ({target['period']})",
            marker={
                "color": "white",
                "line": {"color": NHS_AQUA_GREEN, "width": 3},
                "pattern": {"shape": "/", "fgcolor": NHS_AQUA_GREEN},
            },
            text=[f"Target {_short(meta, target['value'])}"],
            textposition="inside",
            insidetextanchor="end",
            hovertemplate="Target: %{x}<extra></extra>",
        )
    )
    if value is not None:
        fig.add_trace(
            go.Bar(
                y=["Reported"],
                x=[value],
                orientation="h",
                name="Reported",
                marker={"color": NHS_BLUE},
                text=[_short(meta, value)],
                textposition="inside",
            )
        )
    else:
        status = latest["status_text"] if latest is not None else "No figure published yet"
        fig.add_annotation(
            x=0,
            y="Reported",
            text=f"<b>{figure_text(status)}</b> (no figure given)",
            showarrow=False,
            xanchor="left",
            font={"size": 16, "color": NHS_DARK_BLUE},
        )
        fig.add_trace(
            go.Bar(
                y=["Reported"],
                x=[0],
                orientation="h",
                name="Reported",
                marker={"color": NHS_BLUE},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    fig.update_xaxes(title=_axis_title(meta), rangemode="tozero", range=[0, float(target["value"]) * 1.08])
    fig.update_layout(barmode="overlay", hovermode="closest", showlegend=False)
    fig.update_yaxes(categoryorder="array", categoryarray=["Target", "Reported"], title=None)
    return _bare(fig, title=plan.finding, subtitle=plan.subtitle, source=source_line(store, REPORT_SOURCE), height=150)


def breakdown_figure(store: Store, indicator_id: str, *, source_id: str) -> go.Figure:
    """The latest figure for each group, largest at the top, each bar labelled with its value."""
    meta = indicator_row(store, indicator_id)
    plan = chart_plan(store, indicator_id, source_id=source_id)
    rows = bar_groups(store, indicator_id, source_id=source_id).sort_values("value")
    fig = go.Figure(
        go.Bar(
            y=rows["breakdown"].map(figure_text),
            x=rows["value"],
            orientation="h",
            marker={"color": NHS_BLUE},
            text=[_short(meta, v) for v in rows["value"]],
            textposition="outside",
            cliponaxis=False,
            error_x=interval_bars(rows["value"], rows["lower_95"], rows["upper_95"], color=NHS_DARK_GREY),
            hovertemplate="%{y}: %{x}<extra></extra>",
            name=figure_text(meta["title"]),
        )
    )
    highest = float(pd.concat([rows["value"], rows["upper_95"]]).max())
    top = 100 if meta["value_type"] == "percentage" else highest * 1.15
    fig.update_xaxes(title=_axis_title(meta), range=[0, top])
    fig.update_yaxes(title=None, automargin=True)
    fig.update_layout(hovermode="closest", showlegend=False)
    height = max(160, 60 * len(rows))
    return _bare(fig, title=plan.finding, subtitle=plan.subtitle, source=source_line(store, source_id), height=height)


def deprivation_rows(store: Store, indicator_id: str) -> pd.DataFrame:
    """An indicator's rows for England by national deprivation quintile, most deprived first (often none)."""
    rows = rows_of(store, indicator_id)
    rows = rows[rows["breakdown_type"] == "deprivation_quintile_england"]
    order = store.breakdowns.set_index(["breakdown_type", "breakdown"])["ordinal"]
    return rows.assign(area_name=rows["area_code"].map(area_names(store))).sort_values(
        "breakdown", key=lambda b: b.map(lambda name: order[("deprivation_quintile_england", name)])
    )


def deprivation_figure(store: Store, indicator_id: str) -> go.Figure | None:
    """England's figure by national deprivation quintile, most deprived first, or None if there is none."""
    meta = indicator_row(store, indicator_id)
    rows = deprivation_rows(store, indicator_id)
    if rows.empty:
        return None
    most, least = rows.iloc[0], rows.iloc[-1]
    area = area_names(store)[most["area_code"]]
    title = (
        f"{meta['title']} in {area} is {_short(meta, most['value'])} in the most deprived fifth of areas "
        f"against {_short(meta, least['value'])} in the least deprived"
    )
    fig = go.Figure(
        go.Bar(
            x=["<br>".join(figure_text(w) for w in _wrap(b.removesuffix(" quintile"), 14)) for b in rows["breakdown"]],
            y=rows["value"],
            marker={"color": [NHS_DARK_BLUE] + [NHS_BLUE] * (len(rows) - 2) + [NHS_PALE_GREY]},
            text=[_short(meta, x) for x in rows["value"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    fig.update_xaxes(title=None, tickangle=0)
    fig.update_yaxes(title=_axis_title(meta), range=[0, float(rows["value"].max()) * 1.2])
    fig.update_layout(hovermode="closest", showlegend=False)
    subtitle = f"{_axis_title(meta)}; {area}; {most['period']} combined; fifths of small areas by deprivation"
    return _bare(fig, title=title, subtitle=subtitle, source=source_line(store, most["source_id"]), height=300)


def figure_for(store: Store, selection: ChartSelection) -> go.Figure | None:
    """The chart that suits this indicator and source, or None for a single figure or no data."""
    indicator_id, source_id = selection.indicator_id, selection.source_id
    kind = chart_plan(store, indicator_id, source_id=source_id).kind
    if kind is ChartKind.TREND:
        return trend_figure(store, selection)
    if kind is ChartKind.BEFORE_AFTER:
        return before_after_figure(store, indicator_id, source_id=source_id)
    if kind is ChartKind.TARGET:
        return target_figure(store, indicator_id)
    if kind is ChartKind.BREAKDOWN:
        return breakdown_figure(store, indicator_id, source_id=source_id)
    return None


def sparkline(series: pd.DataFrame, *, color: str = NHS_BLUE) -> go.Figure:
    """A tiny line with no axes for a tile; the last point is marked."""
    points = series[series["value"].notna()]
    fig = go.Figure(
        go.Scatter(
            x=list(range(len(points))),
            y=points["value"],
            mode="lines",
            line={"color": color, "width": 2.5},
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[len(points) - 1],
            y=[points["value"].iloc[-1]],
            mode="markers",
            marker={"color": color, "size": 8},
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        height=60,
        margin={"l": 2, "r": 8, "t": 4, "b": 4},
        showlegend=False,
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig
