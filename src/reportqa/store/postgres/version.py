"""One published version in PostgreSQL, loaded: the `StoreVersion` of the PostgreSQL store.

Loaded into memory: the manifest, the documents' row ranges and the vocabulary with each
token's document frequency (the question analyzer needs them for every question). Read per
question: the dense top-k (pgvector), the lexical top-k (BM25 summed in SQL from the posting
arrays, with index/bm25.py's per-concept rules), and the passages.
"""

from __future__ import annotations

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

#: Per query token and concept the best alternative of each row, summed over concepts: the
#: folder store's concept_scores, in SQL. Concept weights are folded into the factors
#: (max(w·f·s) = w·max(f·s) for w ≥ 0).
LEXICAL_SQL = """
WITH q AS (SELECT * FROM unnest(%(tokens)s::text[], %(concepts)s::int[], %(factors)s::real[])
           AS q(token, concept, factor)),
best AS (
    SELECT p.row, q.concept, max(p.score * q.factor) AS s
    FROM q JOIN {terms} t ON t.token = q.token,
         unnest(t.rows, t.scores) AS p(row, score)
    WHERE p.row >= %(lo)s AND p.row < %(hi)s
    GROUP BY p.row, q.concept
)
SELECT row, sum(s)::real AS score FROM best GROUP BY row
HAVING sum(s) > 0 ORDER BY score DESC, row LIMIT %(k)s
"""
#: The index orders by `embedding <#> q` (negative inner product = cosine for unit vectors);
#: HNSW answers it when the version has one, else it is an exact scan.
DENSE_SQL = ("SELECT row, -(embedding <#> %(q)s) FROM {passages} "
             "ORDER BY embedding <#> %(q)s LIMIT %(k)s")
#: Within a document's rows always exact: ordering by a computed score, not the operator,
#: keeps the planner off the HNSW index (which would filter after searching and miss rows).
DENSE_RANGE_SQL = ("SELECT row, -(embedding <#> %(q)s) AS s FROM {passages} "
                   "WHERE row >= %(lo)s AND row < %(hi)s ORDER BY s DESC, row LIMIT %(k)s")
PASSAGE_COLUMNS = "row, doc, section, page, ordinal, text, context"


class PgLexical:
    """BM25 per concept in SQL over a version's `terms`; the vocabulary kept in memory."""

    def __init__(self, db: Database, schema: str, analyzer: Analyzer,
                 dfs: dict[str, int], size: int) -> None:
        self.db = db
        self.analyzer = analyzer
        self._dfs = dfs
        self._size = size
        self._sql = sql.SQL(LEXICAL_SQL).format(terms=sql.Identifier(schema, "terms"))

    @property
    def size(self) -> int:
        return self._size

    def vocabulary(self) -> Iterable[str]:
        return self._dfs.keys()

    def doc_freq(self, token: str) -> int:
        return self._dfs.get(token, 0)

    def search_concepts(self, concepts: Iterable[ConceptLike], k: int,
                        row_range: tuple[int, int] | None = None) -> TopK:
        tokens: list[str] = []
        ids: list[int] = []
        factors: list[float] = []
        for i, c in enumerate(concepts):
            alts = [(t, f) for t, f in c.alts.items() if self._dfs.get(t, 0) > 0]
            if not alts:
                continue
            fs = [f for _, f in alts]
            if len(alts) > 1:
                fs = blend_factors(fs, [self._dfs[t] for t, _ in alts], self._size)
            for (t, _), f in zip(alts, fs, strict=True):
                tokens.append(t)
                ids.append(i)
                factors.append(float(f) * float(c.bm25_weight))
        if not tokens or k <= 0:
            return _EMPTY
        lo, hi = row_range if row_range is not None else (0, self._size)
        params = {"tokens": tokens, "concepts": ids, "factors": factors, "lo": int(lo),
                  "hi": int(hi), "k": int(k)}
        rows = self.db.run(lambda c: c.execute(self._sql, params).fetchall())
        if not rows:
            return _EMPTY
        return (np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)),
                np.fromiter((r[1] for r in rows), dtype=np.float32, count=len(rows)))


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
        table = sql.Identifier(schema, "passages")
        self._dense = sql.SQL(DENSE_SQL).format(passages=table)
        self._dense_range = sql.SQL(DENSE_RANGE_SQL).format(passages=table)

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
