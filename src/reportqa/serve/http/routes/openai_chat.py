"""POST /v1/chat/completions and GET /v1/models: reportqa as an OpenAI-compatible model.

Chat front ends people already run (Open WebUI, LibreChat, any OpenAI client library) can
use reportqa as a "model". The last user message is the question; the earlier user and
assistant messages are the conversation a follow-up is resolved against; system messages
are ignored. The assistant message is the quoted answer with its source line, or the "not in
the report" text. With `stream`, it is sent as server-sent events in OpenAI's chunk format.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from reportqa.ask.followup import Turn
from reportqa.ask.messages import answer_text
from reportqa.limits import HISTORY_MAX_TURNS, QUESTION_MAX_CHARS
from reportqa.serve.http.deps import EngineDep, ServiceDep
from reportqa.serve.http.errors import APIError, responses
from reportqa.serve.http.routes.ask import ask_engine

router = APIRouter(prefix="/v1", tags=["openai"])

#: The one model this endpoint serves.
MODEL_ID = "reportqa"
#: Characters of one message: a question is at most QUESTION_MAX_CHARS; an assistant message
#: in the history (a 400-character answer, its source line, "Tolkat som: …") is longer.
MESSAGE_MAX_CHARS = 1200
#: Messages in one request: the history plus system prompts; more is refused.
MESSAGES_MAX = 2 * HISTORY_MAX_TURNS + 5
#: Characters of the answer per streamed chunk: a chat shows it arriving.
STREAM_CHUNK_CHARS = 48


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    text: str | None = None


class Message(BaseModel):
    model_config = ConfigDict(extra="allow")  # name, tool_calls, … are accepted and ignored

    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[ContentPart] | None = Field(
        None, description=f"At most {MESSAGE_MAX_CHARS} characters.")

    @field_validator("content")
    @classmethod
    def _bounded(cls, value: Any) -> Any:
        if len(_text(value)) > MESSAGE_MAX_CHARS:
            raise ValueError(f"a message may have at most {MESSAGE_MAX_CHARS} characters")
        return value


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")
    include_usage: bool = False


class ChatRequest(BaseModel):
    """OpenAI's chat completion request; sampling parameters are accepted and ignored (the
    answer is quoted, not generated)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "model": MODEL_ID, "messages": [
            {"role": "user", "content": "Hur många jobbar inom industrin?"},
            {"role": "assistant", "content": "… ca 5 000 personer …"},
            {"role": "user", "content": "Och inom turismen?"}]}]})

    model: str = Field(MODEL_ID, max_length=200, description=f'Any name; "{MODEL_ID}".')
    messages: list[Message] = Field(min_length=1, max_length=MESSAGES_MAX)
    stream: bool = False
    stream_options: StreamOptions | None = None


def _text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "\n".join(p.text or "" for p in content if isinstance(p, ContentPart))


def conversation(messages: list[Message]) -> tuple[str, list[Turn]]:
    """(the question: the last user message, the earlier turns as question/answer pairs)."""
    turns: list[Turn] = []
    pending: str | None = None
    for m in messages[:-1]:
        if m.role == "user":
            if pending is not None:
                turns.append(Turn(pending))
            pending = _text(m.content).strip() or None
        elif m.role == "assistant" and pending is not None:
            # The answer sentence: the text before our source line ("\n\nKälla: …").
            reply = _text(m.content).strip().split("\n\n")
            body = [p for p in reply if not p.startswith(("(Tolkat som:", "(Read as:"))]
            turns.append(Turn(pending, body[0] if body else None))
            pending = None
    if pending is not None:
        turns.append(Turn(pending))
    last = messages[-1]
    if last.role != "user":
        raise APIError(422, "the last message must be the user's question", "invalid_request")
    question = _text(last.content).strip()
    if not 1 <= len(question) <= QUESTION_MAX_CHARS:
        raise APIError(422, f"the question (the last user message) must be 1–"
                       f"{QUESTION_MAX_CHARS} characters (got {len(question)})",
                       "invalid_request")
    return question, turns[-HISTORY_MAX_TURNS:]


def _tokens(text: str) -> int:
    """A token count for `usage`: words and punctuation (there is no generating tokenizer)."""
    return len(text.split())


@router.get("/models", summary="The models this endpoint serves")
async def models() -> dict[str, Any]:
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0,
                                        "owned_by": "reportqa"}]}


@router.post("/chat/completions", summary="Answer the last user message (OpenAI format)",
             responses={**responses(400, 404, 413, 422, 503), 200: {
                 "description": "A `chat.completion` object, or with `stream: true` "
                 "`chat.completion.chunk` server-sent events ending in `data: [DONE]`.",
                 "content": {"application/json": {}, "text/event-stream": {
                     # One event: its `data` is a chunk as JSON, or "[DONE]" at the end.
                     "schema": {"type": "object", "required": ["data"], "properties": {
                         "data": {"type": "string"}, "event": {"type": "string"}}}}}}})
async def chat_completions(service: ServiceDep, eng: EngineDep,
                           body: Annotated[ChatRequest, Body()]):
    """The quoted answer and its source as the assistant's message (or a stream of chunks)."""
    question, history = conversation(body.messages)
    ans, _took, answer_id = await ask_engine(service, eng, question, 3, None, history)
    content = answer_text(ans)
    prompt_tokens = sum(_tokens(_text(m.content)) for m in body.messages)
    usage = {"prompt_tokens": prompt_tokens, "completion_tokens": _tokens(content),
             "total_tokens": prompt_tokens + _tokens(content)}
    cid, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
    extra = {"reportqa": {"found": ans.found, "confidence": float(ans.confidence),
                          "resolved_question": ans.resolved_question, "answer_id": answer_id,
                          "index_version": ans.index_version}}
    if not body.stream:
        return {"id": cid, "object": "chat.completion", "created": created, "model": MODEL_ID,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                             "finish_reason": "stop", "logprobs": None}],
                "usage": usage, **extra}
    include_usage = bool(body.stream_options and body.stream_options.include_usage)
    return StreamingResponse(_stream(cid, created, content, usage if include_usage else None),
                             media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


async def _stream(cid: str, created: int, content: str,
                  usage: dict[str, int] | None) -> AsyncIterator[bytes]:
    def chunk(delta: dict[str, Any], finish: str | None = None, **more: Any) -> bytes:
        data = {"id": cid, "object": "chat.completion.chunk", "created": created,
                "model": MODEL_ID, "choices": [{"index": 0, "delta": delta,
                                                "finish_reason": finish, "logprobs": None}],
                **more}
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n".encode()

    yield chunk({"role": "assistant", "content": ""})
    for i in range(0, len(content), STREAM_CHUNK_CHARS):
        yield chunk({"content": content[i:i + STREAM_CHUNK_CHARS]})
    yield chunk({}, "stop")
    if usage is not None:
        data = {"id": cid, "object": "chat.completion.chunk", "created": created,
                "model": MODEL_ID, "choices": [], "usage": usage}
        yield f"data: {json.dumps(data)}\n\n".encode()
    yield b"data: [DONE]\n\n"

