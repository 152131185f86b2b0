"""The spread of every English district and unitary authority, per official series and period.

The store keeps only Leeds, England and the comparators; an area profile also needs to know where
Leeds sits among all authorities of its kind. The build computes that here, from the same copied
official files, as lowest, 25th percentile, median, 75th percentile and highest value. Only one
area type is compared: districts and unitary authorities (Fingertips' "District & UA"), the type
Leeds is. Counties, regions and wards are left out, and so is every period the store leaves out.

Percentiles are taken by linear interpolation between the ranked values (Hyndman and Fan's
definition 7, as in Excel's PERCENTILE.INC), the usual method for a spine chart's quartiles.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

# In Fingertips' tidy files "UA" covers unitary authorities, metropolitan districts (Leeds among
# them) and London boroughs; "District" the shire districts. Together they are "District & UA".
SPREAD_AREA_TYPES = ("District", "UA")
AREA_TYPE_LABEL = "districts and unitary authorities"
QUANTILES = {"lowest": 0.0, "q25": 0.25, "median": 0.5, "q75": 0.75, "highest": 1.0}
SPREAD_COLUMNS = (
    "indicator_id",
    "source_id",
    "breakdown_type",
    "breakdown",
    "period",
    "area_type",
    "areas",
    *QUANTILES,
)
_KEY = ["indicator_id", "source_id", "breakdown_type", "breakdown", "period"]


def spread_of(rows: pd.DataFrame) -> pd.DataFrame:
    """Per series and period, how many authorities have a value and the quantiles of their values.

    `rows` holds one row per authority with indicator_id, source_id, breakdown_type, breakdown,
    period and value; empty values are not counted.
    """
    rows = rows[rows["value"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=list(SPREAD_COLUMNS))
    out = []
    for key, group in rows.groupby(_KEY, sort=True):
        values = group["value"].to_numpy(dtype=float)
        found = np.quantile(values, list(QUANTILES.values()), method="linear")
        out.append(
            {
                **dict(zip(_KEY, key, strict=True)),
                "area_type": AREA_TYPE_LABEL,
                "areas": len(values),
                **dict(zip(QUANTILES, (float(q) for q in found), strict=True)),
            }
        )
    frame = pd.DataFrame(out, columns=list(SPREAD_COLUMNS))
    frame["areas"] = frame["areas"].astype("int64")
    return frame


def authority_rows(
    raw: pd.DataFrame,
    *,
    indicator_id: str,
    source_id: str,
    exclusions: pd.DataFrame,
    groups: pd.Series | None = None,
) -> pd.DataFrame:
    """An official file's district and unitary authority rows, as tidy rows for `spread_of`.

    `groups` gives each row's group (Male, Female, or empty for the whole population); by default
    the file's `inequality` column. Only the whole population and splits by sex are kept (the rows
    a profile shows); periods the store leaves out for this source (any scope) are dropped too.
    """
    group = raw["inequality"] if groups is None else groups
    keep = raw["area_type"].isin(SPREAD_AREA_TYPES)
    keep &= ~raw["period"].isin(set(exclusions.loc[exclusions["source_id"] == source_id, "period"]))
    keep &= group.isna() | group.isin(["Male", "Female"])
    rows, group = raw[keep], group[keep]
    return pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "source_id": source_id,
            "breakdown_type": np.where(group.isna(), "none", "sex"),
            "breakdown": group.fillna("All"),
            "period": rows["period"],
            "area_code": rows["area_code"],
            "value": pd.to_numeric(rows["value"], errors="raise"),
        }
    )


def spread_table(
    series: Iterable[tuple[pd.DataFrame, str, str] | tuple[pd.DataFrame, str, str, pd.Series]],
    exclusions: pd.DataFrame,
) -> pd.DataFrame:
    """The spread table for every official series.

    Each item is (the series' rows of its official file, indicator_id, source_id), optionally with
    each row's group (see `authority_rows`) when the file does not give it in `inequality`.
    """
    frames = []
    for raw, indicator_id, source_id, *groups in series:
        rows = authority_rows(
            raw, indicator_id=indicator_id, source_id=source_id, exclusions=exclusions, groups=(groups or [None])[0]
        )
        duplicated = rows.duplicated(["breakdown", "period", "area_code"], keep=False)
        if duplicated.any():
            first = rows[duplicated].iloc[0]
            raise ValueError(
                f"{indicator_id} ({source_id}): authority {first['area_code']} has more than one value for "
                f"{first['period']} ({first['breakdown']}); the spread of authorities needs one each"
            )
        frames.append(spread_of(rows))
    if not frames:
        return pd.DataFrame(columns=list(SPREAD_COLUMNS))
    return pd.concat(frames, ignore_index=True)
