"""The maps in Chromium: every shape drawn, and nothing requested from any host but the dashboard's own."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_maps_draw_every_area_and_request_nothing_from_elsewhere(server, browser):
    own = urlsplit(server).netloc
    requested: list[str] = []
    failed: list[str] = []
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    try:
        page.goto(f"{server}/maps?series=smoking_prevalence%7Caps_smoking&period=2024", wait_until="domcontentloaded")
        page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=30_000)
        page.locator(".js-plotly-plot").nth(2).wait_for(timeout=60_000)
        # Plotly draws one path per area: 290+ authorities (and Leeds' outline), 103+ MSOAs, 482 LSOAs.
        page.wait_for_function("document.querySelectorAll('path.choroplethlocation').length >= 870", timeout=60_000)
        drawn = page.locator("path.choroplethlocation").count()
        assert drawn >= 870
        assert page.locator('[data-testid="stException"]').count() == 0
        elsewhere = [
            u for u in requested if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != own
        ]
        assert elsewhere == []
        assert any(u.endswith("/app/static/map_england_lad24.json") for u in requested)
        assert [u for u in failed if "/app/static/" in u] == []
    finally:
        page.close()
