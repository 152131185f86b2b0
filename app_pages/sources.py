"""Sources and definitions: where every figure comes from, what each indicator means, what was left out."""

import streamlit as st

from indicators.core.formatting import POLARITY_WORDS
from indicators.present.tables import csv_bytes
from indicators.store.schemas import as_text
from ui.data import get_store

store = get_store()
st.title("Sources and definitions")
st.markdown(
    "Every figure on this dashboard comes from one of the sources below. Report figures and official series are "
    "kept as separate series, never joined into one line."
)

st.header("Sources", divider="blue")
sources = store.sources.rename(
    columns={
        "short_title": "Source",
        "title": "Full title",
        "publisher": "Publisher",
        "published": "Published",
        "licence": "Licence",
        "provides": "What it provides",
        "copied_from": "Copied from",
        "kind": "Kind",
    }
)
st.dataframe(
    sources[["Source", "Full title", "Publisher", "Published", "Licence", "What it provides", "Copied from"]],
    hide_index=True,
    width="stretch",
)

st.header("When each series was last updated", divider="blue")
short = store.sources.set_index("source_id")
if store.has("values"):
    # Only the columns needed, and back to text once summed up: the values table can be millions of rows.
    values = store.values.loc[store.values["role"] != "target", ["indicator_id", "source_id", "period", "period_order"]]
    latest = as_text(
        values.sort_values("period_order")
        .groupby(["indicator_id", "source_id"], as_index=False, observed=True)
        .agg(latest_period=("period", "last"), rows=("period", "size"))
    )
    titles = store.indicators.set_index("indicator_id")["title"]
    latest = latest.assign(
        Indicator=latest["indicator_id"].map(titles),
        Source=latest["source_id"].map(short["short_title"]),
        Published=latest["source_id"].map(short["published"]),
    ).rename(columns={"latest_period": "Latest period", "rows": "Rows"})
    st.dataframe(
        latest[["Indicator", "Source", "Latest period", "Published", "Rows"]], hide_index=True, width="stretch"
    )
else:
    # The rest of this page does not need the values, so it stays useful while they are broken.
    st.warning("The figures could not be loaded, so their latest periods cannot be listed.", icon=":material/warning:")
    st.code(str(store.problems["values"]), language=None, wrap_lines=True)

st.header("Indicator definitions", divider="blue")
elements = store.plan_elements.set_index("element_id")["title"]
definitions = store.indicators.assign(
    Goal=store.indicators["goal_id"].map(elements),
    Programme=store.indicators["programme_id"].map(elements),
    Polarity=store.indicators["polarity"].map(POLARITY_WORDS),
).rename(columns={"title": "Indicator", "definition": "Definition", "unit": "Unit", "data_status": "Data"})
table = definitions[["Indicator", "Definition", "Unit", "Polarity", "Goal", "Programme", "Data"]]
search = st.text_input("Find an indicator", placeholder="for example obesity", key="definition_search")
if search.strip():
    words = search.strip().lower()
    table = table[
        table["Indicator"].str.lower().str.contains(words, regex=False)
        | table["Definition"].str.lower().str.contains(words, regex=False)
    ]
    st.caption(f"{len(table)} of {len(definitions)} indicators match '{search.strip()}'.")
st.dataframe(table, hide_index=True, width="stretch")
st.download_button(
    "Download definitions (CSV)", data=csv_bytes(table), file_name="indicator-definitions.csv", mime="text/csv"
)

st.header("What was left out, and why", divider="blue")
exclusions = store.exclusions.assign(Source=store.exclusions["source_id"].map(short["short_title"])).rename(
    columns={"scope": "Areas", "period": "Period", "rows_left_out": "Rows left out", "reason": "Reason"}
)
st.dataframe(exclusions[["Source", "Areas", "Period", "Rows left out", "Reason"]], hide_index=True, width="stretch")
st.caption(
    "The official series are tidy copies of OHID Fingertips data without confidence intervals, counts or "
    "denominators, so judgements on them use the trend of the values alone."
)
