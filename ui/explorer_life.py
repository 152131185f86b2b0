"""The explorer's map of the selection, and its life expectancy against the rest of Leeds and England's gradient."""

from __future__ import annotations

from functools import partial

import streamlit as st

from indicators.analysis.areas import AreaSelection
from indicators.charts.maps import MAP_CONFIG, MapView
from indicators.charts.selection_life import SelectionLife, selection_life
from indicators.core.text import md_escape
from ui import cached, explorer_state, map_views
from ui.components import PLOTLY_CONFIG, data_and_downloads
from ui.data import StoreKey, store_for


@st.cache_resource(show_spinner=False, max_entries=2)
def _known(key: StoreKey) -> frozenset[str]:
    return frozenset(store_for(key).lsoa_deprivation["lsoa_code"])


@st.cache_resource(show_spinner=False, max_entries=256)
def _life(key: StoreKey, kind: str, values: tuple[str, ...], sex: str) -> SelectionLife:
    store = store_for(key)
    selected = cached.selected_lsoas(key, kind, values)
    return selection_life(
        store.msoa_life_expectancy, store.msoas, store.lsoa_deprivation, selected=list(selected), sex=sex
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def _map(key: StoreKey, domain: str, kind: str, values: tuple[str, ...]) -> MapView:
    selected = cached.selected_lsoas(key, kind, values)
    whole = len(selected) == len(_known(key))
    return map_views.lsoas(key, domain, () if whole else selected)


def render_map(key: StoreKey, selection: AreaSelection) -> dict[str, str]:
    """Draw the map (click, box or lasso to choose areas); return its URL state."""
    domain = map_views.choose_domain(
        "Colour the map by",
        key="map_domain",
        link_name="map",
        describe=lambda d: f"{map_views.DOMAIN_TITLES[d]} (IoD 2019 decile)",
    )
    view = _map(key, domain, selection.kind, selection.values)
    st.markdown(md_escape(view.sentence))
    st.caption(
        "Click a neighbourhood on the map to add it to the selection or take it out; draw a box or a lasso "
        "(the map's toolbar) to add every neighbourhood inside it. The filters above show what is chosen."
    )
    st.plotly_chart(
        view.figure,
        key="map-selection",
        # The box and lasso tools, which other charts hide, are how areas are drawn round here.
        config={**PLOTLY_CONFIG, **MAP_CONFIG, "modeBarButtonsToRemove": []},
        theme=None,
        on_select=partial(
            explorer_state.on_pick,
            "map-selection",
            selection,
            cached.selected_lsoas(key, selection.kind, selection.values),
            _known(key),
        ),
        selection_mode=("points", "box", "lasso"),
    )
    data_and_downloads(lambda: view.table, key="selection-map", file_stem=f"leeds-lsoa-{domain}-selection")
    return {"map": domain}


def render_life(key: StoreKey, selection: AreaSelection) -> dict[str, str]:
    """Life expectancy in the selected MSOAs against the rest of Leeds and England's gradient; return its URL state."""
    st.subheader("How long people live in the selected neighbourhoods")
    sex = map_views.choose_sex(key="le_sex")
    life = _life(key, selection.kind, selection.values, sex)
    st.markdown(md_escape(life.sentence))
    st.plotly_chart(life.figure, key="chart-selection-life", config=PLOTLY_CONFIG, theme=None)
    st.caption(
        "Each point is an MSOA of Leeds with its 95% interval, placed by its deprivation among all of England's "
        "residents (the population-weighted IMD 2019 rank of its LSOAs). An MSOA is in the selection when at least "
        "half of its residents live in the selected LSOAs. Lines: population-weighted fits across England's MSOAs "
        "and across Leeds', both on England's deprivation scale, so Leeds' slope here is not the slope index on the "
        "Maps page, which ranks Leeds' MSOAs within Leeds. Each slope's interval comes from the MSOAs' own intervals "
        "(how uncertain each figure is), not from how far MSOAs scatter about the line. Source: ONS, life "
        "expectancy for 2011 MSOAs, 2016 to 2020 (REQ3292)."
    )
    data_and_downloads(lambda: life.table, key="selection-life", file_stem=f"selection-life-expectancy-{sex.lower()}")
    return {"sex": sex}
