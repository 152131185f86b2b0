"""Import throughput: a generated Fingertips-format file of about 1,000,000 rows, checked and written.

Run: python bench/bench_import.py [--rows N]. Works on a scratch copy of the store; prints seconds
and rows per second for each step (target: the whole import under 10 s). The numbers in the file
are generated, not real data.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indicators.imports.options import ImportOptions
from indicators.imports.service import commit_import, prepare_import
from indicators.store.load import DATA_DIR, load_store
from tests.fixtures.make_fixtures import HEADER

SEXES = ("Persons", "Male", "Female")


def generate(rows: int, lsoas: list[str]) -> bytes:
    """A Fingertips-layout CSV (BOM, CRLF) with Leeds LSOAs x sexes x years x indicators, about `rows` rows."""
    per_indicator = len(lsoas) * len(SEXES)
    years = 36
    indicators = max(1, -(-rows // (per_indicator * years)))
    n = indicators * per_indicator * years
    i = np.arange(n)
    rng = np.random.default_rng(2019)
    denominator = rng.integers(200, 3000, n)
    count = (denominator * rng.uniform(0.05, 0.4, n)).astype(int) + 5
    value = 100 * count / denominator
    frame = pd.DataFrame(
        {
            "Indicator ID": (990100 + i // (per_indicator * years)).astype(str),
            "Indicator Name": "GENERATED BENCHMARK INDICATOR",
            "Parent Code": "E08000035",
            "Parent Name": "Leeds",
            "Area Code": np.array(lsoas)[(i // (len(SEXES) * years)) % len(lsoas)],
            "Area Name": "Generated",
            "Area Type": "LSOA",
            "Sex": np.array(SEXES)[(i // years) % len(SEXES)],
            "Age": "All ages",
            "Category Type": "",
            "Category": "",
            "Time period": (1990 + i % years).astype(str),
            "Value": np.round(value, 4),
            "Lower CI 95.0 limit": np.round(value * 0.9, 4),
            "Upper CI 95.0 limit": np.round(value * 1.1, 4),
            "Lower CI 99.8 limit": "",
            "Upper CI 99.8 limit": "",
            "Count": count,
            "Denominator": denominator,
            "Value note": "",
            "Recent Trend": "",
            "Compared to England value or percentiles": "Not compared",
            "Compared to Region value or percentiles": "",
            "Time period Sortable": (1990 + i % years) * 10000,
            "New data": "",
            "Compared to goal": "",
            "Time period range": "1y",
        },
        columns=HEADER,
    )
    return b"\xef\xbb\xbf" + frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def main() -> None:
    """Generate, then time the check and the write, on a scratch copy of the store."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    lsoas = sorted(load_store(include_imports=False).lsoa_deprivation["lsoa_code"])
    data = generate(args.rows, lsoas)
    rows = data.count(b"\r\n") - 1
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "data"
        scratch.mkdir()
        for path in DATA_DIR.glob("*.parquet"):
            shutil.copy2(path, scratch / path.name)
        started = time.perf_counter()
        prepared = prepare_import(
            data,
            file_name="generated.csv",
            kind="fingertips",
            options=ImportOptions(who="benchmark", value_type="percentage"),
            data_dir=scratch,
        )
        checked = time.perf_counter()
        commit_import(prepared, data_dir=scratch)
        written = time.perf_counter()
        load_store(data_dir=scratch)
        loaded = time.perf_counter()
    total = written - started
    print(f"file: {rows:,} rows, {len(data) / 1e6:.0f} MB (Fingertips layout, 27 columns, BOM, CRLF)")
    print(f"check (parse + validate + merged-store checks): {checked - started:6.2f} s")
    print(f"write (layer, atomic rename):                   {written - checked:6.2f} s")
    print(f"import total:                                   {total:6.2f} s  ({rows / total:,.0f} rows/s)")
    print("target: import total under 10 s")
    print(f"load store with the import (cold):              {loaded - written:6.2f} s")


if __name__ == "__main__":
    main()
