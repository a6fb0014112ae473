"""Request and response models of the HTTP API, with the examples shown in /docs."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from reportqa.index.jobs import JobState
from reportqa.limits import (
    DOCUMENT_NAME_MAX_CHARS,
    HISTORY_ANSWER_MAX_CHARS,
    HISTORY_MAX_TURNS,
    QUESTION_MAX_CHARS,
    SERIES_NAME_MAX_CHARS,
    TOP_K_MAX,
)

# What "trimming" removes: Python's whitespace plus the BOM (ECMA-262 counts it as space).
# The schema's pattern names these characters literally, so every regex engine (Python,
# ECMA, Rust) agrees with `check_question` on what a blank question is.
TRIM_CHARS = "".join(sorted({c for c in map(chr, range(0x3001)) if c.isspace()} | {"\ufeff"}))
_WS, _NON_WS = f"[{TRIM_CHARS}]", f"[^{TRIM_CHARS}]"
# 1–QUESTION_MAX_CHARS characters once leading and trailing whitespace is trimmed (patterns
# search, so it is anchored).
QUESTION_PATTERN = rf"^{_WS}*{_NON_WS}(?:[\s\S]{{0,{QUESTION_MAX_CHARS - 2}}}{_NON_WS})?{_WS}*$"

EXAMPLE_QUESTION = "Hur många personer sysselsätter industrin?"
EXAMPLE_SENTENCE = (
    "En betydande näring i länet är det industriella kluster inom tillverkningsindustrin som "
    "är starkt präglat av SME-företag med hög entreprenörs och uppfinningsanda och "
    "sysselsätter ca 5 000 personer inom olika industrinäringar."
)
EXAMPLE_DOC = "region-jamtland-harjedalen_laget-i-lanet_mal-5-fler-kluster.txt"
EXAMPLE_TITLE = "Läget i länet – Mål 5. Fler kluster"
EXAMPLE_SECTION = "Mål 5. Fler kluster"
EXAMPLE_VERSION = "v20250101T120000000000Z-1a2b"
EXAMPLE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def check_question(value: str) -> str:
    """Trim the question; it must then hold 1–QUESTION_MAX_CHARS characters of valid Unicode."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate such as "\ud800" in the JSON
        raise ValueError(f"the question is not valid Unicode text (character {exc.start + 1} "
                         "is a lone surrogate)") from None
    text = value.strip(TRIM_CHARS)
    if not 1 <= len(text) <= QUESTION_MAX_CHARS:
        raise ValueError(
            f"the question must be 1–{QUESTION_MAX_CHARS} characters after trimming spaces "
            f"(got {len(text)})"
        )
    return text


Question = Annotated[str, AfterValidator(check_question)]


def whole_number(value: Any) -> Any:
    """JSON integers, and numbers like 3.0 (JSON Schema integers too); not strings or booleans."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("must be a whole number")
        return int(value)
    return value


WholeNumber = Annotated[int, BeforeValidator(whole_number)]


def question_schema(**extra: Any) -> dict[str, Any]:
    """JSON Schema keywords that document the question rule."""
    return {"minLength": 1, "pattern": QUESTION_PATTERN, **extra}


# ---- requests ------------------------------------------------------------------------------
class AskRequest(BaseModel):
    """A question, how many sources to return, and optionally one document to ask."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"question": EXAMPLE_QUESTION, "top_k": 3}]},
    )

    question: Question = Field(
        description=f"The question, in Swedish or English; 1–{QUESTION_MAX_CHARS} characters "
                    "after trimming.",
        json_schema_extra=question_schema(),
    )
    top_k: WholeNumber = Field(3, ge=1, le=TOP_K_MAX,
                               description=f"How many sources to return (1–{TOP_K_MAX}).")
    document: str | None = Field(
        None, min_length=1, max_length=DOCUMENT_NAME_MAX_CHARS,
        description="Only search this document (a `name` from GET /documents).",
    )
    series: str | None = Field(
        None, min_length=1, max_length=SERIES_NAME_MAX_CHARS,
        description="Only search this report series, all its editions (an `id` from GET "
                    "/series, or a part of it only one series has, e.g. `mal-5`). Without it, "
                    "a question that names a report (\"i mål 3\") is answered from that one.",
    )
    history: list[HistoryTurn] = Field(
        default_factory=list, max_length=HISTORY_MAX_TURNS,
        description=f"The earlier turns of the conversation, most recent last (at most "
        f"{HISTORY_MAX_TURNS}): a follow-up such as \"Och inom turismen?\" is answered as "
        "the question it stands for (`resolved_question`). Stateless: send it each time.",
    )


class HistoryTurn(BaseModel):
    """One earlier turn of the conversation: the question and the answer it got."""

    model_config = ConfigDict(extra="forbid")

    question: Question = Field(description=f"An earlier question, 1–{QUESTION_MAX_CHARS} "
                               "characters after trimming.",
                               json_schema_extra=question_schema())
    answer: str | None = Field(None, max_length=HISTORY_ANSWER_MAX_CHARS,
                               description="The answer it got (the answer text, null when "
                               "declined).")


# ---- responses -----------------------------------------------------------------------------
class SourceOut(BaseModel):
    """Where an answer comes from: the passage, and the sentence of it that answers."""

    document: str = Field(description="The document's file name in the corpus.")
    title: str
    section: str = Field(description="The heading the passage stands under.")
    page: int | None = Field(description="Page number (PDF/DOCX), or null for plain text.")
    text: str = Field(description="The passage: the sentence with the one before it.")
    sentence: str = Field(description="The sentence of the passage that matched.")
    score: float = Field(description="Retrieval score, 0–1.")
    indexed_at: str = Field("", description="When this edition of the document was first "
                                             "indexed (UTC).")
    edition: str = Field("", description="The edition of the report series the document "
                                          "belongs to (a year, e.g. \"2021\"); empty when the "
                                          "document names none.")


class AskResponse(BaseModel):
    """The answer quoted from the report, or `found: false` when the report does not say."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "question": EXAMPLE_QUESTION,
        "answer": EXAMPLE_SENTENCE,
        "found": True,
        "confidence": 0.71,
        "language": "sv",
        "sources": [{"document": EXAMPLE_DOC, "title": EXAMPLE_TITLE,
                     "section": EXAMPLE_SECTION, "page": None,
                     "text": EXAMPLE_SENTENCE, "sentence": EXAMPLE_SENTENCE, "score": 0.93,
                     "indexed_at": "2025-01-01T12:00:00Z"}],
        "index_version": EXAMPLE_VERSION,
        "model": EXAMPLE_MODEL,
        "took_ms": 14.2,
    }]})

    question: str = Field(description="The question as understood (trimmed).")
    resolved_question: str | None = Field(
        None, description="With `history`: the question answered, when the conversation "
        "made a follow-up of it (show it as \"Tolkat som: …\" / \"Read as: …\"); else null.")
    answer_id: str = Field("", description="Identifies this answer for POST /feedback.")
    answer: str | None = Field(description="The answering sentence(s); null when not found.")
    found: bool = Field(description="False when the report does not answer the question.")
    confidence: float = Field(description="How sure the answer is, 0–1.")
    language: str = Field(description='"sv" or "en": the language of the question.')
    sources: list[SourceOut]
    index_version: str
    model: str
    took_ms: float = Field(description="Time spent answering, in milliseconds.")


class SearchHitOut(BaseModel):
    document: str
    title: str
    section: str
    page: int | None
    text: str = Field(description="The passage: the sentence with the one before it.")
    sentence: str = Field(description="The passage's own sentence.")
    score: float = Field(description="Fused score, 0–1.")
    dense: float = Field(description="Cosine similarity of the embeddings.")
    lexical: float = Field(description="BM25 score relative to the best one of the query.")


class SearchResponse(BaseModel):
    """Ranked passages, without answer selection."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "query": "industrin sysselsätter",
        "hits": [{"document": EXAMPLE_DOC, "title": EXAMPLE_TITLE, "section": EXAMPLE_SECTION,
                  "page": None, "text": EXAMPLE_SENTENCE, "sentence": EXAMPLE_SENTENCE,
                  "score": 0.93, "dense": 0.41, "lexical": 1.0}],
        "index_version": EXAMPLE_VERSION,
        "model": EXAMPLE_MODEL,
        "took_ms": 9.8,
    }]})

    query: str
    hits: list[SearchHitOut]
    index_version: str
    model: str
    took_ms: float


class DocumentOut(BaseModel):
    name: str = Field(description="File name in the corpus; use it as `document` in /ask.")
    title: str
    kind: str = Field(description="txt, md, pdf or docx.")
    pages: int | None
    passages: int
    sha256: str
    indexed_at: str = Field(description="When this content of the document was first indexed "
                                        "(UTC); kept while the document is unchanged.")
    changed_at: str = Field(description="When its content last changed (UTC).")
    series: str = Field("", description="The report series: its title and goal heading. "
                                         "Questions are answered from the newest edition of "
                                         "a series unless they name another.")
    edition: str = Field("", description="The edition's year in its series (\"Uppföljning "
                                          "2021\"), empty when the document names none.")


class DocumentsResponse(BaseModel):
    """What is indexed."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "documents": [{"name": EXAMPLE_DOC, "title": EXAMPLE_TITLE, "kind": "txt", "pages": None,
                       "passages": 31, "sha256": "9f2c…", "indexed_at": "2025-01-01T12:00:00Z",
                       "changed_at": "2025-01-01T12:00:00Z"}],
        "passages": 31,
        "index_version": EXAMPLE_VERSION,
        "model": EXAMPLE_MODEL,
    }]})

    documents: list[DocumentOut]
    passages: int = Field(description="Passages in the whole index.")
    index_version: str
    model: str


class EditionOut(BaseModel):
    edition: str = Field(description="The edition's year; empty for a document without an "
                                     "edition line (\"undated\" in `from`/`to`).")
    document: str


class SeriesOut(BaseModel):
    id: str = Field(description="Use it in /series/{id}/changes.")
    name: str = Field(description="The series: the report's title and goal heading.")
    editions: list[EditionOut] = Field(description="Oldest first.")


class SeriesListResponse(BaseModel):
    """The report series of the live index version."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "series": [{"id": "laget-i-lanet-mal-5-fler-kluster",
                    "name": "Läget i länet – Mål 5. Fler kluster",
                    "editions": [{"edition": "", "document": "…mal-5-fler-kluster.txt"},
                                 {"edition": "2021",
                                  "document": "…mal-5-fler-kluster_2021.txt"}]}],
        "index_version": "v20261205-092000-1"}]})

    series: list[SeriesOut]
    index_version: str


class FactOut(BaseModel):
    value: float = Field(description="The figure as a number, in its unit's base "
                                     "(\"5,3 miljarder kronor\" → 5300000000).")
    figure: str = Field(description="The figure as written.")
    unit: str = Field(description="procent, kronor, km, …; empty for a count.")
    measure: str = Field(description="What it counts or measures: the noun phrase it is "
                                     "bound to.")
    sentence: str
    document: str
    section: str
    page: int | None
    edition: str


class ChangeOut(BaseModel):
    kind: str = Field(description="changed, new or removed.")
    measure: str
    unit: str
    old: FactOut | None = Field(description="The figure in the older edition (none: new).")
    new: FactOut | None = Field(description="The figure in the newer edition (none: "
                                             "removed).")


class ChangesResponse(BaseModel):
    """Changed, new and removed figures between two editions of a report series."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "series": "Läget i länet – Mål 5. Fler kluster (…)",
        "series_id": "laget-i-lanet-mal-5-fler-kluster",
        "from_edition": "", "to_edition": "2021",
        "from_document": "…mal-5-fler-kluster.txt", "to_document": "…_2021.txt",
        "counts": {"changed": 5, "new": 2, "removed": 0, "unchanged": 6},
        "changes": [], "index_version": "v20261205-092000-1"}]})

    series: str
    series_id: str
    from_edition: str
    to_edition: str
    from_document: str
    to_document: str
    counts: dict[str, int] = Field(description="changed, new, removed, unchanged figures.")
    changes: list[ChangeOut] = Field(description="In the newer edition's order; removed "
                                                 "figures last.")
    index_version: str


class HealthResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: str = Field(description='Always "ok": the process answers.')


class ReadyResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "status": "ready", "index_version": EXAMPLE_VERSION, "model": EXAMPLE_MODEL,
        "documents": 1, "passages": 31,
    }]})

    status: str = Field(description='"ready" once the model and index are loaded.')
    index_version: str
    model: str
    documents: int
    passages: int
    reload: dict[str, Any] | None = Field(
        None, description="Hot reload state: the live and CURRENT versions, swaps, and why a "
                          "version was refused, if one was.")
    warnings: list[str] = Field(
        default_factory=list, description="Front ends started beside the API that failed.")
    telegram: dict[str, Any] | None = Field(
        None, description='The Telegram bot run by this server: state ("starting", '
        '"running", "failed", "stopped"), mode ("polling" or "webhook") and the last error; '
        "null when no TELEGRAM_BOT_TOKEN is set.")
    build: dict[str, Any] | None = Field(
        None, description="A rebuild running in this server (`make run` while the corpus "
        "changed, --watch, /admin/reindex): its stage and progress; null when none runs.")


class ReindexJobOut(BaseModel):
    """A background rebuild of the index from the corpus folder."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "3f9a1c2b7d4e", "state": "succeeded", "stage": "writing", "done": 1, "total": 1,
        "started_at": 1735732800.0, "finished_at": 1735732803.2, "version": EXAMPLE_VERSION,
        "message": "index v…: 31 passages from 1 documents",
        "result": {"documents": 1, "passages": 31, "embedded": 0, "seconds": 3.2,
                   "skipped": [], "published": True},
    }]})

    id: str
    state: JobState
    stage: str = Field(description="documents, embedding or writing, while it runs.")
    done: int
    total: int
    started_at: float = Field(description="Unix time.")
    finished_at: float | None
    version: str | None = Field(description="The index version built.")
    message: str
    result: dict[str, Any]


# ---- errors --------------------------------------------------------------------------------
class ErrorDetail(BaseModel):
    field: str = Field(description='Where the problem is, e.g. "body.question" or "query.q".')
    message: str


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status code.")
    code: str = Field(description="A stable machine-readable name, e.g. invalid_request.")
    message: str = Field(description="What went wrong and what to do, for a person.")
    request_id: str = Field(description="The X-Request-ID of the request.")
    details: list[ErrorDetail] = Field(default_factory=list)
    type: str = Field("invalid_request_error", description="OpenAI's error type "
                      "(invalid_request_error, authentication_error, permission_error, "
                      "not_found_error, rate_limit_error, api_error), so OpenAI clients "
                      "read the error as their own.")
    param: str | None = Field(None, description="The field at fault, if one is (OpenAI's "
                              "`param`).")


class ErrorResponse(BaseModel):
    """Every error has this shape."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"error": {
        "status": 422, "code": "invalid_request",
        "message": f"body.question: the question must be 1–{QUESTION_MAX_CHARS} characters "
                   "after trimming spaces (got 0)",
        "request_id": "6f1d0c3e9b2a4c58a7e2d1f0b3c4a5d6",
        "details": [{"field": "body.question",
                     "message": f"the question must be 1–{QUESTION_MAX_CHARS} characters "
                                "after trimming spaces (got 0)"}],
        "type": "invalid_request_error", "param": "body.question",
    }}]})

    error: ErrorBody
