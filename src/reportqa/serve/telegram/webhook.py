"""The Telegram bot inside the HTTP server: a lifespan hook and the webhook endpoint.

`telegram_lifespan(settings)` starts the bot with the app's Engine once it is loaded (long
polling, or webhook registration when REPORTQA_TELEGRAM_WEBHOOK_URL is set) and stops it at
shutdown; `webhook_router(settings)` receives the updates Telegram posts in webhook mode and
checks the secret token on every call. `telegram_extras(settings)` gives both for
`create_app(..., routers=..., lifespan_hooks=...)`, or nothing when no token is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import SecretStr

from reportqa.config import Settings
from reportqa.limits import TELEGRAM_UPDATE_MAX_BYTES
from reportqa.serve.telegram.bot import ReportBot
from reportqa.serve.telegram.config import BotConfig, webhook_path

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

LifespanHook = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def webhook_router(settings: Settings) -> APIRouter:
    """POST <path of REPORTQA_TELEGRAM_WEBHOOK_URL>: one update from Telegram per call."""
    config = BotConfig.from_settings(settings)
    secret = config.webhook_secret.encode()
    router = APIRouter()

    @router.post(webhook_path(config.webhook_url), include_in_schema=False)
    async def telegram_webhook(request: Request) -> JSONResponse:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, secret):
            log.warning("refused a webhook call without the right secret token from %s",
                        request.client.host if request.client else "?")
            return _error(403, "wrong or missing secret token")
        bot: ReportBot | None = getattr(request.app.state, "telegram_bot", None)
        if bot is None or not bot.running:
            return JSONResponse({"error": "the bot is starting; retry"}, status_code=503,
                                headers={"Retry-After": "5"})
        body = await request.body()
        if len(body) > TELEGRAM_UPDATE_MAX_BYTES:
            return _error(413, "update too large")
        try:
            await bot.process_webhook_update(json.loads(body))
        except (ValueError, UnicodeDecodeError) as exc:
            return _error(400, f"not a Telegram update: {exc}")
        return JSONResponse({"ok": True})

    return router


def telegram_lifespan(settings: Settings) -> LifespanHook:
    """A lifespan hook that runs the bot on `app.state.engine` while the app runs."""
    config = BotConfig.from_settings(settings)

    @asynccontextmanager
    async def telegram_bot(app: FastAPI) -> AsyncIterator[None]:
        metrics = getattr(app.state, "metrics", None)
        bot = ReportBot(settings, app.state.engine, config=config,
                        reindex_jobs=getattr(app.state, "reindex_jobs", None),
                        on_vote=metrics.observe_vote if metrics is not None else None,
                        feedback=getattr(app.state, "feedback", None),
                        answers=getattr(app.state, "answers", None))
        app.state.telegram_bot = bot
        starting = asyncio.create_task(bot.start_with_retries(), name="telegram-bot-start")
        try:
            yield
        finally:
            starting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await starting
            await bot.stop()
            app.state.telegram_bot = None

    return telegram_bot


def telegram_extras(settings: Settings) -> tuple[list[APIRouter], list[LifespanHook]]:
    """(routers, lifespan hooks) for the HTTP app: the bot when a token is set, else none.

    Checks the Telegram settings at once, so a malformed token is an error before serving.
    """
    token = settings.telegram_bot_token
    if not (token.get_secret_value() if isinstance(token, SecretStr) else token or "").strip():
        return [], []
    config = BotConfig.from_settings(settings)
    routers = [webhook_router(settings)] if config.webhook_url else []
    return routers, [telegram_lifespan(settings)]
