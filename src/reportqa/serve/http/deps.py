"""Dependencies and parameters the routes share: the app's state, the loaded engine, the
admin key check, and the `document` and `series` filters."""

from __future__ import annotations

import hmac
import math
from typing import Annotated

from fastapi import Depends, Query, Request, Security
from fastapi.security import APIKeyHeader

from reportqa.engine import Engine
from reportqa.errors import UnknownSeriesError
from reportqa.index.jobs import ReindexJobs
from reportqa.limits import DOCUMENT_NAME_MAX_CHARS, SERIES_NAME_MAX_CHARS
from reportqa.serve.http.errors import APIError
from reportqa.serve.http.state import ServiceState

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False,
                               description="Equal to REPORTQA_ADMIN_API_KEY.")


async def get_service(request: Request) -> ServiceState:
    """The state of the app serving this request.

    `async` so that FastAPI calls it on the event loop: a plain `def` dependency is run in
    its thread pool, a hop to another thread and back on every request.
    """
    return request.app.state


ServiceDep = Annotated[ServiceState, Depends(get_service)]


async def current_engine(service: ServiceDep) -> Engine:
    """The loaded engine, or 503 while it loads."""
    eng = service.engine
    if eng is None:
        err, build = service.load_error, service.build_status()
        if build is not None:
            progress = f" ({build['stage']} {build['done']}/{build['total']})" if build[
                "stage"] else ""
            msg = f"the index is being built{progress}; retry in a few seconds"
        elif err:
            msg = f"the index could not be loaded: {err}"
        else:
            msg = "the model and index are still loading; retry in a few seconds"
        raise APIError(503, msg, "not_ready", headers={"Retry-After": "5"})
    return eng


EngineDep = Annotated[Engine, Depends(current_engine)]


async def current_jobs(service: ServiceDep, _engine: EngineDep) -> ReindexJobs:
    """The process's reindex jobs; 503 while the engine loads."""
    return service.reindex_jobs


JobsDep = Annotated[ReindexJobs, Depends(current_jobs)]


async def require_admin(request: Request, service: ServiceDep,
                        key: Annotated[str | None, Security(_api_key_header)] = None) -> None:
    """403 when admin is disabled (no key configured), 401 for a missing or wrong key, 429
    for a client that sent too many wrong keys lately (serve/http/throttle.py)."""
    secret = service.settings.admin_api_key
    configured = secret.get_secret_value() if secret else ""
    if not configured:
        raise APIError(403, "admin endpoints are disabled: set REPORTQA_ADMIN_API_KEY "
                       "to enable them", "admin_disabled")
    client = request.client.host if request.client else "?"
    wait = service.admin_throttle.retry_after(client)
    if wait > 0:
        raise APIError(429, f"too many wrong admin keys from this client; try again in "
                       f"{math.ceil(wait)} s", "too_many_attempts",
                       headers={"Retry-After": str(math.ceil(wait))})
    if not key or not hmac.compare_digest(key.encode("utf-8", "surrogateescape"),
                                          configured.encode("utf-8")):
        service.admin_throttle.failed(client)
        raise APIError(401, "missing or wrong X-API-Key header", "unauthorized")


DocParam = Annotated[str | None, Query(min_length=1, max_length=DOCUMENT_NAME_MAX_CHARS,
                                       description="Only this document (see /documents).")]


SeriesParam = Annotated[str | None, Query(min_length=1, max_length=SERIES_NAME_MAX_CHARS,
                                          description="Only this report series, all its "
                                          "editions (an id from /series, or a part of it only "
                                          "one series has, e.g. `mal-5`).")]


def check_document(eng: Engine, document: str | None, series: str | None = None) -> None:
    """404 unless `document` is None or the name of an indexed document, and `series` None
    or a series of the index (with both, the document one of the series')."""
    if document is not None and not eng.has_document(document):
        raise APIError(404, f"no document named {document!r} in the index; "
                       "GET /documents lists them", "unknown_document")
    if series is not None:
        try:
            editions = eng.series_documents(series)
        except UnknownSeriesError as exc:
            raise APIError(404, f"{exc}; GET /series lists them", "unknown_series") from exc
        if document is not None and document not in editions:
            raise APIError(404, f"the document {document!r} is not in the series {series!r}; "
                           "GET /series lists each series' documents", "unknown_document")
