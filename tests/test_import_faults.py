"""An import killed at any point leaves the store as it was; two imports at once both land, one after the other."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from bench.bench_import import generate
from indicators.store import layers
from indicators.store.load import Store, load_store
from indicators.store.schemas import TABLES
from tests.conftest import REPO
from tests.import_helpers import FINGERTIPS

# Large enough that writing the layer takes a noticeable moment (about 100,000 rows).
ROWS = 100_000
WAIT = 120


def _content_hash(folder: Path) -> str:
    """sha256 over every file's path and bytes, leaving out the lock file and hidden work folders."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder)
        if relative.name == ".lock" or any(part.startswith((".staging-", ".removing-")) for part in relative.parts):
            continue
        digest.update(str(relative).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _frames(store: Store) -> dict[str, pd.DataFrame]:
    return {name: getattr(store, name) for name in TABLES}


def _assert_same_store(before: dict[str, pd.DataFrame], folder: Path) -> None:
    after = _frames(load_store(data_dir=folder))
    for name in TABLES:
        pd.testing.assert_frame_equal(after[name], before[name], obj=name)


def _add(path: Path, folder: Path) -> subprocess.Popen:
    """Start `python -m indicators.imports add` on a file, printing as it goes."""
    return subprocess.Popen(
        [sys.executable, "-m", "indicators.imports", "--data-dir", str(folder), "add", str(path), "--who", "Test"],
        cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _staging(folder: Path) -> list[Path]:
    return list((folder / "imports").glob(".staging-*"))


def _staged(name: str) -> Callable[[Path], bool]:
    return lambda folder: any((s / name).exists() for s in _staging(folder))


# Moments to kill the import at: while it starts and reads, once it has made its work folder,
# while it writes the big values table, and once everything but the rename is written.
KILL_AT: dict[str, Callable[[Path], bool]] = {
    "reading": lambda folder: False,
    "staging folder made": lambda folder: bool(_staging(folder)),
    "writing values": _staged("values.parquet"),
    "manifest written": _staged("manifest.json"),
}


@pytest.fixture
def big_file(tmp_path: Path, synthetic_store: Store) -> Path:
    path = tmp_path / "generated.csv"
    path.write_bytes(generate(ROWS, sorted(synthetic_store.lsoa_deprivation["lsoa_code"])))
    return path


@pytest.fixture
def with_one_import(data_copy: Path) -> Path:
    """A data folder that already holds one import, so that a killed one must leave it alone too."""
    process = _add(FINGERTIPS, data_copy)
    assert process.wait(timeout=WAIT) == 0, process.stderr.read()
    return data_copy


def _kill_when(process: subprocess.Popen, folder: Path, moment: Callable[[Path], bool], *, after: float) -> bool:
    """SIGKILL the process once `moment` holds (or `after` seconds pass); False if it finished first."""
    started = time.monotonic()
    while process.poll() is None:
        if moment(folder) or time.monotonic() - started > after:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=WAIT)
            return True
        time.sleep(0.001)
    return False


def test_an_import_killed_at_any_point_leaves_the_store_as_it_was(with_one_import, big_file):
    folder = with_one_import
    before_hash = _content_hash(folder)
    before = _frames(load_store(data_dir=folder))
    killed = []
    for name, moment in KILL_AT.items():
        process = _add(big_file, folder)
        # "reading" fires on time alone; the others wait for their moment, with time as a last resort.
        was_killed = _kill_when(process, folder, moment, after=1.5 if name == "reading" else WAIT)
        landed = [row.import_id for row in layers.list_imports(folder).itertuples() if row.file_name == big_file.name]
        if was_killed and not landed:
            killed.append(name)
            assert _content_hash(folder) == before_hash, name
            _assert_same_store(before, folder)
        else:
            # It got as far as the rename: the import is whole. Take it out to try the next moment.
            assert len(landed) == 1, name
            layers.remove_layer(folder, landed[0])
    # The moments are seen on the folder itself, so most kills land mid-import however fast the machine is.
    assert len(killed) >= 3, killed

    process = _add(big_file, folder)
    out, err = process.communicate(timeout=WAIT)
    assert process.returncode == 0, err
    assert "Imported as" in out
    assert not _staging(folder), "a leftover work folder is cleared by the next import"
    store = load_store(data_dir=folder)
    stored = layers.list_imports(folder).set_index("file_name").at[big_file.name, "rows_stored"]
    assert stored > 50_000
    assert len(store.values) == len(before["values"]) + stored


def test_two_imports_at_once_both_land(data_copy, synthetic_store: Store, tmp_path: Path):
    lsoas = sorted(synthetic_store.lsoa_deprivation["lsoa_code"])
    first = tmp_path / "first.csv"
    second = tmp_path / "second.csv"
    first.write_bytes(generate(50_000, lsoas))
    # The same layout with other indicator ids, so the two files differ.
    second.write_bytes(generate(50_000, lsoas).replace(b"\r\n9901", b"\r\n9902"))
    built = len(load_store(data_dir=data_copy).values)
    # Hold the lock until both have checked their file and wait for it, so they truly meet at the write.
    with layers.exclusive_lock(data_copy):
        processes = [_add(first, data_copy), _add(second, data_copy)]
        for process in processes:
            line = process.stdout.readline()
            assert "rows read" in line, process.stderr.read()
        time.sleep(0.2)
        assert all(p.poll() is None for p in processes), "both wait for the lock"
        assert layers.list_imports(data_copy).empty
    results = [p.communicate(timeout=WAIT) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [err for _, err in results]
    imports = layers.list_imports(data_copy)
    assert sorted(imports["file_name"]) == ["first.csv", "second.csv"]
    loaded = load_store(data_dir=data_copy)
    assert len(loaded.values) == built + imports["rows_stored"].sum()
    assert {"fingertips_990100", "fingertips_990200"} <= set(loaded.indicators["indicator_id"])
