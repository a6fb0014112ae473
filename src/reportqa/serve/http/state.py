"""The state of one HTTP app: settings, metrics, the engine once loaded, its reindex jobs, and
the worker threads that run inference.

`ServiceState` is the app's `app.state` itself (a Starlette `State`), so the names front ends
rely on — `app.state.engine`, `app.state.reindex_jobs` — are its attributes, and lifespan
hooks may still add their own (`app.state.telegram_bot`). Routes reach it through
`deps.get_service`.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.datastructures import State

from reportqa.config import Settings
from reportqa.engine import Engine
from reportqa.feedback.answers import AnswerLog
from reportqa.feedback.select import open_feedback
from reportqa.feedback.store import VoteStore
from reportqa.index.jobs import ReindexJobs
from reportqa.serve.http.inference import InferenceThreads
from reportqa.serve.http.metrics import Metrics
from reportqa.serve.http.throttle import FailureThrottle

T = TypeVar("T")


def inference_thread_count() -> int:
    """One-thread workers for concurrent questions: one per core, at least two."""
    return max(2, os.cpu_count() or 2)


def lone_thread_counts(threads: int) -> tuple[int, ...]:
    """The torch thread counts a lone question may use: REPORTQA_THREADS if set, else one
    or every core, whichever answers faster (serve/http/inference.py)."""
    return (threads,) if threads else tuple(dict.fromkeys((1, os.cpu_count() or 1)))


class ServiceState(State):
    """Everything the routes and the lifespan of one app share.

    A Starlette `State` keeps attributes in a dict and reads them through `__getattr__`, so
    the attributes are only annotated here (a class-level default would shadow the dict) and
    all of them are set in `__init__`.
    """

    settings: Settings
    metrics: Metrics
    engine: Engine | None
    reindex_jobs: ReindexJobs
    load_error: str | None
    hook_errors: list[str]
    inference: InferenceThreads | None
    engine_task: asyncio.Task[None] | None
    admin_throttle: FailureThrottle
    answers: AnswerLog
    feedback: VoteStore
    feedback_shared: bool

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.metrics = Metrics(lambda: self.engine,
                               lambda: self.inference.chooser if self.inference else None)
        self.engine = None
        # Rebuilds run from startup on (a stale or missing index under `make run`), before
        # an engine may exist; they reload whichever engine is served when they finish.
        self.reindex_jobs = ReindexJobs(lambda: self.engine, settings=settings)
        self.load_error = None
        self.hook_errors = []
        self.inference = None
        self.engine_task = None
        self.admin_throttle = FailureThrottle()
        # The latest answers, for votes on them, and the votes: in the database on a
        # PostgreSQL store (any replica takes a vote on any replica's answer).
        feedback = open_feedback(settings)
        self.answers = feedback.answers
        self.feedback = feedback.votes
        self.feedback_shared = feedback.shared

    def publish(self, engine: Engine) -> None:
        """Serve `engine`."""
        self.load_error = None
        self.engine = engine

    def build_status(self) -> dict[str, Any] | None:
        """The rebuild running in this process, for /readyz; None when none runs."""
        job = self.reindex_jobs.running()
        if job is None:
            return None
        return {"job": job.id, "state": job.state, "stage": job.stage, "done": job.done,
                "total": job.total}

    def start_inference_pool(self) -> None:
        # Fixed threads run inference: torch keeps per-thread state (the thread count, its
        # OpenMP team), so the same few threads always call it.
        threads = self.settings.threads
        self.inference = InferenceThreads(inference_thread_count(),
                                          lone_thread_counts(threads), threads or 1)

    def stop_inference_pool(self) -> None:
        if self.inference is not None:
            self.inference.shutdown()

    async def run_inference(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` on an inference thread, never on the event loop.

        A question that arrives while none is computed runs on the lone-question thread with
        one torch thread or every core, whichever has lately been faster; the others run
        side by side with one torch thread each (REPORTQA_THREADS, when set, fixes the count
        for all). See serve/http/inference.py and docs/performance.md (issue 13).
        """
        if self.inference is None:
            raise RuntimeError("the inference threads are not started")
        return await self.inference.run(fn, *args)
