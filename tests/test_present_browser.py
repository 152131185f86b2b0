"""Presenter mode in headless Chromium: arrow keys move through the slides; exports download files."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from indicators.present.pack_pages import WIDE
from indicators.present.pack_profile import pack_profile, split_rows
from indicators.store.load import load_store
from tests.test_browser import SCREENSHOTS

pytestmark = pytest.mark.browser

DECK = "smoking_prevalence,smokers_fewer_since_2011,moving_more"


def _counter(page) -> str:
    return page.locator(".slide-counter").inner_text()


def _wait_for_counter(page, text: str) -> None:
    page.locator(".slide-counter", has_text=text).wait_for(timeout=30_000)


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["laptop", "phone"])
def test_arrow_keys_move_between_slides(server, browser, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        page.goto(f"{server}/present?deck={DECK}&view=present&slide=1&embed=true", wait_until="domcontentloaded")
        _wait_for_counter(page, "Slide 1 of 3")
        page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        # Nothing of the app's frame is in the way of the slide.
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"presenter-slide-{size[0]}x{size[1]}.png"))
        page.keyboard.press("ArrowRight")
        _wait_for_counter(page, "Slide 2 of 3")
        assert "slide=2" in page.url
        page.keyboard.press("ArrowRight")
        _wait_for_counter(page, "Slide 3 of 3")
        assert "No data yet" in page.locator('[data-testid="stMain"]').inner_text()
        page.keyboard.press("ArrowLeft")
        _wait_for_counter(page, "Slide 2 of 3")
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()


def test_powerpoint_downloads_with_one_click(server, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    try:
        page.goto(f"{server}/present?deck={DECK}", wait_until="domcontentloaded")
        button = page.get_by_role("button", name="Download PowerPoint")
        button.wait_for(timeout=30_000)
        with page.expect_download(timeout=90_000) as download:
            button.click()
        assert download.value.suggested_filename.endswith(".pptx")
        prs = Presentation(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
        found = pack_profile(load_store())  # the store the server shows
        extra = len(split_rows(found, WIDE, live=f"{server}/")) if found is not None else 0
        assert extra > 0
        titles = [s.shapes.title.text for s in prs.slides]
        # The cover, the area profile's slides (on by default), then a finding a slide.
        assert len(prs.slides) == 1 + extra + 3
        assert titles[1 : 1 + extra] == [found.finding] * extra
    finally:
        page.close()


def test_chart_data_and_image_download_once_the_section_is_opened(server, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    try:
        page.goto(f"{server}/indicator?id=year6_obesity", wait_until="domcontentloaded")
        page.get_by_text("Data and downloads").first.click()
        button = page.get_by_role("button", name="Download CSV").first
        button.wait_for(timeout=30_000)
        assert page.locator('[data-testid="stDataFrame"]').count() == 1
        with page.expect_download(timeout=60_000) as download:
            button.click()
        assert download.value.suggested_filename == "year6_obesity-ncmp_year6.csv"
        with open(download.value.path(), encoding="utf-8") as written:
            assert written.readline().startswith("Indicator ID,Area code,Area,Group,Period")
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Download PNG").first.click()
        assert download.value.suggested_filename.endswith(".png")
        with open(download.value.path(), "rb") as drawn:
            assert drawn.read(4) == b"\x89PNG"
    finally:
        page.close()
