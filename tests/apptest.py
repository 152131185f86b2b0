"""Open one of the dashboard's pages under Streamlit's AppTest, through the real entry point."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui.navigation import PAGES

REPO = Path(__file__).resolve().parents[1]
ENTRY = str(REPO / "dashboard.py")


def open_page(
    path: str,
    *,
    query: Mapping[str, str] | None = None,
    secrets: Mapping[str, object] | None = None,
    state: Mapping[str, object] | None = None,
    timeout: float = 60,
) -> AppTest:
    """An AppTest on page `path` (as declared in ui.navigation), with link parameters, secrets and state set; not run.

    Before its first run AppTest finds a page by its file name, which matches an `st.Page` only when the
    file is named after the page's address; otherwise it runs the entry point once so that `st.navigation`
    has registered the pages (as Streamlit's AppTest documentation says to).
    """
    at = AppTest.from_file(ENTRY, default_timeout=timeout)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    (spec,) = [p for p in PAGES if p.path == path]
    if Path(path).stem != spec.url_path:
        at.run()
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return at.switch_page(path)
