"""Background rebuilds for the front ends: start one, follow its progress, swap it in.

Both the HTTP admin endpoint and the Telegram /reindex command use this; only one rebuild
runs at a time per process (a second request joins the running job), and the index lock
keeps other processes out.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from reportqa.errors import ReportQAError
from reportqa.limits import REINDEX_JOBS_KEPT

log = logging.getLogger(__name__)


# No docstring: pydantic would publish it in the OpenAPI schema of ReindexJobOut.state.
class JobState(StrEnum):
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"


#: The states of a job that has not finished.
ACTIVE_STATES = frozenset({JobState.queued, JobState.running})


@dataclass
class Job:
    id: str
    state: JobState = JobState.queued
    stage: str = ""
    done: int = 0
    total: int = 0
    started_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    version: str | None = None
    message: str = ""
    result: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "state": self.state, "stage": self.stage, "done": self.done,
            "total": self.total, "started_at": self.started_at, "finished_at": self.finished_at,
            "version": self.version, "message": self.message, "result": self.result,
        }

    @property
    def active(self) -> bool:
        """Queued or running: not finished yet."""
        return self.state in ACTIVE_STATES


class _JobProgress:
    def __init__(self, job: Job) -> None:
        self.job = job

    def start(self, stage: str, total: int) -> None:
        self.job.stage, self.job.done, self.job.total = stage, 0, total

    def advance(self, stage: str, n: int = 1) -> None:
        self.job.done += n

    def done(self, stage: str) -> None:
        self.job.done = self.job.total


class ReindexJobs:
    """Runs index builds in a background thread and reloads the engine when one publishes.

    `engine` is the engine to reload, or a callable returning the one being served (None
    while none is loaded yet: the build then loads its own model and the server's loader
    picks the version up). `settings` default to the engine's.
    """

    def __init__(self, engine: Any = None, keep: int = REINDEX_JOBS_KEPT, *,
                 settings: Any = None) -> None:
        self._engine = engine if callable(engine) else (lambda: engine)
        self.settings = settings if settings is not None else self._engine().settings
        self.keep = keep
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._running: Job | None = None

    def start(self) -> Job:
        """Start a rebuild, or return the one already running."""
        with self._lock:
            if self._running is not None and self._running.active:
                return self._running
            job = Job(id=uuid.uuid4().hex[:12])
            self._jobs[job.id] = job
            self._running = job
            while len(self._jobs) > self.keep:
                self._jobs.pop(next(iter(self._jobs)))
        threading.Thread(target=self._run, args=(job,), name=f"reindex-{job.id}",
                         daemon=True).start()
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    @property
    def engine(self) -> Any:
        """The engine served now (None while none is loaded)."""
        return self._engine()

    def running(self) -> Job | None:
        """The job that is queued or running, if one is."""
        job = self._running
        return job if job is not None and job.active else None

    def wait(self, job: Job, timeout: float | None = None) -> Job:
        """Block until the job finishes (for tests and the CLI)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while job.active:
            if deadline is not None and time.monotonic() > deadline:
                break
            time.sleep(0.05)
        return job

    def _run(self, job: Job) -> None:
        from reportqa.index.build import build_index
        from reportqa.index.progress import LogProgress, TeeProgress
        from reportqa.model.embedder import use_threads

        job.state = JobState.running
        # A build embeds in batches: all cores on this thread, as the CLI does (the serving
        # threads keep their own count).
        use_threads(self.settings.threads or os.cpu_count() or 1)
        engine = self.engine
        log.info("reindex job %s: rebuilding from %s", job.id, self.settings.corpus_dir)
        try:
            res = build_index(self.settings,
                              progress=TeeProgress(_JobProgress(job), LogProgress()),
                              embedder_factory=(lambda: engine.embedder) if engine else None,
                              on_wait=lambda: setattr(job, "stage", "waiting for another build"))
            job.version = res.version
            job.result = {"documents": res.documents, "passages": res.passages,
                          "embedded": res.embedded, "seconds": round(res.seconds, 2),
                          "skipped": [{"name": n, "reason": r} for n, r in res.skipped],
                          "added": res.added, "changed": res.changed, "removed": res.removed,
                          "published": res.published, "swapped": False}
            engine = self.engine  # the one served now (a first build may have none)
            if res.published and engine is None:
                job.message = f"built index {res.summary()}; it is served once loaded"
            elif res.published:
                # Swap now rather than at the next poll; reload() refuses a broken version
                # and keeps the live one serving.
                swapped = engine.reload() or engine.version == res.version
                job.result["swapped"] = swapped
                if swapped:
                    job.message = f"now serving index {res.summary()}"
                else:
                    err = engine.reload_state().get("error") or "unknown reason"
                    job.message = f"built index {res.version} but did not swap it in: {err}"
            else:
                job.message = f"not published: {res.message}"
            job.state = JobState.succeeded
            log.info("reindex job %s: %s", job.id, job.message)
        except ReportQAError as exc:
            job.state, job.message = JobState.failed, str(exc)
            log.error("reindex job %s failed, the live index stays: %s", job.id, exc)
        except Exception as exc:  # noqa: BLE001 - a failed build must not kill the server
            log.exception("reindex job %s failed", job.id)
            job.state, job.message = JobState.failed, f"internal error: {exc}"
        finally:
            job.finished_at = time.time()
