"""Corruption fuzz: how many random corruptions of each table are named as such, and how many slip through.

Usage: python bench/bench_corruption.py [--rounds 100] [--bytes 4] [--seed 1]

For every table the build writes, copies the bundled data folder (with the build's manifest of
checksums) to a scratch folder, then `--rounds` times overwrites `--bytes` random bytes of that
table's file and reads it back through the loader. Each outcome is counted as:
- named altered: refused with the message that the file differs from the one the build wrote;
- other message: refused with another StoreError (a message, not a traceback);
- unchanged: the random bytes happened to equal the old ones (not a corruption; not counted);
- escaped: any other exception (a traceback a visitor would see). Must be 0.
The same is repeated without the manifest, where a corruption can only be caught if the file no
longer decodes; there "read silently" counts the corruptions that loaded with different contents.
Exits 1 if anything escaped or, with the manifest, anything was read silently.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from indicators.store.integrity import MANIFEST_NAME  # noqa: E402
from indicators.store.load import DATA_DIR, StoreError, read_table  # noqa: E402


def corrupt(data: bytes, rng: random.Random, count: int) -> bytes:
    """The file's bytes with `count` bytes overwritten at random places."""
    changed = bytearray(data)
    for _ in range(count):
        changed[rng.randrange(len(changed))] = rng.randrange(256)
    return bytes(changed)


def fuzz_table(folder: Path, table: str, *, rounds: int, count: int, rng: random.Random) -> dict[str, int]:
    """Corrupt one table `rounds` times in `folder`; count each outcome."""
    path = folder / f"{table}.parquet"
    original = path.read_bytes()
    expected = read_table(table, data_dir=folder)
    tally = {"named altered": 0, "other message": 0, "read silently": 0, "read unchanged": 0, "escaped": 0}
    skipped = 0
    for _ in range(rounds):
        damaged = corrupt(original, rng, count)
        if damaged == original:
            skipped += 1
            continue
        path.write_bytes(damaged)
        try:
            frame = read_table(table, data_dir=folder)
        except StoreError as exc:
            tally["named altered" if "altered" in str(exc) else "other message"] += 1
        except Exception:  # the point: count anything that is not a message
            tally["escaped"] += 1
        else:
            tally["read unchanged" if frame.equals(expected) else "read silently"] += 1
    path.write_bytes(original)
    tally["not a change"] = skipped
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--bytes", type=int, default=4, help="bytes overwritten per corruption")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tables = sorted(p.stem for p in DATA_DIR.glob("*.parquet"))
    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        for sealed in (True, False):
            folder = Path(scratch) / ("sealed" if sealed else "bare")
            folder.mkdir()
            for path in DATA_DIR.glob("*.parquet"):
                shutil.copy2(path, folder / path.name)
            if sealed:
                shutil.copy2(DATA_DIR / MANIFEST_NAME, folder / MANIFEST_NAME)
            print(
                f"\n{'with' if sealed else 'without'} the build's manifest ({args.rounds} rounds x {args.bytes} bytes)"
            )
            header = ["named altered", "other message", "read silently", "read unchanged", "escaped", "not a change"]
            print(f"  {'table':24}" + "".join(f"{h:>16}" for h in header))
            totals = dict.fromkeys(header, 0)
            for table in tables:
                tally = fuzz_table(folder, table, rounds=args.rounds, count=args.bytes, rng=rng)
                for key in header:
                    totals[key] += tally[key]
                print(f"  {table:24}" + "".join(f"{tally[h]:16d}" for h in header))
            print(f"  {'all tables':24}" + "".join(f"{totals[h]:16d}" for h in header))
            changed = sum(totals[h] for h in header[:5])
            caught = totals["named altered"] + totals["other message"]
            print(
                f"  caught as a message: {caught} of {changed} corruptions; escaped as a traceback: {totals['escaped']}"
            )
            failed |= totals["escaped"] > 0 or (sealed and totals["read silently"] > 0)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
