"""The indicator list page's content: counts by data status and the latest values grouped by the Plan's goals."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.store.load import Store
from indicators.store.lookups import data_status_counts, goal_titles_in_order, indicator_count

NO_DATA = "no data yet"
LIST_COLUMNS = ["indicator", "latest", "period", "source", "programme"]


@dataclass(frozen=True)
class IndicatorList:
    """How many indicators there are by data status, and their latest values to show under each goal."""

    total: int
    counts: dict[str, int]
    latest: pd.DataFrame  # analysis.summary.latest_values
    goals: list[str]  # goal titles in the Plan's order

    @property
    def any_without_data(self) -> bool:
        """Whether any measure in the catalogue has no data yet."""
        return self.counts.get(NO_DATA, 0) > 0

    def groups(self, *, only_missing: bool) -> list[tuple[str, pd.DataFrame]]:
        """Each goal's title and its rows (LIST_COLUMNS), optionally only measures with no data yet.

        Goals with no rows to show are left out.
        """
        shown = self.latest[self.latest["data_status"] == NO_DATA] if only_missing else self.latest
        groups = []
        for title in self.goals:
            rows = shown[shown["goal"] == title]
            if not rows.empty:
                groups.append((title, rows[LIST_COLUMNS]))
        return groups


def indicator_list(store: Store, latest: pd.DataFrame) -> IndicatorList:
    """The list page's counts and goals, around the latest values (analysis.summary.latest_values)."""
    return IndicatorList(
        total=indicator_count(store), counts=data_status_counts(store), latest=latest, goals=goal_titles_in_order(store)
    )
