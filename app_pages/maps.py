"""Maps: England's authorities for any official series, and Leeds' neighbourhoods by life expectancy and deprivation."""

import streamlit as st

from indicators.charts.maps import MAP_CONFIG
from indicators.core.text import md_escape
from ui import map_views, small_area_views
from ui import state as url
from ui.components import PLOTLY_CONFIG, data_and_downloads
from ui.data import get_store, store_key

store = get_store()
version = store_key()

st.title("Maps")
st.caption(
    "Drawn from boundaries shipped with the dashboard (ONS Open Geography, Open Government Licence; "
    "contains OS data © Crown copyright and database right): no map tiles, and nothing is fetched from "
    "anywhere else. Every map has its data as a table and CSV beneath it."
)


def _map(view, *, key: str, stem: str) -> None:
    st.markdown(md_escape(view.sentence))
    st.plotly_chart(view.figure, key=f"map-{key}", config={**PLOTLY_CONFIG, **MAP_CONFIG}, theme=None)
    data_and_downloads(lambda: view.table, key=key, file_stem=stem)


# England's local authorities ------------------------------------------------------------------------
st.header("England's local authorities")
choices = map_views.series_choices(version)
options = list(choices)
chosen = map_views.param("series", options, options[0])
chosen = st.selectbox(
    "Official series", options, index=options.index(chosen), format_func=lambda o: choices[o].label, key="series"
)
row = choices[chosen]
left, right = st.columns(2)
breakdowns = list(row.breakdowns)
breakdown = map_views.param("group", breakdowns, breakdowns[0])
breakdown = left.radio(
    "Group",
    breakdowns,
    index=breakdowns.index(breakdown),
    horizontal=True,
    format_func=lambda b: "Everyone" if b == "All" else f"{b}s",
    key="group",
)
periods = list(row.periods)
period = map_views.param("period", periods, periods[-1])
period = right.selectbox("Period", periods, index=periods.index(period), key="period")
view = map_views.authorities(version, row.indicator_id, row.source_id, period, breakdown)
_map(view, key="authorities", stem=f"{row.indicator_id}-{period}-authorities".replace(" ", "").replace("/", "-"))
if view.no_shape:
    st.caption(
        "**No shape**: these codes are not on the May 2024 boundaries (districts that reorganisations merged into "
        "new authorities), so they are not drawn, and the new authorities they became are left blank for this "
        "period; their figures are in the table: " + md_escape(", ".join(view.no_shape))
    )
st.caption(
    "Colours are Fingertips' own comparison of each authority with England (Better, Similar or Worse, or Higher "
    "and Lower where an indicator has no better direction), not a judgement of this dashboard. An authority left "
    "blank has no figure under its May 2024 code for the period: none was published, or it was published under "
    "older codes listed as no shape."
)

# Life expectancy by MSOA ----------------------------------------------------------------------------------
st.header("Life expectancy in Leeds' neighbourhoods")
sex = map_views.choose_sex(key="sex")
life = map_views.life(version, sex)
_map(life.map, key="life", stem=f"leeds-msoa-life-expectancy-{sex.lower()}")
st.markdown(md_escape(map_views.sii_sentence(life.leeds, life.england, who=map_views.SEXES[sex].lower())))
st.caption(
    "Source: ONS, life expectancy at birth for 2011 MSOAs in England, 2016 to 2020 (ad hoc release REQ3292), "
    "with House of Commons Library MSOA names. Each MSOA's deprivation is the population-weighted mean IMD 2019 "
    "rank of its LSOAs."
)

# Deprivation by LSOA --------------------------------------------------------------------------------------
st.header("Deprivation in Leeds' neighbourhoods")
domain = map_views.choose_domain("Domain of the Indices of Deprivation 2019", key="domain", link_name="domain")
_map(map_views.lsoas(version, domain, ()), key="lsoas", stem=f"leeds-lsoa-{domain}-decile")
st.caption("Source: MHCLG, English Indices of Deprivation 2019 (Files 1 and 2).")

imported = small_area_views.render_map(version)

wanted = {"series": chosen, "group": breakdown, "period": period, "sex": sex, "domain": domain, **imported}
url.set_params(wanted)
