"""Several dashboard processes behind nginx on loopback: sticky sessions, shared data, imports under the lock.

Usage: python deploy/run_cluster.py [--processes 3] [--sessions 25] [--seconds 25] [--shots DIR]

Copies the bundled tables to a scratch data folder that every process reads (INDICATORS_DATA_DIR),
starts the processes and nginx (deploy/nginx.conf) on free loopback ports, and then:
1. checks each process's health endpoint, directly and through the proxy;
2. runs the load client through the proxy; a third of the way in, an operator's import
   (`python -m indicators.imports add`) is made, and each process is asked straight away for the
   imported indicator;
3. proves each session stayed on one process: its page and its websocket reached the same one, the
   proxy's log routes each browser's cookie to one process only, and a session that reconnects
   through the proxy gets its own session back (one sent to another process gets a new one);
4. holds the imports lock and starts an import and an undo at once: neither writes while the lock is
   held, both finish after, one at a time, and every process then shows the new data;
5. checks that the processes wrote nothing to the data folder.
Prints figures, stops everything and exits 1 if any check fails. Needs nginx (apt-get install nginx).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_load import print_report  # noqa: E402
from bench.serving import CHROMIUM_FLAGS, find_chromium, free_port, serve_process  # noqa: E402
from bench.ws_client import Session, Visit, page_visits, run_load  # noqa: E402
from indicators.store.layers import exclusive_lock, layer_folders  # noqa: E402
from indicators.store.load import DATA_DIR  # noqa: E402
from tests.import_helpers import FINGERTIPS, TEMPLATE, folder_hash  # noqa: E402

TEMPLATE_CONF = Path(__file__).with_name("nginx.conf")
IMPORTED = {FINGERTIPS.name: "fingertips_990001", TEMPLATE.name: "local_synthetic_counts"}
problems: list[str] = []


def check(ok: bool, what: str) -> None:
    """Print a check's result; remember a failure."""
    print(f"  [{'ok' if ok else 'FAILED'}] {what}")
    if not ok:
        problems.append(what)


@contextmanager
def nginx(backends: list[str], run_dir: Path):
    """Start nginx with the template filled in; yield the proxy's URL; stop it after."""
    nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    servers = "\n".join(f"        server {b.removeprefix('http://')} max_fails=1 fail_timeout=10s;" for b in backends)
    conf = TEMPLATE_CONF.read_text()
    for name, value in {"run_dir": str(run_dir), "servers": servers, "listen": f"127.0.0.1:{port}"}.items():
        conf = conf.replace("{{ " + name + " }}", value)
    (run_dir / "nginx.conf").write_text(conf)
    shutil.copyfile(TEMPLATE_CONF.with_name("proxy_common.conf"), run_dir / "proxy_common.conf")
    process = subprocess.Popen([nginx_bin, "-c", str(run_dir / "nginx.conf"), "-g", "daemon off;"])
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if health(url):
                break
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def health(url: str) -> bool:
    """True if the dashboard's health endpoint answers 200 at url."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as reply:
            return reply.status == 200
    except OSError:
        return False


async def probe(url: str, indicator_id: str) -> tuple[str, float]:
    """The indicator page's heading for one indicator, asked of one process, and how long it took."""
    session = Session(url)
    await session.open(url_path="indicator")
    try:
        outcome = await session.visit(Visit("probe", "indicator", f"id={indicator_id}"))
    finally:
        await session.close()
    return outcome.title, outcome.ms


async def import_cli(data_dir: Path, *args: str) -> tuple[int, str, float]:
    """Run `python -m indicators.imports` on the data folder; its exit code, output and finishing time."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "indicators.imports",
        "--data-dir",
        str(data_dir),
        *args,
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await process.communicate()
    return process.returncode, out.decode(), time.monotonic()


async def load_with_import(proxy: str, backends: list[str], data_dir: Path, *, sessions: int, seconds: float):
    """The load through the proxy, with an import made a third of the way in and each process asked for it."""
    load = asyncio.create_task(run_load(proxy, sessions=sessions, seconds=seconds, think=1.0))
    await asyncio.sleep(seconds / 3)
    code, out, _ = await import_cli(data_dir, "add", str(FINGERTIPS), "--who", "cluster check")
    check(code == 0, f"import during the load: {out.strip().splitlines()[-1]}")
    for url in backends:
        title, ms = await probe(url, IMPORTED[FINGERTIPS.name])
        check(title != "Indicator not found", f"{url} shows the import at once ({ms:.0f} ms, heading {title!r})")
    return await load


async def stickiness(result, proxy: str, backends: list[str], access_log: Path) -> None:
    """Sessions per process; the proxy's log routes each cookie to one process; reconnects keep their session."""
    per_backend = collections.Counter(s.backend for s in result.sessions)
    print(f"  sessions per process: {dict(sorted(per_backend.items()))}")
    check(all(s.backend for s in result.sessions), "every session's page and websocket reached the same process")
    routes: dict[str, set[str]] = collections.defaultdict(set)
    for line in access_log.read_text().splitlines():
        found = re.search(r"route=(\S+) upstream=(\S+)", line)
        if found and found[2] != "-":
            routes[found[1]].add(found[2])
    spread = [r for r, ups in routes.items() if len(ups) > 1]
    check(not spread, f"proxy log: {len(routes)} browser cookies, each sent to one process only")
    kept = 0
    for session in result.sessions:
        old = session.session_id
        await session.open(resume=True)
        await session.visit(Visit("back", "", ""))
        await session.close()
        kept += session.session_id == old
    check(kept == len(result.sessions), f"{kept} of {len(result.sessions)} sessions reconnected to their own session")
    moved = result.sessions[0]
    elsewhere = next(b for b in backends if b.removeprefix("http://") != moved.backend)
    stray = Session(elsewhere, session_id=moved.session_id)
    await stray.open(resume=True)
    await stray.visit(Visit("back", "", ""))
    await stray.close()
    check(stray.session_id != moved.session_id, "a session sent to another process is not found there (a new one)")


async def lock_check(data_dir: Path, backends: list[str], undo_id: str) -> None:
    """An import and an undo started while the lock is held wait for it, then run one after the other."""
    before = folder_hash(data_dir)
    with exclusive_lock(data_dir):
        tasks = [
            asyncio.create_task(import_cli(data_dir, "add", str(TEMPLATE), "--title", "Synthetic counts")),
            asyncio.create_task(import_cli(data_dir, "undo", undo_id)),
        ]
        await asyncio.sleep(8)  # long enough for both to have checked their file and reached the lock
        waiting = sum(not t.done() for t in tasks)
        unchanged = folder_hash(data_dir) == before
        released = time.monotonic()
    check(waiting == 2 and unchanged, f"while the lock was held: {waiting} of 2 waiting, data folder unchanged")
    outcomes = await asyncio.gather(*tasks)
    for code, out, _ in outcomes:
        check(code == 0, f"after release: {out.strip().splitlines()[-1]}")
    print(f"  finished {', '.join(f'{t - released:.2f} s' for *_, t in outcomes)} after the lock was released")
    names = [(folder / "manifest.json").read_text() for folder in layer_folders(data_dir)]
    check(len(names) == 1 and TEMPLATE.name in names[0], "one import left: the template file's")
    for url in backends:
        new, _ = await probe(url, IMPORTED[TEMPLATE.name])
        gone, _ = await probe(url, IMPORTED[FINGERTIPS.name])
        check(new != "Indicator not found" and gone == "Indicator not found", f"{url} shows the add and the undo")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=25)
    parser.add_argument("--shots", type=Path, default=None, help="also open pages in Chromium; screenshots here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cluster-") as scratch, ExitStack() as stack:
        data_dir, run_dir = Path(scratch) / "data", Path(scratch) / "nginx"
        data_dir.mkdir()
        run_dir.mkdir()
        for path in DATA_DIR.glob("*.parquet"):
            shutil.copy2(path, data_dir / path.name)
        tables_before = tables_hash(data_dir)
        env = {"INDICATORS_DATA_DIR": str(data_dir)}
        backends = [stack.enter_context(serve_process("dashboard.py", env=env))[0] for _ in range(args.processes)]
        proxy = stack.enter_context(nginx(backends, run_dir))
        print(f"{args.processes} processes {', '.join(backends)} behind nginx at {proxy}, data in {data_dir.name}/")
        print("\nHealth")
        for url in [*backends, proxy]:
            check(health(url), f"{url}/_stcore/health answers 200")
        if args.shots:
            print("\nReal browser through the proxy")
            browser_check(proxy, args.shots)
        print("\nWarm-up: one session per process opens every page")
        start = time.perf_counter()
        asyncio.run(_warm(backends))
        print(f"  {time.perf_counter() - start:.1f} s")
        print(f"\nLoad through the proxy: {args.sessions} sessions for {args.seconds:.0f} s, with an import")
        result = asyncio.run(load_with_import(proxy, backends, data_dir, sessions=args.sessions, seconds=args.seconds))
        problems.extend(print_report(result, seconds=args.seconds))
        print("\nSticky sessions")
        asyncio.run(stickiness(result, proxy, backends, run_dir / "access.log"))
        print("\nTwo imports at once, under the lock")
        undo_id = layer_folders(data_dir)[0].name
        asyncio.run(lock_check(data_dir, backends, undo_id))
        print("\nShared data, read-only for the processes")
        check(tables_hash(data_dir) == tables_before, "no table file in the data folder changed")
        extra = sorted(p.name for p in (data_dir / "imports" / "layers").iterdir())
        registered = [layer.name for layer in layer_folders(data_dir)]
        check(extra == registered, f"imports/layers holds only the registered imports: {extra}")
    print("\nAll stopped. " + ("FAILED: " + "; ".join(problems) if problems else "OK: every check passed"))
    return 1 if problems else 0


def browser_check(proxy: str, shots: Path) -> None:
    """Real Chromium tabs through the proxy: the page draws (so its websocket got through) and has a route cookie."""
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        print("  (skipped: Debian's chromium is not installed)")
        return
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        for path, size in (("", (1366, 768)), ("indicator?id=smoking_prevalence", (390, 844))):
            context = browser.new_context(viewport={"width": size[0], "height": size[1]})
            page = context.new_page()
            page.goto(f"{proxy}/{path}", wait_until="domcontentloaded")
            heading = page.locator('[data-testid="stMain"] h1').first
            heading.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            cookie = any(c["name"] == "indicators_route" for c in context.cookies())
            broken = page.locator('[data-testid="stException"]').count()
            check(cookie and not broken, f"Chromium through the proxy draws /{path}: {heading.inner_text()!r}")
            page.screenshot(path=str(shots / f"proxy-{path.split('?')[0] or 'overview'}-{size[0]}.png"))
            context.close()
        browser.close()


def tables_hash(data_dir: Path) -> str:
    """A digest of the folder's table files (imports aside): changes if anything wrote to them."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*.parquet")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


async def _warm(backends: list[str]) -> None:
    visits = len(page_visits())
    await asyncio.gather(*(run_load(url, sessions=1, seconds=600, think=0, limit=visits) for url in backends))


if __name__ == "__main__":
    sys.exit(main())
