"""Reusable Streamlit pieces: a chart with its data and download, a judgement badge, an indicator tile."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from indicators.status import JUDGEMENT_STYLE, Assessment, Judgement
from indicators.tables import csv_bytes
from indicators.text import md_escape
from ui.export import image_downloads

# Streamlit's named colours for the judgement words: blue and orange stay apart for colour-blind readers.
_WORD_COLOUR = {
    Judgement.IMPROVING: "blue",
    Judgement.WORSENING: "orange",
    Judgement.NO_CLEAR_CHANGE: "gray",
    Judgement.NOT_ENOUGH_DATA: "gray",
    Judgement.NOT_JUDGED: "gray",
    Judgement.MIXED: "gray",
}
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"], "responsive": True}


def judgement_badge(judgement: Judgement) -> str:
    """Markdown for a judgement: icon, word and colour together."""
    judgement = Judgement(judgement)  # pandas hands enum members back as plain strings
    icon, _ = JUDGEMENT_STYLE[judgement]
    return f":{_WORD_COLOUR[judgement]}[**{icon} {judgement.value.capitalize()}**]"


def show_chart(shown: tuple[go.Figure, str, str, str], *, key: str) -> None:
    """A chart with its finding as a heading, measure and period under it, and its source beneath."""
    fig, finding, subtitle, source = shown
    # Findings, subtitles and sources carry indicator, area and source names, which imports can set.
    st.markdown(f"##### {md_escape(finding)}")
    st.caption(md_escape(subtitle))
    st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, theme=None)
    st.caption(md_escape(source))
    image_downloads(fig, key=f"{key}-image", file_stem=key.removeprefix("chart-"), texts=(finding, subtitle, source))


def chart_with_data(fig: go.Figure, data: pd.DataFrame, *, key: str, file_name: str) -> None:
    """Show a chart, then its data as a table with a CSV download."""
    st.plotly_chart(fig, key=f"chart-{key}", config=PLOTLY_CONFIG, theme=None)
    image_downloads(fig, key=f"image-{key}", file_stem=file_name.removesuffix(".csv"))
    with st.expander("The data behind this chart"):
        st.dataframe(data, hide_index=True, width="stretch")
        st.download_button(
            "Download CSV",
            data=csv_bytes(data),
            file_name=file_name,
            mime="text/csv",
            key=f"download-{key}",
        )


def assessment_caption(assessments: dict[str, Assessment]) -> str:
    """How the judgement was reached, in one line per group."""
    lines = []
    for group, assessment in assessments.items():
        prefix = "" if group == "All" or len(assessments) == 1 else f"{md_escape(group)}: "
        lines.append(f"{prefix}{assessment.judgement.value} ({assessment.method})")
    return "; ".join(lines)
