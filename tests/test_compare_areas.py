"""Comparing areas: end labels that never overprint, England's groups apart, and the compare-areas bars."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from indicators.charts.compare_areas import TREND_AREAS, compare_figure, compare_table
from indicators.charts.figures import LABEL_GAP_PX, TREND_HEIGHT, trend_figure
from indicators.charts.labels import spread_labels
from indicators.charts.marks import mark_for
from indicators.charts.selection import ChartSelection
from indicators.core.codes import ENGLAND, LEEDS
from indicators.store.queries import comparator_sets


@pytest.mark.parametrize(
    ("wanted", "gap", "low", "high", "expected"),
    [
        # Far enough apart already: nothing moves.
        ([1.0, 5.0, 9.0], 2.0, -100, 100, [1.0, 5.0, 9.0]),
        # Two on top of each other: pushed apart evenly about where they were.
        ([5.0, 5.0], 2.0, -100, 100, [4.0, 6.0]),
        # Three close together: one block, centred on their mean (5), one gap apart.
        ([4.5, 5.0, 5.5], 1.0, -100, 100, [4.0, 5.0, 6.0]),
        # Order is kept whatever order they come in.
        ([9.0, 1.0, 1.5], 1.0, -100, 100, [9.0, 0.75, 1.75]),
        # A block pushed below the floor moves up to fit.
        ([0.0, 0.1], 1.0, 0.0, 100, [0.0, 1.0]),
        # A block pushed above the ceiling moves down to fit.
        ([10.0, 10.0], 1.0, 0.0, 10.0, [9.0, 10.0]),
        # Blocks that touch after spreading merge and centre again.
        ([1.0, 1.0, 2.5, 2.5], 1.0, -100, 100, [0.25, 1.25, 2.25, 3.25]),
        # No labels, or one: nothing to do.
        ([], 1.0, 0, 1, []),
        ([3.0], 1.0, 0, 10, [3.0]),
    ],
)
def test_spread_labels(wanted, gap, low, high, expected) -> None:
    placed = spread_labels(wanted, gap=gap, low=low, high=high)
    assert placed == pytest.approx(expected)
    ordered = sorted(placed)
    assert all(b - a >= gap - 1e-9 for a, b in itertools.pairwise(ordered))


def test_spread_labels_rejects_a_negative_gap() -> None:
    with pytest.raises(ValueError, match="gap"):
        spread_labels([1.0], gap=-1)


def _end_label_pixels(fig) -> list[tuple[str, float]]:
    """Each end label's text and its centre's height in pixels above the foot of the plot."""
    low, high = fig.layout.yaxis.range
    scale = TREND_HEIGHT / (high - low)
    return [(a.text, (a.y - low) * scale + (a.yshift or 0)) for a in fig.layout.annotations if a.name == "end-label"]


@pytest.mark.data_audit
@pytest.mark.parametrize(
    ("indicator_id", "source_id", "comparators"),
    [
        # Men and women, Leeds and England: four labels, the two sexes' close together.
        ("life_expectancy", "ons_life_expectancy", ()),
        ("healthy_life_expectancy", "ons_healthy_life_expectancy", ()),
        # Leeds 12.8% and England 10.4% in 2024; with comparators drawn too.
        ("smoking_prevalence", "aps_smoking", ("E08000032", "E08000036")),
        ("sii_life_expectancy", "ohid_sii_life_expectancy", ()),
        ("year6_obesity", "ncmp_year6", ()),
    ],
)
def test_end_labels_never_overprint(store, indicator_id, source_id, comparators) -> None:
    """Given a drawn trend, every two end labels are at least a line of text apart, and inside the plot."""
    fig = trend_figure(store, ChartSelection(indicator_id, source_id, comparators=comparators))
    labels = _end_label_pixels(fig)
    assert len(labels) >= 2
    heights = sorted(h for _, h in labels)
    assert all(b - a >= LABEL_GAP_PX - 1e-6 for a, b in itertools.pairwise(heights)), labels
    assert all(0 <= h <= TREND_HEIGHT for h in heights)


@pytest.mark.data_audit
def test_england_men_and_women_are_distinct_series(store) -> None:
    fig = trend_figure(store, ChartSelection("life_expectancy", "ons_life_expectancy"))
    england = [t for t in fig.data if t.name.startswith("England")]
    assert len(england) == 2
    styles = {(t.line.color, t.line.dash, t.marker.symbol) for t in england}
    assert len(styles) == 2
    assert len({t.line.dash for t in england}) == 2 and len({t.marker.symbol for t in england}) == 2


@pytest.mark.data_audit
def test_compare_bars_sorted_coloured_by_published_comparison(store) -> None:
    sets = comparator_sets(store)
    chosen = tuple(sets["core_cities"])
    fig, alt = compare_figure(store, ChartSelection("smoking_prevalence", "aps_smoking", comparators=chosen))
    bars = fig.data[0]
    values = list(bars.x)
    assert values == sorted(values)  # drawn bottom to top: the highest at the top
    assert len(values) == len(chosen) + 1  # every chosen area and Leeds
    rows = store.values
    latest = rows[
        (rows["indicator_id"] == "smoking_prevalence") & (rows["period"] == "2024") & (rows["role"] == "value")
    ]
    published = dict(zip(latest["area_code"].astype(str), latest["compared_to_england"].astype(str), strict=True))
    table = compare_table(store, ChartSelection("smoking_prevalence", "aps_smoking", comparators=chosen))
    leeds_word = table.loc[table["Area"] == "Leeds", "Compared with England (Fingertips)"].iloc[0]
    assert leeds_word == mark_for(published[LEEDS]).words
    # Every bar's colour and label follow the published judgement, with its word and shape.
    for colour, text in zip(bars.marker.color, bars.text, strict=True):
        word = text.split(" ", 2)[2]
        assert colour == mark_for(word).colour
        assert mark_for(word).glyph in text
    # England is a line, not a bar, at its own published value.
    england = float(latest.loc[latest["area_code"] == ENGLAND, "value"].iloc[0])
    assert any(s.x0 == england for s in fig.layout.shapes)
    assert "Leeds 12.8% (similar to England)" in alt and alt.endswith("England 10.4%.")


@pytest.mark.data_audit
def test_compare_bars_draw_intervals_where_known(store) -> None:
    values = store.values.copy()
    leeds_2024 = (
        (values["indicator_id"] == "smoking_prevalence") & (values["area_code"] == LEEDS) & (values["period"] == "2024")
    )
    values.loc[leeds_2024, "lower_95"] = 10.9
    values.loc[leeds_2024, "upper_95"] = 14.7
    with_ci = dataclasses.replace(store, values=values)
    fig, _ = compare_figure(with_ci, ChartSelection("smoking_prevalence", "aps_smoking", comparators=("E08000032",)))
    error = fig.data[0].error_x
    assert error.array is not None and "95% intervals shown" in fig.layout.meta["subtitle"]
    fig, _ = compare_figure(store, ChartSelection("smoking_prevalence", "aps_smoking", comparators=("E08000032",)))
    assert fig.data[0].error_x.array is None and "no intervals" in fig.layout.meta["subtitle"]


@pytest.mark.data_audit
def test_compare_bars_one_panel_per_sex(store) -> None:
    chosen = tuple(comparator_sets(store)["west_yorkshire"])
    fig, alt = compare_figure(store, ChartSelection("life_expectancy", "ons_life_expectancy", comparators=chosen))
    assert len(fig.data) == 2
    assert "for females" in fig.layout.meta["finding"] and "for males" in fig.layout.meta["finding"]
    assert "females:" in alt and "males:" in alt


@pytest.mark.data_audit
def test_nothing_to_compare_gives_none(store) -> None:
    assert (
        compare_figure(store, ChartSelection("smoking_prevalence", "hwb_report_2019", comparators=("E08000032",)))
        is None
    )


def test_indicator_page_draws_the_bars_and_keeps_three_areas_in_the_trend() -> None:
    from tests.test_app import _page

    at = _page("app_pages/indicator.py", id="smoking_prevalence", compare="core_cities")
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "In words: Adult smoking prevalence, 2024, areas from highest to lowest" in captions
    assert f"the first {TREND_AREAS} areas chosen" in captions
    headings = [m.value for m in at.markdown if m.value.startswith("#")]
    assert any("areas compared" in h for h in headings)
