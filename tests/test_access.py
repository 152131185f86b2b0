"""Access that holds: no change by session id alone, throttled passwords, uploads only from unlocked sessions."""

from __future__ import annotations

import asyncio
import itertools
import urllib.error
import urllib.request
from datetime import date
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec
from streamlit.testing.v1 import AppTest

from indicators.actions.status_log import read_log
from indicators.core.throttle import FREE_TRIES, LOCKOUT, LOCKOUT_AFTER, Throttle
from indicators.imports.service import MAX_FILE_BYTES
from indicators.store.database import Database
from tests.conftest import REPO
from tests.test_actions_page import fill_and_save
from ui import auth, upload_guard

PASSWORD = "correct horse battery staple"


# --- The throttle ------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_passwords_meet_an_increasing_delay_then_a_lockout():
    clock = Clock()
    throttle = Throttle(clock)
    waits = []
    for _ in range(LOCKOUT_AFTER):
        throttle.failed(["session:a"])
        waits.append(throttle.wait(["session:a"]))
    assert waits[: FREE_TRIES - 1] == [0.0] * (FREE_TRIES - 1)
    growing = waits[FREE_TRIES - 1 : -1]
    assert all(later > earlier for earlier, later in itertools.pairwise(growing)), waits
    assert waits[-1] == LOCKOUT
    clock.now += LOCKOUT - 1
    assert throttle.wait(["session:a"]) > 0
    clock.now += 2
    assert throttle.wait(["session:a"]) == 0


def test_the_address_counts_across_sessions_and_success_clears_only_the_session():
    throttle = Throttle(Clock())
    for session in "abcdefgh":
        throttle.failed([f"session:{session}", "address:10.0.0.9"])
    assert throttle.wait(["session:new", "address:10.0.0.9"]) > 0  # a fresh session from the same address waits
    assert throttle.wait(["session:new", "address:10.0.0.10"]) == 0
    throttle.succeeded(["session:a"])
    assert throttle.failures("address:10.0.0.9") == 8


def _tracker(params=None) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.secrets["action_tracker"] = {"edit_password": PASSWORD}
    at.query_params["item"] = "R1.1"
    at.switch_page("app_pages/actions.py")
    return at.run()


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    """The records database of the test: a SQLite file in a scratch state folder."""
    monkeypatch.delenv("INDICATORS_DATABASE_URL", raising=False)
    monkeypatch.setenv("INDICATORS_STATE_DIR", str(tmp_path))
    return Database(f"sqlite:///{tmp_path / 'records.sqlite'}")


def _save(at: AppTest, password: str) -> AppTest:
    return fill_and_save(at, status="done", day=date(2010, 4, 20), note="A note", who="Someone", password=password)


def test_after_wrong_guesses_even_the_right_password_waits(state):
    """200 guesses in a row: after a few, every try is refused without being checked, the right one too."""
    at = _tracker()
    for _ in range(FREE_TRIES):
        _save(at, "wrong guess")
        assert "not right" in at.error[0].value
    _save(at, PASSWORD)
    assert "Too many wrong passwords" in at.error[0].value
    assert read_log(database=state) == ([], [])
    other = _tracker()  # another session from the same address waits too
    _save(other, PASSWORD)
    assert "Too many wrong passwords" in other.error[0].value
    assert read_log(database=state) == ([], [])


def test_a_session_that_saved_once_cannot_save_again_without_the_password(state):
    """Whoever takes over a session by its id finds nothing unlocked: each save asks for the password."""
    at = _tracker()
    _save(at, PASSWORD)
    assert not at.error, [e.value for e in at.error]
    assert len(read_log(database=state)[0]) == 1
    _save(at, "")
    assert "not right" in at.error[0].value
    assert len(read_log(database=state)[0]) == 1


def test_importing_asks_for_the_password_again_for_each_change():
    """Unlocking the import page opens its form; the import and undo buttons each ask for the password."""
    source = (REPO / "app_pages" / "import.py").read_text(encoding="utf-8")
    assert source.count("check_password(IMPORTS") == 2  # importing and undoing
    assert source.count("password_box(IMPORTS") == 2


# --- Uploads ----------------------------------------------------------------------------------


def _file(file_id: str, size: int) -> UploadedFileRec:
    return UploadedFileRec(file_id=file_id, name="a.csv", type="text/csv", data=b"x" * size)


def test_a_session_that_has_not_unlocked_importing_stores_no_upload(monkeypatch):
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    upload_guard.guard(manager)
    with pytest.raises(upload_guard.UploadRefused):
        manager.add_file(session_id="locked", file=_file("f1", 1000))
    assert manager.get_files("locked", ["f1"]) == []


def test_an_unlocked_session_holds_at_most_one_import_s_worth(monkeypatch):
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    upload_guard.guard(manager)
    monkeypatch.setattr(auth, "_UPLOADERS", {"unlocked"})
    manager.add_file(session_id="unlocked", file=_file("f1", MAX_FILE_BYTES // 2))
    manager.add_file(session_id="unlocked", file=_file("f1", MAX_FILE_BYTES // 2 + 10))  # a replacement
    with pytest.raises(upload_guard.UploadRefused):
        manager.add_file(session_id="unlocked", file=_file("f2", MAX_FILE_BYTES // 2))
    assert [f.file_id for f in manager.get_files("unlocked", ["f1", "f2"])] == ["f1"]


@pytest.mark.browser
def test_the_running_server_refuses_an_upload_from_a_locked_session(server):
    """Given a live session that has not unlocked importing, a 5 MB upload to its address is refused."""
    from bench.ws_client import Session, page_visits

    async def upload_in_a_live_session() -> tuple[str, int]:
        session = Session(server)
        await session.open()
        await session.visit(page_visits()[0])
        try:
            return session.session_id, await asyncio.to_thread(_upload, session.session_id)
        finally:
            await session.close()

    def _upload(session_id: str) -> int:
        with urllib.request.urlopen(f"{server}/_stcore/health", timeout=10) as reply:
            cookies = SimpleCookie()
            for header in reply.headers.get_all("Set-Cookie") or []:
                cookies.load(header)
        token = cookies["_streamlit_xsrf"].value
        body = b"--b\r\nContent-Disposition: form-data; name=file; filename=a.csv\r\n\r\n"
        body += b"x" * (5 * 1024 * 1024) + b"\r\n--b--\r\n"
        request = urllib.request.Request(
            f"{server}/_stcore/upload_file/{session_id}/file-1",
            data=body,
            method="PUT",
            headers={
                "Content-Type": "multipart/form-data; boundary=b",
                "X-Xsrftoken": token,
                "Cookie": f"_streamlit_xsrf={token}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return reply.status
        except urllib.error.HTTPError as refused:
            return refused.code

    session_id, status = asyncio.run(upload_in_a_live_session())
    assert session_id
    assert status >= 400, status


# --- The proxy template -------------------------------------------------------------------------

NGINX = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8")


def test_the_proxy_logs_no_session_ids_or_query_strings():
    formats = [line for line in NGINX.splitlines() if "log_format" in line or line.strip().startswith("'")]
    logged = " ".join(formats)
    assert "$request " not in logged and '$request"' not in logged and "$request_uri" not in logged
    assert "$uri" not in logged  # upload addresses hold the session id
    assert "$args" not in logged and "$query_string" not in logged


def test_the_proxy_rate_limits_login_and_upload_paths_and_closes_metrics():
    assert "limit_req_zone" in NGINX
    assert "location ^~ /_stcore/upload_file/" in NGINX and "location = /_stcore/stream" in NGINX
    upload = NGINX.split("location ^~ /_stcore/upload_file/")[1].split("}")[0]
    stream = NGINX.split("location = /_stcore/stream")[1].split("}")[0]
    assert "limit_req " in upload and "limit_req " in stream
    metrics = NGINX.split("location ^~ /_stcore/metrics")[1].split("}")[0]
    assert "return 404" in metrics


def test_the_proxy_sets_a_policy_that_permits_nothing_from_outside():
    common = (REPO / "deploy" / "proxy_common.conf").read_text(encoding="utf-8")
    assert "add_header Content-Security-Policy $content_policy always;" in common
    policy = next(line for line in NGINX.splitlines() if "default-src" in line)
    assert "default-src 'self'" in policy
    for directive in ("connect-src", "img-src", "font-src", "frame-src", "script-src", "style-src"):
        assert directive in policy
        sources = policy.split(directive, 1)[1].split(";", 1)[0]
        assert "http" not in sources.replace("'self'", "") and "*" not in sources, (directive, sources)
    assert "frame-ancestors 'none'" in policy or "frame-ancestors 'self'" in policy
