"""Which catalogue indicator cites which Fingertips indicator ID, read from the sources the catalogue cites."""

from __future__ import annotations

import re

import pandas as pd

from indicators.store.load import Store

_CITES = re.compile(r"Fingertips indicator (\d+)", re.IGNORECASE)


def cited_fingertips_ids(indicators: pd.DataFrame, sources: pd.DataFrame) -> dict[str, str]:
    """Fingertips indicator ID -> the catalogue indicator whose primary source names it.

    A source cites an ID in its title or upstream ('OHID Fingertips indicator 92443'). An ID cited by
    two indicators' sources is left out: it cannot be placed without asking. Imported sources never count.
    """
    cited = sources[sources["kind"].astype(str) != "import"].set_index("source_id")
    found: dict[str, set[str]] = {}
    for indicator_id, source_id in zip(indicators["indicator_id"], indicators["primary_source_id"], strict=True):
        if source_id not in cited.index:
            continue
        row = cited.loc[source_id]
        text = " ".join(str(row[c]) for c in ("title", "upstream") if pd.notna(row[c]))
        for fingertips_id in set(_CITES.findall(text)):
            found.setdefault(fingertips_id, set()).add(str(indicator_id))
    return {fid: next(iter(ids)) for fid, ids in found.items() if len(ids) == 1}


def cited_in(store: Store) -> dict[str, str]:
    """Fingertips indicator ID -> catalogue indicator, for a loaded store (see cited_fingertips_ids)."""
    return cited_fingertips_ids(store.indicators, store.sources)
