"""Build throughput: passages embedded per second by the index build against the bare model.

On a machine whose load changes minute by minute, two long runs one after the other do not
compare, so the two sides are interleaved finely, in one process with the same model object
and threads:
1. the embedding path: for each chunk of 128 passage texts (in corpus order), the bare
   `SentenceTransformer.encode(chunk, batch_size=32)` and the build's
   `Embedder.encode_passages(chunk)`, alternately and in alternating order → rate ratio
   (sums over all chunks; the median of the per-chunk ratios is printed too);
2. the rest of the build: `reportqa.index.build.build_index` (what `reportqa index build` runs)
   of the whole corpus into a fresh folder, its stages timed by the build's progress hooks →
   the share of the build spent embedding.
Build throughput / bare = (1) × (2): the whole build's passages per second (model already
loaded) against the bare model's batch encoding.

    python bench/gen_corpus.py --passages 2000 --seed 3 --base-passages 2000 \
        --out bench/out/corpus-tp
    python bench/build_throughput.py --corpus bench/out/corpus-tp/corpus
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import p50, save_result, timed

CHUNK = 128  # passages per interleaved pair of timings


class StageTimes:
    def __init__(self) -> None:
        self.t0: dict[str, float] = {}
        self.s: dict[str, float] = {}

    def start(self, stage: str, total: int) -> None:
        self.t0[stage] = time.perf_counter()

    def advance(self, stage: str, n: int = 1) -> None:
        pass

    def done(self, stage: str) -> None:
        self.s[stage] = time.perf_counter() - self.t0[stage]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="corpus folder")
    a = ap.parse_args(argv)

    from reportqa.config import Settings
    from reportqa.index.build import build_index
    from reportqa.ingest.chunking import chunk_document
    from reportqa.ingest.corpus import list_corpus
    from reportqa.ingest.readers import read_document
    from reportqa.model.embedder import Embedder, configure_threads

    threads = configure_threads(0)
    emb = Embedder()
    files, _ = list_corpus(a.corpus)
    texts = [p.index_text() for f, rel in files for p in chunk_document(read_document(f, rel))]
    emb.model.encode(texts[:64], batch_size=32)  # warm-up
    n = len(texts)

    chunks = [texts[i : i + CHUNK] for i in range(0, n, CHUNK)]
    bare_s = path_s = 0.0
    pairs = []
    for i, chunk in enumerate(chunks):
        def bare(c=chunk):
            return emb.model.encode(c, batch_size=32, normalize_embeddings=True)

        def path(c=chunk):
            return emb.encode_passages(c)

        # alternate which side goes first, so neither always follows the other
        first, second = (bare, path) if i % 2 == 0 else (path, bare)
        t1, t2 = timed(first)[1], timed(second)[1]
        b, p = (t1, t2) if i % 2 == 0 else (t2, t1)
        bare_s += b
        path_s += p
        pairs.append(b / p)
    path_ratio = bare_s / path_s
    print(f"{n} passages, {threads} threads, {len(chunks)} chunks: bare encode {n / bare_s:.1f}/s,"
          f" Embedder.encode_passages {n / path_s:.1f}/s → {path_ratio:.3f} of bare (median of "
          f"the chunk pairs {p50(pairs):.3f})", flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="reportqa-tp-"))
    try:
        prog = StageTimes()
        res = build_index(Settings(corpus_dir=a.corpus, index_dir=tmp / "a", _env_file=None),
                          progress=prog, embedder_factory=lambda: emb)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    share = prog.s["embedding"] / res.seconds
    ratio = path_ratio * share
    print(f"build_index: {res.seconds:.1f} s, of which embedding {prog.s['embedding']:.1f} s "
          f"({share:.1%}); stages " + ", ".join(f"{k} {v:.1f} s" for k, v in prog.s.items()))
    print(f"build throughput / bare model batch encoding = {path_ratio:.3f} × {share:.3f} = "
          f"{ratio:.3f}")
    save_result("build-throughput", {
        "passages": n, "threads": threads, "bare_per_s": round(n / bare_s, 1),
        "encode_passages_per_s": round(n / path_s, 1), "ratio_embedding": round(path_ratio, 3),
        "ratio_embedding_median_pair": round(p50(pairs), 3),
        "build_index_s": round(res.seconds, 1), "embedding_share": round(share, 3),
        "stages_s": {k: round(v, 2) for k, v in prog.s.items()}, "ratio": round(ratio, 3)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
