"""Imported data kept as layers beside the built store, merged in when the store is loaded.

Each import lives in its own folder, data/imports/<import_id>/, holding the rows it adds to the
sources, indicators, breakdowns, areas and values tables and a manifest.json with its provenance
(file name, sha256, when, who, row counts). The built tables are never touched, so a rebuild of
data/sources still reproduces them exactly. A layer is written in a hidden folder and renamed into
place (one atomic step), under an exclusive lock so two imports cannot interleave; undo renames it
away before deleting it, so a reader sees the layer whole or not at all.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow
import pyarrow.parquet as pq

from indicators.stats import disclosure
from indicators.store.schemas import TABLES

LAYER_TABLES = ("sources", "indicators", "breakdowns", "areas", "values")
MANIFEST = "manifest.json"
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


def layer_folders(data_dir: Path) -> list[Path]:
    """Complete import folders, oldest first (hidden folders are imports being written or removed)."""
    root = imports_dir(data_dir)
    if not root.is_dir():
        return []
    folders = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).is_file()]
    return sorted(folders, key=lambda p: p.name)


def read_manifest(folder: Path) -> dict:
    """The provenance record of one import."""
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def list_imports(data_dir: Path) -> pd.DataFrame:
    """One row per import: id, file, who, when, kind, rows, indicators."""
    rows = []
    for folder in layer_folders(data_dir):
        m = read_manifest(folder)
        rows.append(
            {k: m.get(k) for k in ("import_id", "file_name", "who", "imported_at", "kind", "rows_stored")}
            | {"indicators": ", ".join(m.get("indicators", [])), "sha256": m.get("sha256")}
        )
    columns = ["import_id", "file_name", "who", "imported_at", "kind", "rows_stored", "indicators", "sha256"]
    return pd.DataFrame(rows, columns=columns)


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
def exclusive_lock(data_dir: Path) -> Iterator[None]:
    """Hold the imports folder's lock, so that imports and undos happen one at a time."""
    root = imports_dir(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    ignore = root / ".gitignore"
    if not ignore.exists():
        # Imports may hold unpublished local counts: keep them out of version control wherever the folder is.
        ignore.write_text("# Analysts' imported data: never commit.\n*\n", encoding="utf-8")
    with open(root / ".lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            _clear_leftovers(root)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _clear_leftovers(root: Path) -> None:
    """Delete hidden folders an import or undo killed midway left behind; only the lock holder writes them."""
    for path in root.iterdir():
        if path.is_dir() and path.name.startswith((".staging-", ".removing-")):
            shutil.rmtree(path, ignore_errors=True)


def _write_table(name: str, frame: pd.DataFrame, path: Path) -> None:
    schema = TABLES[name].arrow_schema()
    frame = frame.reindex(columns=schema.names)
    table = pyarrow.Table.from_pandas(frame, schema=schema, preserve_index=False).replace_schema_metadata(None)
    pq.write_table(table, path, compression="zstd")


def write_layer(data_dir: Path, layer: Layer) -> Path:
    """Write a layer aside, then rename it into place; the caller holds the lock."""
    root = imports_dir(data_dir)
    final = root / layer.manifest["import_id"]
    if final.exists():
        raise FileExistsError(f"import {final.name} already exists")
    staging = root / f".staging-{layer.manifest['import_id']}-{uuid.uuid4().hex[:8]}"
    staging.mkdir(parents=True)
    try:
        for name in LAYER_TABLES:
            _write_table(name, layer.tables[name], staging / f"{name}.parquet")
        (staging / MANIFEST).write_text(json.dumps(layer.manifest, indent=2, sort_keys=True), encoding="utf-8")
        for path in staging.iterdir():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        os.rename(staging, final)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return final


def remove_layer(data_dir: Path, import_id: str) -> dict:
    """Undo an import: rename its folder away (atomic), then delete it; returns its manifest."""
    root = imports_dir(data_dir)
    folder = root / import_id
    if import_id.startswith(".") or "/" in import_id or not (folder / MANIFEST).is_file():
        known = ", ".join(p.name for p in layer_folders(data_dir)) or "none"
        raise ImportNotFound(f"there is no import '{import_id}' (imports: {known})")
    manifest = read_manifest(folder)
    trash = root / f".removing-{import_id}-{uuid.uuid4().hex[:8]}"
    os.rename(folder, trash)
    shutil.rmtree(trash)
    return manifest
