"""ASGI middleware: request ids, security headers, the request body limit, request metrics,
the access log, the 500 fallback.

A plain ASGI class (no BaseHTTPMiddleware) so it costs microseconds per request. The access
log has method, path (never the query string, where questions and keys could be), status,
time and request id; the questions themselves are logged only at DEBUG (routes/ask.py).
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reportqa.limits import MAX_BODY_BYTES, REQUEST_ID_MAX_CHARS
from reportqa.serve.http.errors import error_bytes
from reportqa.serve.http.metrics import Metrics

log = logging.getLogger(__name__)
access_log = logging.getLogger("reportqa.access")

#: Characters of a path written to the access log (a path is chosen by the client).
ACCESS_LOG_PATH_MAX_CHARS = 200
#: The status logged and counted when the client went away before its request was read
#: (nginx's convention; never sent).
CLIENT_GONE = 499
#: A body over the limit is read and dropped, up to this much and this long, before the 413
#: is sent: a server that closes with the client's bytes unread resets the connection, and
#: the client may then lose the response ("peer closed connection without sending complete
#: message body") instead of reading why it was refused.
DRAIN_MAX_BYTES = 64 * 1024 * 1024
DRAIN_SECONDS = 5.0

#: The chat page: its own script and styles only, nothing inline, nothing from elsewhere.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")
#: Swagger UI and ReDoc (assets served locally by fastapi-offline) start with inline scripts.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
            "'unsafe-inline'; img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'")
#: JSON and text responses load nothing.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
DOCS_PATHS = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]



def _with_csp(csp: str) -> tuple[tuple[bytes, bytes], ...]:
    return (*SECURITY_HEADERS, (b"content-security-policy", csp.encode("ascii")))


# Built once: the headers are added to every response.
_PAGE_HEADERS, _DOCS_HEADERS, _API_HEADERS = map(_with_csp, (PAGE_CSP, DOCS_CSP, API_CSP))


def security_headers(path: str) -> tuple[tuple[bytes, bytes], ...]:
    """The headers every response carries, with the Content-Security-Policy of its path."""
    return (_PAGE_HEADERS if path == "/" else _DOCS_HEADERS if path in DOCS_PATHS
            else _API_HEADERS)

REQUEST_ID_HEADER = b"x-request-id"
# A client's request id is echoed only if it looks like one (no header injection, no log spam).
_SANE_ID = re.compile(rf"[A-Za-z0-9][A-Za-z0-9._:+=/-]{{0,{REQUEST_ID_MAX_CHARS - 1}}}")
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    for name, value in headers:
        if name == REQUEST_ID_HEADER:
            try:
                candidate = value.decode("ascii")
            except UnicodeDecodeError:
                break
            if _SANE_ID.fullmatch(candidate):
                return candidate
            break
    return uuid.uuid4().hex


class RequestContextMiddleware:
    """Tags every response with X-Request-ID, caps bodies, counts and times requests."""

    def __init__(self, app: ASGIApp, metrics: Metrics, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.metrics = metrics
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        rid = request_id_from(scope.get("headers", []))
        scope.setdefault("state", {})["request_id"] = rid
        extra = [(REQUEST_ID_HEADER, rid.encode("ascii")), *security_headers(scope["path"])]
        status = 500
        started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            too_big, gone, receive_app = await self._read_body(scope, receive)
            if gone:  # the client left (or was dropped by its body deadline)
                status = CLIENT_GONE
                return
            if too_big:
                status = 413
                await _drain(receive)
                await self._send_error(send, 413, f"the request body is larger than "
                                       f"{self.max_body // 1024} KiB", rid, extra)
                return
            await self.app(scope, receive_app, send_wrapper)
        except Exception:
            log.exception("unhandled error, request id %s", rid)
            if started:
                raise
            status = 500
            await self._send_error(send, 500, "internal error; the request id identifies it "
                                   "in the server log", rid, extra)
        finally:
            route = scope.get("route")
            endpoint = getattr(route, "path", None) or "unmatched"
            took = time.perf_counter() - start
            self.metrics.observe_request(endpoint, scope.get("method", ""), status, took)
            access_log.info("%s %s %d %.1f ms %s", scope.get("method", ""),
                            scope["path"][:ACCESS_LOG_PATH_MAX_CHARS], status, took * 1000, rid)

    async def _read_body(self, scope: Scope, receive: Receive) -> tuple[bool, bool, Receive]:
        """Read a request body of at most max_body bytes.

        Returns (too_big, the client went away, the receive callable for the app).
        """
        length = None
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    length = None
                break
        if length is not None and length > self.max_body:
            return True, False, receive
        if scope.get("method") not in _BODY_METHODS and not length:
            return False, False, receive
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return False, True, receive
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_body:
                return True, False, receive
            chunks.append(body)
            if not message.get("more_body", False):
                break
        return False, False, _replay([{"type": "http.request", "body": b"".join(chunks),
                                       "more_body": False}], receive)

    @staticmethod
    async def _send_error(send: Send, status: int, message: str, rid: str,
                          extra: list[tuple[bytes, bytes]]) -> None:
        body = error_bytes(status, message, rid)
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            *extra,
            *([(b"connection", b"close")] if status == 413 else []),
        ]})
        await send({"type": "http.response.body", "body": body})


async def _drain(receive: Receive) -> None:
    """Read and drop the rest of a request body, within DRAIN_MAX_BYTES and DRAIN_SECONDS
    (a body longer or slower than that is left, and the connection closed on it)."""
    deadline = time.monotonic() + DRAIN_SECONDS
    size = 0
    while size <= DRAIN_MAX_BYTES:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        try:
            message = await asyncio.wait_for(receive(), timeout=left)
        except TimeoutError:
            return
        if message["type"] != "http.request" or not message.get("more_body", False):
            return
        size += len(message.get("body", b""))


def _replay(messages: list[dict[str, Any]], receive: Receive) -> Receive:
    """A receive callable that first returns the buffered messages, then the real ones."""
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay
