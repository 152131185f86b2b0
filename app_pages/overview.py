"""The Plan on a page: three goals, their priorities and measures, and every indicator as a tile."""

import streamlit as st

from indicators.analysis.judgement import JUDGEMENT_STYLE, Judgement
from indicators.core.text import md_escape
from ui import cached
from ui.components import judgement_badge
from ui.data import get_store, store_key
from ui.profile import area_profile_section
from ui.tiles import tile_grid

store = get_store()
tiles, summary = cached.tiles(store_key())
elements = store.plan_elements

st.title("Leeds Health and Care Plan on a page")
st.markdown(f"#### {summary}")
st.caption(
    "Judged against the direction the Plan wants. Official series: straight-line trend over the last five periods, "
    "counted as a change only when it stands out from the year-to-year scatter (95%). Report figures: direction "
    "only, as the report gives no counts or intervals. "
    + " · ".join(f"{JUDGEMENT_STYLE[j][0]} {j.value}" for j in Judgement)
)

show = st.segmented_control(
    "Show",
    options=["All indicators", "Moving the wrong way", "No data yet"],
    default="All indicators",
    key="overview_show",
)
if show == "Moving the wrong way":
    # Only where some group is judged to be worsening: a mix of improving and flat is not the wrong way.
    wrong = tiles["assessments"].map(lambda a: any(x.judgement is Judgement.WORSENING for x in a.values()))
    tiles = tiles[wrong]
elif show == "No data yet":
    tiles = tiles[tiles["data_status"] == "no data yet"]

for goal in elements[elements["kind"] == "goal"].sort_values("ordinal").itertuples(index=False):
    st.header(md_escape(goal.title), divider="blue")
    children = elements[elements["parent_id"] == goal.element_id].sort_values("ordinal")
    left, right = st.columns(2)
    with left:
        st.markdown(
            "**Priorities**  \n"
            + "  \n".join(f"- {md_escape(p.title)}" for p in children[children["kind"] == "priority"].itertuples())
        )
    with right:
        st.markdown(
            "**Measures**  \n"
            + "  \n".join(f"- {md_escape(m.title)}" for m in children[children["kind"] == "measure"].itertuples())
        )
    goal_tiles = tiles[tiles["goal_id"] == goal.element_id]
    with_data = goal_tiles[goal_tiles["data_status"] != "no data yet"]
    missing = goal_tiles[goal_tiles["data_status"] == "no data yet"]
    if with_data.empty and missing.empty:
        st.caption("Nothing to show under this filter.")
    tile_grid(with_data)
    if not missing.empty:
        names = md_escape(", ".join(missing["title"]))
        st.info(
            f"**No data yet** for {len(missing)} measure(s): {names}. No series for them is held here; "
            "each measure's page says who publishes one.",
            icon=":material/info:",
        )

st.divider()
st.caption(
    f"Legend: {judgement_badge(Judgement.IMPROVING)} · {judgement_badge(Judgement.WORSENING)} · "
    f"{judgement_badge(Judgement.NO_CLEAR_CHANGE)} · {judgement_badge(Judgement.NOT_ENOUGH_DATA)}"
)

area_profile_section()
