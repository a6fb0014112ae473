"""Building a version into PostgreSQL: the folder build's preparation (index/build.py's
`prepare`: read, chunk, embed with the cache, tokenize), written with COPY into a new
version schema, indexed, and published in one transaction that moves `reportqa.current` and
NOTIFYs the replicas; then older versions beyond REPORTQA_INDEX_KEEP are dropped.

One builder at a time across machines: a session advisory lock, which PostgreSQL releases by
itself when the builder's connection dies (kill -9, a lost machine), so a dead build never
blocks the next. What a dead build leaves (a `building` row and its schema) the next build
removes while holding the lock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np
import psycopg
from psycopg import sql

from reportqa.config import Settings
from reportqa.errors import BuildLockedError, ReportQAError
from reportqa.index.build import CHUNKER_VERSION, BuildResult, Stopwatch, document_rows, prepare
from reportqa.index.durable import failpoint
from reportqa.index.layout import new_version_id
from reportqa.index.progress import Progress
from reportqa.index.vectors import index_kind
from reportqa.store.postgres.connection import connect, describe, unavailable
from reportqa.store.postgres.previous import PgPrevious
from reportqa.store.postgres.schema import (
    BUILD_LOCK_KEY,
    PUBLISH_CHANNEL,
    VERSION_LAYOUT,
    require_level,
    version_indexes,
    version_schema,
    version_tables,
)
from reportqa.store.select import redact

log = logging.getLogger(__name__)

#: A build's statements may take long (an HNSW index over 1M vectors: minutes): no limit.
BUILD_STATEMENT_TIMEOUT_MS = 0
#: Memory for building the HNSW graph: pgvector builds far faster when it fits in memory
#: (~2 KB a 384-dimension vector with m=16: 1M passages ~2 GB). Only what the build needs is
#: allocated, so small corpora are unaffected.
BUILD_MAINTENANCE_WORK_MEM = "3GB"


def build_postgres(settings: Settings, progress: Progress, embedder_factory,
                   wait: bool, lock_timeout: float,
                   before_publish: Callable[[Path, dict], tuple[bool, str]] | None,
                   on_wait: Callable[[], None] | None) -> BuildResult:
    """Build and publish a version in the database REPORTQA_STORE names."""
    if before_publish is not None:
        raise ReportQAError("the quality gate (--gate) works on the folder store only for "
                            "now; build into a folder, or build without --gate")
    url = settings.store_url
    assert url is not None
    with connect(url, timeout_ms=BUILD_STATEMENT_TIMEOUT_MS) as conn:
        try:
            require_level(conn, redact(url))
            _lock(conn, wait, lock_timeout, on_wait)
            try:
                return _build_locked(settings, conn, progress, embedder_factory)
            finally:
                if not conn.closed:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (BUILD_LOCK_KEY,))
        except psycopg.OperationalError as exc:
            raise unavailable(url, exc) from exc


def _lock(conn: psycopg.Connection, wait: bool, lock_timeout: float,
          on_wait: Callable[[], None] | None) -> None:
    if conn.execute("SELECT pg_try_advisory_lock(%s)", (BUILD_LOCK_KEY,)).fetchone()[0]:
        return
    if not wait:
        raise BuildLockedError("another build is running on this database (advisory lock "
                               f"{BUILD_LOCK_KEY}); wait for it or run without --no-wait")
    if on_wait is not None:
        on_wait()
    timeout_ms = 0 if lock_timeout < 0 else max(1, int(lock_timeout * 1000))
    try:
        conn.execute(f"SET lock_timeout = {timeout_ms}")
        conn.execute("SELECT pg_advisory_lock(%s)", (BUILD_LOCK_KEY,))
    except psycopg.errors.LockNotAvailable as exc:
        raise BuildLockedError(f"another build is still running on this database after "
                               f"{lock_timeout:g} s; try again later") from exc
    finally:
        conn.execute("SET lock_timeout = 0")


def _clean_dead_builds(conn: psycopg.Connection) -> None:
    """Drop what builds that died left (only called holding the lock: none is alive)."""
    for (schema,) in conn.execute("SELECT schema_name FROM reportqa.versions "
                                  "WHERE state = 'building'").fetchall():
        with conn.transaction():
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
                sql.Identifier(schema)))
            conn.execute("DELETE FROM reportqa.versions WHERE schema_name = %s", (schema,))
        log.info("removed the unfinished build %s", schema)


def _build_locked(settings: Settings, conn: psycopg.Connection, progress: Progress,
                  embedder_factory) -> BuildResult:
    watch = Stopwatch()
    _clean_dead_builds(conn)
    prev = PgPrevious.read(conn, CHUNKER_VERSION)
    watch.lap("previous")
    prep = prepare(settings, prev, progress, embedder_factory, watch)
    version = new_version_id()
    schema = version_schema(version)
    dim = int(prep.vectors.shape[1])
    n = len(prep.vectors)
    index_type = "hnsw" if index_kind(n, settings.ann_threshold) != "flat" else "flat"
    progress.start("writing", 3)
    try:
        with conn.transaction():
            conn.execute("INSERT INTO reportqa.versions (id, schema_name, state) "
                         "VALUES (%s, %s, 'building')", (version, schema))
            conn.execute(version_tables(schema, dim))
        rows, doc_rows, doc_meta = document_rows(prep.docs)
        _copy_passages(conn, schema, rows, prep.tokens, prep.vectors)
        failpoint("writing")  # crash tests: kill -9 here leaves a 'building' version
        with conn.cursor() as cur:
            cur.executemany(sql.SQL("INSERT INTO {} VALUES (%s, %s, %s, %s, %s, %s, %s, %s, "
                                    "%s, %s)").format(sql.Identifier(schema, "documents")),
                            doc_rows)
        progress.advance("writing")
        watch.lap("rows")
        _copy_terms(conn, schema, prep.lexical())
        progress.advance("writing")
        watch.lap("bm25")
        conn.execute(f"SET maintenance_work_mem = '{BUILD_MAINTENANCE_WORK_MEM}'")
        conn.execute(version_indexes(schema, hnsw=index_type == "hnsw"))
        for table in ("passages", "vectors", "terms"):
            conn.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(schema, table)))
        progress.advance("writing")
        progress.done("writing")
        watch.lap("indexes")
        manifest = prep.manifest(settings, version, index_type, doc_meta)
        manifest["store"] = "postgresql"
        manifest["pg_layout"] = VERSION_LAYOUT
        _publish(conn, version, manifest)
        watch.lap("publish")
    except BaseException as exc:
        if not conn.closed and not isinstance(exc, psycopg.OperationalError):
            try:
                _drop_version(conn, schema)
            except psycopg.Error as drop_exc:  # the next build cleans it
                log.warning("could not remove the failed build %s: %s", schema,
                            describe(drop_exc))
        raise
    pruned = prune(conn, settings.index_keep)
    if pruned:
        log.info("pruned index versions %s", ", ".join(pruned))
    watch.lap("prune")
    result = prep.result(version, Path(schema), watch)
    result.seconds = watch.total()
    return result


def _copy_passages(conn: psycopg.Connection, schema: str, rows: list[tuple],
                   tokens: list[list[str]], vectors: np.ndarray) -> None:
    """COPY the passages and their vectors in binary (pgvector's binary form: no text
    round trip of 384 floats a row)."""
    stmt = sql.SQL("COPY {} (row, doc, section, page, ordinal, text, context, text_hash, "
                   "tokens) FROM STDIN WITH (FORMAT BINARY)").format(
                       sql.Identifier(schema, "passages"))
    with conn.cursor() as cur, cur.copy(stmt) as cp:
        cp.set_types(["int4", "text", "text", "int4", "int4", "text", "text", "text", "text[]"])
        for r, toks in zip(rows, tokens, strict=True):
            cp.write_row((*r, toks))
    stmt = sql.SQL("COPY {} (row, embedding) FROM STDIN WITH (FORMAT BINARY)").format(
        sql.Identifier(schema, "vectors"))
    with conn.cursor() as cur, cur.copy(stmt) as cp:
        cp.set_types(["int4", "vector"])
        for r, vec in zip(rows, vectors, strict=True):
            cp.write_row((r[0], vec))


def _copy_terms(conn: psycopg.Connection, schema: str, lexical) -> None:
    """The BM25 index's postings, one row per token: the bm25s matrix's columns."""
    sc = lexical.bm25.scores
    indptr, indices, data = sc["indptr"], sc["indices"], sc["data"]
    stmt = sql.SQL("COPY {} (token, df, rows, scores) FROM STDIN WITH (FORMAT BINARY)").format(
        sql.Identifier(schema, "terms"))
    with conn.cursor() as cur, cur.copy(stmt) as cp:
        cp.set_types(["text", "int4", "bytea", "bytea"])
        for token, tid in lexical.bm25.vocab_dict.items():
            if tid + 1 < len(indptr):
                s, e = int(indptr[tid]), int(indptr[tid + 1])
            else:  # bm25s's "" token has no column
                s = e = 0
            cp.write_row((token, e - s, indices[s:e].astype("<i4").tobytes(),
                          data[s:e].astype("<f4").tobytes()))


def _publish(conn: psycopg.Connection, version: str, manifest: dict) -> None:
    """Mark the version published, move the current pointer and tell every replica: one
    transaction, so a replica sees the old version or the new, and NOTIFY is delivered only
    if it commits."""
    from psycopg.types.json import Jsonb

    with conn.transaction():
        conn.execute("UPDATE reportqa.versions SET state = 'published', manifest = %s, "
                     "published_at = now() WHERE id = %s", (Jsonb(manifest), version))
        conn.execute("INSERT INTO reportqa.current (one, version) VALUES (true, %s) "
                     "ON CONFLICT (one) DO UPDATE SET version = excluded.version, "
                     "changed_at = now()", (version,))
        conn.execute("SELECT pg_notify(%s, %s)", (PUBLISH_CHANNEL, version))


def set_current(conn: psycopg.Connection, version: str) -> None:
    """Point `current` at an older published version (rollback), and tell the replicas."""
    with conn.transaction():
        row = conn.execute("SELECT 1 FROM reportqa.versions WHERE id = %s AND "
                           "state = 'published'", (version,)).fetchone()
        if row is None:
            raise ReportQAError(f"no published version {version} in the database")
        conn.execute("UPDATE reportqa.current SET version = %s, changed_at = now()",
                     (version,))
        conn.execute("SELECT pg_notify(%s, %s)", (PUBLISH_CHANNEL, version))


def _drop_version(conn: psycopg.Connection, schema: str) -> None:
    with conn.transaction():
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
        conn.execute("DELETE FROM reportqa.versions WHERE schema_name = %s", (schema,))


def prune(conn: psycopg.Connection, keep: int) -> list[str]:
    """Drop the oldest published versions beyond `keep`, never the current one.

    A replica still on a dropped version (it had not swapped yet) answers 503 for that
    question and swaps at once; with keep ≥ 2 that needs two publishes within a second."""
    current = conn.execute("SELECT version FROM reportqa.current").fetchone()
    cur_id = current[0] if current else None
    rows = conn.execute("SELECT id, schema_name FROM reportqa.versions WHERE state = "
                        "'published' ORDER BY id").fetchall()
    others = [(v, s) for v, s in rows if v != cur_id]
    excess = max(0, len(others) - max(0, keep - 1))
    for _v, schema in others[:excess]:
        _drop_version(conn, schema)
    return [v for v, _ in others[:excess]]

