"""Bring what people wrote before the records database into it: the status log and the import folders.

    python -m indicators.store.migrate [--data-dir DIR] [--log OLD_LOG]

Reads the state folder's status_updates.jsonl and every import folder of the earlier layout
(imports/<import_id>/ with its manifest.json) and adds to the database whatever it does not hold yet.
Nothing is lost and nothing is moved: the log file and the folders stay as they are (the registry points
at the folders where they are), a line that cannot be read is named and kept in the file, and an update
whose action or milestone is no longer in the store is kept, its item marked as such. Running it again
adds nothing: updates are matched by their fingerprint, imports by their id.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from indicators.core import settings
from indicators.store import layers, status_records
from indicators.store.database import Database, RecordsUnavailable, imports, shown_url, state_dir
from indicators.store.load import StoreError, read_table

IN_STORE = "action or milestone in the store"
NOT_IN_STORE = "from the earlier status log; not an action or milestone in the store when migrated"


@dataclass
class Migrated:
    """What one run did: counts added and already held, and what could not be brought in, in words."""

    updates_added: int = 0
    updates_held: int = 0
    imports_added: int = 0
    imports_held: int = 0
    left_out: list[str] = field(default_factory=list)


def _store_items(data_dir: Path) -> set[str] | None:
    """Ids of the store's actions and milestones, or None when those tables cannot be read."""
    try:
        actions = read_table("actions", data_dir=data_dir)
        milestones = read_table("milestones", data_dir=data_dir)
    except StoreError:
        return None
    return set(actions["action_id"].astype(str)) | set(milestones["milestone_id"].astype(str))


def earlier_logs(data_dir: Path) -> list[Path]:
    """Where the earlier log may be: the state folder, and (with no INDICATORS_STATE_DIR) the repository's
    data/state/, where earlier versions kept it whatever the data folder."""
    candidates = [state_dir(data_dir) / status_records.LEGACY_LOG]
    if not settings.value("INDICATORS_STATE_DIR"):
        candidates.append(settings.DATA_DIR / "state" / status_records.LEGACY_LOG)
    found: dict[Path, Path] = {}
    for path in candidates:
        if path.is_file():
            found.setdefault(path.resolve(), path)
    return list(found.values())


def migrate_updates(data_dir: Path, database: Database, result: Migrated, *, log: Path | None = None) -> None:
    """Add the earlier log's updates, in file order, that the database does not hold."""
    for path in [log] if log else earlier_logs(data_dir):
        _migrate_log(path, data_dir, database, result)


def _migrate_log(path: Path, data_dir: Path, database: Database, result: Migrated) -> None:
    rows, unreadable = status_records.read_jsonl(path)
    result.left_out.extend(unreadable)
    if not rows:
        return
    known = _store_items(data_dir)
    with database.writing() as connection:
        for row in rows:
            origin = IN_STORE if known is not None and row["item_id"] in known else NOT_IN_STORE
            if status_records.insert(connection, row, origin=origin):
                result.updates_added += 1
            else:
                result.updates_held += 1


def migrate_imports(data_dir: Path, result: Migrated) -> None:
    """Register every import folder of the earlier layout that the registry does not hold, where it is."""
    if not layers.legacy_folders(data_dir):
        result.imports_held += len(layers.earlier_layout(data_dir))
        return
    with layers.exclusive_lock(data_dir) as connection:
        for folder in layers.earlier_layout(data_dir):
            missing = [name for name in layers.LAYER_TABLES if not (folder / f"{name}.parquet").is_file()]
            if missing:
                result.left_out.append(
                    f"import folder {folder.name}: no {', '.join(missing)} table, so it was not registered; "
                    "it is kept as it is"
                )
                continue
            try:
                manifest = layers.read_manifest(folder)
                import_id, sha = manifest["import_id"], manifest["sha256"]
            except (ValueError, KeyError, OSError) as exc:
                result.left_out.append(f"import folder {folder.name}: its manifest could not be read ({exc})")
                continue
            held = connection.execute(sa.select(imports.c.status).where(imports.c.import_id == import_id)).scalar()
            same_file = layers.active_import(connection, sha256=sha)
            if held is not None or same_file is not None:
                result.imports_held += 1
                if held is None:
                    result.left_out.append(
                        f"import folder {folder.name}: the same file is registered as {same_file}; kept as it is"
                    )
                continue
            layers.register(connection, manifest, layer_path=folder.relative_to(data_dir).as_posix())
            result.imports_added += 1


def migrate(data_dir: Path, *, database: Database | None = None, log: Path | None = None) -> Migrated:
    """Bring the earlier status log and import folders of a data folder into its records database."""
    database = database or Database.for_data(data_dir)
    result = Migrated()
    migrate_updates(data_dir, database, result, log=log)
    migrate_imports(data_dir, result)
    return result


def main(argv: list[str] | None = None, *, out: Callable[[str], None] = print) -> int:
    """The command: 0 when everything is in the database, 1 when something was left out (and said why)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None, help="the data folder (default: INDICATORS_DATA_DIR)")
    parser.add_argument("--log", type=Path, default=None, help="the earlier status_updates.jsonl, if kept elsewhere")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or settings.data_dir()
    database = Database.for_data(data_dir)
    if args.log is not None and not args.log.is_file():
        print(f"Nothing was migrated: there is no file {args.log.name} there", file=sys.stderr)
        return 1
    try:
        result = migrate(data_dir, database=database, log=args.log)
    except (RecordsUnavailable, OSError) as exc:
        print(f"Nothing was migrated: {exc}", file=sys.stderr)
        return 1
    out(f"Records database: {shown_url(database.url)}")
    out(f"Status updates: {result.updates_added} added, {result.updates_held} already held.")
    out(f"Imports: {result.imports_added} registered, {result.imports_held} already held.")
    for problem in result.left_out:
        out(f"Left out: {problem}")
    return 1 if result.left_out else 0


if __name__ == "__main__":
    raise SystemExit(main())
