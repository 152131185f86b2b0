"""Imported data kept as layers beside the built store, merged in when the store is loaded.

Each import's rows for the sources, indicators, breakdowns, areas and values tables are Parquet files in
a folder of their own, data/imports/layers/<import_id>/, with a manifest.json of its provenance (file
name, sha256, when, who, row counts). Which imports exist is the database's registry
(indicators.store.database): a folder is read only once its row there says it is active. A layer is
written aside in a hidden folder, fsynced, renamed into place and only then registered, all in one
serialised transaction with the import's check (`exclusive_lock`), so two imports cannot interleave and
a reader sees the layer whole or not at all. The built tables are never touched, so a rebuild of
data/sources still reproduces them exactly. Folders of the earlier layout (data/imports/<import_id>/,
the folder itself the registry) are brought into the database by `python -m indicators.store.migrate`.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow
import pyarrow.parquet as pq
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indicators.stats import disclosure
from indicators.store.database import Database, imports
from indicators.store.schemas import TABLES

LAYER_TABLES = ("sources", "indicators", "breakdowns", "areas", "values")
MANIFEST = "manifest.json"
LAYERS = "layers"
MIGRATE = "python -m indicators.store.migrate"
# Sets of rows that add up to a total, for secondary suppression: small areas of one series
# together, and the groups of each breakdown type of one area.
_PARTITION = ["indicator_id", "source_id", "period", "_set"]


class ImportNotFound(LookupError):
    """Undo was asked for an import that does not exist."""


def imports_dir(data_dir: Path) -> Path:
    """Where a data folder keeps its imports."""
    return Path(data_dir) / "imports"


@dataclass(frozen=True)
class Layer:
    """One import: its manifest and its rows for each table."""

    manifest: dict
    tables: dict[str, pd.DataFrame]


def registered(data_dir: Path) -> list[dict]:
    """The database's active imports of a data folder, oldest first (by id, the order they are merged in)."""
    with Database.for_data(data_dir).reading() as connection:
        if connection is None:
            return []
        return _active(connection)


def _active(connection: Connection) -> list[dict]:
    query = sa.select(imports).where(imports.c.status == "active").order_by(imports.c.import_id)
    return [dict(row._mapping) for row in connection.execute(query)]


def layer_folders(data_dir: Path) -> list[Path]:
    """The folders of the registered, active imports, oldest first; no other folder is ever read."""
    return [Path(data_dir) / row["layer_path"] for row in registered(data_dir)]


def earlier_layout(data_dir: Path) -> list[Path]:
    """Import folders of the earlier layout (imports/<import_id>/ with a manifest), registered or not."""
    root = imports_dir(data_dir)
    if not root.is_dir():
        return []
    found = [
        p
        for p in root.iterdir()
        if p.is_dir() and not p.name.startswith(".") and p.name != LAYERS and (p / MANIFEST).is_file()
    ]
    return sorted(found, key=lambda p: p.name)


def legacy_folders(data_dir: Path) -> list[Path]:
    """Import folders of the earlier layout that the database does not hold yet."""
    found = earlier_layout(data_dir)
    if not found:
        return []
    held = {row["layer_path"] for row in registered(data_dir)}
    return [p for p in found if _relative(data_dir, p) not in held]


def unmigrated_problem(data_dir: Path) -> str | None:
    """Words for imports of the earlier layout still outside the database, or None."""
    legacy = legacy_folders(data_dir)
    if not legacy:
        return None
    names = ", ".join(p.name for p in legacy[:5]) + (" and more" if len(legacy) > 5 else "")
    return (
        f"{len(legacy)} earlier imports ({names}) are not in the records database yet, so they are left out; "
        f"whoever runs the dashboard brings them in with `{MIGRATE}`"
    )


def _relative(data_dir: Path, folder: Path) -> str:
    return Path(folder).relative_to(Path(data_dir)).as_posix()


def read_manifest(folder: Path) -> dict:
    """The provenance record of one import."""
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


_LISTED = ["import_id", "file_name", "who", "imported_at", "kind", "rows_stored", "indicators", "sha256"]


def list_imports(data_dir: Path) -> pd.DataFrame:
    """One row per active import: id, file, who, when, kind, rows, indicators, checksum (from the registry)."""
    return pd.DataFrame([{k: row[k] for k in _LISTED} for row in registered(data_dir)], columns=_LISTED)


def no_imports() -> pd.DataFrame:
    """The list of imports with no rows, shaped as list_imports'."""
    return pd.DataFrame(columns=_LISTED)


def read_layer(folder: Path) -> Layer:
    """Read one import folder's tables with their declared types."""
    tables = {}
    for name in LAYER_TABLES:
        path = folder / f"{name}.parquet"
        frame = pq.read_table(path).to_pandas(date_as_object=False)
        for column in TABLES[name].date_columns:
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ms]")
        tables[name] = frame
    return Layer(manifest=read_manifest(folder), tables=tables)


def _suppressed(values: pd.DataFrame, import_sources: set[str], *, up_to: int) -> pd.DataFrame:
    """Apply disclosure control to the imported rows only; official and report rows are published figures."""
    imported = values["source_id"].isin(import_sources)
    if not imported.any() or up_to <= 0:
        return values
    part = values[imported]
    small_area = part["area_code"].str[:3].isin(["E01", "E02"])
    # Small areas of one level add up to their total; otherwise each area's groups of one type do.
    part = part.assign(
        _set=part["area_code"].str[:3].where(small_area, part["area_code"] + "|" + part["breakdown_type"])
    )
    done = disclosure.suppress(part, up_to=up_to, partition=_PARTITION).drop(columns="_set")
    return pd.concat([values[~imported], done]).loc[values.index]


def data_status(indicators: pd.DataFrame, values: pd.DataFrame) -> pd.Series:
    """Each indicator's data status from its values, by the rule the build uses."""
    measured = (values["role"] != "target").to_numpy()
    ids = values["indicator_id"]
    with_value = set(ids[measured & values["value"].notna().to_numpy()].unique())
    with_status = set(ids[measured & (values["qualifier"] == "status").to_numpy()].unique())
    return indicators["indicator_id"].map(
        lambda i: "has data" if i in with_value else "status only" if i in with_status else "no data yet"
    )


def merge(frames: dict[str, pd.DataFrame], layers: list[Layer], *, up_to: int) -> dict[str, pd.DataFrame]:
    """The built tables with every layer's rows added (first declaration wins) and small counts suppressed."""
    if not layers:
        return frames
    merged = dict(frames)
    for name in LAYER_TABLES:
        parts = [frames[name], *(layer.tables[name] for layer in layers)]
        parts = [p for p in parts if not p.empty]
        combined = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        key = list(TABLES[name].key)
        if name != "values":
            combined = combined.drop_duplicates(key, keep="first")
        merged[name] = combined.reset_index(drop=True)
    sources = {layer.manifest["source_id"] for layer in layers}
    merged["values"] = _suppressed(merged["values"], sources, up_to=up_to)
    merged["indicators"] = merged["indicators"].assign(data_status=data_status(merged["indicators"], merged["values"]))
    return merged


def load_layers(data_dir: Path) -> list[Layer]:
    """Every complete import of a data folder, oldest first."""
    return [read_layer(folder) for folder in layer_folders(data_dir)]


def merge_imports(frames: dict[str, pd.DataFrame], *, data_dir: Path) -> dict[str, pd.DataFrame]:
    """What the store loader calls: add the data folder's imports, with the current suppression threshold."""
    return merge(frames, load_layers(data_dir), up_to=disclosure.threshold())


@contextmanager
def exclusive_lock(data_dir: Path) -> Iterator[Connection]:
    """The serialised transaction imports and undos run in, one at a time across processes and machines.

    What is registered inside it lands when it ends without an error, and not at all otherwise.
    """
    root = imports_dir(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    ignore = root / ".gitignore"
    if not ignore.exists():
        # Imports may hold unpublished local counts: keep them out of version control wherever the folder is.
        ignore.write_text("# Analysts' imported data: never commit.\n*\n", encoding="utf-8")
    with Database.for_data(data_dir).serialised() as connection:
        _clear_leftovers(data_dir, connection)
        yield connection


def _clear_leftovers(data_dir: Path, connection: Connection) -> None:
    """Delete what an import or undo killed midway left behind: hidden work folders, and layer folders the
    registry does not hold as active (written, but their registration never committed). Only the holder
    of the serialised transaction writes these."""
    root = imports_dir(data_dir)
    for path in root.iterdir():
        if path.is_dir() and path.name.startswith((".staging-", ".removing-")):
            shutil.rmtree(path, ignore_errors=True)
    held = {row["layer_path"] for row in _active(connection)}
    layer_root = root / LAYERS
    if layer_root.is_dir():
        for path in layer_root.iterdir():
            if path.is_dir() and _relative(data_dir, path) not in held:
                shutil.rmtree(path, ignore_errors=True)


def _write_table(name: str, frame: pd.DataFrame, path: Path) -> None:
    schema = TABLES[name].arrow_schema()
    frame = frame.reindex(columns=schema.names)
    table = pyarrow.Table.from_pandas(frame, schema=schema, preserve_index=False).replace_schema_metadata(None)
    pq.write_table(table, path, compression="zstd")


def active_import(connection: Connection, *, sha256: str) -> str | None:
    """The id of the active import of the file with this checksum, if there is one."""
    query = sa.select(imports.c.import_id).where(imports.c.status == "active", imports.c.sha256 == sha256)
    return connection.execute(query).scalar()


def register(connection: Connection, manifest: dict, *, layer_path: str) -> None:
    """Add an import to the registry (inside the serialised transaction)."""
    connection.execute(
        imports.insert().values(
            import_id=manifest["import_id"],
            file_name=manifest["file_name"],
            who=manifest.get("who") or "not recorded",
            imported_at=manifest["imported_at"],
            sha256=manifest["sha256"],
            kind=manifest.get("kind") or "not recorded",
            rows_stored=int(manifest.get("rows_stored") or 0),
            indicators=", ".join(manifest.get("indicators", [])),
            status="active",
            layer_path=layer_path,
            manifest=json.dumps(manifest, sort_keys=True, ensure_ascii=False),
            registered_at=datetime.now(UTC),
        )
    )


def write_layer(data_dir: Path, layer: Layer, *, connection: Connection) -> Path:
    """Write a layer aside, rename it into place, and register it; the caller holds `exclusive_lock`."""
    import_id = layer.manifest["import_id"]
    taken = connection.execute(sa.select(imports.c.status).where(imports.c.import_id == import_id)).scalar()
    if taken is not None:
        raise FileExistsError(f"import {import_id} already exists")
    root = imports_dir(data_dir)
    final = root / LAYERS / import_id
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = root / f".staging-{import_id}-{uuid.uuid4().hex[:8]}"
    staging.mkdir(parents=True)
    try:
        for name in LAYER_TABLES:
            _write_table(name, layer.tables[name], staging / f"{name}.parquet")
        (staging / MANIFEST).write_text(json.dumps(layer.manifest, indent=2, sort_keys=True), encoding="utf-8")
        for path in staging.iterdir():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        # Registered before the rename, renamed before the commit: the row and the folder appear together.
        register(connection, layer.manifest, layer_path=_relative(data_dir, final))
        os.rename(staging, final)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return final


def remove_layer(data_dir: Path, import_id: str) -> dict:
    """Undo an import: mark it undone in the registry (serialised), then delete its folder; returns its manifest."""
    with exclusive_lock(data_dir) as connection:
        query = sa.select(imports).where(imports.c.import_id == import_id, imports.c.status == "active")
        row = connection.execute(query).first()
        if row is None:
            known = ", ".join(r["import_id"] for r in _active(connection)) or "none"
            raise ImportNotFound(f"there is no import '{import_id}' (imports: {known})")
        connection.execute(
            imports.update()
            .where(imports.c.import_id == import_id)
            .values(status="undone", undone_at=datetime.now(UTC))
        )
    # Undone once the registry says so; the folder goes after (a folder left by a crash is cleared later).
    folder = Path(data_dir) / row.layer_path
    if folder.is_dir():
        trash = imports_dir(data_dir) / f".removing-{import_id}-{uuid.uuid4().hex[:8]}"
        os.rename(folder, trash)
        shutil.rmtree(trash, ignore_errors=True)
    return json.loads(row.manifest)
