"""The live PostgreSQL version as a build cache: unchanged documents keep their passages,
unchanged texts their embeddings and tokens, all read inside the database (the folder
store's index/embedding_cache.py, for PostgreSQL)."""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import psycopg
from psycopg import sql

from reportqa.index.database import DocumentRow
from reportqa.index.embedding_cache import model_key
from reportqa.store.postgres.schema import VERSION_LAYOUT

log = logging.getLogger(__name__)

#: Text hashes asked for per query when reading cached embeddings (bounded statements).
FETCH_BATCH = 20_000


class PgPrevious:
    """What a build reuses from the current version; the same shape as PreviousVersion."""

    def __init__(self, conn: psycopg.Connection, schema: str, manifest: dict[str, Any],
                 documents: dict[str, DocumentRow], passages: dict[str, list[tuple]],
                 hashes: list[str]) -> None:
        self.conn = conn
        self.schema = schema
        self.manifest = manifest
        self.documents = documents
        self.passages = passages
        self.hashes = hashes

    @classmethod
    def read(cls, conn: psycopg.Connection, chunker_version: int) -> PgPrevious | None:
        row = conn.execute(
            "SELECT v.schema_name, v.manifest FROM reportqa.current c "
            "JOIN reportqa.versions v ON v.id = c.version").fetchone()
        if row is None:
            return None
        schema, manifest = row
        if not isinstance(manifest, dict) or manifest.get("chunker_version") != chunker_version:
            return None
        docs = {r[0]: DocumentRow(*r) for r in conn.execute(sql.SQL(
            "SELECT name, title, sha256, kind, pages, passages, row_start, row_end, "
            "indexed_at, changed_at FROM {d}").format(d=sql.Identifier(schema, "documents")))}
        by_doc: dict[str, list[tuple]] = {}
        hashes: list[str] = []
        for r, doc, *rest in conn.execute(sql.SQL(
                "SELECT row, doc, section, page, ordinal, text, context, text_hash FROM {p} "
                "ORDER BY row").format(p=sql.Identifier(schema, "passages"))):
            if r != len(hashes):
                log.warning("not reusing version %s: passage rows are not dense",
                            manifest.get("version"))
                return None
            hashes.append(rest[-1])
            by_doc.setdefault(doc, []).append(tuple(rest))
        return cls(conn, schema, manifest, docs, by_doc, hashes)

    def vectors(self, key: str, dim: int, wanted: set[str]) -> dict[str, np.ndarray]:
        """Embeddings of `wanted` text hashes, if embedded with the same model and prompt."""
        m = self.manifest
        if model_key(m.get("model", ""), m.get("passage_prompt", "")) != key or \
                m.get("dim") != dim or m.get("pg_layout") != VERSION_LAYOUT:
            return {}
        hashes = sorted(wanted & set(self.hashes))
        stmt = sql.SQL("SELECT DISTINCT ON (p.text_hash) p.text_hash, v.embedding FROM {p} p "
                       "JOIN {v} v ON v.row = p.row WHERE p.text_hash = ANY(%s)").format(
                           p=sql.Identifier(self.schema, "passages"),
                           v=sql.Identifier(self.schema, "vectors"))
        out: dict[str, np.ndarray] = {}
        with self.conn.cursor(binary=True) as cur:
            for i in range(0, len(hashes), FETCH_BATCH):
                for h, vec in cur.execute(stmt, (hashes[i:i + FETCH_BATCH],)):
                    out[h] = np.asarray(vec.to_numpy() if hasattr(vec, "to_numpy") else vec,
                                        dtype=np.float32)
        return out

    def tokens(self, fingerprint: str) -> dict[str, list[str]]:
        """Lexical tokens by text hash, if the same tokenizer made them; else {}."""
        if self.manifest.get("tokenizer") != fingerprint:
            return {}
        stmt = sql.SQL("SELECT text_hash, tokens FROM {p}").format(
            p=sql.Identifier(self.schema, "passages"))
        return {h: list(t) for h, t in self.conn.execute(stmt)}
