"""Mistakes a user makes and accidents that happen, as `reportqa` reports them: one line each,
with the variable, the path or the fix, and nothing lost."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest
from support.fixtures_docs import make_txt
from support.helpers import run_cli as run

from reportqa.index.layout import IndexDir

#: The other model a test names: not bundled, not a folder, never downloaded.
UNKNOWN_MODEL = "nosuch-org/no-such-model-xyz"
#: A user waits this long at most for a model that cannot load offline (issue 13).
MODEL_FAILURE_SECONDS = 10


def _only_line(p) -> str:
    assert p.returncode != 0
    lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, p.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize("env,expected", [
    ({"REPORTQA_PORT": "abc"}, "REPORTQA_PORT='abc' is not valid: it must be a whole number, "
                               "at least 0 and at most 65535"),
    ({"REPORTQA_BATCH_SIZE": "0"}, "REPORTQA_BATCH_SIZE='0' is not valid: it must be a whole "
                                   "number, at least 1"),
    ({"REPORTQA_THREADS": "-3"}, "REPORTQA_THREADS='-3' is not valid"),
    ({"REPORTQA_DENSE_WEIGHT": "5"}, "REPORTQA_DENSE_WEIGHT='5' is not valid: it must be a "
                                     "number, at least 0 and at most 1"),
    ({"REPORTQA_HNSW_THRESHOLD": "-1"}, "REPORTQA_ANN_THRESHOLD (or REPORTQA_HNSW_THRESHOLD)"),
    ({"REPORTQA_ANSWER_MODEL": "kanske"}, "it must be true or false"),
    ({"REPORTQA_LOG_LEVEL": "loud"}, "one of DEBUG, INFO, WARNING, ERROR"),
    ({"REPORTQA_MAX_FILE_MB": "-1"}, "REPORTQA_MAX_FILE_MB='-1'"),
])
def test_a_bad_setting_is_one_line_and_exit_code_2(tmp_path, env, expected):
    p = run("index", "info", env_extra=env, cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    line = _only_line(p)
    assert expected in line and "(from the environment or .env)" in line


@pytest.mark.parametrize("command", [["serve"], ["bot"], ["ask", "Hur många?"],
                                     ["index", "build"]])
def test_every_command_says_a_bad_setting_in_one_line(tmp_path, command):
    p = run(*command, env_extra={"REPORTQA_THREADS": "-3"}, cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    assert "REPORTQA_THREADS='-3' is not valid" in _only_line(p)


def test_a_bad_setting_in_dot_env_is_one_line(tmp_path):
    (tmp_path / ".env").write_text("REPORTQA_PORT=80a\nREPORTQA_CANDIDATES=0\n")
    p = run("index", "info", cwd=tmp_path)
    assert p.returncode == 2
    line = _only_line(p)
    assert "REPORTQA_PORT='80a'" in line and "REPORTQA_CANDIDATES='0'" in line


def test_a_missing_index_names_its_absolute_path_and_the_fix(tmp_path):
    elsewhere = tmp_path / "another-folder"
    elsewhere.mkdir()
    p = run("ask", "Hur många jobbar i industrin?", cwd=elsewhere,
            env_extra={"REPORTQA_INDEX_DIR": "index"})
    line = _only_line(p)
    assert f"no index in {elsewhere / 'index'}" in line
    assert "reportqa index build" in line and "run from the project folder" in line


def test_a_model_that_cannot_load_offline_fails_at_once(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_txt(corpus / "vagar.txt")
    t0 = time.monotonic()
    p = run("index", "build", "-q", "--corpus", str(corpus), "--index", str(tmp_path / "ix"),
            env_extra={"REPORTQA_MODEL": UNKNOWN_MODEL, "HF_HUB_OFFLINE": ""})
    took = time.monotonic() - t0
    line = _only_line(p)
    assert UNKNOWN_MODEL in line and "downloads are off" in line
    assert "REPORTQA_MODEL_DOWNLOAD=true" in line
    assert took < MODEL_FAILURE_SECONDS, f"{took:.1f} s"
    assert not IndexDir(tmp_path / "ix").versions()


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs (root only; elsewhere the test is skipped with the reason)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                       capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {p.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_during_a_build_is_one_line_and_the_live_index_stays(tmp_path,
                                                                         small_disk):
    corpus, index = tmp_path / "corpus", small_disk / "index"
    corpus.mkdir()
    make_txt(corpus / "vagar.txt")
    args = ("index", "build", "-q", "--corpus", str(corpus), "--index", str(index))
    first = run(*args)
    assert first.returncode == 0, first.stderr
    live = IndexDir(index).current()
    # Leave less room than the next version needs: fill the disk but for ~64 KB.
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * max(0, free - 64 * 1024))
    (corpus / "mer.txt").write_text(
        "Rapport om mer\n\n" + " ".join(f"Mening nummer {i} om länets vägar och broar."
                                        for i in range(400)), encoding="utf-8")
    p = run(*args)
    assert p.returncode == 1
    line = _only_line(p)
    assert "is full" in line and f"the live version {live} is unchanged" in line
    assert "Traceback" not in p.stderr and "sqlite3" not in p.stderr
    assert IndexDir(index).current() == live
    assert not list(index.glob(".build-*")), "the half-written version is removed"
    verify = run("index", "verify", "--index", str(index))
    assert verify.returncode == 0 and "all files intact" in verify.stdout
    ask = run("ask", "Hur långt är vägnätet?", "--index", str(index))
    assert ask.returncode == 0 and "9 000 km" in ask.stdout
