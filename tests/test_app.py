"""Every declared page runs under Streamlit's AppTest through the real entry point, reacts to a widget,
and survives bad data and bad links."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from indicators.analysis.judgement import Judgement, assess_all
from indicators.core.text import md_escape
from tests import synthetic
from tests.apptest import open_page
from tests.conftest import REPO
from ui.navigation import PAGES

TIMEOUT = 60
pytestmark = pytest.mark.usefixtures("synthetic_app")


def _page(path: str, **query: str) -> AppTest:
    return open_page(path, query=query, timeout=TIMEOUT).run()


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_page_renders_without_error(spec):
    at = _page(spec.path)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title, "every page has a title"


def test_default_page_is_the_overview():
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Leeds Health and Care Plan on a page"


def test_overview_summary_and_goals(synthetic_store):
    at = _page("app_pages/overview.py")
    assert at.markdown[0].value.startswith("#### Of the 5 indicators with enough data to judge")
    assert [h.value for h in at.header] == [
        "Test goal: good health",
        "Test goal: connected care",
        "Test goal: mental health",
        "Leeds against England and every authority",
    ]
    with_data = (synthetic_store.indicators["data_status"] != "no data yet").sum()
    assert len(at.metric) == with_data


def test_overview_wrong_way_filter_matches_the_summary(synthetic_store):
    """The filter shows the tiles the summary counts as moving the wrong way (a mixed one is not wrong)."""
    judged = assess_all(synthetic_store)
    wrong = judged.loc[judged["judgement"] == Judgement.WORSENING, "indicator_id"].tolist()
    assert wrong == [synthetic.GAP] and (judged["judgement"] == Judgement.MIXED).any()
    at = _page("app_pages/overview.py")
    at.segmented_control(key="overview_show").set_value("Moving the wrong way").run()
    assert not at.exception
    assert [m.label for m in at.metric] == ["Test life expectancy gap"]


def test_overview_filter_shows_only_missing_measures():
    at = _page("app_pages/overview.py")
    at.segmented_control(key="overview_show").set_value("No data yet").run()
    assert not at.exception
    assert len(at.metric) == 0
    assert len(at.info) == 3  # one 'no data yet' box per goal


@pytest.mark.parametrize("path", ["app_pages/good_health.py", "app_pages/connected_care.py"])
def test_goal_page_toggle_hides_measures_without_data(path):
    at = _page(path)
    before = len(at.markdown)
    at.toggle[0].set_value(True).run()
    assert not at.exception
    assert len(at.markdown) < before
    assert not [m for m in at.markdown if "no data yet" in m.value]


def test_mental_health_goal_page_says_no_data_yet():
    at = _page("app_pages/mental_health.py")
    texts = " ".join(m.value for m in at.markdown)
    assert "no data yet" in texts
    assert "Import data" in " ".join(c.value for c in at.caption)


def test_indicator_page_follows_the_link():
    at = _page("app_pages/indicator.py", id="life_expectancy", compare="core_cities", england="0")
    assert not at.exception
    assert at.title[0].value == "Test life expectancy"
    assert sorted(at.multiselect[0].value) == sorted([synthetic.MANCHESTER, synthetic.BRISTOL])  # the other cities
    assert at.toggle[0].value is False
    assert at.query_params["compare"] != ""


def test_add_a_comparator_set_with_one_click():
    at = _page("app_pages/indicator.py", id="smoking_prevalence")
    assert not at.multiselect and not at.button  # a plain link: the comparison section is closed
    at.session_state["indicator-compare"] = True
    at.run()
    at.button(key="add-west_yorkshire").click().run()
    assert not at.exception
    assert sorted(at.multiselect[0].value) == [synthetic.BRADFORD, synthetic.WAKEFIELD]
    assert "E08000032" in str(at.query_params["compare"])
    at.multiselect[0].set_value([]).run()  # the section stays open while the choices change
    assert not at.exception and at.multiselect and at.multiselect[0].value == []


def test_indicator_page_selection_goes_into_the_url():
    at = _page("app_pages/indicator.py", id="smoking_prevalence")
    at.selectbox[0].set_value("sii_life_expectancy").run()
    assert not at.exception
    assert at.title[0].value == "Test life expectancy gap"  # the heading follows the choice
    assert at.query_params["id"] in (["sii_life_expectancy"], "sii_life_expectancy")


def test_indicator_page_shows_both_sources_and_explains():
    at = _page("app_pages/indicator.py", id="reception_obesity")
    assert [s.value for s in at.subheader][:1] == ["Also reported"]
    assert md_escape(synthetic.PAIR_NOTE) in at.info[0].value or synthetic.PAIR_NOTE in at.info[0].value


def test_indicator_data_and_downloads_are_built_only_when_opened():
    at = _page("app_pages/indicator.py", id="reception_obesity")
    sections = [e.label for e in at.expander]
    assert sections[1].startswith("Data and downloads: ") and "Data and downloads" in sections
    assert not at.dataframe and not at.get("download_button")  # closed: neither table nor buttons sent
    at.session_state["ncmp_reception-data"] = True
    at.run()
    assert not at.exception
    assert len(at.dataframe) == 1
    assert set(at.dataframe[0].value["Area"]) >= {"Leeds", "England"}
    assert [b.label for b in at.get("download_button")] == ["Download CSV", "Download PNG", "Download SVG"]
    at.session_state["deprivation-data"] = True  # the chart by deprivation has its data too
    at.run()
    assert len(at.dataframe) == 2
    assert at.dataframe[1].value["Group"].iloc[0] == "Most deprived quintile"


def test_goal_page_data_section_opens_with_its_table():
    at = _page("app_pages/good_health.py")
    assert not at.dataframe
    at.session_state["smoking_prevalence-aps_smoking-data"] = True
    at.run()
    assert not at.exception
    assert len(at.dataframe) == 1 and "Value" in at.dataframe[0].value.columns


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"id": "no_such_indicator"}, "indicator 'no_such_indicator', which is not in the catalogue"),
        ({"id": "smoking_prevalence", "source": "made_up"}, "has no figures from source 'made_up'"),
    ],
)
def test_bad_links_give_a_message_and_a_way_back(query, message):
    at = _page("app_pages/indicator.py", **query)
    assert not at.exception
    assert md_escape(message) in at.error[0].value
    assert at.title[0].value == "Indicator not found"


def test_unknown_comparator_is_left_out_and_the_page_stays():
    at = _page("app_pages/indicator.py", id="smoking_prevalence", compare="Atlantis,E08000032")
    assert not at.exception
    assert md_escape("'Atlantis', which is neither an area code") in at.warning[0].value
    assert at.title[0].value == "Test adult smoking"
    assert at.multiselect[0].value == ["E08000032"]


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("app_pages/indicator.py", {"id": "[Log in](https://evil.example/login)"}),
        ("app_pages/indicator.py", {"id": "smoking_prevalence", "compare": "![x](https://evil.example/p.png)"}),
        ("app_pages/explorer.py", {"indicator": "[Log in](https://evil.example/login)"}),
        ("app_pages/actions.py", {"lead": "[Log in](https://evil.example/login)"}),
    ],
)
def test_link_text_is_shown_as_text_not_markdown(page, query):
    at = _page(page, **query)
    assert not at.exception
    shown = " ".join(e.value for e in [*at.error, *at.warning])
    assert "evil.example" in shown
    # The only link left is the page's own way back, never one from the link's text.
    assert "](" not in shown.replace("\\]\\(", "").replace("clean view](./actions)", "")


def test_sources_page_search_filters_definitions(synthetic_store):
    at = _page("app_pages/sources.py")
    at.text_input(key="definition_search").set_value("obesity").run()
    assert not at.exception
    total = len(synthetic_store.indicators)
    assert f"1 of {total} indicators match 'obesity'" in " ".join(c.value for c in at.caption)


def test_indicator_list_toggle_shows_only_missing():
    at = _page("app_pages/indicators.py")
    at.toggle(key="only_missing").set_value(True).run()
    rows = [r for df in at.dataframe for r in df.value["latest"]]
    assert rows and set(rows) == {"No data yet"}


def test_corrupt_data_gives_a_message_not_a_traceback(data_copy, monkeypatch):
    (data_copy / "values.parquet").write_bytes(b"not parquet")
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(data_copy))
    at = _page("app_pages/overview.py")
    assert not at.exception
    assert "could not be loaded" in at.error[0].value
    assert "values.parquet is not a readable Parquet file" in at.code[0].value
