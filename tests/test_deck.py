"""The presenter's deck: reading it from a link, numbering slides, stating findings and data dates."""

from __future__ import annotations

import pytest

from indicators.charts.plan import ChartKind, chart_plan
from indicators.present.deck import (
    DeckItem,
    DeckLinkError,
    build_deck,
    data_date,
    default_source,
    format_deck,
    headline_items,
    parse_deck,
)
from indicators.present.tables import overview_tiles


def test_default_deck_is_the_overview_headline_set(synthetic_store):
    tiles = overview_tiles(synthetic_store)
    expected = tiles.loc[tiles["data_status"] != "no data yet", "indicator_id"].tolist()
    assert [item.indicator_id for item in headline_items(synthetic_store)] == expected
    assert "moving_more" not in expected  # no data yet: not a headline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("smoking_prevalence", [("smoking_prevalence", "aps_smoking")]),
        (
            "sii_life_expectancy,smoking_prevalence",
            [("sii_life_expectancy", "ohid_sii_life_expectancy"), ("smoking_prevalence", "aps_smoking")],
        ),
        ("reception_obesity:hwb_report_2019", [("reception_obesity", "hwb_report_2019")]),
        (" life_expectancy , ,", [("life_expectancy", "ons_life_expectancy")]),
        ("", []),
    ],
)
def test_parse_deck_reads_order_and_sources(synthetic_store, text, expected):
    assert [(i.indicator_id, i.source_id) for i in parse_deck(synthetic_store, text)] == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("smoking_prevalence,made_up", "indicator 'made_up', which is not in the catalogue"),
        ("smoking_prevalence:ncmp_reception", "has no figures from source 'ncmp_reception'"),
    ],
)
def test_parse_deck_names_what_is_unknown(synthetic_store, text, message):
    with pytest.raises(DeckLinkError, match=message):
        parse_deck(synthetic_store, text)


@pytest.mark.parametrize(
    "items",
    [
        [DeckItem("smoking_prevalence", "aps_smoking"), DeckItem("reception_obesity", "hwb_report_2019")],
        [DeckItem("moving_more", "hwb_report_2019")],
    ],
)
def test_format_deck_round_trips_through_a_link(synthetic_store, items):
    text = format_deck(synthetic_store, items)
    assert parse_deck(synthetic_store, text) == items
    assert ":" not in text.split(",")[0]  # the default source is left out of the link


def test_slides_are_numbered_and_carry_the_findings(synthetic_store):
    items = [
        DeckItem(i, default_source(synthetic_store, i)) for i in ("life_expectancy", "ace_referrals", "moving_more")
    ]
    deck = build_deck(synthetic_store, items)
    assert [s.counter for s in deck.slides] == ["Slide 1 of 3", "Slide 2 of 3", "Slide 3 of 3"]
    for slide, item in zip(deck.slides, items, strict=True):
        if slide.has_data:
            assert slide.finding == chart_plan(synthetic_store, item.indicator_id, source_id=item.source_id).finding
        assert slide.source.startswith("Source: ")
        assert slide.live_path == f"indicator?id={item.indicator_id}&source={item.source_id}"
    assert deck.slide(0).number == 1 and deck.slide(99).number == 3  # held within the deck


@pytest.mark.parametrize(
    ("indicator_id", "kind", "has_chart", "value_text"),
    [
        ("smoking_prevalence", ChartKind.TREND, True, "17.3%"),
        ("ace_referrals", ChartKind.SINGLE, False, "1,234 referrals (milestone reached)"),
        ("moving_more", ChartKind.NONE, False, "No data yet"),
    ],
)
def test_slide_kind_chart_and_value(synthetic_store, indicator_id, kind, has_chart, value_text):
    slide = build_deck(synthetic_store, [DeckItem(indicator_id, default_source(synthetic_store, indicator_id))]).slides[
        0
    ]
    assert (slide.kind, slide.has_chart, slide.value_text) == (kind, has_chart, value_text)


def test_a_slide_without_data_says_so_and_invents_nothing(synthetic_store):
    slide = build_deck(synthetic_store, [DeckItem("moving_more", "hwb_report_2019")]).slides[0]
    assert not slide.has_data
    assert slide.finding.endswith("no data yet")
    assert not any(ch.isdigit() for ch in slide.finding)


@pytest.mark.parametrize(
    ("indicator_id", "source_id", "expected"),
    [
        ("smoking_prevalence", "aps_smoking", "Latest period 2018; from a Fingertips extract"),
        ("social_prescribing_referrals", "hwb_report_2019", "Latest period 2019/20; source published 2019-12-11"),
        ("moving_more", "hwb_report_2019", "No figure yet; source published 2019-12-11"),
    ],
)
def test_data_date_gives_latest_period_and_publication(synthetic_store, indicator_id, source_id, expected):
    assert data_date(synthetic_store, indicator_id, source_id=source_id) == expected
