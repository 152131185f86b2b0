"""The Fingertips export layout and its wording: columns, the parent-comparison column, deprivation groups."""

from __future__ import annotations

import re

from indicators.core.formatting import ORDINAL_WORDS
from indicators.imports.problems import at

FIXED_COLUMNS = (
    "Indicator ID",
    "Indicator Name",
    "Parent Code",
    "Parent Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
    "Count",
    "Denominator",
    "Value note",
    "Recent Trend",
    "Compared to England value or percentiles",
    "Compared to <parent> value or percentiles",
    "Time period Sortable",
    "New data",
    "Compared to goal",
)
PARENT_COLUMN = 22  # its name follows the parent area type: "Compared to Region value or percentiles", ...
PARENT_PATTERN = re.compile(r"^Compared to .+ value or percentiles$")
RANGE_COLUMN = "Time period range"
_ORDINALS = {"most": 1, "least": 1, **ORDINAL_WORDS}


# Columns an export must have for its rows to mean anything (up to "Value", less the parent area's code
# and name); the others are read when present.
REQUIRED = tuple(
    n for n in FIXED_COLUMNS[: FIXED_COLUMNS.index("Value") + 1] if n not in ("Parent Code", "Parent Name")
)
PARENT_NAME = FIXED_COLUMNS[PARENT_COLUMN]
ENGLAND_NAME = FIXED_COLUMNS[21]


def squeeze(name: str) -> str:
    """A header name as a person reads it: case, spaces and punctuation ignored ('AreaName' = 'Area Name')."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


_SQUEEZED = {squeeze(name): name for name in (*FIXED_COLUMNS, RANGE_COLUMN) if name != PARENT_NAME}


def _interval_column(key: str) -> str | None:
    """'Lower CI 95.0 limit' and its spellings: 'LowerCI95.0limit', 'Lower CI 95 limit', 'Lower 95% CI' ..."""
    side = "Lower" if key.startswith("lower") else "Upper" if key.startswith("upper") else None
    if side is None or not re.search(r"ci|limit|confidence|interval", key):
        return None
    rest = re.sub(r"^(lower|upper)|ci|limit|confidence|interval|s", "", key)
    if rest in ("95", "950"):
        return f"{side} CI 95.0 limit"
    if rest in ("998",):
        return f"{side} CI 99.8 limit"
    return None


def canonical(name: str) -> str | None:
    """The layout's name for a header cell, however it is spelt; None for a column the layout does not have."""
    key = squeeze(name)
    if key in _SQUEEZED:
        return _SQUEEZED[key]
    interval = _interval_column(key)
    if interval:
        return interval
    if key.startswith("comparedtoengland"):
        return ENGLAND_NAME
    # The parent comparison is named after the parent area type ('Compared to Region value or percentiles');
    # with no parent type an export writes 'Compared to percentiles'.
    if key.startswith("comparedto") and key.endswith("percentiles") and key != "comparedtogoal":
        return PARENT_NAME
    return None


def resolve_header(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Where each layout column sits in the header, matched by name in any order; and what is wrong with it."""
    positions: dict[str, int] = {}
    problems = []
    for i, name in enumerate(header):
        found = canonical(name)
        if found == ENGLAND_NAME and found in positions and PARENT_NAME not in positions:
            found = PARENT_NAME  # an export whose parent is England names both comparison columns after it
        if found is None:
            if squeeze(name).startswith("compared"):
                problems.append(
                    f"{at(1)}: column {i + 1} is '{name}'; it should be named like 'Compared to Region value "
                    "or percentiles' (the word changes with the parent area type)"
                )
            elif name.strip():
                problems.append(
                    f"{at(1)}: column {i + 1} '{name}' is not part of the Fingertips layout "
                    f"(26 columns, or 27 with '{RANGE_COLUMN}')"
                )
            elif i != len(header) - 1:
                problems.append(f"{at(1)}: column {i + 1} has no name")
            continue
        if found in positions:
            problems.append(
                f"{at(1)}: columns {positions[found] + 1} and {i + 1} ('{header[positions[found]]}', '{name}') "
                f"are both read as '{found}'"
            )
            continue
        positions[found] = i
    missing = [name for name in REQUIRED if name not in positions]
    problems = [f"{at(1)}: column '{name}' is missing" for name in missing] + problems
    return positions, problems


def check_layout(header: list[str]) -> list[str]:
    """Problems with the header: missing, unknown, unnamed or doubled columns."""
    return resolve_header(header)[1]


def deprivation_ordinal(category: str, *, groups: int) -> int | None:
    """1 for the most deprived group ... `groups` for the least, from Fingertips' wording of a category.

    Reads the IMD2010, IMD2015 and IMD2019 wordings ('Second most deprived decile (IMD2019)', 'Fifth less
    deprived decile', 'Middle quintile') and numbered ones ('1 - most deprived', 'Decile 3', '10').
    """
    text = re.sub(r"\([^)]*\)", " ", category.lower())  # '(IMD2019)', '(IMD2015, 4/21 geog.)'
    words = text.replace("-", " ").replace("%", " ").split()
    numbers = [int(w) for w in words if w.isdigit()]
    if len(numbers) == 1 and 1 <= numbers[0] <= groups and not ({"most", "least"} & set(words)) - {"deprived"}:
        return numbers[0]
    if numbers and 1 <= numbers[0] <= groups and "deprived" in words:
        number = numbers[0]
        if ("most" in words and number == 1) or ("least" in words and number == groups):
            return number
    if "middle" in words and groups % 2:
        return (groups + 1) // 2
    if "deprived" not in words:
        return None
    at_word = words.index("deprived")
    side = words[at_word - 1] if at_word >= 1 else ""
    step = _ORDINALS.get(words[at_word - 2], 1) if at_word >= 2 else 1
    if side in ("most", "more"):
        return step
    if side in ("least", "less"):
        return groups + 1 - step
    return None


def deprivation_groups(category_type: str) -> int | None:
    """10 for a deprivation decile category type, 5 for quintiles, None for anything else."""
    text = category_type.lower()
    if "deprivation" not in text:
        return None
    return 10 if "decile" in text else 5 if "quintile" in text else None


def area_type(fingertips_type: str, code: str) -> str:
    """The store's area type for a Fingertips area, from its ONS code prefix or the type Fingertips gives."""
    text = fingertips_type.lower()
    if code.startswith("E92"):
        return "Country"
    if code.startswith("E01"):
        return "LSOA"
    if code.startswith("E02"):
        return "MSOA"
    if code.startswith("E05") or "ward" in text:
        return "Ward"
    if code.startswith("E12") or "region" in text:
        return "Region"
    if code[:3] in ("E06", "E07", "E08", "E09", "E10") or "district" in text or "count" in text or "ua" in text:
        return "Local authority"
    return "Other area"
