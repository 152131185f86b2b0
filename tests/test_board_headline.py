"""The Overview's opening sentences: worse than England first, then getting worse, then improving."""

from __future__ import annotations

import pytest

from indicators.analysis.board_headline import headline_sentences, judgements_table, official_judgements


@pytest.mark.data_audit
def test_headline_leads_with_what_is_worse_then_worsening_then_improving(store):
    sentences = headline_sentences(store)
    assert [kind for kind, _ in sentences][:3] == ["worse", "worsening", "improving"]
    worse, worsening, improving = (text for _, text in sentences[:3])
    assert worse.startswith("Worse than England (Fingertips' judgement): life expectancy at birth")
    assert "men in Leeds 78.8 years against 79.5 (2022-24)" in worse
    assert "obesity in Year 6 children in Leeds rose from 19.3% to 22.8% (2014/15 to 2024/25)" in worsening
    assert "adult smoking prevalence in Leeds fell from 23.1% to 12.8% (2011 to 2024)" in improving


@pytest.mark.data_audit
def test_report_figures_never_enter_the_judgements(store):
    """Only official series are judged: the 2019 report's pairs (diabetes sessions 33 to 125) are not."""
    ids = {s.indicator_id for s in official_judgements(store)}
    assert "diabetes_education_sessions" not in ids
    assert {"smoking_prevalence", "year6_obesity", "life_expectancy"} <= ids
    assert "33" not in " ".join(text for _, text in headline_sentences(store))


@pytest.mark.data_audit
def test_every_official_series_has_three_judgements_with_periods(store):
    table = judgements_table(store)
    assert not table.empty
    assert table["Compared with England"].isin(["Better", "Similar", "Worse", "Higher", "Lower", "Not compared"]).all()
    tested = table["Long-term trend"] != "not tested"
    assert (table.loc[tested, "Long-term periods"] != "").all()
    # Only the cumulative quarters are not tested over the long term, and the table says why.
    assert table.loc[~tested, "Indicator"].str.contains("cumulative").all()
    pooled = table[table["Indicator"].str.contains("life expectancy", case=False)]
    assert (pooled["Recent trend"] == "not tested").all()


@pytest.mark.data_audit
def test_a_significant_change_with_no_direction_set_is_said_as_a_change_not_as_steady(store):
    """Recorded depression rises significantly; the Plan sets no direction, so it is 'changing', never 'no trend'."""
    sentences = dict(headline_sentences(store))
    assert "depression" in sentences["changing"].lower()
    assert "depression" not in sentences["steady"].lower()
    assert list(sentences).index("changing") > list(sentences).index("improving")
