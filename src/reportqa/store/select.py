"""Choosing the store from the settings: a `postgresql://` URL or the index folder."""

from __future__ import annotations

from reportqa.config import Settings
from reportqa.store.base import Store


def open_store(settings: Settings) -> Store:
    """The store `REPORTQA_STORE` names (the index folder when it is not a URL)."""
    url = settings.store_url
    if url is None:
        from reportqa.store.folder import FolderStore

        return FolderStore(settings.index_dir)
    from reportqa.store.postgres.store import PostgresStore

    return PostgresStore.connect(settings)
