"""The Plan on a page: what the official figures say first, then the figures reported to the Board in 2019."""

import streamlit as st

from indicators.core.text import md_escape
from ui import cached
from ui.data import get_store, store_key
from ui.profile import area_profile_section
from ui.tiles import tile_grid


def _split(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """('worse', 'Worse than England (...): life ...') as ('Worse than England (...)', 'life ...')."""
    return [tuple(text.split(": ", 1)) if ": " in text else ("Note", text) for _, text in found]


get_store()  # checks the tables this page needs, and says so if one is unusable
version = store_key()
view = cached.overview(version)

st.title("Leeds Health and Care Plan on a page")
st.header("What the official figures say")
# Worse than England first, then what is getting worse, then what is improving: each with figure and period.
# The label before the first colon is set in bold, so the eye finds "Worse than England" first.
st.markdown("\n".join(f"- **{md_escape(label)}:** {md_escape(text)}" for label, text in _split(view.sentences)))
st.caption(
    "Official series only (OHID Fingertips). Compared with England: Fingertips' published judgement. "
    "Trends: long-term over the whole series and recent over the last five periods, on periods that share no "
    "years; a least-squares line with its slope tested at 95%, as no counts are published. The figures the "
    "report gave the Board in December 2019 are listed apart below and are not judged."
)

show = st.segmented_control(
    "Show",
    options=["All indicators", "Moving the wrong way", "Worse than England", "No data yet"],
    default="All indicators",
    key="overview_show",
)
official = [t for t in view.tiles if t["official"]]
# Analysts' imports are theirs: listed apart, labelled with their import, never among the report's figures.
imported = [t for t in view.tiles if isinstance(t.get("imported_from"), str)]
reported = [t for t in view.tiles if not t["official"] and t["data_status"] != "no data yet" and t not in imported]
missing = [t for t in view.tiles if t["data_status"] == "no data yet"]
judging = show in ("Moving the wrong way", "Worse than England")
if show == "Moving the wrong way":
    official = [t for t in official if t["wrong_way"]]
elif show == "Worse than England":
    official = [t for t in official if t["worse"]]
elif show == "No data yet":
    official, reported, imported = [], [], []
if judging:
    reported, missing, imported = [], [], []

st.header("Official series: compared with England and over time")
if not official:
    st.caption("No official series under this filter.")
tile_grid(official)
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
if judging:
    st.caption("The report's figures are not judged, so none are listed under this filter.")
for goal_id, title, priorities, measures in view.goals:
    goal_reported = [t for t in reported if t["goal_id"] == goal_id]
    goal_missing = [t for t in missing if t["goal_id"] == goal_id]
    if not goal_reported and not goal_missing and show != "All indicators":
        continue
    st.subheader(md_escape(title), divider="blue")
    left, right = st.columns(2)
    with left:
        st.markdown("**Priorities**  \n" + "  \n".join(f"- {md_escape(p)}" for p in priorities))
    with right:
        st.markdown("**Measures**  \n" + "  \n".join(f"- {md_escape(m)}" for m in measures))
    tile_grid(goal_reported)
    if goal_missing:
        names = md_escape(", ".join(t["title"] for t in goal_missing))
        st.info(
            f"**No data yet** for {len(goal_missing)} measure(s): {names}. No series for them is held here; "
            "each measure's page says who publishes one.",
            icon=":material/info:",
        )

if imported:
    st.header("Imported by analysts")
    st.caption("Figures analysts imported, each labelled with its file, who and when; not one of the Plan's figures.")
    tile_grid(imported)

# The area profile (spine chart): every official series against England and all English authorities.
area_profile_section()
