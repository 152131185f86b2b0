"""The area profile in the board pack: rows shared over pages that hold them, print-sized text, contents and notes."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from indicators.charts.profile import profile_rows
from indicators.present.cover import Cover, contents, page_label, profile_labels
from indicators.present.deck import DeckItem, build_deck
from indicators.present.pack_pages import A4, PRINT_TEXT_PX, WIDE, cover_page
from indicators.present.pack_pptx import build_pptx
from indicators.present.pack_profile import (
    COLUMNS,
    PackProfile,
    pack_profile,
    profile_pages,
    profile_picture,
    split_rows,
)
from indicators.present.slides import smallest_text

LIVE = "https://dashboard.example.org/"
COVER = Cover(meeting="Health and Wellbeing Board", meeting_date=date(2026, 12, 10), data_as_at=date(2026, 12, 1))


@pytest.fixture(scope="module")
def profile(synthetic_store) -> PackProfile:
    found = pack_profile(synthetic_store)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def deck(synthetic_store):
    ids = synthetic_store.indicators["indicator_id"].tolist()[:2]
    return build_deck(
        synthetic_store,
        [DeckItem(i, synthetic_store.indicators.set_index("indicator_id").at[i, "primary_source_id"]) for i in ids],
    )


def _many(profile: PackProfile, times: int) -> PackProfile:
    """The same rows repeated, as a store with many more official series would give."""
    rows = profile.rows * times
    return replace(profile, rows=rows, raw=profile.raw.iloc[[i % len(profile.raw) for i in range(len(rows))]])


def test_rows_are_those_of_the_profile_with_values_and_published_judgements(synthetic_store, profile):
    raw = profile_rows(synthetic_store)
    assert [r.label.split(",")[0] for r in profile.rows] == raw["indicator"].tolist()
    assert [r.word for r in profile.rows] == raw["compared_to_england"].tolist()
    for row in profile.rows:
        assert row.leeds and row.england and row.detail.endswith("England")
        assert 0 <= row.leeds_at <= 1 and all(0 <= p <= 1 for p in row.band)


@pytest.mark.parametrize("paper", [WIDE, A4], ids=["wide", "a4"])
@pytest.mark.parametrize("times", [1, 4])
def test_every_row_on_exactly_one_page_in_order_and_pages_hold_them(profile, paper, times):
    many = _many(profile, times)
    bounds = split_rows(many, paper, live=LIVE)
    numbered = [n for first, last in bounds for n in range(first, last + 1)]
    assert numbered == list(range(1, len(many.rows) + 1))
    sizes = [last - first + 1 for first, last in bounds]
    assert max(sizes) - min(sizes) <= 2  # shared out, not a full page then a straggler
    if times > 1:
        assert len(bounds) > 1  # 24 rows never squeezed onto one page
    pages = profile_pages(many, paper, live=LIVE, labels=[f"Page {n}" for n in range(2, 2 + len(bounds))])
    assert len(pages) == len(bounds)
    columns = COLUMNS[paper.name]
    for page, (first, last) in zip(pages, bounds, strict=True):
        assert page["layout"]["width"] == paper.width and page["layout"]["height"] == paper.height
        assert smallest_text(page) >= PRINT_TEXT_PX
        texts = " ".join(a["text"] for a in page["layout"]["annotations"])
        for row in many.rows[first - 1 : last]:
            assert row.leeds in texts and row.england in texts
        # Everything above the source ends above it: the rows never run into the foot.
        notes = page["layout"]["annotations"]
        source = next(i for i, a in enumerate(notes) if a["text"].startswith("Source: "))
        for note in notes[:source]:
            lines = note["text"].count("<br>") + 1
            assert note["y"] + lines * note["font"]["size"] * 1.3 <= notes[source]["y"], note["text"]
        assert notes[-1]["y"] < paper.height  # the page number, in the bottom margin
        rows_height = sum(r.height(columns) for r in many.rows[first - 1 : last])
        assert rows_height < paper.height - 2 * paper.margin


def test_a_row_too_tall_for_any_page_is_refused(profile):
    tall = replace(profile.rows[0], label="Very long indicator name " * 80)
    with pytest.raises(ValueError, match="taller than"):
        split_rows(replace(profile, rows=(tall,)), A4, live=LIVE)


def test_page_labels_must_match_the_pages(profile):
    with pytest.raises(ValueError, match="page labels"):
        profile_pages(profile, WIDE, live=LIVE, labels=[])


def test_contents_and_numbers_count_the_profile_pages(deck):
    entries = contents(deck, profile="Leeds is worse on 1 of 6", profile_pages=2)
    assert entries[0] == ("Pages 2 to 3", "Area profile: Leeds is worse on 1 of 6")
    assert entries[1] == ("Page 4", deck.slides[0].finding)
    assert page_label(1, deck, profile_pages=2) == f"Page 4 of {len(deck) + 3}"
    assert profile_labels(deck, profile_pages=2) == [f"Page 2 of {len(deck) + 3}", f"Page 3 of {len(deck) + 3}"]
    assert contents(deck)[0] == ("Page 2", deck.slides[0].finding)  # no profile: as before
    texts = " ".join(
        a["text"]
        for a in cover_page(deck, COVER, A4, profile="Leeds is worse", profile_pages=1)["layout"]["annotations"]
    )
    assert "Page 2. Area profile: Leeds is worse" in texts and f"Page 1 of {len(deck) + 2}" in texts


def test_pptx_profile_slides_alt_text_and_notes(synthetic_store, deck, profile):
    """Assembled from pictures already drawn: no browser needed."""
    import PIL.Image

    parts = []
    for first, last in split_rows(profile, WIDE, live=LIVE):
        picture, width, height = profile_picture(profile, first, last)
        assert smallest_text(picture) >= PRINT_TEXT_PX
        out = io.BytesIO()
        PIL.Image.new("RGB", (width, height), "white").save(out, format="PNG")
        parts.append((out.getvalue(), width, height, first, last))
    charts = [None] * len(deck)
    prs = Presentation(
        io.BytesIO(
            build_pptx(
                synthetic_store, deck, charts, base_url=LIVE, cover=COVER, profile=profile, profile_pictures=parts
            )
        )
    )
    assert len(prs.slides) == 1 + len(parts) + len(deck)
    cover_text = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert f"Area profile: {profile.finding}" in cover_text
    for page in list(prs.slides)[1 : 1 + len(parts)]:
        assert page.shapes.title.text == profile.finding
        pictures = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        alt = pictures[0]._element.nvPicPr.cNvPr.get("descr")
        assert profile.finding in alt
        for row in profile.rows:
            assert row.label in alt
        # Placed at its own size (96 px to the inch), so its 16 px text is 12 pt; inside the slide.
        assert abs(pictures[0].width - parts[0][1] * 914400 / 96) < 9144
        assert pictures[0].left + pictures[0].width <= prs.slide_width
        assert pictures[0].top + pictures[0].height <= prs.slide_height
        notes = page.notes_slide.notes_text_frame.text
        assert "Fingertips' published comparison" in notes and "England sits in the middle" in notes
        assert "Sources: " in notes and "Fingertips" in notes
    first_slide = prs.slides[1 + len(parts)]
    assert first_slide.shapes.title.text == deck.slides[0].finding
