"""Leeds Health and Care Plan indicators: the app's entry point and menu."""

import streamlit as st

from ui.data import run_page
from ui.navigation import PAGES

st.set_page_config(
    page_title="Leeds health inequality indicators",
    # An emoji, drawn by the browser: a Material icon here is fetched from Google's servers as the tab's icon.
    page_icon="📊",
    layout="wide",
)

sections: dict[str, list] = {}
for spec in PAGES:
    sections.setdefault(spec.section, []).append(
        st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=spec.default)
    )

run_page(st.navigation(sections))
