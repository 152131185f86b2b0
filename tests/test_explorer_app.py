"""The explorer and import pages under AppTest: state in the URL, clear messages for bad links, imports shown."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from indicators.analysis.inequality import deprivation_series, poorest_improving
from indicators.imports.options import ImportOptions
from indicators.imports.service import commit_import, prepare_import
from indicators.store.load import load_store
from tests.conftest import REPO
from tests.import_helpers import FINGERTIPS

TIMEOUT = 90
pytestmark = pytest.mark.usefixtures("synthetic_app")
EXPLORER = str(REPO / "app_pages" / "explorer.py")
IMPORT = str(REPO / "app_pages" / "import.py")


def _run(path: str, **params: str) -> AppTest:
    at = AppTest.from_file(path, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.fixture
def imported(data_copy, monkeypatch):
    """A scratch store with the synthetic Fingertips file imported, used by the pages."""
    prepared = prepare_import(
        FINGERTIPS.read_bytes(),
        file_name=FINGERTIPS.name,
        kind="fingertips",
        options=ImportOptions(who="Test", value_type="percentage", polarity="lower_is_better"),
        data_dir=data_copy,
    )
    folder = commit_import(prepared, data_dir=data_copy)
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(data_copy))
    return folder.name


def test_explorer_answers_the_question_with_the_figures_it_holds():
    at = _run(EXPLORER, tab="closing")
    assert not at.exception and not at.error
    headings = [h.value for h in at.subheader]
    assert any("life expectancy gap" in h for h in headings)
    assert any("narrowed from 2.6 to 1.5 points" in h for h in headings)  # the synthetic report pair
    assert at.query_params["tab"] == "closing"
    text = " ".join(m.value for m in at.markdown)
    assert "no test of significance is possible" in text


def _charts(at: AppTest) -> list[str]:
    return [e.proto.id for e in at.get("plotly_chart")]


@pytest.mark.parametrize("tab", ["people", "map", "life", "imported", "closing", "every"])
def test_only_the_view_asked_for_is_run_and_the_link_names_it(tab):
    at = _run(EXPLORER, tab=tab)
    assert not at.exception and not at.error
    drawn = " ".join(_charts(at))
    # Each view draws its own charts and none of the others'.
    own = {
        "people": ["chart-profile"],
        "map": ["map-selection"],
        "life": ["chart-selection-life"],
        "imported": [],
        "closing": ["chart-sii", "chart-report", "chart-england_q"],
        "every": ["chart-levels"],
    }
    for name, keys in own.items():
        for key in keys:
            assert (key in drawn) == (name == tab), (name, key)
    # The first view is the page as a plain link opens it: the link names any other.
    assert at.query_params.get("tab") == (None if tab == "people" else tab)
    assert at.query_params["indicator"]  # the chosen series stays in the link while its view is closed


def test_a_view_the_link_does_not_know_opens_the_first(synthetic_store):
    at = _run(EXPLORER, tab="<script>")
    assert not at.exception and not at.error
    assert "chart-profile" in " ".join(_charts(at))
    assert "tab" not in at.query_params


def test_a_closed_view_keeps_its_choices_in_the_link():
    at = _run(EXPLORER, tab="people", map="income", sex="Female")
    assert not at.exception and not at.error
    assert at.query_params["map"] == "income" and at.query_params["sex"] == "Female"
    at = _run(EXPLORER, tab="map", map="income")
    assert at.selectbox(key="map_domain").value == "income"


def test_selection_is_read_from_the_link(synthetic_store):
    at = _run(EXPLORER, filter="decile", groups="1,2")
    assert at.radio(key="filter_kind").value == "decile"
    assert at.multiselect(key="groups_decile").value == ["1", "2"]
    dep = synthetic_store.lsoa_deprivation[synthetic_store.lsoa_deprivation["imd_decile"] <= 2]
    assert len(dep) > 0
    expected = [str(len(dep)), str(dep["msoa_code"].nunique()), f"{dep['population_total'].sum():,}"]
    assert [m.value for m in at.metric][:3] == expected


def test_changing_the_filter_updates_the_link(synthetic_store):
    at = _run(EXPLORER)
    at.radio(key="filter_kind").set_value("most_deprived").run()
    assert at.query_params["filter"] == "most_deprived"
    most = synthetic_store.lsoa_deprivation[synthetic_store.lsoa_deprivation["imd_decile"] == 1]
    assert at.metric[0].value == str(len(most))
    assert at.metric[2].value == f"{most['population_total'].sum():,}"


def test_areas_picked_on_the_map_are_read_from_the_link(synthetic_store):
    dep = synthetic_store.lsoa_deprivation.sort_values("lsoa_code")
    picked = list(dep["lsoa_code"].iloc[[0, 5]])
    at = _run(EXPLORER, filter="lsoa", groups=",".join(picked))
    assert not at.exception and not at.error
    assert at.radio(key="filter_kind").value == "lsoa"
    assert at.multiselect(key="groups_lsoa").value == picked
    assert at.metric[0].value == "2"
    assert at.query_params["groups"] == ",".join(picked)
    # Taking one out in the filter changes the link as a click on the map would.
    at.multiselect(key="groups_lsoa").set_value(picked[:1]).run()
    assert at.query_params["groups"] == picked[0]
    assert at.metric[0].value == "1"


@pytest.mark.parametrize(
    "params",
    [
        {"filter": "ward"},
        {"filter": "decile", "groups": "12"},
        {"filter": "lsoa", "groups": "E01999999"},
        {"indicator": "no_such_indicator"},
    ],
)
def test_a_bad_link_gives_a_message_and_a_way_back(params):
    at = _run(EXPLORER, **params)
    assert not at.exception
    assert "cannot show that view" in at.error[0].value
    at.button[0].click().run()
    assert not at.error
    assert at.title[0].value == "Inequalities explorer"


def test_imported_deprivation_data_appear_in_the_explorer_with_a_tested_answer(imported):
    at = _run(EXPLORER, tab="every")
    assert not at.exception and not at.error
    assert at.query_params["indicator"] == "fingertips_990001"
    text = " ".join(m.value for m in at.markdown)
    assert "statistically significant at 95%" in text
    assert "Fingertips method, 99.8%" in text


def test_poorest_improving_uses_counts_when_an_import_has_them(imported, data_copy):
    store = load_store(data_dir=data_copy)
    series = deprivation_series(store)
    row = series[series["indicator_id"] == "fingertips_990001"].iloc[0].to_dict()
    answer = poorest_improving(store, series=row, value_type="percentage", polarity="lower_is_better")
    assert answer.tested
    assert answer.headline.startswith("Yes: the gap narrowed")
    assert "most deprived: decreasing" in answer.detail


def _unlocked_import_page() -> AppTest:
    """The import page with importing unlocked by its password (ui/auth.py)."""
    at = AppTest.from_file(IMPORT, default_timeout=TIMEOUT)
    at.secrets["imports"] = {"import_password": "test import password"}
    at.run()
    at.text_input(key="imports_password").input("test import password")
    next(b for b in at.button if b.label == "Unlock importing").click().run()
    return at


def test_import_page_lists_imports_and_undoes_one(imported):
    at = _unlocked_import_page()
    assert not at.exception and not at.error
    assert imported in at.dataframe[0].value["import_id"].tolist()
    at.checkbox(key="undo_sure").check().run()
    at.button(key="undo").click().run()  # no password typed for this undo: refused
    assert "not right" in at.error[0].value
    assert imported in at.dataframe[0].value["import_id"].tolist()
    at.text_input(key="undo_password").input("test import password")  # asked again for each change
    at.button(key="undo").click().run()
    assert not at.exception
    assert any("No imports yet" in m.value for m in at.markdown)


def test_import_page_explains_suppression_and_the_command_line():
    at = _run(IMPORT)
    assert "Counts from 1 to 4" in at.info[0].value
    assert "python -m indicators.imports add FILE" in at.caption[-1].value
