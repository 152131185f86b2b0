"""The action tracker page under AppTest: read-only without a password, editing with one, the view in the URL."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from indicators.actions.status_log import read_log
from indicators.store.database import Database
from indicators.store.load import Store
from tests.conftest import REPO

ENTRY = str(REPO / "dashboard.py")
PAGE = "app_pages/actions.py"
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    """Every test writes its status updates to a scratch records database, never to data/state."""
    monkeypatch.delenv("INDICATORS_DATABASE_URL", raising=False)
    monkeypatch.setenv("INDICATORS_STATE_DIR", str(tmp_path))
    return Database(f"sqlite:///{tmp_path / 'records.sqlite'}")


def _page(params: dict[str, str] | None = None, *, password: str | None = None) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60)
    if password is not None:
        at.secrets["action_tracker"] = {"edit_password": password}
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    return at.run()


def _texts(at: AppTest) -> str:
    return "\n".join(m.value for m in [*at.markdown, *at.caption])


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


@pytest.mark.usefixtures("synthetic_app")
def test_read_only_without_a_password_says_how_to_enable_editing() -> None:
    at = _page({"item": "R1.1"})
    assert not at.exception and not at.error
    assert at.title[0].value == "Action tracker"
    assert "Editing is off" in at.info[0].value and "[action_tracker]" in at.info[0].value
    assert not [t for t in at.text_input if t.key in ("tracker_password", "tracker_save_password")]
    assert not [b for b in at.button if b.label == "Record status"]


def test_the_as_at_date_in_the_link_sets_what_was_due() -> None:
    at = _page({"plan": "audit", "as_at": "2010-06-30"})
    assert [m.value for m in at.metric] == ["15 of 22", "0", "12"]
    assert at.metric[0].label == "Due by 30 Jun 2010"
    assert dict(at.query_params) == {"plan": "audit", "as_at": "2010-06-30"}


def test_changing_the_date_changes_the_counts_and_the_link() -> None:
    at = _page({"as_at": "2010-06-30"})
    at.date_input(key="tracker_as_at").set_value("2011-05-01").run()
    assert [m.value for m in at.metric] == ["18 of 22", "0", "18"]
    assert at.query_params["as_at"] == "2011-05-01"


def test_filters_come_from_the_link_and_go_back_into_it() -> None:
    at = _page({"as_at": "2010-06-30", "lead": "John England"})
    assert at.metric[0].value == "6 of 8"  # R1.2 is due in 2011; R3.3 is ongoing
    at.selectbox(key="tracker_org_audit").set_value("Leeds City Council").run()
    assert at.metric[0].value == "3 of 4"  # R3.1, R3.2 and R5.4 due; R3.3 ongoing
    assert dict(at.query_params) == {
        "plan": "audit",
        "as_at": "2010-06-30",
        "lead": "John England",
        "org": "Leeds City Council",
    }


def test_the_2020_milestones_list_unreadable_ones_as_extracted() -> None:
    at = _page({"plan": "2020", "as_at": "2020-06-30"})
    assert not at.exception and not at.error
    assert at.metric[0].value == "30 of 51"
    assert "The 2020 milestones name no leads or organisations" in _texts(at)
    raw = [m.value for m in at.markdown if m.value.startswith("- **I4.3**")]
    assert raw and "`Final wave of All LCPs integra | commence care" in raw[0]


@pytest.mark.usefixtures("synthetic_app")
def test_a_bad_link_gives_a_message_and_a_way_back() -> None:
    at = _page({"plan": "2030", "lead": "Nobody", "as_at": "not-a-date"})
    assert not at.exception and not at.error
    warning = at.warning[0].value
    assert (
        "There is no plan '2030'" in warning
        and "No lead 'Nobody'" in warning
        and "'not-a-date' is not a date" in warning
    )
    assert "](./actions)" in warning
    assert at.query_params["plan"] == "audit"


@pytest.mark.data_audit
def test_links_to_indicators_name_real_indicators(store: Store) -> None:
    at = _page({"as_at": "2010-06-30", "item": "R2.1"})
    links = re.findall(r"\]\(\./([a-z]+)(?:\?([^)]*))?\)", _texts(at))
    assert ("explorer", "filter=most_deprived&groups=most") in links
    ids = {query.removeprefix("id=") for page, query in links if page == "indicator"}
    assert {"sii_life_expectancy", "better_together_reach"} <= ids
    assert ids <= set(store.indicators["indicator_id"])


def fill_and_save(at: AppTest, *, status: str | None, day: date | None, note: str, who: str, password: str) -> AppTest:
    """Fill the tracker's form, with the edit password asked for this save, and press Record status."""
    if status is not None:
        at.selectbox(key="tracker_status").set_value(status)
    if day is not None:
        at.date_input(key="tracker_status_date").set_value(day)
    at.text_area(key="tracker_note").input(note)
    at.text_input(key="tracker_who").input(who)
    at.text_input(key="tracker_save_password").input(password)
    return _button(at, "Record status").click().run()


@pytest.mark.usefixtures("synthetic_app")
def test_editing_needs_the_password(state: Database) -> None:
    at = _page({"item": "R1.1"}, password=PASSWORD)
    assert not at.info or "Editing is off" not in at.info[0].value
    fill_and_save(at, status="done", day=date(2010, 4, 20), note="A note", who="Someone", password="wrong guess")
    assert "not right" in at.error[0].value
    assert read_log(database=state) == ([], [])
    assert at.text_area(key="tracker_note").value == "A note"  # what was typed is kept


def _unlocked(params: dict[str, str]) -> AppTest:
    at = _page(params, password=PASSWORD)
    assert [b for b in at.button if b.label == "Record status"]
    return at


@pytest.mark.usefixtures("synthetic_app")
def test_an_editor_records_a_status_and_sees_it_in_the_history(state: Database) -> None:
    at = _unlocked({"item": "R1.1", "as_at": "2010-06-30"})
    note = "Area partnerships established in all five areas"
    fill_and_save(at, status="done", day=date(2010, 4, 20), note=note, who="Board secretary", password=PASSWORD)
    assert not at.exception and not at.error
    assert "Recorded: R1.1 done as at 20 Apr 2010." in at.success[0].value
    [record] = read_log(database=state)[0]
    assert (record.item_id, record.status, record.status_date, record.who) == (
        "R1.1",
        "done",
        date(2010, 4, 20),
        "Board secretary",
    )
    history = at.dataframe[-1].value
    assert list(history["status"]) == ["done"] and list(history["who"]) == ["Board secretary"]
    assert at.metric[1].value == "1"  # done, of those due by 30 June 2010


@pytest.mark.usefixtures("synthetic_app")
def test_a_bad_update_is_refused_and_nothing_is_written(state: Database) -> None:
    at = _unlocked({"item": "R1.1"})
    fill_and_save(at, status=None, day=None, note="No status chosen and no name given", who="", password=PASSWORD)
    message = at.error[0].value
    assert "The update was not saved" in message
    assert "Choose a status" in message and "Say who is recording this update." in message
    assert read_log(database=state) == ([], [])


@pytest.mark.usefixtures("synthetic_app")
def test_updates_are_appended_not_overwritten(state: Database) -> None:
    at = _unlocked({"item": "E1.1", "plan": "2020"})
    for status, note in (("on track", "Most homes set up"), ("done", "70% reached")):
        fill_and_save(at, status=status, day=date(2020, 3, 31), note=note, who="Digital lead", password=PASSWORD)
    assert [u.status for u in read_log(database=state)[0]] == ["on track", "done"]
    assert list(at.dataframe[-1].value["status"]) == ["done", "on track"]  # newest first


def test_the_password_and_the_log_are_kept_out_of_version_control() -> None:
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".streamlit/secrets.toml" in ignored and "data/state/" in ignored


@pytest.mark.usefixtures("synthetic_app")
def test_a_database_out_of_reach_is_said_in_words_and_keeps_the_note(monkeypatch: pytest.MonkeyPatch) -> None:
    """No server at the configured URL: the page says the updates could not be read, a save says it was not
    recorded, the note stays in its box, and the URL's password appears nowhere."""
    monkeypatch.setenv("INDICATORS_DATABASE_URL", "postgresql+psycopg://tracker:hunter2@127.0.0.1:1/records")
    at = _unlocked({"item": "R1.1"})
    assert not at.exception
    warned = " ".join(w.value for w in at.warning)
    assert "No status updates could be read" in warned and "could not be reached" in warned, warned
    assert "Imported data is left out" in warned  # the import registry is in the same database
    note = "Partnerships in all five areas"
    fill_and_save(at, status="done", day=date(2010, 4, 20), note=note, who="Board secretary", password=PASSWORD)
    assert not at.exception and not at.success
    assert "not recorded" in at.error[0].value
    assert at.text_area(key="tracker_note").value == note
    shown = " ".join(e.value for e in [*at.error, *at.warning])
    assert "hunter2" not in shown and "port 1" not in shown
