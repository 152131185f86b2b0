"""Golden values of the explorer on the shipped data: Leeds' LSOAs and their deprivation, and the published gaps."""

from __future__ import annotations

import pytest

from indicators.analysis.areas import (
    AreaSelection,
    domain_profile,
    group_populations,
    lsoa_table,
    msoa_table,
    parse_selection,
    select_lsoas,
    selection_params,
    summarise_selection,
)
from indicators.analysis.inequality import deprivation_series, gap
from indicators.analysis.inequality_context import (
    england_quintiles,
    england_quintiles_answer,
    life_expectancy_sii,
    life_expectancy_sii_answer,
    report_gap,
    report_gap_answer,
)

pytestmark = pytest.mark.data_audit


@pytest.fixture(scope="module")
def lsoas(store):
    return lsoa_table(store)


def test_leeds_quintiles_are_fifths_of_the_population_most_deprived_first(lsoas):
    """Population-weighted: each quintile holds a fifth of residents, give or take one LSOA."""
    groups = group_populations(lsoas, by="leeds_quintile")
    total = lsoas["population_total"].sum()
    largest = lsoas["population_total"].max()
    assert groups["leeds_quintile"].tolist() == [1, 2, 3, 4, 5]
    assert (abs(groups["population"] - total / 5) <= largest).all()
    assert groups["lsoas"].sum() == 482
    by_quintile = lsoas.groupby("leeds_quintile")["imd_rank"]
    assert (by_quintile.max().iloc[:-1].to_numpy() < by_quintile.min().iloc[1:].to_numpy()).all()


def test_most_deprived_tenth_against_the_rest_of_leeds(lsoas):
    groups = group_populations(lsoas, by="most_deprived_group").set_index("most_deprived_group")
    assert groups.at["most", "lsoas"] == 114
    assert groups.at["most", "population"] == 181_778
    assert groups["population"].sum() == 771_857


def test_msoas_have_house_of_commons_library_names(lsoas):
    msoas = msoa_table(lsoas).set_index("msoa_code")
    assert len(msoas) == 107
    assert msoas.at["E02002377", "msoa_name"] == "Harehills North"
    assert msoas["population"].sum() == 771_857


def test_domain_profile_includes_health_deprivation_and_disability(lsoas):
    chosen = select_lsoas(lsoas, AreaSelection("most_deprived", ("most",)))
    profile = domain_profile(lsoas, chosen).set_index("domain")
    assert len(profile) == 8
    assert profile.at["Index of Multiple Deprivation", "selection_share"] == 1.0
    assert profile.at["Index of Multiple Deprivation", "leeds_share"] == pytest.approx(181_778 / 771_857)
    assert 0 < profile.at["Health deprivation and disability", "selection_share"] <= 1


@pytest.mark.parametrize(
    ("params", "kind", "values", "lsoa_count"),
    [
        ({}, "all", (), 482),
        ({"filter": "decile", "groups": "1"}, "decile", ("1",), 114),
        ({"filter": "decile", "groups": "1,2"}, "decile", ("1", "2"), 162),
        ({"filter": "quintile", "groups": "5"}, "quintile", ("5",), 101),
        ({"filter": "most_deprived", "groups": "rest"}, "most_deprived", ("rest",), 368),
        ({"filter": "msoa", "groups": "E02002377"}, "msoa", ("E02002377",), 4),
    ],
)
def test_selection_from_a_link(lsoas, params, kind, values, lsoa_count):
    selection = parse_selection(params, msoa_codes=set(lsoas["msoa_code"]))
    assert (selection.kind, selection.values) == (kind, values)
    assert summarise_selection(lsoas, select_lsoas(lsoas, selection)).lsoas == lsoa_count
    assert parse_selection(selection_params(selection), msoa_codes=set(lsoas["msoa_code"])) == selection


def test_england_reception_obesity_by_quintile(store):
    """Published NCMP figures: 12.8% most deprived, 6.7% least deprived (2020/21 - 24/25 pooled)."""
    levels, period, _ = england_quintiles(store)
    g = gap(levels, value_type="percentage")
    assert period == "2020/21 - 24/25"
    assert (g.most, g.least) == (12.8, 6.7)
    assert g.absolute == pytest.approx(6.1)
    assert g.relative == pytest.approx(12.8 / 6.7)
    # Equal weights: ranks 0.1..0.9; SII by hand from the five published values.
    values = [12.8, 11.0, 9.3, 8.0, 6.7]
    ranks = [0.1, 0.3, 0.5, 0.7, 0.9]
    mean_r, mean_v = 0.5, sum(values) / 5
    slope = sum((r - mean_r) * (v - mean_v) for r, v in zip(ranks, values, strict=True)) / sum(
        (r - mean_r) ** 2 for r in ranks
    )
    assert g.sii == pytest.approx(slope)
    assert "weighted equally" in g.sii_weights
    assert "cannot be tested" in g.significance
    answer = england_quintiles_answer(levels, period=period)
    assert not answer.tested
    assert "not whether it is closing" in answer.detail


def test_report_gap_narrowed_but_cannot_be_tested(store):
    table = report_gap(store)
    assert table["gap"].round(1).tolist() == [2.1, 1.7]
    answer = report_gap_answer(table)
    assert "narrowed from 2.1 to 1.7 points" in answer.headline
    assert "no test of significance is possible" in answer.detail
    assert not answer.tested


def test_life_expectancy_sii_for_leeds_and_england_by_sex(store):
    table = life_expectancy_sii(store)
    male = table[table["sex"] == "Male"].set_index("period")
    assert male.at["2015 - 17", "Leeds"] == 12.6 and male.at["2022 - 24", "Leeds"] == 12.8
    assert male.at["2015 - 17", "England"] == 9.6 and male.at["2022 - 24", "England"] == 10.4
    answer = life_expectancy_sii_answer(table)
    assert answer.headline.startswith("No: the life expectancy gap")
    assert "cannot be tested here" in answer.detail
    assert not answer.tested


def test_deprivation_series_lists_the_official_splits(store):
    series = deprivation_series(store)
    assert {("reception_obesity", "E92000001", 5), ("year6_obesity", "E92000001", 5)} <= set(
        zip(series["indicator_id"], series["area_code"], series["groups"], strict=True)
    )
