"""A limit on failed attempts per client: admin-key guesses are refused after a few."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque

#: Wrong admin keys a client may send per window before it must wait.
ADMIN_FAILURES_ALLOWED = 5
#: Seconds of the window; a client over the limit waits until its oldest failure leaves it.
ADMIN_FAILURE_WINDOW_SECONDS = 60.0
#: Clients remembered; the least recently failing are forgotten beyond this (bounded memory).
CLIENTS_TRACKED = 10_000


class FailureThrottle:
    """Counts failures per client in a sliding window; `retry_after` says how long to wait."""

    def __init__(self, allowed: int = ADMIN_FAILURES_ALLOWED,
                 window: float = ADMIN_FAILURE_WINDOW_SECONDS,
                 tracked: int = CLIENTS_TRACKED, clock=time.monotonic) -> None:
        self.allowed, self.window, self.tracked, self.clock = allowed, window, tracked, clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> float:
        """Seconds until `client` may try again; 0 when it may now."""
        with self._lock:
            times = self._recent(client)
            if len(times) < self.allowed:
                return 0.0
            return max(0.0, times[0] + self.window - self.clock())

    def failed(self, client: str) -> None:
        with self._lock:
            times = self._recent(client)
            times.append(self.clock())
            self._failures[client] = times
            self._failures.move_to_end(client)
            while len(self._failures) > self.tracked:
                self._failures.popitem(last=False)

    def _recent(self, client: str) -> deque[float]:
        times = self._failures.get(client, deque())
        cutoff = self.clock() - self.window
        while times and times[0] <= cutoff:
            times.popleft()
        return times
