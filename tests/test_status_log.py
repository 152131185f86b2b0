"""Status updates: checked, appended to the records database and never overwritten, on SQLite and PostgreSQL.

The rules are the schema's as well as the code's: a raw UPDATE or DELETE, a status outside the list and an
unknown item are refused by the database itself; ten writers at once lose nothing.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.synchronize
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from indicators.actions.status_log import (
    STATUSES,
    StatusUpdate,
    StatusUpdateError,
    append_update,
    log_path,
    read_log,
    record_update,
    records_database,
    state_dir,
    status_as_at,
    updates_frame,
)
from indicators.store.database import Database

KNOWN = {"R1.1", "R2.1", "E5.4"}
NOW = datetime(2010, 7, 1, 9, 30, tzinfo=UTC)
GOOD = {
    "item_id": "R1.1",
    "status": "on track",
    "status_date": date(2010, 6, 30),
    "note": "Partnerships met",
    "who": "A",
}


def _record(database: Database, *, at: datetime = NOW, **changes: object) -> StatusUpdate:
    fields = {**GOOD, **changes}
    return record_update(**fields, known_ids=KNOWN, database=database, now=lambda: at)  # type: ignore[arg-type]


@pytest.fixture
def db(records_url: str) -> Database:
    return Database(records_url)


def test_an_update_is_stored_with_who_and_when(db: Database) -> None:
    update = _record(db)
    assert update.recorded_at == NOW
    assert read_log(database=db) == ([update], [])
    # The settings name the same database (INDICATORS_DATABASE_URL), as the page finds it.
    assert read_log() == ([update], [])


def test_later_updates_never_overwrite_earlier_ones(db: Database) -> None:
    first = _record(db)
    _record(db, at=NOW + timedelta(hours=1), status="done", note="Signed off")
    updates, problems = read_log(database=db)
    assert updates[0] == first
    assert [u.status for u in updates] == ["on track", "done"] and problems == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"item_id": "R9.9"}, "There is no action or milestone 'R9.9'"),
        ({"item_id": ""}, "There is no action or milestone ''"),
        ({"status": ""}, "Choose a status: not started, on track, at risk, done."),
        ({"status": None}, "Choose a status"),
        ({"status": "finished"}, "'finished' is not a status; use one of: not started, on track, at risk, done."),
        ({"status_date": date(2010, 7, 2)}, "is after today (01 Jul 2010)"),
        ({"status_date": "30/06/2010"}, "is not a date (use YYYY-MM-DD)"),
        ({"who": "   "}, "Say who is recording this update."),
        ({"note": ""}, "Add a short note saying what the status rests on."),
        ({"note": "x" * 2001}, "keep it under 2000"),
    ],
    ids=["unknown id", "empty id", "empty status", "no status", "unknown status", "future date", "bad date",
         "empty who", "empty note", "long note"],
)  # fmt: skip
def test_a_bad_update_is_refused_with_a_clear_message_and_nothing_is_written(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    db = Database(f"sqlite:///{tmp_path / 'records.sqlite'}")
    with pytest.raises(StatusUpdateError) as refused:
        _record(db, **changes)
    assert any(message in problem for problem in refused.value.problems), refused.value.problems
    assert message in str(refused.value)
    assert not (tmp_path / "records.sqlite").exists()


def test_every_problem_is_named_at_once(tmp_path: Path) -> None:
    with pytest.raises(StatusUpdateError) as refused:
        _record(Database(f"sqlite:///{tmp_path / 'r.sqlite'}"), item_id="X", status="", who="", note="")
    assert len(refused.value.problems) == 4


def test_status_words_are_cleaned_and_today_is_allowed(db: Database) -> None:
    update = _record(db, status=" On Track ", status_date=NOW.date(), who="  Ann   Smith ")
    assert (update.status, update.status_date, update.who) == ("on track", NOW.date(), "Ann Smith")
    assert STATUSES == ("not started", "on track", "at risk", "done")


def _raw(db: Database, statement: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(sa.text(statement))


@pytest.mark.parametrize(
    "statement",
    ["UPDATE status_updates SET note = 'rewritten'", "DELETE FROM status_updates",
     "UPDATE status_updates SET status = 'done'"],
    ids=["rewrite a note", "delete", "change a status"],
)  # fmt: skip
def test_the_schema_refuses_to_change_or_remove_an_update(db: Database, statement: str) -> None:
    """Given a stored update, when anyone (not only this code) tries to change or delete it, the database refuses."""
    update = _record(db)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        _raw(db, statement)
    assert read_log(database=db)[0] == [update]


def test_postgresql_refuses_truncate_too(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("SQLite has no TRUNCATE")
    _record(db)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        _raw(db, "TRUNCATE status_updates")


def _insert_raw(db: Database, *, item: str, status: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO status_updates (item_id, status, status_date, note, who, recorded_at, fingerprint) "
                "VALUES (:item, :status, :day, 'n', 'w', :at, :print)"
            ),
            {"item": item, "status": status, "day": date(2010, 1, 1), "at": NOW, "print": item + status},
        )


def test_the_schema_refuses_an_unknown_status_and_an_unknown_item(db: Database) -> None:
    _record(db)  # R1.1 is now a known item
    with pytest.raises(sa.exc.IntegrityError, match="known_status"):
        _insert_raw(db, item="R1.1", status="finished")
    with pytest.raises(sa.exc.IntegrityError, match=r"(?i)foreign key"):
        _insert_raw(db, item="R9.9", status="done")
    _insert_raw(db, item="R1.1", status="done")  # the same insert with valid values goes in
    assert len(read_log(database=db)[0]) == 2


def _hammer(url: str, worker: int, count: int, start: multiprocessing.synchronize.Event) -> None:
    start.wait(timeout=60)  # every worker starts writing at the same moment
    database = Database(url)
    for n in range(count):
        update = StatusUpdate(
            item_id="R1.1",
            status=STATUSES[n % 4],
            status_date=date(2010, 1, 1),
            note=f"worker {worker} update {n} " + "x" * 500,
            who=f"worker {worker}",
            recorded_at=datetime.now(UTC),
        )
        append_update(update, database=database)
    os._exit(0)  # leave the parent's connections (inherited by fork) alone


def test_ten_concurrent_writers_lose_no_update(db: Database, records_url: str) -> None:
    """Given 10 processes recording 20 updates each at once, then all 200 are kept, each once."""
    workers, each = 10, 20
    _record(db)  # the schema exists before the race, as on a running dashboard
    context = multiprocessing.get_context("fork")
    start = context.Event()
    processes = [context.Process(target=_hammer, args=(records_url, w, each, start)) for w in range(workers)]
    for process in processes:
        process.start()
    start.set()
    for process in processes:
        process.join(timeout=180)
        assert process.exitcode == 0
    updates, problems = read_log(database=db)
    assert problems == [] and len(updates) == workers * each + 1
    seen = {(u.who, u.note.split(" ")[3]) for u in updates[1:]}
    assert seen == {(f"worker {w}", str(n)) for w in range(workers) for n in range(each)}


def test_a_database_never_written_reads_as_empty_and_is_not_created(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'state' / 'records.sqlite'}")
    assert read_log(database=db) == ([], [])
    assert not (tmp_path / "state").exists()


def test_a_read_only_database_is_said_in_words_and_nothing_is_claimed(tmp_path: Path) -> None:
    """A database the dashboard may only read (opened read-only, as on a read-only volume): saving says so."""
    path = tmp_path / "records.sqlite"
    kept = _record(Database(f"sqlite:///{path}"))
    read_only = Database(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(StatusUpdateError) as refused:
        _record(read_only, at=NOW + timedelta(hours=1), status="done")
    message = " ".join(refused.value.problems)
    assert "could not be written" in message and "read-only" in message and "not recorded" in message, message
    assert str(tmp_path) not in message
    assert read_log(database=read_only) == ([kept], [])


def test_a_folder_that_cannot_be_made_is_said_in_words(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the state folder should be", encoding="utf-8")
    with pytest.raises(StatusUpdateError) as refused:
        _record(Database(f"sqlite:///{blocker / 'records.sqlite'}"))
    message = " ".join(refused.value.problems)
    assert "could not be written" in message and "not recorded" in message, message
    assert str(tmp_path) not in message


def test_an_unreachable_server_is_said_in_words() -> None:
    """No server listens on port 1: saving says so, reading says so, and neither shows a traceback."""
    db = Database("postgresql+psycopg://nobody:secret@127.0.0.1:1/records")
    with pytest.raises(StatusUpdateError) as refused:
        _record(db)
    message = " ".join(refused.value.problems)
    assert "could not be reached" in message and "not recorded" in message, message
    assert "secret" not in message
    updates, problems = read_log(database=db)
    assert updates == [] and "could not be read" in problems[0] and "secret" not in problems[0]


def _u(item: str, status: str, day: date, minute: int) -> StatusUpdate:
    return StatusUpdate(item, status, day, "n", "w", NOW + timedelta(minutes=minute))


@pytest.mark.parametrize(
    ("as_at", "expected"),
    [
        (date(2010, 3, 31), {}),
        (date(2010, 4, 1), {"R1.1": "on track"}),
        (date(2010, 5, 15), {"R1.1": "at risk", "R2.1": "not started"}),
        (date(2010, 6, 1), {"R1.1": "done", "R2.1": "not started"}),
    ],
)
def test_status_as_at_a_date_uses_updates_dated_by_then(as_at: date, expected: dict[str, str]) -> None:
    """The latest status date on or before the as-at date wins; for the same date, the later recording wins."""
    updates = [
        _u("R1.1", "on track", date(2010, 4, 1), 0),
        _u("R1.1", "done", date(2010, 6, 1), 1),
        _u("R2.1", "not started", date(2010, 5, 1), 2),
        _u("R1.1", "on track", date(2010, 5, 1), 3),
        _u("R1.1", "at risk", date(2010, 5, 1), 4),  # a correction for the same date, recorded later
    ]
    assert {k: v.status for k, v in status_as_at(updates, as_at=as_at).items()} == expected


def test_history_is_newest_first() -> None:
    updates = [_u("R1.1", "on track", date(2010, 4, 1), 0), _u("R1.1", "done", date(2010, 6, 1), 1)]
    frame = updates_frame(reversed(updates))
    assert list(frame["status"]) == ["done", "on track"]
    assert updates_frame([]).empty


def test_the_state_folder_can_be_moved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("INDICATORS_DATABASE_URL", raising=False)
    monkeypatch.setenv("INDICATORS_STATE_DIR", str(tmp_path))
    assert state_dir() == tmp_path
    assert log_path() == tmp_path / "status_updates.jsonl"
    assert records_database().url == f"sqlite:///{tmp_path / 'records.sqlite'}"
    monkeypatch.delenv("INDICATORS_STATE_DIR")
    assert state_dir().parts[-2:] == ("data", "state")
