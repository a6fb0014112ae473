"""POST /ask and GET /ask: the answer to a question, quoted from the report, with sources."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Body, Query
from pydantic import AfterValidator

from reportqa.ask.followup import Turn
from reportqa.engine import Engine
from reportqa.errors import ReportQAError, StoreUnavailableError, UnknownSeriesError
from reportqa.limits import QUESTION_MAX_CHARS, TOP_K_MAX
from reportqa.serve.http.deps import (
    DocParam,
    EngineDep,
    SeriesParam,
    ServiceDep,
    check_document,
)
from reportqa.serve.http.errors import APIError, responses
from reportqa.serve.http.models import (
    EXAMPLE_DOC,
    EXAMPLE_QUESTION,
    AskRequest,
    AskResponse,
    SourceOut,
    check_question,
    question_schema,
)
from reportqa.serve.http.state import ServiceState
from reportqa.types import Answer

log = logging.getLogger(__name__)

router = APIRouter(tags=["questions"])

AskBody = Annotated[AskRequest, Body(openapi_examples={
    "swedish": {"summary": "A question in Swedish",
                "value": {"question": EXAMPLE_QUESTION, "top_k": 3}},
    "english": {"summary": "A question in English",
                "value": {"question": "How many people does the industry employ?"}},
    "one document": {"summary": "Only one document",
                     "value": {"question": "Hur mycket omsätter turismbranschen?", "top_k": 1,
                               "document": EXAMPLE_DOC}},
})]
QParam = Annotated[str, Query(description=f"The question; 1–{QUESTION_MAX_CHARS} characters "
                                          "after trimming.",
                              examples=[EXAMPLE_QUESTION],
                              json_schema_extra=question_schema()),
                   AfterValidator(check_question)]
TopK = Annotated[int, Query(ge=1, le=TOP_K_MAX, description=f"How many sources (1–{TOP_K_MAX}).")]


@router.post("/ask", summary="Answer a question (JSON body)",
             responses=responses(400, 404, 413, 422, 503))
async def ask_post(body: AskBody, service: ServiceDep, eng: EngineDep) -> AskResponse:
    """The answering sentence quoted from the report, with its sources.

    `answer` is null exactly when `found` is false: the report does not answer it. With
    `history`, a follow-up is answered as the question it stands for (`resolved_question`).
    """
    history = [Turn(t.question, t.answer) for t in body.history]
    return await answer(service, eng, body.question, body.top_k, body.document, history,
                        body.series)


@router.get("/ask", summary="Answer a question (query string)",
            responses=responses(404, 422, 503))
async def ask_get(q: QParam, service: ServiceDep, eng: EngineDep, top_k: TopK = 3,
                  document: DocParam = None, series: SeriesParam = None) -> AskResponse:
    """Same as POST /ask, for curl and browsers: `/ask?q=Hur+många+…`."""
    return await answer(service, eng, q, top_k, document, series=series)


async def answer(service: ServiceState, eng: Engine, question: str, top_k: int,
                 document: str | None, history: Sequence[Turn] = (),
                 series: str | None = None) -> AskResponse:
    """Answer on an inference thread, count the outcome, and shape the response."""
    ans, took, answer_id = await ask_engine(service, eng, question, top_k, document, history,
                                            series)
    response = ask_response(ans, eng, took)
    response.answer_id = answer_id
    return response


async def ask_engine(service: ServiceState, eng: Engine, question: str, top_k: int,
                     document: str | None, history: Sequence[Turn] = (),
                     series: str | None = None) -> tuple[Answer, float, str]:
    """The engine's answer (on an inference thread), its milliseconds and its answer id; the
    outcome counted and the answer remembered for feedback. Shared by /ask and /v1."""
    check_document(eng, document, series)

    def run() -> tuple[Answer, float]:
        t = time.perf_counter()
        ans = eng.ask(question, top_k, document, history=history, series=series)
        return ans, (time.perf_counter() - t) * 1000

    try:
        ans, took = await service.run_inference(run)
    except StoreUnavailableError:
        raise  # 503 with the reason (errors.py)
    except ReportQAError as exc:  # e.g. the document vanished in a reindex meanwhile
        raise APIError(404 if isinstance(exc, UnknownSeriesError) or "document" in str(exc)
                       else 422, str(exc)) from exc
    service.metrics.observe_answer(ans.found)
    # Questions are personal data in a public bot: only at DEBUG, never in the access log.
    log.debug("question %r (read as %r) -> %s (confidence %.2f, %.0f ms)", question,
              ans.resolved_question, "answered" if ans.found else "declined", ans.confidence,
              took)
    if service.feedback_shared:  # a PostgreSQL store: a database write, off the event loop
        return ans, took, await asyncio.to_thread(service.answers.remember, ans)
    return ans, took, service.answers.remember(ans)


def ask_response(ans: Answer, eng: Engine, took_ms: float) -> AskResponse:
    return AskResponse(
        question=ans.question, resolved_question=ans.resolved_question, answer=ans.text,
        found=ans.found,
        confidence=float(ans.confidence), language=ans.language,
        sources=[SourceOut(document=s.document, title=s.title, section=s.section,
                           page=s.page, text=s.text, sentence=s.sentence,
                           score=float(s.score), indexed_at=s.indexed_at, edition=s.edition)
                 for s in ans.sources],
        index_version=ans.index_version or eng.version, model=eng.model_name,
        took_ms=round(took_ms, 2),
    )
