"""The presenter's deck in the URL: which indicators, in what order, which slide and which view.

A prepared link (for example `present?deck=smoking_prevalence,year6_obesity&slide=2&view=present`)
opens the same deck on the same slide, so a deck can be made before a meeting and sent round.

While the deck is being prepared, the list of indicators is held by its widget (keyed, in the
session) and the link is written from it. The link only seeds the widget when the page is opened:
a widget whose starting value came from the link on every run would be a new widget each time the
link changed, and would drop whatever was added in between (every second indicator was lost).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from indicators.core import settings
from indicators.present.deck import DeckItem, default_source, format_deck, headline_items, parse_deck
from indicators.present.public_url import SETTING, PublicUrlError, public_base_url
from indicators.store.load import Store
from ui import cached
from ui.data import store_key
from ui.state import param, set_params

VIEWS = ("prepare", "present")


@dataclass(frozen=True)
class DeckView:
    """What the presenter page shows: the chosen indicators, the current slide and the view."""

    items: tuple[DeckItem, ...]
    slide: int
    view: str


def read_deck_view(store: Store) -> DeckView:
    """The deck from the URL, or the Overview's headline set; DeckLinkError names an unknown part."""
    text = param("deck")
    if text is None:
        items = tuple(headline_items(store, tiles=cached.tiles(store_key())[0]))
    else:
        items = tuple(parse_deck(store, text))
    try:
        slide = int(param("slide") or 1)
    except ValueError:
        slide = 1
    view = param("view") or "prepare"
    return DeckView(
        items=items,
        slide=min(max(slide, 1), max(len(items), 1)),
        view=view if view in VIEWS else "prepare",
    )


def write_deck_view(store: Store, view: DeckView) -> None:
    """Put the deck in the URL; the headline set is left out of the link, as it is the default."""
    # Streamlit keeps ?embed=true itself; it never appears among the query parameters here.
    params = {}
    if list(view.items) != headline_items(store, tiles=cached.tiles(store_key())[0]):
        params["deck"] = format_deck(store, view.items)
    params["slide"] = str(view.slide)
    params["view"] = view.view
    set_params(params)


def base_url() -> str:
    """The dashboard's address as this reader reaches it, for deck links and a pack's live-view links.

    INDICATORS_PUBLIC_URL wins when set; a setting that is not a web address is reported on the page
    and the request's own address is used instead.
    """
    headers = dict(st.context.headers or {})
    path = str(st.get_option("server.baseUrlPath") or "")
    try:
        return public_base_url(headers=headers, setting=settings.value(SETTING), base_path=path)
    except PublicUrlError as problem:
        st.warning(f"{problem} Links use the address this page was opened at.", icon=":material/link_off:")
        return public_base_url(headers=headers, base_path=path)


MOVE_KEY = "deck_move_which"
SOURCE_KEY = "deck_source"
CHOSEN_KEY = "deck_chosen"


def seed_chosen(view: DeckView) -> None:
    """Start the deck's widget from the link, when the page is opened (the widget keeps it after that)."""
    if CHOSEN_KEY not in st.session_state:
        st.session_state[CHOSEN_KEY] = [item.indicator_id for item in view.items]


def current_items(store: Store) -> tuple[DeckItem, ...]:
    """The deck as the presenter has it now: the widget's list, with each slide's source from the link."""
    now = read_deck_view(store)
    chosen = st.session_state.get(CHOSEN_KEY)
    if chosen is None:
        return now.items
    sources = {item.indicator_id: item.source_id for item in now.items}
    return tuple(DeckItem(i, sources.get(i) or default_source(store, i)) for i in chosen)


def move_slide(store: Store, position: int, step: int) -> None:
    """Swap a slide with its neighbour (a button callback), and keep the moved slide selected."""
    now = read_deck_view(store)
    items = list(current_items(store))
    target = position + step
    if 0 <= position < len(items) and 0 <= target < len(items):
        items[position], items[target] = items[target], items[position]
        write_deck_view(store, DeckView(items=tuple(items), slide=now.slide, view=now.view))
        st.session_state[CHOSEN_KEY] = [item.indicator_id for item in items]
        st.session_state[MOVE_KEY] = target


def set_source(store: Store, position: int, key: str) -> None:
    """Show one slide's indicator from the source chosen in the widget `key` (a callback)."""
    chosen = st.session_state.get(key)
    now = read_deck_view(store)
    items = list(current_items(store))
    if chosen and 0 <= position < len(items):
        items[position] = DeckItem(items[position].indicator_id, chosen)
        write_deck_view(store, DeckView(items=tuple(items), slide=now.slide, view=now.view))
