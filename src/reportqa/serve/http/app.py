"""The HTTP service: /ask, /search, /documents, health, metrics, admin reindex, a chat page.

`create_app(settings)` returns the FastAPI app, assembled from the routers of
`serve/http/routes`, the middleware, the error handlers and the lifespan. The model and index
load in the background after startup (so /healthz and /readyz answer at once; /readyz says
503 until the engine is there); then the lifespan hooks other front ends pass in (the
Telegram bot) are entered. Inference runs in worker threads, never on the event loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from contextlib import (
    AbstractAsyncContextManager,
    AsyncExitStack,
    asynccontextmanager,
    suppress,
)

import anyio
import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from reportqa import __version__
from reportqa.config import Settings
from reportqa.engine import Engine
from reportqa.errors import IndexMissingError, ReportQAError
from reportqa.serve.http.errors import install_error_handlers
from reportqa.serve.http.middleware import RequestContextMiddleware
from reportqa.serve.http.openapi import DESCRIPTION, ERROR_500, TAGS, install_openapi
from reportqa.serve.http.routes import ROUTERS
from reportqa.serve.http.state import ServiceState
from reportqa.store.select import describe_store

log = logging.getLogger(__name__)

LifespanHook = Callable[[FastAPI], AbstractAsyncContextManager[None]]

#: Seconds between attempts to load the engine when the index is missing or broken.
LOAD_RETRY_SECONDS = 5.0
#: Seconds between attempts while the first index is being built: it is served this soon
#: after it is published.
BUILD_POLL_SECONDS = 0.5

#: Seconds browsers may cache a CORS preflight answer.
CORS_MAX_AGE_SECONDS = 600


def create_app(
    settings: Settings,
    engine: Engine | None = None,
    *,
    routers: Sequence[APIRouter] = (),
    lifespan_hooks: Sequence[LifespanHook] = (),
    build_if_stale: bool = False,
) -> FastAPI:
    """The FastAPI app. Without `engine`, it is loaded from `settings` after startup.

    `build_if_stale` rebuilds the index in the background at startup when it is missing or
    older than the corpus: the live version is served meanwhile and the new one swapped in
    (with no index yet, /readyz says 503 with the build's progress until the first is built).

    Once `app.state.engine` is set, each of `lifespan_hooks` is entered in order (and exited
    in reverse on shutdown); `routers` are included as they are. `app.state.reindex_jobs` is
    the one `ReindexJobs` of the process.
    """
    app = FastAPIOffline(  # FastAPI with Swagger UI / ReDoc assets served locally, no CDN
        title="reportqa",
        version=__version__,
        summary="Questions answered from regional reports, quoted with their source.",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=_lifespan(engine, lifespan_hooks, build_if_stale),
        responses=ERROR_500,
    )
    app.state = ServiceState(settings)
    install_error_handlers(app)
    _add_middleware(app, app.state)
    for router in (*ROUTERS, *routers):
        app.include_router(router)
    install_openapi(app)
    return app


def _add_middleware(app: FastAPI, service: ServiceState) -> None:
    """Request ids, body limit and metrics; CORS when REPORTQA_CORS_ORIGINS lists origins."""
    app.add_middleware(RequestContextMiddleware, metrics=service.metrics)
    origins = [o.strip() for o in service.settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "X-API-Key", "X-Request-ID"],
            expose_headers=["X-Request-ID"], max_age=CORS_MAX_AGE_SECONDS,
        )


def _lifespan(engine: Engine | None, hooks: Sequence[LifespanHook], build_if_stale: bool):
    """Start the inference threads and the engine task; stop both on shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        service: ServiceState = app.state
        service.start_inference_pool()
        s = service.settings
        log.info("starting: index %s, corpus %s, model %s",
                 describe_store(s),
                 s.corpus_dir.absolute(), s.model_id)
        if build_if_stale:
            await anyio.to_thread.run_sync(_start_build_if_stale, service)
        stop = asyncio.Event()
        if engine is not None:
            service.publish(engine)
        task = asyncio.create_task(_serve_engine(app, hooks, stop), name="reportqa-engine")
        service.engine_task = task
        try:
            yield
        finally:
            stop.set()
            if service.engine is None:
                task.cancel()
            with suppress(asyncio.CancelledError):
                await task
            service.stop_inference_pool()
            await anyio.to_thread.run_sync(service.feedback.close)

    return lifespan


def _start_build_if_stale(service: ServiceState) -> None:
    """Start a background rebuild when the index is missing or stale (say why either way)."""
    from reportqa.index.build import is_stale
    from reportqa.index.layout import IndexDir

    stale, why = is_stale(service.settings)
    if service.settings.store_url is None and IndexDir(service.settings.index_dir).current() \
            is None:
        why = "there is no index yet"
    if not stale:
        log.info("index is up to date with %s", service.settings.corpus_dir.absolute())
        return
    job = service.reindex_jobs.start()
    log.info("rebuilding the index in the background (%s), job %s; the live version, if "
             "any, is served meanwhile", why, job.id)


async def _load_engine(service: ServiceState, stop: asyncio.Event) -> Engine | None:
    """Load the engine from the settings, retrying until it loads; None if stopped first."""
    while True:
        try:
            return await anyio.to_thread.run_sync(Engine.load, service.settings,
                                                  abandon_on_cancel=True)
        except Exception as exc:  # noqa: BLE001 - report it on /readyz and retry
            building = service.build_status() is not None
            if isinstance(exc, IndexMissingError) and building:
                if service.load_error is None:
                    log.info("no index yet; serving once the build running now publishes one")
                service.load_error = str(exc)
            elif isinstance(exc, ReportQAError):
                log.error("cannot load the index (retrying in %.0f s): %s",
                          LOAD_RETRY_SECONDS, exc)
                service.load_error = str(exc)
            else:
                log.exception("cannot load the engine (retrying in %.0f s)", LOAD_RETRY_SECONDS)
                service.load_error = f"internal error: {exc}"
            try:
                await asyncio.wait_for(stop.wait(), BUILD_POLL_SECONDS if building
                                       else LOAD_RETRY_SECONDS)
                return None
            except TimeoutError:
                continue


async def _serve_engine(app: FastAPI, hooks: Sequence[LifespanHook],
                        stop: asyncio.Event) -> None:
    """Load the engine (unless given), enter the hooks, and hold them until shutdown."""
    service: ServiceState = app.state
    if service.engine is None:
        eng = await _load_engine(service, stop)
        if eng is None:
            return
        service.publish(eng)
        log.info("ready: serving index %s (%d passages), model %s", eng.version,
                 eng.info().passages, eng.model_name)
    async with AsyncExitStack() as stack:
        for hook in hooks:
            try:
                await stack.enter_async_context(hook(app))
            except Exception as exc:  # noqa: BLE001 - the HTTP API keeps serving
                log.exception("lifespan hook %r failed to start", hook)
                service.hook_errors.append(f"{getattr(hook, '__name__', hook)}: {exc}")
        await stop.wait()
