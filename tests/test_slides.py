"""Slides for the wall: large type in every chart, a note for every "(see note)", and the words behind a slide."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from indicators.analysis.elsewhere import published_elsewhere
from indicators.charts.figures import figure_for
from indicators.charts.framing import SLIDE_TEXT_PX, Medium, frame
from indicators.charts.selection import ChartSelection
from indicators.present.deck import DeckItem, build_deck, default_source, headline_items
from indicators.present.slides import left_out_notes, no_data_text, smallest_text, speaker_notes


@pytest.fixture(scope="module")
def deck(store):
    return build_deck(store, [DeckItem(i, default_source(store, i)) for i in store.indicators["indicator_id"]])


@pytest.mark.data_audit
def test_every_chart_on_a_slide_has_text_of_at_least_wall_size(store, deck):
    charted = [s for s in deck.slides if s.has_chart]
    assert charted
    for slide in charted:
        fig = figure_for(store, ChartSelection(slide.indicator_id, slide.source_id))
        assert smallest_text(fig) < SLIDE_TEXT_PX  # as drawn for a page
        wall = frame(fig, medium=Medium.SLIDE)
        assert smallest_text(wall) >= SLIDE_TEXT_PX, slide.indicator_id
        assert wall.layout.title.text is None
        assert not [a for a in wall.layout.annotations if a.name in ("source", "wants", "end-label")]


def test_smallest_text_finds_a_small_annotation():
    fig = go.Figure(go.Scatter(x=[1], y=[1]))
    fig.update_layout(font={"size": 30})
    fig.add_annotation(text="tiny", x=1, y=1, font={"size": 9})
    assert smallest_text(fig) == 9
    assert smallest_text(frame(fig, medium=Medium.SLIDE)) == SLIDE_TEXT_PX


@pytest.mark.data_audit
def test_every_see_note_has_its_note(store, deck):
    marked = 0
    for slide in (s for s in deck.slides if s.has_chart):
        fig = figure_for(store, ChartSelection(slide.indicator_id, slide.source_id))
        marks = [a for a in fig.layout.annotations if "(see note)" in (a.text or "")]
        notes = left_out_notes(store, fig, source_id=slide.source_id)
        assert len(notes) == len({a.text.split(":")[0] for a in marks}), slide.indicator_id
        marked += len(marks)
    assert marked  # the reception and Year 6 series mark 2020/21


@pytest.mark.data_audit
def test_left_out_note_names_the_period_and_the_reason(store):
    fig = figure_for(store, ChartSelection("reception_obesity", "ncmp_reception"))
    (note,) = left_out_notes(store, fig, source_id="ncmp_reception")
    assert note.startswith("Note: 2020/21 is shown for England only.")
    assert "reduced sample during COVID-19" in note
    assert left_out_notes(store, None, source_id="ncmp_reception") == []


@pytest.mark.data_audit
def test_no_data_slides_say_so_and_name_what_is_published_elsewhere(store, deck):
    empty = [s for s in deck.slides if not s.has_data]
    assert empty
    for slide in empty:
        statement, elsewhere = no_data_text(slide)
        assert statement.startswith("No data yet")
        assert elsewhere == published_elsewhere(store, slide.indicator_id).said
    # Every measure without data in the shipped catalogue says who publishes one (the published_elsewhere table).
    assert {s.indicator_id for s in empty} <= set(store.published_elsewhere["indicator_id"])


@pytest.mark.data_audit
def test_speaker_notes_hold_definition_source_method_and_caveats(store, deck):
    by_id = {s.indicator_id: s for s in deck.slides}
    notes = speaker_notes(store, by_id["reception_obesity"])
    text = notes.text()
    assert text.startswith("Definition: ")
    assert by_id["reception_obesity"].source in text
    assert "Long-term (" in notes.method and "Recent" in notes.method
    assert any("2020/21" in c and "COVID-19" in c for c in notes.caveats)
    assert any("no confidence intervals" in c for c in notes.caveats)
    empty = speaker_notes(store, by_id["moving_more"])
    assert "nothing to judge" in empty.method
    assert published_elsewhere(store, "moving_more").said in empty.caveats


@pytest.mark.data_audit
def test_headline_deck_slides_are_all_chartable_or_say_why(store):
    deck = build_deck(store, headline_items(store))
    assert all(s.has_data for s in deck.slides)
