"""The one place that reads and writes shareable state: the URL's query parameters.

Widgets hand the logic a frozen selection, never a dict, and a copied link reproduces the view.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from indicators.store.load import Store
from indicators.store.queries import comparator_sets, sources_of


@dataclass(frozen=True)
class IndicatorView:
    """What the indicator page shows: which indicator, from which source, against which areas."""

    indicator_id: str
    source_id: str
    comparators: tuple[str, ...]
    england: bool
    breakdowns: tuple[str, ...]
    ignored: tuple[str, ...] = ()


class LinkError(ValueError):
    """A query parameter names something the store does not have."""


def param(name: str) -> str | None:
    """One query parameter of the URL, stripped; None when absent or blank."""
    value = st.query_params.get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def params() -> dict[str, str]:
    """Every query parameter of the URL that holds one value."""
    return {key: value for key, value in st.query_params.to_dict().items() if isinstance(value, str)}


def set_params(wanted: dict[str, str]) -> None:
    """Make the URL's query parameters exactly `wanted` (untouched when they already are, so no rerun)."""
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def clear_params() -> None:
    """Drop every query parameter (a link that could not be read)."""
    st.query_params.clear()


def read_indicator_view(store: Store, *, default_id: str) -> IndicatorView:
    """Read the indicator page's selection from the URL; LinkError says which part is unknown."""
    indicator_id = param("id") or default_id
    if indicator_id not in set(store.indicators["indicator_id"]):
        raise LinkError(f"The link asks for indicator '{indicator_id}', which is not in the catalogue.")
    available = sources_of(store, indicator_id)
    primary = store.indicators.set_index("indicator_id").at[indicator_id, "primary_source_id"]
    source_id = param("source") or (available[0] if available else primary)
    if available and source_id not in available:
        raise LinkError(f"Indicator '{indicator_id}' has no figures from source '{source_id}'.")
    sets = comparator_sets(store)
    known_areas = set(store.areas["area_code"])
    comparators: list[str] = []
    ignored: list[str] = []
    for item in (param("compare") or "").split(","):
        item = item.strip()
        if not item:
            continue
        if item in sets:
            comparators.extend(sets[item])
        elif item in known_areas:
            comparators.append(item)
        else:
            # One unknown area should not cost the reader the whole page: drop it and say so.
            ignored.append(
                f"The link asks to compare with '{item}', which is neither an area code nor a comparator set."
            )
    breakdowns = tuple(b for b in (param("group") or "").split(",") if b)
    return IndicatorView(
        indicator_id=indicator_id,
        source_id=source_id,
        comparators=tuple(dict.fromkeys(comparators)),
        england=param("england") != "0",
        breakdowns=breakdowns,
        ignored=tuple(ignored),
    )


def write_indicator_view(view: IndicatorView) -> None:
    """Put the selection in the URL so a copied link opens the same view."""
    params = {"id": view.indicator_id, "source": view.source_id}
    if view.comparators:
        params["compare"] = ",".join(view.comparators)
    if not view.england:
        params["england"] = "0"
    if view.breakdowns:
        params["group"] = ",".join(view.breakdowns)
    set_params(params)
