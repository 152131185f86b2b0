"""Inequalities explorer: pick deprived areas, see who lives there, and see the gap and whether it is closing."""

import pandas as pd
import streamlit as st

from indicators.analysis.areas import FILTER_KINDS, MOST_DEPRIVED_LABELS, REPORT_GROUPS, AreaSelection, SelectionError
from indicators.core.text import md_escape
from indicators.present.explorer import ExplorerView, highlighted_groups, read_view, view_params
from ui import cached, explorer_life, explorer_state, small_area_views
from ui import state as url
from ui.components import data_and_downloads, show_chart
from ui.data import get_store, store_key

store = get_store()
version = store_key()
context = cached.explorer(version)
series = context.series

st.title("Inequalities explorer")
st.caption(
    "The Plan wants the people who are poorest to improve their health the fastest. Choose deprived areas of "
    "Leeds, see who lives there, and see the gap between the most and least deprived and whether it is closing."
)

try:
    view = read_view(
        url.params(), store=store, series=series, msoa_codes=context.msoa_labels.keys(), lsoa_codes=context.lsoa_labels
    )
except SelectionError as exc:
    st.error(f"{md_escape(exc)} The explorer cannot show that view.")
    if st.button("Start again with all of Leeds", type="primary"):
        url.clear_params()
        st.rerun()
    st.stop()


def _chart_with_data(shown, table, *, name: str, key: str, level: int | None = 3) -> None:
    """A chart with its texts around it, then its data and downloads, as every chart in the dashboard has."""
    show_chart(shown, key=f"chart-{key}", table=lambda: table, level=level, file_stem=name)


# 1. Areas ----------------------------------------------------------------------------------------
st.header("Choose areas")
kinds = list(FILTER_KINDS)
kind = st.radio(
    "Filter Leeds' neighbourhoods by",
    kinds,
    index=explorer_state.unless_set(explorer_state.KIND_KEY, kinds.index(view.selection.kind)),
    format_func=FILTER_KINDS.get,
    horizontal=True,
    key="filter_kind",
)
choices = {
    "all": ([], str),
    "decile": ([str(d) for d in range(1, 11)], lambda d: f"Decile {d}" + (" (most deprived)" if d == "1" else "")),
    "quintile": ([str(q) for q in range(1, 6)], lambda q: f"Quintile {q}" + (" (most deprived)" if q == "1" else "")),
    "most_deprived": (list(MOST_DEPRIVED_LABELS), MOST_DEPRIVED_LABELS.get),
    "msoa": (list(context.msoa_labels), context.msoa_labels.get),
    "lsoa": (list(context.lsoa_labels), context.lsoa_labels.get),
}
options, label = choices[kind]
chosen: list[str] = []
if options:
    default = list(view.selection.values) if kind == view.selection.kind else options[:1]
    key = explorer_state.groups_key(kind)
    default = explorer_state.unless_set(key, default)
    chosen = st.multiselect("Which", options, default=default, format_func=label, key=key)
selection = AreaSelection(kind=kind, values=tuple(chosen))
areas = cached.explorer_areas(version, selection.kind, selection.values)
summary = areas.summary

c1, c2, c3, c4 = st.columns(4)
c1.metric("Neighbourhoods (LSOAs)", f"{summary.lsoas:,}")
c2.metric(
    "MSOAs touched",
    f"{summary.msoas:,}",
    help="MSOAs with at least one selected LSOA. Life expectancy, which ONS gives for MSOAs, counts an MSOA as "
    "selected only when at least half of its residents live in the selected LSOAs.",
)
c3.metric("Residents (mid-2015)", f"{summary.population:,}")
c4.metric("Share of Leeds", f"{summary.share_of_leeds:.1%}")
most = context.most_deprived
st.caption(
    "Deciles are national (IoD 2019, 1 = England's most deprived tenth). Leeds quintiles split Leeds' residents "
    f"into five groups of about equal population, LSOAs ranked by IMD rank. {most.lsoas} LSOAs "
    f"({most.population:,} of {context.population:,} residents, mid-2015) are in England's "
    "most deprived tenth."
)
# The views of the selection, one at a time: only the open one is run and drawn, so the page's first chart
# does not wait for maps and charts nobody has asked for. The view is part of the link.
explorer_state.seed_tab(url.params())
tabs = dict(
    zip(
        explorer_state.TABS,
        st.tabs(list(explorer_state.TABS.values()), key=explorer_state.TAB_KEY, on_change="rerun"),
        strict=True,
    )
)
shown_tab = next(name for name, tab in tabs.items() if tab.open)
# A closed view keeps its choices in the link as they were, for when it is opened again.
extra = explorer_state.kept_params(url.params())

with tabs["people"]:
    if tabs["people"].open:
        if areas.figure is not None:
            profile = cached.explorer_profile(version, selection.kind, selection.values)
            _chart_with_data(profile, areas.profile, name="domain_profile", key="profile")
            data_and_downloads(
                lambda: areas.listed, key="lsoas", file_stem="selected_lsoas", label="The LSOAs selected"
            )
        # Tables are built only when opened, so the browser draws the first chart before loading the table code.
        data_and_downloads(
            lambda: pd.DataFrame(list(REPORT_GROUPS)),
            key="report-groups",
            file_stem="report_groups",
            label="The report's own groups, and what they mean here",
        )
with tabs["map"]:
    if tabs["map"].open:
        extra |= explorer_life.render_map(version, selection)
with tabs["life"]:
    if tabs["life"].open:
        extra |= explorer_life.render_life(version, selection)
with tabs["imported"]:
    if tabs["imported"].open:
        extra |= small_area_views.render_selection(version, selection)

with tabs["closing"]:
    if tabs["closing"].open:
        st.caption(
            "Are the poorest improving fastest? Three series answer it for Leeds: the slope index of inequality in "
            "life expectancy, the report's own reception obesity gap, and England's reception obesity by quintile."
        )
        for evidence, shown_evidence, name, key, link in zip(
            context.evidence,
            cached.explorer_evidence(version),
            ("sii_life_expectancy", "report_reception_obesity_gap", "england_reception_obesity_quintiles"),
            ("sii", "report", "england_q"),
            ("[Open the indicator page](./indicator?id=sii_life_expectancy)", "", ""),
            strict=True,
        ):
            st.subheader(evidence.answer.headline)
            st.write(evidence.answer.detail)
            # The headline above says the chart's finding: not set again as a heading.
            _chart_with_data(shown_evidence, evidence.table, name=name, key=key, level=None)
            if link:
                st.markdown(link)


def _every_indicator() -> dict | None:
    """Every series with a deprivation breakdown, one chosen and shown in full; returns the one chosen."""
    st.caption("Every series held with a deprivation breakdown: choose one to see its groups and its gap over time.")
    data_and_downloads(
        lambda: context.summary,
        key="summary",
        file_stem="deprivation_series_latest_gaps",
        label="Every series by deprivation, with its latest gap (table)",
    )
    if view.series is None:
        st.info("No indicator has a deprivation breakdown yet. Import one on the page 'Import your data'.")
        return None
    labels = context.labels
    current = next(i for i, r in enumerate(context.records) if r == view.series)
    index = st.selectbox(
        "Indicator and split", range(len(labels)), index=current, format_func=labels.__getitem__, key="series"
    )
    chosen_series = context.records[index]

    series_key = tuple(chosen_series[c] for c in ("indicator_id", "source_id", "area_code", "breakdown_type"))
    shown = cached.explorer_series(version, series_key)
    highlight = highlighted_groups(selection, shown.levels, groups=int(chosen_series["groups"]))
    g = shown.gap
    _chart_with_data(
        cached.explorer_levels(version, series_key, tuple(sorted(highlight))),
        shown.levels_table,
        name=f"{chosen_series['indicator_id']}_by_deprivation",
        key="levels",
    )
    if g:
        m1, m2, m3, m4 = st.columns(4)
        m1.metric("Absolute gap (most - least)", f"{g.absolute:+.1f}")
        m2.metric("Relative gap (most / least)", f"{g.relative:.2f}")
        m3.metric(
            "Slope index of inequality",
            "n/a" if g.sii is None else f"{g.sii:+.1f}",
            help="Least minus most deprived end of the population-weighted line through all groups, in the "
            "indicator's unit: negative when the most deprived have the higher value.",
        )
        m4.metric(
            "Relative index of inequality",
            "n/a" if g.rii is None else f"{g.rii:.2f}",
            help="Least-deprived end of the fitted line divided by the most-deprived end (1 = no gradient).",
        )
        st.caption(
            f"{g.significance} "
            + (
                f"SII and RII: population-weighted regression on each group's mid-point rank, most deprived at 0 "
                f"({g.sii_weights}); RII is the fitted least-deprived value over the most-deprived one."
                if g.sii is not None
                else "SII and RII need five or more groups, all shown."
            )
        )
    if shown.answer is not None:
        st.subheader(shown.answer.headline)
        st.write(shown.answer.detail)
        _chart_with_data(
            cached.explorer_over(version, series_key),
            shown.over,
            name=f"{chosen_series['indicator_id']}_gap_over_time",
            key="over",
            level=None,
        )
    else:
        st.info(
            f"{chosen_series['latest_period']} is the only period of this series, so it shows the size of the gap, "
            "not whether it is closing."
        )
    st.markdown(f"[Open the indicator page](./indicator?id={chosen_series['indicator_id']})")
    return chosen_series


chosen_series = view.series
with tabs["every"]:
    if tabs["every"].open:
        chosen_series = _every_indicator()
url.set_params({**view_params(ExplorerView(selection, chosen_series)), **extra, **explorer_state.tab_params(shown_tab)})
