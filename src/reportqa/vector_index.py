"""FAISS indexes: exact inner product while it is fast enough, HNSW beyond a size."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .errors import IndexCorruptError

HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


def build_vector_index(vectors: np.ndarray, hnsw_threshold: int):
    """Return (index, type name). Vectors are L2-normalised, so inner product = cosine."""
    import faiss

    n, dim = vectors.shape
    if hnsw_threshold and n >= hnsw_threshold:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
        kind = "hnsw"
    else:
        index = faiss.IndexFlatIP(dim)
        kind = "flat"
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
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
    return index


def search_vectors(index, query: np.ndarray, k: int, row_range: tuple[int, int] | None = None):
    """Top-k rows and cosine scores, optionally restricted to rows [start, end)."""
    import faiss

    k = min(k, index.ntotal)
    if k <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
    if row_range is not None:
        sel = faiss.IDSelectorRange(int(row_range[0]), int(row_range[1]))
        params = (faiss.SearchParametersHNSW(sel=sel, efSearch=HNSW_EF_SEARCH)
                  if hasattr(index, "hnsw") else faiss.SearchParameters(sel=sel))
        scores, rows = index.search(q, k, params=params)
    else:
        scores, rows = index.search(q, k)
    keep = rows[0] >= 0
    return rows[0][keep].astype(np.int64), scores[0][keep]
