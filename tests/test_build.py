"""The build writes deterministically, refuses bad sources naming the row, and a failed build writes nothing.

That the committed tables equal a fresh build is `make build-check` (`python -m indicators.store.build --check`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indicators.store import build
from indicators.store.load import StoreError, load_store
from tests.synthetic import synthetic_tables, write_synthetic_store


def test_writing_the_same_tables_twice_gives_the_same_bytes(tmp_path):
    """The writer is deterministic, so a rebuild of unchanged sources leaves the committed files unchanged."""
    first = write_synthetic_store(tmp_path / "first")
    second = write_synthetic_store(tmp_path / "second")
    names = sorted(p.name for p in first.glob("*.parquet"))
    assert names == sorted(p.name for p in second.glob("*.parquet")) and names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert len(load_store(data_dir=second).values) == len(synthetic_tables()["values"])


@pytest.fixture
def sources_copy(tmp_path: Path) -> Path:
    target = tmp_path / "sources"
    shutil.copytree(build.SOURCES_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_source_row_names_the_row_and_writes_nothing(sources_copy, tmp_path):
    _edit(
        sources_copy / "report_figures.csv", ",cas_calls_closed_phone,E08000035,", ",cas_calls_closd_phone,E08000035,"
    )
    out = tmp_path / "out"
    with pytest.raises(StoreError) as caught:
        build.build_tables(sources_copy)
    assert "unknown indicator 'cas_calls_closd_phone'" in str(caught.value)
    assert not out.exists()


def test_percentage_over_100_in_a_source_is_refused(sources_copy):
    _edit(sources_copy / "report_figures.csv", ",value,52,exact,", ",value,152,exact,")
    with pytest.raises(StoreError) as caught:
        build.build_tables(sources_copy)
    assert "a percentage must lie between 0 and 100 (found 152.0)" in str(caught.value)
    assert "indicator_id=diabetes_education_reach" in str(caught.value)


def test_check_command_reports_a_stale_store(data_copy, capsys):
    (data_copy / "exclusions.parquet").unlink()
    assert build.main(["--check"], data_dir=data_copy) == 1
    assert "exclusions: not built yet" in capsys.readouterr().out


def test_build_command_reports_failure_without_traceback(sources_copy, data_copy, capsys):
    _edit(sources_copy / "indicators.csv", "smoking_prevalence,Adult smoking prevalence,", "smoking_prevalence,,")
    assert build.main([], data_dir=data_copy, sources_dir=sources_copy) == 1
    err = capsys.readouterr().err
    assert "Build failed; nothing was written." in err
    assert "column 'title' row 1 (indicator_id=smoking_prevalence): is empty" in err
    assert not list(data_copy.glob("*.tmp"))


def test_failed_build_leaves_the_store_untouched(sources_copy, data_copy):
    before = {p.name: p.read_bytes() for p in data_copy.glob("*.parquet")}
    _edit(sources_copy / "comparators.csv", "core_cities,E08000025", "core_cities,E08999999")
    with pytest.raises(StoreError):
        build.write_tables(build.build_tables(sources_copy), data_dir=data_copy)
    assert {p.name: p.read_bytes() for p in data_copy.glob("*.parquet")} == before
    assert not list(data_copy.glob("*.tmp"))
