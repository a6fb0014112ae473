"""One JSON shape for every error of the HTTP API, and the handlers that produce it."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException as StarletteHTTPException

from reportqa.errors import StoreUnavailableError
from reportqa.limits import MAX_BODY_BYTES
from reportqa.serve.http.models import ErrorResponse

log = logging.getLogger(__name__)

CODES = {
    400: "malformed_json", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 413: "payload_too_large",
    415: "unsupported_media_type", 422: "invalid_request", 500: "internal_error",
    503: "not_ready",
}
MAX_DETAILS = 10


class APIError(Exception):
    """An error for the client, with its status, code and message."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, HTTPStatus(status).phrase.lower().replace(" ", "_"))
        self.message = message
        self.headers = dict(headers or {})


#: OpenAI's error `type` for each status, so that OpenAI clients read reportqa's errors as
#: their own (the shape is a superset of OpenAI's: message, type, param, code).
OPENAI_TYPES = {400: "invalid_request_error", 401: "authentication_error",
                403: "permission_error", 404: "not_found_error", 408: "invalid_request_error",
                413: "invalid_request_error", 422: "invalid_request_error",
                429: "rate_limit_error"}


def error_payload(status: int, message: str, request_id: str, code: str | None = None,
                  details: Iterable[dict[str, str]] = ()) -> dict[str, Any]:
    details = list(details)
    return {"error": {"status": status, "code": code or CODES.get(status, "error"),
                      "message": message, "request_id": request_id, "details": details,
                      "type": OPENAI_TYPES.get(status, "invalid_request_error" if status < 500
                                               else "api_error"),
                      "param": details[0]["field"] if details else None}}


def error_bytes(status: int, message: str, request_id: str, code: str | None = None) -> bytes:
    """The error body, for the ASGI middleware that answers before the app runs."""
    return json.dumps(error_payload(status, message, request_id, code),
                      ensure_ascii=False).encode("utf-8")


def request_id_of(request: Request) -> str:
    return request.scope.get("state", {}).get("request_id", "") or ""


def error_response(request: Request, status: int, message: str, code: str | None = None,
                   details: Iterable[dict[str, str]] = (),
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_payload(status, message, request_id_of(request), code, details),
                        status_code=status, headers=dict(headers or {}))


def _field(loc: Iterable[Any]) -> str:
    return ".".join(str(p) for p in loc)


def _detail_message(err: Mapping[str, Any]) -> str:
    msg = str(err.get("msg", "invalid value"))
    if err.get("type") == "value_error":
        msg = msg.removeprefix("Value error, ")
    elif err.get("type") == "extra_forbidden":
        msg = "unknown field (the fields are question, top_k and document)"
    elif err.get("type") == "missing":
        msg = "this field is required"
    elif err.get("type") in ("model_attributes_type", "dict_type"):
        msg = "the body must be a JSON object with Content-Type: application/json"
    return msg


async def _validation_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    bad_json = next((e for e in errors if e.get("type") == "json_invalid"), None)
    if bad_json is not None:
        ctx = bad_json.get("ctx") or {}
        pos = bad_json.get("loc", ("body", "?"))[-1]
        message = f"the request body is not valid JSON: {ctx.get('error', 'decode error')} " \
                  f"at position {pos}"
        return error_response(request, 400, message, "malformed_json",
                              [{"field": "body", "message": message}])
    details = [{"field": _field(e.get("loc", ())), "message": _detail_message(e)}
               for e in errors[:MAX_DETAILS]]
    message = "; ".join(f"{d['field']}: {d['message']}" for d in details) or "invalid request"
    return error_response(request, 422, message, "invalid_request", details)


async def _http_handler(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    status = exc.status_code
    if status == 404:
        message = f"no such endpoint: {request.url.path} (see /docs)"
    elif status == 405:
        allowed = _allowed_methods(request) or (exc.headers or {}).get("Allow", "")
        headers = {**(exc.headers or {}), "Allow": allowed}
        message = f"{request.method} is not allowed on {request.url.path}" + (
            f"; use {allowed}" if allowed else "")
        return error_response(request, status, message, headers=headers)
    elif status == 400 and exc.detail == "There was an error parsing the body":
        message = "the request body is not valid JSON in UTF-8"
    else:
        message = str(exc.detail) if exc.detail else HTTPStatus(status).phrase
    return error_response(request, status, message, headers=exc.headers)


def _allowed_methods(request: Request) -> str:
    """Every method some route accepts on this path (Starlette names only the first route's),
    the routes of included routers too."""
    path = request.scope.get("path", "")
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.router.routes):
        regex = getattr(route, "path_regex", None)
        if getattr(route, "methods", None) and regex is not None and regex.match(path):
            methods |= set(route.methods)
    return ", ".join(sorted(methods))


async def _api_error_handler(request: Request, exc: APIError) -> JSONResponse:
    return error_response(request, exc.status, exc.message, exc.code, headers=exc.headers)


#: Seconds a client is told to wait when the store (PostgreSQL) is unreachable: a restart
#: or failover takes a few seconds, and replicas reconnect by themselves.
STORE_RETRY_AFTER = "2"


async def _store_handler(request: Request, exc: Exception) -> JSONResponse:
    """The database is down or slow: 503 with the reason, never a 500 (it recovers alone)."""
    log.warning("%s %s: %s", request.method, request.url.path, exc)
    return error_response(request, 503, str(exc), "store_unavailable",
                          headers={"Retry-After": STORE_RETRY_AFTER})


async def _fallback_handler(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, "internal error; the request id identifies it in the "
                          "server log", "internal_error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.add_exception_handler(APIError, _api_error_handler)
    app.add_exception_handler(StoreUnavailableError, _store_handler)
    app.add_exception_handler(Exception, _fallback_handler)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the given error statuses, all with the error shape."""
    text = {
        400: "The body is not valid JSON.",
        401: "X-API-Key is missing or wrong.",
        403: "Admin endpoints are disabled: REPORTQA_ADMIN_API_KEY is not set.",
        404: "Not found.",
        413: f"The request body is larger than {MAX_BODY_BYTES // 1024} KiB.",
        422: "The request breaks a rule of the schema; the message says which.",
        429: "Too many wrong admin keys from this client lately; Retry-After says when to "
             "try again.",
        503: "The model and index are still loading (or failed to load); retry later.",
    }
    return {s: {"model": ErrorResponse, "description": text.get(s, HTTPStatus(s).phrase)}
            for s in statuses}
