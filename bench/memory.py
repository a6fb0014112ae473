"""Resident memory of the server with an index loaded, with the model's and the index's shares.

For each index folder:
- the real server: `reportqa serve --index DIR`, wait for /readyz 200, ask 20 questions
  (GET /ask), then read its VmRSS from /proc;
- the shares, in a fresh interpreter that does what the server does step by step: import
  reportqa's serving modules (FastAPI, uvicorn, torch, FAISS, bm25s…) → RSS₀; load the
  model and encode a few queries → RSS₁; load the index (LoadedIndex.open, as Engine.load
  does) and answer the same questions → RSS₂. Model share = RSS₁ − RSS₀, index share =
  RSS₂ − RSS₁, the rest (interpreter and libraries) = RSS₀.
Plus the index's files on disk. Index share per 100k passages = the growth of the index share
between the smallest and the largest index (the smallest one's share is the fixed part:
glossary, word frequencies, buffers).

    python bench/memory.py bench/out/index-1k bench/out/index-100k bench/out/index-1m
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import BENCH, ROOT, rss_mb, save_result, stop_process
from startup import REPORTQA, env, free_port

PY = str(ROOT / ".venv" / "bin" / "python")

STAGES = r"""
import json, sys, time
sys.path.insert(0, {bench!r})
from common import rss_mb
import gen_corpus
from pathlib import Path
import fastapi, uvicorn, torch, faiss, bm25s, sentence_transformers  # noqa: F401
import reportqa.serve.http.app, reportqa.engine  # noqa: F401
from reportqa.config import Settings
from reportqa.engine import Engine
from reportqa.model.embedder import Embedder, configure_threads
out = {{"rss0": rss_mb()}}
configure_threads(0)
emb = Embedder()
qs = gen_corpus.questions(20)
for q in qs:
    emb.encode_query(q)
out["rss1"] = rss_mb()
t = time.perf_counter()
eng = Engine.load(Settings(index_dir=Path({index!r}), _env_file=None), embedder=emb)
out["load_s"] = time.perf_counter() - t
for q in qs:
    eng.ask(q)
out["rss2"] = rss_mb()
out["passages"] = eng.snapshot.index.size
out["index_type"] = eng.manifest.get("index_type")
out["files_mb"] = {{f.name: round(sum(g.stat().st_size for g in ([f] if f.is_file() else
                   f.rglob("*")) if g.is_file()) / 2**20, 1)
                   for f in eng.snapshot.index.path.iterdir()}}
print(json.dumps(out))
"""


def server_rss(index: Path, questions: list[str], timeout: float = 1200) -> float:
    port = free_port()
    p = subprocess.Popen([REPORTQA, "serve", "--index", str(index), "--port", str(port)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env(),
                         cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        t = time.perf_counter()
        while True:
            try:
                with urllib.request.urlopen(base + "/readyz", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if p.poll() is not None or time.perf_counter() - t > timeout:
                raise RuntimeError("the server did not get ready")
            time.sleep(0.1)
        for q in questions:
            with urllib.request.urlopen(f"{base}/ask?q={urllib.parse.quote(q)}",
                                        timeout=60) as r:
                r.read()
        return rss_mb(p.pid)
    finally:
        stop_process(p)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("indexes", type=Path, nargs="+", help="index roots (hold CURRENT)")
    a = ap.parse_args(argv)

    import gen_corpus

    qs = gen_corpus.questions(20)
    rows = []
    for index in a.indexes:
        code = STAGES.format(bench=str(BENCH), index=str(index.resolve()))
        r = subprocess.run([PY, "-c", code], capture_output=True, text=True, env=env(),
                           cwd=ROOT, check=True)
        st = json.loads(r.stdout.strip().splitlines()[-1])
        server = server_rss(index, qs)
        n = st["passages"]
        row = {"index": str(index), "passages": n, "index_type": st["index_type"],
               "server_rss_mb": round(server), "base_mb": round(st["rss0"]),
               "model_mb": round(st["rss1"] - st["rss0"]),
               "index_mb": round(st["rss2"] - st["rss1"]),
               "index_mb_per_100k": round((st["rss2"] - st["rss1"]) / (n / 100_000), 1),
               "files_mb": st["files_mb"], "load_s": round(st["load_s"], 1)}
        rows.append(row)
        print(f"{n:>9} passages ({row['index_type']}): server RSS {row['server_rss_mb']} MiB = "
              f"base {row['base_mb']} + model {row['model_mb']} + index {row['index_mb']} "
              f"(in-process stages); index per 100k passages {row['index_mb_per_100k']} MiB; "
              f"files {row['files_mb']}", flush=True)
        save_result(f"memory-{n}", row)
    if len(rows) >= 2:  # the part that grows with the corpus, without the fixed query data
        lo, hi = min(rows, key=lambda r: r["passages"]), max(rows, key=lambda r: r["passages"])
        slope = (hi["index_mb"] - lo["index_mb"]) / ((hi["passages"] - lo["passages"]) / 1e5)
        print(f"index share per 100k passages (from {lo['passages']} to {hi['passages']}): "
              f"{slope:.0f} MiB; fixed query-side data ≈ {lo['index_mb']} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
