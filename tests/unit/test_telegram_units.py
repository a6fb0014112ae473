"""The bot's parts on their own: HTML and splitting, limits, settings, mentions, token
redaction and the retrying HTTP layer."""

from __future__ import annotations

import asyncio
import logging
import random
import re
import socket
import threading
from html.parser import HTMLParser

import pytest
from pydantic import SecretStr
from support.fake_telegram import TOKEN
from telegram import Message
from telegram.error import NetworkError, TimedOut

from reportqa.config import Settings
from reportqa.errors import ReportQAError
from reportqa.serve.telegram.bot import question_in
from reportqa.serve.telegram.config import BotConfig, parse_ids, webhook_path
from reportqa.serve.telegram.format import (
    answer_html,
    bold_figure,
    not_found_html,
    source_line,
    split_html,
    utf16_len,
)
from reportqa.serve.telegram.redaction import REDACTED, check_token, protect_token
from reportqa.serve.telegram.requests import AnswersFirstRateLimiter, RetryingRequest
from reportqa.serve.telegram.state import Shown, SourceCache, UserRateLimiter
from reportqa.types import Answer, Source

SRC = Source("rapport.txt", "Läget i länet", "Mål 5. Fler kluster", 4,
             "Före. En mening med 5 000 personer.", "En mening med 5 000 personer.", 0.9)


# ---- HTML ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, bold", [
    ("Industrin sysselsätter ca 5 000 personer inom olika näringar.", "5 000"),
    ("Mer än 90 % av industrins kunder finns utanför länet.", "90 %"),
    ("Under 2017 sysselsatte myndigheterna cirka 3 300 personer.", "3 300"),
    ("Branschen omsätter årligen nästan fem miljarder kronor.", "fem miljarder kronor"),
    ("Andelen var 42,5 procent.", "42,5 procent"),
    ("Det startade 2017.", "2017"),  # only a year: still the figure
])
def test_key_figure_in_bold(text, bold):
    assert f"<b>{bold}</b>" in bold_figure(text)


def test_report_text_is_escaped():
    assert bold_figure("a < b & 3 > 2") == "a &lt; b &amp; <b>3</b> &gt; 2"
    assert bold_figure("no figure <i>") == "no figure &lt;i&gt;"
    src = Source("d<1>.txt", "R&D <rapport>", "Avsnitt <2>", None, "t", "t", 1.0)
    assert source_line(src, "sv") == ("Källa: <b>R&amp;D &lt;rapport&gt;</b>, "
                                      "avsnitt ”Avsnitt &lt;2&gt;”")
    assert source_line(SRC, "en").endswith(", section ”Mål 5. Fler kluster”, p. 4")


def test_answer_and_not_found_html():
    ans = Answer("Hur många?", "Det är 5 000 <personer>.", 0.9, [SRC], "sv")
    assert answer_html(ans) == ("<blockquote>Det är <b>5 000</b> &lt;personer&gt;.</blockquote>\n"
                                "Källa: <b>Läget i länet</b>, avsnitt ”Mål 5. Fler kluster”, s. 4")
    nf = Answer("How many moons?", None, 0.1, [SRC, SRC], "en")
    assert not_found_html(nf) == ("I could not find that in the report.\n"
                                  "The nearest sections are:\n- Mål 5. Fler kluster")


class Balance(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def handle_entityref(self, name):
        self.text.append(f"&{name};")

    def handle_charref(self, name):
        self.text.append(f"&#{name};")


def visible(html: str) -> str:
    p = Balance()
    p.feed(html)
    p.close()
    assert p.stack == []
    return "".join(p.text)


def test_short_message_is_one_part():
    assert split_html("<b>hej</b>") == ["<b>hej</b>"]


def test_split_prefers_paragraphs_then_lines():
    paras = [f"Stycke {i}. " + "ord " * 150 for i in range(12)]
    parts = split_html("\n\n".join(paras), limit=2000)
    assert len(parts) > 1
    for part in parts:
        assert utf16_len(part) <= 2000
        assert part.startswith("Stycke ") and part.endswith("ord")  # whole paragraphs
    lines = "\n".join("rad " * 40 for _ in range(60))
    for part in split_html(lines, limit=1000):
        assert part.startswith("rad") and part.endswith("rad")


def test_split_closes_and_reopens_tags_and_never_cuts_an_entity():
    html = "<blockquote>" + "A &amp; B &lt;tag&gt; " * 400 + "</blockquote>"
    parts = split_html(html, limit=500)
    assert len(parts) > 5
    for part in parts:
        assert utf16_len(part) <= 500
        assert part.startswith("<blockquote>") and part.endswith("</blockquote>")
        visible(part)
        assert not re.search(r"&[#\w]*(?![#\w;])", part.replace("&amp;", "").replace(
            "&lt;", "").replace("&gt;", ""))


def test_split_counts_utf16_and_cuts_a_word_longer_than_the_limit():
    emoji = "😀" * 3000  # 6000 UTF-16 units, no spaces at all
    parts = split_html(emoji, limit=4096)
    assert [utf16_len(p) for p in parts] == [4096, 1904]
    assert "".join(parts) == emoji


def test_split_random_html_keeps_everything():
    rng = random.Random(5)
    words = ["ord", "5 000", "&amp;", "<b>fet</b>", "<i>kursiv <b>båda</b></i>", "\n", "\n\n",
             "Källa:", '<a href="https://example.org/x?a=1&amp;b=2">länk</a>', "å", "😀"]
    for _ in range(40):
        html = " ".join(rng.choice(words) for _ in range(rng.randint(50, 1500)))
        html = f"<blockquote>{html}</blockquote>"
        limit = rng.choice([300, 1000, 4096])
        parts = split_html(html, limit=limit)
        assert all(utf16_len(p) <= limit for p in parts)
        assert len(parts) == 1 or all(utf16_len(p) >= limit // 4 for p in parts[:-1])
        squash = re.compile(r"\s+")
        assert squash.sub("", "".join(visible(p) for p in parts)) == squash.sub("", visible(html))


# ---- limits and memory ----------------------------------------------------------------------

def test_user_limit_is_a_sliding_window_and_tells_once():
    now = [0.0]
    lim = UserRateLimiter(3, period=60, clock=lambda: now[0])
    assert [lim.check(1) for _ in range(3)] == [(0.0, False)] * 3
    now[0] = 10
    assert lim.check(1) == (50.0, True)
    assert lim.check(1) == (50.0, False)  # told once per flood
    assert lim.check(2) == (0.0, False)  # others are not affected
    now[0] = 60.5  # the first three have left the window
    assert [lim.check(1) for _ in range(3)] == [(0.0, False)] * 3
    assert lim.check(1) == (60.0, True)  # a new flood is told again


def test_source_cache_keys_are_short_ids_and_old_ones_expire():
    cache = SourceCache(size=2)
    keys = [cache.put(Shown(1, f"q{i}", "sv", (SRC,))) for i in range(3)]
    assert all(re.fullmatch(r"[\w-]{12}", k) for k in keys)
    assert len(("src:" + keys[0]).encode()) <= 64
    assert cache.get(keys[0]) is None and cache.get(keys[2]).question == "q2"
    assert cache.last(1).question == "q2" and cache.last(2) is None


# ---- settings ----------------------------------------------------------------------------------

def settings(**kw) -> Settings:
    values = {"telegram_bot_token": SecretStr(TOKEN)}
    values.update(kw)
    return Settings(_env_file=None, **values)


@pytest.mark.parametrize("token, message", [
    (None, "TELEGRAM_BOT_TOKEN is not set"),
    ("  ", "TELEGRAM_BOT_TOKEN is not set"),
    ("123456:short", "TELEGRAM_BOT_TOKEN is malformed"),
    ("notdigits:AAFakeTokenForTests_0123456789abcdef", "TELEGRAM_BOT_TOKEN is malformed"),
    (TOKEN + " extra", "TELEGRAM_BOT_TOKEN is malformed"),
])
def test_bad_tokens_are_one_line_errors_without_the_token(token, message):
    with pytest.raises(ReportQAError, match=message) as err:
        check_token(token)
    assert "\n" not in str(err.value)
    assert not (token and token.strip()) or token.strip() not in str(err.value)


def test_config_from_settings():
    c = BotConfig.from_settings(settings(telegram_admins="1, 2 3",
                                         telegram_allowed_chats="-100123;5"))
    assert c.token == TOKEN and c.admins == {1, 2, 3} and c.allowed_chats == {-100123, 5}
    assert c.base_url == "https://api.telegram.org/bot" and c.user_rate == 20
    assert BotConfig.from_settings(settings()).allowed_chats is None  # every chat
    with pytest.raises(ReportQAError, match="REPORTQA_TELEGRAM_ADMINS must be Telegram ids"):
        BotConfig.from_settings(settings(telegram_admins="1, alice"))
    with pytest.raises(ReportQAError, match="REPORTQA_TELEGRAM_BASE_URL"):
        BotConfig.from_settings(settings(telegram_base_url="api.telegram.org/bot"))
    assert parse_ids("", "X") == frozenset()


def test_settings_read_the_conventional_env_names(monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("REPORTQA_TELEGRAM_ADMINS", "42")
    monkeypatch.setenv("REPORTQA_TELEGRAM_USER_RATE", "5")
    c = BotConfig.from_settings(Settings(_env_file=None))
    assert (c.token, c.admins, c.user_rate) == (TOKEN, {42}, 5)


def test_webhook_path():
    assert webhook_path("https://bot.example.org/telegram/webhook") == "/telegram/webhook"
    for bad in ("http://x.org/hook", "https:///hook", "https://x.org", "https://x.org/"):
        with pytest.raises(ReportQAError):
            webhook_path(bad)


# ---- which messages are questions ---------------------------------------------------------

BOT_ID, BOT_NAME = 99, "rapport_bot"


def msg(text: str, chat_type: str = "group", reply_from: int | None = None,
        entities: list | None = None) -> Message:
    data = {"message_id": 5, "date": 0, "chat": {"id": -5, "type": chat_type}, "text": text,
            "from": {"id": 1, "is_bot": False, "first_name": "A"}}
    if reply_from is not None:
        data["reply_to_message"] = {"message_id": 4, "date": 0, "chat": data["chat"],
                                    "text": "svar", "from": {"id": reply_from, "is_bot": True,
                                                             "first_name": "B"}}
    if entities:
        data["entities"] = entities
    return Message.de_json(data, None)


@pytest.mark.parametrize("message, expected", [
    (msg("Hur många?", "private"), "Hur många?"),
    (msg("@rapport_bot hur många?", "private"), "hur många?"),
    (msg("Hur många?"), None),
    (msg("@rapport_bot, hur många personer?"), "hur många personer?"),
    (msg("Hur många personer @Rapport_Bot ?"), "Hur många personer ?"),
    (msg("@rapport_botten hur många?"), None),  # another bot's name
    (msg("mail@rapport_bot.se"), None),
    (msg("och turismen?", reply_from=BOT_ID), "och turismen?"),
    (msg("och turismen?", reply_from=12345), None),
    (msg("Anna, hur många?", entities=[{"type": "text_mention", "offset": 0, "length": 4,
                                        "user": {"id": BOT_ID, "is_bot": True,
                                                 "first_name": "B"}}]), "Anna, hur många?"),
    (msg("@rapport_bot", "supergroup"), ""),
])
def test_question_in(message, expected):
    assert question_in(message, BOT_NAME, BOT_ID) == expected


# ---- the token in logs ----------------------------------------------------------------------

def test_token_is_redacted_from_records_arguments_and_tracebacks(caplog):
    token = "555555555:AAUnitTestTokenThatMustNeverBeLogged1"
    protect_token(token)
    assert logging.getLogger("httpx").level == logging.WARNING
    log = logging.getLogger("some.library")
    with caplog.at_level(logging.DEBUG):
        log.debug("GET %s", f"https://api.telegram.org/bot{token}/getMe")
        log.info(f"plain {token}")
        try:
            raise RuntimeError(f"The token `{token}` was rejected by the server.")
        except RuntimeError:
            log.exception("failed")
        log.info("untouched %d %s", 3, "args")
    out = caplog.text
    assert token not in out
    assert out.count(REDACTED) == 3
    assert "untouched 3 args" in out


# ---- the retrying HTTP layer ----------------------------------------------------------------

def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused_is_retried_with_backoff_then_raised(caplog):
    req = RetryingRequest(retries=2, backoff=0.01)
    url = f"http://127.0.0.1:{closed_port()}/bot{TOKEN}/sendMessage"

    async def go():
        await req.initialize()
        try:
            await req.do_request(url, "POST")
        finally:
            await req.shutdown()

    with caplog.at_level(logging.WARNING, logger="reportqa"), pytest.raises(NetworkError):
        asyncio.run(go())
    retries = [r.getMessage() for r in caplog.records if "retry" in r.getMessage()]
    assert len(retries) == 2 and all("sendMessage failed (ConnectError)" in m for m in retries)
    assert not [m for m in retries if TOKEN in m]
    assert [RetryingRequest(backoff=1, max_backoff=4).delay(i) // 1 for i in (0, 5)] in (
        [[0.0, 3.0], [0.0, 4.0], [1.0, 3.0], [1.0, 4.0]])


def test_read_timeout_is_not_retried():
    """The request may have reached Telegram: sending it again could duplicate a message."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted = []

    def accept():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            accepted.append(conn)  # never answers

    threading.Thread(target=accept, daemon=True).start()
    port = server.getsockname()[1]
    req = RetryingRequest(retries=3, backoff=0.01, read_timeout=0.3)

    async def go():
        await req.initialize()
        try:
            await req.do_request(f"http://127.0.0.1:{port}/bot{TOKEN}/sendMessage", "POST")
        finally:
            await req.shutdown()

    try:
        with pytest.raises(TimedOut):
            asyncio.run(go())
        assert len(accepted) == 1
    finally:
        server.close()
        for conn in accepted:
            conn.close()


def test_typing_indicators_do_not_use_up_the_message_budget():
    limiter = AnswersFirstRateLimiter(overall_max_rate=1, overall_time_period=3600)
    sent = []

    async def post(endpoint, data):
        sent.append(endpoint)
        return True

    async def request(endpoint):
        data = {"chat_id": 1}
        return await limiter.process_request(post, (endpoint, data), {}, endpoint, data, None)

    async def go():
        await request("sendMessage")  # the whole budget for an hour
        for _ in range(3):
            await asyncio.wait_for(request("sendChatAction"), 5)
        with pytest.raises(TimeoutError):  # a second message has to wait
            await asyncio.wait_for(request("sendMessage"), 0.2)

    asyncio.run(go())
    assert sent == ["sendMessage"] + ["sendChatAction"] * 3

