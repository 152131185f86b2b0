"""Explorer rerun time: the page re-run after each kind of widget change, with the store cached as in the app.

Run: python bench/bench_explorer.py [--rounds N]. Uses Streamlit's AppTest (the script runs as it does
for a visitor, without a browser). Prints the first (cold) run, then for each kind of interaction
(area level, grouping, indicator) the median and worst rerun: first when the selection is new to the
server, then when it has been seen before (results are cached per data version and shared by
sessions). Bundled store, then a scratch copy with the synthetic Fingertips and counts-template imports.
The explorer has no period control: it shows each series' latest period and the gap over all periods.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streamlit.testing.v1 import AppTest  # noqa: E402

from indicators.imports.options import ImportOptions  # noqa: E402
from indicators.imports.service import commit_import, prepare_import  # noqa: E402
from indicators.store.load import DATA_DIR  # noqa: E402

PAGE = str(REPO / "app_pages" / "explorer.py")
FIXTURES = REPO / "tests" / "fixtures"
TARGET_MS = 100


def _series(index: int) -> Callable[[AppTest], None]:
    def change(at: AppTest) -> None:
        box = at.selectbox(key="series")
        box.set_value(index % len(box.options))

    return change


def _radio(kind: str) -> Callable[[AppTest], None]:
    return lambda at: at.radio(key="filter_kind").set_value(kind)


def _groups(kind: str, values: list[str]) -> Callable[[AppTest], None]:
    return lambda at: at.multiselect(key=f"groups_{kind}").set_value(values)


def _choose(key: str, values: list[str]) -> Callable[[AppTest], None]:
    def change(at: AppTest) -> None:
        widget = next(w for kind in ("selectbox", "radio") for w in getattr(at, kind) if w.key == key)
        widget.set_value(values[0] if widget.value != values[0] else values[1])

    return change


Steps = tuple[tuple[str, Callable[[AppTest], None]], ...]
# One visitor's session in the view of every indicator: change the area level, the groups within it, and the
# indicator shown.
STEPS: Steps = (
    ("area level", _radio("decile")),
    ("grouping", _groups("decile", ["1", "2"])),
    ("indicator", _series(1)),
    ("grouping", _groups("decile", ["3"])),
    ("area level", _radio("quintile")),
    ("grouping", _groups("quintile", ["1", "5"])),
    ("indicator", _series(2)),
    ("area level", _radio("most_deprived")),
    ("indicator", _series(0)),
    ("area level", _radio("msoa")),
    ("area level", _radio("all")),
)
# The map and life expectancy views: change the selection, and the view's own choice.
VIEW_STEPS: dict[str, Steps] = {
    "every": STEPS,
    "map": (
        ("area level", _radio("decile")),
        ("grouping", _groups("decile", ["1", "2"])),
        ("map colour", _choose("map_domain", ["income", "imd"])),
        ("area level", _radio("most_deprived")),
        ("area level", _radio("all")),
    ),
    "life": (
        ("area level", _radio("decile")),
        ("grouping", _groups("decile", ["1", "2"])),
        ("sex", _choose("le_sex", ["Female", "Persons"])),
        ("area level", _radio("msoa")),
        ("area level", _radio("all")),
    ),
}


def run_session(
    *, rounds: int, timeout: float = 120, view: str = "every"
) -> tuple[float, dict[str, list[float]], dict[str, list[float]]]:
    """First run in seconds, then rerun milliseconds per interaction: first round (new selections), later rounds.

    The session opens the explorer on one of its views (`tab=` in the link), as a link to it would.
    """
    at = AppTest.from_file(PAGE, default_timeout=timeout)
    at.query_params["tab"] = view
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    new: dict[str, list[float]] = defaultdict(list)
    seen: dict[str, list[float]] = defaultdict(list)
    for round_no in range(rounds):
        for label, change in VIEW_STEPS[view]:
            change(at)
            started = time.perf_counter()
            at.run()
            (new if round_no == 0 else seen)[label].append((time.perf_counter() - started) * 1000)
            if at.exception:
                raise RuntimeError(at.exception[0].message)
    return first, new, seen


def report(label: str, first: float, new: dict[str, list[float]], seen: dict[str, list[float]], *, target: int) -> None:
    """One block per store: the first run, then median and worst rerun per interaction."""
    print(f"{label}: first run {first:.2f} s")
    for kind, times in (("new selection", new), ("seen before", seen)):
        for step, values in times.items():
            worst = max(values)
            verdict = "met" if statistics.median(values) < target and worst < target else "NOT met"
            print(
                f"  {step:11} {kind:14} median {statistics.median(values):6.1f} ms, worst {worst:6.1f} ms "
                f"({len(values)} reruns; target {target} ms: {verdict})"
            )


def main() -> None:
    """Time the explorer on the bundled store, then with imports."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the interactions (the first is new)")
    args = parser.parse_args()
    for view in VIEW_STEPS:
        report(f"bundled store, view '{view}'", *run_session(rounds=args.rounds, view=view), target=TARGET_MS)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "data"
        scratch.mkdir()
        for path in DATA_DIR.glob("*.parquet"):
            shutil.copy2(path, scratch / path.name)
        for name, kind, options in (
            ("fingertips_synthetic.csv", "fingertips", ImportOptions(value_type="percentage")),
            ("lsoa_counts_synthetic.csv", "template", ImportOptions(title="Synthetic test proportion")),
        ):
            data = (FIXTURES / name).read_bytes()
            commit_import(
                prepare_import(data, file_name=name, kind=kind, options=options, data_dir=scratch), data_dir=scratch
            )
        os.environ["INDICATORS_DATA_DIR"] = str(scratch)
        report("with two synthetic imports", *run_session(rounds=args.rounds), target=TARGET_MS)


if __name__ == "__main__":
    main()
