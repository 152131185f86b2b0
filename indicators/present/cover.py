"""The board pack's cover: what the pack is, the meeting it is for, when its data is from, and its contents.

Pages are numbered from the cover (page 1); the area profile, when the pack has it, follows the cover
on as many pages as its rows need on that paper, so slide n is page n + 1 + the profile's pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from indicators.present.deck import Deck

PACK_TITLE = "Leeds Health and Care Plan: the indicators"
AUTHOR = "Leeds health inequality indicators dashboard"


def long_date(day: date) -> str:
    """'11 December 2019'."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Cover:
    """The cover's words: the pack's title, the meeting and its date, and the day the data was drawn."""

    meeting: str
    meeting_date: date
    data_as_at: date
    title: str = PACK_TITLE
    author: str = AUTHOR

    @property
    def meeting_line(self) -> str:
        """'For Leeds Health and Wellbeing Board, 11 December 2019'."""
        return f"For {self.meeting}, {long_date(self.meeting_date)}" if self.meeting else long_date(self.meeting_date)

    @property
    def data_line(self) -> str:
        """When the figures are from: the day the pack was drawn, with each page's own period."""
        return (
            f"Data as at {long_date(self.data_as_at)}: the figures the dashboard held that day. "
            "Each page gives its latest period and when its source was published."
        )

    def subject(self, deck: Deck) -> str:
        """The document's subject, for its properties."""
        return f"{self.meeting_line}: {len(deck)} findings, one a page"


def page_number(slide_number: int, *, profile_pages: int = 0) -> int:
    """The page a slide is on: after the cover (page 1) and the area profile's pages, if any."""
    return slide_number + 1 + profile_pages


def page_total(deck: Deck, *, profile_pages: int = 0) -> int:
    """How many pages the pack has: the cover, the area profile's pages and a page per slide."""
    return len(deck) + 1 + profile_pages


def page_label(slide_number: int, deck: Deck, *, profile_pages: int = 0) -> str:
    """'Page 3 of 11'."""
    total = page_total(deck, profile_pages=profile_pages)
    return f"Page {page_number(slide_number, profile_pages=profile_pages)} of {total}"


def profile_labels(deck: Deck, *, profile_pages: int) -> list[str]:
    """The page numbers of the area profile's pages, which follow the cover."""
    total = page_total(deck, profile_pages=profile_pages)
    return [f"Page {page} of {total}" for page in range(2, 2 + profile_pages)]


def contents(deck: Deck, *, profile: str | None = None, profile_pages: int = 0) -> list[tuple[str, str]]:
    """('Page 4', finding) for every slide, in order, after ('Pages 2 to 3', 'Area profile: ...') if the pack has it."""
    entries = []
    if profile is not None and profile_pages:
        where = "Page 2" if profile_pages == 1 else f"Pages 2 to {1 + profile_pages}"
        entries.append((where, f"Area profile: {profile}"))
    return entries + [(f"Page {page_number(s.number, profile_pages=profile_pages)}", s.finding) for s in deck.slides]
