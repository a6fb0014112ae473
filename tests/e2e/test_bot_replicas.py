"""Two Telegram bot replicas on one PostgreSQL (the embedded server; no skip): a follow-up,
a "Visa källor" press, /kallor and a 👎 landing on the other replica than the one that
answered first are handled as on one replica. Each replica is the real python-telegram-bot
Application polling its own fake Bot API, as a load balancer in front of webhooks would
hand updates to either."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack, asynccontextmanager

import psycopg
import pytest
from support.fake_telegram import TOKEN, FakeTelegram, bot_settings, until
from support.postgres import new_database

from reportqa.serve.telegram.bot import ReportBot
from reportqa.store.postgres.admin import init_or_migrate

pytestmark = [pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")]

Q_INDUSTRY = "Hur många personer sysselsätter industrin?"
FOLLOW_UP = "Och turismen?"
READ_AS = "<i>Tolkat som: Hur många personer sysselsätter turismen?</i>"
CHAT = 111


@asynccontextmanager
async def replicas(settings_a, settings_b, engine):
    async with AsyncExitStack() as stack:
        bots = []
        for s in (settings_a, settings_b):
            bot = ReportBot(s, engine)
            await bot.start()
            stack.push_async_callback(bot.stop)
            bots.append(bot)
        yield bots


def test_follow_up_sources_and_vote_on_the_other_replica(pg_server, engine, report_settings,
                                                         tmp_path):
    url = new_database(pg_server, "bots")
    shared = report_settings.model_copy(update={"store": url,
                                                "feedback_path": tmp_path / "unused.sqlite3"})
    init_or_migrate(shared)
    with FakeTelegram(TOKEN) as fa, FakeTelegram(TOKEN) as fb:
        async def scenario():
            async with replicas(bot_settings(shared, fa), bot_settings(shared, fb), engine) as (
                    a, b):
                assert a.conversations.shared and b.conversations.shared
                fa.message(Q_INDUSTRY, chat_id=CHAT)
                first = (await until(fa.wait_messages, CHAT))[0]
                fb.message(FOLLOW_UP, chat_id=CHAT)  # the follow-up reaches replica B
                follow = (await until(fb.wait_messages, CHAT))[0]
                # "Visa källor" and 👎 under A's answer, pressed on B.
                rows = first.params["reply_markup"]["inline_keyboard"]
                n = len(fb.calls)
                fb.callback(rows[0][0]["callback_data"], message=fa.sent_message(first))
                shown = (await until(fb.wait_messages, CHAT, after=n))[0]
                n = len(fb.calls)
                fb.callback(rows[-1][1]["callback_data"], message=fa.sent_message(first))
                thanks = await until(fb.wait_for, lambda cs: [
                    c for c in cs[n:] if c.method == "answerCallbackQuery"])
                # /ny on A forgets the conversation B continued.
                n = len(fa.calls)
                fa.message("/ny", chat_id=CHAT)
                await until(fa.wait_messages, CHAT, after=n)
                n = len(fb.calls)
                fb.message(FOLLOW_UP, chat_id=CHAT)
                alone = (await until(fb.wait_messages, CHAT, after=n))[0]
                return first, follow, shown, thanks[0], alone

        first, follow, shown, thanks, alone = asyncio.run(scenario())
    assert "5 000" in first.params["text"]
    assert follow.params["text"].startswith(READ_AS), follow.params["text"]
    assert shown.params["text"].startswith(f"<b>Källor för</b> ”{Q_INDUSTRY}”")
    assert "Tack" in thanks.params["text"]
    assert "Tolkat som" not in alone.params["text"]
    with psycopg.connect(url) as conn:
        votes = conn.execute("SELECT vote, question, channel FROM reportqa.feedback").fetchall()
    assert votes == [("down", Q_INDUSTRY, "telegram")]
    assert not (tmp_path / "unused.sqlite3").exists()
