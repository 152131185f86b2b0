"""Every indicator in the catalogue with its latest Leeds value, grouped by the Plan's goals."""

import streamlit as st

from indicators.present.indicator_list import indicator_list
from ui import cached
from ui.data import get_store, store_key

store = get_store()
latest = cached.latest(store_key())

st.title("Leeds Health and Care Plan: indicators")
st.caption(
    "Figures from the Leeds Health and Care Plan report to the Health and Wellbeing Board "
    "(11 December 2019) beside the official series that put them in context."
)

listed = indicator_list(store, latest)
counts = listed.counts
st.markdown(
    f"**{listed.total} indicators**: {counts.get('has data', 0)} with published figures, "
    f"{counts.get('status only', 0)} with a reported status but no figure, "
    f"and {counts.get('no data yet', 0)} Plan measures with **no data yet**."
)

only_missing = st.toggle("Show only measures with no data yet", key="only_missing")
for goal_title, rows in listed.groups(only_missing=only_missing):
    st.subheader(goal_title)
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={
            "indicator": st.column_config.TextColumn("Indicator", width="large"),
            "latest": st.column_config.TextColumn("Latest value (Leeds)", width="medium"),
            "period": st.column_config.TextColumn("Period"),
            "source": st.column_config.TextColumn("Source"),
            "programme": st.column_config.TextColumn("Programme or enabler"),
        },
    )

if listed.any_without_data:
    st.info(
        "**No data yet** means no series for the measure is held here. Each measure's page says who "
        "publishes it, or which series is held instead, and an analyst can bring one in on the Import data page."
    )
