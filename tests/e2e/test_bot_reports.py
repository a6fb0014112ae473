"""/rapporter end to end: the real bot against the fake Bot API, over the seven reports of
eval/multi/corpus/ (six series): the list with a button per series, a press that makes the
chat's next answers come from that report only, `/rapporter mål 2` and `/rapporter alla`,
and a picked report that a rebuild removed."""

from __future__ import annotations

import asyncio
import re

import pytest
from support.fake_telegram import bot_settings, until
from support.fake_telegram import running_bot as running
from support.helpers import build_multi

from reportqa.serve.telegram.state import ChosenReportsMemory

pytestmark = [pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")]

GOAL6 = "mal-6-en-hallbar-besoksnaring"
GOAL2 = "mal-2-fler-vaxande-foretag"
Q_COMPANIES = "Hur många företag finns det?"


@pytest.fixture(scope="module")
def multi(tmp_path_factory, embedder):
    return build_multi(tmp_path_factory.mktemp("bot-multi"), embedder)


def plain(call) -> str:
    """The message's text without its Telegram HTML tags."""
    return re.sub(r"<[^>]+>", "", call.params["text"])


def test_a_picked_report_answers_the_chat_until_all_are_picked_again(fake, multi):
    settings, eng = multi
    chosen = ChosenReportsMemory()

    async def reply_to(send) -> dict:
        """The bot's first message to chat 111 after `send()` injects an update."""
        n = len(fake.calls)
        send()
        return (await until(fake.wait_messages, 111, after=n))[0]

    def say(text: str):
        return reply_to(lambda: fake.message(text, chat_id=111))

    async def scenario():
        async with running(bot_settings(settings, fake), eng, chosen=chosen):
            listing = await say("/rapporter")
            rows = listing.params["reply_markup"]["inline_keyboard"]
            goal6 = next(r[0] for r in rows if r[0]["text"].startswith("Mål 6"))
            picked = await reply_to(lambda: fake.callback(
                goal6["callback_data"], message=fake.sent_message(listing)))
            scoped = await say(Q_COMPANIES)
            again = await say("/rapporter")
            all_again = await say("/rapporter alla")
            by_goal = await say("/rapporter mål 2")
            unknown = await say("/rapporter mål 9")
            return listing, rows, picked, scoped, again, all_again, by_goal, unknown

    listing, rows, picked, scoped, again, all_again, by_goal, unknown = asyncio.run(scenario())
    text = listing.params["text"]
    assert "Mål 5. Fler kluster</b> – upplagor: undated, 2021" in text
    assert "alla rapporter" in text  # what it answers from now
    assert len(rows) == 7 and rows[-1][0]["text"] == "✓ Alla rapporter"
    assert all(len(r[0]["callback_data"].encode()) <= 64 for r in rows)
    assert "Nu svarar jag bara från <b>Mål 6. En hållbar besöksnäring</b>" in (
        picked.params["text"])
    assert any(s.document.endswith(f"{GOAL6}.txt")
               for s in eng.ask(Q_COMPANIES, series="mal-6").sources)
    assert eng.ask(Q_COMPANIES, series="mal-6").text in plain(scoped)
    assert eng.ask(Q_COMPANIES).text not in plain(scoped)  # answered differently
    again_rows = again.params["reply_markup"]["inline_keyboard"]
    assert [r[0]["text"] for r in again_rows if r[0]["text"].startswith("✓")] == [
        "✓ Mål 6. En hållbar besöksnäring"]
    assert "Nu svarar jag från alla rapporter" in all_again.params["text"]
    assert "Mål 2. Fler växande företag" in by_goal.params["text"]
    assert chosen.get((111, 0)) is not None and GOAL2 in chosen.get((111, 0))
    assert "Jag hittar ingen sådan rapport" in unknown.params["text"]


def test_a_picked_report_that_left_the_index_falls_back_to_every_report(fake, multi):
    settings, eng = multi
    chosen = ChosenReportsMemory()
    chosen.choose((111, 0), "laget-i-lanet-mal-8-finns-inte")

    async def scenario():
        async with running(bot_settings(settings, fake), eng, chosen=chosen):
            fake.message(Q_COMPANIES, chat_id=111)
            return (await until(fake.wait_messages, 111))[0]

    reply = asyncio.run(scenario())
    assert reply.params["text"].startswith("<i>Rapporten du valde finns inte längre")
    assert eng.ask(Q_COMPANIES).text in plain(reply)
    assert chosen.get((111, 0)) is None


def test_one_series_has_no_buttons(fake, engine, report_settings):
    async def scenario():
        async with running(bot_settings(report_settings, fake), engine):
            fake.message("/reports", chat_id=112, user_id=112, language_code="en")
            return (await until(fake.wait_messages, 112))[0]

    reply = asyncio.run(scenario())
    assert "There is only one report to pick." in reply.params["text"]
    assert "reply_markup" not in reply.params
