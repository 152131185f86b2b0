"""F1: two imports that each pass alone but conflict cannot both land, in one process or two at once.

Run on both engines of the records database (`records_url`): the check against the combined store and the
registration are one serialised transaction there, whichever process or machine makes the import.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.import_race import TITLE, conflicting_files, copy_of_store, race, race_ok
from indicators.imports.options import ImportOptions
from indicators.imports.problems import ImportFailed
from indicators.imports.service import commit_import, prepare_import
from indicators.store.layers import layer_folders
from indicators.store.load import load_store


def _prepare(data_dir: Path, data: bytes, measure: str):
    options = ImportOptions(who="Race test", title=TITLE, definition="Synthetic", measure=measure)
    return prepare_import(data, file_name=f"{measure}.csv", kind="template", options=options, data_dir=data_dir)


def test_each_file_passes_alone(tmp_path):
    for n, (data, measure) in enumerate(conflicting_files()):
        _prepare(copy_of_store(tmp_path / str(n)), data, measure)


def test_the_second_of_two_conflicting_imports_checked_together_is_refused_at_commit(tmp_path, records_url):
    """Both are checked before either is written; the second is checked again under the lock and refused."""
    data_dir = copy_of_store(tmp_path / "data")
    (first, first_measure), (second, second_measure) = conflicting_files()
    a = _prepare(data_dir, first, first_measure)
    b = _prepare(data_dir, second, second_measure)
    commit_import(a, data_dir=data_dir)
    with pytest.raises(ImportFailed) as refused:
        commit_import(b, data_dir=data_dir)
    assert any("percentage" in p for p in refused.value.problems), refused.value.problems
    assert len(layer_folders(data_dir)) == 1
    store = load_store(data_dir=data_dir, strict=False)
    assert not store.problems, store.problems


@pytest.mark.parametrize("attempt", range(3))
def test_two_processes_importing_at_once_exactly_one_lands(tmp_path, records_url, attempt):
    """Whichever commits first wins; the other is refused, and the store with imports loads cleanly."""
    outcomes, landed, problems = race(copy_of_store(tmp_path / "data"))
    assert race_ok(outcomes, landed, problems), (outcomes, landed, problems)
    assert any("refused" in outcome for outcome in outcomes), outcomes


def test_whichever_lands_first_the_other_is_refused(tmp_path, records_url):
    """The rate first: the percentages would be valid rates, yet the same indicator cannot have two kinds."""
    data_dir = copy_of_store(tmp_path / "data")
    (percent, percent_measure), (rate, rate_measure) = conflicting_files()
    a = _prepare(data_dir, rate, rate_measure)
    b = _prepare(data_dir, percent, percent_measure)
    commit_import(a, data_dir=data_dir)
    with pytest.raises(ImportFailed, match="already in the store as rate"):
        commit_import(b, data_dir=data_dir)
    assert len(layer_folders(data_dir)) == 1


def test_the_check_under_the_lock_merges_in_the_loader_s_order(tmp_path, records_url):
    """An import checked earlier but committed later sorts first when the store is loaded (by its id):
    the check must merge in that order too, or it passes a store the loader then finds broken."""
    data_dir = copy_of_store(tmp_path / "data")
    (percent, percent_measure), (rate, rate_measure) = conflicting_files()
    earlier, later = datetime(2026, 1, 1, 9, 0, tzinfo=UTC), datetime(2026, 1, 1, 9, 5, tzinfo=UTC)
    options = {"who": "Race test", "title": TITLE, "definition": "Synthetic"}
    a = prepare_import(
        percent,
        file_name="p.csv",
        kind="template",
        options=ImportOptions(**options, measure=percent_measure),
        data_dir=data_dir,
        now=earlier,
    )
    b = prepare_import(
        rate,
        file_name="r.csv",
        kind="template",
        options=ImportOptions(**options, measure=rate_measure),
        data_dir=data_dir,
        now=later,
    )
    commit_import(b, data_dir=data_dir)
    with pytest.raises(ImportFailed):
        commit_import(a, data_dir=data_dir)
    assert not load_store(data_dir=data_dir, strict=False).problems
