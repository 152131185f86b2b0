"""The shipped boundaries: which files, their codes and names, and the compact copies the browser fetches.

The build writes, from data/sources/official/boundaries, one compact file per set of boundaries into
`static/` (served by Streamlit at app/static/): English areas only, each feature's id its code, the
coordinates rounded to four decimal places (about 10 m; three, about 100 m, for England's districts),
points that rounding made the same dropped, each ring still closed and wound as plotly's d3 draws it.
A reader cannot see the rounding at the scale the maps are drawn. The boundaries themselves are
generalised for display. `shapes` reads a set's codes and names once per process.

Plotly asks for its world outline (`world_110m.json`) whenever a choropleth names its areas, even
with the base map hidden; the build writes an empty outline beside the shapes, and the maps point
plotly at this server for it, so the browser never contacts plotly's servers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from indicators.store.load import DATA_DIR

BOUNDARIES_DIR = DATA_DIR / "sources" / "official" / "boundaries"
# Streamlit serves the `static` folder beside dashboard.py at app/static/ (server.enableStaticServing).
STATIC_DIR = DATA_DIR.parent / "static"
STATIC_URL = "app/static"
EMPTY_OUTLINE = ("world_110m.json", b'{"type":"Topology","objects":{},"arcs":[]}')


@dataclass(frozen=True)
class Layer:
    """One set of shipped boundaries: which file, which property holds the code and the name."""

    file: str
    code: str
    name: str
    kind: str
    digits: int = 4
    served_as: str = ""

    @property
    def url(self) -> str:
        """Where the browser fetches the served shapes, relative to the page."""
        return f"{STATIC_URL}/{self.served_as}"


LAYERS = {
    "lsoa": Layer("leeds_lsoa11.geojson", "LSOA11CD", "LSOA11NM", "Leeds LSOAs (2011)", 4, "map_leeds_lsoa11.json"),
    "msoa": Layer("leeds_msoa11.geojson", "MSOA11CD", "MSOA11NM", "Leeds MSOAs (2011)", 4, "map_leeds_msoa11.json"),
    "lad": Layer(
        "Local_Authority_Districts_May_2024_Boundaries_UK_BSC.geojson",
        "LAD24CD",
        "LAD24NM",
        "English local authority districts (May 2024)",
        3,
        "map_england_lad24.json",
    ),
}


@dataclass(frozen=True)
class Shapes:
    """Boundaries ready to draw: a GeoJSON feature collection whose features' ids are the area codes.

    `geojson` is what a figure names: the served file's address, or the collection itself.
    """

    geojson: dict | str
    names: dict[str, str]

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(self.names)


def _round(coordinates: list, digits: int) -> list:
    """A ring rounded to `digits`, with points that became the same as the one before dropped, still closed."""
    points = np.round(np.asarray(coordinates, dtype=float), digits)
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1)
    points = points[keep]
    if len(points) and np.any(points[0] != points[-1]):
        points = np.vstack([points, points[:1]])
    return points.tolist()


def _wound(rings: list, digits: int) -> list:
    """A polygon's rings rounded, the outer ring clockwise and holes anticlockwise, as plotly's d3 draws them.

    GeoJSON written to RFC 7946 winds the other way; d3 would read such a ring as the whole globe
    less the area, and the map would show nothing where the area is.
    """
    out = []
    for i, ring in enumerate(rings):
        points = _round(ring, digits)
        if len(points) < 4:  # rounded down to a line or a point: nothing to draw
            if i == 0:
                return []
            continue
        xy = np.asarray(points)
        twice_area = float(np.sum(xy[:-1, 0] * xy[1:, 1] - xy[1:, 0] * xy[:-1, 1]))
        anticlockwise = twice_area > 0
        if anticlockwise == (i == 0):
            points = points[::-1]
        out.append(points)
    return out


def _rounded(geometry: dict, digits: int) -> dict:
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": _wound(geometry["coordinates"], digits)}
    if geometry["type"] == "MultiPolygon":
        polygons = [p for p in (_wound(polygon, digits) for polygon in geometry["coordinates"]) if p]
        return {"type": "MultiPolygon", "coordinates": polygons}
    raise ValueError(f"boundary geometry {geometry['type']!r} is not a polygon")


def read_shapes(path: Path, layer: Layer, *, english_only: bool = True) -> Shapes:
    """Read a boundary file: English areas only, each feature's id its code, coordinates rounded."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    features, names = [], {}
    for feature in collection["features"]:
        code = feature["properties"][layer.code]
        if english_only and not code.startswith("E"):
            continue
        names[code] = feature["properties"][layer.name]
        features.append(
            {"type": "Feature", "id": code, "properties": {}, "geometry": _rounded(feature["geometry"], layer.digits)}
        )
    return Shapes({"type": "FeatureCollection", "features": features}, names)


@cache
def shapes(kind: str, folder: Path = BOUNDARIES_DIR) -> Shapes:
    """The codes and names of one layer, read once per process, and the address of its served file."""
    layer = LAYERS[kind]
    collection = json.loads((folder / layer.file).read_text(encoding="utf-8"))
    names = {
        f["properties"][layer.code]: f["properties"][layer.name]
        for f in collection["features"]
        if f["properties"][layer.code].startswith("E")
    }
    return Shapes(layer.url, names)


def served_files(folder: Path = BOUNDARIES_DIR) -> dict[str, bytes]:
    """The files the browser fetches, by name: each layer's English shapes, ids the codes, compact JSON."""
    out = {}
    for layer in LAYERS.values():
        collection = read_shapes(folder / layer.file, layer).geojson
        out[layer.served_as] = json.dumps(collection, separators=(",", ":")).encode("utf-8")
    name, content = EMPTY_OUTLINE
    out[name] = content
    return out
