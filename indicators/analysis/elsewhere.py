"""What a measure with no series held says instead: who publishes it, or which series is held for it."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.store.load import Store

IMPORT_HOW = (
    "An analyst can bring a published series in on the Import data page, as a Fingertips export or as "
    "counts in the dashboard's template; it is then charted here with its source."
)
UNKNOWN = "The dashboard knows of no published series for this measure yet."


@dataclass(frozen=True)
class Elsewhere:
    """The words for one measure with no data: what is published, by whom, and any series held instead."""

    said: str  # what is published and by whom, or the series held instead
    held_as: str | None = None
    held_title: str | None = None
    how: str = ""  # how an analyst brings a series in

    @property
    def text(self) -> str:
        """What is published and how to bring it in, as a page says it."""
        return f"{self.said} {self.how}".strip()


def published_elsewhere(store: Store, indicator_id: str) -> Elsewhere:
    """What to say for an indicator with no data yet, from the published_elsewhere table."""
    rows = store.published_elsewhere.set_index("indicator_id")
    if indicator_id not in rows.index:
        return Elsewhere(UNKNOWN, how=IMPORT_HOW)
    row = rows.loc[indicator_id]
    note = f" {row['note']}" if isinstance(row["note"], str) and row["note"] else ""
    held = row["held_as"] if isinstance(row["held_as"], str) and row["held_as"] else None
    if held is not None:
        title = store.indicators.set_index("indicator_id").at[held, "title"]
        return Elsewhere(f"Held here instead: {title}, published by {row['publisher']}.{note}", held, title)
    if row["publisher"] == "Not known":
        return Elsewhere(f"{row['dataset']}.{note}", how=IMPORT_HOW)
    return Elsewhere(f"Published elsewhere: {row['dataset']}, by {row['publisher']}.{note}", how=IMPORT_HOW)
