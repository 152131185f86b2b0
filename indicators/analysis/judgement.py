"""Judge each indicator against the direction the Plan wants, with the method said in words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from indicators.store.load import Store
from indicators.store.queries import headline

TREND_POINTS = 5
TREND_CONFIDENCE = 0.95
PAIR_METHOD = "Two figures as reported"


class Judgement(StrEnum):
    """How an indicator is moving relative to the direction the Plan wants."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    NO_CLEAR_CHANGE = "no clear change"
    NOT_ENOUGH_DATA = "not enough data"
    NOT_JUDGED = "no direction set"
    MIXED = "mixed"
    CUMULATIVE = "cumulative: not a trend"


# Icon and colour for each judgement: never colour alone, always the words and a shape too.
# Blue and orange stay distinguishable with the common colour-vision deficiencies.
JUDGEMENT_STYLE = {
    Judgement.IMPROVING: ("✔", "#005EB8"),
    Judgement.WORSENING: ("✖", "#ED8B00"),
    Judgement.NO_CLEAR_CHANGE: ("➜", "#425563"),
    Judgement.NOT_ENOUGH_DATA: ("?", "#768692"),
    Judgement.NOT_JUDGED: ("•", "#768692"),
    Judgement.MIXED: ("±", "#425563"),
    Judgement.CUMULATIVE: ("Σ", "#768692"),
}


@dataclass(frozen=True)
class Assessment:
    """A judgement for one series with the figures and method behind it."""

    judgement: Judgement
    method: str
    latest_value: float | None = None
    latest_period: str | None = None
    reference_value: float | None = None
    reference_period: str | None = None

    @property
    def change(self) -> float | None:
        """Latest minus reference value, where both exist."""
        if self.latest_value is None or self.reference_value is None:
            return None
        return self.latest_value - self.reference_value


def _direction(change: float, polarity: str) -> Judgement:
    if change == 0:
        return Judgement.NO_CLEAR_CHANGE
    better = change < 0 if polarity == "lower_is_better" else change > 0
    return Judgement.IMPROVING if better else Judgement.WORSENING


CUMULATIVE_METHOD = (
    "Cumulative figures: each period adds to the ones before it, so the series rises by construction "
    "and is not judged as a trend"
)


def is_cumulative(series: pd.DataFrame) -> bool:
    """Whether every period of a series starts on the same day and they end later and later (added-up quarters)."""
    if "period_start" not in series or len(series) < 2 or series["period_start"].isna().any():
        return False
    return series["period_start"].nunique() == 1 and series["period_end"].nunique() == len(series)


def assess_series(series: pd.DataFrame, *, polarity: str) -> Assessment:
    """Judge one series (one area, one breakdown), earliest row first.

    Two figures (a baseline and a value, as the report gives them) are judged by
    direction only, since no counts or intervals exist for a test. Three or more
    dated points are judged by a straight-line fit over the last five: only a
    slope distinguishable from the year-to-year scatter (95%) counts as a change.
    """
    points = series[series["value"].notna()]
    if points.empty:
        status = series["status_text"].dropna()
        method = f"Reported status only: {status.iloc[0]}" if not status.empty else "No figure published"
        return Assessment(Judgement.NOT_ENOUGH_DATA, method)
    last = points.iloc[-1]
    latest = {"latest_value": float(last["value"]), "latest_period": last["period"]}
    if len(points) == 1:
        return Assessment(Judgement.NOT_ENOUGH_DATA, "A single figure: nothing to compare it with", **latest)
    if len(points) == 2 or points["period_end"].isna().any():
        first = points.iloc[-2]
        reference = {"reference_value": float(first["value"]), "reference_period": first["period"]}
        method = PAIR_METHOD + ", without counts or intervals, so direction only and no significance test"
        if polarity == "no_judgement":
            return Assessment(Judgement.NOT_JUDGED, "The Plan sets no direction for this figure", **latest, **reference)
        return Assessment(
            _direction(float(last["value"]) - float(first["value"]), polarity), method, **latest, **reference
        )
    if is_cumulative(points):
        first = points.iloc[0]
        return Assessment(
            Judgement.CUMULATIVE,
            CUMULATIVE_METHOD,
            **latest,
            reference_value=float(first["value"]),
            reference_period=first["period"],
        )
    window = points.tail(TREND_POINTS)
    first = window.iloc[0]
    reference = {"reference_value": float(first["value"]), "reference_period": first["period"]}
    if polarity == "no_judgement":
        return Assessment(Judgement.NOT_JUDGED, "The Plan sets no direction for this figure", **latest, **reference)
    # Time in years from each period's end, so a missing year (a period left out) keeps its width.
    years = (window["period_end"] - window["period_end"].iloc[0]).dt.days.to_numpy(dtype=float) / 365.25
    fit = scipy_stats.linregress(years, window["value"].to_numpy(dtype=float))
    overlapping = "period_start" in window and bool(
        (window["period_start"].iloc[1:].to_numpy() <= window["period_end"].iloc[:-1].to_numpy()).any()
    )
    method = (
        f"Straight-line trend over the last {len(window)} periods ({first['period']} to {last['period']}); "
        "a change counts only if it stands out from the year-to-year scatter (95%)"
        + ("; the periods overlap (pooled years), so the test is approximate" if overlapping else "")
    )
    if len(window) < 3 or not np.isfinite(fit.pvalue) or fit.pvalue >= 1 - TREND_CONFIDENCE:
        return Assessment(Judgement.NO_CLEAR_CHANGE, method, **latest, **reference)
    return Assessment(_direction(fit.slope, polarity), method, **latest, **reference)


def combine(judgements: list[Judgement]) -> Judgement:
    """One judgement for an indicator judged per group (for example by sex)."""
    unique = set(judgements)
    if not unique:
        return Judgement.NOT_ENOUGH_DATA
    if len(unique) == 1:
        return unique.pop()
    return Judgement.MIXED


def assess_indicator(store: Store, indicator_id: str) -> dict[str, Assessment]:
    """Judge the primary source's Leeds series of an indicator, one assessment per breakdown."""
    meta = store.indicators.set_index("indicator_id").loc[indicator_id]
    rows = headline(store, indicator_id, source_id=meta["primary_source_id"])
    if rows.empty:
        return {}
    return {
        breakdown: assess_series(group, polarity=meta["polarity"])
        for breakdown, group in rows.groupby("breakdown", sort=True)
    }


def assess_all(store: Store) -> pd.DataFrame:
    """One row per indicator: its combined judgement and each breakdown's assessment."""
    rows = []
    for meta in store.indicators.itertuples(index=False):
        assessments = assess_indicator(store, meta.indicator_id)
        judgement = combine([a.judgement for a in assessments.values()])
        rows.append({"indicator_id": meta.indicator_id, "judgement": judgement, "assessments": assessments})
    return pd.DataFrame(rows)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def plain_summary(judged: pd.DataFrame) -> str:
    """A sentence a board member reads first: how many indicators move the way the Plan wants."""
    counts = judged["judgement"].map(Judgement).value_counts()
    moving = [Judgement.IMPROVING, Judgement.WORSENING, Judgement.NO_CLEAR_CHANGE, Judgement.MIXED]
    judged_total = int(sum(counts.get(j, 0) for j in moving))
    improving = int(counts.get(Judgement.IMPROVING, 0))
    worsening = int(counts.get(Judgement.WORSENING, 0))
    flat = int(counts.get(Judgement.NO_CLEAR_CHANGE, 0))
    mixed = int(counts.get(Judgement.MIXED, 0))
    parts = [
        f"{improving} {'is' if improving == 1 else 'are'} moving the way the Plan wants",
        f"{worsening or 'none'} the wrong way",
        f"{flat} {'shows' if flat == 1 else 'show'} no clear change",
    ]
    if mixed:
        parts.append(f"{mixed} {'differs' if mixed == 1 else 'differ'} between groups")
    rest = int(
        counts.get(Judgement.NOT_ENOUGH_DATA, 0)
        + counts.get(Judgement.NOT_JUDGED, 0)
        + counts.get(Judgement.CUMULATIVE, 0)
    )
    pairs = 0
    if "assessments" in judged:
        pairs = int(
            judged["assessments"]
            .map(lambda a: any(x.method.startswith(PAIR_METHOD) and x.change for x in a.values()))
            .sum()
        )
    caveat = (
        f" {_count(pairs, 'of these rests', 'of these rest')} on a before-and-after pair from the report, "
        "judged on direction only."
        if pairs
        else ""
    )
    return (
        f"Of the {_count(judged_total, 'indicator', 'indicators')} with enough data to judge, "
        + ", ".join(parts[:-1])
        + f" and {parts[-1]}.{caveat} "
        + f"{_count(rest, 'other has', 'others have')} a single figure, no direction set, cumulative figures "
        "or no data yet."
    )
