"""Server memory with 1 and with 25 sessions open: the loaded tables must be shared, not copied per session.

Usage: python bench/bench_memory.py [--sessions 25]

Starts the dashboard on a loopback port and reads its memory from Linux's /proc (RSS; PSS and
USS, which leave out memory shared with other processes) after start, after one session has
opened every page, and after the other sessions have each opened every page too, all of them
still connected. Prints each figure and the increment per extra session. A copy of the store per
session would add tens of MiB each (the Parquet tables take that much once loaded).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.serving import memory_kib, serve_process  # noqa: E402
from bench.ws_client import Session, page_visits  # noqa: E402

BATCH = 5  # sessions opening pages at the same time, as people arriving at a meeting might


async def open_every_page(url: str) -> tuple[Session, list[str]]:
    """A session that has opened every page once and stays connected; with any errors it met."""
    session = Session(url)
    await session.open()
    errors = []
    for visit in page_visits():
        outcome = await session.visit(visit)
        errors += [f"{visit.label}: {e}" for e in outcome.errors]
    return session, errors


async def measure(url: str, pid: int, *, sessions: int) -> tuple[dict[str, dict[str, int]], list[str]]:
    """Memory after start, with one session and with all sessions open; and any errors met."""
    figures = {"after start": memory_kib(pid)}
    first, errors = await open_every_page(url)
    await asyncio.sleep(2)
    figures["1 session"] = memory_kib(pid)
    opened = [first]
    while len(opened) < sessions:
        batch = await asyncio.gather(*(open_every_page(url) for _ in range(min(BATCH, sessions - len(opened)))))
        for session, more in batch:
            opened.append(session)
            errors += more
    await asyncio.sleep(2)
    figures[f"{sessions} sessions"] = memory_kib(pid)
    for session in opened:
        await session.close()
    return figures, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25)
    args = parser.parse_args()
    print(f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    with serve_process("dashboard.py") as (url, process):
        start = time.perf_counter()
        figures, errors = asyncio.run(measure(url, process.pid, sessions=args.sessions))
        print(f"(opening every page in every session took {time.perf_counter() - start:.0f} s)")
    print(f"\n{'server memory, MiB':24} {'RSS':>8} {'PSS':>8} {'USS':>8}")
    for name, mem in figures.items():
        print(f"  {name:22} {mem['rss'] / 1024:8.0f} {mem['pss'] / 1024:8.0f} {mem['uss'] / 1024:8.0f}")
    one, many = figures["1 session"], figures[f"{args.sessions} sessions"]
    extra = max(args.sessions - 1, 1)
    print(
        f"  {'per extra session':22} {(many['rss'] - one['rss']) / extra / 1024:8.1f} "
        f"{(many['pss'] - one['pss']) / extra / 1024:8.1f} {(many['uss'] - one['uss']) / extra / 1024:8.1f}"
    )
    for error in errors[:20]:
        print(f"  ERROR {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
