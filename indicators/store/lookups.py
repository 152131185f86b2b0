"""Small lookups the pages need from the catalogue tables: titles by id, one source's record, an indicator's notes.

Pages call these instead of indexing the tables themselves, so a page file only lays out what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.core.codes import REPORT_SOURCE
from indicators.store.load import Store
from indicators.store.queries import headline, rows_of


@dataclass(frozen=True)
class SourceRecord:
    """What a page says about one source: its titles, publisher, date, licence and kind."""

    source_id: str
    title: str
    short_title: str
    publisher: str
    published: str
    licence: str
    kind: str

    @property
    def official(self) -> bool:
        """A published dataset or an import, not a document such as the report."""
        return self.kind != "document"


@dataclass(frozen=True)
class Exclusion:
    """A period or scope left out of a source, and why."""

    period: str
    scope: str
    reason: str


@dataclass(frozen=True)
class Pair:
    """An indicator drawn beside another, and the reason given for it."""

    beside_id: str
    reason: str


def goal_titles(store: Store) -> dict[str, str]:
    """The Plan's goals, id to title, in the order of the plan elements table."""
    elements = store.plan_elements
    return elements.loc[elements["kind"] == "goal"].set_index("element_id")["title"].to_dict()


def goal_titles_in_order(store: Store) -> list[str]:
    """The Plan's goal titles by their ordinal in the Plan."""
    elements = store.plan_elements
    return elements[elements["kind"] == "goal"].sort_values("ordinal")["title"].tolist()


def element_titles(store: Store) -> dict[str, str]:
    """Every plan element's title (goals, programmes, priorities, outcomes) by id."""
    return store.plan_elements.set_index("element_id")["title"].to_dict()


def indicator_titles(store: Store) -> dict[str, str]:
    """Every indicator's title by id, in catalogue order."""
    return store.indicators.set_index("indicator_id")["title"].to_dict()


def indicator_count(store: Store) -> int:
    """How many indicators the catalogue holds."""
    return len(store.indicators)


def data_status_counts(store: Store) -> dict[str, int]:
    """How many indicators have each data status ('has data', 'status only', 'no data yet')."""
    return {str(k): int(v) for k, v in store.indicators["data_status"].value_counts().items()}


def short_titles(store: Store) -> dict[str, str]:
    """Every source's short title by id."""
    return store.sources.set_index("source_id")["short_title"].to_dict()


def source_record(store: Store, source_id: str) -> SourceRecord:
    """One source's record; KeyError when the id is unknown."""
    row = store.sources.set_index("source_id").loc[source_id]
    return SourceRecord(
        source_id=source_id,
        title=row["title"],
        short_title=row["short_title"],
        publisher=row["publisher"],
        published=row["published"],
        licence=row["licence"],
        kind=row["kind"],
    )


def exclusions_of(store: Store, source_id: str) -> list[Exclusion]:
    """What was left out of one source, in table order."""
    left_out = store.exclusions[store.exclusions["source_id"] == source_id]
    return [Exclusion(r.period, r.scope, r.reason) for r in left_out.itertuples(index=False)]


def pairs_of(store: Store, indicator_id: str) -> list[Pair]:
    """The indicators declared to be drawn beside one indicator, in table order."""
    pairs = store.indicator_pairs[store.indicator_pairs["indicator_id"] == indicator_id]
    return [Pair(r.beside_id, r.reason) for r in pairs.itertuples(index=False)]


def source_rows(store: Store, indicator_id: str, source_id: str) -> pd.DataFrame:
    """An indicator's values rows from one source."""
    own = rows_of(store, indicator_id)
    return own[own["source_id"] == source_id]


def report_notes(store: Store, indicator_id: str) -> list[str]:
    """The distinct notes on an indicator's report rows, in order of first appearance."""
    notes = source_rows(store, indicator_id, REPORT_SOURCE)["note"].dropna().unique()
    return [str(n) for n in notes]


def named_places(store: Store, indicator_id: str) -> list[str]:
    """The groups or places an indicator's rows are broken down by, one per row, in row order."""
    rows = rows_of(store, indicator_id)
    return rows.loc[rows["breakdown_type"] != "none", "breakdown"].tolist()


def latest_headline(store: Store, indicator_id: str, *, source_id: str) -> pd.Series:
    """The latest headline row (Leeds, no breakdown) of an indicator from one source."""
    return headline(store, indicator_id, source_id=source_id).iloc[-1]


def indicator_polarities(store: Store) -> dict[str, str]:
    """Every indicator's polarity (higher_is_better, lower_is_better, no_judgement) by id."""
    return store.indicators.set_index("indicator_id")["polarity"].to_dict()
