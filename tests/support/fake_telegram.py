"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests of the bot.

It speaks enough of the Bot API for python-telegram-bot: getMe, deleteWebhook, getUpdates
(long polling over updates the test injects), sendMessage, sendChatAction,
answerCallbackQuery, editMessageText, setMyCommands, setWebhook. Every call is recorded with
its parameters; faults can be injected per method (429 with retry_after, 502, ...). Waiting
helpers block the calling thread, so call them from async code with `asyncio.to_thread`.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

JSON_PARAMS = {"reply_markup", "allowed_updates", "commands", "scope", "entities",
               "link_preview_options", "reply_parameters"}
INT_PARAMS = {"chat_id", "message_id", "offset", "limit", "timeout", "user_id"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int
    at: float = field(default_factory=time.monotonic)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Fault:
    status: int
    retry_after: int | None = None
    description: str = ""


def utf16_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def entities_of(text: str) -> list[dict]:
    """The entities Telegram would attach: bot commands and @mentions."""
    out = []
    for m in re.finditer(r"(?<![\w/])/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?|(?<![\w@])@[A-Za-z0-9_]{3,}",
                         text):
        kind = "bot_command" if m.group().startswith("/") else "mention"
        if kind == "bot_command" and m.start() != 0:
            continue
        off = utf16_offset(text, m.start())
        out.append({"type": kind, "offset": off,
                    "length": utf16_offset(text, m.end()) - off})
    return out


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up (a cancelled long poll at shutdown) is not an error."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeTelegram:
    """The server; use as a context manager. `base_url` is what the bot is given."""

    BOT_ID = 7000001
    BOT_USERNAME = "reportqa_test_bot"

    def __init__(self, token: str, max_poll: float = 1.0) -> None:
        self.token = token
        self.max_poll = max_poll  # cap on getUpdates long polling, s
        self.calls: list[Call] = []
        self.faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._updates: list[dict] = []
        self._next_update = 1
        self._next_message = 1000
        self._chats: dict[int, dict] = {}
        self._cond = threading.Condition()
        self._closing = False
        self.server = _Server(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                        daemon=True, name="fake-telegram")

    # ---- lifecycle ------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def __enter__(self) -> FakeTelegram:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self.server.shutdown()
        self.server.server_close()

    # ---- faults -----------------------------------------------------------------------------
    def fail(self, method: str, status: int, *, times: int = 1, retry_after: int | None = None,
             description: str = "") -> None:
        """Answer the next `times` calls of `method` with an error."""
        with self._cond:
            for _ in range(times):
                self.faults[method].append(Fault(status, retry_after, description))

    # ---- updates ------------------------------------------------------------------------------
    def _push(self, update: dict) -> int:
        with self._cond:
            uid = self._next_update
            self._next_update += 1
            update["update_id"] = uid
            self._updates.append(update)
            self._cond.notify_all()
        return uid

    def _new_message_id(self) -> int:
        with self._cond:
            self._next_message += 1
            return self._next_message

    @staticmethod
    def user(user_id: int, language_code: str = "sv", first_name: str = "Test") -> dict:
        return {"id": user_id, "is_bot": False, "first_name": first_name,
                "language_code": language_code}

    def bot_user(self) -> dict:
        return {"id": self.BOT_ID, "is_bot": True, "first_name": "Rapportboten",
                "username": self.BOT_USERNAME, "can_join_groups": True,
                "can_read_all_group_messages": False, "supports_inline_queries": False}

    def chat(self, chat_id: int, chat_type: str = "private") -> dict:
        chat = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "Test"
        else:
            chat["title"] = "Testgrupp"
        self._chats[chat_id] = chat
        return chat

    def make_message(self, text: str, *, chat_id: int = 111, user_id: int = 111,
                     chat_type: str = "private", language_code: str = "sv",
                     reply_to: dict | None = None) -> dict:
        """A Message object as Telegram would send it, with command and mention entities."""
        msg = {"message_id": self._new_message_id(), "date": int(time.time()),
               "chat": self.chat(chat_id, chat_type), "from": self.user(user_id, language_code),
               "text": text}
        ents = entities_of(text)
        if ents:
            msg["entities"] = ents
        if reply_to is not None:
            msg["reply_to_message"] = reply_to
        return msg

    def message(self, text: str, **kw) -> dict:
        """Inject a text message from a user (see make_message); returns the message."""
        msg = self.make_message(text, **kw)
        self._push({"message": msg})
        return msg

    def callback(self, data: str, *, message: dict, user_id: int = 111,
                 language_code: str = "sv") -> int:
        """Inject a press on an inline button of `message` (a message the bot sent)."""
        return self._push({"callback_query": {
            "id": str(self._new_message_id()), "from": self.user(user_id, language_code),
            "message": message, "chat_instance": "ci-1", "data": data}})

    def sent_message(self, call: Call) -> dict:
        """The Message object the bot got back for a recorded sendMessage call."""
        return call.params["_result"]

    # ---- waiting -----------------------------------------------------------------------------
    def wait_for(self, predicate: Callable[[list[Call]], Any], timeout: float = 15.0) -> Any:
        """Block until predicate(calls) is truthy; return its value (AssertionError on timeout)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate(list(self.calls))
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    methods = [f"{c.method}:{c.status}" for c in self.calls]
                    raise AssertionError(f"timed out waiting; calls so far: {methods}")
                self._cond.wait(left)

    def wait_messages(self, chat_id: int, n: int = 1, timeout: float = 15.0,
                      after: int = 0) -> list[Call]:
        """The first `n` successful sendMessage calls to `chat_id` among calls[after:]."""
        def pred(calls):
            got = [c for c in calls[after:] if c.method == "sendMessage" and c.status == 200
                   and c.params.get("chat_id") == chat_id]
            return got[:n] if len(got) >= n else None
        return self.wait_for(pred, timeout)

    def calls_of(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    # ---- the HTTP side ----------------------------------------------------------------------
    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                self._handle()

            def do_POST(self) -> None:
                self._handle()

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                m = re.match(r"^/bot([^/]+)/(\w+)$", self.path.split("?")[0])
                if not m:
                    return self._reply(404, {"ok": False, "error_code": 404,
                                             "description": "Not Found"})
                token, method = m.groups()
                params = fake._parse(body, self.headers.get("Content-Type", ""))
                status, payload = fake._dispatch(token, method, params,
                                                 dict(self.headers.items()))
                self._reply(status, payload)

            def _reply(self, status: int, payload: Any) -> None:
                if isinstance(payload, bytes):
                    data, ctype = payload, "text/html"
                else:
                    data, ctype = json.dumps(payload).encode(), "application/json"
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    @staticmethod
    def _parse(body: bytes, ctype: str) -> dict[str, Any]:
        if not body:
            return {}
        if "json" in ctype:
            return json.loads(body)
        raw = {k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
        out: dict[str, Any] = {}
        for k, v in raw.items():
            if k in JSON_PARAMS:
                out[k] = json.loads(v)
            elif k in INT_PARAMS and re.fullmatch(r"-?\d+", v):
                out[k] = int(v)
            else:
                out[k] = v
        return out

    def _dispatch(self, token: str, method: str, params: dict,
                  headers: dict[str, str]) -> tuple[int, Any]:
        if token != self.token:
            return self._record(method, params, headers, 401, {
                "ok": False, "error_code": 401, "description": "Unauthorized"})
        with self._cond:
            fault = self.faults[method].popleft() if self.faults[method] else None
        if fault is not None:
            if fault.status == 429:
                payload: Any = {"ok": False, "error_code": 429,
                                "description": f"Too Many Requests: retry after "
                                               f"{fault.retry_after}",
                                "parameters": {"retry_after": fault.retry_after or 1}}
            elif fault.status >= 500:
                payload = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            else:
                payload = {"ok": False, "error_code": fault.status,
                           "description": fault.description or "Bad Request"}
            return self._record(method, params, headers, fault.status, payload)
        if method in ("sendMessage", "editMessageText") and \
                len(params.get("text", "").encode("utf-16-le")) // 2 > 4096:
            return self._record(method, params, headers, 400, {
                "ok": False, "error_code": 400, "description": "Bad Request: message is too long"})
        if method == "getUpdates":
            result: Any = self._get_updates(params)
        elif method == "getMe":
            result = self.bot_user()
        elif method in ("deleteWebhook", "setWebhook", "setMyCommands", "sendChatAction",
                        "answerCallbackQuery", "deleteMyCommands"):
            result = True
        elif method == "sendMessage":
            result = self._message_result(params, self._new_message_id())
        elif method == "editMessageText":
            result = self._message_result(params, int(params["message_id"]))
        else:
            return self._record(method, params, headers, 404, {
                "ok": False, "error_code": 404, "description": "Not Found: method not found"})
        params["_result"] = result
        return self._record(method, params, headers, 200, {"ok": True, "result": result})

    def _record(self, method, params, headers, status, payload) -> tuple[int, Any]:
        with self._cond:
            self.calls.append(Call(method, params, status, headers=headers))
            self._cond.notify_all()
        return status, payload

    def _message_result(self, params: dict, message_id: int) -> dict:
        chat_id = int(params["chat_id"])
        msg = {"message_id": message_id, "date": int(time.time()),
               "chat": self._chats.get(chat_id) or {"id": chat_id, "type": "private"},
               "from": self.bot_user(), "text": params.get("text", "")}
        if "reply_markup" in params:
            msg["reply_markup"] = params["reply_markup"]
        return msg

    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), self.max_poll)
        deadline = time.monotonic() + timeout
        with self._cond:
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closing:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return list(self._updates)


# ---- helpers for the bot's tests -----------------------------------------------------------

#: A well-formed token that Telegram never issued.
TOKEN = "123456789:AAFakeTokenForTests_0123456789abcdef"


def bot_settings(base, fake: FakeTelegram, **overrides):
    """`base` Settings pointed at the fake server, with short polls and quick retries."""
    from pydantic import SecretStr

    values = {"telegram_bot_token": SecretStr(TOKEN), "telegram_base_url": fake.base_url,
              "telegram_poll_timeout": 1, "telegram_retry_backoff": 0.05,
              "telegram_retries": 3}
    values.update(overrides)
    return base.model_copy(update=values)


async def until(fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    """A fake server's wait, in a thread, so the bot's event loop keeps running."""
    return await asyncio.to_thread(fn, *args, **kw)


@asynccontextmanager
async def running_bot(settings, engine, **kw) -> AsyncIterator[Any]:
    """The real ReportBot started (polling the fake server) for the block, then stopped."""
    from reportqa.serve.telegram.bot import ReportBot

    bot = ReportBot(settings, engine, **kw)
    bot.reindex_poll_interval = 0.05
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()
