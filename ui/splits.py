"""The indicator page's deprivation splits of an analyst's counts template: one chart per split, cached."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from indicators.charts.framing import on_screen
from indicators.charts.splits import split_figure, split_table, split_types
from indicators.core.text import md_escape
from ui.components import show_chart
from ui.data import StoreKey, store_for

ENTRIES = 64


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def _screen_split(key: StoreKey, indicator_id: str, source_id: str, breakdown_type: str) -> tuple | None:
    figure: go.Figure | None = split_figure(
        store_for(key), indicator_id, source_id=source_id, breakdown_type=breakdown_type
    )
    return None if figure is None else on_screen(figure)


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def _table(key: StoreKey, indicator_id: str, source_id: str, breakdown_type: str) -> pd.DataFrame:
    return split_table(store_for(key), indicator_id, source_id=source_id, breakdown_type=breakdown_type)


def show_splits(key: StoreKey, indicator_id: str, source_id: str, *, level: int = 3) -> None:
    """Each deprivation split a source holds for Leeds as its own chart, with its data; nothing if none."""
    kinds = split_types(store_for(key), indicator_id, source_id=source_id)
    if not kinds:
        return
    st.markdown(f"{'#' * level} By deprivation within Leeds")
    st.caption(
        md_escape(
            "Each split covers all of Leeds, so each has a chart of its own; the dashed line is all of Leeds "
            "in the same period."
        )
    )
    for breakdown_type in kinds:
        shown = _screen_split(key, indicator_id, source_id, breakdown_type)
        if shown is not None:
            show_chart(
                shown,
                key=f"chart-split-{source_id}-{breakdown_type}",
                table=lambda b=breakdown_type: _table(key, indicator_id, source_id, b),
                level=level + 1,
            )
