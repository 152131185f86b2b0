"""A few sessions at once click through every page over Streamlit's websocket protocol, with no error."""

from __future__ import annotations

import asyncio

import pytest

from bench.serving import serve_process
from bench.ws_client import Session, Visit, page_visits, run_load
from ui.navigation import PAGES


@pytest.fixture(scope="module")
def quiet_server() -> str:
    """The dashboard as deployed: no watching of source files (see bench/serving.py)."""
    with serve_process("dashboard.py") as (url, _process):
        yield url


def test_every_declared_page_is_visited():
    paths = {visit.url_path for visit in page_visits()}
    assert paths == {"" if spec.default else spec.url_path for spec in PAGES}


def test_sessions_click_through_every_page_without_error(quiet_server):
    # The first link of every page and the typed search: the other links would only add first-run time.
    firsts = {}
    for visit in page_visits():
        firsts.setdefault((visit.url_path, visit.typed), visit)
    visits = tuple(firsts.values())
    # Three sessions share the pages between them (each starts a third of the way on); bounded by time as well.
    result = asyncio.run(
        run_load(quiet_server, sessions=3, seconds=60, think=0, visits=visits, limit=-(-len(visits) // 3))
    )
    assert result.errors == []
    reached = {o.label for o in result.outcomes}
    assert reached == {v.label for v in visits}
    assert {v.url_path for v in visits if v.label in reached} == {"" if p.default else p.url_path for p in PAGES}
    assert len({s.session_id for s in result.sessions}) == 3, "each session is its own"
    assert all(o.title for o in result.outcomes), "every page draws its heading"


@pytest.mark.parametrize(
    ("visit", "message"),
    [
        (Visit("bad link", "indicator", "id=no_such_indicator"), "error box"),
        (Visit("unknown page", "no-such-page"), "page not found"),
    ],
)
def test_the_client_counts_a_broken_page_as_an_error(quiet_server, visit, message):
    async def one() -> list[str]:
        session = Session(quiet_server)
        await session.open()
        try:
            return (await session.visit(visit)).errors
        finally:
            await session.close()

    errors = asyncio.run(one())
    assert any(e.startswith(message) for e in errors), errors
