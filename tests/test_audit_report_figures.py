"""Every figure the issue lists from the 2019 report is stored with its value, unit, period and citation."""

from __future__ import annotations

import pandas as pd
import pytest

pytestmark = pytest.mark.data_audit

LEEDS = "E08000035"
NOT_STATED = "Not stated (as reported Dec 2019)"
BASELINE = "Not stated (earlier baseline)"
FY_2018_19 = "1 Apr 2018 to 31 Mar 2019"

# (indicator, breakdown, role, value, qualifier, period, section cited, unit)
FIGURES = [
    ("smoking_prevalence", "All", "value", 16.7, "exact", NOT_STATED, "3.1.4 Tobacco Programme", "%"),
    ("smokers_fewer_since_2011", "All", "value", 35000, "more than", "2011 to Dec 2019", "3.1.4 Tobacco", "people"),
    ("reception_obesity", "All", "baseline", 9.4, "exact", BASELINE, "3.1.2", "%"),
    ("reception_obesity", "All", "value", 8.8, "exact", NOT_STATED, "3.1.2", "%"),
    ("reception_obesity", "Most deprived areas of Leeds", "baseline", 11.5, "exact", BASELINE, "3.1.2", "%"),
    ("reception_obesity", "Most deprived areas of Leeds", "value", 10.5, "exact", NOT_STATED, "3.1.2", "%"),
    (
        "better_together_reach",
        "10% most deprived communities",
        "value",
        18000,
        "more than",
        NOT_STATED,
        "3.1.4 Better Together",
        "people",
    ),
    ("diabetes_education_sessions", "All", "baseline", 33, "exact", BASELINE, "3.1.5 Diabetes", "sessions a year"),
    ("diabetes_education_sessions", "All", "value", 125, "exact", NOT_STATED, "3.1.5 Diabetes", "sessions a year"),
    ("diabetes_education_confidence", "Course attendees", "value", 100, "exact", NOT_STATED, "3.1.5 Diabetes", "%"),
    ("diabetes_education_reach", "Men over 40", "value", 52, "exact", NOT_STATED, "3.1.5 Diabetes", "%"),
    ("diabetes_education_reach", "People from deprived areas", "value", 62, "exact", NOT_STATED, "3.1.5 Diabetes", "%"),
    ("diabetes_education_reach", "People from BAME groups", "value", 51, "exact", NOT_STATED, "3.1.5 Diabetes", "%"),
    ("ndpp_referrals", "All", "value", 5542, "exact", FY_2018_19, "3.1.5 National Diabetes Prevention", "referrals"),
    ("ccsp_reviews", "All", "value", 85859, "exact", FY_2018_19, "3.1.5 Collaborative Care", "reviews"),
    (
        "social_prescribing_referrals",
        "All",
        "target",
        5000,
        "exact",
        "2019/20",
        "3.1.5 Social Prescribing",
        "referrals",
    ),
    (
        "frailty_admissions_prevented",
        "All",
        "value",
        951,
        "exact",
        "Nine-month sample (months not stated)",
        "3.1.5 Frailty",
        "admissions",
    ),
    (
        "frailty_bed_days_saved",
        "All",
        "value",
        1902,
        "about",
        "Nine-month sample (months not stated)",
        "3.1.5 Frailty",
        "bed days",
    ),
    (
        "bowel_screening_additional",
        "All",
        "value",
        1000,
        "more than",
        "April 2018 to Dec 2019",
        "3.1.6 Cancer",
        "people",
    ),
    ("ace_referrals", "All", "value", 1000, "milestone", NOT_STATED, "3.1.6 Cancer", "patients"),
    ("echt_placements", "All", "value", 42, "exact", "Jul to Dec 2018", "3.1.6 Enhanced Care Home Team", "people"),
    (
        "cas_calls_closed_phone",
        "All",
        "value",
        50,
        "exact",
        "Six-month pilot (months not stated)",
        "3.1.7 Clinical",
        "%",
    ),
    (
        "hiu_attendance_reduction",
        "High-intensity users supported",
        "value",
        53,
        "exact",
        "12 months (months not stated)",
        "3.1.7 High Intensity",
        "% fall",
    ),
    (
        "hiu_people_supported",
        "All",
        "value",
        72,
        "exact",
        "12 months (months not stated)",
        "3.1.7 High Intensity",
        "people",
    ),
    ("winter_non_designated_care", "All", "value", 0, "exact", "Winter 2018/19", "3.1.2", "patients"),
    ("breathe_easy_groups", "All", "value", 10, "exact", NOT_STATED, "3.1.5 Breathe Easy", "groups"),
    ("local_care_partnerships", "All", "value", 18, "exact", NOT_STATED, "3.2.2", "partnerships"),
    ("utc_planned", "All", "value", 5, "exact", NOT_STATED, "3.1.7 Urgent Treatment Centres", "centres"),
    ("utc_planned", "In the community", "value", 3, "exact", NOT_STATED, "3.1.7 Urgent Treatment Centres", "centres"),
    ("utc_planned", "At A&E departments", "value", 2, "exact", NOT_STATED, "3.1.7 Urgent Treatment Centres", "centres"),
    ("utc_designated", "All", "value", 1, "exact", "Dec 2018", "3.1.7 Urgent Treatment Centres", "centres"),
    (
        "recruitment_event_attendees",
        "All",
        "value",
        130,
        "exact",
        "April (year not stated)",
        "3.1.11 Workforce",
        "people",
    ),
    ("ltht_jobs_recruitment", "All", "value", 28, "exact", NOT_STATED, "3.1.11 Workforce", "jobs"),
    ("ltht_jobs_recruitment", "Estates and facilities", "value", 23, "exact", NOT_STATED, "3.1.11 Workforce", "jobs"),
    ("ltht_jobs_recruitment", "Nursing", "value", 5, "exact", NOT_STATED, "3.1.11 Workforce", "jobs"),
    ("recruits_by_neighbourhood", "Lincoln Green", "value", 6, "exact", NOT_STATED, "3.1.11 Workforce", "people"),
    ("recruits_by_neighbourhood", "Clifton and the Nowells", "value", 1, "exact", NOT_STATED, "3.1.11", "people"),
    (
        "recruits_by_neighbourhood",
        "Burmantofts and Richmond Hill",
        "value",
        16,
        "exact",
        NOT_STATED,
        "3.1.11",
        "people",
    ),
    ("recruits_by_neighbourhood", "Gipton and Harehills", "value", 7, "exact", NOT_STATED, "3.1.11", "people"),
    ("system_leadership_staff", "All", "value", 500, "about", NOT_STATED, "3.1.11 Workforce", "staff"),
    ("care_homes_nhsmail_ig", "All", "target", 70, "exact", "2020 Q1 (Jan to Mar 2020)", "Appendix: Enablers", "%"),
]


def _report_rows(store, indicator: str, breakdown: str, role: str) -> pd.DataFrame:
    v = store.values
    return v[
        (v["source_id"] == "hwb_report_2019")
        & (v["indicator_id"] == indicator)
        & (v["breakdown"] == breakdown)
        & (v["role"] == role)
        & (v["area_code"] == LEEDS)
    ]


@pytest.mark.parametrize(
    ("indicator", "breakdown", "role", "value", "qualifier", "period", "section", "unit"),
    FIGURES,
    ids=[f"{f[0]}-{f[1]}-{f[2]}" for f in FIGURES],
)
def test_report_figure_is_stored(store, indicator, breakdown, role, value, qualifier, period, section, unit):
    """Given the 2019 report, when its figure is looked up, then value, qualifier, period, unit and citation match."""
    rows = _report_rows(store, indicator, breakdown, role)
    assert len(rows) == 1, f"expected one {role} row for {indicator}/{breakdown}, found {len(rows)}"
    row = rows.iloc[0]
    assert row["value"] == pytest.approx(value)
    assert row["qualifier"] == qualifier
    assert row["period"] == period
    assert row["citation"].startswith("HWB report 11 Dec 2019, ")
    assert section in row["citation"]
    assert isinstance(row["description"], str) and len(row["description"]) > 10
    catalogue = store.indicators.set_index("indicator_id")
    assert catalogue.at[indicator, "unit"] == unit


def test_social_prescribing_is_a_status_without_a_count(store):
    """The report says the city is on track for 5,000 referrals but gives no count: stored as a status."""
    rows = _report_rows(store, "social_prescribing_referrals", "All", "value")
    assert len(rows) == 1
    assert pd.isna(rows.iloc[0]["value"])
    assert rows.iloc[0]["qualifier"] == "status"
    assert "On track" in rows.iloc[0]["status_text"]


def test_breathe_easy_localities_are_the_ten_named(store):
    v = store.values
    places = v[(v["indicator_id"] == "breathe_easy_groups") & (v["breakdown_type"] == "locality")]
    assert sorted(places["breakdown"]) == sorted(
        [
            "Bramley",
            "Middleton",
            "Gipton",
            "Hunslet",
            "Yeadon",
            "Beeston",
            "Allerton Bywater",
            "Harehills",
            "Richmond Hill",
            "Osmondthorpe",
        ]
    )
    assert places["value"].sum() == 10


def test_periods_with_dates_have_the_right_dates(store):
    v = store.values
    ndpp = v[v["indicator_id"] == "ndpp_referrals"].iloc[0]
    assert ndpp["period_start"] == pd.Timestamp("2018-04-01")
    assert ndpp["period_end"] == pd.Timestamp("2019-03-31")
    echt = v[v["indicator_id"] == "echt_placements"].iloc[0]
    assert (echt["period_start"], echt["period_end"]) == (pd.Timestamp("2018-07-01"), pd.Timestamp("2018-12-31"))


def test_undated_report_figures_carry_no_invented_dates(store):
    """Where the report gives no period, no date is made up for it."""
    v = store.values
    undated = v[v["period"].str.startswith("Not stated")]
    assert len(undated) > 10
    assert undated["period_start"].isna().all()
    assert undated["period_end"].isna().all()


def test_baselines_come_before_values(store):
    v = store.values
    sessions = v[v["indicator_id"] == "diabetes_education_sessions"].set_index("role")
    assert sessions.at["baseline", "period_order"] < sessions.at["value", "period_order"]


def test_report_and_official_smoking_are_apart_but_agree_on_2017(store):
    """The report's 16.7% matches APS 2017 for Leeds; the two stay separate series."""
    v = store.values
    leeds = v[(v["indicator_id"] == "smoking_prevalence") & (v["area_code"] == LEEDS)]
    assert set(leeds["source_id"]) == {"hwb_report_2019", "aps_smoking"}
    aps_2017 = leeds[(leeds["source_id"] == "aps_smoking") & (leeds["period"] == "2017")]
    assert aps_2017["value"].item() == pytest.approx(16.7)
    west_yorkshire = store.comparators.loc[store.comparators["comparator_set"] == "west_yorkshire", "area_code"]
    in_2017 = v[
        (v["indicator_id"] == "smoking_prevalence") & (v["period"] == "2017") & v["area_code"].isin(west_yorkshire)
    ]
    # The report's claim "lowest in West Yorkshire" holds in the official 2017 figures.
    assert in_2017.loc[in_2017["value"].idxmin(), "area_code"] == LEEDS
