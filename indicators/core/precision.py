"""How many decimal places a set of figures needs, chosen from the figures themselves.

A fixed one decimal place writes a rate of 1,234.5 per 100,000 with a spurious tenth and a
proportion of 0.04% as 0.0%. Here the places are set by how precisely the figures are known: the
narrowest 95% interval's half-width (its margin of error) is written to two significant figures,
and no figure is written more finely than that margin (a margin of 4.5 points gives one decimal,
of 45 per 100,000 none). Without intervals the smallest difference between distinct figures sets
the places, so figures that differ are never written the same; with neither, the figures' size.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

MAX_PLACES = 3


def _finite(numbers: Iterable[object]) -> list[float]:
    out = []
    for n in numbers:
        try:
            f = float(n)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if math.isfinite(f):
            out.append(f)
    return out


def _places_for(scale: float, *, significant: int = 1) -> int:
    """Places that show `scale` to `significant` significant figures, from 0 to MAX_PLACES."""
    return max(0, min(MAX_PLACES, significant - 1 - math.floor(math.log10(scale))))


def decimals_for(values: Iterable[object], *, lower: Iterable[object] = (), upper: Iterable[object] = ()) -> int:
    """Decimal places for writing these values: set by the narrowest interval, else the closest pair, else size.

    `lower` and `upper` are the 95% limits, row for row with `values` (missing limits are skipped).
    """
    values = list(values)
    lows, highs = list(lower), list(upper)
    halves = []
    for v, lo, hi in zip(values, lows or [None] * len(values), highs or [None] * len(values), strict=True):
        found = _finite([v, lo, hi])
        if len(found) == 3:
            half = (found[2] - found[1]) / 2
            if half > 0:
                halves.append(half)
    if halves:
        return _places_for(min(halves), significant=2)
    distinct = sorted(set(_finite(values)))
    gaps = [b - a for a, b in itertools.pairwise(distinct) if b - a > 0]
    if gaps:
        return _places_for(min(gaps))
    sizes = [abs(v) for v in distinct if v != 0]
    if sizes:
        return _places_for(max(sizes)) if max(sizes) < 1 else 1 if max(sizes) < 100 else 0
    return 0


def write_number(value: float, *, places: int, percentage: bool) -> str:
    """A value with `places` decimals and thousands separators, '%' after a percentage."""
    text = f"{value:,.{places}f}"
    return text + "%" if percentage else text
