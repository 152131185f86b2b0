"""A small seeded synthetic store for code tests, shaped like the real one but with invented values.

Every table of `indicators.store.schemas.TABLES` is written as Parquet with the build's own writer,
after the loader's own checks (each table against its schema, then the tables against each other),
so the strict `load_store(data_dir=...)` accepts it. It keeps the real store's vocabulary where the
code is built around it (the Plan's goal ids, the report's source id, the indicator ids pages open
on, Leeds and England's codes, the comparator sets, the breakdown names), and the real data's
quirks: a percentage trend for Leeds with England and comparator authorities, a school-year series
with a period kept only for England, a pooled-period series by sex, the report's before-and-after
pair for all of Leeds and its most deprived areas, a single figure, a status with a target, splits
by population group and by place, a breakdown by England's deprivation quintiles, a few MSOAs and
LSOAs with deprivation, the spread of authorities for each official series, where each Plan measure
with no data is published instead, an indicator drawn beside another, a few English MSOAs with their
deprivation and life expectancy by sex, and actions, milestones and links between them.

Every value is invented (fixed here or drawn from a seeded generator) and every title, definition
and citation says it is test data; none of it is a published figure. Area codes are real-shaped, and
the comparator authorities keep their real names. Write it out for a demonstration with

    python -m tests.synthetic OUTDIR
    INDICATORS_DATA_DIR=OUTDIR streamlit run dashboard.py
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.core.codes import ENGLAND, LEEDS, REPORT_SOURCE
from indicators.store.build import write_tables
from indicators.store.load import Store, check_store, validate_frame
from indicators.store.schemas import DOMAINS, ENGLAND_LSOAS, TABLES

SEED = 2019
TAG = "Synthetic test data"
CITE = f"{TAG}: invented for the test suite, not a published figure"

# Authorities kept under their real codes and names: the comparator sets name them.
MANCHESTER, BRISTOL, BRADFORD, WAKEFIELD = "E08000003", "E06000023", "E08000032", "E08000036"
AUTHORITIES = {MANCHESTER: "Manchester", BRISTOL: "Bristol", BRADFORD: "Bradford", WAKEFIELD: "Wakefield"}
COMPARATOR_SETS = {"core_cities": (LEEDS, MANCHESTER, BRISTOL), "west_yorkshire": (LEEDS, BRADFORD, WAKEFIELD)}
# Three MSOAs of Leeds, each with four LSOAs: real-shaped codes, invented names.
MSOAS = ("E02002330", "E02002331", "E02002332")
LSOAS = tuple(f"E0101{1264 + i:04d}" for i in range(12))
QUINTILES = (
    "Most deprived quintile",
    "Second most deprived quintile",
    "Average deprived quintile",
    "Second least deprived quintile",
    "Least deprived quintile",
)
QUINTILE_VALUES = (13.1, 11.4, 9.9, 8.6, 7.2)
MOST_DEPRIVED_LEEDS = "Most deprived areas of Leeds"
# The report's own split of one figure by population group (a bar chart), and a period kept only for England.
GROUPS = {"Test group A": 41.0, "Test group B": 47.0, "Test group C": 58.0}
LEFT_OUT = "2020/21"
# The report's places with one group each (a split that says nothing a bar chart would), and a split that does.
PLACES = ("Testford", "Testley", "Testham")
NEIGHBOURHOODS = {"Test Green": 12.0, "Test Hill": 7.0, "Test Nowells": 4.0}
PAIR_NOTE = "Test note: no pair of years in the official test series runs from 9.8% to 9.1%."

# Indicator ids the code opens on or looks up by name, and a few of each shape besides.
TREND = "smoking_prevalence"  # percentage, yearly, Leeds + England + comparators, Fingertips' judgement
PAIR = "reception_obesity"  # official yearly series, the report's before-and-after pair, England quintiles
POOLED = "life_expectancy"  # three-year pooled periods by sex
GAP = "sii_life_expectancy"  # pooled periods by sex, lower is better, "Not compared"
SINGLE = "ace_referrals"  # one figure from the report, no judgement
STATUS = "social_prescribing_referrals"  # a status in words with a target
PLANNED = "moving_more"  # a Plan measure with no data yet
SESSIONS = "diabetes_education_sessions"  # only the report's before-and-after pair, judged on direction
SPLIT = "diabetes_education_reach"  # the report's figure split by population group
MILESTONE = "care_homes_nhsmail_ig"  # a target with no figure yet
RECOVERY = "mh_community_recovery"  # the mental health goal's measure, with no data yet
GROUPS_PER_PLACE = "breathe_easy_groups"  # one group in each named place
RECRUITS = "recruits_by_neighbourhood"  # a count split by neighbourhood
DATA_SOURCES = {
    TREND: "aps_smoking",
    PAIR: "ncmp_reception",
    POOLED: "ons_life_expectancy",
    GAP: "ohid_sii_life_expectancy",
}


def _text(what: str) -> str:
    return f"{what} ({TAG.lower()})"


def sources() -> pd.DataFrame:
    rows = [
        (REPORT_SOURCE, "document", "Test report standing in for the Plan report", "2019-12-11"),
        ("kpmg_action_plan", "document", "Test action plan standing in for the audit action plan", "2009-2010"),
        # Extracts are dated by their latest period, as the real ones are ("Fingertips extract, latest period ...").
        *(
            (source, "dataset", f"Test series standing in for {source}", "Fingertips extract, latest period (test)")
            for source in DATA_SOURCES.values()
        ),
        ("iod2019", "dataset", "Test deprivation ranks standing in for the IoD 2019", "2019-09-26"),
    ]
    return pd.DataFrame(
        [
            {
                "source_id": source_id,
                "kind": kind,
                "title": _text(title),
                "short_title": f"Test {source_id}",
                "publisher": "Test publisher",
                "published": published,
                "licence": "Test licence",
                "provides": _text("Invented values for the test suite"),
                "upstream": "None: invented",
                "copied_from": None,
            }
            for source_id, kind, title, published in rows
        ]
    )


def plan_elements() -> pd.DataFrame:
    rows = [
        ("outcome.1", "outcome", None, 1, "Test outcome: longer healthier lives"),
        ("outcome.2", "outcome", None, 2, "Test outcome: active independent lives"),
        ("hwb.1", "hwb_priority", None, 1, "Test Strategy priority: a good start"),
        ("hwb.8", "hwb_priority", None, 8, "Test Strategy priority: healthy living"),
        ("goal.good_health", "goal", None, 1, "Test goal: good health"),
        ("goal.connected_care", "goal", None, 2, "Test goal: connected care"),
        ("goal.mental_health", "goal", None, 3, "Test goal: mental health"),
        ("priority.prevention", "priority", "goal.good_health", 1, "Test priority: prevention"),
        ("priority.lcps", "priority", "goal.connected_care", 2, "Test priority: local partnerships"),
        ("priority.mh_system", "priority", "goal.mental_health", 3, "Test priority: one mental health system"),
        ("measure.moving_more", "measure", "goal.good_health", 1, "Test measure: moving more"),
        ("measure.recovery", "measure", "goal.mental_health", 2, "Test measure: recovery in the community"),
        ("prog.prevention", "programme", None, 1, "Test programme: prevention"),
        ("prog.urgent_care", "programme", None, 2, "Test programme: urgent care"),
        ("enabler.workforce", "enabler", None, 3, "Test enabler: workforce"),
        ("plan_enabler.1", "plan_enabler", None, 1, "Test Plan enabler: one workforce"),
    ]
    return pd.DataFrame(
        [
            {
                "element_id": element_id,
                "kind": kind,
                "parent_id": parent,
                "ordinal": ordinal,
                "title": title,
                "summary": _text(f"Summary of {title.lower()}"),
                "citation": CITE,
            }
            for element_id, kind, parent, ordinal, title in rows
        ]
    )


def indicators() -> pd.DataFrame:
    rows = [
        (TREND, "Test adult smoking", "%", "percentage", "lower_is_better", "goal.good_health", "hwb.8", None),
        (PAIR, "Test reception obesity", "%", "percentage", "lower_is_better", "goal.good_health", "hwb.1", None),
        (POOLED, "Test life expectancy", "years", "years", "higher_is_better", "goal.good_health", "hwb.8", None),
        (GAP, "Test life expectancy gap", "years", "years", "lower_is_better", "goal.good_health", "hwb.8", None),
        (SINGLE, "Test referrals", "referrals", "count", "no_judgement", "goal.connected_care", "hwb.8", None),
        (
            STATUS,
            "Test social prescribing",
            "referrals",
            "count",
            "higher_is_better",
            "goal.connected_care",
            "hwb.1",
            None,
        ),
        (
            SESSIONS,
            "Test sessions",
            "sessions a year",
            "count",
            "higher_is_better",
            "goal.connected_care",
            "hwb.1",
            None,
        ),
        (GROUPS_PER_PLACE, "Test groups", "groups", "count", "higher_is_better", "goal.connected_care", "hwb.1", None),
        (RECRUITS, "Test recruits", "people", "count", "no_judgement", "goal.connected_care", "hwb.1", None),
        (SPLIT, "Test course reach", "%", "percentage", "higher_is_better", "goal.connected_care", "hwb.1", None),
        (MILESTONE, "Test secure mail", "%", "percentage", "higher_is_better", "goal.connected_care", "hwb.1", None),
        (
            RECOVERY,
            "Test recovery",
            "%",
            "percentage",
            "higher_is_better",
            "goal.mental_health",
            "hwb.8",
            "measure.recovery",
        ),
        (
            PLANNED,
            "Test moving more",
            "to be confirmed",
            "to_be_confirmed",
            "higher_is_better",
            "goal.good_health",
            "hwb.8",
            "measure.moving_more",
        ),
    ]
    status = {STATUS: "status only", PLANNED: "no data yet", MILESTONE: "no data yet", RECOVERY: "no data yet"}
    return pd.DataFrame(
        [
            {
                "indicator_id": indicator_id,
                "title": title,
                "definition": _text(f"Definition of {title.lower()}"),
                "unit": unit,
                "value_type": value_type,
                "polarity": polarity,
                "goal_id": goal,
                "programme_id": "prog.urgent_care" if goal == "goal.connected_care" else "prog.prevention",
                "hwb_priority_id": priority,
                "hwb_outcome_id": "outcome.1",
                "plan_measure_id": measure,
                "primary_source_id": DATA_SOURCES.get(indicator_id, REPORT_SOURCE),
                "mapping_note": _text("Mapping note"),
                "data_status": status.get(indicator_id, "has data"),
            }
            for indicator_id, title, unit, value_type, polarity, goal, priority, measure in rows
        ]
    )


def breakdowns() -> pd.DataFrame:
    rows = [
        ("none", "All", 1),
        ("sex", "Male", 1),
        ("sex", "Female", 2),
        *(("deprivation_quintile_england", name, i) for i, name in enumerate(QUINTILES, start=1)),
        ("population_group", MOST_DEPRIVED_LEEDS, 1),
        *(("population_group", name, i) for i, name in enumerate(GROUPS, start=2)),
        *(("locality", name, i) for i, name in enumerate(PLACES, start=1)),
        *(("neighbourhood", name, i) for i, name in enumerate(NEIGHBOURHOODS, start=1)),
    ]
    return pd.DataFrame(
        [{"breakdown_type": t, "breakdown": b, "ordinal": o, "definition": _text(f"{b} ({t})")} for t, b, o in rows]
    )


def areas() -> pd.DataFrame:
    rows = [
        (ENGLAND, "England", "Country", None),
        (LEEDS, "Leeds", "Local authority", ENGLAND),
        *((code, name, "Local authority", ENGLAND) for code, name in AUTHORITIES.items()),
        *((code, f"Testfield {n}", "MSOA", LEEDS) for n, code in enumerate(MSOAS, start=1)),
        *((code, f"Testfield {i // 4 + 1}{'ABCD'[i % 4]}", "LSOA", MSOAS[i // 4]) for i, code in enumerate(LSOAS)),
    ]
    return pd.DataFrame(
        [
            {"area_code": code, "area_name": name, "area_type": kind, "official_name": name, "parent_code": parent}
            for code, name, kind, parent in rows
        ]
    )


def comparators() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"comparator_set": name, "area_code": code, "rationale": _text(f"Member of the {name} test set")}
            for name, codes in COMPARATOR_SETS.items()
            for code in codes
        ]
    )


def lsoa_deprivation(rng: np.random.Generator) -> pd.DataFrame:
    # Ranks spread over England's range, so every decile from most to least deprived is met.
    imd_ranks = np.linspace(150, ENGLAND_LSOAS - 150, len(LSOAS)).astype(int)
    rows = []
    for i, code in enumerate(LSOAS):
        row: dict[str, object] = {"lsoa_code": code, "msoa_code": MSOAS[i // 4]}
        for domain in DOMAINS:
            # Each domain's rank sits near the overall one, as deprivation's domains mostly go together.
            near = int(imd_ranks[i]) + (0 if domain == "imd" else int(rng.integers(-100, 1500)))
            rank = min(max(near, 1), ENGLAND_LSOAS)
            row[f"{domain}_rank"] = rank
            row[f"{domain}_decile"] = min(10, (rank - 1) * 10 // ENGLAND_LSOAS + 1)
        young, middle, older = (int(n) for n in rng.integers([150, 500, 150], [500, 1200, 500]))
        row |= {
            "population_total": young + middle + older,
            "population_0_15": young,
            "population_16_59": middle,
            "population_60_plus": older,
            "population_working_age": middle + int(rng.integers(0, 30)),
        }
        rows.append(row)
    return pd.DataFrame(rows)


def _value(indicator_id: str, source_id: str, area: str, period: str, order: int, value: float | None, **more) -> dict:
    row = {
        "indicator_id": indicator_id,
        "source_id": source_id,
        "area_code": area,
        "breakdown_type": "none",
        "breakdown": "All",
        "period": period,
        "period_start": None,
        "period_end": None,
        "period_order": order,
        "role": "value",
        "value": value,
        "qualifier": "exact",
        "status_text": None,
        "lower_95": None,
        "upper_95": None,
        "numerator": None,
        "denominator": None,
        "compared_to_england": None,
        "description": None,
        "citation": CITE,
        "note": None,
    }
    return row | more


def _yearly(
    indicator_id: str,
    areas_: tuple[str, ...],
    first: int,
    years: int,
    rng: np.random.Generator,
    *,
    level: float,
    step: float,
    school_years: bool = False,
    england_only: tuple[str, ...] = (),
) -> list[dict]:
    """A yearly percentage series per area with invented values and Fingertips-style judgements.

    School years read "2014/15" and run September to August; a period in `england_only` is left out
    for every other area (as the NCMP's 2020/21 is), and each area's periods are numbered without it.
    """
    rows = []
    for shift, area in enumerate(areas_):
        order = 0
        for offset in range(years):
            year = first + offset
            period = f"{year}/{(year + 1) % 100:02d}" if school_years else str(year)
            if area != ENGLAND and period in england_only:
                continue
            start, end = (
                (date(year, 9, 1), date(year + 1, 8, 31)) if school_years else (date(year, 1, 1), date(year, 12, 31))
            )
            value = round(level + shift * 1.5 + step * offset + rng.normal(0, 0.4), 1)
            judgement = None if area == ENGLAND else ("Worse" if shift % 2 else "Similar")
            rows.append(
                _value(
                    indicator_id,
                    DATA_SOURCES[indicator_id],
                    area,
                    period,
                    order,
                    value,
                    period_start=start,
                    period_end=end,
                    lower_95=round(value - 1.2, 1),
                    upper_95=round(value + 1.2, 1),
                    compared_to_england=judgement,
                )
            )
            order += 1
    return rows


def _pooled(
    indicator_id: str, first: int, periods: int, rng, *, level: float, step: float, judgement: str, england: float
):
    """Three-year pooled periods ("2015 - 17") by sex, for Leeds and England."""
    rows = []
    for area in (LEEDS, ENGLAND):
        for sex, offset in (("Male", 0.0), ("Female", 3.5)):
            for order in range(periods):
                start = first + order
                value = round(
                    level + offset + step * order + rng.normal(0, 0.1) + (england if area == ENGLAND else 0), 1
                )
                rows.append(
                    _value(
                        indicator_id,
                        DATA_SOURCES[indicator_id],
                        area,
                        f"{start} - {(start + 2) % 100:02d}",
                        order,
                        value,
                        breakdown_type="sex",
                        breakdown=sex,
                        period_start=date(start, 1, 1),
                        period_end=date(start + 2, 12, 31),
                        compared_to_england=None if area == ENGLAND else judgement,
                    )
                )
    return rows


def values(rng: np.random.Generator) -> pd.DataFrame:
    everyone = (LEEDS, ENGLAND, MANCHESTER, BRISTOL, BRADFORD, WAKEFIELD)
    rows = _yearly(TREND, everyone, 2011, 8, rng, level=24.0, step=-0.9)
    rows += _yearly(
        PAIR, (LEEDS, ENGLAND, BRADFORD), 2014, 9, rng, level=9.0, step=0.1, school_years=True, england_only=(LEFT_OUT,)
    )
    for i, quintile in enumerate(QUINTILES):
        rows.append(
            _value(
                PAIR,
                DATA_SOURCES[PAIR],
                ENGLAND,
                "2014/15 - 18/19",
                0,
                QUINTILE_VALUES[i],
                breakdown_type="deprivation_quintile_england",
                breakdown=quintile,
                period_start=date(2014, 9, 1),
                period_end=date(2019, 8, 31),
            )
        )
    earlier, reported = "Not stated (earlier baseline)", "Not stated (as reported Dec 2019)"
    for breakdown_type, breakdown, before, after in (
        ("none", "All", 9.8, 9.1),
        ("population_group", MOST_DEPRIVED_LEEDS, 12.4, 10.6),
    ):
        # Numbered as the build numbers a series' periods: baselines before values, targets last.
        for order, (role, period, value) in enumerate((("baseline", earlier, before), ("value", reported, after))):
            rows.append(
                _value(
                    PAIR,
                    REPORT_SOURCE,
                    LEEDS,
                    period,
                    order,
                    value,
                    role=role,
                    breakdown_type=breakdown_type,
                    breakdown=breakdown,
                    description=_text("Before-and-after figure"),
                    note=PAIR_NOTE,
                )
            )
    rows.append(_value(TREND, REPORT_SOURCE, LEEDS, reported, 0, 19.5, description=_text("The report's own figure")))
    rows += [
        _value(SESSIONS, REPORT_SOURCE, LEEDS, period, order, value, role=role)
        for order, (role, period, value) in enumerate((("baseline", earlier, 20.0), ("value", reported, 50.0)))
    ]
    rows += [
        _value(GROUPS_PER_PLACE, REPORT_SOURCE, LEEDS, reported, 0, 1.0, breakdown_type="locality", breakdown=place)
        for place in PLACES
    ]
    rows += [
        _value(RECRUITS, REPORT_SOURCE, LEEDS, reported, 0, count, breakdown_type="neighbourhood", breakdown=place)
        for place, count in NEIGHBOURHOODS.items()
    ]
    for group, value in GROUPS.items():
        rows.append(
            _value(SPLIT, REPORT_SOURCE, LEEDS, reported, 0, value, breakdown_type="population_group", breakdown=group)
        )
    rows.append(
        _value(
            MILESTONE,
            REPORT_SOURCE,
            LEEDS,
            "2020 Q1 (Jan to Mar 2020)",
            0,
            70.0,
            role="target",
            period_start=date(2020, 1, 1),
            period_end=date(2020, 3, 31),
        )
    )
    rows += _pooled(POOLED, 2010, 7, rng, level=78.0, step=0.1, judgement="Worse", england=0.8)
    rows += _pooled(GAP, 2010, 7, rng, level=9.5, step=0.15, judgement="Not compared", england=-1.5)
    rows.append(
        _value(SINGLE, REPORT_SOURCE, LEEDS, reported, 0, 1234.0, qualifier="milestone", description=_text("Count"))
    )
    rows.append(
        _value(
            STATUS,
            REPORT_SOURCE,
            LEEDS,
            "2019/20",
            0,
            None,
            qualifier="status",
            status_text="On track to meet the target",
            period_start=date(2019, 4, 1),
            period_end=date(2020, 3, 31),
        )
    )
    rows.append(
        _value(
            STATUS,
            REPORT_SOURCE,
            LEEDS,
            "2019/20",
            1,
            4321.0,
            role="target",
            period_start=date(2019, 4, 1),
            period_end=date(2020, 3, 31),
        )
    )
    return pd.DataFrame(rows)


def exclusions() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "source_id": DATA_SOURCES[PAIR],
                "scope": "local authorities",
                "period": LEFT_OUT,
                "rows_left_out": 2,
                "reason": _text("A period left out to test how exclusions are shown"),
            }
        ]
    )


def actions() -> pd.DataFrame:
    rows = [
        ("R1.1", 1, "Not stated", None, "April 2010", None, date(2010, 4, 30), False, "month", True),
        ("R1.2", 1, "NHS Leeds", "NHS Leeds will test this", "Ongoing", None, None, True, "none", True),
        (
            "R2.1",
            2,
            "NHS Leeds; Leeds City Council",
            "both test partners",
            "2010 onwards",
            date(2010, 1, 1),
            None,
            True,
            "year",
            True,
        ),
        ("R2.2", 2, "Leeds City Council", "the council tests it", None, None, None, False, "none", False),
    ]
    return pd.DataFrame(
        [
            {
                "action_id": action_id,
                "recommendation_no": number,
                "recommendation": _text(f"Test recommendation {number}"),
                "action": _text(f"Test action {action_id}"),
                "leads": "Test Lead A; Test Lead B",
                "organisations": organisations,
                "organisation_quote": quote,
                "organisation_explanation": _text("Why this organisation"),
                "outcome": _text(f"Outcome of {action_id}"),
                "timescale_text": timescale,
                "start": start,
                "due": due,
                "ongoing": ongoing,
                "precision": precision,
                "timescale_read": read,
                "source_id": "kpmg_action_plan",
                "citation": CITE,
                "note": None,
            }
            for action_id, number, organisations, quote, timescale, start, due, ongoing, precision, read in rows
        ]
    )


def milestones() -> pd.DataFrame:
    rows = [
        ("I1.1", "initiative", 1, "2020Q1", "2020Q1", True, "Test milestone: pilot starts"),
        ("I1.2", "initiative", 1, "2020Q3", "2020Q4", True, None),
        ("I2.1", "initiative", 2, "2020Q2", "2020Q2", False, "Test milestone: plan agreed"),
        ("E1.1", "enabler", 1, "2020Q4", "2020Q4", True, "Test milestone: training offered"),
    ]
    quarters = {"1": (1, 3), "2": (4, 6), "3": (7, 9), "4": (10, 12)}
    return pd.DataFrame(
        [
            {
                "milestone_id": milestone_id,
                "strand_kind": kind,
                "strand_no": number,
                "strand": f"Test strand {kind} {number}",
                "quarter": first,
                "last_quarter": last,
                "start": date(int(first[:4]), quarters[first[-1]][0], 1),
                "due": (pd.Timestamp(int(last[:4]), quarters[last[-1]][1], 1) + pd.offsets.MonthEnd(0)).date(),
                "quarter_confident": confident,
                "milestone": text,
                "readable": text is not None,
                "raw_text": text or "unreada | ble test fragm",
                "note": None if text else _text("The text is cut off"),
                "source_id": REPORT_SOURCE,
                "citation": CITE,
            }
            for milestone_id, kind, number, first, last, confident, text in rows
        ]
    )


def action_links() -> pd.DataFrame:
    rows = [
        ("R1", "plan_element", "goal.connected_care"),
        ("R1", "indicator", GAP),
        ("R1.2", "plan_element", "priority.lcps"),
        ("R2", "page", "explorer"),
        ("R2.1", "indicator", TREND),
        ("R2.2", "none", "goal"),
        ("I1", "plan_element", "goal.good_health"),
        ("I1.1", "indicator", PAIR),
        ("I2", "plan_element", "goal.mental_health"),
        ("I2.1", "none", "indicator"),
        ("E1", "plan_element", "plan_enabler.1"),
        ("E1.1", "page", "explorer?filter=most_deprived&groups=most"),
    ]
    return pd.DataFrame(
        [
            {"item_id": item, "target_kind": kind, "target_id": target, "rationale": _text(f"Why {item} bears on it")}
            for item, kind, target in rows
        ]
    )


def published_elsewhere() -> pd.DataFrame:
    """A row for every Plan measure with no data yet: one published elsewhere, one with nothing known."""
    rows = [
        (PLANNED, _text("Test survey of physical activity"), "Test publisher", None, _text("Test note")),
        (RECOVERY, _text("No published series is known for this test measure"), "Not known", None, None),
    ]
    return pd.DataFrame(
        [{"indicator_id": i, "dataset": d, "publisher": p, "held_as": h, "note": n} for i, d, p, h, n in rows]
    )


def indicator_pairs() -> pd.DataFrame:
    """One indicator drawn beside another: the life expectancy gap beside life expectancy."""
    return pd.DataFrame(
        [{"indicator_id": GAP, "beside_id": POOLED, "reason": _text("Test reason: the gap is read beside the level")}]
    )


# Three MSOAs of other authorities, so England's MSOAs are more than Leeds' own.
OTHER_MSOAS = {"E02001045": MANCHESTER, "E02002183": BRADFORD, "E02003015": BRISTOL}


def msoas(lsoas: pd.DataFrame) -> pd.DataFrame:
    """Leeds' three MSOAs, their deprivation the population-weighted mean rank of their LSOAs, and three others."""
    rows = []
    for n, code in enumerate(MSOAS, start=1):
        held = lsoas[lsoas["msoa_code"] == code]
        rank = float(np.average(held["imd_rank"], weights=held["population_total"]))
        rows.append(
            (
                code,
                f"Leeds {n:03d}",
                f"Testfield {n}",
                LEEDS,
                "Leeds",
                len(held),
                int(held["population_total"].sum()),
                rank,
            )
        )
    for n, (code, la) in enumerate(OTHER_MSOAS.items(), start=1):
        rank = float(ENGLAND_LSOAS * n / (len(OTHER_MSOAS) + 1))
        rows.append((code, f"{AUTHORITIES[la]} 001", f"Testbury {n}", la, AUTHORITIES[la], 5, 7000 + 500 * n, rank))
    return pd.DataFrame(
        [
            {
                "msoa_code": code,
                "msoa_name": name,
                "hcl_name": hcl,
                "la_code": la,
                "la_name": la_name,
                "lsoa_count": count,
                "population_2015": population,
                "imd_rank_weighted": rank,
                "imd_decile_msoa": min(10, int((rank - 1) * 10 // ENGLAND_LSOAS) + 1),
            }
            for code, name, hcl, la, la_name, count, population, rank in rows
        ]
    )


def msoa_life_expectancy(rng: np.random.Generator, msoas_: pd.DataFrame) -> pd.DataFrame:
    """Life expectancy by sex for every MSOA, longer where deprivation is lower, with a 95% interval around it."""
    base = {"Male": 76.0, "Female": 80.0, "Persons": 78.0}
    rows = []
    for msoa in msoas_.itertuples(index=False):
        for sex, start in base.items():
            value = round(start + 8.0 * msoa.imd_rank_weighted / ENGLAND_LSOAS + float(rng.normal(0, 0.5)), 2)
            half = round(float(rng.uniform(0.8, 2.0)), 2)
            population = int(rng.integers(20_000, 40_000)) * (2 if sex == "Persons" else 1)
            rows.append(
                {
                    "msoa_code": msoa.msoa_code,
                    "sex": sex,
                    "period": "2016 to 2020",
                    "deaths": int(population * 0.01),
                    "population": population,
                    "value": value,
                    "lower_95": round(value - half, 2),
                    "upper_95": round(value + half, 2),
                }
            )
    return pd.DataFrame(rows)


def area_spread(values_: pd.DataFrame) -> pd.DataFrame:
    """Every official series' spread of authorities, per period, set around Leeds' invented value."""
    leeds = values_[(values_["area_code"] == LEEDS) & values_["source_id"].isin(DATA_SOURCES.values())]
    rows = []
    for row in leeds.itertuples(index=False):
        v = row.value
        rows.append(
            {
                "indicator_id": row.indicator_id,
                "source_id": row.source_id,
                "breakdown_type": row.breakdown_type,
                "breakdown": row.breakdown,
                "period": row.period,
                "area_type": "districts and unitary authorities",
                "areas": 300,
                "lowest": round(v - 6.0, 1),
                "q25": round(v - 2.0, 1),
                "median": round(v - 0.5, 1),
                "q75": round(v + 1.5, 1),
                "highest": round(v + 7.0, 1),
            }
        )
    return pd.DataFrame(rows)


_DTYPES = {"int": "int64", "float": "float64", "date": "datetime64[ms]", "bool": "bool"}


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with each column in the type its table declares (an all-empty column has no type of its own)."""
    typed = {}
    for column in TABLES[name].columns:
        if column.kind == "date":
            typed[column.name] = pd.to_datetime(frame[column.name]).astype("datetime64[ms]")
        elif column.kind in _DTYPES:
            typed[column.name] = frame[column.name].astype(_DTYPES[column.kind])
    return frame.assign(**typed)


def synthetic_tables(*, seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Every table of the store, checked against its schema and against each other."""
    rng = np.random.default_rng(seed)
    tables = {
        "sources": sources(),
        "plan_elements": plan_elements(),
        "indicators": indicators(),
        "breakdowns": breakdowns(),
        "areas": areas(),
        "comparators": comparators(),
        "lsoa_deprivation": lsoa_deprivation(rng),
        "values": values(rng),
        "exclusions": exclusions(),
        "published_elsewhere": published_elsewhere(),
        "indicator_pairs": indicator_pairs(),
        "msoas": None,
        "msoa_life_expectancy": None,
        "area_spread": None,
        "actions": actions(),
        "milestones": milestones(),
        "action_links": action_links(),
    }
    tables["area_spread"] = area_spread(tables["values"])
    tables["msoas"] = msoas(tables["lsoa_deprivation"])
    tables["msoa_life_expectancy"] = msoa_life_expectancy(rng, tables["msoas"])
    assert set(tables) == set(TABLES), "the synthetic store must hold every table the schemas declare"
    checked = {name: validate_frame(name, _typed(name, frame)) for name, frame in tables.items()}
    check_store(Store(**checked))
    return checked


def write_synthetic_store(folder: Path, *, seed: int = SEED) -> Path:
    """Write the synthetic store's tables as Parquet into `folder` (created if need be) and return it."""
    folder = Path(folder)
    write_tables(synthetic_tables(seed=seed), data_dir=folder)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the synthetic test store into a folder, for a demonstration.")
    parser.add_argument("folder", type=Path, help="where the Parquet tables go (set INDICATORS_DATA_DIR to it)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    write_synthetic_store(args.folder, seed=args.seed)
    print(
        f"Wrote the synthetic store to {args.folder}; run INDICATORS_DATA_DIR={args.folder} streamlit run dashboard.py"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
