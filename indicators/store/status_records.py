"""Status updates in the records database: insert one, read them all, and read the earlier JSON-lines log.

Rows are plain dicts with the fields of FIELDS; the action tracker (indicators.actions.status_log) checks
an update before it gets here and turns rows back into its StatusUpdate records.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indicators.store.database import STATUSES, Database, known_items, status_updates, utc

FIELDS = ("item_id", "status", "status_date", "note", "who", "recorded_at")
# The log the tracker kept before the database, in the state folder; the migration reads it.
LEGACY_LOG = "status_updates.jsonl"


def recorded_text(moment: datetime) -> str:
    """A recording time as written in the JSON-lines log and hashed in fingerprints: UTC, microseconds, Z."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def fingerprint(row: dict) -> str:
    """sha256 of an update's fields: the same update always has the same one, whichever engine holds it."""
    canonical = {
        "item_id": row["item_id"],
        "status": row["status"],
        "status_date": row["status_date"].isoformat(),
        "note": row["note"],
        "who": row["who"],
        "recorded_at": recorded_text(row["recorded_at"]),
    }
    return hashlib.sha256(json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def ensure_known(connection: Connection, item_id: str, *, origin: str) -> None:
    """Add an item to the reference table if it is not there (inside the caller's write transaction)."""
    held = connection.execute(sa.select(known_items.c.item_id).where(known_items.c.item_id == item_id)).first()
    if held is None:
        connection.execute(known_items.insert().values(item_id=item_id, origin=origin))


def insert(connection: Connection, row: dict, *, origin: str) -> bool:
    """Append one update unless the very same one is held already; True if it was added."""
    print_ = fingerprint(row)
    if connection.execute(sa.select(status_updates.c.update_id).where(status_updates.c.fingerprint == print_)).first():
        return False
    ensure_known(connection, row["item_id"], origin=origin)
    connection.execute(status_updates.insert().values(**{k: row[k] for k in FIELDS}, fingerprint=print_))
    return True


def append(database: Database, row: dict, *, origin: str) -> None:
    """Append one update in its own write transaction (raises RecordsUnavailable in words if it cannot)."""
    with database.writing() as connection:
        insert(connection, row, origin=origin)


def read_all(database: Database) -> list[dict]:
    """Every update in the order recorded (raises RecordsUnavailable in words if the database cannot be read)."""
    with database.reading() as connection:
        if connection is None:
            return []
        query = sa.select(*(status_updates.c[f] for f in FIELDS)).order_by(status_updates.c.update_id)
        rows = [dict(row._mapping) for row in connection.execute(query)]
    for row in rows:
        row["recorded_at"] = utc(row["recorded_at"])
    return rows


def fingerprints(database: Database) -> set[str]:
    """The fingerprint of every update held."""
    with database.reading() as connection:
        if connection is None:
            return set()
        return set(connection.execute(sa.select(status_updates.c.fingerprint)).scalars())


def _parse_line(text: str) -> dict:
    record = json.loads(text)
    if not isinstance(record, dict) or set(record) != set(FIELDS):
        raise ValueError(f"expected the fields {', '.join(FIELDS)}")
    if record["status"] not in STATUSES:
        raise ValueError(f"unknown status {record['status']!r}")
    recorded = datetime.fromisoformat(record["recorded_at"].replace("Z", "+00:00"))
    if recorded.tzinfo is None:
        raise ValueError("recorded_at has no time zone")
    return {
        "item_id": str(record["item_id"]),
        "status": record["status"],
        "status_date": date.fromisoformat(record["status_date"]),
        "note": str(record["note"]),
        "who": str(record["who"]),
        "recorded_at": recorded.astimezone(UTC),
    }


def read_jsonl(path: Path) -> tuple[list[dict], list[str]]:
    """The earlier log's readable updates in file order, and one message per line that could not be read."""
    if not path.is_file():
        return [], []
    rows, problems = [], []
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(_parse_line(line))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            problems.append(f"{path.name} line {number}: could not be read ({exc}); it is kept in the file.")
    return rows, problems
