"""The store interface: what retrieval and answering read from one index version, and what
the engine asks of the place versions live in.

Two implementations: `store/folder.py` (today's versioned folders: FAISS, bm25s, SQLite) and
`store/postgres/` (PostgreSQL + pgvector, shared by several replicas). The engine, retrieval
and answering see only these protocols, so both give the same answers (the parity tests).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

import numpy as np

from reportqa.index.database import DocumentRow, PassageRow
from reportqa.text.analyzer import Analyzer

#: (rows, scores) best first: the shape of every top-k answer of a store.
TopK = tuple[np.ndarray, np.ndarray]


class ConceptLike(Protocol):
    """A query concept: alternative tokens with their factors, and the concept's weight."""

    alts: dict[str, float]
    bm25_weight: float


class LexicalSide(Protocol):
    """BM25 over the analyzer's tokens, scored per query concept (index/bm25.py's rules)."""

    analyzer: Analyzer

    @property
    def size(self) -> int: ...

    def vocabulary(self) -> Iterable[str]: ...

    def doc_freq(self, token: str) -> int: ...

    def search_concepts(self, concepts: Iterable[ConceptLike], k: int,
                        row_range: tuple[int, int] | None = None) -> TopK: ...


class PassageSide(Protocol):
    """Passages by row and the sentence before a passage's context."""

    def passages(self, rows: list[int]) -> dict[int, PassageRow]: ...

    def earlier_sentences(self, passages: list[PassageRow]) -> dict[int, str]: ...

    def documents(self) -> list[DocumentRow]: ...


class StoreVersion(Protocol):
    """One published index version, loaded and read-only: what a `Snapshot` holds.

    Rows are 0..size-1 in document order; a document's rows are `doc_ranges[name]`.
    """

    manifest: dict[str, Any]
    lexical: LexicalSide
    db: PassageSide
    doc_ranges: dict[str, tuple[int, int]]

    @property
    def version(self) -> str: ...

    @property
    def size(self) -> int: ...

    @property
    def where(self) -> str:
        """Where the version lives, for messages (a folder, or a database and version)."""
        ...

    def dense_top(self, query: np.ndarray, k: int,
                  row_range: tuple[int, int] | None = None) -> TopK:
        """The k rows nearest to an L2-normalised query vector, cosine scores."""
        ...

    def health(self) -> str | None:
        """None when the version can answer; else why not (e.g. the database is down)."""
        ...

    def close(self) -> None: ...


class Store(Protocol):
    """Where versions live: which is current, loading one, being told of a new one."""

    @property
    def location(self) -> str:
        """The folder or the database (without its password), for messages and logs."""
        ...

    def current(self) -> str | None:
        """The published version's id, or None when nothing is published."""
        ...

    def versions(self) -> list[str]:
        """Published versions, oldest first."""
        ...

    def manifest(self, version: str) -> dict[str, Any]:
        """A version's manifest; IndexMissingError / IndexCorruptError when it has none."""
        ...

    def open(self, version: str) -> StoreVersion:
        """Load a version; IndexMissingError or IndexCorruptError (naming why) if it cannot."""
        ...

    def missing_message(self) -> str:
        """What to say when there is no index here, and how to build one."""
        ...

    def current_missing_message(self) -> str:
        """What to say when the current pointer is missing (a reload finds nothing)."""
        ...

    def watch(self, on_publish: Callable[[str], None]) -> Callable[[], None] | None:
        """Call `on_publish(version)` whenever a version is published, from another thread;
        return the function that stops watching, or None when the store cannot push (the
        engine's polling then is the only way it learns)."""
        ...

    def close(self) -> None: ...
