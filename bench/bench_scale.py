"""The explorer at England scale: load time, memory, and rerun time per interaction on a synthetic store.

Usage: python bench/bench_scale.py [STORE] [--rounds 2] [--pages overview,indicator]

STORE is a folder written by bench/make_england_store.py; without one, a full-size store
(32,844 LSOAs, 40 indicators, 10 periods) is generated into a temporary folder first. Loads
the store as the app does (every pandera and cross-table check), then runs the explorer under
Streamlit's AppTest with INDICATORS_DATA_DIR pointing at it: the first run, then the interactions
of bench/bench_explorer.py, printing the median and worst rerun per interaction (target 300 ms)
and the process's resident memory (target 1.5 GB) and its peak. Then tries the other pages named by
--pages once each and says how long they took or how they failed. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.bench_explorer import VIEW_STEPS, run_session  # noqa: E402
from bench.make_england_store import make_store  # noqa: E402

TARGET_MS = 300
TARGET_GB = 1.5
OTHER_PAGES = {
    "overview": "app_pages/overview.py",
    "indicator": "app_pages/indicator.py",
    "indicator_list": "app_pages/indicators.py",
    "sources": "app_pages/sources.py",
}


def rss_gb() -> float:
    """Resident memory now, from /proc (Linux), in GB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1e6
    except OSError:
        pass
    return float("nan")


def peak_gb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is in kB on Linux), in GB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def load(folder: Path) -> None:
    """Load the store through the app's own cached loader, so the pages below reuse it."""
    from ui.data import _load, data_signature

    started = time.perf_counter()
    store = _load(str(folder), data_signature(folder))
    took = time.perf_counter() - started
    print(
        f"Load with every check: {took:.1f} s; {len(store.values):,} values rows; "
        f"RSS after load {rss_gb():.2f} GB, peak so far {peak_gb():.2f} GB"
    )


def explorer(rounds: int) -> None:
    """The explorer's first run and its reruns per interaction, in each view that has interactions of its own."""
    for view in VIEW_STEPS:
        first, new, seen = run_session(rounds=rounds, timeout=1800, view=view)
        print(f"Explorer, view '{view}': first run (builds its cached results) {first:.1f} s")
        for kind, times in (("new selection", new), ("seen before", seen)):
            for step, values in times.items():
                median, worst = statistics.median(values), max(values)
                verdict = "met" if worst < TARGET_MS else "NOT met"
                print(
                    f"  {step:11} {kind:14} median {median:7.1f} ms, worst {worst:7.1f} ms "
                    f"({len(values)} reruns; target {TARGET_MS} ms: {verdict})"
                )
    now, peak = rss_gb(), peak_gb()
    print(
        f"Resident memory serving the explorer {now:.2f} GB (target {TARGET_GB} GB: "
        f"{'met' if now < TARGET_GB else 'NOT met'}); peak while loading and building {peak:.2f} GB "
        f"({'under' if peak < TARGET_GB else 'over'} {TARGET_GB} GB)"
    )


def other_pages(names: list[str]) -> None:
    """One run of each other page on the same store: how long, and whether it failed."""
    for name in names:
        # Through the dashboard, as the pages link to each other through its menu.
        at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=1800)
        at.switch_page(OTHER_PAGES[name])
        started = time.perf_counter()
        try:
            at.run()
            outcome = at.exception[0].message.splitlines()[0] if at.exception else "no exception"
        except RuntimeError as exc:  # AppTest's timeout
            outcome = f"did not finish: {exc}"
        took = time.perf_counter() - started
        started = time.perf_counter()
        at.run()
        again = time.perf_counter() - started
        print(f"  {name:15} first run {took:7.1f} s, rerun {again * 1000:7.0f} ms; {outcome}; RSS {rss_gb():.2f} GB")


def main() -> None:
    """Generate (if needed) and load the store, then time the explorer and try the other pages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", nargs="?", type=Path, help="a folder from bench/make_england_store.py")
    parser.add_argument("--rounds", type=int, default=2, help="passes over the interactions (the first is new)")
    parser.add_argument("--pages", default="overview,indicator", help="other pages to try once ('' for none)")
    args = parser.parse_args()
    folder = args.store
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="england-store-"))
        started = time.perf_counter()
        rows = make_store(folder, lsoas=32_844, indicators=40, periods=10, seed=2019)
        print(f"Generated {rows:,} values rows into {folder} in {time.perf_counter() - started:.1f} s")
    os.environ["INDICATORS_DATA_DIR"] = str(folder)
    print(f"Store: {folder}; RSS at start {rss_gb():.2f} GB")
    load(folder)
    explorer(args.rounds)
    names = [n for n in args.pages.split(",") if n]
    if names:
        print("Other pages on the same store:")
        other_pages(names)


if __name__ == "__main__":
    main()
