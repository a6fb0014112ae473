"""Engine: the loaded model, index, retriever and answerer that every front end holds.

Front ends call ask/search/documents and never touch FAISS or SQLite. `reload()` loads a new
index version beside the live one and swaps a single reference, so questions in flight finish
on the old version and new ones use the new.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from . import store
from .answerer import Answer, Answerer
from .config import Settings
from .errors import IndexCorruptError, IndexMissingError, ReportQAError
from .loaded_index import LoadedIndex
from .retriever import Hit, Retriever

log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    """Everything one index version needs to answer; immutable once built."""

    index: LoadedIndex
    retriever: Retriever
    answerer: Answerer

    @property
    def version(self) -> str:
        return self.index.version


class Engine:
    def __init__(self, settings: Settings, embedder: Any, snapshot: Snapshot) -> None:
        self.settings = settings
        self.embedder = embedder
        self._snapshot = snapshot
        self._reload_lock = threading.Lock()

    # ---- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, settings: Settings, embedder: Any | None = None) -> Engine:
        """Load the model and the current index (or the newest intact one if it is broken)."""
        idx = store.IndexDir(settings.index_dir)
        path = idx.resolve()  # clear error when there is no index at all
        manifest = store.read_manifest(path)
        store.check_model(manifest, settings.model_id, settings.query_prompt,
                          settings.passage_prompt, path)
        if embedder is None:
            from .embedder import Embedder, configure_threads

            configure_threads(settings.threads)
            embedder = Embedder(settings.model, settings.query_prompt, settings.passage_prompt,
                                settings.batch_size)
        snapshot = cls._open_with_fallback(settings, idx, embedder)
        return cls(settings, embedder, snapshot)

    @staticmethod
    def _make_snapshot(settings: Settings, index: LoadedIndex, embedder: Any) -> Snapshot:
        store.check_model(index.manifest, settings.model_id, settings.query_prompt,
                          settings.passage_prompt, index.path)
        retrieval = index.manifest.get("retrieval", {})
        weight = settings.dense_weight
        if weight is None:
            weight = float(retrieval.get("dense_weight", 0.3))
        threshold = settings.abstain_threshold
        if threshold is None:
            threshold = float(retrieval.get("abstain_threshold", 0.35))
        retriever = Retriever(index, embedder, weight, settings.candidates)
        docs = {d["name"]: d for d in index.manifest.get("documents", [])}
        answerer = Answerer(index.lexical.analyzer, threshold, docs)
        return Snapshot(index, retriever, answerer)

    @classmethod
    def _open_with_fallback(cls, settings: Settings, idx: store.IndexDir, embedder: Any,
                            version: str | None = None) -> Snapshot:
        first = version or idx.current()
        candidates = [first] + [v for v in reversed(idx.versions()) if v != first]
        errors = []
        for v in candidates:
            if v is None:
                continue
            try:
                snap = cls._make_snapshot(settings, LoadedIndex.open(idx.path(v)), embedder)
            except (IndexCorruptError, IndexMissingError) as exc:
                log.error("index version %s is unusable: %s", v, exc)
                errors.append(str(exc))
                continue
            if v != first:
                log.warning("falling back to intact index version %s", v)
            return snap
        raise IndexCorruptError(
            "no intact index version: " + "; ".join(errors)
            + ". Rebuild with `reportqa index build`"
        )

    def reload(self, force: bool = False) -> bool:
        """Load the version CURRENT points to, if it differs; True when a swap happened."""
        with self._reload_lock:
            idx = store.IndexDir(self.settings.index_dir)
            current = idx.current()
            if current is None or (current == self.version and not force):
                return False
            snap = self._open_with_fallback(self.settings, idx, self.embedder, current)
            if snap.version == self.version and not force:
                return False
            self._snapshot = snap
            log.info("now serving index version %s", snap.version)
            return True

    # ---- queries ---------------------------------------------------------------------------
    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def version(self) -> str:
        return self._snapshot.version

    @property
    def model_name(self) -> str:
        return self.settings.model_id

    @property
    def manifest(self) -> dict[str, Any]:
        return self._snapshot.index.manifest

    def search(self, query: str, k: int = 5, document: str | None = None,
               mode: str = "hybrid") -> list[Hit]:
        return self._snapshot.retriever.search(query, k, document, mode)

    def ask(self, question: str, top_k: int = 3, document: str | None = None,
            mode: str = "hybrid") -> Answer:
        snap = self._snapshot  # one version for the whole question
        question = question.strip()
        if not question:
            raise ReportQAError("the question is empty")
        if document and document not in snap.index.doc_ranges:
            raise ReportQAError(f"no document named {document!r} in the index")
        hits = snap.retriever.search(question, max(top_k, 10), document, mode)
        return snap.answerer.answer(question, hits, top_k)

    def documents(self) -> list[dict[str, Any]]:
        return list(self._snapshot.index.manifest.get("documents", []))


def timed_ask(engine: Engine, question: str, **kw) -> tuple[Answer, float]:
    t = time.perf_counter()
    ans = engine.ask(question, **kw)
    return ans, (time.perf_counter() - t) * 1000
