"""Tables people read and download: a chart's data, the overview's tiles, CSV that spreadsheets cannot misread."""

from __future__ import annotations

import re

import pandas as pd

from indicators.analysis.board_headline import OFFICIAL_KINDS
from indicators.analysis.judgement import assess_indicator, combine
from indicators.analysis.versus_england import latest_versus_england, versus_column
from indicators.charts.figures import deprivation_rows, trend_data
from indicators.charts.plan import ChartKind, chart_kind
from indicators.charts.selection import ChartSelection
from indicators.core.codes import LEEDS
from indicators.core.formatting import format_value
from indicators.store.load import Store
from indicators.store.queries import area_names, headline, measured, sources_of, targets

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Signed numbers written as text ("+6.1", "-7.6%") are read by spreadsheets as numbers, not formulas.
_SIGNED_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?%?$")


def chart_table(store: Store, selection: ChartSelection) -> pd.DataFrame:
    """The rows a chart draws, with readable column names, intervals, notes and the citation."""
    indicator_id, source_id = selection.indicator_id, selection.source_id
    if chart_kind(store, indicator_id, source_id=source_id) is ChartKind.TREND:
        rows = trend_data(store, selection)
    else:
        rows = measured(store, indicator_id, source_id=source_id)
        rows = pd.concat([rows[rows["area_code"] == LEEDS], targets(store, indicator_id)])
        rows = rows[rows["source_id"] == source_id].assign(area_name=lambda r: r["area_code"].map(area_names(store)))
    table = _readable(rows.drop(columns="compared_to_england"), store)
    # Every value beside England's: Fingertips' judgement where published, else computed or "not compared".
    versus = versus_column(rows, store, indicator_id, source_id=source_id).reset_index(drop=True)
    position = table.columns.get_loc("Note") if "Note" in table else len(table.columns) - 1
    for offset, column in enumerate(versus.columns):
        table.insert(position + offset, column, versus[column])
    return table


def deprivation_table(store: Store, indicator_id: str) -> pd.DataFrame:
    """The rows the deprivation chart draws (England by deprivation quintile, most deprived first), readable."""
    return _readable(deprivation_rows(store, indicator_id), store)


# Values and intervals are kept as plain numbers, to four decimal places: enough for any published figure.
DECIMALS = 4


def _readable(rows: pd.DataFrame, store: Store | None = None) -> pd.DataFrame:
    """A chart's rows with readable column names, codes, unit, intervals, counts, the comparison, source and
    its extract date, so a download can be computed with; empty columns dropped."""
    units = published = None
    if store is not None:
        units = rows["indicator_id"].map(store.indicators.set_index("indicator_id")["unit"])
        published = rows["source_id"].map(store.sources.set_index("source_id")["published"])
    table = pd.DataFrame(
        {
            "Indicator ID": rows["indicator_id"],
            "Area code": rows["area_code"],
            "Area": rows["area_name"],
            "Group": rows["breakdown"],
            "Period": rows["period"],
            "Figure": rows["role"],
            "Unit": units,
            "Value": pd.to_numeric(rows["value"]).round(DECIMALS),
            "Lower 95%": pd.to_numeric(rows["lower_95"]).round(DECIMALS),
            "Upper 95%": pd.to_numeric(rows["upper_95"]).round(DECIMALS),
            "Count": rows["numerator"],
            "Denominator": rows["denominator"],
            "As reported": rows["qualifier"].where(rows["qualifier"] != "exact", ""),
            "Status": rows["status_text"],
            "Compared with England": rows.get("compared_to_england"),
            "Note": rows["note"],
            "Source": rows["citation"],
            "Source ID": rows["source_id"],
            "Extract date": published,
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
    """One row per indicator for the Overview: latest value, change, judgement and sparkline points.

    `official` tells an official series (a published dataset) from the 2019 report's own figures and from
    indicators that come only from analysts' imports;
    `versus` holds an official series' latest comparison with England, per group.
    """
    official_sources = set(store.sources.loc[store.sources["kind"].isin(OFFICIAL_KINDS), "source_id"])
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
        official = meta.primary_source_id in official_sources
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
                "official": official,
                "versus": latest_versus_england(store, meta.indicator_id) if official and not series.empty else {},
            }
        )
    return pd.DataFrame(rows)


def _short_value(latest: pd.DataFrame, value_type: str) -> str:
    """A value short enough for a tile, in words where it is not a plain number.

    '12.8%', 'more than 35,000', 'about 1,902', '1,000 reached (milestone)', 'On track (no figure given)',
    'Figures for 3 groups', 'F 82.6 · M 78.8'.
    """
    if latest["value"].notna().sum() > 2:
        return f"Figures for {len(latest)} groups"
    parts = []
    for row in latest.itertuples(index=False):
        if pd.isna(row.value):
            status = str(row.status_text or "No figure").split(" to ")[0]
            parts.append(f"{status} (no figure given)" if row.status_text else "No figure published")
            continue
        if value_type == "percentage":
            number = f"{row.value:.1f}".removesuffix(".0") + "%"
        elif value_type == "years":
            number = f"{row.value:.1f}"
        else:
            number = f"{row.value:,.0f}"
        number = {
            "more than": f"more than {number}",
            "about": f"about {number}",
            "milestone": f"{number} reached (milestone)",
        }.get(row.qualifier, number)
        label = row.breakdown[:1] if row.breakdown_type == "sex" else ""
        parts.append(f"{label} {number}".strip())
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
        if str(a.reference_period).startswith("Not stated"):
            since = "on the earlier figure, as reported"
        elif a.since_start is not None:
            since = f"since {a.reference_period} (the Plan's start)"
        else:
            since = f"since {a.reference_period}"
        text = f"{direction} {amount} {since}" if a.change else f"No change {since}"
        parts.append(text if len(assessments) == 1 else f"{group}: {text}")
    return "; ".join(parts)
