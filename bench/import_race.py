"""Two imports that each pass alone but conflict, made at the same moment by two processes, N times.

Each process checks its file (outside the serialised transaction), waits for the other at a barrier, then
commits: the check against the combined store and the registration are one serialised transaction in the
records database. Whichever commits first wins and the other is refused (the same new indicator, one as
a percentage, one as a rate per 100,000); the store with imports must load and pass every check.

    python bench/import_race.py [--races 20] [--postgres-url postgresql+psycopg://...]

Without --postgres-url each race uses a SQLite file in its data folder; with it, a fresh schema there.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indicators.imports.options import ImportOptions
from indicators.imports.problems import ImportFailed
from indicators.imports.service import commit_import, prepare_import
from indicators.store.layers import layer_folders
from indicators.store.load import DATA_DIR, load_store
from tests.database_helpers import fresh_database

COUNTS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "lsoa_counts_synthetic.csv"
TITLE = "Synthetic race indicator"


def conflicting_files() -> list[tuple[bytes, str]]:
    """The same counts file twice (one numerator changed, so the files differ), one to import as a
    percentage and one as a rate per 100,000: the same new indicator, with two kinds of value."""
    text = COUNTS.read_text(encoding="utf-8")
    header, first, *rest = text.splitlines()
    code, period, numerator, denominator = first.split(",")
    changed = ",".join([code, period, str(int(numerator) + 1), denominator])
    return [(text.encode(), "percentage"), (("\n".join([header, changed, *rest]) + "\n").encode(), "rate_100k")]


def _one(data_dir: str, data: bytes, measure: str, barrier, results) -> None:
    options = ImportOptions(who="Race test", title=TITLE, definition="Synthetic", measure=measure)
    try:
        prepared = prepare_import(
            data, file_name=f"{measure}.csv", kind="template", options=options, data_dir=Path(data_dir)
        )
    except ImportFailed as exc:
        barrier.wait()
        results.put(f"refused when checked: {exc.problems[:1]}")
        return
    barrier.wait()
    try:
        commit_import(prepared, data_dir=Path(data_dir))
        results.put("landed")
    except ImportFailed as exc:
        results.put(f"refused at commit: {exc.problems[:1]}")


def copy_of_store(target: Path) -> Path:
    target.mkdir(parents=True)
    for path in DATA_DIR.glob("*.parquet"):
        shutil.copy2(path, target / path.name)
    shutil.copy2(DATA_DIR / "manifest.json", target / "manifest.json")
    return target


def race(data_dir: Path) -> tuple[list[str], int, list[str]]:
    """One race: what each process reported, how many imports landed, and the problems of the loaded store."""
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(2), context.Queue()
    workers = [
        context.Process(target=_one, args=(str(data_dir), data, measure, barrier, results))
        for data, measure in conflicting_files()
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    outcomes = sorted(results.get(timeout=5) for _ in workers)
    store = load_store(data_dir=data_dir, strict=False)
    return outcomes, len(layer_folders(data_dir)), [str(e) for e in store.problems.values()]


def race_ok(outcomes: list[str], landed: int, problems: list[str]) -> bool:
    """Exactly one import landed, the registry agrees with what the processes reported, and the store loads."""
    return not problems and landed == outcomes.count("landed") == 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--races", type=int, default=20)
    parser.add_argument("--postgres-url", default=None, help="run on this PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    engine = "postgresql" if args.postgres_url else "sqlite"
    bad = 0
    for n in range(args.races):
        with (
            tempfile.TemporaryDirectory() as scratch,
            fresh_database(engine, Path(scratch), postgres_url=args.postgres_url) as url,
        ):
            os.environ["INDICATORS_DATABASE_URL"] = url  # the racing processes inherit it
            outcomes, landed, problems = race(copy_of_store(Path(scratch) / "data"))
        ok = race_ok(outcomes, landed, problems)
        bad += not ok
        print(f"race {n + 1:2}: {landed} landed; store problems: {len(problems)}; {outcomes}")
    print(f"{engine}: {args.races - bad} of {args.races} races had exactly one import land and a store that loads")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
