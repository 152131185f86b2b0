"""The board pack's cover: what the pack is, the meeting it is for, when its data is from, and its contents.

Pages are numbered from the cover (page 1), so slide n is page n + 1 in both the PowerPoint and the PDF.
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


def page_number(slide_number: int) -> int:
    """The page a slide is on, the cover being page 1."""
    return slide_number + 1


def page_label(slide_number: int, deck: Deck) -> str:
    """'Page 3 of 11'."""
    return f"Page {page_number(slide_number)} of {len(deck) + 1}"


def contents(deck: Deck) -> list[tuple[int, str]]:
    """(page, finding) for every slide, in order."""
    return [(page_number(s.number), s.finding) for s in deck.slides]
