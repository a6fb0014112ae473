"""The threads that answer questions: a lone question on one dedicated thread with the torch
thread count measured fastest, concurrent questions on one-thread workers side by side.

Why a choice, and why measured: on an idle 2-core machine a query embeds ~15–25 % faster with
two torch threads than with one; when another process keeps a core busy, two threads are 5 to
50 times slower, because every OpenMP barrier waits for a thread the kernel has descheduled
(docs/performance.md, issue 13). So a lone question uses more than one thread only while the
other processes leave the cores free (OtherLoad), and among the counts that fit, the one its
recent lone questions were fastest with; the others are re-tried now and then.

Why one dedicated thread: libgomp keeps one team of OpenMP workers per calling thread, and a
team's worker spins for a while after each parallel region. Two-thread questions on
alternating pool threads leave one team spinning while the other computes, three busy
threads on two cores; one thread that runs every lone question keeps a single team.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from reportqa.model.embedder import use_threads

T = TypeVar("T")

#: Recent lone-question times kept per thread count; their medians are compared, so one
#: outlier (a GC pause, a neighbour's burst) does not flip the choice.
WINDOW = 5
#: Times each count needs before the medians are trusted (the first lone questions alternate).
MIN_SAMPLES = 2
#: Share of lone-question time that tries of a losing count may cost: a count that loses by
#: `d` seconds a question is tried once every d / (EXPLORE_BUDGET x best) lone questions, so
#: a slight loser is re-checked often and a clear one rarely.
EXPLORE_BUDGET = 0.05
#: Bounds of that interval in lone questions: at least this many between two tries, and
#: this many after a try that beat the best (its median needs a few more wins to move) ...
EXPLORE_MIN = 8
#: ... and at most this many (~10-20 s of questions one after another).
EXPLORE_MAX = 400
#: A count of n threads fits while other processes use at most `cores - n + FIT_SLACK`
#: cores: a client on the same machine (~0.1 core at concurrency 1) still lets two threads
#: run, another process computing (a whole core) does not.
FIT_SLACK = 0.5
#: Seconds over which the other processes' CPU use is averaged (/proc/stat counts in 10 ms
#: ticks, so a shorter span would be coarse).
LOAD_WINDOW_SECONDS = 1.0


class OtherLoad:
    """The cores other processes kept busy lately: the machine's busy time (Linux
    /proc/stat) less this process's own CPU time, over spans of ~`window` seconds. None
    where /proc/stat cannot be read (then every count fits)."""

    def __init__(self, window: float = LOAD_WINDOW_SECONDS,
                 stat_path: Path = Path("/proc/stat")) -> None:
        self.window = window
        self.stat_path = stat_path
        self._tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        self._ref: tuple[float, float, float] | None = None
        self._last: float | None = None

    def _read(self) -> tuple[float, float, float] | None:
        """(wall seconds, machine busy seconds, this process's CPU seconds)."""
        try:
            with self.stat_path.open("rb") as f:
                fields = [int(v) for v in f.readline().split()[1:9]]
        except (OSError, ValueError):
            return None
        if len(fields) < 8:
            return None
        user, nice, system, _idle, _iowait, irq, softirq, steal = fields
        busy = (user + nice + system + irq + softirq + steal) / self._tick
        return time.monotonic(), busy, time.process_time()

    def __call__(self) -> float | None:
        """Other processes' cores over the latest complete span (None before the first);
        /proc/stat is read only when a span has passed."""
        if self._ref is not None and time.monotonic() - self._ref[0] < self.window:
            return self._last
        now = self._read()
        if now is None:
            return None
        if self._ref is not None:
            wall, busy, own = (a - b for a, b in zip(now, self._ref, strict=True))
            self._last = max(0.0, (busy - own) / wall)
        self._ref = now
        return self._last


class ThreadCountChooser:
    """Which torch thread count a lone question should use: of the counts that fit the
    cores other processes leave free, the one with the lowest recent median time.

    Not thread-safe: one thread (the lone-question thread) calls `choose` and `record`.
    """

    def __init__(self, counts: Sequence[int], window: int = WINDOW,
                 min_samples: int = MIN_SAMPLES, budget: float = EXPLORE_BUDGET,
                 explore_min: int = EXPLORE_MIN, explore_max: int = EXPLORE_MAX,
                 load: Callable[[], float | None] = lambda: None,
                 cores: int | None = None) -> None:
        self.counts = tuple(sorted(set(counts)))
        if not self.counts or self.counts[0] < 1:
            raise ValueError(f"thread counts must be positive: {counts!r}")
        self.min_samples = min(min_samples, window)
        self.budget = budget
        self.explore_min = explore_min
        self.explore_max = max(explore_min, explore_max)
        self.load = load
        self.cores = cores or os.cpu_count() or 1
        self.current = self.counts[0]  # the count lone questions use now (tries aside)
        self._times: dict[int, deque[float]] = {n: deque(maxlen=window) for n in self.counts}
        self._since_try = 0
        self._next_try = 0  # round robin over the losing counts
        self._try_won = False  # the latest try of a losing count beat the best's median

    def medians(self) -> dict[int, float | None]:
        """Median seconds per count; None for a count not timed (lately).

        Safe to call from another thread (the metrics scrape): list() copies a deque at once.
        """
        copies = {n: list(t) for n, t in self._times.items()}
        return {n: statistics.median(t) if t else None for n, t in copies.items()}

    def fitting(self) -> list[int]:
        """The counts the cores left free by other processes can run (the smallest always).

        A count that does not fit forgets its times: they were taken on another machine
        state, and once it fits again it is timed afresh."""
        others = self.load()
        if others is None:
            return list(self.counts)
        free = self.cores - others + FIT_SLACK
        fit = [n for n in self.counts if n == self.counts[0] or n <= free]
        for n in self.counts:
            if n not in fit:
                self._times[n].clear()
        return fit

    def best(self, among: Sequence[int] | None = None) -> int:
        """The count with the lowest median among `among` (default all) that are timed."""
        medians = self.medians()
        timed = [n for n in (among or self.counts) if medians[n] is not None]
        return min(timed, key=lambda n: medians[n] or 0.0) if timed else self.counts[0]

    def interval(self) -> int:
        """Lone questions between two tries of a losing count (see EXPLORE_BUDGET)."""
        medians = sorted(m for m in self.medians().values() if m is not None)
        if len(medians) < 2 or self._try_won:
            return self.explore_min
        loss = medians[1] - medians[0]  # the nearest loser's cost per question
        wanted = loss / (self.budget * medians[0]) if medians[0] > 0 else self.explore_max
        return int(min(self.explore_max, max(self.explore_min, wanted)))

    def choose(self) -> int:
        """The count for the next lone question: of the counts that fit, each until it has
        been timed `min_samples` times, then the best, and every `interval()` another."""
        fit = self.fitting()
        for n in fit:
            if len(self._times[n]) < self.min_samples:
                return n
        self.current = best = self.best(fit)
        others = [n for n in fit if n != best]
        self._since_try += 1
        if not others or self._since_try < self.interval():
            return best
        self._since_try = 0
        self._next_try += 1
        return others[self._next_try % len(others)]

    def record(self, count: int, seconds: float) -> None:
        """A lone question took `seconds` with `count` threads."""
        medians = self.medians()
        if count != self.current and medians[self.current] is not None:  # a try
            self._try_won = seconds < (medians[self.current] or 0.0)
        self._times[count].append(seconds)


class InferenceThreads:
    """Runs questions off the event loop: a question that arrives while none runs on the
    lone-question thread (thread count from a ThreadCountChooser), the others on `workers`
    threads with `shared_threads` torch threads each."""

    def __init__(self, workers: int, lone_counts: Sequence[int], shared_threads: int = 1
                 ) -> None:
        self.chooser = ThreadCountChooser(lone_counts, load=OtherLoad())
        self.shared_threads = shared_threads
        self._lone = ThreadPoolExecutor(1, thread_name_prefix="reportqa-lone")
        self._shared = ThreadPoolExecutor(workers, thread_name_prefix="reportqa-inference")
        self._lock = threading.Lock()
        # Questions being computed, counted until their thread is done with them (not until
        # their request is: a cancelled request's question still holds its thread).
        self._running = 0

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` on an inference thread; the result, or its exception."""
        with self._lock:
            lone = self._running == 0
            self._running += 1
        try:
            future = (self._lone.submit(self._run_lone, fn, args) if lone
                      else self._shared.submit(self._run_shared, fn, args))
        except BaseException:  # shut down: the question never ran
            self._finished()
            raise
        return await asyncio.wrap_future(future)

    def shutdown(self) -> None:
        for pool in (self._lone, self._shared):
            pool.shutdown(wait=False, cancel_futures=True)

    def _finished(self) -> None:
        with self._lock:
            self._running -= 1

    def _run_lone(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        try:
            n = self.chooser.choose()
            use_threads(n)
            start = time.perf_counter()
            result = fn(*args)
            self.chooser.record(n, time.perf_counter() - start)  # errors end early: not timed
            return result
        finally:
            self._finished()

    def _run_shared(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        try:
            use_threads(self.shared_threads)
            return fn(*args)
        finally:
            self._finished()
