"""Public-health indicator statistics as PHE/OHID compute them (PHEindicatormethods, Fingertips).

Pure functions (no I/O, no Streamlit) so every figure shown can be tested against published values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import numpy as np
from scipy import stats

# PHE/OHID switch from the exact Poisson interval to Byar's approximation here.
BYARS_MIN_COUNT = 10
# Fingertips judges the "recent trend" on the latest five time points only.
TREND_POINTS = 5


class Comparison(StrEnum):
    """Outcome of a significance comparison, worded as Fingertips shows it."""

    HIGHER = "higher"
    LOWER = "lower"
    SIMILAR = "similar"
    NOT_COMPARED = "not compared"


class Trend(StrEnum):
    """Fingertips recent-trend marker."""

    INCREASING = "increasing"
    DECREASING = "decreasing"
    NO_SIGNIFICANT_CHANGE = "no significant change"
    COULD_NOT_BE_CALCULATED = "could not be calculated"


@dataclass(frozen=True)
class ZTestResult:
    """Outcome of a two-sided z-test with its statistic, so the UI can show both."""

    outcome: Comparison
    z: float
    p_value: float


@dataclass(frozen=True)
class InequalityResult:
    """SII, RII and the fitted values and population-weighted mean they are built from."""

    sii: float
    rii: float
    weighted_mean: float
    fitted_most_deprived: float
    fitted_least_deprived: float

    @property
    def sii_relative_to_mean(self) -> float:
        """SII as a share of the population-weighted mean (the relative gap some OHID products quote)."""
        return self.sii / self.weighted_mean if self.weighted_mean != 0 else math.nan


@dataclass(frozen=True)
class TrendResult:
    """Recent-trend marker with the statistics behind it (NaN when not calculated)."""

    trend: Trend
    chi_square: float
    slope: float


def _check_confidence(confidence: float) -> float:
    # Written as "not (inside)" so that NaN is rejected too.
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
    return confidence


def _z(confidence: float) -> float:
    return float(stats.norm.ppf(1.0 - (1.0 - _check_confidence(confidence)) / 2.0))


def _check_count(count: float) -> None:
    if not (math.isfinite(count) and count >= 0):
        raise ValueError(f"count must be a finite number >= 0, got {count!r}")


def _check_fraction(x: float, n: float, x_name: str, n_name: str) -> None:
    if not (math.isfinite(n) and n > 0):
        raise ValueError(f"{n_name} (denominator) must be a finite number > 0, got {n!r}")
    if not 0 <= x <= n:
        raise ValueError(f"{x_name} (numerator) must be between 0 and {n_name}={n!r}, got {x!r}")


def _check_same_length(**arrays: np.ndarray) -> None:
    sizes = {name: int(np.size(a)) for name, a in arrays.items()}
    if len(set(sizes.values())) > 1:
        raise ValueError(f"lengths of {', '.join(sizes)} must be equal, got {sizes}")


def _check_counts(x: np.ndarray, n: np.ndarray) -> None:
    if not (np.isfinite(n).all() and (n > 0).all()):
        raise ValueError(f"denominators must all be finite and > 0, got {n.tolist()}")
    if not ((x >= 0) & (x <= n)).all():
        raise ValueError(f"numerators must be between 0 and their denominators, got {x.tolist()}")


def wilson_interval(x: float, n: float, *, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score CI for x/n: PHE's proportion CI, as it stays in 0..1 even at small counts."""
    _check_fraction(x, n, "x", "n")
    z = _z(confidence)
    centre = 2 * x + z * z
    half_width = z * math.sqrt(z * z + 4 * x * (1 - x / n))
    denominator = 2 * (n + z * z)
    # Rounding can push the limits a few ulps outside 0..1 when x is 0 or n.
    lower = max(0.0, (centre - half_width) / denominator)
    return lower, min(1.0, (centre + half_width) / denominator)


def byars_interval(count: float, *, confidence: float = 0.95) -> tuple[float, float]:
    """Byar's approximate Poisson CI of a count (PHE byars_lower/upper); accurate from ~10 events."""
    _check_count(count)
    z = _z(confidence)
    upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    if count == 0:
        return 0.0, upper
    lower = count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    # The approximation can dip below 0 for tiny counts; a count cannot.
    return max(0.0, lower), upper


def exact_poisson_interval(count: float, *, confidence: float = 0.95) -> tuple[float, float]:
    """Exact (chi-square based) Poisson CI of a count; PHE uses it below 10 events."""
    _check_count(count)
    alpha = 1.0 - _check_confidence(confidence)
    lower = 0.0 if count == 0 else float(stats.chi2.ppf(alpha / 2, 2 * count)) / 2
    upper = float(stats.chi2.ppf(1 - alpha / 2, 2 * count + 2)) / 2
    return lower, upper


def count_interval(count: float, *, confidence: float = 0.95) -> tuple[float, float]:
    """CI of an event count by the PHE rule: exact Poisson below 10 events, Byar's from 10."""
    if count < BYARS_MIN_COUNT:
        return exact_poisson_interval(count, confidence=confidence)
    return byars_interval(count, confidence=confidence)


def rate_interval(
    count: float, denominator: float, *, multiplier: float = 100_000, confidence: float = 0.95
) -> tuple[float, float]:
    """CI of the crude rate count/denominator*multiplier: count_interval scaled, as PHE does."""
    if not (math.isfinite(denominator) and denominator > 0):
        raise ValueError(f"denominator must be a finite number > 0, got {denominator!r}")
    if not (math.isfinite(multiplier) and multiplier > 0):
        raise ValueError(f"multiplier must be a finite number > 0, got {multiplier!r}")
    lower, upper = count_interval(count, confidence=confidence)
    return lower / denominator * multiplier, upper / denominator * multiplier


def slope_index_of_inequality(
    values: Sequence[float],
    populations: Sequence[float],
    *,
    order: Literal["most_deprived_first", "least_deprived_first"] = "most_deprived_first",
) -> InequalityResult:
    """SII and RII across deprivation groups by population-weighted least squares (PHE method).

    Each group's rank is the midpoint of its share of the cumulative population,
    ordered from most deprived (rank near 0) to least deprived (rank near 1);
    `order` says how the inputs are ordered. Values are regressed on rank with
    population weights.

    Sign convention: SII = fitted value at rank 1 (least deprived end) minus
    fitted value at rank 0 (most deprived end), so for life expectancy it is
    positive when the least deprived live longer, as OHID/PHE publish it.
    RII = fitted value at rank 1 / fitted value at rank 0, as PHEindicatormethods'
    phe_sii computes it ((intercept + slope) / intercept; NaN if the fitted
    most-deprived value is 0). `sii_relative_to_mean` gives SII / mean instead.
    """
    vals = np.asarray(values, dtype=float).ravel()
    pops = np.asarray(populations, dtype=float).ravel()
    _check_same_length(values=vals, populations=pops)
    if vals.size < 2:
        raise ValueError(f"values must have at least 2 groups, got {vals.size}")
    if not np.isfinite(vals).all():
        raise ValueError(f"values must not contain NaN or infinite values, got {vals.tolist()}")
    if not (np.isfinite(pops).all() and (pops > 0).all()):
        raise ValueError(f"populations must all be positive finite numbers, got {pops.tolist()}")
    if order == "least_deprived_first":
        vals, pops = vals[::-1], pops[::-1]
    elif order != "most_deprived_first":
        raise ValueError(f"order must be most_deprived_first or least_deprived_first, got {order!r}")

    shares = pops / pops.sum()
    ranks = np.cumsum(shares) - shares / 2
    mean_value = float(shares @ vals)
    centred_ranks = ranks - float(shares @ ranks)
    # With ranks spanning 0..1, the weighted slope is exactly fitted(1) - fitted(0).
    sii = float(shares @ (centred_ranks * (vals - mean_value)) / (shares @ centred_ranks**2))
    # The weighted mean rank is exactly 0.5, so the fitted line passes through (0.5, mean).
    at_most = mean_value - sii / 2
    at_least = mean_value + sii / 2
    rii = at_least / at_most if at_most != 0 else math.nan
    return InequalityResult(
        sii=sii, rii=rii, weighted_mean=mean_value, fitted_most_deprived=at_most, fitted_least_deprived=at_least
    )


def _z_test_result(z: float, confidence: float) -> ZTestResult:
    critical = _z(confidence)
    if z > critical:
        outcome = Comparison.HIGHER
    elif z < -critical:
        outcome = Comparison.LOWER
    else:
        outcome = Comparison.SIMILAR
    return ZTestResult(outcome=outcome, z=z, p_value=float(2 * stats.norm.sf(abs(z))))


def compare_proportions(x1: float, n1: float, x2: float, n2: float, *, confidence: float = 0.95) -> ZTestResult:
    """Pooled two-sided z-test of x1/n1 vs x2/n2, to flag a real gap; outcome describes x1/n1."""
    _check_fraction(x1, n1, "x1", "n1")
    _check_fraction(x2, n2, "x2", "n2")
    _check_confidence(confidence)
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        # Only when both are 0% or both 100%: identical, so nothing to test.
        return ZTestResult(outcome=Comparison.SIMILAR, z=0.0, p_value=1.0)
    return _z_test_result((x1 / n1 - x2 / n2) / se, confidence)


def standard_error_from_interval(lower: float, upper: float, *, confidence: float = 0.95) -> float:
    """SE implied by a symmetric normal CI, so values published with CIs can be z-tested."""
    if not lower <= upper:
        raise ValueError(f"lower must not exceed upper, got lower={lower!r}, upper={upper!r}")
    return (upper - lower) / (2 * _z(confidence))


def compare_values(
    value1: float | None,
    se1: float | None,
    value2: float | None,
    se2: float | None,
    *,
    confidence: float = 0.95,
) -> ZTestResult:
    """Two-sided z-test of value1 - value2 from independent SEs; the outcome describes value1."""
    _check_confidence(confidence)
    if any(p is None or math.isnan(p) for p in (value1, se1, value2, se2)):
        return ZTestResult(outcome=Comparison.NOT_COMPARED, z=math.nan, p_value=math.nan)
    for name, se in (("se1", se1), ("se2", se2)):
        if se < 0:
            raise ValueError(f"{name} must be >= 0, got {se!r}")
    combined = math.hypot(se1, se2)
    if combined == 0:
        raise ValueError("se1 and se2 cannot both be 0: the difference has no error to test")
    return _z_test_result((value1 - value2) / combined, confidence)


def compare_to_benchmark(interval: tuple[float | None, float | None] | None, *, benchmark: float | None) -> Comparison:
    """PHE "compared with benchmark" rule: higher/lower only if the benchmark is outside the CI.

    A benchmark exactly on a confidence limit counts as similar. Whether higher
    is better or worse (polarity) is left to the caller.
    """
    if interval is None or benchmark is None or math.isnan(benchmark):
        return Comparison.NOT_COMPARED
    lower, upper = interval
    if lower is None or upper is None or math.isnan(lower) or math.isnan(upper):
        return Comparison.NOT_COMPARED
    if lower > upper:
        raise ValueError(f"interval lower limit must not exceed upper, got ({lower!r}, {upper!r})")
    if lower > benchmark:
        return Comparison.HIGHER
    if upper < benchmark:
        return Comparison.LOWER
    return Comparison.SIMILAR


def chi_square_for_trend(
    numerators: Sequence[float],
    denominators: Sequence[float],
    *,
    scores: Sequence[float] | None = None,
) -> float:
    """Chi-square (1 df) for linear trend in proportions (Cochran-Armitage; R's prop.trend.test).

    With N = sum(n), X = sum(x) and scores t (default 1..k):
    chi2 = N * (N*sum(x*t) - X*sum(n*t))**2 / (X*(N-X) * (N*sum(n*t**2) - sum(n*t)**2)).
    """
    x = np.asarray(numerators, dtype=float).ravel()
    n = np.asarray(denominators, dtype=float).ravel()
    t = np.arange(1.0, x.size + 1) if scores is None else np.asarray(scores, dtype=float).ravel()
    _check_same_length(numerators=x, denominators=n, scores=t)
    if x.size < 2:
        raise ValueError(f"numerators must have at least 2 points, got {x.size}")
    _check_counts(x, n)
    big_n, big_x = n.sum(), x.sum()
    spread = big_n * (n * t * t).sum() - (n * t).sum() ** 2
    if big_x in (0, big_n) or spread <= 0:
        raise ValueError("chi-square for trend is undefined: no variation in outcome or scores")
    difference = big_n * (x * t).sum() - big_x * (n * t).sum()
    return float(big_n * difference**2 / (big_x * (big_n - big_x) * spread))


def _ols_slope(t: np.ndarray, y: np.ndarray) -> float:
    tc = t - t.mean()
    return float((tc * (y - y.mean())).sum() / (tc * tc).sum())


def recent_trend(
    numerators: Sequence[float], denominators: Sequence[float], *, confidence: float = 0.998
) -> TrendResult:
    """Fingertips recent-trend marker for a proportion from its last five annual points.

    Inputs are in time order, oldest first, one point per non-overlapping
    period. Exactly what is computed, as Fingertips' TrendMarkerCalculator does
    (IsSignificantForProportions; public copy in dhsc-govuk/FingertipsNext, trend-analysis/):

    1. Fewer than five points, or a missing (NaN) value or zero denominator
       among the last five: "could not be calculated". So is a point at 0% or
       100%, where the logit in step 3 is undefined.
    2. On the last five points with scores t = 1..5: the Cochran-Armitage
       chi-square for trend (chi_square_for_trend).
    3. Direction: least-squares slope of logit(x/n) on t, refitted five more
       times leaving one point out each time. If any of the six slopes differs
       in sign (0 counts as positive, as in Fingertips) one year drives the
       trend: "no significant change".
    4. Otherwise "increasing"/"decreasing" by the slope's sign if chi-square
       exceeds the chi-square(1 df) quantile at `confidence` (9.5495 at the
       default 99.8%, Fingertips' threshold; 3.8415 at 95%), else "no
       significant change".

    Unequal lengths, negative values or numerators above denominators raise ValueError.
    """
    _check_confidence(confidence)
    x_all = np.asarray(numerators, dtype=float).ravel()
    n_all = np.asarray(denominators, dtype=float).ravel()
    _check_same_length(numerators=x_all, denominators=n_all)
    x, n = x_all[-TREND_POINTS:], n_all[-TREND_POINTS:]
    not_calculated = TrendResult(Trend.COULD_NOT_BE_CALCULATED, math.nan, math.nan)
    if x.size < TREND_POINTS or np.isnan(x).any() or np.isnan(n).any() or (n == 0).any():
        return not_calculated
    _check_counts(x, n)
    if ((x == 0) | (x == n)).any():
        return not_calculated

    chi_square = chi_square_for_trend(x, n)
    t = np.arange(1.0, TREND_POINTS + 1)
    logits = np.log(x / (n - x))
    slope = _ols_slope(t, logits)
    dropped = [_ols_slope(np.delete(t, i), np.delete(logits, i)) for i in range(TREND_POINTS)]
    robust = all((s < 0) == (slope < 0) for s in dropped)
    significant = chi_square > float(stats.chi2.ppf(confidence, 1))
    if significant and robust and slope != 0:
        trend = Trend.INCREASING if slope > 0 else Trend.DECREASING
    else:
        trend = Trend.NO_SIGNIFICANT_CHANGE
    return TrendResult(trend=trend, chi_square=chi_square, slope=slope)
