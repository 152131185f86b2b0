"""The slope index of inequality across small areas, and the MSOA tables it is computed from."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators.analysis.gradient import Z95, msoa_frame, ridits, slope_index
from indicators.store.load import StoreError
from indicators.store.small_areas import build_msoas, read_life_expectancy


def test_ridits_run_from_the_most_deprived_end():
    """Given three areas, when ranked, then each sits at the midpoint of its population share."""
    rank = pd.Series([3.0, 1.0, 2.0])  # area 1 is the most deprived
    people = pd.Series([100, 100, 200])
    assert ridits(rank, people).tolist() == pytest.approx([0.875, 0.125, 0.5])


def test_a_straight_line_is_recovered():
    rank = pd.Series(np.arange(1.0, 11.0))
    people = pd.Series(np.full(10, 1000))
    x = ridits(rank, people)
    value = 70 + 10 * x
    fit = slope_index(value, value - 0.5, value + 0.5, people, rank)
    assert (fit.sii, fit.intercept, fit.areas, fit.left_out) == (pytest.approx(10), pytest.approx(70), 10, 0)
    assert fit.at(1.0) == pytest.approx(80)


def test_the_interval_matches_simulating_each_value_from_its_interval():
    """The closed form equals refitting on values drawn from each area's published interval."""
    rng = np.random.default_rng(7)
    n = 40
    rank = pd.Series(rng.permutation(n).astype(float) + 1)
    people = pd.Series(rng.integers(500, 3000, n))
    x = ridits(rank, people)
    value = 75 + 8 * x + rng.normal(0, 1, n)
    half = pd.Series(rng.uniform(0.5, 3, n))
    fit = slope_index(value, value - half, value + half, people, rank)
    se = (half / Z95).to_numpy()
    draws = value.to_numpy() + rng.normal(0, 1, (4000, n)) * se
    w, xs = people.to_numpy(float), x.to_numpy()
    slopes = [np.polyfit(xs, d, 1, w=np.sqrt(w))[0] for d in draws]
    simulated = (np.percentile(slopes, 2.5), np.percentile(slopes, 97.5))
    assert fit.lower_95 == pytest.approx(simulated[0], abs=0.15)
    assert fit.upper_95 == pytest.approx(simulated[1], abs=0.15)


def test_areas_without_a_value_are_left_out_and_counted():
    rank = pd.Series([1.0, 2.0, 3.0, 4.0])
    people = pd.Series([10, 10, 10, 10])
    value = pd.Series([70.0, np.nan, 74.0, 76.0])
    fit = slope_index(value, value - 1, value + 1, people, rank)
    assert (fit.areas, fit.left_out) == (3, 1)
    assert slope_index(value.iloc[:2], value.iloc[:2] - 1, value.iloc[:2] + 1, people[:2], rank[:2]) is None


IMD = pd.DataFrame(
    {
        "LSOA code (2011)": ["E01000001", "E01000002", "E01000003", "E01000004"],
        "LSOA name (2011)": ["Leeds 001A", "Leeds 001B", "Leeds 002A", "York 001A"],
        "Local Authority District code (2019)": ["E08000035", "E08000035", "E08000035", "E06000014"],
        "Local Authority District name (2019)": ["Leeds", "Leeds", "Leeds", "York"],
        "Index of Multiple Deprivation (IMD) Rank": ["100", "1,000", "30,000", "20,000"],
    }
)
POPULATION = pd.DataFrame(
    {
        "LSOA code (2011)": IMD["LSOA code (2011)"],
        "Total population: mid 2015 (excluding prisoners)": ["1,000", "3,000", "2,000", "1,500"],
    }
)
NAMES = pd.DataFrame(
    {
        "msoa11cd": ["E02000001", "E02000002", "E02000003"],
        "msoa11nm": ["Leeds 001", "Leeds 002", "York 001"],
        "msoa11hclnm": ["Made-up North", "Made-up South", "Made-up York"],
    }
)


def test_msoa_deprivation_is_the_population_weighted_mean_rank():
    msoas = build_msoas(IMD, POPULATION, NAMES, expected=3).set_index("msoa_code")
    # (100 x 1,000 + 1,000 x 3,000) / 4,000
    assert msoas.at["E02000001", "imd_rank_weighted"] == pytest.approx(775)
    assert msoas.at["E02000001", "lsoa_count"] == 2
    assert msoas.at["E02000001", "population_2015"] == 4000
    assert msoas["imd_decile_msoa"].tolist() == [4, 10, 7]
    assert msoas.at["E02000003", "hcl_name"] == "Made-up York"


def test_an_lsoa_in_no_msoa_is_named():
    broken = IMD.assign(**{"LSOA name (2011)": ["Leeds 001A", "Leeds 001B", "Leeds 009A", "York 001A"]})
    with pytest.raises(StoreError, match="LSOA E01000003 has a name matching no MSOA name"):
        build_msoas(broken, POPULATION, NAMES, expected=None)


def _workbook(tmp_path, frame):
    path = tmp_path / "le.xlsx"
    frame.to_excel(path, sheet_name="Data", index=False)
    return path


LE = pd.DataFrame(
    {
        "Period": ["2016 to 2020"] * 3,
        "Analysis": ["Made up"] * 3,
        "Geography Type": ["2011MSOAs"] * 3,
        "Code": ["E02000001", "E02000001", "W02000001"],
        "Code Name": ["Leeds 001", "Leeds 001", "Wales 001"],
        "Sex": ["Males", "Persons", "Males"],
        "No of Deaths": [100, 200, 50],
        "Population": [20000, 40000, 9000],
        "Life Expectancy at birth (in years)": [78.0, None, 79.0],
        "Lower 95% confidence interval": [77.0, None, 78.0],
        "Upper 95% confidence interval": [79.0, None, 80.0],
    }
)


def test_life_expectancy_is_read_as_published_for_england(tmp_path):
    life = read_life_expectancy(_workbook(tmp_path, LE))
    assert life["msoa_code"].tolist() == ["E02000001", "E02000001"]
    assert life["sex"].tolist() == ["Male", "Persons"]
    assert life["value"].isna().tolist() == [False, True]


def test_a_workbook_missing_a_column_is_refused(tmp_path):
    with pytest.raises(StoreError, match="has no column 'Lower 95% confidence interval'"):
        read_life_expectancy(_workbook(tmp_path, LE.drop(columns="Lower 95% confidence interval")))


def test_msoa_frame_joins_names_and_ranks(tmp_path):
    life = read_life_expectancy(_workbook(tmp_path, LE))
    msoas = build_msoas(IMD, POPULATION, NAMES, expected=3)
    frame = msoa_frame(life, msoas, sex="Male", la_code="E08000035")
    assert frame[["msoa_code", "hcl_name", "value"]].values.tolist() == [["E02000001", "Made-up North", 78.0]]
