"""Writes that fail (a read-only folder, a full disk) are said in words first, and keep what was typed."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from indicators.actions.status_log import StatusUpdateError, record_update
from indicators.imports import service
from indicators.imports.options import ImportOptions
from indicators.imports.problems import ImportFailed
from indicators.store.database import Database
from indicators.store.load import load_store
from tests.conftest import REPO
from tests.import_helpers import FINGERTIPS, folder_hash

FULL_DISK = Path("/dev/full")  # Linux: every write to it fails with "No space left on device"
needs_dev_full = pytest.mark.skipif(not FULL_DISK.exists(), reason="needs Linux's /dev/full")
PASSWORD = "correct horse battery staple"


def _record(path: Path) -> None:
    record_update(
        item_id="R1.1",
        status="done",
        status_date=date(2010, 4, 20),
        note="Partnerships in all five areas",
        who="Board secretary",
        known_ids={"R1.1"},
        database=Database(f"sqlite:///{path}"),
        now=lambda: datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
    )


@needs_dev_full
def test_a_full_disk_is_said_in_words(tmp_path):
    log = tmp_path / "records.sqlite"
    log.symlink_to(FULL_DISK)
    with pytest.raises(StatusUpdateError) as refused:
        _record(log)
    message = " ".join(refused.value.problems)
    assert "disk is full" in message and "not recorded" in message, message
    assert str(tmp_path) not in message


def test_a_folder_that_cannot_be_written_is_said_in_words(tmp_path):
    blocker = tmp_path / "state"
    blocker.write_text("a file where the state folder should be", encoding="utf-8")
    with pytest.raises(StatusUpdateError) as refused:
        _record(blocker / "records.sqlite")
    message = " ".join(refused.value.problems)
    assert "could not be written" in message and "not recorded" in message, message


@needs_dev_full
def test_the_tracker_says_the_save_failed_and_keeps_the_note(tmp_path, monkeypatch):
    """Given a full disk, saving a status shows a message (no traceback) and the note is still in its box."""
    monkeypatch.setenv("INDICATORS_STATE_DIR", str(tmp_path))
    (tmp_path / "records.sqlite").symlink_to(FULL_DISK)
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.secrets["action_tracker"] = {"edit_password": PASSWORD}
    at.query_params["item"] = "R1.1"
    at.switch_page("app_pages/actions.py")
    at.run()
    from tests.test_actions_page import fill_and_save

    note = "Area partnerships established in all five areas"
    fill_and_save(at, status="done", day=date(2010, 4, 20), note=note, who="Board secretary", password=PASSWORD)
    assert not at.exception, at.exception
    assert not at.success
    message = " ".join(e.value for e in at.error)
    assert "disk is full" in message, message
    assert at.text_area(key="tracker_note").value == note


def _prepared(data_dir: Path):
    return service.prepare_import(
        FINGERTIPS.read_bytes(),
        file_name="fingertips_synthetic.csv",
        kind="fingertips",
        options=ImportOptions(who="Analyst", value_type="percentage", polarity="lower_is_better"),
        data_dir=data_dir,
    )


def test_an_import_into_a_folder_that_cannot_be_written_is_refused_in_words(data_copy):
    """Given imports/ that cannot be created, the import says so before claiming anything, and nothing changes."""
    (data_copy / "imports").write_text("in the way", encoding="utf-8")
    before = folder_hash(data_copy)
    problem = service.write_problem(data_copy)
    assert problem is not None and "cannot be written" in problem, problem
    prepared = _prepared(data_copy)
    with pytest.raises(ImportFailed) as refused:
        service.commit_import(prepared, data_dir=data_copy)
    message = " ".join(refused.value.problems)
    assert "cannot be written" in message and "nothing was imported" in message, message
    assert str(data_copy) not in message
    assert folder_hash(data_copy) == before


@needs_dev_full
def test_an_import_on_a_full_disk_is_refused_in_words(data_copy, monkeypatch):
    """Given a disk that fills while the layer is written, the import fails in words and leaves no layer."""
    prepared = _prepared(data_copy)
    real_write = service.layers._write_table

    def to_full_disk(name, frame, path):
        real_write(name, frame, path)
        with open(FULL_DISK, "wb") as full:
            full.write(b"x" * 4096)
            full.flush()
            os.fsync(full.fileno())

    monkeypatch.setattr(service.layers, "_write_table", to_full_disk)
    with pytest.raises(ImportFailed) as refused:
        service.commit_import(prepared, data_dir=data_copy)
    assert "disk is full" in " ".join(refused.value.problems)
    assert service.layers.layer_folders(data_copy) == []


def test_the_import_page_checks_the_folder_before_it_claims_anything():
    """The page asks write_problem first and says 'passes' only after the import is written."""
    source = (REPO / "app_pages" / "import.py").read_text(encoding="utf-8")
    assert "write_problem(" in source
    assert source.index("write_problem(") < source.index("commit_import(")


UNREACHABLE = "postgresql+psycopg://importer:hunter2@127.0.0.1:1/records"


def test_imports_with_the_database_out_of_reach_are_refused_in_words(data_copy, monkeypatch):
    """No server at the configured URL: checking and importing say so, the pages keep the built tables and
    say the imports are left out, and neither the password nor the server's address is shown."""
    monkeypatch.setenv("INDICATORS_DATABASE_URL", UNREACHABLE)
    before = folder_hash(data_copy)
    problem = service.write_problem(data_copy)
    assert problem is not None and "could not be reached" in problem, problem
    with pytest.raises(ImportFailed) as refused:
        _prepared(data_copy)
    message = " ".join(refused.value.problems)
    assert "could not be reached" in message and "hunter2" not in message and "port 1" not in message, message
    store = load_store(data_dir=data_copy, strict=False)
    assert set(store.problems) == {"imports"}, store.problems
    assert "could not be reached" in str(store.problems["imports"])
    assert folder_hash(data_copy) == before


def test_an_import_into_a_read_only_database_is_refused_in_words(data_copy, monkeypatch):
    """A database the process may only read (a read-only volume): checking works, importing says why not."""
    path = data_copy / "state" / "records.sqlite"
    with Database(f"sqlite:///{path}").writing():
        pass  # the database exists, as on a deployment that has been running
    monkeypatch.setenv("INDICATORS_DATABASE_URL", f"sqlite:///file:{path}?mode=ro&uri=true")
    prepared = _prepared(data_copy)
    problem = service.write_problem(data_copy)
    assert problem is not None and "read-only" in problem, problem
    with pytest.raises(ImportFailed) as refused:
        service.commit_import(prepared, data_dir=data_copy)
    message = " ".join(refused.value.problems)
    assert "read-only" in message and "nothing was imported" in message, message
    assert str(data_copy) not in message
    assert service.layers.layer_folders(data_copy) == []
    assert not any((data_copy / "imports" / "layers").glob("*"))
