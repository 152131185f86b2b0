"""The status log: updates are checked, appended and never overwritten, and concurrent writers lose nothing."""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.synchronize
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from indicators.actions.status_log import (
    STATUSES,
    StatusUpdate,
    StatusUpdateError,
    append_update,
    log_path,
    read_log,
    record_update,
    state_dir,
    status_as_at,
    updates_frame,
)

KNOWN = {"R1.1", "R2.1", "E5.4"}
NOW = datetime(2010, 7, 1, 9, 30, tzinfo=UTC)
GOOD = {
    "item_id": "R1.1",
    "status": "on track",
    "status_date": date(2010, 6, 30),
    "note": "Partnerships met",
    "who": "A",
}


def _record(path: Path, *, at: datetime = NOW, **changes: object) -> StatusUpdate:
    fields = {**GOOD, **changes}
    return record_update(**fields, known_ids=KNOWN, path=path, now=lambda: at)  # type: ignore[arg-type]


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return tmp_path / "state" / "status_updates.jsonl"


def test_an_update_is_appended_with_who_and_when(log: Path) -> None:
    update = _record(log)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0]) == {
        "item_id": "R1.1",
        "status": "on track",
        "status_date": "2010-06-30",
        "note": "Partnerships met",
        "who": "A",
        "recorded_at": "2010-07-01T09:30:00.000000Z",
    }
    assert read_log(path=log) == ([update], [])


def test_later_updates_never_overwrite_earlier_ones(log: Path) -> None:
    _record(log)
    first = log.read_bytes()
    _record(log, at=NOW + timedelta(hours=1), status="done", note="Signed off")
    assert log.read_bytes().startswith(first)
    updates, problems = read_log(path=log)
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
    log: Path, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(StatusUpdateError) as refused:
        _record(log, **changes)
    assert any(message in problem for problem in refused.value.problems), refused.value.problems
    assert message in str(refused.value)
    assert not log.exists()


def test_every_problem_is_named_at_once(log: Path) -> None:
    with pytest.raises(StatusUpdateError) as refused:
        _record(log, item_id="X", status="", who="", note="")
    assert len(refused.value.problems) == 4


def test_status_words_are_cleaned_and_today_is_allowed(log: Path) -> None:
    update = _record(log, status=" On Track ", status_date=NOW.date(), who="  Ann   Smith ")
    assert (update.status, update.status_date, update.who) == ("on track", NOW.date(), "Ann Smith")
    assert STATUSES == ("not started", "on track", "at risk", "done")


def _hammer(path: str, worker: int, count: int, start: multiprocessing.synchronize.Event) -> None:
    start.wait(timeout=60)  # every worker starts writing at the same moment
    for n in range(count):
        update = StatusUpdate(
            item_id="R1.1",
            status=STATUSES[n % 4],
            status_date=date(2010, 1, 1),
            note=f"worker {worker} update {n} " + "x" * 500,  # long lines make torn writes likely if unlocked
            who=f"worker {worker}",
            recorded_at=datetime.now(UTC),
        )
        append_update(update, path=Path(path))


def test_concurrent_writers_lose_no_update(log: Path) -> None:
    """Given 8 processes appending 25 updates each at once, then all 200 are in the log and every line parses."""
    workers, each = 8, 25
    context = multiprocessing.get_context("fork")
    start = context.Event()
    processes = [context.Process(target=_hammer, args=(str(log), w, each, start)) for w in range(workers)]
    for process in processes:
        process.start()
    start.set()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == workers * each
    updates, problems = read_log(path=log)
    assert problems == [] and len(updates) == workers * each
    seen = {(u.who, u.note.split(" ")[3]) for u in updates}
    assert seen == {(f"worker {w}", str(n)) for w in range(workers) for n in range(each)}


def test_a_damaged_line_is_reported_and_kept(log: Path) -> None:
    _record(log)
    with log.open("a", encoding="utf-8") as fh:
        fh.write('{"item_id": "R1.1", "status": "fin')  # a writer that died mid-line
    _record(log, at=NOW + timedelta(minutes=5), status="at risk")
    updates, problems = read_log(path=log)
    assert [u.status for u in updates] == ["on track", "at risk"]
    assert len(problems) == 1 and "line 2" in problems[0] and "kept in the file" in problems[0]
    assert '"status": "fin' in log.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("not json", "Expecting value"),
        ('{"item_id": "R1.1"}', "expected the fields"),
        (
            '{"item_id": "R1.1", "status": "finished", "status_date": "2010-01-01", "note": "n", "who": "w", '
            '"recorded_at": "2010-01-01T00:00:00Z"}',
            "unknown status 'finished'",
        ),
        (
            '{"item_id": "R1.1", "status": "done", "status_date": "2010-01-01", "note": "n", "who": "w", '
            '"recorded_at": "2010-01-01T00:00:00"}',
            "no time zone",
        ),
    ],
    ids=["not json", "missing fields", "unknown status", "naive time"],
)
def test_unreadable_lines_say_why(log: Path, line: str, why: str) -> None:
    log.parent.mkdir(parents=True)
    log.write_text(line + "\n", encoding="utf-8")
    updates, problems = read_log(path=log)
    assert updates == [] and why in problems[0]


def test_a_missing_log_is_empty(log: Path) -> None:
    assert read_log(path=log) == ([], [])


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
    monkeypatch.setenv("INDICATORS_STATE_DIR", str(tmp_path))
    assert state_dir() == tmp_path
    assert log_path() == tmp_path / "status_updates.jsonl"
    monkeypatch.delenv("INDICATORS_STATE_DIR")
    assert state_dir().parts[-2:] == ("data", "state")
