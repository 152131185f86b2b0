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


TAB_KEY = "explorer_tab"
# The explorer's views of a selection, by the name the link gives them ('tab=map'); the first is the default.
TABS = {
    "people": "Who lives there",
    "map": "Map",
    "life": "Life expectancy",
    "imported": "Imported measures",
    "closing": "Is the gap closing?",
    "every": "Every indicator by deprivation",
}


def tab_from_link(params: dict[str, str]) -> str:
    """The view the link asks for ('tab='); the first view when it names none or one that does not exist."""
    wanted = params.get("tab", "")
    return wanted if wanted in TABS else next(iter(TABS))


def seed_tab(params: dict[str, str]) -> None:
    """Open the view the link names when the page's views are first drawn in a visit.

    Set through the widget's state, not its `default`: a default that changed with the link would make
    Streamlit treat the views as a new widget and snap back to it on the next click.
    """
    if TAB_KEY not in st.session_state:
        st.session_state[TAB_KEY] = TABS[tab_from_link(params)]


def tab_params(tab: str) -> dict[str, str]:
    """The link's part for the view shown: nothing for the first view, so links made before views stay the same."""
    return {} if tab == next(iter(TABS)) else {"tab": tab}


# Choices that belong to one view; while the view is closed the link keeps them as they were.
VIEW_PARAMS = ("map", "sex", "measure", "measure_period")


def kept_params(params: dict[str, str]) -> dict[str, str]:
    """The views' choices the link holds now (views that are open replace theirs as they are drawn)."""
    return {name: params[name] for name in VIEW_PARAMS if name in params}
