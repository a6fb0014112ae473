"""POST /feedback: a 👍 or 👎 on an answer, stored with the answer (never who voted)."""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal

from fastapi import APIRouter, Body
from pydantic import BaseModel, ConfigDict, Field

from reportqa.errors import ReportQAError
from reportqa.feedback.answers import ANSWERS_KEPT_DAYS, ANSWERS_REMEMBERED
from reportqa.feedback.store import COMMENT_MAX_CHARS
from reportqa.serve.http.deps import ServiceDep
from reportqa.serve.http.errors import APIError, responses
from reportqa.serve.http.state import ServiceState

router = APIRouter(tags=["questions"])


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"answer_id": "3f9a1c2b7d4e5f60", "vote": "down", "comment": "Fel år"}]})

    answer_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                           description="`answer_id` of the POST /ask response.")
    vote: Literal["up", "down"]
    comment: str | None = Field(None, max_length=COMMENT_MAX_CHARS,
                                description="What was wrong or right, in a few words.")


class FeedbackResponse(BaseModel):
    stored: bool
    id: int = Field(description="The row id in the feedback database.")


@router.post("/feedback", status_code=201, summary="Vote on an answer",
             responses=responses(400, 404, 413, 422, 503))
async def feedback(service: ServiceDep,
                   body: Annotated[FeedbackRequest, Body()]) -> FeedbackResponse:
    """Store 👍 / 👎 (and a comment) with the question, the answer, its sources and the index
    version. `reportqa feedback export --jsonl` turns 👎 into regression questions.

    On a PostgreSQL store the answer and the vote are in the database: a vote may reach any
    replica. The database unreachable is 503 with the reason."""
    try:
        record = await asyncio.to_thread(service.answers.get, body.answer_id)
        if record is None:
            raise APIError(404, f"no answer {body.answer_id!r} here: {_remembered(service)}; "
                           "ask again and vote on the new answer", "unknown_answer")
        row = await asyncio.to_thread(service.feedback.add, record, body.vote, body.comment,
                                      "http")
    except ReportQAError as exc:
        raise APIError(503, str(exc), "feedback_unavailable") from exc
    service.metrics.observe_vote(body.vote, "http")
    return FeedbackResponse(stored=True, id=row)


def _remembered(service: ServiceState) -> str:
    if service.feedback_shared:
        return f"answers stay votable for {ANSWERS_KEPT_DAYS} days"
    return (f"this server remembers its latest {ANSWERS_REMEMBERED} answers until it "
            "restarts")
