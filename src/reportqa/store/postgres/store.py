"""The PostgreSQL store: which version is current, loading one, and hearing of a new one.

Replicas on any number of machines read the same database. A build publishes by moving
`reportqa.current` and NOTIFYing `reportqa_published` in one transaction; each replica's
listener thread hears it at once and asks its engine to reload (the engine's one-second
poll of `current()` is the fallback when the notification is missed, e.g. while the
listener reconnects after a database restart).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import psycopg

from reportqa.config import Settings
from reportqa.errors import (
    IndexCorruptError,
    IndexMismatchError,
    IndexMissingError,
    StoreUnavailableError,
)
from reportqa.store.postgres.connection import Database, connect, describe
from reportqa.store.postgres.schema import PUBLISH_CHANNEL, VERSION_LAYOUT, require_level
from reportqa.store.postgres.version import PostgresVersion
from reportqa.store.select import redact

log = logging.getLogger(__name__)

#: Seconds the listener waits for a notification before checking whether it should stop.
LISTEN_WAKE_SECONDS = 1.0
#: Seconds between the listener's attempts to reconnect to a database that went away.
LISTEN_RETRY_SECONDS = 1.0


class PostgresStore:
    """`Store` over a PostgreSQL database (REPORTQA_STORE=postgresql://…)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._checked = False

    @classmethod
    def connect(cls, settings: Settings) -> PostgresStore:
        url = settings.store_url
        assert url is not None
        return cls(Database(url, settings.db_pool_size, settings.db_timeout))

    @property
    def location(self) -> str:
        return self.db.where

    def _schema_ok(self) -> None:
        if not self._checked:
            self.db.run(lambda c: require_level(c, self.db.where))
            self._checked = True

    def current(self) -> str | None:
        self._schema_ok()
        row = self.db.run(lambda c: c.execute("SELECT version FROM reportqa.current")
                          .fetchone())
        return row[0] if row else None

    def versions(self) -> list[str]:
        self._schema_ok()
        rows = self.db.run(lambda c: c.execute(
            "SELECT id FROM reportqa.versions WHERE state = 'published' ORDER BY id"
        ).fetchall())
        return [r[0] for r in rows]

    def _row(self, version: str) -> tuple[str, dict[str, Any]]:
        self._schema_ok()
        row = self.db.run(lambda c: c.execute(
            "SELECT schema_name, manifest FROM reportqa.versions "
            "WHERE id = %s AND state = 'published'", (version,)).fetchone())
        if row is None:
            raise IndexMissingError(f"index version {version} is not in {self.location}")
        if not isinstance(row[1], dict) or "passages" not in row[1]:
            raise IndexCorruptError(f"index version {version} in {self.location} has no "
                                    "manifest")
        return row[0], row[1]

    def manifest(self, version: str) -> dict[str, Any]:
        return self._row(version)[1]

    def open(self, version: str) -> PostgresVersion:
        schema, manifest = self._row(version)
        if manifest.get("pg_layout") != VERSION_LAYOUT:
            raise IndexMismatchError(f"index version {version} in {self.location} has "
                                     f"layout {manifest.get('pg_layout')}, this reportqa "
                                     f"reads {VERSION_LAYOUT}: rebuild with "
                                     "`reportqa index build`")
        try:
            loaded = PostgresVersion.load(self.db, schema, manifest)
        except StoreUnavailableError:
            raise
        except psycopg.Error as exc:
            raise IndexCorruptError(f"index version {version} in {self.location} cannot be "
                                    f"loaded: {describe(exc)}") from exc
        rows = sum(e - s for s, e in loaded.doc_ranges.values())
        if rows != loaded.size:
            raise IndexCorruptError(f"index version {version} in {self.location}: its "
                                    f"documents hold {rows} passages, the manifest says "
                                    f"{loaded.size}")
        return loaded

    def missing_message(self) -> str:
        return (f"no index in {self.location}: build one with `reportqa index build` "
                "(REPORTQA_STORE set to this database; `reportqa db init` first on a new one)")

    def current_missing_message(self) -> str:
        return f"no version is published in {self.location}"

    def watch(self, on_publish: Callable[[str], None]) -> Callable[[], None]:
        stop = threading.Event()
        thread = threading.Thread(target=_listen, args=(self.db.url, on_publish, stop),
                                  name="reportqa-listen", daemon=True)
        thread.start()

        def stop_watching() -> None:
            stop.set()
            thread.join(LISTEN_WAKE_SECONDS * 3)

        return stop_watching

    def close(self) -> None:
        self.db.close()


def _listen(url: str, on_publish: Callable[[str], None], stop: threading.Event) -> None:
    """LISTEN for published versions until `stop`; reconnect whenever the connection dies."""
    failing = False
    while not stop.is_set():
        try:
            with connect(url, timeout_ms=None) as conn:
                conn.execute(f"LISTEN {PUBLISH_CHANNEL}")
                if failing:
                    log.info("listening for published versions again on %s", redact(url))
                    on_publish("")  # something may have been published meanwhile
                failing = False
                while not stop.is_set():
                    for note in conn.notifies(timeout=LISTEN_WAKE_SECONDS):
                        log.info("version %s was published", note.payload)
                        on_publish(note.payload)
        except (StoreUnavailableError, psycopg.Error) as exc:
            if not failing:
                log.warning("not hearing of published versions (%s); polling meanwhile, "
                            "reconnecting", describe(exc))
            failing = True
            stop.wait(LISTEN_RETRY_SECONDS)
