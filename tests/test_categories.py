"""The values table is held with its text as categories: same answers as text, a fraction of the memory."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from indicators.store.load import read_table
from indicators.store.queries import rows_of
from indicators.store.schemas import TABLES, as_text, duplicated_key

VALUES = TABLES["values"]


@pytest.fixture(scope="module")
def values(synthetic_dir) -> pd.DataFrame:
    return read_table("values", data_dir=synthetic_dir)


def test_text_columns_are_categories_in_sorted_order(values):
    for name in VALUES.text_columns:
        column = values[name]
        assert isinstance(column.dtype, pd.CategoricalDtype), name
        assert column.cat.categories.is_monotonic_increasing, name
    assert values["value"].dtype == "float64"


def test_as_text_gives_back_exactly_the_file(values, synthetic_dir):
    plain = pq.read_table(synthetic_dir / "values.parquet").to_pandas(date_as_object=False)
    decoded = as_text(values)
    for name in VALUES.text_columns:
        assert decoded[name].dtype == plain[name].dtype, name
        pd.testing.assert_series_equal(decoded[name], plain[name], check_names=True)


def test_sorting_a_category_column_sorts_as_text(values):
    by_category = values.sort_values("area_code", kind="stable")["area_code"].astype(str).tolist()
    assert by_category == sorted(values["area_code"].astype(str).tolist())


def test_rows_of_an_indicator_are_plain_text(synthetic_store):
    rows = rows_of(synthetic_store, "smoking_prevalence")
    assert not rows.empty
    assert not any(isinstance(t, pd.CategoricalDtype) for t in rows.dtypes)
    # A slice can be filled and relabelled like any frame (a category column would refuse new values).
    filled = rows["note"].fillna("(no note)")
    assert (filled == "(no note)").sum() == rows["note"].isna().sum()


@pytest.mark.parametrize("categorical", [True, False])
def test_duplicated_key_agrees_with_pandas(categorical):
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(
        {
            "a": rng.choice(["x", "y", "z"], 500),
            "b": rng.choice(["p", "q", None], 500),
            "c": rng.choice([f"E0{i}" for i in range(40)], 500),
        }
    )
    if categorical:
        frame = frame.astype("category")
    expected = frame.duplicated(["a", "b", "c"], keep=False).to_numpy()
    assert expected.any() and not expected.all()
    np.testing.assert_array_equal(duplicated_key(frame, ("a", "b", "c")), expected)
