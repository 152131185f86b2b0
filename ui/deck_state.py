"""The presenter's deck in the URL: which indicators, in what order, which slide and which view.

A prepared link (for example `present?deck=smoking_prevalence,year6_obesity&slide=2&view=present`)
opens the same deck on the same slide, so a deck can be made before a meeting and sent round.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from indicators.core import settings
from indicators.present.deck import DeckItem, format_deck, headline_items, parse_deck
from indicators.store.load import Store
from ui import cached
from ui.data import store_key
from ui.state import param, set_params

VIEWS = ("prepare", "present")
DEFAULT_BASE_URL = "http://localhost:8501"


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
    """Where the dashboard is published, for the live-view links in a pack: INDICATORS_PUBLIC_URL."""
    return settings.value("INDICATORS_PUBLIC_URL") or DEFAULT_BASE_URL


MOVE_KEY = "deck_move_which"
SOURCE_KEY = "deck_source"


def move_slide(store: Store, position: int, step: int) -> None:
    """Swap a slide with its neighbour (a button callback), and keep the moved slide selected."""
    now = read_deck_view(store)
    items = list(now.items)
    target = position + step
    if 0 <= position < len(items) and 0 <= target < len(items):
        items[position], items[target] = items[target], items[position]
        write_deck_view(store, DeckView(items=tuple(items), slide=now.slide, view=now.view))
        st.session_state[MOVE_KEY] = target


def set_source(store: Store, position: int, key: str) -> None:
    """Show one slide's indicator from the source chosen in the widget `key` (a callback)."""
    chosen = st.session_state.get(key)
    now = read_deck_view(store)
    items = list(now.items)
    if chosen and 0 <= position < len(items):
        items[position] = DeckItem(items[position].indicator_id, chosen)
        write_deck_view(store, DeckView(items=tuple(items), slide=now.slide, view=now.view))
