"""The latency floor of one question and the Engine against it, measured in one process.

Floor = p50 of the model encoding one query (with one torch thread or with all cores,
whichever is faster in this run) + p50 of a FAISS search of the loaded index
+ p50 of a bm25s search of the loaded BM25 index, each measured alone (bare library calls on
the very objects the Engine holds), for the same questions. Then `Engine.ask` end to end on
the same questions, interleaved with the bare calls so that a noisy machine hits all of them
alike. Each question is asked once (the Engine caches question analyses, so repeating a
question would flatter it). Prints each and the ratio Engine p50 / floor.

    python bench/floor.py --index bench/out/index-100k --one-thread --breakdown
    python bench/floor.py --index bench/out/index-1m --one-thread

Without --one-thread the model is also timed with all cores for every question; on a busy
2-core machine those runs stall (OpenMP barriers) and leave spinning threads that slow
whatever runs next, so the published rows use --one-thread (the serving configuration).

The index folder is a normal reportqa index folder (`reportqa index build --index DIR`, or
bench/build_large.py for 1M passages); the Engine loads it with Engine.load as the server does.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from common import ms, p50, pct, rss_mb, save_result, timed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", type=Path, required=True, help="index root (holds CURRENT)")
    ap.add_argument("--queries", type=int, default=150,
                    help="generated questions, each asked once (the Engine caches analyses)")
    ap.add_argument("--k", type=int, default=10, help="hits asked of FAISS and bm25s alone")
    ap.add_argument("--name", default=None, help="results name (default floor-<size>)")
    ap.add_argument("--one-thread", action="store_true",
                    help="time the model alone with one thread only (not also all cores)")
    ap.add_argument("--breakdown", action="store_true",
                    help="also time the Engine's stages separately")
    a = ap.parse_args(argv)

    import gen_corpus

    from reportqa.config import Settings
    from reportqa.engine import Engine

    t0 = time.perf_counter()
    engine = Engine.load(Settings(index_dir=a.index, _env_file=None))
    load_s = time.perf_counter() - t0
    snap = engine.snapshot
    index = snap.index
    faiss_index = index.vectors
    bm25 = index.lexical.bm25
    model = engine.embedder.model
    n = index.size
    qs = list(dict.fromkeys(gen_corpus.questions(a.queries + 5)))
    warm, qs = qs[:5], qs[5:]
    print(f"index {index.path.name}: {n} passages, {index.manifest.get('index_type')} "
          f"({type(faiss_index).__name__}), loaded in {load_s:.1f} s; "
          f"{len(qs)} distinct questions; RSS {rss_mb():.0f} MiB", flush=True)

    # Inputs prepared outside the timings: the query vectors and the BM25 query tokens.
    def encode(q: str):
        return model.encode([q], normalize_embeddings=True, convert_to_numpy=True,
                            show_progress_bar=False)

    import faiss

    faiss.omp_set_num_threads(1)  # one query at a time, as search_vectors does
    qvecs = {q: encode(q).astype("float32") for q in qs}
    qtoks = {q: index.lexical.analyzer.tokens(q) or [""] for q in warm + qs}
    for q in warm:
        engine.ask(q)
        bm25.retrieve([qtoks[q]], k=a.k, show_progress=False)

    import torch

    serving_threads = torch.get_num_threads()  # what Engine.load chose
    cores = os.cpu_count() or 1
    t: dict[str, list[float]] = {"encode": [], "faiss": [], "bm25": [], "engine": []}
    enc: dict[int, list[float]] = {1: []} if a.one_thread else {1: [], cores: []}
    stages: dict[str, list[float]] = {}
    for q in qs:
        for n_threads in enc:  # the model alone, with one thread and with all cores
            torch.set_num_threads(n_threads)
            enc[n_threads].append(timed(lambda q=q: encode(q))[1])
        torch.set_num_threads(serving_threads)
        # The floor takes the faster of the two (on an idle machine, all cores).
        t["encode"].append(min(enc.values(), key=p50)[-1])
        t["faiss"].append(timed(lambda q=q: faiss_index.search(qvecs[q], a.k))[1])
        t["bm25"].append(timed(lambda q=q: bm25.retrieve([qtoks[q]], k=a.k,
                                                         show_progress=False))[1])
        t["engine"].append(timed(lambda q=q: engine.ask(q))[1])
        if a.breakdown:
            for k, v in breakdown(engine, q).items():
                stages.setdefault(k, []).append(v)

    t["encode"] = min(enc.values(), key=p50)
    floor = p50(t["encode"]) + p50(t["faiss"]) + p50(t["bm25"])
    ratio = p50(t["engine"]) / floor
    res = {
        "passages": n, "index_type": index.manifest.get("index_type"), "queries": len(qs),
        "k": a.k, "load_s": round(load_s, 2), "rss_mb": round(rss_mb()),
        **{f"{k}_p50_ms": ms(p50(v)) for k, v in t.items()},
        **{f"{k}_p90_ms": ms(pct(v, 0.9)) for k, v in t.items()},
        "floor_ms": ms(floor), "ratio": round(ratio, 3),
        "encode_p50_ms_by_threads": {n: ms(p50(v)) for n, v in enc.items()},
        "serving_threads": serving_threads,
        **({"stages_p50_ms": {k: ms(p50(v)) for k, v in stages.items()}} if stages else {}),
    }
    print(f"{'':10}{'p50 ms':>10}{'p90 ms':>10}")
    for k in t:
        print(f"{k:10}{res[f'{k}_p50_ms']:>10.2f}{res[f'{k}_p90_ms']:>10.2f}")
    print("model encode p50 by torch threads: " + ", ".join(
        f"{n}: {v:.2f} ms" for n, v in res["encode_p50_ms_by_threads"].items())
        + f" (the floor takes the faster; the Engine serves with {serving_threads})")
    print(f"floor = encode + faiss + bm25 = {res['floor_ms']:.2f} ms")
    print(f"Engine.ask p50 / floor = {ratio:.2f}")
    if stages:
        print("Engine stages (p50 ms): " + ", ".join(f"{k} {v}" for k, v in
                                                      res["stages_p50_ms"].items()))
    path = save_result(a.name or f"floor-{n}", res)
    print(f"results: {path}")
    return 0


def breakdown(engine, q: str) -> dict[str, float]:
    """The Engine's stages for one question, each timed (same calls as Retriever.search)."""
    from reportqa.index.vectors import search_vectors

    snap = engine.snapshot
    r = snap.retriever
    c = r.candidates
    out = {}
    qvec, out["encode"] = timed(lambda: engine.embedder.encode_query(q))
    _, out["faiss"] = timed(lambda: search_vectors(snap.index.vectors, qvec, c))
    _, out["tokens"] = timed(lambda: snap.index.lexical.analyzer.tokens(q))
    (rows, _), out["bm25"] = timed(lambda: snap.index.lexical.search(q, c))
    _, out["sqlite"] = timed(lambda: snap.index.db.passages(rows[:10].tolist()))
    hits = r.search(q, 10)
    _, out["answer"] = timed(lambda: snap.answerer.answer(q, hits, 3))
    return out


if __name__ == "__main__":
    sys.exit(main())
