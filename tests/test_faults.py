"""A missing or broken table stops only the pages that need it: they name it, the rest work as before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from bench.serving import CHROMIUM_FLAGS, serve_process
from indicators.store import layers
from indicators.store.layers import LAYER_TABLES
from indicators.store.load import DEPENDS_ON, IMPORTS, MissingTables, StoreError, load_store, with_dependencies
from indicators.store.schemas import TABLES
from tests.apptest import open_page
from ui.navigation import PAGES, PageSpec

TIMEOUT = 120


def _delete(path: Path) -> None:
    path.unlink()


def _corrupt(path: Path) -> None:
    """Keep Parquet's magic bytes at both ends, so the reader gets past them and finds nonsense inside."""
    size = path.stat().st_size
    path.write_bytes(b"PAR1" + bytes((i * 37) % 251 for i in range(size - 8)) + b"PAR1")


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


FAULTS: dict[str, Callable[[Path], None]] = {"deleted": _delete, "corrupt": _corrupt, "truncated": _truncate}
# What each fault makes the loader say about the file.
SAYS = {"deleted": "is missing from the data folder", "corrupt": "is not a readable Parquet file"}
SAYS["truncated"] = SAYS["corrupt"]
# The full matrix runs with corrupt bytes; the other two kinds on tables of each shape of use.
MATRIX = [("corrupt", name) for name in TABLES] + [
    ("deleted", "indicators"),
    ("deleted", "values"),
    ("deleted", "areas"),
    ("truncated", "indicators"),
    ("truncated", "values"),
]


def _break(folder: Path, name: str, kind: str) -> None:
    FAULTS[kind](folder / f"{name}.parquet")


def _dependents(name: str) -> set[str]:
    """The table itself and every table that depends on it, directly or not."""
    return {other for other in TABLES if name in with_dependencies([other])}


def _needs(spec: PageSpec) -> tuple[str, ...]:
    return with_dependencies(spec.needs)


def _run(spec: PageSpec) -> AppTest:
    return open_page(spec.path, timeout=TIMEOUT).run()


def _refusal(at: AppTest) -> str:
    """The page's error and its details, as one text."""
    return " ".join([e.value for e in at.error] + [c.value for c in at.code])


# --- the loader -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "name"), MATRIX, ids=[f"{k}-{n}" for k, n in MATRIX])
def test_a_broken_table_and_its_dependents_are_set_aside(data_copy, kind, name):
    _break(data_copy, name, kind)
    store = load_store(data_dir=data_copy, strict=False)
    assert set(store.problems) == _dependents(name)
    assert f"file {name}.parquet {SAYS[kind]}" in str(store.problems[name])
    for other in _dependents(name) - {name}:
        assert "which is not usable" in str(store.problems[other])
    for other in store.usable:
        assert len(getattr(store, other)) > 0
    with pytest.raises(MissingTables, match=f"Table '{name}' is not usable"):
        getattr(store, name)
    with pytest.raises(StoreError):
        load_store(data_dir=data_copy)  # the strict load (build check, imports) still refuses


@pytest.mark.parametrize(
    ("table", "column", "bad", "says"),
    [
        ("values", "area_code", "E08999999", "unknown area 'E08999999'"),
        ("indicators", "goal_id", "no_such_goal", "unknown goal 'no_such_goal'"),
        ("action_links", "item_id", "R9", "no action, milestone or group 'R9'"),
        ("comparators", "area_code", "E08999999", "unknown area 'E08999999'"),
        # A reference limited to some rows of its table: an existing element that is a programme, not a goal.
        ("indicators", "goal_id", "prog.prevention", "unknown goal 'prog.prevention'"),
        ("values", "breakdown", "Everyone", "unknown breakdown"),
        ("actions", "source_id", "kpmg_audit", "unknown source 'kpmg_audit'"),
    ],
)
def test_a_table_failing_its_cross_checks_is_set_aside(data_copy, table, column, bad, says):
    path = data_copy / f"{table}.parquet"
    arrow = pq.read_table(path)
    frame = arrow.to_pandas()
    frame.loc[0, column] = bad
    pq.write_table(arrow.from_pandas(frame, schema=arrow.schema, preserve_index=False), path)
    store = load_store(data_dir=data_copy, strict=False)
    assert set(store.problems) == _dependents(table)
    assert says in str(store.problems[table])


def test_require_names_every_missing_table(data_copy):
    _break(data_copy, "areas", "deleted")
    store = load_store(data_dir=data_copy, strict=False)
    store.require("sources", "indicators")
    with pytest.raises(MissingTables) as caught:
        store.require("sources", "areas", "values")
    assert caught.value.tables == ["areas", "values"]
    assert "needs table 'areas', which is not usable" in str(caught.value)


def _registered_empty_import(data_dir: Path) -> Path:
    """An import the registry holds whose folder has a manifest and no tables, so its merge fails."""
    import_id = "20240101-000000-abcdef12"
    with layers.exclusive_lock(data_dir) as connection:
        manifest = {"import_id": import_id, "file_name": "f.csv", "imported_at": "2024-01-01", "sha256": "a" * 64}
        layers.register(connection, manifest, layer_path=f"imports/layers/{import_id}")
        folder = data_dir / "imports" / "layers" / import_id
        folder.mkdir(parents=True)
        (folder / "manifest.json").write_text("{}")
    return folder


def test_imports_are_left_out_when_their_tables_are_broken(data_copy):
    _registered_empty_import(data_copy)
    _break(data_copy, "breakdowns", "corrupt")
    store = load_store(data_dir=data_copy, strict=False)
    assert "not merged in, because table 'breakdowns' is not usable" in str(store.problems[IMPORTS])


def test_a_broken_import_leaves_the_built_tables_usable(data_copy):
    _registered_empty_import(data_copy)  # no tables: the merge fails
    store = load_store(data_dir=data_copy, strict=False)
    assert list(store.problems) == [IMPORTS]
    assert set(store.usable) == set(TABLES)


def test_dependencies_name_only_tables_of_the_store():
    assert all(set(deps) <= set(TABLES) for deps in DEPENDS_ON.values())
    assert set(LAYER_TABLES) <= set(TABLES)


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_every_page_declares_the_tables_it_needs(spec):
    assert spec.needs and set(spec.needs) <= set(TABLES)


# --- the pages --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "name"), MATRIX, ids=[f"{k}-{n}" for k, n in MATRIX])
def test_each_page_works_or_names_the_broken_table(data_copy, monkeypatch, kind, name):
    """Given one broken table, when each page opens, then it renders as usual or says the table is broken."""
    _break(data_copy, name, kind)
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(data_copy))
    for spec in PAGES:
        at = _run(spec)
        assert not at.exception, (spec.url_path, at.exception)
        if name in _needs(spec):
            text = _refusal(at)
            assert f"'{name}'" in text and SAYS[kind] in text, (spec.url_path, text)
            assert at.title[0].value == spec.title
            working = [p for p in PAGES if name not in _needs(p)]
            links = [link.proto.label for link in at.get("page_link")]
            assert links == [p.title for p in working] or (not working and not links), spec.url_path
            if not working:
                assert "No page can be shown until the data is fixed." in [m.value for m in at.markdown]
        else:
            assert not at.error, (spec.url_path, [e.value for e in at.error])
            assert at.title, spec.url_path
            assert any(f"'{name}'" in c.value for c in at.caption), "a notice names what is unavailable"


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_each_page_works_with_every_table_it_does_not_need_broken(data_copy, monkeypatch, spec):
    """The strongest form of the matrix: a page that reads an undeclared table fails here."""
    others = [name for name in TABLES if name not in _needs(spec)]
    for name in others:
        _break(data_copy, name, "corrupt")
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(data_copy))
    at = _run(spec)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title


def test_a_fixed_file_is_loaded_again(data_copy, monkeypatch, tmp_path):
    """The cached store of a broken folder is not kept once the file is put back."""
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(data_copy))
    overview = PAGES[0]
    good = (data_copy / "values.parquet").read_bytes()
    _break(data_copy, "values", "corrupt")
    assert "'values'" in _refusal(_run(overview))
    (data_copy / "values.parquet").write_bytes(good)
    at = _run(overview)
    assert not at.exception and not at.error


# --- in Chromium ------------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_chromium_shows_the_broken_table_and_keeps_the_other_pages(data_copy, chromium_path):
    """With values.parquet corrupt, the Sources page and the Action tracker work and the Overview names the table."""
    from playwright.sync_api import sync_playwright

    _break(data_copy, "values", "corrupt")
    with (
        serve_process("dashboard.py", env={"INDICATORS_DATA_DIR": str(data_copy)}) as (url, _),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        try:
            shown = (
                ("sources", "Sources and definitions", "stDataFrame"),
                ("actions", "Action tracker", "stPlotlyChart"),
            )
            for path, title, drawn in shown:
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.goto(f"{url}/{path}", wait_until="domcontentloaded")
                page.locator('[data-testid="stMain"] h1', has_text=title).wait_for(timeout=60_000)
                page.locator(f'[data-testid="{drawn}"]').first.wait_for(state="attached", timeout=60_000)
                assert page.locator('[data-testid="stException"]').count() == 0
                assert page.locator('[data-testid="stAlertContentError"]').count() == 0
                assert "'values'" in page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
                page.close()
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(url, wait_until="domcontentloaded")
            error = page.locator('[data-testid="stAlertContentError"]')
            error.wait_for(timeout=60_000)
            assert "needs the table 'values'" in error.inner_text()
            assert "values.parquet is not a readable Parquet file" in page.locator("code").first.inner_text()
            assert page.locator('[data-testid="stException"]').count() == 0
            assert page.locator('[data-testid="stMain"] [data-testid="stPageLink-NavLink"]').count() == 2
            page.close()
        finally:
            browser.close()
