"""Hybrid retrieval: dense (FAISS) and lexical (BM25) candidates, score-normalised linear fusion.

fused = w · dense' + (1 − w) · lexical', where dense' is the cosine min-max normalised over
the dense candidates and lexical' the BM25 divided by the query's best BM25. The dense
weight w is a setting (REPORTQA_DENSE_WEIGHT) whose measured default is recorded in the
index manifest (retrieval_defaults.py): with the weak bundled English model the lexical
side leads; a multilingual model earns the dense side more. Reciprocal rank fusion was
measured to lower first-place hits here; linear fusion does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from reportqa.ask.question import Query, QueryAnalyzer
from reportqa.index.database import PassageRow
from reportqa.ingest.blocks import is_source_section
from reportqa.store.base import StoreVersion
from reportqa.text.abbreviations import abbreviation_finder, initials_finder
from reportqa.types import Hit

MODES = ("hybrid", "dense", "lexical")
#: The passage an answer quotes is among this many found by the answer's own words (its
#: sentence, perhaps with the one before and an edition's lead).
QUOTED_CANDIDATES = 5
#: Where to search: every document (None), one by name, or several (a series' editions).
Scope = str | Sequence[str] | None


class Retriever:
    def __init__(self, index: StoreVersion, embedder, dense_weight: float, candidates: int = 50,
                 queries: QueryAnalyzer | None = None):
        self.index = index
        self.embedder = embedder
        self.dense_weight = dense_weight
        self.candidates = candidates
        lex = index.lexical
        self.queries = queries or QueryAnalyzer(lex.analyzer, lex.vocabulary(),
                                                doc_freq=lex.doc_freq, num_docs=lex.size)
        texts = cache(self._texts)  # both finders read the passages once between them
        self.queries.use_abbreviations(abbreviation_finder(texts), initials_finder(texts))

    def _texts(self) -> list[str]:
        """Every passage's sentence, for the abbreviations a question may use."""
        rows = self.index.db.passages(list(range(self.index.lexical.size)))
        return [p.text for p in rows.values()]

    def analyze(self, question: str) -> Query:
        return self.queries.analyze(question)

    def search(self, query: str, k: int = 5, document: Scope = None,
               mode: str = "hybrid", sources: bool = False) -> list[Hit]:
        """Ranked passages for a question's text (analysed here)."""
        return self.search_query(self.analyze(query), k, document, mode, sources)

    def search_query(self, q: Query, k: int = 5, document: Scope = None,
                     mode: str = "hybrid", sources: bool = False,
                     rows: tuple[int, int] | None = None) -> list[Hit]:
        """Ranked passages for an analysed question, from every document or only from
        `document` (a name, or several: a report series' editions), or only from the
        passages `rows` (start, end: a stretch of one document). `mode` is "hybrid",
        "dense" or "lexical" (for ablations). A report's source line (the text under its
        "Källhänvisning", ingest/blocks.is_source_section) answers only who the report
        comes from: it is searched with `sources` alone, and otherwise left out before the
        scores are normalised, so that it moves no other passage's score."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        ranges: list[tuple[int, int] | None] = [None]
        if document:
            names = (document,) if isinstance(document, str) else tuple(document)
            ranges = [self.index.doc_ranges[n] for n in names if n in self.index.doc_ranges]
            if not ranges:
                return []
        if rows is not None:
            ranges = [rows]
        c = max(self.candidates, k)
        dense: dict[int, float] = {}
        lex: dict[int, float] = {}
        if mode in ("hybrid", "dense"):
            qvec = self.embedder.encode_query(q.search or q.text)
            for row_range in ranges:  # cosines: comparable across documents
                rows, scores = self.index.dense_top(qvec, c, row_range)
                dense.update(zip(rows.tolist(), scores.tolist(), strict=True))
            dense = _best(dense, c)
        raw: dict[int, float] = {}
        if mode in ("hybrid", "lexical"):
            for row_range in ranges:  # BM25 of the whole index: comparable too
                rows, scores = self.index.lexical.search_concepts(q.concepts, c, row_range)
                raw.update(zip(rows.tolist(), scores.tolist(), strict=True))
            raw = _best(raw, c)
        passages = self.index.db.passages(sorted(set(dense) | set(raw)))
        if not sources:
            source_rows = {r for r, p in passages.items() if is_source_section(p.section)}
            dense = {r: s for r, s in dense.items() if r not in source_rows}
            raw = {r: s for r, s in raw.items() if r not in source_rows}
        if raw:
            top = max(raw.values())
            lex = {r: s / top for r, s in raw.items()}
        fused = self._fuse(dense, lex, mode)
        best = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [Hit(passages[r], s, dense.get(r, 0.0), lex.get(r, 0.0)) for r, s in best
                if r in passages]

    def passage_quoted(self, answer: str) -> PassageRow | None:
        """The passage an answer quotes (its sentence is in the answer's text), found by
        searching the answer's own words; None when no passage's sentence is in it."""
        hits = self.search(answer, QUOTED_CANDIDATES, mode="lexical")
        return next((h.passage for h in hits if h.passage.text in answer), None)

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


def _best(scores: dict[int, float], k: int) -> dict[int, float]:
    """The k best of candidates gathered from several documents (ties by row)."""
    if len(scores) <= k:
        return scores
    return dict(sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k])
