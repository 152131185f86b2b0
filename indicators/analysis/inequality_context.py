"""What the published figures in the store say about 'are the poorest improving fastest?', and what they cannot.

Three pieces of evidence: OHID's slope index of inequality in life expectancy for Leeds and England
by sex; England's reception-year obesity by deprivation quintile; and the report's own figures for
reception obesity in Leeds' most deprived areas against Leeds as a whole.
"""

from __future__ import annotations

import pandas as pd

from indicators.analysis.inequality import Answer, gap, group_levels
from indicators.core.codes import ENGLAND, LEEDS, REPORT_SOURCE
from indicators.store.load import Store
from indicators.store.queries import per_store
from indicators.store.schemas import as_text

SII_INDICATOR = "sii_life_expectancy"
NO_INTERVALS = (
    "The store's copy of this series has no confidence intervals or counts, so whether a change is "
    "real or chance cannot be tested here; OHID publishes intervals with the original on Fingertips."
)


@per_store
def life_expectancy_sii(store: Store) -> pd.DataFrame:
    """SII in life expectancy (years) for Leeds and England by sex and period, oldest first."""
    v = store.values
    wanted = (v["indicator_id"] == SII_INDICATOR) & v["area_code"].isin([LEEDS, ENGLAND]) & (v["role"] == "value")
    rows = as_text(v[wanted])
    table = rows.pivot_table(index=["period", "breakdown"], columns="area_code", values="value").reset_index()
    table = table.rename(columns={LEEDS: "Leeds", ENGLAND: "England", "breakdown": "sex"})
    order = rows.drop_duplicates("period").set_index("period")["period_end"]
    table["_end"] = table["period"].map(order)
    table = table.sort_values(["sex", "_end"]).drop(columns="_end").reset_index(drop=True)
    table.columns.name = None
    return table[["period", "sex", "Leeds", "England"]]


def life_expectancy_sii_answer(table: pd.DataFrame) -> Answer:
    """Did the gap in life expectancy between Leeds' most and least deprived narrow? Said by sex, untested."""
    parts = []
    widened = []
    for sex, rows in table.groupby("sex", sort=True):
        first, last = rows.iloc[0], rows.iloc[-1]
        change = last["Leeds"] - first["Leeds"]
        widened.append(change > 0)
        parts.append(
            f"{sex}: {first['Leeds']:.1f} years in {first['period']}, {last['Leeds']:.1f} in {last['period']} "
            f"(England {first['England']:.1f} to {last['England']:.1f}); Leeds' gap stays "
            f"{last['Leeds'] - last['England']:.1f} years wider than England's."
        )
    if all(widened):
        headline = "No: the life expectancy gap between Leeds' most and least deprived has not narrowed."
    elif not any(widened):
        headline = "The life expectancy gap in Leeds is smaller than at the start of the series, for both sexes."
    else:
        headline = "The life expectancy gap in Leeds moved in different directions for men and women."
    title = "Leeds' life expectancy gap is wider than England's" + (" and has not narrowed" if all(widened) else "")
    return Answer(headline, " ".join(parts) + " " + NO_INTERVALS, tested=False, title=title)


@per_store
def report_gap(store: Store) -> pd.DataFrame:
    """The report's reception obesity figures: most deprived areas against all of Leeds, baseline and latest."""
    v = store.values
    rows = as_text(v[(v["indicator_id"] == "reception_obesity") & (v["source_id"] == REPORT_SOURCE)])
    table = rows.pivot_table(index="role", columns="breakdown", values="value")
    table = table.rename(columns={"All": "All of Leeds"}).reindex(["baseline", "value"]).reset_index()
    table.columns.name = None
    table["gap"] = table["Most deprived areas of Leeds"] - table["All of Leeds"]
    table["role"] = table["role"].map({"baseline": "Earlier figure", "value": "Reported Dec 2019"})
    return table.rename(columns={"role": "when"})


def report_gap_answer(table: pd.DataFrame) -> Answer:
    """The report's figures say the gap narrowed; they carry no counts, years or intervals to test that."""
    before, after = table.iloc[0], table.iloc[-1]
    fall_most = before["Most deprived areas of Leeds"] - after["Most deprived areas of Leeds"]
    fall_all = before["All of Leeds"] - after["All of Leeds"]
    return Answer(
        f"On the report's figures, yes: the gap narrowed from {before['gap']:.1f} to {after['gap']:.1f} points.",
        f"Reception-age obesity fell by {fall_most:.1f} points in the most deprived areas and by {fall_all:.1f} "
        "across Leeds. The report gives no counts, no years and no definition of the most deprived areas, so no "
        "test of significance is possible and the fall cannot be set against the official series.",
        tested=False,
        title=f"The report's figures: the gap narrowed from {before['gap']:.1f} to {after['gap']:.1f} points",
    )


@per_store
def england_quintiles(store: Store, *, indicator_id: str = "reception_obesity") -> tuple[pd.DataFrame, str, str]:
    """England's values by national deprivation quintile (latest period), its period and source."""
    v = store.values
    rows = as_text(v[(v["indicator_id"] == indicator_id) & (v["breakdown_type"] == "deprivation_quintile_england")])
    latest = rows.sort_values("period_order")["period"].iloc[-1]
    source = rows["source_id"].iloc[0]
    series = {
        "indicator_id": indicator_id,
        "source_id": source,
        "area_code": ENGLAND,
        "breakdown_type": "deprivation_quintile_england",
    }
    return group_levels(store, series=series, period=latest), latest, source


def england_quintiles_answer(levels: pd.DataFrame, *, period: str) -> Answer:
    """The England gradient in one pooled period: a level, not a change."""
    g = gap(levels, value_type="percentage")
    if g is None:
        return Answer("No England split by deprivation is available.", "", tested=False)
    direction = "higher" if g.sii < 0 else "lower"
    return Answer(
        f"In England, {g.most:.1f}% of reception children in the most deprived fifth of areas are obese, "
        f"against {g.least:.1f}% in the least deprived: {g.relative:.1f} times as many.",
        f"Gap {g.absolute:.1f} points; on the slope index of inequality, obesity is {abs(g.sii):.1f} points "
        f"{direction} at the most deprived end than at the least ({g.sii_weights}). "
        f"{period} is one pooled period, so it shows the size of the gap, not whether it is closing. " + NO_INTERVALS,
        tested=False,
        title=f"England: reception obesity {g.relative:.1f} times as common in the most deprived fifth",
    )
