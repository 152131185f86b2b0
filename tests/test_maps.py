"""Maps on synthetic shapes: served files stay drawable, areas without a shape are listed, selections outlined."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from indicators.charts.maps import MAP_CONFIG, authority_map, lsoa_deprivation_map
from indicators.charts.selection_life import CANNOT_AVERAGE, msoa_shares, selection_life
from indicators.store.boundaries import Layer, Shapes, read_shapes


def _square(x: float, y: float, size: float = 0.01, *, clockwise: bool = False) -> list:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return ring[::-1] if clockwise else ring


def _collection(features: dict[str, dict]) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"CD": c, "NM": c.lower()}, "geometry": g} for c, g in features.items()
        ],
    }


def test_served_shapes_are_english_closed_and_wound_for_plotly(tmp_path):
    """Given an anticlockwise square, a Welsh one and a ring that rounding closes up, the served file is drawable."""
    # The last point before the closing one rounds onto it: the ring must still end where it starts.
    tricky = [[-1.5, 53.8], [-1.4, 53.8], [-1.4, 53.9], [-1.50004, 53.80004], [-1.5, 53.8]]
    path = tmp_path / "shapes.geojson"
    path.write_text(
        json.dumps(
            _collection(
                {
                    "E06000001": {"type": "Polygon", "coordinates": [_square(-1.5, 53.8)]},
                    "W06000001": {"type": "Polygon", "coordinates": [_square(-3.0, 52.0)]},
                    "E06000002": {"type": "MultiPolygon", "coordinates": [[tricky], [[[0, 0], [0.00001, 0], [0, 0]]]]},
                }
            )
        )
    )
    shapes = read_shapes(path, Layer("shapes.geojson", "CD", "NM", "test", 3, "t.json"))
    assert list(shapes.names) == ["E06000001", "E06000002"]
    for feature in shapes.geojson["features"]:
        polygons = (
            [feature["geometry"]["coordinates"]]
            if feature["geometry"]["type"] == "Polygon"
            else feature["geometry"]["coordinates"]
        )
        for polygon in polygons:
            outer = np.asarray(polygon[0])
            assert (outer[0] == outer[-1]).all() and len(outer) >= 4
            twice_area = np.sum(outer[:-1, 0] * outer[1:, 1] - outer[1:, 0] * outer[:-1, 1])
            assert twice_area < 0  # clockwise, as d3 wants an outer ring
    # The collapsed island is dropped rather than drawn as a broken ring.
    assert len(shapes.geojson["features"][1]["geometry"]["coordinates"]) == 1


SHAPES = Shapes("app/static/test.json", {"E08000035": "Leeds", "E08000036": "Wakefield"})


def test_an_authority_without_a_shape_is_listed_not_dropped():
    rows = pd.DataFrame(
        {
            "area_code": ["E08000035", "E08000036", "E07000163"],
            "area_name": ["Leeds", "Wakefield", "Craven"],
            "value": [12.0, 15.0, 11.0],
            "compared_to_england": ["Similar", "Worse", "Better"],
        }
    )
    view = authority_map(rows, title="Smoking", period="2022", unit="%", highlight="E08000035", layer=SHAPES)
    assert view.no_shape == ("Craven (E07000163)",)
    assert view.table["On the map"].tolist() == [False, True, True]  # sorted by name
    assert "each of the 2 English authorities drawn" in view.sentence
    assert "1 similar, 1 worse" in view.sentence and "Leeds is outlined" in view.sentence
    # Every trace names the served file, never carries coordinates, and the base map is off.
    assert all(trace.geojson == "app/static/test.json" for trace in view.figure.data)
    assert view.figure.layout.geo.visible is False
    assert MAP_CONFIG == {"topojsonURL": "app/static/"}


def test_lsoa_map_outlines_the_selection():
    deprivation = pd.DataFrame(
        {
            "lsoa_code": ["E01000001", "E01000002"],
            "msoa_code": ["E02000001", "E02000001"],
            "imd_decile": [1, 7],
            "imd_rank": [10, 20000],
        }
    )
    areas = pd.DataFrame({"area_code": ["E01000001", "E01000002", "E02000001"], "area_name": ["A", "B", "M"]})
    layer = Shapes("app/static/l.json", {"E01000001": "A", "E01000002": "B"})
    view = lsoa_deprivation_map(
        deprivation, areas, domain="imd", domain_title="IMD", selected=["E01000001"], layer=layer
    )
    outline = view.figure.data[-1]
    assert list(outline.locations) == ["E01000001"]
    assert "the 1 selected are outlined" in view.sentence


def test_msoa_share_of_residents_in_the_selection():
    deprivation = pd.DataFrame(
        {
            "lsoa_code": ["a", "b", "c"],
            "msoa_code": ["M1", "M1", "M2"],
            "population_total": [100, 300, 50],
        }
    )
    assert msoa_shares(deprivation, ["b"]).to_dict() == {"M1": pytest.approx(0.75), "M2": 0.0}


def _msoas(la_codes: list[str], *, ranks: list[float], deciles: list[int]) -> pd.DataFrame:
    """MSOAs E02000001... in the authorities given (Leeds is E08000035), with their deprivation."""
    n = len(la_codes)
    return pd.DataFrame(
        {
            "msoa_code": [f"E0200000{i}" for i in range(1, n + 1)],
            "msoa_name": [f"Leeds 00{i}" for i in range(1, n + 1)],
            "hcl_name": [f"Place {i}" for i in range(1, n + 1)],
            "la_code": la_codes,
            "la_name": ["Leeds" if c == "E08000035" else "York" for c in la_codes],
            "lsoa_count": [1] * n,
            "population_2015": [1000] * n,
            "imd_rank_weighted": ranks,
            "imd_decile_msoa": deciles,
        }
    )


def _life(msoas: pd.DataFrame, values: list[float]) -> pd.DataFrame:
    """ONS's life expectancy rows for those MSOAs (persons), each interval a year either side."""
    return pd.DataFrame(
        {
            "msoa_code": msoas["msoa_code"],
            "sex": "Persons",
            "period": "2016 to 2020",
            "deaths": 100,
            "population": 5000,
            "value": values,
            "lower_95": [v - 1 for v in values],
            "upper_95": [v + 1 for v in values],
        }
    )


def test_selection_life_never_averages_life_expectancy():
    msoas = _msoas(
        ["E08000035"] * 4 + ["E06000014"] * 2,
        ranks=[100.0, 5000.0, 15000.0, 30000.0, 2000.0, 25000.0],
        deciles=[1, 2, 5, 10, 1, 8],
    )
    life = _life(msoas, [74.0, 78.0, 82.0, 86.0, 76.0, 84.0])
    deprivation = pd.DataFrame(
        {
            "lsoa_code": ["L1", "L2", "L3", "L4"],
            "msoa_code": list(msoas["msoa_code"][:4]),
            "population_total": [100] * 4,
        }
    )
    result = selection_life(life, msoas, deprivation, selected=["L1", "L2"], sex="Persons")
    assert result.table["In the selection"].sum() == 2
    assert "in the selection's MSOAs 74.0 to 78.0 years across 2 MSOAs" in result.sentence
    assert "in the rest of Leeds 82.0 to 86.0 years across 2 MSOAs" in result.sentence
    assert CANNOT_AVERAGE in result.sentence
    assert result.england.areas == 6 and result.leeds.areas == 4
    assert result.leeds.sii > 0


def test_static_holds_only_the_map_files():
    """Streamlit serves static/ to anyone who can reach the dashboard: only the build's map files belong there."""
    from indicators.store.boundaries import STATIC_DIR, served_files

    assert sorted(p.name for p in STATIC_DIR.iterdir()) == sorted(served_files())


def test_msoas_without_a_figure_are_named_and_drawn_grey_not_dropped():
    from indicators.analysis.gradient import msoa_frame
    from indicators.charts.maps import NO_FIGURE_GREY, msoa_life_expectancy_map

    msoas = _msoas(["E08000035"] * 4, ranks=[100.0, 5000.0, 15000.0, 30000.0], deciles=[1, 2, 5, 10])
    codes = list(msoas["msoa_code"])
    life = _life(msoas, [np.nan, 78.0, 82.0, 86.0])
    deprivation = pd.DataFrame(
        {"lsoa_code": ["L1", "L2", "L3", "L4"], "msoa_code": codes, "population_total": [100] * 4}
    )
    result = selection_life(life, msoas, deprivation, selected=["L1", "L2"], sex="Persons")
    assert "ONS publishes no figure for everyone for 1 MSOA in the selection (Place 1)" in result.sentence
    layer = Shapes("app/static/m.json", {c: c for c in codes})
    view = msoa_life_expectancy_map(
        msoa_frame(life, msoas, sex="Persons", la_code="E08000035"), sex="Persons", layer=layer
    )
    grey = [t for t in view.figure.data if t.colorscale and t.colorscale[0][1] == NO_FIGURE_GREY]
    assert [list(t.locations) for t in grey] == [["E02000001"]]
    assert "no figure published" in grey[0].text[0] and "Place 1 (grey)" in view.sentence
