"""Votes on answers in SQLite, outside the index folder: a rebuild or a restart keeps them.

A row holds the question, the question as answered, the answer, its sources, the index
version, the vote, an optional comment and the time; never a user's name or id. `export`
writes rows in the `reportqa eval` format, so that a 👎 becomes a regression question.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from reportqa.errors import ReportQAError
from reportqa.feedback.answers import AnswerRecord

VOTES = ("up", "down")
#: Characters of a comment kept: a paragraph, not a document.
COMMENT_MAX_CHARS = 2000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    comment TEXT,
    question TEXT NOT NULL,
    resolved_question TEXT,
    answer TEXT,
    language TEXT NOT NULL,
    index_version TEXT NOT NULL,
    sources TEXT NOT NULL,
    channel TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_answer ON feedback(answer_id);
"""


class VoteStore(Protocol):
    """Where votes are kept: the SQLite file, or the database (feedback/postgres.py)."""

    def add(self, record: AnswerRecord, vote: str, comment: str | None = None,
            channel: str = "http") -> int: ...

    def rows(self, vote: str | None = None) -> Iterator[dict[str, Any]]: ...

    def counts(self) -> dict[str, int]: ...

    def close(self) -> None: ...


def check_vote(vote: str, comment: str | None) -> str | None:
    """The comment as kept (stripped, bounded, None when empty); ValueError for a bad vote."""
    if vote not in VOTES:
        raise ValueError(f"vote must be one of {', '.join(VOTES)}")
    return (comment or "").strip()[:COMMENT_MAX_CHARS] or None


class FeedbackStore:
    """One SQLite file; created with its folder on first use. Safe across threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(_SCHEMA)
            except (OSError, sqlite3.Error) as exc:
                raise ReportQAError(f"cannot open the feedback database {self.path.absolute()}:"
                                    f" {exc}") from exc
            self._conn = conn
        return self._conn

    def add(self, record: AnswerRecord, vote: str, comment: str | None = None,
            channel: str = "http") -> int:
        """Store a vote on an answer; returns the row id."""
        comment = check_vote(vote, comment)
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self._lock:
            conn = self._connect()
            try:
                cur = conn.execute(
                    "INSERT INTO feedback (answer_id, created_at, vote, comment, question, "
                    "resolved_question, answer, language, index_version, sources, channel) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (record.answer_id, now, vote, comment, record.question,
                     record.resolved_question, record.answer, record.language,
                     record.index_version, json.dumps(record.sources, ensure_ascii=False),
                     channel))
                conn.commit()
            except sqlite3.Error as exc:
                raise ReportQAError(f"cannot store feedback in {self.path.absolute()}: {exc}"
                                    ) from exc
            return int(cur.lastrowid or 0)

    def rows(self, vote: str | None = None) -> Iterator[dict[str, Any]]:
        """Every stored vote, oldest first (only `vote` ones when given)."""
        if not self.path.exists():
            return
        with self._lock:
            conn = self._connect()
            query = "SELECT * FROM feedback" + (" WHERE vote = ?" if vote else "") + " ORDER BY id"
            cur = conn.execute(query, (vote,) if vote else ())
            names = [c[0] for c in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        for row in rows:
            row["sources"] = json.loads(row["sources"])
            yield row

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(VOTES, 0)
        for row in self.rows():
            out[row["vote"]] += 1
        return out

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def eval_rows(store: VoteStore, vote: str | None = "down") -> Iterator[dict[str, Any]]:
    """Rows in the `reportqa eval` format: the question as answered, and `expect` to fill in
    (null until someone writes what the answer must contain; the wrong answer is kept)."""
    for row in store.rows(vote):
        yield {"id": f"feedback-{row['id']}", "lang": row["language"],
               "question": row["resolved_question"] or row["question"], "expect": None,
               "feedback": {"vote": row["vote"], "comment": row["comment"],
                            "answer": row["answer"], "asked": row["question"],
                            "index_version": row["index_version"],
                            "created_at": row["created_at"]}}
