"""Open every page in headless Chromium (Debian's), check it renders without error, keep screenshots."""

from __future__ import annotations

import itertools

import pytest

from bench.serving import serve
from tests.conftest import REPO
from ui.navigation import PAGES

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO / "tests" / "screenshots"
# The dashboard server and Chromium fixtures (server, browser, chromium_path) live in tests/conftest.py.


def _slug(title: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")


# The least number of Plotly charts each page must draw with the bundled data.
MIN_CHARTS = {
    "good-health": 3,
    "connected-care": 3,
    "mental-health": 1,
    "maps": 3,
    "indicator": 1,
    "overview": 0,
    "actions": 1,
}


def _open(browser, url: str, size: tuple[int, int]):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(url, wait_until="domcontentloaded")
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    return page


def test_deep_link_opens_with_the_menu(server, browser):
    """A first visit straight to a page URL still gets the declared menu and page settings."""
    page = _open(browser, f"{server}/indicator?id=reception_obesity&compare=west_yorkshire", (1366, 768))
    try:
        assert page.locator('[data-testid="stMain"] h1').first.inner_text() == "Obesity in reception-age children"
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Overview" in nav and "Sources and definitions" in nav
        assert "goal good health" not in nav.lower()  # the file-name menu of an unrouted run
        # The comparator set from the link is drawn: its authorities are in the chart's legend.
        page.locator(".js-plotly-plot", has_text="Bradford").first.wait_for(timeout=30_000)
    finally:
        page.close()


def test_first_visit_after_the_server_starts_opens_the_linked_page(browser):
    """A fresh server's first visit lands on its page, though the page's file is not named after its address."""
    spec = next(p for p in PAGES if p.url_path == "good-health")
    assert not spec.path.endswith(f"/{spec.url_path}.py")  # the address is not the file name
    with serve("dashboard.py") as fresh:
        page = _open(browser, f"{fresh}/{spec.url_path}", (1366, 768))
        try:
            page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=60_000)
            assert page.get_by_text("Page not found").count() == 0
            assert spec.title in page.locator('[data-testid="stSidebarNav"] [aria-current="page"]').inner_text()
        finally:
            page.close()


def test_unknown_indicator_link_shows_a_message(server, browser):
    page = _open(browser, f"{server}/indicator?id=not_real", (1366, 768))
    try:
        assert "not in the catalogue" in page.locator('[data-testid="stAlertContentError"]').inner_text()
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["laptop", "phone"])
@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_page_renders_in_chromium(server, browser, spec, size):
    url_path = "" if spec.default else spec.url_path
    page = _open(browser, f"{server}/{url_path}", size)
    try:
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('[data-testid="stAlertContentError"]').count() == 0
        wanted = MIN_CHARTS.get(spec.url_path, 0)
        if wanted:
            page.locator(".js-plotly-plot").nth(wanted - 1).wait_for(timeout=30_000)
        assert page.locator(".js-plotly-plot").count() >= wanted
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{_slug(spec.title)}-{size[0]}x{size[1]}.png"), full_page=True)
    finally:
        page.close()


# Relative luminance contrast of a caption's colour (opacity blended onto white) against white.
_CAPTION_CONTRAST = """
() => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')].map(el => {
  const style = getComputedStyle(el);
  const [r, g, b] = style.color.match(/[\\d.]+/g).map(Number);
  const alpha = Number(style.opacity);
  const channel = v => { v = (v * alpha + 255 * (1 - alpha)) / 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  return 1.05 / (lum + 0.05);
})
"""


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["laptop", "phone"])
def test_overview_leads_with_england_and_trends_and_stays_on_its_own_host(server, browser, size):
    """In ten seconds: worse than England, getting worse, improving; captions readable; nothing from elsewhere."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    try:
        page.goto(server, wait_until="domcontentloaded")
        page.locator('[data-testid="stMetric"]').first.wait_for(timeout=30_000)
        page.wait_for_timeout(1000)
        first_list = page.locator('[data-testid="stMain"] ul').first.inner_text()
        assert first_list.index("Worse than England") < first_list.index("Getting worse")
        assert first_list.index("Getting worse") < first_list.index("Improving")
        levels = page.evaluate(
            '() => [...document.querySelectorAll(\'[data-testid="stMain"] h1, [data-testid="stMain"] h2,'
            ' [data-testid="stMain"] h3\')].map(h => Number(h.tagName[1]))'
        )
        assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
        assert min(page.evaluate(_CAPTION_CONTRAST)) >= 4.5
        assert hosts == {server.split("/")[2]}
    finally:
        page.close()
