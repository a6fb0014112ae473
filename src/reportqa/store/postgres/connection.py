"""Connections to PostgreSQL: the pool, timeouts, and database failures as one-line errors.

Every failure to reach or query the database becomes `StoreUnavailableError` with the
database (password hidden) and what went wrong, which the HTTP API answers with 503 and the
CLI prints as one line. A read that fails because its pooled connection died (a database
restart) is retried once on a fresh connection, so a restart costs no request that arrives
after the database is back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TypeVar

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from reportqa.errors import StoreUnavailableError
from reportqa.store.select import redact

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Seconds to open a TCP connection to the server: a dead host fails fast, not after
#: the kernel's two minutes.
CONNECT_TIMEOUT_SECONDS = 3
#: Fewest connections a serving process keeps open (the pool grows to db_pool_size).
POOL_MIN_SIZE = 1
#: How long a query of a question may run (ms); a longer one is a sick database, and the
#: client gets 503 rather than waiting. Builds lift it (BUILD_STATEMENT_TIMEOUT_MS).
QUERY_TIMEOUT_MS = 5_000
#: HNSW candidates per query (pgvector's hnsw.ef_search, default 40). recall@10 against
#: exact search at 100k passages: 0.76 at 40, 0.91 at 100, 0.95 at 200, 0.99 at 400 (6 →
#: 13 ms p50; bench/pg_bench.py): the folder store's IVF gives 0.995, so 400.
HNSW_EF_SEARCH = 400


def describe(exc: BaseException) -> str:
    """psycopg's message in one line (it often spans several)."""
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def unavailable(url: str, exc: BaseException) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"the database {redact(url)} is unreachable: {describe(exc)}; "
        "retrying by itself (check that PostgreSQL runs and REPORTQA_STORE is right)"
    )


def connect(url: str, autocommit: bool = True, timeout_ms: int | None = QUERY_TIMEOUT_MS
            ) -> psycopg.Connection:
    """One connection outside the pool (builds, LISTEN, `reportqa db`)."""
    options = f"-c statement_timeout={timeout_ms}" if timeout_ms else ""
    try:
        conn = psycopg.connect(url, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT_SECONDS,
                               options=options)
    except psycopg.Error as exc:
        raise unavailable(url, exc) from exc
    _register_vector(conn)
    return conn


def _register_vector(conn: psycopg.Connection) -> None:
    """numpy arrays to and from pgvector's `vector` (binary); quietly absent before
    `reportqa db init` created the extension."""
    from pgvector.psycopg import register_vector

    with suppress(psycopg.ProgrammingError):  # the vector type does not exist yet
        register_vector(conn)


class Database:
    """A connection pool to one database, and the retry-once rule for reads."""

    def __init__(self, url: str, pool_size: int, timeout: float) -> None:
        self.url = url
        self.timeout = timeout

        def configure(conn: psycopg.Connection) -> None:
            conn.autocommit = True
            _register_vector(conn)
            conn.execute(f"SET hnsw.ef_search = {HNSW_EF_SEARCH}")

        self.pool = ConnectionPool(
            url, min_size=POOL_MIN_SIZE, max_size=max(POOL_MIN_SIZE, pool_size),
            timeout=timeout, configure=configure, open=False, name="reportqa",
            kwargs={"connect_timeout": CONNECT_TIMEOUT_SECONDS,
                    "options": f"-c statement_timeout={int(timeout * 1000)}"},
            # A failed reconnection is given up at once and the next request grows the pool
            # again: no exponential backoff (1, 2, 4 … s) delaying recovery after a restart.
            reconnect_timeout=0,
        )
        self.pool.open(wait=False)

    @property
    def where(self) -> str:
        return redact(self.url)

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        try:
            with self.pool.connection() as conn:
                yield conn
        except PoolTimeout as exc:
            raise unavailable(self.url, exc) from exc

    def run(self, fn: Callable[[psycopg.Connection], T]) -> T:
        """fn(conn) on a pooled connection; once more on a new one if the first was dead
        (a restarted server); StoreUnavailableError when the database cannot answer."""
        for attempt in (1, 2):
            try:
                with self.connection() as conn:
                    return fn(conn)
            except psycopg.errors.UndefinedTable as exc:  # a pruned version, not yet swapped
                raise StoreUnavailableError(
                    "this index version was removed from the database (pruned) before this "
                    "replica swapped to the current one; retry in a moment") from exc
            except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
                if attempt == 2 or isinstance(exc, psycopg.errors.QueryCanceled):
                    raise unavailable(self.url, exc) from exc
                log.info("database connection lost (%s); retrying once", describe(exc))
        raise AssertionError("unreachable")

    def ping(self) -> str | None:
        """None when a trivial query answers; else the one-line reason."""
        try:
            self.run(lambda c: c.execute("SELECT 1").fetchone())
        except StoreUnavailableError as exc:
            return str(exc)
        return None

    def close(self) -> None:
        self.pool.close(timeout=1.0)
