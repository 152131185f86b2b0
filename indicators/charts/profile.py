"""The area profile (spine chart) of Leeds: every official series in one chart, as Fingertips draws it.

Each row is one official series at its latest period. England is the centre line; the grey bar is
the spread of every English district and unitary authority (lowest to highest, the middle half
darker); Leeds is the marker, coloured and shaped by Fingertips' published comparison with England.
As in Fingertips, each row is scaled so England sits in the middle and the authority furthest from
England reaches an end, and oriented by polarity so that better is always to the right (where no
direction is set, higher is to the right). Every number comes from the store: the values table for
Leeds and England, the area_spread table for the authorities.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from indicators.charts.figures import NHS_DARK_GREY, _bare
from indicators.charts.marks import ORDER, mark_for, published_word
from indicators.core.codes import ENGLAND, LEEDS
from indicators.core.formatting import format_value
from indicators.core.text import figure_text
from indicators.store.load import Store
from indicators.store.queries import headline, indicator_row, measured, sources_of

LIGHT_BAND = "#D8DDE0"
DARK_BAND = "#AEB7BD"
ROW_HEIGHT = 120
GROUP_WORDS = {"Male": "males", "Female": "females"}
PROFILE_COLUMNS = (
    "indicator_id",
    "source_id",
    "indicator",
    "group",
    "period",
    "unit",
    "value_type",
    "polarity",
    "leeds",
    "england",
    "compared_to_england",
    "areas",
    "lowest",
    "q25",
    "median",
    "q75",
    "highest",
)


def spine_position(value: float, *, england: float, lowest: float, highest: float, polarity: str) -> float:
    """Where a value sits on a row of the spine, from 0 (left) to 1 (right), England at 0.5.

    The row is scaled so the authority furthest from England reaches an end; it is mirrored for a
    lower-is-better series, so that better is always to the right.
    """
    half = max(abs(lowest - england), abs(highest - england), abs(value - england))
    position = 0.5 if half == 0 else 0.5 + (value - england) / (2 * half)
    return 1 - position if polarity == "lower_is_better" else position


def profile_rows(store: Store) -> pd.DataFrame:
    """One row per official series and group at Leeds' latest period: Leeds, England and the authorities' spread.

    Official series are those from datasets (not the report's own figures or analysts' imports),
    in catalogue order; a series split by sex gives a row per sex.
    """
    kinds = store.sources.set_index("source_id")["kind"]
    spread = store.area_spread.set_index(["indicator_id", "source_id", "breakdown_type", "breakdown", "period"])
    order = store.breakdowns.set_index(["breakdown_type", "breakdown"])["ordinal"]
    out = []
    # Only indicators with a Leeds value from a dataset: found on the whole table at once, so the
    # other indicators' rows are never sliced out.
    values = store.values
    official = kinds.index[kinds == "dataset"]
    with_data = set(
        values.loc[(values["area_code"] == LEEDS) & values["source_id"].isin(official), "indicator_id"].astype(str)
    )
    for indicator_id in store.indicators["indicator_id"]:
        if indicator_id not in with_data:
            continue
        meta = indicator_row(store, indicator_id)
        for source_id in sources_of(store, indicator_id):
            if kinds.get(source_id) != "dataset":
                continue
            leeds = headline(store, indicator_id, source_id=source_id)
            leeds = leeds[(leeds["role"] == "value") & leeds["value"].notna()]
            if leeds.empty:
                continue
            rows = measured(store, indicator_id, source_id=source_id)
            groups = sorted(leeds["breakdown"].unique(), key=lambda b, t=leeds["breakdown_type"].iloc[0]: order[(t, b)])
            for group in groups:
                latest = leeds[leeds["breakdown"] == group].sort_values("period_order").iloc[-1]
                key = (indicator_id, source_id, latest["breakdown_type"], group, latest["period"])
                england = rows[
                    (rows["area_code"] == ENGLAND)
                    & (rows["breakdown_type"] == latest["breakdown_type"])
                    & (rows["breakdown"] == group)
                    & (rows["period"] == latest["period"])
                    & (rows["role"] == "value")
                ]["value"]
                found = spread.loc[key] if key in spread.index else None
                out.append(
                    {
                        "indicator_id": indicator_id,
                        "source_id": source_id,
                        "indicator": meta["title"],
                        "group": group,
                        "period": latest["period"],
                        "unit": meta["unit"],
                        "value_type": meta["value_type"],
                        "polarity": meta["polarity"],
                        "leeds": float(latest["value"]),
                        "england": float(england.iloc[0]) if len(england) else float("nan"),
                        "compared_to_england": published_word(latest["compared_to_england"]),
                        "areas": int(found["areas"]) if found is not None else 0,
                        **{q: float(found[q]) if found is not None else float("nan") for q in PROFILE_COLUMNS[-5:]},
                    }
                )
    return pd.DataFrame(out, columns=list(PROFILE_COLUMNS))


def _label(row: pd.Series) -> str:
    if row["group"] == "All":
        return row["indicator"]
    return f"{row['indicator']}, {GROUP_WORDS.get(row['group'], row['group'].lower())}"


def _short(row: pd.Series, value: float) -> str:
    if pd.isna(value):
        return "not held"
    if row["value_type"] == "percentage":
        return f"{value:.1f}%"
    return f"{value:.1f}"


def profile_texts(rows: pd.DataFrame) -> tuple[str, str]:
    """The finding (the chart's title) and a one-sentence text alternative giving every row's judgement and values."""
    words = rows["compared_to_england"]
    worse, better = int((words == "Worse").sum()), int((words == "Better").sum())
    total = len(rows)
    finding = (
        f"Leeds is worse than England on {worse} of {total} official measures and better on "
        f"{'none' if better == 0 else better}, by Fingertips' published comparison"
    )
    parts = []
    for word in ORDER:
        chosen = rows[words == word]
        if chosen.empty:
            continue
        items = ", ".join(
            f"{_label(r)} {_short(r, r['leeds'])} against {_short(r, r['england'])} ({r['period']})"
            for _, r in chosen.iterrows()
        )
        words_ = mark_for(word).words
        parts.append(f"{words_[:1].lower()}{words_[1:]}: {items}")
    alt = "Area profile of Leeds against England, latest periods; " + "; ".join(parts) + "."
    return finding, alt


def profile_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The profile as a readable table, one row per series and group (for the page and the CSV)."""
    table = pd.DataFrame(
        {
            "Indicator": rows.apply(_label, axis=1),
            "Period": rows["period"],
            "Leeds": [
                format_value(v, unit=u, value_type=t)
                for v, u, t in zip(rows["leeds"], rows["unit"], rows["value_type"], strict=True)
            ],
            "England": [
                "not held" if pd.isna(v) else format_value(v, unit=u, value_type=t)
                for v, u, t in zip(rows["england"], rows["unit"], rows["value_type"], strict=True)
            ],
            "Compared with England (Fingertips)": rows["compared_to_england"].map(lambda w: mark_for(w).words),
            "Authorities compared": rows["areas"],
            "Lowest": rows["lowest"],
            "25th percentile": rows["q25"],
            "Median": rows["median"],
            "75th percentile": rows["q75"],
            "Highest": rows["highest"],
            "Polarity": rows["polarity"]
            .map({"higher_is_better": "Higher is better", "lower_is_better": "Lower is better"})
            .fillna("No direction set"),
        }
    )
    return table


@dataclass(frozen=True)
class AreaProfile:
    """The profile's figure (finding, subtitle and source drawn in, for images, slides and the pack) and its texts."""

    figure: go.Figure
    finding: str
    subtitle: str
    source: str
    alt_text: str
    table: pd.DataFrame


def area_profile(store: Store) -> AreaProfile | None:
    """The area profile of Leeds, or None when the store holds no official series for Leeds."""
    rows = profile_rows(store)
    if rows.empty:
        return None
    finding, alt = profile_texts(rows)
    areas = sorted(set(rows.loc[rows["areas"] > 0, "areas"]))
    spread_words = (
        f"{areas[0]} to {areas[-1]}" if len(areas) > 1 else str(areas[0]) if areas else "no"
    ) + " English districts and unitary authorities with a value"
    subtitle = "Latest periods; Leeds against England (line) and English districts and unitary authorities (bar)"
    source = (
        f"Source: OHID Fingertips (values and Fingertips' comparison with England). Bar: {spread_words}, lowest to "
        "highest, darker the middle half (percentiles by linear interpolation). Better to the right; where no "
        "direction is set, higher to the right."
    )
    fig = _spine(rows)
    # On a page the spine runs edge to edge: its labels sit inside the plot.
    framed = _bare(
        fig,
        title=finding,
        subtitle=subtitle,
        source=source,
        height=ROW_HEIGHT * len(rows) + 40,
        screen_margin={"l": 8, "r": 8, "t": 40, "b": 8},
    )
    framed.update_layout(hovermode="closest", margin={"r": 24})
    return AreaProfile(framed, finding, subtitle, source, alt, profile_table(rows))


def _spine(rows: pd.DataFrame) -> go.Figure:
    """The spine chart itself: per row a label above, the authorities' spread, England and Leeds."""
    fig = go.Figure()
    # Annotations gathered and set once: plotly's add_annotation copies the whole list each time.
    notes: list[dict] = []
    bands: dict[str, dict[str, list]] = {
        name: {"y": [], "base": [], "x": [], "text": []} for name in ("low", "mid", "high")
    }
    england_y: list[float] = []
    leeds: dict[str, dict[str, list]] = {}
    for i, row in rows.reset_index(drop=True).iterrows():
        y = -float(i)
        label = f"<b>{figure_text(_label(row))}</b>"
        mark = mark_for(row["compared_to_england"])
        # Three short lines rather than one long one, so a phone's width takes them.
        detail = (
            f"Leeds {_short(row, row['leeds'])} · England {_short(row, row['england'])} · {figure_text(row['period'])}"
        )
        text = "<br>".join([label, detail, mark.words])
        notes.append(
            dict(
                x=0,
                y=y + 0.2,
                xref="x",
                yref="y",
                text=text,
                showarrow=False,
                xanchor="left",
                yanchor="bottom",
                align="left",
                font={"size": 13, "color": "#212B32"},
                name="row-label",
            )
        )
        if row["areas"] == 0 or pd.isna(row["england"]):
            notes.append(
                dict(
                    x=0,
                    y=y,
                    xref="x",
                    yref="y",
                    text="Spread of authorities not held for this period",
                    showarrow=False,
                    xanchor="left",
                    font={"size": 12, "color": NHS_DARK_GREY},
                    name="row-note",
                )
            )
            continue
        spine = {
            "england": row["england"],
            "lowest": row["lowest"],
            "highest": row["highest"],
            "polarity": row["polarity"],
        }
        at = {q: spine_position(row[q], **spine) for q in ("lowest", "q25", "q75", "highest")}
        left, right = sorted((at["lowest"], at["highest"]))
        inner_left, inner_right = sorted((at["q25"], at["q75"]))
        summary = (
            f"{figure_text(_label(row))}, {row['areas']} authorities: lowest {_short(row, row['lowest'])}, "
            f"25th percentile {_short(row, row['q25'])}, median {_short(row, row['median'])}, "
            f"75th percentile {_short(row, row['q75'])}, highest {_short(row, row['highest'])}"
        )
        for name, start, end in (
            ("low", left, inner_left),
            ("mid", inner_left, inner_right),
            ("high", inner_right, right),
        ):
            bands[name]["y"].append(y)
            bands[name]["base"].append(start)
            bands[name]["x"].append(end - start)
            bands[name]["text"].append(summary)
        england_y.append(y)
        # The ends' values, small under the bar, so the spread can be read without hovering.
        for side, x in (("lowest", at["lowest"]), ("highest", at["highest"])):
            notes.append(
                dict(
                    x=x,
                    y=y - 0.16,
                    xref="x",
                    yref="y",
                    text=_short(row, row[side]),
                    showarrow=False,
                    xanchor="left" if x < 0.5 else "right",
                    yanchor="top",
                    font={"size": 11, "color": NHS_DARK_GREY},
                    name="row-end",
                )
            )
        entry = leeds.setdefault(mark.word, {"x": [], "y": [], "text": []})
        entry["x"].append(spine_position(row["leeds"], **spine))
        entry["y"].append(y)
        entry["text"].append(f"Leeds {_short(row, row['leeds'])}: {mark.words} ({figure_text(row['period'])})")
    for name, colour, legend in (
        ("low", LIGHT_BAND, "Authorities: lowest to highest"),
        ("mid", DARK_BAND, "Middle half of authorities (25th to 75th percentile)"),
        ("high", LIGHT_BAND, None),
    ):
        band = bands[name]
        fig.add_trace(
            go.Bar(
                y=band["y"],
                x=band["x"],
                base=band["base"],
                orientation="h",
                width=0.3,
                marker={"color": colour},
                name=legend or "",
                showlegend=legend is not None,
                legendgroup="band-" + name,
                hovertext=band["text"],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[0.5] * len(england_y),
            y=england_y,
            mode="markers",
            name="England (centre of each row)",
            marker={"symbol": "line-ns", "size": 30, "line": {"width": 3, "color": NHS_DARK_GREY}},
            hoverinfo="skip",
        )
    )
    for word in ORDER:
        if word not in leeds:
            continue
        mark = mark_for(word)
        fig.add_trace(
            go.Scatter(
                x=leeds[word]["x"],
                y=leeds[word]["y"],
                mode="markers",
                name=f"Leeds: {mark.words}",
                marker={
                    "symbol": mark.symbol,
                    "size": 17,
                    "color": mark.colour,
                    "line": {"width": 2, "color": mark.outline},
                },
                hovertext=leeds[word]["text"],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    for x, text, anchor in (
        (0, "◀ Worse (or lower)", "left"),
        (1, "Better (or higher) ▶", "right"),
        (0.5, "England", "center"),
    ):
        notes.append(
            dict(
                x=x,
                y=0.85,
                xref="x",
                yref="y",
                text=f"<b>{text}</b>",
                showarrow=False,
                xanchor=anchor,
                yanchor="bottom",
                font={"size": 12, "color": NHS_DARK_GREY},
                name="spine-head",
            )
        )
    fig.update_layout(annotations=notes)
    fig.update_xaxes(visible=False, range=[-0.01, 1.01], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-(len(rows) - 1) - 0.55, 1.25], fixedrange=True)
    fig.update_layout(barmode="overlay", bargap=0, showlegend=True, hovermode="closest")
    fig.update_layout(legend={"bgcolor": "rgba(255,255,255,0)", "font": {"size": 12}})
    return fig
