"""Long-term and recent trend tests, thinning of pooled periods, and change since the Plan's start."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.analysis import trends
from indicators.analysis.trends import Direction
from indicators.store.queries import headline


def _series(values, *, years=1, first=2010, counts=None, gap_after=None):
    """A synthetic series (test fixture only), one row per value; `years` wide periods; optional counts and a gap."""
    ends = [first + i + (1 if gap_after is not None and i > gap_after else 0) for i in range(len(values))]
    frame = pd.DataFrame(
        {
            "period": [f"{e - years + 1}-{e}" if years > 1 else str(e) for e in ends],
            "period_start": pd.to_datetime([f"{e - years + 1}-01-01" for e in ends]),
            "period_end": pd.to_datetime([f"{e}-12-31" for e in ends]),
            "value": values,
        }
    )
    if counts is not None:
        frame["numerator"] = [c[0] for c in counts]
        frame["denominator"] = [c[1] for c in counts]
    return frame


@pytest.mark.parametrize(
    ("years", "points", "kept"),
    [
        (1, 8, ["2010", "2011", "2012", "2013", "2014", "2015", "2016", "2017"]),
        (3, 8, ["2009-2011", "2012-2014", "2015-2017"]),  # the latest kept, then stepping back past each start
        (3, 2, ["2009-2011"]),
        (2, 5, ["2009-2010", "2011-2012", "2013-2014"]),
    ],
)
def test_non_overlapping_keeps_the_latest_and_steps_back(years, points, kept):
    series = _series(list(range(points)), years=years)
    assert trends.non_overlapping(series)["period"].tolist() == kept
    assert trends.overlaps(series) is (years > 1 and points > 1)


@pytest.mark.parametrize(
    ("values", "years", "long_term", "recent"),
    [
        # Annual, steady rise: both tests see it.
        ([10, 11, 12, 13, 14, 15, 16], 1, Direction.INCREASING, Direction.INCREASING),
        # Annual, long fall then flat: only the long-term test sees the fall.
        ([30, 25, 20, 10, 11, 10, 11, 10], 1, Direction.DECREASING, Direction.NO_SIGNIFICANT_CHANGE),
        # Scatter with no direction.
        ([10, 14, 9, 13, 10, 12], 1, Direction.NO_SIGNIFICANT_CHANGE, Direction.NO_SIGNIFICANT_CHANGE),
        # Pooled three-year periods: eight overlapping periods leave three, so no recent test.
        ([82.2, 82.3, 82.3, 82.0, 82.0, 82.2, 82.5, 82.6], 3, Direction.NO_SIGNIFICANT_CHANGE, Direction.NOT_TESTED),
        # Two annual points: too few for either.
        ([10, 12], 1, Direction.NOT_TESTED, Direction.NOT_TESTED),
    ],
)
def test_long_term_and_recent(values, years, long_term, recent):
    series = _series(values, years=years)
    assert trends.long_term(series).direction is long_term
    assert trends.recent(series).direction is recent


def test_overlapping_periods_no_longer_manufacture_a_trend():
    """Women's life expectancy in Leeds (2015-17 to 2022-24): p = 0.009 on the last five overlapping periods
    if they were independent; on the three that share no years, p = 0.67 (the figures the issue quotes)."""
    series = _series([82.2, 82.3, 82.3, 82.0, 82.0, 82.2, 82.5, 82.6], years=3, first=2017)
    test = trends.long_term(series)
    assert test.p_value == pytest.approx(2 / 3, abs=1e-3)
    assert test.direction is Direction.NO_SIGNIFICANT_CHANGE
    assert "only the 3 that share no years are used (5 left out)" in test.method


def test_a_missing_year_keeps_its_place_and_is_said():
    series = _series([19.3, 20.4, 19.3, 19.9, 21.0, 20.8, 25.0, 23.3, 22.2, 22.8], gap_after=5)
    test = trends.long_term(series)
    assert test.direction is Direction.INCREASING
    assert test.p_value == pytest.approx(0.00503, abs=1e-4)
    assert "keeps its place on the time axis" in test.method


@pytest.mark.parametrize(
    ("polarity", "direction", "meaning"),
    [
        ("higher_is_better", Direction.INCREASING, "getting better"),
        ("higher_is_better", Direction.DECREASING, "getting worse"),
        ("lower_is_better", Direction.INCREASING, "getting worse"),
        ("lower_is_better", Direction.DECREASING, "getting better"),
        ("no_judgement", Direction.INCREASING, "rising"),
        ("no_judgement", Direction.DECREASING, "falling"),
        ("lower_is_better", Direction.NO_SIGNIFICANT_CHANGE, "no significant change"),
        ("higher_is_better", Direction.NOT_TESTED, "not tested"),
    ],
)
def test_meaning_follows_polarity(polarity, direction, meaning):
    assert trends.TrendTest("recent", direction, "m").meaning(polarity) == meaning


def test_counts_use_fingertips_recent_trend_and_chi_square_long_term():
    """With counts, the recent trend is Fingertips' chi-square test at 99.8% and the long-term one a chi-square."""
    counts = [(1000, 10000), (1100, 10000), (1200, 10000), (1300, 10000), (1400, 10000), (1500, 10000)]
    series = _series([c[0] / c[1] * 100 for c in counts], counts=counts)
    recent, long_term = trends.recent(series), trends.long_term(series)
    assert recent.direction is Direction.INCREASING
    assert "Fingertips' recent-trend test" in recent.method and "99.8%" in recent.method
    assert long_term.direction is Direction.INCREASING
    assert long_term.method.startswith("Chi-square test for linear trend")


def test_counts_with_no_real_change_are_not_significant():
    counts = [(100, 1000), (104, 1000), (98, 1000), (102, 1000), (101, 1000)]
    series = _series([c[0] / 10 for c in counts], counts=counts)
    assert trends.recent(series).direction is Direction.NO_SIGNIFICANT_CHANGE


def test_a_missing_count_falls_back_to_the_line_and_says_so():
    counts = [(100, 1000), (110, 1000), (None, None), (130, 1000), (140, 1000)]
    series = _series([10, 11, 12, 13, 14], counts=counts)
    test = trends.recent(series)
    assert test.method.startswith("Least-squares straight line")


@pytest.mark.parametrize(
    ("source_id", "ends", "expected"),
    [
        ("aps_smoking", range(2011, 2025), "2018"),  # declared: the 2018 release came in July 2019
        ("some_import", range(2011, 2025), "2017"),  # not declared: a year after the period ends
        ("some_import", range(2019, 2025), None),  # nothing before the Plan
    ],
)
def test_plan_start_period(source_id, ends, expected):
    series = _series(list(range(len(ends))), first=ends[0])
    found = trends.plan_start_period(series, source_id)
    assert (found[0] if found else None) == expected


@pytest.mark.data_audit
@pytest.mark.parametrize(
    ("indicator_id", "group", "long_term", "start"),
    [
        ("smoking_prevalence", "All", Direction.DECREASING, ("2018", 18.2)),
        ("year6_obesity", "All", Direction.INCREASING, ("2018/19", 21.0)),
        ("life_expectancy", "Female", Direction.NO_SIGNIFICANT_CHANGE, ("2015 - 17", 82.2)),
        ("healthy_life_expectancy", "Female", Direction.NO_SIGNIFICANT_CHANGE, ("2015 - 17", 63.4)),
    ],
)
def test_shipped_series(store, indicator_id, group, long_term, start):
    """Year 6 obesity 19.3% (2014/15) to 22.8% (2024/25) is a significant rise; smoking a significant fall."""
    source = store.indicators.set_index("indicator_id").at[indicator_id, "primary_source_id"]
    rows = headline(store, indicator_id, source_id=source)
    series = rows[rows["breakdown"] == group]
    assert trends.long_term(series).direction is long_term
    change = trends.since_plan_start(series, source)
    assert (change.start_period, change.start_value) == start
