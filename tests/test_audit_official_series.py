"""The official context series: areas, periods, breakdowns, and the periods left out."""

from __future__ import annotations

import itertools

import pytest

pytestmark = pytest.mark.data_audit

LEEDS, ENGLAND = "E08000035", "E92000001"
CORE_CITIES = {"E08000025", "E06000023", "E08000035", "E08000012", "E08000003", "E08000021", "E06000018", "E08000019"}
WEST_YORKSHIRE = {"E08000032", "E08000033", "E08000034", "E08000035", "E08000036"}


def _series(store, indicator, area=LEEDS, breakdown="All"):
    v = store.values
    return v[
        (v["indicator_id"] == indicator)
        & (v["area_code"] == area)
        & (v["breakdown"] == breakdown)
        & (v["source_id"] != "hwb_report_2019")
    ].sort_values("period_order")


def test_comparator_sets(store):
    sets = store.comparators.groupby("comparator_set")["area_code"].agg(set).to_dict()
    assert sets == {"core_cities": CORE_CITIES, "west_yorkshire": WEST_YORKSHIRE}


@pytest.mark.parametrize(
    ("indicator", "breakdowns"),
    [
        ("smoking_prevalence", ["All"]),
        ("reception_obesity", ["All"]),
        ("year6_obesity", ["All"]),
        ("life_expectancy", ["Male", "Female"]),
        ("healthy_life_expectancy", ["Male", "Female"]),
        ("sii_life_expectancy", ["Male", "Female"]),
    ],
)
def test_every_comparator_and_england_has_the_series(store, indicator, breakdowns):
    for area in CORE_CITIES | WEST_YORKSHIRE | {ENGLAND}:
        for breakdown in breakdowns:
            assert len(_series(store, indicator, area, breakdown)) >= 7, (indicator, area, breakdown)


def test_smoking_runs_2011_to_2024_for_leeds(store):
    leeds = _series(store, "smoking_prevalence")
    assert leeds["period"].tolist() == [str(y) for y in range(2011, 2025)]
    assert leeds["value"].iloc[0] == pytest.approx(23.1)
    assert leeds["value"].iloc[-1] == pytest.approx(12.8)


def test_life_expectancy_by_sex_latest_kept_period(store):
    male = _series(store, "life_expectancy", breakdown="Male")
    female = _series(store, "life_expectancy", breakdown="Female")
    assert male["period"].iloc[-1] == "2022 - 24"
    assert (male["value"].iloc[-1], female["value"].iloc[-1]) == (pytest.approx(78.8), pytest.approx(82.6))


def test_untrusted_periods_are_left_out_and_recorded(store):
    v = store.values
    assert not ((v["indicator_id"] == "life_expectancy") & (v["period"] == "2023 - 25")).any()
    la_2020 = v[v["indicator_id"].isin(["reception_obesity", "year6_obesity"]) & (v["period"] == "2020/21")]
    assert set(la_2020["area_code"]) == {ENGLAND}
    recorded = store.exclusions.set_index(["source_id", "period"])
    # Every English district and unitary authority plus England, by sex; every authority's 2020/21 NCMP.
    assert recorded.at[("ons_life_expectancy", "2023 - 25"), "rows_left_out"] == 594
    assert recorded.at[("ncmp_reception", "2020/21"), "rows_left_out"] == 313
    assert recorded["reason"].str.len().min() > 40


def test_england_reception_obesity_by_deprivation_quintile(store):
    v = store.values
    q = v[(v["indicator_id"] == "reception_obesity") & (v["breakdown_type"] == "deprivation_quintile_england")]
    assert set(q["area_code"]) == {ENGLAND}
    by_quintile = dict(zip(q["breakdown"], q["value"], strict=True))
    assert by_quintile == {
        "Most deprived quintile": pytest.approx(12.8),
        "Second most deprived quintile": pytest.approx(11.0),
        "Average deprived quintile": pytest.approx(9.3),
        "Second least deprived quintile": pytest.approx(8.0),
        "Least deprived quintile": pytest.approx(6.7),
    }
    assert set(q["period"]) == {"2020/21 - 24/25"}


def test_ncmp_periods_are_school_years(store):
    row = _series(store, "reception_obesity").iloc[0]
    assert row["period"] == "2014/15"
    assert str(row["period_start"].date()) == "2014-09-01"
    assert str(row["period_end"].date()) == "2015-08-31"


def test_report_and_official_obesity_disagree_and_both_are_kept(store):
    """No pair of NCMP years runs 9.4% -> 8.8%; the report's figures stay beside the series, not in it."""
    official = _series(store, "reception_obesity")["value"].tolist()
    pairs = list(itertools.pairwise(official))
    assert (9.4, 8.8) not in pairs
    v = store.values
    report = v[(v["indicator_id"] == "reception_obesity") & (v["source_id"] == "hwb_report_2019")]
    assert len(report) == 4
    assert report["note"].str.contains("NCMP").all()
