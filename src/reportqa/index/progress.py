"""Progress of a build: the protocol its stages report to, and reporters for logs and jobs.

A build reports stages ("documents", "embedding", "writing") with start/advance/done.
`RichProgress` (cli.py) draws bars on a terminal; `LogProgress` writes a line at each stage's
start and end and every few seconds in between, for systemd, log files and servers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

log = logging.getLogger(__name__)

#: Seconds between progress lines of one stage: often enough to see a build move, rarely
#: enough that a five-minute build writes a screenful, not thousands of lines.
PROGRESS_LOG_SECONDS = 10.0

STAGE_LABELS = {"documents": "reading documents", "embedding": "embedding passages",
                "writing": "writing the index"}


class Progress(Protocol):
    def start(self, stage: str, total: int) -> None: ...
    def advance(self, stage: str, n: int = 1) -> None: ...
    def done(self, stage: str) -> None: ...


class NullProgress:
    """Reports nowhere."""

    def start(self, stage: str, total: int) -> None:  # noqa: D102
        pass

    def advance(self, stage: str, n: int = 1) -> None:  # noqa: D102
        pass

    def done(self, stage: str) -> None:  # noqa: D102
        pass


class LogProgress:
    """Progress as text lines: `emit(line)` (default: INFO log lines) at most every `every` s."""

    def __init__(self, emit: Callable[[str], None] | None = None,
                 every: float = PROGRESS_LOG_SECONDS, clock=time.monotonic) -> None:
        self.emit = emit or (lambda line: log.info("%s", line))
        self.every, self.clock = every, clock
        self._stage = ""
        self._total = self._done = 0
        self._started = self._last = 0.0

    def start(self, stage: str, total: int) -> None:
        self._stage, self._total, self._done = stage, total, 0
        self._started = self._last = self.clock()
        if total:
            self.emit(f"{STAGE_LABELS.get(stage, stage)}: 0/{total}")

    def advance(self, stage: str, n: int = 1) -> None:
        self._done += n
        now = self.clock()
        if now - self._last >= self.every and self._done < self._total:
            self._last = now
            self.emit(self._line(now))

    def done(self, stage: str) -> None:
        if self._total:
            self._done = self._total
            self.emit(self._line(self.clock()) + " done")

    def _line(self, now: float) -> str:
        spent = now - self._started
        pct = 100 * self._done / self._total if self._total else 100.0
        line = (f"{STAGE_LABELS.get(self._stage, self._stage)}: {self._done}/{self._total} "
                f"({pct:.0f} %), {spent:.0f} s")
        if 0 < self._done < self._total:
            line += f", about {spent * (self._total - self._done) / self._done:.0f} s left"
        return line


class TeeProgress:
    """Reports to several reporters at once."""

    def __init__(self, *reporters: Progress) -> None:
        self.reporters = reporters

    def start(self, stage: str, total: int) -> None:  # noqa: D102
        for r in self.reporters:
            r.start(stage, total)

    def advance(self, stage: str, n: int = 1) -> None:  # noqa: D102
        for r in self.reporters:
            r.advance(stage, n)

    def done(self, stage: str) -> None:  # noqa: D102
        for r in self.reporters:
            r.done(stage)
