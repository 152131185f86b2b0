"""The explorer's state and tables, kept pure so the page only reads widgets and renders.

A view is the area selection plus the deprivation series shown; both live in the URL:
?filter=decile&groups=1,2&indicator=reception_obesity&area=E92000001&split=deprivation_quintile_england
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from indicators.analysis.areas import (
    AreaSelection,
    SelectionError,
    SelectionSummary,
    domain_profile,
    leeds_msoas,
    lsoa_table,
    parse_selection,
    select_lsoas,
    selection_params,
    summarise_selection,
)
from indicators.analysis.inequality import (
    Answer,
    Gap,
    deprivation_series,
    gap,
    gap_over_time,
    group_levels,
    poorest_improving,
)
from indicators.analysis.inequality_context import (
    england_quintiles,
    england_quintiles_answer,
    life_expectancy_sii,
    life_expectancy_sii_answer,
    report_gap,
    report_gap_answer,
)
from indicators.charts import explorer_figures as figs
from indicators.core.codes import REPORT_SOURCE
from indicators.stats.disclosure import SUPPRESSED
from indicators.store.load import Store


@dataclass(frozen=True)
class ExplorerView:
    """What the explorer shows: an area selection and, optionally, one deprivation series."""

    selection: AreaSelection
    series: dict | None


def _param(params: dict, name: str) -> str:
    value = params.get(name, "")
    value = value[-1] if isinstance(value, list) else value
    return str(value).strip()


def read_view(
    params: dict, *, store: Store, series: pd.DataFrame, msoa_codes: set[str], lsoa_codes: set[str] = frozenset()
) -> ExplorerView:
    """Read a view from query parameters; raise SelectionError naming anything the store does not have."""
    selection = parse_selection(params, msoa_codes=msoa_codes, lsoa_codes=lsoa_codes)
    indicator = _param(params, "indicator")
    if not indicator:
        return ExplorerView(selection, series.iloc[0].to_dict() if len(series) else None)
    rows = series[series["indicator_id"] == indicator]
    if rows.empty:
        known = set(store.indicators["indicator_id"])
        why = "has no deprivation breakdown" if indicator in known else "is not in the catalogue"
        raise SelectionError(f"The link asks for indicator '{indicator}', which {why}.")
    for name, column in (("area", "area_code"), ("split", "breakdown_type"), ("source", "source_id")):
        wanted = _param(params, name)
        if wanted:
            narrowed = rows[rows[column] == wanted]
            if narrowed.empty:
                raise SelectionError(
                    f"The link asks for {name} '{wanted}', which indicator '{indicator}' does not "
                    "have split by deprivation."
                )
            rows = narrowed
    return ExplorerView(selection, rows.iloc[0].to_dict())


def view_params(view: ExplorerView) -> dict[str, str]:
    """Query parameters that reproduce a view."""
    params = selection_params(view.selection)
    if view.series:
        params |= {
            "indicator": view.series["indicator_id"],
            "area": view.series["area_code"],
            "split": view.series["breakdown_type"],
            "source": view.series["source_id"],
        }
    return params


def series_label(row: dict) -> str:
    """'Obesity in reception-age children: England by deprivation quintile (NCMP reception)'."""
    kind = {10: "decile", 5: "quintile", 2: "10% most deprived vs rest"}.get(int(row["groups"]), "group")
    by = kind if int(row["groups"]) == 2 else f"deprivation {kind}"
    return f"{row['title']}: {row['area']} by {by} ({row['source']})"


def highlighted_groups(selection: AreaSelection, levels: pd.DataFrame, *, groups: int) -> set[str]:
    """Group names of a series that match the selected deciles, quintiles or most-deprived group."""
    if not selection.values:
        return set()
    if (selection.kind, groups) in (("decile", 10), ("quintile", 5)):
        wanted = {int(v) for v in selection.values}
        return set(levels.loc[levels["ordinal"].isin(wanted), "breakdown"])
    if selection.kind == "most_deprived" and "most" in selection.values and groups in (2, 10):
        return set(levels.loc[levels["ordinal"] == 1, "breakdown"])
    return set()


def levels_for_display(levels: pd.DataFrame) -> pd.DataFrame:
    """The levels table as text: 'suppressed' in place of hidden numbers, blanks where nothing is published."""

    def fmt(value: float, hidden: bool, digits: int) -> str:
        if hidden:
            return SUPPRESSED
        return "" if pd.isna(value) else f"{value:,.{digits}f}"

    out = pd.DataFrame({"Group": levels["breakdown"]})
    for column, label, digits in (
        ("value", "Value", 1),
        ("lower_95", "Lower 95%", 1),
        ("upper_95", "Upper 95%", 1),
        ("numerator", "Count", 0),
        ("denominator", "Denominator", 0),
    ):
        out[label] = [fmt(v, h, digits) for v, h in zip(levels[column], levels["suppressed"], strict=True)]
    return out


def summary_table(store: Store, series: pd.DataFrame, *, value_types: dict[str, str]) -> pd.DataFrame:
    """Every deprivation series with its latest gap: one row each, for the overview table."""
    rows = []
    for row in series.to_dict("records"):
        levels = group_levels(store, series=row, period=row["latest_period"])
        g = gap(levels, value_type=value_types.get(row["indicator_id"], "to_be_confirmed"))
        rows.append(
            {
                "Indicator": row["title"],
                "Area": row["area"],
                "Groups": int(row["groups"]),
                "Latest period": row["latest_period"],
                "Most deprived": "" if g is None else f"{g.most:.1f}",
                "Least deprived": "" if g is None else f"{g.least:.1f}",
                "Gap": "" if g is None else f"{g.absolute:+.1f}",
                "SII (least minus most deprived)": "" if g is None or g.sii is None else f"{g.sii:+.1f}",
                "Source": row["source"],
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Evidence:
    """One piece of published evidence: its answer, its chart and the chart's data."""

    answer: Answer
    figure: go.Figure
    table: pd.DataFrame


@dataclass(frozen=True)
class ExplorerContext:
    """Everything the explorer shows whatever the selection, built once per store (read-only)."""

    lsoas: pd.DataFrame
    msoas: pd.DataFrame
    msoa_labels: dict[str, str]
    lsoa_labels: dict[str, str]
    series: pd.DataFrame
    records: tuple[dict, ...]
    labels: tuple[str, ...]
    most_deprived: SelectionSummary
    population: int
    evidence: tuple[Evidence, ...]
    summary: pd.DataFrame


def lsoa_labels(lsoas: pd.DataFrame) -> dict[str, str]:
    """Each Leeds LSOA's code and how a reader knows it, 'Leeds 048A (Harehills North)', in name order."""
    ordered = lsoas.sort_values(["lsoa_name", "lsoa_code"])
    return {
        code: f"{name} ({msoa})"
        for code, name, msoa in zip(ordered["lsoa_code"], ordered["lsoa_name"], ordered["msoa_name"], strict=True)
    }


def _source_text(store: Store, source_id: str, *fields: str) -> str:
    src = store.sources.set_index("source_id").loc[source_id]
    return "Source: " + ". ".join(str(src[f]) for f in fields) + "."


def explorer_context(store: Store) -> ExplorerContext:
    """The areas, the deprivation series, the three pieces of published evidence and the summary table."""
    lsoas = lsoa_table(store)
    msoas = leeds_msoas(store)
    series = deprivation_series(store)
    records = tuple(series.to_dict("records"))
    sii = life_expectancy_sii(store)
    sii_answer = life_expectancy_sii_answer(sii)
    sii_source = _source_text(store, "ohid_sii_life_expectancy", "title", "publisher")
    gap_table = report_gap(store)
    report = store.sources.set_index("source_id").loc[REPORT_SOURCE]
    levels, period, source_id = england_quintiles(store)
    england_answer = england_quintiles_answer(levels, period=period)
    england_figure = figs.levels_figure(
        levels,
        title=england_answer.title,
        subtitle=f"Reception-age obesity (%), England by national deprivation quintile, {period}",
        source=_source_text(store, source_id, "title"),
        unit="%",
    )
    value_types = store.indicators.set_index("indicator_id")["value_type"].to_dict()
    return ExplorerContext(
        lsoas=lsoas,
        msoas=msoas,
        msoa_labels=dict(zip(msoas["msoa_code"], msoas["msoa_name"], strict=True)),
        lsoa_labels=lsoa_labels(lsoas),
        series=series,
        records=records,
        labels=tuple(series_label(r) for r in records),
        most_deprived=summarise_selection(lsoas, select_lsoas(lsoas, AreaSelection("most_deprived", ("most",)))),
        population=int(lsoas["population_total"].sum()),
        evidence=(
            Evidence(sii_answer, figs.sii_life_expectancy_figure(sii, title=sii_answer.title, source=sii_source), sii),
            Evidence(
                report_gap_answer(gap_table),
                figs.report_gap_figure(gap_table, source=f"Source: {report['title']}, {report['published']}."),
                gap_table.round(1),
            ),
            Evidence(england_answer, england_figure, levels_for_display(levels)),
        ),
        summary=summary_table(store, series, value_types=value_types),
    )


@dataclass(frozen=True)
class AreaView:
    """A selection of LSOAs: how much of Leeds it covers, its deprivation profile and the LSOAs listed."""

    summary: SelectionSummary
    figure: go.Figure | None
    profile: pd.DataFrame | None
    listed: pd.DataFrame


PROFILE_COLUMNS = {
    "domain": "Domain",
    "selection_share": "Selection: % in England's worst 10%",
    "leeds_share": "Leeds: % in England's worst 10%",
    "selection_median_decile": "Selection: median decile",
}
LISTED_COLUMNS = {
    "lsoa_code": "LSOA",
    "lsoa_name": "Name",
    "msoa_name": "MSOA (House of Commons Library name)",
    "imd_decile": "National decile",
    "leeds_quintile": "Leeds quintile",
    "health_decile": "Health deprivation decile",
    "population_total": "Residents (mid-2015)",
}


def area_view(lsoas: pd.DataFrame, selection: AreaSelection) -> AreaView:
    """The summary, domain profile chart and table, and list of LSOAs for one selection."""
    picked = select_lsoas(lsoas, selection)
    summary = summarise_selection(lsoas, picked)
    listed = picked[list(LISTED_COLUMNS)].rename(columns=LISTED_COLUMNS)
    if not summary.lsoas:
        return AreaView(summary, None, None, listed)
    profile = domain_profile(lsoas, picked)
    table = profile.assign(
        selection_share=(profile["selection_share"] * 100).round(1),
        leeds_share=(profile["leeds_share"] * 100).round(1),
    ).rename(columns=PROFILE_COLUMNS)
    return AreaView(summary, figs.domain_profile_figure(profile, selection_label=selection.label), table, listed)


@dataclass(frozen=True)
class SeriesView:
    """One deprivation series: its latest levels and gap, and the gap over time with its answer."""

    row: dict
    title: str
    subtitle: str
    unit: str
    source: str
    levels: pd.DataFrame
    levels_table: pd.DataFrame
    gap: Gap | None
    over: pd.DataFrame
    answer: Answer | None
    over_figure: go.Figure | None


def series_view(store: Store, row: dict) -> SeriesView:
    """Everything shown for one series except the levels chart, which depends on the selection."""
    meta = store.indicators.set_index("indicator_id").loc[row["indicator_id"]]
    unit = meta["unit"]
    latest = row["latest_period"]
    levels = group_levels(store, series=row, period=latest)
    g = gap(levels, value_type=meta["value_type"])
    src = store.sources.set_index("source_id").loc[row["source_id"]]
    source = f"Source: {src['title']}. {src['publisher']}, {src['published']}."
    title = (
        f"Most deprived {g.most:.1f}, least deprived {g.least:.1f}: a gap of {abs(g.absolute):.1f}"
        if g
        else "The most or least deprived group is not shown for this period"
    )
    over = gap_over_time(store, series=row, value_type=meta["value_type"])
    answer = over_figure = None
    if len(over) > 1:
        answer = poorest_improving(store, series=row, value_type=meta["value_type"], polarity=meta["polarity"])
        over_figure = figs.gap_over_time_figure(
            over,
            title=answer.title,
            subtitle=f"{meta['title']} ({unit}), {row['area']}: most and least deprived groups",
            source=source,
            unit=unit,
        )
    return SeriesView(
        row=row,
        title=title,
        subtitle=f"{meta['title']} ({unit}), {row['area']}, {latest}",
        unit=unit,
        source=source,
        levels=levels,
        levels_table=levels_for_display(levels),
        gap=g,
        over=over.round(2),
        answer=answer,
        over_figure=over_figure,
    )


def levels_chart(view: SeriesView, *, highlight: frozenset[str]) -> go.Figure:
    """The latest levels of a series, with the groups in the selection starred."""
    return figs.levels_figure(
        view.levels,
        title=view.title,
        subtitle=view.subtitle,
        source=view.source,
        unit=view.unit,
        highlight=set(highlight),
    )


__all__ = ["ExplorerView", "SelectionError", "read_view", "view_params"]
