"""The shipped MSOA tables and what is said for measures with no series: audits of the committed data."""

from __future__ import annotations

import pytest

from indicators.analysis.elsewhere import IMPORT_HOW, published_elsewhere
from indicators.analysis.gradient import msoa_gradient
from indicators.store.load import table_problems

pytestmark = pytest.mark.data_audit
LEEDS = "E08000035"


def test_every_english_msoa_and_leeds_107(store):
    assert len(store.msoas) == 6791
    leeds = store.msoas[store.msoas["la_code"] == LEEDS]
    assert len(leeds) == 107
    assert set(leeds["msoa_code"]) == set(store.areas.loc[store.areas["area_type"] == "MSOA", "area_code"])
    assert store.msoas.set_index("msoa_code").at["E02002377", "hcl_name"] == "Harehills North"


def test_life_expectancy_for_every_msoa_by_sex(store):
    life = store.msoa_life_expectancy
    assert len(life) == 6791 * 3
    row = life.set_index(["msoa_code", "sex"]).loc[("E02000001", "Male")]  # City of London 001, as published
    assert (row["deaths"], row["population"]) == (97, 24214)
    assert row["value"] == pytest.approx(93.654789)


@pytest.mark.parametrize("sex", ["Male", "Female", "Persons"])
def test_leeds_gradient_is_steeper_than_englands(store, sex):
    leeds = msoa_gradient(store.msoa_life_expectancy, store.msoas, sex=sex, la_code=LEEDS)
    england = msoa_gradient(store.msoa_life_expectancy, store.msoas, sex=sex)
    assert leeds.areas >= 100
    assert england.areas >= 6500
    assert leeds.lower_95 > england.upper_95 > england.lower_95 > 0


@pytest.mark.parametrize(
    ("indicator_id", "words"),
    [
        ("mh_community_recovery", "NHS Talking Therapies"),
        ("bame_mha_detentions", "Mental Health Act Statistics"),
        ("hospital_bed_days_per_100k", "Hospital Episode Statistics"),
        ("self_reported_wellbeing", "Annual Population Survey"),
    ],
)
def test_a_measure_with_no_series_says_who_publishes_it(store, indicator_id, words):
    said = published_elsewhere(store, indicator_id)
    assert words in said.text
    assert said.text.endswith(IMPORT_HOW)
    assert "no figure has been published" not in said.text


def test_moving_more_points_at_the_series_held(store):
    said = published_elsewhere(store, "moving_more")
    assert said.held_as == "active_adults"
    assert "has not confirmed" in said.text


def test_a_plan_measure_with_no_data_must_say_where_it_is_published(store):
    frames = {name: getattr(store, name) for name in ("indicators", "published_elsewhere", "plan_elements", "sources")}
    frames["published_elsewhere"] = store.published_elsewhere[
        store.published_elsewhere["indicator_id"] != "bame_mha_detentions"
    ]
    problems = table_problems(frames)["published_elsewhere"]
    assert problems == [
        "published_elsewhere: Plan measure bame_mha_detentions has no data yet and no row saying where it is published"
    ]


def test_every_leeds_neighbourhood_has_a_shape(store):
    from indicators.store.boundaries import shapes

    lsoas = set(store.areas.loc[store.areas["area_type"] == "LSOA", "area_code"])
    msoas = set(store.areas.loc[store.areas["area_type"] == "MSOA", "area_code"])
    assert set(shapes("lsoa").codes) == lsoas and len(lsoas) == 482
    assert set(shapes("msoa").codes) == msoas and len(msoas) == 107
    # England's districts as of May 2024; Leeds among them.
    assert "E08000035" in shapes("lad").codes and len(shapes("lad").codes) == 296
