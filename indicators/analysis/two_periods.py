"""Two periods of one series with their counts: is the change more than chance?

A trend test needs three or more periods. With only two, and the counts behind both (an analyst's
import usually has them), the two proportions are compared by the pooled two-sided z-test for two
proportions at 95% (indicators.stats.methods.compare_proportions), the test PHE's technical guide
gives for comparing two percentages. Periods that overlap (pooled years) share their counts and are
not independent, so they are not tested. Without counts nothing is tested: the figures are as given.
"""

from __future__ import annotations

import pandas as pd

from indicators.analysis.trends import Direction, TrendTest, overlaps
from indicators.stats.methods import Comparison, compare_proportions

CONFIDENCE = 0.95
TWO_PERIOD_METHOD = "Two-sided z-test for two proportions from the counts of both periods (95%)"


def has_counts(points: pd.DataFrame) -> bool:
    """True when every point has a count and a denominator that make a proportion."""
    if not {"numerator", "denominator"} <= set(points.columns):
        return False
    x, n = points["numerator"], points["denominator"]
    return bool(x.notna().all() and n.notna().all() and (n > 0).all() and ((x >= 0) & (x <= n)).all())


def two_period_test(points: pd.DataFrame) -> TrendTest | None:
    """The change between two dated periods tested from their counts, or None when it cannot be."""
    if len(points) != 2 or not has_counts(points) or points["period_end"].isna().any() or overlaps(points):
        return None
    first, last = points.iloc[0], points.iloc[1]
    result = compare_proportions(
        float(last["numerator"]),
        float(last["denominator"]),
        float(first["numerator"]),
        float(first["denominator"]),
        confidence=CONFIDENCE,
    )
    direction = {
        Comparison.HIGHER: Direction.INCREASING,
        Comparison.LOWER: Direction.DECREASING,
    }.get(result.outcome, Direction.NO_SIGNIFICANT_CHANGE)
    return TrendTest(
        "two periods",
        direction,
        TWO_PERIOD_METHOD,
        str(first["period"]),
        str(last["period"]),
        2,
        result.p_value,
    )


def pair_words(points: pd.DataFrame) -> str:
    """Why two figures are judged by direction only: what they lack, said only when it is so."""
    if not has_counts(points):
        return "without counts or intervals, so direction only and no significance test"
    if points["period_end"].isna().any():
        return "with counts but no dated periods, so direction only and no significance test"
    return "with counts for periods that overlap (shared years), so direction only and no significance test"
