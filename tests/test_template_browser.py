"""A counts-template import on its indicator page in Chromium: the splits apart, suppressed groups named.

The dashboard runs on a scratch copy of the synthetic store with the synthetic template imported; a
screenshot of the page is kept in tests/screenshots for a person to look at.
"""

from __future__ import annotations

import json

import pytest

from bench.serving import serve_process
from indicators.imports.options import ImportOptions
from indicators.imports.service import commit_import, prepare_import
from tests.import_helpers import TEMPLATE, synthetic_template
from tests.test_browser import SCREENSHOTS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory, synthetic_dir, chromium_path):
    data = tmp_path_factory.mktemp("template_browser") / "data"
    data.mkdir()
    for path in synthetic_dir.glob("*.parquet"):
        (data / path.name).write_bytes(path.read_bytes())
    prepared = prepare_import(
        synthetic_template(),
        file_name=TEMPLATE.name,
        kind="template",
        options=ImportOptions(title="Synthetic test proportion", who="Test analyst"),
        data_dir=data,
    )
    folder = commit_import(prepared, data_dir=data)
    assert json.loads((folder / "manifest.json").read_text())["rows_read"] > 0
    with serve_process("dashboard.py", env={"INDICATORS_DATA_DIR": str(data)}, timeout=90) as (url, _process):
        yield url


def test_template_splits_are_drawn_apart_with_suppressed_groups_named(served, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        page.goto(f"{served}/indicator?id=local_synthetic_test_proportion")
        page.get_by_text("By deprivation within Leeds").first.wait_for(timeout=90_000)
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=60_000)
        # The trend of all of Leeds and one chart per split: deciles, Leeds fifths, the most deprived tenth.
        page.locator(".js-plotly-plot").nth(3).wait_for(timeout=60_000)
        assert page.locator(".js-plotly-plot").count() == 4
        assert page.locator('[data-testid="stException"]').count() == 0
        # The word is drawn in the plot itself, at each hidden group's place on the axis.
        drawn = page.locator(".js-plotly-plot .annotation-text").evaluate_all("els => els.map(e => e.textContent)")
        assert drawn.count("suppressed") >= 3
        assert any(text.startswith("All of Leeds") for text in drawn)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "indicator-template-1366.png"))
        for n in range(1, 4):
            chart = page.locator(".js-plotly-plot").nth(n)
            chart.scroll_into_view_if_needed()
            chart.screenshot(path=str(SCREENSHOTS / f"indicator-template-split-{n}.png"))
    finally:
        page.close()
