"""Each indicator's latest values, ready to list: what the dashboard shows first."""

from __future__ import annotations

import pandas as pd

from indicators.core.codes import LEEDS
from indicators.core.formatting import format_value
from indicators.store.load import Store
from indicators.store.schemas import as_text

# Which breakdown stands for the whole population when an indicator has several.
_HEADLINE_BREAKDOWNS = ("none", "sex")


def latest_values(store: Store, *, area_code: str = LEEDS) -> pd.DataFrame:
    """One row per indicator and source: the latest value(s) for the area, or 'No data yet'."""
    values = store.values
    values = as_text(values[(values["area_code"] == area_code) & (values["role"] != "target")])
    catalogue = store.indicators.set_index("indicator_id")
    titles = store.plan_elements.set_index("element_id")["title"]
    sources = store.sources.set_index("source_id")["short_title"]
    rows = []
    for indicator_id, meta in catalogue.iterrows():
        own = values[values["indicator_id"] == indicator_id]
        base = {
            "indicator_id": indicator_id,
            "indicator": meta["title"],
            "goal": titles[meta["goal_id"]],
            "programme": titles[meta["programme_id"]],
            "data_status": meta["data_status"],
        }
        if own.empty:
            rows.append(
                {
                    **base,
                    "source_id": meta["primary_source_id"],
                    "source": sources[meta["primary_source_id"]],
                    "latest": "No data yet",
                    "period": "",
                    "citation": "",
                }
            )
            continue
        for source_id, series in own.groupby("source_id", sort=False):
            rows.append({**base, "source_id": source_id, "source": sources[source_id], **_headline(series, meta)})
    return pd.DataFrame(rows)


def _headline(series: pd.DataFrame, meta: pd.Series) -> dict[str, str]:
    """The latest period of one source's series, written out for each headline breakdown."""
    preferred = series[series["breakdown_type"].isin(_HEADLINE_BREAKDOWNS)]
    pool = preferred if not preferred.empty else series
    pool = pool[pool["breakdown_type"] == pool["breakdown_type"].iloc[0]]
    latest = pool[pool["period_order"] == pool["period_order"].max()]
    parts = []
    for row in latest.itertuples(index=False):
        text = format_value(
            row.value, unit=meta["unit"], value_type=meta["value_type"], qualifier=row.qualifier, status=row.status_text
        )
        # Name the group only when there are several; a single one is in the indicator's title.
        parts.append(text if row.breakdown == "All" or len(latest) == 1 else f"{row.breakdown}: {text}")
    first = latest.iloc[0]
    return {"latest": "; ".join(parts), "period": first["period"], "citation": first["citation"]}
