"""End to end: the real python-telegram-bot Application against a fake Bot API on 127.0.0.1.

Each test starts the bot (initialize → start_polling → start) on the fake server, injects
updates, and waits for the calls the bot makes, never blocking the bot's event loop (the
waits run in a thread).
"""

from __future__ import annotations

import asyncio
import logging
import re
import shutil
from html.parser import HTMLParser

import pytest
from support.fake_telegram import TOKEN, FakeTelegram, bot_settings, until
from support.fake_telegram import running_bot as running

from reportqa.errors import ReportQAError
from reportqa.serve.telegram.bot import ReportBot
from reportqa.serve.telegram.format import utf16_len

pytestmark = [
    # PTB's own RetryAfter constructor reads its deprecated int attribute
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
]

Q_INDUSTRY = "Hur många personer sysselsätter industrin?"
Q_TOURISM = "Vad omsätter turismbranschen?"
GROUP = -100555


def run(coro):
    return asyncio.run(coro)


def button_of(call) -> dict:
    """The first button under an answer ("Visa källor"); the 👍 / 👎 row comes after."""
    rows = call.params["reply_markup"]["inline_keyboard"]
    assert [b["text"] for b in rows[-1]] == ["👍", "👎"]
    return rows[0][0]


def sends(fake, chat_id, status=200):
    return [c for c in fake.calls_of("sendMessage")
            if c.params.get("chat_id") == chat_id and c.status == status]


def replied_to(call) -> int | None:
    return (call.params.get("reply_parameters") or {}).get("message_id")


class TagBalance(HTMLParser):
    """Checks that Telegram HTML is well nested."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> in {self.stack}"
        self.stack.pop()


def assert_valid_html(text: str) -> None:
    p = TagBalance()
    p.feed(text)
    p.close()
    assert p.stack == [], f"unclosed tags {p.stack}"


# ---- answers ------------------------------------------------------------------------------

def test_question_answered_with_figure_source_and_button(fake, engine, report_settings):
    async def scenario():
        async with running(bot_settings(report_settings, fake), engine):
            fake.message(Q_INDUSTRY, chat_id=111)
            return (await until(fake.wait_messages, 111))[0]

    call = run(scenario())
    text = call.params["text"]
    assert call.params["parse_mode"] == "HTML"
    assert re.search(r"<blockquote>.*<b>[^<]*5 000[^<]*</b>.*</blockquote>", text), text
    assert "\nKälla: <b>Läget i länet</b>, avsnitt ”Mål 5. Fler kluster" in text
    assert_valid_html(text)
    button = button_of(call)
    assert button["text"] == "Visa källor"
    assert re.fullmatch(r"src:[\w-]{12}", button["callback_data"])
    typing = [c for c in fake.calls_of("sendChatAction") if c.params["chat_id"] == 111]
    assert typing and typing[0].params["action"] == "typing"
    assert typing[0].at <= call.at


def test_start_help_and_registered_commands(fake, engine, report_settings):
    async def scenario():
        async with running(bot_settings(report_settings, fake), engine):
            fake.message("/start", chat_id=111)
            sv = (await until(fake.wait_messages, 111))[0]
            fake.message("/help", chat_id=112, user_id=112, language_code="en")
            en = (await until(fake.wait_messages, 112))[0]
            return sv, en

    sv, en = run(scenario())
    text = sv.params["text"]
    assert text.startswith("Hej!")
    assert "<b>Läget i länet</b>" in text
    assert Q_INDUSTRY in text and "/kallor" in text and "/om" in text
    assert_valid_html(text)
    assert en.params["text"].startswith("Hello!") and "/sources" in en.params["text"]
    registered = {c.params.get("language_code"): [x["command"] for x in c.params["commands"]]
                  for c in fake.calls_of("setMyCommands")}
    assert registered[None] == ["start", "help", "fraga", "kallor", "om", "ny", "rapporter",
                                "reindex"]
    assert registered["en"] == ["start", "help", "ask", "sources", "about", "new", "reports",
                                "reindex"]


def test_about_names_reports_version_and_model(fake, engine, report_settings):
    async def scenario():
        async with running(bot_settings(report_settings, fake), engine):
            fake.message("/om", chat_id=111)
            return (await until(fake.wait_messages, 111))[0]

    text = run(scenario()).params["text"]
    assert "Läget i länet" in text and engine.version in text and engine.model_name in text


def test_question_the_report_cannot_answer(fake, engine, report_settings):
    async def scenario():
        async with running(bot_settings(report_settings, fake), engine):
            fake.message("Vilken färg har himlen på Mars?", chat_id=111)
            fake.message("What is the population of Tokyo?", chat_id=112, user_id=112,
                         language_code="en")
            return ((await until(fake.wait_messages, 111))[0],
                    (await until(fake.wait_messages, 112))[0])

    sv, en = run(scenario())
    assert sv.params["text"].startswith("Det hittade jag inte i rapporten.")
    assert "Närmast kommer avsnitten:\n- Mål 5. Fler kluster" in sv.params["text"]
    assert en.params["text"].startswith("I could not find that in the report.")
    assert "The nearest sections are:" in en.params["text"]
    assert button_of(en)["text"] == "Show sources"


def test_sources_button_and_kallor_show_the_passages(fake, engine, report_settings):
    async def scenario():
        async with running(bot_settings(report_settings, fake), engine):
            fake.message(Q_INDUSTRY, chat_id=111)
            answer = (await until(fake.wait_messages, 111))[0]
            data = button_of(answer)["callback_data"]
            n = len(fake.calls)
            fake.callback(data, message=fake.sent_message(answer))
            shown = (await until(fake.wait_messages, 111, after=n))[0]
            n = len(fake.calls)
            fake.message("/kallor", chat_id=111)
            again = (await until(fake.wait_messages, 111, after=n))[0]
            n = len(fake.calls)
            fake.callback("src:no-such-id", message=fake.sent_message(answer))
            gone = await until(fake.wait_for, lambda cs: [
                c for c in cs[n:] if c.method == "answerCallbackQuery"])
            return answer, data, shown, again, gone[0]

    answer, data, shown, again, gone = run(scenario())
    assert "industrin" not in data and "5 000" not in data  # an id, never the text
    text = shown.params["text"]
    assert text.startswith(f"<b>Källor för</b> ”{Q_INDUSTRY}”")
    assert "1. Källa: <b>Läget i länet</b>" in text and "<blockquote>" in text
    assert re.search(r"<b>[^<]*5 000 personer[^<]*</b>", text)  # the answering sentence
    assert replied_to(shown) == answer.params["_result"]["message_id"]
    assert_valid_html(text)
    assert again.params["text"] == text
    assert "inte kvar" in gone.params["text"] and gone.params["show_alert"] == "true"


def test_group_needs_mention_reply_or_fraga(fake, engine, report_settings):
    def group_msg(text, **kw):
        return fake.message(text, chat_id=GROUP, chat_type="supergroup", user_id=5, **kw)

    async def scenario():
        async with running(bot_settings(report_settings, fake), engine):
            ignored = group_msg(Q_INDUSTRY)
            mention = group_msg(f"@{FakeTelegram.BOT_USERNAME} {Q_INDUSTRY}")
            [answer] = await until(fake.wait_messages, GROUP)
            reply = group_msg(Q_TOURISM, reply_to=fake.sent_message(answer))
            fraga = group_msg(f"/fraga@{FakeTelegram.BOT_USERNAME} {Q_TOURISM}")
            await until(fake.wait_messages, GROUP, 3)
            # the stripped question is what the sources button shows
            n = len(fake.calls)
            fake.callback(button_of(answer)["callback_data"], message=fake.sent_message(answer),
                          user_id=5)
            [shown] = await until(fake.wait_messages, GROUP, after=n)
            return ignored, mention, reply, fraga, answer, shown

    ignored, mention, reply, fraga, answer, shown = run(scenario())
    calls = [c for c in sends(fake, GROUP) if c is not shown]
    assert len(calls) == 3
    assert sorted(replied_to(c) for c in calls) == sorted(
        m["message_id"] for m in (mention, reply, fraga))
    assert replied_to(answer) == mention["message_id"]
    assert "5 000" in answer.params["text"]
    assert shown.params["text"].startswith(f"<b>Källor för</b> ”{Q_INDUSTRY}”")
    assert all(replied_to(c) != ignored["message_id"] for c in fake.calls_of("sendMessage"))


def test_allow_list_ignores_other_chats(fake, engine, report_settings):
    settings = bot_settings(report_settings, fake, telegram_allowed_chats="222, 333")

    async def scenario():
        async with running(settings, engine):
            fake.message(Q_INDUSTRY, chat_id=111, user_id=111)
            fake.message("/start", chat_id=111, user_id=111)
            fake.message(Q_INDUSTRY, chat_id=222, user_id=222)
            await until(fake.wait_messages, 222)

    run(scenario())
    assert not [c for c in fake.calls if c.params.get("chat_id") == 111]


def test_per_user_limit_answers_once_with_a_friendly_message(fake, engine, report_settings):
    settings = bot_settings(report_settings, fake, telegram_user_rate=2)

    async def scenario():
        async with running(settings, engine):
            for _ in range(4):
                fake.message(Q_INDUSTRY, chat_id=111, user_id=111)
            await until(fake.wait_messages, 111, 3)
            fake.message(Q_INDUSTRY, chat_id=333, user_id=333)  # another user is not limited
            await until(fake.wait_messages, 333)

    run(scenario())
    texts = [c.params["text"] for c in sends(fake, 111)]
    assert len(texts) == 3
    assert sum("5 000" in t for t in texts) == 2
    [limited] = [t for t in texts if "5 000" not in t]
    assert limited.startswith("Du har ställt många frågor på kort tid. Vänta ")


# ---- Telegram's limits and faults ------------------------------------------------------------

def test_429_retry_after_is_honoured_then_delivered(fake, engine, report_settings):
    async def scenario():
        async with running(bot_settings(report_settings, fake), engine):
            fake.fail("sendMessage", 429, retry_after=1)
            fake.message(Q_INDUSTRY, chat_id=111)
            await until(fake.wait_messages, 111)

    run(scenario())
    calls = [c for c in fake.calls_of("sendMessage") if c.params.get("chat_id") == 111]
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 1.0  # waited retry_after before trying again
    assert calls[0].params["text"] == calls[1].params["text"]


def test_502_from_the_bot_api_then_recovery(fake, engine, report_settings):
    async def scenario():
        async with running(bot_settings(report_settings, fake), engine):
            fake.fail("getUpdates", 502)
            fake.fail("sendMessage", 502, times=2)
            fake.message(Q_INDUSTRY, chat_id=111)
            await until(fake.wait_messages, 111)

    run(scenario())
    calls = [c for c in fake.calls_of("sendMessage") if c.params.get("chat_id") == 111]
    assert [c.status for c in calls] == [502, 502, 200]
    assert "5 000" in calls[-1].params["text"]
    assert 502 in [c.status for c in fake.calls_of("getUpdates")]


class ManySources:
    """The real engine, with each answer's sources repeated: a reply over 4096 characters."""

    def __init__(self, engine, times: int = 12) -> None:
        self._engine, self._times = engine, times

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def ask(self, question, top_k=3, document=None, history=(), series=None):
        ans = self._engine.ask(question, top_k, document)
        ans.sources = ans.sources * self._times
        return ans


def test_reply_longer_than_4096_is_split_cleanly(fake, engine, report_settings):
    async def scenario():
        async with running(bot_settings(report_settings, fake), ManySources(engine)):
            fake.message(Q_INDUSTRY, chat_id=111)
            answer = (await until(fake.wait_messages, 111))[0]
            n = len(fake.calls)
            fake.callback(button_of(answer)["callback_data"], message=fake.sent_message(answer))
            await until(fake.wait_for, lambda cs: [c for c in cs[n:]
                                                   if c.method == "answerCallbackQuery"])
            # parts are sent one after another; wait until the last entry has arrived
            return await until(fake.wait_for, lambda cs: (
                lambda got: got if got and re.search(r"(^|\n)36\. ", got[-1].params["text"])
                else None)(
                [c for c in cs[n:] if c.method == "sendMessage" and c.status == 200]))

    parts = run(scenario())
    assert len(parts) >= 2
    total = sum(utf16_len(c.params["text"]) for c in parts)
    assert total > 4096
    for c in parts:
        assert utf16_len(c.params["text"]) <= 4096
        assert_valid_html(c.params["text"])
        assert not re.search(r"&[#\w]*$|<[^>]*$", c.params["text"])  # no cut entity or tag
    joined = "\n".join(c.params["text"] for c in parts)
    assert all(f"\n{i}. Källa:" in joined for i in range(2, 37))
    assert replied_to(parts[0]) is not None and all(replied_to(c) is None for c in parts[1:])
    assert all("reply_markup" not in c.params for c in parts)


def test_error_in_a_handler_is_logged_and_the_bot_carries_on(fake, engine, report_settings,
                                                             caplog):
    class FailsOnce(ManySources):
        failed = False

        def ask(self, question, top_k=3, document=None, history=(), series=None):
            if not FailsOnce.failed:
                FailsOnce.failed = True
                raise RuntimeError("boom")
            return self._engine.ask(question, top_k, document)

    async def scenario():
        async with running(bot_settings(report_settings, fake), FailsOnce(engine)):
            fake.message(Q_INDUSTRY, chat_id=111)
            [oops] = await until(fake.wait_messages, 111)
            fake.message(Q_INDUSTRY, chat_id=111)
            return oops, (await until(fake.wait_messages, 111, 2))[1]

    with caplog.at_level(logging.ERROR, logger="reportqa"):
        oops, answer = run(scenario())
    assert oops.params["text"].startswith("Något gick fel")
    assert "5 000" in answer.params["text"]
    assert any("error while handling update" in r.getMessage() and r.exc_info
               for r in caplog.records)


def test_start_waits_out_an_outage_and_gives_up_on_a_refusal(fake, engine, report_settings,
                                                             caplog):
    from pydantic import SecretStr

    webhook = bot_settings(report_settings, fake,
                           telegram_webhook_url="https://bot.example.org/telegram/webhook",
                           telegram_webhook_secret=SecretStr("s3cret"))

    async def scenario():
        fake.fail("getMe", 502, times=5)  # more than one call's retries
        bot = ReportBot(bot_settings(report_settings, fake), engine)
        assert await bot.start_with_retries()
        await bot.stop()
        fake.fail("setWebhook", 400, description="Bad Request: bad webhook: HTTPS required")
        assert not await ReportBot(webhook, engine).start_with_retries()
        fake.fail("setWebhook", 400, description="Bad Request: bad webhook: HTTPS required")
        with pytest.raises(ReportQAError, match="(?i)refused: bad webhook: https required"):
            await ReportBot(webhook, engine).start_with_retries(raise_refused=True)

    with caplog.at_level(logging.WARNING, logger="reportqa"):
        run(scenario())
    assert [c.status for c in fake.calls_of("getMe")][:6] == [502] * 5 + [200]
    assert any("cannot reach the Telegram Bot API" in r.getMessage() for r in caplog.records)
    assert any(r.levelno == logging.ERROR and "bad webhook" in r.getMessage().lower()
               for r in caplog.records)


# ---- /reindex -------------------------------------------------------------------------------

@pytest.fixture
def own_engine(report_settings, embedder, tmp_path):
    """An engine over a copy of the report's index, so a rebuild touches nothing shared."""
    from reportqa.engine import Engine

    settings = report_settings.model_copy(update={"corpus_dir": tmp_path / "corpus",
                                                  "index_dir": tmp_path / "index"})
    shutil.copytree(report_settings.corpus_dir, settings.corpus_dir)
    shutil.copytree(report_settings.index_dir, settings.index_dir)
    return Engine.load(settings, embedder=embedder), settings


def test_reindex_refused_for_others_and_run_for_an_admin(fake, own_engine):
    eng, settings = own_engine
    before = eng.version
    settings = bot_settings(settings, fake, telegram_admins="42")

    async def scenario():
        async with running(settings, eng):
            fake.message("/reindex", chat_id=7, user_id=7)
            [refused] = await until(fake.wait_messages, 7)
            fake.message("/reindex", chat_id=42, user_id=42)
            [status] = await until(fake.wait_messages, 42)
            done = await until(fake.wait_for, lambda cs: [
                c for c in cs if c.method == "editMessageText"
                and c.params["text"].startswith("Klart")], 60)
            return refused, status, done[0]

    refused, status, done = run(scenario())
    assert refused.params["text"] == "Bara administratörer kan bygga om indexet."
    assert status.params["text"] == "Bygger om indexet …"
    assert done.params["message_id"] == status.params["_result"]["message_id"]
    assert eng.version != before and eng.version in done.params["text"]
    assert re.search(r"\(\d+ textavsnitt från 1 dokument, [\d.]+ s\)", done.params["text"])


# ---- the token -------------------------------------------------------------------------------

def test_token_never_in_a_log_line(fake, engine, report_settings, caplog):
    caplog.set_level(logging.DEBUG)
    settings = bot_settings(report_settings, fake)

    async def scenario():
        bot = ReportBot(settings, engine)
        for name in ("httpx", "httpcore", "telegram"):  # louder than the bot ever sets them
            caplog.set_level(logging.DEBUG, logger=name)
        await bot.start()
        try:
            fake.fail("sendMessage", 502)
            fake.fail("getUpdates", 429, retry_after=1)
            fake.message(Q_INDUSTRY, chat_id=111)
            await until(fake.wait_messages, 111)
        finally:
            await bot.stop()
        # a token Telegram refuses: PTB puts the token into its InvalidToken message
        other = "987654321:AAOtherTokenTheServerDoesNotKnow_12345"
        refused = ReportBot(settings.model_copy(update={
            "telegram_bot_token": type(settings.telegram_bot_token)(other)}), engine)
        with pytest.raises(ReportQAError) as err:
            await refused.start()
        return other, str(err.value)

    other, message = run(scenario())
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    lines = [formatter.format(r) for r in caplog.records]
    assert len(lines) > 20
    assert not [line for line in lines if TOKEN in line or other in line]
    assert any("<TELEGRAM_BOT_TOKEN>" in line for line in lines)  # URLs were logged, redacted
    assert other not in message and "rejected" in message


# ---- bot.py ----------------------------------------------------------------------------------

def test_bot_py_starts_answers_and_stops_on_ctrl_c(fake, report_settings):
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "REPORTQA_TELEGRAM_BASE_URL": fake.base_url,
           "REPORTQA_TELEGRAM_POLL_TIMEOUT": "1", "NO_PROXY": "127.0.0.1"}
    proc = subprocess.Popen(
        [sys.executable, str(root / "bot.py"), "--index", str(report_settings.index_dir),
         "--corpus", str(report_settings.corpus_dir)],
        cwd=report_settings.index_dir.parent, env=env, stderr=subprocess.PIPE, text=True)
    try:
        fake.wait_for(lambda cs: any(c.method == "getUpdates" for c in cs), timeout=120)
        fake.message(Q_INDUSTRY, chat_id=111)
        [answer] = fake.wait_messages(111, timeout=60)
        assert "5 000" in answer.params["text"]
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Telegram bot @reportqa_test_bot is answering (long polling)" in err
    assert "Telegram bot stopped" in err
    assert TOKEN not in err


# ---- conversations and votes ---------------------------------------------------------------
FOLLOW_UP = "Och turismen?"
READ_AS = "<i>Tolkat som: Hur många personer sysselsätter turismen?</i>"


def test_follow_ups_remember_the_chat_until_ny(fake, engine, report_settings):
    async def scenario():
        async with running(bot_settings(report_settings, fake), engine):
            out = []
            for text in (Q_INDUSTRY, FOLLOW_UP, "/ny", FOLLOW_UP):
                n = len(fake.calls)
                fake.message(text, chat_id=111)
                out.append((await until(fake.wait_messages, 111, after=n))[0])
            return out

    first, follow, new, alone = run(scenario())
    assert "5 000" in first.params["text"] and "Tolkat som" not in first.params["text"]
    assert follow.params["text"].startswith(READ_AS), follow.params["text"]
    assert_valid_html(follow.params["text"])
    assert "Ny konversation" in new.params["text"]
    assert "Tolkat som" not in alone.params["text"]  # forgotten by /ny


def test_two_chats_keep_separate_memories(fake, engine, report_settings):
    async def scenario():
        async with running(bot_settings(report_settings, fake), engine):
            fake.message(Q_INDUSTRY, chat_id=111)
            await until(fake.wait_messages, 111)
            fake.message(FOLLOW_UP, chat_id=222, user_id=222)  # another chat: no history
            other = (await until(fake.wait_messages, 222))[0]
            n = len(fake.calls)
            fake.message(FOLLOW_UP, chat_id=111)
            same = (await until(fake.wait_messages, 111, after=n))[0]
            return other, same

    other, same = run(scenario())
    assert "Tolkat som" not in other.params["text"]
    assert same.params["text"].startswith(READ_AS)


def test_in_a_group_each_user_has_a_conversation_of_their_own(fake, engine, report_settings):
    def ask(text, user_id):
        return fake.message(f"/fraga {text}", chat_id=GROUP, chat_type="supergroup",
                            user_id=user_id)

    async def scenario():
        async with running(bot_settings(report_settings, fake), engine):
            ask(Q_INDUSTRY, 5)
            await until(fake.wait_messages, GROUP)
            n = len(fake.calls)
            ask(FOLLOW_UP, 6)  # another user: a conversation of their own
            other = (await until(fake.wait_messages, GROUP, after=n))[0]
            n = len(fake.calls)
            ask(FOLLOW_UP, 5)
            same = (await until(fake.wait_messages, GROUP, after=n))[0]
            return other, same

    other, same = run(scenario())
    assert "Tolkat som" not in other.params["text"]
    assert same.params["text"].startswith(READ_AS)


def test_conversations_are_forgotten_after_30_minutes_of_silence():
    from reportqa.ask.followup import Turn
    from reportqa.serve.telegram.state import ConversationMemory

    now = [0.0]
    memory = ConversationMemory(clock=lambda: now[0])
    memory.add((1, 0), Turn(Q_INDUSTRY, "5 000"))
    now[0] += 29 * 60
    assert memory.history((1, 0)) == [Turn(Q_INDUSTRY, "5 000")]
    memory.add((1, 0), Turn(FOLLOW_UP, None))
    now[0] += 30 * 60 + 1
    assert memory.history((1, 0)) == []


def test_votes_are_stored_without_the_user(fake, engine, report_settings, tmp_path):
    import sqlite3

    settings = bot_settings(report_settings, fake).model_copy(
        update={"feedback_path": tmp_path / "fb.sqlite3"})
    votes = []

    async def scenario():
        async with running(settings, engine, on_vote=lambda v, ch: votes.append((v, ch))):
            fake.message(Q_INDUSTRY, chat_id=111, user_id=4242)
            answer = (await until(fake.wait_messages, 111))[0]
            down = answer.params["reply_markup"]["inline_keyboard"][-1][1]["callback_data"]
            n = len(fake.calls)
            fake.callback(down, message=fake.sent_message(answer), user_id=4242)
            thanks = await until(fake.wait_for, lambda cs: [
                c for c in cs[n:] if c.method == "answerCallbackQuery"])
            n = len(fake.calls)
            fake.callback("vote:down:no-such-answer", message=fake.sent_message(answer))
            gone = await until(fake.wait_for, lambda cs: [
                c for c in cs[n:] if c.method == "answerCallbackQuery"])
            return thanks[0], gone[0]

    thanks, gone = run(scenario())
    assert "Tack" in thanks.params["text"] and "inte kvar" in gone.params["text"]
    assert votes == [("down", "telegram")]
    rows = sqlite3.connect(settings.feedback_path).execute(
        "SELECT * FROM feedback").fetchall()
    assert len(rows) == 1 and "down" in rows[0] and "telegram" in rows[0]
    assert not any("4242" in str(v) for v in rows[0])  # never who voted
