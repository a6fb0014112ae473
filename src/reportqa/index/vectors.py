"""FAISS indexes: exact inner product while it is fast enough, IVF beyond a size.

Exact search (IndexFlatIP) reads every vector for every query, so its cost grows with the
corpus: 0.1-0.3 ms per 1,000 passages for one query (8 ms at 30k on the busy bench machine;
faiss does not split a single query across threads). From `ann_threshold` passages on
(REPORTQA_ANN_THRESHOLD) the index is an inverted file (IndexIVFFlat): 4·√n k-means cells,
of which the query's nearest 4·√nlist are scanned exactly (1/9 of them at 100k passages, 1/16
at 1M). Its recall@10 against exact search for generated questions is 0.995 at 100k and 0.996
at 1M (bench/index_types.py); HNSW (M=32, efConstruction 80) reaches only 0.94 on these
near-duplicate-rich vectors even at efSearch 1024, and takes ~7 min to build at 1M where IVF
takes ~1.5 (bench/README.md). Vectors are L2-normalised, so inner product = cosine.

A search restricted to one document's rows is always exact: it scores that document's
vectors directly, which is both faster than filtering the index and never misses.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np

from reportqa.errors import IndexCorruptError

HNSW_M = 32  # an index of type "hnsw" in a manifest loads and searches too
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 256
IVF_CELLS_PER_SQRT = 4  # nlist = 4·√n
IVF_PROBES_PER_SQRT = 4  # nprobe = 4·√nlist: 1/9 of the cells at 100k, 1/16 at 1M
IVF_MIN_PROBES = 16
IVF_TRAIN_PER_CELL = 40  # k-means training sample: 40 vectors per cell
IVF_MIN_PASSAGES = 1024  # fewer passages are always searched exactly, whatever the threshold
IVF_MIN_CELLS, IVF_MAX_CELLS = 64, 65536  # the bounds of nlist
#: faiss-cpu 1.15 sets distance_compute_blas_threshold to 128,000, so a batch of fewer
#: queries is scored without BLAS; BLAS is far faster for batches (bench/index_types.py).
#: Single queries (what the service does) are not affected.
BLAS_THRESHOLD = 20
#: Row ranges up to this size are searched by scoring their vectors directly.
EXACT_RANGE_MAX = 200_000


_threads = 0  # FAISS threads for builds and batches (configure_faiss); 0 = all cores


def configure_faiss(threads: int) -> None:
    """FAISS threads (batches, index builds) and the BLAS threshold for batched searches.

    One query never uses more than one thread: faiss splits a search by query, so a second
    thread only adds an OpenMP barrier, which on a busy machine waits for a descheduled
    thread (9 ms with two threads against 0.05 ms with one, for 1,000 vectors). OpenMP's
    thread count is per calling thread, so search_vectors and build_vector_index set it each
    time.
    """
    import faiss

    global _threads
    _threads = threads
    faiss.omp_set_num_threads(threads or os.cpu_count() or 1)
    faiss.cvar.distance_compute_blas_threshold = BLAS_THRESHOLD


def index_kind(n: int, ann_threshold: int) -> str:
    """"flat" or "ivf" for n passages; a threshold of 0 means always flat."""
    return "ivf" if ann_threshold and n >= max(ann_threshold, IVF_MIN_PASSAGES) else "flat"


def ivf_cells(n: int) -> int:
    return int(min(IVF_MAX_CELLS, max(IVF_MIN_CELLS, round(IVF_CELLS_PER_SQRT * n ** 0.5))))


def ivf_probes(nlist: int) -> int:
    return min(nlist, max(IVF_MIN_PROBES, math.ceil(IVF_PROBES_PER_SQRT * nlist ** 0.5)))


def build_vector_index(vectors: np.ndarray, ann_threshold: int):
    """Return (index, type name) for the vectors (rows = passage rows)."""
    import faiss

    n, dim = vectors.shape
    faiss.omp_set_num_threads(_threads or os.cpu_count() or 1)
    kind = index_kind(n, ann_threshold)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    if kind == "ivf":
        nlist = ivf_cells(n)
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist,
                                   faiss.METRIC_INNER_PRODUCT)
        sample = min(n, IVF_TRAIN_PER_CELL * nlist)
        rows = np.sort(np.random.default_rng(0).choice(n, sample, replace=False))
        index.train(vectors[rows])
        index.nprobe = ivf_probes(nlist)
    else:
        index = faiss.IndexFlatIP(dim)
    index.add(vectors)
    if kind == "ivf":
        index.make_direct_map()  # exact per-document search reads vectors by row
    return index, kind


def save_vector_index(index, path: Path) -> None:
    import faiss

    faiss.write_index(index, str(path))


def load_vector_index(path: Path, expected: int, dim: int):
    import faiss

    try:
        index = faiss.read_index(str(path))
    except RuntimeError as exc:
        raise IndexCorruptError(f"FAISS index {path} is corrupt: {exc}") from exc
    if index.ntotal != expected or index.d != dim:
        raise IndexCorruptError(
            f"FAISS index {path} holds {index.ntotal}×{index.d} vectors, "
            f"the manifest says {expected}×{dim}"
        )
    if hasattr(index, "hnsw"):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    if hasattr(index, "nprobe"):
        index.nprobe = ivf_probes(index.nlist)
        index.make_direct_map()  # exact per-document search reads vectors by row
    return index


def _top(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices and values of the k largest scores, best first."""
    idx = np.argpartition(-scores, k - 1)[:k] if len(scores) > k else np.arange(len(scores))
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    return idx, scores[idx]


def _rows(index, start: int, end: int) -> np.ndarray:
    """Vectors of rows [start, end): a view of a flat store's memory, else a copy."""
    import faiss

    store = faiss.downcast_index(index.storage) if hasattr(index, "storage") else index
    if hasattr(store, "get_xb"):
        flat = faiss.rev_swig_ptr(store.get_xb(), store.ntotal * store.d)
        return flat.reshape(store.ntotal, store.d)[start:end]
    return index.reconstruct_n(start, end - start)


def search_vectors(index, query: np.ndarray, k: int, row_range: tuple[int, int] | None = None):
    """Top-k rows and cosine scores, optionally restricted to rows [start, end)."""
    import faiss

    k = min(k, index.ntotal)
    if k <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    faiss.omp_set_num_threads(1)  # one query: see configure_faiss
    q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
    if row_range is not None:
        start, end = max(0, int(row_range[0])), min(index.ntotal, int(row_range[1]))
        if end <= start:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        if end - start <= EXACT_RANGE_MAX:
            scores = _rows(index, start, end) @ q[0]
            idx, top = _top(scores, k)
            return idx.astype(np.int64) + start, top.astype(np.float32)
        sel = faiss.IDSelectorRange(start, end)
        if hasattr(index, "hnsw"):
            params = faiss.SearchParametersHNSW(sel=sel, efSearch=max(HNSW_EF_SEARCH, 4 * k))
        elif hasattr(index, "nprobe"):  # a huge document: scan every cell, keep its rows
            params = faiss.SearchParametersIVF(sel=sel, nprobe=index.nlist)
        else:
            params = faiss.SearchParameters(sel=sel)
        scores, rows = index.search(q, k, params=params)
    else:
        scores, rows = index.search(q, k)
    keep = rows[0] >= 0
    return rows[0][keep].astype(np.int64), scores[0][keep]
