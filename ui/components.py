"""Reusable Streamlit pieces: a chart with its data and download, a judgement badge, an indicator tile."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from indicators.analysis.elsewhere import published_elsewhere
from indicators.analysis.judgement import JUDGEMENT_STYLE, Assessment, Judgement
from indicators.analysis.versus_england import VERSUS_STYLE, EnglandComparison, Versus
from indicators.charts.alt_text import describe
from indicators.core.text import md_escape, safe_file_stem
from indicators.present.tables import csv_bytes
from ui.export import image_downloads

# Streamlit's named colours for the judgement words: blue and orange stay apart for colour-blind readers.
_WORD_COLOUR = {
    Judgement.IMPROVING: "blue",
    Judgement.WORSENING: "orange",
    Judgement.NO_CLEAR_CHANGE: "gray",
    Judgement.NOT_ENOUGH_DATA: "gray",
    Judgement.NOT_JUDGED: "gray",
    Judgement.MIXED: "gray",
    Judgement.CUMULATIVE: "gray",
}
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"], "responsive": True}


_VERSUS_WORD_COLOUR = {
    Versus.BETTER: "blue",
    Versus.SIMILAR: "gray",
    Versus.WORSE: "orange",
    Versus.HIGHER: "violet",
    Versus.LOWER: "violet",
    Versus.NOT_COMPARED: "gray",
}


def versus_badge(comparison: EnglandComparison, *, groups: str = "") -> str:
    """Markdown for a comparison with England: shape, word and colour together, with period and method."""
    icon, _ = VERSUS_STYLE[comparison.versus]
    colour = _VERSUS_WORD_COLOUR[comparison.versus]
    if comparison.versus is Versus.NOT_COMPARED:
        word = "Not compared with England"
    elif comparison.versus is Versus.SIMILAR:
        word = "Similar to England"
    else:
        word = f"{comparison.versus.value.capitalize()} than England"
    who = f" ({md_escape(groups)})" if groups else ""
    period = f", {md_escape(comparison.period)}" if comparison.period else ""
    return f":{colour}[**{icon} {word}**]{who}{period}"


def judgement_badge(judgement: Judgement) -> str:
    """Markdown for a judgement: icon, word and colour together."""
    judgement = Judgement(judgement)  # pandas hands enum members back as plain strings
    icon, _ = JUDGEMENT_STYLE[judgement]
    return f":{_WORD_COLOUR[judgement]}[**{icon} {judgement.value.capitalize()}**]"


def trend_badge(judgement: Judgement, words: str) -> str:
    """Markdown for a trend: the judgement's icon and colour with the trend's own words ('Getting worse')."""
    judgement = Judgement(judgement)
    icon, _ = JUDGEMENT_STYLE[judgement]
    return f":{_WORD_COLOUR[judgement]}[**{icon} {md_escape(words[:1].upper() + words[1:])}**]"


def show_chart(
    shown: tuple[go.Figure, str, str, str],
    *,
    key: str,
    table: Callable[[], pd.DataFrame] | None = None,
    level: int | None = 3,
    file_stem: str | None = None,
) -> None:
    """A chart with its finding as a heading, measure and period under it, and its source beneath.

    The heading is at `level` so a page's headings stay in order; with `level` None the page has just
    said the finding in its own words, and it is not set again as a heading (the text alternative
    and the images still carry it). The chart is followed by its text alternative (the finding and
    the values drawn, in one sentence), which screen readers read where they cannot read the plot.
    With `table` (a function giving the chart's data) the chart is followed by its data and downloads,
    the images carrying the finding, subtitle and source; the files are named `file_stem` (default:
    the key without its "chart-").
    """
    fig, finding, subtitle, source = shown
    # Findings, subtitles and sources carry indicator, area and source names, which imports can set.
    if level is not None:
        st.markdown(f"{'#' * level} {md_escape(finding)}")
    st.caption(md_escape(subtitle))
    st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, theme=None)
    st.caption(md_escape(describe(fig, finding=finding)))
    st.caption(md_escape(source))
    if table is not None:
        name = key.removeprefix("chart-")
        data_and_downloads(table, key=name, file_stem=file_stem or name, chart=shown)


def chart_with_data(fig: go.Figure, data: pd.DataFrame, *, key: str, file_name: str) -> None:
    """Show a chart, then its data and downloads."""
    st.plotly_chart(fig, key=f"chart-{key}", config=PLOTLY_CONFIG, theme=None)
    data_and_downloads(lambda: data, key=key, file_stem=file_name.removesuffix(".csv"), chart=fig)


def data_and_downloads(
    table: Callable[[], pd.DataFrame],
    *,
    key: str,
    file_stem: str,
    label: str = "Data and downloads",
    chart: go.Figure | tuple[go.Figure, str, str, str] | None = None,
) -> None:
    """A closed section under a chart: its data as a table, and the data as CSV and the chart as PNG and SVG.

    `chart` is the figure, or the figure with its finding, subtitle and source to draw into the
    images. What is inside is built only once a reader opens the section (opening it reruns the
    page): a table and its buttons make the browser load Streamlit's table and download code,
    which on a page drawn with them delayed the first chart. The CSV and the images are made only
    when their button is pressed.
    """
    file_stem = safe_file_stem(file_stem)  # ids from imports name the files: plain characters only
    section = st.expander(label, key=f"{key}-data", on_change="rerun", icon=":material/table_view:")
    if not section.open:
        return
    with section:
        data = table()
        st.dataframe(data, hide_index=True, width="stretch")
        with st.container(horizontal=True, gap="small"):
            st.download_button(
                "Download CSV",
                data=lambda: csv_bytes(data),
                file_name=f"{file_stem}.csv",
                mime="text/csv",
                key=f"{key}-csv",
                icon=":material/download:",
                on_click="ignore",
                type="tertiary",
            )
            if isinstance(chart, tuple):
                image_downloads(chart[0], key=f"{key}-image", file_stem=file_stem)
            elif chart is not None:
                image_downloads(chart, key=f"{key}-image", file_stem=file_stem, draw_texts=False)


def assessment_caption(assessments: dict[str, Assessment]) -> str:
    """How the judgement was reached, in one line per group."""
    lines = []
    for group, assessment in assessments.items():
        prefix = "" if group == "All" or len(assessments) == 1 else f"{md_escape(group)}: "
        lines.append(f"{prefix}{assessment.judgement.value} ({assessment.method})")
    return "; ".join(lines)


def no_data_note(store, indicator_id: str, *, definition: str) -> None:
    """For a measure with no series held: what is published elsewhere and by whom, or the series held instead."""
    said = published_elsewhere(store, indicator_id)
    st.caption(f"{md_escape(definition)}. {md_escape(said.text)}")
    if said.held_as is not None:
        st.page_link(
            "app_pages/indicator.py",
            label=md_escape(f"Open {said.held_title}"),
            icon=":material/open_in_new:",
            query_params={"id": said.held_as},
        )
    else:
        st.page_link("app_pages/import.py", label="Import data", icon=":material/upload:")
