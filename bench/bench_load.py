"""Load: many sessions at once clicking through every page, with interaction latency and server memory.

Usage: python bench/bench_load.py [--sessions 25] [--seconds 60] [--think 1.0]

Starts the dashboard on a loopback port, warms it with one session that opens every page once
(the first run of a page after start builds and caches its figures), then runs the sessions at
once for the given time. Each is a websocket client speaking Streamlit's protocol
(bench/ws_client.py): it asks for a page with the page's usual links, types a search where a page
has one, waits for the page to finish, pauses for a think time of 0.5 to 1.5 times --think seconds,
and goes on to the next page. Prints p50, p95 and max milliseconds per visit and overall, counts,
every error, and the server's memory before and after. Exits 1 on any error or page not reached.
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
from bench.ws_client import LoadResult, latency_table, page_visits, run_load  # noqa: E402


def print_report(result: LoadResult, *, seconds: float) -> list[str]:
    """Print the latency table and counts; return the problems (errors, pages never reached)."""
    print(f"\n{'visit':58} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label, count, p50, p95, worst in latency_table(result.outcomes):
        print(f"  {label:56} {count:6d} {p50:8.0f} {p95:8.0f} {worst:8.0f}")
    reached = {o.label for o in result.outcomes if not o.errors}
    missing = [v.label for v in page_visits() if v.label not in reached]
    ids = {s.session_id for s in result.sessions if s.session_id}
    print(
        f"\n{len(result.sessions)} sessions ({len(ids)} distinct session ids), {len(result.outcomes)} visits "
        f"in {seconds:.0f} s ({len(result.outcomes) / seconds:.1f} a second), "
        f"{len(reached)} of {len(page_visits())} page visits reached, {len(result.errors)} errors"
    )
    for error in result.errors[:20]:
        print(f"  ERROR {error}")
    return result.errors + [f"never reached: {label}" for label in missing]


def _mib(pid: int) -> str:
    mem = memory_kib(pid)
    return f"RSS {mem['rss'] / 1024:.0f} MiB, PSS {mem['pss'] / 1024:.0f} MiB, USS {mem['uss'] / 1024:.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between clicks, seconds (0: none)")
    args = parser.parse_args()
    print(f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    with serve_process("dashboard.py") as (url, process):
        print(f"Server started: {_mib(process.pid)}")
        start = time.perf_counter()
        warm = asyncio.run(run_load(url, sessions=1, seconds=600, think=0, limit=len(page_visits())))
        print(f"Warm-up, one session opening every page once: {time.perf_counter() - start:.1f} s, {_mib(process.pid)}")
        if warm.errors:
            print("\n".join(f"  ERROR {e}" for e in warm.errors))
            return 1
        print(f"\n{args.sessions} sessions for {args.seconds:.0f} s, think time {args.think:g} s (0.5x to 1.5x)")
        start = time.perf_counter()
        result = asyncio.run(run_load(url, sessions=args.sessions, seconds=args.seconds, think=args.think))
        elapsed = time.perf_counter() - start
        problems = print_report(result, seconds=elapsed)
        print(f"Server after the load: {_mib(process.pid)}")
    print("FAILED" if problems else "OK: no errors, every page reached")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
