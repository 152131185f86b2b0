"""Run a Streamlit script on a free loopback port, for the browser tests and the page benchmark."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Debian's Chromium, headless, with its calls home switched off: the machine has no open network.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    """The system Chromium's path, if it is installed."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(script: str, *, timeout: float = 60) -> Iterator[str]:
    """Start `streamlit run script` from the repository on a free port; yield its URL; stop it after."""
    with serve_process(script, timeout=timeout) as (url, _process):
        yield url


@contextmanager
def serve_process(
    script: str, *, timeout: float = 60, port: int | None = None, env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """As serve, on a given port and with extra environment if asked; yield the URL and the server process."""
    port = port or free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=REPO,
        env={**os.environ, **env} if env else None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{script} did not start: {process.stderr.read().decode()[-2000:]}") from None
                time.sleep(0.3)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def memory_kib(pid: int) -> dict[str, int]:
    """Resident (RSS), proportional (PSS) and unique (USS) memory of a process in KiB, from Linux's /proc."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        fields[name] = int(rest.split()[0])
    return {"rss": fields["Rss"], "pss": fields["Pss"], "uss": fields["Private_Clean"] + fields["Private_Dirty"]}
