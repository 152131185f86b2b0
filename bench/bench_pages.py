"""Page speed for every page: load time in headless Chromium and server-side rerun time.

Usage: python bench/bench_pages.py [--runs 5] [--cold-runs 3] [--only overview,indicator]
                                   [--skip-browser] [--skip-server]

Browser: for every declared page and for a baseline Streamlit app with one Plotly chart and nothing
else, the milliseconds from navigation to the page's first chart being visible (its title, on a
page without charts), median over runs, and the ratio to the baseline measured the same way in the
same run (target: within 1.2x). Three ways:
  cold         a server started for this one visit (nothing cached) and a new browser profile;
  first visit  a server that has shown the page before, and a new browser profile (nothing cached);
  warm         a server that has shown the page before, and a browser that has been to the app before.
Server: the time of a rerun of each page and of one typical interaction on it, under Streamlit's
AppTest, median over runs after one warm-up (target: under 100 ms). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.serving import CHROMIUM_FLAGS, find_chromium, serve  # noqa: E402
from ui.navigation import PAGES as DECLARED  # noqa: E402

PLOTLY = ".js-plotly-plot .main-svg"
SPARKLINE = '[data-testid="stMetricChart"] svg'
TITLE = '[data-testid="stMain"] h1'
BASELINE = "baseline (one Plotly chart)"
# Pages opened with a link, as a board member would arrive at them.
QUERIES = {"indicator": "id=smoking_prevalence"}
# Views of a page that a link opens directly, timed as pages of their own: the explorer's map.
VIEWS = {"explorer": [("Inequalities explorer, map view", "tab=map")]}


@dataclass(frozen=True)
class Target:
    """One page to time: which app serves it, its address and what counts as drawn."""

    name: str
    script: str
    path: str
    ready: str


def targets(only: set[str] | None = None) -> list[Target]:
    """The baseline and every declared page (or those in `only`), each with what marks it as drawn."""
    found = [Target(BASELINE, "bench/minimal_app.py", "", PLOTLY)]
    for spec in DECLARED:
        if only and spec.url_path not in only:
            continue
        path = "" if spec.default else spec.url_path
        if spec.url_path in QUERIES:
            path += "?" + QUERIES[spec.url_path]
        found.append(Target(spec.title, "dashboard.py", path, TITLE))
        for title, query in VIEWS.get(spec.url_path, []):
            found.append(Target(title, "dashboard.py", f"{spec.url_path}?{query}", TITLE))
    return found


def _open(context, url: str, ready: str) -> float:
    """Milliseconds until `ready` is visible; NaN (reported as a timeout) if it never is within 2 minutes."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = context.new_page()
    start = time.perf_counter()
    try:
        page.goto(url)
        page.locator(ready).first.wait_for(state="visible", timeout=120_000)
        elapsed = (time.perf_counter() - start) * 1000
    except PlaywrightTimeout:
        print(f"  timed out: {url} never showed {ready}", flush=True)
        elapsed = math.nan
    page.close()
    return elapsed


def _readiness(browser, urls: dict[str, str], pages: list[Target]) -> list[Target]:
    """Visit each page once (warming its server) and choose its marker: a Plotly chart, a sparkline or the title."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    chosen = []
    for target in pages:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{urls[target.script]}/{target.path}")
        page.locator(TITLE).first.wait_for(timeout=120_000)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000, polling=200
        )
        # A chart is drawn a moment after the run ends (plotly.js loads lazily): give it 15 s to appear.
        ready = TITLE
        try:
            page.locator(f"{PLOTLY}, {SPARKLINE}").first.wait_for(state="visible", timeout=15_000)
            ready = next((s for s in (PLOTLY, SPARKLINE) if page.locator(s).count()), TITLE)
        except PlaywrightTimeout:
            pass
        chosen.append(Target(target.name, target.script, target.path, ready))
        page.close()
    return chosen


Times = dict[str, dict[str, list[float]]]


def browser_times(runs: int, cold_runs: int, only: set[str] | None = None) -> tuple[list[Target], Times]:
    """Milliseconds to the first chart per page, cold, first visit and warm."""
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if not chromium:
        raise SystemExit("Debian's chromium is needed: apt-get install chromium")
    viewport = {"width": 1366, "height": 768}
    times: dict[str, dict[str, list[float]]] = {"cold": {}, "first visit": {}, "warm": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        with serve("dashboard.py") as dashboard, serve("bench/minimal_app.py") as baseline:
            urls = {"dashboard.py": dashboard, "bench/minimal_app.py": baseline}
            pages = _readiness(browser, urls, targets(only))
            warm_context = browser.new_context(viewport=viewport)
            for target in pages:  # the warm browser has been to every page once
                _open(warm_context, f"{urls[target.script]}/{target.path}", target.ready)
            for _ in range(runs):
                # Pages interleaved, so a slow moment of the machine touches them all alike.
                for target in pages:
                    url = f"{urls[target.script]}/{target.path}"
                    fresh = browser.new_context(viewport=viewport)
                    times["first visit"].setdefault(target.name, []).append(_open(fresh, url, target.ready))
                    fresh.close()
                    times["warm"].setdefault(target.name, []).append(_open(warm_context, url, target.ready))
            warm_context.close()
        for _ in range(cold_runs):
            for target in pages:
                with serve(target.script) as url:
                    fresh = browser.new_context(viewport=viewport)
                    times["cold"].setdefault(target.name, []).append(_open(fresh, f"{url}/{target.path}", target.ready))
                    fresh.close()
        browser.close()
    return pages, times


# ---- server side -------------------------------------------------------------------------------

Interaction = tuple[str, Callable[[object, int], None]]


def _alternate(kind: str, widget, values: list) -> Interaction:
    label = getattr(widget, "label", "") or getattr(widget, "key", "")

    def act(_at, turn: int) -> None:
        widget_now = _find(_at, kind, label)
        widget_now.set_value(values[turn % len(values)])

    return f"{kind.replace('_', ' ')} '{label}'", act


def _find(at, kind: str, label: str):
    return next(w for w in getattr(at, kind) if (getattr(w, "label", "") or getattr(w, "key", "")) == label)


def interactions(at) -> list[Interaction]:
    """The page's filter-like controls, each switched back and forth between two values, in page order."""
    found = []
    for kind in ("segmented_control", "selectbox", "toggle", "text_input", "radio", "multiselect"):
        for widget in getattr(at, kind):
            options = list(getattr(widget, "options", []))
            if kind == "toggle":
                found.append(_alternate(kind, widget, [not widget.value, widget.value]))
            elif kind == "text_input":
                found.append(_alternate(kind, widget, ["obesity", ""]))
            elif isinstance(widget.value, list) and options:  # a multiselect, or a control taking several
                found.append(_alternate(kind, widget, [options[:1], list(widget.value)]))
            elif len(options) > 1:
                other = next(o for o in options if o != widget.value)
                found.append(_alternate(kind, widget, [other, widget.value]))
    return found


def _median_ms(step: Callable[[int], None], runs: int) -> float:
    samples = []
    for turn in range(runs):
        start = time.perf_counter()
        step(turn)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _open_page(spec):
    """The page under AppTest, opened with its link's query and run twice (the second warms it)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=120)
    for pair in QUERIES.get(spec.url_path, "").split("&"):
        if pair:
            key, _, value = pair.partition("=")
            at.query_params[key] = value
    at.switch_page(spec.path)
    at.run()
    return at.run()


def rerun_times(runs: int, only: set[str] | None = None) -> list[tuple[str, str, float]]:
    """Median milliseconds of a plain rerun, and of one interaction, for every page (or those in `only`)."""
    from streamlit.testing.v1 import AppTest

    results = []
    for spec in DECLARED:
        if only and spec.url_path not in only:
            continue
        at = _open_page(spec)
        results.append((spec.title, "rerun", _median_ms(lambda _turn, at=at: at.run(), runs)))
        for description, act in interactions(at):
            try:  # a control whose shown options are not its values cannot be set this way: try the next
                act(at, 0)
                at.run()  # warm-up: both values seen once
            except (TypeError, ValueError, StopIteration):
                at = _open_page(spec)
                continue

            def step(turn: int, act=act, at=at) -> None:
                act(at, turn + 1)
                at.run()

            results.append((spec.title, description, _median_ms(step, runs)))
            break
    at = AppTest.from_file(str(REPO / "bench" / "minimal_app.py"), default_timeout=60).run()
    results.append((BASELINE, "rerun", _median_ms(lambda _turn: at.run(), runs)))
    return results


def _median(samples: list[float]) -> float:
    """Median of the visits that drew; NaN if none did."""
    drawn = [x for x in samples if not math.isnan(x)]
    return statistics.median(drawn) if drawn else math.nan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--only", default="", help="url paths of the pages to time, comma-separated (default: all)")
    args = parser.parse_args()
    only = {p for p in args.only.split(",") if p} or None
    print(f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    if not args.skip_browser:
        pages, times = browser_times(args.runs, args.cold_runs, only)
        print("\nTime to the first chart (the title on pages without one) in headless Chromium, 1366x768, ms")
        print(f"median of {args.runs} (cold: of {args.cold_runs}); ratio to the baseline measured the same way")
        heading = "".join(f"{way:>7} {'ratio':>6} " for way in ("cold", "first", "warm"))
        print(f"  {'page':30} {'drawn when':10} {heading}")
        base = {way: _median(samples[BASELINE]) for way, samples in times.items()}
        marker = {PLOTLY: "chart", SPARKLINE: "sparkline", TITLE: "title"}
        for target in pages:
            cells = []
            for way in ("cold", "first visit", "warm"):
                samples = times[way].get(target.name, [])
                median = _median(samples)
                cells.append(f"{median:7.0f} {median / base[way]:5.2f}x")
                failed = sum(math.isnan(x) for x in samples)
                if failed:
                    cells.append(f"({failed} of {len(samples)} {way} timed out)")
            print(f"  {target.name[:30]:30} {marker[target.ready]:10} {' '.join(cells)}")
    if not args.skip_server:
        print(f"\nServer-side time under AppTest, median of {args.runs} after a warm-up, ms (target under 100)")
        for page, what, median in rerun_times(args.runs, only):
            print(f"  {page[:30]:30} {what[:44]:44} {median:8.1f}")


if __name__ == "__main__":
    main()
