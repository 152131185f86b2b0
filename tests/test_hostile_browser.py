"""Hostile names in a real browser: script in data never runs; the upload endpoint refuses requests without XSRF.

The dashboard runs on a copy of the store with markup in an indicator, an area, a breakdown and a source
name, plus a Fingertips file imported with markup in its names (tests/test_security.py builds both).
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.cookies import SimpleCookie

import pytest

from bench.serving import serve
from tests import test_security as hostile

pytestmark = pytest.mark.browser

PWNED = "window.__pwned"
INJECTED = 'img[src="x"], [data-testid="stMain"] script, a[href^="javascript"], [onerror]'
# Part of the markup the reader should see as text on the page: no spaces, since a chart wraps long
# names into lines whose text runs together.
LITERAL = 'onerror="window.__pwned=1"><script>'

# Each page with a link that shows hostile names, and where the names show as text in the page's DOM
# (tables are drawn on a canvas, so pages that show names only in tables are checked for script alone).
PAGES = [
    ("overview", "", '[data-testid="stMain"]'),
    ("indicator", "indicator?id=smoking_prevalence&compare=west_yorkshire", '[data-testid="stMain"] h1'),
    ("indicator-chart", "indicator?id=smoking_prevalence&compare=west_yorkshire", ".js-plotly-plot"),
    ("locality", "indicator?id=breathe_easy_groups", '[data-testid="stCaptionContainer"]'),
    ("breakdown-chart", "indicator?id=recruits_by_neighbourhood", ".js-plotly-plot"),
    ("imported", "indicator?id=fingertips_990001", '[data-testid="stMain"] h1'),
    ("explorer", "explorer?indicator=fingertips_990001&tab=every", '[data-testid="stMain"]'),
    ("sources", "sources", None),
    ("all-indicators", "indicators", None),
    ("import", "import", None),
]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on a hostile copy of the store, on a free loopback port."""
    folder = hostile.write_hostile_copy(tmp_path_factory.mktemp("hostile-browser") / "data")
    hostile.import_hostile_file(folder)
    before = os.environ.get("INDICATORS_DATA_DIR")
    os.environ["INDICATORS_DATA_DIR"] = str(folder)  # the server process inherits it when it starts
    try:
        with serve("dashboard.py") as url:
            yield url
    finally:
        if before is None:
            os.environ.pop("INDICATORS_DATA_DIR", None)
        else:
            os.environ["INDICATORS_DATA_DIR"] = before


@pytest.mark.parametrize(("name", "path", "where"), PAGES, ids=[p[0] for p in PAGES])
def test_script_in_names_never_runs(hostile_server, browser, name, path, where):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(f"{hostile_server}/{path}", wait_until="domcontentloaded")
        page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)
        if where:
            page.locator(where, has_text=LITERAL).first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)  # time for any injected handler to have fired
        assert page.evaluate(PWNED) is None, f"script from a name ran on {name}"
        assert page.locator(INJECTED).count() == 0, f"an element from a name was built on {name}"
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()


def _put_upload(url: str, *, headers: dict[str, str]) -> int:
    request = urllib.request.Request(
        f"{url}/_stcore/upload_file/not-a-session/not-a-file",
        data=b"--b\r\nContent-Disposition: form-data; name=file; filename=a.csv\r\n\r\nx\r\n--b--\r\n",
        method="PUT",
        headers={"Content-Type": "multipart/form-data; boundary=b", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status
    except urllib.error.HTTPError as refused:
        return refused.code


def test_upload_without_the_xsrf_token_is_refused(hostile_server):
    assert _put_upload(hostile_server, headers={}) == 403


def test_upload_with_a_token_that_does_not_match_the_cookie_is_refused(hostile_server):
    """Another site can send a made-up token, but not read or set this site's cookie to match it."""
    token, other = ("2|00000000|" + digit * 64 + "|1700000000" for digit in "01")
    assert _put_upload(hostile_server, headers={"X-Xsrftoken": token, "Cookie": f"_streamlit_xsrf={other}"}) == 403


def test_the_refusal_is_the_xsrf_check(hostile_server):
    """With the server's own cookie and token the same request gets past the XSRF check (and fails later)."""
    with urllib.request.urlopen(f"{hostile_server}/_stcore/health", timeout=10) as reply:
        cookies = SimpleCookie()
        for header in reply.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
    token = cookies["_streamlit_xsrf"].value
    status = _put_upload(hostile_server, headers={"X-Xsrftoken": token, "Cookie": f"_streamlit_xsrf={token}"})
    assert status != 403
