"""GET /documents: what is indexed."""

from __future__ import annotations

from fastapi import APIRouter

from reportqa.serve.http.deps import EngineDep
from reportqa.serve.http.errors import responses
from reportqa.serve.http.models import DocumentOut, DocumentsResponse
from reportqa.types import DocumentInfo

router = APIRouter(tags=["questions"])


@router.get("/documents", summary="What is indexed", responses=responses(503))
async def documents(eng: EngineDep) -> DocumentsResponse:
    """The documents of the live index version, with their passages and hashes."""
    info = eng.info()  # one version, even if a swap happens meanwhile
    return DocumentsResponse(
        documents=[document_out(d) for d in info.documents],
        passages=info.passages,
        index_version=info.version, model=info.model,
    )


def document_out(d: DocumentInfo) -> DocumentOut:
    return DocumentOut(name=d.name, title=d.title, kind=d.kind, pages=d.pages,
                       passages=d.passages, sha256=d.sha256, indexed_at=d.indexed_at,
                       changed_at=d.changed_at, series=d.series, edition=d.edition)
