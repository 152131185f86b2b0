"""Imported small-area measures: the LSOA or MSOA rows an analyst's counts template brought in, by area and summed.

An import of the counts template keeps one row per LSOA (or MSOA) and period with its counts; the
store suppresses small counts when it loads (indicators.stats.disclosure). Here those rows are read
back for a map, and added up for the explorer's selection against the rest of Leeds: the figure of
a group of areas is its summed numerator over its summed denominator, with its interval computed
from the summed counts, Wilson's score interval for a proportion, the exact Poisson interval (under
10 events) or Byar's approximation for a rate, as OHID computes them. What the counts cannot give
is said: a crude figure only (no age standardisation without counts by age), and areas whose
counts are suppressed or missing are left out of both sums, counted and named as such.

An MSOA belongs to the selection when at least half of its mid-2015 residents live in the selected
LSOAs, as for life expectancy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.stats import disclosure
from indicators.stats.methods import rate_interval, wilson_interval
from indicators.store.load import Store
from indicators.store.queries import per_store
from indicators.store.schemas import as_text

LEVELS = {"E01": "LSOA", "E02": "MSOA"}
MAJORITY = 0.5
# How a unit's figure is formed from counts: the counts template's measures (indicators.imports.options).
SCALES = {"%": ("percentage", 100.0), "per 100,000": ("rate", 100_000.0), "per 1,000": ("rate", 1_000.0)}
METHODS = {
    "percentage": "Wilson score 95% interval from the summed counts",
    "rate": "95% interval from the summed counts: exact Poisson under 10 events, else Byar's approximation",
}
CANNOT_DERIVE = (
    "These are crude figures: the counts carry no ages, so no age-standardised figure can be formed for a "
    "group of areas, and a difference may partly reflect the ages of the people living there."
)
SELECTION, REST = "Selected areas", "Rest of Leeds"


@dataclass(frozen=True)
class SmallAreaSeries:
    """One imported small-area measure: indicator, source (the import), level, unit and periods (latest last)."""

    indicator_id: str
    source_id: str
    level: str
    title: str
    unit: str
    source_title: str
    periods: tuple[str, ...]

    @property
    def key(self) -> str:
        """How the series is named in a link: 'indicator|source'."""
        return f"{self.indicator_id}|{self.source_id}"

    @property
    def kind(self) -> str:
        """'percentage' or 'rate': how the counts make the figure."""
        return SCALES[self.unit][0] if self.unit in SCALES else ""

    @property
    def label(self) -> str:
        return f"{self.title} ({self.unit}), by {self.level}: {self.source_title}"


def _codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """A column as integer codes and the labels they stand for (a category column's own; else factorised)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), column.cat.categories
    codes, labels = pd.factorize(column)
    return codes, pd.Index(labels)


def _levels(labels: pd.Index) -> np.ndarray:
    """The level of each area label as a number (0 none, 1 LSOA, 2 MSOA), with 0 last for code -1 (missing)."""
    names = list(LEVELS.values())
    return np.array([names.index(LEVELS[str(c)[:3]]) + 1 if str(c)[:3] in LEVELS else 0 for c in labels] + [0])


@per_store
def small_area_series(store: Store) -> tuple[SmallAreaSeries, ...]:
    """Each small-area measure held (an analyst's LSOA or MSOA counts), in title order.

    Worked out on category codes, counted rather than sorted or copied as text, and nothing kept but
    the answer: an England-scale store holds millions of LSOA rows.
    """
    v = store.values
    area_codes, area_labels = _codes(v["area_code"])
    level_of = _levels(area_labels)
    if not level_of.any():
        return ()
    level = level_of[area_codes]
    mask = (level > 0) & (v["role"] == "value").to_numpy()
    del level
    if not mask.any():
        return ()
    parts = [_codes(v[name]) for name in ("indicator_id", "source_id", "period")]
    sizes = [len(labels) for _, labels in parts] + [3]
    combined = np.zeros(int(mask.sum()), dtype=np.int64)
    for (codes, _), size in zip(parts, sizes[:-1], strict=True):
        combined *= size
        combined += codes[mask]
    combined *= 3
    combined += level_of[area_codes[mask]]
    present = np.flatnonzero(np.bincount(combined, minlength=int(np.prod(sizes))))
    del combined
    found = pd.DataFrame(np.column_stack(np.unravel_index(present, sizes)), columns=["ind", "src", "per", "lvl"])
    # Each period's end, to order the periods: read from one row of that period.
    period_codes = parts[2][0][mask]
    ends_all = v["period_end"].to_numpy()[mask]
    ends = {p: ends_all[int(np.argmax(period_codes == p))] for p in found["per"].unique()}
    del period_codes, ends_all
    meta = store.indicators.set_index("indicator_id")
    sources = store.sources.set_index("source_id")["short_title"]
    names = list(LEVELS.values())
    out = []
    for (ind, src, lvl), part in found.groupby(["ind", "src", "lvl"]):
        indicator_id, source_id = str(parts[0][1][ind]), str(parts[1][1][src])
        ordered = sorted(part["per"], key=lambda p: (ends[p], str(parts[2][1][p])))
        out.append(
            SmallAreaSeries(
                indicator_id=indicator_id,
                source_id=source_id,
                level=names[int(lvl) - 1],
                title=str(meta.at[indicator_id, "title"]),
                unit=str(meta.at[indicator_id, "unit"]),
                source_title=str(sources.get(source_id, source_id)),
                periods=tuple(str(parts[2][1][p]) for p in ordered),
            )
        )
    return tuple(sorted(out, key=lambda s: (s.title, s.source_id, s.level)))


def find_series(store: Store, key: str) -> SmallAreaSeries | None:
    """The series a link names ('indicator|source'), or None."""
    return next((s for s in small_area_series(store) if s.key == key), None)


@per_store
def area_rows(store: Store, key: str, period: str) -> pd.DataFrame:
    """One row per area of a series in one period: code, name, value, interval, counts and whether suppressed."""
    series = find_series(store, key)
    if series is None:
        raise KeyError(f"no imported small-area measure '{key}'")
    # Only this series' rows of one period are taken out, never the indicator's whole history as text.
    v = store.values
    prefix = next(p for p, level in LEVELS.items() if level == series.level)
    keep = (v["role"] == "value").to_numpy().copy()
    for name, wanted in (("indicator_id", series.indicator_id), ("source_id", series.source_id), ("period", period)):
        keep &= (v[name] == wanted).to_numpy()  # on category codes: no copy of the table's text
    picked = np.flatnonzero(keep)
    columns = ["area_code", "value", "lower_95", "upper_95", "numerator", "denominator", "status_text"]
    part = as_text(v.iloc[picked][columns])
    part = part[part["area_code"].str.startswith(prefix)]
    names = store.areas.set_index("area_code")
    out = part[["area_code", "value", "lower_95", "upper_95", "numerator", "denominator"]].copy()
    out.insert(1, "area_name", part["area_code"].map(names["area_name"]))
    out["suppressed"] = (part["status_text"] == disclosure.SUPPRESSED).to_numpy()
    return out.sort_values("area_code").reset_index(drop=True)


def msoa_shares(deprivation: pd.DataFrame, selected: list[str] | tuple[str, ...]) -> pd.Series:
    """For each Leeds MSOA, the share of its mid-2015 residents who live in the selected LSOAs."""
    chosen = deprivation["lsoa_code"].isin(selected)
    people = deprivation["population_total"].astype(float)
    total = people.groupby(deprivation["msoa_code"]).sum()
    inside = people.where(chosen, 0.0).groupby(deprivation["msoa_code"]).sum()
    return (inside / total).fillna(0.0)


def members(level: str, deprivation: pd.DataFrame, selected: list[str] | tuple[str, ...]) -> tuple[set[str], set[str]]:
    """The Leeds areas of a level in the selection and in the rest of Leeds."""
    if level == "LSOA":
        every = set(deprivation["lsoa_code"])
        inside = every & set(selected)
    else:
        share = msoa_shares(deprivation, selected)
        every = set(share.index)
        inside = set(share.index[share >= MAJORITY])
    return inside, every - inside


def figure_from_counts(numerator: float, denominator: float, *, unit: str) -> tuple[float, float, float]:
    """Value and 95% interval from counts, by the method for the unit (Wilson or exact Poisson/Byar's)."""
    kind, scale = SCALES[unit]
    if kind == "percentage":
        low, high = wilson_interval(numerator, denominator)
        return numerator / denominator * scale, low * scale, high * scale
    low, high = rate_interval(numerator, denominator, multiplier=scale)
    return numerator / denominator * scale, low, high


@dataclass(frozen=True)
class GroupFigures:
    """The selection against the rest of Leeds from summed counts: a table, the method, and what was left out."""

    table: pd.DataFrame
    method: str
    hidden: bool
    sentence: str


def selection_versus_rest(
    rows: pd.DataFrame, *, inside: set[str], rest: set[str], unit: str, level: str, up_to: int | None = None
) -> GroupFigures:
    """Sum the counts of the selected areas and of the rest of Leeds and give each group's figure and interval.

    Areas with suppressed counts, or no row, are left out of the sums and counted. If either group's summed
    count is itself small, both are hidden: one shown with the Leeds total would reveal the other.
    """
    up_to = disclosure.threshold() if up_to is None else up_to
    usable = (~rows["suppressed"] & rows["numerator"].notna() & rows["denominator"].notna()).to_numpy()
    codes = rows["area_code"].tolist()
    held = set(codes)
    numerators, denominators = rows["numerator"].to_numpy(float), rows["denominator"].to_numpy(float)
    records = []
    for group, areas in ((SELECTION, inside), (REST, rest)):
        # Set look-ups on plain strings: pandas' isin on Arrow strings takes seconds at England scale.
        member = np.fromiter((c in areas for c in codes), dtype=bool, count=len(codes))
        counted = member & usable
        x, n = float(numerators[counted].sum()), float(denominators[counted].sum())
        suppressed = int(member.sum() - counted.sum())
        missing = len(areas - held)
        value = low = high = np.nan
        if n > 0 and unit in SCALES and not (SCALES[unit][0] == "percentage" and x > n):
            value, low, high = figure_from_counts(x, n, unit=unit)
        records.append(
            {
                "Group": group,
                f"{level}s in the group": len(areas),
                f"{level}s counted": int(counted.sum()),
                f"{level}s suppressed (left out)": suppressed,
                f"{level}s with no row (left out)": missing,
                "Numerator (sum)": x,
                "Denominator (sum)": n,
                f"Value ({unit})": value,
                "Lower 95%": low,
                "Upper 95%": high,
            }
        )
    table = pd.DataFrame(records)
    small = disclosure.is_small(table["Numerator (sum)"], up_to=up_to) | disclosure.is_small(
        table["Denominator (sum)"], up_to=up_to
    )
    hidden = bool(small.any())
    if hidden:
        for column in ("Numerator (sum)", "Denominator (sum)", f"Value ({unit})", "Lower 95%", "Upper 95%"):
            table[column] = np.nan
    kind = SCALES.get(unit, ("", 0.0))[0]
    return GroupFigures(table, METHODS.get(kind, ""), hidden, _sentence(table, unit=unit, level=level, hidden=hidden))


def _sentence(table: pd.DataFrame, *, unit: str, level: str, hidden: bool) -> str:
    if hidden:
        return (
            "Not shown: a group's summed count is small enough to identify people (suppressed, as every small "
            "count is)."
        )
    sel, rest = table.iloc[0], table.iloc[1]
    column = f"Value ({unit})"
    if pd.isna(sel[column]) or pd.isna(rest[column]):
        return "The selection or the rest of Leeds has no counted area, so the two are not compared."

    def says(row: pd.Series) -> str:
        return f"{row[column]:,.1f} {unit} (95% interval {row['Lower 95%']:,.1f} to {row['Upper 95%']:,.1f})"

    counted = f"{int(sel[f'{level}s counted'])} and {int(rest[f'{level}s counted'])} {level}s"
    words = f"Selected areas {says(sel)}; rest of Leeds {says(rest)}, from the counts of {counted}."
    if sel["Lower 95%"] > rest["Upper 95%"]:
        return words + " The selection's figure is higher: the two 95% intervals do not overlap."
    if sel["Upper 95%"] < rest["Lower 95%"]:
        return words + " The selection's figure is lower: the two 95% intervals do not overlap."
    return words + " The 95% intervals overlap, so the selection is not shown to differ from the rest of Leeds."
