"""The migration: the earlier status log and import folders go into the records database, losing nothing.

Run on both engines; running it twice gives the same database as running it once.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from indicators.actions.status_log import read_log
from indicators.imports.options import ImportOptions
from indicators.imports.problems import ImportFailed
from indicators.imports.service import commit_import, prepare_import
from indicators.store import layers
from indicators.store.database import Database, imports, known_items, status_updates
from indicators.store.load import load_store
from indicators.store.migrate import NOT_IN_STORE, main
from tests.database_helpers import fresh_database
from tests.import_helpers import FINGERTIPS

LINES = [
    {"item_id": "R1.1", "status": "on track", "status_date": "2010-05-01", "note": "Met in May", "who": "A",
     "recorded_at": "2010-05-02T09:00:00.000000Z"},
    {"item_id": "R1.1", "status": "done", "status_date": "2010-06-01", "note": "Signed off, ünïcode kept", "who": "B",
     "recorded_at": "2010-06-02T09:00:00.123456Z"},
    {"item_id": "X9.9", "status": "at risk", "status_date": "2010-06-01", "note": "An item since removed", "who": "C",
     "recorded_at": "2010-06-03T10:00:00.000000Z"},
]  # fmt: skip
DAMAGED = '{"item_id": "R1.1", "status": "fin'


def _legacy_log(state: Path) -> Path:
    state.mkdir(parents=True, exist_ok=True)
    path = state / "status_updates.jsonl"
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in LINES[:2])
    path.write_text(text + "\n" + DAMAGED + "\n" + json.dumps(LINES[2], ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _legacy_import(source: Path, target: Path, tmp_path: Path) -> str:
    """An import folder of the earlier layout: a real import made elsewhere, copied to imports/<import_id>/."""
    prepared = prepare_import(
        FINGERTIPS.read_bytes(),
        file_name=FINGERTIPS.name,
        kind="fingertips",
        options=ImportOptions(who="Earlier analyst", value_type="percentage"),
        data_dir=source,
    )
    with fresh_database("sqlite", tmp_path) as url, pytest.MonkeyPatch.context() as patch:
        patch.setenv("INDICATORS_DATABASE_URL", url)
        folder = commit_import(prepared, data_dir=source)
    import_id = folder.name
    shutil.copytree(folder, target / "imports" / import_id)
    return import_id


def _everything(database: Database) -> dict[str, list[tuple]]:
    with database.reading() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(sa.select(table).order_by(*table.primary_key))]
            for table in (known_items, status_updates, imports)
        }


@pytest.fixture
def legacy(records_url, data_copy, tmp_path, synthetic_dir, monkeypatch):
    """A data folder as the earlier version left it: a JSON-lines status log and one import folder."""
    other = tmp_path / "elsewhere"
    shutil.copytree(data_copy, other)
    (tmp_path / "scratch").mkdir()
    import_id = _legacy_import(other, data_copy, tmp_path / "scratch")
    log = _legacy_log(data_copy / "state")
    monkeypatch.setenv("INDICATORS_STATE_DIR", str(data_copy / "state"))
    return data_copy, import_id, log


def test_before_migrating_the_earlier_records_are_named_as_left_out(legacy):
    data_dir, import_id, _ = legacy
    store = load_store(data_dir=data_dir, strict=False)
    assert "indicators.store.migrate" in str(store.problems["imports"]) and import_id in str(store.problems["imports"])
    updates, problems = read_log()
    assert updates == [] and "3 updates in the earlier log" in problems[0]


def test_an_import_waits_for_the_migration(legacy):
    """An import checked against a registry that misses earlier imports could pass a conflict: it is refused."""
    data_dir, _, _ = legacy
    prepared = prepare_import(
        FINGERTIPS.read_bytes().replace(b"Leeds", b"Leeds "),
        file_name="other.csv",
        kind="fingertips",
        options=ImportOptions(who="Analyst", value_type="percentage"),
        data_dir=data_dir,
    )
    with pytest.raises(ImportFailed, match=r"indicators\.store\.migrate"):
        commit_import(prepared, data_dir=data_dir)


def test_the_migration_loses_nothing_and_running_it_twice_changes_nothing(legacy, records_url, capsys):
    data_dir, import_id, log = legacy
    log_before = log.read_bytes()
    folder_before = sorted(p.name for p in (data_dir / "imports" / import_id).iterdir())

    assert main(["--data-dir", str(data_dir)]) == 1  # the damaged line is left out, and said
    out = capsys.readouterr().out
    assert "Status updates: 3 added, 0 already held." in out
    assert "Imports: 1 registered, 0 already held." in out
    assert "line 3: could not be read" in out and "kept in the file" in out
    database = Database(records_url)
    once = _everything(database)

    updates, problems = read_log()
    assert problems == []
    assert [(u.item_id, u.status, u.note, u.who) for u in updates] == [
        (line["item_id"], line["status"], line["note"], line["who"]) for line in LINES
    ]
    assert updates[1].recorded_at.microsecond == 123456
    origins = {row[0]: row[1] for row in once["known_items"]}
    assert origins["X9.9"] == NOT_IN_STORE and origins["R1.1"] != NOT_IN_STORE
    assert layers.list_imports(data_dir)["import_id"].tolist() == [import_id]
    store = load_store(data_dir=data_dir)
    assert "fingertips_990001" in set(store.indicators["indicator_id"])

    assert main(["--data-dir", str(data_dir)]) == 1
    out = capsys.readouterr().out
    assert "Status updates: 0 added, 3 already held." in out and "Imports: 0 registered, 1 already held." in out
    assert _everything(database) == once
    assert log.read_bytes() == log_before  # the earlier log is kept as it was
    assert sorted(p.name for p in (data_dir / "imports" / import_id).iterdir()) == folder_before


def test_a_migrated_import_can_be_undone(legacy):
    data_dir, import_id, _ = legacy
    main(["--data-dir", str(data_dir)])
    layers.remove_layer(data_dir, import_id)
    assert not (data_dir / "imports" / import_id).exists()
    assert layers.list_imports(data_dir).empty
    assert not load_store(data_dir=data_dir, strict=False).problems


def test_the_log_where_earlier_versions_kept_it_is_found(records_url, data_copy, tmp_path, monkeypatch, capsys):
    """Earlier versions kept the log in the repository's data/state/ whatever the data folder: it is read too."""
    from indicators.core import settings

    monkeypatch.delenv("INDICATORS_STATE_DIR", raising=False)
    monkeypatch.setattr(settings, "DATA_DIR", tmp_path / "repository" / "data")
    _legacy_log(tmp_path / "repository" / "data" / "state")
    assert main(["--data-dir", str(data_copy)]) == 1
    assert "Status updates: 3 added" in capsys.readouterr().out
    assert len(read_log(database=Database(records_url))[0]) == 3
