"""Items a chat front end showed, kept in `reportqa.shown` (schema level 2) under short random
keys and the chat they were shown in: a button pressed on any replica finds the item another
replica showed (the Telegram bot's "Visa källor", serve/telegram/state.py). Kept
`kept_days`; the payload is the caller's JSON."""

from __future__ import annotations

import secrets
import threading
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from reportqa.store.postgres.shared import SharedDatabase

#: Days an item stays findable: long after anyone presses an old answer's button.
SHOWN_KEPT_DAYS = 2
#: Old items are deleted once in this many items put by a process.
PRUNE_EVERY = 500
#: Random bytes of a key (12 URL-safe characters: short enough for callback data).
KEY_BYTES = 9


class ShownItems:
    """put / get / last by scope (a chat id), in the database."""

    def __init__(self, db: SharedDatabase, kept_days: int = SHOWN_KEPT_DAYS) -> None:
        self.db, self.kept_days = db, kept_days
        self._count = 0
        self._lock = threading.Lock()

    def put(self, scope: int, payload: dict[str, Any]) -> str:
        key = secrets.token_urlsafe(KEY_BYTES)
        with self._lock:
            self._count += 1
            prune = self._count % PRUNE_EVERY == 0

        def write(conn: psycopg.Connection) -> None:
            conn.execute("INSERT INTO reportqa.shown (key, scope, payload) VALUES (%s, %s, %s)",
                         (key, scope, Jsonb(payload)))
            if prune:
                conn.execute("DELETE FROM reportqa.shown WHERE created_at < now() - "
                             "make_interval(days => %s)", (self.kept_days,))

        self.db.run(write)
        return key

    def get(self, key: str) -> dict[str, Any] | None:
        row = self.db.run(lambda c: c.execute(
            "SELECT payload FROM reportqa.shown WHERE key = %s", (key,)).fetchone())
        return row[0] if row else None

    def last(self, scope: int) -> dict[str, Any] | None:
        row = self.db.run(lambda c: c.execute(
            "SELECT payload FROM reportqa.shown WHERE scope = %s "
            "ORDER BY created_at DESC LIMIT 1", (scope,)).fetchone())
        return row[0] if row else None

    def close(self) -> None:
        self.db.close()
