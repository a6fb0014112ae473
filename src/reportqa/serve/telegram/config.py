"""The Telegram bot's settings, checked once at start so that every mistake is one line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from pydantic import SecretStr

from reportqa.config import Settings
from reportqa.errors import ReportQAError
from reportqa.serve.telegram.redaction import check_token

_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def parse_ids(value: str, name: str) -> frozenset[int]:
    """Telegram ids separated by commas or spaces; a one-line error naming `name` otherwise."""
    ids = set()
    for part in re.split(r"[\s,;]+", value.strip()):
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError:
            raise ReportQAError(
                f"{name} must be Telegram ids separated by commas, got {part!r}"
            ) from None
    return frozenset(ids)


@dataclass(frozen=True)
class BotConfig:
    """The bot's settings, checked once at start so that mistakes are one-line errors."""

    token: str
    base_url: str
    admins: frozenset[int]
    allowed_chats: frozenset[int] | None  # None: every chat
    user_rate: int
    webhook_url: str
    webhook_secret: str
    poll_timeout: int
    retries: int
    retry_backoff: float

    @classmethod
    def from_settings(cls, s: Settings) -> BotConfig:
        token = check_token(_secret(s.telegram_bot_token))
        base_url = s.telegram_base_url.strip()
        if not re.match(r"^https?://[^/\s]+", base_url):
            raise ReportQAError("REPORTQA_TELEGRAM_BASE_URL must be an http(s) URL such as "
                                "https://api.telegram.org/bot")
        allowed = parse_ids(s.telegram_allowed_chats, "REPORTQA_TELEGRAM_ALLOWED_CHATS")
        secret = (_secret(s.telegram_webhook_secret) or "").strip()
        webhook_url = s.telegram_webhook_url.strip()
        if webhook_url:
            webhook_path(webhook_url)  # checks the URL
            if not _SECRET_RE.match(secret):
                raise ReportQAError(
                    "webhook mode needs REPORTQA_TELEGRAM_WEBHOOK_SECRET: 1-256 characters "
                    "A-Z, a-z, 0-9, '_' or '-' (Telegram sends it with every update)"
                )
        return cls(token=token, base_url=base_url,
                   admins=parse_ids(s.telegram_admins, "REPORTQA_TELEGRAM_ADMINS"),
                   allowed_chats=allowed or None, user_rate=s.telegram_user_rate,
                   webhook_url=webhook_url, webhook_secret=secret,
                   poll_timeout=s.telegram_poll_timeout, retries=s.telegram_retries,
                   retry_backoff=s.telegram_retry_backoff)


def _secret(value: SecretStr | str | None) -> str | None:
    return value.get_secret_value() if isinstance(value, SecretStr) else value


def webhook_path(url: str) -> str:
    """The path of the webhook URL, where the HTTP server receives updates."""
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.netloc:
        raise ReportQAError("REPORTQA_TELEGRAM_WEBHOOK_URL must be an https:// URL "
                            "(Telegram delivers webhooks over HTTPS only)")
    if parts.path in ("", "/"):
        raise ReportQAError("REPORTQA_TELEGRAM_WEBHOOK_URL needs a path, e.g. "
                            "https://bot.example.org/telegram/webhook")
    return parts.path
