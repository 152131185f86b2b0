"""Sources and definitions: where every figure comes from, what each indicator means, what was left out."""

import streamlit as st

from indicators.present.catalogue import definitions_table, exclusions_table, last_updated_table, sources_table
from indicators.present.tables import csv_bytes
from indicators.store.lookups import indicator_count
from ui.data import get_store

store = get_store()
st.title("Sources and definitions")
st.markdown(
    "Every figure on this dashboard comes from one of the sources below. Report figures and official series are "
    "kept as separate series, never joined into one line."
)

st.header("Sources", divider="blue")
st.dataframe(sources_table(store), hide_index=True, width="stretch")

st.header("When each series was last updated", divider="blue")
if store.has("values"):
    st.dataframe(last_updated_table(store), hide_index=True, width="stretch")
else:
    # The rest of this page does not need the values, so it stays useful while they are broken.
    st.warning("The figures could not be loaded, so their latest periods cannot be listed.", icon=":material/warning:")
    st.code(str(store.problems["values"]), language=None, wrap_lines=True)

st.header("Indicator definitions", divider="blue")
search = st.text_input("Find an indicator", placeholder="for example obesity", key="definition_search")
table = definitions_table(store, search=search)
if search.strip():
    st.caption(f"{len(table)} of {indicator_count(store)} indicators match '{search.strip()}'.")
st.dataframe(table, hide_index=True, width="stretch")
st.download_button(
    "Download definitions (CSV)", data=csv_bytes(table), file_name="indicator-definitions.csv", mime="text/csv"
)

st.header("What was left out, and why", divider="blue")
st.dataframe(exclusions_table(store), hide_index=True, width="stretch")
st.caption(
    "The official series are tidy copies of OHID Fingertips data without confidence intervals, counts or "
    "denominators, so judgements on them use the trend of the values alone."
)
