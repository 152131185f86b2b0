"""The indicator page's compare-areas section: every chosen area as bars, and which of them the trend keeps."""

from __future__ import annotations

import streamlit as st

from indicators.charts.compare_areas import TREND_AREAS
from indicators.charts.selection import ChartSelection
from indicators.core.text import md_escape
from indicators.store.queries import area_names
from ui import cached
from ui.components import show_chart
from ui.data import StoreKey, get_store


def compare_areas(key: StoreKey, selection: ChartSelection) -> tuple[str, ...]:
    """Draw the compare-areas bars with their text alternative and data; return the areas the trend keeps."""
    comparators = selection.comparators
    shown = cached.compare(key, selection)
    kept = comparators[:TREND_AREAS]
    if shown is None:
        return kept
    chart, alt_text = shown
    show_chart(
        chart,
        key=f"chart-compare-{selection.source_id}",
        table=lambda: cached.compare_rows_table(key, selection),
    )
    st.caption(f"In words: {md_escape(alt_text)}")
    if len(comparators) > TREND_AREAS:
        names = area_names(get_store())
        st.caption(
            f"The trend below shows Leeds, England and the first {TREND_AREAS} areas chosen "
            f"({md_escape(', '.join(names[c] for c in kept))}); every area chosen is in the bars above."
        )
    return kept
