"""Judgements against the Plan's direction: table-driven on small synthetic series, then on the synthetic store."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.analysis.judgement import Judgement, assess_all, assess_series, combine, plain_summary
from tests import synthetic


def _series(values, *, dated=True, status=None):
    """A synthetic series (test fixture only): one row per value, earliest first."""
    n = len(values)
    return pd.DataFrame(
        {
            "value": values,
            "period": [f"P{i}" for i in range(n)],
            "period_end": pd.to_datetime([f"{2010 + i}-12-31" for i in range(n)]) if dated else [pd.NaT] * n,
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


def test_trend_uses_only_the_last_five_points():
    """An old fall followed by five flat-ish years is no clear change, not improving."""
    result = assess_series(_series([30, 25, 20, 10, 11, 10, 11, 10]), polarity="lower_is_better")
    assert result.judgement is Judgement.NO_CLEAR_CHANGE
    assert result.reference_period == "P3"
    assert result.change == pytest.approx(0)


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


def test_store_judgements(synthetic_store):
    judged = assess_all(synthetic_store).set_index("indicator_id")["judgement"]
    assert judged[synthetic.TREND] == Judgement.IMPROVING  # a steady fall, lower is better
    assert judged[synthetic.SESSIONS] == Judgement.IMPROVING  # the report's pair, on direction only
    assert judged[synthetic.POOLED] == Judgement.MIXED
    assert judged[synthetic.GAP] == Judgement.WORSENING  # a steady rise, lower is better
    assert judged[synthetic.PLANNED] == Judgement.NOT_ENOUGH_DATA
    assert judged[synthetic.SINGLE] == Judgement.NOT_ENOUGH_DATA


def test_trend_counts_a_missing_period_as_time():
    """Five values over six years (one left out) are fitted against their real dates."""
    series = _series([10, 11, 12, 13, 14])
    series["period_end"] = pd.to_datetime(["2010-08-31", "2011-08-31", "2012-08-31", "2014-08-31", "2015-08-31"])
    result = assess_series(series, polarity="higher_is_better")
    assert result.judgement is Judgement.IMPROVING


def test_pooled_periods_are_flagged_as_approximate(synthetic_store):
    from indicators.analysis.judgement import assess_indicator

    method = assess_indicator(synthetic_store, synthetic.POOLED)["Male"].method
    assert "the periods overlap (pooled years), so the test is approximate" in method
    assert "pooled" not in assess_indicator(synthetic_store, synthetic.TREND)["All"].method


def test_plain_summary_counts_and_grammar(synthetic_store):
    text = plain_summary(assess_all(synthetic_store))
    assert text.startswith("Of the 5 indicators with enough data to judge, 2 are moving the way the Plan wants")
    assert "1 the wrong way, 1 shows no clear change and 1 differs between groups" in text
    assert "1 of these rests on a before-and-after pair from the report, judged on direction only." in text
    others = len(synthetic_store.indicators) - 5
    assert text.endswith(f"{others} others have a single figure, no direction set, cumulative figures or no data yet.")


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
