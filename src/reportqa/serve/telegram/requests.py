"""The bot's HTTP layer: python-telegram-bot's HTTPXRequest with retries and backoff.

python-telegram-bot retries nothing by itself except the polling loop. This layer retries a
Bot API call when the request cannot have reached Telegram (connection refused or reset, a
connect or pool timeout) and when Telegram answers 5xx (502/503/504 happen during Telegram
restarts). A read timeout is not retried: the message may have been sent, and a retry would
send it twice. 429 is left to AIORateLimiter, which honours `retry_after`.

`AnswersFirstRateLimiter` is AIORateLimiter without the "typing…" indicators: they would take
half of the 30-a-second budget from the answers in a busy minute, and a late one is worthless.
"""

from __future__ import annotations

import asyncio
import logging
import random

import httpx
from telegram.error import NetworkError, TimedOut
from telegram.ext import AIORateLimiter
from telegram.request import HTTPXRequest, RequestData

log = logging.getLogger(__name__)

# Failures where the request never reached the server (or the server dropped the connection
# before answering), so sending it again cannot duplicate anything.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout,
             httpx.RemoteProtocolError)


class RetryingRequest(HTTPXRequest):
    """HTTPXRequest that retries transient failures with exponential backoff and jitter."""

    __slots__ = ("backoff", "max_backoff", "retries")

    def __init__(self, *, retries: int = 3, backoff: float = 0.5, max_backoff: float = 8.0,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        if retries < 0 or backoff < 0:
            raise ValueError("retries and backoff must not be negative")
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number `attempt` (0-based): 1x, 2x, 4x … with jitter."""
        base = min(self.max_backoff, self.backoff * 2**attempt)
        return base * random.uniform(0.8, 1.2)

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         **timeouts) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]  # the method name only: the URL holds the token
        attempt = 0
        while True:
            try:
                code, payload = await super().do_request(url, method, request_data, **timeouts)
            except (NetworkError, TimedOut) as exc:
                if attempt >= self.retries or not isinstance(exc.__cause__, _NOT_SENT):
                    raise
                reason = type(exc.__cause__).__name__
            else:
                if code < 500 or attempt >= self.retries:
                    return code, payload
                reason = f"HTTP {code}"
            wait = self.delay(attempt)
            attempt += 1
            log.warning("Bot API %s failed (%s); retry %d of %d in %.2f s", endpoint, reason,
                        attempt, self.retries, wait)
            await asyncio.sleep(wait)


class AnswersFirstRateLimiter(AIORateLimiter):
    """AIORateLimiter whose budget goes to messages: chat actions pass unthrottled, once."""

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        if endpoint == "sendChatAction":
            return await callback(*args, **kwargs)
        return await super().process_request(callback, args, kwargs, endpoint, data,
                                              rate_limit_args)
