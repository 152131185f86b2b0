"""The official series the store holds, read from their manifest (data/sources/official_series.csv).

One manifest row per official file (or per part of a file, when a file mixes two kinds of period):
which indicator and source it feeds, how its split years run, the measure and units it must
publish, which period labels it takes, where its sex breakdown sits and which area types it keeps.
Adding a series is adding a row. Every rule is checked, and a broken one stops the build with a
message naming the manifest row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from indicators.core.codes import ENGLAND
from indicators.core.periods import YEAR_START_MONTH
from indicators.store.load import StoreError

MANIFEST = "official_series.csv"
COLUMNS = (
    "file",
    "indicator_id",
    "source_id",
    "split_year",
    "measure",
    "units",
    "periods",
    "breakdown_from",
    "area_types",
    "note",
)
# Where a file keeps its sex split: the `inequality` column (life expectancy) or `unit` (mortality).
BREAKDOWN_COLUMNS = ("inequality", "unit")
# The Fingertips area types of local authorities; Leeds is a district-level authority.
AREA_TYPES = ("District", "UA", "County")
SEXES = ("Male", "Female")
# Fingertips' own comparison words; for an indicator with no polarity it says Higher or Lower (at 99.8%).
FINGERTIPS_COMPARISONS = {
    "Better": "Better",
    "Similar": "Similar",
    "Worse": "Worse",
    "Not compared": "Not compared",
    "Higher 99.8": "Higher",
    "Lower 99.8": "Lower",
}
FILE_COLUMNS = (
    "area_code",
    "area_name",
    "area_type",
    "period",
    "indicator",
    "measure",
    "unit",
    "value",
    "compared_to_England",
    "inequality",
)


@dataclass(frozen=True)
class OfficialSeries:
    """One manifest row: an official file (or part of one) and how to read it."""

    row: int
    file: str
    indicator_id: str
    source_id: str
    split_year: str
    measure: str
    units: tuple[str, ...]
    periods: re.Pattern[str] | None
    breakdown_from: str
    area_types: tuple[str, ...]
    note: str

    @property
    def label(self) -> str:
        """How messages name this row."""
        return f"{MANIFEST} row {self.row} ({self.file}, {self.source_id})"


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def read_manifest(path: Path) -> list[OfficialSeries]:
    """Read and check the manifest; every problem found is reported at once, naming its row."""
    if not path.is_file():
        raise StoreError("official_series", [f"{MANIFEST} is missing"])
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise StoreError("official_series", [f"{MANIFEST} has no column {c!r}" for c in missing])
    problems: list[str] = []
    rows: list[OfficialSeries] = []
    for i, raw in enumerate(frame.to_dict("records"), start=1):
        where = f"{MANIFEST} row {i} ({raw['file'] or 'no file'})"
        for column in ("file", "indicator_id", "source_id", "measure", "units", "breakdown_from", "area_types"):
            if not raw[column].strip():
                problems.append(f"{where}: column {column!r} is empty")
        if raw["split_year"] not in YEAR_START_MONTH:
            problems.append(
                f"{where}: split_year {raw['split_year']!r} is not one of {', '.join(sorted(YEAR_START_MONTH))}"
            )
        if raw["breakdown_from"] not in BREAKDOWN_COLUMNS:
            problems.append(
                f"{where}: breakdown_from {raw['breakdown_from']!r} is not one of {', '.join(BREAKDOWN_COLUMNS)}"
            )
        unknown_types = [t for t in _split(raw["area_types"]) if t not in AREA_TYPES]
        if unknown_types:
            problems.append(f"{where}: area type(s) {', '.join(unknown_types)} not one of {', '.join(AREA_TYPES)}")
        pattern = None
        if raw["periods"]:
            try:
                pattern = re.compile(raw["periods"])
            except re.error as exc:
                problems.append(f"{where}: periods {raw['periods']!r} is not a valid pattern ({exc})")
        rows.append(
            OfficialSeries(
                row=i,
                file=raw["file"],
                indicator_id=raw["indicator_id"],
                source_id=raw["source_id"],
                split_year=raw["split_year"],
                measure=raw["measure"],
                units=_split(raw["units"]),
                periods=pattern,
                breakdown_from=raw["breakdown_from"],
                area_types=_split(raw["area_types"]),
                note=raw["note"],
            )
        )
    seen: dict[str, int] = {}
    for series in rows:
        if series.source_id in seen:
            first = seen[series.source_id]
            problems.append(f"{series.label}: source {series.source_id} is already read by row {first}")
        seen.setdefault(series.source_id, series.row)
    if problems:
        raise StoreError("official_series", problems)
    return rows


def read_official_file(path: Path, series: list[OfficialSeries]) -> pd.DataFrame:
    """Read one official file as text and check it against every manifest row that reads it.

    Each row of the file must carry the measure and one of the units its manifest rows declare,
    and each period label must be taken by exactly one of them (a label none takes is an error,
    so a new kind of period cannot slip in unseen).
    """
    label = series[0].label
    if not path.is_file():
        raise StoreError("official_series", [f"{label}: the file is missing"])
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=["", "NA"], encoding="utf-8-sig")
    missing = [c for c in FILE_COLUMNS if c not in raw.columns]
    if missing:
        raise StoreError("official_series", [f"{label}: the file has no column {c!r}" for c in missing])
    problems = []
    for s in series:
        wrong = raw.loc[raw["measure"] != s.measure, "measure"].unique()
        problems += [f"{s.label}: the file publishes measure {m!r}, the manifest expects {s.measure!r}" for m in wrong]
        wrong_units = raw.loc[~raw["unit"].isin(s.units), "unit"].unique()
        units = "; ".join(s.units)
        problems += [f"{s.label}: unit {u!r} is not in the manifest's units ({units})" for u in wrong_units]
    periods = pd.Series(raw["period"].unique())
    takers = {p: [s for s in series if s.periods is None or s.periods.fullmatch(p)] for p in periods}
    problems += [f"{label}: period {p!r} matches no manifest row's periods" for p, t in takers.items() if not t]
    problems += [
        f"{label}: period {p!r} is taken by more than one manifest row ({', '.join(str(s.row) for s in t)})"
        for p, t in takers.items()
        if len(t) > 1
    ]
    unknown = raw.loc[~raw["compared_to_England"].isin(list(FINGERTIPS_COMPARISONS)), "compared_to_England"]
    problems += [f"{label}: compared_to_England {c!r} is not a Fingertips comparison" for c in unknown.unique()]
    if problems:
        raise StoreError("official_series", problems)
    return raw


def rows_for(raw: pd.DataFrame, series: OfficialSeries) -> pd.DataFrame:
    """The rows of a file that one manifest row takes: its periods, England and its area types."""
    keep = raw["area_type"].isin(series.area_types) | (raw["area_code"] == ENGLAND)
    if series.periods is not None:
        keep &= raw["period"].map(lambda p: series.periods.fullmatch(p) is not None)
    return raw[keep]


def breakdowns(rows: pd.DataFrame, series: OfficialSeries) -> tuple[pd.Series, pd.Series]:
    """Each row's breakdown type and breakdown: sex, England deprivation quintile, or the whole population."""
    group = rows[series.breakdown_from]
    if series.breakdown_from == "unit":
        group = group.where(group.isin(SEXES))
    kind = group.map(
        lambda v: "none" if pd.isna(v) else "sex" if v in SEXES else "deprivation_quintile_england",
        na_action=None,
    )
    return kind, group.fillna("All")


def local_authorities(files: dict[str, pd.DataFrame], manifest: list[OfficialSeries]) -> pd.DataFrame:
    """Every local authority any manifest row keeps, named as the first row to keep it names it last."""
    frames = []
    for series in manifest:
        rows = rows_for(files[series.file], series)
        rows = rows[rows["area_code"] != ENGLAND]
        frames.append(rows[["area_code", "area_name"]].drop_duplicates("area_code", keep="last"))
    every = pd.concat(frames, ignore_index=True).drop_duplicates("area_code", keep="first")
    return every.sort_values("area_code").reset_index(drop=True)
