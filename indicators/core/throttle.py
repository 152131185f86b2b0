"""Wrong passwords slow down, then lock out: per browser session and per client address.

After FREE_TRIES wrong passwords from one session or one address, each further try must wait
twice as long as the one before (2 s, 4 s, 8 s ... up to MAX_DELAY); after LOCKOUT_AFTER wrong
passwords, that session or address is locked out for LOCKOUT seconds. The right password clears
the session's count, not the address's (other people may share it). Counts live in the server
process: a restart, or another process behind the proxy, starts afresh, which the proxy's rate
limit covers (deploy/nginx.conf).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

FREE_TRIES = 3
MAX_DELAY = 300.0
LOCKOUT_AFTER = 10
LOCKOUT = 15 * 60.0
_FORGET_AFTER = 24 * 3600.0


@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0


class Throttle:
    """Counts wrong passwords per key ("session:..." or "address:...") and says how long a key must wait."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    @staticmethod
    def delay_after(failures: int) -> float:
        """Seconds a key must wait after this many wrong passwords in a row."""
        if failures >= LOCKOUT_AFTER:
            return LOCKOUT
        if failures < FREE_TRIES:
            return 0.0
        return min(MAX_DELAY, 2.0 ** (failures - FREE_TRIES + 1))

    def wait(self, keys: Iterable[str]) -> float:
        """Seconds before any of `keys` may try again (0 when all may try now)."""
        now = self._clock()
        with self._lock:
            waits = []
            for key in keys:
                record = self._records.get(key)
                if record is None:
                    continue
                if now - record.last > _FORGET_AFTER:
                    del self._records[key]
                    continue
                waits.append(record.last + self.delay_after(record.failures) - now)
            return max([0.0, *waits])

    def failed(self, keys: Iterable[str]) -> None:
        """Count one wrong password against each key."""
        now = self._clock()
        with self._lock:
            for key in keys:
                record = self._records.setdefault(key, _Record())
                record.failures += 1
                record.last = now

    def succeeded(self, keys: Iterable[str]) -> None:
        """Clear the counts of these keys (the session's: an address may be shared)."""
        with self._lock:
            for key in keys:
                self._records.pop(key, None)

    def failures(self, key: str) -> int:
        with self._lock:
            record = self._records.get(key)
            return record.failures if record else 0


def in_words(seconds: float) -> str:
    """A wait, rounded up, as people say it."""
    whole = int(seconds + 0.999)
    if whole >= 120:
        return f"{(whole + 59) // 60} minutes"
    return f"{whole} second{'s' if whole != 1 else ''}"
