"""Streamlit glue shared by the pages: cached loading, URL state, tiles and charts.

The pages live in `app_pages/` and are routed by `st.navigation` in `dashboard.py`; the folder is
not called `pages/`, which would switch Streamlit to its older file-name routing.
"""
