"""Imported LSOA and MSOA measures: read back by area, summed for a selection with intervals, mapped and explored."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from indicators.analysis.small_area_measures import (
    REST,
    SCALES,
    SELECTION,
    area_rows,
    members,
    selection_versus_rest,
    small_area_series,
)
from indicators.charts.small_area_maps import small_area_map
from indicators.imports.options import MEASURES, ImportOptions
from indicators.imports.service import commit_import, prepare_import
from indicators.stats.methods import byars_interval, exact_poisson_interval, wilson_interval
from indicators.store.load import load_store
from tests import synthetic
from tests.conftest import REPO
from tests.fixtures.make_fixtures import to_bytes
from tests.import_helpers import synthetic_template

TIMEOUT = 90
HEADER = ["area_code", "period", "numerator", "denominator"]


def _rows(counts: list[tuple[str, float, float]], suppressed: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = pd.DataFrame(counts, columns=["area_code", "numerator", "denominator"])
    frame["suppressed"] = frame["area_code"].isin(suppressed)
    frame.loc[frame["suppressed"], ["numerator", "denominator"]] = np.nan
    return frame.assign(area_name=frame["area_code"], value=np.nan, lower_95=np.nan, upper_95=np.nan)


def test_units_match_the_counts_template_measures():
    for kind, unit, multiplier in MEASURES.values():
        assert SCALES[unit] == (kind, multiplier)


def test_a_percentage_is_summed_then_given_wilsons_interval():
    rows = _rows([("A", 10, 100), ("B", 30, 200), ("C", 5, 50), ("D", 20, 80)])
    result = selection_versus_rest(rows, inside={"A", "B"}, rest={"C", "D"}, unit="%", level="LSOA", up_to=4)
    table = result.table.set_index("Group")
    low, high = wilson_interval(40, 300)
    assert table.at[SELECTION, "Value (%)"] == pytest.approx(40 / 300 * 100)
    assert (table.at[SELECTION, "Lower 95%"], table.at[SELECTION, "Upper 95%"]) == pytest.approx(
        (low * 100, high * 100)
    )
    assert table.at[REST, "Numerator (sum)"] == 25 and table.at[REST, "Denominator (sum)"] == 130
    assert "Wilson" in result.method
    assert not result.hidden


def test_a_rate_uses_exact_poisson_below_ten_events_and_byars_above():
    rows = _rows([("A", 3, 10_000), ("B", 4, 20_000), ("C", 200, 90_000)])
    result = selection_versus_rest(rows, inside={"A", "B"}, rest={"C"}, unit="per 100,000", level="MSOA", up_to=0)
    table = result.table.set_index("Group")
    low, high = exact_poisson_interval(7)
    assert table.at[SELECTION, "Lower 95%"] == pytest.approx(low / 30_000 * 100_000)
    assert table.at[SELECTION, "Upper 95%"] == pytest.approx(high / 30_000 * 100_000)
    low, high = byars_interval(200)
    assert table.at[REST, "Lower 95%"] == pytest.approx(low / 90_000 * 100_000)
    assert "Byar" in result.method and "exact Poisson" in result.method


def test_suppressed_and_missing_areas_are_left_out_and_counted():
    rows = _rows([("A", 10, 100), ("B", 3, 50), ("C", 40, 100)], suppressed=("B",))
    result = selection_versus_rest(rows, inside={"A", "B", "X"}, rest={"C"}, unit="%", level="LSOA", up_to=4)
    sel = result.table.set_index("Group").loc[SELECTION]
    assert sel["LSOAs in the group"] == 3
    assert sel["LSOAs counted"] == 1
    assert sel["LSOAs suppressed (left out)"] == 1
    assert sel["LSOAs with no row (left out)"] == 1
    assert sel["Numerator (sum)"] == 10


def test_a_small_summed_count_hides_both_groups():
    rows = _rows([("A", 2, 100), ("B", 1, 100), ("C", 40, 100)])
    result = selection_versus_rest(rows, inside={"A", "B"}, rest={"C"}, unit="%", level="LSOA", up_to=4)
    assert result.hidden
    assert result.table["Value (%)"].isna().all() and result.table["Numerator (sum)"].isna().all()
    assert "Not shown" in result.sentence


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([("A", 80, 100), ("C", 10, 100)], "higher"),
        ([("A", 10, 100), ("C", 80, 100)], "lower"),
        ([("A", 11, 100), ("C", 10, 100)], "not shown to differ"),
    ],
)
def test_the_sentence_claims_a_difference_only_when_the_intervals_do_not_overlap(counts, expected):
    result = selection_versus_rest(_rows(counts), inside={"A"}, rest={"C"}, unit="%", level="LSOA", up_to=4)
    assert expected in result.sentence


def test_msoas_belong_to_the_selection_by_majority_of_residents():
    dep = pd.DataFrame(
        {
            "lsoa_code": ["L1", "L2", "L3", "L4"],
            "msoa_code": ["M1", "M1", "M2", "M2"],
            "population_total": [600, 400, 100, 900],
        }
    )
    assert members("MSOA", dep, ["L1", "L3"]) == ({"M1"}, {"M2"})
    assert members("LSOA", dep, ["L1", "L3"]) == ({"L1", "L3"}, {"L2", "L4"})


def _import(data_dir, data: bytes, *, name: str, title: str, measure: str = "percentage") -> None:
    prepared = prepare_import(
        data,
        file_name=name,
        kind="template",
        options=ImportOptions(who="Test", title=title, measure=measure),
        data_dir=data_dir,
    )
    commit_import(prepared, data_dir=data_dir)


def _msoa_template() -> bytes:
    rows = [
        [code, period, str(60 + 10 * i + 5 * j), str(10_000 + 1_000 * i)]
        for j, period in enumerate(("2022", "2023"))
        for i, code in enumerate(synthetic.MSOAS)
    ]
    return to_bytes(rows, HEADER, bom=False, crlf=False)


@pytest.fixture
def imported_small_areas(data_copy, monkeypatch):
    """A scratch synthetic store with an LSOA-level proportion (3 years) and an MSOA-level rate (2 years)."""
    _import(data_copy, synthetic_template(), name="lsoa_counts.csv", title="Synthetic LSOA proportion")
    _import(data_copy, _msoa_template(), name="msoa_counts.csv", title="Synthetic MSOA rate", measure="rate_100k")
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(data_copy))
    return data_copy


def test_imported_small_area_series_are_found_with_their_periods(imported_small_areas):
    store = load_store(data_dir=imported_small_areas)
    found = {s.title: s for s in small_area_series(store)}
    lsoa, msoa = found["Synthetic LSOA proportion"], found["Synthetic MSOA rate"]
    assert (lsoa.level, lsoa.unit, lsoa.periods) == ("LSOA", "%", ("2021", "2022", "2023"))
    assert (msoa.level, msoa.unit, msoa.periods) == ("MSOA", "per 100,000", ("2022", "2023"))
    rows = area_rows(store, lsoa.key, "2021")
    assert len(rows) == len(synthetic.LSOAS)
    # The fixture holds counts of 1 to 4: those areas are suppressed, never shown with a value.
    assert rows["suppressed"].any()
    assert rows.loc[rows["suppressed"], "value"].isna().all()
    view = small_area_map(rows, lsoa, period="2021")
    shown = view.figure.data[0]
    assert len(shown.locations) == int((~rows["suppressed"]).sum())
    assert "95% interval" in shown.text[0]
    assert f"{int(rows['suppressed'].sum())} LSOAs with small counts are suppressed" in view.sentence


def test_maps_page_draws_an_imported_measure_with_its_period_in_the_link(imported_small_areas):
    at = AppTest.from_file(str(REPO / "app_pages" / "maps.py"), default_timeout=TIMEOUT).run()
    assert not at.exception and not at.error
    assert "Imported measures in Leeds' neighbourhoods" in [h.value for h in at.header]
    assert at.query_params["measure_period"] == "2023"
    measure = at.query_params["measure"]
    at.select_slider(key=f"measure_period_{measure}").set_value("2021").run()
    assert at.query_params["measure_period"] == "2021"
    text = " ".join(m.value for m in at.markdown).replace("\\", "")  # as read, without markdown escapes
    assert "Synthetic LSOA proportion (%), 2021" in text


def test_explorer_sums_an_imported_measure_for_the_selection(imported_small_areas):
    at = AppTest.from_file(str(REPO / "app_pages" / "explorer.py"), default_timeout=TIMEOUT)
    at.query_params["filter"] = "msoa"
    at.query_params["groups"] = synthetic.MSOAS[0]
    at.query_params["measure_period"] = "2022"
    at.query_params["tab"] = "imported"
    at = at.run()
    assert not at.exception and not at.error
    assert at.query_params["measure_period"] == "2022"
    captions = " ".join(c.value for c in at.caption)
    assert "Wilson score 95% interval from the summed counts" in captions
    assert "no age-standardised figure" in captions
    # The MSOA rate: an MSOA is selected by the majority of its residents, its interval exact Poisson or Byar's.
    store = load_store(data_dir=imported_small_areas)
    rate = next(s for s in small_area_series(store) if s.level == "MSOA")
    at.selectbox(key="measure").set_value(rate.key).run()
    assert at.query_params["measure"] == rate.key
    captions = " ".join(c.value for c in at.caption)
    assert "exact Poisson under 10 events, else Byar's approximation" in captions
    assert "at least 50% of its residents" in captions
    expected = selection_versus_rest(
        area_rows(store, rate.key, "2022"),
        inside={synthetic.MSOAS[0]},
        rest=set(synthetic.MSOAS[1:]),
        unit=rate.unit,
        level="MSOA",
    )
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert expected.sentence.split(";")[0] in text
    assert not math.isnan(expected.table["Value (per 100,000)"].iloc[0])
    # The measure's map beside the sums, the areas counted as selected outlined by the same rule.
    maps = [
        c
        for c in at.get("plotly_chart")
        if c.proto.id.endswith("map-imported-selection") or "map-imported-selection" in c.proto.id
    ]
    assert len(maps) == 1
    spec = json.loads(maps[0].proto.spec)
    outlined = [t for t in spec["data"] if str(t.get("name", "")).startswith("Selected (") and t.get("showlegend")]
    assert [list(t["locations"]) for t in outlined] == [[synthetic.MSOAS[0]]]
    assert "The selected 1 MSOA is outlined." in text
