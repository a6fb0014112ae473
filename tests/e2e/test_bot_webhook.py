"""The bot inside the HTTP app: webhook mode with its secret token, and polling beside /ask.

The FastAPI app runs in TestClient's event-loop thread; the test thread waits on the fake Bot
API directly (it is not the bot's loop).
"""

from __future__ import annotations

import logging
import time

import pytest
from fastapi.testclient import TestClient
from support.fake_telegram import TOKEN, bot_settings

from reportqa.errors import ReportQAError
from reportqa.serve.http.app import create_app
from reportqa.serve.telegram.webhook import SECRET_HEADER, telegram_extras

Q_INDUSTRY = "Hur många personer sysselsätter industrin?"
URL = "https://bot.example.org/telegram/webhook"
SECRET = "s3cret_token-for-tests"


def wait_until(predicate, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def started(app) -> bool:
    bot = getattr(app.state, "telegram_bot", None)
    return bot is not None and bot.running


def test_webhook_mode_checks_the_secret_and_answers(fake, engine, report_settings):
    settings = bot_settings(report_settings, fake, telegram_webhook_url=URL,
                            telegram_webhook_secret=SECRET)
    routers, hooks = telegram_extras(settings)
    app = create_app(settings, engine, routers=routers, lifespan_hooks=hooks)
    with TestClient(app) as client:
        wait_until(lambda: started(app))
        [hook] = fake.calls_of("setWebhook")
        assert hook.params["url"] == URL and hook.params["secret_token"] == SECRET
        assert hook.params["allowed_updates"] == ["message", "callback_query"]

        update = {"update_id": 1, "message": fake.make_message(Q_INDUSTRY, chat_id=111)}
        for headers in ({}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: SECRET + "x"}):
            r = client.post("/telegram/webhook", json=update, headers=headers)
            assert r.status_code == 403, r.text
        r = client.post("/telegram/webhook", content=b"{not json",
                        headers={SECRET_HEADER: SECRET, "Content-Type": "application/json"})
        assert r.status_code == 400
        for junk in ({"message": "no update id"}, [1, 2], {"update_id": 2, "message": "no"},
                     {"update_id": 3, "message": {"chat": 5}}):
            r = client.post("/telegram/webhook", json=junk, headers={SECRET_HEADER: SECRET})
            assert r.status_code == 400, junk

        r = client.post("/telegram/webhook", json=update, headers={SECRET_HEADER: SECRET})
        assert r.status_code == 200 and r.json() == {"ok": True}
        [answer] = fake.wait_messages(111)
        assert "5 000" in answer.params["text"] and "Källa:" in answer.params["text"]
        assert "/telegram/webhook" not in client.get("/openapi.json").text
    assert len(fake.calls_of("sendMessage")) == 1  # the refused calls were not processed
    assert not fake.calls_of("getUpdates")  # no polling in webhook mode


def test_serve_runs_the_polling_bot_beside_the_http_api(fake, engine, report_settings):
    settings = bot_settings(report_settings, fake)
    routers, hooks = telegram_extras(settings)
    assert routers == []  # no webhook endpoint when polling
    app = create_app(settings, engine, routers=routers, lifespan_hooks=hooks)
    with TestClient(app) as client:
        wait_until(lambda: started(app))
        fake.message(Q_INDUSTRY, chat_id=111)
        [answer] = fake.wait_messages(111)
        assert "5 000" in answer.params["text"]
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz").json()
        assert ready["telegram"] == {"state": "running", "mode": "polling", "error": None}
    assert app.state.telegram_bot is None  # stopped with the app
    assert fake.calls_of("getUpdates")


def test_a_refused_token_shows_in_readyz_and_the_log(fake, engine, report_settings, caplog):
    settings = bot_settings(report_settings, fake)
    routers, hooks = telegram_extras(settings)
    fake.fail("getMe", 401, description="Unauthorized")
    app = create_app(settings, engine, routers=routers, lifespan_hooks=hooks)
    with caplog.at_level(logging.INFO, logger="reportqa"), TestClient(app) as client:
        wait_until(lambda: client.get("/readyz").json()["telegram"]["state"] == "failed")
        ready = client.get("/readyz")
        assert ready.status_code == 200  # the HTTP API serves on
        bot = ready.json()["telegram"]
        assert "Unauthorized" in bot["error"] or "token" in bot["error"].lower()
        assert TOKEN not in ready.text
    assert any(r.levelno == logging.ERROR and "Telegram bot is not running" in r.getMessage()
               for r in caplog.records)


def test_readyz_without_a_bot_says_null(engine, report_settings):
    app = create_app(report_settings.model_copy(update={"telegram_bot_token": None}), engine)
    with TestClient(app) as client:
        ready = client.get("/readyz").json()
    assert ready["telegram"] is None and ready["build"] is None


def test_no_token_means_no_bot(report_settings):
    assert telegram_extras(report_settings.model_copy(
        update={"telegram_bot_token": None})) == ([], [])


@pytest.mark.parametrize("overrides, message", [
    ({"telegram_webhook_url": "http://bot.example.org/hook"}, "https://"),
    ({"telegram_webhook_url": "https://bot.example.org"}, "needs a path"),
    ({"telegram_webhook_url": URL}, "REPORTQA_TELEGRAM_WEBHOOK_SECRET"),
    ({"telegram_webhook_url": URL, "telegram_webhook_secret": "has spaces"},
     "REPORTQA_TELEGRAM_WEBHOOK_SECRET"),
])
def test_webhook_settings_are_checked_before_serving(fake, report_settings, overrides,
                                                     message):
    from pydantic import SecretStr

    if "telegram_webhook_secret" in overrides:
        overrides["telegram_webhook_secret"] = SecretStr(overrides["telegram_webhook_secret"])
    with pytest.raises(ReportQAError, match=message):
        telegram_extras(bot_settings(report_settings, fake, **overrides))
