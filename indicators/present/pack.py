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
import textwrap
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt
from pypdf import PdfReader, PdfWriter

from indicators.charts.figures import FONT, NHS_BLUE, NHS_DARK_BLUE, NHS_DARK_GREY, figure_for
from indicators.core import settings
from indicators.core.text import figure_text
from indicators.present.deck import NO_DATA, Deck, Slide
from indicators.store.load import Store

PAGE_WIDTH, PAGE_HEIGHT = 1280, 720  # pixels at 96 per inch: a 13.33 x 7.5 inch widescreen slide
CHART_WIDTH, CHART_HEIGHT = 1200, 520
IMAGE_SCALE = 2  # twice the pixels, so a projected or printed chart stays sharp
BROWSER_NAMES = ("chromium", "chromium-browser")
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
_DARK = RGBColor(0x21, 0x2B, 0x32)
_GREY = RGBColor(0x42, 0x55, 0x63)


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

    figure: go.Figure
    format: str
    width: int
    height: int
    scale: float = 1


async def _render(jobs: Sequence[ImageJob], browser: str) -> list[bytes]:
    import kaleido  # imported here: loading it is slow and only exports need it

    # mathjax=False and plotlyjs unset: plotly's own copy of plotly.js, no script from the web.
    async with kaleido.Kaleido(n=1, mathjax=False, path=browser) as session:
        out = []
        for job in jobs:
            opts = {"format": job.format, "width": job.width, "height": job.height, "scale": job.scale}
            out.append(await session.calc_fig(job.figure, opts=opts))
        return out


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


def _wrapped(text: str, width: int) -> str:
    # Slide text carries names from data (imports too): escaped, so only our own line breaks act.
    return "<br>".join(figure_text(line) for line in textwrap.wrap(text, width=width, break_long_words=False)) or ""


def with_texts(fig: go.Figure, *, finding: str, subtitle: str, source: str) -> go.Figure:
    """A screen copy of a chart with its finding, subtitle and source drawn back in, for a download."""
    out = go.Figure(fig)
    lines = textwrap.wrap(finding, width=80, break_long_words=False) or [""]
    out.update_layout(
        title={
            "text": "<br>".join(f"<b>{figure_text(line)}</b>" for line in lines)
            + f"<br><span style='font-size:14px;color:{NHS_DARK_GREY}'>{figure_text(subtitle)}</span>",
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 18, "l": 12},
            "font": {"size": 19},
        },
        margin={"t": 80 + 24 * len(lines), "b": 110, "l": 64, "r": 40},
        height=(out.layout.height or 500) + 24 * len(lines) + 60,
    )
    out.add_annotation(
        text=_wrapped(source, 130),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-70,
        showarrow=False,
        xanchor="left",
        yanchor="top",
        align="left",
        font={"size": 11, "color": NHS_DARK_GREY},
    )
    return out


def chart_only(fig: go.Figure) -> go.Figure:
    """The chart without its drawn-in title and source, for a slide that sets them as text."""
    out = go.Figure(fig)
    out.layout.annotations = [a for a in out.layout.annotations if a.name != "source"]
    out.update_layout(title=None, meta=None, margin={"t": 56, "b": 48, "l": 72, "r": 190}, height=None)
    return out


def _text_page(text: str, *, colour: str, size: int) -> go.Figure:
    """A page with no axes and one statement: a single published figure or 'no data yet'."""
    fig = go.Figure()
    fig.add_annotation(
        text=_wrapped(text, 40),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": size, "color": colour},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(plot_bgcolor="white", paper_bgcolor="white", font=FONT)
    return fig


def slide_chart(store: Store, slide: Slide) -> go.Figure | None:
    """The chart a slide shows, without title or source, or None where there is no chart."""
    if not slide.has_chart:
        return None
    fig = figure_for(store, slide.indicator_id, source_id=slide.source_id)
    return None if fig is None else chart_only(fig)


def slide_page(chart: go.Figure | None, slide: Slide, *, live_url: str) -> go.Figure:
    """A whole slide as one figure, for the PDF: finding, subtitle, chart, source, data date, number."""
    if chart is not None:
        page = go.Figure(chart)
    elif slide.has_data:
        page = _text_page(slide.value_text, colour=NHS_BLUE, size=44)
    else:
        page = _text_page(f"{NO_DATA}: no published figure is in the dashboard", colour=NHS_DARK_GREY, size=30)
    lines = textwrap.wrap(slide.finding, width=56, break_long_words=False) or [""]
    top = 36 + 36 * len(lines) + 40
    page.update_layout(
        title={
            "text": "<br>".join(f"<b>{figure_text(line)}</b>" for line in lines)
            + f"<br><span style='font-size:17px;color:{NHS_DARK_GREY}'>{figure_text(slide.subtitle)}</span>",
            "x": 0.03,
            "xanchor": "left",
            "xref": "container",
            "y": 0.97,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": 30, "color": NHS_DARK_BLUE},
        },
        margin={"t": top + 40, "b": 120, "l": 80, "r": 190 if chart is not None else 80},
        width=PAGE_WIDTH,
        height=PAGE_HEIGHT,
    )
    footer = f"{_wrapped(slide.source, 170)}<br>{figure_text(slide.data_date)} · Live view: {figure_text(live_url)}"
    page.add_annotation(
        text=footer,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-64,
        showarrow=False,
        xanchor="left",
        yanchor="top",
        align="left",
        font={"size": 12, "color": NHS_DARK_GREY},
    )
    page.add_annotation(
        text=slide.counter,
        xref="paper",
        yref="paper",
        x=1,
        y=1,
        xshift=150 if chart is not None else 0,
        yshift=top - 30,
        showarrow=False,
        xanchor="right",
        yanchor="bottom",
        font={"size": 14, "color": NHS_DARK_GREY},
    )
    return page


def live_url(base_url: str, slide: Slide) -> str:
    """The slide's indicator page on the running dashboard."""
    return f"{base_url.rstrip('/')}/{slide.live_path}"


@dataclass(frozen=True)
class BoardPack:
    """The same deck as PowerPoint and as PDF."""

    pptx: bytes
    pdf: bytes


def _text(slide_shapes, text: str, *, box: tuple[float, float, float, float], size: int, colour: RGBColor, bold=False):
    shape = slide_shapes.add_textbox(*(Inches(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.color.rgb, run.font.name = Pt(size), bold, colour, "Arial"
    return run


def build_pptx(deck: Deck, charts: Sequence[bytes | None], *, base_url: str) -> bytes:
    """PowerPoint: per slide the finding as a real title, the chart as a picture, source, data date and link."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    layout = prs.slide_layouts[5]  # 'Title Only': the finding is the slide's real title, read by screen readers
    for slide, png in zip(deck.slides, charts, strict=True):
        page = prs.slides.add_slide(layout)
        title = page.shapes.title
        title.left, title.top, title.width, title.height = Inches(0.5), Inches(0.3), Inches(12.3), Inches(1.2)
        title.text = slide.finding
        title.text_frame.word_wrap = True
        # A long finding shrinks to fit its box rather than running into the subtitle.
        title.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        paragraph = title.text_frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size, run.font.bold, run.font.name = Pt(28), True, "Arial"
            run.font.color.rgb = RGBColor(0x00, 0x30, 0x87)
        _text(page.shapes, slide.subtitle, box=(0.5, 1.5, 12.3, 0.4), size=14, colour=_GREY)
        if png is not None:
            picture = page.shapes.add_picture(io.BytesIO(png), Inches(0.5), Inches(2.0), height=Inches(4.3))
            if picture.width > Inches(12.3):  # keep a wide chart inside the slide
                ratio = Inches(12.3) / picture.width
                picture.width, picture.height = Emu(int(picture.width * ratio)), Emu(int(picture.height * ratio))
            picture.name = f"Chart: {slide.finding}"[:250]
        elif slide.has_data:
            _text(page.shapes, slide.value_text, box=(0.5, 3.0, 12.3, 1.6), size=44, colour=RGBColor(0, 0x5E, 0xB8))
        else:
            _text(
                page.shapes,
                f"{NO_DATA}: no published figure is in the dashboard",
                box=(0.5, 3.2, 12.3, 1),
                size=30,
                colour=_GREY,
            )
        _text(page.shapes, slide.source, box=(0.5, 6.35, 10.8, 0.45), size=10, colour=_GREY)
        _text(page.shapes, slide.data_date, box=(0.5, 6.75, 8.5, 0.3), size=10, colour=_GREY)
        url = live_url(base_url, slide)
        link = _text(
            page.shapes, "Live view: " + url, box=(0.5, 7.0, 10.8, 0.3), size=10, colour=RGBColor(0, 0x5E, 0xB8)
        )
        link.hyperlink.address = url
        _text(page.shapes, slide.counter, box=(11.3, 6.75, 1.6, 0.3), size=11, colour=_DARK)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def merge_pdfs(pages: Sequence[bytes]) -> bytes:
    """One PDF from one-page PDFs, in order."""
    writer = PdfWriter()
    for page in pages:
        for sheet in PdfReader(io.BytesIO(page)).pages:
            writer.add_page(sheet)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _charts_and_pages(deck: Deck, store: Store, *, base_url: str, pngs: bool, pdf: bool) -> tuple[list, list]:
    """Draw a deck's chart pictures and/or PDF pages in one browser session."""
    charts = [slide_chart(store, s) for s in deck.slides]
    jobs = [ImageJob(c, "png", CHART_WIDTH, CHART_HEIGHT, IMAGE_SCALE) for c in charts if c is not None and pngs]
    if pdf:
        jobs += [
            ImageJob(slide_page(c, s, live_url=live_url(base_url, s)), "pdf", PAGE_WIDTH, PAGE_HEIGHT)
            for c, s in zip(charts, deck.slides, strict=True)
        ]
    images = iter(render_images(jobs))
    pictures = [next(images) if c is not None else None for c in charts] if pngs else []
    return pictures, list(images)


def build_pack(store: Store, deck: Deck, *, base_url: str) -> BoardPack:
    """The deck as PowerPoint and PDF, every image drawn in one browser session."""
    pictures, pages = _charts_and_pages(deck, store, base_url=base_url, pngs=True, pdf=True)
    return BoardPack(pptx=build_pptx(deck, pictures, base_url=base_url), pdf=merge_pdfs(pages))


def pptx_pack(store: Store, deck: Deck, *, base_url: str) -> bytes:
    """The deck as PowerPoint only."""
    pictures, _ = _charts_and_pages(deck, store, base_url=base_url, pngs=True, pdf=False)
    return build_pptx(deck, pictures, base_url=base_url)


def pdf_pack(store: Store, deck: Deck, *, base_url: str) -> bytes:
    """The deck as PDF only."""
    _, pages = _charts_and_pages(deck, store, base_url=base_url, pngs=False, pdf=True)
    return merge_pdfs(pages)


def chart_image(fig: go.Figure, *, fmt: str) -> bytes:
    """One chart as PNG (twice the pixels) or SVG, at the size it is laid out at."""
    width = int(fig.layout.width or 1100)
    height = int(fig.layout.height or 560)
    return render_images([ImageJob(fig, fmt, width, height, IMAGE_SCALE if fmt == "png" else 1)])[0]
