"""GET /search: ranked passages for a query, without answer selection."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AfterValidator

from reportqa.limits import QUESTION_MAX_CHARS, SEARCH_K_MAX
from reportqa.serve.http.deps import (
    DocParam,
    EngineDep,
    SeriesParam,
    ServiceDep,
    check_document,
)
from reportqa.serve.http.errors import responses
from reportqa.serve.http.models import (
    SearchHitOut,
    SearchResponse,
    check_question,
    question_schema,
)
from reportqa.types import Hit

router = APIRouter(tags=["questions"])

SearchQ = Annotated[str, Query(description=f"The query; 1–{QUESTION_MAX_CHARS} characters "
                                           "after trimming.",
                               examples=["industrin sysselsätter"],
                               json_schema_extra=question_schema()),
                    AfterValidator(check_question)]
SearchK = Annotated[int, Query(ge=1, le=SEARCH_K_MAX,
                               description=f"How many passages (1–{SEARCH_K_MAX}).")]


@router.get("/search", summary="Ranked passages for a query",
            responses=responses(404, 422, 503))
async def search(q: SearchQ, service: ServiceDep, eng: EngineDep, k: SearchK = 5,
                 document: DocParam = None, series: SeriesParam = None) -> SearchResponse:
    """Hybrid (dense + lexical) search over the passages, best first; no answer selection."""
    check_document(eng, document, series)

    def run() -> tuple[list[Hit], dict[str, str], float]:
        t = time.perf_counter()
        hits = eng.search(q, k, document, series=series)
        titles = {d.name: d.title for d in eng.documents()}
        return hits, titles, (time.perf_counter() - t) * 1000

    hits, titles, took = await service.run_inference(run)
    return SearchResponse(
        query=q, index_version=eng.version, model=eng.model_name, took_ms=round(took, 2),
        hits=[hit_out(h, titles) for h in hits],
    )


def hit_out(h: Hit, titles: dict[str, str]) -> SearchHitOut:
    p = h.passage
    return SearchHitOut(document=p.doc, title=titles.get(p.doc, p.doc), section=p.section,
                        page=p.page, text=p.full_text, sentence=p.text,
                        score=round(float(h.score), 4), dense=round(float(h.dense), 4),
                        lexical=round(float(h.lexical), 4))
