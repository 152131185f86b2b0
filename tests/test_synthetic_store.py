"""The synthetic store code tests run on: every table, accepted by the strict loader, seeded, and clearly invented."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.store.load import StoreError, load_store
from indicators.store.schemas import TABLES
from tests import synthetic
from tests.synthetic import main, synthetic_tables, write_synthetic_store


def test_every_table_is_written_and_the_strict_load_accepts_them(synthetic_dir):
    assert sorted(p.stem for p in synthetic_dir.glob("*.parquet")) == sorted(TABLES)
    store = load_store(data_dir=synthetic_dir)
    assert store.usable == tuple(TABLES) and not store.problems
    assert all(len(getattr(store, name)) > 0 for name in TABLES)


def test_the_same_seed_gives_the_same_tables_and_another_seed_other_values():
    first, again, other = synthetic_tables(), synthetic_tables(), synthetic_tables(seed=synthetic.SEED + 1)
    for name in TABLES:
        pd.testing.assert_frame_equal(first[name], again[name], obj=name)
    assert not first["values"]["value"].equals(other["values"]["value"])
    assert first["values"]["indicator_id"].equals(other["values"]["indicator_id"])  # same shape, other numbers


def test_it_holds_each_shape_the_code_must_handle(synthetic_store):
    v = synthetic_store.values
    by = lambda indicator: v[v["indicator_id"] == indicator]  # noqa: E731
    assert {"E92000001", "E08000035", synthetic.BRADFORD} <= set(by(synthetic.TREND)["area_code"])
    assert set(by(synthetic.POOLED)["breakdown"]) == {"Male", "Female"}
    assert by(synthetic.POOLED)["period"].str.contains(" - ").all()  # pooled three-year periods
    assert {"baseline", "value"} <= set(by(synthetic.PAIR)["role"])
    assert (by(synthetic.PAIR)["breakdown_type"] == "deprivation_quintile_england").sum() == 5
    assert set(by(synthetic.STATUS)["qualifier"]) == {"status", "exact"} and "target" in set(
        by(synthetic.STATUS)["role"]
    )
    assert len(by(synthetic.SINGLE)) == 1
    assert by(synthetic.PLANNED).empty
    assert len(synthetic_store.lsoa_deprivation) == len(synthetic.LSOAS)
    assert {"actions", "milestones", "action_links"} <= {n for n in TABLES if len(getattr(synthetic_store, n))}


def test_its_text_says_it_is_invented(synthetic_store):
    assert synthetic_store.indicators["title"].str.startswith("Test ").all()
    assert synthetic_store.sources["title"].str.contains("synthetic test data").all()
    assert (synthetic_store.values["citation"].astype(str) == synthetic.CITE).all()


def test_the_check_is_the_loaders_own(tmp_path, monkeypatch):
    """A generator that breaks a rule is stopped by the loader's checks, not written."""
    broken = synthetic.values
    monkeypatch.setattr(synthetic, "values", lambda rng: broken(rng).replace({"area_code": {"E08000003": "E08999999"}}))
    with pytest.raises(StoreError, match="unknown area 'E08999999'"):
        write_synthetic_store(tmp_path / "data")
    assert not (tmp_path / "data").exists()


def test_it_can_be_written_out_for_a_demonstration(tmp_path, capsys):
    assert main([str(tmp_path / "demo")]) == 0
    assert "INDICATORS_DATA_DIR=" in capsys.readouterr().out
    assert load_store(data_dir=tmp_path / "demo").usable == tuple(TABLES)


SHIPPED = {"store", "committed_copy"}  # the fixtures that read the committed tables (tests/conftest.py)


def unmarked_on_shipped_data(items) -> list[str]:
    """Tests that read the committed tables without the data_audit marker."""
    return [
        item.nodeid
        for item in items
        if SHIPPED & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("data_audit") is None
    ]


def test_every_test_on_the_shipped_data_carries_the_audit_marker(request):
    """Code tests run on the synthetic store; a test that reads the shipped tables says so with data_audit."""
    assert unmarked_on_shipped_data(request.session.items) == []


def test_the_marker_check_finds_an_unmarked_test():
    class Item:
        nodeid, fixturenames = "tests/test_x.py::test_y", ("store", "tmp_path")

        def get_closest_marker(self, name):
            return None

    assert unmarked_on_shipped_data([Item()]) == ["tests/test_x.py::test_y"]
