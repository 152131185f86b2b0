"""The board pack: a deck as PowerPoint and PDF, and any chart as a PNG or SVG, drawn by the system Chromium.

Static images come from kaleido, which drives a Chromium through choreographer. It is always handed
the system's Chromium and plotly's bundled plotly.js with MathJax off, so nothing is fetched at run
time; one browser session draws a whole pack, since starting it costs more than drawing a chart.
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import plotly.graph_objects as go
from pypdf import PdfReader, PdfWriter

from indicators.charts.figures import figure_for
from indicators.charts.framing import slide_spec
from indicators.charts.selection import ChartSelection
from indicators.core import settings
from indicators.present.cover import Cover
from indicators.present.deck import Deck, Slide
from indicators.present.pack_pages import PAPERS, cover_page, slide_page
from indicators.present.pack_pptx import build_pptx
from indicators.present.public_url import live_url
from indicators.present.slides import left_out_notes
from indicators.store.load import Store

PAGE_WIDTH, PAGE_HEIGHT = 1280, 720  # pixels at 96 per inch: a 13.33 x 7.5 inch widescreen slide
CHART_WIDTH, CHART_HEIGHT = 1200, 520
TABS = 1  # browser tabs drawing at once (measured: more tabs only add start-up time on two cores)
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


@dataclass(frozen=True)
class ImageJob:
    """One picture to draw: a figure, its format and size in pixels."""

    figure: go.Figure | dict
    format: str
    width: int
    height: int
    scale: float = 1


async def _render(jobs: Sequence[ImageJob], browser: str) -> list[bytes]:
    import kaleido  # imported here: loading it is slow and only exports need it

    # mathjax=False and plotlyjs unset: plotly's own copy of plotly.js, no script from the web.
    # A few tabs draw at once: a page waits on the browser's layout and printing, not only on a CPU.
    async with kaleido.Kaleido(n=min(TABS, len(jobs)), mathjax=False, path=browser) as session:
        drawn = [
            session.calc_fig(
                job.figure, opts={"format": job.format, "width": job.width, "height": job.height, "scale": job.scale}
            )
            for job in jobs
        ]
        return list(await asyncio.gather(*drawn))


def render_images(jobs: Sequence[ImageJob]) -> list[bytes]:
    """Draw every job in one browser session; ChromiumMissing if no Chromium is installed."""
    browser = find_chromium()
    if browser is None:
        raise ChromiumMissing("No Chromium browser was found, so images cannot be drawn (apt-get install chromium).")
    if not jobs:
        return []
    # A thread of its own gives kaleido a fresh event loop, whatever loop the caller (Streamlit) runs.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _render(jobs, browser)).result()


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


def merge_pdfs(pages: Sequence[bytes], *, cover: Cover, deck: Deck) -> bytes:
    """One PDF from one-page PDFs, in order, with the document's title, author and subject set."""
    writer = PdfWriter()
    for page in pages:
        for sheet in PdfReader(io.BytesIO(page)).pages:
            writer.add_page(sheet)
    writer.add_metadata({"/Title": cover.title, "/Author": cover.author, "/Subject": cover.subject(deck)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass(frozen=True)
class _Drawn:
    pictures: list[bytes | None]
    pdfs: dict[str, bytes]


def _draw(store: Store, deck: Deck, cover: Cover, *, base_url: str, pngs: bool, papers: Sequence[str]) -> _Drawn:
    """Draw a deck's chart pictures and the PDF pages for each paper asked for, in one browser session."""
    charts = [slide_chart(store, s) for s in deck.slides]
    notes = [left_out_notes(store, c, source_id=s.source_id) for c, s in zip(charts, deck.slides, strict=True)]
    jobs = [ImageJob(slide_spec(c), "png", CHART_WIDTH, CHART_HEIGHT, IMAGE_SCALE) for c in charts if c and pngs]
    for name in papers:
        paper = PAPERS[name]
        jobs.append(ImageJob(cover_page(deck, cover, paper), "pdf", paper.width, paper.height))
        for chart, slide, note in zip(charts, deck.slides, notes, strict=True):
            page = slide_page(chart, slide, deck, paper, live_url=live_url(base_url, slide), notes=note)
            jobs.append(ImageJob(page, "pdf", paper.width, paper.height))
    images = iter(render_images(jobs))
    pictures = [next(images) if c is not None else None for c in charts] if pngs else []
    pdfs = {name: merge_pdfs([next(images) for _ in range(len(deck) + 1)], cover=cover, deck=deck) for name in papers}
    return _Drawn(pictures, pdfs)


def build_pack(store: Store, deck: Deck, *, base_url: str, cover: Cover, a4: bool = True) -> BoardPack:
    """The deck as PowerPoint and as PDF (16:9, and A4 unless told not), every image drawn in one browser session."""
    drawn = _draw(store, deck, cover, base_url=base_url, pngs=True, papers=("wide", "a4") if a4 else ("wide",))
    pptx = build_pptx(store, deck, drawn.pictures, base_url=base_url, cover=cover)
    return BoardPack(pptx=pptx, pdf=drawn.pdfs["wide"], pdf_a4=drawn.pdfs.get("a4"))


def pptx_pack(store: Store, deck: Deck, *, base_url: str, cover: Cover) -> bytes:
    """The deck as PowerPoint only."""
    drawn = _draw(store, deck, cover, base_url=base_url, pngs=True, papers=())
    return build_pptx(store, deck, drawn.pictures, base_url=base_url, cover=cover)


def pdf_pack(store: Store, deck: Deck, *, base_url: str, cover: Cover, paper: str = "wide") -> bytes:
    """The deck as PDF only, on one paper: 'wide' (16:9, for screens) or 'a4' (A4 portrait, for printing)."""
    return _draw(store, deck, cover, base_url=base_url, pngs=False, papers=(paper,)).pdfs[paper]


def chart_image(fig: go.Figure, *, fmt: str) -> bytes:
    """One chart as PNG (twice the pixels) or SVG, at the size it is laid out at."""
    width = int(fig.layout.width or 1100)
    height = int(fig.layout.height or 560)
    return render_images([ImageJob(fig, fmt, width, height, IMAGE_SCALE if fmt == "png" else 1)])[0]
