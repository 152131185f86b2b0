"""The Plan on a page: what the official figures say first, then the figures reported to the Board in 2019."""

import streamlit as st

from indicators.core.text import md_escape
from ui import cached
from ui.data import get_store, store_key
from ui.tiles import tile_grid


def _split(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """('worse', 'Worse than England (...): life ...') as ('Worse than England (...)', 'life ...')."""
    return [tuple(text.split(": ", 1)) if ": " in text else ("Note", text) for _, text in found]


store = get_store()
version = store_key()
tiles, sentences = cached.tiles(version)
elements = store.plan_elements
polarity = store.indicators.set_index("indicator_id")["polarity"].to_dict()

st.title("Leeds Health and Care Plan on a page")
st.header("What the official figures say")
# Worse than England first, then what is getting worse, then what is improving: each with figure and period.
# The label before the first colon is set in bold, so the eye finds "Worse than England" first.
st.markdown("\n".join(f"- **{md_escape(label)}:** {md_escape(text)}" for label, text in _split(sentences)))
st.caption(
    "Official series only (OHID Fingertips). Compared with England: Fingertips' published judgement. "
    "Trends: long-term over the whole series and recent over the last five periods, on periods that share no "
    "years; a least-squares line with its slope tested at 95%, as no counts are published. The figures the "
    "report gave the Board in December 2019 are listed apart below and are not judged."
)

# ---- AREA PROFILE: the spine chart of Leeds against England and all English authorities goes here. ----

show = st.segmented_control(
    "Show",
    options=["All indicators", "Moving the wrong way", "Worse than England", "No data yet"],
    default="All indicators",
    key="overview_show",
)
official = tiles[tiles["official"]]
reported = tiles[~tiles["official"] & (tiles["data_status"] != "no data yet")]
missing = tiles[tiles["data_status"] == "no data yet"]
if show == "Moving the wrong way":
    # Getting worse on the long-term or the recent test, in any group.
    official = official[
        official.apply(
            lambda row: any(
                t is not None and t.meaning(polarity[row["indicator_id"]]) == "getting worse"
                for a in row["assessments"].values()
                for t in (a.long_term, a.recent)
            ),
            axis=1,
        )
    ]
elif show == "Worse than England":
    official = official[official["versus"].map(lambda v: any(c.versus.value == "worse" for c in v.values()))]
if show in ("Moving the wrong way", "Worse than England"):
    reported = reported.iloc[0:0]
    missing = missing.iloc[0:0]
elif show == "No data yet":
    official = official.iloc[0:0]
    reported = reported.iloc[0:0]

st.header("Official series: compared with England and over time")
if official.empty:
    st.caption("No official series under this filter.")
tile_grid(official, polarity=polarity)
# Built only when opened, so the table's code does not delay the page's first chart.
judged = st.expander(
    "Every official series' three judgements, with periods and methods",
    key="overview_judgements",
    on_change="rerun",
    icon=":material/table_view:",
)
if judged.open:
    with judged:
        st.dataframe(cached.judgements(version), hide_index=True, width="stretch")

st.header("Reported to the Board, December 2019")
st.caption(
    "The Plan's report to the Leeds Health and Wellbeing Board (11 December 2019) gave single figures and "
    "before-and-after pairs without counts or intervals. They are shown as reported, dated to the report, "
    "and never counted in the judgements above."
)
if show in ("Moving the wrong way", "Worse than England"):
    st.caption("The report's figures are not judged, so none are listed under this filter.")
for goal in elements[elements["kind"] == "goal"].sort_values("ordinal").itertuples(index=False):
    goal_reported = reported[reported["goal_id"] == goal.element_id]
    goal_missing = missing[missing["goal_id"] == goal.element_id]
    if goal_reported.empty and goal_missing.empty and show != "All indicators":
        continue
    st.subheader(md_escape(goal.title), divider="blue")
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
    tile_grid(goal_reported)
    if not goal_missing.empty:
        names = md_escape(", ".join(goal_missing["title"]))
        st.info(
            f"**No data yet** for {len(goal_missing)} measure(s): {names}. No published figure exists in the store; "
            "see the indicator pages for how to add one.",
            icon=":material/info:",
        )
