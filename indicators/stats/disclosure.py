"""Small-number suppression for analysts' imported data, applied once where the store is loaded.

The rule: a count from 1 to 4 (by default) is never shown, nor anything derived from it (a rate,
a percentage, its interval; the denominator when it too is 1 to 4). Zero is shown: it identifies
nobody. This follows the shape of NHS Digital's published rule for Hospital Episode Statistics
(until September 2018) and the National Child Measurement Programme (until 2020): replace small
non-zero values with '*' (they used 1 to 5), then suppress a second cell so that the first cannot
be worked out from a total ("secondary suppression"). Sources: NHS Digital, "Disclosure control
methodology for HES and ECDS" (2018) and "Changes to the NCMP 2019-20 publication content and
disclosure control methodology" (2020).

The upper limit is set with the environment variable INDICATORS_SUPPRESS_UP_TO (default 4, so
1 to 4 are hidden; 5 hides 1 to 5 as those rules did; 0 turns suppression off).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.core import settings

ENV_VAR = "INDICATORS_SUPPRESS_UP_TO"
DEFAULT_UP_TO = 4
SUPPRESSED = "suppressed"


def threshold(environ: Mapping[str, str] | None = None) -> int:
    """The largest count that is suppressed (counts 1..threshold are hidden); from the environment or 4."""
    raw = settings.value(ENV_VAR, environ) or str(DEFAULT_UP_TO)
    if not raw.isdigit():
        raise ValueError(f"{ENV_VAR} must be a whole number of 0 or more (the largest count to hide), not {raw!r}")
    return int(raw)


def is_small(counts: pd.Series | np.ndarray, *, up_to: int) -> np.ndarray:
    """True where a count is from 1 to `up_to` (missing counts and zero are not small)."""
    c = np.asarray(counts, dtype=float)
    with np.errstate(invalid="ignore"):
        return (c >= 1) & (c <= up_to)


def primary_mask(values: pd.DataFrame, *, up_to: int) -> np.ndarray:
    """Rows whose numerator, or denominator, is a small count."""
    return is_small(values["numerator"], up_to=up_to) | is_small(values["denominator"], up_to=up_to)


def secondary_mask(values: pd.DataFrame, primary: np.ndarray, *, partition: list[str]) -> np.ndarray:
    """Where one group of a set is hidden, also hide the next smallest, so a total cannot reveal it."""
    extra = np.zeros(len(values), dtype=bool)
    frame = values.assign(_hidden=primary, _pos=np.arange(len(values)))
    for _, group in frame.groupby(partition, sort=False, dropna=False):
        if len(group) < 2 or group["_hidden"].sum() != 1:
            continue
        candidates = group[~group["_hidden"]].sort_values("numerator", kind="stable", na_position="last")
        extra[int(candidates["_pos"].iloc[0])] = True
    return extra


def suppress(values: pd.DataFrame, *, up_to: int, partition: list[str]) -> pd.DataFrame:
    """Hide small counts and what they let a reader work out; rows stay, marked 'suppressed'.

    `partition` names the columns that make a set of groups adding up to a shown total
    (e.g. indicator, source, area, breakdown type, period). Suppressed rows get no value,
    interval, numerator or denominator, qualifier 'status' and status text 'suppressed'.
    """
    if up_to <= 0 or values.empty:
        return values
    primary = primary_mask(values, up_to=up_to)
    if not primary.any():
        return values
    hide = primary | secondary_mask(values, primary, partition=partition)
    out = values.copy()
    for column in ("value", "lower_95", "upper_95", "numerator", "denominator"):
        out.loc[hide, column] = np.nan
    out.loc[hide, "qualifier"] = "status"
    out.loc[hide, "status_text"] = SUPPRESSED
    out.loc[hide, "compared_to_england"] = None
    reason = f"Suppressed: counts from 1 to {up_to} are not shown, nor figures that would reveal them"
    out.loc[hide, "note"] = reason
    return out
