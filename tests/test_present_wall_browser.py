"""Slides on the wall, measured in headless Chromium at 1920 x 1080 and 1280 x 720; screenshots kept to look at."""

from __future__ import annotations

import pytest

from tests.test_browser import SCREENSHOTS

pytestmark = pytest.mark.browser

# A trend with a period marked "(see note)", an inequality trend by sex, a single figure, and a measure with no data.
DECK = "reception_obesity,sii_life_expectancy,smokers_fewer_since_2011,moving_more"
MEASURE = """() => {
  const chart = document.querySelector('.st-key-slide-chart .js-plotly-plot');
  const finding = document.querySelector('h1.slide-finding');
  const style = getComputedStyle(finding);
  const texts = [...document.querySelectorAll('.st-key-slide-chart svg text')]
    .filter(t => t.textContent.trim()).map(t => parseFloat(getComputedStyle(t).fontSize));
  const foot = document.querySelector('.slide-foot');
  return {
    chart: chart ? chart.getBoundingClientRect().height : 0,
    findingLines: Math.round(finding.getBoundingClientRect().height / parseFloat(style.lineHeight)),
    smallestChartText: texts.length ? Math.min(...texts) : null,
    toolbars: document.querySelectorAll('.modebar').length,
    foot: parseFloat(getComputedStyle(foot).fontSize),
    notes: [...document.querySelectorAll('.slide-note')].map(n => n.innerText),
    marks: [...document.querySelectorAll('.st-key-slide-chart svg text')]
      .filter(t => t.textContent.includes('(see note)')).length,
    overflow: document.querySelector('[data-testid="stMain"]').scrollHeight > window.innerHeight + 1,
  };
}"""


def _slide(browser, server, size, number):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{server}/present?deck={DECK}&view=present&slide={number}&embed=true", wait_until="domcontentloaded")
    page.locator(".slide-counter", has_text=f"Slide {number} of 4").wait_for(timeout=30_000)
    return page


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["wall", "projector"])
def test_chart_slides_fill_the_wall_in_large_type(server, browser, size):
    for number in (1, 2):
        page = _slide(browser, server, size, number)
        try:
            page.locator(".st-key-slide-chart .js-plotly-plot svg text").first.wait_for(timeout=30_000)
            page.wait_for_timeout(500)
            seen = page.evaluate(MEASURE)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"wall-slide-{number}-{size[0]}x{size[1]}.png"))
            assert seen["chart"] >= 0.6 * size[1], seen
            assert seen["smallestChartText"] >= 24, seen
            assert seen["toolbars"] == 0
            assert seen["findingLines"] <= 2, seen
            assert not seen["overflow"], "the slide runs off the bottom of the screen"
            if size == (1920, 1080):
                assert seen["foot"] >= 24, seen
            # Every "(see note)" on the chart has its note on the slide.
            assert (seen["marks"] > 0) == (len(seen["notes"]) > 0), seen
        finally:
            page.close()


def test_text_slides_say_so_in_large_type(server, browser):
    page = _slide(browser, server, (1920, 1080), 4)
    try:
        statement = page.locator(".slide-nodata")
        statement.wait_for(timeout=30_000)
        assert statement.inner_text().startswith("No data yet")
        assert float(statement.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 48
        assert "Sport England" in page.locator(".slide-elsewhere").inner_text()
        page.screenshot(path=str(SCREENSHOTS / "wall-slide-4-1920x1080.png"))
    finally:
        page.close()
