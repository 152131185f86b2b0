"""Status updates for actions and milestones: an append-only JSON-lines log, never rewritten.

The log lives outside the built store (the store is rebuilt from published sources; the
log is what people record). Each update is one line appended under an exclusive lock, so
two people saving at once both keep their update. Reading never changes the file: a line
that cannot be read is reported with its number and skipped, and stays in the file.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from indicators.core import settings
from indicators.core.settings import DATA_DIR

STATUSES = ("not started", "on track", "at risk", "done")
STATE_DIR = DATA_DIR / "state"
LOG_NAME = "status_updates.jsonl"
MAX_NOTE = 2000
MAX_WHO = 120
FIELDS = ("item_id", "status", "status_date", "note", "who", "recorded_at")


class StatusUpdateError(ValueError):
    """An update was refused; `problems` lists every reason in plain words."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("The update was not saved: " + " ".join(self.problems))


@dataclass(frozen=True)
class StatusUpdate:
    """One recorded status: which item, what status, as at which date, why, by whom, and when it was recorded."""

    item_id: str
    status: str
    status_date: date
    note: str
    who: str
    recorded_at: datetime


def state_dir() -> Path:
    """Where the log is kept: INDICATORS_STATE_DIR if set (tests, deployments), else data/state."""
    return Path(settings.value("INDICATORS_STATE_DIR") or STATE_DIR)


def log_path(*, folder: Path | None = None) -> Path:
    """The status log file inside the state folder."""
    return (folder or state_dir()) / LOG_NAME


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def check_update(
    *,
    item_id: str,
    status: str | None,
    status_date: object,
    note: str | None,
    who: str | None,
    known_ids: Collection[str],
    today: date,
    recorded_at: datetime,
) -> StatusUpdate:
    """Validate an update and return it cleaned; raise StatusUpdateError naming every problem."""
    problems = []
    item = (item_id or "").strip()
    if item not in known_ids:
        example = ", ".join(sorted(known_ids)[:2]) or "none are loaded"
        problems.append(f"There is no action or milestone '{item}' (ids look like {example}).")
    clean_status = (status or "").strip().lower()
    if not clean_status:
        problems.append(f"Choose a status: {', '.join(STATUSES)}.")
    elif clean_status not in STATUSES:
        problems.append(f"'{status}' is not a status; use one of: {', '.join(STATUSES)}.")
    day = _as_date(status_date)
    if day is None:
        problems.append(f"The status date {status_date!r} is not a date (use YYYY-MM-DD).")
    elif day > today:
        problems.append(f"The status date {day:%d %b %Y} is after today ({today:%d %b %Y}); record what is known now.")
    clean_note = (note or "").strip()
    if not clean_note:
        problems.append("Add a short note saying what the status rests on.")
    elif len(clean_note) > MAX_NOTE:
        problems.append(f"The note is {len(clean_note)} characters; keep it under {MAX_NOTE}.")
    clean_who = " ".join((who or "").split())
    if not clean_who:
        problems.append("Say who is recording this update.")
    elif len(clean_who) > MAX_WHO:
        problems.append(f"The name is {len(clean_who)} characters; keep it under {MAX_WHO}.")
    if problems:
        raise StatusUpdateError(problems)
    assert day is not None  # every failing case has been reported above
    return StatusUpdate(item, clean_status, day, clean_note, clean_who, recorded_at.astimezone(UTC))


def _line(update: StatusUpdate) -> str:
    record = asdict(update)
    record["status_date"] = update.status_date.isoformat()
    record["recorded_at"] = update.recorded_at.isoformat(timespec="microseconds").replace("+00:00", "Z")
    return json.dumps(record, ensure_ascii=False) + "\n"


def append_update(update: StatusUpdate, *, path: Path) -> None:
    """Append one update under an exclusive lock; earlier lines are never touched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            # A writer killed mid-line leaves no newline; start on a fresh line so both records survive.
            size = fh.seek(0, os.SEEK_END)
            if size:
                fh.seek(size - 1)
                if fh.read(1) != b"\n":
                    fh.write(b"\n")
            fh.write(_line(update).encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def record_update(
    *,
    item_id: str,
    status: str | None,
    status_date: object,
    note: str | None,
    who: str | None,
    known_ids: Collection[str],
    path: Path,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> StatusUpdate:
    """Check an update and append it to the log; raise StatusUpdateError (and write nothing) if it is refused."""
    moment = now()
    update = check_update(
        item_id=item_id,
        status=status,
        status_date=status_date,
        note=note,
        who=who,
        known_ids=known_ids,
        today=moment.astimezone(UTC).date(),
        recorded_at=moment,
    )
    append_update(update, path=path)
    return update


def _parse_line(text: str) -> StatusUpdate:
    record = json.loads(text)
    if not isinstance(record, dict) or set(record) != set(FIELDS):
        raise ValueError(f"expected the fields {', '.join(FIELDS)}")
    if record["status"] not in STATUSES:
        raise ValueError(f"unknown status {record['status']!r}")
    recorded = datetime.fromisoformat(record["recorded_at"].replace("Z", "+00:00"))
    if recorded.tzinfo is None:
        raise ValueError("recorded_at has no time zone")
    return StatusUpdate(
        item_id=str(record["item_id"]),
        status=record["status"],
        status_date=date.fromisoformat(record["status_date"]),
        note=str(record["note"]),
        who=str(record["who"]),
        recorded_at=recorded.astimezone(UTC),
    )


def read_log(*, path: Path) -> tuple[list[StatusUpdate], list[str]]:
    """Every readable update in file order, and one message per line that could not be read."""
    if not path.is_file():
        return [], []
    with path.open("rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_SH)
        try:
            raw = fh.read()
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    updates, problems = [], []
    for number, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            updates.append(_parse_line(line))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            problems.append(f"{path.name} line {number}: could not be read ({exc}); it is kept in the file.")
    return updates, problems


def updates_frame(updates: Iterable[StatusUpdate]) -> pd.DataFrame:
    """Updates as a table, newest status first (a later status date first, then the later recording)."""
    frame = pd.DataFrame([asdict(u) for u in updates], columns=list(FIELDS))
    if frame.empty:
        return frame
    return frame.sort_values(["status_date", "recorded_at"], ascending=False, kind="stable").reset_index(drop=True)


def status_as_at(updates: Iterable[StatusUpdate], *, as_at: date) -> dict[str, StatusUpdate]:
    """Each item's status as at a date: the update with the latest status date on or before it.

    Two updates with the same status date: the one recorded later wins, so a correction
    is made by recording again, never by editing.
    """
    current: dict[str, StatusUpdate] = {}
    for update in updates:
        if update.status_date > as_at:
            continue
        held = current.get(update.item_id)
        if held is None or (update.status_date, update.recorded_at) > (held.status_date, held.recorded_at):
            current[update.item_id] = update
    return current


__all__ = [
    "STATUSES",
    "StatusUpdate",
    "StatusUpdateError",
    "append_update",
    "check_update",
    "log_path",
    "read_log",
    "record_update",
    "state_dir",
    "status_as_at",
    "updates_frame",
]
