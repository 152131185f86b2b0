"""Refresh the official series from Fingertips: fetch each cited indicator's current data and import it.

    python -m indicators.imports.refresh [--data-dir DIR] [--check]

For every catalogue indicator whose source cites a Fingertips indicator ID, fetch the API's CSV export
(the same layout as the Download tab) for every district and unitary authority in England, with
England itself: that includes Leeds. Each file is stored as an import with its provenance (address,
time fetched, sha256) beside the published series, never blended with it, and replaces the previous
refresh of the same indicator. Everything is fetched and checked before anything is written: offline,
on an HTTP error or a file that fails its checks, it says so and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from indicators.core import settings
from indicators.imports.cited import cited_fingertips_ids
from indicators.imports.options import ImportOptions
from indicators.imports.problems import ImportFailed
from indicators.imports.service import Prepared, commit_import, file_hash, prepare_import, undo_import
from indicators.store import layers
from indicators.store.load import StoreError, load_store

ENGLAND_AREA_TYPE = "15"  # Fingertips' area type for England, the parent of every authority
TIMEOUT_SECONDS = 60
WHO = "Fingertips refresh"
REFRESH = "fingertips_refresh"
LICENCE = "Open Government Licence v3.0 (OHID Fingertips)"


class RefreshFailed(Exception):
    """Nothing was changed: a fetch failed or a fetched file did not pass its checks."""


@dataclass(frozen=True)
class Fetched:
    fingertips_id: str
    indicator_id: str
    url: str
    fetched_at: str
    data: bytes


def export_url(fingertips_id: str, *, base: str | None = None, area_type: str | None = None) -> str:
    """The API address of one indicator's CSV export for every area of a type in England, and England."""
    base = (base or settings.value("INDICATORS_FINGERTIPS_API") or "").rstrip("/")
    query = urllib.parse.urlencode(
        {
            "indicator_ids": fingertips_id,
            "child_area_type_id": area_type or settings.value("INDICATORS_FINGERTIPS_AREA_TYPE"),
            "parent_area_type_id": ENGLAND_AREA_TYPE,
        }
    )
    return f"{base}/all_data/csv/by_indicator_id?{query}"


def fetch(url: str) -> bytes:
    """The body of a GET; RefreshFailed naming the address and what went wrong."""
    request = urllib.request.Request(url, headers={"Accept": "text/csv", "User-Agent": "leeds-indicators-refresh"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise RefreshFailed(f"{url} answered HTTP {exc.code} ({exc.reason})") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RefreshFailed(f"{url} could not be reached ({reason}); is this machine offline?") from None


def cited(data_dir: Path) -> dict[str, str]:
    """Fingertips ID -> catalogue indicator, from the built store's sources."""
    base = load_store(data_dir=data_dir, include_imports=False)
    return cited_fingertips_ids(base.indicators, base.sources)


def fetch_all(ids: dict[str, str]) -> list[Fetched]:
    """Fetch every cited indicator's export; the first failure stops the refresh."""
    out = []
    for fingertips_id, indicator_id in sorted(ids.items()):
        url = export_url(fingertips_id)
        if urllib.parse.urlparse(url).scheme not in ("http", "https"):
            raise RefreshFailed(f"INDICATORS_FINGERTIPS_API must be an http(s) address, not {url}")
        data = fetch(url)
        when = datetime.now(UTC).isoformat(timespec="seconds")
        out.append(Fetched(fingertips_id, indicator_id, url, when, data))
    return out


def _earlier_refreshes(data_dir: Path, fingertips_id: str) -> list[dict]:
    found = []
    for folder in layers.layer_folders(data_dir):
        manifest = layers.read_manifest(folder)
        origin = manifest.get("origin") or {}
        if origin.get("kind") == REFRESH and origin.get("fingertips_id") == fingertips_id:
            found.append(manifest)
    return found


def refresh(data_dir: Path, *, check: bool = False, out=print) -> int:
    """Fetch, check and store; returns the number of indicators whose data changed."""
    ids = cited(data_dir)
    if not ids:
        out("No catalogue indicator cites a Fingertips indicator ID; nothing to refresh.")
        return 0
    fetched = fetch_all(ids)
    prepared: list[tuple[Fetched, Prepared, list[dict]]] = []
    for item in fetched:
        earlier = _earlier_refreshes(data_dir, item.fingertips_id)
        if any(m.get("sha256") == file_hash(item.data) for m in earlier):
            out(f"Fingertips {item.fingertips_id} ({item.indicator_id}): unchanged since the last refresh.")
            continue
        origin = {
            "kind": REFRESH,
            "fingertips_id": item.fingertips_id,
            "url": item.url,
            "fetched_at": item.fetched_at,
            "sha256": file_hash(item.data),
            "licence": LICENCE,
        }
        name = f"fingertips-{item.fingertips_id}-{item.fetched_at[:10]}.csv"
        options = ImportOptions(who=WHO, indicator_map={item.fingertips_id: item.indicator_id})
        try:
            ready = prepare_import(
                item.data, file_name=name, kind="fingertips", options=options, data_dir=data_dir, origin=origin
            )
        except ImportFailed as exc:
            raise RefreshFailed(f"the file fetched from {item.url} did not pass its checks:\n{exc}") from None
        prepared.append((item, ready, earlier))
    for item, ready, _ in prepared:
        s = ready.summary
        out(
            f"Fingertips {item.fingertips_id} -> {item.indicator_id}: {s['rows_stored']:,} rows, {s['areas']:,} areas, "
            f"periods {s['periods'][0]} to {s['periods'][-1]}; fetched {item.fetched_at} from {item.url}"
        )
    if check:
        out("Checked only; nothing was written.")
        return len(prepared)
    written: list[str] = []
    try:
        for _, ready, _ in prepared:
            written.append(commit_import(ready, data_dir=data_dir).name)
    except (ImportFailed, OSError) as exc:
        for import_id in written:  # all or nothing: take back what this refresh wrote
            undo_import(import_id, data_dir=data_dir)
        raise RefreshFailed(f"writing the refreshed data failed, and what was written is removed: {exc}") from None
    for (_, _, earlier), import_id in zip(prepared, written, strict=True):
        for manifest in earlier:
            undo_import(manifest["import_id"], data_dir=data_dir)
        replaced = f"; replaces {', '.join(m['import_id'] for m in earlier)}" if earlier else ""
        out(f"Stored as import {import_id}{replaced}.")
    return len(prepared)


def main(argv: list[str] | None = None) -> int:
    """Run the refresh; 0 when it ran (changed or not), 1 when nothing could be changed."""
    parser = argparse.ArgumentParser(prog="python -m indicators.imports.refresh", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None, help="data folder (default: the bundled data)")
    parser.add_argument("--check", action="store_true", help="fetch and check only; write nothing")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or settings.data_dir()
    try:
        changed = refresh(data_dir, check=args.check)
    except RefreshFailed as exc:
        print(f"The refresh changed nothing: {exc}", file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"The store could not be used, so the refresh changed nothing:\n{exc}", file=sys.stderr)
        return 1
    if not args.check:
        print(f"{changed} indicator{'s' if changed != 1 else ''} refreshed.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
