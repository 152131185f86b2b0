"""Parse and check a Fingertips CSV export (26 columns, or 27 with 'Time period range') into store rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute as pc

from indicators.core.periods import parse_period
from indicators.imports.csvread import decode_check, read_header, read_strings_noted
from indicators.imports.fingertips_layout import (
    ENGLAND_NAME,
    FIXED_COLUMNS,
    REQUIRED,
    area_type,
    deprivation_groups,
    deprivation_ordinal,
    resolve_header,
)
from indicators.imports.options import ImportOptions
from indicators.imports.problems import ImportFailed, at, rows_text

NUMERIC = ("Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Count", "Denominator")
AREA_CODE = re.compile(r"^E\d{8}$")
_COMPARISONS = ("Better", "Similar", "Worse", "Not compared")


@dataclass
class Parsed:
    """Rows for the store from one file, before they get their source and provenance."""

    values: pd.DataFrame
    indicators: list[dict]
    areas: pd.DataFrame
    breakdowns: pd.DataFrame
    rows_read: int
    notes: list[str] = field(default_factory=list)


def _numbers(column: pyarrow.ChunkedArray, name: str, problems: list[str]) -> np.ndarray:
    """Parse a text column to floats (NaN where empty); name the rows that are not numbers."""
    text = pc.utf8_trim_whitespace(column)
    blank = pc.equal(text, "")
    try:
        numbers = pc.cast(pc.if_else(blank, pyarrow.scalar(None, pyarrow.string()), text), pyarrow.float64())
        out = numbers.to_numpy(zero_copy_only=False)
    except pyarrow.ArrowInvalid:
        series = pd.Series(text.to_pylist())
        parsed = pd.to_numeric(series, errors="coerce")
        bad = series.index[parsed.isna() & (series != "")]
        rows = [i + 2 for i in bad]
        examples = ", ".join(repr(series[i]) for i in bad[:3])
        problems.append(f"{rows_text(rows)}, column '{name}': not a number ({examples})")
        return parsed.to_numpy(dtype=float)
    if not np.isfinite(out[~np.isnan(out)]).all():
        rows = [i + 2 for i in np.flatnonzero(np.isinf(out))]
        problems.append(f"{rows_text(rows)}, column '{name}': infinite values are not allowed")
    return out


def _flag(mask: np.ndarray, message: str, problems: list[str]) -> None:
    rows = np.flatnonzero(mask)
    if rows.size:
        problems.append(message.format(rows=rows_text(int(r) + 2 for r in rows)))


def indicator_names(data: bytes, *, file_name: str) -> dict[str, str]:
    """Indicator ID -> name for each indicator in an export (for the mapping choices); {} if unreadable."""
    try:
        body = decode_check(data, file_name=file_name)
        header = read_header(body, file_name=file_name)
        positions, problems = resolve_header(header)
        if problems:
            return {}
        table, _ = read_strings_noted(body, header, file_name=file_name)
    except ImportFailed:
        return {}
    ids = table.column(positions["Indicator ID"]).to_pandas().str.strip()
    pairs = pd.DataFrame({"id": ids, "name": table.column(positions["Indicator Name"]).to_pandas()})
    pairs = pairs.drop_duplicates("id")
    return dict(zip(pairs["id"], pairs["name"].str.strip(), strict=True))


def parse_fingertips(
    data: bytes,
    *,
    file_name: str,
    options: ImportOptions,
    catalogue: pd.DataFrame,
    known_areas: set[str],
    cited: dict[str, str] | None = None,
) -> Parsed:
    """Check a Fingertips export and turn it into store rows; raise ImportFailed naming rows and columns."""
    body = decode_check(data, file_name=file_name)
    header = read_header(body, file_name=file_name)
    positions, problems = resolve_header(header)
    if problems:
        raise ImportFailed(file_name, problems)
    table, read_notes = read_strings_noted(body, header, file_name=file_name)
    if table.num_rows == 0:
        raise ImportFailed(file_name, ["the file has a header but no data rows"])
    blank = pyarrow.chunked_array([pyarrow.array([""] * table.num_rows, pyarrow.string())])
    col = {name: table.column(positions[name]) if name in positions else blank for name in FIXED_COLUMNS}
    problems = []
    numbers = {name: _numbers(col[name], name, problems) for name in NUMERIC}
    sortable = _numbers(col["Time period Sortable"], "Time period Sortable", problems)
    text_names = (*(n for n in REQUIRED if n != "Value"), "Value note", "Parent Code", ENGLAND_NAME)
    frame = pd.DataFrame({n: col[n].to_pandas() for n in text_names})
    for name in ("Indicator ID", "Area Code", "Time period", "Indicator Name"):
        _flag((frame[name].str.strip() == "").to_numpy(), f"{{rows}}, column '{name}': is empty", problems)
    ids = frame["Indicator ID"].str.strip()
    _flag(
        (~ids.str.fullmatch(r"\d+") & (ids != "")).to_numpy(),
        "{rows}, column 'Indicator ID': not a whole number",
        problems,
    )
    codes = frame["Area Code"].str.strip()
    bad_code = (~codes.str.fullmatch(AREA_CODE.pattern) & (codes != "")).to_numpy()
    _flag(
        bad_code,
        "{rows}, column 'Area Code': not an ONS area code (E and 8 digits); this dashboard takes "
        "England, regions, local authorities, wards, MSOAs and LSOAs, not GP practices or other codes",
        problems,
    )
    value, lower, upper = numbers["Value"], numbers["Lower CI 95.0 limit"], numbers["Upper CI 95.0 limit"]
    count, denominator = numbers["Count"], numbers["Denominator"]
    with np.errstate(invalid="ignore"):
        _flag(lower > value, "{rows}, column 'Lower CI 95.0 limit': above the value", problems)
        _flag(upper < value, "{rows}, column 'Upper CI 95.0 limit': below the value", problems)
        _flag(count < 0, "{rows}, column 'Count': negative", problems)
        _flag(denominator < 0, "{rows}, column 'Denominator': negative", problems)
    indicator_ids, value_types, matched = _indicator_ids(frame, ids, options, catalogue, cited or {}, problems)
    with np.errstate(invalid="ignore"):
        percent = (value_types == "percentage").to_numpy()
        _flag(
            percent & ((value < 0) | (value > 100)),
            "{rows}, column 'Value': a percentage must lie between 0 and 100",
            problems,
        )
        _flag(percent & (count > denominator), "{rows}, column 'Count': more than the denominator", problems)
    breakdown_type, breakdown, breakdowns = _breakdowns(frame, problems)
    key = pd.DataFrame(
        {"i": indicator_ids, "a": codes, "t": breakdown_type, "b": breakdown, "p": frame["Time period"].str.strip()}
    )
    duplicated = key.duplicated(keep=False).to_numpy()
    if duplicated.any():
        first = key[duplicated].groupby(list(key.columns), sort=False).groups
        for rows in list(first.values())[:5]:
            problems.append(
                f"{rows_text(r + 2 for r in rows)}: the same indicator, area, sex, age, category and "
                "period appear more than once"
            )
    if problems:
        raise ImportFailed(file_name, problems)

    keep = ~np.isnan(value)
    dropped = int((~keep).sum())
    values = pd.DataFrame(
        {
            "indicator_id": indicator_ids,
            "area_code": codes,
            "breakdown_type": breakdown_type,
            "breakdown": breakdown,
            "period": key["p"],
            "value": value,
            "lower_95": lower,
            "upper_95": upper,
            "numerator": count,
            "denominator": denominator,
            "compared_to_england": _comparisons(frame["Compared to England value or percentiles"]),
            "note": frame["Value note"].str.strip().replace("", None),
            "_sortable": sortable,
            "_fingertips_id": ids,
            "_age": frame["Age"].str.strip(),
        }
    )
    if not keep.all():
        values = values[keep]
    values = _periods(values)
    had = "1 row has" if dropped == 1 else f"{dropped:,} rows have"
    notes = [*_cut_short(ids), *read_notes, *_renamed(header, positions), *matched]
    if dropped:
        were = "was" if dropped == 1 else "were"
        notes.append(f"{had} no value (Fingertips publishes none for them) and {were} left out")
    kept = frame if keep.all() else frame[keep]
    new_areas = _new_areas(kept, known_areas)
    if len(new_areas):
        notes.append(f"{len(new_areas)} areas not yet in the dashboard were added with the names in the file")
    new_indicators = _new_indicators(kept, values, options, catalogue)
    for row in new_indicators:
        if row["value_type"]:
            notes.append(
                f"{row['indicator_id']}: every value is 100 x Count / Denominator, so it is stored as a percentage "
                "and its counts are used for the significance tests"
            )
    return Parsed(
        values=values,
        indicators=new_indicators,
        areas=new_areas,
        breakdowns=breakdowns,
        rows_read=table.num_rows,
        notes=notes,
    )


CUT_SHORT = "Possibly cut short"


def _cut_short(ids: pd.Series) -> list[str]:
    """A warning when the file's last indicator has fewer rows than every other: a download may have stopped."""
    codes, uniques = pd.factorize(ids)
    if len(uniques) < 2:
        return []
    counts = np.bincount(codes)
    last = codes[-1]
    others = np.delete(counts, last)
    if counts[last] >= others.min():
        return []
    return [
        f"{CUT_SHORT}: Fingertips indicator {uniques[last]}, the last in the file, has {counts[last]:,} rows where "
        f"the others have {others.min():,} or more. The download may have stopped partway; check the file against "
        "Fingertips before relying on it"
    ]


def _renamed(header: list[str], positions: dict[str, int]) -> list[str]:
    """A note naming the header cells read under another spelling, so the analyst sees what was matched."""
    pairs = [
        f"'{header[i]}' as '{name}'"
        for name, i in positions.items()
        if header[i].strip() != name and "<parent>" not in name
    ]
    if len(pairs) > 4:
        pairs = [*pairs[:4], f"and {len(pairs) - 4} more spelt without spaces or in another case"]
    return [f"columns read by their meaning: {', '.join(pairs)}"] if pairs else []


def _indicator_ids(
    frame: pd.DataFrame,
    ids: pd.Series,
    options: ImportOptions,
    catalogue: pd.DataFrame,
    cited: dict[str, str],
    problems: list[str],
) -> tuple[pd.Series, pd.Series, list[str]]:
    """Store indicator id and value type per row, and notes on the matches.

    The analyst's mapping first; else the catalogue indicator that cites the Fingertips ID (as a source
    of its own beside the published one, never blended); else a new 'fingertips_<ID>'.
    """
    known = catalogue.set_index("indicator_id")["value_type"]
    titles = catalogue.set_index("indicator_id")["title"]
    matched = []
    for fingertips_id, target in options.indicator_map.items():
        if target not in known.index:
            problems.append(
                f"the mapping of Fingertips indicator {fingertips_id} names '{target}', which is not in the catalogue"
            )
    ages = frame.groupby(ids, sort=False)["Age"].unique()
    mapping = {}
    for fingertips_id, age_list in ages.items():
        target = options.indicator_map.get(fingertips_id)
        if target is None and fingertips_id in cited and cited[fingertips_id] in known.index:
            if len(age_list) == 1:
                target = cited[fingertips_id]
                matched.append(
                    f"Fingertips indicator {fingertips_id} goes into '{titles[target]}' ({target}), which cites it, "
                    "as a source of its own beside the published series"
                )
            else:
                matched.append(
                    f"Fingertips indicator {fingertips_id} is cited by {cited[fingertips_id]}, but the file holds "
                    f"{len(age_list)} age groups, so each becomes an indicator of its own"
                )
        if target is not None and len(age_list) > 1:
            problems.append(
                f"column 'Age': indicator {fingertips_id} has {len(age_list)} age groups "
                f"({', '.join(age_list[:3])}); map it only when the file holds one"
            )
        for age in age_list:
            suffix = "_" + re.sub(r"[^a-z0-9]+", "_", age.lower()).strip("_") if len(age_list) > 1 else ""
            mapping[(fingertips_id, age)] = target or f"fingertips_{fingertips_id}{suffix}"
    # Factorise IDs and ages once: mapping a million rows one by one would be slow.
    id_codes, id_uniques = pd.factorize(ids)
    age_codes, age_uniques = pd.factorize(frame["Age"])
    pair_codes, pair_uniques = np.unique(id_codes * len(age_uniques) + age_codes, return_inverse=True)
    targets = np.array(
        [mapping[(id_uniques[c // len(age_uniques)], age_uniques[c % len(age_uniques)])] for c in pair_codes],
        dtype=object,
    )
    codes = pair_uniques.ravel()
    indicator_ids = pd.Series(targets[codes], index=frame.index, dtype="str")
    types = np.array([known.get(t, options.value_type) for t in targets], dtype=object)
    value_types = pd.Series(types[codes], index=frame.index, dtype="str")
    return indicator_ids, value_types, matched


def _breakdowns(frame: pd.DataFrame, problems: list[str]) -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    """Breakdown type and name per row, and the declarations of the new ones (1 = most deprived)."""
    sex = frame["Sex"].str.strip()
    category_type = frame["Category Type"].str.strip()
    category = frame["Category"].str.strip()
    whole = ~sex.isin(["Male", "Female"])
    no_category = category_type == ""
    btype = pd.Series(np.where(whole, "none", "sex"), index=frame.index, dtype="str")
    bname = pd.Series(np.where(whole, "All", sex), index=frame.index, dtype="str")
    with_sex = category_type + np.where(whole, "", ", " + sex)
    btype = btype.where(no_category, with_sex)
    bname = bname.where(no_category, category)
    declared = []
    pairs = pd.DataFrame({"t": btype, "b": bname, "ct": category_type})[~no_category].drop_duplicates()
    for position, row in enumerate(pairs.itertuples(index=False), start=1):
        groups = deprivation_groups(row.ct)
        ordinal = deprivation_ordinal(row.b, groups=groups) if groups else position
        if ordinal is None:
            first = int(np.flatnonzero((btype == row.t).to_numpy() & (bname == row.b).to_numpy())[0]) + 2
            problems.append(f"{at(first, 'Category')}: cannot tell which deprivation group '{row.b}' is")
            continue
        definition = f"Fingertips category '{row.b}' of '{row.ct}'" + (" (1 = most deprived)" if groups else "")
        declared.append({"breakdown_type": row.t, "breakdown": row.b, "ordinal": ordinal, "definition": definition})
    return btype, bname, pd.DataFrame(declared, columns=["breakdown_type", "breakdown", "ordinal", "definition"])


def _comparisons(text: pd.Series) -> pd.Series:
    """Fingertips' 'compared to England' words reduced to the store's four; others (Higher, Lower) left empty."""
    text = text.str.strip()
    out = pd.Series(None, index=text.index, dtype="str")
    for word in _COMPARISONS:
        out = out.where(~text.str.startswith(word), word)
    return out


def _periods(values: pd.DataFrame) -> pd.DataFrame:
    """Dates from each period label, and each series' periods numbered from 0 in time order."""
    label_codes, labels = pd.factorize(values["period"])
    spans = []
    for label in labels:
        try:
            spans.append(parse_period(label, split_year="financial"))
        except ValueError:
            spans.append((None, None))
    starts = pd.to_datetime(pd.Series([a for a, _ in spans], dtype="object")).astype("datetime64[ms]").to_numpy()
    ends = pd.to_datetime(pd.Series([b for _, b in spans], dtype="object")).astype("datetime64[ms]").to_numpy()
    values = values.assign(period_start=starts[label_codes], period_end=ends[label_codes])
    # Order within each series by Fingertips' sortable period, then end date, then label; no frame re-sort.
    group = values.groupby(["indicator_id", "area_code", "breakdown_type", "breakdown"], sort=False).ngroup().to_numpy()
    sortable = np.nan_to_num(values["_sortable"].to_numpy(dtype=float), nan=np.inf)
    end_key = np.where(np.isnat(ends), np.iinfo(np.int64).max, ends.astype("int64"))[label_codes]
    order = np.lexsort((label_codes, end_key, sortable, group))
    sorted_groups = group[order]
    starts_at = np.r_[0, np.flatnonzero(np.diff(sorted_groups)) + 1]
    first = np.repeat(starts_at, np.diff(np.r_[starts_at, len(order)]))
    period_order = np.empty(len(order), dtype="int64")
    period_order[order] = np.arange(len(order)) - first
    return values.assign(period_order=period_order).drop(columns=["_sortable"]).reset_index(drop=True)


def _new_areas(frame: pd.DataFrame, known: set[str]) -> pd.DataFrame:
    """Areas the store does not have yet, with the names and types the export gives them."""
    rows = frame.drop_duplicates("Area Code")
    rows = rows[~rows["Area Code"].str.strip().isin(known)]
    parent = rows["Parent Code"].str.strip()
    return pd.DataFrame(
        {
            "area_code": rows["Area Code"].str.strip(),
            "area_name": rows["Area Name"].str.strip(),
            "area_type": [area_type(t, c) for t, c in zip(rows["Area Type"], rows["Area Code"], strict=True)],
            "official_name": rows["Area Name"].str.strip(),
            "parent_code": parent.where(parent.str.fullmatch(AREA_CODE.pattern), None),
        }
    ).reset_index(drop=True)


def _percentage_from_counts(rows: pd.DataFrame) -> bool:
    """Whether every row with a count and denominator has the value 100 x count / denominator (to rounding):
    then the value is a percentage of them, and the counts serve the significance tests."""
    counted = rows[rows["numerator"].notna() & (rows["denominator"] > 0)]
    if len(counted) < 3:
        return False
    share = 100 * counted["numerator"] / counted["denominator"]
    close = (counted["value"] - share).abs() <= 0.05 + 0.005 * share.abs()
    return bool(close.all() and share.between(0, 100).all())


def _new_indicators(
    frame: pd.DataFrame, values: pd.DataFrame, options: ImportOptions, catalogue: pd.DataFrame
) -> list[dict]:
    """Catalogue rows for the Fingertips indicators that were not mapped to an existing one."""
    existing = set(catalogue["indicator_id"])
    firsts = frame.drop_duplicates("Indicator ID")
    names = dict(zip(firsts["Indicator ID"].str.strip(), firsts["Indicator Name"].str.strip(), strict=True))
    out = []
    pairs = values[["indicator_id", "_fingertips_id", "_age"]].drop_duplicates("indicator_id")
    for indicator_id, fingertips_id, age in pairs.itertuples(index=False):
        if indicator_id in existing:
            continue
        name = names[fingertips_id]
        inferred = _percentage_from_counts(values[values["indicator_id"] == indicator_id])
        out.append(
            {
                "fingertips_id": fingertips_id,
                "value_type": "percentage" if options.value_type == "to_be_confirmed" and inferred else None,
                "indicator_id": indicator_id,
                "title": f"{name} ({age})" if age else name,
                "definition": f"{name}, age {age or 'not stated'}: OHID Fingertips indicator {fingertips_id}",
            }
        )
    return out
