"""The query path of the embedder: the model's own steps without `encode`'s per-call work,
and in a serving process a traced graph of the forward; both give the same bits as
`encode`, so answers do not change (issue 13)."""

from __future__ import annotations

import logging
import threading

import numpy as np
import pytest

from reportqa.model import embedder as embedder_module

QUERIES = ["Hur många personer sysselsätter industrin?",
           "How many people does the industry employ?", "", "a", "x " * 1000,
           "Vad   är\nmålet för 2030?", "😀 turism"]


def _expected(embedder, query: str) -> np.ndarray:
    return embedder.model.encode([embedder.query_prompt + query], batch_size=1,
                                 normalize_embeddings=True, convert_to_numpy=True,
                                 show_progress_bar=False)[0]


@pytest.fixture
def traced(embedder):
    """The session's embedder with its query path traced, untraced again afterwards."""
    assert embedder.trace_queries()
    try:
        yield embedder
    finally:
        embedder._query_graph = None


@pytest.mark.parametrize("query", QUERIES)
def test_encode_query_gives_the_bits_encode_gives(embedder, query):
    vec = embedder.encode_query(query)
    assert vec.dtype == np.float32 and vec.shape == (embedder.dim,)
    assert vec.flags.c_contiguous
    assert np.array_equal(vec, _expected(embedder, query))


def test_the_traced_query_path_gives_the_same_bits(traced):
    for query in QUERIES:
        assert np.array_equal(traced.encode_query(query), _expected(traced, query)), query


def test_the_traced_path_is_shared_by_threads(traced):
    """Worker threads call one graph at once (the HTTP server's inference threads)."""
    from reportqa.model.embedder import use_threads

    wrong: dict[int, list[str]] = {}

    def worker(k: int) -> None:
        use_threads(1)  # the bits may depend on the thread count: compare at the same one
        queries = QUERIES[k::2] * 3
        vecs = [traced.encode_query(q) for q in queries]
        wrong[k] = [q for q, v in zip(queries, vecs, strict=True)
                    if not np.array_equal(v, _expected(traced, q))]

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert wrong == {0: [], 1: []}


def test_features_the_graph_was_not_traced_with_take_the_plain_forward(traced):
    features = traced._query_features("Hur många?")
    assert traced._query_graph.takes(features)
    assert not traced._query_graph.takes({**features, "modality": "image"})
    assert not traced._query_graph.takes({k: v for k, v in features.items()
                                          if k != "attention_mask"})


def test_a_graph_that_fails_or_differs_is_not_used(embedder, monkeypatch, caplog):
    def fail(model, features):
        raise RuntimeError("cannot trace this model")

    caplog.set_level(logging.WARNING, logger="reportqa.model.embedder")
    monkeypatch.setattr(embedder_module._QueryGraph, "trace", fail)
    assert not embedder.trace_queries() and embedder._query_graph is None
    assert "tracing it failed (cannot trace this model)" in caplog.text

    class Zeros:
        def __call__(self, *tensors):
            import torch

            return torch.ones((1, embedder.dim))

    monkeypatch.setattr(embedder_module._QueryGraph, "trace", classmethod(
        lambda cls, model, features: cls(Zeros(), ("input_ids", "attention_mask"),
                                         (("modality", "text"),))))
    assert not embedder.trace_queries() and embedder._query_graph is None
    assert "gives other embeddings" in caplog.text
    assert np.array_equal(embedder.encode_query("Hur många?"), _expected(embedder, "Hur många?"))
