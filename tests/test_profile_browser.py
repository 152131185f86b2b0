"""The area profile on the Overview and the compare-areas bars on the indicator page, in headless Chromium."""

from __future__ import annotations

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO / "tests" / "screenshots"
SIZES = [(1366, 768), (390, 844)]


def _open(browser, url: str, size: tuple[int, int]):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(url, wait_until="domcontentloaded")
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)
    return page


@pytest.mark.parametrize("size", SIZES, ids=["laptop", "phone"])
def test_overview_draws_the_area_profile(server, browser, size):
    page = _open(browser, f"{server}/", size)
    try:
        chart = page.locator(".js-plotly-plot", has_text="Better (or higher)").first
        chart.wait_for(timeout=60_000)
        chart.scroll_into_view_if_needed()
        text = chart.inner_text()
        # Every official series has its row, with Leeds' and England's values and Fingertips' judgement.
        for row in ("Adult smoking prevalence", "Life expectancy at birth, males", "Worse than England"):
            assert row in text
        assert page.get_by_text("In words: Area profile of Leeds against England").count() == 1
        assert page.locator('[data-testid="stException"]').count() == 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        chart.screenshot(path=str(SCREENSHOTS / f"area-profile-{size[0]}x{size[1]}.png"))
    finally:
        page.close()


@pytest.mark.parametrize("size", SIZES, ids=["laptop", "phone"])
def test_indicator_page_compares_areas_as_bars(server, browser, size):
    page = _open(browser, f"{server}/indicator?id=life_expectancy&compare=core_cities", size)
    try:
        bars = page.locator(".js-plotly-plot", has_text="Manchester").first
        bars.wait_for(timeout=60_000)
        bars.scroll_into_view_if_needed()
        text = bars.inner_text()
        assert "Females" in text and "Males" in text and "England 79.5" in text
        assert page.get_by_text("areas chosen", exact=False).count() >= 1
        assert page.locator('[data-testid="stException"]').count() == 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        bars.screenshot(path=str(SCREENSHOTS / f"compare-areas-{size[0]}x{size[1]}.png"))
    finally:
        page.close()
