"""Shared fixtures: the committed store, a scratch copy of it to break, and the dashboard in Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.serving import CHROMIUM_FLAGS, find_chromium, serve
from indicators.store.load import DATA_DIR, Store, load_store

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def store() -> Store:
    """The committed store, loaded and checked once for the whole run."""
    return load_store()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of the committed Parquet tables that a test may damage."""
    target = tmp_path / "data"
    target.mkdir()
    for path in DATA_DIR.glob("*.parquet"):
        shutil.copy2(path, target / path.name)
    return target


@pytest.fixture(scope="module")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium installed (.ci/run installs it)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Start the dashboard on a free loopback port and stop it afterwards."""
    with serve("dashboard.py") as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
