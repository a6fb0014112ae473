"""The passage database (SQLite): schema, rows, a pooled reader, the writer."""

from __future__ import annotations

import logging
import queue
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reportqa.errors import IndexCorruptError

log = logging.getLogger(__name__)

# Connections each loaded version keeps open (so a pruned folder stays readable until the
# version is swapped out); a query borrows one for a few hundred microseconds.
DB_POOL_SIZE = 8

SCHEMA = """
CREATE TABLE documents (
    name TEXT PRIMARY KEY, title TEXT NOT NULL, sha256 TEXT NOT NULL, kind TEXT NOT NULL,
    pages INTEGER, passages INTEGER NOT NULL, row_start INTEGER NOT NULL,
    row_end INTEGER NOT NULL, indexed_at TEXT NOT NULL, changed_at TEXT NOT NULL
);
CREATE TABLE passages (
    row INTEGER PRIMARY KEY, doc TEXT NOT NULL, section TEXT NOT NULL, page INTEGER,
    ordinal INTEGER NOT NULL, text TEXT NOT NULL, context TEXT NOT NULL,
    text_hash TEXT NOT NULL
);
CREATE TABLE tokens (
    row INTEGER PRIMARY KEY, tokens TEXT NOT NULL
);
CREATE TABLE facts (
    row INTEGER NOT NULL, position INTEGER NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL,
    figure TEXT NOT NULL, measure TEXT NOT NULL, terms TEXT NOT NULL, near TEXT NOT NULL,
    PRIMARY KEY (row, position)
);
"""

#: Separates a passage's lexical tokens in the tokens table (tokens never contain it).
TOKEN_SEP = "\x1f"
# Created after the rows are in (faster than maintaining it row by row).
INDEXES = "CREATE INDEX passages_doc ON passages(doc, ordinal);"


@dataclass(frozen=True)
class PassageRow:
    row: int
    doc: str
    section: str
    page: int | None
    ordinal: int
    text: str
    context: str

    @property
    def full_text(self) -> str:
        return f"{self.context} {self.text}".strip()


@dataclass(frozen=True)
class DocumentRow:
    name: str
    title: str
    sha256: str
    kind: str
    pages: int | None
    passages: int
    row_start: int
    row_end: int
    indexed_at: str
    changed_at: str


class PassageDB:
    """Read access to a version's SQLite database, safe to share across threads.

    The connections are opened up front and pooled, so the version stays readable even after
    its folder is pruned while a server still answers from it.
    """

    def __init__(self, path: Path, pool_size: int = DB_POOL_SIZE) -> None:
        self.path = path
        self._pool: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        try:
            for _ in range(pool_size):
                self._pool.put(sqlite3.connect(
                    f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False
                ))
            with self._conn() as conn:
                conn.execute("SELECT count(*) FROM passages").fetchone()
        except sqlite3.Error as exc:
            self.close()
            raise IndexCorruptError(f"index database {path} is corrupt: {exc}") from exc

    @contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        conn = self._pool.get()
        try:
            yield conn
        finally:
            self._pool.put(conn)

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return

    def passages(self, rows: list[int]) -> dict[int, PassageRow]:
        if not rows:
            return {}
        marks = ",".join("?" * len(rows))
        with self._conn() as conn:
            cur = conn.execute(
                f"SELECT row, doc, section, page, ordinal, text, context FROM passages "
                f"WHERE row IN ({marks})",
                [int(r) for r in rows],
            )
            return {r[0]: PassageRow(*r) for r in cur}

    def earlier_sentences(self, passages: list[PassageRow]) -> dict[int, str]:
        """Row → the sentence before each passage's context (the context of the row before
        it), when that row is of the same document and section; one query for all."""
        prev = self.passages([p.row - 1 for p in passages if p.row > 0 and p.context])
        out: dict[int, str] = {}
        for p in passages:
            q = prev.get(p.row - 1)
            if q is not None and q.doc == p.doc and q.section == p.section and q.context:
                out[p.row] = q.context
        return out

    def documents(self) -> list[DocumentRow]:
        with self._conn() as conn:
            cur = conn.execute(
                "SELECT name, title, sha256, kind, pages, passages, row_start, row_end, "
                "indexed_at, changed_at FROM documents ORDER BY name"
            )
            return [DocumentRow(*r) for r in cur]

    def facts(self, row_start: int, row_end: int) -> list[tuple] | None:
        """The fact rows of passages row_start..row_end-1 with their passage: (row, section,
        page, sentence, position, value, unit, figure, measure, terms, near), in order; None
        for a version built before facts were recorded."""
        with self._conn() as conn:
            try:
                cur = conn.execute(
                    "SELECT p.row, p.section, p.page, p.text, f.position, f.value, f.unit, "
                    "f.figure, f.measure, f.terms, f.near FROM facts f JOIN passages p "
                    "ON p.row = f.row WHERE f.row >= ? AND f.row < ? ORDER BY f.row, f.position",
                    (row_start, row_end))
                return cur.fetchall()
            except sqlite3.OperationalError:
                return None

    def all_passages(self) -> list[PassageRow]:
        with self._conn() as conn:
            cur = conn.execute(
                "SELECT row, doc, section, page, ordinal, text, context FROM passages "
                "ORDER BY row"
            )
            return [PassageRow(*r) for r in cur]


def open_writable_db(path: Path) -> sqlite3.Connection:
    """A new, empty database for a build (no journal: a dead build's file is thrown away)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.executescript(SCHEMA)
    return conn


def finish_writable_db(conn: sqlite3.Connection) -> None:
    conn.executescript(INDEXES)
    conn.commit()
    conn.close()
