"""Judge each indicator against the direction the Plan wants, with the method said in words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from indicators.analysis import trends
from indicators.analysis.trends import Direction, PlanStartChange, TrendTest
from indicators.analysis.two_periods import pair_words, two_period_test
from indicators.store.load import Store
from indicators.store.queries import headline

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
    """A judgement for one series with the figures and method behind it.

    For an official series, `long_term` and `recent` hold the two trend tests and `since_start`
    the change since the Plan's start; the judgement follows the recent trend where it is
    significant, else the long-term one.
    """

    judgement: Judgement
    method: str
    latest_value: float | None = None
    latest_period: str | None = None
    reference_value: float | None = None
    reference_period: str | None = None
    long_term: TrendTest | None = None
    recent: TrendTest | None = None
    since_start: PlanStartChange | None = None

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


def trend_judgement(test: TrendTest | None, polarity: str) -> Judgement:
    """A trend test's finding as a judgement against the Plan's direction."""
    if test is None or test.direction is Direction.NOT_TESTED:
        return Judgement.NOT_ENOUGH_DATA
    if test.direction is Direction.NO_SIGNIFICANT_CHANGE:
        return Judgement.NO_CLEAR_CHANGE
    if polarity == "no_judgement":
        return Judgement.NOT_JUDGED
    return _direction(1.0 if test.direction is Direction.INCREASING else -1.0, polarity)


def _headline_trend(long_term: TrendTest, recent: TrendTest, polarity: str) -> Judgement:
    """The recent trend where it is significant, else the long-term one; not tested only if neither was."""
    recent_judged, long_judged = trend_judgement(recent, polarity), trend_judgement(long_term, polarity)
    if recent_judged in (Judgement.IMPROVING, Judgement.WORSENING):
        return recent_judged
    if long_judged in (Judgement.IMPROVING, Judgement.WORSENING, Judgement.NOT_JUDGED):
        return long_judged
    if Judgement.NO_CLEAR_CHANGE in (recent_judged, long_judged):
        return Judgement.NO_CLEAR_CHANGE
    return Judgement.NOT_ENOUGH_DATA


def assess_series(series: pd.DataFrame, *, polarity: str, source_id: str | None = None) -> Assessment:
    """Judge one series (one area, one breakdown), earliest row first.

    Two figures (a baseline and a value, as the report gives them) are judged by
    direction only, since no counts or intervals exist for a test. Three or more
    dated points get a long-term and a recent trend test on periods that do not
    overlap (indicators.trends); the judgement follows the recent trend where it is
    significant, else the long-term one.
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
        tested = two_period_test(points) if len(points) == 2 else None
        if tested is not None:
            # Both periods' counts are held: the change is tested, not just read off (analysis.two_periods).
            method = f"{tested.method}: {tested.meaning(polarity)} (p = {tested.p_value:.3f})"
            if polarity == "no_judgement":
                method = "The Plan sets no direction for this figure. " + method
                return Assessment(Judgement.NOT_JUDGED, method, **latest, **reference)
            return Assessment(trend_judgement(tested, polarity), method, **latest, **reference)
        method = f"{PAIR_METHOD}, {pair_words(points)}"
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
    long_term, recent = trends.long_term(points), trends.recent(points)
    since = trends.since_plan_start(points, source_id) if source_id else None
    if since is not None:
        reference = {"reference_value": since.start_value, "reference_period": since.start_period}
    else:
        first = points.iloc[0]
        reference = {"reference_value": float(first["value"]), "reference_period": first["period"]}
    method = f"{_test_words('Long-term', long_term, polarity)}. {_test_words('Recent', recent, polarity)}"
    tests = {"long_term": long_term, "recent": recent, "since_start": since}
    if polarity == "no_judgement":
        return Assessment(
            Judgement.NOT_JUDGED,
            "The Plan sets no direction for this figure. " + method,
            **latest,
            **reference,
            **tests,
        )
    return Assessment(_headline_trend(long_term, recent, polarity), method, **latest, **reference, **tests)


def _test_words(label: str, test: TrendTest, polarity: str) -> str:
    """'Recent (2020 to 2024): no significant change; least-squares ...' or 'Recent: not tested: ...'."""
    if test.direction is Direction.NOT_TESTED:
        return f"{label}: {_lower(test.method)}"
    return f"{label} ({test.period_text}): {test.meaning(polarity)}; {_lower(test.method)}"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def combine(judgements: list[Judgement]) -> Judgement:
    """One judgement for an indicator judged per group (for example by sex)."""
    unique = set(judgements)
    if not unique:
        return Judgement.NOT_ENOUGH_DATA
    if len(unique) == 1:
        return unique.pop()
    return Judgement.MIXED


def assess_indicator(store: Store, indicator_id: str, *, source_id: str | None = None) -> dict[str, Assessment]:
    """Judge an indicator's Leeds series from one source (its primary source unless named), one per breakdown."""
    meta = store.indicators.set_index("indicator_id").loc[indicator_id]
    source_id = source_id or meta["primary_source_id"]
    rows = headline(store, indicator_id, source_id=source_id)
    if rows.empty:
        return {}
    return {
        breakdown: assess_series(group, polarity=meta["polarity"], source_id=source_id)
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
