"""Imported data named as what it is: which sources and indicators come from an analyst's import, and from where."""

from __future__ import annotations

import pandas as pd

from indicators.store.load import Store
from indicators.store.lookups import source_rows

IMPORT_KIND = "import"


def import_source_ids(sources: pd.DataFrame) -> set[str]:
    """Sources that are analysts' imports rather than publications or the report."""
    return set(sources.loc[sources["kind"].astype(str) == IMPORT_KIND, "source_id"].astype(str))


def source_label(sources: pd.DataFrame, source_id: str) -> str | None:
    """'Imported from FILE by WHO, WHEN' for an import's source (its title says so); None for any other source."""
    row = sources[sources["source_id"].astype(str) == source_id]
    if row.empty or str(row["kind"].iloc[0]) != IMPORT_KIND:
        return None
    return str(row["title"].iloc[0])


def imported_indicators(indicators: pd.DataFrame, sources: pd.DataFrame) -> dict[str, str]:
    """Indicators that exist only because of an import (their primary source is one), with the import's label."""
    ids = import_source_ids(sources)
    titles = sources.set_index("source_id")["title"]
    primary = indicators["primary_source_id"].astype(str)
    mine = indicators[primary.isin(ids)]
    return {str(i): str(titles[s]) for i, s in zip(mine["indicator_id"], mine["primary_source_id"], strict=True)}


def coverage_note(counted: int, imported: int) -> str:
    """The sentence saying which sources the Overview's judgement counts cover."""
    base = "These counts cover the report's figures and the official series"
    if not imported:
        return base + "."
    many = "indicators come" if imported != 1 else "indicator comes"
    return f"{base}; {imported} {many} only from analysts' imports and {'are' if imported != 1 else 'is'} not counted."


def leeds_latest_line(rows: pd.DataFrame, *, leeds: str = "E08000035") -> str | None:
    """For an import's rows of one indicator: Leeds' latest value, its 95% interval and Fingertips' comparison
    with England, in words. None when the import has no Leeds row for the whole population."""
    own = rows[(rows["area_code"].astype(str) == leeds) & (rows["breakdown_type"].astype(str) == "none")]
    own = own[own["value"].notna()]
    if own.empty:
        return None
    last = own.sort_values("period_order").iloc[-1]
    parts = [f"Leeds {last['period']}: {last['value']:,.1f}"]
    if pd.notna(last["lower_95"]) and pd.notna(last["upper_95"]):
        parts.append(f"95% interval {last['lower_95']:,.1f} to {last['upper_95']:,.1f}")
    if pd.notna(last["numerator"]) and pd.notna(last["denominator"]):
        parts.append(f"{last['numerator']:,.0f} of {last['denominator']:,.0f}")
    compared = last["compared_to_england"]
    parts.append(
        f"compared with England: {compared} (Fingertips' judgement, as published)"
        if isinstance(compared, str) and compared
        else "compared with England: not given in the file"
    )
    return "; ".join(parts) + "."


def import_caption(store: Store, indicator_id: str, source_id: str) -> str | None:
    """An import named as one, with its Leeds figure, for wherever it is drawn; None for any other source."""
    imported = source_label(store.sources, source_id)
    if not imported:
        return None
    line = leeds_latest_line(source_rows(store, indicator_id, source_id))
    return f"{imported}; not one of the Plan's figures. {line or 'No Leeds row in this import.'}"
