"""A presenter's deck: one finding per slide, built from a list of indicators, ready to show or to print.

The deck is written into a link as `deck=id,id:source,...` so it can be prepared and sent before a
meeting; this module reads and writes that text and turns it into numbered slides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from indicators.analysis.elsewhere import published_elsewhere
from indicators.charts.figures import source_line
from indicators.charts.plan import ChartKind, chart_plan
from indicators.core.formatting import format_value
from indicators.present.tables import overview_tiles
from indicators.store.load import Store
from indicators.store.queries import headline, indicator_row, sources_of

SOURCE_MARK = ":"
NO_DATA = "No data yet"


class DeckLinkError(ValueError):
    """A deck in a link names an indicator or source the store does not have."""


@dataclass(frozen=True)
class DeckItem:
    """One chosen indicator, and the source to show it from."""

    indicator_id: str
    source_id: str


@dataclass(frozen=True)
class Slide:
    """Everything one slide shows: the finding, what it measures, where it comes from and when."""

    number: int
    total: int
    indicator_id: str
    source_id: str
    title: str
    finding: str
    subtitle: str
    source: str
    data_date: str
    kind: ChartKind
    value_text: str
    # For a measure with no figures: what is published elsewhere and by whom (analysis.elsewhere).
    elsewhere: str = ""

    @property
    def has_data(self) -> bool:
        """False when the store has no published figure for this indicator and source."""
        return self.kind is not ChartKind.NONE

    @property
    def has_chart(self) -> bool:
        """True when a chart can be drawn; a single figure is shown as a number instead."""
        return self.kind not in (ChartKind.NONE, ChartKind.SINGLE)

    @property
    def counter(self) -> str:
        """'Slide 3 of 10'."""
        return f"Slide {self.number} of {self.total}"

    @property
    def live_path(self) -> str:
        """The indicator page for this slide, relative to the dashboard's address."""
        return "indicator?" + urlencode({"id": self.indicator_id, "source": self.source_id})


@dataclass(frozen=True)
class Deck:
    """Numbered slides in the presenter's order."""

    slides: tuple[Slide, ...]

    def __len__(self) -> int:
        return len(self.slides)

    def slide(self, number: int) -> Slide:
        """The slide at a 1-based position, held within the deck's bounds."""
        return self.slides[min(max(number, 1), len(self.slides)) - 1]


def default_source(store: Store, indicator_id: str) -> str:
    """The source a slide uses unless told: the indicator's primary source if it has figures there."""
    available = sources_of(store, indicator_id)
    primary = indicator_row(store, indicator_id)["primary_source_id"]
    return primary if primary in available or not available else available[0]


def headline_items(store: Store, *, tiles: pd.DataFrame | None = None) -> list[DeckItem]:
    """The Overview's headline set (indicators with data, in catalogue order), as a starting deck.

    `tiles` is the Overview's table when the caller already has it, as working it out takes a while.
    """
    tiles = overview_tiles(store) if tiles is None else tiles
    chosen = tiles.loc[tiles["data_status"] != "no data yet", "indicator_id"]
    return [DeckItem(i, default_source(store, i)) for i in chosen]


def parse_deck(store: Store, text: str) -> list[DeckItem]:
    """Read 'id,id:source' from a link; DeckLinkError names the first unknown part."""
    known = set(store.indicators["indicator_id"])
    items: list[DeckItem] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        indicator_id, _, source_id = part.partition(SOURCE_MARK)
        if indicator_id not in known:
            raise DeckLinkError(
                f"The deck in the link asks for indicator '{indicator_id}', which is not in the catalogue."
            )
        available = sources_of(store, indicator_id)
        if source_id and available and source_id not in available:
            raise DeckLinkError(f"Indicator '{indicator_id}' has no figures from source '{source_id}'.")
        items.append(DeckItem(indicator_id, source_id or default_source(store, indicator_id)))
    return items


def format_deck(store: Store, items: Sequence[DeckItem]) -> str:
    """The deck as link text; the source is written only where it is not the default."""
    parts = []
    for item in items:
        plain = item.source_id == default_source(store, item.indicator_id)
        parts.append(item.indicator_id if plain else f"{item.indicator_id}{SOURCE_MARK}{item.source_id}")
    return ",".join(parts)


def data_date(store: Store, indicator_id: str, *, source_id: str) -> str:
    """'Latest period 2024; source published ...': when the figures are from, and when they came out."""
    rows = headline(store, indicator_id, source_id=source_id)
    published = str(store.sources.set_index("source_id").at[source_id, "published"])
    # Extracts carry no publication date of their own, only the latest period they hold.
    release = (
        "from a Fingertips extract" if published.startswith("Fingertips extract") else f"source published {published}"
    )
    if rows.empty:
        return f"No figure yet; {release}"
    latest = rows.loc[rows["period_order"].idxmax(), "period"]
    return f"Latest period {latest}; {release}"


def _value_text(store: Store, indicator_id: str, *, source_id: str) -> str:
    """The latest published figure in words, for a slide that has one number and no chart."""
    rows = headline(store, indicator_id, source_id=source_id)
    if rows.empty:
        return NO_DATA
    meta = indicator_row(store, indicator_id)
    latest = rows[rows["period_order"] == rows["period_order"].max()]
    texts = []
    for row in latest.itertuples(index=False):
        status = None if pd.isna(row.status_text) else row.status_text
        text = format_value(
            row.value, unit=meta["unit"], value_type=meta["value_type"], qualifier=row.qualifier, status=status
        )
        texts.append(text if row.breakdown == "All" or len(latest) == 1 else f"{row.breakdown}: {text}")
    return "; ".join(texts)


def build_deck(store: Store, items: Sequence[DeckItem]) -> Deck:
    """Number the chosen indicators as slides, each with its finding, source and data date."""
    slides = []
    for number, item in enumerate(items, start=1):
        plan = chart_plan(store, item.indicator_id, source_id=item.source_id)
        has_rows = not headline(store, item.indicator_id, source_id=item.source_id).empty
        # A target with no reported figure still has a chart (the target itself); only rows make data.
        kind = plan.kind if has_rows or plan.kind is ChartKind.TARGET else ChartKind.NONE
        slides.append(
            Slide(
                number=number,
                total=len(items),
                indicator_id=item.indicator_id,
                source_id=item.source_id,
                title=str(indicator_row(store, item.indicator_id)["title"]),
                finding=plan.finding
                if kind is not ChartKind.NONE
                else f"{indicator_row(store, item.indicator_id)['title']}: no data yet",
                subtitle=plan.subtitle,
                source=source_line(store, item.source_id),
                data_date=data_date(store, item.indicator_id, source_id=item.source_id),
                kind=kind,
                value_text=_value_text(store, item.indicator_id, source_id=item.source_id),
                elsewhere="" if kind is not ChartKind.NONE else published_elsewhere(store, item.indicator_id).said,
            )
        )
    return Deck(slides=tuple(slides))
