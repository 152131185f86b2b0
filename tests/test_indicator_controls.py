"""The indicator page's controls write each change to the URL, and the page follows the URL."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from indicators.store.queries import sources_of
from tests import synthetic
from tests.conftest import REPO
from ui.indicator_controls import SECTION

WEST_YORKSHIRE = [synthetic.BRADFORD, synthetic.WAKEFIELD]
pytestmark = pytest.mark.usefixtures("synthetic_app")


def _page(*, comparing: bool = True, **query: str) -> AppTest:
    """The indicator page opened with a link; its comparison section opened too, unless told not to."""
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    if comparing:
        at.session_state[SECTION] = True
    at.switch_page("app_pages/indicator.py")
    return at.run()


def _param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def _multiselect(at: AppTest, label: str):
    return next(m for m in at.multiselect if m.label == label)


def test_controls_come_after_the_first_chart_in_the_page_but_show_above_it():
    at = _page(id="smoking_prevalence")
    main = at.main
    # The controls sit in the container placed right under the title.
    assert main.children[1].type == "flex_container"
    assert [w.label for w in main.children[1].selectbox] == ["Indicator"]
    assert len(at.get("plotly_chart")) >= 1


@pytest.mark.parametrize(
    ("query", "open_"),
    [
        ({"id": "smoking_prevalence"}, False),
        ({"id": "smoking_prevalence", "compare": "E08000003"}, True),
        ({"id": "smoking_prevalence", "england": "0"}, True),
        ({"id": "life_expectancy"}, False),
        ({"id": "life_expectancy", "group": "Male"}, True),
    ],
)
def test_the_comparison_section_opens_by_itself_only_for_a_link_that_compares(query, open_):
    at = _page(comparing=False, **query)
    assert not at.exception
    assert "Compare with other areas, England and groups" in [e.label for e in at.expander]
    assert bool(at.multiselect) is open_  # closed: its controls are not built at all
    assert bool(at.toggle) is open_


@pytest.mark.parametrize(
    ("label", "choice", "param", "expected"),
    [
        ("Compare Leeds with", ["E08000003", "E08000032"], "compare", "E08000003,E08000032"),
        ("Groups", ["Female"], "group", "Female"),
    ],
)
def test_a_multiselect_change_goes_into_the_url(label, choice, param, expected):
    at = _page(id="life_expectancy")
    _multiselect(at, label).set_value(choice).run()
    assert not at.exception
    assert _param(at, param) == expected
    assert _multiselect(at, label).value == choice  # the control shows what the URL says


def test_england_toggle_then_a_comparator_keeps_both_choices():
    at = _page(id="smoking_prevalence")
    at.toggle[0].set_value(False).run()
    assert _param(at, "england") == "0"
    _multiselect(at, "Compare Leeds with").set_value(["E08000032"]).run()
    assert _param(at, "england") == "0"
    assert _param(at, "compare") == "E08000032"
    assert at.toggle[0].value is False


def test_add_a_set_keeps_the_areas_already_chosen():
    at = _page(id="smoking_prevalence", compare="E08000003")
    at.button(key="add-west_yorkshire").click().run()
    assert not at.exception
    assert _multiselect(at, "Compare Leeds with").value == ["E08000003", *WEST_YORKSHIRE]


def test_clearing_every_group_shows_them_all_again():
    at = _page(id="life_expectancy", group="Male")
    assert _multiselect(at, "Groups").value == ["Male"]
    _multiselect(at, "Groups").set_value([]).run()
    assert _multiselect(at, "Groups").value == ["Female", "Male"]


def test_choosing_another_indicator_starts_on_its_own_source_and_keeps_comparators(synthetic_store):
    at = _page(id="reception_obesity", source="hwb_report_2019", compare="E08000032")
    at.selectbox[0].set_value("smoking_prevalence").run()
    assert not at.exception
    assert at.title[0].value == "Test adult smoking"
    assert _param(at, "source") == sources_of(synthetic_store, "smoking_prevalence")[0] != "hwb_report_2019"
    assert _param(at, "compare") == "E08000032"


def test_a_new_link_on_an_open_page_wins_over_the_controls():
    at = _page(id="smoking_prevalence")
    at.query_params.pop("source", None)  # a new link carries its own parameters
    at.query_params["id"] = "sii_life_expectancy"
    at.run()
    assert at.title[0].value == "Test life expectancy gap"
    assert at.selectbox[0].value == "sii_life_expectancy"
