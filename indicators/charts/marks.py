"""How Fingertips' published comparison with England is drawn: a colour, a shape and words together.

The judgement is Fingertips' own (the `compared_to_england` column of an official series), never
ours. Colour is never alone: every mark pairs it with a shape and the words, so a reader who cannot
tell the colours apart, or prints in grey, still reads the judgement.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Mark:
    """The colour, plotly marker symbol, outline, words and a text shape for one published comparison."""

    word: str
    colour: str
    symbol: str
    outline: str
    words: str
    glyph: str


# NHS identity colours; green and red differ in lightness too, and each has its own shape.
_MARKS = {
    "Better": Mark("Better", "#007F3B", "triangle-up", "#00401E", "Better than England", "▲"),
    "Similar": Mark("Similar", "#FFB81C", "circle", "#7A5500", "Similar to England", "●"),
    "Worse": Mark("Worse", "#D5281B", "triangle-down", "#6B140D", "Worse than England", "▼"),
    "Higher": Mark("Higher", "#41B6E6", "square", "#003087", "Higher than England", "■"),
    "Lower": Mark("Lower", "#003087", "square", "#00183F", "Lower than England", "■"),
    "Not compared": Mark("Not compared", "#FFFFFF", "diamond", "#425563", "Not compared with England", "◆"),
}
ORDER = tuple(_MARKS)


def published_word(value: object) -> str:
    """The published judgement reduced to its word ('Higher 99.8' is 'Higher'); empty or unknown is 'Not compared'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "Not compared"
    text = str(value).strip()
    for word in _MARKS:
        if text == word or text.startswith(word + " "):
            return word
    return "Not compared"


def mark_for(value: object) -> Mark:
    """The mark for a published comparison, as found in the data."""
    return _MARKS[published_word(value)]
