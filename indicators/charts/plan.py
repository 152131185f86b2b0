"""Choose how to chart an indicator and say its finding in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from indicators.analysis.dating import dated_line
from indicators.analysis.judgement import is_cumulative
from indicators.analysis.versus_england import latest_versus_england, versus_phrase
from indicators.core.codes import ENGLAND, LEEDS, REPORT_SOURCE
from indicators.core.formatting import format_value
from indicators.core.splits import TEMPLATE_SPLITS
from indicators.store.load import Store
from indicators.store.queries import area_names, headline, indicator_row, measured, per_store, rows_of, targets


class ChartKind(StrEnum):
    """The chart that suits an indicator's data."""

    TREND = "trend"
    BEFORE_AFTER = "before and after"
    TARGET = "progress to target"
    BREAKDOWN = "breakdown"
    SINGLE = "single figure"
    NONE = "no data yet"


@dataclass(frozen=True)
class ChartPlan:
    """What to draw for one indicator from one source, and the sentence that states its finding."""

    indicator_id: str
    source_id: str
    kind: ChartKind
    finding: str
    subtitle: str


@per_store
def chart_kind(store: Store, indicator_id: str, *, source_id: str) -> ChartKind:
    """Trend for dated series, before-and-after for baseline pairs, target, breakdown or a single figure."""
    if not targets(store, indicator_id).empty and source_id == REPORT_SOURCE:
        return ChartKind.TARGET
    rows = headline(store, indicator_id, source_id=source_id)
    if rows.empty:
        return ChartKind.NONE
    per_group = rows.groupby("breakdown")["value"].count()
    dated = rows["period_end"].notna().all()
    if dated and per_group.max() >= 3:
        return ChartKind.TREND
    if (rows["role"] == "baseline").any():
        return ChartKind.BEFORE_AFTER
    groups = bar_groups(store, indicator_id, source_id=source_id)
    # A split whose groups all hold the same figure (one Breathe Easy group per place) says
    # nothing a bar chart would show; the places are listed with the single figure instead.
    if len(groups) > 1 and groups["value"].nunique() > 1:
        return ChartKind.BREAKDOWN
    return ChartKind.SINGLE


def bar_groups(store: Store, indicator_id: str, *, source_id: str) -> pd.DataFrame:
    """Latest Leeds rows split by one kind of population group, largest first.

    Each kind of split covers all of Leeds, so two kinds on one axis would count everyone twice: where a
    source holds several (an export by sex and by decile), the kind with the most groups is drawn and
    the others stay in the data table.
    """
    rows = measured(store, indicator_id, source_id=source_id)
    rows = rows[(rows["area_code"] == LEEDS) & (rows["breakdown_type"] != "none") & (rows["role"] == "value")]
    # A template's deprivation splits each cover all of Leeds: drawn apart (charts.splits), never as one bar chart.
    rows = rows[~rows["breakdown_type"].isin(TEMPLATE_SPLITS)]
    if rows["breakdown_type"].nunique() > 1:
        sizes = rows.groupby("breakdown_type", sort=True)["breakdown"].nunique()
        rows = rows[rows["breakdown_type"] == sizes.idxmax()]
    return rows.sort_values("value", ascending=False)


def before_after_rows(store: Store, indicator_id: str, *, source_id: str) -> pd.DataFrame:
    """Baseline and value pairs for every group that has both, in breakdown order."""
    rows = measured(store, indicator_id, source_id=source_id)
    rows = rows[rows["area_code"] == LEEDS]
    paired = rows.groupby(["breakdown_type", "breakdown"])["role"].transform(lambda r: set(r) >= {"baseline", "value"})
    return rows[paired.astype(bool)]


def _fmt(meta: pd.Series, value: float, qualifier: str = "exact") -> str:
    return format_value(value, unit=meta["unit"], value_type=meta["value_type"], qualifier=qualifier)


def _number(meta: pd.Series, value: float) -> str:
    """A value without its unit where the unit follows later in the sentence."""
    if meta["value_type"] in ("count", "rate"):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return _fmt(meta, value)


def _group_name(breakdown_type: str, name: str) -> str:
    """Group names read mid-sentence: descriptions lower-cased, place names kept."""
    return name if breakdown_type in ("locality", "neighbourhood") else _lower_first(name)


def _lower_first(text: str) -> str:
    return text if text[:2].isupper() or text.startswith("BAME") else text[:1].lower() + text[1:]


def _verb(change: float) -> str:
    return "rose" if change > 0 else "fell" if change < 0 else "stayed"


def finding(store: Store, indicator_id: str, *, source_id: str) -> str:
    """One sentence that states what the data shows, for a chart title."""
    meta = indicator_row(store, indicator_id)
    kind = chart_kind(store, indicator_id, source_id=source_id)
    title = meta["title"]
    rows = headline(store, indicator_id, source_id=source_id)
    if kind is ChartKind.NONE:
        return f"{title}: no published figure yet"
    if kind is ChartKind.TARGET:
        target = targets(store, indicator_id).iloc[0]
        latest = rows.iloc[-1] if not rows.empty else None
        if latest is not None and pd.isna(latest["value"]):
            status = latest["status_text"].lower()
            return f"{title}: {status} of {_fmt(meta, target['value'])} ({target['period']}), as reported"
        if latest is not None:
            return f"{title}: {_fmt(meta, latest['value'])} against a target of {_fmt(meta, target['value'])}"
        return f"{title}: no figure yet against the milestone of {_fmt(meta, target['value'])} by {target['period']}"
    if kind is ChartKind.TREND:
        return _trend_finding(store, meta, rows)
    if kind is ChartKind.BEFORE_AFTER:
        parts, verbs = [], []
        pairs = before_after_rows(store, indicator_id, source_id=source_id)
        several = pairs["breakdown"].nunique() > 1
        for group, series in pairs.groupby("breakdown", sort=False):
            first, last = series.iloc[0], series.iloc[-1]
            where = (" across Leeds" if several else "") if group == "All" else f" in the {_lower_first(group)}"
            verb = _verb(last["value"] - first["value"])
            said = "" if verbs and verbs[-1] == verb else f"{verb} "
            verbs.append(verb)
            parts.append(f"{said}from {_number(meta, first['value'])} to {_fmt(meta, last['value'])}{where}")
        return f"{title} {' and '.join(parts)}, as reported"
    if kind is ChartKind.BREAKDOWN:
        groups = bar_groups(store, indicator_id, source_id=source_id)
        listed = ", ".join(
            f"{_group_name(g.breakdown_type, g.breakdown)} {_fmt(meta, g.value)}" for g in groups.head(4).itertuples()
        )
        more = f" and {len(groups) - 4} more groups" if len(groups) > 4 else ""
        return f"{title}: {listed}{more}"
    single = rows.iloc[-1]
    return f"{title}: {_fmt(meta, single['value'], single['qualifier'])}"


def _trend_finding(store: Store, meta: pd.Series, rows: pd.DataFrame) -> str:
    names = area_names(store)
    title = meta["title"]
    if rows["breakdown_type"].iloc[0] == "sex":
        latest = rows[rows["period_order"] == rows["period_order"].max()].set_index("breakdown")
        parts = [
            f"{_fmt(meta, latest.at[s, 'value'])} for {s.lower()}s" for s in ("Female", "Male") if s in latest.index
        ]
        period = latest["period"].iloc[0]
        return f"{title} in {names[LEEDS]}: {' and '.join(parts)} ({period})"
    first, last = rows.iloc[0], rows.iloc[-1]
    own = rows_of(store, meta.name)
    england = own[
        (own["area_code"] == ENGLAND)
        & (own["source_id"] == last["source_id"])
        & (own["period"] == last["period"])
        & (own["breakdown"] == last["breakdown"])
    ]
    if is_cumulative(rows):
        # Quarters added up from one start rise by construction: say how far they have reached, not that they rose.
        reached = str(last["period"]).split(" - ")[-1]
        sentence = (
            f"{title} in {names[LEEDS]} reached {_fmt(meta, last['value'])} by {reached}, "
            f"added up from {first['period']}"
        )
        if not england.empty:
            sentence += f" (England {_fmt(meta, england['value'].iloc[0])})"
        return sentence
    sentence = (
        f"{title} in {names[LEEDS]} {_verb(last['value'] - first['value'])} from {_fmt(meta, first['value'])} "
        f"in {first['period']} to {_fmt(meta, last['value'])} in {last['period']}"
    )
    # No year-on-year step is claimed: without intervals a one-year change cannot be told from noise.
    # England's figure is named with its own period, so it is never read as another year's.
    if not england.empty:
        sentence += f" (England {_fmt(meta, england['value'].iloc[0])} in {last['period']})"
    return sentence


def subtitle(store: Store, indicator_id: str, *, source_id: str) -> str:
    """Measure, area, period covered, latest period and extract date, and Leeds compared with England."""
    meta = indicator_row(store, indicator_id)
    rows = measured(store, indicator_id, source_id=source_id)
    rows = rows[rows["area_code"] == LEEDS]
    unit = "Per cent" if meta["unit"] == "%" else meta["unit"][:1].upper() + meta["unit"][1:]
    if rows.empty:
        return f"{unit}; Leeds; no figure published yet"
    rows = rows.sort_values("period_order")
    if rows["period"].str.startswith("Not stated").all():
        span = "period not stated"
    else:
        periods = rows["period"]
        span = periods.iloc[0] if periods.nunique() == 1 else f"{periods.iloc[0]} to {periods.iloc[-1]}"
    source_id = rows["source_id"].iloc[-1] if source_id is None else source_id
    latest = None if rows["period"].str.startswith("Not stated").all() else rows["period"].iloc[-1]
    dated = dated_line(store, source_id, latest_period=latest)
    versus = versus_phrase(latest_versus_england(store, indicator_id, source_id=source_id))
    compared = f"; Leeds {versus}" if versus and source_id != REPORT_SOURCE else ""
    return f"{unit}; Leeds; {span}; {dated}{compared}"


@per_store
def chart_plan(store: Store, indicator_id: str, *, source_id: str) -> ChartPlan:
    """Everything a page needs to title and choose a chart for one indicator and source."""
    return ChartPlan(
        indicator_id=indicator_id,
        source_id=source_id,
        kind=chart_kind(store, indicator_id, source_id=source_id),
        finding=finding(store, indicator_id, source_id=source_id),
        subtitle=subtitle(store, indicator_id, source_id=source_id),
    )
