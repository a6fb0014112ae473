"""Build an index version from the corpus folder: read, chunk, embed (cached), write, publish.

Incremental: documents whose sha256 is unchanged keep their passages (copied from the live
version), and passage texts already embedded with the same model and prompt keep their
vectors, so only new and changed text is embedded. A changed model or prompt misses the
cache and re-embeds everything.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
from filelock import FileLock, Timeout

from . import store
from .chunking import Passage, chunk_document
from .config import Settings
from .documents import list_corpus, read_document, sha256_file
from .errors import BuildLockedError, CorpusError, DocumentError, ReportQAError
from .lexical import Analyzer, AnalyzerConfig, LexicalIndex
from .retrieval_defaults import retrieval_defaults
from .vector_index import build_vector_index, save_vector_index

log = logging.getLogger(__name__)

CHUNKER_VERSION = 1


class Progress(Protocol):
    def start(self, stage: str, total: int) -> None: ...
    def advance(self, stage: str, n: int = 1) -> None: ...
    def done(self, stage: str) -> None: ...


class NullProgress:
    def start(self, stage: str, total: int) -> None:  # noqa: D102
        pass

    def advance(self, stage: str, n: int = 1) -> None:  # noqa: D102
        pass

    def done(self, stage: str) -> None:  # noqa: D102
        pass


@dataclass
class BuildResult:
    version: str
    path: Path
    documents: int
    passages: int
    embedded: int  # passages embedded in this build (cache misses)
    reused_documents: int
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    published: bool = True
    message: str = ""


@dataclass
class _Doc:
    name: str
    title: str
    sha256: str
    kind: str
    pages: int | None
    passages: list[Passage]
    changed_at: str


def corpus_fingerprint(corpus_dir: Path) -> dict[str, str]:
    files, _ = list_corpus(corpus_dir)
    return {rel: sha256_file(path) for path, rel in files}


def is_stale(settings: Settings) -> tuple[bool, str]:
    """Whether the live index is missing or differs from the corpus or configured model."""
    idx = store.IndexDir(settings.index_dir)
    try:
        path = idx.resolve()
        manifest = store.read_manifest(path)
    except ReportQAError as exc:
        return True, str(exc)
    if (manifest.get("model"), manifest.get("query_prompt"), manifest.get("passage_prompt")) != (
        settings.model_id, settings.query_prompt, settings.passage_prompt
    ):
        return True, "the configured model or prompts changed"
    indexed = {d["name"]: d["sha256"] for d in manifest.get("documents", [])}
    indexed.update({s["name"]: s["sha256"] for s in manifest.get("skipped", []) if "sha256" in s})
    try:
        current = corpus_fingerprint(settings.corpus_dir)
    except CorpusError as exc:
        return True, str(exc)
    if current != indexed:
        return True, "the corpus changed"
    return False, "up to date"


def _previous_documents(idx: store.IndexDir) -> tuple[dict[str, store.DocumentRow], Path | None,
                                                      dict]:
    try:
        path = idx.resolve()
        manifest = store.read_manifest(path)
        if manifest.get("chunker_version") != CHUNKER_VERSION:
            return {}, path / store.DB, manifest
        db = store.PassageDB(path / store.DB)
        return {d.name: d for d in db.documents()}, path / store.DB, manifest
    except ReportQAError:
        return {}, None, {}


def _old_passages(db_path: Path, name: str) -> list[Passage]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        cur = conn.execute(
            "SELECT doc, section, page, ordinal, text, context FROM passages WHERE doc = ? "
            "ORDER BY ordinal",
            (name,),
        )
        return [Passage(*r) for r in cur]
    finally:
        conn.close()


def build_index(
    settings: Settings,
    progress: Progress | None = None,
    embedder_factory: Callable[[], object] | None = None,
    wait: bool = True,
    lock_timeout: float = -1,
    before_publish: Callable[[Path, dict], tuple[bool, str]] | None = None,
) -> BuildResult:
    """Build and publish a new index version; holds the index lock throughout.

    `before_publish(build_dir, manifest)` may veto publishing (the quality gate).
    """
    progress = progress or NullProgress()
    idx = store.IndexDir(settings.index_dir)
    idx.root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(idx.lock_path))
    try:
        lock.acquire(timeout=lock_timeout if wait else 0)
    except Timeout as exc:
        raise BuildLockedError(
            f"another build is running on {idx.root} (lock {idx.lock_path}); try again later"
        ) from exc
    try:
        return _build_locked(settings, idx, progress, embedder_factory, before_publish)
    finally:
        lock.release()


def _build_locked(settings, idx, progress, embedder_factory, before_publish) -> BuildResult:
    t0 = time.perf_counter()
    idx.clean_stale_builds()
    files, skipped = list_corpus(settings.corpus_dir)
    for rel, reason in skipped:
        log.warning("skipping %s: %s", rel, reason)
    prev_docs, prev_db, prev_manifest = _previous_documents(idx)
    prev_changed = {d["name"]: d.get("changed_at") for d in prev_manifest.get("documents", [])}
    now = store.utc_now()

    docs: list[_Doc] = []
    skipped_meta: list[dict] = [{"name": n, "reason": r} for n, r in skipped]
    reused = 0
    progress.start("documents", len(files))
    for path, rel in files:
        digest = sha256_file(path)
        old = prev_docs.get(rel)
        if old is not None and old.sha256 == digest and prev_db is not None:
            docs.append(_Doc(rel, old.title, digest, old.kind, old.pages,
                             _old_passages(prev_db, rel), prev_changed.get(rel) or old.changed_at))
            reused += 1
        else:
            try:
                doc = read_document(path, rel)
            except DocumentError as exc:
                log.warning("skipping %s", exc)
                skipped.append((rel, str(exc).removeprefix(f"{rel}: ")))
                skipped_meta.append({"name": rel, "reason": skipped[-1][1], "sha256": digest})
                progress.advance("documents")
                continue
            passages = chunk_document(doc)
            if passages:
                docs.append(_Doc(rel, doc.title, digest, doc.kind, doc.pages, passages, now))
            else:
                skipped.append((rel, "no sentences found"))
                skipped_meta.append({"name": rel, "reason": "no sentences found",
                                     "sha256": digest})
        progress.advance("documents")
    progress.done("documents")
    if not docs:
        detail = "; ".join(f"{n}: {r}" for n, r in skipped) or "no files"
        raise CorpusError(
            f"no readable documents in {settings.corpus_dir} ({detail}). "
            "Add .txt, .md, .pdf or .docx reports there."
        )

    passages = [p for d in docs for p in d.passages]
    texts = [p.index_text() for p in passages]
    hashes = [store.text_hash(t) for t in texts]
    key = store.model_key(settings.model_id, settings.passage_prompt)

    dim = prev_manifest.get("dim") if prev_manifest.get("model") == settings.model_id else None
    cache: dict[str, np.ndarray] = {}
    if dim and prev_db is not None:
        cache = store.cached_vectors(prev_db, key, hashes, dim)
    missing = sorted({h: i for i, h in enumerate(hashes) if h not in cache}.values())
    embedder = None
    if missing or not dim:
        embedder = embedder_factory() if embedder_factory else _default_embedder(settings)
        dim = embedder.dim
    vectors = np.zeros((len(passages), dim), dtype=np.float32)
    progress.start("embedding", len(missing))
    if missing:
        new = embedder.encode_passages([texts[i] for i in missing],
                                       on_batch=lambda n: progress.advance("embedding", n))
        for i, vec in zip(missing, new, strict=True):
            cache[hashes[i]] = vec
    progress.done("embedding")
    for i, h in enumerate(hashes):
        vectors[i] = cache[h]

    version, build_dir = idx.new_build_dir()
    try:
        progress.start("writing", 3)
        conn = store.open_writable_db(build_dir / store.DB)
        row = 0
        doc_meta = []
        for d in docs:
            start = row
            conn.executemany(
                "INSERT INTO passages (row, doc, section, page, ordinal, text, context) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(start + i, d.name, p.section, p.page, p.ordinal, p.text, p.context)
                 for i, p in enumerate(d.passages)],
            )
            row += len(d.passages)
            conn.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (d.name, d.title, d.sha256, d.kind, d.pages, len(d.passages), start, row, now,
                 d.changed_at),
            )
            doc_meta.append({"name": d.name, "title": d.title, "sha256": d.sha256,
                             "kind": d.kind, "pages": d.pages, "passages": len(d.passages),
                             "indexed_at": now, "changed_at": d.changed_at})
        seen: set[str] = set()
        conn.executemany(
            "INSERT INTO embeddings VALUES (?, ?, ?)",
            ((key, h, vectors[i].tobytes()) for i, h in enumerate(hashes)
             if not (h in seen or seen.add(h))),
        )
        conn.commit()
        conn.close()
        progress.advance("writing")

        vindex, index_type = build_vector_index(vectors, settings.hnsw_threshold)
        save_vector_index(vindex, build_dir / store.VECTORS)
        progress.advance("writing")

        analyzer_cfg = AnalyzerConfig()
        LexicalIndex.build(texts, Analyzer(analyzer_cfg)).save(build_dir / store.BM25_DIR)
        progress.advance("writing")
        progress.done("writing")

        manifest = {
            "format_version": store.FORMAT_VERSION,
            "chunker_version": CHUNKER_VERSION,
            "version": version,
            "built_at": now,
            "model": settings.model_id,
            "dim": int(dim),
            "query_prompt": settings.query_prompt,
            "passage_prompt": settings.passage_prompt,
            "index_type": index_type,
            "passages": len(passages),
            "documents": doc_meta,
            "skipped": skipped_meta,
            "analyzer": analyzer_cfg.to_dict(),
            "retrieval": retrieval_defaults(settings.model_id),
            "files": store.checksum_files(build_dir),
        }
        (build_dir / store.MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        if before_publish is not None:
            ok, why = before_publish(build_dir, manifest)
            if not ok:
                shutil.rmtree(build_dir, ignore_errors=True)
                return BuildResult(version, build_dir, len(docs), len(passages), len(missing),
                                   reused, skipped, time.perf_counter() - t0, False, why)
        final = idx.publish(version, build_dir)
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    idx.prune(settings.index_keep)
    return BuildResult(version, final, len(docs), len(passages), len(missing), reused, skipped,
                       time.perf_counter() - t0)


def _default_embedder(settings: Settings):
    from .embedder import Embedder, configure_threads

    configure_threads(settings.threads)
    return Embedder(settings.model, settings.query_prompt, settings.passage_prompt,
                    settings.batch_size)
