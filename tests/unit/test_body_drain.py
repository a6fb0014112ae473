"""A body over the limit is read and dropped before the 413 (serve/http/middleware.py)."""

from __future__ import annotations

import asyncio

from reportqa.serve.http import middleware


def _receiver(chunks: int, chunk: bytes = b"x" * 1024):
    """A receive callable that yields `chunks` body messages, the last without more_body."""
    sent = {"n": 0}

    async def receive():
        sent["n"] += 1
        return {"type": "http.request", "body": chunk, "more_body": sent["n"] < chunks}

    return receive, sent


def test_the_rest_of_a_refused_body_is_read_before_the_answer():
    receive, sent = _receiver(50)
    asyncio.run(middleware._drain(receive))
    assert sent["n"] == 50  # all of it, so that closing the connection resets nothing


def test_draining_stops_at_its_byte_cap(monkeypatch):
    monkeypatch.setattr(middleware, "DRAIN_MAX_BYTES", 10 * 1024)
    receive, sent = _receiver(1000)
    asyncio.run(middleware._drain(receive))
    assert sent["n"] == 11


def test_draining_stops_at_its_deadline(monkeypatch):
    monkeypatch.setattr(middleware, "DRAIN_SECONDS", 0.05)

    async def silent():
        await asyncio.sleep(10)

    asyncio.run(asyncio.wait_for(middleware._drain(silent), timeout=2))
