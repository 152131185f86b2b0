"""Figure builders: the finding as title, the right traces, the Plan's goal drawn in at the right value."""

from __future__ import annotations

import math

import pytest

from indicators.charts.figures import (
    before_after_figure,
    breakdown_figure,
    deprivation_figure,
    figure_for,
    sparkline,
    target_figure,
    trend_figure,
)
from indicators.charts.plan import ChartKind, chart_kind, finding
from indicators.store.queries import headline

BRADFORD, SHEFFIELD = "E08000032", "E08000019"


def _title(fig) -> str:
    return fig.layout.title.text.replace("<b>", "").replace("</b>", "").replace("<br>", " ")


@pytest.mark.parametrize(
    ("indicator", "source", "kind"),
    [
        ("smoking_prevalence", "aps_smoking", ChartKind.TREND),
        ("smoking_prevalence", "hwb_report_2019", ChartKind.SINGLE),
        ("reception_obesity", "hwb_report_2019", ChartKind.BEFORE_AFTER),
        ("diabetes_education_sessions", "hwb_report_2019", ChartKind.BEFORE_AFTER),
        ("social_prescribing_referrals", "hwb_report_2019", ChartKind.TARGET),
        ("care_homes_nhsmail_ig", "hwb_report_2019", ChartKind.TARGET),
        ("diabetes_education_reach", "hwb_report_2019", ChartKind.BREAKDOWN),
        ("breathe_easy_groups", "hwb_report_2019", ChartKind.SINGLE),
        ("life_expectancy", "ons_life_expectancy", ChartKind.TREND),
        ("moving_more", "hwb_report_2019", ChartKind.NONE),
    ],
)
def test_chart_kind_suits_the_data(store, indicator, source, kind):
    assert chart_kind(store, indicator, source_id=source) is kind


def test_trend_title_states_the_finding(store):
    fig = trend_figure(store, "smoking_prevalence", source_id="aps_smoking")
    assert (
        "Adult smoking prevalence in Leeds fell from 23.1% in 2011 to 12.8% in 2024, up from 10.4% in 2023 "
        "(England 10.4%)"
    ) in _title(fig)
    assert "Per cent; Leeds; 2011 to 2024" in fig.layout.title.text


def test_trend_draws_leeds_last_england_and_comparators(store):
    fig = trend_figure(store, "smoking_prevalence", source_id="aps_smoking", comparators=[BRADFORD, SHEFFIELD])
    names = [t.name for t in fig.data]
    assert names == ["Bradford", "Sheffield", "England", "Leeds"]
    leeds = fig.data[-1]
    assert list(leeds.x) == [str(y) for y in range(2011, 2025)]
    assert leeds.line.color == "#005EB8" and leeds.marker.symbol == "circle"
    assert fig.data[2].line.dash == "dash" and fig.data[2].marker.symbol == "diamond"


def test_trend_line_breaks_where_a_period_was_left_out(store):
    fig = trend_figure(store, "reception_obesity", source_id="ncmp_reception")
    leeds = next(t for t in fig.data if t.name == "Leeds")
    position = list(leeds.x).index("2020/21")
    assert math.isnan(leeds.y[position])


def test_trend_labels_sit_on_category_positions(store):
    """Annotation x must be a category position, or '2024' stretches the axis to position 2024."""
    fig = trend_figure(store, "smoking_prevalence", source_id="aps_smoking")
    labels = [a for a in fig.layout.annotations if a.text in ("<b>Leeds</b>", "England")]
    assert {a.x for a in labels} == {13}


def test_direction_the_plan_wants_is_drawn(store):
    fig = trend_figure(store, "smoking_prevalence", source_id="aps_smoking")
    assert any(a.text == "The Plan wants this lower ↓" for a in fig.layout.annotations)
    fig = trend_figure(store, "life_expectancy", source_id="ons_life_expectancy")
    assert any(a.text == "The Plan wants this higher ↑" for a in fig.layout.annotations)


def test_life_expectancy_has_a_line_per_sex_for_each_area(store):
    fig = trend_figure(store, "life_expectancy", source_id="ons_life_expectancy")
    assert sorted(t.name for t in fig.data) == [
        "England (female)",
        "England (male)",
        "Leeds (female)",
        "Leeds (male)",
    ]
    only_female = trend_figure(store, "life_expectancy", source_id="ons_life_expectancy", breakdowns=["Female"])
    assert sorted(t.name for t in only_female.data) == ["England", "Leeds"]


def test_target_is_drawn_at_its_value(store):
    fig = target_figure(store, "social_prescribing_referrals")
    target = next(t for t in fig.data if t.name.startswith("Target"))
    assert list(target.x) == [5000]
    assert "on track to meet the target of 5,000 referrals (2019/20), as reported" in _title(fig)
    assert any("no figure given" in a.text for a in fig.layout.annotations)
    milestone = target_figure(store, "care_homes_nhsmail_ig")
    assert list(next(t for t in milestone.data if t.name.startswith("Target")).x) == [70]


def test_before_after_shows_both_groups(store):
    fig = before_after_figure(store, "reception_obesity", source_id="hwb_report_2019")
    values = {t.name: list(t.y) for t in fig.data}
    assert values == {"All of Leeds": [9.4, 8.8], "Most deprived areas of Leeds": [11.5, 10.5]}
    assert "from 11.5% to 10.5% in the most deprived areas of Leeds, as reported" in _title(fig)


def test_breakdown_bars_are_labelled(store):
    fig = breakdown_figure(store, "diabetes_education_reach", source_id="hwb_report_2019")
    bars = fig.data[0]
    assert dict(zip(bars.y, bars.x, strict=True)) == {
        "People from BAME groups": 51,
        "Men over 40": 52,
        "People from deprived areas": 62,
    }
    assert list(bars.text) == ["51%", "52%", "62%"]


def test_deprivation_figure_orders_quintiles_most_deprived_first(store):
    fig = deprivation_figure(store, "reception_obesity")
    assert list(fig.data[0].y) == [12.8, 11.0, 9.3, 8.0, 6.7]
    assert "12.8% in the most deprived fifth of areas against 6.7% in the least deprived" in _title(fig)
    assert deprivation_figure(store, "smoking_prevalence") is None


def test_every_chart_names_its_source(store):
    for indicator, source in [("smoking_prevalence", "aps_smoking"), ("reception_obesity", "hwb_report_2019")]:
        fig = figure_for(store, indicator, source_id=source)
        assert any(a.text.startswith("Source: ") for a in fig.layout.annotations)


def test_single_figures_and_missing_data_have_no_chart(store):
    assert figure_for(store, "ndpp_referrals", source_id="hwb_report_2019") is None
    assert figure_for(store, "moving_more", source_id="hwb_report_2019") is None
    assert finding(store, "moving_more", source_id="hwb_report_2019").endswith("no published figure yet")


def test_sparkline_marks_the_last_point(store):
    series = headline(store, "smoking_prevalence", source_id="aps_smoking")
    fig = sparkline(series)
    assert list(fig.data[1].y) == [12.8]
    assert fig.layout.xaxis.visible is False


def test_screen_copy_sets_texts_apart_and_keeps_the_original(store):
    from indicators.charts.figures import for_screen

    fig = trend_figure(store, "smoking_prevalence", source_id="aps_smoking")
    screen, finding_text, subtitle, source = for_screen(fig)
    assert finding_text.startswith("Adult smoking prevalence in Leeds fell")
    assert subtitle == "Per cent; Leeds; 2011 to 2024 · The Plan wants this lower ↓"
    assert source.startswith("Source: Smoking prevalence in adults")
    assert screen.layout.title.text is None
    assert not [a for a in screen.layout.annotations if a.name in ("source", "wants", "end-label")]
    # The original, used for downloads and slides, still carries everything.
    assert "Adult smoking prevalence" in fig.layout.title.text
    assert {a.name for a in fig.layout.annotations} >= {"source", "wants", "end-label"}


def test_a_period_kept_only_for_england_is_marked(store):
    fig = trend_figure(store, "reception_obesity", source_id="ncmp_reception")
    notes = [a for a in fig.layout.annotations if a.name == "left-out"]
    assert [n.text for n in notes] == ["2020/21: England only<br>(see note)"]
    assert notes[0].x == 6  # the position of 2020/21 among the school years shown
    smoking = trend_figure(store, "smoking_prevalence", source_id="aps_smoking")
    assert not [a for a in smoking.layout.annotations if a.name == "left-out"]
