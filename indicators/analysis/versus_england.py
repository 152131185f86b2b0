"""Leeds compared with England, the way Fingertips compares an area with its benchmark.

Order of evidence for one value:
1. Fingertips' own published judgement (the `compared_to_england` column of an official extract),
   shown as Fingertips' judgement, never as ours.
2. Where the value carries a confidence interval, or counts from which one is computed, the
   Fingertips rule: the area's interval against England's value. Higher or lower only when
   England's value lies outside the interval; 95% by default, 99.8% available from counts.
3. Otherwise "not compared": no difference is claimed that the data cannot support.

Polarity turns higher/lower into better/worse; with no polarity the words stay higher/lower.
Pure functions, no Streamlit, so slides, packs and pages share one answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from indicators.core.codes import ENGLAND, LEEDS
from indicators.stats.methods import Comparison, compare_to_benchmark, wilson_interval
from indicators.store.load import Store
from indicators.store.queries import headline, indicator_row, measured, per_store

FINGERTIPS_METHOD = "Fingertips' judgement"
INTERVAL_METHOD = "Leeds' {level} confidence interval against England's value (the Fingertips method)"
COUNTS_METHOD = "Leeds' {level} Wilson score interval from its counts against England's value (the Fingertips method)"
NOT_COMPARED_METHOD = "Not compared: no published judgement, interval or counts for this value"


class Versus(StrEnum):
    """How a value compares with England, in Fingertips' words."""

    BETTER = "better"
    SIMILAR = "similar"
    WORSE = "worse"
    HIGHER = "higher"
    LOWER = "lower"
    NOT_COMPARED = "not compared"


# Word, shape and colour together, never colour alone. Text colours keep at least 4.5:1 on white;
# blue and orange stay apart with the common colour-vision deficiencies, purple marks "no polarity".
VERSUS_STYLE: dict[Versus, tuple[str, str]] = {
    Versus.BETTER: ("▲", "#005EB8"),
    Versus.SIMILAR: ("●", "#425563"),
    Versus.WORSE: ("▼", "#A84A00"),
    Versus.HIGHER: ("◆", "#330072"),
    Versus.LOWER: ("◇", "#330072"),
    Versus.NOT_COMPARED: ("○", "#4C6272"),
}

_PUBLISHED = {
    "better": Versus.BETTER,
    "similar": Versus.SIMILAR,
    "worse": Versus.WORSE,
    "higher": Versus.HIGHER,
    "lower": Versus.LOWER,
    "not compared": Versus.NOT_COMPARED,
}


@dataclass(frozen=True)
class EnglandComparison:
    """One value's comparison with England: the outcome, the method named, and the figures behind it."""

    versus: Versus
    method: str
    period: str | None = None
    value: float | None = None
    england_value: float | None = None
    breakdown: str = "All"

    @property
    def compared(self) -> bool:
        """True when a judgement was made (published or computed)."""
        return self.versus is not Versus.NOT_COMPARED

    def words(self) -> str:
        """'Worse than England (Fingertips' judgement)' or 'Not compared (...)'."""
        if not self.compared:
            return "Not compared with England"
        return f"{self.versus.value.capitalize()} than England ({self.method})".replace("Similar than", "Similar to")


def from_published(text: object) -> Versus | None:
    """Fingertips' published comparison ('Better', 'Higher 99.8', 'Not compared') as a Versus, None if absent.

    Unknown wording raises ValueError naming it, rather than being read as a judgement it is not.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)) or not str(text).strip():
        return None
    words = str(text).strip().lower()
    for prefix, versus in _PUBLISHED.items():
        if words == prefix or words.startswith(prefix + " "):
            return versus
    raise ValueError(f"unknown published comparison with England: {text!r}")


def by_polarity(outcome: Comparison, polarity: str) -> Versus:
    """Higher/lower turned into better/worse where the indicator has a direction."""
    if outcome is Comparison.NOT_COMPARED:
        return Versus.NOT_COMPARED
    if outcome is Comparison.SIMILAR:
        return Versus.SIMILAR
    higher = outcome is Comparison.HIGHER
    if polarity == "higher_is_better":
        return Versus.BETTER if higher else Versus.WORSE
    if polarity == "lower_is_better":
        return Versus.WORSE if higher else Versus.BETTER
    return Versus.HIGHER if higher else Versus.LOWER


def _level(confidence: float) -> str:
    return f"{confidence * 100:g}%"


def _number(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def compare_value(
    *,
    value: float | None,
    england_value: float | None,
    polarity: str,
    published: object = None,
    lower: float | None = None,
    upper: float | None = None,
    numerator: float | None = None,
    denominator: float | None = None,
    value_type: str = "percentage",
    confidence: float = 0.95,
    period: str | None = None,
    breakdown: str = "All",
) -> EnglandComparison:
    """Compare one value with England's value of the same period, by the best evidence it carries."""
    figures = {
        "period": period,
        "value": _number(value),
        "england_value": _number(england_value),
        "breakdown": breakdown,
    }
    versus = from_published(published)
    if versus is not None and versus is not Versus.NOT_COMPARED:
        return EnglandComparison(versus, FINGERTIPS_METHOD, **figures)
    england = figures["england_value"]
    lower, upper = _number(lower), _number(upper)
    if england is not None and lower is not None and upper is not None and confidence == 0.95:
        outcome = compare_to_benchmark((lower, upper), benchmark=england)
        method = INTERVAL_METHOD.format(level=_level(confidence))
        return EnglandComparison(by_polarity(outcome, polarity), method, **figures)
    x, n = _number(numerator), _number(denominator)
    if england is not None and x is not None and n and value_type == "percentage" and 0 <= x <= n:
        low, high = wilson_interval(x, n, confidence=confidence)
        outcome = compare_to_benchmark((low * 100, high * 100), benchmark=england)
        method = COUNTS_METHOD.format(level=_level(confidence))
        return EnglandComparison(by_polarity(outcome, polarity), method, **figures)
    if england is not None and lower is not None and upper is not None:
        method = f"Not compared at {_level(confidence)}: only a 95% interval is held, and no counts"
        return EnglandComparison(Versus.NOT_COMPARED, method, **figures)
    if versus is Versus.NOT_COMPARED:
        return EnglandComparison(Versus.NOT_COMPARED, "Not compared (Fingertips' judgement)", **figures)
    return EnglandComparison(Versus.NOT_COMPARED, NOT_COMPARED_METHOD, **figures)


def england_values(store: Store, indicator_id: str, *, source_id: str) -> pd.Series:
    """England's value of an indicator by (breakdown, period), from the same source."""
    rows = measured(store, indicator_id, source_id=source_id)
    rows = rows[rows["area_code"] == ENGLAND]
    return rows.set_index(["breakdown", "period"])["value"]


def compare_rows(
    rows: pd.DataFrame, *, england: pd.Series, polarity: str, value_type: str, confidence: float = 0.95
) -> list[EnglandComparison]:
    """Every row of an area's series compared with England's value of the same period and group."""
    found = []
    for row in rows.itertuples(index=False):
        key = (row.breakdown, row.period)
        found.append(
            compare_value(
                value=row.value,
                england_value=england.get(key),
                polarity=polarity,
                published=row.compared_to_england,
                lower=row.lower_95,
                upper=row.upper_95,
                numerator=row.numerator,
                denominator=row.denominator,
                value_type=value_type,
                confidence=confidence,
                period=row.period,
                breakdown=row.breakdown,
            )
        )
    return found


@per_store
def latest_versus_england(
    store: Store, indicator_id: str, *, source_id: str | None = None, area_code: str = LEEDS
) -> dict[str, EnglandComparison]:
    """The latest period of an area's headline series compared with England, one entry per group."""
    meta = indicator_row(store, indicator_id)
    source = source_id or meta["primary_source_id"]
    rows = headline(store, indicator_id, source_id=source, area_code=area_code)
    rows = rows[rows["value"].notna() & (rows["role"] == "value")]
    if rows.empty:
        return {}
    latest = rows.loc[rows.groupby("breakdown", sort=True)["period_order"].idxmax()]
    comparisons = compare_rows(
        latest,
        england=england_values(store, indicator_id, source_id=source),
        polarity=meta["polarity"],
        value_type=meta["value_type"],
    )
    return {c.breakdown: c for c in comparisons}


def versus_column(rows: pd.DataFrame, store: Store, indicator_id: str, *, source_id: str) -> pd.DataFrame:
    """Two columns for a table or CSV: the comparison with England and how it was made, per row.

    England's own rows and rows with no value are left blank.
    """
    meta = indicator_row(store, indicator_id)
    england = england_values(store, indicator_id, source_id=source_id)
    mask = ((rows["area_code"] != ENGLAND) & rows["value"].notna() & (rows["role"] != "target")).to_numpy()
    found = iter(compare_rows(rows[mask], england=england, polarity=meta["polarity"], value_type=meta["value_type"]))
    results = [next(found) if judged else None for judged in mask]
    return pd.DataFrame(
        {
            "Compared with England": [r.versus.value.capitalize() if r else "" for r in results],
            "How compared with England": [r.method if r else "" for r in results],
        },
        index=rows.index,
    )


def versus_phrase(comparisons: dict[str, EnglandComparison]) -> str:
    """'worse than England (Fingertips' judgement, 2022 - 24)', groups named where they differ; '' if none."""
    if not comparisons:
        return ""
    words = {"Male": "men", "Female": "women"}
    found: dict[tuple[Versus, str], list[str]] = {}
    for group, c in comparisons.items():
        found.setdefault((c.versus, c.method), []).append(words.get(group, group))
    parts = []
    for (versus, method), groups in found.items():
        text = (
            "not compared with England"
            if versus is Versus.NOT_COMPARED
            else "similar to England"
            if versus is Versus.SIMILAR
            else f"{versus.value} than England"
        )
        who = f" for {' and '.join(groups)}" if len(found) > 1 else ""
        how = f" ({method})" if versus is not Versus.NOT_COMPARED else ""
        parts.append(f"{text}{who}{how}")
    period = next(iter(comparisons.values())).period
    return "; ".join(parts) + (f", {period}" if period else "")
