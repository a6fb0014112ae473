"""The database schema: shared tables in schema `reportqa`, one schema per index version,
and the migrations `reportqa db init|migrate|status` apply.

    reportqa.schema_version   the migration level (one row)
    reportqa.versions         every version: id, its schema, state (building | published),
                              manifest (jsonb), times
    reportqa.current          the one row naming the live version: publishing moves it in
                              one transaction, which also NOTIFYs every replica
    reportqa.answers          answers given lately, by answer id (level 2): a vote on any
                              replica finds the answer another one gave (feedback/postgres.py)
    reportqa.feedback         votes on answers, as the SQLite feedback file holds them
    reportqa.conversations    the last turns of each chat conversation (the Telegram bot's
                              memory), so a follow-up may land on any replica
    reportqa.shown            what a chat front end showed, by short key and chat (the
                              Telegram bot's "Visa källor" button and /kallor)
    reportqa.chosen_reports   the report series a chat picked with /rapporter (level 3)
    rqa_<version>.documents   as the folder store's documents table
    rqa_<version>.passages    row, document, section, page, text, context, text hash, the
                              analyzer's tokens
    rqa_<version>.vectors     row and embedding (pgvector, stored inline: an exact scan
                              reads narrow rows, never TOAST); HNSW index from
                              REPORTQA_ANN_THRESHOLD passages on, exact below
    rqa_<version>.terms       BM25 postings: token, document frequency, its rows and BM25
                              values (little-endian int32 / float32 bytes: one row read per
                              query token, no per-element decoding)

A version's schema is written by one build and never changed after publishing; pruning
drops it whole. A schema per version (rather than a version column) gives every version its
own HNSW graph, which a filter on a shared one would search badly.
"""

from __future__ import annotations

import re

import psycopg
from psycopg import sql

from reportqa.errors import ReportQAError

#: Channel of the NOTIFY sent when a version is published (payload: the version id).
PUBLISH_CHANNEL = "reportqa_published"
#: Key of the advisory lock one builder holds across machines (pg_try_advisory_lock).
BUILD_LOCK_KEY = 0x7265_7071  # "repq"
SCHEMA = "reportqa"
VERSION_SCHEMA_PREFIX = "rqa_"

#: Migrations in order; level n is MIGRATIONS[:n] applied. Never edit one that shipped.
MIGRATIONS: list[str] = [
    """
    CREATE EXTENSION IF NOT EXISTS vector;
    CREATE SCHEMA IF NOT EXISTS reportqa;
    CREATE TABLE reportqa.schema_version (level integer NOT NULL);
    INSERT INTO reportqa.schema_version VALUES (0);
    CREATE TABLE reportqa.versions (
        id text PRIMARY KEY,
        schema_name text NOT NULL UNIQUE,
        state text NOT NULL CHECK (state IN ('building', 'published')),
        manifest jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
    );
    CREATE TABLE reportqa.current (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        version text NOT NULL REFERENCES reportqa.versions (id),
        changed_at timestamptz NOT NULL DEFAULT now()
    );
    """,
    # 2: what replicas must share besides the index: answers for votes, votes, chat memory.
    """
    CREATE TABLE reportqa.answers (
        answer_id text PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        record jsonb NOT NULL
    );
    CREATE INDEX answers_created ON reportqa.answers (created_at);
    CREATE TABLE reportqa.feedback (
        id bigserial PRIMARY KEY,
        answer_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        vote text NOT NULL CHECK (vote IN ('up', 'down')),
        comment text,
        question text NOT NULL,
        resolved_question text,
        answer text,
        language text NOT NULL,
        index_version text NOT NULL,
        sources jsonb NOT NULL,
        channel text NOT NULL
    );
    CREATE INDEX feedback_answer ON reportqa.feedback (answer_id);
    CREATE TABLE reportqa.conversations (
        key text PRIMARY KEY,
        updated_at timestamptz NOT NULL DEFAULT now(),
        turns jsonb NOT NULL
    );
    CREATE INDEX conversations_updated ON reportqa.conversations (updated_at);
    CREATE TABLE reportqa.shown (
        key text PRIMARY KEY,
        scope bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        payload jsonb NOT NULL
    );
    CREATE INDEX shown_scope ON reportqa.shown (scope, created_at DESC);
    CREATE INDEX shown_created ON reportqa.shown (created_at);
    """,
    # 3: the report series a chat picked (the Telegram bot's /rapporter), for every replica.
    """
    CREATE TABLE reportqa.chosen_reports (
        key text PRIMARY KEY,
        series text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
    );
    """,
]
LEVEL = len(MIGRATIONS)
#: The layout of a version's schema (version_tables); a version of another layout is
#: refused with "rebuild" (versions are rebuilt, never migrated).
VERSION_LAYOUT = 3


def version_schema(version: str) -> str:
    """The schema of a version id (v20261205T060446743323Z-e163 → rqa_v20261205t…_e163)."""
    name = VERSION_SCHEMA_PREFIX + re.sub(r"[^a-z0-9_]", "_", version.lower())
    return name[:63]  # PostgreSQL's identifier limit


def level(conn: psycopg.Connection) -> int:
    """The migration level of the database (0: never initialised)."""
    exists = conn.execute("SELECT to_regclass('reportqa.schema_version')").fetchone()
    if exists is None or exists[0] is None:
        return 0
    row = conn.execute("SELECT level FROM reportqa.schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: psycopg.Connection) -> tuple[int, int]:
    """Apply the missing migrations in one transaction each; (level before, after).

    A database newer than this reportqa is refused rather than downgraded."""
    before = level(conn)
    if before > LEVEL:
        raise ReportQAError(f"the database is at schema level {before}, this reportqa knows "
                            f"{LEVEL}: upgrade reportqa")
    for n in range(before, LEVEL):
        with conn.transaction():
            conn.execute(MIGRATIONS[n])
            conn.execute("UPDATE reportqa.schema_version SET level = %s", (n + 1,))
    return before, LEVEL


def require_level(conn: psycopg.Connection, where: str) -> None:
    """A clear error when the schema is missing or older than this reportqa."""
    now = level(conn)
    if now < LEVEL:
        raise ReportQAError(
            f"the database {where} is at schema level {now}, this reportqa needs {LEVEL}: "
            "run `reportqa db migrate` (or `reportqa db init` on a new database)"
        )
    if now > LEVEL:
        raise ReportQAError(f"the database {where} is at schema level {now}, newer than this "
                            f"reportqa ({LEVEL}): upgrade reportqa")


def version_tables(schema: str, dim: int) -> sql.Composed:
    """The tables of one version (indexes come after the rows are in: faster)."""
    s = sql.Identifier(schema)
    return sql.SQL("""
    CREATE SCHEMA {s};
    CREATE TABLE {s}.documents (
        name text PRIMARY KEY, title text NOT NULL, sha256 text NOT NULL, kind text NOT NULL,
        pages integer, passages integer NOT NULL, row_start integer NOT NULL,
        row_end integer NOT NULL, indexed_at text NOT NULL, changed_at text NOT NULL
    );
    CREATE TABLE {s}.passages (
        row integer PRIMARY KEY, doc text NOT NULL, section text NOT NULL, page integer,
        ordinal integer NOT NULL, text text NOT NULL, context text NOT NULL,
        text_hash text NOT NULL, tokens text[] NOT NULL
    );
    CREATE TABLE {s}.vectors (
        row integer PRIMARY KEY, embedding vector({dim}) STORAGE PLAIN NOT NULL
    );
    CREATE TABLE {s}.terms (
        token text PRIMARY KEY, df integer NOT NULL, rows bytea NOT NULL, scores bytea NOT NULL
    );
    """).format(s=s, dim=sql.Literal(dim))


#: HNSW build parameters (pgvector's defaults are m=16, ef_construction=64); M=16 keeps the
#: graph at ~1/3 of the vectors' size.
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 64


def version_indexes(schema: str, hnsw: bool) -> sql.Composed:
    s = sql.Identifier(schema)
    parts = [sql.SQL("CREATE INDEX ON {s}.passages (text_hash);").format(s=s)]
    if hnsw:
        parts.append(sql.SQL(
            "CREATE INDEX ON {s}.vectors USING hnsw (embedding vector_ip_ops) "
            "WITH (m = {m}, ef_construction = {ef});"
        ).format(s=s, m=sql.Literal(HNSW_M), ef=sql.Literal(HNSW_EF_CONSTRUCTION)))
    return sql.Composed(parts)
