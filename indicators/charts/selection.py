"""What one chart shows: an indicator from one source, with comparator areas, England and groups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ChartSelection:
    """One chart's selection, hashable so a cache can key on it; sequences are kept as tuples.

    `breakdowns` empty means every group; `comparators` are drawn beside Leeds (Leeds and England among
    them are ignored), and England only when `england` is set.
    """

    indicator_id: str
    source_id: str
    comparators: Sequence[str] = ()
    england: bool = True
    breakdowns: Sequence[str] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "comparators", tuple(self.comparators))
        object.__setattr__(self, "breakdowns", tuple(self.breakdowns or ()))
