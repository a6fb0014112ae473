"""The OpenAPI document of the HTTP API: its description and tags, and the finishing touches
(X-Request-ID on every response, every error as ErrorResponse JSON)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from reportqa.limits import MAX_BODY_BYTES, REQUEST_ID_MAX_CHARS
from reportqa.serve.http.models import ErrorResponse

DESCRIPTION = f"""
Ask the indexed regional reports a question, in Swedish or English, and get the answer quoted
from the report with its source — or `found: false` when the report does not say.

* `POST /ask` (JSON) or `GET /ask?q=…` (curl, browsers): the answer and its sources.
* `GET /search?q=…&k=…`: ranked passages, without answer selection.
* `GET /documents`: what is indexed. `GET /healthz`, `GET /readyz`, `GET /metrics`: operations.
* `POST /admin/reindex`, `GET /admin/reindex/{{id}}`: rebuild the index from the corpus in the
  background (header `X-API-Key` = `REPORTQA_ADMIN_API_KEY`).

Every error has the same JSON shape (`ErrorResponse`). Every response carries an
`X-Request-ID` header: the client's own if it sent a sane one (letters, digits, `._:+=/-`,
at most {REQUEST_ID_MAX_CHARS} characters), otherwise a new one. Request bodies are limited to
{MAX_BODY_BYTES // 1024} KiB.
"""

TAGS = [
    {"name": "questions", "description": "Answers and passages from the reports."},
    {"name": "series", "description": "Report series, their editions, and what changed "
                                      "between two editions."},
    {"name": "operations", "description": "Health, readiness and metrics."},
    {"name": "admin", "description": "Rebuilding the index; needs `X-API-Key`."},
    {"name": "page", "description": "The chat page."},
]

#: The response every operation may give.
ERROR_500 = {500: {"model": ErrorResponse,
                   "description": "Internal error (a bug); the request id finds it in the log."}}


def install_openapi(app: FastAPI) -> None:
    """The schema is generated once, then finished by `finish_schema`."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = finish_schema(get_openapi(
                title=app.title, version=app.version, summary=app.summary,
                description=app.description, routes=app.routes, tags=app.openapi_tags))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def finish_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Document X-Request-ID on every response, and every error as ErrorResponse JSON."""
    header = {"description": "The request's id (the client's own X-Request-ID if sane).",
              "schema": {"type": "string"}}
    ours = {"$ref": "#/components/schemas/ErrorResponse"}
    for ops in schema.get("paths", {}).values():
        for op in ops.values():
            for status, resp in op.get("responses", {}).items():
                resp.setdefault("headers", {})["X-Request-ID"] = header
                if not str(status).isdigit() or int(status) < 400:
                    continue
                media = next(iter(resp.get("content", {}).values()), {})
                if media.get("schema", {}).get("$ref", "").endswith("/HTTPValidationError"):
                    resp["description"] = "The request breaks a rule of the schema; the " \
                                          "message says which."
                # Errors are JSON whatever the endpoint's own media type (the HTML page too).
                resp["content"] = {"application/json": {"schema": dict(ours)}}
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    return schema
