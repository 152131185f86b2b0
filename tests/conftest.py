"""Shared fixtures: the synthetic store code tests run on, the committed store data audits read, and Chromium.

Code tests use `synthetic_store` (loaded), `synthetic_dir` (its folder, read-only), `data_copy` (a scratch
copy of it to damage) or `synthetic_app` (the dashboard's data folder pointed at it for AppTest). Tests
that audit the shipped data use `store` (the committed tables) and carry the `data_audit` marker.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.serving import CHROMIUM_FLAGS, find_chromium, serve
from indicators.store.load import DATA_DIR, Store, load_store
from tests.database_helpers import fresh_database
from tests.synthetic import write_synthetic_store

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def store() -> Store:
    """The committed store, loaded and checked once for the whole run: for data audits only."""
    return load_store()


@pytest.fixture(scope="session")
def synthetic_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic store written once for the whole run; read it, never change it (see `data_copy`)."""
    return write_synthetic_store(tmp_path_factory.mktemp("synthetic") / "data")


@pytest.fixture(scope="session")
def synthetic_store(synthetic_dir: Path) -> Store:
    """The synthetic store, loaded strictly once for the whole run."""
    return load_store(data_dir=synthetic_dir)


def _copy_tables(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    for path in source.glob("*.parquet"):
        shutil.copy2(path, target / path.name)
    return target


@pytest.fixture
def data_copy(tmp_path: Path, synthetic_dir: Path) -> Path:
    """A scratch copy of the synthetic store's Parquet tables that a test may damage."""
    return _copy_tables(synthetic_dir, tmp_path)


@pytest.fixture
def committed_copy(tmp_path: Path) -> Path:
    """A scratch copy of the committed Parquet tables, for the few tests that need the shipped data."""
    return _copy_tables(DATA_DIR, tmp_path)


@pytest.fixture
def synthetic_app(synthetic_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the dashboard at the synthetic store for a test that opens pages under AppTest."""
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(synthetic_dir))
    return synthetic_dir


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


@pytest.fixture(autouse=True)
def fresh_password_throttle() -> Iterator[None]:
    """Every test starts with no wrong passwords counted (the throttle is shared by the whole process)."""
    from ui import auth

    auth.THROTTLE.succeeded(list(auth.THROTTLE._records))
    yield


# The records database tests run on both engines. PostgreSQL needs a server: CI starts one (.ci/run) and
# sets INDICATORS_TEST_POSTGRES_URL; locally, without it, those cases are skipped and say why.
ENGINES = ("sqlite", "postgresql")
POSTGRES_URL = "INDICATORS_TEST_POSTGRES_URL"


def postgres_base_url() -> str:
    """The test server's URL, or skip (fail in CI) when there is none."""
    base = os.environ.get(POSTGRES_URL, "").strip()
    if not base:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL cases: .ci/run starts a server and sets {POSTGRES_URL}")
        pytest.skip(f"no PostgreSQL server for the tests: set {POSTGRES_URL} (see CONTRIBUTING.md)")
    return base


@pytest.fixture(params=ENGINES)
def records_url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An empty records database on each engine in turn, which the settings name (INDICATORS_DATABASE_URL)."""
    folder = tmp_path / "records"
    folder.mkdir()
    base = postgres_base_url() if request.param == "postgresql" else None
    with fresh_database(request.param, folder, postgres_url=base) as url:
        monkeypatch.setenv("INDICATORS_DATABASE_URL", url)
        yield url
