"""Compared with England: Fingertips' judgement where published, the interval rule otherwise, else not compared."""

from __future__ import annotations

import pytest

from indicators.analysis.versus_england import (
    FINGERTIPS_METHOD,
    Versus,
    by_polarity,
    compare_value,
    from_published,
    latest_versus_england,
    versus_phrase,
)
from indicators.stats.methods import Comparison


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Better", Versus.BETTER),
        ("Similar", Versus.SIMILAR),
        ("Worse", Versus.WORSE),
        ("Higher 99.8", Versus.HIGHER),
        ("Lower", Versus.LOWER),
        ("Not compared", Versus.NOT_COMPARED),
        (None, None),
        (float("nan"), None),
        ("", None),
    ],
)
def test_published_wording(text, expected):
    assert from_published(text) is expected


def test_unknown_published_wording_is_an_error_naming_it():
    with pytest.raises(ValueError, match="'Much better'"):
        from_published("Much better")


@pytest.mark.parametrize(
    ("outcome", "polarity", "expected"),
    [
        (Comparison.HIGHER, "higher_is_better", Versus.BETTER),
        (Comparison.LOWER, "higher_is_better", Versus.WORSE),
        (Comparison.HIGHER, "lower_is_better", Versus.WORSE),
        (Comparison.LOWER, "lower_is_better", Versus.BETTER),
        (Comparison.HIGHER, "no_judgement", Versus.HIGHER),
        (Comparison.LOWER, "no_judgement", Versus.LOWER),
        (Comparison.SIMILAR, "lower_is_better", Versus.SIMILAR),
        (Comparison.NOT_COMPARED, "lower_is_better", Versus.NOT_COMPARED),
    ],
)
def test_polarity(outcome, polarity, expected):
    assert by_polarity(outcome, polarity) is expected


@pytest.mark.parametrize(
    ("kwargs", "versus", "method_starts"),
    [
        # Published judgement wins, named as Fingertips'.
        ({"published": "Worse", "lower": 10, "upper": 12}, Versus.WORSE, FINGERTIPS_METHOD),
        # Interval above England's value, lower is better: worse, by the interval rule.
        ({"lower": 10.5, "upper": 12.0}, Versus.WORSE, "Leeds' 95% confidence interval"),
        # Interval containing England's value: similar.
        ({"lower": 9.0, "upper": 10.5}, Versus.SIMILAR, "Leeds' 95% confidence interval"),
        # England's value exactly on a limit counts as similar.
        ({"lower": 10.0, "upper": 11.0}, Versus.SIMILAR, "Leeds' 95% confidence interval"),
        # Counts only: a Wilson interval is computed (120/1000 = 12%, interval 10.1% to 14.2%).
        ({"numerator": 120, "denominator": 1000}, Versus.WORSE, "Leeds' 95% Wilson score interval"),
        ({"numerator": 105, "denominator": 1000}, Versus.SIMILAR, "Leeds' 95% Wilson score interval"),
        # "Not compared" published and nothing else: not compared, said as Fingertips'.
        ({"published": "Not compared"}, Versus.NOT_COMPARED, "Not compared (Fingertips' judgement)"),
        # Nothing at all: not compared, and why.
        ({}, Versus.NOT_COMPARED, "Not compared: no published judgement"),
    ],
)
def test_compare_value(kwargs, versus, method_starts):
    result = compare_value(value=11.0, england_value=10.0, polarity="lower_is_better", **kwargs)
    assert result.versus is versus
    assert result.method.startswith(method_starts)


def test_99_8_percent_is_available_from_counts_but_not_from_a_95_percent_interval():
    counts = compare_value(
        value=12.0, england_value=10.0, polarity="lower_is_better", numerator=120, denominator=1000, confidence=0.998
    )
    assert counts.versus is Versus.SIMILAR  # 99.8% Wilson interval 9.4% to 15.2% contains 10%
    assert "99.8%" in counts.method
    interval = compare_value(
        value=12.0, england_value=10.0, polarity="lower_is_better", lower=11.0, upper=13.0, confidence=0.998
    )
    assert interval.versus is Versus.NOT_COMPARED
    assert "only a 95% interval is held" in interval.method


def test_no_england_value_is_not_compared():
    result = compare_value(value=11.0, england_value=None, polarity="lower_is_better", lower=10.5, upper=12.0)
    assert result.versus is Versus.NOT_COMPARED


@pytest.mark.data_audit
@pytest.mark.parametrize(
    ("indicator_id", "group", "versus", "england"),
    [
        ("life_expectancy", "Male", Versus.WORSE, 79.5),
        ("life_expectancy", "Female", Versus.WORSE, 83.3),
        ("smoking_prevalence", "All", Versus.SIMILAR, 10.4),
        ("year6_obesity", "All", Versus.SIMILAR, 22.2),
        ("sii_life_expectancy", "Male", Versus.NOT_COMPARED, 10.4),
    ],
)
def test_shipped_latest_comparisons(store, indicator_id, group, versus, england):
    result = latest_versus_england(store, indicator_id)[group]
    assert (result.versus, result.england_value) == (versus, england)


@pytest.mark.data_audit
def test_phrase_for_a_chart_subtitle(store):
    phrase = versus_phrase(latest_versus_england(store, "life_expectancy"))
    assert phrase == "worse than England (Fingertips' judgement), 2022 - 24"
