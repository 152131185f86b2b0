"""The Sources page's tables: every source, when each series was last updated, definitions, what was left out."""

from __future__ import annotations

import pandas as pd

from indicators.core.formatting import POLARITY_WORDS
from indicators.store.load import Store
from indicators.store.schemas import as_text

SOURCE_COLUMNS = {
    "short_title": "Source",
    "title": "Full title",
    "publisher": "Publisher",
    "published": "Published",
    "licence": "Licence",
    "provides": "What it provides",
    "copied_from": "Copied from",
}


def sources_table(store: Store) -> pd.DataFrame:
    """Every publication and dataset, with publisher, date, licence and what it provides."""
    return store.sources.rename(columns=SOURCE_COLUMNS)[list(SOURCE_COLUMNS.values())]


def last_updated_table(store: Store) -> pd.DataFrame:
    """Each indicator and source: its latest period, when the source was published, and how many rows it has."""
    # Only the columns needed, and back to text once summed up: the values table can be millions of rows.
    values = store.values.loc[store.values["role"] != "target", ["indicator_id", "source_id", "period", "period_order"]]
    latest = as_text(
        values.sort_values("period_order")
        .groupby(["indicator_id", "source_id"], as_index=False, observed=True)
        .agg(latest_period=("period", "last"), rows=("period", "size"))
    )
    sources = store.sources.set_index("source_id")
    titles = store.indicators.set_index("indicator_id")["title"]
    return latest.assign(
        Indicator=latest["indicator_id"].map(titles),
        Source=latest["source_id"].map(sources["short_title"]),
        Published=latest["source_id"].map(sources["published"]),
    ).rename(columns={"latest_period": "Latest period", "rows": "Rows"})[
        ["Indicator", "Source", "Latest period", "Published", "Rows"]
    ]


def definitions_table(store: Store, *, search: str = "") -> pd.DataFrame:
    """Every indicator's definition, unit, polarity, goal and programme; those matching `search` if given."""
    elements = store.plan_elements.set_index("element_id")["title"]
    table = store.indicators.assign(
        Goal=store.indicators["goal_id"].map(elements),
        Programme=store.indicators["programme_id"].map(elements),
        Polarity=store.indicators["polarity"].map(POLARITY_WORDS),
    ).rename(columns={"title": "Indicator", "definition": "Definition", "unit": "Unit", "data_status": "Data"})[
        ["Indicator", "Definition", "Unit", "Polarity", "Goal", "Programme", "Data"]
    ]
    words = search.strip().lower()
    if not words:
        return table
    found = table["Indicator"].str.lower().str.contains(words, regex=False) | table[
        "Definition"
    ].str.lower().str.contains(words, regex=False)
    return table[found]


def exclusions_table(store: Store) -> pd.DataFrame:
    """Published periods the store leaves out, with the source, areas, number of rows and the reason."""
    short = store.sources.set_index("source_id")["short_title"]
    return store.exclusions.assign(Source=store.exclusions["source_id"].map(short)).rename(
        columns={"scope": "Areas", "period": "Period", "rows_left_out": "Rows left out", "reason": "Reason"}
    )[["Source", "Areas", "Period", "Rows left out", "Reason"]]
