"""Every table of the store declared once: its columns, types, allowed values and key.

Each declaration gives both the Arrow schema the build writes with and the
pandera schema the loader checks, so the two cannot drift apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow

# Allowed values shared with the rest of the package.
POLARITIES = ("higher_is_better", "lower_is_better", "no_judgement")
VALUE_TYPES = ("percentage", "count", "years", "rate", "to_be_confirmed")
DATA_STATUSES = ("has data", "status only", "no data yet")
ROLES = ("baseline", "value", "target")
QUALIFIERS = ("exact", "more than", "about", "milestone", "status")
# Fingertips' comparison with England; Higher and Lower (at 99.8%) are for indicators with no polarity.
COMPARISONS = ("Better", "Similar", "Worse", "Not compared", "Higher", "Lower")
ELEMENT_KINDS = ("outcome", "hwb_priority", "goal", "priority", "measure", "programme", "enabler", "plan_enabler")
# Region, Ward and Other area arrive only with analysts' imports (Fingertips exports for other geographies).
AREA_TYPES = ("Country", "Local authority", "MSOA", "LSOA", "Region", "Ward", "Other area")
SOURCE_KINDS = ("document", "dataset", "import")
STRAND_KINDS = ("initiative", "enabler")
TIMESCALE_PRECISIONS = ("day", "month", "year", "none")
ORGANISATIONS = ("NHS Leeds", "Leeds City Council")
NOT_STATED = "Not stated"
LINK_KINDS = ("plan_element", "indicator", "page", "none")
DOMAINS = ("imd", "income", "employment", "education", "health", "crime", "barriers", "living_environment")
# The English Indices of Deprivation 2019 domains, as MHCLG names them.
DOMAIN_TITLES = {
    "imd": "Index of Multiple Deprivation",
    "income": "Income",
    "employment": "Employment",
    "education": "Education, Skills and Training",
    "health": "Health Deprivation and Disability",
    "crime": "Crime",
    "barriers": "Barriers to Housing and Services",
    "living_environment": "Living Environment",
}
ENGLAND_LSOAS = 32_844

_ARROW = {
    "str": pyarrow.string(),
    "int": pyarrow.int64(),
    "float": pyarrow.float64(),
    "date": pyarrow.date32(),
    "bool": pyarrow.bool_(),
}
_PANDERA = {"str": str, "int": "int64", "float": "float64", "date": "datetime64[ms]", "bool": "bool"}


@dataclass(frozen=True)
class Ref:
    """A foreign key: the column's values must be found in `table`.`column`, among rows where `where` holds.

    `where` is (column, allowed values) of the referred table, for example only the goals among the Plan's
    elements; `what` names the thing referred to in messages ("unknown goal 'goal.x'"). `with_column`
    makes a two-column key: the pair (that column of this table, this column) must be a pair there.
    """

    table: str
    column: str
    what: str
    where: tuple[str, tuple[str, ...]] | None = None
    with_column: str | None = None


@dataclass(frozen=True)
class Col:
    """One column: its name, type, whether it may be empty, its checks, and the column it refers to."""

    name: str
    kind: str = "str"
    nullable: bool = False
    checks: tuple[pa.Check, ...] = ()
    refers_to: Ref | None = None


@dataclass(frozen=True)
class Table:
    """One Parquet table of the store and what makes a row of it valid."""

    name: str
    columns: tuple[Col, ...]
    key: tuple[str, ...]
    description: str = ""
    dates: tuple[str, ...] = field(default=())
    # Held in memory with its text columns as categories: for a table of millions of rows that
    # repeats a few thousand codes and a few dozen citations, a code per row instead of the text.
    categorical: bool = False
    # Tables read by rules that are not a column reference (the action tracker's links, for one).
    checked_against: tuple[str, ...] = ()

    @property
    def references(self) -> tuple[tuple[str, Ref], ...]:
        """(column, reference) for every column declared to refer to another table."""
        return tuple((c.name, c.refers_to) for c in self.columns if c.refers_to is not None)

    @property
    def depends_on(self) -> tuple[str, ...]:
        """The other tables this table is checked against: it is usable only if they are."""
        names = [ref.table for _, ref in self.references] + list(self.checked_against)
        return tuple(dict.fromkeys(n for n in names if n != self.name))

    def arrow_schema(self) -> pyarrow.Schema:
        """The Arrow schema the build writes the table with."""
        return pyarrow.schema([pyarrow.field(c.name, _ARROW[c.kind], nullable=c.nullable) for c in self.columns])

    def pandera_schema(self) -> pa.DataFrameSchema:
        """The pandera schema every load is checked against."""
        return pa.DataFrameSchema(
            {c.name: pa.Column(self._dtype(c), checks=list(c.checks), nullable=c.nullable) for c in self.columns},
            # pandera's own check hashes every key column's values: gigabytes at England scale.
            checks=[_unique_key(self.key)] if self.categorical else None,
            unique=None if self.categorical else list(self.key),
            strict=True,
            ordered=False,
            name=self.name,
        )

    def _dtype(self, column: Col) -> object:
        return pa.Category if self.categorical and column.kind == "str" else _PANDERA[column.kind]

    @property
    def text_columns(self) -> tuple[str, ...]:
        """Columns held as text (as categories in memory for a categorical table)."""
        return tuple(c.name for c in self.columns if c.kind == "str")

    def in_memory(self, df: pd.DataFrame) -> pd.DataFrame:
        """`df` with the text columns of a categorical table as categories in sorted order.

        Sorted, so sorting and comparing a column give what they would on the text. Only text
        columns are converted: a column of another type is left for the schema to report.
        """
        if not self.categorical:
            return df
        converted = {}
        for name in self.text_columns:
            if name not in df.columns:
                continue
            column, changed = df[name], False
            if not isinstance(column.dtype, pd.CategoricalDtype):
                if not (pd.api.types.is_string_dtype(column.dtype) or column.isna().all()):
                    continue
                column, changed = column.astype("category"), True
            categories = column.cat.categories
            if not categories.is_monotonic_increasing:
                column, changed = column.cat.reorder_categories(sorted(categories)), True
            if changed:
                converted[name] = column
        return df.assign(**converted) if converted else df

    @property
    def date_columns(self) -> tuple[str, ...]:
        """Columns held as dates."""
        return tuple(c.name for c in self.columns if c.kind == "date")


def as_text(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with its category columns back as plain text, for the small slices pages work with.

    A slice of a categorical table carries every category of the whole table and refuses new
    values; as text it behaves like any other frame (filled, relabelled, pivoted).
    """
    text = {name: df[name].astype(str) for name in df.columns if isinstance(df[name].dtype, pd.CategoricalDtype)}
    return df.assign(**text) if text else df


def duplicated_key(df: pd.DataFrame, key: tuple[str, ...]) -> np.ndarray:
    """Which rows share their `key` with another row, computed on category codes where it can be.

    Each key column's codes are combined into one 64-bit number per row (their product of sizes
    fits at any scale the store meets), and those are sorted once: a few hundred MB for 13 million
    rows, where hashing the text of seven columns takes gigabytes. A key column the frame lacks is
    its own schema failure (reported as missing), so no rows are counted as sharing a key then.
    """
    if any(name not in df.columns for name in key):
        return np.zeros(len(df), dtype=bool)
    columns = [df[name] for name in key]
    sizes = [len(c.cat.categories) + 1 for c in columns if isinstance(c.dtype, pd.CategoricalDtype)]
    if len(sizes) != len(columns) or math.prod(sizes) >= 2**63:
        return df.duplicated(list(key), keep=False).to_numpy()
    combined = np.zeros(len(df), dtype=np.int64)
    for column, size in zip(columns, sizes, strict=True):
        combined *= size
        combined += column.cat.codes.to_numpy() + 1  # -1 (empty) becomes 0
    order = np.argsort(combined, kind="stable")
    ordered = combined[order]
    del combined
    same = ordered[1:] == ordered[:-1]
    shared = np.zeros(len(df), dtype=bool)
    shared[1:] |= same
    shared[:-1] |= same
    duplicated = np.zeros(len(df), dtype=bool)
    duplicated[order] = shared
    return duplicated


def _unique_key(key: tuple[str, ...]) -> pa.Check:
    """A table-wide check that no two rows share a key, named as pandera names its own."""
    return pa.Check(lambda df: pd.Series(~duplicated_key(df, key), index=df.index), name="multiple_fields_uniqueness")


def _one_of(values: tuple[str, ...]) -> tuple[pa.Check, ...]:
    return (pa.Check.isin(list(values)),)


_NON_NEGATIVE = (pa.Check.ge(0),)
_NOT_BLANK = (pa.Check.str_length(min_value=1),)


def _texts(*names: str) -> tuple[Col, ...]:
    """Columns of text that must not be blank, in the order given."""
    return tuple(Col(name, checks=_NOT_BLANK) for name in names)


_SOURCE = Ref("sources", "source_id", "source")
_AREA = Ref("areas", "area_code", "area")
# The source a row comes from and where in it (page, table, section).
_CITED = (Col("source_id", checks=_NOT_BLANK, refers_to=_SOURCE), Col("citation", checks=_NOT_BLANK))


def _element(kinds: tuple[str, ...], what: str) -> Ref:
    return Ref("plan_elements", "element_id", what, where=("kind", kinds))


_DECILE = (pa.Check.in_range(1, 10),)
_RANK = (pa.Check.in_range(1, ENGLAND_LSOAS),)

SOURCES = Table(
    "sources",
    (
        Col("source_id", checks=_NOT_BLANK),
        Col("kind", checks=_one_of(SOURCE_KINDS)),
        *_texts("title", "short_title", "publisher", "published", "licence", "provides", "upstream"),
        Col("copied_from", nullable=True),
    ),
    key=("source_id",),
    description="Every publication or dataset a figure comes from",
)

PLAN_ELEMENTS = Table(
    "plan_elements",
    (
        Col("element_id", checks=_NOT_BLANK),
        Col("kind", checks=_one_of(ELEMENT_KINDS)),
        Col("parent_id", nullable=True, refers_to=Ref("plan_elements", "element_id", "parent element")),
        Col("ordinal", "int", checks=_NON_NEGATIVE),
        *_texts("title", "summary", "citation"),
    ),
    key=("element_id",),
    description="The Plan's goals, priorities and measures; the Strategy's outcomes and priorities; programmes",
)

INDICATORS = Table(
    "indicators",
    (
        Col("indicator_id", checks=(pa.Check.str_matches(r"^[a-z0-9_]+$"),)),
        *_texts("title", "definition", "unit"),
        Col("value_type", checks=_one_of(VALUE_TYPES)),
        Col("polarity", checks=_one_of(POLARITIES)),
        Col("goal_id", checks=_NOT_BLANK, refers_to=_element(("goal",), "goal")),
        Col("programme_id", checks=_NOT_BLANK, refers_to=_element(("programme", "enabler"), "programme or enabler")),
        Col(
            "hwb_priority_id",
            checks=_NOT_BLANK,
            refers_to=_element(("hwb_priority",), "Health and Wellbeing Strategy priority"),
        ),
        Col(
            "hwb_outcome_id",
            checks=_NOT_BLANK,
            refers_to=_element(("outcome",), "Health and Wellbeing Strategy outcome"),
        ),
        Col("plan_measure_id", nullable=True, refers_to=_element(("measure",), "Plan measure")),
        Col("primary_source_id", checks=_NOT_BLANK, refers_to=_SOURCE),
        Col("mapping_note", checks=_NOT_BLANK),
        Col("data_status", checks=_one_of(DATA_STATUSES)),
    ),
    key=("indicator_id",),
    description="The indicator catalogue: definition, unit, polarity and place in the Plan",
)

BREAKDOWNS = Table(
    "breakdowns",
    (
        *_texts("breakdown_type", "breakdown"),
        Col("ordinal", "int", checks=_NON_NEGATIVE),
        Col("definition", checks=_NOT_BLANK),
    ),
    key=("breakdown_type", "breakdown"),
    description="Population groups a value can be split by (sex, deprivation, the report's own groups)",
)

AREAS = Table(
    "areas",
    (
        Col("area_code", checks=(pa.Check.str_matches(r"^E\d{8}$"),)),
        Col("area_name", checks=_NOT_BLANK),
        Col("area_type", checks=_one_of(AREA_TYPES)),
        Col("official_name", checks=_NOT_BLANK),
        Col("parent_code", nullable=True),
    ),
    key=("area_code",),
    description="England, Leeds, comparator authorities and the Leeds MSOAs and LSOAs",
)

COMPARATORS = Table(
    "comparators",
    (
        Col("comparator_set", checks=_NOT_BLANK),
        Col("area_code", checks=_NOT_BLANK, refers_to=_AREA),
        Col("rationale", checks=_NOT_BLANK),
    ),
    key=("comparator_set", "area_code"),
    description="Sets of authorities a board compares Leeds with",
)

LSOA_DEPRIVATION = Table(
    "lsoa_deprivation",
    (
        Col(
            "lsoa_code",
            checks=(pa.Check.str_matches(r"^E01\d{6}$"),),
            refers_to=Ref("areas", "area_code", "LSOA", where=("area_type", ("LSOA",))),
        ),
        Col(
            "msoa_code",
            checks=(pa.Check.str_matches(r"^E02\d{6}$"),),
            refers_to=Ref("areas", "area_code", "MSOA", where=("area_type", ("MSOA",))),
        ),
        *(
            col
            for domain in DOMAINS
            for col in (Col(f"{domain}_rank", "int", checks=_RANK), Col(f"{domain}_decile", "int", checks=_DECILE))
        ),
        Col("population_total", "int", checks=_NON_NEGATIVE),
        Col("population_0_15", "int", checks=_NON_NEGATIVE),
        Col("population_16_59", "int", checks=_NON_NEGATIVE),
        Col("population_60_plus", "int", checks=_NON_NEGATIVE),
        Col("population_working_age", "int", checks=_NON_NEGATIVE),
    ),
    key=("lsoa_code",),
    description="IoD 2019 ranks, deciles (1 = most deprived tenth in England) and mid-2015 population per Leeds LSOA",
)

VALUE_KEY = ("indicator_id", "source_id", "area_code", "breakdown_type", "breakdown", "period", "role")

VALUES = Table(
    "values",
    (
        Col("indicator_id", checks=_NOT_BLANK, refers_to=Ref("indicators", "indicator_id", "indicator")),
        Col("source_id", checks=_NOT_BLANK, refers_to=_SOURCE),
        Col("area_code", checks=_NOT_BLANK, refers_to=_AREA),
        Col("breakdown_type", checks=_NOT_BLANK),
        Col(
            "breakdown",
            checks=_NOT_BLANK,
            refers_to=Ref("breakdowns", "breakdown", "breakdown", with_column="breakdown_type"),
        ),
        Col("period", checks=_NOT_BLANK),
        Col("period_start", "date", nullable=True),
        Col("period_end", "date", nullable=True),
        Col("period_order", "int", checks=_NON_NEGATIVE),
        Col("role", checks=_one_of(ROLES)),
        Col("value", "float", nullable=True),
        Col("qualifier", checks=_one_of(QUALIFIERS)),
        Col("status_text", nullable=True),
        Col("lower_95", "float", nullable=True),
        Col("upper_95", "float", nullable=True),
        Col("numerator", "float", nullable=True, checks=_NON_NEGATIVE),
        Col("denominator", "float", nullable=True, checks=_NON_NEGATIVE),
        Col("compared_to_england", nullable=True, checks=_one_of(COMPARISONS)),
        Col("description", nullable=True),
        Col("citation", checks=_NOT_BLANK),
        Col("note", nullable=True),
    ),
    key=VALUE_KEY,
    description="One row per indicator, source, area, breakdown, period and role (baseline, value or target)",
    categorical=True,
)

EXCLUSIONS = Table(
    "exclusions",
    (
        *_texts("source_id", "scope", "period"),
        Col("rows_left_out", "int", checks=_NON_NEGATIVE),
        Col("reason", checks=_NOT_BLANK),
    ),
    key=("source_id", "scope", "period"),
    description="Published periods the store leaves out, and why",
)

PUBLISHED_ELSEWHERE = Table(
    "published_elsewhere",
    (
        Col("indicator_id", checks=_NOT_BLANK, refers_to=Ref("indicators", "indicator_id", "indicator")),
        *_texts("dataset", "publisher"),
        Col("held_as", nullable=True, refers_to=Ref("indicators", "indicator_id", "indicator held instead")),
        Col("note", nullable=True),
    ),
    key=("indicator_id",),
    description="For a measure with no series held: what is published elsewhere, by whom, or the series held instead",
)

INDICATOR_PAIRS = Table(
    "indicator_pairs",
    (
        Col("indicator_id", checks=_NOT_BLANK, refers_to=Ref("indicators", "indicator_id", "indicator")),
        Col("beside_id", checks=_NOT_BLANK, refers_to=Ref("indicators", "indicator_id", "indicator shown beside")),
        Col("reason", checks=_NOT_BLANK),
    ),
    key=("indicator_id", "beside_id"),
    description="Indicators an indicator's page draws beside it, and why (routine and manual smoking by all adults)",
)

# Every English 2011 MSOA: its names and the deprivation of the IoD 2019 LSOAs it holds.
SEXES = ("Male", "Female", "Persons")
MSOAS = Table(
    "msoas",
    (
        Col("msoa_code", checks=(pa.Check.str_matches(r"^E02\d{6}$"),)),
        *_texts("msoa_name", "hcl_name"),
        Col("la_code", checks=(pa.Check.str_matches(r"^E\d{8}$"),)),
        Col("la_name", checks=_NOT_BLANK),
        Col("lsoa_count", "int", checks=(pa.Check.ge(1),)),
        Col("population_2015", "int", checks=_NON_NEGATIVE),
        Col("imd_rank_weighted", "float", checks=(pa.Check.in_range(1, ENGLAND_LSOAS),)),
        Col("imd_decile_msoa", "int", checks=_DECILE),
    ),
    key=("msoa_code",),
    description=(
        "Every English 2011 MSOA: ONS and House of Commons Library names, local authority, and its deprivation: "
        "the population-weighted mean IMD 2019 rank of its LSOAs and the England decile of MSOAs by it"
    ),
)

MSOA_LIFE_EXPECTANCY = Table(
    "msoa_life_expectancy",
    (
        Col(
            "msoa_code",
            checks=(pa.Check.str_matches(r"^E02\d{6}$"),),
            refers_to=Ref("msoas", "msoa_code", "MSOA"),
        ),
        Col("sex", checks=_one_of(SEXES)),
        Col("period", checks=_NOT_BLANK),
        Col("deaths", "int", checks=_NON_NEGATIVE),
        Col("population", "int", checks=_NON_NEGATIVE),
        Col("value", "float", nullable=True, checks=(pa.Check.in_range(40, 120),)),
        Col("lower_95", "float", nullable=True),
        Col("upper_95", "float", nullable=True),
    ),
    key=("msoa_code", "sex", "period"),
    description="ONS life expectancy at birth for every English MSOA by sex, with deaths, population and 95% interval",
)

AREA_SPREAD = Table(
    "area_spread",
    (
        Col("indicator_id", checks=_NOT_BLANK, refers_to=Ref("indicators", "indicator_id", "indicator")),
        Col("source_id", checks=_NOT_BLANK, refers_to=_SOURCE),
        Col("breakdown_type", checks=_NOT_BLANK),
        Col(
            "breakdown",
            checks=_NOT_BLANK,
            refers_to=Ref("breakdowns", "breakdown", "breakdown", with_column="breakdown_type"),
        ),
        *_texts("period", "area_type"),
        Col("areas", "int", checks=(pa.Check.ge(1),)),
        Col("lowest", "float"),
        Col("q25", "float"),
        Col("median", "float"),
        Col("q75", "float"),
        Col("highest", "float"),
    ),
    key=("indicator_id", "source_id", "breakdown_type", "breakdown", "period"),
    description=(
        "Per official series and period, the spread of every English district and unitary authority: "
        "how many have a value, lowest, 25th percentile, median, 75th percentile, highest"
    ),
)

# The action tracker: the audit action plan, the Plan's 2020 milestones, and what each is meant to move.
_QUARTER = (pa.Check.str_matches(r"^\d{4}Q[1-4]$"),)
_ORGANISATION_LIST = (
    pa.Check(
        lambda v: v == NOT_STATED or all(part in ORGANISATIONS for part in v.split("; ")),
        element_wise=True,
        name=f"'{NOT_STATED}' or a '; '-separated list of {', '.join(ORGANISATIONS)}",
    ),
)

ACTIONS = Table(
    "actions",
    (
        Col("action_id", checks=(pa.Check.str_matches(r"^R\d\.\d+$"),)),
        Col("recommendation_no", "int", checks=(pa.Check.in_range(1, 9),)),
        *_texts("recommendation", "action", "leads"),
        Col("organisations", checks=_ORGANISATION_LIST),
        Col("organisation_quote", nullable=True),
        Col("organisation_explanation", checks=_NOT_BLANK),
        Col("outcome", nullable=True),
        Col("timescale_text", nullable=True),
        Col("start", "date", nullable=True),
        Col("due", "date", nullable=True),
        Col("ongoing", "bool"),
        Col("precision", checks=_one_of(TIMESCALE_PRECISIONS)),
        Col("timescale_read", "bool"),
        *_CITED,
        Col("note", nullable=True),
    ),
    key=("action_id",),
    description="The audit action plan: one row per action, with its leads, outcome and timescale read into dates",
)

MILESTONES = Table(
    "milestones",
    (
        Col("milestone_id", checks=(pa.Check.str_matches(r"^[IE]\d\.\d+$"),)),
        Col("strand_kind", checks=_one_of(STRAND_KINDS)),
        Col("strand_no", "int", checks=(pa.Check.in_range(1, 9),)),
        Col("strand", checks=_NOT_BLANK),
        Col("quarter", checks=_QUARTER),
        Col("last_quarter", checks=_QUARTER),
        Col("start", "date"),
        Col("due", "date"),
        Col("quarter_confident", "bool"),
        Col("milestone", nullable=True),
        Col("readable", "bool"),
        Col("raw_text", checks=_NOT_BLANK),
        Col("note", nullable=True),
        *_CITED,
    ),
    key=("milestone_id",),
    description="The Plan's 2020 milestones by quarter; unreadable ones keep only the extracted text",
)

ACTION_LINKS = Table(
    "action_links",
    (
        Col("item_id", checks=(pa.Check.str_matches(r"^[RIE]\d(\.\d+)?$"),)),
        Col("target_kind", checks=_one_of(LINK_KINDS)),
        *_texts("target_id", "rationale"),
    ),
    key=("item_id", "target_kind", "target_id"),
    # store.checks: an item is an action, milestone or group; a target an element, indicator or page.
    checked_against=("actions", "milestones", "plan_elements", "indicators"),
    description="Judgement: the Plan elements, indicators and pages an action, milestone or group bears on, and why",
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        SOURCES,
        PLAN_ELEMENTS,
        INDICATORS,
        BREAKDOWNS,
        AREAS,
        COMPARATORS,
        LSOA_DEPRIVATION,
        VALUES,
        EXCLUSIONS,
        PUBLISHED_ELSEWHERE,
        INDICATOR_PAIRS,
        MSOAS,
        MSOA_LIFE_EXPECTANCY,
        AREA_SPREAD,
        ACTIONS,
        MILESTONES,
        ACTION_LINKS,
    )
}
