"""The area profile section: Leeds against England and every district and unitary authority, in one chart."""

from __future__ import annotations

import streamlit as st

from indicators.core.text import md_escape
from ui import cached
from ui.components import show_chart
from ui.data import get_store, store_key


def area_profile_section() -> None:
    """The spine chart with its text alternative and its data and downloads, or a line saying why it is missing."""
    st.header("Leeds against England and every authority", divider="blue")
    store = get_store()
    if not store.has("area_spread"):
        problem = store.problems.get("area_spread")
        st.info(
            "The area profile needs the spread of English authorities (table area_spread), which could not be loaded"
            + (f": {md_escape(problem.problems[0])}" if problem is not None and problem.problems else ".")
            + " Rebuild the store to restore it.",
            icon=":material/info:",
        )
        return
    key = store_key()
    shown = cached.profile(key)
    if shown is None:
        st.caption("No official series for Leeds is in the store, so there is no area profile to draw.")
        return
    chart, alt_text, table = shown
    show_chart(chart, key="chart-area-profile", table=lambda: table)
    st.caption(f"In words: {md_escape(alt_text)}")
