"""Crash safety: `kill -9` of a build at named points, corrupted and missing index files."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.fixtures_docs import make_txt
from support.helpers import REPORT, build_template, copy_live

from reportqa.engine import Engine
from reportqa.errors import IndexCorruptError
from reportqa.index import layout as layout_mod
from reportqa.index.build import build_index
from reportqa.index.layout import DB, VECTORS, IndexDir

BIN = Path(sys.executable).parent / "reportqa"
QUESTION = "Hur många personer sysselsätter industrin?"
ROAD = "Hur långt är vägnätet?"


def long_document(n: int = 45) -> str:
    """More passages than one embedding batch, so a kill after the first batch is mid-way."""
    body = " ".join(f"Kommun nummer {i} har {100 + i} anställda inom vården och omsorgen."
                    for i in range(n))
    return f"Vården i länet\n\nPersonal\n\n{body}\n"


@pytest.fixture(scope="module")
def template(tmp_path_factory, embedder):
    """The report and a small second report, built once; each test works on a copy."""
    return build_template(tmp_path_factory.mktemp("crash"), embedder,
                          lambda d: make_txt(d / "vagar.txt"))


@pytest.fixture
def live(template, tmp_path):
    return copy_live(template, tmp_path)


def start_paused_build(s, point: str, tmp: Path) -> subprocess.Popen:
    """`reportqa index build` in a subprocess that stops at `point` (failpoint)."""
    marker = tmp / f"paused-at-{point}"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "REPORTQA_TEST_PAUSE_AT": point,
           "REPORTQA_TEST_PAUSE_FILE": str(marker), "REPORTQA_TEST_PAUSE_SECONDS": "300",
           "REPORTQA_INDEX_KEEP": "1"}
    proc = subprocess.Popen([str(BIN), "index", "build", "-q", "--corpus", str(s.corpus_dir),
                             "--index", str(s.index_dir)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while not marker.exists():
        if proc.poll() is not None:
            pytest.fail(f"the build ended before {point}: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the build never reached {point}")
        time.sleep(0.05)
    assert int(marker.read_text()) == proc.pid
    return proc


def kill9(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL


def leftovers(s) -> set[str]:
    root = IndexDir(s.index_dir).root
    return {p.name.split("-")[0] if p.name.startswith(".build-") else
            (".CURRENT.tmp" if p.name.startswith(".CURRENT.") else p.name)
            for p in root.iterdir() if p.name.startswith(".") and p.name != ".lock"}


# Kill points: mid-embedding (after the first of several batches), after the passage database
# is written, before the build folder is renamed into place, after the rename but before
# CURRENT is replaced, and after CURRENT is replaced but before old versions are pruned.
@pytest.mark.parametrize("point,left,new_is_live", [
    ("embedding", set(), False),
    ("writing", {".build"}, False),
    ("publish", {".build"}, False),
    ("current", {".CURRENT.tmp"}, False),
    ("pruning", set(), True),
])
def test_kill_9_during_a_build(live, embedder, tmp_path, point, left, new_is_live):
    s = live
    idx = IndexDir(s.index_dir)
    old = idx.current()
    (s.corpus_dir / "vagar.txt").unlink()
    if point == "embedding":  # something to embed in several batches (the model loads)
        (s.corpus_dir / "varden.txt").write_text(long_document(), encoding="utf-8")
    proc = start_paused_build(s, point, tmp_path)
    kill9(proc)

    assert leftovers(s) == left
    if point == "current":  # the complete new version is there but not live
        assert len(idx.versions()) == 2
    assert (idx.current() != old) is new_is_live
    eng = Engine.load(s, embedder=embedder)
    assert eng.version == idx.current()
    assert "5 000" in eng.ask(QUESTION).text
    names = [d.name for d in eng.documents()]
    assert ("vagar.txt" in names) is not new_is_live
    if not new_is_live:  # the old index still answers from the document the build removed
        road = eng.ask(ROAD)
        assert road.found and "9 000 km" in road.text

    # The lock died with the process (flock): the next build does not wait, cleans up, works.
    res = build_index(s, embedder_factory=lambda: embedder, wait=False)
    assert res.published and leftovers(s) == set()
    assert "vagar.txt" in res.removed or new_is_live
    assert eng.reload() is True
    assert "vagar.txt" not in [d.name for d in eng.documents()]
    assert "5 000" in eng.ask(QUESTION).text
    if point == "embedding":
        assert res.added == ["varden.txt"] and res.embedded == 45


def two_versions(s, embedder) -> tuple[str, str]:
    """The template's version (5 000) and a newer live one (5 400)."""
    old = IndexDir(s.index_dir).current()
    path = s.corpus_dir / REPORT.name
    path.write_text(path.read_text(encoding="utf-8").replace("ca 5 000 personer",
                                                             "ca 5 400 personer"),
                    encoding="utf-8")
    return old, build_index(s, embedder_factory=lambda: embedder).version


def damage(path: Path, how: str = "flip") -> None:
    data = bytearray(path.read_bytes())
    if how == "flip":
        data[len(data) // 2] ^= 0x5A
    elif how == "header":
        data[:16] = b"\0" * 16
    else:
        data = data[: len(data) // 2]
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("rel,how,message", [
    (VECTORS, "flip", "file vectors.faiss fails its checksum"),
    (DB, "flip", "file passages.sqlite fails its checksum"),
    (DB, "truncate", "file passages.sqlite has"),
    ("bm25/vocab.index.json", "delete", "file bm25/vocab.index.json is missing"),
])
def test_corrupt_live_version_falls_back_to_the_newest_intact(live, embedder, caplog, rel, how,
                                                              message):
    s = live
    old, new = two_versions(s, embedder)
    target = IndexDir(s.index_dir).path(new) / rel
    if how == "delete":
        target.unlink()
    else:
        damage(target, how)

    with caplog.at_level(logging.ERROR, logger="reportqa.engine"):
        eng = Engine.load(s, embedder=embedder)
    assert eng.version == old and "5 000" in eng.ask(QUESTION).text
    assert any(message in r.getMessage() and new in r.getMessage() for r in caplog.records)
    state = eng.reload_state()
    assert state["current"] == new and message in state["error"]
    assert eng.reload() is False  # the broken CURRENT is not retried on every poll

    # `reportqa index verify` names the broken file; the next build does not reuse it.
    p = subprocess.run([str(BIN), "index", "verify", "--index", str(s.index_dir)],
                       capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert p.returncode == 1 and message in p.stderr
    res = build_index(s, embedder_factory=lambda: embedder)
    assert res.embedded <= 3  # vectors came from the intact older version
    assert eng.reload() is True and "5 400" in eng.ask(QUESTION).text


def test_corruption_beyond_the_checksummed_size_is_still_caught(live, embedder, monkeypatch):
    """Large files are only size-checked at load; a broken FAISS header still fails clearly."""
    s = live
    old, new = two_versions(s, embedder)
    monkeypatch.setattr(layout_mod, "FULL_CHECK_BYTES", 0)
    damage(IndexDir(s.index_dir).path(new) / VECTORS, "header")
    eng = Engine.load(s, embedder=embedder)
    assert eng.version == old
    assert "cannot be loaded" in eng.reload_state()["error"] or \
        "corrupt" in eng.reload_state()["error"]


def test_no_intact_version_is_a_clear_error(live, embedder):
    s = live
    for v in IndexDir(s.index_dir).versions():
        damage(IndexDir(s.index_dir).path(v) / VECTORS)
    with pytest.raises(IndexCorruptError, match="no intact index version.*reportqa index build"):
        Engine.load(s, embedder=embedder)


def test_current_pointing_at_a_deleted_version(live, embedder):
    s = live
    old, new = two_versions(s, embedder)
    shutil.rmtree(IndexDir(s.index_dir).path(new))
    eng = Engine.load(s, embedder=embedder)
    assert eng.version == old
    assert "missing" in eng.reload_state()["error"]


def test_a_pruned_version_keeps_answering(live, embedder):
    """A server still on a version whose folder a build pruned answers from open files."""
    s = live.model_copy(update={"index_keep": 1})
    eng = Engine.load(s, embedder=embedder)
    old = eng.version
    two_versions(s, embedder)
    assert not IndexDir(s.index_dir).path(old).exists()
    assert eng.version == old
    import concurrent.futures as cf

    with cf.ThreadPoolExecutor(4) as pool:  # fresh threads: no connection was cached by them
        answers = list(pool.map(lambda _: eng.ask(QUESTION), range(8)))
    assert all("5 000" in a.text for a in answers)
    assert eng.reload() is True and "5 400" in eng.ask(QUESTION).text
