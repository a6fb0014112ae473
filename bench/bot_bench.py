"""Telegram bot overhead: the real bot against the fake Bot API on 127.0.0.1.

Prints, from one run: the median of Engine.ask in a worker thread (as the bot calls it), the
median question → answer time through the bot (sequential), the time for N users asking at
once (bounded by Telegram's 30 messages/s flood limit, which AIORateLimiter enforces), and
split_html on a long message. Builds a throwaway index of corpus/ first.

    .venv/bin/python bench/bot_bench.py [--questions 20] [--users 50]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.fake_telegram import TOKEN, FakeTelegram, bot_settings  # noqa: E402

from reportqa.config import Settings  # noqa: E402
from reportqa.engine import Engine  # noqa: E402
from reportqa.index.build import build_index  # noqa: E402
from reportqa.serve.telegram.bot import ReportBot  # noqa: E402
from reportqa.serve.telegram.format import split_html  # noqa: E402

Q = "Hur många personer sysselsätter industrin?"


def ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


async def run(engine: Engine, base: Settings, questions: int, users: int) -> None:
    direct = []
    for _ in range(questions):
        t = time.perf_counter()
        await asyncio.to_thread(engine.ask, Q, 3)
        direct.append(time.perf_counter() - t)
    with FakeTelegram(TOKEN) as fake:
        bot = ReportBot(bot_settings(base, fake, telegram_user_rate=10_000), engine)
        await bot.start()
        try:
            seq = []
            for _ in range(questions):
                n = len(fake.calls)
                t = time.perf_counter()
                fake.message(Q, chat_id=111)
                await asyncio.to_thread(fake.wait_messages, 111, 1, 30, n)
                seq.append(time.perf_counter() - t)
            n = len(fake.calls)
            t = time.perf_counter()
            for u in range(users):
                fake.message(Q, chat_id=10_000 + u, user_id=10_000 + u)
            await asyncio.to_thread(fake.wait_for, lambda cs: len(
                [c for c in cs[n:] if c.method == "sendMessage" and c.status == 200]) >= users,
                120)
            burst = time.perf_counter() - t
        finally:
            await bot.stop()
    print(f"Engine.ask in a worker thread, median:          {ms(direct):7.1f} ms")
    print(f"question -> answer through the bot, median:     {ms(seq):7.1f} ms "
          f"({ms(seq) / ms(direct):.1f}x Engine.ask)")
    print(f"{users} users at once, all answered in:          {burst:7.2f} s "
          f"({users / burst:.0f} answers/s; Telegram allows 30 messages/s)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=int, default=20)
    ap.add_argument("--users", type=int, default=50)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bot-bench-"))
    try:
        base = Settings(_env_file=None, corpus_dir=ROOT / "corpus", index_dir=tmp / "index")
        build_index(base)
        engine = Engine.load(base)
        asyncio.run(run(engine, base, args.questions, args.users))
        html = "\n\n".join(f"<b>{i}.</b> <blockquote>" + "ord &amp; text " * 60
                           + "</blockquote>" for i in range(40))
        times = []
        for _ in range(20):
            t = time.perf_counter()
            parts = split_html(html)
            times.append(time.perf_counter() - t)
        print(f"split_html, {len(html)} characters into {len(parts)} parts, median: "
              f"{ms(times):7.1f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
