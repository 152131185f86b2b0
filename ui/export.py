"""Download buttons for static copies: any chart as PNG or SVG, a deck as PowerPoint or PDF.

Images are drawn only when a button is pressed (Streamlit calls the data function then), so a page
costs nothing extra to show; without Chromium on the server the buttons are replaced by a note.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from indicators.charts.framing import Medium, frame
from indicators.present import pack
from indicators.present.cover import Cover
from indicators.present.deck import Deck
from ui.data import StoreKey, store_for

NO_CHROMIUM = (
    "Image downloads are not available: this server has no Chromium browser to draw them "
    "(an administrator can install it with `apt-get install chromium`)."
)


def chromium_available() -> bool:
    """True when a static image can be drawn on this server."""
    return pack.find_chromium() is not None


def image_downloads(fig: go.Figure, *, key: str, file_stem: str, draw_texts: bool = True) -> None:
    """PNG and SVG buttons for a chart, in the caller's row of buttons.

    A chart from charts.framing gets its finding, subtitle and source drawn in (its image medium);
    with `draw_texts` False the figure already draws its own texts and is drawn as it is.
    """
    if not chromium_available():
        st.caption(NO_CHROMIUM)
        return
    image = frame(fig, medium=Medium.IMAGE) if draw_texts else fig

    def draw(fmt: str) -> Callable[[], bytes]:
        return lambda: pack.chart_image(image, fmt=fmt)

    for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
        st.download_button(
            f"Download {fmt.upper()}",
            data=draw(fmt),
            file_name=f"{file_stem}.{fmt}",
            mime=mime,
            key=f"{key}-{fmt}",
            icon=":material/image:",
            on_click="ignore",
            type="tertiary",
        )


@st.cache_resource(show_spinner=False, max_entries=8)
def _pack_file(key: StoreKey, deck: Deck, fmt: str, base_url: str, cover: Cover, profile: bool) -> bytes:
    """One deck's PowerPoint or PDF, kept so a second download of the same deck is instant."""
    store = store_for(key)
    if fmt == "pptx":
        return pack.pptx_pack(store, deck, base_url=base_url, cover=cover, profile=profile)
    paper = fmt.removeprefix("pdf-")
    return pack.pdf_pack(store, deck, base_url=base_url, cover=cover, paper=paper, profile=profile)


PACK_FILES = (
    ("pptx", "Download PowerPoint", pack.PPTX_MIME, ".pptx"),
    ("pdf-wide", "Download PDF (16:9, screens)", "application/pdf", ".pdf"),
    ("pdf-a4", "Download PDF (A4, printing)", "application/pdf", "-a4.pdf"),
)


def pack_downloads(
    key: StoreKey, deck: Deck, *, base_url: str, file_stem: str, cover: Cover, profile: bool = True
) -> None:
    """The board pack: the deck as PowerPoint, and as PDF for screens and for printing, one button each.

    With `profile`, the area profile follows the cover.
    """
    if not chromium_available():
        st.warning(NO_CHROMIUM.replace("Image downloads", "The board pack"), icon=":material/block:")
        return
    with st.container(horizontal=True):
        for fmt, label, mime, ending in PACK_FILES:
            st.download_button(
                label,
                data=lambda fmt=fmt: _pack_file(key, deck, fmt, base_url, cover, profile),
                file_name=f"{file_stem}{ending}",
                mime=mime,
                key=f"pack-{fmt}",
                icon=":material/download:",
                on_click="ignore",
                type="primary" if fmt == "pptx" else "secondary",
            )
