"""Choosing neighbourhoods on the explorer's map: a click adds or removes an LSOA, a box or lasso adds those inside.

The map reports a selection as plotly does (`points`, and `box` or `lasso` when an area was drawn);
these functions turn it into the explorer's next `AreaSelection`, kept pure so it is tested without
a browser. A pick starting from all of Leeds starts a new selection rather than removing one LSOA
from the whole city; removing the last LSOA picked returns to all of Leeds.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from indicators.analysis.areas import AreaSelection

CLICK = "click"
AREA = "area"


def picked_codes(event: Mapping | None) -> tuple[tuple[str, ...], str]:
    """The area codes a plotly selection names (in order, once each) and how they were picked: click or area."""
    if not event:
        return (), CLICK
    codes: list[str] = []
    for point in event.get("points") or []:
        code = point.get("location")
        if not isinstance(code, str):
            extra = point.get("customdata")
            code = extra[0] if isinstance(extra, list | tuple) and extra else extra
        if isinstance(code, str) and code not in codes:
            codes.append(code)
    how = AREA if (event.get("box") or event.get("lasso")) else CLICK
    return tuple(codes), how


def apply_pick(current: Sequence[str], picked: Sequence[str], *, how: str, known: Collection[str]) -> tuple[str, ...]:
    """The LSOAs chosen after a pick: a click toggles each area clicked, a box or lasso adds every area inside.

    Codes not in `known` (an outline, a stale figure) are ignored. The result is sorted, so one set of
    areas always makes the same link.
    """
    chosen = dict.fromkeys(c for c in current if c in known)
    for code in picked:
        if code not in known:
            continue
        if how == CLICK and code in chosen:
            del chosen[code]
        else:
            chosen[code] = None
    return tuple(sorted(chosen))


def pick_selection(
    selection: AreaSelection, selected_lsoas: Sequence[str], event: Mapping | None, *, known: Collection[str]
) -> AreaSelection:
    """The explorer's selection after a pick on the map, from the current selection and the LSOAs it covers."""
    picked, how = picked_codes(event)
    if not picked:
        return selection
    whole = selection.kind == "all" or not selection.values
    chosen = apply_pick(() if whole else selected_lsoas, picked, how=how, known=known)
    return AreaSelection("lsoa", chosen) if chosen else AreaSelection()
