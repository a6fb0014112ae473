"""Choosing the store from the settings: a `postgresql://` URL or the index folder."""

from __future__ import annotations

import re

from reportqa.config import Settings
from reportqa.store.base import Store


def redact(url: str) -> str:
    """A database URL without its password, for messages and logs."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def describe_store(settings: Settings) -> str:
    """Where versions live, for logs: the folder, or the database without its password."""
    url = settings.store_url
    return redact(url) if url else str(settings.index_dir.absolute())


def open_store(settings: Settings) -> Store:
    """The store `REPORTQA_STORE` names (the index folder when it is not a URL)."""
    url = settings.store_url
    if url is None:
        from reportqa.store.folder import FolderStore

        return FolderStore(settings.index_dir)
    from reportqa.store.postgres.store import PostgresStore

    return PostgresStore.connect(settings)
