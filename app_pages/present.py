"""Presenter mode: prepare a deck of findings, show it full screen one slide at a time, send it as a board pack."""

import datetime
import re

import streamlit as st

from indicators.charts.framing import Medium, chart_texts, frame
from indicators.charts.selection import ChartSelection
from indicators.core.text import distinct_labels, html_text, md_escape
from indicators.present.cover import Cover
from indicators.present.deck import DeckLinkError, format_deck
from indicators.present.slides import left_out_notes, no_data_text
from indicators.store.lookups import indicator_titles, short_titles
from indicators.store.queries import sources_of
from ui import cached
from ui.components import PLOTLY_CONFIG
from ui.data import get_store, store_key
from ui.deck_state import (
    CHOSEN_KEY,
    MOVE_KEY,
    SOURCE_KEY,
    DeckView,
    base_url,
    current_items,
    move_slide,
    read_deck_view,
    seed_chosen,
    set_source,
    write_deck_view,
)
from ui.export import pack_downloads

# Slides are read from the back of a room: large type, the chart filling most of the wall, and nothing
# of the app's frame around them. Sizes follow the window (vw, vh), so a 1920 x 1080 wall and a
# 1280 x 720 projector show the same slide; chart text is drawn at charts.framing.SLIDE_TEXT_PX.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none;}
[data-testid="stMainBlockContainer"] {padding: 1.2vh 2.2vw 0 2.2vw; max-width: 100%;}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {gap: 0.6vh;}
.slide-block {display: flow-root; padding-bottom: 0.5rem;}
h1.slide-finding {line-height: 1.12 !important; font-weight: 700; color: #003087 !important;
  margin: 0 !important; padding: 0 !important;}
.slide-subtitle {font-size: max(1.25vw, 15px); color: #425563; margin: 0.5vh 0 0 0; line-height: 1.35;}
.st-key-slide-chart, .st-key-slide-text {height: 65vh; min-height: 65vh;}
.st-key-slide-chart [data-testid="stPlotlyChart"], .st-key-slide-chart .stPlotlyChart,
.st-key-slide-chart .js-plotly-plot, .st-key-slide-chart .plot-container, .st-key-slide-chart .svg-container
  {height: 65vh !important;}
.slide-value {font-size: clamp(2.4rem, 6vw, 7rem); font-weight: 700; color: #005EB8; padding: 14vh 0 4vh 0;}
.slide-nodata {font-size: max(3.3vw, 28px); font-weight: 700; color: #212B32; padding: 12vh 0 3vh 0; line-height: 1.2;}
.slide-elsewhere {font-size: max(2vw, 20px); color: #425563; line-height: 1.3;}
.slide-note {font-size: max(1.25vw, 15px); color: #212B32; line-height: 1.25; margin-bottom: 0.8vh;}
.slide-foot {font-size: max(1.25vw, 15px); color: #425563; line-height: 1.25;}
.slide-counter {font-size: max(1.25vw, 15px); font-weight: 700; color: #212B32; text-align: center;}
</style>
"""
# The finding's size, by its length, so that it takes at most two lines at any window width.
FINDING_SIZES = ((70, 3.0), (95, 2.6), (120, 2.15), (150, 1.75))
SLIDE_CONFIG = {**PLOTLY_CONFIG, "displayModeBar": False}
DEFAULT_MEETING = "Leeds Health and Wellbeing Board"


def finding_size(text: str) -> float:
    """The finding's font size in vw: large, and smaller only as far as two lines need."""
    return next((size for limit, size in FINDING_SIZES if len(text) <= limit), 1.45)


store = get_store()
version = store_key()
titles = indicator_titles(store)

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
        store,
        DeckView(
            items=current_items(store),
            slide=changes.get("slide", now.slide),
            view=changes.get("view", now.view),
        ),
    )


if view.view == "present" and len(deck):
    slide = deck.slide(view.slide)
    st.html(PRESENT_CSS)
    selection = ChartSelection(slide.indicator_id, slide.source_id)
    original = cached.figure(version, selection) if slide.has_chart else None
    wants = chart_texts(original).wants if original else None
    subtitle = slide.subtitle + (f" · {wants}" if wants else "")
    # Finding and subtitle in one block, so Streamlit's spacing between elements cannot overlap them.
    st.markdown(
        f'<div class="slide-block"><h1 class="slide-finding" style="font-size: max({finding_size(slide.finding)}vw, '
        f'22px)">{html_text(slide.finding)}</h1><div class="slide-subtitle">{html_text(subtitle)}</div></div>',
        unsafe_allow_html=True,
    )
    if original is not None:
        with st.container(key="slide-chart"):
            st.plotly_chart(
                frame(original, medium=Medium.SLIDE),
                key=f"slide-{slide.number}",
                config=SLIDE_CONFIG,
                theme=None,
                height="stretch",
            )
        notes = left_out_notes(store, original, source_id=slide.source_id)
        if notes:
            st.markdown(
                '<div class="slide-block">'
                + "".join(f'<div class="slide-note">{html_text(note)}</div>' for note in notes)
                + "</div>",
                unsafe_allow_html=True,
            )
    else:
        # The same height as a chart, so source, date and buttons sit where they sit on every slide.
        with st.container(key="slide-text"):
            if slide.has_data:
                st.markdown(
                    f'<div class="slide-block"><div class="slide-value">{html_text(slide.value_text)}</div></div>',
                    unsafe_allow_html=True,
                )
            else:
                statement, elsewhere = no_data_text(slide)
                st.markdown(
                    f'<div class="slide-block"><div class="slide-nodata">{html_text(statement)}</div>'
                    f'<div class="slide-elsewhere">{html_text(elsewhere)}</div></div>',
                    unsafe_allow_html=True,
                )
    foot, previous, counter, following, leave = st.columns([9, 2, 2, 2, 2], vertical_alignment="center")
    foot.markdown(
        f'<div class="slide-block slide-foot">{html_text(slide.source)}<br>{html_text(slide.data_date)}</div>',
        unsafe_allow_html=True,
    )
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

ids = list(titles)
labels = distinct_labels(titles)  # kept by id: shared titles get the id added
# Keyed and seeded once from the link: the widget holds the list, the link is written from it.
seed_chosen(view)
st.multiselect(
    "Indicators, in the order they are shown",
    ids,
    format_func=labels.__getitem__,
    placeholder="Choose indicators for the deck",
    key=CHOSEN_KEY,
)
items = current_items(store)
write_deck_view(store, DeckView(items=items, slide=min(view.slide, max(len(items), 1)), view="prepare"))

if not items:
    st.info("Choose at least one indicator to make a deck.", icon=":material/info:")
    st.stop()

left, right, later = st.columns([4, 1, 1], vertical_alignment="bottom")
moving = left.selectbox(
    "Move a slide",
    range(len(items)),
    format_func=lambda n: f"{n + 1}. {labels[items[n].indicator_id]}",
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
    short = short_titles(store)
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
    f"The same {len(deck)} findings for the papers, one a page after a cover with the meeting, the date the data is "
    "from and the contents, and the area profile if included: PowerPoint (each finding as the slide title, the "
    "chart as a picture with its alternative text, source, data date, a link to the live page, and speaker notes "
    "with the definition, method and caveats), and PDF for screens (16:9) or for printing (A4 portrait). Drawing "
    "them takes a few seconds."
)
meeting_box, date_box = st.columns([3, 1])
meeting = meeting_box.text_input("The meeting it is for", value=DEFAULT_MEETING, max_chars=120)
meeting_date = date_box.date_input("Meeting date", value=datetime.date.today(), format="DD/MM/YYYY")
cover = Cover(meeting=meeting.strip(), meeting_date=meeting_date, data_as_at=datetime.date.today())
stem = re.sub(r"[^a-z0-9]+", "-", f"leeds-indicators-{meeting_date:%Y-%m-%d}-{len(deck)}-findings").strip("-")
with_profile = st.checkbox(
    "Include the area profile after the cover (Leeds against England on every official series, as in Fingertips)",
    value=True,
    key="pack-profile",
    disabled=not store.has("area_spread"),
    help="A spine chart over as many pages as its rows need: Fingertips' comparison with England for each series.",
)
pack_downloads(version, deck, base_url=base_url(), file_stem=stem, cover=cover, profile=with_profile)

st.subheader("The slides")
st.dataframe(
    [{"Slide": s.number, "Finding": s.finding, "Data": s.data_date, "Chart": s.kind.value} for s in deck.slides],
    hide_index=True,
    width="stretch",
)
