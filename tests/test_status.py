"""Judgements against the Plan's direction: table-driven on small synthetic series, then on the synthetic store."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.analysis.judgement import Judgement, assess_all, assess_series, combine


def _series(values, *, dated=True, status=None, years=1):
    """A synthetic series (test fixture only): one row per value, earliest first; `years` per period (pooled)."""
    n = len(values)
    ends = pd.to_datetime([f"{2010 + i}-12-31" for i in range(n)]) if dated else [pd.NaT] * n
    starts = pd.to_datetime([f"{2010 + i - years + 1}-01-01" for i in range(n)]) if dated else [pd.NaT] * n
    return pd.DataFrame(
        {
            "value": values,
            "period": [f"P{i}" for i in range(n)],
            "period_start": starts,
            "period_end": ends,
            "status_text": [status] * n,
        }
    )


@pytest.mark.parametrize(
    ("values", "polarity", "dated", "expected"),
    [
        ([10, 11, 12, 13, 14], "higher_is_better", True, Judgement.IMPROVING),
        ([10, 11, 12, 13, 14], "lower_is_better", True, Judgement.WORSENING),
        ([14, 13, 12, 11, 10], "lower_is_better", True, Judgement.IMPROVING),
        ([10, 14, 9, 13, 10], "higher_is_better", True, Judgement.NO_CLEAR_CHANGE),
        ([1, 2, 3, 20, 21, 22, 23, 24, 25], "higher_is_better", True, Judgement.IMPROVING),
        ([33, 125], "higher_is_better", False, Judgement.IMPROVING),
        ([9.4, 8.8], "lower_is_better", False, Judgement.IMPROVING),
        ([9.4, 9.4], "lower_is_better", False, Judgement.NO_CLEAR_CHANGE),
        ([5542], "higher_is_better", True, Judgement.NOT_ENOUGH_DATA),
        ([10, 11, 12, 13, 14], "no_judgement", True, Judgement.NOT_JUDGED),
        ([3, 5], "no_judgement", False, Judgement.NOT_JUDGED),
    ],
)
def test_assess_series(values, polarity, dated, expected):
    assert assess_series(_series(values, dated=dated), polarity=polarity).judgement is expected


def test_a_long_fall_then_a_flat_recent_spell_is_judged_on_the_long_term():
    """Recent: no significant change; long-term: a clear fall. A long-run fall is no longer invisible."""
    result = assess_series(_series([30, 25, 20, 10, 11, 10, 11, 10]), polarity="lower_is_better")
    assert result.recent.meaning("lower_is_better") == "no significant change"
    assert result.long_term.meaning("lower_is_better") == "getting better"
    assert result.judgement is Judgement.IMPROVING
    assert (result.recent.first_period, result.recent.last_period) == ("P3", "P7")


def test_a_significant_recent_trend_leads_over_the_long_term():
    """A long rise then five falling periods: the recent trend is what the judgement follows."""
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 30, 29, 28, 27, 26]
    result = assess_series(_series(values), polarity="higher_is_better")
    assert result.long_term.meaning("higher_is_better") == "getting better"
    assert result.recent.meaning("higher_is_better") == "getting worse"
    assert result.judgement is Judgement.WORSENING


def test_pooled_periods_are_thinned_before_testing():
    """Eight overlapping three-year periods rising steadily: only three share no years, so no recent test."""
    result = assess_series(_series([1, 2, 3, 4, 5, 6, 7, 8], years=3), polarity="higher_is_better")
    assert result.recent.direction.value == "not tested"
    assert result.long_term.points == 3
    assert "pooled periods overlap" in result.method


def test_status_only_series_reports_the_status():
    result = assess_series(_series([float("nan")], status="On track to meet the target"), polarity="higher_is_better")
    assert result.judgement is Judgement.NOT_ENOUGH_DATA
    assert "On track" in result.method


def test_two_figures_say_no_significance_test_is_possible():
    result = assess_series(_series([33, 125], dated=False), polarity="higher_is_better")
    assert "no significance test" in result.method
    assert result.change == 92


@pytest.mark.parametrize(
    ("judgements", "expected"),
    [
        ([], Judgement.NOT_ENOUGH_DATA),
        ([Judgement.IMPROVING], Judgement.IMPROVING),
        ([Judgement.IMPROVING, Judgement.IMPROVING], Judgement.IMPROVING),
        ([Judgement.IMPROVING, Judgement.NO_CLEAR_CHANGE], Judgement.MIXED),
    ],
)
def test_combine(judgements, expected):
    assert combine(judgements) is expected


@pytest.mark.data_audit
def test_store_judgements(store):
    """Smoking's long fall and Year 6 obesity's rise are found; life expectancy's pooled periods show no trend."""
    judged = assess_all(store).set_index("indicator_id")["judgement"]
    assert judged["smoking_prevalence"] == Judgement.IMPROVING
    assert judged["year6_obesity"] == Judgement.WORSENING
    assert judged["diabetes_education_sessions"] == Judgement.IMPROVING
    assert judged["life_expectancy"] == Judgement.NO_CLEAR_CHANGE
    assert judged["moving_more"] == Judgement.NOT_ENOUGH_DATA


def test_trend_counts_a_missing_period_as_time():
    """Five values over six years (one left out) are fitted against their real dates."""
    series = _series([10, 11, 12, 13, 14])
    series["period_end"] = pd.to_datetime(["2010-08-31", "2011-08-31", "2012-08-31", "2014-08-31", "2015-08-31"])
    series["period_start"] = series["period_end"] - pd.DateOffset(years=1) + pd.DateOffset(days=1)
    result = assess_series(series, polarity="higher_is_better")
    assert result.judgement is Judgement.IMPROVING
    assert "keeps its place on the time axis" in result.method


@pytest.mark.data_audit
def test_the_plan_start_is_the_reference_for_official_series(store):
    from indicators.analysis.judgement import assess_indicator

    smoking = assess_indicator(store, "smoking_prevalence")["All"]
    assert (smoking.reference_period, smoking.reference_value, smoking.latest_value) == ("2018", 18.2, 12.8)


def test_cumulative_quarters_are_not_judged_as_a_trend():
    """Given figures that add up quarters from one start, when judged, then no trend is claimed."""
    from indicators.analysis.judgement import CUMULATIVE_METHOD, is_cumulative

    series = pd.DataFrame(
        {
            "period": ["2021/22 Q1", "2021/22 Q1 - 2021/22 Q2", "2021/22 Q1 - 2021/22 Q3"],
            "period_start": pd.to_datetime(["2021-04-01"] * 3),
            "period_end": pd.to_datetime(["2021-06-30", "2021-09-30", "2021-12-31"]),
            "value": [1.0, 2.0, 3.0],
            "status_text": [None] * 3,
        }
    )
    assert is_cumulative(series)
    result = assess_series(series, polarity="higher_is_better")
    assert (result.judgement, result.method) == (Judgement.CUMULATIVE, CUMULATIVE_METHOD)
    assert not is_cumulative(series.assign(period_start=series["period_end"] - pd.Timedelta(days=80)))
