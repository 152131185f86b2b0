"""The spread of authorities, the spine's orientation by polarity, and the area profile built from it."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from indicators.charts.marks import mark_for, published_word
from indicators.charts.profile import area_profile, profile_rows, profile_texts, spine_position
from indicators.store.spread import authority_rows, spread_of, spread_table


def _rows(values: list[float | None], *, period: str = "2024", breakdown: str = "All") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": "x",
            "source_id": "s",
            "breakdown_type": "none" if breakdown == "All" else "sex",
            "breakdown": breakdown,
            "period": period,
            "value": values,
        }
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Five values: the quartiles fall on values.
        ([1, 2, 3, 4, 5], (5, 1, 2, 3, 4, 5)),
        # Four values: linear interpolation between ranks (Hyndman and Fan 7): 1 + 0.75 * (2 - 1).
        ([4, 1, 3, 2], (4, 1, 1.75, 2.5, 3.25, 4)),
        # One authority: every quantile is its value.
        ([7.5], (1, 7.5, 7.5, 7.5, 7.5, 7.5)),
        # Empty values are not authorities with a value.
        ([10, None, 20, None, 30], (3, 10, 15, 20, 25, 30)),
        # Negative values (a slope index can be) are ranked like any other.
        ([-1.8, 0.5, 2.0], (3, -1.8, -0.65, 0.5, 1.25, 2.0)),
    ],
)
def test_spread_quantiles(values: list[float | None], expected: tuple[float, ...]) -> None:
    out = spread_of(_rows(values)).iloc[0]
    found = (out["areas"], out["lowest"], out["q25"], out["median"], out["q75"], out["highest"])
    assert found == pytest.approx(expected)


def test_spread_is_per_period_and_group() -> None:
    rows = pd.concat([_rows([1, 2], period="2023"), _rows([5, 6, 7], period="2024", breakdown="Male")])
    out = spread_of(rows).set_index(["period", "breakdown"])
    assert out.loc[("2023", "All"), "areas"] == 2
    assert out.loc[("2024", "Male"), "median"] == 6
    assert spread_of(_rows([None, None])).empty


def test_authority_rows_keep_one_area_type_and_drop_left_out_periods() -> None:
    """Given a file shaped like Fingertips' tidy files, only districts and UAs at trusted periods count."""
    raw = pd.DataFrame(
        {
            "area_code": ["E92000001", "E08000035", "E07000001", "E10000001", "E05000001", "E06000001", "E08000035"],
            "area_type": ["Country", "UA", "District", "County", "Electoral Wards (2024)", "UA", "UA"],
            "period": ["2024", "2024", "2024", "2024", "2024", "2024", "2025"],
            "value": ["10", "12", "8", "9", "30", "NaN", "11"],
            "inequality": [None, None, None, None, None, "Most deprived quintile", None],
        }
    )
    exclusions = pd.DataFrame(
        {"source_id": ["s", "other"], "scope": ["all areas", "all areas"], "period": ["2025", "2024"]}
    )
    rows = authority_rows(raw, indicator_id="x", source_id="s", exclusions=exclusions)
    assert sorted(rows["area_code"]) == ["E07000001", "E08000035"]
    assert set(rows["breakdown_type"]) == {"none"}
    assert spread_of(rows).iloc[0]["median"] == 10


@pytest.mark.parametrize(
    ("value", "polarity", "expected"),
    [
        # Higher is better: a high value is to the right (better), a low one to the left.
        (90, "higher_is_better", 1.0),
        (70, "higher_is_better", 0.0),
        (85, "higher_is_better", 0.75),
        # Lower is better: the same values mirror, so better (lower) is still to the right.
        (70, "lower_is_better", 1.0),
        (90, "lower_is_better", 0.0),
        (85, "lower_is_better", 0.25),
        # No direction set: higher to the right, as for higher is better.
        (90, "no_judgement", 1.0),
        # England itself is always the centre.
        (80, "higher_is_better", 0.5),
        (80, "lower_is_better", 0.5),
    ],
)
def test_spine_orientation_by_polarity(value: float, polarity: str, expected: float) -> None:
    """England 80, authorities from 70 to 90."""
    assert spine_position(value, england=80, lowest=70, highest=90, polarity=polarity) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("lowest", "highest", "value", "expected"),
    [
        # Scaled by the end furthest from England: 60 is 20 below, so 90 (10 above) reaches 0.75.
        (60, 90, 90, 0.75),
        (60, 90, 60, 0.0),
        # Every authority equal to England: all at the centre, no division by zero.
        (80, 80, 80, 0.5),
    ],
)
def test_spine_scaled_by_furthest_end(lowest: float, highest: float, value: float, expected: float) -> None:
    assert spine_position(value, england=80, lowest=lowest, highest=highest, polarity="higher_is_better") == expected


@pytest.mark.parametrize(
    ("published", "word", "symbol"),
    [
        ("Better", "Better", "triangle-up"),
        ("Worse", "Worse", "triangle-down"),
        ("Similar", "Similar", "circle"),
        ("Higher 99.8", "Higher", "square"),
        ("Lower", "Lower", "square"),
        ("Not compared", "Not compared", "diamond"),
        (None, "Not compared", "diamond"),
        (float("nan"), "Not compared", "diamond"),
        ("Something new", "Not compared", "diamond"),
    ],
)
def test_published_comparison_marks(published: object, word: str, symbol: str) -> None:
    assert published_word(published) == word
    mark = mark_for(published)
    assert mark.symbol == symbol and mark.words.startswith(word if word != "Not compared" else "Not compared")


def test_profile_texts_count_and_name_every_row() -> None:
    rows = pd.DataFrame(
        {
            "indicator": ["A", "B", "C"],
            "group": ["All", "Male", "All"],
            "period": ["2024", "2022 - 24", "2024"],
            "value_type": ["percentage", "years", "percentage"],
            "leeds": [12.8, 78.8, 5.0],
            "england": [10.4, 79.5, 5.0],
            "compared_to_england": ["Similar", "Worse", "Not compared"],
        }
    )
    finding, alt = profile_texts(rows)
    assert finding.startswith("Leeds is worse than England on 1 of 3 official measures and better on none")
    assert "worse than England: B, males 78.8 against 79.5 (2022 - 24)" in alt
    assert "similar to England: A 12.8% against 10.4% (2024)" in alt
    assert alt.count(".") >= 1 and "\n" not in alt


@pytest.mark.data_audit
def test_shipped_profile_covers_every_official_series(store) -> None:
    """Every dataset series with a Leeds value has a row, with England and the spread of authorities."""
    rows = profile_rows(store)
    official = store.sources.loc[store.sources["kind"] == "dataset", "source_id"]
    values = store.values
    leeds = values[(values["area_code"] == "E08000035") & values["source_id"].isin(official) & values["value"].notna()]
    headline = leeds[leeds["breakdown_type"].isin(["none", "sex"])]
    assert set(rows["indicator_id"]) == set(headline["indicator_id"].astype(str))
    assert (rows["areas"] > 100).all()
    assert not rows["england"].isna().any()
    # Leeds is one of the authorities, so it lies within their spread.
    assert ((rows["lowest"] <= rows["leeds"]) & (rows["leeds"] <= rows["highest"])).all()
    profile = area_profile(store)
    assert profile is not None and len(profile.table) == len(rows)
    assert not math.isnan(profile.table["Median"].iloc[0])


def test_groups_can_come_from_another_column_and_duplicates_are_refused() -> None:
    """Given a file whose sex is in another column, the spread is per sex; two values for one authority stop it."""
    raw = pd.DataFrame(
        {
            "area_code": ["E08000035", "E08000035", "E07000001", "E07000001"],
            "area_type": ["UA", "UA", "District", "District"],
            "period": ["2024"] * 4,
            "value": ["10", "20", "12", "22"],
            "inequality": [None] * 4,
            "unit": ["Male", "Female", "Male", "Female"],
        }
    )
    no_rules = pd.DataFrame({"source_id": [], "scope": [], "period": []})
    sexes = raw["unit"]
    out = spread_table([(raw, "x", "s", sexes)], no_rules).set_index("breakdown")
    assert out.loc["Male", "median"] == 11 and out.loc["Female", "median"] == 21
    assert set(out["breakdown_type"]) == {"sex"}
    with pytest.raises(ValueError, match="more than one value"):
        spread_table([(raw, "x", "s")], no_rules)
