"""One published index version loaded into memory: manifest, FAISS, BM25, passage DB.

The folder store's `StoreVersion` (store/base.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from reportqa.errors import IndexCorruptError
from reportqa.index.bm25 import LexicalIndex
from reportqa.index.database import PassageDB
from reportqa.index.layout import (
    BM25_DIR,
    DB,
    VECTORS,
    read_manifest,
    verify_files,
)
from reportqa.index.vectors import load_vector_index, search_vectors
from reportqa.text.analyzer import Analyzer, AnalyzerConfig


@dataclass
class LoadedIndex:
    path: Path
    manifest: dict[str, Any]
    db: PassageDB
    vectors: Any  # faiss.Index
    lexical: LexicalIndex
    doc_ranges: dict[str, tuple[int, int]]

    @property
    def version(self) -> str:
        return self.manifest["version"]

    @property
    def size(self) -> int:
        return int(self.manifest["passages"])

    @property
    def where(self) -> str:
        return str(self.path)

    def dense_top(self, query: np.ndarray, k: int,
                  row_range: tuple[int, int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The k nearest rows (FAISS; exact within a document's rows)."""
        return search_vectors(self.vectors, query, k, row_range)

    def health(self) -> str | None:
        return None  # files held open: a loaded folder version cannot become unreachable

    def close(self) -> None:
        self.db.close()

    @classmethod
    def open(cls, path: Path, verify: bool = True, full_check: bool = False) -> LoadedIndex:
        """Load a version; IndexCorruptError names the file when anything is missing or broken.

        With `verify`, files are checked against the manifest's sizes and (up to
        FULL_CHECK_BYTES, or all with `full_check`) sha256 checksums first.
        """
        manifest = read_manifest(path)
        if verify:
            verify_files(path, manifest, full=full_check)
        db = None
        try:
            db = PassageDB(path / DB)
            vectors = load_vector_index(path / VECTORS, manifest["passages"],
                                        manifest["dim"])
            lexical = LexicalIndex.load(
                path / BM25_DIR, Analyzer(AnalyzerConfig.from_dict(manifest["analyzer"]))
            )
            docs = db.documents()
            ranges = {d.name: (d.row_start, d.row_end) for d in docs}
            rows = sum(d.passages for d in docs)
            if rows != manifest["passages"]:
                raise IndexCorruptError(
                    f"index {path.name}: {DB} holds {rows} passages, the manifest says "
                    f"{manifest['passages']}"
                )
        except Exception as exc:  # noqa: BLE001 - any load failure means a broken version
            if db is not None:
                db.close()
            if isinstance(exc, IndexCorruptError):
                raise
            raise IndexCorruptError(f"index {path.name} cannot be loaded: {exc}") from exc
        return cls(path, manifest, db, vectors, lexical, ranges)
