"""Keep the bot token out of every log line, and check the token's form at start.

httpx logs every request URL at INFO, and the Bot API URL holds the token; python-telegram-bot
logs its base URL at DEBUG. The httpx and httpcore loggers are quieted to WARNING, and, as a
second line of defence, a log-record factory replaces the token with a placeholder in every
record any logger creates (message, arguments, exception text) before a handler sees it.
"""

from __future__ import annotations

import logging
import re
import threading
import traceback

from reportqa.errors import ReportQAError

#: What @BotFather hands out: the bot's numeric id, a colon, 35 characters of [A-Za-z0-9_-].
TOKEN_RE = re.compile(r"^[0-9]{3,20}:[A-Za-z0-9_-]{30,100}$")
REDACTED = "<TELEGRAM_BOT_TOKEN>"
NOISY_LOGGERS = ("httpx", "httpcore")

_lock = threading.Lock()
_tokens: set[str] = set()
_previous_factory = None


def check_token(token: str | None) -> str:
    """The token, stripped; a one-line ReportQAError (without the token) when it is unusable."""
    if token is None or not token.strip():
        raise ReportQAError(
            "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram and "
            "set TELEGRAM_BOT_TOKEN to the token it gives you"
        )
    token = token.strip()
    if not TOKEN_RE.match(token):
        raise ReportQAError(
            "TELEGRAM_BOT_TOKEN is malformed: expected the form 123456789:ABC… "
            "(digits, a colon, 35 letters, digits, '-' or '_') as given by @BotFather"
        )
    return token


def redact(text: str) -> str:
    """`text` with every registered token replaced."""
    for tok in _tokens:
        if tok in text:
            text = text.replace(tok, REDACTED)
    return text


def _redacting_factory(*args, **kwargs) -> logging.LogRecord:
    record = _previous_factory(*args, **kwargs)  # type: ignore[misc]
    if not _tokens:
        return record
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a broken format string is logging's business
        message = str(record.msg)
    clean = redact(message)
    if clean != message:
        record.msg, record.args = clean, None
    if record.exc_info and record.exc_info[1] is not None:
        text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if redact(text) != text:
            record.exc_text = redact(text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


def protect_token(token: str) -> None:
    """Redact `token` from all log records from now on, and quiet the URL-logging loggers."""
    global _previous_factory
    with _lock:
        _tokens.add(token)
        current = logging.getLogRecordFactory()
        if current is not _redacting_factory:
            _previous_factory = current
            logging.setLogRecordFactory(_redacting_factory)
    for name in NOISY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level < logging.WARNING:  # NOTSET (0) included
            logger.setLevel(logging.WARNING)

