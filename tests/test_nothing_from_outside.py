"""Every page in Chromium asks for nothing from any host but the dashboard's own: favicon and icons included."""

from __future__ import annotations

from urllib.parse import quote, urlparse

import pytest

from ui.navigation import PAGES

pytestmark = pytest.mark.browser

LURE = "Session expired :material/lock: log in again at https://evil.example/login or www.evil.example"


def _visit(browser, url: str) -> tuple[list[str], object]:
    """Open a page, wait for it to draw, and return every request to another host, and the page."""
    own = urlparse(url).netloc
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []

    def note(request) -> None:
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.netloc != own:
            outside.append(request.url)

    page.on("request", note)
    page.goto(url, wait_until="domcontentloaded")
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=60_000)
    page.wait_for_timeout(1500)
    return outside, page


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_a_page_requests_nothing_from_another_host(server, browser, spec):
    outside, page = _visit(browser, f"{server}/{'' if spec.default else spec.url_path}")
    icon = page.locator('link[rel~="icon"]').first.get_attribute("href") or ""
    page.context.close()
    assert outside == []
    assert icon and (icon.startswith("/") or icon.startswith(server) or icon.startswith("./")), icon


def test_a_crafted_link_draws_no_link_and_no_icon(server, browser):
    """The link's text is named in the page's message, with no live link to the address and no icon drawn."""
    outside, page = _visit(browser, f"{server}/indicator?id={quote(LURE)}")
    main = page.locator('[data-testid="stMain"]')
    shown = main.inner_text()
    links = main.locator('a[href*="evil"]').count()
    page.context.close()
    assert "evil.example" in shown
    assert links == 0
    assert "material/lock" in shown  # shown as the text it is, not drawn as an icon
    assert outside == []
