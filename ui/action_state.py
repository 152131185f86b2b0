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
from indicators.store.load import Store

_NOTICE = "action_tracker_notice"


def read_selection(*, options_for: Mapping[str, Options], today: date) -> tuple[Selection, list[str]]:
    """The selection the URL asks for, and a message for each part of it that is unknown."""
    params = {key: value for key, value in st.query_params.to_dict().items() if isinstance(value, str)}
    return parse_selection(params, options_for=options_for, today=today)


def write_selection(selection: Selection, *, today: date) -> None:
    """Put the selection in the URL so a copied link opens the same view."""
    params = selection_params(selection, today=today)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def leave_notice(text: str) -> None:
    """Keep a message to show once after the next rerun (e.g. "update saved")."""
    st.session_state[_NOTICE] = text


def take_notice() -> str | None:
    """The message left by the previous run, if any; it is shown once."""
    return st.session_state.pop(_NOTICE, None)


# Building the item list and its links takes about a tenth of a second and depends only on the
# store, so it is done once per loaded store. The entry keeps the store alive, so its id is not reused.
@st.cache_resource(show_spinner=False, max_entries=2)
def _tracker_data(store_id: int, _store: Store) -> tuple[Store, pd.DataFrame, pd.DataFrame]:
    items = tracker_items(_store)
    return _store, items, item_links(_store, items)


def tracker_data(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The actions and milestones as one table, and every link of every item."""
    _, items, links = _tracker_data(id(store), store)
    return items, links


# The tracker for one selection, as-at day and state of the status log: its chart and table take
# about 60 ms to build, more than half a rerun, so a rerun that changes none of them reuses it.
# Keyed like _tracker_data; the entry holds the store, so its id is not reused while it lives.
@st.cache_resource(show_spinner=False, max_entries=64)
def _tracker_view(
    store_id: int, _store: Store, updates: tuple[StatusUpdate, ...], selection: Selection, today: date
) -> tuple[Store, TrackerView]:
    items, links = tracker_data(_store)
    return _store, tracker_view(items=items, links=links, updates=list(updates), selection=selection, today=today)


def cached_tracker_view(store: Store, *, updates: list[StatusUpdate], selection: Selection, today: date) -> TrackerView:
    """The tracker as shown (actions.view.tracker_view), shared by reruns and sessions; not to be modified."""
    return _tracker_view(id(store), store, tuple(updates), selection, today)[1]
