"""Index type by size: exact (flat) against IVF and HNSW on the vectors of an index folder.

For the vectors of a built index (real embeddings of a generated corpus) and real query
embeddings (generated questions, and passages of documents that are not in the corpus):
- exact search (IndexFlatIP): single-query p50, and a batch of all queries, each with faiss's
  default `distance_compute_blas_threshold` (128,000 in faiss-cpu 1.15) and with it lowered
  to 1, so that the effect of the BLAS path is measured, not assumed;
- IVF (the index's own, when it is one): recall@10 and single-query p50 for 1/64 … 1/8 of
  the cells probed, and for reportqa's default (4·√nlist);
- HNSW (the index's own when it is one, or built here with --build-hnsw): build time,
  single-query p50 and recall@10 against exact search for several efSearch values.

recall@10 counts a returned row as a hit when it is in the exact top 10 or scores at least
the exact 10th score (ties between identical vectors are not misses).

    python bench/index_types.py --index bench/out/index-100k --build-hnsw
    python bench/index_types.py --index bench/out/index-1m
    python bench/index_types.py --index bench/out/index-1m --build-hnsw   # slow: minutes
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from common import ms, p50, save_result, timed

from reportqa.index.layout import VECTORS, IndexDir, read_manifest

THREADS = 1


def query_texts(n_questions: int, n_passages: int) -> tuple[list[str], list[str]]:
    """Generated questions, and passages of documents generated with another seed."""
    import tempfile

    import gen_corpus

    from reportqa.ingest.chunking import chunk_document
    from reportqa.ingest.readers import read_document

    passages: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, text, _, _ in gen_corpus.documents(n_passages * 3, seed=987_654):
            f = Path(tmp) / name
            f.write_text(text, encoding="utf-8")
            passages += [p.index_text() for p in chunk_document(read_document(f, name))]
    rng = np.random.default_rng(0)
    picked = [passages[i] for i in sorted(rng.choice(len(passages), n_passages, replace=False))]
    return gen_corpus.questions(n_questions, seed=4242), picked


def recall_at(approx_rows: np.ndarray, approx_scores: np.ndarray, exact_rows: np.ndarray,
              exact_scores: np.ndarray, k: int = 10) -> float:
    hits = 0
    for ar, asc, er, esc in zip(approx_rows, approx_scores, exact_rows, exact_scores,
                                strict=True):
        truth = set(er[:k].tolist())
        kth = esc[k - 1] - 1e-5
        hits += sum(1 for r, s in zip(ar[:k], asc[:k], strict=True)
                    if r >= 0 and (r in truth or s >= kth))
    return hits / (k * len(exact_rows))


def single_query_p50(index, queries: np.ndarray, k: int, threads: int = 1) -> float:
    """p50 of one-query searches (with `threads` OpenMP threads; reportqa uses 1)."""
    import faiss

    faiss.omp_set_num_threads(threads)
    try:
        return p50([timed(lambda q=q: index.search(q[None, :], k))[1] for q in queries])
    finally:
        faiss.omp_set_num_threads(THREADS)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", type=Path, required=True, help="index root (holds CURRENT)")
    ap.add_argument("--questions", type=int, default=200)
    ap.add_argument("--passages", type=int, default=200)
    ap.add_argument("--ef", default="16,32,64,128,256", help="efSearch values to try")
    ap.add_argument("--build-hnsw", action="store_true",
                    help="build an HNSW index here when the index folder holds a flat one")
    ap.add_argument("--single", type=int, default=100, help="queries timed one at a time")
    ap.add_argument("--name", default=None)
    a = ap.parse_args(argv)

    import faiss

    from reportqa.index import vectors as vector_index
    from reportqa.model.embedder import Embedder, configure_threads

    global THREADS
    threads = THREADS = configure_threads(0)
    path = IndexDir(a.index).resolve()
    manifest = read_manifest(path)
    n, dim = manifest["passages"], manifest["dim"]
    (loaded, load_s) = timed(lambda: vector_index.load_vector_index(path / VECTORS, n,
                                                                    dim))
    xb = loaded.reconstruct_n(0, n)
    print(f"{path.name}: {n}×{dim} vectors ({manifest.get('index_type')}), read in "
          f"{load_s:.1f} s; {threads} threads", flush=True)

    emb = Embedder()
    qtexts, ptexts = query_texts(a.questions, a.passages)
    queries = {"questions": emb.model.encode(qtexts, normalize_embeddings=True),
               "passages": emb.model.encode(ptexts, normalize_embeddings=True)}
    allq = np.ascontiguousarray(np.vstack(list(queries.values())), dtype=np.float32)
    k = 10
    res: dict = {"passages": n, "dim": dim, "threads": threads,
                 "index_type": manifest.get("index_type"), "queries": {q: len(v) for q, v in
                                                                       queries.items()}}

    flat = faiss.IndexFlatIP(dim)
    flat.add(xb)
    configured = faiss.cvar.distance_compute_blas_threshold
    single = allq[: a.single]
    res["flat"] = {}
    # faiss-cpu 1.15's own default, and BLAS for every batch (reportqa sets 20: the same for
    # batches of 20+ queries, and no BLAS for the single queries the service makes).
    for label, thr in (("default", 128_000), ("blas", 1)):
        faiss.cvar.distance_compute_blas_threshold = thr
        single_query_p50(flat, single[:5], k)
        (ex_s, ex_r), batch_s = timed(lambda: flat.search(allq, k))
        res["flat"][label] = {"blas_threshold": int(thr),
                              "single_p50_ms": ms(single_query_p50(flat, single, k)),
                              "single_p50_ms_all_threads": ms(single_query_p50(
                                  flat, single, k, threads)),
                              "batch_ms_per_query": ms(batch_s / len(allq))}
    faiss.cvar.distance_compute_blas_threshold = configured
    exact_scores, exact_rows = ex_s, ex_r
    f = res["flat"]
    print(f"flat, one query p50: {f['default']['single_p50_ms']} ms (faiss default, 1 thread;"
          f" {f['default']['single_p50_ms_all_threads']} ms with {threads}) vs "
          f"{f['blas']['single_p50_ms']} ms (BLAS threshold 1); batch of {len(allq)} with the "
          "faiss default (128,000: no BLAS) vs BLAS: "
          f"{f['default']['batch_ms_per_query']} vs {f['blas']['batch_ms_per_query']} "
          "ms/query", flush=True)

    if hasattr(loaded, "nprobe"):  # the index folder's own IVF: sweep the probed cells
        res["ivf"] = {"nlist": loaded.nlist, "default_nprobe": loaded.nprobe, "sweep": []}
        default_probe = loaded.nprobe
        for probes in sorted({max(1, loaded.nlist // d) for d in (64, 32, 16, 8)}
                             | {default_probe}):
            loaded.nprobe = probes
            row = {"nprobe": loaded.nprobe}
            for qname, qv in queries.items():
                sel = slice(0, len(qv)) if qname == "questions" else slice(
                    len(queries["questions"]), len(allq))
                s, r = loaded.search(np.ascontiguousarray(qv, dtype=np.float32), k)
                row[f"recall_{qname}"] = round(recall_at(r, s, exact_rows[sel],
                                                         exact_scores[sel]), 4)
            row["single_p50_ms"] = ms(single_query_p50(loaded, single, k))
            res["ivf"]["sweep"].append(row)
            print(f"IVF nlist {loaded.nlist}, nprobe {loaded.nprobe:5}"
                  f"{' (default)' if loaded.nprobe == default_probe else ''}: recall@10 "
                  f"questions {row['recall_questions']:.4f}, passages "
                  f"{row['recall_passages']:.4f}; one query p50 {row['single_p50_ms']} ms",
                  flush=True)
        loaded.nprobe = default_probe
    hnsw = loaded if hasattr(loaded, "hnsw") else None
    if hnsw is None and a.build_hnsw:
        import faiss as _f

        def build_hnsw():
            index = _f.IndexHNSWFlat(dim, vector_index.HNSW_M, _f.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = vector_index.HNSW_EF_CONSTRUCTION
            index.add(xb)
            return index

        hnsw, build_s = timed(build_hnsw)
        res["hnsw_build_s"] = round(build_s, 1)
        print(f"built HNSW (M={vector_index.HNSW_M}, efConstruction="
              f"{vector_index.HNSW_EF_CONSTRUCTION}) in {build_s:.1f} s", flush=True)
    if hnsw is not None:
        res["hnsw"] = []
        default_ef = hnsw.hnsw.efSearch
        for ef in [int(x) for x in a.ef.split(",")]:
            hnsw.hnsw.efSearch = ef
            row: dict = {"efSearch": ef}
            for qname, qv in queries.items():
                qv = np.ascontiguousarray(qv, dtype=np.float32)
                sel = slice(0, len(qv)) if qname == "questions" else slice(
                    len(queries["questions"]), len(allq))
                s, r = hnsw.search(qv, k)
                row[f"recall_{qname}"] = round(recall_at(r, s, exact_rows[sel],
                                                         exact_scores[sel]), 4)
            row["single_p50_ms"] = ms(single_query_p50(hnsw, single, k))
            res["hnsw"].append(row)
            print(f"HNSW efSearch {ef:4}: recall@10 questions {row['recall_questions']:.4f}, "
                  f"passages {row['recall_passages']:.4f}; one query p50 "
                  f"{row['single_p50_ms']} ms", flush=True)
        hnsw.hnsw.efSearch = default_ef
    path_out = save_result(a.name or f"index-types-{n}", res)
    print(f"results: {path_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
