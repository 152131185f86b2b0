"""The explorer's widget state: the one place its pages touch st.session_state.

A pick on the map is handled in the chart's selection callback, before the page reruns: it sets the
filter widgets to the new selection, and the page then writes the URL from them as after any other
change (ui/state.py owns the URL).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import streamlit as st

from indicators.analysis.areas import AreaSelection
from indicators.analysis.map_pick import pick_selection

KIND_KEY = "filter_kind"


def groups_key(kind: str) -> str:
    """The key of the multiselect of one filter kind."""
    return f"groups_{kind}"


def unless_set(key: str, value):
    """`value` as a widget's default, or None when the widget's state already holds a value (no double source)."""
    return None if key in st.session_state else value


def on_pick(map_key: str, selection: AreaSelection, selected_lsoas: Sequence[str], known: Collection[str]) -> None:
    """The map's selection callback: turn the pick into the next selection and set the filter widgets to it."""
    state = st.session_state.get(map_key)
    event = dict(state.get("selection") or {}) if state else None
    new = pick_selection(selection, selected_lsoas, event, known=known)
    if new == selection:
        return
    st.session_state[KIND_KEY] = new.kind
    if new.values:
        st.session_state[groups_key(new.kind)] = list(new.values)
