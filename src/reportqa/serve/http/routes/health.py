"""GET /healthz, /readyz and /metrics: liveness, readiness and Prometheus metrics."""

from __future__ import annotations

import anyio
from fastapi import APIRouter
from fastapi.responses import Response

from reportqa.serve.http.deps import EngineDep, ServiceDep
from reportqa.serve.http.errors import APIError, responses
from reportqa.serve.http.metrics import CONTENT_TYPE
from reportqa.serve.http.models import HealthResponse, ReadyResponse

router = APIRouter(tags=["operations"])


@router.get("/healthz", summary="The process is alive")
async def healthz() -> HealthResponse:
    """200 as long as the process answers, even while the model loads."""
    return HealthResponse(status="ok")


@router.get("/readyz", summary="The model and index are loaded", responses=responses(503))
async def readyz(service: ServiceDep, eng: EngineDep) -> ReadyResponse:
    """503 until the model and index are loaded, then 200 with the index version; 503 with
    the reason while the store cannot answer (PostgreSQL down: it reconnects by itself)."""
    health = getattr(eng, "health", None)
    down = await anyio.to_thread.run_sync(health) if health is not None else None
    if down:
        raise APIError(503, down, "store_unavailable", headers={"Retry-After": "2"})
    reload_state = getattr(eng, "reload_state", None)
    info = eng.info()
    bot = getattr(service, "telegram_bot", None)
    return ReadyResponse(status="ready", index_version=info.version, model=info.model,
                         documents=len(info.documents), passages=info.passages,
                         reload=reload_state() if reload_state else None,
                         warnings=list(service.hook_errors),
                         telegram=bot.status() if bot is not None else None,
                         build=service.build_status())


@router.get("/metrics", summary="Prometheus metrics", response_class=Response,
            responses={200: {"description": "Prometheus text exposition format.",
                             "content": {"text/plain": {
                                 "schema": {"type": "string"},
                                 "example": 'reportqa_answers_total{outcome="answered"} 12.0\n'
                             }}}})
async def metrics_endpoint(service: ServiceDep) -> Response:
    """Requests by endpoint and status, latency histogram, answered vs declined questions,
    the index version and its passage count."""
    return Response(service.metrics.render(), media_type=CONTENT_TYPE)
