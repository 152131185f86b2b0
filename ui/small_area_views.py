"""Imported LSOA- and MSOA-level measures on the maps page and in the explorer, with their choices in the URL.

The choices are read from the link (`measure=indicator|source`, `measure_period=2023`) and returned
to the page, which writes the URL (ui/state.py). Results are cached per data version and choice, and
shared by sessions.
"""

from __future__ import annotations

import streamlit as st

from indicators.analysis.areas import AreaSelection
from indicators.analysis.small_area_measures import (
    CANNOT_DERIVE,
    MAJORITY,
    GroupFigures,
    SmallAreaSeries,
    area_rows,
    members,
    selection_versus_rest,
    small_area_series,
)
from indicators.charts.maps import MAP_CONFIG, MapView
from indicators.charts.small_area_maps import selection_figure, small_area_map, with_selection
from indicators.core.text import md_escape
from ui import cached, map_views
from ui.components import PLOTLY_CONFIG, data_and_downloads
from ui.data import StoreKey, store_for

NONE_HELD = (
    "No LSOA- or MSOA-level measure has been imported yet. An analyst can bring one in on the page 'Import your "
    "data' with the counts template (a numerator and denominator for each LSOA or MSOA and period); it then "
    "appears here."
)


@st.cache_resource(show_spinner=False, max_entries=4)
def series(key: StoreKey) -> tuple[SmallAreaSeries, ...]:
    """The imported small-area measures of a data version."""
    return small_area_series(store_for(key))


@st.cache_resource(show_spinner=False, max_entries=16)
def map_view(key: StoreKey, series_key: str, period: str) -> MapView:
    """One measure in one period on the map of its level."""
    store = store_for(key)
    chosen = next(s for s in series(key) if s.key == series_key)
    return small_area_map(area_rows(store, series_key, period), chosen, period=period)


@st.cache_resource(show_spinner=False, max_entries=256)
def groups(key: StoreKey, series_key: str, period: str, kind: str, values: tuple[str, ...]) -> GroupFigures:
    """The selection (a filter and its values) against the rest of Leeds for one measure and period, from summed
    counts."""
    store = store_for(key)
    selected = cached.selected_lsoas(key, kind, values)
    chosen = next(s for s in series(key) if s.key == series_key)
    inside, rest = members(chosen.level, store.lsoa_deprivation, selected)
    rows = area_rows(store, series_key, period)
    return selection_versus_rest(rows, inside=inside, rest=rest, unit=chosen.unit, level=chosen.level)


@st.cache_resource(show_spinner=False, max_entries=64)
def selection_map(key: StoreKey, series_key: str, period: str, kind: str, values: tuple[str, ...]) -> MapView:
    """The measure's map with the areas counted as selected outlined (the same rule as the sums)."""
    store = store_for(key)
    chosen = next(s for s in series(key) if s.key == series_key)
    inside, _rest = members(chosen.level, store.lsoa_deprivation, cached.selected_lsoas(key, kind, values))
    return with_selection(map_view(key, series_key, period), set(inside), level=chosen.level)


def choose(key: StoreKey) -> tuple[SmallAreaSeries, str] | None:
    """The measure and period chosen (from the link, then the widgets); None when none is held."""
    found = series(key)
    if not found:
        st.info(NONE_HELD)
        return None
    by_key = {s.key: s for s in found}
    options = list(by_key)
    chosen = map_views.param("measure", options, options[0])
    chosen = st.selectbox(
        "Imported measure",
        options,
        index=options.index(chosen),
        format_func=lambda k: by_key[k].label,
        key="measure",
    )
    measure = by_key[chosen]
    periods = list(measure.periods)
    period = map_views.param("measure_period", periods, periods[-1])
    if len(periods) > 1:
        period = st.select_slider("Period", periods, value=period, key=f"measure_period_{chosen}")
    else:
        st.caption(f"One period is held for this measure: {period}.")
    return measure, period


def render_map(key: StoreKey) -> dict[str, str]:
    """The maps page's section: the chosen measure on a map of Leeds, its table and CSV; returns its URL state."""
    st.header("Imported measures in Leeds' neighbourhoods")
    picked = choose(key)
    if picked is None:
        return {}
    measure, period = picked
    view = map_view(key, measure.key, period)
    st.markdown(md_escape(view.sentence))
    st.plotly_chart(view.figure, key="map-imported", config={**PLOTLY_CONFIG, **MAP_CONFIG}, theme=None)
    stem = f"{measure.indicator_id}-{measure.level.lower()}-{period}".replace(" ", "").replace("/", "-")
    data_and_downloads(lambda: view.table, key="imported", file_stem=stem)
    st.caption(
        "An analyst's own import, named by its file, who imported it and when; not an official statistic. "
        "Each area's figure and 95% interval were formed from its counts when it was imported (Wilson for a "
        "percentage; exact Poisson or Byar's for a rate)."
    )
    return {"measure": measure.key, "measure_period": period}


def render_selection(key: StoreKey, selection: AreaSelection) -> dict[str, str]:
    """The explorer's section: each imported measure summed for the selection against the rest of Leeds."""
    st.subheader("Imported measures for the selected neighbourhoods")
    picked = choose(key)
    if picked is None:
        return {}
    measure, period = picked
    result = groups(key, measure.key, period, selection.kind, selection.values)
    st.markdown(md_escape(result.sentence))
    st.plotly_chart(selection_figure(result, measure, period=period), key="chart-imported-selection", theme=None)
    rule = (
        "an MSOA counts as selected when at least "
        f"{MAJORITY:.0%} of its residents (mid-2015) live in the selected LSOAs"
        if measure.level == "MSOA"
        else "each selected LSOA counts"
    )
    st.caption(
        f"Counts added up over the areas in each group ({rule}), then the figure and its interval formed from the "
        f"sums: {result.method}. Areas whose counts are suppressed (small numbers) or missing are left out of "
        f"both sums and counted in the table. {CANNOT_DERIVE} Source: {measure.source_title}."
    )
    data_and_downloads(
        lambda: result.table, key="imported-selection", file_stem=f"{measure.indicator_id}-selection-{period}"
    )
    view = selection_map(key, measure.key, period, selection.kind, selection.values)
    st.markdown(md_escape(view.sentence))
    st.plotly_chart(view.figure, key="map-imported-selection", config={**PLOTLY_CONFIG, **MAP_CONFIG}, theme=None)
    stem = f"{measure.indicator_id}-{measure.level.lower()}-{period}-selection".replace(" ", "").replace("/", "-")
    data_and_downloads(lambda: view.table, key="imported-selection-map", file_stem=stem)
    return {"measure": measure.key, "measure_period": period}
