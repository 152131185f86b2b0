"""Import a file in two steps the page and the command line share: prepare (check everything), then commit."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow

from indicators.core.write_errors import in_words
from indicators.imports.cited import cited_fingertips_ids
from indicators.imports.csvread import workbook_kind
from indicators.imports.fingertips import Parsed, parse_fingertips
from indicators.imports.options import DEFAULT_PLACEMENT, KINDS, MEASURES, ImportOptions
from indicators.imports.problems import ImportFailed, NeedsConfirmation
from indicators.imports.template import parse_template
from indicators.imports.workbook import workbook_to_csv
from indicators.store import layers
from indicators.store.database import Database, RecordsUnavailable
from indicators.store.load import DATA_DIR, Store, StoreError, check_store, load_store, validate_frame
from indicators.store.schemas import TABLES

# The largest file an import accepts, in megabytes (MiB). The dashboard's upload limit
# (server.maxUploadSize in .streamlit/config.toml) is the same number, and a test holds them together:
# a million-row Fingertips file, the largest benchmarked, is about 172 MB.
MAX_FILE_MB = 200
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024

_UNITS = {
    "percentage": "%",
    "years": "years",
    "count": "count",
    "rate": "rate as published",
    "to_be_confirmed": "as published",
}


@dataclass(frozen=True)
class Prepared:
    """A checked import, ready to write: its layer and a summary to show before committing."""

    layer: layers.Layer

    @property
    def summary(self) -> dict:
        """What the import adds, in numbers and words."""
        m = self.layer.manifest
        values = self.layer.tables["values"]
        return {
            "rows_read": m["rows_read"],
            "rows_stored": m["rows_stored"],
            "indicators": m["indicators"],
            "new_indicators": m["new_indicators"],
            "areas": int(values["area_code"].nunique()),
            "areas_added": m["areas_added"],
            "periods": sorted(values["period"].unique().tolist()),
            "breakdown_types": sorted(values["breakdown_type"].unique().tolist()),
            "notes": m["notes"],
        }


def refuse_if_too_large(size: int, *, file_name: str) -> None:
    """Raise ImportFailed for a file over the size limit, before any of it is parsed."""
    if size > MAX_FILE_BYTES:
        raise ImportFailed(
            file_name,
            [
                f"the file is {size / 1024 / 1024:,.0f} MB, over the {MAX_FILE_MB} MB limit for one import; "
                "split it (for example by indicator or by period) and import the parts one by one"
            ],
        )


def file_hash(data: bytes) -> str:
    """sha256 of the file as uploaded, so the same file is never imported twice by mistake."""
    return hashlib.sha256(data).hexdigest()


def _already_imported(data_dir: Path, sha: str, *, file_name: str) -> str | None:
    try:
        listed = layers.list_imports(data_dir)
    except RecordsUnavailable as exc:
        raise ImportFailed(file_name, [f"{exc}, so the file cannot be checked against the imports"]) from None
    hit = listed[listed["sha256"] == sha]
    return None if hit.empty else str(hit["import_id"].iloc[0])


def prepare_import(
    data: bytes,
    *,
    file_name: str,
    kind: str,
    options: ImportOptions,
    data_dir: Path = DATA_DIR,
    now: datetime | None = None,
    origin: dict | None = None,
) -> Prepared:
    """Check a file completely against the store and its other imports; raise ImportFailed, write nothing.

    `origin` records where a fetched file came from (url, fetched_at), kept in the manifest and the source.
    """
    refuse_if_too_large(len(data), file_name=file_name)
    if kind not in KINDS:
        raise ImportFailed(file_name, [f"kind '{kind}' is not one of {', '.join(KINDS)}"])
    if options.problems():
        raise ImportFailed(file_name, options.problems())
    if kind == "template" and workbook_kind(data) == ".xlsx":
        data_for_parse = workbook_to_csv(data, file_name=file_name)
    else:
        data_for_parse = data
    sha = file_hash(data)
    earlier = _already_imported(data_dir, sha, file_name=file_name)
    if earlier:
        raise ImportFailed(
            file_name, [f"this exact file was already imported as {earlier}; undo that import first to import it again"]
        )
    base = load_store(data_dir=data_dir, include_imports=False)
    merged_catalogue = _catalogue_with_imports(base, data_dir)
    if kind == "fingertips":
        known = set(base.areas["area_code"]) | _imported_areas(data_dir)
        parsed = parse_fingertips(
            data,
            file_name=file_name,
            options=options,
            catalogue=merged_catalogue,
            known_areas=known,
            cited=cited_fingertips_ids(base.indicators, base.sources),
        )
    else:
        parsed = parse_template(data_for_parse, file_name=file_name, options=options, store=base)
    small = base.areas[base.areas["area_type"].astype(str).isin(["LSOA", "MSOA"])]["area_code"]
    _confirm_leeds(parsed, file_name=file_name, kind=kind, options=options, leeds={LEEDS, *small.astype(str)})
    now = now or datetime.now(UTC)
    import_id = f"{now:%Y%m%d-%H%M%S}-{sha[:8]}"
    layer = _layer(
        parsed, import_id=import_id, sha=sha, file_name=file_name, kind=kind, options=options, now=now, origin=origin
    )
    _check_merged(base, data_dir, layer, file_name=file_name)
    return Prepared(layer=layer)


LEEDS = "E08000035"


def _confirm_leeds(parsed: Parsed, *, file_name: str, kind: str, options: ImportOptions, leeds: set[str]) -> None:
    """A Fingertips file without Leeds rows (Leeds, or its LSOAs and MSOAs) is imported only once the analyst
    has seen that it has none."""
    codes = parsed.values["area_code"]
    if kind != "fingertips" or options.allow_no_leeds or codes.isin(leeds).any():
        return
    names = sorted(set(codes))
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    raise NeedsConfirmation(
        file_name,
        [
            f"the file holds no rows for Leeds ({LEEDS}), only for {shown}. Its rows can still be used in the "
            "inequalities explorer and the England comparison, but no Leeds figure will come from it. To import "
            "it anyway, confirm: on the page tick 'Import it without Leeds rows'; on the command line add --yes"
        ],
    )


def write_problem(data_dir: Path = DATA_DIR) -> str | None:
    """Why imports cannot be written into this data folder (read-only, full disk), or None when they can."""
    root = layers.imports_dir(data_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".write-check-"):
            pass
    except OSError as exc:
        return _cannot_write(exc)
    try:
        Database.for_data(data_dir).check_writable()
    except RecordsUnavailable as exc:
        return f"{exc}, so nothing was imported and nothing changed"
    return None


def _cannot_write(exc: OSError) -> str:
    return (
        f"the data folder's imports cannot be written: {in_words(exc)}, so nothing was imported and nothing "
        "changed. On a deployment whose app cannot write its data, imports are made by the operator "
        "(python -m indicators.imports add FILE)"
    )


def commit_import(prepared: Prepared, *, data_dir: Path = DATA_DIR) -> Path:
    """Check a prepared import again and register it, in one serialised transaction (layers.exclusive_lock).

    A write that fails (read-only folder, full disk, database out of reach) raises ImportFailed saying so;
    the layer is written aside first and registered last, so nothing of it is left in place.
    """
    manifest = prepared.layer.manifest
    try:
        with layers.exclusive_lock(data_dir) as connection:
            unmigrated = layers.unmigrated_problem(data_dir)
            if unmigrated:
                raise ImportFailed(manifest["file_name"], [unmigrated + "; nothing was imported"])
            earlier = layers.active_import(connection, sha256=manifest["sha256"])
            if earlier:
                raise ImportFailed(manifest["file_name"], [f"this exact file was imported as {earlier} meanwhile"])
            # Checked again inside the transaction, against the imports registered now: another import may
            # have landed since this one was checked, and the two together may not fit (the same new
            # indicator with two kinds of value). No other import can register until this one ends.
            base = load_store(data_dir=data_dir, include_imports=False)
            _check_merged(base, data_dir, prepared.layer, file_name=manifest["file_name"])
            return layers.write_layer(data_dir, prepared.layer, connection=connection)
    except OSError as exc:
        raise ImportFailed(manifest["file_name"], [_cannot_write(exc)]) from None
    except RecordsUnavailable as exc:
        raise ImportFailed(manifest["file_name"], [f"{exc}, so nothing was imported"]) from None


def undo_import(import_id: str, *, data_dir: Path = DATA_DIR) -> dict:
    """Remove one import's layer; returns its manifest (raises ImportNotFound for an unknown id)."""
    try:
        return layers.remove_layer(data_dir, import_id)
    except OSError as exc:
        raise ImportFailed(
            import_id, [_cannot_write(exc).replace("nothing was imported", "nothing was undone")]
        ) from None
    except RecordsUnavailable as exc:
        raise ImportFailed(import_id, [f"{exc}, so nothing was undone"]) from None


def _catalogue_with_imports(base: Store, data_dir: Path) -> pd.DataFrame:
    parts = [base.indicators, *(layer.tables["indicators"] for layer in layers.load_layers(data_dir))]
    return pd.concat(parts, ignore_index=True).drop_duplicates("indicator_id")


def _imported_areas(data_dir: Path) -> set[str]:
    return {code for layer in layers.load_layers(data_dir) for code in layer.tables["areas"]["area_code"]}


def _layer(
    parsed: Parsed,
    *,
    import_id: str,
    sha: str,
    file_name: str,
    kind: str,
    options: ImportOptions,
    now: datetime,
    origin: dict | None = None,
) -> layers.Layer:
    source_id = "import_" + import_id.replace("-", "_")
    when = now.strftime("%Y-%m-%d %H:%M UTC")
    values = parsed.values.assign(
        source_id=source_id,
        role="value",
        qualifier="exact",
        status_text=None,
        description=None,
        citation=f"Imported {when} by {options.who} from {file_name}",
    )
    if kind == "template":
        value_type, unit, _ = MEASURES[options.measure]
    else:
        value_type, unit = options.value_type, _UNITS[options.value_type]
    placement = {**DEFAULT_PLACEMENT, "goal_id": options.goal_id}
    indicators = pd.DataFrame(
        [
            {
                "indicator_id": row["indicator_id"],
                "title": row["title"],
                "definition": row["definition"],
                "unit": _UNITS[row["value_type"]] if row.get("value_type") else unit,
                "value_type": row.get("value_type") or value_type,
                "polarity": options.polarity_map.get(row.get("fingertips_id", ""), options.polarity),
                **placement,
                "plan_measure_id": None,
                "primary_source_id": source_id,
                "mapping_note": f"Imported by {options.who} on {when} from {file_name}; not a Plan measure. "
                "Placed under the goal the analyst chose; programme and Strategy priority are defaults.",
                "data_status": "has data",
            }
            for row in parsed.indicators
        ],
        columns=list(TABLES["indicators"].arrow_schema().names),
    )
    sources = pd.DataFrame(
        [
            {
                "source_id": source_id,
                "kind": "import",
                "title": f"Imported from {file_name} by {options.who}, {when}",
                "short_title": f"Import: {file_name} ({options.who}, {now:%d %b %Y})",
                "publisher": options.who,
                "published": now.date().isoformat(),
                "licence": (origin or {}).get(
                    "licence", "As supplied by the analyst; check the original terms before sharing"
                ),
                "provides": f"{len(values):,} rows for {', '.join(sorted(values['indicator_id'].unique()))}",
                "upstream": KINDS[kind] if origin is None else f"{KINDS[kind]} from {origin['url']}",
                "copied_from": f"sha256 {sha}"
                + ("" if origin is None else f", fetched {origin['fetched_at']} from {origin['url']}"),
            }
        ]
    )
    areas = parsed.areas.reindex(columns=TABLES["areas"].arrow_schema().names)
    manifest = {
        "import_id": import_id,
        "source_id": source_id,
        "kind": kind,
        "file_name": file_name,
        "sha256": sha,
        "imported_at": now.isoformat(timespec="seconds"),
        "who": options.who,
        "rows_read": parsed.rows_read,
        "rows_stored": len(values),
        "indicators": sorted(values["indicator_id"].unique().tolist()),
        "new_indicators": indicators["indicator_id"].tolist(),
        "areas_added": len(areas),
        "notes": parsed.notes,
        "options": asdict(options),
        **({"origin": origin} if origin else {}),
    }
    tables = {
        "sources": sources,
        "indicators": indicators,
        "breakdowns": parsed.breakdowns,
        "areas": areas,
        "values": values.reindex(columns=TABLES["values"].arrow_schema().names),
    }
    # Small or empty tables are cast through Arrow so their types match what a later load reads back.
    typed = {name: _typed(name, frame) if name != "values" or frame.empty else frame for name, frame in tables.items()}
    return layers.Layer(manifest=manifest, tables=typed)


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    schema = TABLES[name].arrow_schema()
    table = pyarrow.Table.from_pandas(frame.reindex(columns=schema.names), schema=schema, preserve_index=False)
    out = table.to_pandas(date_as_object=False)
    for column in TABLES[name].date_columns:
        out[column] = out[column].astype("datetime64[ms]")
    return out


def _check_merged(base: Store, data_dir: Path, layer: layers.Layer, *, file_name: str) -> None:
    """The layer must pass its tables' schemas, and the store with every import plus this one the cross-checks."""
    try:
        for name in layers.LAYER_TABLES:
            validate_frame(name, layer.tables[name])
        frames = {name: getattr(base, name) for name in TABLES}
        others = layers.load_layers(data_dir)
        _refuse_redeclared(base, others, layer, file_name=file_name)
        # In the order the loader merges them (by import id), so the first declaration that wins here wins there.
        together = sorted([*others, layer], key=lambda each: each.manifest["import_id"])
        merged = layers.merge(frames, together, up_to=0)
        for name in ("sources", "indicators", "breakdowns", "areas"):
            merged[name] = validate_frame(name, merged[name])
        check_store(Store(**merged))
    except StoreError as exc:
        raise ImportFailed(file_name, exc.problems) from None


def _refuse_redeclared(base: Store, others: list[layers.Layer], layer: layers.Layer, *, file_name: str) -> None:
    """A new indicator this import declares must not be held already with another kind of value or unit.

    Two imports that each add the same new indicator (one as a percentage, one as a rate) would otherwise
    both pass, the first declaration silently giving the second file's values the wrong meaning.
    """
    held = pd.concat([base.indicators, *(other.tables["indicators"] for other in others)], ignore_index=True)
    held = held.drop_duplicates("indicator_id")[["indicator_id", "value_type", "unit"]]
    clash = layer.tables["indicators"].merge(held, on="indicator_id", suffixes=("", "_held"))
    clash = clash[(clash["value_type"] != clash["value_type_held"]) | (clash["unit"] != clash["unit_held"])]
    if not clash.empty:
        raise ImportFailed(
            file_name,
            [
                f"indicator '{row.indicator_id}' is already in the store as {row.value_type_held} ({row.unit_held}), "
                f"but this file gives it as {row.value_type} ({row.unit}); import it under another title, or undo "
                "the other import first"
                for row in clash.itertuples(index=False)
            ],
        )
