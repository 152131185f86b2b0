"""The database for what people write: status updates and the import registry, through SQLAlchemy.

SQLite in the state folder by default (a file, nothing to set up), PostgreSQL when a connection URL is
configured (INDICATORS_DATABASE_URL, or the dashboard's secrets: see `use_url`). The schema holds the
rules itself, so they hold for any writer, not only this code:

- `status_updates` is append-only: a trigger refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL);
  a CHECK allows only the known statuses; its item must be in `known_items` (a foreign key).
- `known_items` is the reference table of actions and milestones, filled from the store in the same
  transaction as each insert. A reference table rather than a check in code alone: a raw INSERT with an
  unknown item is refused by the database too, and an item later dropped from the store keeps its row,
  so the updates recorded against it stay valid and readable.
- `imports` registers each analyst's import (file, who, when, checksum, status, where its tables are);
  at most one active import per checksum (a partial unique index).

Writes that must not interleave (an import's check against the combined store and its registration, an
undo) run in `serialised()`: one transaction holding a lock every process and machine sees
(PostgreSQL: pg_advisory_xact_lock; SQLite: BEGIN IMMEDIATE, the database's single write lock).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from indicators.core import settings
from indicators.core.write_errors import in_words

STATUSES = ("not started", "on track", "at risk", "done")
IMPORT_STATUSES = ("active", "undone")
DATABASE_FILE = "records.sqlite"
# How long a writer waits for another's transaction (an import's check can take a while at England scale).
WAIT_SECONDS = 300
# The advisory lock every import and undo takes on PostgreSQL (any fixed number; this one spells "imports").
_IMPORT_LOCK = 0x1A9_0275

metadata = sa.MetaData()

known_items = sa.Table(
    "known_items",
    metadata,
    sa.Column("item_id", sa.String(64), primary_key=True),
    sa.Column("origin", sa.String(200), nullable=False),
)

status_updates = sa.Table(
    "status_updates",
    metadata,
    sa.Column("update_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("item_id", sa.String(64), sa.ForeignKey("known_items.item_id"), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("status_date", sa.Date, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    # sha256 of the record's fields: the migration's idempotence, and no update stored twice.
    sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
    sa.CheckConstraint("status IN ({})".format(", ".join(f"'{s}'" for s in STATUSES)), name="known_status"),
    sa.CheckConstraint("length(note) > 0 AND length(who) > 0", name="note_and_who_given"),
)

imports = sa.Table(
    "imports",
    metadata,
    sa.Column("import_id", sa.String(64), primary_key=True),
    sa.Column("file_name", sa.String(400), nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("imported_at", sa.String(40), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("rows_stored", sa.Integer, nullable=False),
    sa.Column("indicators", sa.Text, nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    # Where the import's tables are, relative to the data folder; written completely before this row exists.
    sa.Column("layer_path", sa.String(400), nullable=False),
    sa.Column("manifest", sa.Text, nullable=False),
    sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("undone_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("status IN ({})".format(", ".join(f"'{s}'" for s in IMPORT_STATUSES)), name="import_status"),
    sa.CheckConstraint("length(sha256) = 64", name="sha256_length"),
)
sa.Index(
    "one_active_import_per_file",
    imports.c.sha256,
    unique=True,
    sqlite_where=imports.c.status == "active",
    postgresql_where=imports.c.status == "active",
)

_REFUSAL = "status_updates is append-only: record a new update instead of changing or removing one"
for _ddl in (
    f"CREATE TRIGGER status_updates_no_{change} BEFORE {change.upper()} ON status_updates "
    f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
    for change in ("update", "delete")
):
    event.listen(status_updates, "after_create", sa.DDL(_ddl).execute_if(dialect="sqlite"))
for _ddl in (
    "CREATE OR REPLACE FUNCTION status_updates_refuse() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{_REFUSAL}'; END $$",
    "CREATE TRIGGER status_updates_no_change BEFORE UPDATE OR DELETE ON status_updates "
    "FOR EACH ROW EXECUTE FUNCTION status_updates_refuse()",
    "CREATE TRIGGER status_updates_no_truncate BEFORE TRUNCATE ON status_updates "
    "FOR EACH STATEMENT EXECUTE FUNCTION status_updates_refuse()",
):
    event.listen(status_updates, "after_create", sa.DDL(_ddl).execute_if(dialect="postgresql"))


class _RolledBack(Exception):
    """Ends a transaction that only tried whether it could write."""


class RecordsUnavailable(RuntimeError):
    """The database could not be reached, read or written; the message says why in words."""


# A URL set by the dashboard from its secrets (st.connection's [connections.indicators] url); see use_url.
_configured_url: str | None = None


def use_url(url: str | None) -> None:
    """Use this database URL when INDICATORS_DATABASE_URL is not set (the dashboard passes its secrets' URL)."""
    global _configured_url
    _configured_url = (url or "").strip() or None


def state_dir(data_dir: Path | None = None) -> Path:
    """The state folder: INDICATORS_STATE_DIR if set, else the data folder's state/."""
    chosen = settings.value("INDICATORS_STATE_DIR")
    return Path(chosen) if chosen else Path(data_dir or settings.data_dir()) / "state"


def database_url(data_dir: Path | None = None) -> str:
    """INDICATORS_DATABASE_URL, else the dashboard's configured URL, else a SQLite file in the state folder."""
    return (
        settings.value("INDICATORS_DATABASE_URL")
        or _configured_url
        or f"sqlite:///{state_dir(data_dir).resolve() / DATABASE_FILE}"
    )


def shown_url(url: str) -> str:
    """A database's name safe to show anyone: no password, host or port, and of a SQLite file only its
    name and its folder's name."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "(an unreadable database URL)"
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        return f"SQLite file {path.parent.name}/{path.name}"
    kind = {"postgresql": "PostgreSQL"}.get(parsed.get_backend_name(), parsed.get_backend_name())
    return f"{kind} database '{parsed.database or ''}'"


_ENGINES: dict[tuple[str, int], Engine] = {}


def engine_for(url: str) -> Engine:
    """One engine per URL and process (a forked process makes its own, never sharing a parent's connections)."""
    key = (url, os.getpid())
    if key not in _ENGINES:
        try:
            _ENGINES[key] = _make_engine(url)
        except (ArgumentError, ImportError, ValueError) as exc:
            raise RecordsUnavailable(f"the database URL {shown_url(url)} cannot be used: {exc}") from None
    return _ENGINES[key]


def forget(url: str) -> None:
    """Close this process's connections to a database and drop its engine (tests, before removing one)."""
    engine = _ENGINES.pop((url, os.getpid()), None)
    if engine is not None:
        engine.dispose()


def _make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = sa.create_engine(parsed, connect_args={"timeout": WAIT_SECONDS})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection, _record) -> None:
            # SQLAlchemy, not the driver, opens transactions, so that a writer can open them IMMEDIATE.
            dbapi_connection.isolation_level = None
            dbapi_connection.execute("PRAGMA foreign_keys = ON")

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            immediate = connection.get_execution_options().get("write", False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return sa.create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})


class Database:
    """The records database of a data folder: where it is, and its transactions."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = engine_for(url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"

    @classmethod
    def for_data(cls, data_dir: Path | None = None) -> Database:
        """The database the settings name for a data folder."""
        return cls(database_url(data_dir))

    def __repr__(self) -> str:
        return f"Database({shown_url(self.url)})"

    def _sqlite_file(self) -> Path | None:
        name = self.engine.url.database if self.is_sqlite else None
        if not name or name == ":memory:":
            return None
        return Path(name.removeprefix("file:"))  # a URI filename (?mode=ro&uri=true) names the same file

    def exists(self) -> bool:
        """False only for a SQLite file not created yet (nothing was ever written): reading it finds nothing."""
        path = self._sqlite_file()
        return path is None or path.is_file()

    @contextmanager
    def reading(self) -> Iterator[Connection | None]:
        """A read transaction; None when nothing was ever written, so that reading never creates a file."""
        if not self.exists():
            yield None
            return
        with self._errors("read"), self.engine.connect() as connection:
            if not _has_schema(connection):
                yield None
                return
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction (SQLite: BEGIN IMMEDIATE, so writers queue instead of failing)."""
        self._prepare_folder()
        with (
            self._errors("write"),
            self.engine.connect().execution_options(write=True) as connection,
            connection.begin(),
        ):
            self._lock(connection)
            metadata.create_all(connection)
            yield connection

    @contextmanager
    def serialised(self) -> Iterator[Connection]:
        """A write transaction that also excludes every other serialised one, in any process or machine."""
        with self.writing() as connection:
            yield connection

    def check_writable(self) -> None:
        """Raise RecordsUnavailable unless a row can be written (one is written, then rolled back)."""
        try:
            with self.writing() as connection:
                connection.execute(known_items.insert().values(item_id=".write-check", origin="rolled back"))
                raise _RolledBack
        except _RolledBack:
            pass

    def _lock(self, connection: Connection) -> None:
        # SQLite's BEGIN IMMEDIATE already excludes every other writer; PostgreSQL needs the lock taken,
        # held until the transaction ends. Every write takes it: writes are few and short, and one lock
        # keeps the schema's creation and every import's check-and-register one at a time.
        if not self.is_sqlite:
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _IMPORT_LOCK})

    def _prepare_folder(self) -> None:
        path = self._sqlite_file()
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                where = shown_url(self.url)
                raise RecordsUnavailable(
                    f"the records database ({where}) could not be written: {in_words(exc)}"
                ) from None

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sa.exc.IntegrityError:
            raise
        except (DBAPIError, SQLAlchemyError) as exc:
            raise RecordsUnavailable(_in_words(exc, doing=doing, where=shown_url(self.url))) from None


def _has_schema(connection: Connection) -> bool:
    return sa.inspect(connection).has_table("status_updates")


def _in_words(exc: BaseException, *, doing: str, where: str) -> str:
    """What went wrong with the database, for a person: the driver's first line, without a traceback."""
    original = getattr(exc, "orig", None) or exc
    first = (str(original).strip().splitlines() or [type(original).__name__])[0]
    if "readonly" in first.replace(" ", "").replace("-", "").lower() or "unable to open" in first:
        reason = f"its folder or file is read-only or missing ({first})"
    elif "connection" in first.lower() or "could not" in first.lower() or "timeout" in first.lower():
        reason = "the server could not be reached"  # the driver's words name hosts and ports: not shown
    elif "locked" in first.lower():
        reason = f"another process held it for too long ({first})"
    else:
        reason = first
    return f"the records database ({where}) could not be {'read' if doing == 'read' else 'written'}: {reason}"


def utc(moment: datetime) -> datetime:
    """A stored time as UTC (SQLite hands back naive times, stored as UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


__all__ = [
    "STATUSES",
    "Database",
    "RecordsUnavailable",
    "database_url",
    "imports",
    "known_items",
    "metadata",
    "state_dir",
    "status_updates",
    "use_url",
    "utc",
]
