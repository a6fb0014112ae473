"""The HTTP service: /ask, /search, /documents, health, metrics, admin reindex, a chat page.

`create_app(settings)` returns the FastAPI app. The model and index load in the background
after startup (so /healthz and /readyz answer at once; /readyz says 503 until the engine is
there); then the lifespan hooks other front ends pass in (the Telegram bot) are entered.
Inference runs in worker threads, never on the event loop.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import (
    AbstractAsyncContextManager,
    AsyncExitStack,
    asynccontextmanager,
    suppress,
)
from importlib import resources
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import APIRouter, Body, Depends, FastAPI, Path, Query, Request, Security
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, Response
from fastapi.security import APIKeyHeader
from fastapi_offline import FastAPIOffline
from pydantic import AfterValidator

from reportqa import __version__
from reportqa.config import Settings
from reportqa.engine import Engine
from reportqa.errors import ReportQAError
from reportqa.index.jobs import ReindexJobs
from reportqa.serve.http.errors import APIError, install_error_handlers, responses
from reportqa.serve.http.metrics import CONTENT_TYPE, Metrics
from reportqa.serve.http.middleware import MAX_BODY_BYTES, RequestContextMiddleware
from reportqa.serve.http.models import (
    DOCUMENT_MAX,
    EXAMPLE_DOC,
    EXAMPLE_QUESTION,
    SEARCH_K_MAX,
    TOP_K_MAX,
    AskRequest,
    AskResponse,
    DocumentOut,
    DocumentsResponse,
    ErrorResponse,
    HealthResponse,
    ReadyResponse,
    ReindexJobOut,
    SearchHitOut,
    SearchResponse,
    SourceOut,
    check_question,
    question_schema,
)

log = logging.getLogger(__name__)

LifespanHook = Callable[[FastAPI], AbstractAsyncContextManager[None]]
T = TypeVar("T")

#: Seconds between attempts to load the engine when the index is missing or broken.
LOAD_RETRY_SECONDS = 5.0

DESCRIPTION = f"""
Ask the indexed regional reports a question, in Swedish or English, and get the answer quoted
from the report with its source — or `found: false` when the report does not say.

* `POST /ask` (JSON) or `GET /ask?q=…` (curl, browsers): the answer and its sources.
* `GET /search?q=…&k=…`: ranked passages, without answer selection.
* `GET /documents`: what is indexed. `GET /healthz`, `GET /readyz`, `GET /metrics`: operations.
* `POST /admin/reindex`, `GET /admin/reindex/{{id}}`: rebuild the index from the corpus in the
  background (header `X-API-Key` = `REPORTQA_ADMIN_API_KEY`).

Every error has the same JSON shape (`ErrorResponse`). Every response carries an
`X-Request-ID` header: the client's own if it sent a sane one (letters, digits, `._:+=/-`,
at most 128 characters), otherwise a new one. Request bodies are limited to
{MAX_BODY_BYTES // 1024} KiB.
"""

TAGS = [
    {"name": "questions", "description": "Answers and passages from the reports."},
    {"name": "operations", "description": "Health, readiness and metrics."},
    {"name": "admin", "description": "Rebuilding the index; needs `X-API-Key`."},
    {"name": "page", "description": "The chat page."},
]

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False,
                               description="Equal to REPORTQA_ADMIN_API_KEY.")


async def current_engine(request: Request) -> Engine:
    """The loaded engine, or 503 while it loads."""
    eng = request.app.state.engine
    if eng is None:
        err = request.app.state.load_error
        msg = ("the model and index are still loading; retry in a few seconds" if not err
               else f"the index could not be loaded: {err}")
        raise APIError(503, msg, "not_ready", headers={"Retry-After": "5"})
    return eng


async def require_admin(request: Request,
                        key: Annotated[str | None, Security(_api_key_header)] = None) -> None:
    """403 when admin is disabled (no key configured), 401 for a missing or wrong key."""
    secret = request.app.state.settings.admin_api_key
    configured = secret.get_secret_value() if secret else ""
    if not configured:
        raise APIError(403, "admin endpoints are disabled: set REPORTQA_ADMIN_API_KEY "
                       "to enable them", "admin_disabled")
    if not key or not hmac.compare_digest(key.encode("utf-8", "surrogateescape"),
                                          configured.encode("utf-8")):
        raise APIError(401, "missing or wrong X-API-Key header", "unauthorized")


EngineDep = Annotated[Engine, Depends(current_engine)]
AskBody = Annotated[AskRequest, Body(openapi_examples={
    "swedish": {"summary": "A question in Swedish",
                "value": {"question": EXAMPLE_QUESTION, "top_k": 3}},
    "english": {"summary": "A question in English",
                "value": {"question": "How many people does the industry employ?"}},
    "one document": {"summary": "Only one document",
                     "value": {"question": "Hur mycket omsätter turismbranschen?", "top_k": 1,
                               "document": EXAMPLE_DOC}},
})]
QParam = Annotated[str, Query(description="The question; 1–1000 characters after trimming.",
                              examples=[EXAMPLE_QUESTION],
                              json_schema_extra=question_schema()),
                   AfterValidator(check_question)]
TopK = Annotated[int, Query(ge=1, le=TOP_K_MAX, description="How many sources (1–20).")]
DocParam = Annotated[str | None, Query(min_length=1, max_length=DOCUMENT_MAX,
                                       description="Only this document (see /documents).")]

SearchQ = Annotated[str, Query(description="The query; 1–1000 characters after trimming.",
                               examples=["industrin sysselsätter"],
                               json_schema_extra=question_schema()),
                    AfterValidator(check_question)]



def _chat_page() -> bytes:
    return resources.files("reportqa.serve.http").joinpath("static/index.html").read_bytes()


def _document_names(engine: Engine) -> set[str]:
    return {d["name"] for d in engine.documents()}


def create_app(
    settings: Settings,
    engine: Engine | None = None,
    *,
    routers: Sequence[APIRouter] = (),
    lifespan_hooks: Sequence[LifespanHook] = (),
) -> FastAPI:
    """The FastAPI app. Without `engine`, it is loaded from `settings` after startup.

    Once `app.state.engine` is set, each of `lifespan_hooks` is entered in order (and exited
    in reverse on shutdown); `routers` are included as they are. `app.state.reindex_jobs` is
    the one `ReindexJobs` of the process.
    """
    metrics = Metrics(lambda: getattr(app.state, "engine", None))
    inference_threads = max(2, os.cpu_count() or 2)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # A fixed set of threads runs inference: torch keeps per-thread state (its OpenMP
        # team), so the same few threads always call it.
        pool = ThreadPoolExecutor(inference_threads, thread_name_prefix="reportqa-inference")
        app.state.inference_pool = pool
        stop = asyncio.Event()
        if engine is not None:
            _set_engine(app, engine)
        task = asyncio.create_task(_serve_engine(app, settings, lifespan_hooks, stop),
                                   name="reportqa-engine")
        app.state.engine_task = task
        try:
            yield
        finally:
            stop.set()
            if app.state.engine is None:
                task.cancel()
            with suppress(asyncio.CancelledError):
                await task
            pool.shutdown(wait=False, cancel_futures=True)

    app = FastAPIOffline(  # FastAPI with Swagger UI / ReDoc assets served locally, no CDN
        title="reportqa",
        version=__version__,
        summary="Questions answered from regional reports, quoted with their source.",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        responses={500: {"model": ErrorResponse,
                         "description": "Internal error (a bug); the request id finds it in "
                                        "the log."}},
    )
    app.state.engine = None
    app.state.reindex_jobs = None
    app.state.load_error = None
    app.state.hook_errors = []
    app.state.metrics = metrics
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "X-API-Key", "X-Request-ID"],
            expose_headers=["X-Request-ID"], max_age=600,
        )

    # ---- helpers -------------------------------------------------------------------------
    async def in_thread(request: Request, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(request.app.state.inference_pool, fn, *args)

    def check_document(eng: Engine, document: str | None) -> None:
        if document is not None and document not in _document_names(eng):
            raise APIError(404, f"no document named {document!r} in the index; "
                           "GET /documents lists them", "unknown_document")

    async def answer(request: Request, eng: Engine, question: str, top_k: int,
                     document: str | None) -> AskResponse:
        check_document(eng, document)

        def run():
            t = time.perf_counter()
            ans = eng.ask(question, top_k, document)
            return ans, (time.perf_counter() - t) * 1000

        try:
            ans, took = await in_thread(request, run)
        except ReportQAError as exc:  # e.g. the document vanished in a reindex meanwhile
            raise APIError(404 if "document" in str(exc) else 422, str(exc)) from exc
        metrics.observe_answer(ans.found)
        return AskResponse(
            question=ans.question, answer=ans.text, found=ans.found,
            confidence=float(ans.confidence), language=ans.language,
            sources=[SourceOut(document=s.document, title=s.title, section=s.section,
                               page=s.page, text=s.text, sentence=s.sentence,
                               score=float(s.score), indexed_at=s.indexed_at)
                     for s in ans.sources],
            index_version=ans.index_version or eng.version, model=eng.model_name,
            took_ms=round(took, 2),
        )

    # ---- the chat page -------------------------------------------------------------------
    page = _chat_page()

    @app.get("/", response_class=HTMLResponse, tags=["page"], summary="The chat page",
             responses={200: {"description": "One HTML page (Swedish, with an English toggle) "
                              "that asks POST /ask.", "content": {"text/html": {
                                  "example": "<!doctype html>…"}}}})
    async def chat_page() -> HTMLResponse:
        return HTMLResponse(page, headers={"Cache-Control": "no-cache"})

    # ---- questions -----------------------------------------------------------------------
    @app.post("/ask", tags=["questions"], summary="Answer a question (JSON body)",
              responses=responses(400, 404, 413, 422, 503))
    async def ask_post(body: AskBody, request: Request, eng: EngineDep) -> AskResponse:
        """The answering sentence quoted from the report, with its sources.

        `answer` is null exactly when `found` is false: the report does not answer it.
        """
        return await answer(request, eng, body.question, body.top_k, body.document)

    @app.get("/ask", tags=["questions"], summary="Answer a question (query string)",
             responses=responses(404, 422, 503))
    async def ask_get(q: QParam, request: Request, eng: EngineDep, top_k: TopK = 3,
                      document: DocParam = None) -> AskResponse:
        """Same as POST /ask, for curl and browsers: `/ask?q=Hur+många+…`."""
        return await answer(request, eng, q, top_k, document)

    @app.get("/search", tags=["questions"], summary="Ranked passages for a query",
             responses=responses(404, 422, 503))
    async def search(q: SearchQ, request: Request, eng: EngineDep,
                     k: Annotated[int, Query(ge=1, le=SEARCH_K_MAX,
                                             description="How many passages (1–50).")] = 5,
                     document: DocParam = None) -> SearchResponse:
        """Hybrid (dense + lexical) search over the passages, best first; no answer selection."""
        check_document(eng, document)

        def run():
            t = time.perf_counter()
            hits = eng.search(q, k, document)
            return hits, {d["name"]: d.get("title", d["name"]) for d in eng.documents()}, \
                (time.perf_counter() - t) * 1000

        hits, titles, took = await in_thread(request, run)
        return SearchResponse(
            query=q, index_version=eng.version, model=eng.model_name, took_ms=round(took, 2),
            hits=[SearchHitOut(document=h.passage.doc,
                               title=titles.get(h.passage.doc, h.passage.doc),
                               section=h.passage.section, page=h.passage.page,
                               text=h.passage.full_text, sentence=h.passage.text,
                               score=round(float(h.score), 4), dense=round(float(h.dense), 4),
                               lexical=round(float(h.lexical), 4)) for h in hits],
        )

    @app.get("/documents", tags=["questions"], summary="What is indexed",
             responses=responses(503))
    async def documents(eng: EngineDep) -> DocumentsResponse:
        """The documents of the live index version, with their passages and hashes."""
        docs = eng.documents()
        return DocumentsResponse(
            documents=[DocumentOut(name=d["name"], title=d.get("title", d["name"]),
                                   kind=d.get("kind", ""), pages=d.get("pages"),
                                   passages=int(d.get("passages", 0)),
                                   sha256=d.get("sha256", ""),
                                   indexed_at=d.get("indexed_at", ""),
                                   changed_at=d.get("changed_at", "")) for d in docs],
            passages=int(eng.manifest.get("passages", 0)),
            index_version=eng.version, model=eng.model_name,
        )

    # ---- operations ----------------------------------------------------------------------
    @app.get("/healthz", tags=["operations"], summary="The process is alive")
    async def healthz() -> HealthResponse:
        """200 as long as the process answers, even while the model loads."""
        return HealthResponse(status="ok")

    @app.get("/readyz", tags=["operations"], summary="The model and index are loaded",
             responses=responses(503))
    async def readyz(request: Request, eng: EngineDep) -> ReadyResponse:
        """503 until the model and index are loaded, then 200 with the index version."""
        reload_state = getattr(eng, "reload_state", None)
        return ReadyResponse(status="ready", index_version=eng.version, model=eng.model_name,
                             documents=len(eng.documents()),
                             passages=int(eng.manifest.get("passages", 0)),
                             reload=reload_state() if reload_state else None,
                             warnings=list(request.app.state.hook_errors))

    @app.get("/metrics", tags=["operations"], summary="Prometheus metrics",
             response_class=Response,
             responses={200: {"description": "Prometheus text exposition format.",
                              "content": {"text/plain": {
                                  "schema": {"type": "string"},
                                  "example": 'reportqa_answers_total{outcome="answered"} 12.0\n'
                              }}}})
    async def metrics_endpoint() -> Response:
        """Requests by endpoint and status, latency histogram, answered vs declined questions,
        the index version and its passage count."""
        return Response(metrics.render(), media_type=CONTENT_TYPE)

    # ---- admin ---------------------------------------------------------------------------
    admin = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)],
                      responses=responses(401, 403))

    @admin.post("/reindex", status_code=202, summary="Rebuild the index in the background",
                responses=responses(413, 503))
    async def reindex(request: Request, eng: EngineDep) -> ReindexJobOut:
        """Rebuild from the corpus folder; the new version is swapped in when it is ready.

        Returns the job (a rebuild already running is returned instead of starting another);
        follow it with GET /admin/reindex/{id}.
        """
        jobs: ReindexJobs = request.app.state.reindex_jobs
        job = jobs.start()
        return ReindexJobOut(**job.to_dict())

    @admin.get("/reindex/{job_id}", summary="The state of a rebuild",
               responses=responses(404, 503))
    async def reindex_job(
        request: Request, eng: EngineDep,
        job_id: Annotated[str, Path(description="The id POST /admin/reindex returned.",
                                    examples=["3f9a1c2b7d4e"])],
    ) -> ReindexJobOut:
        """queued, running (with stage and progress), succeeded or failed (with a message)."""
        job = request.app.state.reindex_jobs.get(job_id)
        if job is None:
            raise APIError(404, f"no reindex job {job_id!r} (jobs are kept in memory until the "
                           "server restarts)", "unknown_job")
        return ReindexJobOut(**job.to_dict())

    app.include_router(admin)
    for router in routers:
        app.include_router(router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _finish_schema(get_openapi(
                title=app.title, version=app.version, summary=app.summary,
                description=app.description, routes=app.routes, tags=app.openapi_tags))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _finish_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Document X-Request-ID on every response, and every error as ErrorResponse JSON."""
    header = {"description": "The request's id (the client's own X-Request-ID if sane).",
              "schema": {"type": "string"}}
    ours = {"$ref": "#/components/schemas/ErrorResponse"}
    for ops in schema.get("paths", {}).values():
        for op in ops.values():
            for status, resp in op.get("responses", {}).items():
                resp.setdefault("headers", {})["X-Request-ID"] = header
                if not str(status).isdigit() or int(status) < 400:
                    continue
                media = next(iter(resp.get("content", {}).values()), {})
                if media.get("schema", {}).get("$ref", "").endswith("/HTTPValidationError"):
                    resp["description"] = "The request breaks a rule of the schema; the " \
                                          "message says which."
                # Errors are JSON whatever the endpoint's own media type (the HTML page too).
                resp["content"] = {"application/json": {"schema": dict(ours)}}
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    return schema


def _set_engine(app: FastAPI, engine: Engine) -> None:
    app.state.reindex_jobs = ReindexJobs(engine)
    app.state.load_error = None
    app.state.engine = engine


async def _serve_engine(app: FastAPI, settings: Settings, hooks: Sequence[LifespanHook],
                        stop: asyncio.Event) -> None:
    """Load the engine (unless given), enter the hooks, and hold them until shutdown."""
    while app.state.engine is None:
        try:
            eng = await anyio.to_thread.run_sync(Engine.load, settings, abandon_on_cancel=True)
        except Exception as exc:  # noqa: BLE001 - report it on /readyz and retry
            if isinstance(exc, ReportQAError):
                log.error("cannot load the index (retrying in %.0f s): %s",
                          LOAD_RETRY_SECONDS, exc)
                app.state.load_error = str(exc)
            else:
                log.exception("cannot load the engine (retrying in %.0f s)", LOAD_RETRY_SECONDS)
                app.state.load_error = f"internal error: {exc}"
            try:
                await asyncio.wait_for(stop.wait(), LOAD_RETRY_SECONDS)
                return
            except TimeoutError:
                continue
        _set_engine(app, eng)
        log.info("ready: index %s, model %s", eng.version, eng.model_name)
    async with AsyncExitStack() as stack:
        for hook in hooks:
            try:
                await stack.enter_async_context(hook(app))
            except Exception as exc:  # noqa: BLE001 - the HTTP API keeps serving
                log.exception("lifespan hook %r failed to start", hook)
                app.state.hook_errors.append(f"{getattr(hook, '__name__', hook)}: {exc}")
        await stop.wait()
