"""Board pack build time: a 10-slide deck as PowerPoint and as PDF (16:9 and A4), drawn in one Chromium session.

Run: python bench/bench_pack.py [--slides N] [--runs R] [--charts-only] [--no-profile]. The pack has the
area profile's pages after its cover unless --no-profile is given. Takes the first N of the
Overview's headline indicators (with --charts-only, of those drawn as a chart: the worst case), builds
the pack R times and prints each time, the median, the file sizes, and how long the browser takes to
start. Target: under 10 s for 10 slides.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import plotly.graph_objects as go  # noqa: E402

from indicators.present import pack  # noqa: E402
from indicators.present.cover import Cover  # noqa: E402
from indicators.present.deck import build_deck, headline_items  # noqa: E402
from indicators.present.pack_pages import PAPERS  # noqa: E402
from indicators.present.pack_profile import pack_profile, split_rows  # noqa: E402
from indicators.store.load import load_store  # noqa: E402

TARGET_SECONDS = 10.0


def main() -> None:
    """Print the time to build the pack, and whether it meets the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--charts-only", action="store_true", help="only indicators drawn as a chart: the worst case")
    parser.add_argument("--no-profile", action="store_true", help="leave the area profile's pages out")
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
    found = None if args.no_profile else pack_profile(store)
    if found is not None:
        live = pack.overview_url("https://indicators.example.org")
        pages = {name: len(split_rows(found, paper, live=live)) for name, paper in PAPERS.items()}
        print(f"area profile: {len(found.rows)} rows on {pages['wide']} 16:9 pages, {pages['a4']} A4 pages")
    started = time.perf_counter()
    pack.render_images([pack.ImageJob(go.Figure(), "png", 100, 100)])
    print(f"browser start and one empty image: {time.perf_counter() - started:.2f} s")
    cover = Cover(meeting="Leeds Health and Wellbeing Board", meeting_date=date.today(), data_as_at=date.today())
    for a4, what in ((False, "PowerPoint and PDF 16:9"), (True, "PowerPoint, PDF 16:9 and PDF A4")):
        times = []
        for run in range(1, args.runs + 1):
            started = time.perf_counter()
            built = pack.build_pack(
                store, deck, base_url="https://indicators.example.org", cover=cover, a4=a4, profile=not args.no_profile
            )
            times.append(time.perf_counter() - started)
            sizes = f"PowerPoint {len(built.pptx) / 1e6:.2f} MB, PDF {len(built.pdf) / 1e6:.2f} MB"
            print(f"{what}, run {run}: {times[-1]:.2f} s ({sizes})")
        median = statistics.median(times)
        verdict = "met" if median < TARGET_SECONDS else "NOT met"
        print(f"median, {what}, {len(deck)} slides: {median:.2f} s (target under {TARGET_SECONDS:.0f} s: {verdict})")
    print(f"load average while measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
