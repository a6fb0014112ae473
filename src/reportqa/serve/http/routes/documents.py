"""GET /documents: what is indexed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from reportqa.serve.http.deps import EngineDep
from reportqa.serve.http.errors import responses
from reportqa.serve.http.models import DocumentOut, DocumentsResponse

router = APIRouter(tags=["questions"])


@router.get("/documents", summary="What is indexed", responses=responses(503))
async def documents(eng: EngineDep) -> DocumentsResponse:
    """The documents of the live index version, with their passages and hashes."""
    return DocumentsResponse(
        documents=[document_out(d) for d in eng.documents()],
        passages=int(eng.manifest.get("passages", 0)),
        index_version=eng.version, model=eng.model_name,
    )


def document_out(d: dict[str, Any]) -> DocumentOut:
    return DocumentOut(name=d["name"], title=d.get("title", d["name"]), kind=d.get("kind", ""),
                       pages=d.get("pages"), passages=int(d.get("passages", 0)),
                       sha256=d.get("sha256", ""), indexed_at=d.get("indexed_at", ""),
                       changed_at=d.get("changed_at", ""))
