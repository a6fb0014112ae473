"""The folder store: versioned folders under the index directory (index/layout.py), each
loaded as a `LoadedIndex` (FAISS, bm25s, SQLite). The default store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportqa.errors import IndexMissingError
from reportqa.index.layout import CURRENT, IndexDir, missing_index_message, read_manifest
from reportqa.index.loaded import LoadedIndex


class FolderStore:
    """`Store` over an index folder: CURRENT names the version; the engine polls it."""

    def __init__(self, root: Path) -> None:
        self.dir = IndexDir(root)

    @property
    def location(self) -> str:
        return str(self.dir.root)

    def current(self) -> str | None:
        return self.dir.current()

    def versions(self) -> list[str]:
        return self.dir.versions()

    def manifest(self, version: str) -> dict[str, Any]:
        return read_manifest(self.dir.path(version))

    def open(self, version: str) -> LoadedIndex:
        path = self.dir.path(version)
        if not path.is_dir():
            raise IndexMissingError(f"index version {version} is missing from {self.dir.root}")
        return LoadedIndex.open(path)

    def missing_message(self) -> str:
        return missing_index_message(self.dir.root)

    def current_missing_message(self) -> str:
        return f"{self.dir.root / CURRENT} is missing or empty"

    def watch(self, on_publish: Callable[[str], None]) -> Callable[[], None] | None:
        return None  # CURRENT is a file: the engine's poller reads it every second

    def close(self) -> None:
        pass
