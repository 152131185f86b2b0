"""Tables people read and download: a chart's data, the overview's tiles, CSV that spreadsheets cannot misread."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from indicators.analysis.judgement import assess_indicator, combine
from indicators.charts.figures import deprivation_rows, trend_data
from indicators.charts.plan import ChartKind, chart_kind
from indicators.core.codes import LEEDS
from indicators.core.formatting import format_value
from indicators.store.load import Store
from indicators.store.queries import area_names, headline, measured, sources_of, targets

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Signed numbers written as text ("+6.1", "-7.6%") are read by spreadsheets as numbers, not formulas.
_SIGNED_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?%?$")


def chart_table(
    store: Store,
    indicator_id: str,
    *,
    source_id: str,
    comparators: Sequence[str] = (),
    england: bool = True,
    breakdowns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The rows a chart draws, with readable column names, intervals, notes and the citation."""
    if chart_kind(store, indicator_id, source_id=source_id) is ChartKind.TREND:
        rows = trend_data(
            store, indicator_id, source_id=source_id, comparators=comparators, england=england, breakdowns=breakdowns
        )
    else:
        rows = measured(store, indicator_id, source_id=source_id)
        rows = pd.concat([rows[rows["area_code"] == LEEDS], targets(store, indicator_id)])
        rows = rows[rows["source_id"] == source_id].assign(area_name=lambda r: r["area_code"].map(area_names(store)))
    return _readable(rows)


def deprivation_table(store: Store, indicator_id: str) -> pd.DataFrame:
    """The rows the deprivation chart draws (England by deprivation quintile, most deprived first), readable."""
    return _readable(deprivation_rows(store, indicator_id))


def _readable(rows: pd.DataFrame) -> pd.DataFrame:
    """A chart's rows with readable column names, intervals, notes and the citation; empty columns dropped."""
    table = pd.DataFrame(
        {
            "Area": rows["area_name"],
            "Group": rows["breakdown"],
            "Period": rows["period"],
            "Figure": rows["role"],
            "Value": rows["value"],
            "Lower 95%": rows["lower_95"],
            "Upper 95%": rows["upper_95"],
            "As reported": rows["qualifier"].where(rows["qualifier"] != "exact", ""),
            "Status": rows["status_text"],
            "Compared with England": rows["compared_to_england"],
            "Note": rows["note"],
            "Source": rows["citation"],
        }
    )
    return table.dropna(axis="columns", how="all").reset_index(drop=True)


def csv_bytes(table: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with any text cell that a spreadsheet would run as a formula made inert."""
    safe = table.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda v: (
                    f"'{v}"
                    if isinstance(v, str) and v.startswith(_FORMULA_START) and not _SIGNED_NUMBER.match(v)
                    else v
                )
            )
    return safe.to_csv(index=False).encode("utf-8")


def overview_tiles(store: Store) -> pd.DataFrame:
    """One row per indicator for the Overview: latest value, change, judgement and sparkline points."""
    rows = []
    for meta in store.indicators.itertuples(index=False):
        assessments = assess_indicator(store, meta.indicator_id)
        judgement = combine([a.judgement for a in assessments.values()])
        series = headline(store, meta.indicator_id, source_id=meta.primary_source_id)
        latest_text, short, period, change_text, spark = "No data yet", "No data yet", "", "", []
        if not series.empty:
            latest = series[series["period_order"] == series["period_order"].max()]
            parts = []
            for row in latest.itertuples(index=False):
                text = format_value(
                    row.value,
                    unit=meta.unit,
                    value_type=meta.value_type,
                    qualifier=row.qualifier,
                    status=row.status_text,
                )
                parts.append(text if row.breakdown == "All" or len(latest) == 1 else f"{row.breakdown}: {text}")
            latest_text, period = "; ".join(parts), latest["period"].iloc[0]
            short = _short_value(latest, meta.value_type)
            change_text = _change_text(assessments, meta.unit, meta.value_type)
            first_group = series[series["breakdown"] == series["breakdown"].iloc[0]]
            spark = first_group["value"].dropna().tolist() if len(first_group) >= 3 else []
        others = [s for s in sources_of(store, meta.indicator_id) if s != meta.primary_source_id]
        rows.append(
            {
                "indicator_id": meta.indicator_id,
                "title": meta.title,
                "goal_id": meta.goal_id,
                "programme_id": meta.programme_id,
                "plan_measure_id": meta.plan_measure_id,
                "data_status": meta.data_status,
                "latest": latest_text,
                "short": short,
                "period": period,
                "change": change_text,
                "judgement": judgement,
                "assessments": assessments,
                "spark": spark,
                "also_reported": bool(others),
            }
        )
    return pd.DataFrame(rows)


def _short_value(latest: pd.DataFrame, value_type: str) -> str:
    """A value short enough for a tile: '12.8%', '35,000+', '~1,902', 'F 82.6 · M 78.8'."""
    parts = []
    for row in latest.itertuples(index=False):
        if pd.isna(row.value):
            parts.append(str(row.status_text or "No figure").split(" to ")[0])
            continue
        if value_type == "percentage":
            number = f"{row.value:.1f}".removesuffix(".0") + "%"
        elif value_type == "years":
            number = f"{row.value:.1f}"
        else:
            number = f"{row.value:,.0f}"
        number = {"more than": f"{number}+", "about": f"~{number}", "milestone": f"{number}th"}.get(
            row.qualifier, number
        )
        label = row.breakdown[:1] if row.breakdown_type == "sex" else ""
        parts.append(f"{label} {number}".strip())
    if len(parts) > 2:
        return f"{len(parts)} groups"
    return " · ".join(parts)


def _change_text(assessments: dict, unit: str, value_type: str) -> str:
    """'Down 0.7 points since 2020', per group where there are several."""
    parts = []
    for group, a in assessments.items():
        if a.change is None:
            continue
        size = abs(a.change)
        if value_type == "percentage":
            amount = f"{size:.1f}".removesuffix(".0") + " points"
        elif value_type == "years":
            amount = f"{size:.1f} years"
        else:
            amount = f"{size:,.0f}"
        direction = "Up" if a.change > 0 else "Down" if a.change < 0 else "No change"
        since = (
            "on the earlier figure"
            if str(a.reference_period).startswith("Not stated")
            else f"since {a.reference_period}"
        )
        text = f"{direction} {amount} {since}" if a.change else f"No change {since}"
        parts.append(text if len(assessments) == 1 else f"{group}: {text}")
    return "; ".join(parts)
