"""Presenter mode under AppTest: the deck comes from the link, is reordered, presented and exported."""

from __future__ import annotations

import datetime

import pytest
from streamlit.testing.v1 import AppTest

from indicators.present import pack
from indicators.present.deck import headline_items
from tests.conftest import REPO

TIMEOUT = 60
SMALL = "smoking_prevalence,ace_referrals,moving_more"
pytestmark = pytest.mark.usefixtures("synthetic_app")


def _present(**query: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("app_pages/present.py")
    return at.run()


def _param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def _counter(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "slide-counter" in m.value)


def test_default_deck_is_the_headline_set(synthetic_store):
    at = _present()
    assert not at.exception
    assert at.multiselect[0].value == [i.indicator_id for i in headline_items(synthetic_store)]
    assert _param(at, "deck") is None  # the default deck keeps the link short


def test_link_deck_is_prepared_in_order():
    at = _present(deck=SMALL)
    assert at.multiselect[0].value == SMALL.split(",")
    assert at.dataframe[0].value["Slide"].tolist() == [1, 2, 3]


@pytest.mark.parametrize(("button", "expected"), [("Later", 1), ("Earlier", None)])
def test_moving_a_slide_changes_the_link(button, expected):
    at = _present(deck=SMALL)
    if button == "Earlier":
        at.selectbox(key="deck_move_which").set_value(1).run()
    next(b for b in at.button if b.label == button).click().run()
    assert not at.exception
    order = _param(at, "deck").split(",")
    assert order[:2] == ["ace_referrals", "smoking_prevalence"]
    assert at.selectbox(key="deck_move_which").value == (1 if button == "Later" else 0)


def test_present_next_previous_and_back():
    at = _present(deck=SMALL)
    next(b for b in at.button if b.label == "Start presenting").click().run()
    assert _param(at, "view") == "present"
    assert _counter(at).endswith("Slide 1 of 3</div>")
    at.button(key="next").click().run()
    assert _param(at, "slide") == "2"
    assert "1,234 referrals (milestone reached)" in " ".join(m.value for m in at.markdown)
    at.button(key="next").click().run()
    assert "No data yet" in " ".join(m.value for m in at.markdown)
    assert at.button(key="next").disabled
    at.button(key="previous").click().run()
    assert _param(at, "slide") == "2"
    at.button(key="leave").click().run()
    assert _param(at, "view") == "prepare"
    assert at.title[0].value == "Presenter mode"


@pytest.mark.parametrize(("slide", "shown"), [("2", "Slide 2 of 3"), ("99", "Slide 3 of 3"), ("x", "Slide 1 of 3")])
def test_slide_in_link_is_held_within_the_deck(slide, shown):
    at = _present(deck=SMALL, view="present", slide=slide)
    assert not at.exception
    assert shown in _counter(at)


def test_unknown_indicator_in_deck_link_gives_a_message_and_a_way_back():
    at = _present(deck="smoking_prevalence,atlantis")
    assert not at.exception
    assert at.title[0].value == "Deck not found"
    assert "'atlantis', which is not in the catalogue" in at.error[0].value


def test_without_chromium_the_pack_and_image_buttons_say_so(monkeypatch):
    monkeypatch.setattr(pack, "find_chromium", lambda: None)
    at = _present(deck=SMALL)
    assert not at.exception
    assert "no Chromium browser" in at.warning[0].value
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT)
    at.query_params["id"] = "smoking_prevalence"
    at.switch_page("app_pages/indicator.py").run()
    at.session_state["aps_smoking-data"] = True  # the chart's data and downloads, opened
    at.run()
    assert any("no Chromium browser" in c.value for c in at.caption)


def test_choosing_the_reports_figures_for_a_slide_goes_into_the_link():
    at = _present(deck="reception_obesity,smoking_prevalence")
    control = at.segmented_control(key="deck_source-reception_obesity")
    assert control.value == "ncmp_reception"
    control.set_value("hwb_report_2019").run()
    assert not at.exception
    assert _param(at, "deck") == "reception_obesity:hwb_report_2019,smoking_prevalence"
    assert "as reported" in at.dataframe[0].value["Finding"].iloc[0]


def test_indicators_added_one_after_another_all_stay():
    """Given a deck of one, when four indicators are added one run after another, all five are kept."""
    at = _present(deck="smoking_prevalence")
    wanted = ["smoking_prevalence"]
    for added in ("reception_obesity", "life_expectancy", "breathe_easy_groups", "diabetes_education_sessions"):
        wanted.append(added)
        at.multiselect[0].set_value(list(wanted)).run()
        assert not at.exception
        assert at.multiselect[0].value == wanted
        assert _param(at, "deck") == ",".join(wanted)
    assert at.dataframe[0].value["Slide"].tolist() == [1, 2, 3, 4, 5]


def test_moving_a_slide_reorders_the_list_too():
    at = _present(deck=SMALL)
    next(b for b in at.button if b.label == "Later").click().run()
    assert at.multiselect[0].value == ["ace_referrals", "smoking_prevalence", "moving_more"]
    at.multiselect[0].set_value([*at.multiselect[0].value, "reception_obesity"]).run()
    assert _param(at, "deck") == "ace_referrals,smoking_prevalence,moving_more,reception_obesity"


def _link(at: AppTest) -> str:
    return next(c.value for c in at.code)


def test_deck_link_uses_the_public_address_setting(monkeypatch):
    monkeypatch.setenv("INDICATORS_PUBLIC_URL", "https://indicators.example.org/leeds/")
    at = _present(deck=SMALL)
    assert _link(at).startswith("https://indicators.example.org/leeds/present?deck=")


def test_a_public_address_setting_that_is_not_an_address_is_named(monkeypatch):
    monkeypatch.setenv("INDICATORS_PUBLIC_URL", "indicators dot example")
    at = _present(deck=SMALL)
    assert not at.exception
    assert "INDICATORS_PUBLIC_URL is 'indicators dot example'" in at.warning[0].value
    assert not _link(at).startswith("indicators dot example")


def test_board_pack_is_for_a_meeting_on_a_chosen_date():
    at = _present(deck=SMALL)
    assert not at.exception
    assert at.text_input[0].label == "The meeting it is for"
    assert at.text_input[0].value == "Leeds Health and Wellbeing Board"
    at.date_input[0].set_value(datetime.date(2027, 1, 14)).run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download PowerPoint", "Download PDF (16:9, screens)", "Download PDF (A4, printing)"]


def test_board_pack_includes_the_area_profile_unless_cleared(monkeypatch):
    import ui.export

    asked: list[bool] = []
    real = ui.export.pack_downloads

    def recording(*args, **kwargs):
        asked.append(kwargs["profile"])
        return real(*args, **kwargs)

    monkeypatch.setattr(ui.export, "pack_downloads", recording)
    at = _present(deck=SMALL)
    assert not at.exception
    box = at.checkbox(key="pack-profile")
    assert "area profile" in box.label and box.value is True and asked[-1] is True
    box.uncheck().run()
    assert not at.exception and asked[-1] is False
    assert len(at.get("download_button")) == 3
