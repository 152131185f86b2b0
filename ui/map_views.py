"""The maps' views, built once per data version and choice, and their choices read from and written to the URL."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from indicators.analysis.gradient import SlopeIndex, msoa_frame, msoa_gradient
from indicators.charts.maps import (
    MapView,
    authority_map,
    authority_rows,
    lsoa_deprivation_map,
    mappable_series,
    msoa_life_expectancy_map,
)
from indicators.core.codes import LEEDS
from indicators.store.schemas import DOMAIN_TITLES
from ui import state as url
from ui.data import StoreKey, store_for

SEXES = {"Persons": "Everyone", "Female": "Females", "Male": "Males"}


@st.cache_resource(show_spinner=False, max_entries=4)
def series(key: StoreKey) -> pd.DataFrame:
    """The official series a map of England's authorities can show."""
    return mappable_series(store_for(key))


@dataclass(frozen=True)
class MapSeries:
    """One official series offered on the authorities map: its label, groups and periods."""

    indicator_id: str
    source_id: str
    label: str
    breakdowns: tuple[str, ...]
    periods: tuple[str, ...]


@st.cache_resource(show_spinner=False, max_entries=4)
def series_choices(key: StoreKey) -> dict[str, MapSeries]:
    """The mappable series by 'indicator|source', labelled by title (with the source where a title repeats)."""
    catalogue = series(key)
    repeats = catalogue["indicator_id"].value_counts()
    return {
        f"{r.indicator_id}|{r.source_id}": MapSeries(
            indicator_id=r.indicator_id,
            source_id=r.source_id,
            label=r.title + ("" if repeats[r.indicator_id] == 1 else f" ({r.source_id.replace('_', ' ')})"),
            breakdowns=tuple(r.breakdowns),
            periods=tuple(r.periods),
        )
        for r in catalogue.itertuples(index=False)
    }


@st.cache_resource(show_spinner=False, max_entries=256)
def authorities(key: StoreKey, indicator_id: str, source_id: str, period: str, breakdown: str) -> MapView:
    """England's authorities for one series, period and breakdown, coloured by Fingertips' comparison."""
    store = store_for(key)
    meta = store.indicators.set_index("indicator_id").loc[indicator_id]
    rows = authority_rows(store, indicator_id=indicator_id, source_id=source_id, period=period, breakdown=breakdown)
    title = meta["title"] + ("" if breakdown == "All" else f" ({breakdown.lower()}s)")
    return authority_map(rows, title=title, period=period, unit=meta["unit"], highlight=LEEDS)


@dataclass(frozen=True)
class LifeView:
    """Leeds' MSOA life expectancy map with Leeds' and England's gradients by deprivation."""

    map: MapView
    frame: pd.DataFrame
    leeds: SlopeIndex | None
    england: SlopeIndex | None
    england_frame: pd.DataFrame


@st.cache_resource(show_spinner=False, max_entries=16)
def life(key: StoreKey, sex: str) -> LifeView:
    """Life expectancy by Leeds MSOA for one sex, and the slope index for Leeds and for England."""
    store = store_for(key)
    leeds = msoa_frame(store.msoa_life_expectancy, store.msoas, sex=sex, la_code=LEEDS)
    england = msoa_frame(store.msoa_life_expectancy, store.msoas, sex=sex)
    return LifeView(
        msoa_life_expectancy_map(leeds, sex=sex),
        leeds,
        msoa_gradient(store.msoa_life_expectancy, store.msoas, sex=sex, la_code=LEEDS),
        msoa_gradient(store.msoa_life_expectancy, store.msoas, sex=sex),
        england,
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def lsoas(key: StoreKey, domain: str, selected: tuple[str, ...]) -> MapView:
    """Leeds LSOAs coloured by one IoD domain's decile, the selected ones outlined."""
    store = store_for(key)
    return lsoa_deprivation_map(
        store.lsoa_deprivation,
        store.areas,
        domain=domain,
        domain_title=DOMAIN_TITLES[domain],
        selected=list(selected),
    )


def choose_domain(label: str, *, key: str, link_name: str, describe=DOMAIN_TITLES.get) -> str:
    """An IoD domain chosen from a select box, first set from the link's `link_name` (the IMD when absent)."""
    domains = list(DOMAIN_TITLES)
    domain = param(link_name, domains, "imd")
    return st.selectbox(label, domains, index=domains.index(domain), format_func=describe, key=key)


def choose_sex(*, key: str) -> str:
    """Persons, females or males, first set from the link's `sex`."""
    sexes = list(SEXES)
    sex = param("sex", sexes, "Persons")
    return st.radio("For", sexes, index=sexes.index(sex), format_func=SEXES.get, horizontal=True, key=key)


def param(name: str, allowed: list[str] | tuple[str, ...], default: str) -> str:
    """A choice from the URL if it is one of `allowed`, else the default (the page says when it ignored one)."""
    value = url.param(name)
    return value if value in allowed else default


def sii_sentence(leeds: SlopeIndex | None, england: SlopeIndex | None, *, who: str) -> str:
    """Leeds' gradient beside England's, in words, with intervals and the areas each rests on."""
    if leeds is None or england is None:
        return "Too few MSOAs have a published figure to fit a gradient."
    return (
        f"Across Leeds' MSOAs, ranked by deprivation within Leeds, life expectancy for {who} is {leeds.sii:.1f} "
        f"years higher at the least deprived end than at the most deprived (slope index of inequality, 95% "
        f"interval {leeds.lower_95:.1f} to "
        f"{leeds.upper_95:.1f}; {leeds.areas} MSOAs). Across England's MSOAs, ranked within England and computed "
        f"the same way from the same ONS file, the gap is {england.sii:.1f} years ({england.lower_95:.1f} to "
        f"{england.upper_95:.1f}; "
        f"{england.areas:,} MSOAs)."
        + (
            " Leeds' gradient is steeper than England's: the intervals do not overlap."
            if leeds.lower_95 > england.upper_95
            else " Leeds' gradient is shallower than England's: the intervals do not overlap."
            if leeds.upper_95 < england.lower_95
            else " The intervals overlap, so Leeds' gradient is not shown to differ from England's."
        )
        + " The intervals carry the uncertainty of each MSOA's own figure, not how far MSOAs scatter about the line."
    )
