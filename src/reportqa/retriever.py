"""Hybrid retrieval: dense (FAISS) and lexical (BM25) candidates, score-normalised linear fusion.

With the weak bundled model the lexical side leads (dense_weight ≈ 0.3); reciprocal rank
fusion was measured to lower first-place hits here, linear fusion does not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .loaded_index import LoadedIndex
from .store import PassageRow
from .vector_index import search_vectors


@dataclass(frozen=True)
class Hit:
    passage: PassageRow
    score: float  # fused, 0..1
    dense: float  # cosine similarity
    lexical: float  # BM25 normalised by the best BM25 score of the query


class Retriever:
    def __init__(self, index: LoadedIndex, embedder, dense_weight: float, candidates: int = 50):
        self.index = index
        self.embedder = embedder
        self.dense_weight = dense_weight
        self.candidates = candidates

    def search(self, query: str, k: int = 5, document: str | None = None,
               mode: str = "hybrid") -> list[Hit]:
        """Ranked passages. `mode` is "hybrid", "dense" or "lexical" (for ablations)."""
        row_range = self.index.doc_ranges.get(document) if document else None
        if document and row_range is None:
            return []
        c = max(self.candidates, k)
        dense: dict[int, float] = {}
        lex: dict[int, float] = {}
        if mode in ("hybrid", "dense"):
            qvec = self.embedder.encode_query(query)
            rows, scores = search_vectors(self.index.vectors, qvec, c, row_range)
            dense = dict(zip(rows.tolist(), scores.tolist(), strict=True))
        if mode in ("hybrid", "lexical"):
            rows, scores = self.index.lexical.search(query, c if row_range is None else
                                                     self.index.size)
            if row_range is not None:
                keep = (rows >= row_range[0]) & (rows < row_range[1])
                rows, scores = rows[keep][:c], scores[keep][:c]
            if len(scores):
                top = float(scores.max())
                lex = {r: s / top for r, s in zip(rows.tolist(), scores.tolist(), strict=True)}
        fused = self._fuse(dense, lex, mode)
        best = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        rows_needed = [r for r, _ in best]
        passages = self.index.db.passages(rows_needed)
        return [Hit(passages[r], s, dense.get(r, 0.0), lex.get(r, 0.0)) for r, s in best
                if r in passages]

    def _fuse(self, dense: dict[int, float], lex: dict[int, float], mode: str) -> dict[int, float]:
        if mode == "dense":
            return dense
        if mode == "lexical":
            return lex
        w = self.dense_weight
        dn: dict[int, float] = {}
        if dense:
            vals = np.fromiter(dense.values(), dtype=np.float32)
            lo, hi = float(vals.min()), float(vals.max())
            span = hi - lo or 1.0
            dn = {r: (s - lo) / span for r, s in dense.items()}
        return {r: w * dn.get(r, 0.0) + (1 - w) * lex.get(r, 0.0) for r in set(dn) | set(lex)}
