"""Pick the rows a chart or a judgement needs out of the values table."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import TypeVar

import numpy as np
import pandas as pd

from indicators.core.codes import LEEDS
from indicators.store.load import Store
from indicators.store.schemas import as_text

T = TypeVar("T")

HEADLINE_BREAKDOWNS = ("none", "sex")


_ORDER = ["source_id", "area_code", "breakdown_type", "breakdown", "period_order"]


def per_store(function: Callable[..., T]) -> Callable[..., T]:
    """Remember a pure function's result for one loaded store and the same arguments.

    The store's tables are never changed after loading, so a result stays right for as long
    as that store lives; it is kept on the store (Store.memo) and goes with it. Callers must treat
    what comes back as read-only.
    """

    @functools.wraps(function)
    def remembered(store: Store, *args: Hashable, **kwargs: Hashable) -> T:
        memo = store.memo
        key = (function.__qualname__, args, tuple(sorted(kwargs.items())))
        if key not in memo:
            memo[key] = function(store, *args, **kwargs)
        return memo[key]  # type: ignore[return-value]

    return remembered


@per_store
def _positions(store: Store) -> dict[str, np.ndarray]:
    """Where each indicator's rows are in the values table: found once, as positions, not copies.

    Filtering the values by indicator thousands of times was most of a page's run time.
    """
    return store.values.groupby("indicator_id", sort=False, observed=True).indices


@per_store
def rows_of(store: Store, indicator_id: str) -> pd.DataFrame:
    """Every values row of one indicator, sorted by source, area, breakdown and period, as plain text."""
    positions = _positions(store).get(indicator_id, np.empty(0, dtype=np.intp))
    return as_text(store.values.iloc[positions]).sort_values(_ORDER, kind="stable")


@per_store
def indicator_row(store: Store, indicator_id: str) -> pd.Series:
    """The catalogue row of one indicator; KeyError names the id when it is unknown."""
    catalogue = store.indicators.set_index("indicator_id")
    if indicator_id not in catalogue.index:
        raise KeyError(f"unknown indicator {indicator_id!r}")
    return catalogue.loc[indicator_id]


@per_store
def sources_of(store: Store, indicator_id: str) -> list[str]:
    """Sources with values for an indicator, its primary source first."""
    primary = indicator_row(store, indicator_id)["primary_source_id"]
    present = rows_of(store, indicator_id)["source_id"].unique().tolist()
    return sorted(present, key=lambda s: (s != primary, s))


@per_store
def measured(store: Store, indicator_id: str, *, source_id: str | None = None) -> pd.DataFrame:
    """Baseline and value rows of an indicator (targets excluded), earliest first."""
    rows = rows_of(store, indicator_id)
    rows = rows[rows["role"] != "target"]
    if source_id is not None:
        rows = rows[rows["source_id"] == source_id]
    return rows


@per_store
def headline(store: Store, indicator_id: str, *, source_id: str, area_code: str = LEEDS) -> pd.DataFrame:
    """The rows that stand for the whole population of an area: no breakdown, or split by sex.

    Falls back to the first breakdown type present when the source only gives groups.
    """
    rows = measured(store, indicator_id, source_id=source_id)
    rows = rows[rows["area_code"] == area_code]
    if rows.empty:
        return rows
    preferred = rows[rows["breakdown_type"].isin(HEADLINE_BREAKDOWNS)]
    pool = preferred if not preferred.empty else rows
    return pool[pool["breakdown_type"] == pool["breakdown_type"].iloc[0]]


def targets(store: Store, indicator_id: str) -> pd.DataFrame:
    """Target rows for an indicator (for example 5,000 social prescribing referrals in 2019/20)."""
    rows = rows_of(store, indicator_id)
    return rows[rows["role"] == "target"]


def area_names(store: Store) -> pd.Series:
    """Area name by code."""
    return store.areas.set_index("area_code")["area_name"]


def comparator_sets(store: Store) -> dict[str, list[str]]:
    """Comparator set name to its area codes, Leeds excluded."""
    sets = store.comparators[store.comparators["area_code"] != LEEDS]
    return {name: group["area_code"].tolist() for name, group in sets.groupby("comparator_set", sort=True)}
