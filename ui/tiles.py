"""The Overview's indicator tiles: value, period, change, judgement in words and icon, sparkline, link."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.core.text import md_escape
from ui.components import judgement_badge

INDICATOR_PAGE = "app_pages/indicator.py"
TILES_PER_ROW = 3


def tile(row: pd.Series) -> None:
    """One bordered tile that opens the indicator's page."""
    with st.container(border=True):
        st.markdown(f"**{md_escape(row['title'])}**")
        st.metric(
            label=md_escape(row["title"]),
            label_visibility="collapsed",
            value=row["short"],
            delta=row["change"] or None,
            delta_color="off",
            delta_arrow="off",
            chart_data=row["spark"] or None,
            chart_type="line",
        )
        detail = row["latest"] if row["latest"] != row["short"] else ""
        period = row["period"] or "No figure published"
        # The detail names groups and places, which imports can set: escaped inside the colour span.
        lines = [judgement_badge(row["judgement"]), f":gray[{md_escape(period)}]"]
        lines += [f":gray[{md_escape(detail)}]"] if detail else []
        st.markdown("  \n".join(lines))
        st.page_link(
            INDICATOR_PAGE,
            label="Open the chart",
            icon=":material/show_chart:",
            query_params={"id": row["indicator_id"]},
        )


def tile_grid(rows: pd.DataFrame) -> None:
    """Tiles in rows of three, in catalogue order."""
    for start in range(0, len(rows), TILES_PER_ROW):
        columns = st.columns(TILES_PER_ROW)
        for column, (_, row) in zip(columns, rows.iloc[start : start + TILES_PER_ROW].iterrows(), strict=False):
            with column:
                tile(row)
