"""Each kind of bad table fails loudly, naming the table, the column and the row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow
import pyarrow.parquet as pq
import pytest

from indicators.store.load import StoreError, load_store, read_table
from indicators.store.schemas import TABLES


def _rewrite(folder: Path, name: str, change: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    """Apply `change` to one table of a scratch store and write it back as Parquet, types and all."""
    path = folder / f"{name}.parquet"
    frame = change(pq.read_table(path).to_pandas())
    pq.write_table(pyarrow.Table.from_pandas(frame, preserve_index=False), path)


def _row_of(folder: Path, name: str, column: str, value: object) -> int:
    """1-based row number of the first row whose `column` equals `value`."""
    frame = pq.read_table(folder / f"{name}.parquet").to_pandas()
    return int(frame.index[frame[column] == value][0]) + 1


def _set(column: str, where: tuple[str, object], value: object) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        frame.loc[frame[where[0]] == where[1], column] = value
        return frame

    return change


def _message(folder: Path) -> str:
    with pytest.raises(StoreError) as caught:
        load_store(data_dir=folder)
    return str(caught.value)


def test_missing_column(data_copy):
    _rewrite(data_copy, "indicators", lambda f: f.drop(columns=["polarity"]))
    message = _message(data_copy)
    assert "indicators: column 'polarity' is missing" in message


def test_wrong_typed_column(data_copy):
    _rewrite(data_copy, "values", lambda f: f.assign(value=f["value"].astype(str)))
    message = _message(data_copy)
    assert "values: column 'value' has type" in message
    assert "expected float64" in message


def test_duplicate_key(data_copy):
    _rewrite(data_copy, "indicators", lambda f: pd.concat([f, f[f["indicator_id"] == "ace_referrals"]]))
    message = _message(data_copy)
    assert "indicators: duplicate key (indicator_id=ace_referrals)" in message
    row = _row_of(data_copy, "indicators", "indicator_id", "ace_referrals")
    last = len(pq.read_table(data_copy / "indicators.parquet"))
    assert f"rows {row}, {last}" in message


def test_duplicate_key_in_the_values_table(data_copy):
    """The values table checks its key on category codes; the message is the same as for any table."""

    def repeat_a_row(frame: pd.DataFrame) -> pd.DataFrame:
        return pd.concat([frame, frame[frame["indicator_id"] == "ace_referrals"].iloc[[0]]], ignore_index=True)

    _rewrite(data_copy, "values", repeat_a_row)
    first = _row_of(data_copy, "values", "indicator_id", "ace_referrals")
    rows = len(pq.read_table(data_copy / "values.parquet"))
    message = _message(data_copy)
    assert "values: duplicate key (indicator_id=ace_referrals, source_id=" in message
    assert f"in rows {first}, {rows}" in message


def test_wrong_typed_text_column_in_the_values_table(data_copy):
    """A number where the values table wants text is reported as such, not hidden by the categories."""
    _rewrite(data_copy, "values", lambda f: f.assign(role=range(len(f))))
    message = _message(data_copy)
    assert "values: column 'role' has type int64, expected text" in message


def test_unknown_indicator_in_values(data_copy):
    _rewrite(data_copy, "values", _set("indicator_id", ("indicator_id", "ace_referrals"), "ace_referralz"))
    row = _row_of(data_copy, "values", "indicator_id", "ace_referralz")
    message = _message(data_copy)
    assert f"values: column 'indicator_id' row {row} (indicator_id=ace_referralz" in message
    assert "unknown indicator 'ace_referralz'" in message


def test_unknown_area_in_values(data_copy):
    _rewrite(data_copy, "values", _set("area_code", ("indicator_id", "ace_referrals"), "E08999999"))
    row = _row_of(data_copy, "values", "area_code", "E08999999")
    message = _message(data_copy)
    assert f"values: column 'area_code' row {row}" in message
    assert "unknown area 'E08999999'" in message


def test_percentage_above_100(data_copy):
    _rewrite(data_copy, "values", _set("value", ("indicator_id", "smoking_prevalence"), 150.0))
    row = _row_of(data_copy, "values", "indicator_id", "smoking_prevalence")
    message = _message(data_copy)
    assert f"values: column 'value' row {row} (indicator_id=smoking_prevalence" in message
    assert "a percentage must lie between 0 and 100 (found 150.0)" in message


def test_negative_count(data_copy):
    _rewrite(data_copy, "values", _set("value", ("indicator_id", "ace_referrals"), -42.0))
    message = _message(data_copy)
    assert "indicator_id=ace_referrals" in message
    assert "a count or rate cannot be negative (found -42.0)" in message


def test_negative_numerator_fails_the_schema(data_copy):
    _rewrite(data_copy, "values", _set("numerator", ("indicator_id", "ace_referrals"), -1.0))
    message = _message(data_copy)
    assert "values: column 'numerator' row" in message
    assert "greater_than_or_equal_to(0)" in message


def test_value_outside_allowed_set(data_copy):
    _rewrite(data_copy, "indicators", _set("polarity", ("indicator_id", "ace_referrals"), "up is good"))
    row = _row_of(data_copy, "indicators", "indicator_id", "ace_referrals")
    message = _message(data_copy)
    assert (
        f"indicators: column 'polarity' row {row} (indicator_id=ace_referrals): value 'up is good' fails isin"
        in message
    )


def test_unknown_breakdown(data_copy):
    _rewrite(data_copy, "values", _set("breakdown", ("indicator_id", "ace_referrals"), "Everyone"))
    message = _message(data_copy)
    assert "unknown breakdown none='Everyone'" in message


def test_empty_required_cell(data_copy):
    _rewrite(data_copy, "sources", _set("licence", ("source_id", "iod2019"), None))
    row = _row_of(data_copy, "sources", "source_id", "iod2019")
    message = _message(data_copy)
    assert f"sources: column 'licence' row {row} (source_id=iod2019): is empty but must have a value" in message


def test_missing_file(data_copy):
    (data_copy / "areas.parquet").unlink()
    message = _message(data_copy)
    assert "areas: file areas.parquet is missing from the data folder" in message


def test_corrupt_file(data_copy):
    (data_copy / "values.parquet").write_bytes(b"PAR1 this is not really parquet")
    with pytest.raises(StoreError) as caught:
        read_table("values", data_dir=data_copy)
    assert "file values.parquet is not a readable Parquet file" in str(caught.value)
    assert "Table 'values'" in str(caught.value)


def test_truncated_file(data_copy):
    path = data_copy / "lsoa_deprivation.parquet"
    path.write_bytes(path.read_bytes()[:500])
    message = _message(data_copy)
    assert "lsoa_deprivation: file lsoa_deprivation.parquet is not a readable Parquet file" in message


def test_data_status_must_match_values(data_copy):
    _rewrite(data_copy, "indicators", _set("data_status", ("indicator_id", "moving_more"), "has data"))
    message = _message(data_copy)
    assert "indicator moving_more: says 'has data' but the values table makes it 'no data yet'" in message


def test_one_bad_table_does_not_hide_another(data_copy):
    (data_copy / "areas.parquet").unlink()
    (data_copy / "breakdowns.parquet").write_bytes(b"garbage")
    message = _message(data_copy)
    assert "areas: file areas.parquet is missing" in message
    assert "breakdowns: file breakdowns.parquet is not a readable Parquet file" in message


def test_intact_store_loads(data_copy):
    store = load_store(data_dir=data_copy)
    assert store.usable == tuple(TABLES) and not store.problems
    assert len(store.values) == pq.read_metadata(data_copy / "values.parquet").num_rows
