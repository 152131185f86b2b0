"""The indicator page's controls, drawn after its charts.

The view lives in the URL. Each control writes its change to the URL in a callback, which runs
before the page does, so the page can draw the chart from the URL first and the controls after
it (placed above it on screen): the browser then starts loading the chart's code before the
controls' code, which brings the first chart to the screen sooner.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from indicators.charts.plan import ChartKind
from indicators.store.load import Store
from indicators.store.queries import area_names, comparator_sets, headline, sources_of
from ui import cached
from ui.data import StoreKey
from ui.state import IndicatorView, write_indicator_view

# The comparison section's key: its label and key stay the same, so it stays open while choices change.
SECTION = "indicator-compare"
SET_LABELS = {"core_cities": "English Core Cities", "west_yorkshire": "West Yorkshire"}


def ordered_sources(store: Store, view: IndicatorView) -> list[str]:
    """The indicator's sources, the one the view chose first."""
    primary = store.indicators.set_index("indicator_id").at[view.indicator_id, "primary_source_id"]
    sources = sources_of(store, view.indicator_id) or [primary]
    first = view.source_id if view.source_id in sources else sources[0]
    return [first] + [s for s in sources if s != first]


def trend_source(key: StoreKey, store: Store, view: IndicatorView) -> str | None:
    """The first source drawn as a trend, the only kind that takes comparators and groups."""
    return next(
        (s for s in ordered_sources(store, view) if cached.plan(key, view.indicator_id, s).kind is ChartKind.TREND),
        None,
    )


def comparator_options(store: Store) -> list[str]:
    """Every area a trend can be compared with, by name."""
    names = area_names(store)
    return sorted({c for codes in comparator_sets(store).values() for c in codes}, key=lambda c: names[c])


def groups_of(store: Store, indicator_id: str, source_id: str) -> list[str]:
    """The population groups the headline series is split into (one entry when it is not split)."""
    return headline(store, indicator_id, source_id=source_id)["breakdown"].drop_duplicates().tolist()


def settle(key: StoreKey, store: Store, view: IndicatorView) -> IndicatorView:
    """The view as the page shows it: a known source first, comparators and groups the chart can take."""
    source_id = ordered_sources(store, view)[0]
    trend = trend_source(key, store, view)
    if trend is None:
        return replace(view, source_id=source_id, comparators=(), england=True, breakdowns=())
    options = set(comparator_options(store))
    available = groups_of(store, view.indicator_id, trend)
    # No group chosen (or none that exists) means every group, so the chart is never empty.
    groups = tuple(g for g in view.breakdowns if g in available) if len(available) > 1 else ()
    return replace(
        view,
        source_id=source_id,
        comparators=tuple(c for c in view.comparators if c in options),
        breakdowns=groups or (tuple(available) if len(available) > 1 else ()),
    )


def _state_key(name: str, view: IndicatorView) -> str:
    # A widget keyed on the view it shows starts afresh whenever the view changes (a link, a
    # callback), so what it displays is always the URL's view and never a stale selection.
    return f"{name}|{view.indicator_id}|{','.join(view.comparators)}|{view.england}|{','.join(view.breakdowns)}"


def _write(view: IndicatorView, **changes: object) -> None:
    write_indicator_view(replace(view, ignored=(), **changes))


def _choose_indicator(view: IndicatorView, widget: str) -> None:
    # A different indicator starts on its own first source with all its groups; comparators stay.
    _write(view, indicator_id=st.session_state[widget], source_id="", breakdowns=())


def _choose(view: IndicatorView, widget: str, field: str) -> None:
    value = st.session_state[widget]
    _write(view, **{field: tuple(value) if isinstance(value, list) else value})


def _add_set(view: IndicatorView, codes: list[str]) -> None:
    _write(view, comparators=tuple(dict.fromkeys([*view.comparators, *codes])))


def show_controls(key: StoreKey, store: Store, view: IndicatorView) -> None:
    """The indicator choice, comparators, England and groups; each change goes to the URL."""
    catalogue = store.indicators.set_index("indicator_id")["title"]
    ids = catalogue.index.tolist()
    widget = _state_key("indicator", view)
    st.selectbox(
        "Indicator",
        ids,
        index=ids.index(view.indicator_id),
        format_func=lambda i: catalogue[i],
        key=widget,
        on_change=_choose_indicator,
        args=(view, widget),
    )
    trend = trend_source(key, store, view)
    if trend is None:
        return
    names = area_names(store)
    available = groups_of(store, view.indicator_id, trend)
    # Comparing is an analyst's step: the section is closed on a plain link and open on one that
    # already compares, and what it holds (and the browser's code for it) is built once it is open.
    if SECTION not in st.session_state and _compares(view, available):
        st.session_state[SECTION] = True
    section = st.expander(
        "Compare with other areas, England and groups", key=SECTION, on_change="rerun", icon=":material/tune:"
    )
    if not section.open:
        return
    with section:
        _comparison_controls(store, view, names, available)


def _compares(view: IndicatorView, available: list[str]) -> bool:
    """True when the view differs from a plain link's: comparators, no England, or some groups only."""
    return (
        bool(view.comparators)
        or not view.england
        or set(view.breakdowns) != set(available if len(available) > 1 else [])
    )


def _comparison_controls(store: Store, view: IndicatorView, names, available: list[str]) -> None:
    left, middle, right = st.columns([3, 2, 2])
    with left:
        widget = _state_key("compare", view)
        st.multiselect(
            "Compare Leeds with",
            comparator_options(store),
            default=list(view.comparators),
            format_func=lambda c: names[c],
            placeholder="Choose authorities",
            key=widget,
            on_change=_choose,
            args=(view, widget, "comparators"),
        )
        # One-off buttons rather than a selection that stays on: each adds its set to the view.
        sets = comparator_sets(store)
        for column, name in zip(st.columns(len(sets)), sets, strict=True):
            column.button(
                f"Add {SET_LABELS.get(name, name)}", key=f"add-{name}", on_click=_add_set, args=(view, sets[name])
            )
    with middle:
        widget = _state_key("england", view)
        st.toggle("Show England", value=view.england, key=widget, on_change=_choose, args=(view, widget, "england"))
    if len(available) > 1:
        with right:
            widget = _state_key("groups", view)
            st.multiselect(
                "Groups",
                available,
                default=list(view.breakdowns),
                key=widget,
                on_change=_choose,
                args=(view, widget, "breakdowns"),
                help="Clear every group to see them all again.",
            )
