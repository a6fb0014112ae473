"""POST /admin/reindex and GET /admin/reindex/{job_id}: rebuilding the index (X-API-Key)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from reportqa.serve.http.deps import JobsDep, require_admin
from reportqa.serve.http.errors import APIError, responses
from reportqa.serve.http.models import ReindexJobOut

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)],
                   responses=responses(401, 403, 429))

JobId = Annotated[str, Path(description="The id POST /admin/reindex returned.",
                            examples=["3f9a1c2b7d4e"])]


@router.post("/reindex", status_code=202, summary="Rebuild the index in the background",
             responses=responses(413, 503))
async def reindex(jobs: JobsDep) -> ReindexJobOut:
    """Rebuild from the corpus folder; the new version is swapped in when it is ready.

    Returns the job (a rebuild already running is returned instead of starting another);
    follow it with GET /admin/reindex/{id}.
    """
    return ReindexJobOut(**jobs.start().to_dict())


@router.get("/reindex/{job_id}", summary="The state of a rebuild",
            responses=responses(404, 503))
async def reindex_job(jobs: JobsDep, job_id: JobId) -> ReindexJobOut:
    """queued, running (with stage and progress), succeeded or failed (with a message)."""
    job = jobs.get(job_id)
    if job is None:
        raise APIError(404, f"no reindex job {job_id!r} (jobs are kept in memory until the "
                       "server restarts)", "unknown_job")
    return ReindexJobOut(**job.to_dict())
