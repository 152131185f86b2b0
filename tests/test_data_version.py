"""A page run uses one version of the data from start to end, even if the files change during it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _run_that_straddles_a_change() -> None:
    import os

    import streamlit as st

    from ui.data import current_data_dir, get_store, store_for, store_key

    store = get_store(needs=("indicators",))
    before = store_key()
    table = current_data_dir() / "indicators.parquet"
    # The data changes while the run is under way (an import landing from another process).
    os.utime(table, ns=(table.stat().st_atime_ns, table.stat().st_mtime_ns + 10**9))
    st.write(f"same version: {store_key() == before}")
    st.write(f"same store: {store_for(store_key()) is store}")


def test_a_run_keeps_the_data_version_it_started_with(data_copy, monkeypatch):
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(data_copy))
    at = AppTest.from_function(_run_that_straddles_a_change, default_timeout=60).run()
    assert not at.exception, at.exception
    assert [m.value for m in at.markdown] == ["same version: True", "same store: True"]
    # The next run sees the change: a new version.
    first = at.session_state["_data_version"]
    at.run()
    assert at.session_state["_data_version"] != first
