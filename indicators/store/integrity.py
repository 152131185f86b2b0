"""The build's record of each table file it wrote (manifest.json: name, size, sha256), and the check against it.

A table file that is not byte for byte the one the build wrote has been altered or damaged since:
a failing disk, a copy cut short, or an edit by hand. Some such changes still read as valid Parquet
with altered text ("Leeds 003A" becoming "Leeds 005A"), so the loader compares every file with this
record before reading it, and names a file that differs instead of showing what it holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

MANIFEST_NAME = "manifest.json"
_CHUNK = 1 << 20


class ManifestUnreadable(ValueError):
    """manifest.json exists but cannot be read as the build writes it."""


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_path(data_dir: Path) -> Path:
    return Path(data_dir) / MANIFEST_NAME


def describe(paths: Iterable[Path]) -> dict:
    """The manifest for table files: each file's size and sha256, under its table name."""
    return {
        "about": "Written by python -m indicators.build: each table file's size and sha256, checked on every load.",
        "tables": {p.stem: {"bytes": p.stat().st_size, "sha256": file_sha256(p)} for p in sorted(paths)},
    }


def write_manifest(data_dir: Path, paths: Iterable[Path]) -> Path:
    """Write manifest.json for the given table files, beside its final name and then renamed into place."""
    final = manifest_path(data_dir)
    text = json.dumps(describe(paths), indent=2, sort_keys=True) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=".manifest.", suffix=".tmp", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, final)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return final


def read_manifest(data_dir: Path) -> dict[str, dict] | None:
    """Each table's recorded size and checksum, or None when the folder has no manifest."""
    path = manifest_path(data_dir)
    if not path.is_file():
        return None
    try:
        tables = json.loads(path.read_text(encoding="utf-8"))["tables"]
        if not isinstance(tables, dict) or not all(isinstance(v, dict) and "sha256" in v for v in tables.values()):
            raise ValueError("each table needs its sha256")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ManifestUnreadable(f"{MANIFEST_NAME} cannot be read ({exc}); rebuild the store (make build)") from None
    return tables


def alteration(name: str, path: Path, recorded: dict[str, dict] | None) -> str | None:
    """Why a table file is not the one the build wrote, or None when it is (or no manifest is kept)."""
    if recorded is None:
        return None
    entry = recorded.get(name)
    if entry is None:
        return f"file {path.name} is not listed in {MANIFEST_NAME}, so it is not known to be the file the build wrote"
    if path.stat().st_size != entry.get("bytes", path.stat().st_size) or file_sha256(path) != entry["sha256"]:
        return (
            f"file {path.name} has been altered or damaged since the build wrote it (its checksum differs from "
            f"{MANIFEST_NAME}), so it is not read; restore it or rebuild the store (make build)"
        )
    return None
