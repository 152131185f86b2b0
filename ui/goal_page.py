"""A goal page: every indicator of one Plan goal, grouped by programme, each with the chart its data suits."""

from __future__ import annotations

import streamlit as st

from indicators.charts.plan import ChartKind
from indicators.charts.report_beside import explanation
from indicators.charts.selection import ChartSelection
from indicators.core.codes import REPORT_SOURCE
from indicators.core.formatting import format_value
from indicators.core.text import md_escape
from indicators.store.queries import headline, rows_of, sources_of
from ui import cached
from ui.components import data_and_downloads, no_data_note, show_chart
from ui.data import get_store, store_key


def render(goal_id: str) -> None:
    """Lay out one goal: its priorities and measures, then its indicators programme by programme."""
    store = get_store()
    elements = store.plan_elements.set_index("element_id")
    goal = elements.loc[goal_id]
    st.title(md_escape(goal["title"]))
    st.caption(md_escape(f"{goal['summary']}. {goal['citation']}."))
    children = elements[elements["parent_id"] == goal_id].sort_values("ordinal")
    st.markdown(
        "**Priorities:** "
        + md_escape("; ".join(children[children["kind"] == "priority"]["title"]))
        + "  \n**Measures:** "
        + md_escape("; ".join(children[children["kind"] == "measure"]["title"]))
    )
    indicators = store.indicators[store.indicators["goal_id"] == goal_id]
    programmes = elements[elements["kind"].isin(["programme", "enabler"])].sort_values(
        ["kind", "ordinal"], ascending=[False, True]
    )
    names = store.sources.set_index("source_id")["short_title"]
    only_with_data = st.toggle("Hide measures with no data yet", key=f"hide_missing_{goal_id}")
    for programme_id, programme in programmes.iterrows():
        members = indicators[indicators["programme_id"] == programme_id]
        if only_with_data:
            members = members[members["data_status"] != "no data yet"]
        if members.empty:
            continue
        st.header(md_escape(programme["title"]), divider="blue")
        for meta in members.itertuples(index=False):
            for source_id in sources_of(store, meta.indicator_id) or [meta.primary_source_id]:
                _indicator_block(store, meta, source_id, names[source_id])


def _indicator_block(store, meta, source_id: str, source_name: str) -> None:
    version = store_key()
    plan = cached.plan(version, meta.indicator_id, source_id)
    key = f"{meta.indicator_id}-{source_id}"
    with st.container(border=True):
        beside = cached.report_beside(version, meta.indicator_id) if source_id == REPORT_SOURCE else None
        selection = ChartSelection(meta.indicator_id, source_id)
        figure = beside or cached.screen_figure(version, selection)
        if beside is not None:
            # The report's pair and the official series in one chart, never two contradictory titles.
            show_chart(beside, key=f"chart-{key}")
            st.caption("Why they differ: " + md_escape(explanation(store, meta.indicator_id)))
        elif figure is not None:
            show_chart(figure, key=f"chart-{key}")
        elif plan.kind is ChartKind.SINGLE:
            row = headline(store, meta.indicator_id, source_id=source_id).iloc[-1]
            st.markdown(f"**{md_escape(meta.title)}**")
            st.metric(
                md_escape(plan.subtitle),
                format_value(row["value"], unit=meta.unit, value_type=meta.value_type, qualifier=row["qualifier"]),
            )
            groups = rows_of(store, meta.indicator_id).loc[lambda r: r["breakdown_type"] != "none"]
            if not groups.empty:
                st.caption("Where: " + md_escape(", ".join(groups["breakdown"])))
            st.caption(f"Source: {md_escape(row['citation'])}")
        else:
            st.markdown(f"**{md_escape(meta.title)}**: :gray[no data yet]")
            no_data_note(store, meta.indicator_id, definition=meta.definition)
        if plan.kind is not ChartKind.NONE:
            st.page_link(
                "app_pages/indicator.py",
                label=md_escape(f"Open {meta.title} ({source_name})"),
                icon=":material/open_in_new:",
                query_params={"id": meta.indicator_id, "source": source_id},
            )
            data_and_downloads(lambda: cached.table(version, selection), key=key, file_stem=key, chart=figure)
