"""The board pack as PowerPoint: a cover with the contents, the area profile, then one finding a slide.

Each finding is its slide's real title (read by screen readers and listed in PowerPoint's outline);
a chart's alternative text is its finding and key values; the speaker notes hold the definition,
source, method and caveats; the document's title, author and subject are set.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from indicators.present.cover import Cover, contents, page_label, page_total, profile_labels
from indicators.present.deck import Deck, Slide
from indicators.present.pack_profile import PROFILE_HEADING, PackProfile
from indicators.present.pack_profile import SUBTITLE as PROFILE_SUBTITLE
from indicators.present.public_url import live_url
from indicators.present.slides import alt_text, no_data_text, speaker_notes
from indicators.store.load import Store

SMALLEST_PT = 12  # no text in the pack is smaller
_DARK = RGBColor(0x21, 0x2B, 0x32)
_GREY = RGBColor(0x42, 0x55, 0x63)
_BLUE = RGBColor(0x00, 0x5E, 0xB8)
_DARK_BLUE = RGBColor(0x00, 0x30, 0x87)
_WIDTH = 12.33  # inches of text across a 13.33-inch slide


def _text(shapes, text: str, *, box: tuple[float, float, float, float], size: int, colour: RGBColor, bold=False):
    shape = shapes.add_textbox(*(Inches(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.color.rgb, run.font.name = Pt(size), bold, colour, "Arial"
    return run


def _title(page, text: str, *, size: int) -> None:
    title = page.shapes.title
    title.left, title.top, title.width, title.height = Inches(0.5), Inches(0.3), Inches(_WIDTH), Inches(1.2)
    title.text = text
    title.text_frame.word_wrap = True
    # A long finding shrinks to fit its box rather than running into the subtitle.
    title.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    paragraph = title.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    for run in paragraph.runs:
        run.font.size, run.font.bold, run.font.name, run.font.color.rgb = Pt(size), True, "Arial", _DARK_BLUE


def _cover(prs, deck: Deck, cover: Cover, *, profile: str | None, profile_pages: int) -> None:
    page = prs.slides.add_slide(prs.slide_layouts[5])
    _title(page, cover.title, size=36)
    _text(page.shapes, cover.meeting_line, box=(0.5, 1.5, _WIDTH, 0.5), size=22, colour=_DARK, bold=True)
    _text(page.shapes, cover.data_line, box=(0.5, 2.05, _WIDTH, 0.6), size=SMALLEST_PT + 2, colour=_GREY)
    _text(page.shapes, "Contents", box=(0.5, 2.75, _WIDTH, 0.4), size=18, colour=_DARK_BLUE, bold=True)
    entries = contents(deck, profile=profile, profile_pages=profile_pages)
    # Two columns when the list is long, so every entry stays at a readable size.
    columns = 1 if len(entries) <= 10 else 2
    per_column = -(-len(entries) // columns)
    width = _WIDTH / columns - 0.2
    for c in range(columns):
        shape = page.shapes.add_textbox(Inches(0.5 + c * (width + 0.2)), Inches(3.2), Inches(width), Inches(3.8))
        frame = shape.text_frame
        frame.word_wrap = True
        for i, (where, finding) in enumerate(entries[c * per_column : (c + 1) * per_column]):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = f"{where}. {finding}"
            run.font.size, run.font.name, run.font.color.rgb = Pt(SMALLEST_PT), "Arial", _DARK
            paragraph.space_after = Pt(3)
    total = page_total(deck, profile_pages=profile_pages)
    _text(page.shapes, f"Page 1 of {total}", box=(11.1, 7.0, 1.8, 0.35), size=SMALLEST_PT, colour=_DARK)


def _profile_slide(prs, profile: PackProfile, drawn: tuple[bytes, int, int, int, int], *, label: str, url: str) -> None:
    """One page of the area profile: its finding as the title, the rows as a picture at its own size, notes."""
    png, width, height, first, last = drawn
    page = prs.slides.add_slide(prs.slide_layouts[5])
    _title(page, profile.finding, size=24)
    page.shapes.title.height = Inches(0.9)
    part = "" if (first, last) == (1, len(profile.rows)) else f" (rows {first} to {last} of {len(profile.rows)})"
    subtitle = f"{PROFILE_HEADING}{part}: {PROFILE_SUBTITLE}"
    _text(page.shapes, subtitle, box=(0.5, 1.2, _WIDTH, 0.35), size=14, colour=_GREY)
    # At 96 px to the inch, so the picture's own 16 px text prints at 12 pt.
    picture = page.shapes.add_picture(
        io.BytesIO(png), Inches(0.5 - 6 / 96), Inches(1.6), Inches(width / 96), Inches(height / 96)
    )
    picture.name = f"{PROFILE_HEADING}, rows {first} to {last}"
    picture._element.nvPicPr.cNvPr.set("descr", profile.alt_text(first, last))
    below = 1.6 + height / 96 + 0.1
    _text(page.shapes, profile.source, box=(0.5, below, 10.5, 0.55), size=SMALLEST_PT, colour=_GREY)
    link = _text(page.shapes, "Live view: " + url, box=(0.5, 6.95, 10.5, 0.3), size=SMALLEST_PT, colour=_BLUE)
    link.hyperlink.address = url
    _text(page.shapes, label, box=(11.1, 7.0, 1.8, 0.35), size=SMALLEST_PT, colour=_DARK)
    page.notes_slide.notes_text_frame.text = profile.speaker_notes()


def slide_texts(store: Store, deck: Deck) -> list[tuple[str, str]]:
    """Each slide's chart alternative text and speaker notes (worked out while the pictures are drawn)."""
    return [(alt_text(store, slide), speaker_notes(store, slide).text()) for slide in deck.slides]


def _finding(
    prs, deck: Deck, slide: Slide, png: bytes | None, texts: tuple[str, str], *, base_url: str, profile_pages: int
) -> None:
    page = prs.slides.add_slide(prs.slide_layouts[5])  # 'Title Only': the finding is the slide's real title
    _title(page, slide.finding, size=28)
    _text(page.shapes, slide.subtitle, box=(0.5, 1.45, _WIDTH, 0.4), size=14, colour=_GREY)
    if png is not None:
        picture = page.shapes.add_picture(io.BytesIO(png), Inches(0.5), Inches(1.9), height=Inches(4.05))
        if picture.width > Inches(_WIDTH):  # keep a wide chart inside the slide
            ratio = Inches(_WIDTH) / picture.width
            picture.width, picture.height = Emu(int(picture.width * ratio)), Emu(int(picture.height * ratio))
        picture.name = f"Chart: {slide.title}"[:250]
        # The alternative text a screen reader gives for the picture (PowerPoint's "Alt Text").
        picture._element.nvPicPr.cNvPr.set("descr", texts[0])
    elif slide.has_data:
        _text(page.shapes, slide.value_text, box=(0.5, 3.0, _WIDTH, 1.6), size=44, colour=_BLUE, bold=True)
    else:
        statement, elsewhere = no_data_text(slide)
        _text(page.shapes, statement, box=(0.5, 2.6, _WIDTH, 1.2), size=30, colour=_DARK, bold=True)
        _text(page.shapes, elsewhere, box=(0.5, 4.0, _WIDTH, 1.0), size=20, colour=_GREY)
    _text(page.shapes, slide.source, box=(0.5, 6.0, 10.5, 0.55), size=SMALLEST_PT, colour=_GREY)
    _text(page.shapes, slide.data_date, box=(0.5, 6.6, 10.5, 0.3), size=SMALLEST_PT, colour=_GREY)
    url = live_url(base_url, slide)
    link = _text(page.shapes, "Live view: " + url, box=(0.5, 6.95, 10.5, 0.3), size=SMALLEST_PT, colour=_BLUE)
    link.hyperlink.address = url
    label = page_label(slide.number, deck, profile_pages=profile_pages)
    _text(page.shapes, label, box=(11.1, 7.0, 1.8, 0.35), size=SMALLEST_PT, colour=_DARK)
    page.notes_slide.notes_text_frame.text = texts[1]


def build_pptx(
    store: Store,
    deck: Deck,
    charts: Sequence[bytes | None],
    *,
    base_url: str,
    cover: Cover,
    profile: PackProfile | None = None,
    profile_pictures: Sequence[tuple[bytes, int, int, int, int]] = (),
    texts: Sequence[tuple[str, str]] | None = None,
) -> bytes:
    """PowerPoint: a cover with contents, the area profile if given, then per slide the finding, chart and notes.

    `profile_pictures` are the profile's rows drawn in parts (png, width, height, first row, last row);
    `texts` are slide_texts(store, deck), if already worked out.
    """
    texts = slide_texts(store, deck) if texts is None else texts
    extra = len(profile_pictures) if profile is not None else 0
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    properties = prs.core_properties
    properties.title, properties.author, properties.subject = cover.title, cover.author, cover.subject(deck)
    properties.keywords = "Leeds; health inequalities; Health and Care Plan; board pack"
    _cover(prs, deck, cover, profile=profile.finding if profile is not None else None, profile_pages=extra)
    if profile is not None:
        labels = profile_labels(deck, profile_pages=extra)
        for drawn, label in zip(profile_pictures, labels, strict=True):
            _profile_slide(prs, profile, drawn, label=label, url=base_url.rstrip("/") + "/")
    for slide, png, said in zip(deck.slides, charts, texts, strict=True):
        _finding(prs, deck, slide, png, said, base_url=base_url, profile_pages=extra)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
