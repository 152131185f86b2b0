"""Life expectancy's gradient by deprivation across small areas: a slope index of inequality with its interval.

Method (the same for Leeds and for England, from the same ONS file):
1. Areas are ordered from most to least deprived by their deprivation (for MSOAs, the
   population-weighted mean IMD 2019 rank of their LSOAs; rank 1 is the most deprived).
2. Each area's relative rank (ridit) is the midpoint of its share of the population along that
   order: 0 is the most deprived end, 1 the least deprived.
3. Life expectancy is regressed on the relative rank by least squares weighted by population.
   The slope is the slope index of inequality (SII): the modelled gap in years between the least
   and the most deprived ends. A positive SII means people in more deprived areas live shorter lives.
4. The 95% interval comes from each area's own published 95% interval (standard error = width /
   3.92): the weighted slope is a fixed weighted sum of the areas' values, so its standard error is
   the square root of the sum of each weight squared times that area's variance (independent
   areas). This is the closed form of simulating each value from its interval and refitting.
   It describes uncertainty from the areas' deaths, not how well a straight line fits.
Areas with no published value (ONS suppresses some) are left out and counted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

Z95 = 1.959963984540054
METHOD = (
    "Slope index of inequality: life expectancy regressed on each MSOA's population-weighted relative rank "
    "by deprivation (0 most deprived, 1 least), weighted by population; 95% interval from the MSOAs' own "
    "published 95% intervals"
)


@dataclass(frozen=True)
class SlopeIndex:
    """A fitted gradient: the SII (years), its 95% interval, the line, and how many areas it rests on."""

    sii: float
    lower_95: float
    upper_95: float
    intercept: float
    areas: int
    left_out: int

    def at(self, ridit: np.ndarray | float) -> np.ndarray | float:
        """The fitted life expectancy at a relative rank (0 most deprived, 1 least)."""
        return self.intercept + self.sii * np.asarray(ridit)


def ridits(deprivation_rank: pd.Series, population: pd.Series) -> pd.Series:
    """Each area's population-midpoint relative rank, 0 at the most deprived end (lowest rank)."""
    order = deprivation_rank.sort_values(kind="stable").index
    people = population.loc[order].astype(float)
    share = people / people.sum()
    midpoint = share.cumsum() - share / 2
    return midpoint.reindex(deprivation_rank.index)


def slope_index(
    value: pd.Series, lower_95: pd.Series, upper_95: pd.Series, population: pd.Series, deprivation_rank: pd.Series
) -> SlopeIndex | None:
    """The SII of `value` over areas (all Series share one index); None with fewer than three areas."""
    present = value.notna() & lower_95.notna() & upper_95.notna() & (population > 0)
    if present.sum() < 3:
        return None
    x = ridits(deprivation_rank[present], population[present])
    return fit_line(value, lower_95, upper_95, population, x.reindex(value.index))


def fit_line(
    value: pd.Series, lower_95: pd.Series, upper_95: pd.Series, population: pd.Series, x: pd.Series
) -> SlopeIndex | None:
    """A population-weighted straight line of `value` on a given position `x`, with the interval of its slope."""
    present = value.notna() & lower_95.notna() & upper_95.notna() & (population > 0) & x.notna()
    if present.sum() < 3:
        return None
    y = value[present].to_numpy(dtype=float)
    w = population[present].to_numpy(dtype=float)
    xs = x[present].to_numpy(dtype=float)
    x_bar = np.average(xs, weights=w)
    y_bar = np.average(y, weights=w)
    sxx = np.sum(w * (xs - x_bar) ** 2)
    coefficient = w * (xs - x_bar) / sxx
    slope = float(np.sum(coefficient * (y - y_bar)))
    se = (upper_95[present].to_numpy(dtype=float) - lower_95[present].to_numpy(dtype=float)) / (2 * Z95)
    slope_se = float(np.sqrt(np.sum(coefficient**2 * se**2)))
    return SlopeIndex(
        sii=slope,
        lower_95=slope - Z95 * slope_se,
        upper_95=slope + Z95 * slope_se,
        intercept=float(y_bar - slope * x_bar),
        areas=int(present.sum()),
        left_out=int((~present).sum()),
    )


def msoa_gradient(
    life: pd.DataFrame, msoas: pd.DataFrame, *, sex: str, la_code: str | None = None
) -> SlopeIndex | None:
    """The SII across England's MSOAs (`la_code` None) or one authority's, for one sex, from the store's tables."""
    frame = msoa_frame(life, msoas, sex=sex, la_code=la_code)
    return slope_index(
        frame["value"], frame["lower_95"], frame["upper_95"], frame["population"], frame["imd_rank_weighted"]
    )


def msoa_frame(life: pd.DataFrame, msoas: pd.DataFrame, *, sex: str, la_code: str | None = None) -> pd.DataFrame:
    """Life expectancy for one sex joined to each MSOA's names and deprivation, with its relative rank."""
    rows = life[life["sex"] == sex].merge(msoas, on="msoa_code", how="inner", validate="one_to_one")
    if la_code is not None:
        rows = rows[rows["la_code"] == la_code]
    rows = rows.reset_index(drop=True)
    # Ranked among the MSOAs with a figure, as the slope index ranks them.
    has = rows["value"].notna() & (rows["population"] > 0)
    rows["ridit"] = ridits(rows.loc[has, "imd_rank_weighted"], rows.loc[has, "population"]).reindex(rows.index)
    return rows
