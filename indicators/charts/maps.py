"""Maps drawn by plotly from the shipped boundaries: no map tiles, no base map, nothing fetched from elsewhere.

Each map is a plotly choropleth on a geo subplot whose own base layers are switched off
(`visible=False`), so plotly draws only the shipped shapes; the view fits the areas drawn
(`fitbounds`). The figure names the compact shapes file this server serves (store.boundaries)
rather than carrying hundreds of kilobytes of coordinates, so a map reruns as fast as any chart and
the browser keeps the file between pages. Each builder returns the figure, the table behind it, a
sentence saying what it shows, and the areas with no shape in the boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from indicators.core.text import figure_text
from indicators.store.boundaries import STATIC_URL, Shapes, shapes
from indicators.store.load import Store
from indicators.store.schemas import as_text

# The plot configuration every map is drawn with: plotly's world-outline requests go to this server.
MAP_CONFIG = {"topojsonURL": f"{STATIC_URL}/"}
FONT = {"family": "Frutiger, Arial, Helvetica, sans-serif", "size": 14, "color": "#212B32"}
OUTLINE = "#212B32"
HALO = "white"  # drawn wider under the outline, so it shows on the darkest fills as well as the lightest


@dataclass(frozen=True)
class MapView:
    """A map: its figure, the table behind it, a sentence saying what it shows, and areas without a shape."""

    figure: go.Figure
    table: pd.DataFrame
    sentence: str
    no_shape: tuple[str, ...] = ()


def _base(height: int) -> go.Figure:
    fig = go.Figure()
    # No base map at all: plotly draws only the shipped shapes (its outline request is answered by this server).
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator")
    fig.update_layout(
        font=FONT,
        height=height,
        margin={"l": 0, "r": 0, "t": 10, "b": 10},
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
    )
    return fig


def _outline(fig: go.Figure, geojson: dict, codes: list[str], *, name: str) -> None:
    """A thick outline round `codes`, with no fill, on a white halo, named in the legend."""
    if not codes:
        return
    for colour, width, named in ((HALO, 4, False), (OUTLINE, 1.5, True)):
        fig.add_trace(
            go.Choropleth(
                geojson=geojson,
                locations=codes,
                z=[0] * len(codes),
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                marker={"line": {"color": colour, "width": width}},
                name=figure_text(name),
                showlegend=named,
                hoverinfo="skip",
            )
        )


# Deciles: a sequential scale, dark for most deprived, so order reads without colour names too.
DECILE_SCALE = [
    [0.0, "#08306B"],
    [0.25, "#2171B5"],
    [0.5, "#6BAED6"],
    [0.75, "#C6DBEF"],
    [1.0, "#F7FBFF"],
]


def lsoa_deprivation_map(
    deprivation: pd.DataFrame,
    areas: pd.DataFrame,
    *,
    domain: str,
    domain_title: str,
    selected: list[str] | None = None,
    layer: Shapes | None = None,
) -> MapView:
    """Leeds LSOAs coloured by their England decile on one IoD 2019 domain, the selection outlined."""
    layer = layer or shapes("lsoa")
    names = areas.set_index("area_code")
    table = pd.DataFrame(
        {
            "LSOA": deprivation["lsoa_code"],
            "LSOA name": deprivation["lsoa_code"].map(names["area_name"]),
            "MSOA": deprivation["msoa_code"].map(names["area_name"]),
            f"{domain_title}: England decile (1 = most deprived)": deprivation[f"{domain}_decile"],
            f"{domain_title}: England rank (1 = most deprived)": deprivation[f"{domain}_rank"],
            "Selected": deprivation["lsoa_code"].isin(selected or []),
        }
    ).sort_values(f"{domain_title}: England rank (1 = most deprived)")
    drawn = table[table["LSOA"].isin(layer.codes)]
    fig = _base(560)
    hover = [
        figure_text(f"{row[1]} ({row[2]}) · decile {row[3]} · rank {row[4]:,}") for row in drawn.itertuples(index=False)
    ]
    fig.add_trace(
        go.Choropleth(
            geojson=layer.geojson,
            locations=drawn["LSOA"],
            z=drawn.iloc[:, 3],
            zmin=1,
            zmax=10,
            colorscale=DECILE_SCALE,
            marker={"line": {"color": "white", "width": 0.3}},
            colorbar={"title": {"text": "Decile<br>1 = most<br>deprived"}, "tickvals": list(range(1, 11))},
            customdata=drawn["LSOA"],
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            name=figure_text(domain_title),
            showlegend=False,
        )
    )
    chosen = [c for c in (selected or []) if c in layer.codes]
    _outline(fig, layer.geojson, chosen, name=f"Selected ({len(chosen)} LSOAs)")
    sentence = (
        f"Leeds' {len(drawn)} neighbourhoods (2011 LSOAs) coloured by their England decile on the IoD 2019 "
        f"{domain_title}{'' if domain == 'imd' else ' domain'}: darkest is the most deprived tenth of England's LSOAs"
        + (f"; the {len(chosen)} selected are outlined." if chosen else ".")
    )
    missing = tuple(sorted(set(table["LSOA"]) - layer.codes))
    return MapView(fig, table.reset_index(drop=True), sentence, missing)


NO_FIGURE_GREY = "#768692"
LIFE_SCALE = [[0.0, "#7C2855"], [0.5, "#F2F2F2"], [1.0, "#005EB8"]]


def msoa_life_expectancy_map(frame: pd.DataFrame, *, sex: str, layer: Shapes | None = None) -> MapView:
    """Leeds MSOAs coloured by life expectancy at birth; hover gives value, interval and the Library's name.

    `frame` is `gradient.msoa_frame` for Leeds: one row per MSOA with value, interval and names.
    """
    layer = layer or shapes("msoa")
    sex_word = {"Male": "males", "Female": "females", "Persons": "everyone"}[sex]
    table = pd.DataFrame(
        {
            "MSOA": frame["msoa_code"],
            "MSOA name (House of Commons Library)": frame["hcl_name"],
            "ONS name": frame["msoa_name"],
            "Life expectancy at birth (years)": frame["value"].round(1),
            "Lower 95% limit": frame["lower_95"].round(1),
            "Upper 95% limit": frame["upper_95"].round(1),
            "Deaths 2016-2020": frame["deaths"],
            "Deprivation: population-weighted IMD rank": frame["imd_rank_weighted"].round(0),
            "England MSOA decile (1 = most deprived)": frame["imd_decile_msoa"],
        }
    ).sort_values("Life expectancy at birth (years)")
    drawn = table[table["MSOA"].isin(layer.codes) & table["Life expectancy at birth (years)"].notna()]
    hover = [
        figure_text(f"{r[1]} ({r[2]}): {r[3]:.1f} years (95% interval {r[4]:.1f} to {r[5]:.1f})")
        for r in drawn.itertuples(index=False)
    ]
    fig = _base(560)
    values = drawn["Life expectancy at birth (years)"]
    middle = float(values.median()) if len(values) else 0.0
    spread = float(max(values.max() - middle, middle - values.min())) if len(values) else 1.0
    fig.add_trace(
        go.Choropleth(
            geojson=layer.geojson,
            locations=drawn["MSOA"],
            z=values,
            zmin=middle - spread,
            zmax=middle + spread,
            colorscale=LIFE_SCALE,
            marker={"line": {"color": "white", "width": 0.5}},
            colorbar={"title": {"text": "Years"}},
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    blank = table[table["MSOA"].isin(layer.codes) & table["Life expectancy at birth (years)"].isna()]
    if len(blank):
        # Grey, not left out: a gap would show the background, which reads as the scale's pale middle.
        fig.add_trace(
            go.Choropleth(
                geojson=layer.geojson,
                locations=blank["MSOA"],
                z=[0] * len(blank),
                colorscale=[[0, NO_FIGURE_GREY], [1, NO_FIGURE_GREY]],
                showscale=False,
                marker={"line": {"color": "white", "width": 0.5}},
                text=[figure_text(f"{r[1]} ({r[2]}): no figure published") for r in blank.itertuples(index=False)],
                hovertemplate="%{text}<extra></extra>",
                name=f"No figure published ({len(blank)})",
                showlegend=True,
            )
        )
    unpublished = table.loc[table["Life expectancy at birth (years)"].isna(), "MSOA name (House of Commons Library)"]
    sentence = (
        f"Life expectancy at birth for {sex_word}, 2016 to 2020, in each of Leeds' {len(drawn)} MSOAs with a figure"
    )
    if len(drawn):
        low, high = drawn.iloc[0], drawn.iloc[-1]
        sentence += (
            f": from {low.iloc[3]:.1f} years in {low.iloc[1]} to {high.iloc[3]:.1f} in {high.iloc[1]} "
            "(purple shorter, blue longer than Leeds' middle MSOA)."
        )
    else:
        sentence += "."
    if len(unpublished):
        sentence += f" ONS publishes no figure for {', '.join(unpublished)} (grey)."
    missing = tuple(sorted(set(table["MSOA"]) - layer.codes))
    return MapView(fig, table.reset_index(drop=True), sentence, missing)


# Fingertips' comparison with England: a colour, and the word in the legend, hover and table.
COMPARISON_COLOURS = {
    "Better": "#005EB8",
    "Similar": "#FFB81C",
    "Worse": "#7C2855",
    "Higher": "#41B6E6",
    "Lower": "#003087",
    "Not compared": "#D8DDE0",
}


def authority_map(
    rows: pd.DataFrame,
    *,
    title: str,
    period: str,
    unit: str,
    highlight: str,
    layer: Shapes | None = None,
) -> MapView:
    """English authorities coloured by Fingertips' comparison with England for one period, one authority outlined.

    `rows` holds one row per authority: area_code, area_name, value, compared_to_england. An
    authority whose code is not in the May 2024 boundaries (codes changed by reorganisations since)
    is listed as having no shape, never dropped unseen.
    """
    layer = layer or shapes("lad")
    table = pd.DataFrame(
        {
            "Area code": rows["area_code"],
            "Area": rows["area_name"],
            f"Value ({unit})": rows["value"],
            "Compared with England (Fingertips)": rows["compared_to_england"].fillna("Not compared"),
        }
    ).sort_values("Area")
    table["On the map"] = table["Area code"].isin(layer.codes)
    fig = _base(640)
    shown = table[table["On the map"]]
    words = [w for w in COMPARISON_COLOURS if (shown["Compared with England (Fingertips)"] == w).any()]
    if words:
        # One trace, each comparison a band of a stepped scale, named on the colour bar.
        steps = len(words)
        scale = []
        for i, word in enumerate(words):
            scale += [[i / steps, COMPARISON_COLOURS[word]], [(i + 1) / steps, COMPARISON_COLOURS[word]]]
        counts = shown["Compared with England (Fingertips)"].value_counts()
        hover = [figure_text(f"{r[1]}: {r[2]:g} {unit} · {r[3]} (Fingertips)") for r in shown.itertuples(index=False)]
        fig.add_trace(
            go.Choropleth(
                geojson=layer.geojson,
                locations=shown["Area code"],
                z=shown["Compared with England (Fingertips)"].map({w: i for i, w in enumerate(words)}),
                zmin=-0.5,
                zmax=steps - 0.5,
                colorscale=scale,
                marker={"line": {"color": "white", "width": 0.4}},
                colorbar={
                    "title": {"text": "Compared<br>with England"},
                    "tickvals": list(range(steps)),
                    "ticktext": [f"{w} ({counts[w]})" for w in words],
                },
                text=hover,
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
            )
        )
    outlined = shown.loc[shown["Area code"] == highlight, "Area"]
    _outline(fig, layer.geojson, [highlight] if len(outlined) else [], name=outlined.iloc[0] if len(outlined) else "")
    no_shape = tuple(f"{r[1]} ({r[0]})" for r in table[~table["On the map"]].itertuples(index=False))
    counts = shown["Compared with England (Fingertips)"].value_counts()
    summary = ", ".join(f"{counts[w]} {w.lower()}" for w in COMPARISON_COLOURS if w in counts)
    sentence = (
        f"{title}, {period}: each of the {len(shown)} English authorities drawn coloured by Fingertips' own "
        f"comparison with England ({summary})" + (f"; {outlined.iloc[0]} is outlined." if len(outlined) else ".")
    )
    return MapView(fig, table.reset_index(drop=True), sentence, no_shape)


def mappable_series(store: Store) -> pd.DataFrame:
    """Each series published for many local authorities: indicator, source, breakdowns and periods (latest last).

    A series held for Leeds alone (the report's own figures) is no map, so it is left out.
    """
    v = store.values
    las = set(store.areas.loc[store.areas["area_type"] == "Local authority", "area_code"])
    keep = (v["area_code"].isin(las) & (v["role"] == "value") & v["value"].notna()).to_numpy()
    rows = as_text(v.loc[keep, ["indicator_id", "source_id", "area_code", "breakdown", "period", "period_end"]])
    rows = rows[rows["breakdown"].isin(["All", "Male", "Female"])]
    many = rows.groupby("source_id")["area_code"].transform("nunique") > 1
    rows = rows[many].drop(columns="area_code").drop_duplicates()
    out = (
        rows.sort_values(["period_end", "period"])
        .groupby(["indicator_id", "source_id"], sort=False)
        .agg(
            breakdowns=("breakdown", lambda b: tuple(sorted(set(b)))),
            periods=("period", lambda p: tuple(dict.fromkeys(p))),
        )
        .reset_index()
    )
    out["title"] = out["indicator_id"].map(store.indicators.set_index("indicator_id")["title"])
    return out.sort_values(["title", "source_id"]).reset_index(drop=True)


def authority_rows(store: Store, *, indicator_id: str, source_id: str, period: str, breakdown: str) -> pd.DataFrame:
    """One official figure per local authority for one period and breakdown, with its name and comparison."""
    v = store.values
    pick = (
        (v["indicator_id"] == indicator_id)
        & (v["source_id"] == source_id)
        & (v["period"] == period)
        & (v["breakdown"] == breakdown)
        & (v["role"] == "value")
    )
    rows = as_text(v.loc[pick.to_numpy(), ["area_code", "value", "compared_to_england"]])
    las = store.areas[store.areas["area_type"] == "Local authority"].set_index("area_code")["area_name"]
    rows = rows[rows["area_code"].isin(las.index)]
    return rows.assign(area_name=rows["area_code"].map(las)).reset_index(drop=True)
