"""Leeds Health and Care Plan indicators: the app's entry point and menu."""

from pathlib import Path

import streamlit as st

from ui import records, upload_guard
from ui.data import run_page
from ui.navigation import PAGES

upload_guard.install()  # uploads only from sessions that unlocked importing (ui/upload_guard.py)
records.use_secrets()  # the records database named in the secrets, if any (ui/records.py)

st.set_page_config(
    page_title="Leeds health inequality indicators",
    # The app's own image: a Material symbol here would make every browser fetch it from fonts.gstatic.com.
    page_icon=str(Path(__file__).resolve().parent / "ui" / "favicon.png"),
    layout="wide",
)

# Captions are drawn at 60% opacity by default, about 3.9:1 on white: below the 4.5:1 that text needs
# (WCAG AA). Solid NHS grey instead, 6.4:1.
CAPTION_CSS = "<style>[data-testid='stCaptionContainer'] {opacity: 1; color: #4C6272;}</style>"
st.html(CAPTION_CSS)

sections: dict[str, list] = {}
for spec in PAGES:
    sections.setdefault(spec.section, []).append(
        st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=spec.default)
    )

run_page(st.navigation(sections))
