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
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from starlette.datastructures import State

from reportqa.config import Settings
from reportqa.engine import Engine
from reportqa.feedback.answers import AnswerMemory
from reportqa.feedback.store import FeedbackStore
from reportqa.index.jobs import ReindexJobs
from reportqa.model.embedder import use_threads
from reportqa.serve.http.metrics import Metrics
from reportqa.serve.http.throttle import FailureThrottle

T = TypeVar("T")


def inference_thread_count() -> int:
    """Threads that run questions: one per core, at least two."""
    return max(2, os.cpu_count() or 2)


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
    inference_pool: ThreadPoolExecutor | None
    engine_task: asyncio.Task[None] | None
    admin_throttle: FailureThrottle
    answers: AnswerMemory
    feedback: FeedbackStore

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.metrics = Metrics(lambda: self.engine)
        self.engine = None
        # Rebuilds run from startup on (a stale or missing index under `make run`), before
        # an engine may exist; they reload whichever engine is served when they finish.
        self.reindex_jobs = ReindexJobs(lambda: self.engine, settings=settings)
        self.load_error = None
        self.hook_errors = []
        self.inference_pool = None
        self.engine_task = None
        self.admin_throttle = FailureThrottle()
        self.answers = AnswerMemory()  # the latest answers, for votes on them
        self.feedback = FeedbackStore(settings.feedback_path)

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
        # A fixed set of threads runs inference: torch keeps per-thread state (its OpenMP
        # team), so the same few threads always call it.
        self.inference_pool = ThreadPoolExecutor(inference_thread_count(),
                                                 thread_name_prefix="reportqa-inference")

    def stop_inference_pool(self) -> None:
        if self.inference_pool is not None:
            self.inference_pool.shutdown(wait=False, cancel_futures=True)

    async def run_inference(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` on an inference thread, never on the event loop.

        Each question's query embedding runs with REPORTQA_THREADS torch threads (0, the
        default: one), set on the inference thread itself (torch keeps the count per
        thread; a fresh thread would take every core). Measured in bench/http_bench.py: a
        second OpenMP thread per question makes a lone question over HTTP 2-3x slower on
        2 cores (its worker sleeps and wakes at every operation while the event loop and
        the client share the cores), and concurrent questions oversubscribe the cores.
        """
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.inference_pool, self._run_with_threads,
                                          fn, args)

    def _run_with_threads(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        use_threads(self.settings.threads or 1)
        return fn(*args)
