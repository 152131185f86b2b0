"""Choosing areas on the explorer's map in Chromium: a click adds an area, a box adds those inside, both in the link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

MAP = ".js-plotly-plot:has(path.choroplethlocation)"
# A point inside the n-th drawn LSOA, in page coordinates: found with the path's own geometry, since
# plotly picks the area under the pointer from the map's coordinates, not from the element clicked.
INSIDE = """([n]) => {
  const path = document.querySelectorAll('MAP path.choroplethlocation')[n];
  const box = path.getBBox();
  const matrix = path.getScreenCTM();
  const svg = path.ownerSVGElement;
  for (let i = 1; i < 20; i++) {
    for (let j = 1; j < 20; j++) {
      const p = svg.createSVGPoint();
      p.x = box.x + box.width * i / 20;
      p.y = box.y + box.height * j / 20;
      if (path.isPointInFill(p)) {
        const q = p.matrixTransform(matrix);
        return [q.x, q.y];
      }
    }
  }
  return null;
}""".replace("MAP", MAP)


def _groups(url: str) -> list[str]:
    query = parse_qs(urlsplit(url).query)
    return query.get("groups", [""])[0].split(",") if query.get("filter") == ["lsoa"] else []


def _map_ready(page) -> None:
    page.locator(MAP).first.wait_for(timeout=90_000)
    page.wait_for_function(f"document.querySelectorAll('{MAP} path.choroplethlocation').length >= 482", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def test_clicking_and_boxing_areas_on_the_map_changes_the_selection_and_the_link(server, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 1000})
    try:
        page.goto(f"{server}/explorer?tab=map", wait_until="domcontentloaded")
        _map_ready(page)
        page.locator(MAP).first.scroll_into_view_if_needed()
        _map_ready(page)
        point = page.evaluate(INSIDE, [40])
        assert point is not None
        page.mouse.move(*point)
        page.mouse.click(*point)
        page.wait_for_function("() => location.search.includes('filter=lsoa')", timeout=60_000)
        first = _groups(page.url)
        assert len(first) == 1 and first[0].startswith("E01")
        assert page.locator('[data-testid="stException"]').count() == 0

        # Draw a box with the map's own tool: every area inside is added, the one clicked stays.
        _map_ready(page)
        page.locator(MAP).first.scroll_into_view_if_needed()
        chart = page.locator(MAP).first
        chart.hover()
        chart.locator('[data-title="Box Select"]').click()
        area = chart.locator(".choroplethlayer").first.bounding_box()
        x0, y0 = area["x"] + area["width"] * 0.45, area["y"] + area["height"] * 0.45
        page.mouse.move(x0, y0)
        page.mouse.down()
        page.mouse.move(x0 + area["width"] * 0.1, y0 + area["height"] * 0.1, steps=8)
        page.mouse.up()
        page.wait_for_function(
            "(n) => (new URLSearchParams(location.search).get('groups') || '').split(',').length > n",
            arg=len(first),
            timeout=60_000,
        )
        boxed = _groups(page.url)
        assert set(first) <= set(boxed) and len(boxed) > 1
        metric = page.locator('[data-testid="stMetricValue"]').first
        metric.wait_for(timeout=30_000)
        page.wait_for_function(
            "(n) => document.querySelector('[data-testid=\"stMetricValue\"]').innerText.trim() === String(n)",
            arg=len(boxed),
            timeout=60_000,
        )
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()


def test_each_view_is_drawn_when_opened_and_named_in_the_link(server, browser):
    """The plain link opens 'Who lives there' alone; a click on a view draws it, the link names it, and the page
    asks nothing of any other host on the way."""
    own = urlsplit(server).netloc
    requested: list[str] = []
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(f"{server}/explorer", wait_until="domcontentloaded")
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
        assert page.locator(MAP).count() == 0  # the map is drawn only when its view is opened
        for label, name in (("Map", "map"), ("Life expectancy", "life"), ("Who lives there", None)):
            page.get_by_role("tab", name=label).click()
            page.wait_for_function(
                "(tab) => new URLSearchParams(location.search).get('tab') === tab", arg=name, timeout=60_000
            )
            if name == "map":
                _map_ready(page)
            elif name == "life":
                page.locator('.js-plotly-plot:has-text("Selected MSOAs")').first.wait_for(timeout=60_000)
            else:
                # The deprivation profile: a row per IoD domain.
                page.locator('.js-plotly-plot:has-text("Income")').first.wait_for(timeout=60_000)
                assert page.locator(MAP).count() == 0
        assert page.locator('[data-testid="stException"]').count() == 0
        elsewhere = [
            u for u in requested if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != own
        ]
        assert elsewhere == []
    finally:
        page.close()
