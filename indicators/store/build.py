"""Build the Parquet store in data/ from the plain-CSV sources in data/sources/.

Run `python -m indicators.store.build` after editing a source file. The build checks
every table, and the store as a whole, before it writes anything; each table is
written beside its final name and then renamed, so a failed build leaves the
existing store as it was.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow
import pyarrow.parquet as pq

from indicators.core.codes import ENGLAND, LEEDS, REPORT_SOURCE
from indicators.core.periods import parse_period
from indicators.core.timescales import normalise_timescale
from indicators.store.boundaries import STATIC_DIR, served_files
from indicators.store.integrity import MANIFEST_NAME, ManifestUnreadable, write_manifest
from indicators.store.integrity import read_manifest as read_checksums
from indicators.store.load import DATA_DIR, Store, StoreError, check_store, read_table, table_path, validate_frame
from indicators.store.official_series import (
    FINGERTIPS_COMPARISONS,
    MANIFEST,
    OfficialSeries,
    breakdowns,
    local_authorities,
    read_manifest,
    read_official_file,
    rows_for,
)
from indicators.store.schemas import DOMAIN_TITLES, TABLES
from indicators.store.small_areas import LIFE_EXPECTANCY_FILE, build_msoas, read_life_expectancy
from indicators.store.spread import spread_table

SOURCES_DIR = DATA_DIR / "sources"
OFFICIAL = Path("official")
ACTION_PLAN_SOURCE = "kpmg_action_plan"
ROLE_ORDER = {"baseline": 0, "value": 1, "target": 2}

IOD_FILES = {
    "imd": "imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz",
    "domains": "imd2019/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz",
    "population": "imd2019/File_6_-_IoD2019_Population_Denominators.csv.gz",
}
MSOA_NAMES = "msoa_names/MSOA-Names-1.14.csv"
# How the IoD 2019 files head each domain's columns.
_DOMAIN_HEADINGS = {**DOMAIN_TITLES, "imd": "Index of Multiple Deprivation (IMD)"}
_POPULATION_HEADINGS = {
    "population_total": "Total population: mid 2015 (excluding prisoners)",
    "population_0_15": "Dependent Children aged 0-15: mid 2015 (excluding prisoners)",
    "population_16_59": "Population aged 16-59: mid 2015 (excluding prisoners)",
    "population_60_plus": "Older population aged 60 and over: mid 2015 (excluding prisoners)",
    "population_working_age": (
        "Working age population 18-59/64: for use with Employment Deprivation Domain (excluding prisoners)"
    ),
}


def _csv(path: Path, *, missing: tuple[str, ...] = ("",)) -> pd.DataFrame:
    """Read a source CSV as text; only the `missing` spellings count as empty cells."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=list(missing), encoding="utf-8-sig")


def _count(text: pd.Series) -> pd.Series:
    """Parse counts published with thousands separators ("2,654")."""
    return pd.to_numeric(text.str.replace(",", "", regex=False), errors="raise").astype("int64")


def official_files(src: Path) -> tuple[list[OfficialSeries], dict[str, pd.DataFrame]]:
    """The manifest and every official file it names, each read once and checked against its rows."""
    manifest = read_manifest(src / MANIFEST)
    files = {}
    for file in dict.fromkeys(s.file for s in manifest):
        files[file] = read_official_file(src / OFFICIAL / file, [s for s in manifest if s.file == file])
    return manifest, files


def build_areas(
    src: Path, comparators: pd.DataFrame, manifest: list[OfficialSeries], files: dict[str, pd.DataFrame]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """England, every local authority the official series keep, and the Leeds MSOAs and LSOAs.

    Also returns the Leeds LSOA deprivation table.
    """
    las = local_authorities(files, manifest)
    wanted = set(comparators["area_code"]) | {LEEDS}
    missing = wanted - set(las["area_code"])
    if missing:
        raise StoreError("areas", [f"comparator area {code} is in no official series" for code in sorted(missing)])
    for series in manifest:
        if not (files[series.file]["area_code"] == LEEDS).any():
            raise StoreError("official_series", [f"{series.label}: the file has no row for Leeds ({LEEDS})"])
    las = las.assign(area_type="Local authority", official_name=las["area_name"], parent_code=ENGLAND)
    england = pd.DataFrame(
        [
            {
                "area_code": ENGLAND,
                "area_name": "England",
                "area_type": "Country",
                "official_name": "England",
                "parent_code": None,
            }
        ]
    )

    imd = _csv(src / OFFICIAL / IOD_FILES["imd"])
    imd = imd[imd["Local Authority District code (2019)"] == LEEDS]
    names = _csv(src / OFFICIAL / MSOA_NAMES)
    msoas = names[names["Laname"] == "Leeds"]
    msoa_by_name = dict(zip(msoas["msoa11nm"], msoas["msoa11cd"], strict=True))
    lsoa_msoa_name = imd["LSOA name (2011)"].str[:-1]
    unknown = sorted(set(lsoa_msoa_name) - set(msoa_by_name))
    if unknown:
        raise StoreError("areas", [f"LSOA name prefix {n!r} matches no Leeds MSOA name" for n in unknown])
    lsoas = pd.DataFrame(
        {
            "area_code": imd["LSOA code (2011)"],
            "area_name": imd["LSOA name (2011)"],
            "area_type": "LSOA",
            "official_name": imd["LSOA name (2011)"],
            "parent_code": lsoa_msoa_name.map(msoa_by_name),
        }
    )
    msoa_table = pd.DataFrame(
        {
            "area_code": msoas["msoa11cd"],
            "area_name": msoas["msoa11hclnm"],
            "area_type": "MSOA",
            "official_name": msoas["msoa11nm"],
            "parent_code": LEEDS,
        }
    )
    areas = pd.concat([england, las, msoa_table, lsoas], ignore_index=True)
    return areas, build_lsoa_deprivation(src, lsoas)


def build_lsoa_deprivation(src: Path, lsoas: pd.DataFrame) -> pd.DataFrame:
    """IoD 2019 ranks, deciles and mid-2015 population for the Leeds LSOAs."""
    code = "LSOA code (2011)"
    domains = _csv(src / OFFICIAL / IOD_FILES["domains"]).set_index(code)
    population = _csv(src / OFFICIAL / IOD_FILES["population"]).set_index(code)
    imd = _csv(src / OFFICIAL / IOD_FILES["imd"]).set_index(code)
    codes = lsoas["area_code"].tolist()
    out = pd.DataFrame({"lsoa_code": codes, "msoa_code": lsoas["parent_code"].tolist()})
    for domain, heading in _DOMAIN_HEADINGS.items():
        rank = next(c for c in domains.columns if c.startswith(f"{heading} Rank"))
        decile = next(c for c in domains.columns if c.startswith(f"{heading} Decile"))
        out[f"{domain}_rank"] = _count(domains.loc[codes, rank]).to_numpy()
        out[f"{domain}_decile"] = _count(domains.loc[codes, decile]).to_numpy()
    # File 1 and File 2 both publish the IMD; a mismatch means a damaged copy.
    file1_rank = _count(imd.loc[codes, "Index of Multiple Deprivation (IMD) Rank"]).to_numpy()
    differ = out.index[out["imd_rank"].to_numpy() != file1_rank]
    if len(differ):
        raise StoreError(
            "lsoa_deprivation", [f"IMD rank differs between Files 1 and 2 for {out.at[i, 'lsoa_code']}" for i in differ]
        )
    for column, heading in _POPULATION_HEADINGS.items():
        out[column] = _count(population.loc[codes, heading]).to_numpy()
    return out


def _report_values(src: Path, published: date) -> pd.DataFrame:
    """The report's own figures, one row each, as transcribed in report_figures.csv."""
    figures = _csv(src / "report_figures.csv")
    out = figures.drop(columns=["figure_id"]).assign(source_id=REPORT_SOURCE)
    out["value"] = pd.to_numeric(out["value"], errors="raise")
    for column in ("period_start", "period_end"):
        out[column] = pd.to_datetime(out[column], format="%Y-%m-%d").astype("datetime64[ms]")
    # Undated figures sort by the report's date; undated baselines before everything.
    undated = pd.Series(pd.Timestamp(published).as_unit("ms"), index=out.index)
    undated[out["role"] == "baseline"] = pd.Timestamp("1900-01-01").as_unit("ms")
    out["_sort"] = out["period_end"].fillna(undated)
    return out


def _official_values(
    manifest: list[OfficialSeries], files: dict[str, pd.DataFrame], exclusions: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Official series for England and the kept authorities, with the untrusted periods left out and counted."""
    frames, left_out = [], []
    for series in manifest:
        source = series.source_id
        raw = rows_for(files[series.file], series)
        for rule in exclusions[exclusions["source_id"] == source].itertuples(index=False):
            hit = raw["period"] == rule.period
            if rule.scope == "local authorities":
                hit &= raw["area_code"] != ENGLAND
            if not hit.any():
                raise StoreError(
                    "exclusions", [f"exclusions.csv: {source} period {rule.period!r} ({rule.scope}) matches no row"]
                )
            left_out.append({**rule._asdict(), "rows_left_out": int(hit.sum())})
            raw = raw[~hit]
        empty = raw["value"].isna()
        if empty.any():
            for period, count in raw[empty].groupby("period").size().items():
                left_out.append(
                    {
                        "source_id": source,
                        "scope": "kept areas",
                        "period": period,
                        "rows_left_out": int(count),
                        "reason": "No value is published for these rows (suppressed or not collected).",
                    }
                )
            raw = raw[~empty]
        breakdown_type, breakdown = breakdowns(raw, series)
        try:
            dates = raw["period"].map(lambda p, s=series.split_year: parse_period(p, split_year=s))
        except ValueError as exc:
            raise StoreError("official_series", [f"{series.label}: {exc}"]) from exc
        frames.append(
            pd.DataFrame(
                {
                    "indicator_id": series.indicator_id,
                    "source_id": source,
                    "area_code": raw["area_code"],
                    "breakdown_type": breakdown_type,
                    "breakdown": breakdown,
                    "period": raw["period"],
                    "period_start": pd.to_datetime(dates.str[0]).astype("datetime64[ms]"),
                    "period_end": pd.to_datetime(dates.str[1]).astype("datetime64[ms]"),
                    "role": "value",
                    "value": pd.to_numeric(raw["value"], errors="raise"),
                    "qualifier": "exact",
                    "compared_to_england": raw["compared_to_England"].map(FINGERTIPS_COMPARISONS),
                    "citation": "OHID Fingertips: " + raw["indicator"],
                }
            )
        )
    values = pd.concat(frames, ignore_index=True)
    values["_sort"] = values["period_end"]
    return values, pd.DataFrame(left_out)


def _order_periods(values: pd.DataFrame) -> pd.DataFrame:
    """Number each series' periods from 0, earliest first, baselines before values."""
    series = ["indicator_id", "source_id", "area_code", "breakdown_type", "breakdown"]
    values = values.assign(_role=values["role"].map(ROLE_ORDER))
    values = values.sort_values([*series, "_sort", "_role", "period"], kind="stable")
    values["period_order"] = values.groupby(series, sort=False).cumcount().astype("int64")
    return values.drop(columns=["_sort", "_role"])


def _flag(text: pd.Series, *, table: str, column: str) -> pd.Series:
    """Read a "true"/"false" column; anything else stops the build naming the row."""
    bad = text[~text.isin(["true", "false"])]
    if len(bad):
        raise StoreError(
            table, [f"column '{column}' row {i + 1}: {v!r} is neither true nor false" for i, v in bad.items()]
        )
    return text == "true"


def _dates(values: list[object]) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[ms]")


def _spread_groups(rows: pd.DataFrame, series: OfficialSeries) -> list[pd.Series]:
    """Each row's sex for the spread of authorities, where a file gives it outside `inequality`."""
    if series.breakdown_from == "inequality":
        return []
    group = rows[series.breakdown_from]
    return [group.where(group.isin(["Male", "Female"]))]


def build_action_tables(src: Path) -> dict[str, pd.DataFrame]:
    """The audit action plan and the 2020 milestones with their timescales read into dates, and their links."""
    actions = _csv(src / "action_plan.csv")
    organisations = _csv(src / "action_organisations.csv").rename(
        columns={"quote": "organisation_quote", "explanation": "organisation_explanation"}
    )
    unmatched = set(actions["action_id"]) ^ set(organisations["action_id"])
    if unmatched:
        raise StoreError(
            "actions",
            [f"action {a} is not in both action_plan.csv and action_organisations.csv" for a in sorted(unmatched)],
        )
    actions = actions.merge(organisations, on="action_id", how="left", validate="one_to_one")
    actions["recommendation_no"] = actions["recommendation_no"].astype("int64")
    read = [normalise_timescale(text) for text in actions["timescale_text"]]
    actions["start"] = _dates([t.start for t in read])
    actions["due"] = _dates([t.due for t in read])
    actions["ongoing"] = [t.ongoing for t in read]
    actions["precision"] = [t.precision for t in read]
    actions["timescale_read"] = [t.parsed for t in read]
    actions["source_id"] = ACTION_PLAN_SOURCE

    milestones = _csv(src / "milestones_2020.csv")
    milestones["strand_no"] = milestones["strand_no"].astype("int64")
    for column in ("quarter_confident", "readable"):
        milestones[column] = _flag(milestones[column], table="milestones", column=column)
    milestones["start"] = _dates([normalise_timescale(q).start for q in milestones["quarter"]])
    milestones["due"] = _dates([normalise_timescale(q).due for q in milestones["last_quarter"]])
    milestones["source_id"] = REPORT_SOURCE
    return {"actions": actions, "milestones": milestones, "action_links": _csv(src / "action_links.csv")}


def build_tables(src: Path = SOURCES_DIR) -> dict[str, pd.DataFrame]:
    """Turn the source CSVs into checked tables, without writing anything."""
    sources = _csv(src / "sources.csv")
    plan = _csv(src / "plan_elements.csv")
    plan["ordinal"] = plan["ordinal"].astype("int64")
    breakdowns = _csv(src / "breakdowns.csv")
    breakdowns["ordinal"] = breakdowns["ordinal"].astype("int64")
    comparators = _csv(src / "comparators.csv")
    exclusion_rules = _csv(src / "exclusions.csv")
    manifest, files = official_files(src)
    areas, deprivation = build_areas(src, comparators, manifest, files)

    published = date.fromisoformat(sources.set_index("source_id").at[REPORT_SOURCE, "published"])
    official, exclusions = _official_values(manifest, files, exclusion_rules)
    values = _order_periods(pd.concat([_report_values(src, published), official], ignore_index=True))
    values = values.reindex(columns=TABLES["values"].arrow_schema().names)
    for column in ("lower_95", "upper_95", "numerator", "denominator"):
        values[column] = values[column].astype("float64")

    indicators = _csv(src / "indicators.csv")
    measured = values[values["role"] != "target"]
    with_value = set(measured.loc[measured["value"].notna(), "indicator_id"])
    with_status = set(measured.loc[measured["qualifier"] == "status", "indicator_id"])
    indicators["data_status"] = indicators["indicator_id"].map(
        lambda i: "has data" if i in with_value else "status only" if i in with_status else "no data yet"
    )
    msoas = build_msoas(
        _csv(src / OFFICIAL / IOD_FILES["imd"]),
        _csv(src / OFFICIAL / IOD_FILES["population"]),
        _csv(src / OFFICIAL / MSOA_NAMES),
    )
    tables = {
        "sources": sources,
        "plan_elements": plan,
        "indicators": indicators,
        "breakdowns": breakdowns,
        "areas": areas,
        "comparators": comparators,
        "lsoa_deprivation": deprivation,
        "values": values,
        "exclusions": exclusions,
        "published_elsewhere": _csv(src / "published_elsewhere.csv"),
        "indicator_pairs": _csv(src / "indicator_pairs.csv"),
        "msoas": msoas,
        "msoa_life_expectancy": read_life_expectancy(src / OFFICIAL / LIFE_EXPECTANCY_FILE),
        # Every district and unitary authority, reduced to quantiles: the profile's spread.
        "area_spread": spread_table(
            [
                (rows, series.indicator_id, series.source_id, *_spread_groups(rows, series))
                for series in manifest
                for rows in [rows_for(files[series.file], series)]
            ],
            exclusion_rules,
        ),
        **build_action_tables(src),
    }
    checked = {}
    for name, frame in tables.items():
        frame = frame[list(TABLES[name].arrow_schema().names)].reset_index(drop=True)
        checked[name] = validate_frame(name, frame)
    check_store(Store(**checked))
    return checked


def to_arrow(name: str, frame: pd.DataFrame) -> pyarrow.Table:
    """Convert a checked table to Arrow with its declared schema and no pandas index."""
    schema = TABLES[name].arrow_schema()
    return pyarrow.Table.from_pandas(frame, schema=schema, preserve_index=False).replace_schema_metadata(None)


def write_tables(tables: dict[str, pd.DataFrame], *, data_dir: Path = DATA_DIR) -> None:
    """Write each table beside its final name, then rename it into place."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        final = table_path(name, data_dir=data_dir)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".parquet.tmp", dir=data_dir)
        os.close(fd)
        try:
            pq.write_table(to_arrow(name, frame), tmp, compression="zstd")
            os.replace(tmp, final)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
    # Last, once every table is in place: the record of each file the loader checks before reading it.
    written = [table_path(name, data_dir=data_dir) for name in TABLES]
    write_manifest(data_dir, [path for path in written if path.is_file()])


def differences(built: dict[str, pd.DataFrame], *, data_dir: Path = DATA_DIR) -> list[str]:
    """Tables whose committed Parquet differs from a fresh build (empty when they agree)."""
    changed = []
    for name, frame in built.items():
        path = table_path(name, data_dir=data_dir)
        if not path.is_file():
            changed.append(f"{name}: not built yet")
        elif not pq.read_table(path).equals(to_arrow(name, frame), check_metadata=True):
            changed.append(f"{name}: differs from a rebuild of data/sources")
    return changed + _manifest_differences(built, data_dir=data_dir)


def _manifest_differences(built: dict[str, pd.DataFrame], *, data_dir: Path) -> list[str]:
    """The manifest must record exactly the files a build writes, so the loader accepts them and nothing else."""
    try:
        recorded = read_checksums(data_dir)
    except ManifestUnreadable as exc:
        return [f"{MANIFEST_NAME}: {exc}"]
    if recorded is None:
        return [f"{MANIFEST_NAME}: missing; run the build to write it"]
    expected = {}
    for name, frame in built.items():
        sink = pyarrow.BufferOutputStream()
        pq.write_table(to_arrow(name, frame), sink, compression="zstd")
        expected[name] = hashlib.sha256(sink.getvalue().to_pybytes()).hexdigest()
    wrong = sorted(n for n in expected if recorded.get(n, {}).get("sha256") != expected[n])
    extra = sorted(set(recorded) - set(expected))
    problems = [f"{MANIFEST_NAME}: the checksum of {n} is not that of a fresh build" for n in wrong]
    return problems + [f"{MANIFEST_NAME}: lists {n}, which the build does not write" for n in extra]


def map_file_differences(*, static_dir: Path = STATIC_DIR, sources_dir: Path = SOURCES_DIR) -> list[str]:
    """Served map files that differ from a fresh cut of the shipped boundaries (empty when they agree)."""
    changed = []
    for name, content in served_files(sources_dir / OFFICIAL / "boundaries").items():
        path = static_dir / name
        if not path.is_file() or path.read_bytes() != content:
            changed.append(f"static/{name}: differs from the boundaries in data/sources (or is missing)")
    return changed


def write_map_files(*, static_dir: Path = STATIC_DIR, sources_dir: Path = SOURCES_DIR) -> None:
    """Write the map files the browser fetches, each beside its final name and then renamed into place."""
    static_dir.mkdir(parents=True, exist_ok=True)
    for name, content in served_files(sources_dir / OFFICIAL / "boundaries").items():
        tmp = static_dir / f".{name}.tmp"
        tmp.write_bytes(content)
        os.replace(tmp, static_dir / name)


def main(argv: list[str] | None = None, *, data_dir: Path = DATA_DIR, sources_dir: Path = SOURCES_DIR) -> int:
    """Command line: build the store, or with --check say whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed tables; write nothing")
    args = parser.parse_args(argv)
    try:
        tables = build_tables(sources_dir)
    except (StoreError, ValueError, KeyError) as exc:
        print(f"Build failed; nothing was written.\n{exc}", file=sys.stderr)
        return 1
    if args.check:
        changed = differences(tables, data_dir=data_dir)
        if data_dir == DATA_DIR:
            changed += map_file_differences(sources_dir=sources_dir)
        print("\n".join(changed) if changed else "The committed tables match a fresh build.")
        return 1 if changed else 0
    write_tables(tables, data_dir=data_dir)
    if data_dir == DATA_DIR:
        write_map_files(sources_dir=sources_dir)
    for name in tables:
        print(f"{name:18} {len(read_table(name, data_dir=data_dir)):>6} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
