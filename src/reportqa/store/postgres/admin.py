"""`reportqa db init|migrate|status`: the schema's level and what the database holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportqa.config import Settings
from reportqa.errors import ReportQAError
from reportqa.store.postgres.connection import connect
from reportqa.store.postgres.schema import LEVEL, level, migrate
from reportqa.store.select import redact

#: Statements of `reportqa db` may wait this long (ms): creating the extension, a migration.
ADMIN_TIMEOUT_MS = 60_000


def _url(settings: Settings) -> str:
    url = settings.store_url
    if url is None:
        raise ReportQAError("REPORTQA_STORE is not a PostgreSQL URL: set it to "
                            "postgresql://user@host:port/database (or pass --store)")
    return url


def init_or_migrate(settings: Settings) -> tuple[int, int]:
    """Bring the schema to this reportqa's level; (level before, after)."""
    with connect(_url(settings), timeout_ms=ADMIN_TIMEOUT_MS) as conn:
        return migrate(conn)


@dataclass
class Status:
    database: str
    server: str
    pgvector: str | None
    level: int
    expected_level: int = LEVEL
    current: str | None = None
    versions: list[dict[str, Any]] = field(default_factory=list)
    building: list[str] = field(default_factory=list)
    listeners: int = 0


def status(settings: Settings) -> Status:
    """The server, pgvector, schema level, current version and every version's size."""
    url = _url(settings)
    with connect(url, timeout_ms=ADMIN_TIMEOUT_MS) as conn:
        server = conn.execute("SHOW server_version").fetchone()[0]
        ext = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'"
                           ).fetchone()
        st = Status(redact(url), server, ext[0] if ext else None, level(conn))
        if st.level == 0:
            return st
        row = conn.execute("SELECT version FROM reportqa.current").fetchone()
        st.current = row[0] if row else None
        for vid, schema, state, passages, published, size in conn.execute(
            "SELECT v.id, v.schema_name, v.state, (v.manifest->>'passages')::int, "
            "v.published_at, (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) "
            "  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "  WHERE n.nspname = v.schema_name AND c.relkind = 'r') "
            "FROM reportqa.versions v ORDER BY v.id"
        ):
            if state == "building":
                st.building.append(vid)
                continue
            st.versions.append({"version": vid, "schema": schema, "passages": passages,
                                "published_at": published.isoformat() if published else None,
                                "bytes": int(size), "current": vid == st.current})
        st.listeners = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE query ILIKE 'LISTEN %'").fetchone()[0]
    return st


def rollback(settings: Settings, version: str | None = None) -> str:
    """Point `current` at `version` (default: the published version before the current one)
    and tell the replicas; the version now current."""
    from reportqa.store.postgres.build import set_current

    with connect(_url(settings), timeout_ms=ADMIN_TIMEOUT_MS) as conn:
        if version is None:
            row = conn.execute(
                "SELECT id FROM reportqa.versions WHERE state = 'published' AND id < "
                "(SELECT version FROM reportqa.current) ORDER BY id DESC LIMIT 1").fetchone()
            if row is None:
                raise ReportQAError("no older published version to roll back to")
            version = row[0]
        set_current(conn, version)
    return version
