"""The benchmark tools work (not timed): corpus generator, 1M-style build from real vectors,
the floor script, and the embedder's length-sorted batch encoding."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import gen_corpus  # noqa: E402

from reportqa.index.layout import VECTORS, IndexDir, read_manifest  # noqa: E402


def _chunk(path: Path):
    from reportqa.ingest.chunking import chunk_document
    from reportqa.ingest.readers import read_document

    return chunk_document(read_document(path, path.name))


def test_generator_is_reproducible_and_counts_passages(tmp_path):
    a = gen_corpus.write_corpus(tmp_path / "a", 400, seed=5, base_passages=400)
    b = gen_corpus.write_corpus(tmp_path / "b", 400, seed=5, base_passages=400)
    gen_corpus.write_corpus(tmp_path / "c", 400, seed=6, base_passages=400)
    names = sorted(p.name for p in (tmp_path / "a" / "corpus").iterdir())
    assert a == b and a["passages"] >= 400 and a["documents"] == len(names)
    for n in names:
        assert ((tmp_path / "a" / "corpus" / n).read_bytes()
                == (tmp_path / "b" / "corpus" / n).read_bytes())
    assert any((tmp_path / "a" / "corpus" / n).read_bytes()
               != (tmp_path / "c" / "corpus" / n).read_bytes() for n in names)
    # One generated sentence is one passage after the real reader and chunker.
    lineage = (tmp_path / "a" / "lineage.tsv").read_text(encoding="utf-8").splitlines()
    total = 0
    for line in lineage:
        name, _, n = line.split("\t")
        assert len(_chunk(tmp_path / "a" / "corpus" / name)) == int(n)
        total += int(n)
    assert total == a["passages"]


def test_larger_corpus_starts_with_the_base_and_varies_it(tmp_path):
    small = gen_corpus.write_corpus(tmp_path / "s", 300, seed=1, base_passages=300)
    big = gen_corpus.write_corpus(tmp_path / "b", 1000, seed=1, base_passages=300)
    assert big["base_documents"] == small["documents"]
    for name in sorted(p.name for p in (tmp_path / "s" / "corpus").iterdir()):
        assert ((tmp_path / "s" / "corpus" / name).read_bytes()
                == (tmp_path / "b" / "corpus" / name).read_bytes())
    rows = [line.split("\t") for line in
            (tmp_path / "b" / "lineage.tsv").read_text(encoding="utf-8").splitlines()]
    variants = [(name, int(parent)) for name, parent, _ in rows
                if name != f"d{int(parent):07d}.txt"]
    assert variants
    for name, parent in variants[:10]:
        mine = _chunk(tmp_path / "b" / "corpus" / name)
        theirs = _chunk(tmp_path / "b" / "corpus" / f"d{parent:07d}.txt")
        assert len(mine) == len(theirs)  # same sentences, other names and numbers
        assert [p.text for p in mine] != [p.text for p in theirs]


def test_questions_are_varied_and_reproducible():
    qs = gen_corpus.questions(40)
    assert qs == gen_corpus.questions(40)
    assert len(set(qs)) > 30
    assert all(q.endswith("?") for q in qs)


def test_encode_passages_keeps_order(embedder):
    texts = ["Kort.", "En betydligt längre mening om industrin i Jämtlands län och dess "
             "kunder utanför länet, som är många.", "Turism.", "Mellanlång mening om turism."]
    texts = texts * 5
    done = []
    got = embedder.encode_passages(texts, on_batch=done.append)
    assert sum(done) == len(texts)
    one_by_one = np.vstack([embedder.model.encode([embedder.passage_prompt + t],
                                                  normalize_embeddings=True)
                            for t in texts])
    assert np.min(np.sum(got * one_by_one, axis=1)) > 0.999


@pytest.fixture(scope="module")
def large_index(tmp_path_factory, embedder):
    """A base corpus embedded for real, and a 3× corpus built from it by build_large."""
    import build_large

    from reportqa.config import Settings
    from reportqa.index.build import build_index

    tmp = tmp_path_factory.mktemp("large")
    gen_corpus.write_corpus(tmp / "base", 120, seed=3, base_passages=120)
    build_index(Settings(corpus_dir=tmp / "base" / "corpus", index_dir=tmp / "base-index",
                         _env_file=None), embedder_factory=lambda: embedder)
    meta = gen_corpus.write_corpus(tmp / "big", 360, seed=3, base_passages=120)
    figures = build_large.build(tmp / "base-index", tmp / "big", tmp / "big-index",
                                calibrate=20, ann_threshold=200, embedder=embedder,
                                save=False)
    return tmp, meta, figures


def test_build_large_uses_real_vectors_and_calibrated_noise(large_index, embedder):
    from reportqa.index.vectors import load_vector_index

    tmp, meta, figures = large_index
    assert figures["passages"] == meta["passages"]
    assert figures["index_type"] == "flat"  # too few passages for IVF cells
    assert figures["derived_vectors"] > 0 and figures["calibration_samples"] == 20
    assert 0.5 < figures["cos_real_median"] < 1.0
    assert abs(figures["cos_derived_median"] - figures["cos_real_median"]) < 0.05

    base = IndexDir(tmp / "base-index").resolve()
    big = IndexDir(tmp / "big-index").resolve()
    nb = read_manifest(base)["passages"]
    bv = load_vector_index(base / VECTORS, nb, embedder.dim).reconstruct_n(0, nb)
    m = read_manifest(big)
    gv = load_vector_index(big / VECTORS, m["passages"], embedder.dim).reconstruct_n(
        0, m["passages"])
    # The base documents come first and keep their real vectors exactly.
    np.testing.assert_allclose(gv[:nb], bv, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(gv, axis=1), 1.0, atol=1e-4)


def test_floor_script_runs_on_a_real_index(large_index, monkeypatch, capsys):
    import common
    import floor

    tmp, meta, _ = large_index
    monkeypatch.setattr(common, "RESULTS", tmp / "results")
    assert floor.main(["--index", str(tmp / "big-index"), "--queries", "4",
                       "--breakdown", "--name", "t"]) == 0
    out = capsys.readouterr().out
    assert "Engine.ask p50 / floor" in out
    res = json.loads((tmp / "results" / "t.json").read_text(encoding="utf-8"))
    assert res["passages"] == meta["passages"] and res["index_type"] == "flat"
    assert res["floor_ms"] > 0 and res["engine_p50_ms"] > 0 and res["ratio"] > 0
    assert set(res["stages_p50_ms"]) >= {"encode", "faiss", "bm25", "sqlite", "answer"}
