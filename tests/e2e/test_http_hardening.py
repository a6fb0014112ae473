"""End to end: the server as deployed holds against slow clients, sends security headers,
logs no questions, and limits admin-key guesses and connections."""

from __future__ import annotations

import logging
import socket
import threading
import time

import httpx
import pytest
from pydantic import SecretStr
from support.http_server import running_server

from reportqa.serve.http.app import create_app
from reportqa.serve.http.middleware import API_CSP, DOCS_CSP, PAGE_CSP

TIMEOUT = 1.0  # the header and body deadlines of this module's server, s
#: Slack for a loaded machine on top of a deadline before a test calls the server late.
SLACK = 3.0
ADMIN_KEY = "hardening-admin-key-0123456789"
SECRET_QUESTION = "Hur många hemliga kaniner bor i Östersund?"


@pytest.fixture(scope="module")
def base(report_settings, engine):
    s = report_settings.model_copy(update={
        "header_timeout": TIMEOUT, "body_timeout": TIMEOUT, "max_connections": 64,
        "admin_api_key": SecretStr(ADMIN_KEY)})
    with running_server(create_app(s, engine=engine)) as url:
        yield url


def _connect(base: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=TIMEOUT + SLACK + 5)
    return sock


def _read_until_closed(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(4096):
        data += chunk
    return data


def _served_meanwhile(base: str, stop: threading.Event, results: list[int]) -> None:
    """Ask and check health in a loop until `stop`: the other client, served all along."""
    with httpx.Client(base_url=base, timeout=30) as c:
        while not stop.is_set():
            results.append(c.get("/healthz").status_code)
            results.append(c.post("/ask", json={"question": "Vad är IUC-Z group?"}).status_code)


@pytest.mark.parametrize("kind", ["slow_headers", "short_body", "silent"])
def test_slow_clients_are_dropped_while_others_are_served(base, kind):
    stop, results = threading.Event(), []
    other = threading.Thread(target=_served_meanwhile, args=(base, stop, results))
    other.start()
    sock = _connect(base)
    t0 = time.monotonic()
    try:
        if kind == "slow_headers":  # slowloris: a header byte every 0.2 s, never finished
            closed = False
            for byte in b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n":
                try:
                    sock.sendall(bytes([byte]))
                except OSError:
                    closed = True
                    break
                time.sleep(0.2)
                if time.monotonic() - t0 > TIMEOUT + SLACK:
                    break
            reply = b"" if closed else _read_until_closed(sock)
        elif kind == "short_body":  # announces 100 bytes, sends 12
            sock.sendall(b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 100\r\n\r\n{\"question\":")
            reply = _read_until_closed(sock)
        else:  # connects and sends nothing
            reply = _read_until_closed(sock)
        took = time.monotonic() - t0
    finally:
        sock.close()
        stop.set()
        other.join(60)
    assert took < TIMEOUT + SLACK, f"the {kind} client held its connection {took:.1f} s"
    assert took >= TIMEOUT * 0.9
    if reply:
        assert reply.startswith(b"HTTP/1.1 408"), reply[:80]
        assert b"request_timeout" in reply
    assert results and set(results) == {200}, results  # the other client got answers


def test_a_complete_slow_but_timely_request_is_answered(base):
    sock = _connect(base)
    body = b'{"question": "Vad \\u00e4r IUC-Z group?"}'
    try:
        sock.sendall(b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Connection: close\r\nContent-Length: " + str(len(body)).encode() +
                     b"\r\n\r\n")
        time.sleep(TIMEOUT * 0.5)  # the body comes late, but within its deadline
        sock.sendall(body)
        reply = _read_until_closed(sock)
    finally:
        sock.close()
    assert reply.startswith(b"HTTP/1.1 200"), reply[:200]


@pytest.mark.parametrize("method,path,csp", [
    ("GET", "/", PAGE_CSP), ("GET", "/static/app.js", API_CSP), ("GET", "/docs", DOCS_CSP),
    ("GET", "/healthz", API_CSP), ("GET", "/nope", API_CSP), ("GET", "/ask?q=", API_CSP),
    ("POST", "/ask", API_CSP),
])
def test_security_headers_on_every_response(base, method, path, csp):
    with httpx.Client(base_url=base, timeout=30) as c:
        r = c.request(method, path, content=b"{not json" if method == "POST" else None,
                      headers={"Content-Type": "application/json"})
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["content-security-policy"] == csp
    assert "server" not in r.headers


def test_too_big_body_also_carries_the_headers(base):
    with httpx.Client(base_url=base, timeout=30) as c:
        r = c.post("/ask", content=b"x" * (200 * 1024), headers={"Content-Type": "text/plain"})
    assert r.status_code == 413
    assert r.headers["content-security-policy"] == API_CSP


def test_access_log_has_no_question_text(base, caplog):
    with caplog.at_level(logging.INFO, logger="reportqa"):
        with httpx.Client(base_url=base, timeout=30) as c:
            assert c.get("/ask", params={"q": SECRET_QUESTION}).status_code == 200
            assert c.post("/ask", json={"question": SECRET_QUESTION}).status_code == 200
            rid = c.get("/healthz", headers={"X-Request-ID": "trace-me-42"}).headers[
                "x-request-id"]
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and "trace-me-42" not in caplog.text:
            time.sleep(0.05)
    access = [r.getMessage() for r in caplog.records if r.name == "reportqa.access"]
    assert any(m.startswith("GET /ask 200 ") for m in access), access
    assert any(m.startswith("POST /ask 200 ") for m in access), access
    assert any(m.startswith("GET /healthz 200 ") and m.endswith(rid) for m in access)
    assert "kaniner" not in caplog.text and "kaniner" not in caplog.text.lower()


def test_questions_are_logged_at_debug_only(base, caplog):
    with caplog.at_level(logging.DEBUG, logger="reportqa"), httpx.Client(
            base_url=base, timeout=30) as c:
        c.post("/ask", json={"question": SECRET_QUESTION})
    debug = [r for r in caplog.records if "kaniner" in r.getMessage()]
    assert debug and all(r.levelno == logging.DEBUG for r in debug)


def test_admin_key_guesses_are_rate_limited(base):
    with httpx.Client(base_url=base, timeout=30) as c:
        statuses = [c.post("/admin/reindex", headers={"X-API-Key": f"guess-{i}"}).status_code
                    for i in range(5)]
        assert statuses == [401] * 5
        r = c.post("/admin/reindex", headers={"X-API-Key": "guess-6"})
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
        assert r.json()["error"]["code"] == "too_many_attempts"
        # While locked out, even the right key waits: guessing cannot be timed around it.
        r = c.get("/admin/reindex/abc", headers={"X-API-Key": ADMIN_KEY})
        assert r.status_code == 429


def test_connections_beyond_the_limit_get_503(report_settings, engine):
    s = report_settings.model_copy(update={"max_connections": 2, "header_timeout": 30.0})
    with running_server(create_app(s, engine=engine)) as url:
        idle = [_connect(url) for _ in range(2)]
        try:
            time.sleep(0.2)
            with httpx.Client(base_url=url, timeout=30) as c:
                r = c.get("/healthz")
            assert r.status_code == 503
        finally:
            for sock in idle:
                sock.close()
        time.sleep(0.3)
        with httpx.Client(base_url=url, timeout=30) as c:
            assert c.get("/healthz").status_code == 200
