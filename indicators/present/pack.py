"""The board pack: a deck as PowerPoint and PDF, and any chart as a PNG or SVG, drawn by the system Chromium.

The pack is a cover, the area profile (unless left out) and a page per slide. Everything is drawn in
one page of the system's Chromium with plotly's bundled plotly.js (indicators/present/drawing.py), so
nothing is fetched at run time and starting the browser and loading plotly.js are paid once a pack.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from pypdf import PdfWriter

from indicators.charts.figures import figure_for
from indicators.charts.framing import slide_spec
from indicators.charts.selection import ChartSelection
from indicators.core import settings
from indicators.present.cover import Cover, profile_labels
from indicators.present.deck import Deck, Slide
from indicators.present.drawing import DocumentJob, Drawer, ImageJob, draw
from indicators.present.pack_pages import PAPERS, WIDE, cover_page, slide_page
from indicators.present.pack_pptx import build_pptx, slide_texts
from indicators.present.pack_profile import PackProfile, pack_profile, profile_pages, profile_picture, split_rows
from indicators.present.public_url import live_url
from indicators.present.slides import left_out_notes
from indicators.store.load import Store

PAGE_WIDTH, PAGE_HEIGHT = 1280, 720  # pixels at 96 per inch: a 13.33 x 7.5 inch widescreen slide
CHART_WIDTH, CHART_HEIGHT = 1200, 520
IMAGE_SCALE = 2  # twice the pixels, so a projected or printed chart stays sharp
BROWSER_NAMES = ("chromium", "chromium-browser")
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


class ChromiumMissing(RuntimeError):
    """No Chromium on this machine, so no static image can be drawn."""


def find_chromium() -> str | None:
    """The system Chromium: BROWSER_PATH if it names a file, else the first on PATH; None if there is none."""
    named = settings.value("BROWSER_PATH")
    if named and os.path.isfile(named):
        return named
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _browser() -> str:
    browser = find_chromium()
    if browser is None:
        raise ChromiumMissing("No Chromium browser was found, so images cannot be drawn (apt-get install chromium).")
    return browser


def render_images(jobs: Sequence[ImageJob]) -> list[bytes]:
    """Draw every image in one browser page; ChromiumMissing if no Chromium is installed."""
    browser = _browser()
    return draw(jobs, (), browser=browser)[0] if jobs else []


def slide_chart(store: Store, slide: Slide) -> go.Figure | None:
    """The chart a slide shows, as built for a page (its texts are set apart on the slide), or None."""
    if not slide.has_chart:
        return None
    return figure_for(store, ChartSelection(slide.indicator_id, slide.source_id))


@dataclass(frozen=True)
class BoardPack:
    """The same deck as PowerPoint and as PDF, for screens (16:9) and, when asked, for printing (A4 portrait)."""

    pptx: bytes
    pdf: bytes
    pdf_a4: bytes | None = None


def with_properties(pdf: bytes, *, cover: Cover, deck: Deck) -> bytes:
    """The PDF with the document's title, author and subject set (appended as an update: the pages are not copied)."""
    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    writer.add_metadata({"/Title": cover.title, "/Author": cover.author, "/Subject": cover.subject(deck)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass(frozen=True)
class _Drawn:
    pictures: list[bytes | None]
    pdfs: dict[str, bytes]
    parts: list[tuple[bytes, int, int, int, int]]  # the profile's pictures: png, width, height, first and last row
    profile: PackProfile | None
    meanwhile: object = None  # what the caller worked out while the browser drew


def overview_url(base_url: str) -> str:
    """The Overview page, where the area profile is, on the dashboard at `base_url`."""
    return base_url.rstrip("/") + "/"


def _draw(
    store: Store,
    deck: Deck,
    cover: Cover,
    *,
    base_url: str,
    pngs: bool,
    papers: Sequence[str],
    profile: bool,
    meanwhile: Callable[[], object] | None = None,
) -> _Drawn:
    """Draw a deck's chart pictures and the PDF for each paper asked for, in one browser page.

    The browser starts first, so it opens while the figures and pages are built; `meanwhile` runs
    while it draws them, and its result is kept in the answer.
    """
    drawer = Drawer(_browser())
    try:
        found = pack_profile(store) if profile else None
        jobs, documents, charts, rows = _jobs(
            store, deck, cover, base_url=base_url, pngs=pngs, papers=papers, profile=found
        )
    except BaseException:
        drawer.close()
        raise
    drawer.submit(jobs, documents)
    try:
        done = meanwhile() if meanwhile is not None else None
    finally:
        drawn, printed = drawer.result()
    images = iter(drawn)
    pictures = [next(images) if c is not None else None for c in charts] if pngs else []
    parts = [(next(images), width, height, first, last) for width, height, first, last in rows]
    pdfs = {name: with_properties(pdf, cover=cover, deck=deck) for name, pdf in zip(papers, printed, strict=True)}
    return _Drawn(pictures, pdfs, parts, found, done)


def _jobs(store: Store, deck: Deck, cover: Cover, *, base_url: str, pngs: bool, papers: Sequence[str], profile):
    """The pictures and documents to draw, the slides' charts, and the profile's parts (width, height, rows)."""
    charts = [slide_chart(store, s) for s in deck.slides]
    notes = [left_out_notes(store, c, source_id=s.source_id) for c, s in zip(charts, deck.slides, strict=True)]
    jobs = [ImageJob(slide_spec(c), "png", CHART_WIDTH, CHART_HEIGHT, IMAGE_SCALE) for c in charts if c and pngs]
    live = overview_url(base_url)
    # The profile's rows as pictures for the PowerPoint, split as on the 16:9 pages.
    rows = []
    for first, last in split_rows(profile, WIDE, live=live) if profile is not None and pngs else []:
        picture, width, height = profile_picture(profile, first, last)
        jobs.append(ImageJob(picture, "png", width, height, IMAGE_SCALE))
        rows.append((width, height, first, last))
    documents = []
    for name in papers:
        paper = PAPERS[name]
        extra = len(split_rows(profile, paper, live=live)) if profile is not None else 0
        finding = profile.finding if profile is not None else None
        pages = [cover_page(deck, cover, paper, profile=finding, profile_pages=extra)]
        if profile is not None:
            pages += profile_pages(profile, paper, live=live, labels=profile_labels(deck, profile_pages=extra))
        pages += [
            slide_page(chart, slide, deck, paper, live_url=live_url(base_url, slide), notes=note, profile_pages=extra)
            for chart, slide, note in zip(charts, deck.slides, notes, strict=True)
        ]
        documents.append(DocumentJob(pages, *paper.size))
    return jobs, documents, charts, rows


def _texts(store: Store, deck: Deck) -> Callable[[], list[tuple[str, str]]]:
    return lambda: slide_texts(store, deck)


def _pptx(store: Store, deck: Deck, drawn: _Drawn, *, base_url: str, cover: Cover) -> bytes:
    """The PowerPoint from what was drawn: the charts' pictures, the profile's and the slides' texts."""
    return build_pptx(
        store,
        deck,
        drawn.pictures,
        base_url=base_url,
        cover=cover,
        profile=drawn.profile,
        profile_pictures=drawn.parts,
        texts=drawn.meanwhile,
    )


def build_pack(
    store: Store, deck: Deck, *, base_url: str, cover: Cover, a4: bool = True, profile: bool = True
) -> BoardPack:
    """The deck as PowerPoint and as PDF (16:9, and A4 unless told not), every image drawn in one browser session.

    With `profile` (the default) the area profile follows the cover, when the store can draw it.
    """
    papers = ("wide", "a4") if a4 else ("wide",)
    drawn = _draw(
        store, deck, cover, base_url=base_url, pngs=True, papers=papers, profile=profile, meanwhile=_texts(store, deck)
    )
    pptx = _pptx(store, deck, drawn, base_url=base_url, cover=cover)
    return BoardPack(pptx=pptx, pdf=drawn.pdfs["wide"], pdf_a4=drawn.pdfs.get("a4"))


def pptx_pack(store: Store, deck: Deck, *, base_url: str, cover: Cover, profile: bool = True) -> bytes:
    """The deck as PowerPoint only."""
    drawn = _draw(
        store, deck, cover, base_url=base_url, pngs=True, papers=(), profile=profile, meanwhile=_texts(store, deck)
    )
    return _pptx(store, deck, drawn, base_url=base_url, cover=cover)


def pdf_pack(
    store: Store, deck: Deck, *, base_url: str, cover: Cover, paper: str = "wide", profile: bool = True
) -> bytes:
    """The deck as PDF only, on one paper: 'wide' (16:9, for screens) or 'a4' (A4 portrait, for printing)."""
    return _draw(store, deck, cover, base_url=base_url, pngs=False, papers=(paper,), profile=profile).pdfs[paper]


def chart_image(fig: go.Figure, *, fmt: str) -> bytes:
    """One chart as PNG (twice the pixels) or SVG, at the size it is laid out at."""
    width = int(fig.layout.width or 1100)
    height = int(fig.layout.height or 560)
    return render_images([ImageJob(fig, fmt, width, height, IMAGE_SCALE if fmt == "png" else 1)])[0]
