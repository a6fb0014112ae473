"""Building, caching, publishing and loading an index; the errors a user can meet."""

from __future__ import annotations

import json
import shutil

import pytest
from support.fixtures_docs import make_docx, make_md, make_pdf, make_txt
from support.helpers import REPORT, CountingEmbedder, make_settings

from reportqa.engine import Engine
from reportqa.errors import CorpusError, IndexMismatchError, IndexMissingError
from reportqa.index.build import build_index, is_stale
from reportqa.index.layout import FORMAT_VERSION, MANIFEST, IndexDir, read_manifest


@pytest.fixture
def mixed(tmp_path):
    s = make_settings(tmp_path)
    make_pdf(s.corpus_dir / "besok.pdf")
    make_docx(s.corpus_dir / "skog.docx")
    make_md(s.corpus_dir / "energi.md")
    make_txt(s.corpus_dir / "vagar.txt")
    (s.corpus_dir / "notes.xlsx").write_bytes(b"x")
    return s


def test_build_all_file_types_and_answer_with_pages(mixed, embedder):
    emb = CountingEmbedder(embedder)
    res = build_index(mixed, embedder_factory=lambda: emb)
    assert res.documents == 4 and res.embedded == res.passages == emb.count
    assert ("notes.xlsx", "unsupported file type .xlsx") in res.skipped
    manifest = read_manifest(IndexDir(mixed.index_dir).resolve())
    assert manifest["model"] == mixed.model_id and manifest["dim"] == 384
    assert {d["name"] for d in manifest["documents"]} == {
        "besok.pdf", "skog.docx", "energi.md", "vagar.txt"
    }
    assert all(len(d["sha256"]) == 64 for d in manifest["documents"])
    assert manifest["format_version"] == FORMAT_VERSION and manifest["built_at"]
    eng = Engine.load(mixed, embedder=embedder)
    hits = eng.search("Hur många personer sysselsätter branschen i fjällen?", k=3,
                      document="besok.pdf")
    assert hits and all(h.passage.doc == "besok.pdf" for h in hits)
    top = next(h for h in hits if "4 200" in h.passage.text)
    assert top.passage.page == 2 and top.passage.section == "Sysselsättning"


def test_second_build_embeds_nothing(mixed, embedder):
    build_index(mixed, embedder_factory=lambda: CountingEmbedder(embedder))
    assert is_stale(mixed) == (False, "up to date")
    emb = CountingEmbedder(embedder)
    res = build_index(mixed, embedder_factory=lambda: emb)
    assert res.embedded == 0 and emb.count == 0 and res.reused_documents == 4
    # An edit makes the index stale and re-embeds only the changed document's passages.
    (mixed.corpus_dir / "vagar.txt").write_text(
        "Vägar\n\nVägnätet är 9 500 km långt. Underhållet kostar ca 1,2 miljarder kronor.\n",
        encoding="utf-8",
    )
    assert is_stale(mixed)[0]
    emb2 = CountingEmbedder(embedder)
    res2 = build_index(mixed, embedder_factory=lambda: emb2)
    assert 0 < res2.embedded <= 2 and res2.reused_documents == 3


def test_missing_index_is_a_clear_error(tmp_path):
    s = make_settings(tmp_path)
    with pytest.raises(IndexMissingError, match="reportqa index build"):
        Engine.load(s, embedder=object())


def test_index_built_with_another_model_is_refused(report_settings, embedder):
    from reportqa.model.embedder import resolve_model_path

    other = report_settings.model_copy(update={"model": resolve_model_path("minilm")})
    assert other.model_id != report_settings.model_id
    with pytest.raises(IndexMismatchError, match="rebuild it with `reportqa index build`"):
        Engine.load(other, embedder=embedder)
    prompts = report_settings.model_copy(update={"query_prompt": "question: "})
    with pytest.raises(IndexMismatchError, match="prompts"):
        Engine.load(prompts, embedder=embedder)


def test_build_killed_midway_keeps_the_previous_index(tmp_path, embedder):
    s = make_settings(tmp_path)
    shutil.copy(REPORT, s.corpus_dir / REPORT.name)
    build_index(s, embedder_factory=lambda: embedder)
    live = IndexDir(s.index_dir).current()
    # A new document; the build dies while embedding it.
    make_txt(s.corpus_dir / "vagar.txt")
    with pytest.raises(KeyboardInterrupt):
        build_index(s, embedder_factory=lambda: CountingEmbedder(embedder, fail_after=0))
    idx = IndexDir(s.index_dir)
    assert idx.current() == live
    assert not [p for p in idx.root.iterdir() if p.name.startswith(".build-")]
    ans = Engine.load(s, embedder=embedder).ask("Hur många personer sysselsätter industrin?")
    assert ans.sources and ans.sources[0].document == REPORT.name
    # A leftover build folder from a process that really died is cleaned by the next build.
    (idx.root / ".build-vdead").mkdir()
    res = build_index(s, embedder_factory=lambda: embedder)
    assert res.documents == 2 and not (idx.root / ".build-vdead").exists()


def test_empty_corpus_build_fails_and_keeps_the_live_index(tmp_path, embedder):
    s = make_settings(tmp_path)
    shutil.copy(REPORT, s.corpus_dir / REPORT.name)
    build_index(s, embedder_factory=lambda: embedder)
    live = IndexDir(s.index_dir).current()
    (s.corpus_dir / REPORT.name).unlink()
    with pytest.raises(CorpusError, match="no readable documents"):
        build_index(s, embedder_factory=lambda: embedder)
    assert IndexDir(s.index_dir).current() == live


def test_corrupt_manifest_is_reported(tmp_path, embedder):
    s = make_settings(tmp_path)
    make_txt(s.corpus_dir / "vagar.txt")
    build_index(s, embedder_factory=lambda: embedder)
    path = IndexDir(s.index_dir).resolve()
    m = json.loads((path / MANIFEST).read_text())
    m["format_version"] = 999
    (path / MANIFEST).write_text(json.dumps(m))
    with pytest.raises(IndexMismatchError, match="format 999"):
        read_manifest(path)
