"""F7: indicators are told apart by id, never by title: two with one title keep their own page and CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from indicators.core.text import distinct_labels
from indicators.imports import service
from indicators.imports.options import ImportOptions
from tests.conftest import REPO
from tests.import_helpers import FINGERTIPS

FIRST, SECOND = "fingertips_990001", "fingertips_990002"


@pytest.fixture(scope="module")
def twin_titles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the store with two imported indicators of one title (the fixture, and again under another id)."""
    import shutil

    from indicators.store.load import DATA_DIR

    data_dir = tmp_path_factory.mktemp("twins") / "data"
    data_dir.mkdir()
    for path in DATA_DIR.glob("*.parquet"):
        shutil.copy2(path, data_dir / path.name)
    frame = pd.read_csv(FINGERTIPS, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    twin = frame.assign(**{"Indicator ID": "990002"})
    for name, table in (("first.csv", frame), ("second.csv", twin)):
        prepared = service.prepare_import(
            table.to_csv(index=False).encode("utf-8"),
            file_name=name,
            kind="fingertips",
            options=ImportOptions(who="Analyst", value_type="percentage", polarity="lower_is_better"),
            data_dir=data_dir,
        )
        service.commit_import(prepared, data_dir=data_dir)
    return data_dir


def test_distinct_labels_add_the_id_only_where_titles_are_shared():
    labels = distinct_labels({"a": "Smoking", "b": "Obesity", "c": "Smoking"})
    assert labels == {"a": "Smoking (a)", "b": "Obesity", "c": "Smoking (c)"}


def _indicator_page(data_dir: Path, monkeypatch, indicator_id: str) -> AppTest:
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=90)
    at.query_params["id"] = indicator_id
    at.switch_page("app_pages/indicator.py")
    return at.run()


@pytest.mark.parametrize("indicator_id", [FIRST, SECOND])
def test_each_twin_keeps_its_own_page_through_reruns(twin_titles, monkeypatch, indicator_id):
    """Given two indicators with one title, a rerun (as opening 'Data and downloads' makes) stays on the one chosen."""
    at = _indicator_page(twin_titles, monkeypatch, indicator_id)
    assert not at.exception, at.exception
    choice = next(s for s in at.selectbox if s.label == "Indicator")
    assert len(set(choice.options)) == len(choice.options), "two options read the same"
    assert choice.value == indicator_id
    at.run()  # the widgets' values go back to the server, as on any rerun
    choice = next(s for s in at.selectbox if s.label == "Indicator")
    assert choice.value == indicator_id
    assert at.query_params["id"] in (indicator_id, [indicator_id])


def test_the_deck_tells_the_twins_apart(twin_titles, monkeypatch):
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(twin_titles))
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=90)
    at.query_params["deck"] = f"{FIRST},{SECOND}"
    at.switch_page("app_pages/present.py")
    at.run()
    assert not at.exception, at.exception
    chosen = next(m for m in at.multiselect if m.label.startswith("Indicators"))
    assert len(set(chosen.options)) == len(chosen.options)
    at.run()
    chosen = next(m for m in at.multiselect if m.label.startswith("Indicators"))
    assert list(chosen.value) == [FIRST, SECOND]
