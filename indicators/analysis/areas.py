"""Leeds neighbourhoods by deprivation: LSOAs, MSOAs, deciles, Leeds quintiles and the groups the report uses.

Two deprivation scales are offered, because they answer different questions:

- the IoD 2019 *national* decile of each LSOA (1 = England's most deprived tenth), published by MHCLG;
- a *Leeds* quintile: the 482 Leeds LSOAs ranked by IMD rank and cut into five groups of about
  equal population (mid-2015, IoD 2019 File 6). Population-weighted, not equal counts of LSOAs,
  because that is how OHID forms local deprivation quantiles for the slope index of inequality:
  each group then stands for a fifth of Leeds' residents, so group values are comparable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.store.load import Store
from indicators.store.queries import per_store
from indicators.store.schemas import DOMAINS

FILTER_KINDS = {
    "all": "All of Leeds",
    "decile": "National IMD decile",
    "quintile": "Leeds quintile",
    "most_deprived": "10% most deprived in England against the rest of Leeds",
    "msoa": "Named neighbourhoods (MSOAs)",
    "lsoa": "Neighbourhoods picked on the map (LSOAs)",
}
MOST_DEPRIVED_GROUPS = ("most", "rest")
MOST_DEPRIVED_LABELS = {"most": "10% most deprived in England", "rest": "Rest of Leeds"}

DOMAIN_NAMES = {
    "imd": "Index of Multiple Deprivation",
    "income": "Income",
    "employment": "Employment",
    "education": "Education, skills and training",
    "health": "Health deprivation and disability",
    "crime": "Crime",
    "barriers": "Barriers to housing and services",
    "living_environment": "Living environment",
}

# The report's own population groups, which it names but never defines. Each is shown
# beside the closest defined group, and the page says that the match is ours, not the report's.
REPORT_GROUPS = (
    {
        "report_group": "10% most deprived communities",
        "closest_defined_group": MOST_DEPRIVED_LABELS["most"],
        "filter": "most_deprived",
        "note": "The report's wording matches England's most deprived tenth of LSOAs (IoD 2019 decile 1).",
    },
    {
        "report_group": "Most deprived areas of Leeds",
        "closest_defined_group": MOST_DEPRIVED_LABELS["most"],
        "filter": "most_deprived",
        "note": "The report does not define these areas; Leeds commonly means decile 1 nationally. Not confirmed.",
    },
    {
        "report_group": "People from deprived areas",
        "closest_defined_group": "National deciles 1 and 2 (20% most deprived)",
        "filter": "decile",
        "note": "The report does not define 'deprived areas'; the 20% most deprived is one common reading.",
    },
)


def leeds_quintiles(imd_rank: pd.Series, population: pd.Series, *, groups: int = 5) -> pd.Series:
    """Quantile within Leeds (1 = most deprived), by cumulative population at each LSOA's midpoint."""
    order = np.argsort(imd_rank.to_numpy(), kind="stable")
    pops = population.to_numpy(dtype=float)[order]
    midpoints = (np.cumsum(pops) - pops / 2) / pops.sum()
    assigned = np.minimum((midpoints * groups).astype(int) + 1, groups)
    out = np.empty_like(assigned)
    out[order] = assigned
    return pd.Series(out, index=imd_rank.index, dtype="int64")


@per_store
def lsoa_table(store: Store) -> pd.DataFrame:
    """One row per Leeds LSOA: names, MSOA, national decile, Leeds quintile, group and mid-2015 population."""
    dep = store.lsoa_deprivation
    names = store.areas.set_index("area_code")
    table = dep.assign(
        lsoa_name=dep["lsoa_code"].map(names["area_name"]),
        msoa_name=dep["msoa_code"].map(names["area_name"]),
        msoa_official_name=dep["msoa_code"].map(names["official_name"]),
        leeds_quintile=leeds_quintiles(dep["imd_rank"], dep["population_total"]),
    )
    table["most_deprived_group"] = np.where(table["imd_decile"] == 1, "most", "rest")
    return table.sort_values("imd_rank", kind="stable").reset_index(drop=True)


@per_store
def leeds_msoas(store: Store) -> pd.DataFrame:
    """The Leeds MSOAs with their names and population, built once per loaded store."""
    return msoa_table(lsoa_table(store))


def msoa_table(lsoas: pd.DataFrame) -> pd.DataFrame:
    """One row per Leeds MSOA with its House of Commons Library name, LSOA count and population."""
    # A column and a built-in sum rather than a lambda per MSOA: England has about 6,800 MSOAs.
    flagged = lsoas.assign(_most=(lsoas["imd_decile"] == 1).astype("int64"))
    grouped = flagged.groupby(["msoa_code", "msoa_name", "msoa_official_name"], as_index=False).agg(
        lsoas=("lsoa_code", "size"),
        population=("population_total", "sum"),
        most_deprived_lsoas=("_most", "sum"),
    )
    return grouped.sort_values("msoa_name").reset_index(drop=True)


@dataclass(frozen=True)
class AreaSelection:
    """What the analyst picked: a filter kind and the values of it (deciles, quintiles, groups or MSOA codes)."""

    kind: str = "all"
    values: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The selection in words, for titles."""
        if self.kind == "all" or not self.values:
            return "All of Leeds"
        if self.kind == "decile":
            return "National IMD decile " + ", ".join(self.values)
        if self.kind == "quintile":
            return "Leeds quintile " + ", ".join(self.values)
        if self.kind == "most_deprived":
            return " and ".join(MOST_DEPRIVED_LABELS[v] for v in self.values)
        if self.kind == "lsoa":
            return f"{len(self.values)} LSOA{'s' if len(self.values) != 1 else ''} picked on the map"
        return f"{len(self.values)} named neighbourhood{'s' if len(self.values) != 1 else ''}"


class SelectionError(ValueError):
    """A link asked for a filter or a value that does not exist; the message says which."""


def parse_selection(
    params: dict[str, str | list[str]], *, msoa_codes: set[str], lsoa_codes: set[str] = frozenset()
) -> AreaSelection:
    """Read a selection from query parameters (filter=decile&groups=1,2); raise SelectionError if unknown."""
    kind = _one(params.get("filter", "all")) or "all"
    if kind not in FILTER_KINDS:
        raise SelectionError(
            f"The link asks for filter '{kind}', which does not exist. Choose one of: all, "
            f"{', '.join(k for k in FILTER_KINDS if k != 'all')}."
        )
    raw = params.get("groups", "")
    items = raw if isinstance(raw, list) else [raw]
    values = tuple(v.strip() for item in items for v in str(item).split(",") if v.strip())
    allowed = {
        "all": set(),
        "decile": {str(d) for d in range(1, 11)},
        "quintile": {str(q) for q in range(1, 6)},
        "most_deprived": set(MOST_DEPRIVED_GROUPS),
        "msoa": msoa_codes,
        "lsoa": lsoa_codes,
    }[kind]
    unknown = [v for v in values if v not in allowed]
    if kind == "all" and values:
        unknown = list(values)
    if unknown:
        raise SelectionError(
            f"The link asks for {FILTER_KINDS[kind].lower()} {', '.join(unknown)}, which this dashboard does not have."
        )
    return AreaSelection(kind=kind, values=tuple(dict.fromkeys(values)))


def _one(value: str | list[str]) -> str:
    return value[-1] if isinstance(value, list) else value


def selection_params(selection: AreaSelection) -> dict[str, str]:
    """The query parameters that reproduce a selection (the inverse of parse_selection)."""
    if selection.kind == "all" or not selection.values:
        return {"filter": "all"}
    return {"filter": selection.kind, "groups": ",".join(selection.values)}


def select_lsoas(lsoas: pd.DataFrame, selection: AreaSelection) -> pd.DataFrame:
    """The LSOAs a selection covers (all of Leeds when nothing is chosen)."""
    if selection.kind == "all" or not selection.values:
        return lsoas
    column = {
        "decile": "imd_decile",
        "quintile": "leeds_quintile",
        "most_deprived": "most_deprived_group",
        "msoa": "msoa_code",
        "lsoa": "lsoa_code",
    }[selection.kind]
    wanted = {int(v) for v in selection.values} if selection.kind in ("decile", "quintile") else set(selection.values)
    return lsoas[lsoas[column].isin(wanted)]


@dataclass(frozen=True)
class SelectionSummary:
    """How much of Leeds a selection covers."""

    lsoas: int
    msoas: int
    population: int
    share_of_leeds: float
    in_most_deprived_decile: int


def summarise_selection(lsoas: pd.DataFrame, chosen: pd.DataFrame) -> SelectionSummary:
    """Counts of LSOAs, MSOAs and residents (mid-2015) in a selection, and its share of Leeds."""
    population = int(chosen["population_total"].sum())
    return SelectionSummary(
        lsoas=len(chosen),
        msoas=chosen["msoa_code"].nunique(),
        population=population,
        share_of_leeds=population / int(lsoas["population_total"].sum()),
        in_most_deprived_decile=int((chosen["imd_decile"] == 1).sum()),
    )


def group_populations(lsoas: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """LSOAs and residents per group of a column (imd_decile, leeds_quintile or most_deprived_group)."""
    out = lsoas.groupby(by, as_index=False).agg(lsoas=("lsoa_code", "size"), population=("population_total", "sum"))
    out["share"] = out["population"] / out["population"].sum()
    return out


def domain_profile(lsoas: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Per IoD domain: share of residents living in England's most deprived 10%, in the selection and in Leeds."""
    rows = []
    for domain in DOMAINS:
        column = f"{domain}_decile"
        rows.append(
            {
                "domain": DOMAIN_NAMES[domain],
                "selection_share": _share_in_decile_one(chosen, column),
                "leeds_share": _share_in_decile_one(lsoas, column),
                "selection_median_decile": _weighted_median(chosen[column], chosen["population_total"]),
            }
        )
    return pd.DataFrame(rows)


def _share_in_decile_one(frame: pd.DataFrame, column: str) -> float:
    total = frame["population_total"].sum()
    return float(frame.loc[frame[column] == 1, "population_total"].sum() / total) if total else float("nan")


def _weighted_median(values: pd.Series, weights: pd.Series) -> float:
    if values.empty:
        return float("nan")
    order = np.argsort(values.to_numpy(), kind="stable")
    v, w = values.to_numpy()[order], weights.to_numpy(dtype=float)[order]
    return float(v[np.searchsorted(np.cumsum(w), w.sum() / 2)])
