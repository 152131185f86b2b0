"""Status updates for actions and milestones: appended to the records database, never rewritten.

The updates live outside the built store (the store is rebuilt from published sources; the updates
are what people record), in the records database (indicators.store.database): SQLite in the state
folder by default, PostgreSQL when configured. The schema itself refuses a change or removal of an
update, a status outside STATUSES and an item that is not a known action or milestone; each update is
one write transaction, so people saving at once all keep their update. The earlier JSON-lines log is
brought in by `python -m indicators.store.migrate`; until then reading says it is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from indicators.core import settings
from indicators.store import status_records
from indicators.store.database import STATUSES, Database, RecordsUnavailable
from indicators.store.database import state_dir as _state_dir
from indicators.store.migrate import earlier_logs

LOG_NAME = status_records.LEGACY_LOG
MAX_NOTE = 2000
MAX_WHO = 120
FIELDS = status_records.FIELDS
# What the reference table of known items records for an item added when an update is saved.
STORE_ORIGIN = "action or milestone in the store"


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
    """The state folder: INDICATORS_STATE_DIR if set (tests, deployments), else the data folder's state/."""
    return _state_dir()


def log_path(*, folder: Path | None = None) -> Path:
    """Where the earlier JSON-lines log sits, if there is one (the migration reads it)."""
    return (folder or state_dir()) / LOG_NAME


def records_database() -> Database:
    """The records database the settings name (INDICATORS_DATABASE_URL, else SQLite in the state folder)."""
    return Database.for_data()


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


def append_update(update: StatusUpdate, *, database: Database | None = None) -> None:
    """Append one checked update in its own transaction; earlier updates are never touched.

    A write that fails (read-only folder, database out of reach) or that the schema refuses raises
    StatusUpdateError saying so in words.
    """
    database = database or records_database()
    try:
        status_records.append(database, asdict(update), origin=STORE_ORIGIN)
    except RecordsUnavailable as exc:
        raise StatusUpdateError(
            [
                f"The status update could not be saved: {exc}. The update was not recorded; "
                "what you typed is kept in the form. Tell whoever runs the dashboard."
            ]
        ) from None
    except sa.exc.IntegrityError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "a rule of the database"
        raise StatusUpdateError([f"The database refused the update ({reason}); nothing was recorded."]) from None


def record_update(
    *,
    item_id: str,
    status: str | None,
    status_date: object,
    note: str | None,
    who: str | None,
    known_ids: Collection[str],
    database: Database | None = None,
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
    append_update(update, database=database)
    return update


def read_log(*, database: Database | None = None) -> tuple[list[StatusUpdate], list[str]]:
    """Every update in the order recorded, and messages in words for what could not be read.

    A database out of reach gives no updates and says so; updates of the earlier JSON-lines log that
    are not in the database yet are named as left out, with the command that brings them in.
    """
    database = database or records_database()
    try:
        rows = status_records.read_all(database)
        held = status_records.fingerprints(database)
    except RecordsUnavailable as exc:
        return [], [f"No status updates could be read: {exc}."]
    updates = [StatusUpdate(**row) for row in rows]
    problems = []
    legacy, unreadable = [], []
    for path in earlier_logs(settings.data_dir()):
        rows, problems_here = status_records.read_jsonl(path)
        legacy.extend(rows)
        unreadable.extend(problems_here)
    missing = sum(status_records.fingerprint(row) not in held for row in legacy)
    if missing:
        problems.append(
            f"{missing} updates in the earlier log ({LOG_NAME}) are not in the records database yet, so they are "
            "not shown; whoever runs the dashboard brings them in with `python -m indicators.store.migrate`."
        )
    return updates, problems + (unreadable if missing else [])


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
    "records_database",
    "state_dir",
    "status_as_at",
    "updates_frame",
]
