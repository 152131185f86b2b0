"""Load the Parquet store and check every table, alone and against the others.

Every problem is a StoreError with a message naming the table, the column and the row, so a
bad file is reported in words a person can act on. A strict load (the build check, the import
service) raises on any problem; a lenient load (the dashboard) keeps the usable tables, marks
the others unusable with their problem, and lets each page say whether it can still be shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.parquet as pq
import pyarrow.types as pa_types

from indicators.core.settings import DATA_DIR
from indicators.store.checks import tracker_problems
from indicators.store.database import RecordsUnavailable
from indicators.store.integrity import ManifestUnreadable, alteration, read_manifest
from indicators.store.layers import LAYER_TABLES, layer_folders, merge_imports, unmigrated_problem
from indicators.store.schemas import TABLES, VALUE_KEY, Ref, Table, duplicated_key

MAX_PROBLEMS_SHOWN = 20

# Columns that identify a row in a message, per table, besides its key.
_ROW_LABEL = {"values": ("indicator_id", "area_code", "period")}
# The tables each table is checked against, from the references its columns declare (schemas.Ref):
# a table is usable only if these are.
DEPENDS_ON: dict[str, tuple[str, ...]] = {name: table.depends_on for name, table in TABLES.items()}
# Not a table: the problem recorded when analysts' imports could not be merged in.
IMPORTS = "imports"


class StoreError(Exception):
    """A table is missing, unreadable or invalid; the message says which and where."""

    def __init__(self, table: str, problems: Iterable[str]) -> None:
        self.table = table
        self.problems = list(problems)
        shown = self.problems[:MAX_PROBLEMS_SHOWN]
        more = len(self.problems) - len(shown)
        lines = [f"Table '{table}' is not usable:"] + [f"  - {p}" for p in shown]
        if more:
            lines.append(f"  - ... and {more} more problems")
        super().__init__("\n".join(lines))


class MissingTables(StoreError):
    """A page or function needs tables that could not be loaded; the message gives each one's problem."""

    def __init__(self, errors: Mapping[str, StoreError]) -> None:
        self.tables = list(errors)
        self.errors = dict(errors)
        problems = [f"{name}: {p}" for name, error in errors.items() for p in error.problems]
        Exception.__init__(self, "\n\n".join(str(error) for error in errors.values()))
        self.table = ", ".join(self.tables)
        self.problems = problems


def table_path(name: str, *, data_dir: Path = DATA_DIR) -> Path:
    """Where table `name` lives in a data folder."""
    return Path(data_dir) / f"{name}.parquet"


def _row_label(table: Table, df: pd.DataFrame, index: object) -> str:
    """Describe a row by its 1-based number and its key, for messages."""
    try:
        position = df.index.get_loc(index)
    except (KeyError, TypeError):
        return f"row {index}"
    columns = [c for c in _ROW_LABEL.get(table.name, table.key) if c in df.columns]
    row = df.iloc[position]
    key = ", ".join(f"{c}={row[c]}" for c in columns)
    return f"row {position + 1} ({key})" if key else f"row {position + 1}"


def _describe_failures(table: Table, df: pd.DataFrame, failures: pd.DataFrame) -> list[str]:
    """Turn pandera's failure cases into one sentence each."""
    problems: list[str] = []
    seen_duplicates = False
    typed: set[str] = set()
    for case in failures.itertuples(index=False):
        check = str(case.check)
        column = case.column
        if check == "column_in_dataframe":
            problems.append(f"column '{case.failure_case}' is missing")
        elif check == "column_in_schema":
            problems.append(f"column '{case.failure_case}' is not part of the table")
        elif check.startswith("dtype("):
            # Once per column: pandera lists every row when a column should have been categories.
            if column in typed:
                continue
            typed.add(column)
            expected = check[len("dtype(") : -1].strip("'")
            expected = "text" if expected == "category" else expected  # text held as categories in memory
            found = df[column].dtype if column in df.columns else case.failure_case
            problems.append(f"column '{column}' has type {found}, expected {expected}")
        elif check == "multiple_fields_uniqueness":
            if seen_duplicates:
                continue
            seen_duplicates = True
            problems.extend(_duplicate_problems(table, df))
        elif check == "not_nullable":
            problems.append(f"column '{column}' {_row_label(table, df, case.index)}: is empty but must have a value")
        else:
            problems.append(
                f"column '{column}' {_row_label(table, df, case.index)}: value {case.failure_case!r} fails {check}"
            )
    return problems


def _duplicate_problems(table: Table, df: pd.DataFrame) -> list[str]:
    """Name each duplicated key and the rows that share it."""
    key = list(table.key)
    if any(name not in df.columns for name in key):
        return []  # a key column is missing: that is the table's problem, already said
    dupes = df[duplicated_key(df, table.key)]
    problems = []
    for values, group in dupes.groupby(key, sort=False, dropna=False):
        values = values if isinstance(values, tuple) else (values,)
        rows = ", ".join(str(df.index.get_loc(i) + 1) for i in group.index)
        described = ", ".join(f"{c}={v}" for c, v in zip(key, values, strict=True))
        problems.append(f"duplicate key ({described}) in rows {rows}")
    return problems


def validate_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Check one table against its declared schema; raise StoreError if it fails."""
    table = TABLES[name]
    df = table.in_memory(df)
    try:
        # In place: the schema coerces nothing, and a copy would double a table of millions of rows.
        return table.pandera_schema().validate(df, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as exc:
        raise StoreError(name, _describe_failures(table, df, exc.failure_cases)) from None
    except pa.errors.SchemaError as exc:
        raise StoreError(name, [str(exc)]) from None
    except Exception as exc:  # a damaged table can trip any check: a message naming the table, never a traceback
        raise StoreError(
            name, [f"the table could not be checked against its schema ({type(exc).__name__}: {exc})"]
        ) from None


def _read_parquet(path: Path, table: Table) -> pd.DataFrame:
    """A Parquet file as a frame, one column at a time, so that at most one column is held twice.

    A categorical table's text columns arrive as Parquet's dictionaries (a code per row), never
    as a string per row.
    """
    schema = pq.read_schema(path)
    text = [f.name for f in schema if f.name in table.text_columns and pa_types.is_string(f.type)]
    file = pq.ParquetFile(path, read_dictionary=text if table.categorical else None)
    columns = {name: file.read(columns=[name]).column(0).to_pandas(date_as_object=False) for name in schema.names}
    return pd.DataFrame(columns, copy=False) if columns else pd.DataFrame()


def read_table(name: str, *, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Read one table from the data folder and check its schema."""
    if name not in TABLES:
        raise StoreError(name, [f"no such table; the store has {', '.join(sorted(TABLES))}"])
    path = table_path(name, data_dir=data_dir)
    if not path.is_file():
        raise StoreError(name, [f"file {path.name} is missing from the data folder"])
    try:
        # A file that is not the one the build wrote is named as altered rather than read (indicators.integrity).
        altered = alteration(name, path, read_manifest(data_dir))
    except (ManifestUnreadable, OSError) as exc:
        raise StoreError(name, [_without_paths(str(exc), data_dir)]) from None
    if altered:
        raise StoreError(name, [altered])
    try:
        df = _read_parquet(path, TABLES[name])
        for column in TABLES[name].date_columns:
            if column in df.columns and df[column].dtype != "datetime64[ms]":
                df[column] = pd.to_datetime(df[column], errors="coerce").astype("datetime64[ms]")
    except (pyarrow.ArrowException, OSError) as exc:
        raise StoreError(
            name, [f"file {path.name} is not a readable Parquet file ({_without_paths(str(exc), data_dir)})"]
        ) from None
    except Exception as exc:
        # A damaged file can fail in any decoder (UnicodeDecodeError among them): a message, never a traceback.
        reason = _without_paths(f"{type(exc).__name__}: {exc}", data_dir)
        raise StoreError(name, [f"file {path.name} could not be read; it may be damaged ({reason})"]) from None
    return validate_frame(name, df)


def _without_paths(text: str, data_dir: Path) -> str:
    """A message with the data folder's place on the server left out: the file names are enough."""
    return text.replace(str(Path(data_dir).resolve()) + "/", "").replace(str(Path(data_dir)) + "/", "")


@dataclass(frozen=True, repr=False, eq=False)
class Store:
    """All tables of the indicator store, each checked, and checked against each other.

    A lenient load may leave a table out (None); reading it then raises its StoreError, and
    `problems` says why it is out, so a page can check `usable` or `require` first.
    """

    sources: pd.DataFrame
    plan_elements: pd.DataFrame
    indicators: pd.DataFrame
    breakdowns: pd.DataFrame
    areas: pd.DataFrame
    comparators: pd.DataFrame
    lsoa_deprivation: pd.DataFrame
    values: pd.DataFrame
    exclusions: pd.DataFrame
    published_elsewhere: pd.DataFrame
    indicator_pairs: pd.DataFrame
    msoas: pd.DataFrame
    msoa_life_expectancy: pd.DataFrame
    area_spread: pd.DataFrame
    actions: pd.DataFrame
    milestones: pd.DataFrame
    action_links: pd.DataFrame
    problems: Mapping[str, StoreError] = field(default_factory=dict)
    # Results of pure queries on this store (store.queries.per_store): the tables never change after
    # loading, so a result stays right as long as the store lives, and goes with it.
    memo: dict[tuple, object] = field(default_factory=dict, init=False, compare=False)

    def __getattribute__(self, name: str) -> object:
        value = object.__getattribute__(self, name)
        if value is None and name in TABLES:
            error = object.__getattribute__(self, "problems")[name]
            raise MissingTables({name: error})
        return value

    def __repr__(self) -> str:
        return f"Store(usable={list(self.usable)}, problems={list(self.problems)})"

    @property
    def usable(self) -> tuple[str, ...]:
        """The tables that loaded and passed every check, in declaration order."""
        return tuple(name for name in TABLES if name not in self.problems)

    def has(self, name: str) -> bool:
        """Whether table `name` loaded and passed every check."""
        return name in TABLES and name not in self.problems

    def require(self, *names: str) -> None:
        """Raise MissingTables naming each of `names` that cannot be used, with its problem."""
        missing = {name: self.problems[name] for name in names if name in self.problems}
        unknown = [name for name in names if name not in TABLES]
        for name in unknown:
            missing[name] = StoreError(name, [f"no such table; the store has {', '.join(sorted(TABLES))}"])
        if missing:
            raise MissingTables(missing)


def with_dependencies(names: Iterable[str]) -> tuple[str, ...]:
    """`names` and every table they depend on, directly or not, in declaration order."""
    wanted: set[str] = set()
    todo = [n for n in names if n in TABLES]
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo.extend(DEPENDS_ON[name])
    return tuple(name for name in TABLES if name in wanted)


def load_store(*, data_dir: Path = DATA_DIR, include_imports: bool = True, strict: bool = True) -> Store:
    """Read and check every table, with analysts' imports merged in.

    Strict: raise StoreError listing all problems. Lenient: return the usable tables, with the
    problem of every other one (and of a failed merge of the imports) in `problems`.
    """
    if not strict:
        return _load_lenient(data_dir=data_dir, include_imports=include_imports)
    frames: dict[str, pd.DataFrame] = {}
    problems: list[str] = []
    for name in TABLES:
        try:
            frames[name] = read_table(name, data_dir=data_dir)
        except StoreError as exc:
            problems.extend(f"{name}: {p}" for p in exc.problems)
    if problems:
        raise StoreError("store", problems)
    if include_imports:
        frames = _with_imports(frames, data_dir=data_dir)
        unmigrated = _unmigrated(data_dir)
        if unmigrated:
            raise StoreError(IMPORTS, [unmigrated])
    store = Store(**frames)
    check_store(store)
    return store


def _with_imports(frames: dict[str, pd.DataFrame], *, data_dir: Path) -> dict[str, pd.DataFrame]:
    """Merge the imported layers of data/imports (if any) and check the merged tables again."""
    try:
        merged = merge_imports(frames, data_dir=data_dir)
    except RecordsUnavailable as exc:
        raise StoreError("imports", [str(exc)]) from None
    except (OSError, ValueError, KeyError, pyarrow.ArrowException) as exc:
        # As for tables: name the folder, not where it sits on the server.
        reason = str(exc).replace(str(Path(data_dir)), Path(data_dir).name)
        raise StoreError(
            "imports", [f"the imports in {Path(data_dir).name}/imports could not be merged: {reason}"]
        ) from None
    if merged is frames:
        return frames
    problems = []
    for name in LAYER_TABLES:
        try:
            merged[name] = validate_frame(name, merged[name])
        except StoreError as exc:
            problems.extend(f"{name} with imports: {p}" for p in exc.problems)
    if problems:
        raise StoreError("imports", problems)
    return merged


def _imports_to_merge(data_dir: Path, problems: dict[str, StoreError]) -> bool:
    """Whether there are imports to merge in; a registry that cannot be read is recorded as a problem."""
    try:
        return bool(layer_folders(data_dir))
    except RecordsUnavailable as exc:
        problems[IMPORTS] = StoreError(IMPORTS, [str(exc)])
        return False


def _unmigrated(data_dir: Path) -> str | None:
    try:
        return unmigrated_problem(data_dir)
    except RecordsUnavailable:
        return None  # the registry's own problem is reported where the imports are merged


def _load_lenient(*, data_dir: Path, include_imports: bool) -> Store:
    """Load what can be loaded: each table alone, then checked against the usable tables it depends on."""
    frames: dict[str, pd.DataFrame] = {}
    problems: dict[str, StoreError] = {}
    for name in TABLES:
        try:
            frames[name] = read_table(name, data_dir=data_dir)
        except StoreError as exc:
            problems[name] = exc
    if include_imports and _imports_to_merge(data_dir, problems):
        unread = [name for name in LAYER_TABLES if name in problems]
        if unread:
            problems[IMPORTS] = StoreError(
                IMPORTS, [f"not merged in, because table '{name}' is not usable" for name in unread]
            )
        else:
            try:
                frames = _with_imports(frames, data_dir=data_dir)
            except StoreError as exc:
                # The built tables still stand on their own: show them, and say the imports are left out.
                problems[IMPORTS] = StoreError(IMPORTS, [f"left out: {p}" for p in exc.problems])
    unmigrated = _unmigrated(data_dir) if include_imports and IMPORTS not in problems else None
    if unmigrated:
        problems[IMPORTS] = StoreError(IMPORTS, [unmigrated])
    found = table_problems(frames)
    for name in TABLES:
        if name in problems:
            continue
        broken = [dep for dep in DEPENDS_ON[name] if dep in problems]
        if broken:
            problems[name] = StoreError(name, [f"needs table '{dep}', which is not usable" for dep in broken])
            frames.pop(name)
        elif found.get(name):
            problems[name] = StoreError(name, found[name])
            frames.pop(name)
    ordered = {name: problems[name] for name in (*TABLES, IMPORTS) if name in problems}
    return Store(**{name: frames.get(name) for name in TABLES}, problems=ordered)


def _unknown(child: pd.DataFrame, column: str, allowed: Iterable[object], *, table: str, what: str) -> list[str]:
    """One message per row whose `column` holds a value not in `allowed`."""
    allowed_set = set(allowed)
    present = child[column].notna()
    bad = child[present & ~child[column].isin(allowed_set)]
    return [
        f"{table}: column '{column}' {_row_label(TABLES[table], child, i)}: unknown {what} {row[column]!r}"
        for i, row in bad.iterrows()
    ]


def check_store(store: Store) -> None:
    """Check the references between tables and the value rules that need the catalogue."""
    frames = {name: getattr(store, name) for name in TABLES}
    problems = [p for found in table_problems(frames).values() for p in found]
    if problems:
        raise StoreError("store", problems)


def table_problems(frames: Mapping[str, pd.DataFrame]) -> dict[str, list[str]]:
    """Each table's cross-check problems; a table is checked only if it and what it depends on are in `frames`."""
    checkable = [n for n in TABLES if n in frames and all(d in frames for d in DEPENDS_ON[n])]
    found: dict[str, list[str]] = {name: _reference_problems(name, frames) for name in checkable}
    if "values" in found:
        found["values"] += _value_rules(frames["values"], frames["indicators"])
    if "published_elsewhere" in found:
        found["published_elsewhere"] += _elsewhere_problems(frames["published_elsewhere"], frames["indicators"])
    if "msoa_life_expectancy" in found:
        found["msoa_life_expectancy"] += _life_expectancy_problems(frames["msoa_life_expectancy"])
    if "area_spread" in found:
        found["area_spread"] += _spread_order_problems(frames["area_spread"])
    tracked = [n for n in ("actions", "milestones", "action_links") if n in found]
    if tracked:
        # The tracker rules read six tables at once; a table left out stands in empty, and only the
        # problems of tables whose own dependencies are present are kept.
        filled = {name: frames[name] if name in frames else _empty(name) for name in TABLES}
        for table, problems in tracker_problems(filled).items():
            if table in tracked:
                found[table] += problems
    return found


def _elsewhere_problems(elsewhere: pd.DataFrame, indicators: pd.DataFrame) -> list[str]:
    """Every Plan measure with no data says where it is published (its references are checked from the schema)."""
    problems: list[str] = []
    unheld = (indicators["data_status"] == "no data yet") & indicators["plan_measure_id"].notna()
    missing = indicators.loc[unheld, "indicator_id"]
    problems += [
        f"published_elsewhere: Plan measure {i} has no data yet and no row saying where it is published"
        for i in sorted(set(missing) - set(elsewhere["indicator_id"]))
    ]
    return problems


def _life_expectancy_problems(life: pd.DataFrame) -> list[str]:
    """Each interval holds its value, and an interval comes with a value."""
    problems: list[str] = []
    bad = (life["lower_95"] > life["value"]) | (life["upper_95"] < life["value"])
    bad |= life["value"].isna() != life["lower_95"].isna()
    for i in life.index[bad.fillna(False)]:
        problems.append(
            f"msoa_life_expectancy: row {i + 1} ({life.at[i, 'msoa_code']}, {life.at[i, 'sex']}): "
            "the 95% interval does not hold the value"
        )
    return problems


def _empty(name: str) -> pd.DataFrame:
    return TABLES[name].arrow_schema().empty_table().to_pandas()


def _spread_order_problems(spread: pd.DataFrame) -> list[str]:
    """Rows of the spread of authorities whose lowest, quartiles, median and highest are out of order."""
    ordered = spread[["lowest", "q25", "median", "q75", "highest"]].diff(axis=1).iloc[:, 1:]
    return [
        f"area_spread: {_row_label(TABLES['area_spread'], spread, i)}: lowest, 25th percentile, median, "
        "75th percentile and highest must not decrease"
        for i in spread.index[(ordered < 0).any(axis=1)]
    ]


def _reference_problems(name: str, frames: Mapping[str, pd.DataFrame]) -> list[str]:
    """One message per value of a column that its declared reference (schemas.Ref) cannot find."""
    problems: list[str] = []
    child = frames[name]
    for column, ref in TABLES[name].references:
        parent = frames[ref.table]
        if ref.where is not None:
            parent = parent[parent[ref.where[0]].isin(ref.where[1])]
        if ref.with_column is None:
            problems += _unknown(child, column, parent[ref.column], table=name, what=ref.what)
        else:
            problems += _unknown_pairs(name, child, column, ref, parent)
    return problems


def _unknown_pairs(name: str, child: pd.DataFrame, column: str, ref: Ref, parent: pd.DataFrame) -> list[str]:
    """Rows whose (ref.with_column, column) pair is not a pair of the parent's: checked on distinct pairs.

    A pair per row as Python tuples (or a MultiIndex) would take gigabytes for millions of rows.
    """
    first, second = ref.with_column, column
    known = set(zip(parent[ref.with_column], parent[ref.column], strict=True))
    pairs = child[[first, second]].drop_duplicates()
    unknown = [pair for pair in zip(pairs[first], pairs[second], strict=True) if pair not in known]
    bad = np.zeros(len(child), dtype=bool)
    for a, b in unknown:
        bad |= ((child[first] == a) & (child[second] == b)).to_numpy()
    return [
        f"{name}: column '{second}' {_row_label(TABLES[name], child, i)}: "
        f"unknown {ref.what} {child.at[i, first]}={child.at[i, second]!r}"
        for i in child.index[bad]
    ]


def _value_rules(values: pd.DataFrame, indicators: pd.DataFrame) -> list[str]:
    """Rules on values that depend on the indicator: percentages, counts, intervals, status."""
    value_type = values["indicator_id"].map(indicators.set_index("indicator_id")["value_type"])
    label = TABLES["values"]
    rules = (
        (
            (value_type == "percentage") & ((values["value"] < 0) | (values["value"] > 100)),
            "a percentage must lie between 0 and 100",
        ),
        ((value_type.isin(["count", "rate"])) & (values["value"] < 0), "a count or rate cannot be negative"),
        (values["value"].isna() & (values["qualifier"] != "status"), "only a status row may have no value"),
        (values["lower_95"] > values["value"], "the lower 95% limit is above the value"),
        (values["upper_95"] < values["value"], "the upper 95% limit is below the value"),
    )
    problems = [
        f"values: column 'value' {_row_label(label, values, i)}: {message} (found {values.at[i, 'value']})"
        for mask, message in rules
        for i in values.index[mask.fillna(False)]
    ]
    measured = (values["role"] != "target").to_numpy()  # a mask: a copy of the rows could be a gigabyte
    has_value = set(values.loc[measured & values["value"].notna().to_numpy(), "indicator_id"].unique())
    has_status = set(values.loc[measured & (values["qualifier"] == "status").to_numpy(), "indicator_id"].unique())
    for _, row in indicators.iterrows():
        expected = (
            "has data"
            if row.indicator_id in has_value
            else "status only"
            if row.indicator_id in has_status
            else "no data yet"
        )
        if row.data_status != expected:
            problems.append(
                f"indicators: column 'data_status' indicator {row.indicator_id}: says {row.data_status!r} "
                f"but the values table makes it {expected!r}"
            )
    return problems


__all__ = [
    "DATA_DIR",
    "DEPENDS_ON",
    "VALUE_KEY",
    "MissingTables",
    "Store",
    "StoreError",
    "check_store",
    "load_store",
    "read_table",
    "table_problems",
    "validate_frame",
    "with_dependencies",
]
