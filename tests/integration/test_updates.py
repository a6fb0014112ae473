"""Reports update: incremental rebuilds, editions, model changes, reloads, the gate, watch mode."""

from __future__ import annotations

import json
import shutil
import threading
import time

import pytest
from support.fixtures_docs import make_md, make_txt
from support.helpers import (
    REPORT,
    CountingEmbedder,
    build_template,
    copy_live,
    make_settings,
    wait_for,
)

from reportqa.ask.evaluation import EvalItem
from reportqa.engine import Engine
from reportqa.errors import BuildLockedError, IndexMismatchError
from reportqa.index.build import build_index
from reportqa.index.embedding_cache import text_hash
from reportqa.index.gate import quality_gate
from reportqa.index.layout import MANIFEST, VECTORS, IndexDir, read_manifest

QUESTION = "Hur många personer sysselsätter industrin?"
OLD, NEW = "ca 5 000 personer", "ca 5 400 personer"


def edit_report(settings, old: str = OLD, new: str = NEW) -> None:
    path = settings.corpus_dir / REPORT.name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def template(tmp_path_factory, embedder):
    """The report and its built index, built once per module and copied for each test."""
    return build_template(tmp_path_factory.mktemp("updates"), embedder)


@pytest.fixture
def live(template, tmp_path, embedder):
    """A corpus holding a copy of the report and a built index, plus an Engine over it."""
    s = copy_live(template, tmp_path)
    return s, Engine.load(s, embedder=embedder)


def test_edited_figure_is_answered_after_rebuild(live, embedder):
    s, eng = live
    before = eng.ask(QUESTION)
    assert "5 000" in before.text and "5 400" not in before.text
    old_doc = eng.documents()[0]
    old_version = eng.version

    time.sleep(1.1)  # the edition's dates have one-second resolution
    edit_report(s)
    emb = CountingEmbedder(embedder)
    res = build_index(s, embedder_factory=lambda: emb)
    assert res.published and res.changed == [REPORT.name] and not res.added + res.removed
    # Only the passages whose text changed (the sentence and the next one, which carries it as
    # context) are embedded again.
    assert 1 <= res.embedded == emb.count <= 3 < res.passages

    assert eng.version == old_version  # nothing swaps by itself without a poller
    assert eng.reload() is True and eng.version == res.version
    after = eng.ask(QUESTION)
    assert after.found and "5 400" in after.text and "5 000" not in after.text
    # Editions: the source names its document and the date this edition was indexed.
    src = after.sources[0]
    assert src.document == REPORT.name and src.title == "Läget i länet"
    new_doc = eng.documents()[0]
    assert src.indexed_at == new_doc.indexed_at > old_doc.indexed_at
    assert new_doc.changed_at and new_doc.sha256 != old_doc.sha256
    # The question in flight on the old snapshot still answers from it.
    assert before.sources[0].indexed_at == old_doc.indexed_at


def test_unchanged_documents_keep_their_edition_dates(live, embedder):
    s, eng = live
    first = {d.name: d for d in eng.documents()}
    time.sleep(1.1)
    make_txt(s.corpus_dir / "vagar.txt")
    res = build_index(s, embedder_factory=lambda: embedder)
    assert res.added == ["vagar.txt"] and res.reused_documents == 1
    eng.reload()
    docs = {d.name: d for d in eng.documents()}
    assert docs[REPORT.name].indexed_at == first[REPORT.name].indexed_at
    assert docs[REPORT.name].changed_at == first[REPORT.name].changed_at
    assert docs["vagar.txt"].indexed_at > first[REPORT.name].indexed_at


def test_add_and_delete_documents(live, embedder):
    s, eng = live
    make_md(s.corpus_dir / "energi.md")
    emb = CountingEmbedder(embedder)
    res = build_index(s, embedder_factory=lambda: emb)
    assert res.added == ["energi.md"] and res.reused_documents == 1
    assert emb.count == res.embedded < res.passages  # only the new document is embedded
    eng.reload()
    ans = eng.ask("Hur mycket producerade vindkraften?")
    assert ans.found and "3 000 GWh" in ans.text and ans.sources[0].document == "energi.md"

    (s.corpus_dir / REPORT.name).unlink()
    emb2 = CountingEmbedder(embedder)
    res2 = build_index(s, embedder_factory=lambda: emb2)
    assert res2.removed == [REPORT.name] and res2.embedded == emb2.count == 0
    eng.reload()
    assert [d.name for d in eng.documents()] == ["energi.md"]
    hits = eng.search(QUESTION, k=10)
    assert hits and all(h.passage.doc == "energi.md" for h in hits)
    assert not eng.ask(QUESTION).found or "5 000" not in (eng.ask(QUESTION).text or "")


def test_changed_model_name_re_embeds_everything(live, embedder):
    """The bundled model's own folder is a different model name for the same weights."""
    from reportqa.model.embedder import resolve_model_path

    s, eng = live
    other = s.model_copy(update={"model": resolve_model_path("bundled")})
    assert other.model_id != s.model_id
    emb = CountingEmbedder(embedder)
    res = build_index(other, embedder_factory=lambda: emb)
    assert res.embedded == emb.count == res.passages and res.reused_documents == 1
    manifest = read_manifest(res.path)
    assert manifest["model"] == other.model_id
    # A server configured with the old name refuses the new version and keeps serving.
    assert eng.reload() is False and eng.version != res.version
    assert "built with model" in eng.reload_state()["error"]
    assert eng.ask(QUESTION).found
    with pytest.raises(IndexMismatchError, match="rebuild it"):
        Engine.load(s, embedder=embedder)
    # Back to the old name: everything is embedded again (the cache is per model and prompt).
    emb2 = CountingEmbedder(embedder)
    assert build_index(s, embedder_factory=lambda: emb2).embedded == emb2.count == res.passages


def test_changed_passage_prompt_re_embeds_everything(live, embedder):
    s, _ = live
    prompted = s.model_copy(update={"passage_prompt": "text: "})
    emb = CountingEmbedder(embedder)
    res = build_index(prompted, embedder_factory=lambda: emb)
    assert res.embedded == emb.count == res.passages
    # A query prompt alone does not change what passages are embedded with.
    queried = prompted.model_copy(update={"query_prompt": "question: "})
    emb2 = CountingEmbedder(embedder)
    assert build_index(queried, embedder_factory=lambda: emb2).embedded == emb2.count == 0


def test_second_build_waits_or_fails_clearly(live, embedder):
    from filelock import FileLock

    s, _ = live
    lock = FileLock(str(IndexDir(s.index_dir).lock_path))
    lock.acquire()  # another process's build, as far as build_index can tell
    try:
        with pytest.raises(BuildLockedError, match="another build is running"):
            build_index(s, embedder_factory=lambda: embedder, wait=False)
        waited = threading.Event()
        out: dict = {}

        def second():
            out["res"] = build_index(s, embedder_factory=lambda: embedder,
                                     on_wait=waited.set)

        t = threading.Thread(target=second)
        t.start()
        wait_for(waited.is_set, what="the second build to start waiting")
        assert "res" not in out
    finally:
        lock.release()
    t.join(120)
    assert out["res"].published
    assert IndexDir(s.index_dir).current() == out["res"].version


def test_auto_reload_swaps_in_new_versions(live, embedder):
    s, eng = live
    eng.start_auto_reload(interval=0.05)
    eng.start_auto_reload(interval=0.05)  # idempotent
    try:
        edit_report(s)
        res = build_index(s, embedder_factory=lambda: embedder)
        wait_for(lambda: eng.version == res.version, what="the poller to swap")
        assert "5 400" in eng.ask(QUESTION).text
        state = eng.reload_state()
        assert state["auto_reload"] and state["swaps"] == 1 and state["error"] is None
        # A rollback is noticed the same way.
        old = IndexDir(s.index_dir).versions()[0]
        IndexDir(s.index_dir).set_current(old)
        wait_for(lambda: eng.version == old, what="the poller to roll back")
        assert "5 000" in eng.ask(QUESTION).text
    finally:
        eng.stop_auto_reload()
    assert not eng.reload_state()["auto_reload"]


def test_reload_refuses_a_corrupt_new_version(live, embedder):
    s, eng = live
    good = eng.version
    edit_report(s)
    res = build_index(s, embedder_factory=lambda: embedder)
    faiss_file = res.path / VECTORS
    data = bytearray(faiss_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    faiss_file.write_bytes(bytes(data))

    assert eng.reload() is False
    assert eng.version == good and "5 000" in eng.ask(QUESTION).text
    err = eng.reload_state()["error"]
    assert res.version in err and "vectors.faiss fails its checksum" in err
    assert f"still serving {good}" in err
    assert eng.reload() is False  # not retried on every poll...
    faiss_file.write_bytes(bytes(data[: len(data) // 2]))  # ...unless forced
    assert eng.reload(force=True) is False and "bytes, expected" in eng.reload_state()["error"]


def test_quality_gate_keeps_the_live_version_when_answers_get_worse(live, embedder, tmp_path):
    s, _ = live
    items = [EvalItem("ind", "sv", QUESTION, ["5 000"]),
             EvalItem("tur", "sv", "Hur mycket omsätter turismbranschen?", ["fem miljarder"])]
    live_version = IndexDir(s.index_dir).current()
    edit_report(s)  # the gate's expected figure is gone from the new edition
    gate = quality_gate(s, items, 0.5, lambda: embedder)
    res = build_index(s, embedder_factory=lambda: embedder, before_publish=gate)
    assert not res.published
    assert "hit@1 0.500" in res.message and "worse than the live version" in res.message
    assert IndexDir(s.index_dir).current() == live_version
    assert not res.path.exists()

    strict = quality_gate(s, items[1:], 1.0, lambda: embedder)
    res2 = build_index(s, embedder_factory=lambda: embedder, before_publish=strict)
    assert res2.published and res2.message.startswith("gate passed: hit@1 1.000")


def test_watcher_rebuilds_after_the_corpus_changes(live, embedder):
    from reportqa.index.watch import CorpusWatcher

    s, eng = live
    published = []
    w = CorpusWatcher(s, embedder_factory=lambda: embedder, debounce=0.3,
                      on_published=lambda res: (published.append(res), eng.reload()))
    w.start()
    try:
        time.sleep(0.5)  # let the watcher start watching
        assert w.builds == 0  # the index was up to date: no initial build
        (s.corpus_dir / ".~lock.report#").write_text("editor droppings")
        (s.corpus_dir / "notes").mkdir()
        edit_report(s)
        wait_for(lambda: published, what="a rebuild")
        assert published[0].changed == [REPORT.name]
        wait_for(lambda: eng.version == published[0].version, what="the swap")
        assert "5 400" in eng.ask(QUESTION).text
        make_txt(s.corpus_dir / "notes" / "vagar.txt")
        wait_for(lambda: len(published) == 2, what="a second rebuild")
        assert published[1].added == ["notes/vagar.txt"]
    finally:
        w.stop()
    assert w.last_error is None


def test_documents_show_editions(live):
    _, eng = live
    (doc,) = eng.documents()
    assert doc.name == REPORT.name and doc.indexed_at and doc.changed_at
    manifest = json.loads((IndexDir(live[0].index_dir).resolve() / MANIFEST)
                          .read_text())
    assert manifest["documents"][0]["changed_at"] == doc.changed_at


def test_only_the_last_versions_are_kept(live, embedder):
    s, eng = live
    s = s.model_copy(update={"index_keep": 2})
    first = eng.version
    built = [build_index(s, embedder_factory=lambda: embedder).version for _ in range(3)]
    idx = IndexDir(s.index_dir)
    assert idx.versions() == built[1:] and idx.current() == built[-1]
    assert first not in idx.versions()
    assert eng.ask(QUESTION).found  # the engine still on the pruned first version answers


def test_reused_tokens_give_the_same_lexical_index(live, embedder, tmp_path, monkeypatch):
    """Unchanged passages keep their lexical tokens; the BM25 files equal a fresh build's."""
    from reportqa.index import build as indexer

    s, _ = live
    edit_report(s)
    calls = []
    real = indexer.Analyzer.tokens
    monkeypatch.setattr(indexer.Analyzer, "tokens",
                        lambda self, text: calls.append(text) or real(self, text))
    res = build_index(s, embedder_factory=lambda: embedder)
    assert 1 <= len(calls) == res.embedded < res.passages  # only the changed passages
    monkeypatch.undo()

    fresh = make_settings(tmp_path / "fresh")
    shutil.copytree(s.corpus_dir, fresh.corpus_dir, dirs_exist_ok=True)
    scratch = build_index(fresh, embedder_factory=lambda: embedder)
    a, b = read_manifest(res.path), read_manifest(scratch.path)
    assert a["tokenizer"] == b["tokenizer"]
    bm25 = {k: v["sha256"] for k, v in a["files"].items() if k.startswith("bm25/")}
    assert bm25 and bm25 == {k: v["sha256"] for k, v in b["files"].items()
                             if k.startswith("bm25/")}
    # Another tokenizer (here: other analyzer settings) re-tokenizes everything.
    assert indexer.tokenizer_fingerprint({"other": 1}) != a["tokenizer"]


def test_watcher_sees_a_change_made_during_its_first_build(live, embedder):
    from reportqa.index.watch import CorpusWatcher

    s, _ = live
    edit_report(s)  # stale at start: the watcher builds at once

    def build(settings, **kw):
        res = build_index(settings, **kw)
        if len(published) == 0:  # the corpus changes after the build has read it
            make_txt(s.corpus_dir / "vagar.txt")
        return res

    published: list = []
    w = CorpusWatcher(s, embedder_factory=lambda: embedder, debounce=0.2, build=build,
                      on_published=published.append)
    w.start()
    try:
        wait_for(lambda: len(published) == 2, what="the second rebuild")
    finally:
        w.stop()
    assert published[0].changed == [REPORT.name] and published[1].added == ["vagar.txt"]


class HashEmbedder:
    """Deterministic unit vectors from the text (cache mechanics only, no semantics)."""

    dim = 384

    def __init__(self) -> None:
        self.count = 0

    def _vec(self, text: str):
        import numpy as np

        rng = np.random.default_rng(int(text_hash(text)[:8], 16))
        v = rng.standard_normal(self.dim).astype("float32")
        return v / np.linalg.norm(v)

    def encode_passages(self, texts, on_batch=None):
        import numpy as np

        self.count += len(texts)
        return np.stack([self._vec(t) for t in texts])

    def encode_query(self, text):
        return self._vec(text)


def test_ivf_versions_are_an_embedding_cache_too(tmp_path):
    """Beyond the ANN threshold the index is IVF; its exact vectors still serve as the cache."""
    s = make_settings(tmp_path, ann_threshold=1)
    for d in range(12):
        sentences = " ".join(f"Företag {d}-{i} i kommun {i} har {d * 100 + i} anställda."
                             for i in range(100))
        (s.corpus_dir / f"rapport{d:02d}.txt").write_text(f"Rapport {d}\n\n{sentences}\n",
                                                           encoding="utf-8")
    first = build_index(s, embedder_factory=HashEmbedder)
    assert read_manifest(first.path)["index_type"] == "ivf"
    assert first.passages == 1200
    path = s.corpus_dir / "rapport03.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("har 305 anställda",
                                                             "har 999 anställda"),
                    encoding="utf-8")
    emb = HashEmbedder()
    res = build_index(s, embedder_factory=lambda: emb)
    assert 1 <= res.embedded == emb.count <= 2 < res.passages
    assert read_manifest(res.path)["index_type"] == "ivf"
