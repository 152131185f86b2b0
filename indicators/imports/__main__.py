"""Command line for analysts' imports: add a file, list the imports, undo one.

    python -m indicators.imports add FILE [--kind fingertips|template] [--who NAME] ...
    python -m indicators.imports list
    python -m indicators.imports undo IMPORT_ID

The data folder is the bundled one unless --data-dir or INDICATORS_DATA_DIR says otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from indicators.core import settings
from indicators.imports.options import KINDS, MEASURES, ImportOptions
from indicators.imports.problems import ImportFailed
from indicators.imports.service import commit_import, prepare_import, refuse_if_too_large, undo_import
from indicators.store.layers import ImportNotFound, list_imports
from indicators.store.load import StoreError
from indicators.store.schemas import POLARITIES, VALUE_TYPES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m indicators.imports", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None, help="data folder (default: the bundled data)")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="check a file and add it to the store as a new source")
    add.add_argument("file", type=Path)
    add.add_argument("--kind", choices=list(KINDS), default=None, help="default: guessed from the header")
    add.add_argument("--who", default=os.environ.get("USER", "analyst"), help="name or team, kept with the import")
    add.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FINGERTIPS_ID=INDICATOR_ID",
        help="put a Fingertips indicator on an existing one, e.g. 92443=smoking_prevalence",
    )
    add.add_argument("--value-type", choices=VALUE_TYPES, default="to_be_confirmed", help="for new indicators")
    add.add_argument("--polarity", choices=POLARITIES, default="no_judgement", help="for new indicators")
    add.add_argument("--indicator", default="", help="template: an existing indicator id to add the counts to")
    add.add_argument("--title", default="", help="template: the title of a new indicator")
    add.add_argument("--definition", default="", help="template: what the new indicator measures")
    add.add_argument("--measure", choices=list(MEASURES), default="percentage", help="template: how to use counts")
    add.add_argument("--check", action="store_true", help="check the file only; write nothing")
    commands.add_parser("list", help="list the imports, oldest first")
    undo = commands.add_parser("undo", help="remove one import")
    undo.add_argument("import_id")
    return parser


def _guess_kind(data: bytes) -> str:
    head = data[:200].decode("utf-8", errors="replace").lstrip("\ufeff")
    return "template" if head.startswith("area_code") else "fingertips"


def main(argv: list[str] | None = None) -> int:
    """Run one command; print what happened; return 0 on success, 1 on a refused file or unknown import."""
    args = _parser().parse_args(argv)
    data_dir = args.data_dir or settings.data_dir()
    try:
        if args.command == "list":
            listed = list_imports(data_dir)
            print(listed.drop(columns="sha256").to_string(index=False) if len(listed) else "No imports yet.")
            return 0
        if args.command == "undo":
            manifest = undo_import(args.import_id, data_dir=data_dir)
            print(f"Removed import {args.import_id} ({manifest['file_name']}, {manifest['rows_stored']:,} rows).")
            return 0
        return _add(args, data_dir)
    except ImportFailed as exc:
        print(exc, file=sys.stderr)
    except ImportNotFound as exc:
        print(f"Nothing was removed: {exc}", file=sys.stderr)
    except (StoreError, OSError) as exc:
        print(f"The store could not be used, so nothing was imported:\n{exc}", file=sys.stderr)
    return 1


def _add(args: argparse.Namespace, data_dir: Path) -> int:
    refuse_if_too_large(args.file.stat().st_size, file_name=args.file.name)  # before reading it into memory
    data = args.file.read_bytes()
    kind = args.kind or _guess_kind(data)
    mapping = {}
    for item in args.map:
        fingertips_id, _, indicator_id = item.partition("=")
        mapping[fingertips_id.strip()] = indicator_id.strip()
    options = ImportOptions(
        who=args.who,
        indicator_map=mapping,
        value_type=args.value_type,
        polarity=args.polarity,
        indicator_id=args.indicator,
        title=args.title,
        definition=args.definition,
        measure=args.measure,
    )
    prepared = prepare_import(data, file_name=args.file.name, kind=kind, options=options, data_dir=data_dir)
    summary = prepared.summary
    print(
        f"{args.file.name}: {summary['rows_read']:,} rows read, {summary['rows_stored']:,} to store "
        f"({KINDS[kind]}); indicators {', '.join(summary['indicators'])}"
    )
    for note in summary["notes"]:
        print(f"  note: {note}")
    if args.check:
        print("Checked only; nothing was written.")
        return 0
    folder = commit_import(prepared, data_dir=data_dir)
    print(f"Imported as {folder.name}. Undo with: python -m indicators.imports undo {folder.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
