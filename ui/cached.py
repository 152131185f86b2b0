"""Results the pages reuse across reruns and sessions, computed once per version of the data.

Building a page's figures and tables from the store takes seconds; a rerun must take well
under 100 ms. Each function here is keyed by the data version (ui.data.store_key) plus its
arguments, so new or removed data gives new results. What comes back is shared between
sessions and must not be modified.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from indicators.analysis.areas import AreaSelection
from indicators.analysis.board_headline import headline_sentences, judgements_table
from indicators.analysis.judgement import Assessment, assess_indicator
from indicators.analysis.summary import latest_values
from indicators.analysis.versus_england import latest_versus_england
from indicators.charts.compare_areas import compare_figure, compare_table
from indicators.charts.figures import deprivation_figure, figure_for
from indicators.charts.framing import on_screen
from indicators.charts.plan import ChartPlan, chart_plan
from indicators.charts.profile import area_profile
from indicators.charts.report_beside import has_report_pair_and_series, report_beside_official
from indicators.charts.selection import ChartSelection
from indicators.imports.provenance import coverage_note, imported_indicators
from indicators.present.deck import Deck, DeckItem, build_deck
from indicators.present.explorer import (
    AreaView,
    ExplorerContext,
    SeriesView,
    area_view,
    explorer_context,
    levels_chart,
    series_view,
)
from indicators.present.tables import chart_table, overview_tiles
from indicators.present.tables import deprivation_table as deprivation_rows_table
from ui.data import StoreKey, store_for

ENTRIES = 512


@st.cache_resource(show_spinner=False, max_entries=4)
def tiles(key: StoreKey) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """The Overview's tiles and its opening sentences (worse than England, getting worse, improving)."""
    store = store_for(key)
    table = overview_tiles(store)
    # Imported indicators are shown, labelled with their import, but never counted among the Plan's figures.
    imported = imported_indicators(store.indicators, store.sources)
    table = table.assign(imported_from=table["indicator_id"].map(imported))
    counted = int(table["imported_from"].isna().sum())
    sentences = headline_sentences(store)
    if counted < len(table):
        sentences.append(("coverage", coverage_note(counted, len(table) - counted)))
    return table, sentences


@dataclass(frozen=True)
class OverviewView:
    """What the Overview lays out, as plain lists: filtering them on a rerun costs next to nothing."""

    sentences: list[tuple[str, str]]
    tiles: list[dict]  # one per indicator, with "polarity", "wrong_way" and "worse" added
    goals: list[tuple[str, str, list[str], list[str]]]  # id, title, priorities, measures


@st.cache_resource(show_spinner=False, max_entries=4)
def overview(key: StoreKey) -> OverviewView:
    """The Overview's sentences, tiles and goals, prepared once per data version."""
    store = store_for(key)
    table, sentences = tiles(key)
    polarity = store.indicators.set_index("indicator_id")["polarity"].to_dict()
    records = []
    for row in table.to_dict("records"):
        wants = polarity[row["indicator_id"]]
        # Getting worse on the long-term or the recent test, in any group; worse than England in any group.
        wrong_way = any(
            test is not None and test.meaning(wants) == "getting worse"
            for assessment in row["assessments"].values()
            for test in (assessment.long_term, assessment.recent)
        )
        worse = any(c.versus.value == "worse" for c in row["versus"].values())
        records.append({**row, "polarity": wants, "wrong_way": wrong_way, "worse": worse})
    elements = store.plan_elements.sort_values("ordinal")
    goals = []
    for goal in elements[elements["kind"] == "goal"].itertuples(index=False):
        children = elements[elements["parent_id"] == goal.element_id]
        goals.append(
            (
                goal.element_id,
                goal.title,
                children.loc[children["kind"] == "priority", "title"].tolist(),
                children.loc[children["kind"] == "measure", "title"].tolist(),
            )
        )
    return OverviewView(sentences=sentences, tiles=records, goals=goals)


@st.cache_resource(show_spinner=False, max_entries=4)
def judgements(key: StoreKey) -> pd.DataFrame:
    """Each official series' three judgements with their periods and methods, as a table."""
    return judgements_table(store_for(key))


@st.cache_resource(show_spinner=False, max_entries=4)
def latest(key: StoreKey) -> pd.DataFrame:
    """Every indicator's latest Leeds value, for the list page."""
    return latest_values(store_for(key))


@st.cache_resource(show_spinner=False, max_entries=64)
def deck(key: StoreKey, items: tuple[tuple[str, str], ...]) -> Deck:
    """The slides of a deck given as (indicator, source) pairs."""
    return build_deck(store_for(key), [DeckItem(indicator_id, source_id) for indicator_id, source_id in items])


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def plan(key: StoreKey, indicator_id: str, source_id: str) -> ChartPlan:
    """Chart kind, finding and subtitle of one indicator from one source."""
    return chart_plan(store_for(key), indicator_id, source_id=source_id)


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def assessments(key: StoreKey, indicator_id: str) -> dict[str, Assessment]:
    """The judgement of an indicator, per breakdown."""
    return assess_indicator(store_for(key), indicator_id)


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def figure(key: StoreKey, selection: ChartSelection) -> go.Figure | None:
    """The bare chart for one selection, its texts kept with it (None for a single figure or no data)."""
    return figure_for(store_for(key), selection)


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def deprivation(key: StoreKey, indicator_id: str) -> go.Figure | None:
    """England by deprivation quintile for an indicator, if the store has it."""
    return deprivation_figure(store_for(key), indicator_id)


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def screen_figure(key: StoreKey, selection: ChartSelection) -> tuple[go.Figure, str, str, str] | None:
    """The on-screen copy of a selection's chart, with its finding, subtitle and source apart."""
    original = figure(key, selection)
    return None if original is None else on_screen(original)


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def report_beside(key: StoreKey, indicator_id: str) -> tuple[go.Figure, str, str, str] | None:
    """The report's before-and-after pair and the official series in one chart, on-screen copy, if both exist."""
    store = store_for(key)
    if not has_report_pair_and_series(store, indicator_id):
        return None
    return on_screen(report_beside_official(store, indicator_id))


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def versus(key: StoreKey, indicator_id: str, source_id: str) -> dict:
    """The latest comparison with England of an indicator's series from one source, per group."""
    return latest_versus_england(store_for(key), indicator_id, source_id=source_id)


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def screen_deprivation(key: StoreKey, indicator_id: str) -> tuple[go.Figure, str, str, str] | None:
    """The on-screen copy of the deprivation chart, with its texts apart."""
    original = deprivation(key, indicator_id)
    return None if original is None else on_screen(original)


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def table(key: StoreKey, selection: ChartSelection) -> pd.DataFrame:
    """A chart's data as a readable table (its CSV is written when downloaded, by ui.components)."""
    return chart_table(store_for(key), selection)


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def deprivation_table(key: StoreKey, indicator_id: str) -> pd.DataFrame:
    """The deprivation chart's data as a readable table."""
    return deprivation_rows_table(store_for(key), indicator_id)


# The explorer: what does not depend on the selection once per data version, then one entry per
# area selection and per series. Area entries hold the selected LSOAs (up to every LSOA of England
# in the benchmark store), so fewer of them are kept.
@st.cache_resource(show_spinner=False, max_entries=4)
def explorer(key: StoreKey) -> ExplorerContext:
    """The explorer's areas, series list, published evidence and summary table."""
    return explorer_context(store_for(key))


@st.cache_resource(show_spinner=False, max_entries=32)
def explorer_areas(key: StoreKey, kind: str, values: tuple[str, ...]) -> AreaView:
    """Summary, domain profile and LSOA list of one area selection."""
    return area_view(explorer(key).lsoas, AreaSelection(kind=kind, values=values))


def selected_lsoas(key: StoreKey, kind: str, values: tuple[str, ...]) -> tuple[str, ...]:
    """The LSOA codes of one area selection.

    Views of a selection are cached by the selection as chosen (a filter and its values), never by these
    codes: at England scale a selection holds tens of thousands, which every rerun would hash again.
    """
    return tuple(explorer_areas(key, kind, values).listed["LSOA"])


@st.cache_resource(show_spinner=False, max_entries=4)
def explorer_evidence(key: StoreKey) -> tuple[tuple[go.Figure, str, str, str], ...]:
    """The on-screen copies of the published evidence's charts, with their texts apart, in the context's order."""
    return tuple(on_screen(evidence.figure) for evidence in explorer(key).evidence)


@st.cache_resource(show_spinner=False, max_entries=32)
def explorer_profile(key: StoreKey, kind: str, values: tuple[str, ...]) -> tuple[go.Figure, str, str, str] | None:
    """The on-screen copy of an area selection's domain profile, with its texts apart (None for no areas)."""
    figure = explorer_areas(key, kind, values).figure
    return None if figure is None else on_screen(figure)


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def explorer_series(key: StoreKey, series: tuple[str, str, str, str]) -> SeriesView:
    """Levels, gap and gap over time of one deprivation series (indicator, source, area, breakdown type)."""
    row = next(
        r
        for r in explorer(key).records
        if (r["indicator_id"], r["source_id"], r["area_code"], r["breakdown_type"]) == series
    )
    return series_view(store_for(key), row)


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def explorer_levels(
    key: StoreKey, series: tuple[str, str, str, str], highlight: tuple[str, ...]
) -> tuple[go.Figure, str, str, str]:
    """The on-screen levels chart of a series with the selected groups starred, with its texts apart."""
    return on_screen(levels_chart(explorer_series(key, series), highlight=frozenset(highlight)))


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def explorer_over(key: StoreKey, series: tuple[str, str, str, str]) -> tuple[go.Figure, str, str, str] | None:
    """The on-screen copy of a series' gap over time, with its texts apart (None for a single period)."""
    figure = explorer_series(key, series).over_figure
    return None if figure is None else on_screen(figure)


@st.cache_resource(show_spinner=False, max_entries=4)
def profile(key: StoreKey) -> tuple[tuple[go.Figure, str, str, str], str, pd.DataFrame] | None:
    """The area profile for the screen, its one-sentence text alternative and its table (None without data)."""
    built = area_profile(store_for(key))
    if built is None:
        return None
    return on_screen(built.figure), built.alt_text, built.table


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def compare(key: StoreKey, selection: ChartSelection) -> tuple[tuple[go.Figure, str, str, str], str] | None:
    """The compare-areas bars of a selection for the screen, and their one-sentence text alternative.

    None when there is nothing to compare (no other area has a value at Leeds' latest period).
    """
    built = compare_figure(store_for(key), selection)
    return None if built is None else (on_screen(built[0]), built[1])


@st.cache_resource(show_spinner=False, max_entries=ENTRIES)
def compare_rows_table(key: StoreKey, selection: ChartSelection) -> pd.DataFrame:
    """The compare-areas chart's data as a readable table."""
    return compare_table(store_for(key), selection)
