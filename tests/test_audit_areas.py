"""Areas and IoD 2019 for Leeds, including figures derived by hand from the published files."""

from __future__ import annotations

import csv
import gzip

import pytest

from indicators.store.build import IOD_FILES, OFFICIAL, SOURCES_DIR

pytestmark = pytest.mark.data_audit

LEEDS = "E08000035"


def test_leeds_has_482_lsoas_in_107_msoas(store):
    areas = store.areas
    lsoas = areas[areas["area_type"] == "LSOA"]
    msoas = areas[areas["area_type"] == "MSOA"]
    assert len(lsoas) == 482
    assert len(msoas) == 107
    assert set(lsoas["parent_code"]) <= set(msoas["area_code"])
    assert set(msoas["parent_code"]) == {LEEDS}
    assert len(store.lsoa_deprivation) == 482


def test_msoa_has_house_of_commons_library_name(store):
    areas = store.areas.set_index("area_code")
    assert areas.at["E02002377", "area_name"] == "Harehills North"
    assert areas.at["E02002377", "official_name"] == "Leeds 048"
    assert areas.at["E01011422", "official_name"] == "Leeds 048A"
    assert areas.at["E01011422", "parent_code"] == "E02002377"


def test_deprivation_row_parses_thousands_separators(store):
    """IoD File 1 quotes "2,654" for Leeds 048A; it must arrive as the integer 2654."""
    row = store.lsoa_deprivation.set_index("lsoa_code").loc["E01011422"]
    assert row["imd_rank"] == 2654
    assert row["imd_decile"] == 1
    assert 1 <= row["health_decile"] <= 10


def test_every_domain_decile_is_present(store):
    deciles = [c for c in store.lsoa_deprivation.columns if c.endswith("_decile")]
    assert len(deciles) == 8  # the IMD and its seven domains
    assert "health_decile" in deciles


def test_leeds_lsoas_in_englands_most_deprived_decile(store):
    """By hand from File 1: 114 of the 482 Leeds LSOAs are in England's most deprived tenth.

    File 6 puts 181,778 of Leeds' 771,857 residents (mid-2015) in them: 23.6%.
    """
    dep = store.lsoa_deprivation
    most = dep[dep["imd_decile"] == 1]
    assert len(most) == 114
    assert dep["population_total"].sum() == 771_857
    assert most["population_total"].sum() == 181_778
    assert most["population_total"].sum() / dep["population_total"].sum() == pytest.approx(0.2355, abs=5e-5)


def test_derived_figures_agree_with_a_second_reading_of_the_raw_files(store):
    """Read the published files again with the csv module alone and recount."""
    folder = SOURCES_DIR / OFFICIAL
    with gzip.open(folder / IOD_FILES["imd"], "rt", encoding="utf-8-sig") as handle:
        leeds = [r for r in csv.DictReader(handle) if r["Local Authority District code (2019)"] == LEEDS]
    with gzip.open(folder / IOD_FILES["population"], "rt", encoding="utf-8-sig") as handle:
        population = {
            r["LSOA code (2011)"]: int(r["Total population: mid 2015 (excluding prisoners)"].replace(",", ""))
            for r in csv.DictReader(handle)
        }
    decile_one = [r["LSOA code (2011)"] for r in leeds if r["Index of Multiple Deprivation (IMD) Decile"] == "1"]
    dep = store.lsoa_deprivation
    assert sorted(decile_one) == sorted(dep.loc[dep["imd_decile"] == 1, "lsoa_code"])
    assert sum(population[c] for c in decile_one) == dep.loc[dep["imd_decile"] == 1, "population_total"].sum()


def test_decile_distribution_of_leeds(store):
    counts = store.lsoa_deprivation["imd_decile"].value_counts().sort_index().tolist()
    assert counts == [114, 48, 42, 21, 45, 40, 56, 42, 41, 33]
