"""The four export shapes through the Import page in Chromium: uploaded unchanged, landed, shown, undone.

The dashboard runs on a scratch copy of the store with an import password from a scratch secrets file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.serving import serve_process
from indicators.core.settings import DATA_DIR
from indicators.store import layers
from tests.fixtures.make_exports import FOLDER

pytestmark = pytest.mark.browser

PASSWORD = "browser test import password"
SHAPES = [  # file, indicator it lands in, text the indicator page shows for it
    ("a_old_26_columns_areaname_imd2015.csv", "smoking_prevalence", "95% interval"),
    ("b_26_names_25_fields.csv", "smoking_prevalence", "compared with England: Similar"),
    ("c_27_columns_england_only_imd2019.csv", "fingertips_990101", "No Leeds row in this import"),
    ("d_parent_england_squeezed_names_reordered.csv", "sii_life_expectancy", "not one of the Plan's figures"),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory, chromium_path):
    root = tmp_path_factory.mktemp("import_browser")
    data = root / "data"
    data.mkdir()
    for path in DATA_DIR.glob("*.parquet"):
        shutil.copy2(path, data / path.name)
    secrets = root / "secrets.toml"
    secrets.write_text(f'[imports]\nimport_password = "{PASSWORD}"\n', encoding="utf-8")
    env = {"INDICATORS_DATA_DIR": str(data), "STREAMLIT_SECRETS_FILES": str(secrets)}
    with serve_process("dashboard.py", env=env, timeout=90) as (url, _process):
        yield url, data


CHANGE_PASSWORD = "Import password (asked for every change)"


def _unlock(page, url: str) -> None:
    page.goto(f"{url}/import")
    page.get_by_label("Import password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Unlock importing").click()
    page.locator('[data-testid="stFileUploader"]').wait_for(timeout=60_000)


@pytest.mark.parametrize(("name", "indicator", "shown"), SHAPES, ids=[s[0][:1] for s in SHAPES])
def test_an_export_shape_imports_through_the_page_shows_and_undoes(served, browser, name, indicator, shown):
    url, data = served
    page = browser.new_page()
    try:
        _unlock(page, url)
        page.locator('input[type="file"]').set_input_files(str(FOLDER / name))
        page.get_by_label("Your name or team (kept with the import)").fill("Browser test")
        # The password is asked again for the import itself (SECURITY.md: a password for every change).
        page.get_by_label(CHANGE_PASSWORD).first.fill(PASSWORD)
        page.get_by_role("button", name="Import", exact=True).click()
        if name.startswith("c_"):
            page.get_by_text("the file holds no rows for Leeds").first.wait_for(timeout=60_000)
            page.get_by_text("Import it without Leeds rows", exact=True).click()
            page.get_by_role("button", name="Import", exact=True).click()
        page.get_by_text("Imported as").first.wait_for(timeout=90_000)
        listed = layers.list_imports(data)
        assert list(listed["file_name"]) == [name]
        assert listed["indicators"].iloc[0] == indicator

        page.goto(f"{url}/indicator?id={indicator}")
        page.get_by_text(shown).first.wait_for(timeout=90_000)
        page.get_by_text(f"Imported from {name} by Browser test").first.wait_for(timeout=30_000)

        _unlock(page, url)
        page.get_by_text("Yes, remove this import and its rows from every page").click()
        page.get_by_label(CHANGE_PASSWORD).last.fill(PASSWORD)
        page.get_by_role("button", name="Undo import").click()
        page.get_by_text("No imports yet.").wait_for(timeout=60_000)
        assert layers.list_imports(data).empty
        assert not any(Path(data, "imports", "layers").iterdir())
    finally:
        page.close()
