"""The update commands as a user runs them: two builds at once, the gate, rollback, verify,
SIGHUP, and `reportqa serve --watch`."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from support.fixtures_docs import make_txt
from support.helpers import REPORT, build_template, copy_live, wait_for

from reportqa.engine import Engine
from reportqa.index.build import build_index
from reportqa.index.layout import VECTORS, IndexDir

BIN = Path(sys.executable).parent / "reportqa"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "NO_PROXY": "127.0.0.1,localhost"}
QUESTION = "Hur många personer sysselsätter industrin?"


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, env=ENV,
                          timeout=timeout)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def template(tmp_path_factory, embedder):
    return build_template(tmp_path_factory.mktemp("updates-cli"), embedder,
                          lambda d: make_txt(d / "vagar.txt"))


@pytest.fixture
def live(template, tmp_path):
    return copy_live(template, tmp_path)


def dirs(s) -> list[str]:
    return ["--corpus", str(s.corpus_dir), "--index", str(s.index_dir)]


def test_two_concurrent_builds(live, tmp_path):
    """The second build fails at once with --no-wait, or waits and then publishes too."""
    s = live
    marker = tmp_path / "first-paused"
    (s.corpus_dir / "vagar.txt").unlink()  # a change that needs no model: quick to start
    first = subprocess.Popen(
        [str(BIN), "index", "build", "-q", *dirs(s)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
        env={**ENV, "REPORTQA_TEST_PAUSE_AT": "writing", "REPORTQA_TEST_PAUSE_FILE": str(marker)})
    procs = [first]
    try:
        wait_for(marker.exists, 120, "the first build to hold the lock")
        p = run("index", "build", "-q", "--no-wait", *dirs(s))
        assert p.returncode == 1 and "Traceback" not in p.stderr
        assert p.stderr.startswith("error: another build is running on ")
        p = run("index", "rollback", "--no-wait", "--index", str(s.index_dir))
        assert p.returncode == 1 and "a build is running" in p.stderr

        second = subprocess.Popen([str(BIN), "index", "build", "-q", *dirs(s)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=ENV)
        procs.append(second)
        try:
            # It says that it waits, and it does wait while the first build is paused.
            with pytest.raises(subprocess.TimeoutExpired):
                second.communicate(timeout=5)
        finally:
            Path(f"{marker}.go").touch()  # let the first build go on
        out1, err1 = first.communicate(timeout=120)
        out2, err2 = second.communicate(timeout=120)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    assert first.returncode == 0 and second.returncode == 0, (err1, err2)
    assert "waiting for it to finish" in err2
    v1, v2 = out1.split()[1].rstrip(":"), out2.split()[1].rstrip(":")
    assert v1 < v2 and IndexDir(s.index_dir).current() == v2
    assert "1 removed" in out1 and "no document changed" in out2


def test_gate_refuses_and_passes(live, tmp_path):
    s = live
    gate = tmp_path / "gate.jsonl"
    gate.write_text(json.dumps({"id": "ind", "question": QUESTION, "expect": ["5 000"]}) + "\n",
                    encoding="utf-8")
    live_version = IndexDir(s.index_dir).current()
    report = s.corpus_dir / REPORT.name
    report.write_text(report.read_text(encoding="utf-8").replace("ca 5 000 personer",
                                                                 "ca 5 400 personer"))
    p = run("index", "build", "-q", "--gate", str(gate), "--min-hit", "0.9", *dirs(s))
    assert p.returncode == 3, p.stderr
    assert "not published: hit@1 0.000 on 1 questions" in p.stderr
    assert "below --min-hit 0.9; the live version stays" in p.stderr
    assert IndexDir(s.index_dir).current() == live_version
    assert not [d for d in IndexDir(s.index_dir).root.iterdir()
                if d.name.startswith(".build-")]

    gate.write_text(json.dumps({"id": "ind", "question": QUESTION, "expect": ["5 400"]}) + "\n")
    p = run("index", "build", "-q", "--gate", str(gate), "--min-hit", "1", *dirs(s))
    assert p.returncode == 0, p.stderr
    assert "gate passed: hit@1 1.000 on 1 questions (live " in p.stdout

    gate.write_text("not json\n")
    p = run("index", "build", "-q", "--gate", str(gate), *dirs(s))
    assert p.returncode == 1 and "not a valid evaluation line" in p.stderr
    p = run("index", "build", "-q", "--gate", str(gate), "--min-hit", "1.5", *dirs(s))
    assert p.returncode == 2


def test_list_rollback_verify(live, embedder):
    s = live
    report = s.corpus_dir / REPORT.name
    report.write_text(report.read_text(encoding="utf-8").replace("ca 5 000", "ca 5 400"))
    old = IndexDir(s.index_dir).current()
    new = build_index(s, embedder_factory=lambda: embedder).version
    p = run("index", "list", "--index", str(s.index_dir))
    assert p.returncode == 0 and f"* {new}" in p.stdout and f"  {old}" in p.stdout
    p = run("index", "rollback", "--index", str(s.index_dir))
    assert p.returncode == 0 and f"live index is now {old}" in p.stdout
    assert "5 000" in Engine.load(s, embedder=embedder).ask(QUESTION).text
    p = run("index", "rollback", new, "--index", str(s.index_dir))
    assert p.returncode == 0 and IndexDir(s.index_dir).current() == new
    p = run("index", "rollback", "vnope", "--index", str(s.index_dir))
    assert p.returncode == 1 and "no index version vnope" in p.stderr

    p = run("index", "verify", "--all", "--index", str(s.index_dir))
    assert p.returncode == 0 and p.stdout.count("all files intact") == 2
    vec = IndexDir(s.index_dir).path(old) / VECTORS
    vec.write_bytes(vec.read_bytes()[:-8] + b"\0" * 8)
    p = run("index", "verify", "--all", "--index", str(s.index_dir))
    assert p.returncode == 1 and f"{old}: BROKEN: index {old}: file vectors.faiss fails" in \
        p.stdout
    p = run("index", "rollback", old, "--index", str(s.index_dir))
    assert p.returncode == 1 and "not rolling back to a broken version" in p.stderr
    assert IndexDir(s.index_dir).current() == new


def test_sighup_reloads_at_once(live, embedder):
    """The serve hook: SIGHUP swaps in the new CURRENT without waiting for the poll."""
    from reportqa.index.watch import reload_hook

    s = live
    eng = Engine.load(s, embedder=embedder)
    old = eng.version

    async def scenario() -> str:
        app = SimpleNamespace(state=SimpleNamespace(engine=eng))
        async with reload_hook(interval=3600)(app):
            report = s.corpus_dir / REPORT.name
            report.write_text(report.read_text(encoding="utf-8").replace("ca 5 000", "ca 5 400"))
            new = await asyncio.to_thread(build_index, s, embedder_factory=lambda: embedder)
            await asyncio.sleep(0.3)
            assert eng.version == old  # the poll is an hour away
            os.kill(os.getpid(), signal.SIGHUP)
            for _ in range(300):
                if eng.version == new.version:
                    break
                await asyncio.sleep(0.1)
            return new.version

    assert asyncio.run(scenario()) == eng.version != old
    assert "5 400" in eng.ask(QUESTION).text
    assert not eng.reload_state()["auto_reload"]


def test_serve_watch_rebuilds_and_swaps_in_one_process(live, tmp_path):
    s = live
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([str(BIN), "serve", "--watch", "--port", str(port), *dirs(s)],
                              env=ENV, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def ask() -> dict | None:
        try:
            r = httpx.post(f"{base}/ask", json={"question": QUESTION}, timeout=30)
        except httpx.HTTPError:
            return None
        return r.json() if r.status_code == 200 else None

    try:
        first = wait_for(ask, 180, "the server")
        assert "5 000" in first["answer"]
        time.sleep(1.0)  # the watcher starts after the engine
        report = s.corpus_dir / REPORT.name
        report.write_text(report.read_text(encoding="utf-8").replace("ca 5 000", "ca 5 400"))
        second = wait_for(lambda: (a := ask()) and "5 400" in a["answer"] and a, 120,
                          "the rebuilt index to answer")
        assert second["index_version"] != first["index_version"]
        docs = httpx.get(f"{base}/documents", timeout=30).json()["documents"]
        report_doc = next(d for d in docs if d["name"] == REPORT.name)
        road_doc = next(d for d in docs if d["name"] == "vagar.txt")
        assert report_doc["indexed_at"] >= road_doc["indexed_at"]
        assert report_doc["changed_at"] and road_doc["changed_at"]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
    assert server.returncode in (0, -signal.SIGTERM)
