"""Answers and votes in PostgreSQL (`reportqa.answers`, `reportqa.feedback`, schema level 2):
what several replicas on one database share, so a vote on any replica finds the answer
another replica gave.

Failures are `StoreUnavailableError` with the reason (the HTTP API answers 503), including a
database whose schema is older than this reportqa ("run `reportqa db migrate`").
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from reportqa.feedback.answers import ANSWERS_KEPT_DAYS, AnswerRecord, new_answer_id
from reportqa.feedback.store import VOTES, check_vote
from reportqa.store.postgres.shared import SharedDatabase
from reportqa.types import Answer

#: Old answers are deleted once in this many answers remembered by a process.
PRUNE_EVERY = 500
#: created_at as the SQLite feedback file writes it (UTC, seconds).
_TIME_FORMAT = "YYYY-MM-DD\"T\"HH24:MI:SS\"Z\""


class PostgresAnswers:
    """AnswerLog in `reportqa.answers`: remembered by one replica, found by all."""

    def __init__(self, shared: SharedDatabase, kept_days: int = ANSWERS_KEPT_DAYS) -> None:
        self.shared, self.kept_days = shared, kept_days
        self._count = 0
        self._lock = threading.Lock()

    def remember(self, ans: Answer) -> str:
        answer_id = new_answer_id()
        record = AnswerRecord.of(answer_id, ans)
        with self._lock:
            self._count += 1
            prune = self._count % PRUNE_EVERY == 0

        def write(conn: psycopg.Connection) -> None:
            conn.execute("INSERT INTO reportqa.answers (answer_id, record) VALUES (%s, %s)",
                         (answer_id, Jsonb(record.to_dict())))
            if prune:
                conn.execute("DELETE FROM reportqa.answers WHERE created_at < now() - "
                             "make_interval(days => %s)", (self.kept_days,))

        self.shared.run(write)
        return answer_id

    def get(self, answer_id: str) -> AnswerRecord | None:
        row = self.shared.run(lambda c: c.execute(
            "SELECT record FROM reportqa.answers WHERE answer_id = %s", (answer_id,)
        ).fetchone())
        return AnswerRecord.from_dict(row[0]) if row else None


class PostgresFeedback:
    """VoteStore in `reportqa.feedback`: the same rows as the SQLite file."""

    def __init__(self, shared: SharedDatabase) -> None:
        self.shared = shared

    @property
    def where(self) -> str:
        return self.shared.where

    def add(self, record: AnswerRecord, vote: str, comment: str | None = None,
            channel: str = "http") -> int:
        comment = check_vote(vote, comment)
        row = self.shared.run(lambda c: c.execute(
            "INSERT INTO reportqa.feedback (answer_id, vote, comment, question, "
            "resolved_question, answer, language, index_version, sources, channel) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (record.answer_id, vote, comment, record.question, record.resolved_question,
             record.answer, record.language, record.index_version, Jsonb(record.sources),
             channel)).fetchone())
        return int(row[0]) if row else 0

    def rows(self, vote: str | None = None) -> Iterator[dict[str, Any]]:
        query = ("SELECT id, answer_id, to_char(created_at AT TIME ZONE 'UTC', %s) AS "
                 "created_at, vote, comment, question, resolved_question, answer, language, "
                 "index_version, sources, channel FROM reportqa.feedback"
                 + (" WHERE vote = %s" if vote else "") + " ORDER BY id")
        params = (_TIME_FORMAT, vote) if vote else (_TIME_FORMAT,)

        def read(conn: psycopg.Connection) -> list[dict[str, Any]]:
            cur = conn.execute(query, params)
            names = [c.name for c in cur.description or ()]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

        yield from self.shared.run(read)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(VOTES, 0)
        for vote, n in self.shared.run(lambda c: c.execute(
                "SELECT vote, count(*) FROM reportqa.feedback GROUP BY vote").fetchall()):
            out[vote] = int(n)
        return out

    def close(self) -> None:
        self.shared.close()
