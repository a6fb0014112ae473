"""The one-line errors of `reportqa bot` and `reportqa serve` on a bad Telegram token."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("argv, token, message", [
    ([str(ROOT / "bot.py")], "", "error: TELEGRAM_BOT_TOKEN is not set"),
    ([str(ROOT / "bot.py")], "12345:secret", "error: TELEGRAM_BOT_TOKEN is malformed"),
    (["-m", "reportqa.cli", "serve", "--port", "0"], "12345:secret",
     "error: TELEGRAM_BOT_TOKEN is malformed"),
])
def test_commands_fail_in_one_line_on_a_bad_token(tmp_path, argv, token, message):
    env = {"PATH": "/usr/bin:/bin", "TELEGRAM_BOT_TOKEN": token, "HF_HUB_OFFLINE": "1",
           "NO_PROXY": "127.0.0.1"}
    r = subprocess.run([sys.executable, *argv], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 1
    assert r.stderr.strip() == message + r.stderr.strip()[len(message):]
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "secret" not in r.stderr and "Traceback" not in r.stderr

