"""The board pack: PowerPoint and PDF of a deck, and chart images, drawn with the system Chromium."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from indicators.charts.figures import figure_for
from indicators.charts.framing import Medium, chart_texts, frame, on_screen
from indicators.charts.selection import ChartSelection
from indicators.present import pack
from indicators.present.cover import Cover, contents
from indicators.present.deck import DeckItem, build_deck, default_source
from indicators.present.pack_pages import A4, PRINT_TEXT_PX, WIDE, cover_page, slide_page
from indicators.present.pack_profile import pack_profile, split_rows
from indicators.present.slides import smallest_text, speaker_notes

BASE = "https://dashboard.example.org"
DECK = (
    "smoking_prevalence",
    "smokers_fewer_since_2011",
    "diabetes_education_sessions",
    "moving_more",
    "sii_life_expectancy",
    "reception_obesity",
)
COVER = Cover(meeting="Leeds Health and Wellbeing Board", meeting_date=date(2026, 12, 10), data_as_at=date(2026, 12, 1))


def _need(tool: str) -> str:
    """The path of a command-line tool; skipped locally without it, a failure in CI."""
    found = pack.find_chromium() if tool == "chromium" else shutil.which(tool)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have {tool} installed (.ci/run installs it)")
        pytest.skip(f"{tool} is not installed (apt-get install {'poppler-utils' if tool == 'pdftoppm' else tool})")
    return found


@pytest.fixture(scope="module")
def deck(store):
    return build_deck(store, [DeckItem(i, default_source(store, i)) for i in DECK])


@pytest.fixture(scope="module")
def board_pack(store, deck):
    _need("chromium")
    return pack.build_pack(store, deck, base_url=BASE, cover=COVER)


@pytest.fixture(scope="module")
def profile(store):
    return pack_profile(store)


def _profile_pages(profile, paper=WIDE) -> int:
    """The pages the area profile takes after the cover on a paper (the PowerPoint follows 16:9)."""
    return len(split_rows(profile, paper, live=pack.overview_url(BASE)))


def _png(width: int = 40, height: int = 20) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def _pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def _texts(page) -> str:
    return " ".join(s.text_frame.text for s in page.shapes if s.has_text_frame)


@pytest.mark.data_audit
def test_pptx_cover_profile_then_a_finding_a_slide(board_pack, deck, profile):
    prs = Presentation(io.BytesIO(board_pack.pptx))
    extra = _profile_pages(profile)
    assert extra >= 2  # the shipped store's official series need more than one slide at 12 pt
    assert len(prs.slides) == len(deck) + 1 + extra == len(DECK) + 1 + extra
    cover = prs.slides[0]
    assert cover.shapes.title.text == COVER.title
    text = _texts(cover)
    assert "For Leeds Health and Wellbeing Board, 10 December 2026" in text
    assert "Data as at 1 December 2026" in text
    for where, finding in contents(deck, profile=profile.finding, profile_pages=extra):
        assert f"{where}. {finding}" in text
    assert f"Pages 2 to {1 + extra}. Area profile: " in text
    assert f"Page 1 of {len(DECK) + 1 + extra}" in text
    shown = []
    for page in list(prs.slides)[1 : 1 + extra]:
        assert page.shapes.title.text == profile.finding
        (picture,) = _pictures(page)
        alt = picture._element.nvPicPr.cNvPr.get("descr")
        shown += [r.label for r in profile.rows if f"{r.label} " in alt]
        assert "Method: " in page.notes_slide.notes_text_frame.text
    assert len(shown) >= len(profile.rows)  # every row is in some picture's alternative text


@pytest.mark.data_audit
def test_pptx_document_properties(board_pack):
    properties = Presentation(io.BytesIO(board_pack.pptx)).core_properties
    assert properties.title == COVER.title
    assert properties.author == COVER.author
    assert properties.subject.startswith("For Leeds Health and Wellbeing Board, 10 December 2026")


@pytest.mark.data_audit
def test_pptx_slides_titles_pictures_alt_text_notes_and_links(board_pack, deck, store, profile):
    prs = Presentation(io.BytesIO(board_pack.pptx))
    extra = _profile_pages(profile)
    for page, slide in zip(list(prs.slides)[1 + extra :], deck.slides, strict=True):
        assert page.shapes.title.text == slide.finding
        pictures = _pictures(page)
        assert len(pictures) == (1 if slide.has_chart else 0)
        for picture in pictures:
            alt = picture._element.nvPicPr.cNvPr.get("descr")
            assert slide.finding in alt and "Latest for Leeds" in alt and "image" not in alt.lower()
        texts = _texts(page)
        assert slide.source in texts and slide.data_date in texts
        assert f"Page {slide.number + 1 + extra} of {len(deck) + 1 + extra}" in texts
        links = [
            r.hyperlink.address
            for s in page.shapes
            if s.has_text_frame
            for p in s.text_frame.paragraphs
            for r in p.runs
        ]
        assert f"{BASE}/{slide.live_path}" in links
        notes = page.notes_slide.notes_text_frame.text
        assert notes == speaker_notes(store, slide).text()
        assert notes.startswith("Definition: ") and "Method: " in notes


@pytest.mark.data_audit
def test_pptx_text_is_never_below_12_pt(board_pack):
    prs = Presentation(io.BytesIO(board_pack.pptx))
    sizes = [
        run.font.size.pt
        for page in prs.slides
        for shape in page.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.font.size is not None
    ]
    assert sizes and min(sizes) >= 12


@pytest.mark.data_audit
def test_pptx_says_no_data_rather_than_drawing(board_pack, deck, profile):
    prs = Presentation(io.BytesIO(board_pack.pptx))
    page = prs.slides[DECK.index("moving_more") + 1 + _profile_pages(profile)]
    assert not _pictures(page)
    assert "No data yet" in _texts(page)
    assert "Sport England" in _texts(page)


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """Every word on a PDF page with its box, from pdftotext."""
    out = subprocess.run(
        [_need("pdftotext"), "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    words = []
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("<word "):
            attrs = dict(part.split("=", 1) for part in line[6 : line.index(">")].split())
            box = [float(attrs[k].strip('"')) for k in ("xMin", "yMin", "xMax", "yMax")]
            words.append((*box, line[line.index(">") + 1 : line.rindex("<")]))
    return words


def _overlaps(words) -> list[tuple[str, str]]:
    """Pairs of words whose boxes cross (a little slack for the boxes' own padding)."""
    found = []
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            if dx > 1.5 and dy > 1.5:
                found.append((a[4], b[4]))
    return found


@pytest.mark.data_audit
@pytest.mark.parametrize(("name", "size"), [("pdf", (960, 540)), ("pdf_a4", (595.3, 841.9))])  # points
def test_pdf_pages_cover_numbers_sizes_and_no_overlapping_words(board_pack, deck, profile, tmp_path: Path, name, size):
    data = getattr(board_pack, name)
    reader = PdfReader(io.BytesIO(data))
    extra = _profile_pages(profile, WIDE if name == "pdf" else A4)
    total = len(deck) + 1 + extra
    assert len(reader.pages) == total
    assert reader.metadata.title == COVER.title and reader.metadata.author == COVER.author
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        assert abs(float(box.width) - size[0]) < 1.5 and abs(float(box.height) - size[1]) < 1.5
        text = " ".join(page.extract_text().split())
        assert f"Page {number} of {total}" in text  # real text, not a picture of text
    assert "Contents" in reader.pages[0].extract_text()
    assert "Area profile: " in " ".join(reader.pages[0].extract_text().split())
    # The area profile's pages: its finding on each, and every row's indicator and values on one of them.
    profile_text = ""
    for page in reader.pages[1 : 1 + extra]:
        text = " ".join(page.extract_text().split())
        assert " ".join(profile.finding.split()) in text
        profile_text += text
    for row in profile.rows:
        assert row.label in profile_text and f"Leeds {row.leeds}" in profile_text, row.label
    assert deck.slides[0].finding[:30] in " ".join(reader.pages[1 + extra].extract_text().split())
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(data)
    for number in range(1, total + 1):
        assert _overlaps(_words(pdf, number)) == [], f"page {number}"
    subprocess.run([_need("pdftoppm"), "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == total
    for image in images:
        with Image.open(image) as drawn:
            assert (drawn.width > drawn.height) == (name == "pdf")  # 16:9 landscape, A4 portrait
            low, high = drawn.convert("L").getextrema()
            assert high - low > 100  # something dark was drawn on the white page


@pytest.mark.data_audit
@pytest.mark.parametrize("paper", [WIDE, A4], ids=["wide", "a4"])
def test_pdf_page_text_is_never_below_12_pt(store, deck, paper):
    assert smallest_text(cover_page(deck, COVER, paper)) >= PRINT_TEXT_PX
    for slide in deck.slides:
        page = slide_page(pack.slide_chart(store, slide), slide, deck, paper, live_url=BASE, notes=["Note: x"])
        assert smallest_text(page) >= PRINT_TEXT_PX, slide.indicator_id


@pytest.mark.data_audit
@pytest.mark.parametrize(("fmt", "start"), [("png", b"\x89PNG"), ("svg", b"<svg")])
def test_chart_image_formats(store, fmt, start):
    _need("chromium")
    framed = frame(figure_for(store, ChartSelection("year6_obesity", "ncmp_year6")), medium=Medium.IMAGE)
    assert pack.chart_image(framed, fmt=fmt).lstrip()[:4] == start[:4]


@pytest.mark.data_audit
def test_without_chromium_images_raise_a_clear_error(store, monkeypatch):
    monkeypatch.setattr(pack, "find_chromium", lambda: None)
    fig = figure_for(store, ChartSelection("year6_obesity", "ncmp_year6"))
    with pytest.raises(pack.ChromiumMissing, match="No Chromium"):
        pack.chart_image(fig, fmt="png")


@pytest.mark.parametrize(("env", "expected"), [("/bin/sh", "/bin/sh"), ("/no/such/browser", None)])
def test_browser_path_is_honoured_only_when_it_exists(monkeypatch, env, expected):
    monkeypatch.setenv("BROWSER_PATH", env)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert pack.find_chromium() == expected


@pytest.mark.data_audit
def test_build_pptx_without_a_browser(deck, store):
    """Given pictures already drawn, the PowerPoint is assembled with no browser at all."""
    pictures = [_png() if s.has_chart else None for s in deck.slides]
    prs = Presentation(io.BytesIO(pack.build_pptx(store, deck, pictures, base_url=BASE, cover=COVER)))
    assert [p.shapes.title.text for p in prs.slides] == [COVER.title, *(s.finding for s in deck.slides)]


def test_one_frame_for_image_and_slide(synthetic_store):
    fig = figure_for(synthetic_store, ChartSelection("smoking_prevalence", "aps_smoking"))
    slide = frame(fig, medium=Medium.SLIDE)
    assert slide.layout.title.text is None and slide.layout.meta is None
    assert not [a for a in slide.layout.annotations if a.name == "end-label"]
    shown = on_screen(fig)
    framed = frame(fig, medium=Medium.IMAGE)
    assert shown[1] in framed.layout.title.text.replace("<b>", "").replace("</b>", "").replace("<br>", " ")
    assert any(shown[3][:30] in a.text.replace("<br>", " ") for a in framed.layout.annotations)
    # An image made from the screen copy is the same image.
    assert frame(shown[0], medium=Medium.IMAGE).to_json() == framed.to_json()
    assert chart_texts(framed).full_subtitle == shown[2]


def test_the_drawing_page_loads_plotly_from_the_package_and_nothing_from_the_web():
    from indicators.present import drawing

    html = drawing._page_html()
    assert drawing.PLOTLY_JS.is_file() and drawing.PLOTLY_JS.as_uri() in html
    assert "http://" not in html and "https://" not in html


def test_a_document_is_every_page_printed_once_at_the_papers_size(tmp_path: Path):
    browser = _need("chromium")
    from indicators.present import drawing

    pages = [
        {"data": [], "layout": {"annotations": [{"text": f"Sheet {n}", "showarrow": False}], "width": 794}}
        for n in (1, 2, 3)
    ]
    pictures, (pdf,) = drawing.draw(
        [drawing.ImageJob(pages[0], "png", 200, 100, 2)], [drawing.DocumentJob(pages, 794, 1123)], browser=browser
    )
    assert pictures[0][:4] == b"\x89PNG" and Image.open(io.BytesIO(pictures[0])).size == (400, 200)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    for n, page in enumerate(reader.pages, start=1):
        assert abs(float(page.mediabox.width) - 595.5) < 1.5 and abs(float(page.mediabox.height) - 842.25) < 1.5
        assert f"Sheet {n}" in page.extract_text()
