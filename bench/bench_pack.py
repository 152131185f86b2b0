"""Board pack build time: a 10-slide deck as PowerPoint and PDF, every image drawn in one Chromium session.

Run: python bench/bench_pack.py [--slides N] [--runs R] [--charts-only]. Takes the first N of the
Overview's headline indicators (with --charts-only, of those drawn as a chart: the worst case), builds
the pack R times and prints each time, the median, the file sizes, and how long the browser takes to
start. Target: under 10 s for 10 slides.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import plotly.graph_objects as go  # noqa: E402

from indicators.present import pack  # noqa: E402
from indicators.present.deck import build_deck, headline_items  # noqa: E402
from indicators.store.load import load_store  # noqa: E402

TARGET_SECONDS = 10.0


def main() -> None:
    """Print the time to build the pack, and whether it meets the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--charts-only", action="store_true", help="only indicators drawn as a chart: the worst case")
    args = parser.parse_args()
    if pack.find_chromium() is None:
        sys.exit("No Chromium found: install it (apt-get install chromium) to draw the pack.")
    store = load_store()
    items = headline_items(store)
    if args.charts_only:
        items = [i for i, s in zip(items, build_deck(store, items).slides, strict=True) if s.has_chart]
    deck = build_deck(store, items[: args.slides])
    charts = sum(s.has_chart for s in deck.slides)
    print(f"{len(deck)} slides, {charts} with a chart (the rest show a single figure or say no data yet)")
    started = time.perf_counter()
    pack.render_images([pack.ImageJob(go.Figure(), "png", 100, 100)])
    print(f"browser start and one empty image: {time.perf_counter() - started:.2f} s")
    times = []
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        built = pack.build_pack(store, deck, base_url="http://localhost:8501")
        times.append(time.perf_counter() - started)
        sizes = f"PowerPoint {len(built.pptx) / 1e6:.2f} MB, PDF {len(built.pdf) / 1e6:.2f} MB"
        print(f"run {run}: {times[-1]:.2f} s ({sizes})")
    median = statistics.median(times)
    verdict = "met" if median < TARGET_SECONDS else "NOT met"
    print(f"median build of a {len(deck)}-slide pack: {median:.2f} s (target under {TARGET_SECONDS:.0f} s: {verdict})")


if __name__ == "__main__":
    main()
