"""BM25 (bm25s) over the analyzer's tokens, scored per query concept."""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from reportqa.text.analyzer import Analyzer


class ConceptLike(Protocol):
    alts: dict[str, float]
    bm25_weight: float


class LexicalIndex:
    """A BM25 index over passage index texts, scored per query concept."""

    #: Tokens in at least 1/DENSE_DF of the passages are scored from a dense column (built
    #: on first use, at most DENSE_MAX_BYTES of them): whole-array arithmetic over N floats
    #: is several times faster than numpy fancy indexing over a posting list that long.
    DENSE_DF = 16
    DENSE_MIN_PASSAGES = 50_000
    DENSE_MAX_BYTES = 128 << 20
    #: The k-th best score is bounded from every SAMPLE_STRIDE-th score before selecting.
    SAMPLE_STRIDE = 64
    #: Scratch buffer pairs kept for reuse (one per concurrent query, at most this many).
    POOL = 4

    def __init__(self, analyzer: Analyzer, bm25=None, blend_idf: bool = True) -> None:
        self.analyzer = analyzer
        self.blend_idf = blend_idf
        self.bm25 = bm25
        self._dense: dict[int, np.ndarray] = {}
        self._pool: list[list[np.ndarray]] = []  # scratch buffers for concurrent queries
        self._totals: list[np.ndarray] = []  # score buffers of search_concepts
        self._lock = threading.Lock()

    @classmethod
    def build(cls, texts: list[str], analyzer: Analyzer) -> LexicalIndex:
        import bm25s

        bm25 = bm25s.BM25()
        corpus = [analyzer.tokens(t) or [""] for t in texts]
        bm25.index(corpus, show_progress=False)
        return cls(analyzer, bm25)

    def save(self, path: Path) -> None:
        self.bm25.save(str(path), show_progress=False)

    @classmethod
    def load(cls, path: Path, analyzer: Analyzer, mmap: bool = False) -> LexicalIndex:
        import bm25s

        return cls(analyzer, bm25s.BM25.load(str(path), mmap=mmap, show_progress=False))

    @property
    def size(self) -> int:
        return int(self.bm25.scores["num_docs"])

    def vocabulary(self):
        """Every token of the index (the query analyzer keeps only known ones)."""
        return self.bm25.vocab_dict.keys()

    def doc_freq(self, token: str) -> int:
        """In how many passages a token occurs (0 when it never does)."""
        tid = self.bm25.vocab_dict.get(token)
        indptr = self.bm25.scores["indptr"]
        if tid is None or tid + 1 >= len(indptr):  # bm25s's "" token has no column
            return 0
        return int(indptr[tid + 1] - indptr[tid])

    def _posting(self, tid: int):
        """(rows, BM25 values) of one token, or (None, its dense column); None if empty."""
        sc = self.bm25.scores
        indptr = sc["indptr"]
        if tid + 1 >= len(indptr):  # bm25s's "" token has no column
            return None
        s, e = int(indptr[tid]), int(indptr[tid + 1])
        if s == e:
            return None
        n = self.size
        dense = self._dense.get(tid)
        if dense is None and n >= self.DENSE_MIN_PASSAGES and (e - s) * self.DENSE_DF >= n \
                and (len(self._dense) + 1) * n * 4 <= self.DENSE_MAX_BYTES:
            dense = np.zeros(n, dtype=np.float32)
            dense[sc["indices"][s:e]] = sc["data"][s:e]
            self._dense[tid] = dense
        if dense is not None:
            return None, dense
        return sc["indices"][s:e], sc["data"][s:e]

    def _scratch(self) -> list[np.ndarray]:
        """Two size-N float32 buffers, the first all zeros (reused: no page faults)."""
        with self._lock:
            if self._pool and len(self._pool[-1][0]) == self.size:
                return self._pool.pop()
        return [np.zeros(self.size, dtype=np.float32), np.empty(self.size, dtype=np.float32)]

    def _release(self, bufs: list[np.ndarray]) -> None:
        with self._lock:
            if len(self._pool) < self.POOL:
                self._pool.append(bufs)

    def _blend(self, postings: list, dfs: list[int]) -> list:
        factors = blend_factors([f for _, _, f in postings], dfs, self.size)
        return [(rows, vals, f) for (rows, vals, _), f in zip(postings, factors, strict=True)]

    def concept_scores(self, concepts: Iterable[ConceptLike],
                       out: np.ndarray | None = None) -> np.ndarray:
        """BM25 of every passage: per concept the best alternative (weighted), summed."""
        vocab = self.bm25.vocab_dict
        n = self.size
        if out is None:
            total = np.zeros(n, dtype=np.float32)
        else:
            total = out
            total.fill(0)
        bufs = self._scratch()
        best, tmp = bufs  # best is all zeros between concepts
        try:
            for c in concepts:
                postings = []
                dfs = []
                for tok, factor in c.alts.items():
                    tid = vocab.get(tok)
                    if tid is not None and (p := self._posting(tid)) is not None:
                        postings.append((*p, factor))
                        dfs.append(self.doc_freq(tok))
                if not postings:
                    continue
                if self.blend_idf and len(postings) > 1:
                    postings = self._blend(postings, dfs)
                w = c.bm25_weight
                if len(postings) == 1:  # scores are positive, so max(0, x) = x
                    rows, vals, f = postings[0]
                    if rows is None:
                        np.multiply(vals, f, out=tmp)
                        np.multiply(tmp, w, out=tmp)
                        np.add(total, tmp, out=total)
                    else:
                        total[rows] += w * (f * vals)
                    continue
                touched = 0
                for rows, vals, f in postings:
                    if rows is None:
                        np.multiply(vals, f, out=tmp)
                        np.maximum(best, tmp, out=best)
                        touched = n
                    else:
                        best[rows] = np.maximum(best[rows], f * vals)
                        touched += len(rows)
                if touched * 4 >= n:
                    np.multiply(best, w, out=tmp)
                    np.add(total, tmp, out=total)
                    best.fill(0)
                else:  # add and clear only the rows this concept touched
                    for rows, _, _ in postings:
                        total[rows] += w * best[rows]
                        best[rows] = 0
        except BaseException:
            best.fill(0)
            raise
        finally:
            self._release(bufs)
        return total

    def search_concepts(self, concepts: Iterable[ConceptLike], k: int,
                        row_range: tuple[int, int] | None = None
                        ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k passage rows and raw scores (rows scoring 0 dropped)."""
        with self._lock:
            out = self._totals.pop() if self._totals else None
        if out is not None and len(out) != self.size:
            out = None
        scores = self.concept_scores(concepts, out)
        try:
            return self._top(scores, k, row_range)
        finally:
            with self._lock:
                if len(self._totals) < self.POOL:
                    self._totals.append(scores)

    def _top(self, scores: np.ndarray, k: int, row_range: tuple[int, int] | None
             ) -> tuple[np.ndarray, np.ndarray]:
        if row_range is not None:
            masked = np.zeros_like(scores)
            masked[row_range[0]:row_range[1]] = scores[row_range[0]:row_range[1]]
            scores = masked
        # Every sampled score is a real one, so at least k scores reach the sample's k-th
        # best: the top k lie among them, and far fewer rows are left to select from.
        sample = scores[:: self.SAMPLE_STRIDE]
        bound = 0.0
        if len(sample) > k:
            bound = float(np.partition(sample, len(sample) - k)[len(sample) - k])
        nz = np.flatnonzero(scores >= bound) if bound > 0 else np.flatnonzero(scores > 0)
        if not len(nz):
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        if len(nz) > k:
            nz = nz[np.argpartition(-scores[nz], k - 1)[:k]]
        nz = nz[np.argsort(-scores[nz], kind="stable")]
        return nz.astype(np.int64), scores[nz]

    def search(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Plain BM25 of a text (each token its own concept)."""
        concepts = [_Plain({t: 1.0}) for t in dict.fromkeys(self.analyzer.tokens(query))]
        return self.search_concepts(concepts, k)


def bm25_idf(df: int, n: int) -> float:
    """BM25's IDF (bm25s's "lucene" variant) of a token in df of n passages."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


#: Alternatives with at least this share of a concept's best factor are forms of its word.
STRONG_SHARE = 0.85


def blend_factors(factors: list[float], dfs: list[int], n: int) -> list[float]:
    """Score the forms of a concept's word ("kluster", "klustret": the alternatives
    with a factor near the best) with one IDF, that of the most common form, as
    Lucene's SynonymQuery does: otherwise a rare inflection, in two passages,
    outweighs the word itself, in ten, wherever it happens to be used. Weaker
    alternatives (synonyms, compound parts) keep their own IDF. Both stores use it."""
    top = max(factors)
    strong = [df for f, df in zip(factors, dfs, strict=True) if f >= STRONG_SHARE * top]
    idf = bm25_idf(max(strong), n)
    return [f * idf / bm25_idf(df, n) if f >= STRONG_SHARE * top else f
            for f, df in zip(factors, dfs, strict=True)]


@dataclass(frozen=True)
class _Plain:
    alts: dict[str, float]
    bm25_weight: float = 1.0
