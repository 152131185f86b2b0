"""Load the store once per version of the data files and share it across sessions."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow
import streamlit as st

from indicators.core import settings
from indicators.core.text import md_escape
from indicators.stats import disclosure
from indicators.store.database import RecordsUnavailable
from indicators.store.integrity import MANIFEST_NAME
from indicators.store.layers import LAYER_TABLES, MANIFEST, layer_folders
from indicators.store.load import IMPORTS, MissingTables, Store, load_store, table_path, with_dependencies
from indicators.store.schemas import TABLES
from ui.navigation import PAGES, PageSpec

if TYPE_CHECKING:
    from streamlit.navigation.page import StreamlitPage

# The system's allocator for Arrow: it returns freed memory, where Arrow's own pools keep it, so the
# server's resident memory after loading is the store itself (about 0.25 GB less at England scale).
pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def current_data_dir() -> Path:
    """The data folder: INDICATORS_DATA_DIR if set (tests, other deployments), else the bundled data."""
    return settings.data_dir()


def data_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of every table file: changes whenever the data does."""
    signature = []
    for name in TABLES:
        path = table_path(name, data_dir=folder)
        stat = path.stat() if path.is_file() else None
        signature.append((name, stat.st_mtime_ns if stat else -1, stat.st_size if stat else -1))
    # The build's manifest decides whether each file is read at all.
    manifest = folder / MANIFEST_NAME
    stat = manifest.stat() if manifest.is_file() else None
    signature.append((MANIFEST_NAME, stat.st_mtime_ns if stat else -1, stat.st_size if stat else -1))
    # Analysts' imports and the suppression threshold change what the merged store holds.
    try:
        registered = layer_folders(folder)
    except RecordsUnavailable:
        registered = []  # the loader says why the imports are left out
        signature.append(("imports: registry unreadable", -1, -1))
    for layer in registered:
        stat = (layer / MANIFEST).stat() if (layer / MANIFEST).is_file() else None
        signature.append((f"imports/{layer.name}", stat.st_mtime_ns if stat else -1, stat.st_size if stat else -1))
    try:
        signature.append(("suppress_up_to", disclosure.threshold(), 0))
    except ValueError:
        signature.append(("suppress_up_to", -1, 0))
    return tuple(signature)


# cache_resource, not cache_data: every session reads the same frames, which are
# never modified after loading, so one copy in memory serves them all. A store with broken
# tables is cached too, under the signature of the broken files: fixing a file changes the
# signature, so the next run loads it afresh.
@st.cache_resource(show_spinner=False, max_entries=2)
def _load(folder: str, signature: tuple[tuple[str, int, int], ...]) -> Store:
    store = load_store(data_dir=Path(folder), strict=False)
    # What Arrow used while reading goes back to the system, not kept for reuse: the server reads
    # the store once per version of the data, and at England scale that is hundreds of MB.
    pyarrow.default_memory_pool().release_unused()
    return store


def refresh_store() -> None:
    """Forget the cached store, so that every page reloads it with a new or removed import."""
    _load.clear()


# The declared page this script run is drawing; each session's run has its own thread, so its own value.
_RUNNING: ContextVar[PageSpec | None] = ContextVar("running_page", default=None)


def run_page(page: StreamlitPage) -> None:
    """Run the page st.navigation chose, with its declaration (ui.navigation) known to get_store()."""
    spec = next(s for s in PAGES if (s.default if page.url_path == "" else s.url_path == page.url_path))
    token = _RUNNING.set(spec)
    try:
        page.run()
    finally:
        _RUNNING.reset(token)


def current_page() -> PageSpec | None:
    """The declared page being run (set by run_page from dashboard.py), or None when a script runs alone."""
    return _RUNNING.get()


def get_store(*, needs: Iterable[str] | None = None) -> Store:
    """The checked store for this page; if a table the page needs is unusable, say which and why, and stop.

    `needs` defaults to the running page's declared tables (ui.navigation), or every table outside a page.
    """
    # The data version is read once per run and kept for the rest of it (store_key), so a run that
    # straddles an import never mixes the old store with results cached from the new one.
    key = _read_key()
    st.session_state[_RUN_KEY] = key
    store = store_for(key)
    page = current_page()
    declared = tuple(needs) if needs is not None else page.needs if page is not None else tuple(TABLES)
    # A table is usable only with the tables it is checked against, so those are named too.
    needed = with_dependencies(declared)
    try:
        store.require(*needed)
    except MissingTables as exc:
        _refuse(page, store, exc)
        st.stop()
        raise  # not reached: st.stop() ends the script run
    _notice(store, needed)
    return store


def _quoted(names: Iterable[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _refuse(page: PageSpec | None, store: Store, exc: MissingTables) -> None:
    """The page's title, which tables stop it and why, and links to the pages that still work."""
    if page is not None:
        st.title(page.title)
    plural = "tables" if len(exc.tables) > 1 else "table"
    st.error(
        f"This page cannot be shown: it needs the {plural} {_quoted(exc.tables)} of the indicator data, "
        "which could not be loaded. Whoever looks after the dashboard can fix it with the details below.",
        icon=":material/error:",
    )
    st.code(str(exc), language=None, wrap_lines=True)
    working = [spec for spec in PAGES if spec is not page and all(store.has(n) for n in with_dependencies(spec.needs))]
    if working:
        st.markdown("These pages do not need that data and still work:")
        for spec in working:
            st.page_link(spec.path, label=spec.title, icon=spec.icon)
    else:
        st.markdown("No page can be shown until the data is fixed.")


def _notice(store: Store, needed: tuple[str, ...]) -> None:
    """A small line on a working page when other data is unusable, and a warning when imports are left out."""
    if not store.problems:
        return
    imports = store.problems.get(IMPORTS)
    if imports is not None and set(needed) & set(LAYER_TABLES):
        st.warning(
            "Imported data is left out of this page because it could not be merged in: "
            + md_escape("; ".join(imports.problems[:3])),
            icon=":material/warning:",
        )
    others = [name for name in store.problems if name != IMPORTS]
    if others:
        plural = "tables" if len(others) > 1 else "table"
        st.caption(
            f":material/warning: Some of the indicator data could not be loaded (the {plural} {_quoted(others)}): "
            "pages that need it say what is wrong."
        )


StoreKey = tuple[str, str]
_RUN_KEY = "_data_version"  # session state: the data version this session's current run uses
# The file signature behind each recent data version, so a key finds its files again; bounded, since a
# deployment that imports often would otherwise keep every version it ever saw.
_SIGNATURES: OrderedDict[StoreKey, tuple[tuple[str, int, int], ...]] = OrderedDict()
_VERSIONS_KEPT = 8


def _read_key() -> StoreKey:
    folder = current_data_dir()
    signature = data_signature(folder)
    key = (str(folder), hashlib.sha1(repr(signature).encode(), usedforsecurity=False).hexdigest())
    _SIGNATURES[key] = signature
    _SIGNATURES.move_to_end(key)
    while len(_SIGNATURES) > _VERSIONS_KEPT:
        _SIGNATURES.popitem(last=False)
    return key


def store_key() -> StoreKey:
    """A short hashable name for the data version in use: the folder and a digest of its files' signature.

    Within a page run it is the version get_store() loaded, read once; cached results take it as
    their first argument, and a short key keeps their lookups cheap.
    """
    key = st.session_state.get(_RUN_KEY)
    return key if key in _SIGNATURES else _read_key()


def store_for(key: StoreKey) -> Store:
    """The loaded store for a key from store_key (shared, read-only)."""
    return _load(key[0], _SIGNATURES[key])
