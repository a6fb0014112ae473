"""uvicorn's HTTP/1.1 protocol (h11) with deadlines for a request's headers and its body.

uvicorn drops idle keep-alive connections, but not one that sends its headers a byte at a
time (slowloris) or announces a Content-Length it never sends: each holds a socket and a task
for as long as the client likes. Here every connection has a deadline while it is reading a
request: `header_timeout` seconds from the connection (or the first byte of a keep-alive
request) to the end of the headers, then `body_timeout` seconds to the end of the body. A
client that misses one gets 408 and the connection is closed; the application sees a
disconnect. Once the request is read, the response takes as long as it takes.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from reportqa.serve.http.errors import error_bytes

log = logging.getLogger(__name__)

_TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
                     b"connection: close\r\ncontent-length: %d\r\n\r\n%s")


class DeadlineH11Protocol(H11Protocol):
    """H11Protocol that closes connections whose request is not read within its deadlines."""

    header_timeout: float = 10.0
    body_timeout: float = 10.0

    _deadline: asyncio.TimerHandle | None = None
    _phase: str = ""  # "headers" or "body" while a deadline runs

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm("headers")

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.IDLE:  # part of a (keep-alive) request's headers
            self._arm("headers")
        elif state is h11.SEND_BODY:
            self._arm("body")
        else:
            self._disarm()

    def on_response_complete(self) -> None:
        self._disarm()  # from here uvicorn's keep-alive timeout governs the idle connection
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self, phase: str) -> None:
        """Start the deadline of `phase`, unless it already runs (it is not extended)."""
        if self._phase == phase:
            return
        self._disarm()
        self._phase = phase
        delay = self.header_timeout if phase == "headers" else self.body_timeout
        self._deadline = self.loop.call_later(delay, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline, self._phase = None, ""

    def _expired(self) -> None:
        phase, self._deadline, self._phase = self._phase, None, ""
        if self.transport.is_closing():
            return
        limit = self.header_timeout if phase == "headers" else self.body_timeout
        log.info("closed a connection from %s: its request %s took longer than %g s",
                 (self.client or ("?",))[0], phase, limit)
        if self.conn.our_state in (h11.IDLE, h11.SEND_RESPONSE):  # no response started yet
            body = error_bytes(408, f"the request {phase} did not arrive within {limit:g} s",
                               uuid.uuid4().hex, "request_timeout")
            self.transport.write(_TIMEOUT_RESPONSE % (len(body), body))
        self.transport.close()  # the application, if it waits for the body, sees a disconnect


def deadline_protocol(header_timeout: float, body_timeout: float) -> type[DeadlineH11Protocol]:
    """A DeadlineH11Protocol class with these deadlines (uvicorn takes a class, not options)."""
    return type("ConfiguredDeadlineH11Protocol", (DeadlineH11Protocol,),
                {"header_timeout": header_timeout, "body_timeout": body_timeout})
