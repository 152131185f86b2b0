"""Building a deck in headless Chromium: every indicator added stays, and the link opens the same deck elsewhere."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

START = "smoking_prevalence"
ADDED = {
    "year6_obesity": "Obesity in Year 6 children",
    "breathe_easy_groups": "Breathe Easy respiratory peer support groups",
    "local_care_partnerships": "Local Care Partnerships",
    "echt_placements": "Enhanced Care Home Team placements",
    "sii_life_expectancy": "Inequality in life expectancy (slope index)",
}
WANTED = [START, *ADDED]


def _chips(box) -> list[str]:
    return [chip.get_attribute("aria-label") for chip in box.locator("[data-tag]").all()]


def _deck_in(url: str) -> list[str]:
    deck = parse_qs(urlsplit(url).query).get("deck", [""])[0]
    return deck.split(",") if deck else []


def _settled(page) -> None:
    """Wait until the page's script run has finished: until then the last run's elements stay on screen
    beside the new ones (two "Next" buttons while a slide is being replaced)."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=30_000)


def _add(page, box, title: str, *, by: str) -> None:
    """Add one indicator with no pause after it: pick it from the list, or type its name and press Enter."""
    field = box.locator("input")
    field.click()
    if by == "click":
        field.fill(title[:14])
        page.get_by_role("option", name=title, exact=True).click()
    else:
        field.press_sequentially(title, delay=5)
        page.get_by_role("option", name=title, exact=True).wait_for(timeout=10_000)
        field.press("Enter")
    page.keyboard.press("Escape")


@pytest.mark.parametrize("by", ["click", "type"])
def test_five_indicators_added_one_after_another_all_stay(server, browser, by):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        page.goto(f"{server}/present?deck={START}", wait_until="domcontentloaded")
        box = page.locator('[data-testid="stMultiSelect"]').first
        box.wait_for(timeout=30_000)
        page.get_by_role("button", name="Start presenting").wait_for(timeout=30_000)
        for title in ADDED.values():
            _add(page, box, title, by=by)
        # Every run the additions set off has finished once the link holds the whole deck.
        page.wait_for_url(lambda url: _deck_in(url) == WANTED, timeout=30_000)
        page.wait_for_timeout(1_500)  # and it stays so: no late run takes one back out
        assert _deck_in(page.url) == WANTED
        assert _chips(box) == [START.replace("smoking_prevalence", "Adult smoking prevalence"), *ADDED.values()]
        link = page.locator('[data-testid="stCode"]').inner_text().strip()
        assert _deck_in(link) == WANTED
        # The link is for the reader: the address this page was opened at, never a guess.
        assert link.startswith(f"{server}/present?")
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()
    # Opened by someone else (a separate browser context: no shared session), it is the same deck.
    other = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        shown = other.new_page()
        shown.goto(link, wait_until="domcontentloaded")
        shown.locator(".slide-counter", has_text=f"Slide 1 of {len(WANTED)}").wait_for(timeout=30_000)
        shown.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        for number in range(2, len(WANTED) + 1):
            _settled(shown)
            shown.get_by_role("button", name="Next").click()
            shown.locator(".slide-counter", has_text=f"Slide {number} of {len(WANTED)}").wait_for(timeout=30_000)
        _settled(shown)
        assert _deck_in(shown.url) == WANTED and "slide=6" in shown.url
    finally:
        other.close()
