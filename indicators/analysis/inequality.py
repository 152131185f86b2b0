"""Gaps between the most and least deprived: levels by group, gap, SII/RII, and whether the gap is closing.

Every judgement here is guarded: a difference or a change is called significant only when the
data carry what a test needs (counts, or confidence intervals). Official series in the store are
tidy copies without either, and the report's figures have no counts or years; for those the
functions say plainly that no judgement can be made.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.core.codes import ENGLAND, LEEDS
from indicators.stats.methods import (
    Comparison,
    compare_proportions,
    compare_values,
    recent_trend,
    slope_index_of_inequality,
    standard_error_from_interval,
)
from indicators.store.load import Store
from indicators.store.queries import per_store
from indicators.store.schemas import as_text

TWO_GROUPS = "deprivation_most_deprived_10"
SERIES_KEY = ["indicator_id", "source_id", "area_code", "breakdown_type"]


def deprivation_groups(breakdown_type: str) -> int | None:
    """How many deprivation groups a breakdown type has: 10, 5, 2, or None if it is not about deprivation."""
    if breakdown_type == TWO_GROUPS:
        return 2
    text = breakdown_type.lower()
    if "deprivation" not in text:
        return None
    if re.search(r"decile", text):
        return 10
    if re.search(r"quintile", text):
        return 5
    return None


@per_store
def _deprivation_types(store: Store) -> dict[str, int]:
    """Breakdown types in the values table that split by deprivation, with their number of groups."""
    types = store.values["breakdown_type"].dropna().unique()
    found = {str(t): deprivation_groups(str(t)) for t in types}
    return {t: g for t, g in found.items() if g is not None}


@per_store
def _deprivation_rows(store: Store) -> dict[tuple[str, ...], pd.DataFrame]:
    """Every row of each deprivation series (targets included), in the values table's order.

    Split once per store so a rerun touches only one series' rows: at England scale the values
    table holds millions of LSOA rows, and masking all of them per group and period took seconds.
    """
    v = store.values
    rows = v[v["breakdown_type"].isin(list(_deprivation_types(store))).to_numpy()]
    return {key: as_text(group) for key, group in rows.groupby(SERIES_KEY, sort=False, observed=True)}


def _series_rows(store: Store, series: dict) -> pd.DataFrame:
    """All rows of one series, in the values table's order."""
    key = tuple(series[c] for c in SERIES_KEY)
    if series["breakdown_type"] in _deprivation_types(store):
        return _deprivation_rows(store).get(key, as_text(store.values.iloc[0:0]))
    v = store.values
    mask = np.ones(len(v), dtype=bool)
    for column, wanted in zip(SERIES_KEY, key, strict=True):
        mask &= (v[column] == wanted).to_numpy()
    return as_text(v[mask])


@per_store
def _ordinals(store: Store) -> dict[tuple[str, str], int]:
    """Each breakdown's position in its type (1 = most deprived for deprivation groups)."""
    b = store.breakdowns
    return dict(zip(zip(b["breakdown_type"], b["breakdown"], strict=True), b["ordinal"], strict=True))


@per_store
def deprivation_series(store: Store) -> pd.DataFrame:
    """Every series split by deprivation: indicator, source, area, breakdown type, groups, periods, latest."""
    types = _deprivation_types(store)
    v = store.values
    dep = as_text(v[(v["breakdown_type"].isin(list(types)) & (v["role"] != "target")).to_numpy()])
    dep = dep.assign(groups=dep["breakdown_type"].map(types).astype(int))
    if dep.empty:
        return pd.DataFrame(columns=[*SERIES_KEY, "groups", "periods", "latest_period", "title", "source", "area"])
    latest = dep.sort_values("period_order").groupby(SERIES_KEY, sort=False)["period"].last()
    out = dep.groupby(SERIES_KEY, as_index=False).agg(groups=("groups", "first"), periods=("period", "nunique"))
    out["latest_period"] = out.set_index(SERIES_KEY).index.map(latest)
    out["title"] = out["indicator_id"].map(store.indicators.set_index("indicator_id")["title"])
    out["source"] = out["source_id"].map(store.sources.set_index("source_id")["short_title"])
    out["area"] = out["area_code"].map(store.areas.set_index("area_code")["area_name"])
    out["imported"] = out["source_id"].map(store.sources.set_index("source_id")["kind"]) == "import"
    # Leeds first, then England; analysts' imports before published series; then by title.
    out["_rank"] = out["area_code"].map({LEEDS: 0, ENGLAND: 1}).fillna(2)
    out["_title"] = out["title"].str.lower()
    out = out.sort_values(["_rank", "imported", "_title", "groups"], ascending=[True, False, True, False])
    return out.drop(columns=["_rank", "_title"]).reset_index(drop=True)


def group_levels(store: Store, *, series: dict, period: str) -> pd.DataFrame:
    """One row per deprivation group of a series in a period, most deprived first, with what is known."""
    rows = _series_rows(store, series)
    rows = rows[((rows["period"] == period) & (rows["role"] != "target")).to_numpy()]
    ordinals = _ordinals(store)
    rows = rows.assign(
        ordinal=[ordinals.get((t, b), 99) for t, b in zip(rows["breakdown_type"], rows["breakdown"], strict=True)]
    )
    rows = rows.assign(suppressed=rows["status_text"].eq("suppressed"))
    columns = ["breakdown", "ordinal", "value", "lower_95", "upper_95", "numerator", "denominator", "suppressed"]
    return rows.sort_values("ordinal")[columns].reset_index(drop=True)


@dataclass(frozen=True)
class Gap:
    """The gap between the most and least deprived groups in one period, and how sure we can be of it."""

    most: float
    least: float
    absolute: float
    relative: float
    sii: float | None
    rii: float | None
    sii_weights: str
    significance: str

    @property
    def has_sii(self) -> bool:
        """Whether an SII could be computed (five or more groups, none suppressed)."""
        return self.sii is not None


def _se(row: pd.Series, *, value_type: str) -> float | None:
    """Standard error of a group's value: from its counts (proportion), else from its 95% interval."""
    x, n = row["numerator"], row["denominator"]
    if value_type == "percentage" and pd.notna(x) and pd.notna(n) and n > 0:
        p = x / n
        return 100 * math.sqrt(p * (1 - p) / n)
    if pd.notna(row["lower_95"]) and pd.notna(row["upper_95"]):
        return standard_error_from_interval(row["lower_95"], row["upper_95"])
    return None


def gap(levels: pd.DataFrame, *, value_type: str) -> Gap | None:
    """Absolute and relative gap (most minus least deprived; most over least), SII/RII, and a significance note."""
    shown = levels[levels["value"].notna()]
    if len(shown) < 2 or levels["suppressed"].iloc[[0, -1]].any():
        return None
    most, least = shown.iloc[0], shown.iloc[-1]
    if most["ordinal"] != levels["ordinal"].iloc[0] or least["ordinal"] != levels["ordinal"].iloc[-1]:
        return None
    sii = rii = None
    weights = ""
    if len(levels) >= 5 and len(shown) == len(levels):
        has_counts = shown["denominator"].notna().all() and (shown["denominator"] > 0).all()
        populations = shown["denominator"] if has_counts else np.ones(len(shown))
        weights = (
            "weighted by each group's denominator"
            if has_counts
            else "groups weighted equally, each holding about the same population"
        )
        result = slope_index_of_inequality(shown["value"], populations)
        sii, rii = result.sii, result.rii
    return Gap(
        most=float(most["value"]),
        least=float(least["value"]),
        absolute=float(most["value"] - least["value"]),
        relative=float(most["value"] / least["value"]) if least["value"] else math.nan,
        sii=sii,
        rii=rii,
        sii_weights=weights,
        significance=_gap_significance(most, least, value_type=value_type),
    )


def _gap_significance(most: pd.Series, least: pd.Series, *, value_type: str) -> str:
    """Whether the most and least deprived differ beyond chance, or why that cannot be said."""
    if value_type == "percentage" and all(pd.notna(r[c]) for r in (most, least) for c in ("numerator", "denominator")):
        result = compare_proportions(most["numerator"], most["denominator"], least["numerator"], least["denominator"])
    else:
        se_most, se_least = _se(most, value_type=value_type), _se(least, value_type=value_type)
        if se_most is None or se_least is None or se_most + se_least == 0:
            return "Whether the gap is more than chance cannot be tested: the data have no counts or intervals."
        result = compare_values(most["value"], se_most, least["value"], se_least)
    if result.outcome is Comparison.SIMILAR:
        return f"The gap between the end groups is not statistically significant at 95% (p = {result.p_value:.2f})."
    p_text = "< 0.001" if result.p_value < 0.001 else f"= {result.p_value:.3f}"
    return f"The gap between the end groups is statistically significant at 95% (p {p_text})."


def gap_over_time(store: Store, *, series: dict, value_type: str) -> pd.DataFrame:
    """Per period: most and least deprived values, the gap and the SII where it can be computed."""
    periods = _series_rows(store, series).sort_values("period_order").drop_duplicates("period")["period"].tolist()
    rows = []
    for period in periods:
        levels = group_levels(store, series=series, period=period)
        g = gap(levels, value_type=value_type)
        # The end groups' 95% limits where the series holds them, so the chart can draw them.
        ends = {"most": levels.iloc[0], "least": levels.iloc[-1]} if g else {}
        rows.append(
            {
                "period": period,
                "most": g.most if g else math.nan,
                "least": g.least if g else math.nan,
                "gap": g.absolute if g else math.nan,
                "sii": g.sii if g and g.has_sii else math.nan,
                **{
                    f"{end}_{limit}": float(row[f"{limit}_95"]) if pd.notna(row[f"{limit}_95"]) else math.nan
                    for end, row in ends.items()
                    for limit in ("lower", "upper")
                },
            }
        )
    columns = ["period", "most", "least", "gap", "sii", "most_lower", "most_upper", "least_lower", "least_upper"]
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class Answer:
    """A plain-words answer to 'are the poorest improving fastest?', and whether a test stands behind it."""

    headline: str
    detail: str
    tested: bool
    title: str = ""


def _direction(change: float, polarity: str) -> str:
    if change == 0:
        return "no change"
    better = (change < 0) if polarity == "lower_is_better" else (change > 0)
    word = "fell" if change < 0 else "rose"
    return word if polarity == "no_judgement" else f"{word} ({'better' if better else 'worse'})"


def poorest_improving(store: Store, *, series: dict, value_type: str, polarity: str) -> Answer:
    """Compare the change in the most and least deprived groups between the first and latest periods."""
    over = gap_over_time(store, series=series, value_type=value_type).dropna(subset=["gap"])
    if len(over) < 2:
        return Answer(
            "Not enough periods to see a change.",
            "The series has fewer than two periods with both the most and least deprived groups shown.",
            tested=False,
        )
    first, last = over.iloc[0], over.iloc[-1]
    span = f"between {first['period']} and {last['period']}"
    sizes = f"from {abs(first['gap']):.1f} to {abs(last['gap']):.1f}"
    if first["gap"] * last["gap"] < 0:
        movement = f"reversed (from {first['gap']:+.1f} to {last['gap']:+.1f}, most minus least deprived)"
    else:
        movement = "narrowed " + sizes if abs(last["gap"]) < abs(first["gap"]) else "widened " + sizes
    change_most = _direction(last["most"] - first["most"], polarity)
    detail = (
        f"Most deprived: {first['most']:.1f} to {last['most']:.1f}, {change_most}"
        f"; least deprived: {first['least']:.1f} to {last['least']:.1f}, "
        f"{_direction(last['least'] - first['least'], polarity)}."
    )
    significant, test = _gap_change_test(
        store, series=series, value_type=value_type, first=first["period"], last=last["period"]
    )
    if significant is None:
        headline = f"The gap {movement} {span}; whether that is more than chance cannot be tested."
    elif not significant:
        headline = f"No clear change: the gap went {sizes} {span}, within what chance alone could give."
    else:
        headline = f"The gap {movement} {span}, more than chance alone would give."
        change = last["most"] - first["most"]
        most_better = change < 0 if polarity == "lower_is_better" else change > 0
        if not movement.startswith(("narrowed", "reversed")):
            headline = "No: t" + headline[1:]
        elif polarity != "no_judgement":
            headline = (
                "Yes: t" + headline[1:] if most_better else headline[:-1] + ", but the most deprived did not improve."
            )
    trend = _recent_trends(store, series=series, value_type=value_type, periods=len(over))
    title = f"The gap between the most and least deprived {movement.split(' (')[0]} {span}"
    return Answer(
        headline, " ".join(p for p in (detail, test, trend) if p), tested=significant is not None, title=title
    )


def _gap_change_test(store: Store, *, series: dict, value_type: str, first: str, last: str) -> tuple[bool | None, str]:
    """z-test of the change in the gap, from each end group's standard error (counts or intervals)."""
    errors = []
    for period in (first, last):
        levels = group_levels(store, series=series, period=period)
        ends = (levels.iloc[0], levels.iloc[-1])
        ses = [_se(r, value_type=value_type) for r in ends]
        if any(s is None for s in ses):
            return None, (
                "No test is possible: these figures come without counts or confidence intervals, so "
                "whether the change in the gap is real or chance cannot be judged."
            )
        errors.append((float(ends[0]["value"] - ends[1]["value"]), math.hypot(*ses)))
    (gap_first, se_first), (gap_last, se_last) = errors
    if se_first == 0 and se_last == 0:
        return None, "No test is possible: the intervals have no width."
    result = compare_values(gap_last, se_last, gap_first, se_first)
    significant = result.outcome is not Comparison.SIMILAR
    p_text = "p < 0.001" if result.p_value < 0.001 else f"p = {result.p_value:.3f}"
    return significant, (
        f"The change in the gap {'is' if significant else 'is not'} statistically significant at 95% ({p_text}; "
        "z-test of the difference between the two gaps)."
    )


def _recent_trends(store: Store, *, series: dict, value_type: str, periods: int) -> str:
    """Fingertips' recent-trend test (last five points, 99.8%) for the two end groups, where counts allow."""
    if value_type != "percentage":
        return ""
    if periods < 5:
        return f"The recent-trend test needs five periods; this series has {periods}."
    rows = _series_rows(store, series).sort_values("period_order")
    ordinals = _ordinals(store)
    names = sorted(rows["breakdown"].unique(), key=lambda b: ordinals.get((series["breakdown_type"], b), 99))
    parts = []
    for label, name in (("most deprived", names[0]), ("least deprived", names[-1])):
        group = rows[rows["breakdown"] == name]
        if group["numerator"].isna().all():
            return ""
        result = recent_trend(group["numerator"].to_numpy(float), group["denominator"].to_numpy(float))
        parts.append(f"{label}: {result.trend.value}")
    return "Recent trend over the last five periods (Fingertips method, 99.8%): " + "; ".join(parts) + "."
