"""Fixtures of the end-to-end tests."""

from __future__ import annotations

import pytest
from support.fake_telegram import TOKEN, FakeTelegram


@pytest.fixture
def fake():
    """A fake Telegram Bot API server on 127.0.0.1 for the test."""
    with FakeTelegram(TOKEN) as f:
        yield f
