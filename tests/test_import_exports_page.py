"""Each real-export shape, imported unchanged by the command line, on its indicator page: the import's chart
draws its intervals, its comparison with England is written beside it, and nothing claims what is not so."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from indicators.imports.__main__ import main
from tests.conftest import REPO
from tests.fixtures.make_exports import FOLDER

SHAPES = [  # file, indicator it lands in, words the page must show for it
    ("a_old_26_columns_areaname_imd2015.csv", "smoking_prevalence", "compared with England: Similar"),
    ("b_26_names_25_fields.csv", "smoking_prevalence", "compared with England: Similar"),
    ("c_27_columns_england_only_imd2019.csv", "fingertips_990101", "holds no figure for Leeds"),
    (
        "d_parent_england_squeezed_names_reordered.csv",
        "sii_life_expectancy",
        "compared with England: Similar",
    ),  # by sex
]


def _texts(at: AppTest) -> str:
    """Every markdown and caption on the page, with Markdown's escaping backslashes taken out."""
    return "\n".join([*(m.value for m in at.markdown), *(c.value for c in at.caption)]).replace("\\", "")


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


@pytest.mark.data_audit  # the exports land in catalogue indicators that cite their Fingertips IDs
@pytest.mark.parametrize(("name", "indicator", "shown"), SHAPES, ids=[s[0][:1] for s in SHAPES])
def test_an_export_shape_shows_its_intervals_and_comparison(
    committed_copy, monkeypatch, capsys, name, indicator, shown
):
    assert main(["--data-dir", str(committed_copy), "add", str(FOLDER / name), "--who", "Page test", "--yes"]) == 0
    assert "Imported as" in capsys.readouterr().out
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(committed_copy))
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=120)
    at.query_params["id"] = indicator
    at.switch_page("app_pages/indicator.py")
    at.run()
    assert not at.exception
    text = _texts(at)
    assert shown in text
    assert f"Imported from {name} by Page test" in text
    if name.startswith("c_"):
        # England only: no Leeds figure, and never the report's excuse of having no counts or intervals.
        assert "no counts or intervals" not in text
        return
    # The import's own chart (after the indicator's own series) draws the file's 95% intervals.
    imported = [f for f in _figures(at) if any(str(t.get("name")).startswith("Leeds") for t in f["data"])]
    drawn = [
        t
        for f in imported
        for t in f["data"]
        if str(t.get("name")).startswith("Leeds") and (t.get("error_y") or {}).get("array")
    ]
    assert drawn, "the import's intervals are drawn"
    if indicator == "smoking_prevalence":
        # Beside the catalogue's own series, the import is judged from its own figures, and says how.
        assert "How this import is judged" in text
