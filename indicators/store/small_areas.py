"""England's 2011 MSOAs for the build: their deprivation from the IoD 2019 LSOAs, and ONS life expectancy.

Deprivation of an MSOA (documented method): each 2011 LSOA belongs to the MSOA whose name is the
LSOA's name without its final letter ("Leeds 048A" is in "Leeds 048"), which the House of Commons
Library names file turns into a code. The MSOA's deprivation is the mean of its LSOAs' IMD 2019
ranks (File 1; rank 1 is England's most deprived LSOA) weighted by their mid-2015 population
(File 6). MSOAs are then put in England deciles by that weighted rank, ten equal numbers of MSOAs,
decile 1 the most deprived. Life expectancy comes from ONS ad hoc release REQ3292 (sheet "Data"),
read as published: England's 6,791 MSOAs are kept, Wales' are not.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from indicators.store.load import StoreError

LIFE_EXPECTANCY_FILE = "small_area/REQ3292_LifeExpectancy_2011MSOAs_England_2016_to_2020.xlsx"
LIFE_EXPECTANCY_SHEET = "Data"
ENGLAND_MSOAS = 6_791
_LE_COLUMNS = {
    "Period": "period",
    "Geography Type": "geography",
    "Code": "msoa_code",
    "Code Name": "msoa_name",
    "Sex": "sex",
    "No of Deaths": "deaths",
    "Population": "population",
    "Life Expectancy at birth (in years)": "value",
    "Lower 95% confidence interval": "lower_95",
    "Upper 95% confidence interval": "upper_95",
}
_SEXES = {"Males": "Male", "Females": "Female", "Persons": "Persons"}


def _count(text: pd.Series) -> np.ndarray:
    return pd.to_numeric(text.str.replace(",", "", regex=False), errors="raise").to_numpy(dtype="int64")


def build_msoas(
    imd: pd.DataFrame, population: pd.DataFrame, names: pd.DataFrame, *, expected: int | None = ENGLAND_MSOAS
) -> pd.DataFrame:
    """Every English MSOA with its names, authority and population-weighted IMD rank (see the module text)."""
    england = names[names["msoa11cd"].str.startswith("E02")]
    code_of = dict(zip(england["msoa11nm"], england["msoa11cd"], strict=True))
    lsoas = pd.DataFrame(
        {
            "lsoa_code": imd["LSOA code (2011)"],
            "msoa_code": imd["LSOA name (2011)"].str[:-1].map(code_of),
            "la_code": imd["Local Authority District code (2019)"],
            "la_name": imd["Local Authority District name (2019)"],
            "rank": _count(imd["Index of Multiple Deprivation (IMD) Rank"]),
        }
    )
    unmatched = lsoas.loc[lsoas["msoa_code"].isna(), "lsoa_code"]
    if len(unmatched):
        raise StoreError("msoas", [f"LSOA {code} has a name matching no MSOA name" for code in unmatched[:20]])
    people = population.set_index("LSOA code (2011)")["Total population: mid 2015 (excluding prisoners)"]
    lsoas["population"] = _count(people.reindex(lsoas["lsoa_code"]).fillna("0"))
    lsoas["weighted"] = lsoas["rank"] * lsoas["population"]
    grouped = lsoas.groupby("msoa_code", sort=True)
    out = grouped.agg(
        la_code=("la_code", "first"),
        la_name=("la_name", "first"),
        lsoa_count=("lsoa_code", "size"),
        population_2015=("population", "sum"),
        weighted=("weighted", "sum"),
        split=("la_code", "nunique"),
    ).reset_index()
    if (out["split"] > 1).any():
        raise StoreError("msoas", [f"MSOA {c} spans two authorities" for c in out.loc[out["split"] > 1, "msoa_code"]])
    out["imd_rank_weighted"] = out["weighted"] / out["population_2015"]
    order = out["imd_rank_weighted"].rank(method="first").to_numpy()
    out["imd_decile_msoa"] = np.ceil(order * 10 / len(out)).astype("int64")
    named = england.set_index("msoa11cd")
    out["msoa_name"] = out["msoa_code"].map(named["msoa11nm"])
    out["hcl_name"] = out["msoa_code"].map(named["msoa11hclnm"])
    if expected is not None and len(out) != expected:
        raise StoreError("msoas", [f"the LSOAs fall in {len(out)} MSOAs, not England's {expected}"])
    return out.drop(columns=["weighted", "split"])


def read_life_expectancy(path: Path) -> pd.DataFrame:
    """ONS REQ3292 as published: England's MSOAs, by sex, with deaths, population and interval."""
    if not path.is_file():
        raise StoreError("msoa_life_expectancy", [f"{path.name} is missing"])
    raw = pd.read_excel(path, sheet_name=LIFE_EXPECTANCY_SHEET, dtype={"Code": str, "Sex": str, "Period": str})
    missing = [c for c in _LE_COLUMNS if c not in raw.columns]
    if missing:
        raise StoreError(
            "msoa_life_expectancy",
            [f"{path.name} sheet {LIFE_EXPECTANCY_SHEET!r} has no column {c!r}" for c in missing],
        )
    frame = raw.rename(columns=_LE_COLUMNS)[list(_LE_COLUMNS.values())]
    frame = frame[frame["msoa_code"].str.startswith("E02")]
    problems = [f"{path.name}: unknown sex {s!r}" for s in sorted(set(frame["sex"]) - set(_SEXES))]
    problems += [f"{path.name}: geography {g!r} is not 2011 MSOAs" for g in set(frame["geography"]) - {"2011MSOAs"}]
    if problems:
        raise StoreError("msoa_life_expectancy", problems)
    frame = frame.assign(
        sex=frame["sex"].map(_SEXES),
        period=frame["period"].str.strip(),
        deaths=frame["deaths"].astype("int64"),
        population=frame["population"].astype("int64"),
    )
    for column in ("value", "lower_95", "upper_95"):
        frame[column] = pd.to_numeric(frame[column], errors="raise").astype("float64")
    return frame.drop(columns=["geography", "msoa_name"]).sort_values(["msoa_code", "sex"]).reset_index(drop=True)
