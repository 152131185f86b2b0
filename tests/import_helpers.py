"""Helpers shared by the import tests: a scratch data folder, its fingerprint, and the synthetic fixtures."""

from __future__ import annotations

import hashlib
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FINGERTIPS = FIXTURES / "fingertips_synthetic.csv"
TEMPLATE = FIXTURES / "lsoa_counts_synthetic.csv"
MALFORMED = FIXTURES / "malformed"


def synthetic_template() -> bytes:
    """The analysts' template filled with made-up counts for the synthetic store's LSOAs (tests/synthetic.py)."""
    from tests import synthetic
    from tests.fixtures.make_fixtures import template_rows, to_bytes

    deprivation = synthetic.synthetic_tables()["lsoa_deprivation"]
    deciles = dict(zip(deprivation["lsoa_code"], deprivation["imd_decile"], strict=True))
    rows = template_rows(sorted(deciles), deciles)
    return to_bytes(rows, ["area_code", "period", "numerator", "denominator"], bom=False, crlf=False)


def folder_hash(folder: Path) -> str:
    """sha256 over every file's relative path and bytes: equal only if nothing in the folder changed."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
