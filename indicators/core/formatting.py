"""Numbers and directions in words, said once: how a value is written and how a polarity is described."""

from __future__ import annotations

import math

# A polarity in a few words (tables, captions) ...
POLARITY_WORDS = {
    "lower_is_better": "Lower is better",
    "higher_is_better": "Higher is better",
    "no_judgement": "No direction set",
}
# ... as a choice offered to an analyst who brings a new indicator ...
POLARITY_CHOICES = {
    "no_judgement": "No judgement (neither higher nor lower is better)",
    "higher_is_better": "Higher is better",
    "lower_is_better": "Lower is better",
}
# ... and as a label drawn on a chart.
# Ordinal words as documents write them ('second quarter', '3rd most deprived decile').
ORDINAL_WORDS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
}
WANTS = {"lower_is_better": "The Plan wants this lower ↓", "higher_is_better": "The Plan wants this higher ↑"}


def format_value(
    value: float, *, unit: str, value_type: str, qualifier: str = "exact", status: str | None = None
) -> str:
    """Write a value as a person reads it: '16.7%', 'more than 35,000 people', 'about 500 staff'."""
    if qualifier == "status" or value is None or (isinstance(value, float) and math.isnan(value)):
        return status or "No figure published"
    if value_type == "percentage":
        number = f"{value:.1f}".removesuffix(".0") + "%"
        text = number if unit == "%" else f"{number} {unit.removeprefix('% ')}"
    elif value_type == "years":
        text = f"{value:.1f} years"
    else:
        number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
        text = f"{number} {_singular(unit) if value == 1 else unit}"
    prefix = {"more than": "more than ", "about": "about "}.get(qualifier, "")
    suffix = " (milestone reached)" if qualifier == "milestone" else ""
    return f"{prefix}{text}{suffix}"


def _singular(unit: str) -> str:
    """The unit for a count of one: '1 centre', '1 person'."""
    if unit == "people":
        return "person"
    head, _, rest = unit.partition(" ")
    return (head.removesuffix("s") + (" " + rest if rest else "")) if head.endswith("s") and head != "staff" else unit
