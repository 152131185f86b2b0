"""Every failure reading a table is a message, and a table file altered since the build is named as altered."""

from __future__ import annotations

import json
import random
import shutil
import tomllib
from pathlib import Path

import pytest

from indicators.store import build
from indicators.store.integrity import MANIFEST_NAME, file_sha256
from indicators.store.load import DATA_DIR, StoreError, load_store, read_table
from tests.conftest import REPO


@pytest.fixture
def sealed_copy(tmp_path: Path) -> Path:
    """A copy of the committed tables with the build's manifest of their checksums."""
    target = tmp_path / "data"
    target.mkdir()
    for path in DATA_DIR.glob("*.parquet"):
        shutil.copy2(path, target / path.name)
    shutil.copy2(DATA_DIR / MANIFEST_NAME, target / MANIFEST_NAME)
    return target


def _corrupt(path: Path, rng: random.Random, *, bytes_changed: int = 4) -> None:
    """Overwrite a few bytes at random places, as a failing disk or a careless edit might."""
    data = bytearray(path.read_bytes())
    for _ in range(bytes_changed):
        data[rng.randrange(len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))


def test_the_committed_manifest_lists_every_table_with_its_checksum():
    manifest = json.loads((DATA_DIR / MANIFEST_NAME).read_text(encoding="utf-8"))
    for path in DATA_DIR.glob("*.parquet"):
        assert manifest["tables"][path.stem]["sha256"] == file_sha256(path), path.name


def test_an_altered_table_is_named_as_altered_and_not_read(sealed_copy):
    """Given one changed byte in values.parquet, the loader says it was altered; the other tables still load."""
    path = sealed_copy / "values.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    store = load_store(data_dir=sealed_copy, strict=False)
    assert "values" in store.problems
    message = " ".join(store.problems["values"].problems)
    assert "altered" in message and "values.parquet" in message, message
    assert str(sealed_copy) not in message  # no server path
    assert store.has("indicators") and store.has("areas")
    with pytest.raises(StoreError, match="altered"):
        load_store(data_dir=sealed_copy)


@pytest.mark.parametrize("table", ["values", "indicators"])
def test_corruption_fuzz_every_outcome_is_a_message(data_copy, table):
    """Without a manifest, 150 random corruptions each load or give a StoreError: never another exception.

    Before: a few of them raised UnicodeDecodeError, which reached every page as a traceback.
    """
    rng = random.Random(f"fuzz-{table}")
    original = (data_copy / f"{table}.parquet").read_bytes()
    escaped = []
    for _ in range(150):
        (data_copy / f"{table}.parquet").write_bytes(original)
        _corrupt(data_copy / f"{table}.parquet", rng)
        try:
            read_table(table, data_dir=data_copy)
        except StoreError:
            pass
        except Exception as exc:  # the point: nothing else escapes
            escaped.append(f"{type(exc).__name__}: {exc}")
    assert escaped == []


@pytest.mark.parametrize("table", ["values", "indicators", "areas"])
def test_corruption_fuzz_with_the_manifest_names_every_one_as_altered(sealed_copy, table):
    """With the manifest, each of 40 corruptions is refused as altered, none read silently with changed text."""
    rng = random.Random(f"sealed-{table}")
    original = (sealed_copy / f"{table}.parquet").read_bytes()
    named = 0
    for _ in range(40):
        (sealed_copy / f"{table}.parquet").write_bytes(original)
        _corrupt(sealed_copy / f"{table}.parquet", rng)
        if (sealed_copy / f"{table}.parquet").read_bytes() == original:
            continue  # the random bytes happened to be the same
        with pytest.raises(StoreError, match="altered"):
            read_table(table, data_dir=sealed_copy)
        named += 1
    assert named >= 35


def test_a_decoding_error_sets_the_table_aside_with_its_message(data_copy, monkeypatch):
    """Any error while reading a file (here a decoding error) is that table's problem, not a traceback."""
    from indicators.store import load as store_module

    real = store_module._read_parquet

    def broken(path, table):
        if table.name == "indicators":
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
        return real(path, table)

    monkeypatch.setattr(store_module, "_read_parquet", broken)
    store = load_store(data_dir=data_copy, strict=False)
    message = " ".join(store.problems["indicators"].problems)
    assert "indicators.parquet" in message and "could not be read" in message, message
    assert "values" in store.problems  # checked against the indicators, so set aside too
    assert store.has("areas")


def test_the_build_writes_the_manifest_and_the_check_covers_it(tmp_path):
    tables = build.build_tables()
    build.write_tables(tables, data_dir=tmp_path)
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert set(manifest["tables"]) == set(tables)
    assert build.differences(tables, data_dir=tmp_path) == []
    (tmp_path / MANIFEST_NAME).write_text(json.dumps({"tables": {}}), encoding="utf-8")
    assert any("manifest" in line for line in build.differences(tables, data_dir=tmp_path))
    (tmp_path / MANIFEST_NAME).unlink()
    assert any("manifest" in line for line in build.differences(tables, data_dir=tmp_path))


def test_error_details_are_never_shown_to_visitors():
    """Uncaught errors show a generic message: no exception text, type or traceback with server paths."""
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_a_key_column_renamed_by_damage_is_a_message_naming_it(tmp_path):
    """Found by bench/bench_corruption.py: bytes changed inside a column name ('area_code' -> 'area}code')
    made the key-uniqueness check raise KeyError instead of the table's own message."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(
        pa.table(
            {
                "comparator_set": ["core_cities", "core_cities"],
                "area}code": ["E08000035", "E08000025"],
                "rationale": ["a", "b"],
            }
        ),
        tmp_path / "comparators.parquet",
    )
    with pytest.raises(StoreError) as raised:
        read_table("comparators", data_dir=tmp_path)
    message = str(raised.value)
    assert "area_code" in message, message
