"""A small pool for what replicas share besides the index (answers, votes, chat memory),
with the schema level checked on first use: a database that is unreachable, or whose schema
is older than this reportqa, is `StoreUnavailableError` with the reason (HTTP 503)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import psycopg

from reportqa.errors import ReportQAError, StoreUnavailableError
from reportqa.store.postgres.connection import Database
from reportqa.store.postgres.schema import require_level
from reportqa.store.select import redact

T = TypeVar("T")

#: Connections one process keeps for shared state (a vote or a turn is one short statement;
#: questions have their own pool).
SHARED_POOL_SIZE = 2


class SharedDatabase:
    """A small pool for state replicas share, with the schema level checked on first use."""

    def __init__(self, url: str, timeout: float, pool_size: int = SHARED_POOL_SIZE) -> None:
        self.url, self.timeout, self.pool_size = url, timeout, pool_size
        self._db: Database | None = None
        self._checked = False
        self._lock = threading.Lock()

    @property
    def where(self) -> str:
        return redact(self.url)

    def _database(self) -> Database:
        """The pool, opened on first use (and again after close: an app may restart)."""
        with self._lock:
            if self._db is None:
                self._db = Database(self.url, self.pool_size, self.timeout)
            return self._db

    def run(self, fn: Callable[[psycopg.Connection], T]) -> T:
        """fn(conn) as Database.run; a schema too old (or too new) is StoreUnavailableError."""
        db = self._database()
        if not self._checked:
            try:
                db.run(lambda c: require_level(c, self.where))
            except StoreUnavailableError:
                raise
            except ReportQAError as exc:
                raise StoreUnavailableError(str(exc)) from exc
            self._checked = True
        try:
            return db.run(fn)
        except psycopg.Error as exc:  # a constraint or a bad row: not a lost connection
            raise StoreUnavailableError(
                f"the database {self.where} refused a write: {' '.join(str(exc).split())}"
            ) from exc

    def close(self) -> None:
        with self._lock:
            db, self._db = self._db, None
        if db is not None:
            db.close()
