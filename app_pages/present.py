"""Presenter mode: prepare a deck of findings, show it full screen one slide at a time, send it as a board pack."""

import re

import plotly.graph_objects as go
import streamlit as st

from indicators.core.text import html_text, md_escape
from indicators.present.deck import DeckItem, DeckLinkError, default_source, format_deck
from indicators.store.queries import sources_of
from ui import cached
from ui.components import PLOTLY_CONFIG
from ui.data import get_store, store_key
from ui.deck_state import (
    MOVE_KEY,
    SOURCE_KEY,
    DeckView,
    base_url,
    move_slide,
    read_deck_view,
    set_source,
    write_deck_view,
)
from ui.export import pack_downloads

SLIDE_CHART_HEIGHT = 380
# Slides are read from the back of a room: large type, and nothing of the app's frame around them.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none;}
[data-testid="stMainBlockContainer"] {padding-top: 1.2rem; max-width: 100%;}
h1.slide-finding {font-size: clamp(1.5rem, 3.4vw, 3.1rem) !important; line-height: 1.15 !important;
  font-weight: 700; color: #003087 !important; margin: 0 0 0.3rem 0 !important; padding: 0 !important;}
.slide-subtitle {font-size: clamp(1rem, 1.6vw, 1.45rem); color: #425563; margin-bottom: 0.4rem;}
.slide-value {font-size: clamp(2.4rem, 6vw, 5rem); font-weight: 700; color: #005EB8; margin: 2rem 0;}
.slide-foot {font-size: clamp(0.95rem, 1.25vw, 1.2rem); color: #425563;}
.slide-counter {font-size: clamp(1rem, 1.4vw, 1.3rem); font-weight: 700; color: #212B32; text-align: center;}
</style>
"""

store = get_store()
version = store_key()
catalogue = store.indicators.set_index("indicator_id")

try:
    view = read_deck_view(store)
except DeckLinkError as problem:
    st.title("Deck not found")
    st.error(f"{md_escape(problem)} Start a new deck from the headline indicators instead.", icon=":material/link_off:")
    st.page_link(
        "app_pages/present.py", label="Presenter mode with the headline indicators", icon=":material/slideshow:"
    )
    st.stop()

deck = cached.deck(version, tuple((i.indicator_id, i.source_id) for i in view.items))


def _go(**changes: object) -> None:
    """Move to another slide or view: the URL changes, so a copied link opens the same place."""
    now = read_deck_view(store)
    write_deck_view(
        store, DeckView(items=now.items, slide=changes.get("slide", now.slide), view=changes.get("view", now.view))
    )


if view.view == "present" and len(deck):
    slide = deck.slide(view.slide)
    st.html(PRESENT_CSS)
    st.markdown(f'<h1 class="slide-finding">{html_text(slide.finding)}</h1>', unsafe_allow_html=True)
    st.markdown(f'<div class="slide-subtitle">{html_text(slide.subtitle)}</div>', unsafe_allow_html=True)
    shown = (
        cached.screen_figure(version, cached.ChartSelection(slide.indicator_id, slide.source_id))
        if slide.has_chart
        else None
    )
    if shown is not None:
        # Short enough that source, date and the buttons stay on a 768-pixel-high projector screen.
        figure = go.Figure(shown[0]).update_layout(height=SLIDE_CHART_HEIGHT)
        st.plotly_chart(figure, key=f"slide-{slide.number}", config=PLOTLY_CONFIG, theme=None)
        if shown[2] != slide.subtitle:  # the Plan's direction, written beside the subtitle on screen
            st.markdown(
                f'<div class="slide-foot">{html_text(shown[2].split(" · ", 1)[-1])}</div>', unsafe_allow_html=True
            )
    elif slide.has_data:
        st.markdown(f'<div class="slide-value">{html_text(slide.value_text)}</div>', unsafe_allow_html=True)
    else:
        st.info(
            "**No data yet.** The Plan names this measure but no published figure is in the dashboard.",
            icon=":material/hourglass_empty:",
        )
    st.markdown(
        f'<div class="slide-foot">{html_text(slide.source)}<br>{html_text(slide.data_date)}</div>',
        unsafe_allow_html=True,
    )
    previous, counter, following, leave = st.columns([2, 3, 2, 2], vertical_alignment="center")
    previous.button(
        "Previous",
        icon=":material/arrow_back:",
        shortcut="Left",
        key="previous",
        disabled=slide.number == 1,
        on_click=_go,
        kwargs={"slide": slide.number - 1},
        width="stretch",
    )
    counter.markdown(
        f'<div class="slide-counter" data-testid="slide-counter">{slide.counter}</div>', unsafe_allow_html=True
    )
    following.button(
        "Next",
        icon=":material/arrow_forward:",
        shortcut="Right",
        key="next",
        disabled=slide.number == len(deck),
        on_click=_go,
        kwargs={"slide": slide.number + 1},
        width="stretch",
    )
    leave.button(
        "Prepare",
        icon=":material/edit:",
        shortcut="Esc",
        key="leave",
        on_click=_go,
        kwargs={"view": "prepare"},
        width="stretch",
        type="tertiary",
    )
    st.stop()

st.title("Presenter mode")
st.markdown(
    "Choose the findings to show, in order; present them one per slide, full screen, moving on with the "
    "**arrow keys**; send the same slides as PowerPoint or PDF. The deck lives in the link, so it can be "
    "prepared and sent before the meeting."
)

ids = catalogue.index.tolist()
# No key: the widget starts again from the URL's order whenever a slide is moved.
chosen = st.multiselect(
    "Indicators, in the order they are shown",
    ids,
    default=[item.indicator_id for item in view.items],
    format_func=lambda i: catalogue.at[i, "title"],
    placeholder="Choose indicators for the deck",
)
sources = {item.indicator_id: item.source_id for item in view.items}
items = tuple(DeckItem(i, sources.get(i) or default_source(store, i)) for i in chosen)
write_deck_view(store, DeckView(items=items, slide=min(view.slide, max(len(items), 1)), view="prepare"))

if not items:
    st.info("Choose at least one indicator to make a deck.", icon=":material/info:")
    st.stop()

left, right, later = st.columns([4, 1, 1], vertical_alignment="bottom")
moving = left.selectbox(
    "Move a slide",
    range(len(items)),
    format_func=lambda n: f"{n + 1}. {catalogue.at[items[n].indicator_id, 'title']}",
    key=MOVE_KEY,
)
right.button(
    "Earlier",
    icon=":material/arrow_upward:",
    disabled=moving == 0,
    width="stretch",
    on_click=move_slide,
    args=(store, moving, -1),
)
later.button(
    "Later",
    icon=":material/arrow_downward:",
    disabled=moving == len(items) - 1,
    width="stretch",
    on_click=move_slide,
    args=(store, moving, 1),
)

# An indicator with both the report's figures and an official series: the presenter picks which one.
available = sources_of(store, items[moving].indicator_id)
if len(available) > 1:
    short = store.sources.set_index("source_id")["short_title"]
    source_key = f"{SOURCE_KEY}-{items[moving].indicator_id}"
    st.segmented_control(
        f"Slide {moving + 1}: figures from",
        available,
        default=items[moving].source_id,
        format_func=lambda s: short[s],
        key=source_key,
        on_change=set_source,
        args=(store, moving, source_key),
    )

deck = cached.deck(version, tuple((i.indicator_id, i.source_id) for i in items))
st.button(
    "Start presenting",
    icon=":material/slideshow:",
    type="primary",
    on_click=_go,
    kwargs={"view": "present", "slide": 1},
)
link = f"{base_url().rstrip('/')}/present?deck={format_deck(store, items)}&view=present&embed=true"
st.caption("Link to this deck, full screen without the menu (copy it into an invitation or the meeting's chat):")
st.code(link, language=None, wrap_lines=True)

st.subheader("Board pack")
st.markdown(
    f"The same {len(deck)} slides for the papers: PowerPoint (each finding as the slide title, the chart as a "
    "picture, source, data date and a link to the live page) and PDF. Drawing them takes a few seconds."
)
stem = re.sub(r"[^a-z0-9]+", "-", f"leeds-indicators-{len(deck)}-slides").strip("-")
pack_downloads(version, deck, base_url=base_url(), file_stem=stem)

st.subheader("The slides")
st.dataframe(
    [{"Slide": s.number, "Finding": s.finding, "Data": s.data_date, "Chart": s.kind.value} for s in deck.slides],
    hide_index=True,
    width="stretch",
)
