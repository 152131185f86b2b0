"""Leeds split by deprivation, as an analyst's counts template makes it: one chart per split, never mixed.

A template import holds, for each period, Leeds in total and Leeds split three ways: by England's
deprivation deciles (IoD 2019), by fifths of Leeds' own residents, and into England's most deprived
tenth against the rest (MSOA files give fifths only). Each split covers all of Leeds on its own, so
drawing two on one axis would show every resident twice: each gets a chart of its own, with the
Leeds total as a line across it. Decimals are chosen from the figures' intervals
(indicators.core.precision). A group whose counts are hidden by small-number suppression is named
"suppressed" at its place on the axis, never left as a silent gap.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators.charts.figures import NHS_BLUE, NHS_DARK_BLUE, NHS_DARK_GREY, _bare, source_line
from indicators.core.codes import LEEDS
from indicators.core.precision import decimals_for, write_number
from indicators.core.splits import TEMPLATE_SPLITS
from indicators.core.text import figure_text
from indicators.stats.disclosure import SUPPRESSED
from indicators.store.load import Store
from indicators.store.queries import indicator_row, measured

SPLITS = TEMPLATE_SPLITS
_ROUNDED = (("Value", "value"), ("Lower 95% limit", "lower_95"), ("Upper 95% limit", "upper_95"))
TABLE_COLUMNS = ["Group", "Period", "Value", "Lower 95% limit", "Upper 95% limit", "Count", "Denominator", "Status"]


def split_types(store: Store, indicator_id: str, *, source_id: str) -> list[str]:
    """The template splits this source holds for Leeds, in drawing order (often none)."""
    rows = measured(store, indicator_id, source_id=source_id)
    held = set(rows.loc[rows["area_code"] == LEEDS, "breakdown_type"])
    return [t for t in SPLITS if t in held]


def split_rows(store: Store, indicator_id: str, *, source_id: str, breakdown_type: str) -> pd.DataFrame:
    """Leeds' groups of one split at its latest period, most deprived first, suppressed groups kept."""
    rows = measured(store, indicator_id, source_id=source_id)
    rows = rows[(rows["area_code"] == LEEDS) & (rows["breakdown_type"] == breakdown_type)]
    if rows.empty:
        return rows.assign(ordinal=pd.Series(dtype="int64"), suppressed=pd.Series(dtype=bool))
    latest = rows.loc[rows["period_end"] == rows["period_end"].max(), "period"].iloc[0]
    rows = rows[rows["period"] == latest]
    order = store.breakdowns.set_index(["breakdown_type", "breakdown"])["ordinal"]
    ordinal = [int(order.get((breakdown_type, b), 999)) for b in rows["breakdown"]]
    rows = rows.assign(ordinal=ordinal, suppressed=rows["status_text"].eq(SUPPRESSED) & rows["value"].isna())
    return rows.sort_values(["ordinal", "breakdown"], kind="stable").reset_index(drop=True)


def leeds_total(store: Store, indicator_id: str, *, source_id: str, period: str) -> pd.Series | None:
    """Leeds' whole-population row for one period of this source, or None."""
    rows = measured(store, indicator_id, source_id=source_id)
    rows = rows[(rows["area_code"] == LEEDS) & (rows["breakdown_type"] == "none") & (rows["period"] == period)]
    return None if rows.empty else rows.iloc[0]


def _places(rows: pd.DataFrame, total: pd.Series | None) -> int:
    frame = rows[["value", "lower_95", "upper_95"]]
    if total is not None:
        frame = pd.concat([frame, total[["value", "lower_95", "upper_95"]].to_frame().T], ignore_index=True)
    return decimals_for(frame["value"], lower=frame["lower_95"], upper=frame["upper_95"])


def _finding(meta: pd.Series, rows: pd.DataFrame, total: pd.Series | None, *, write) -> str:
    """Plain words: the first and last groups' figures and Leeds', with no claim about the difference."""
    first, last = rows.iloc[0], rows.iloc[-1]

    def said(row: pd.Series) -> str:
        return SUPPRESSED if row["suppressed"] else write(row["value"])

    period = first["period"]
    whole = "" if total is None or pd.isna(total["value"]) else f"; all of Leeds {write(total['value'])}"
    return (
        f"{meta['title']} in Leeds, {period}: {said(first)} in {_lower(first['breakdown'])} "
        f"and {said(last)} in {_lower(last['breakdown'])}{whole}"
    )


def _lower(name: str) -> str:
    """A group's name mid-sentence: 'decile 1', 'Leeds quintile 5', 'the rest of Leeds'."""
    if name.startswith("Leeds") or name[:2].isupper():
        return name
    the = "the " if name[:1].isdigit() or name.startswith("Rest ") else ""
    return the + name[:1].lower() + name[1:]


def split_figure(store: Store, indicator_id: str, *, source_id: str, breakdown_type: str) -> go.Figure | None:
    """One split of Leeds at its latest period: groups with intervals, the Leeds total across, suppressed named."""
    rows = split_rows(store, indicator_id, source_id=source_id, breakdown_type=breakdown_type)
    if rows.empty:
        return None
    meta = indicator_row(store, indicator_id)
    period = rows["period"].iloc[0]
    total = leeds_total(store, indicator_id, source_id=source_id, period=period)
    places = _places(rows, total)
    percentage = meta["value_type"] == "percentage"

    def write(value: float) -> str:
        return write_number(value, places=places, percentage=percentage)

    labels = [figure_text(b) for b in rows["breakdown"]]
    ticks = [f"g{i}" for i in range(len(rows))]
    shown = rows.assign(tick=ticks, label=labels)
    drawn = shown[~shown["suppressed"] & shown["value"].notna()]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=drawn["tick"],
            y=drawn["value"],
            customdata=drawn["label"],
            name="Leeds group",
            mode="markers+text",
            marker={"color": NHS_BLUE, "symbol": "circle", "size": 13},
            text=[write(v) for v in drawn["value"]],
            textposition="middle right",
            cliponaxis=False,
            error_y={
                "type": "data",
                "symmetric": False,
                "visible": bool(drawn["lower_95"].notna().any()),
                "array": (drawn["upper_95"] - drawn["value"]).fillna(0),
                "arrayminus": (drawn["value"] - drawn["lower_95"]).fillna(0),
                "color": NHS_DARK_GREY,
                "thickness": 1.5,
            },
            hovertemplate="%{customdata}: %{text}<extra></extra>",
        )
    )
    low = 0.0
    hidden = shown[shown["suppressed"]]
    if not hidden.empty:
        # A marker holds the group's place on the axis, and says why it has no figure.
        fig.add_trace(
            go.Scatter(
                x=hidden["tick"],
                y=[low] * len(hidden),
                customdata=hidden["label"],
                name="Suppressed (small numbers)",
                mode="markers",
                cliponaxis=False,
                marker={"color": NHS_DARK_GREY, "symbol": "x-thin-open", "size": 12, "line": {"width": 2}},
                hovertemplate="%{customdata}: suppressed (small numbers)<extra></extra>",
            )
        )
        for tick in hidden["tick"]:
            fig.add_annotation(
                x=tick,
                y=low,
                text=SUPPRESSED,
                showarrow=False,
                yanchor="bottom",
                yshift=10,
                textangle=-90,
                font={"size": 13, "color": NHS_DARK_GREY},
                name="suppressed",
            )
    if total is not None and pd.notna(total["value"]):
        fig.add_hline(
            y=float(total["value"]),
            line={"color": NHS_DARK_BLUE, "dash": "dash", "width": 2},
            name="leeds-total",
        )
        # Named beyond the plot's right edge, where no group's point or label can sit on it.
        fig.add_annotation(
            x=1,
            xref="paper",
            xanchor="left",
            xshift=6,
            y=float(total["value"]),
            text=f"All of Leeds<br>{write(total['value'])}",
            showarrow=False,
            align="left",
            font={"color": NHS_DARK_BLUE, "size": 14},
            name="leeds-total",
        )
    highs = pd.concat([rows["upper_95"], rows["value"], pd.Series([total["value"] if total is not None else None])])
    top = float(highs.dropna().max()) if highs.notna().any() else 1.0
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=ticks,
        tickmode="array",
        tickvals=ticks,
        ticktext=["<br>".join(_wrap_words(label, 10)) for label in labels],
        tickangle=0,
        range=[-0.5, len(ticks) - 0.5],
        automargin=True,
        title=None,
    )
    unit = "Per cent" if meta["unit"] == "%" else meta["unit"][:1].upper() + meta["unit"][1:]
    fig.update_yaxes(title=unit, range=[low, top * 1.12 if top > 0 else 1.0])
    fig.update_layout(hovermode="closest", showlegend=not hidden.empty)
    subtitle = f"{unit}; Leeds by {SPLITS[breakdown_type]}; {period}; bars show 95% confidence intervals"
    if not hidden.empty:
        subtitle += "; groups with small counts are suppressed"
    return _bare(
        fig,
        title=_finding(meta, rows, total, write=write),
        subtitle=subtitle,
        source=source_line(store, source_id),
        height=360,
    )


def _wrap_words(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def split_table(store: Store, indicator_id: str, *, source_id: str, breakdown_type: str) -> pd.DataFrame:
    """The chart's data: each group and all of Leeds, rounded as drawn, 'suppressed' where hidden."""
    rows = split_rows(store, indicator_id, source_id=source_id, breakdown_type=breakdown_type)
    if rows.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    total = leeds_total(store, indicator_id, source_id=source_id, period=rows["period"].iloc[0])
    places = _places(rows, total)
    every = rows if total is None else pd.concat([rows, total.to_frame().T.assign(suppressed=False)])
    table = pd.DataFrame(
        {
            "Group": ["All of Leeds" if b == "All" else b for b in every["breakdown"]],
            "Period": every["period"].tolist(),
            **{name: pd.to_numeric(every[column], errors="coerce").round(places).tolist() for name, column in _ROUNDED},
            "Count": pd.to_numeric(every["numerator"], errors="coerce").tolist(),
            "Denominator": pd.to_numeric(every["denominator"], errors="coerce").tolist(),
            "Status": [SUPPRESSED if s else "" for s in every["suppressed"]],
        }
    )
    return table.reset_index(drop=True)
