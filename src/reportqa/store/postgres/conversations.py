"""The last turns of each conversation in `reportqa.conversations` (schema level 2), so a
chat's follow-up may land on any replica: the same rules as the in-process memory
(serve/telegram/state.py `ConversationMemory`): at most `turns` turns, forgotten after `idle`
seconds of silence (the database's clock) and on request."""

from __future__ import annotations

import threading

import psycopg
from psycopg.types.json import Jsonb

from reportqa.ask.followup import Turn
from reportqa.store.postgres.shared import SharedDatabase

#: Conversations silent for longer than `idle` are deleted once in this many turns added.
PRUNE_EVERY = 200


def conversation_key(key: tuple[int, ...]) -> str:
    """(chat id, user id) → "chat:user", the row's key."""
    return ":".join(str(part) for part in key)


class PostgresConversations:
    """history / add / forget as ConversationMemory, kept in the database."""

    shared = True  # every replica on the database sees the same conversations

    def __init__(self, db: SharedDatabase, idle: float, turns: int) -> None:
        self.db, self.idle, self.turns = db, idle, turns
        self._added = 0
        self._lock = threading.Lock()

    def history(self, key: tuple[int, ...]) -> list[Turn]:
        """The turns still remembered, oldest first (none after `idle` seconds of silence)."""
        row = self.db.run(lambda c: c.execute(
            "SELECT turns FROM reportqa.conversations WHERE key = %s "
            "AND updated_at > now() - make_interval(secs => %s)",
            (conversation_key(key), self.idle)).fetchone())
        return [Turn(t["question"], t.get("answer")) for t in row[0]] if row else []

    def add(self, key: tuple[int, ...], turn: Turn) -> None:
        k = conversation_key(key)
        with self._lock:
            self._added += 1
            prune = self._added % PRUNE_EVERY == 0

        def write(conn: psycopg.Connection) -> None:
            with conn.transaction():  # two replicas adding to one chat: one after the other
                row = conn.execute(
                    "SELECT turns, updated_at > now() - make_interval(secs => %s) "
                    "FROM reportqa.conversations WHERE key = %s FOR UPDATE",
                    (self.idle, k)).fetchone()
                turns = list(row[0]) if row and row[1] else []
                turns = [*turns, {"question": turn.question, "answer": turn.answer}]
                conn.execute(
                    "INSERT INTO reportqa.conversations (key, updated_at, turns) "
                    "VALUES (%s, now(), %s) ON CONFLICT (key) DO UPDATE "
                    "SET updated_at = now(), turns = EXCLUDED.turns",
                    (k, Jsonb(turns[-self.turns:])))
                if prune:
                    conn.execute("DELETE FROM reportqa.conversations WHERE updated_at < "
                                 "now() - make_interval(secs => %s)", (self.idle,))

        self.db.run(write)

    def forget(self, key: tuple[int, ...]) -> bool:
        """Start over; whether there was anything (still remembered) to forget."""
        row = self.db.run(lambda c: c.execute(
            "DELETE FROM reportqa.conversations WHERE key = %s "
            "RETURNING updated_at > now() - make_interval(secs => %s)",
            (conversation_key(key), self.idle)).fetchone())
        return bool(row and row[0])

    def close(self) -> None:
        self.db.close()
