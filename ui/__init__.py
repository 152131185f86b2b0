"""Streamlit glue shared by the pages: cached loading, URL state, tiles and charts.

Importing this package also guards deep links. Streamlit treats an app with a `pages/`
folder beside its entry point as an old-style multipage app until some session runs
`st.navigation`; until then, a first visit straight to a page URL would run that page
alone, without the menu and page settings `dashboard.py` declares. Every page imports
this package first, so the first such run switches the flag off and reruns the script,
which then goes through `dashboard.py` like every other run. That first run finds its page by
file name, so each page's file is named after its address (pages/good-health.py is served at
/good-health; a test holds this): a file named otherwise would get "Page not found" and the
Overview instead, on the first visit after every start of the server.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    if st.runtime.exists():
        st.rerun()
