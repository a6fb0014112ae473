"""FAISS index by size (flat, HNSW), exact per-document search, save/load, corruption."""

from __future__ import annotations

import numpy as np
import pytest

from reportqa.errors import IndexCorruptError
from reportqa.index.vectors import (
    BLAS_THRESHOLD,
    build_vector_index,
    configure_faiss,
    index_kind,
    ivf_probes,
    load_vector_index,
    save_vector_index,
    search_vectors,
)


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    x = np.random.default_rng(0).standard_normal((2000, 32)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def exact(vectors: np.ndarray, q: np.ndarray, k: int, start: int = 0, end: int | None = None):
    end = len(vectors) if end is None else end
    scores = vectors[start:end] @ q
    order = np.argsort(-scores)[:k]
    return order + start, scores[order]


def test_index_kind_by_size():
    assert index_kind(1999, 2000) == "flat"
    assert index_kind(2000, 2000) == "ivf"
    assert index_kind(10**7, 0) == "flat"  # 0 = never approximate
    assert index_kind(500, 1) == "flat"  # too few vectors to train cells


@pytest.mark.parametrize("threshold, kind", [(0, "flat"), (2001, "flat"), (2000, "ivf")])
def test_build_picks_type_and_finds_nearest(vectors, threshold, kind):
    index, got = build_vector_index(vectors, threshold)
    assert got == kind
    assert hasattr(index, "nprobe") == (kind == "ivf")
    hits = 0
    for qi in range(0, 2000, 50):
        q = vectors[qi] + 0.05 * vectors[(qi + 1) % len(vectors)]
        rows, scores = search_vectors(index, q, 5)
        want_rows, want_scores = exact(vectors, q, 5)
        assert rows[0] == qi  # its own, slightly moved vector comes first
        if kind == "flat":
            assert rows.tolist() == want_rows.tolist()
            np.testing.assert_allclose(scores, want_scores, rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(scores, vectors[rows] @ q, rtol=1e-5, atol=1e-5)
        hits += len(set(rows.tolist()) & set(want_rows.tolist()))
    # Random vectors in 32 dimensions are IVF's worst case; real embeddings: bench/README.md.
    assert hits / (5 * 40) >= 0.5


@pytest.mark.parametrize("threshold", [0, 1])
@pytest.mark.parametrize("row_range", [(0, 40), (700, 1500), (1990, 2000), (1995, 5000)])
def test_document_range_is_exact_and_inside(vectors, threshold, row_range):
    index, _ = build_vector_index(vectors, threshold)
    q = vectors[0]  # its best match (row 0) lies outside most ranges
    rows, scores = search_vectors(index, q, 8, row_range)
    start, end = row_range[0], min(row_range[1], len(vectors))
    want_rows, want_scores = exact(vectors, q, 8, start, end)
    assert rows.tolist() == want_rows.tolist()
    np.testing.assert_allclose(scores, want_scores, rtol=1e-5, atol=1e-5)
    assert rows.dtype == np.int64 and scores.dtype == np.float32


def test_empty_range_and_k_beyond_size(vectors):
    index, _ = build_vector_index(vectors[:3], 0)
    rows, _ = search_vectors(index, vectors[0], 10)
    assert sorted(rows.tolist()) == [0, 1, 2]
    rows, scores = search_vectors(index, vectors[0], 5, (2, 2))
    assert len(rows) == 0 and len(scores) == 0


def test_save_load_round_trip(tmp_path, vectors):
    for threshold in (0, 1):
        index, _ = build_vector_index(vectors, threshold)
        path = tmp_path / f"v{threshold}.faiss"
        save_vector_index(index, path)
        loaded = load_vector_index(path, len(vectors), vectors.shape[1])
        if threshold:
            assert loaded.nprobe == ivf_probes(loaded.nlist)
        rows, _ = search_vectors(loaded, vectors[7], 3)
        assert rows[0] == 7


def test_load_refuses_wrong_shape_and_garbage(tmp_path, vectors):
    index, _ = build_vector_index(vectors, 0)
    path = tmp_path / "v.faiss"
    save_vector_index(index, path)
    with pytest.raises(IndexCorruptError, match="manifest says"):
        load_vector_index(path, len(vectors) + 1, vectors.shape[1])
    path.write_bytes(b"not a faiss index")
    with pytest.raises(IndexCorruptError, match="corrupt"):
        load_vector_index(path, len(vectors), vectors.shape[1])


def test_configure_faiss_sets_blas_threshold():
    import faiss

    old = faiss.cvar.distance_compute_blas_threshold
    try:
        faiss.cvar.distance_compute_blas_threshold = 128_000
        configure_faiss(faiss.omp_get_max_threads())
        assert faiss.cvar.distance_compute_blas_threshold == BLAS_THRESHOLD
    finally:
        faiss.cvar.distance_compute_blas_threshold = old
