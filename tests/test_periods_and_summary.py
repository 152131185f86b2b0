"""Period labels become dates; latest values are picked and written out as people read them."""

from __future__ import annotations

from datetime import date

import pytest

from indicators.analysis.summary import latest_values
from indicators.core.codes import LEEDS, REPORT_SOURCE
from indicators.core.formatting import format_value
from indicators.core.periods import parse_period
from indicators.store.schemas import as_text
from tests import synthetic


@pytest.mark.parametrize(
    ("label", "split_year", "start", "end"),
    [
        ("2017", "financial", date(2017, 1, 1), date(2017, 12, 31)),
        ("2014/15", "academic", date(2014, 9, 1), date(2015, 8, 31)),
        ("2014/15", "financial", date(2014, 4, 1), date(2015, 3, 31)),
        ("2015 - 17", "financial", date(2015, 1, 1), date(2017, 12, 31)),
        ("2020/21 - 24/25", "academic", date(2020, 9, 1), date(2025, 8, 31)),
        ("1999/00", "financial", date(1999, 4, 1), date(2000, 3, 31)),
        (" 2022 - 24 ", "financial", date(2022, 1, 1), date(2024, 12, 31)),
    ],
)
def test_parse_period(label, split_year, start, end):
    assert parse_period(label, split_year=split_year) == (start, end)


@pytest.mark.parametrize("label", ["", "Q1 2020", "2015-17", "20/21", "2014/2015"])
def test_parse_period_refuses_unknown_forms(label):
    with pytest.raises(ValueError, match="is not a year, a split year, a quarter or a pooled range"):
        parse_period(label)


def test_parse_period_refuses_unknown_year_kind():
    with pytest.raises(ValueError, match="split_year must be one of"):
        parse_period("2014/15", split_year="school")


@pytest.mark.parametrize(
    ("value", "unit", "value_type", "qualifier", "expected"),
    [
        (16.7, "%", "percentage", "exact", "16.7%"),
        (11.0, "%", "percentage", "exact", "11%"),
        (53.0, "% fall", "percentage", "exact", "53% fall"),
        (35000.0, "people", "count", "more than", "more than 35,000 people"),
        (1902.0, "bed days", "count", "about", "about 1,902 bed days"),
        (1.0, "centres", "count", "exact", "1 centre"),
        (1.0, "people", "count", "exact", "1 person"),
        (1.0, "sessions a year", "count", "exact", "1 session a year"),
        (1000.0, "patients", "count", "milestone", "1,000 patients (milestone reached)"),
        (78.84, "years", "years", "exact", "78.8 years"),
        (float("nan"), "referrals", "count", "status", "No figure published"),
    ],
)
def test_format_value(value, unit, value_type, qualifier, expected):
    assert format_value(value, unit=unit, value_type=value_type, qualifier=qualifier) == expected


def test_status_text_is_shown_when_there_is_no_figure():
    text = format_value(float("nan"), unit="referrals", value_type="count", qualifier="status", status="On track")
    assert text == "On track"


def _latest(store, indicator, source):
    table = latest_values(store)
    rows = table[(table["indicator_id"] == indicator) & (table["source_id"] == source)]
    assert len(rows) == 1
    return rows.iloc[0]


def _last(store, indicator, *, source=None, breakdown="All", role="value"):
    """The stored row of the series' last period for Leeds."""
    v = as_text(store.values)
    source = source or synthetic.DATA_SOURCES[indicator]
    rows = v[(v["indicator_id"] == indicator) & (v["source_id"] == source)]
    rows = rows[(rows["area_code"] == LEEDS) & (rows["breakdown"] == breakdown)]
    return rows[rows["role"] == role].sort_values("period_order").iloc[-1]


def test_latest_official_value_is_the_last_period(synthetic_store):
    row = _latest(synthetic_store, synthetic.TREND, synthetic.DATA_SOURCES[synthetic.TREND])
    last = _last(synthetic_store, synthetic.TREND)
    assert (row["latest"], row["period"]) == (f"{last['value']:.1f}%", last["period"]) == (row["latest"], "2018")


def test_latest_of_a_series_by_sex_gives_both_sexes(synthetic_store):
    row = _latest(synthetic_store, synthetic.POOLED, synthetic.DATA_SOURCES[synthetic.POOLED])
    male, female = (_last(synthetic_store, synthetic.POOLED, breakdown=sex) for sex in ("Male", "Female"))
    assert row["latest"] == f"Male: {male['value']:.1f} years; Female: {female['value']:.1f} years"
    assert row["period"] == male["period"] == "2016 - 18"


def test_latest_report_figure_is_the_value_not_the_baseline(synthetic_store):
    row = _latest(synthetic_store, synthetic.PAIR, REPORT_SOURCE)
    value, baseline = (
        _last(synthetic_store, synthetic.PAIR, source=REPORT_SOURCE, role=role)["value"]
        for role in ("value", "baseline")
    )
    assert value != baseline
    assert row["latest"] == f"{value:.1f}%"
    assert row["period"] == "Not stated (as reported Dec 2019)"


def test_every_indicator_is_listed_and_gaps_say_no_data_yet(synthetic_store):
    table = latest_values(synthetic_store)
    assert set(table["indicator_id"]) == set(synthetic_store.indicators["indicator_id"])
    missing = table[table["data_status"] == "no data yet"]
    catalogue = synthetic_store.indicators
    flagged = set(catalogue.loc[catalogue["data_status"] == "no data yet", "indicator_id"])
    assert set(missing["indicator_id"]) == flagged and {synthetic.PLANNED, synthetic.MILESTONE} <= flagged
    assert set(missing["latest"]) == {"No data yet"}
    status = table[table["indicator_id"] == synthetic.STATUS].iloc[0]
    assert status["latest"].startswith("On track")


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2021/22 Q1", "2021-04-01", "2021-06-30"),
        ("2021/22 Q4", "2022-01-01", "2022-03-31"),
        ("2021/22 Q1 - 2025/26 Q3", "2021-04-01", "2025-12-31"),
    ],
)
def test_financial_quarters_and_quarters_added_up(label, start, end):
    first, last = parse_period(label)
    assert (str(first), str(last)) == (start, end)


def test_quarters_that_end_before_they_start_are_refused():
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_period("2022/23 Q1 - 2021/22 Q4")
