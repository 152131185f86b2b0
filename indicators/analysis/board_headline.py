"""What the board reads first: where Leeds is worse than England, what is getting worse, what is improving.

Built only from official series (a dataset or an import, never the 2019 report's own figures),
one entry per indicator and group, each with its figure, period and the method behind it.
Pure functions, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators.analysis.judgement import assess_indicator
from indicators.analysis.trends import PlanStartChange, TrendTest
from indicators.analysis.versus_england import EnglandComparison, Versus, latest_versus_england
from indicators.core.formatting import format_value
from indicators.store.load import Store
from indicators.store.queries import headline, per_store

# Published datasets only: an indicator that comes only from an analyst's import is shown apart, labelled,
# and never judged in the headline (its import may be a one-off local file).
OFFICIAL_KINDS = ("dataset",)
GROUP_WORDS = {"Male": "men", "Female": "women", "Persons": "everyone"}
WORSENING_WORDS = ("getting worse",)
IMPROVING_WORDS = ("getting better",)
# A significant change in a series the Plan sets no direction for (recorded depression, say): said as such.
CHANGING_WORDS = ("rising", "falling")
_MOVING = (*WORSENING_WORDS, *IMPROVING_WORDS, *CHANGING_WORDS)


@dataclass(frozen=True)
class SeriesJudgements:
    """One official series (indicator x group) with its three judgements and the change since the Plan began."""

    indicator_id: str
    title: str
    breakdown: str
    source_id: str
    polarity: str
    unit: str
    value_type: str
    latest_value: float | None
    latest_period: str | None
    versus: EnglandComparison
    long_term: TrendTest | None
    recent: TrendTest | None
    since_start: PlanStartChange | None
    # First and last (period, value) of the periods each test used, by span ("long-term", "recent").
    endpoints: dict[str, tuple[tuple[str, float], tuple[str, float]]] = field(default_factory=dict)

    def fmt(self, value: float | None) -> str:
        """A value of this series written out ('22.8%', '78.8 years')."""
        if value is None:
            return "no figure"
        return format_value(value, unit=self.unit, value_type=self.value_type)

    @property
    def who(self) -> str:
        """'men in Leeds', or 'Leeds' when the series is not split."""
        group = GROUP_WORDS.get(self.breakdown)
        return f"{group} in Leeds" if group else "Leeds"

    @property
    def trend_words(self) -> str:
        """The recent trend where significant, else the long-term one: 'getting worse', 'no significant change'."""
        for test in (self.recent, self.long_term):
            if test is not None and test.meaning(self.polarity) in _MOVING:
                return test.meaning(self.polarity)
        return "no significant change"

    @property
    def moving_test(self) -> TrendTest | None:
        """The test behind `trend_words` when it found a change."""
        for test in (self.recent, self.long_term):
            if test is not None and test.meaning(self.polarity) in _MOVING:
                return test
        return None


def _official_sources(store: Store) -> set[str]:
    sources = store.sources
    return set(sources.loc[sources["kind"].isin(OFFICIAL_KINDS), "source_id"])


@per_store
def official_judgements(store: Store) -> tuple[SeriesJudgements, ...]:
    """Every official headline series of Leeds with its comparison with England and both trend tests."""
    official = _official_sources(store)
    found = []
    for meta in store.indicators.itertuples(index=False):
        if meta.primary_source_id not in official:
            continue
        assessments = assess_indicator(store, meta.indicator_id)
        versus = latest_versus_england(store, meta.indicator_id)
        rows = headline(store, meta.indicator_id, source_id=meta.primary_source_id)
        for group, assessment in assessments.items():
            if assessment.latest_value is None:
                continue
            values = rows[(rows["breakdown"] == group) & rows["value"].notna()].set_index("period")["value"]
            found.append(
                SeriesJudgements(
                    indicator_id=meta.indicator_id,
                    title=meta.title,
                    breakdown=group,
                    source_id=meta.primary_source_id,
                    polarity=meta.polarity,
                    unit=meta.unit,
                    value_type=meta.value_type,
                    latest_value=assessment.latest_value,
                    latest_period=assessment.latest_period,
                    versus=versus.get(group, EnglandComparison(Versus.NOT_COMPARED, "No value for England")),
                    long_term=assessment.long_term,
                    recent=assessment.recent,
                    since_start=assessment.since_start,
                    endpoints=_endpoints(values, assessment.long_term, assessment.recent),
                )
            )
    return tuple(found)


def _period(text: str | None) -> str:
    """'2022 - 24' as '2022-24' for a sentence."""
    return (text or "").replace(" - ", "-")


def _lower_title(title: str) -> str:
    return title[:1].lower() + title[1:]


def _by_indicator(series: list[SeriesJudgements]) -> list[list[SeriesJudgements]]:
    """Series grouped by indicator, in catalogue order, so men and women share one clause."""
    order: dict[str, list[SeriesJudgements]] = {}
    for s in series:
        order.setdefault(s.indicator_id, []).append(s)
    return list(order.values())


def _groups_clause(group: list[SeriesJudgements], *, with_england: bool) -> str:
    """'for men (78.8 years against England's 79.5) and women (...)', or '12.8% against England's 10.4%'."""
    parts = []
    for s in group:
        figure = s.fmt(s.latest_value)
        england = s.versus.england_value
        if with_england and england is not None:
            figure += f" against England's {_number_only(s, england)}"
        parts.append(figure if s.who == "Leeds" else f"{GROUP_WORDS[s.breakdown]} ({figure})")
    return " and ".join(parts)


def _number_only(s: SeriesJudgements, value: float) -> str:
    """England's figure without repeating the unit of years ('79.5', not '79.5 years')."""
    return s.fmt(value).removesuffix(" years")


def _worse_sentence(series: list[SeriesJudgements]) -> str:
    parts = []
    for group in _by_indicator(series):
        clauses = []
        for n, g in enumerate(group):
            england = g.versus.england_value
            against = (
                ""
                if england is None
                else f" against {'' if n else 'England' + chr(39) + 's '}{_number_only(g, england)}"
            )
            clauses.append(f"{g.who} {g.fmt(g.latest_value)}{against}")
        parts.append(f"{_lower_title(group[0].title)}, {', '.join(clauses)} ({_period(group[0].latest_period)})")
    return "Worse than England (Fingertips' judgement): " + "; ".join(parts) + "."


def _moving_sentence(label: str, series: list[SeriesJudgements]) -> str:
    parts = []
    for s in series:
        test = s.moving_test
        where = s.who if s.who != "Leeds" else "Leeds"
        rows_from, rows_to = s.endpoints[test.span]
        verb, noun = ("rose", "rise") if rows_to[1] > rows_from[1] else ("fell", "fall")
        span = "over the whole series" if test.span == "long-term" else "over the last five periods"
        england = ""
        if s.versus.compared:
            word = "similar to" if s.versus.versus is Versus.SIMILAR else f"{s.versus.versus.value} than"
            england = f", now {word} England's {s.fmt(s.versus.england_value)}"
        parts.append(
            f"{_lower_title(s.title)} in {where} {verb} from {s.fmt(rows_from[1])} to {s.fmt(rows_to[1])} "
            f"({_period(rows_from[0])} to {_period(rows_to[0])}), a significant {noun} "
            f"{span}{england}"
        )
    return f"{label}: " + "; ".join(parts) + "."


def _endpoints(values: pd.Series, *tests: TrendTest | None) -> dict[str, tuple[tuple[str, float], tuple[str, float]]]:
    """The first and last (period, value) of the periods each test used."""
    return {
        t.span: ((t.first_period, float(values[t.first_period])), (t.last_period, float(values[t.last_period])))
        for t in tests
        if t is not None and t.first_period
    }


def headline_sentences(store: Store) -> list[tuple[str, str]]:
    """The Overview's opening sentences as (kind, text): worse than England, getting worse, improving, the rest."""
    judged = official_judgements(store)
    worse = [s for s in judged if s.versus.versus is Versus.WORSE]
    worsening = [s for s in judged if s.trend_words in WORSENING_WORDS]
    improving = [s for s in judged if s.trend_words in IMPROVING_WORDS]
    changing = [s for s in judged if s.trend_words in CHANGING_WORDS]
    sentences = []
    if worse:
        sentences.append(("worse", _worse_sentence(worse)))
    if worsening:
        sentences.append(("worsening", _moving_sentence("Getting worse", worsening)))
    if improving:
        sentences.append(("improving", _moving_sentence("Improving", improving)))
    if changing:
        sentences.append(("changing", _moving_sentence("Changing, where the Plan sets no direction", changing)))
    if not (worse or worsening or improving):
        sentences.append(("none", "No official series is worse than England or moving significantly either way."))
    steady = [g for g in _by_indicator([s for s in judged if s.moving_test is None])]
    if steady:
        sentences.append(("steady", _steady_sentence(steady)))
    return sentences


def _steady_sentence(groups: list[list[SeriesJudgements]]) -> str:
    parts = []
    for group in groups:
        first = group[0]
        since = [
            f"{GROUP_WORDS.get(g.breakdown, 'Leeds')} {g.fmt(g.since_start.start_value)}"
            for g in group
            if g.since_start is not None
        ]
        was = f" (in {_period(first.since_start.start_period)}: {', '.join(since)})" if since else ""
        parts.append(
            f"{_lower_title(first.title)}, {_groups_clause(group, with_england=False)} in "
            f"{_period(first.latest_period)}{was}"
        )
    pooled = any(
        "pooled periods overlap" in (test.method if test else "") for g in groups for s in g for test in (s.recent,)
    )
    why = " Three-year pooled periods leave too few independent points for a recent trend." if pooled else ""
    return "No significant trend on the published figures: " + "; ".join(parts) + "." + why


def headline_text(store: Store) -> str:
    """The opening sentences as one paragraph, for a slide or a quote."""
    return " ".join(text for _, text in headline_sentences(store))


def judgements_table(store: Store) -> pd.DataFrame:
    """Each official series' latest value and its three judgements with their periods and methods."""
    rows = []
    for s in official_judgements(store):
        since = s.since_start
        rows.append(
            {
                "Indicator": s.title,
                "Group": s.breakdown,
                "Latest": s.fmt(s.latest_value),
                "Period": s.latest_period,
                "Compared with England": s.versus.versus.value.capitalize(),
                "England": s.fmt(s.versus.england_value) if s.versus.england_value is not None else "",
                "How compared": s.versus.method,
                "Long-term trend": s.long_term.meaning(s.polarity) if s.long_term else "not tested",
                "Long-term periods": s.long_term.period_text if s.long_term else "",
                "Recent trend": s.recent.meaning(s.polarity) if s.recent else "not tested",
                "Recent periods": s.recent.period_text if s.recent else "",
                "Since the Plan's start": (
                    f"{s.fmt(since.start_value)} ({since.start_period}) to {s.fmt(since.latest_value)} "
                    f"({since.latest_period})"
                    if since
                    else "no period before December 2019"
                ),
                "Trend methods": f"Long-term: {s.long_term.method if s.long_term else ''}. "
                f"Recent: {s.recent.method if s.recent else ''}",
            }
        )
    return pd.DataFrame(rows)
