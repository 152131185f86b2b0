"""A load client that speaks Streamlit's websocket protocol, as the browser does, without a browser.

Each session opens `/_stcore/stream`, asks for a page with a rerun_script message (the page's
address, its query string and any widget values) and times it until the script_finished message.
An exception on the page, an error box, a page that is not found, a compile error, a dropped
connection or a timeout counts as an error. Used by bench/bench_load.py, bench/bench_memory.py,
deploy/run_cluster.py and tests/test_load_smoke.py; talks to loopback addresses only.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
import urllib.request
from dataclasses import dataclass, field

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from ui.navigation import PAGES

VISIT_TIMEOUT = 120.0
# Header the proxy adds to say which app process answered (deploy/nginx.conf).
BACKEND_HEADER = "X-Indicators-Backend"


@dataclass(frozen=True)
class Visit:
    """One click: a page (its url_path, '' for the default page), a query string, and typed text if any."""

    label: str
    url_path: str
    query: str = ""
    # (widget key, text): type into the text input with that key once the page is shown.
    typed: tuple[str, str] | None = None


# Links a board member or analyst follows; every page in ui/navigation.py gets at least the plain visit.
QUERIES: dict[str, tuple[str, ...]] = {
    "indicator": (
        "id=smoking_prevalence",
        "id=reception_obesity&compare=west_yorkshire",
        "id=life_expectancy&compare=core_cities&england=0",
    ),
    "explorer": ("", "filter=most_deprived&groups=most", "filter=quintile&groups=1,2"),
    "present": ("", "view=present&slide=2"),
}
TYPED = {"sources": ("definition_search", "obesity")}


def page_visits() -> tuple[Visit, ...]:
    """Every declared page with its usual links, and a search typed on the pages that have one."""
    visits = []
    for spec in PAGES:
        path = "" if spec.default else spec.url_path
        for query in QUERIES.get(spec.url_path, ("",)):
            label = spec.url_path + (f"?{query}" if query else "")
            visits.append(Visit(label, path, query))
        if spec.url_path in TYPED:
            key, text = TYPED[spec.url_path]
            visits.append(Visit(f"{spec.url_path} (type '{text}')", path, "", (key, text)))
    return tuple(visits)


@dataclass
class Outcome:
    """What one visit took and showed."""

    label: str
    ms: float
    errors: list[str]
    title: str = ""


def _errors_in(msg: ForwardMsg) -> list[str]:
    kind = msg.WhichOneof("type")
    if kind == "page_not_found":
        return [f"page not found: {msg.page_not_found.page_name!r}"]
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element
        if element.WhichOneof("type") == "exception":
            return [f"exception: {element.exception.type}: {element.exception.message[:200]}"]
        if element.WhichOneof("type") == "alert" and element.alert.format == Alert.ERROR:
            return [f"error box: {element.alert.body[:200]}"]
    return []


@dataclass
class Session:
    """One browser tab's worth of conversation with one app (directly or through the proxy)."""

    base_url: str
    session_id: str = ""
    backend: str = ""
    cookie: str = ""
    _ws: object = None
    _hashes: dict[str, str] = field(default_factory=dict)
    _widgets: dict[str, str] = field(default_factory=dict)

    async def open(self, *, url_path: str = "", resume: bool = False) -> None:
        """Load the page's HTML (for the proxy's cookie), then open the websocket; resume the old session if asked."""
        if not self.cookie:
            self.cookie, self.backend = await asyncio.to_thread(self._fetch_page, url_path)
        protocols = ["streamlit", "noxsrf", self.session_id] if resume and self.session_id else ["streamlit"]
        headers = {"Cookie": self.cookie} if self.cookie else {}
        ws_url = self.base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self._ws = await connect(ws_url, subprotocols=protocols, additional_headers=headers, max_size=None)
        backend = self._ws.response.headers.get(BACKEND_HEADER, "")
        if self.backend and backend and backend != self.backend:
            raise RuntimeError(f"websocket went to {backend}, the page to {self.backend}")
        self.backend = self.backend or backend

    def _fetch_page(self, url_path: str) -> tuple[str, str]:
        with urllib.request.urlopen(f"{self.base_url}/{url_path}", timeout=30) as reply:
            cookies = [c.split(";", 1)[0] for c in reply.headers.get_all("Set-Cookie") or []]
            return "; ".join(cookies), reply.headers.get(BACKEND_HEADER, "")

    async def close(self) -> None:
        """Close the websocket (the server keeps the session a while, for a reconnect)."""
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def visit(self, visit: Visit) -> Outcome:
        """Ask for a page and wait for it to finish; for a typed visit, then type and wait again."""
        start = time.perf_counter()
        errors, title = await self._run(visit, widgets={})
        if visit.typed and not errors:
            key, text = visit.typed
            widget = next((wid for wid in self._widgets if wid.endswith(key)), None)
            if widget is None:
                errors.append(f"no widget with key {key!r}")
            else:
                start = time.perf_counter()  # the interaction is what this visit times
                errors, title = await self._run(visit, widgets={widget: text})
        return Outcome(visit.label, (time.perf_counter() - start) * 1000, errors, title)

    async def _run(self, visit: Visit, *, widgets: dict[str, str]) -> tuple[list[str], str]:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = visit.query
        state.page_name = visit.url_path
        state.page_script_hash = self._hashes.get(visit.url_path, "")
        for widget_id, text in widgets.items():
            state.widget_states.widgets.add(id=widget_id, string_value=text)
        await self._ws.send(msg.SerializeToString())
        errors: list[str] = []
        title = ""
        self._widgets = {}
        try:
            async with asyncio.timeout(VISIT_TIMEOUT):
                while True:
                    reply = ForwardMsg()
                    reply.ParseFromString(await self._ws.recv())
                    kind = reply.WhichOneof("type")
                    errors += _errors_in(reply)
                    if kind == "new_session":
                        self.session_id = reply.new_session.initialize.session_id
                    elif kind == "navigation":
                        self._hashes = {p.url_pathname: p.page_script_hash for p in reply.navigation.app_pages}
                    elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                        element = reply.delta.new_element
                        inner = getattr(element, element.WhichOneof("type") or "", None)
                        if element.WhichOneof("type") == "heading" and not title:
                            title = element.heading.body
                        elif inner is not None and getattr(inner, "id", ""):
                            self._widgets[inner.id] = element.WhichOneof("type")
                    elif kind == "script_finished":
                        # Early-for-rerun is the first run handing over to the page's own run: keep waiting.
                        if reply.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                            return [*errors, "script did not compile"], title
                        if reply.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                            return errors, title
        except TimeoutError:
            return [*errors, f"no answer within {VISIT_TIMEOUT:.0f} s"], title


@dataclass
class LoadResult:
    """Every visit's outcome, per session, with the sessions' ids and the app process that served each."""

    outcomes: list[Outcome] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # connections that failed outright

    @property
    def errors(self) -> list[str]:
        return self.failures + [f"{o.label}: {e}" for o in self.outcomes for e in o.errors]


async def _one_session(
    result: LoadResult,
    *,
    url: str,
    index: int,
    start: int,
    visits: tuple[Visit, ...],
    deadline: float,
    think: float,
    limit: int,
) -> None:
    session = Session(url)
    result.sessions.append(session)
    rng = random.Random(index)
    try:
        await session.open(url_path=visits[start].url_path)
        for n in range(limit):
            if time.monotonic() >= deadline:
                break
            outcome = await session.visit(visits[(start + n) % len(visits)])
            result.outcomes.append(outcome)
            if think:
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    except Exception as exc:  # a dropped connection is a load-test error, reported with the rest
        result.failures.append(f"session {index}: {type(exc).__name__}: {exc}")
    finally:
        await session.close()


async def run_load(
    url: str,
    *,
    sessions: int,
    seconds: float,
    think: float = 1.0,
    visits: tuple[Visit, ...] | None = None,
    limit: int = 10_000,
) -> LoadResult:
    """Run `sessions` sessions at once, each clicking through the visits until `seconds` have passed."""
    visits = visits or page_visits()
    result = LoadResult()
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        *(
            # Sessions start evenly spread over the pages, as people arriving from different links would.
            _one_session(
                result,
                url=url,
                index=i,
                start=i * len(visits) // sessions,
                visits=visits,
                deadline=deadline,
                think=think,
                limit=limit,
            )
            for i in range(sessions)
        )
    )
    return result


def percentile(samples: list[float], pct: float) -> float:
    """The pct-th percentile (inclusive method), or the one sample there is."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[int(pct) - 1]


def latency_table(outcomes: list[Outcome]) -> list[tuple[str, int, float, float, float]]:
    """Per visit label and overall: count, p50, p95 and max milliseconds."""
    by_label: dict[str, list[float]] = {}
    for outcome in outcomes:
        by_label.setdefault(outcome.label, []).append(outcome.ms)
    rows = [(label, len(ms), percentile(ms, 50), percentile(ms, 95), max(ms)) for label, ms in by_label.items()]
    every = [o.ms for o in outcomes]
    if every:
        rows.append(("all visits", len(every), percentile(every, 50), percentile(every, 95), max(every)))
    return rows
