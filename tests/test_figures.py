"""Figure builders: the finding kept with the figure, the right traces, the Plan's goal drawn in at the right value."""

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
from indicators.charts.framing import Medium, chart_texts, frame, on_screen
from indicators.charts.plan import ChartKind, chart_kind, finding
from indicators.charts.selection import ChartSelection
from indicators.core.codes import ENGLAND, LEEDS
from indicators.store.queries import headline
from indicators.store.schemas import as_text
from tests import synthetic
from tests.synthetic import GAP, LEFT_OUT, MILESTONE, PAIR, PLANNED, POOLED, SINGLE, SPLIT, STATUS, TREND

BRADFORD, MANCHESTER = synthetic.BRADFORD, synthetic.MANCHESTER
SMOKING, OBESITY, LIFE = (synthetic.DATA_SOURCES[i] for i in (TREND, PAIR, POOLED))
REPORT = "hwb_report_2019"


def _series(store, indicator: str, source: str, area: str = LEEDS):
    v = as_text(store.values)
    rows = v[(v["indicator_id"] == indicator) & (v["source_id"] == source) & (v["area_code"] == area)]
    return rows[rows["breakdown"] == "All"].sort_values("period_order")


def _title(fig) -> str:
    return chart_texts(fig).finding


@pytest.mark.parametrize(
    ("indicator", "source", "kind"),
    [
        (TREND, SMOKING, ChartKind.TREND),
        (TREND, REPORT, ChartKind.SINGLE),
        (PAIR, REPORT, ChartKind.BEFORE_AFTER),
        (STATUS, REPORT, ChartKind.TARGET),
        (MILESTONE, REPORT, ChartKind.TARGET),
        (SPLIT, REPORT, ChartKind.BREAKDOWN),
        (SINGLE, REPORT, ChartKind.SINGLE),
        (POOLED, LIFE, ChartKind.TREND),
        (GAP, synthetic.DATA_SOURCES[GAP], ChartKind.TREND),
        (PLANNED, REPORT, ChartKind.NONE),
    ],
)
def test_chart_kind_suits_the_data(synthetic_store, indicator, source, kind):
    assert chart_kind(synthetic_store, indicator, source_id=source) is kind


@pytest.mark.data_audit
def test_trend_title_states_the_finding(store):
    fig = trend_figure(store, ChartSelection("smoking_prevalence", "aps_smoking"))
    # England's figure carries its own period, and no one-year step is claimed (it is within noise).
    assert (
        "Adult smoking prevalence in Leeds fell from 23.1% in 2011 to 12.8% in 2024 (England 10.4% in 2024)"
    ) in _title(fig)
    assert "up from" not in _title(fig)
    assert (
        "Per cent; Leeds; 2011 to 2024; latest period 2024; data extract of 30 April 2026" in chart_texts(fig).subtitle
    )


def test_trend_draws_leeds_last_england_and_comparators(synthetic_store):
    fig = trend_figure(synthetic_store, ChartSelection(TREND, SMOKING, comparators=[BRADFORD, MANCHESTER]))
    names = [t.name for t in fig.data]
    assert names == ["Bradford", "Manchester", "England", "Leeds"]
    leeds = fig.data[-1]
    assert list(leeds.x) == list(_series(synthetic_store, TREND, SMOKING)["period"])
    assert leeds.line.color == "#005EB8" and leeds.marker.symbol == "circle"
    assert fig.data[2].line.dash == "dash" and fig.data[2].marker.symbol == "diamond"


def test_trend_line_breaks_where_a_period_was_left_out(synthetic_store):
    fig = trend_figure(synthetic_store, ChartSelection(PAIR, OBESITY))
    leeds = next(t for t in fig.data if t.name == "Leeds")
    position = list(leeds.x).index(LEFT_OUT)
    assert math.isnan(leeds.y[position])
    assert not math.isnan(leeds.y[position - 1]) and not math.isnan(leeds.y[position + 1])


def test_trend_labels_sit_on_category_positions(synthetic_store):
    """Annotation x must be a category position, or '2018' stretches the axis to position 2018."""
    fig = trend_figure(synthetic_store, ChartSelection(TREND, SMOKING))
    labels = [a for a in fig.layout.annotations if a.text in ("<b>Leeds</b>", "England")]
    assert {a.x for a in labels} == {len(_series(synthetic_store, TREND, SMOKING)) - 1}


def test_direction_the_plan_wants_is_said(synthetic_store):
    fig = trend_figure(synthetic_store, ChartSelection(TREND, SMOKING))
    assert chart_texts(fig).wants == "The Plan wants this lower ↓"
    fig = trend_figure(synthetic_store, ChartSelection(POOLED, LIFE))
    assert chart_texts(fig).wants == "The Plan wants this higher ↑"
    assert chart_texts(frame(fig, medium=Medium.SCREEN)).full_subtitle.endswith(" · The Plan wants this higher ↑")


def test_life_expectancy_has_a_line_per_sex_for_each_area(synthetic_store):
    fig = trend_figure(synthetic_store, ChartSelection(POOLED, LIFE))
    assert sorted(t.name for t in fig.data) == [
        "England (female)",
        "England (male)",
        "Leeds (female)",
        "Leeds (male)",
    ]
    only_female = trend_figure(synthetic_store, ChartSelection(POOLED, LIFE, breakdowns=["Female"]))
    assert sorted(t.name for t in only_female.data) == ["England", "Leeds"]


def test_target_is_drawn_at_its_value(synthetic_store):
    fig = target_figure(synthetic_store, STATUS)
    target = next(t for t in fig.data if t.name.startswith("Target"))
    assert list(target.x) == [4321]
    assert "on track to meet the target of 4,321 referrals (2019/20), as reported" in _title(fig)
    assert any("no figure given" in a.text for a in fig.layout.annotations)
    milestone = target_figure(synthetic_store, MILESTONE)
    assert list(next(t for t in milestone.data if t.name.startswith("Target")).x) == [70]


def test_before_after_shows_both_groups(synthetic_store):
    fig = before_after_figure(synthetic_store, PAIR, source_id=REPORT)
    values = {t.name: list(t.y) for t in fig.data}
    assert values == {"All of Leeds": [9.8, 9.1], "Most deprived areas of Leeds": [12.4, 10.6]}
    assert "from 12.4% to 10.6% in the most deprived areas of Leeds, as reported" in _title(fig)


def test_breakdown_bars_are_labelled(synthetic_store):
    fig = breakdown_figure(synthetic_store, SPLIT, source_id=REPORT)
    bars = fig.data[0]
    assert dict(zip(bars.y, bars.x, strict=True)) == synthetic.GROUPS
    assert sorted(bars.text) == sorted(f"{v:.0f}%" for v in synthetic.GROUPS.values())


def test_deprivation_figure_orders_quintiles_most_deprived_first(synthetic_store):
    fig = deprivation_figure(synthetic_store, PAIR)
    most, *_, least = synthetic.QUINTILE_VALUES
    assert list(fig.data[0].y) == list(synthetic.QUINTILE_VALUES)
    assert f"{most}% in the most deprived fifth of areas against {least}% in the least deprived" in _title(fig)
    assert deprivation_figure(synthetic_store, TREND) is None


def test_every_chart_names_its_source(synthetic_store):
    for indicator, source in [(TREND, SMOKING), (PAIR, REPORT), (SPLIT, REPORT), (STATUS, REPORT)]:
        fig = figure_for(synthetic_store, ChartSelection(indicator, source))
        assert chart_texts(fig).source.startswith("Source: "), indicator
        image = frame(fig, medium=Medium.IMAGE)
        assert any(a.text.startswith("Source: ") for a in image.layout.annotations), indicator


def test_single_figures_and_missing_data_have_no_chart(synthetic_store):
    assert figure_for(synthetic_store, ChartSelection(SINGLE, REPORT)) is None
    assert figure_for(synthetic_store, ChartSelection(PLANNED, REPORT)) is None
    assert finding(synthetic_store, PLANNED, source_id=REPORT).endswith("no published figure yet")


def test_sparkline_marks_the_last_point(synthetic_store):
    series = headline(synthetic_store, TREND, source_id=SMOKING)
    fig = sparkline(series)
    assert list(fig.data[1].y) == [_series(synthetic_store, TREND, SMOKING).iloc[-1]["value"]]
    assert fig.layout.xaxis.visible is False


def test_screen_copy_sets_texts_apart_and_keeps_the_original(synthetic_store):
    fig = trend_figure(synthetic_store, ChartSelection(TREND, SMOKING))
    screen, finding_text, subtitle, source = on_screen(fig)
    periods = _series(synthetic_store, TREND, SMOKING)["period"]
    assert finding_text.startswith("Test adult smoking in Leeds fell")
    # Measure, area and span; then the latest period, the source's date, and Leeds against England.
    assert subtitle.startswith(
        f"Per cent; Leeds; {periods.iloc[0]} to {periods.iloc[-1]}; latest period {periods.iloc[-1]}; "
    )
    assert subtitle.endswith(" · The Plan wants this lower ↓")
    assert source.startswith("Source: Test series standing in for aps_smoking")
    assert screen.layout.title.text is None
    assert not [a for a in screen.layout.annotations if a.name == "end-label"]
    # The builder's figure draws no texts, keeps them beside it, and is not changed by framing.
    assert fig.layout.title.text is None and not [a for a in fig.layout.annotations if a.name in ("source", "wants")]
    assert chart_texts(fig).finding == finding_text and chart_texts(fig).source == source
    assert {a.name for a in fig.layout.annotations} >= {"end-label"}


def test_a_period_kept_only_for_england_is_marked(synthetic_store):
    fig = trend_figure(synthetic_store, ChartSelection(PAIR, OBESITY))
    notes = [a for a in fig.layout.annotations if a.name == "left-out"]
    assert [n.text for n in notes] == [f"{LEFT_OUT}: England only<br>(see note)"]
    assert notes[0].x == list(_series(synthetic_store, PAIR, OBESITY, ENGLAND)["period"]).index(LEFT_OUT)
    smoking = trend_figure(synthetic_store, ChartSelection(TREND, SMOKING))
    assert not [a for a in smoking.layout.annotations if a.name == "left-out"]


@pytest.mark.data_audit
def test_every_chart_has_a_sentence_with_its_finding_and_values(store):
    from indicators.charts.alt_text import describe

    fig, finding, _, _ = on_screen(figure_for(store, ChartSelection("smoking_prevalence", "aps_smoking")))
    text = describe(fig, finding=finding)
    assert text.startswith("Chart: Adult smoking prevalence in Leeds fell from 23.1% in 2011")
    assert "Leeds from 23.1 (2011) to 12.8 (2024)" in text and "England from 19.8 (2011) to 10.4 (2024)" in text
    target, finding, _, _ = on_screen(
        figure_for(store, ChartSelection("social_prescribing_referrals", "hwb_report_2019"))
    )
    assert "Reported 0" not in describe(target, finding=finding)  # a placeholder bar is not a value
