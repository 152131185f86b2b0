"""One indicator in depth: its chart against the Plan's goal, comparators, definition, source and data."""

from dataclasses import replace

import streamlit as st

from indicators.charts.beside import beside_figure, beside_table
from indicators.charts.plan import ChartKind
from indicators.charts.report_beside import explanation
from indicators.charts.selection import ChartSelection
from indicators.core.codes import REPORT_SOURCE
from indicators.core.formatting import POLARITY_WORDS, format_value
from indicators.core.text import md_escape
from indicators.imports.provenance import import_caption as import_line
from indicators.store.lookups import (
    element_titles,
    exclusions_of,
    indicator_titles,
    latest_headline,
    named_places,
    pairs_of,
    report_notes,
    short_titles,
    source_record,
)
from indicators.store.queries import indicator_row
from ui import cached
from ui.compare import compare_areas
from ui.components import assessment_caption, data_and_downloads, no_data_note, show_chart
from ui.data import get_store, store_key
from ui.indicator_controls import ordered_sources, settle, show_controls
from ui.state import LinkError, read_indicator_view, write_indicator_view
from ui.tiles import REPORTED, trend_lines, versus_lines

store = get_store()
version = store_key()
titles = indicator_titles(store)
try:
    view = read_indicator_view(store, default_id="smoking_prevalence")
except LinkError as problem:
    st.title("Indicator not found")
    st.error(f"{md_escape(problem)} Choose an indicator from the list instead.", icon=":material/link_off:")
    st.page_link("app_pages/overview.py", label="Back to the Plan on a page", icon=":material/arrow_back:")
    st.page_link("app_pages/indicators.py", label="All indicators", icon=":material/list:")
    st.stop()

for problem in view.ignored:
    st.warning(f"{md_escape(problem)} It is left out.", icon=":material/link_off:")
view = settle(version, store, view)
write_indicator_view(view)
indicator_id = view.indicator_id
st.title(md_escape(titles[indicator_id]))  # titles come from imports too
# Filled after the charts, so the browser starts on the first chart before the controls.
controls = st.container()
meta = indicator_row(store, indicator_id)
sources = ordered_sources(store, view)
names = short_titles(store)
comparators, england, groups = view.comparators, view.england, view.breakdowns

assessments = cached.assessments(version, indicator_id)
primary = source_record(store, meta["primary_source_id"])
official = primary.official
if official and assessments:
    # The three judgements: compared with England, long-term and recent trend, each with its period.
    lines = [
        *versus_lines(cached.versus(version, indicator_id, meta["primary_source_id"])),
        *trend_lines(assessments, meta["polarity"]),
    ]

    def _value(number: float) -> str:
        return format_value(number, unit=meta["unit"], value_type=meta["value_type"])

    starts = [
        f"{'' if g == 'All' else md_escape(g) + ': '}{_value(a.since_start.start_value)} in "
        f"{md_escape(a.since_start.start_period)} to {_value(a.since_start.latest_value)} in "
        f"{md_escape(a.since_start.latest_period)}"
        for g, a in assessments.items()
        if a.since_start is not None
    ]
    if starts:
        lines.append("Since the Plan's start: " + "; ".join(starts))
    st.markdown("  \n".join(lines) + f"  \n:gray[{md_escape(names[meta['primary_source_id']])}]")
else:
    st.markdown(
        f":gray[{REPORTED} ({md_escape(names[meta['primary_source_id']])}). The report gives no counts or "
        "intervals, so its figures are shown as reported and not judged.]"
    )
if assessments:
    with st.expander("How these judgements are made", icon=":material/info:"):
        st.markdown(assessment_caption(assessments))


def import_caption(source_id: str) -> None:
    """An analyst's import named as one wherever it is drawn, with its Leeds figure; not one of the Plan's."""
    line = import_line(store, indicator_id, source_id)
    if line:
        st.caption(md_escape(line))


for position, source_id in enumerate(sources):
    plan = cached.plan(version, indicator_id, source_id)
    if position == 1 and REPORT_SOURCE in sources:
        st.header("Also reported")
        notes = report_notes(store, indicator_id)
        st.info(
            "The report's figures and the official series are kept apart, never joined into one line. "
            + md_escape(" ".join(notes)),
            icon=":material/compare_arrows:",
        )
    elif position == 1:
        st.header("Also published")
        st.info(
            "Each official series is drawn on its own, never joined into one line: "
            + md_escape(", ".join(names[s] for s in sources))
            + ".",
            icon=":material/compare_arrows:",
        )
    beside = cached.report_beside(version, indicator_id) if position and source_id == REPORT_SOURCE else None
    selection = ChartSelection(indicator_id, source_id, comparators, england, groups)
    # With areas to compare, bars at the latest period carry them all; the trend keeps a few.
    if comparators and plan.kind is ChartKind.TREND:
        selection = replace(selection, comparators=compare_areas(version, selection))
    figure = beside or cached.screen_figure(version, selection)
    if beside is not None:
        show_chart(beside, key=f"chart-{source_id}", level=3 if position else 2)
        st.caption("Why they differ: " + md_escape(explanation(store, indicator_id)))
    elif figure is not None:
        show_chart(figure, key=f"chart-{source_id}", level=3 if position else 2)
    elif plan.kind is ChartKind.SINGLE:
        (st.subheader if position else st.header)(md_escape(plan.finding))
        st.caption(md_escape(plan.subtitle))
        row = latest_headline(store, indicator_id, source_id=source_id)
        value = format_value(row["value"], unit=meta["unit"], value_type=meta["value_type"], qualifier=row["qualifier"])
        st.metric(md_escape(meta["title"]), value)
        places = named_places(store, indicator_id)
        if places:
            st.caption("Groups or places named: " + md_escape(", ".join(places)))
        st.caption(f"Source: {md_escape(row['citation'])}")
    else:
        (st.subheader if position else st.header)(md_escape(plan.finding))
        st.warning("**No data yet.** No series for this measure is held here.", icon=":material/hourglass_empty:")
        no_data_note(store, indicator_id, definition=meta["definition"])
        import_caption(source_id)
        continue
    for rule in exclusions_of(store, source_id):
        st.caption(md_escape(f"Left out: {rule.period} ({rule.scope}). {rule.reason}"))
    import_caption(source_id)
    data_and_downloads(
        lambda selection=selection: cached.table(version, selection),
        key=source_id,
        file_stem=f"{indicator_id}-{source_id}",
        label=f"Data and downloads: {md_escape(names[source_id])}",
        chart=figure,
    )

for pair in pairs_of(store, indicator_id):
    beside = beside_figure(store, indicator_id, pair.beside_id)
    if beside is not None:
        st.header(md_escape(f"Beside {titles[pair.beside_id].lower()}"))
        st.caption(md_escape(pair.reason) + ".")
        show_chart(
            beside,
            key=f"chart-beside-{pair.beside_id}",
            table=lambda b=pair.beside_id: beside_table(store, indicator_id, b),
        )

deprivation = cached.screen_deprivation(version, indicator_id)
if deprivation is not None:
    st.header("By deprivation")
    show_chart(deprivation, key="chart-deprivation", table=lambda: cached.deprivation_table(version, indicator_id))
    st.caption(
        "England only: the official copy in the store has no Leeds split by deprivation. "
        "The report's own figures for the most deprived areas of Leeds appear above where it gives them."
    )

st.header("Definition")
elements = element_titles(store)
source = primary
# Definitions, notes and source details come from the catalogue, which imports extend: escaped field by field.
e = md_escape
st.markdown(
    f"{e(meta['definition'])}.  \n"
    f"**Unit:** {e(meta['unit'])} · **Polarity:** {POLARITY_WORDS[meta['polarity']]}  \n"
    f"**Plan goal:** {e(elements[meta['goal_id']])} · **Programme or enabler:** {e(elements[meta['programme_id']])}  \n"
    f"**Health and Wellbeing Strategy:** {e(elements[meta['hwb_priority_id']])} "
    f"(outcome: {e(elements[meta['hwb_outcome_id']])})  \n"
    f"**How it is placed in the Plan:** {e(meta['mapping_note'])}  \n"
    f"**Source:** {e(source.title)}, {e(source.publisher)} ({e(source.published)}); {e(source.licence)}."
)
st.page_link("app_pages/sources.py", label="All sources and definitions", icon=":material/menu_book:")

with controls:
    show_controls(version, store, view)
