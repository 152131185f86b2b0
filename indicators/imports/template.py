"""The LSOA/MSOA counts template: check it, then aggregate to IoD 2019 deciles and Leeds quintiles with intervals."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from indicators.analysis.areas import MOST_DEPRIVED_LABELS, leeds_quintiles, lsoa_table
from indicators.core.codes import LEEDS
from indicators.core.periods import parse_period
from indicators.core.settings import DATA_DIR
from indicators.imports.csvread import decode_check, read_header, read_strings
from indicators.imports.fingertips import Parsed
from indicators.imports.options import MEASURES, ImportOptions
from indicators.imports.problems import ImportFailed, at, rows_text
from indicators.stats.methods import rate_interval, wilson_interval
from indicators.store.load import Store

COUNTS_TEMPLATE = DATA_DIR / "templates" / "lsoa_counts_template.csv"
REQUIRED = ("area_code", "period", "numerator", "denominator")
OPTIONAL = ("area_name",)
DECILES = "deprivation_decile_england"
QUINTILES = "deprivation_quintile_within_leeds"
MSOA_QUINTILES = "deprivation_quintile_within_leeds_msoa"
MOST_DEPRIVED = "deprivation_most_deprived_10"
_KIND_WORDS = {
    "percentage": "a percentage",
    "rate": "a rate",
    "years": "a number of years",
    "count": "a count",
    "to_be_confirmed": "a value of unstated kind",
}


def template_frame(store: Store) -> pd.DataFrame:
    """The blank template analysts fill in: every Leeds LSOA with its name, and empty period and counts."""
    lsoas = lsoa_table(store).sort_values("lsoa_code")
    return pd.DataFrame(
        {
            "area_code": lsoas["lsoa_code"],
            "area_name": lsoas["lsoa_name"],
            "period": "",
            "numerator": "",
            "denominator": "",
        }
    )


def declared_breakdowns() -> pd.DataFrame:
    """The deprivation groups a template import produces (1 = most deprived)."""
    rows = [
        *(
            (
                DECILES,
                f"Decile {d}" + (" (most deprived)" if d == 1 else " (least deprived)" if d == 10 else ""),
                d,
                "Leeds LSOAs in this tenth of England's LSOAs by the IoD 2019 IMD (1 = most deprived)",
            )
            for d in range(1, 11)
        ),
        *(
            (
                QUINTILES,
                _quintile_name(q),
                q,
                "Fifth of Leeds' residents (mid-2015), LSOAs ranked by the IoD 2019 IMD, most deprived first",
            )
            for q in range(1, 6)
        ),
        *(
            (
                MSOA_QUINTILES,
                _quintile_name(q),
                q,
                "Fifth of Leeds' residents, MSOAs ranked by the population-"
                "weighted mean IMD rank of their LSOAs (an approximation: the IoD ranks LSOAs, not MSOAs)",
            )
            for q in range(1, 6)
        ),
        (MOST_DEPRIVED, MOST_DEPRIVED_LABELS["most"], 1, "Leeds LSOAs in England's most deprived tenth (IoD 2019)"),
        (MOST_DEPRIVED, MOST_DEPRIVED_LABELS["rest"], 2, "All other Leeds LSOAs"),
    ]
    return pd.DataFrame(rows, columns=["breakdown_type", "breakdown", "ordinal", "definition"])


def _quintile_name(q: int) -> str:
    return f"Leeds quintile {q}" + (" (most deprived)" if q == 1 else " (least deprived)" if q == 5 else "")


def _decile_name(d: int) -> str:
    return f"Decile {d}" + (" (most deprived)" if d == 1 else " (least deprived)" if d == 10 else "")


def _read(data: bytes, file_name: str) -> pd.DataFrame:
    body = decode_check(data, file_name=file_name)
    header = read_header(body, file_name=file_name)
    problems = [f"{at(1)}: column '{c}' is missing" for c in REQUIRED if c not in header]
    problems += [
        f"{at(1)}: column {i} '{c}' is not part of the template (it has {', '.join(REQUIRED + OPTIONAL)})"
        for i, c in enumerate(header, start=1)
        if c not in REQUIRED + OPTIONAL
    ]
    problems += [f"{at(1)}: column '{c}' appears twice" for c in set(header) if header.count(c) > 1]
    if problems:
        raise ImportFailed(file_name, problems)
    table = read_strings(body, header, file_name=file_name)
    if table.num_rows == 0:
        raise ImportFailed(file_name, ["the file has a header but no data rows"])
    return pd.DataFrame({name: table.column(i).to_pandas().str.strip() for i, name in enumerate(header)})


def _flag(mask: pd.Series, message: str, problems: list[str]) -> None:
    rows = [int(i) + 2 for i in np.flatnonzero(mask.to_numpy())]
    if rows:
        problems.append(message.format(rows=rows_text(rows)))


def parse_template(data: bytes, *, file_name: str, options: ImportOptions, store: Store) -> Parsed:
    """Check a filled template and aggregate it; raise ImportFailed naming every bad row and column."""
    frame = _read(data, file_name)
    problems: list[str] = []
    lsoas = lsoa_table(store)
    codes = frame["area_code"]
    is_lsoa, is_msoa = codes.str.fullmatch(r"E01\d{6}"), codes.str.fullmatch(r"E02\d{6}")
    _flag(
        ~(is_lsoa | is_msoa),
        "{rows}, column 'area_code': not an LSOA (E01 and 6 digits) or MSOA (E02 and 6 digits) code",
        problems,
    )
    _flag(
        is_lsoa & ~codes.isin(set(lsoas["lsoa_code"])),
        "{rows}, column 'area_code': an LSOA outside Leeds (the dashboard holds Leeds' 482 LSOAs)",
        problems,
    )
    _flag(
        is_msoa & ~codes.isin(set(lsoas["msoa_code"])),
        "{rows}, column 'area_code': an MSOA outside Leeds (the dashboard holds Leeds' 107 MSOAs)",
        problems,
    )
    if is_lsoa.any() and is_msoa.any():
        problems.append("column 'area_code': the file mixes LSOAs and MSOAs; import each level in its own file")
    _flag(frame["period"] == "", "{rows}, column 'period': is empty", problems)
    spans = {}
    for label in frame.loc[frame["period"] != "", "period"].unique():
        try:
            spans[label] = parse_period(label, split_year="financial")
        except ValueError:
            _flag(
                frame["period"] == label,
                "{rows}, column 'period': '" + label + "' is not a year (2023), a "
                "financial year (2023/24) or a range of years (2021 - 23)",
                problems,
            )
    numbers = {}
    for name in ("numerator", "denominator"):
        parsed = pd.to_numeric(frame[name], errors="coerce")
        _flag(frame[name] == "", f"{{rows}}, column '{name}': is empty", problems)
        _flag(parsed.isna() & (frame[name] != ""), f"{{rows}}, column '{name}': not a number", problems)
        _flag(parsed < 0, f"{{rows}}, column '{name}': negative", problems)
        _flag(parsed.notna() & (parsed != parsed.round()), f"{{rows}}, column '{name}': not a whole number", problems)
        numbers[name] = parsed
    x, n = numbers["numerator"], numbers["denominator"]
    _flag(n == 0, "{rows}, column 'denominator': zero, so no rate or proportion can be formed", problems)
    if MEASURES[options.measure][0] == "percentage":
        _flag((x > n) & (n > 0), "{rows}, column 'numerator': more than the denominator", problems)
    duplicated = frame.duplicated(["area_code", "period"], keep=False)
    for rows in list(frame[duplicated].groupby(["area_code", "period"]).groups.values())[:5]:
        problems.append(f"{rows_text(int(r) + 2 for r in rows)}: the same area and period appear more than once")
    if not options.indicator_id and not options.title:
        problems.append("name the indicator: choose an existing one or give a title for a new one")
    catalogue = store.indicators.set_index("indicator_id")["value_type"]
    wanted = MEASURES[options.measure][0]
    if options.indicator_id in catalogue.index and catalogue[options.indicator_id] != wanted:
        problems.append(
            f"indicator '{options.indicator_id}' is {_KIND_WORDS[catalogue[options.indicator_id]]}, but the counts "
            f"would make {_KIND_WORDS[wanted]}; choose a matching measure or a new indicator"
        )
    elif options.indicator_id and options.indicator_id not in catalogue.index:
        problems.append(f"indicator '{options.indicator_id}' is not in the catalogue")
    if problems:
        raise ImportFailed(file_name, problems)

    counts = frame.assign(numerator=x.astype("float64"), denominator=n.astype("float64"))
    level = "LSOA" if is_lsoa.all() else "MSOA"
    values, notes = _aggregate(counts, lsoas, level=level, options=options, spans=spans)
    indicator_id = values["indicator_id"].iloc[0]
    indicators = []
    if indicator_id not in set(store.indicators["indicator_id"]):
        indicators.append(
            {
                "indicator_id": indicator_id,
                "title": options.title or indicator_id,
                "definition": options.definition or f"{options.title}: analyst's own {level} counts",
            }
        )
    return Parsed(
        values=values,
        indicators=indicators,
        areas=pd.DataFrame(),
        breakdowns=declared_breakdowns(),
        rows_read=len(frame),
        notes=notes,
    )


def new_indicator_id(title: str) -> str:
    """A catalogue id for a new local indicator from its title: 'local_' and the title in lower case."""
    return "local_" + (re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "indicator")[:50]


def _with_interval(frame: pd.DataFrame, *, measure: str) -> pd.DataFrame:
    """Value and 95% interval: Wilson for proportions, exact Poisson (<10) or Byar's for rates, as PHE does."""
    kind, _, multiplier = MEASURES[measure]
    x, n = frame["numerator"].to_numpy(float), frame["denominator"].to_numpy(float)
    if kind == "percentage":
        limits = [wilson_interval(a, b) for a, b in zip(x, n, strict=True)]
        scale = 100.0
    else:
        limits = [rate_interval(a, b, multiplier=multiplier) for a, b in zip(x, n, strict=True)]
        scale = 1.0
    out = frame.assign(value=x / n * (100.0 if kind == "percentage" else multiplier))
    out["lower_95"] = [lo * scale for lo, _ in limits]
    out["upper_95"] = [hi * scale for _, hi in limits]
    return out


def _aggregate(
    counts: pd.DataFrame, lsoas: pd.DataFrame, *, level: str, options: ImportOptions, spans: dict
) -> tuple[pd.DataFrame, list[str]]:
    """Area rows, plus Leeds by decile, quintile, most-deprived-10% and in total, for each period."""
    if level == "LSOA":
        groups = lsoas.set_index("lsoa_code")[["imd_decile", "leeds_quintile", "most_deprived_group"]]
        joined = counts.join(groups, on="area_code")
        sets = (
            (DECILES, "imd_decile", _decile_name),
            (QUINTILES, "leeds_quintile", _quintile_name),
            (MOST_DEPRIVED, "most_deprived_group", MOST_DEPRIVED_LABELS.get),
        )
        universe = len(lsoas)
    else:
        msoas = lsoas.assign(w=lsoas["imd_rank"] * lsoas["population_total"]).groupby("msoa_code")
        rank = msoas["w"].sum() / msoas["population_total"].sum()
        quintile = leeds_quintiles(rank, msoas["population_total"].sum())
        joined = counts.join(quintile.rename("msoa_quintile"), on="area_code")
        sets = ((MSOA_QUINTILES, "msoa_quintile", _quintile_name),)
        universe = lsoas["msoa_code"].nunique()
    frames = [joined.assign(breakdown_type="none", breakdown="All")]
    notes = []
    for period, rows in joined.groupby("period", sort=False):
        missing = universe - len(rows)
        note = (
            f"Covers {len(rows)} of Leeds' {universe} {level}s; {missing} had no row in the file" if missing else None
        )
        if missing:
            notes.append(f"{period}: {note}")
        total = rows[["numerator", "denominator"]].sum().to_frame().T
        frames.append(total.assign(area_code=LEEDS, period=period, breakdown_type="none", breakdown="All", note=note))
        for btype, column, namer in sets:
            grouped = rows.groupby(column, as_index=False)[["numerator", "denominator"]].sum()
            grouped["breakdown"] = grouped[column].map(namer)
            frames.append(grouped.assign(area_code=LEEDS, period=period, breakdown_type=btype, note=note))
    values = pd.concat(frames, ignore_index=True)
    values = _with_interval(values, measure=options.measure)
    indicator_id = options.indicator_id or new_indicator_id(options.title)
    start = values["period"].map(lambda p: spans[p][0])
    end = values["period"].map(lambda p: spans[p][1])
    values = values.assign(
        indicator_id=indicator_id,
        period_start=pd.to_datetime(start).astype("datetime64[ms]"),
        period_end=pd.to_datetime(end).astype("datetime64[ms]"),
        compared_to_england=None,
    )
    series = ["area_code", "breakdown_type", "breakdown"]
    values = values.sort_values([*series, "period_end"], kind="stable")
    values["period_order"] = values.groupby(series, sort=False).cumcount().astype("int64")
    keep = [
        "indicator_id",
        "area_code",
        "breakdown_type",
        "breakdown",
        "period",
        "period_start",
        "period_end",
        "period_order",
        "value",
        "lower_95",
        "upper_95",
        "numerator",
        "denominator",
        "compared_to_england",
        "note",
    ]
    return values[keep].reset_index(drop=True), notes


def counts_template() -> tuple[str, bytes] | None:
    """The blank counts template offered for download (file name and bytes); None if it is not shipped."""
    if not COUNTS_TEMPLATE.is_file():
        return None
    return COUNTS_TEMPLATE.name, COUNTS_TEMPLATE.read_bytes()
