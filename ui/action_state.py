"""The action tracker's shareable state (the URL), its one-off notices, and its cached item list."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd
import streamlit as st

from indicators.actions.model import item_links, tracker_items
from indicators.actions.selection import Options, Selection, parse_selection, selection_params
from indicators.actions.status_log import StatusUpdate
from indicators.actions.view import TrackerView, tracker_view
from ui import state as url
from ui.data import StoreKey, store_for

_NOTICE = "action_tracker_notice"


def read_selection(*, options_for: Mapping[str, Options], today: date) -> tuple[Selection, list[str]]:
    """The selection the URL asks for, and a message for each part of it that is unknown."""
    return parse_selection(url.params(), options_for=options_for, today=today)


def write_selection(selection: Selection, *, today: date) -> None:
    """Put the selection in the URL so a copied link opens the same view."""
    url.set_params(selection_params(selection, today=today))


def leave_notice(text: str) -> None:
    """Keep a message to show once after the next rerun (e.g. "update saved")."""
    st.session_state[_NOTICE] = text


def take_notice() -> str | None:
    """The message left by the previous run, if any; it is shown once."""
    return st.session_state.pop(_NOTICE, None)


# Building the item list and its links takes about a tenth of a second and depends only on the
# data, so it is done once per version of the data.
@st.cache_resource(show_spinner=False, max_entries=2)
def tracker_data(key: StoreKey) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The actions and milestones as one table, and every link of every item."""
    store = store_for(key)
    items = tracker_items(store)
    return items, item_links(store, items)


# The tracker for one selection, as-at day and state of the status log: its chart and table take
# about 60 ms to build, more than half a rerun, so a rerun that changes none of them reuses it.
@st.cache_resource(show_spinner=False, max_entries=64)
def cached_tracker_view(
    key: StoreKey, *, updates: tuple[StatusUpdate, ...], selection: Selection, today: date
) -> TrackerView:
    """The tracker as shown (actions.view.tracker_view), shared by reruns and sessions; not to be modified."""
    items, links = tracker_data(key)
    return tracker_view(items=items, links=links, updates=list(updates), selection=selection, today=today)
