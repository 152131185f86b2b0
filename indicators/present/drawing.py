"""Static images and PDF documents from plotly figures, drawn by one headless Chromium page.

The page loads plotly's bundled plotly.js once (from the plotly package, never from the web) and
draws every figure in turn with Plotly.toImage, so a pack of thirty pictures pays for loading and
compiling plotly.js once rather than thirty times. A PDF document is its pages drawn as SVG, laid
one after another at the paper's size and printed once: the text stays text.
"""

from __future__ import annotations

import asyncio
import base64
import json
import tempfile
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import plotly
import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
TIMEOUT_SECONDS = 180  # a whole pack on a busy machine takes well under this

_SCRIPT = """
window.drawAll = async (jobs) => {
  const out = [];
  for (const job of jobs) {
    out.push(await Plotly.toImage(job.figure, {format: job.format, width: job.width, height: job.height,
                                               scale: job.scale}));
  }
  return out;
};
window.layPages = async (pages, width, height) => {
  document.getElementById('page-style').textContent =
    `@page {size: ${width}px ${height}px; margin: 0}
     html, body {margin: 0; padding: 0; background: white}
     .page {width: ${width}px; height: ${height}px; overflow: hidden}
     .page:not(:last-child) {break-after: page}
     .page img {display: block; width: ${width}px; height: ${height}px}`;
  document.body.replaceChildren();
  const images = pages.map((source) => {
    const page = document.createElement('div');
    page.className = 'page';
    const image = new Image();
    image.src = source;
    page.appendChild(image);
    document.body.appendChild(page);
    return image;
  });
  await Promise.all(images.map((image) => image.decode()));
  return images.length;
};
"""


class DrawingError(RuntimeError):
    """The browser could not draw a figure or print a document."""


@dataclass(frozen=True)
class ImageJob:
    """One picture to draw: a figure, its format ('png' or 'svg') and size in pixels."""

    figure: go.Figure | dict
    format: str
    width: int
    height: int
    scale: float = 1


@dataclass(frozen=True)
class DocumentJob:
    """One PDF: its pages, each a figure drawn at the paper's size in pixels (96 to the inch)."""

    pages: Sequence[go.Figure | dict]
    width: int
    height: int


def _page_html() -> str:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style id="page-style"></style>'
        f'<script src="{PLOTLY_JS.as_uri()}"></script><script>{_SCRIPT}</script></head><body></body></html>'
    )


def _spec(figure: go.Figure | dict) -> dict:
    return figure.to_plotly_json() if isinstance(figure, go.Figure) else figure


async def _evaluate(tab, expression: str):
    response = await tab.send_command(
        "Runtime.evaluate", params={"expression": expression, "awaitPromise": True, "returnByValue": True}
    )
    result = response.get("result", {})
    if "error" in response or "exceptionDetails" in result:
        details = response.get("error") or result["exceptionDetails"]
        raise DrawingError(f"The browser could not draw the figures: {details}")
    return result["result"]["value"]


def _decoded(url: str, fmt: str) -> bytes:
    """The bytes of a data URL from Plotly.toImage: base64 for PNG, URL-encoded text for SVG."""
    head, _, body = url.partition(",")
    return base64.b64decode(body) if head.endswith(";base64") else unquote(body).encode() if fmt == "svg" else b""


async def _open(chromium, page: Path):
    """A tab with the drawing page loaded: plotly.js read and compiled, ready to draw."""
    tab = await chromium.create_tab("")
    loaded = tab.subscribe_once("Page.loadEventFired")
    await tab.send_command("Page.enable")
    await tab.send_command("Page.navigate", params={"url": page.as_uri()})
    await loaded
    return tab


async def _draw_in(tab, images: Sequence[ImageJob], documents: Sequence[DocumentJob]):
    jobs = [
        {"figure": _spec(j.figure), "format": j.format, "width": j.width, "height": j.height, "scale": j.scale}
        for j in images
    ]
    drawn = await _evaluate(tab, f"drawAll({json.dumps(jobs, cls=PlotlyJSONEncoder)})") if jobs else []
    pictures = [_decoded(url, job.format) for url, job in zip(drawn, images, strict=True)]
    pdfs = []
    for document in documents:
        size = {"width": document.width, "height": document.height}
        pages = [{"figure": _spec(p), "format": "svg", "scale": 1, **size} for p in document.pages]
        svgs = await _evaluate(tab, f"drawAll({json.dumps(pages, cls=PlotlyJSONEncoder)})")
        await _evaluate(tab, f"layPages({json.dumps(svgs)}, {document.width}, {document.height})")
        printed = await tab.send_command(
            "Page.printToPDF",
            params={
                "printBackground": True,
                "preferCSSPageSize": True,
                **{f"margin{side}": 0 for side in ("Top", "Bottom", "Left", "Right")},
            },
        )
        if "error" in printed:
            raise DrawingError(f"The browser could not print the PDF: {printed['error']}")
        pdfs.append(base64.b64decode(printed["result"]["data"]))
    return pictures, pdfs


class Drawer:
    """A browser started at once, in a thread of its own, that draws when handed its jobs.

    Starting Chromium and compiling plotly.js take seconds; started first, they run while the caller
    builds the figures. Call draw() (or submit() then result()) once; the browser closes after it, or
    on close() if it was never asked.
    """

    def __init__(self, browser: str) -> None:
        self._jobs: Future = Future()
        self._pool = ThreadPoolExecutor(max_workers=1)
        # A thread of its own gives the browser a fresh event loop, whatever loop the caller (Streamlit) runs.
        self._result = self._pool.submit(asyncio.run, self._run(browser))

    async def _run(self, browser: str):
        import choreographer  # imported here: only drawing needs it

        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / "draw.html"
            page.write_text(_page_html(), encoding="utf-8")
            async with choreographer.Browser(path=browser, headless=True) as chromium:
                tab = await asyncio.wait_for(_open(chromium, page), TIMEOUT_SECONDS)
                jobs = await asyncio.wrap_future(self._jobs)
                if jobs is None:
                    return [], []
                return await asyncio.wait_for(_draw_in(tab, *jobs), TIMEOUT_SECONDS)

    def submit(self, images: Sequence[ImageJob], documents: Sequence[DocumentJob]) -> None:
        """Hand over the jobs; the browser draws them while the caller goes on."""
        self._jobs.set_result((images, documents))

    def result(self) -> tuple[list, list]:
        """Every image (bytes each) and every PDF document (bytes each), once drawn."""
        try:
            return self._result.result()
        finally:
            self._pool.shutdown()

    def draw(self, images: Sequence[ImageJob], documents: Sequence[DocumentJob]) -> tuple[list, list]:
        """Every image (bytes each) and every PDF document (bytes each)."""
        self.submit(images, documents)
        return self.result()

    def close(self) -> None:
        """Close the browser without drawing (when the caller failed before asking)."""
        if not self._jobs.done():
            self._jobs.set_result(None)
        self._pool.shutdown()


def draw(images: Sequence[ImageJob], documents: Sequence[DocumentJob], *, browser: str) -> tuple[list, list]:
    """Every image (bytes each) and every PDF document (bytes each), drawn in one browser page."""
    if not images and not documents:
        return [], []
    return Drawer(browser).draw(images, documents)
