"""One published version in PostgreSQL, loaded: the `StoreVersion` of the PostgreSQL store.

Loaded into memory: the manifest, the documents' row ranges and the vocabulary with each
token's document frequency (the question analyzer needs them for every question). Read per
question: the dense top-k (pgvector), the posting lists of the question's tokens (cached;
BM25 per concept scored here with index/bm25.py's rules), and the passages.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

import numpy as np
import psycopg
from psycopg import sql

from reportqa.index.bm25 import blend_factors
from reportqa.index.database import DocumentRow, PassageRow
from reportqa.store.base import ConceptLike, TopK
from reportqa.store.postgres.connection import Database
from reportqa.text.analyzer import Analyzer, AnalyzerConfig

_EMPTY: TopK = (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32))

#: The posting lists of a question's tokens, one row each (raw little-endian int32 rows and
#: float32 BM25 values: np.frombuffer reads them without a copy per element).
POSTINGS_SQL = "SELECT token, rows, scores FROM {terms} WHERE token = ANY(%s)"
#: Bytes of posting lists each loaded version keeps in memory (least recently used dropped
#: first): a version never changes, and the common tokens of questions recur, so most
#: questions read few or no posting lists from the database.
POSTINGS_CACHE_BYTES = 64 << 20
#: The index orders by `embedding <#> q` (negative inner product = cosine for unit vectors);
#: HNSW answers it when the version has one, else it is an exact scan.
DENSE_SQL = ("SELECT row, -(embedding <#> %(q)s) FROM {vectors} "
             "ORDER BY embedding <#> %(q)s LIMIT %(k)s")
#: Within a document's rows always exact: ordering by a computed score, not the operator,
#: keeps the planner off the HNSW index (which would filter after searching and miss rows).
DENSE_RANGE_SQL = ("SELECT row, -(embedding <#> %(q)s) AS s FROM {vectors} "
                   "WHERE row >= %(lo)s AND row < %(hi)s ORDER BY s DESC, row LIMIT %(k)s")
PASSAGE_COLUMNS = "row, doc, section, page, ordinal, text, context"


class PgLexical:
    """BM25 per query concept, index/bm25.py's rules, over posting lists read from the
    version's `terms` (and cached); the vocabulary with document frequencies in memory.

    Scoring runs here with numpy, not in SQL: summing the same postings with unnest and two
    GROUP BYs took 107 ms p50 of server time at 100k passages against 3.7 ms for the dense
    side (bench/pg_bench.py, docs/scaling.md); fetching the lists and scoring them as the
    folder store does gives the folder store's scores exactly.
    """

    def __init__(self, db: Database, schema: str, analyzer: Analyzer,
                 dfs: dict[str, int], size: int) -> None:
        self.db = db
        self.analyzer = analyzer
        self._dfs = dfs
        self._size = size
        self._sql = sql.SQL(POSTINGS_SQL).format(terms=sql.Identifier(schema, "terms"))
        self._cache: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cached_bytes = 0
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        return self._size

    def vocabulary(self) -> Iterable[str]:
        return self._dfs.keys()

    def doc_freq(self, token: str) -> int:
        return self._dfs.get(token, 0)

    def postings(self, tokens: Iterable[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """(rows, BM25 values) of each token that occurs, from the cache or the database."""
        out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        missing: list[str] = []
        with self._lock:
            for t in tokens:
                hit = self._cache.get(t)
                if hit is not None:
                    self._cache.move_to_end(t)
                    out[t] = hit
                elif self._dfs.get(t, 0) > 0:
                    missing.append(t)
        if missing:
            fetched = self.db.run(lambda c: c.execute(self._sql, (missing,)).fetchall())
            with self._lock:
                for t, rows, scores in fetched:
                    pair = (np.frombuffer(rows, dtype="<i4"), np.frombuffer(scores, dtype="<f4"))
                    out[t] = pair
                    if t not in self._cache:
                        self._cache[t] = pair
                        self._cached_bytes += len(rows) + len(scores)
                while self._cached_bytes > POSTINGS_CACHE_BYTES and self._cache:
                    _, (r, v) = self._cache.popitem(last=False)
                    self._cached_bytes -= r.nbytes + v.nbytes
        return out

    def search_concepts(self, concepts: Iterable[ConceptLike], k: int,
                        row_range: tuple[int, int] | None = None) -> TopK:
        """Top-k rows and BM25 scores: per concept the best alternative (weighted), summed;
        the same float32 arithmetic as LexicalIndex.concept_scores."""
        concepts = list(concepts)
        lists = self.postings({t for c in concepts for t in c.alts})
        n = self._size
        total = np.zeros(n, dtype=np.float32)
        best = None
        for c in concepts:
            alts = [(lists[t], f) for t, f in c.alts.items() if t in lists]
            if not alts:
                continue
            if len(alts) > 1:
                fs = blend_factors([f for _, f in alts],
                                   [self._dfs[t] for t in c.alts if t in lists], n)
                alts = [(p, f) for (p, _), f in zip(alts, fs, strict=True)]
            w = c.bm25_weight
            if len(alts) == 1:
                (rows, vals), f = alts[0]
                total[rows] += w * (f * vals)
                continue
            if best is None:
                best = np.zeros(n, dtype=np.float32)
            for (rows, vals), f in alts:
                best[rows] = np.maximum(best[rows], f * vals)
            for (rows, _), _f in alts:
                total[rows] += w * best[rows]
                best[rows] = 0
        return _top(total, k, row_range)


def _top(scores: np.ndarray, k: int, row_range: tuple[int, int] | None) -> TopK:
    """The k best rows with a positive score (within row_range), best first, ties by row."""
    if row_range is not None:
        masked = np.zeros_like(scores)
        masked[row_range[0]:row_range[1]] = scores[row_range[0]:row_range[1]]
        scores = masked
    nz = np.flatnonzero(scores > 0)
    if not len(nz) or k <= 0:
        return _EMPTY
    if len(nz) > k:
        nz = nz[np.argpartition(-scores[nz], k - 1)[:k]]
    nz = nz[np.argsort(-scores[nz], kind="stable")]
    return nz.astype(np.int64), scores[nz]


class PgPassages:
    """Passages and documents of a version, read by row."""

    def __init__(self, db: Database, schema: str) -> None:
        self.db = db
        self._by_rows = sql.SQL(
            f"SELECT {PASSAGE_COLUMNS} FROM {{p}} WHERE row = ANY(%s)"
        ).format(p=sql.Identifier(schema, "passages"))
        self._docs = sql.SQL(
            "SELECT name, title, sha256, kind, pages, passages, row_start, row_end, "
            "indexed_at, changed_at FROM {d} ORDER BY name"
        ).format(d=sql.Identifier(schema, "documents"))

    def passages(self, rows: list[int]) -> dict[int, PassageRow]:
        if not rows:
            return {}
        ids = [int(r) for r in rows]
        found = self.db.run(lambda c: c.execute(self._by_rows, (ids,)).fetchall())
        return {r[0]: PassageRow(*r) for r in found}

    def earlier_sentences(self, passages: list[PassageRow]) -> dict[int, str]:
        """As PassageDB.earlier_sentences: the context of the row before, same section."""
        prev = self.passages([p.row - 1 for p in passages if p.row > 0 and p.context])
        out: dict[int, str] = {}
        for p in passages:
            q = prev.get(p.row - 1)
            if q is not None and q.doc == p.doc and q.section == p.section and q.context:
                out[p.row] = q.context
        return out

    def documents(self) -> list[DocumentRow]:
        return self.db.run(self.documents_on)

    def documents_on(self, conn: psycopg.Connection) -> list[DocumentRow]:
        return [DocumentRow(*r) for r in conn.execute(self._docs).fetchall()]


class PostgresVersion:
    """`StoreVersion` over one published version's schema."""

    def __init__(self, db: Database, schema: str, manifest: dict[str, Any],
                 dfs: dict[str, int], docs: list[DocumentRow]) -> None:
        self.dbase = db
        self.schema = schema
        self.manifest = manifest
        analyzer = Analyzer(AnalyzerConfig.from_dict(manifest["analyzer"]))
        self.lexical = PgLexical(db, schema, analyzer, dfs, int(manifest["passages"]))
        self.db = PgPassages(db, schema)
        self.doc_ranges = {d.name: (d.row_start, d.row_end) for d in docs}
        table = sql.Identifier(schema, "vectors")
        self._dense = sql.SQL(DENSE_SQL).format(vectors=table)
        self._dense_range = sql.SQL(DENSE_RANGE_SQL).format(vectors=table)

    @classmethod
    def load(cls, db: Database, schema: str, manifest: dict[str, Any]) -> PostgresVersion:
        terms = sql.SQL("SELECT token, df FROM {t}").format(t=sql.Identifier(schema, "terms"))

        def read(conn: psycopg.Connection) -> tuple[dict[str, int], list[DocumentRow]]:
            dfs = dict(conn.execute(terms).fetchall())
            return dfs, PgPassages(db, schema).documents_on(conn)

        dfs, docs = db.run(read)
        return cls(db, schema, manifest, dfs, docs)

    @property
    def version(self) -> str:
        return self.manifest["version"]

    @property
    def size(self) -> int:
        return int(self.manifest["passages"])

    @property
    def where(self) -> str:
        return f"{self.dbase.where} (version {self.version})"

    def dense_top(self, query: np.ndarray, k: int,
                  row_range: tuple[int, int] | None = None) -> TopK:
        k = min(int(k), self.size)
        if k <= 0:
            return _EMPTY
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(-1)
        if row_range is None:
            stmt, params = self._dense, {"q": q, "k": k}
        else:
            stmt = self._dense_range
            params = {"q": q, "k": k, "lo": int(row_range[0]), "hi": int(row_range[1])}
        rows = self.dbase.run(lambda c: c.execute(stmt, params).fetchall())
        if not rows:
            return _EMPTY
        return (np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)),
                np.fromiter((r[1] for r in rows), dtype=np.float32, count=len(rows)))

    def health(self) -> str | None:
        return self.dbase.ping()

    def close(self) -> None:
        pass  # the pool belongs to the store, shared by its versions
