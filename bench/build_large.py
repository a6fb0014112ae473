"""Build a 1M-passage index folder through the real indexer, from 100k real embeddings.

Embedding 1M passages with MiniLM on 2 cores takes hours, so the vectors of a large corpus
are made like this (and everything else is the real `reportqa.index.build.build_index`: reading
and chunking every document, SQLite, FAISS, BM25, manifest, publish):

1. The large corpus comes from bench/gen_corpus.py with the same seed as the base corpus: its
   first documents *are* the base corpus's documents, and every later document is a variant of
   one of them (same sentences, other names and numbers).
2. Passages of the base corpus get their real vectors, read back from the base index folder,
   which `reportqa index build` embedded with the model. A variant passage whose text equals a
   base passage's text gets that real vector too.
3. Any other variant passage gets its parent passage's real vector plus isotropic Gaussian
   noise, renormalised. The noise is calibrated on real data: a sample of variant passages is
   embedded with the model, and the cosine between each and its parent is recorded; every
   derived vector draws its target cosine from that measured distribution.

    python bench/build_large.py --base-index bench/out/index-100k \
        --corpus bench/out/corpus-1m --index bench/out/index-1m
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from common import save_result

from reportqa.index.database import PassageDB
from reportqa.index.embedding_cache import text_hash
from reportqa.index.layout import DB, VECTORS, IndexDir, read_manifest


class PrecomputedEmbedder:
    """What build_index needs of an embedder (dim, encode_passages), from known vectors."""

    def __init__(self, real: dict[str, np.ndarray], derived: dict[str, np.ndarray],
                 base_vectors: np.ndarray, cosines: np.ndarray, seed: int = 0) -> None:
        from reportqa.config import MINILM_MODEL

        self.model_name = MINILM_MODEL
        self.dim = base_vectors.shape[1]
        self.real = real  # text hash -> row of base_vectors
        self.derived = derived  # text hash -> parent row of base_vectors
        self.base = base_vectors
        self.cosines = cosines
        self.rng = np.random.default_rng(seed)
        self.achieved: list[float] = []

    def encode_passages(self, texts, on_batch=None) -> np.ndarray:
        from reportqa.index.embedding_cache import text_hash

        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), 4096):
            chunk = texts[start : start + 4096]
            hashes = [text_hash(t) for t in chunk]
            for i, h in enumerate(hashes):
                row = self.real.get(h)
                if row is not None:
                    out[start + i] = self.base[row]
                elif h in self.derived:
                    out[start + i] = self._perturb(self.base[self.derived[h]])
                else:
                    raise KeyError(f"no vector for passage {chunk[i][:80]!r}")
            if on_batch:
                on_batch(len(chunk))
        return out

    def _perturb(self, v: np.ndarray) -> np.ndarray:
        c = float(self.rng.choice(self.cosines))
        sigma = np.sqrt(max(1.0 / (c * c) - 1.0, 0.0) / self.dim)
        w = v + sigma * self.rng.standard_normal(self.dim).astype(np.float32)
        w /= np.linalg.norm(w)
        if len(self.achieved) < 5000:
            self.achieved.append(float(w @ v))
        return w


class PrintProgress:
    """Stage timings on stdout (the build's own progress protocol)."""

    def __init__(self) -> None:
        self.t: dict[str, float] = {}
        self.seconds: dict[str, float] = {}

    def start(self, stage: str, total: int) -> None:
        self.t[stage] = time.perf_counter()
        print(f"  {stage}: {total} …", flush=True)

    def advance(self, stage: str, n: int = 1) -> None:
        pass

    def done(self, stage: str) -> None:
        self.seconds[stage] = round(time.perf_counter() - self.t[stage], 1)
        print(f"  {stage}: done in {self.seconds[stage]} s", flush=True)


def chunks_of(path: Path, name: str):
    from reportqa.ingest.chunking import chunk_document
    from reportqa.ingest.readers import read_document

    return chunk_document(read_document(path, name))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base-index", type=Path, required=True,
                    help="index root of the base corpus (real embeddings)")
    ap.add_argument("--corpus", type=Path, required=True,
                    help="gen_corpus.py output folder of the large corpus")
    ap.add_argument("--index", type=Path, required=True, help="index root to build")
    ap.add_argument("--calibrate", type=int, default=400,
                    help="variant passages embedded for real to calibrate the noise")
    ap.add_argument("--ann-threshold", "--hnsw-threshold", type=int, default=None,
                    help="override REPORTQA_ANN_THRESHOLD for this build")
    a = ap.parse_args(argv)
    from reportqa.model.embedder import configure_threads

    configure_threads(0)
    build(a.base_index, a.corpus, a.index, a.calibrate, a.ann_threshold)
    return 0


def build(base_index: Path, corpus_out: Path, index: Path, calibrate: int = 400,
          ann_threshold: int | None = None, embedder=None, save: bool = True) -> dict:
    """Build the index folder of a gen_corpus.py corpus; returns the figures it saved."""
    from reportqa.config import Settings
    from reportqa.index.build import build_index
    from reportqa.index.vectors import load_vector_index
    from reportqa.ingest.chunking import Passage
    from reportqa.model.embedder import Embedder

    t0 = time.perf_counter()
    base_path = IndexDir(base_index).resolve()
    bm = read_manifest(base_path)
    base_vecs = load_vector_index(base_path / VECTORS, bm["passages"],
                                  bm["dim"]).reconstruct_n(0, bm["passages"])
    real: dict[str, int] = {}
    for p in PassageDB(base_path / DB).all_passages():
        text = Passage(p.doc, p.section, p.page, p.ordinal, p.text, p.context).index_text()
        real.setdefault(text_hash(text), p.row)
    print(f"base: {len(real)} distinct real vectors from {base_path} "
          f"({time.perf_counter() - t0:.0f} s)", flush=True)

    corpus = corpus_out / "corpus"
    derived: dict[str, int] = {}
    pairs: list[tuple[str, int]] = []  # (variant text, parent row) for calibration
    parent_cache: dict[str, list] = {}
    n_passages = n_same = n_base = 0
    for line in (corpus_out / "lineage.tsv").read_text(encoding="utf-8").splitlines():
        name, parent, _ = line.split("\t")
        parent_name = f"d{int(parent):07d}.txt"
        passages = chunks_of(corpus / name, name)
        n_passages += len(passages)
        if name == parent_name:
            missing = [p for p in passages if text_hash(p.index_text()) not in real]
            if missing:
                raise RuntimeError(f"{name} is not in the base index: was the base corpus made "
                                 "with the same seed?")
            parent_cache[name] = passages
            n_base += len(passages)
            continue
        parents = parent_cache.get(parent_name) or chunks_of(corpus / parent_name, parent_name)
        if len(parents) != len(passages):
            raise RuntimeError(f"{name} has {len(passages)} passages, its parent "
                             f"{parent_name} {len(parents)}")
        for p, q in zip(passages, parents, strict=True):
            text = p.index_text()
            h = text_hash(text)
            if h in real:
                n_same += 1
                continue
            prow = real[text_hash(q.index_text())]
            if h not in derived:
                derived[h] = prow
                if len(pairs) < 200_000:
                    pairs.append((text, prow))
    print(f"large corpus: {n_passages} passages; {n_base} base, {n_same} variants with a base "
          f"text, {n_passages - n_base - n_same} variants with {len(derived)} distinct "
          "derived vectors "
          f"({time.perf_counter() - t0:.0f} s)", flush=True)

    rng = np.random.default_rng(7)
    sample = [pairs[i] for i in rng.choice(len(pairs), min(calibrate, len(pairs)),
                                           replace=False)] if pairs else []
    cosines = np.ones(1, dtype=np.float32)  # nothing derived: no noise needed
    if sample:
        emb = embedder or Embedder()
        real_var = emb.model.encode([t for t, _ in sample], normalize_embeddings=True)
        cosines = np.array([float(real_var[i] @ base_vecs[r])
                            for i, (_, r) in enumerate(sample)], dtype=np.float32)
    print(f"calibration: cosine(variant, parent) over {len(sample)} real variants: median "
          f"{np.median(cosines):.4f}, p10 {np.quantile(cosines, 0.1):.4f}, "
          f"p90 {np.quantile(cosines, 0.9):.4f}", flush=True)

    pre = PrecomputedEmbedder(real, derived, base_vecs, cosines)
    over = {} if ann_threshold is None else {"ann_threshold": ann_threshold}
    settings = Settings(corpus_dir=corpus, index_dir=index, _env_file=None, **over)
    prog = PrintProgress()
    t1 = time.perf_counter()
    res = build_index(settings, progress=prog, embedder_factory=lambda: pre)
    build_s = time.perf_counter() - t1
    achieved = np.array(pre.achieved or [np.nan])
    print(f"built {res.version}: {res.passages} passages from {res.documents} documents in "
          f"{build_s:.0f} s; " + (
              f"derived vectors' cosine to parent: median {np.median(achieved):.4f} (real "
              f"variants {np.median(cosines):.4f})" if pre.achieved else
              "all vectors came from the previous version's embedding cache"))
    manifest = read_manifest(res.path)
    figures = {
        "passages": res.passages, "documents": res.documents, "index_type":
        manifest["index_type"], "base_real_vectors": len(real), "derived_vectors": len(derived),
        "variants_with_base_text": n_same, "calibration_samples": len(sample),
        "cos_real_median": float(np.median(cosines)),
        "cos_real_p10": float(np.quantile(cosines, 0.1)),
        "cos_derived_median": float(np.median(achieved)), "build_s": round(build_s),
        "stages_s": prog.seconds}
    if save and pre.achieved:  # a rebuild from the cache derives nothing new
        save_result(f"build-large-{res.passages}", figures)
    return figures


if __name__ == "__main__":
    sys.exit(main())
