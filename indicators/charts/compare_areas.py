"""Comparing areas: Leeds and the chosen authorities at the latest period, as sorted bars against England.

Twelve authorities as lines over fourteen years cannot be read; at one period, as bars in order,
they can. Each bar is coloured and labelled with Fingertips' published comparison with England
(a word and a shape as well as the colour), England is the line across, and 95% intervals are drawn
where the store holds them. The trend keeps Leeds, England and at most TREND_AREAS of the areas.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from indicators.charts.figures import NHS_DARK_GREY, _axis_title, _bare, _short, source_line
from indicators.charts.marks import mark_for, published_word
from indicators.charts.selection import ChartSelection
from indicators.core.codes import ENGLAND, LEEDS
from indicators.core.text import figure_text
from indicators.store.load import Store
from indicators.store.queries import area_names, headline, indicator_row, measured

TREND_AREAS = 3
BAR_PX = 46
GROUP_WORDS = {"Male": "males", "Female": "females"}


def _ordinal(n: int) -> str:
    if n == 1:
        return "the"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def compare_rows(store: Store, selection: ChartSelection) -> pd.DataFrame:
    """Leeds, the comparators and England at Leeds' latest period, one row per area and group.

    Empty when Leeds has no value from this source. An area with no value at that period has no row.
    """
    indicator_id, source_id, breakdowns = selection.indicator_id, selection.source_id, selection.breakdowns
    leeds = headline(store, indicator_id, source_id=source_id)
    leeds = leeds[(leeds["role"] == "value") & leeds["value"].notna()]
    if leeds.empty:
        return pd.DataFrame()
    breakdown_type = leeds["breakdown_type"].iloc[0]
    if breakdowns:
        leeds = leeds[leeds["breakdown"].isin(breakdowns)]
        if leeds.empty:
            return pd.DataFrame()
    period = leeds.sort_values(["period_end", "period_order"]).iloc[-1]["period"]
    codes = [LEEDS, ENGLAND, *[c for c in selection.comparators if c not in (LEEDS, ENGLAND)]]
    rows = measured(store, indicator_id, source_id=source_id)
    rows = rows[
        rows["area_code"].isin(codes)
        & (rows["breakdown_type"] == breakdown_type)
        & rows["breakdown"].isin(leeds["breakdown"].unique())
        & (rows["period"] == period)
        & (rows["role"] == "value")
        & rows["value"].notna()
    ]
    names = area_names(store)
    return rows.assign(
        area_name=rows["area_code"].map(names),
        comparison=rows["compared_to_england"].map(published_word),
    )


def _value(meta: pd.Series, value: float) -> str:
    """A value as the bars label it: one decimal place for percentages and years, as published."""
    if meta["value_type"] == "percentage":
        return f"{value:.1f}%"
    if meta["value_type"] == "years":
        return f"{value:.1f}"
    return _short(meta, value)


def _group_label(group: str) -> str:
    return GROUP_WORDS.get(group, group.lower())


def compare_texts(rows: pd.DataFrame, *, title: str, meta: pd.Series) -> tuple[str, str]:
    """The finding (Leeds' place among the areas, highest first) and a one-sentence text alternative."""
    period = rows["period"].iloc[0]
    areas = rows[rows["area_code"] != ENGLAND]
    ranks, spoken = [], []
    for group in dict.fromkeys(areas["breakdown"]):
        own = areas[areas["breakdown"] == group].sort_values("value", ascending=False).reset_index(drop=True)
        label = "" if group == "All" else f" for {_group_label(group)}"
        at_leeds = own.index[own["area_code"] == LEEDS]
        if len(at_leeds):
            ranks.append(f"{_ordinal(int(at_leeds[0]) + 1)} highest{label}")
        england = rows[(rows["area_code"] == ENGLAND) & (rows["breakdown"] == group)]["value"]
        listed = ", ".join(
            f"{r.area_name} {_value(meta, r.value)} ({_lower_first(mark_for(r.comparison).words)})"
            for r in own.itertuples(index=False)
        )
        england_words = f"; England {_value(meta, england.iloc[0])}" if len(england) else ""
        spoken.append(f"{'' if group == 'All' else _group_label(group) + ': '}{listed}{england_words}")
    count = int(areas["area_code"].nunique())
    finding = f"{title} in {period}: Leeds is {' and '.join(ranks)} of {count} areas compared"
    finding = finding if ranks else f"{title} in {period}: {count} areas compared"
    alt = f"{title}, {period}, areas from highest to lowest: " + "; ".join(spoken) + "."
    return finding, alt


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def compare_figure(store: Store, selection: ChartSelection) -> tuple[go.Figure, str] | None:
    """The compare-areas bars and their one-sentence text alternative, or None when there is nothing to compare."""
    indicator_id, source_id = selection.indicator_id, selection.source_id
    rows = compare_rows(store, selection)
    # Leeds alone (or with England only) is not a comparison of areas.
    if rows.empty or not (~rows["area_code"].isin([LEEDS, ENGLAND])).any():
        return None
    meta = indicator_row(store, indicator_id)
    chosen_names = area_names(store)
    finding, alt = compare_texts(rows, title=meta["title"], meta=meta)
    missing = sorted(
        chosen_names[c] for c in selection.comparators if c in chosen_names and c not in set(rows["area_code"])
    )
    groups = list(dict.fromkeys(rows.loc[rows["area_code"] != ENGLAND, "breakdown"]))
    counts = [int(((rows["breakdown"] == g) & (rows["area_code"] != ENGLAND)).sum()) for g in groups]
    titles = ["" if g == "All" else f"<b>{figure_text(_group_label(g).capitalize())}</b>" for g in groups]
    fig = make_subplots(
        rows=len(groups),
        cols=1,
        row_heights=counts,
        vertical_spacing=0.08 if len(groups) > 1 else 0.0,
        subplot_titles=titles if len(groups) > 1 else None,
        shared_xaxes=True,
    )
    # Panel titles (females, males) to the left, clear of England's label over its line.
    fig.for_each_annotation(lambda a: a.update(x=0, xanchor="left", font={"size": 15}))
    top = float(pd.concat([rows["value"], rows["upper_95"]]).dropna().max())
    with_intervals = rows["lower_95"].notna().any()
    # Annotations gathered and set once: plotly's add_annotation copies the whole list each time.
    notes: list[dict] = []
    for n, group in enumerate(groups, start=1):
        own = rows[(rows["breakdown"] == group) & (rows["area_code"] != ENGLAND)].sort_values("value")
        marks = [mark_for(w) for w in own["comparison"]]
        # Areas on a numeric axis, highest at the top; each name and value is written above its bar
        # rather than as an axis label, so a phone's width goes to the bars, not to the names.
        places = list(range(len(own)))
        xref, yref = f"x{'' if n == 1 else n}", f"y{'' if n == 1 else n}"
        for place, code, name, value, mark in zip(
            places, own["area_code"], own["area_name"], own["value"], marks, strict=True
        ):
            label = f"<b>{figure_text(name)}</b>" if code == LEEDS else figure_text(name)
            notes.append(
                dict(
                    x=0,
                    y=place + 0.22,
                    xref=xref,
                    yref=yref,
                    text=f"{label}  {_value(meta, value)}  {mark.glyph} {mark.word}",
                    showarrow=False,
                    xanchor="left",
                    yanchor="bottom",
                    font={"size": 13, "color": "#212B32"},
                    bgcolor="rgba(255,255,255,0.85)",
                    name="bar-label",
                )
            )
        error = (
            {
                "type": "data",
                "symmetric": False,
                "array": (own["upper_95"] - own["value"]).tolist(),
                "arrayminus": (own["value"] - own["lower_95"]).tolist(),
                "color": NHS_DARK_GREY,
                "thickness": 1.5,
            }
            if own["lower_95"].notna().any()
            else None
        )
        fig.add_trace(
            go.Bar(
                y=places,
                x=own["value"],
                orientation="h",
                width=0.4,
                marker={
                    "color": [m.colour for m in marks],
                    "line": {
                        "color": [NHS_DARK_GREY if c != LEEDS else "#212B32" for c in own["area_code"]],
                        "width": [1 if c != LEEDS else 3 for c in own["area_code"]],
                    },
                },
                error_x=error,
                text=[f"{_value(meta, v)} {m.glyph} {m.word}" for v, m in zip(own["value"], marks, strict=True)],
                textposition="none",
                customdata=own["area_name"].map(figure_text),
                hovertext=[m.words for m in marks],
                hovertemplate="%{customdata}: %{x} (%{hovertext})<extra></extra>",
                showlegend=False,
            ),
            row=n,
            col=1,
        )
        fig.update_yaxes(visible=False, range=[-0.45, len(own) - 0.2], fixedrange=True, row=n, col=1)
        england = rows[(rows["area_code"] == ENGLAND) & (rows["breakdown"] == group)]["value"]
        if len(england):
            value = float(england.iloc[0])
            fig.add_vline(x=value, line={"color": "#212B32", "width": 2, "dash": "dash"}, row=n, col=1)
            notes.append(
                dict(
                    x=value,
                    y=1.0,
                    xref=f"x{'' if n == 1 else n}",
                    yref=f"y{'' if n == 1 else n} domain",
                    text=f"England {_value(meta, value)}",
                    showarrow=False,
                    yanchor="bottom",
                    font={"size": 12, "color": "#212B32"},
                    name="england-label",
                )
            )
    fig.update_layout(annotations=[*fig.layout.annotations, *notes])
    fig.update_xaxes(range=[0, top * 1.08], showgrid=False)
    fig.update_xaxes(title=_axis_title(meta), row=len(groups), col=1)
    fig.update_layout(hovermode="closest", showlegend=False)
    period = rows["period"].iloc[0]
    subtitle = f"{_axis_title(meta)}; {period}; bars coloured and labelled by Fingertips' comparison with England; " + (
        "95% intervals shown" if with_intervals else "no intervals in this copy"
    )
    source = source_line(store, source_id) + (f" No value for {', '.join(missing)} in {period}." if missing else "")
    height = sum(BAR_PX * c for c in counts) + 70 * len(groups)
    # On a page the bars take the page's width: their labels sit inside the plot.
    framed = _bare(fig, title=finding, subtitle=subtitle, source=source, height=height, screen_margin={"l": 8, "r": 16})
    framed.update_layout(margin={"r": 40})
    return framed, alt


def compare_table(store: Store, selection: ChartSelection) -> pd.DataFrame:
    """The compared areas as a readable table: area, group, period, value, interval, Fingertips' comparison."""
    rows = compare_rows(store, selection)
    if rows.empty:
        return pd.DataFrame()
    rows = rows.sort_values(["breakdown", "value"], ascending=[True, False])
    return pd.DataFrame(
        {
            "Area": rows["area_name"],
            "Group": rows["breakdown"],
            "Period": rows["period"],
            "Value": rows["value"],
            "Lower 95%": rows["lower_95"],
            "Upper 95%": rows["upper_95"],
            "Compared with England (Fingertips)": rows["comparison"].map(lambda w: mark_for(w).words),
            "Source": rows["citation"],
        }
    )
