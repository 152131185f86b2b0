"""Place labels at the ends of lines so that none overprints another.

Labels that would sit closer than a line of text are gathered into a block, spaced one gap apart
and centred where they wanted to be on average; blocks that then touch are merged and centred
again. The result keeps the labels' order and each as near its line as the others allow.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def spread_labels(
    wanted: Sequence[float], *, gap: float, low: float = -math.inf, high: float = math.inf
) -> list[float]:
    """Positions as close to `wanted` as allows every two to be at least `gap` apart, within [low, high] if they fit.

    Positions and gap are in the same units (data units for a fixed-height axis). The order of
    the labels along the axis is kept; ties keep their order in `wanted`.
    """
    if gap < 0:
        raise ValueError(f"the gap between labels must not be negative (got {gap})")
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    blocks: list[tuple[list[int], float]] = []  # (labels, position of its lowest label)
    for i in order:
        members, start = [i], float(wanted[i])
        while blocks:
            below, below_start = blocks[-1]
            if below_start + len(below) * gap <= start + 1e-12:
                break
            blocks.pop()
            members = below + members
            centre = sum(wanted[j] for j in members) / len(members)
            start = centre - (len(members) - 1) * gap / 2
        blocks.append((members, start))
    placed = [0.0] * len(wanted)
    sequence = [(j, start + k * gap) for members, start in blocks for k, j in enumerate(members)]
    n = len(sequence)
    # Keep inside the axis where there is room: push up from the floor, then down from the ceiling.
    positions = [p for _, p in sequence]
    for k in range(n):
        floor = low + k * gap
        if k:
            floor = max(floor, positions[k - 1] + gap)
        positions[k] = max(positions[k], floor)
    for k in reversed(range(n)):
        ceiling = high - (n - 1 - k) * gap
        if k < n - 1:
            ceiling = min(ceiling, positions[k + 1] - gap)
        positions[k] = min(positions[k], ceiling)
    for (j, _), position in zip(sequence, positions, strict=True):
        placed[j] = position
    return placed
