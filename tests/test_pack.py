"""The board pack: PowerPoint and PDF of a deck, and chart images, drawn with the system Chromium."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from indicators.charts.figures import figure_for, for_screen
from indicators.present import pack
from indicators.present.deck import DeckItem, build_deck, default_source

BASE = "https://dashboard.example.org"
DECK = ("smoking_prevalence", "ace_referrals", "diabetes_education_sessions", "moving_more")


def _need(tool: str) -> str:
    """The path of a command-line tool; skipped locally without it, a failure in CI."""
    found = pack.find_chromium() if tool == "chromium" else shutil.which(tool)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have {tool} installed (.ci/run installs it)")
        pytest.skip(f"{tool} is not installed (apt-get install {'poppler-utils' if tool == 'pdftoppm' else tool})")
    return found


@pytest.fixture(scope="module")
def deck(synthetic_store):
    return build_deck(synthetic_store, [DeckItem(i, default_source(synthetic_store, i)) for i in DECK])


@pytest.fixture(scope="module")
def board_pack(synthetic_store, deck):
    _need("chromium")
    return pack.build_pack(synthetic_store, deck, base_url=BASE)


def _png(width: int = 40, height: int = 20) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def _pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_pptx_slides_titles_pictures_and_links(board_pack, deck):
    prs = Presentation(io.BytesIO(board_pack.pptx))
    assert len(prs.slides) == len(deck) == len(DECK)
    for page, slide in zip(prs.slides, deck.slides, strict=True):
        assert page.shapes.title.text == slide.finding
        assert len(_pictures(page)) == (1 if slide.has_chart else 0)
        texts = " ".join(s.text_frame.text for s in page.shapes if s.has_text_frame)
        assert slide.source in texts and slide.data_date in texts and slide.counter in texts
        links = [
            r.hyperlink.address
            for s in page.shapes
            if s.has_text_frame
            for p in s.text_frame.paragraphs
            for r in p.runs
        ]
        assert f"{BASE}/{slide.live_path}" in links


def test_pptx_says_no_data_rather_than_drawing(board_pack, deck):
    prs = Presentation(io.BytesIO(board_pack.pptx))
    page = prs.slides[DECK.index("moving_more")]
    assert not _pictures(page)
    assert "No data yet" in " ".join(s.text_frame.text for s in page.shapes if s.has_text_frame)


def test_pdf_has_a_page_per_slide_and_renders(board_pack, deck, tmp_path: Path):
    reader = PdfReader(io.BytesIO(board_pack.pdf))
    assert len(reader.pages) == len(deck)
    for page, slide in zip(reader.pages, deck.slides, strict=True):
        text = " ".join(page.extract_text().split())
        assert slide.counter in text  # real text, not a picture of text
    pdftoppm = _need("pdftoppm")
    (tmp_path / "pack.pdf").write_bytes(board_pack.pdf)
    subprocess.run([pdftoppm, "-r", "30", "-png", str(tmp_path / "pack.pdf"), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(deck)
    for image in images:
        with Image.open(image) as drawn:
            assert drawn.width > drawn.height  # landscape, like the slides
            low, high = drawn.convert("L").getextrema()
            assert high - low > 100  # something dark was drawn on the white page


@pytest.mark.parametrize(("fmt", "start"), [("png", b"\x89PNG"), ("svg", b"<svg")])
def test_chart_image_formats(synthetic_store, fmt, start):
    _need("chromium")
    shown = for_screen(figure_for(synthetic_store, "reception_obesity", source_id="ncmp_reception"))
    framed = pack.with_texts(shown[0], finding=shown[1], subtitle=shown[2], source=shown[3])
    assert pack.chart_image(framed, fmt=fmt).lstrip()[:4] == start[:4]


def test_without_chromium_images_raise_a_clear_error(synthetic_store, monkeypatch):
    monkeypatch.setattr(pack, "find_chromium", lambda: None)
    fig = figure_for(synthetic_store, "reception_obesity", source_id="ncmp_reception")
    with pytest.raises(pack.ChromiumMissing, match="No Chromium"):
        pack.chart_image(fig, fmt="png")


@pytest.mark.parametrize(("env", "expected"), [("/bin/sh", "/bin/sh"), ("/no/such/browser", None)])
def test_browser_path_is_honoured_only_when_it_exists(monkeypatch, env, expected):
    monkeypatch.setenv("BROWSER_PATH", env)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert pack.find_chromium() == expected


def test_build_pptx_without_a_browser(deck):
    """Given pictures already drawn, the PowerPoint is assembled with no browser at all."""
    pictures = [_png() if s.has_chart else None for s in deck.slides]
    prs = Presentation(io.BytesIO(pack.build_pptx(deck, pictures, base_url=BASE)))
    assert [p.shapes.title.text for p in prs.slides] == [s.finding for s in deck.slides]


def test_with_texts_and_chart_only(synthetic_store):
    fig = figure_for(synthetic_store, "smoking_prevalence", source_id="aps_smoking")
    bare = pack.chart_only(fig)
    assert bare.layout.title.text is None
    assert not [a for a in bare.layout.annotations if a.name == "source"]
    shown = for_screen(fig)
    framed = pack.with_texts(shown[0], finding=shown[1], subtitle=shown[2], source=shown[3])
    assert shown[1] in framed.layout.title.text.replace("<b>", "").replace("</b>", "").replace("<br>", " ")
    assert any(shown[3][:30] in a.text.replace("<br>", " ") for a in framed.layout.annotations)
