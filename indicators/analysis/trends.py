"""Trends a statistician would sign: long-term and recent direction, and change since the Plan began.

- Pooled periods (2018-20, 2019-21, ... each sharing years with the next) are not independent
  points: a series is first thinned to periods that do not overlap, keeping the latest and
  stepping back, so a test never counts the same deaths twice.
- Long-term: every (non-overlapping) period. Recent: the last five, as Fingertips does.
- With counts for every point (imports), the chi-square test for linear trend in proportions;
  the recent trend then follows Fingertips' recent-trend rule (99.8%, one point may not drive
  it; indicators.stats.recent_trend). Without counts, a least-squares straight line with a
  t-test on its slope at 95%, which can only see year-to-year scatter, and says so.
- Change since the Plan's start: the latest period published before December 2019 (when the
  Plan went to the Health and Wellbeing Board) against the latest period.

Pure functions, no Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from indicators.stats.methods import TREND_POINTS, Trend, chi_square_for_trend, recent_trend

LONG_TERM_MIN_POINTS = 3
CONFIDENCE = 0.95
PLAN_START = pd.Timestamp("2019-12-01")


class Direction(StrEnum):
    """What a trend test found, before polarity says whether that is good."""

    INCREASING = "increasing"
    DECREASING = "decreasing"
    NO_SIGNIFICANT_CHANGE = "no significant change"
    NOT_TESTED = "not tested"


@dataclass(frozen=True)
class TrendTest:
    """One trend test: what it found, over which periods, by which method, or why it was not run."""

    span: str  # "long-term" or "recent"
    direction: Direction
    method: str
    first_period: str | None = None
    last_period: str | None = None
    points: int = 0
    p_value: float | None = None

    def meaning(self, polarity: str) -> str:
        """'getting worse', 'getting better', 'rising' (no polarity), 'no significant change' or 'not tested'."""
        if self.direction in (Direction.NO_SIGNIFICANT_CHANGE, Direction.NOT_TESTED):
            return self.direction.value
        up = self.direction is Direction.INCREASING
        if polarity == "higher_is_better":
            return "getting better" if up else "getting worse"
        if polarity == "lower_is_better":
            return "getting worse" if up else "getting better"
        return "rising" if up else "falling"

    @property
    def period_text(self) -> str:
        """'2014/15 to 2024/25', or '' when no periods were used."""
        if not self.first_period:
            return ""
        return (
            self.first_period if self.first_period == self.last_period else f"{self.first_period} to {self.last_period}"
        )


@dataclass(frozen=True)
class PlanStartChange:
    """The change from the latest period published before the Plan began to the latest period."""

    start_period: str
    start_value: float
    latest_period: str
    latest_value: float
    basis: str

    @property
    def change(self) -> float:
        return self.latest_value - self.start_value


@dataclass(frozen=True)
class PlanStart:
    """The period a source had published before December 2019, and the release that says so."""

    period: str
    evidence: str


# The release behind each official source's last period before the Plan's start, so the
# starting point is a fact of publication, not a guess from the period's end.
PLAN_START_PERIODS: dict[str, PlanStart] = {
    "aps_smoking": PlanStart("2018", "ONS published the Annual Population Survey's 2018 smoking figures in July 2019"),
    "ncmp_reception": PlanStart("2018/19", "NHS Digital published NCMP 2018/19 on 29 October 2019"),
    "ncmp_year6": PlanStart("2018/19", "NHS Digital published NCMP 2018/19 on 29 October 2019"),
    "ons_life_expectancy": PlanStart(
        "2015 - 17", "ONS published local life expectancy for 2016-18 in December 2019, so 2015-17 was the latest"
    ),
    "ons_healthy_life_expectancy": PlanStart(
        "2015 - 17", "ONS published healthy life expectancy for 2016-18 in December 2019, so 2015-17 was the latest"
    ),
    "ohid_sii_life_expectancy": PlanStart(
        "2015 - 17", "the 2016-18 slope index followed ONS's December 2019 life expectancy release"
    ),
}
# Without a recorded release date a period is taken as published a year after it ends, and this is said.
ASSUMED_LAG = pd.DateOffset(years=1)


def _dated(series: pd.DataFrame) -> pd.DataFrame:
    points = series[series["value"].notna() & series["period_end"].notna()]
    points = points.assign(period_end=pd.to_datetime(points["period_end"]))
    if "period_start" in points:
        points = points.assign(period_start=pd.to_datetime(points["period_start"]))
    return points.sort_values("period_end", kind="stable")


def overlaps(series: pd.DataFrame) -> bool:
    """True when any period starts before the previous one ends (pooled years)."""
    points = _dated(series)
    if "period_start" not in points or len(points) < 2:
        return False
    starts = points["period_start"].to_numpy()[1:]
    ends = points["period_end"].to_numpy()[:-1]
    return bool((starts <= ends).any())


def non_overlapping(series: pd.DataFrame) -> pd.DataFrame:
    """The series' periods that share no years: the latest, then stepping back past each one's start."""
    points = _dated(series)
    if "period_start" not in points or points["period_start"].isna().any():
        return points
    kept, boundary = [], None
    for position in range(len(points) - 1, -1, -1):
        row = points.iloc[position]
        if boundary is None or row["period_end"] < boundary:
            kept.append(position)
            boundary = row["period_start"]
    return points.iloc[sorted(kept)]


def _years(points: pd.DataFrame) -> np.ndarray:
    """Time of each point in years from the first, so a missing year keeps its width."""
    days = (points["period_end"] - points["period_end"].iloc[0]).dt.days.to_numpy(dtype=float)
    return days / 365.25


def _has_counts(points: pd.DataFrame) -> bool:
    if not {"numerator", "denominator"} <= set(points.columns):
        return False
    x, n = points["numerator"], points["denominator"]
    return bool(x.notna().all() and n.notna().all() and (n > 0).all() and ((x >= 0) & (x <= n)).all())


def _direction(slope: float, significant: bool) -> Direction:
    if not significant or slope == 0 or not math.isfinite(slope):
        return Direction.NO_SIGNIFICANT_CHANGE
    return Direction.INCREASING if slope > 0 else Direction.DECREASING


def _thinning_note(series: pd.DataFrame, kept: pd.DataFrame) -> str:
    dropped = len(_dated(series)) - len(kept)
    if not dropped:
        return ""
    return f"; pooled periods overlap, so only the {len(kept)} that share no years are used ({dropped} left out)"


def _gaps_note(points: pd.DataFrame) -> str:
    steps = np.diff(_years(points))
    if len(steps) and steps.max() > 1.5 * np.median(steps):
        return "; a period not published keeps its place on the time axis"
    return ""


def _least_squares(points: pd.DataFrame, span: str, label: str, note: str) -> TrendTest:
    fit = scipy_stats.linregress(_years(points), points["value"].to_numpy(dtype=float))
    p = float(fit.pvalue) if math.isfinite(fit.pvalue) else None
    significant = p is not None and p < 1 - CONFIDENCE
    method = (
        f"Least-squares straight line through {label}, slope tested against the scatter around it "
        f"(t-test, {CONFIDENCE:.0%}); no counts are published, so sampling error is not in the test{note}"
    )
    return TrendTest(
        span,
        _direction(float(fit.slope), significant),
        method,
        points["period"].iloc[0],
        points["period"].iloc[-1],
        len(points),
        p,
    )


def long_term(series: pd.DataFrame) -> TrendTest:
    """The direction over the whole series (one area, one group), on periods that do not overlap."""
    points = non_overlapping(series)
    note = _thinning_note(series, points) + _gaps_note(points) if len(points) > 1 else ""
    if len(points) < LONG_TERM_MIN_POINTS:
        why = f"Not tested: {len(points)} period(s) that share no years, at least {LONG_TERM_MIN_POINTS} needed"
        return TrendTest("long-term", Direction.NOT_TESTED, why + note, points=len(points))
    label = f"all {len(points)} periods"
    if _has_counts(points):
        x, n = points["numerator"].to_numpy(float), points["denominator"].to_numpy(float)
        chi = chi_square_for_trend(x, n, scores=_years(points))
        p = float(scipy_stats.chi2.sf(chi, 1))
        slope = float(np.polyfit(_years(points), x / n, 1)[0])
        method = f"Chi-square test for linear trend in proportions from the counts of {label} ({CONFIDENCE:.0%}){note}"
        return TrendTest(
            "long-term",
            _direction(slope, p < 1 - CONFIDENCE),
            method,
            points["period"].iloc[0],
            points["period"].iloc[-1],
            len(points),
            p,
        )
    return _least_squares(points, "long-term", label, note)


def recent(series: pd.DataFrame) -> TrendTest:
    """The direction over the last five (non-overlapping) periods; not tested, saying why, with fewer."""
    points = non_overlapping(series)
    window = points.tail(TREND_POINTS)
    note = _thinning_note(series, points)
    if len(window) < TREND_POINTS:
        why = f"Not tested: {len(points)} period(s) that share no years, {TREND_POINTS} needed"
        return TrendTest("recent", Direction.NOT_TESTED, why + note, points=len(window))
    note += _gaps_note(window)
    first, last = window["period"].iloc[0], window["period"].iloc[-1]
    if _has_counts(window):
        result = recent_trend(window["numerator"].to_numpy(float), window["denominator"].to_numpy(float))
        direction = {
            Trend.INCREASING: Direction.INCREASING,
            Trend.DECREASING: Direction.DECREASING,
            Trend.NO_SIGNIFICANT_CHANGE: Direction.NO_SIGNIFICANT_CHANGE,
        }.get(result.trend, Direction.NOT_TESTED)
        p = float(scipy_stats.chi2.sf(result.chi_square, 1)) if math.isfinite(result.chi_square) else None
        method = (
            "Fingertips' recent-trend test: chi-square test for linear trend in proportions over the last five "
            f"periods at 99.8%, and no single period may drive the direction{note}"
        )
        return TrendTest("recent", direction, method, first, last, TREND_POINTS, p)
    return _least_squares(window, "recent", "the last five periods", note)


def plan_start_period(series: pd.DataFrame, source_id: str) -> tuple[str, str] | None:
    """The latest period published before December 2019, with the basis for saying so; None if none."""
    points = _dated(series)
    declared = PLAN_START_PERIODS.get(source_id)
    if declared is not None:
        return (declared.period, declared.evidence) if declared.period in set(points["period"]) else None
    before = points[points["period_end"] + ASSUMED_LAG < PLAN_START]
    if before.empty:
        return None
    return before["period"].iloc[-1], "release date not recorded; taken as published a year after the period ended"


def since_plan_start(series: pd.DataFrame, source_id: str) -> PlanStartChange | None:
    """Change from the Plan's starting period to the latest period, or None where there is no start."""
    found = plan_start_period(series, source_id)
    points = _dated(series)
    if found is None or points.empty:
        return None
    start = points[points["period"] == found[0]].iloc[-1]
    last = points.iloc[-1]
    if start["period"] == last["period"]:
        return None
    return PlanStartChange(start["period"], float(start["value"]), last["period"], float(last["value"]), found[1])
