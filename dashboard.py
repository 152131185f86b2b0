"""Leeds Health and Care Plan indicators: the app's entry point and menu."""

from pathlib import Path

import streamlit as st

from ui import upload_guard
from ui.data import run_page
from ui.navigation import PAGES

upload_guard.install()  # uploads only from sessions that unlocked importing (ui/upload_guard.py)

st.set_page_config(
    page_title="Leeds health inequality indicators",
    # The app's own image: a Material symbol here would make every browser fetch it from fonts.gstatic.com.
    page_icon=str(Path(__file__).resolve().parent / "ui" / "favicon.png"),
    layout="wide",
)

sections: dict[str, list] = {}
for spec in PAGES:
    sections.setdefault(spec.section, []).append(
        st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=spec.default)
    )

run_page(st.navigation(sections))
