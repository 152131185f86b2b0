"""Table-driven tests for indicators.stats.methods against published and hand-derived values."""

import math

import numpy as np
import pytest
from scipy import stats

from indicators.stats.methods import (
    Comparison,
    Trend,
    byars_interval,
    chi_square_for_trend,
    compare_proportions,
    compare_to_benchmark,
    compare_values,
    count_interval,
    exact_poisson_interval,
    rate_interval,
    recent_trend,
    slope_index_of_inequality,
    standard_error_from_interval,
    wilson_interval,
)

# Standard normal quantile for a two-sided 95% interval (standard tables).
Z95 = 1.959963984540054

# Sources of published values:
# [PHE-EX] ukhsa-collaboration/PHEindicatormethods R/Wilson.R and R/Byars.R: the
#   @examples wilson_lower(65,100) and byars_lower(65); full-precision values of
#   those examples as supplied in the task brief (checked to 1e-9).
# [PHE-T0] PHEindicatormethods' first proportion tests (package then named
#   PHEstatmethods; an early version of tests/testthat/testProportions.R):
#   expect_equal(phe_proportion(...), c(x, n, p, lower, upper)), 8 decimals, so
#   checked to 5e-9 (half a unit in the 8th decimal), not 1e-9.
# [R-PTT] R's stats::prop.trend.test(smokers, patients) documented example
#   output "X-squared = 8.2249" (4 decimals).
# [FT] dhsc-govuk/FingertipsNext
#   trend-analysis/TrendAnalysisApp.UnitTests/Legacy/TrendMarkerCalculatorTests.cs:
#   England/Yorkshire data and the markers Fingertips publishes for them.

WILSON_REFERENCES = [
    # x, n, confidence, lower, upper, tolerance, source
    (65, 100, 0.95, 0.55254443296887967, 0.73635751756902468, 1e-9, "PHE-EX"),
    (65, 100, 0.95, 0.55254443, 0.73635752, 5e-9, "PHE-T0"),
    (65, 100, 0.998, 0.49549466, 0.77835406, 5e-9, "PHE-T0"),
    (35078, 41980, 0.95, 0.83201210, 0.83910324, 5e-9, "PHE-T0"),
    (35078, 41980, 0.998, 0.82992190, 0.84110220, 5e-9, "PHE-T0"),
]


@pytest.mark.parametrize(("x", "n", "confidence", "lower", "upper", "tol", "source"), WILSON_REFERENCES)
def test_wilson_matches_published_values(x, n, confidence, lower, upper, tol, source):
    got = wilson_interval(x, n, confidence=confidence)
    assert got == pytest.approx((lower, upper), abs=tol, rel=0), source


@pytest.mark.parametrize("confidence", [0.95, 0.998])
@pytest.mark.parametrize("n", [1, 10, 100, 5000])
def test_wilson_closed_forms_at_zero_and_all(n, confidence):
    """At x=0 the square root collapses to z, so the interval is (0, z^2/(n+z^2)); x=n mirrors it."""
    z2 = stats.norm.ppf(1 - (1 - confidence) / 2) ** 2
    assert wilson_interval(0, n, confidence=confidence) == pytest.approx((0.0, z2 / (n + z2)), abs=1e-12)
    assert wilson_interval(n, n, confidence=confidence) == pytest.approx((n / (n + z2), 1.0), abs=1e-12)


BYARS_REFERENCES = [
    # count, confidence, lower, upper, tolerance, source
    (65, 0.95, 50.163187710459454, 82.849138545939837, 1e-9, "PHE-EX"),
]


@pytest.mark.parametrize(("count", "confidence", "lower", "upper", "tol", "source"), BYARS_REFERENCES)
def test_byars_matches_published_values(count, confidence, lower, upper, tol, source):
    assert byars_interval(count, confidence=confidence) == pytest.approx((lower, upper), abs=tol, rel=0)
    # 65 >= 10 events, so the PHE rule uses Byar's for it.
    assert count_interval(count, confidence=confidence) == byars_interval(count, confidence=confidence)


EXACT_CLOSED_FORMS = [
    # count, confidence, lower, upper: hand-derived. For 0 events the upper limit U
    # solves exp(-U) = alpha/2, so U = ln(2/alpha); for 1 event the lower limit L
    # solves 1 - exp(-L) = alpha/2, so L = -ln(1 - alpha/2).
    (0, 0.95, 0.0, math.log(40)),
    (0, 0.998, 0.0, math.log(1000)),
    (1, 0.95, -math.log(0.975), None),
    (1, 0.998, -math.log(0.999), None),
]


@pytest.mark.parametrize(("count", "confidence", "lower", "upper"), EXACT_CLOSED_FORMS)
def test_exact_poisson_closed_forms(count, confidence, lower, upper):
    got_lower, got_upper = count_interval(count, confidence=confidence)
    assert got_lower == pytest.approx(lower, abs=1e-12)
    if upper is not None:
        assert got_upper == pytest.approx(upper, abs=1e-12)


@pytest.mark.parametrize("confidence", [0.95, 0.998])
@pytest.mark.parametrize("count", [1, 5, 9, 10, 65])
def test_exact_poisson_limits_have_tail_probability_alpha_over_two(count, confidence):
    """Definition of the exact interval: P(X >= k | L) = P(X <= k | U) = alpha/2."""
    lower, upper = exact_poisson_interval(count, confidence=confidence)
    half_alpha = (1 - confidence) / 2
    assert stats.poisson.sf(count - 1, lower) == pytest.approx(half_alpha, abs=1e-12)
    assert stats.poisson.cdf(count, upper) == pytest.approx(half_alpha, abs=1e-12)


@pytest.mark.parametrize(
    ("count", "method"),
    [
        (0, exact_poisson_interval),
        (5, exact_poisson_interval),
        (9, exact_poisson_interval),
        (9.99, exact_poisson_interval),
        (10, byars_interval),
        (1045, byars_interval),
    ],
)
def test_count_interval_switches_to_byars_at_ten(count, method):
    for confidence in (0.95, 0.998):
        assert count_interval(count, confidence=confidence) == method(count, confidence=confidence)


@pytest.mark.parametrize(
    ("count", "denominator", "multiplier", "expected"),
    [
        (65, 100_000, 100_000, (50.163187710459454, 82.849138545939837)),  # PHE-EX scaled by 1
        (65, 1_000, 100, (5.0163187710459454, 8.2849138545939837)),
        (0, 20_000, 100_000, (0.0, math.log(40) * 5)),
    ],
)
def test_rate_interval_scales_count_interval(count, denominator, multiplier, expected):
    got = rate_interval(count, denominator, multiplier=multiplier)
    assert got == pytest.approx(expected, abs=1e-9, rel=0)


SII_CASES = [
    # values (most deprived first), populations, sii, rii, sii / mean; each derived by hand:
    # ranks are midpoints of cumulative population shares; the fitted line passes through
    # (0.5, weighted mean), so fitted(0) = mean - sii/2 and fitted(1) = mean + sii/2, and
    # rii = fitted(1) / fitted(0) as PHEindicatormethods' phe_sii returns it.
    # Two equal groups: ranks 0.25, 0.75; slope = (80 - 70) / 0.5 = 20; mean 75; ends 65 and 85.
    ([70, 80], [1, 1], 20.0, 85 / 65, 20 / 75),
    # Equal quintiles: ranks 0.1..0.9; values = 70 + 10 * rank exactly; mean 75; ends 70 and 80.
    ([71, 73, 75, 77, 79], [5, 5, 5, 5, 5], 10.0, 80 / 70, 10 / 75),
    # Unequal shares 0.1, 0.3, 0.4, 0.2: ranks 0.05, 0.25, 0.6, 0.9;
    # values = 60 + 20 * rank exactly; weighted mean = 60 + 20 * 0.5 = 70; ends 60 and 80.
    ([61, 65, 72, 78], [100, 300, 400, 200], 20.0, 80 / 60, 20 / 70),
    # Thirds: ranks 1/6, 1/2, 5/6; mean 1; slope = (1/3) / (2/27) = 4.5; ends -1.25 and 3.25.
    ([0, 0, 3], [7, 7, 7], 4.5, 3.25 / -1.25, 4.5),
    # No gradient at all.
    ([80, 80, 80], [10, 20, 30], 0.0, 1.0, 0.0),
    # Gradient reversed (most deprived highest): sign flips; ends 80 and 70.
    ([79, 77, 75, 73, 71], [5, 5, 5, 5, 5], -10.0, 70 / 80, -10 / 75),
]


@pytest.mark.parametrize(("values", "populations", "sii", "rii", "relative"), SII_CASES)
def test_sii_hand_derived(values, populations, sii, rii, relative):
    result = slope_index_of_inequality(values, populations)
    assert result.sii == pytest.approx(sii, abs=1e-12)
    assert result.rii == pytest.approx(rii, abs=1e-12)
    assert result.sii_relative_to_mean == pytest.approx(relative, abs=1e-12)
    assert result.fitted_least_deprived - result.fitted_most_deprived == pytest.approx(sii, abs=1e-12)


def test_rii_is_nan_when_the_most_deprived_end_is_zero():
    """Values 1 and 3 on ranks 0.25 and 0.75: slope 4, mean 2, so fitted(0) = 0 and the ratio is undefined."""
    assert math.isnan(slope_index_of_inequality([1, 3], [1, 1]).rii)
    assert math.isnan(slope_index_of_inequality([0, 0], [1, 1]).sii_relative_to_mean)


@pytest.mark.parametrize(
    ("values", "populations"),
    [
        # Inputs of PHEindicatormethods' phe_sii @examples (Area1); no published SII output for them.
        (
            [75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3],
            [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534],
        ),
        ([12.0, 9.5, 9.9, 7.1], [3, 40, 2, 15]),
    ],
)
def test_sii_properties(values, populations):
    """Agrees with numpy's weighted polyfit, ignores the population scale and flips with the ordering."""
    result = slope_index_of_inequality(values, populations)
    shares = np.asarray(populations, dtype=float) / sum(populations)
    ranks = np.cumsum(shares) - shares / 2
    # polyfit weights multiply residuals, so sqrt(population share) gives population-weighted LS.
    coefficients = np.polyfit(ranks, values, 1, w=np.sqrt(shares))
    slope = coefficients[0]
    fitted_gap = np.polyval(coefficients, 1.0) - np.polyval(coefficients, 0.0)
    assert result.sii == pytest.approx(fitted_gap, abs=1e-9)
    assert result.rii == pytest.approx(np.polyval(coefficients, 1.0) / np.polyval(coefficients, 0.0), abs=1e-12)
    assert result.sii_relative_to_mean == pytest.approx(slope / np.dot(shares, values), abs=1e-12)
    scaled = slope_index_of_inequality(values, [p * 1000 for p in populations])
    assert scaled.sii == pytest.approx(result.sii, abs=1e-9)
    same = slope_index_of_inequality(values[::-1], populations[::-1], order="least_deprived_first")
    assert same.sii == pytest.approx(result.sii, abs=1e-12)
    flipped = slope_index_of_inequality(values[::-1], populations[::-1])
    assert flipped.sii == pytest.approx(-result.sii, abs=1e-9)


def test_accepts_numpy_and_pandas_inputs():
    """Dashboard code passes DataFrame columns; the results must not depend on the container."""
    pd = pytest.importorskip("pandas")
    values, populations = pd.Series([71.0, 73, 75, 77, 79]), pd.Series([5, 5, 5, 5, 5], index=[9, 8, 7, 6, 5])
    assert slope_index_of_inequality(values, populations).sii == pytest.approx(10.0, abs=1e-12)
    numerators = pd.Series([100, 107, 114, 121, 128], index=[2019, 2020, 2021, 2022, 2023])
    assert recent_trend(numerators, np.full(5, 1000), confidence=0.95).trend is Trend.INCREASING


def test_sii_life_expectancy_sign_matches_ohid():
    """Life expectancy rising from most to least deprived gives a positive SII, as OHID publishes it."""
    result = slope_index_of_inequality([74.0, 76.5, 78.9, 81.0, 83.2], [1, 1, 1, 1, 1])
    assert result.sii > 0


@pytest.mark.parametrize(
    ("interval", "benchmark", "expected"),
    [
        ((0.4, 0.6), 0.3, Comparison.HIGHER),
        ((0.4, 0.6), 0.7, Comparison.LOWER),
        ((0.4, 0.6), 0.5, Comparison.SIMILAR),
        ((0.4, 0.6), 0.4, Comparison.SIMILAR),  # on a limit is not "outside"
        ((0.4, 0.6), 0.6, Comparison.SIMILAR),
        (wilson_interval(65, 100), 0.5, Comparison.HIGHER),  # lower limit 0.5525 > 0.5
        (None, 0.5, Comparison.NOT_COMPARED),
        ((None, 0.6), 0.5, Comparison.NOT_COMPARED),
        ((0.4, math.nan), 0.5, Comparison.NOT_COMPARED),
        ((0.4, 0.6), None, Comparison.NOT_COMPARED),
        ((0.4, 0.6), math.nan, Comparison.NOT_COMPARED),
    ],
)
def test_compare_to_benchmark(interval, benchmark, expected):
    outcome = compare_to_benchmark(interval, benchmark=benchmark)
    assert outcome is expected
    assert outcome == expected.value  # words usable directly in the UI


@pytest.mark.parametrize(
    ("x1", "n1", "x2", "n2", "confidence", "outcome", "z"),
    [
        # Hand: pooled p = 0.4, se = sqrt(0.4 * 0.6 * 0.02) = sqrt(0.0048), z = 0.2 / se = 5 / sqrt(3).
        (50, 100, 30, 100, 0.95, Comparison.HIGHER, 5 / math.sqrt(3)),
        (30, 100, 50, 100, 0.95, Comparison.LOWER, -5 / math.sqrt(3)),
        (50, 100, 30, 100, 0.998, Comparison.SIMILAR, 5 / math.sqrt(3)),  # 2.887 < 3.090
        (50, 100, 50, 200, 0.95, Comparison.HIGHER, 0.25 / math.sqrt(1 / 3 * 2 / 3 * 0.015)),
        (0, 10, 0, 20, 0.95, Comparison.SIMILAR, 0.0),
        (10, 10, 20, 20, 0.95, Comparison.SIMILAR, 0.0),
    ],
)
def test_compare_proportions(x1, n1, x2, n2, confidence, outcome, z):
    result = compare_proportions(x1, n1, x2, n2, confidence=confidence)
    assert result.outcome is outcome
    assert result.z == pytest.approx(z, abs=1e-12)


def test_two_group_trend_chi_square_is_squared_proportion_z():
    """With two groups, Cochran-Armitage equals the 2x2 Pearson chi-square: hand value 200/51 = z^2."""
    assert chi_square_for_trend([10, 20], [100, 100]) == pytest.approx(200 / 51, abs=1e-12)
    assert compare_proportions(20, 100, 10, 100).z ** 2 == pytest.approx(200 / 51, abs=1e-12)


@pytest.mark.parametrize(
    ("value1", "se1", "value2", "se2", "confidence", "outcome", "p_value"),
    [
        # z = 3 by hand; two-sided p = 2 * (1 - Phi(3)) = 0.0026997960632601866.
        (3.0, 1.0, 0.0, 0.0, 0.95, Comparison.HIGHER, 0.0026997960632601866),
        (3.0, 1.0, 0.0, 0.0, 0.998, Comparison.SIMILAR, 0.0026997960632601866),  # 3 < 3.090
        (0.0, 0.0, 3.0, 1.0, 0.95, Comparison.LOWER, 0.0026997960632601866),
        # se = hypot(3, 4) = 5, so z = 10 / 5 = 2; p = 2 * (1 - Phi(2)).
        (10.0, 3.0, 0.0, 4.0, 0.95, Comparison.HIGHER, 0.04550026389635842),
        (1.0, 1.0, 0.0, 0.0, 0.95, Comparison.SIMILAR, 0.31731050786291415),  # z = 1
    ],
)
def test_compare_values(value1, se1, value2, se2, confidence, outcome, p_value):
    result = compare_values(value1, se1, value2, se2, confidence=confidence)
    assert result.outcome is outcome
    assert result.p_value == pytest.approx(p_value, abs=1e-12)


@pytest.mark.parametrize("missing", [None, math.nan])
def test_compare_values_not_compared_when_missing(missing):
    assert compare_values(missing, 1.0, 2.0, 1.0).outcome is Comparison.NOT_COMPARED
    assert compare_values(1.0, missing, 2.0, 1.0).outcome is Comparison.NOT_COMPARED


def test_standard_error_from_interval():
    """A 95% interval of 10 +/- 1.96 * 2 implies a standard error of 2."""
    assert standard_error_from_interval(10 - Z95 * 2, 10 + Z95 * 2) == pytest.approx(2.0, abs=1e-12)


def test_chi_square_for_trend_matches_r_prop_trend_test():
    # [R-PTT] smokers <- c(83, 90, 129, 70); patients <- c(86, 93, 136, 82)
    assert chi_square_for_trend([83, 90, 129, 70], [86, 93, 136, 82]) == pytest.approx(8.2249, abs=5e-5)


TREND_CASES = [
    # numerators (oldest first), denominators, confidence, expected, source
    # [FT] Diabetes: QOF prevalence, England 2020-2024: Fingertips shows "Increasing".
    (
        [3455176, 3491868, 3625401, 3774801, 3938080],
        [48783947, 49122259, 49956777, 50649129, 51441896],
        0.998,
        Trend.INCREASING,
        "FT",
    ),
    # [FT] MMR one dose at 2 years, Yorkshire and the Humber 2020-2024: "Decreasing".
    (
        [57274, 55865, 53681, 51767, 53185],
        [61834, 60511, 59074, 57508, 59028],
        0.998,
        Trend.DECREASING,
        "FT",
    ),
    # Hand cases. Flat series: chi-square 0.
    ([100] * 5, [1000] * 5, 0.998, Trend.NO_SIGNIFICANT_CHANGE, "hand"),
    # Constructed: chi-square 4.85, significant at 95% (> 3.84) but not at 99.8% (< 9.55).
    ([100, 107, 114, 121, 128], [1000] * 5, 0.95, Trend.INCREASING, "constructed"),
    ([100, 107, 114, 121, 128], [1000] * 5, 0.998, Trend.NO_SIGNIFICANT_CHANGE, "constructed"),
    ([128, 121, 114, 107, 100], [1000] * 5, 0.95, Trend.DECREASING, "constructed"),
    # chi-square 820 but only the last year jumps: dropping it reverses the slope.
    ([2000, 1900, 1800, 1700, 4000], [10000] * 5, 0.998, Trend.NO_SIGNIFICANT_CHANGE, "one-year outlier"),
    # Only the last five points count: the wild first year is ignored.
    (
        [9000, 100, 100, 100, 100, 100],
        [10000] + [1000] * 5,
        0.998,
        Trend.NO_SIGNIFICANT_CHANGE,
        "hand",
    ),
    # Could not be calculated.
    ([100] * 4, [1000] * 4, 0.998, Trend.COULD_NOT_BE_CALCULATED, "fewer than five points"),
    ([], [], 0.998, Trend.COULD_NOT_BE_CALCULATED, "no points"),
    (
        [100, 100, 0, 100, 100],
        [1000, 1000, 0, 1000, 1000],
        0.998,
        Trend.COULD_NOT_BE_CALCULATED,
        "zero denominator",
    ),
    ([100, 100, math.nan, 100, 100], [1000] * 5, 0.998, Trend.COULD_NOT_BE_CALCULATED, "missing"),
    ([100, 100, 0, 100, 100], [1000] * 5, 0.998, Trend.COULD_NOT_BE_CALCULATED, "0% point"),
    ([100, 100, 1000, 100, 100], [1000] * 5, 0.998, Trend.COULD_NOT_BE_CALCULATED, "100% point"),
]


@pytest.mark.parametrize(("numerators", "denominators", "confidence", "expected", "source"), TREND_CASES)
def test_recent_trend(numerators, denominators, confidence, expected, source):
    result = recent_trend(numerators, denominators, confidence=confidence)
    assert result.trend is expected, source
    assert result.trend == expected.value


def test_recent_trend_reports_its_statistic():
    result = recent_trend([100, 107, 114, 121, 128], [1000] * 5)
    assert result.chi_square == pytest.approx(chi_square_for_trend([100, 107, 114, 121, 128], [1000] * 5))
    assert result.slope > 0
    assert math.isnan(recent_trend([1], [2]).chi_square)


ERROR_CASES = [
    # callable, args, kwargs, message pattern
    (wilson_interval, (5, 0), {}, r"n \(denominator\) must be a finite number > 0, got 0"),
    (wilson_interval, (5, -10), {}, r"n \(denominator\).*got -10"),
    (wilson_interval, (5, math.inf), {}, r"n \(denominator\).*got inf"),
    (wilson_interval, (-1, 10), {}, r"x \(numerator\) must be between 0 and n=10, got -1"),
    (wilson_interval, (11, 10), {}, r"x \(numerator\) must be between 0 and n=10, got 11"),
    (wilson_interval, (math.nan, 10), {}, r"x \(numerator\).*got nan"),
    (
        wilson_interval,
        (5, 10),
        {"confidence": 95},
        r"confidence must be strictly between 0 and 1.*got 95",
    ),
    (
        wilson_interval,
        (5, 10),
        {"confidence": 0},
        r"confidence must be strictly between 0 and 1.*got 0",
    ),
    (wilson_interval, (5, 10), {"confidence": 1.0}, r"confidence .*got 1\.0"),
    (wilson_interval, (5, 10), {"confidence": math.nan}, r"confidence .*got nan"),
    (byars_interval, (-1,), {}, r"count must be a finite number >= 0, got -1"),
    (byars_interval, (65,), {"confidence": 99.8}, r"confidence .*got 99\.8"),
    (exact_poisson_interval, (math.nan,), {}, r"count must be a finite number >= 0, got nan"),
    (exact_poisson_interval, (3,), {"confidence": -0.5}, r"confidence .*got -0\.5"),
    (count_interval, (-2,), {}, r"count must be a finite number >= 0, got -2"),
    (count_interval, (math.inf,), {}, r"count must be a finite number >= 0, got inf"),
    (rate_interval, (5, 0), {}, r"denominator must be a finite number > 0, got 0"),
    (rate_interval, (5, 100), {"multiplier": 0}, r"multiplier must be a finite number > 0, got 0"),
    (rate_interval, (-5, 100), {}, r"count must be a finite number >= 0, got -5"),
    (
        slope_index_of_inequality,
        ([1, 2, 3], [1, 1]),
        {},
        r"lengths of values, populations must be equal, got \{'values': 3, 'populations': 2\}",
    ),
    (slope_index_of_inequality, ([1], [1]), {}, r"at least 2 groups, got 1"),
    (slope_index_of_inequality, ([], []), {}, r"at least 2 groups, got 0"),
    (slope_index_of_inequality, ([1, math.nan], [1, 1]), {}, r"values must not contain NaN"),
    (
        slope_index_of_inequality,
        ([1, 2], [1, 0]),
        {},
        r"populations must all be positive.*\[1\.0, 0\.0\]",
    ),
    (slope_index_of_inequality, ([1, 2], [1, -3]), {}, r"populations must all be positive"),
    (slope_index_of_inequality, ([1, 2], [1, math.nan]), {}, r"populations must all be positive"),
    (
        slope_index_of_inequality,
        ([1, 2], [1, 1]),
        {"order": "ascending"},
        r"order must be most_deprived_first or least_deprived_first, got 'ascending'",
    ),
    (
        compare_proportions,
        (5, 10, 5, 0),
        {},
        r"n2 \(denominator\) must be a finite number > 0, got 0",
    ),
    (
        compare_proportions,
        (11, 10, 5, 10),
        {},
        r"x1 \(numerator\) must be between 0 and n1=10, got 11",
    ),
    (compare_proportions, (5, 10, 5, 10), {"confidence": 2}, r"confidence .*got 2"),
    (compare_values, (1.0, -1.0, 2.0, 1.0), {}, r"se1 must be >= 0, got -1\.0"),
    (compare_values, (1.0, 1.0, 2.0, -0.5), {}, r"se2 must be >= 0, got -0\.5"),
    (compare_values, (1.0, 0.0, 2.0, 0.0), {}, r"se1 and se2 cannot both be 0"),
    (compare_values, (1.0, 1.0, 2.0, 1.0), {"confidence": 0}, r"confidence .*got 0"),
    (standard_error_from_interval, (5.0, 4.0), {}, r"lower must not exceed upper, got lower=5\.0"),
    (compare_to_benchmark, ((0.6, 0.4),), {"benchmark": 0.5}, r"lower limit must not exceed upper"),
    (
        chi_square_for_trend,
        ([1, 2], [10, 10, 10]),
        {},
        r"lengths of numerators, denominators, scores must be equal",
    ),
    (chi_square_for_trend, ([1], [10]), {}, r"at least 2 points, got 1"),
    (chi_square_for_trend, ([1, 2], [10, 0]), {}, r"denominators must all be finite and > 0"),
    (
        chi_square_for_trend,
        ([1, 12], [10, 10]),
        {},
        r"numerators must be between 0 and their denominators",
    ),
    (chi_square_for_trend, ([0, 0], [10, 10]), {}, r"undefined: no variation"),
    (chi_square_for_trend, ([1, 2], [10, 10]), {"scores": [3, 3]}, r"undefined: no variation"),
    (
        recent_trend,
        ([1, 2, 3], [10, 10]),
        {},
        r"lengths of numerators, denominators must be equal, got \{'numerators': 3",
    ),
    (
        recent_trend,
        ([1, 2, 30, 4, 5], [10] * 5),
        {},
        r"numerators must be between 0 and their denominators",
    ),
    (
        recent_trend,
        ([1, 2, 3, 4, 5], [10, 10, -10, 10, 10]),
        {},
        r"denominators must all be finite",
    ),
    (recent_trend, ([1] * 5, [10] * 5), {"confidence": 99.8}, r"confidence .*got 99\.8"),
]


@pytest.mark.parametrize(("func", "args", "kwargs", "message"), ERROR_CASES)
def test_invalid_input_raises_clear_error(func, args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        func(*args, **kwargs)
