"""Build an index version from the corpus folder: read, chunk, embed (cached), write, publish.

Incremental: documents whose sha256 is unchanged keep their passages (copied from the live
version), and passage texts already embedded with the same model and prompt keep their
vectors, so only new and changed text is embedded. A changed model or prompt misses the
cache and re-embeds everything.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout

from reportqa.ask.defaults import retrieval_defaults
from reportqa.config import Settings
from reportqa.errors import (
    BuildLockedError,
    CorpusError,
    DocumentError,
    IndexMissingError,
    ReportQAError,
)
from reportqa.facts.extract import SentenceFact, sentence_facts
from reportqa.facts.table import fact_row
from reportqa.hashing import file_sha256
from reportqa.index.bm25 import LexicalIndex
from reportqa.index.database import TOKEN_SEP, finish_writable_db, open_writable_db
from reportqa.index.durable import failpoint
from reportqa.index.embedding_cache import PreviousVersion, model_key, read_previous, text_hash
from reportqa.index.layout import (
    BM25_DIR,
    DB,
    FORMAT_VERSION,
    MANIFEST,
    VECTORS,
    IndexDir,
    checksum_files,
    read_manifest,
    utc_from_timestamp,
    utc_now,
    verify_files,
)
from reportqa.index.progress import NullProgress, Progress
from reportqa.index.vectors import build_vector_index, save_vector_index
from reportqa.ingest.chunking import Passage, chunk_document
from reportqa.ingest.corpus import list_corpus, read_corpus
from reportqa.ingest.metadata import METADATA_FILE, read_metadata
from reportqa.ingest.readers import read_document, reader_version
from reportqa.text.analyzer import Analyzer, AnalyzerConfig

log = logging.getLogger(__name__)

CHUNKER_VERSION = 1


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A hash of every source and data file of reportqa and of the tokenizer's libraries."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for f in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    for dist in ("PyStemmer", "wordfreq"):
        try:
            h.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(dist.encode())
    return h.hexdigest()


def tokenizer_fingerprint(analyzer: dict) -> str:
    """Changes whenever a passage's lexical tokens could: the analyzer settings, any source
    or data file of reportqa, PyStemmer's or wordfreq's version. Tokens of an earlier version
    are reused only under the same fingerprint, so a code change re-tokenizes everything."""
    return hashlib.sha256(
        (json.dumps(analyzer, sort_keys=True) + _code_fingerprint()).encode()
    ).hexdigest()[:32]


class _KnownTokens:
    """An analyzer that answers `tokens(text)` from a table first (LexicalIndex.build asks)."""

    def __init__(self, inner: Analyzer, known: dict[str, list[str]]) -> None:
        self._inner, self._known = inner, known

    def tokens(self, text: str) -> list[str]:
        toks = self._known.get(text)
        return list(toks) if toks is not None else self._inner.tokens(text)

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


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
    message: str = ""  # why the gate refused (or what it measured when it passed)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    def summary(self) -> str:
        """One line for people: what changed and what it cost."""
        delta = [f"{len(v)} {k}" for k, v in (("added", self.added), ("changed", self.changed),
                                              ("removed", self.removed)) if v]
        return (f"{self.version}: {self.passages} passages from {self.documents} documents "
                f"({', '.join(delta) or 'no document changed'}; {self.embedded} passages "
                f"embedded) in {self.seconds:.1f} s")


@dataclass
class _Doc:
    name: str
    title: str
    sha256: str
    kind: str
    pages: int | None
    passages: list[Passage]
    hashes: list[str]  # text hash of each passage's index text
    indexed_at: str  # when this edition (content) of the document was first indexed
    changed_at: str  # the file's modification time when this edition was indexed
    series: str = ""  # ingest/editions.py: the report series it belongs to
    edition: str = ""  # … and its edition's year ("" when the document names none)
    text_series: str = ""  # what the text itself says, before series.toml
    text_edition: str = ""


def corpus_fingerprint(corpus_dir: Path, max_file_mb: float | None = None) -> dict[str, str]:
    """sha256 of every document, and of series.toml when there is one."""
    files, _ = list_corpus(corpus_dir, max_file_mb)
    found = {rel: file_sha256(path) for path, rel in files}
    meta = corpus_dir / METADATA_FILE
    if meta.is_file():
        found[METADATA_FILE] = file_sha256(meta)
    return found


def _live_manifest(settings: Settings) -> dict:
    """The manifest of the live version, in whichever store; IndexMissingError if none."""
    if settings.store_url is None:
        return read_manifest(IndexDir(settings.index_dir).resolve())
    from reportqa.store.select import open_store

    store = open_store(settings)
    try:
        current = store.current()
        if current is None:
            raise IndexMissingError(store.missing_message())
        return store.manifest(current)
    finally:
        store.close()


def is_stale(settings: Settings) -> tuple[bool, str]:
    """Whether the live index is missing or differs from the corpus or configured model."""
    try:
        manifest = _live_manifest(settings)
    except ReportQAError as exc:
        return True, str(exc)
    if (manifest.get("model"), manifest.get("query_prompt"), manifest.get("passage_prompt")) != (
        settings.model_id, settings.query_prompt, settings.passage_prompt
    ):
        return True, "the configured model or prompts changed"
    if (manifest.get("analyzer") != AnalyzerConfig().to_dict()
            or manifest.get("retrieval") != retrieval_defaults(settings.model_id)):
        return True, "the lexical analyzer or retrieval settings changed"
    indexed = {d["name"]: d["sha256"] for d in manifest.get("documents", [])}
    indexed.update({s["name"]: s["sha256"] for s in manifest.get("skipped", []) if "sha256" in s})
    indexed.update(manifest.get("metadata", {}))
    try:
        current = corpus_fingerprint(settings.corpus_dir, settings.max_file_mb)
    except CorpusError as exc:
        return True, str(exc)
    if current != indexed:
        return True, "the corpus changed"
    return False, "up to date"


def _previous_version(idx: IndexDir) -> PreviousVersion | None:
    """The newest intact version to reuse passages and vectors from (the live one first).

    Its passage database and vectors are checked against their checksums in full, so a
    corrupted live version is never copied forward.
    """
    current = idx.current()
    candidates = [current] if current else []
    candidates += [v for v in reversed(idx.versions()) if v != current]
    for v in candidates:
        path = idx.path(v)
        try:
            manifest = read_manifest(path)
            files = manifest.get("files", {})
            verify_files(path, {"files": {k: files[k] for k in (DB, VECTORS)
                                                if k in files}}, full=True)
        except ReportQAError as exc:
            log.warning("not reusing index %s: %s", v, exc)
            continue
        prev = read_previous(path, CHUNKER_VERSION)
        if prev is not None:
            return prev
    return None


def build_index(
    settings: Settings,
    progress: Progress | None = None,
    embedder_factory: Callable[[], object] | None = None,
    wait: bool = True,
    lock_timeout: float = -1,
    before_publish: Callable[[Path, dict], tuple[bool, str]] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> BuildResult:
    """Build and publish a new index version; holds the index lock throughout.

    `wait=False` fails at once with BuildLockedError when another build holds the lock;
    otherwise `on_wait()` is called once before waiting (up to `lock_timeout` seconds, -1 =
    forever). `before_publish(build_dir, manifest) -> (ok, why)` may veto publishing (the
    quality gate); a vetoed build is deleted and the live version stays.
    """
    progress = progress or NullProgress()
    if settings.store_url is not None:  # PostgreSQL: the same build, another writer
        from reportqa.store.postgres.build import build_postgres

        return build_postgres(settings, progress, embedder_factory, wait, lock_timeout,
                              before_publish, on_wait)
    idx = IndexDir(settings.index_dir)
    try:
        idx.root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportQAError(f"cannot create the index folder {idx.root}: {exc}") from exc
    lock = FileLock(str(idx.lock_path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise BuildLockedError(
                f"another build is running on {idx.root} (lock {idx.lock_path}); wait for it "
                "or run without --no-wait to queue behind it"
            ) from None
        if on_wait is not None:
            on_wait()
        try:
            lock.acquire(timeout=lock_timeout)
        except Timeout as exc:
            raise BuildLockedError(
                f"another build is still running on {idx.root} after {lock_timeout:g} s "
                f"(lock {idx.lock_path}); try again later"
            ) from exc
    try:
        return _build_locked(settings, idx, progress, embedder_factory, before_publish)
    except Exception as exc:
        if not is_disk_full(exc):
            raise
        free = shutil.disk_usage(idx.root).free / 1024 / 1024
        live = idx.current()
        raise ReportQAError(
            f"the disk holding {idx.root.absolute()} is full ({free:.0f} MB free): the new "
            f"index version was not published and is removed; "
            f"{f'the live version {live} is unchanged' if live else 'there is no live version'}"
            ". Free some space or set REPORTQA_INDEX_DIR to a disk with room."
        ) from exc
    finally:
        lock.release()


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error means the disk is full, as the OS, SQLite and FAISS each say it."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(exc).lower()
    return "disk is full" in text or "no space left" in text


def _read_corpus(settings: Settings, prev: PreviousVersion | None, progress: Progress,
                 now: str) -> tuple[list[_Doc], list[tuple[str, str]], list[dict], int]:
    """(documents, skipped files, their manifest entries, documents reused from `prev`).

    A document whose sha256 is that of the previous version keeps its passages; the others
    are read and chunked. A skipped file that could be hashed keeps its sha256 in the
    manifest, so that it counts as unchanged until it changes.
    """
    digests: dict[str, str] = {}
    reused: list[str] = []
    previous_meta = {d["name"]: d for d in prev.manifest.get("documents", [])} if prev else {}
    metadata = read_metadata(settings.corpus_dir)

    def read(path: Path, rel: str) -> _Doc:
        try:
            digest = file_sha256(path)
            mtime = utc_from_timestamp(path.stat().st_mtime)
        except OSError as exc:  # vanished or unreadable between listing and reading
            raise DocumentError(f"{rel}: cannot read: {exc.strerror or exc}") from exc
        digests[rel] = digest
        old = prev.documents.get(rel) if prev else None
        # a version built before series and editions were recorded, or by an older reader of
        # the document's kind (ingest/readers.py READER_VERSIONS), has its documents read again
        meta = previous_meta.get(rel, {})
        if (old is not None and old.sha256 == digest and rel in prev.passages and "series" in meta
                and meta.get("reader", 1) == reader_version(old.kind)):
            rows = prev.passages[rel]
            reused.append(rel)
            # the text's own series and edition: series.toml may have changed since
            series, edition = meta.get("text_series", meta["series"]), meta.get(
                "text_edition", meta.get("edition", ""))
            return _Doc(rel, old.title, digest, old.kind, old.pages,
                        [Passage(rel, *r[:5]) for r in rows], [r[5] for r in rows],
                        old.indexed_at, old.changed_at, *metadata.apply(rel, series, edition),
                        series, edition)
        doc = read_document(path, rel)
        passages = chunk_document(doc)
        if not passages:
            raise DocumentError(f"{rel}: no sentences found")
        return _Doc(rel, doc.title, digest, doc.kind, doc.pages, passages,
                    [text_hash(p.index_text()) for p in passages], now, mtime,
                    *metadata.apply(rel, doc.series, doc.edition), doc.series, doc.edition)

    res = read_corpus(settings.corpus_dir, read,
                      on_start=lambda n: progress.start("documents", n),
                      on_document=lambda _rel: progress.advance("documents"),
                      on_end=lambda: progress.done("documents"),
                      max_file_mb=settings.max_file_mb)
    metadata.check_names({d.name for d in res.documents} | {n for n, _ in res.skipped})
    for name, reason in res.skipped:
        log.info("skipped %s: %s", name, reason)
    skipped_meta = [{"name": n, "reason": r, **({"sha256": digests[n]} if n in digests else {})}
                    for n, r in res.skipped]
    return res.documents, res.skipped, skipped_meta, len(reused), metadata


def _embed(settings: Settings, docs: list[_Doc], prev: PreviousVersion | None,
           progress: Progress, embedder_factory) -> tuple[np.ndarray, int]:
    """Vectors for every passage: from the previous version when the text and model match."""
    hashes = [h for d in docs for h in d.hashes]
    key = model_key(settings.model_id, settings.passage_prompt)
    dim = prev.manifest.get("dim") if prev is not None else None
    cache = prev.vectors(key, dim, set(hashes)) if prev is not None and dim else {}
    first: dict[str, int] = {}
    for i, h in enumerate(hashes):
        if h not in cache:
            first.setdefault(h, i)
    missing = sorted(first.values())
    if missing or not cache:
        if embedder_factory is not None:
            embedder = embedder_factory()
        else:
            from reportqa.model.embedder import load_embedder

            embedder = load_embedder(settings)
        if embedder.dim != dim:
            cache, dim = {}, embedder.dim
            missing = sorted({h: i for i, h in reversed(list(enumerate(hashes)))}.values())
    progress.start("embedding", len(missing))
    if missing:
        texts = [p.index_text() for d in docs for p in d.passages]
        batches = [0]

        def on_batch(n: int) -> None:
            progress.advance("embedding", n)
            batches[0] += 1
            if batches[0] == 1:
                failpoint("embedding")

        new = embedder.encode_passages([texts[i] for i in missing], on_batch=on_batch)
        for i, vec in zip(missing, new, strict=True):
            cache[hashes[i]] = vec
    progress.done("embedding")
    vectors = np.empty((len(hashes), int(dim)), dtype=np.float32)
    for i, h in enumerate(hashes):
        vectors[i] = cache[h]
    return vectors, len(missing)


def _write_db(path: Path, docs: list[_Doc], tokens: list[list[str]],
              facts: list[list[SentenceFact]]) -> list[dict]:
    conn = open_writable_db(path)
    try:
        rows, doc_rows, doc_meta = document_rows(docs)
        conn.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (fact_row(i, f) for i, fs in enumerate(facts) for f in fs))
        conn.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", doc_rows)
        conn.executemany("INSERT INTO tokens VALUES (?, ?)",
                         ((i, TOKEN_SEP.join(t)) for i, t in enumerate(tokens)))
        finish_writable_db(conn)
    except BaseException:
        conn.close()
        raise
    return doc_meta


class Stopwatch:
    """Seconds per build stage, in the order they ran."""

    def __init__(self) -> None:
        self.t0 = self._since = time.perf_counter()
        self.timings: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now_t = time.perf_counter()
        self.timings[stage] = round(now_t - self._since, 4)
        self._since = now_t

    def total(self) -> float:
        return time.perf_counter() - self.t0


@dataclass
class Prepared:
    """What every store writes for a version: documents, passages, vectors, tokens."""

    docs: list[_Doc]
    skipped: list[tuple[str, str]]
    skipped_meta: list[dict]
    reused: int
    added: list[str]
    changed: list[str]
    removed: list[str]
    vectors: np.ndarray
    embedded: int
    analyzer_cfg: AnalyzerConfig
    analyzer: Analyzer
    fingerprint: str
    texts: list[str]
    hashes: list[str]
    tokens: list[list[str]]
    now: str
    facts: list[list[SentenceFact]] = field(default_factory=list)  # per passage (facts/)
    metadata: dict[str, str] = field(default_factory=dict)  # series.toml's sha256, if any

    def lexical(self) -> LexicalIndex:
        """The BM25 index of the passages (bm25s), from the tokens already made."""
        cached = _KnownTokens(self.analyzer, dict(zip(self.texts, self.tokens, strict=True)))
        return LexicalIndex.build(self.texts, cached)  # type: ignore[arg-type]

    def manifest(self, settings: Settings, version: str, index_type: str,
                 doc_meta: list[dict]) -> dict:
        """The manifest every store records (the folder store adds its files' checksums)."""
        return {
            "format_version": FORMAT_VERSION,
            "chunker_version": CHUNKER_VERSION,
            "version": version,
            "built_at": self.now,
            "model": settings.model_id,
            "dim": int(self.vectors.shape[1]),
            "query_prompt": settings.query_prompt,
            "passage_prompt": settings.passage_prompt,
            "index_type": index_type,
            "passages": len(self.vectors),
            "documents": doc_meta,
            "skipped": self.skipped_meta,
            "metadata": self.metadata,
            "analyzer": self.analyzer_cfg.to_dict(),
            "tokenizer": self.fingerprint,
            "retrieval": retrieval_defaults(settings.model_id),
        }

    def result(self, version: str, path: Path, watch: Stopwatch) -> BuildResult:
        return BuildResult(version, path, len(self.docs), len(self.vectors), self.embedded,
                           self.reused, self.skipped, 0.0, True, "", self.added,
                           self.changed, self.removed, watch.timings)


def document_rows(docs: list[_Doc]) -> tuple[list[tuple], list[tuple], list[dict]]:
    """(passage rows, document rows, the manifest's documents) in row order."""
    rows, doc_rows, doc_meta = [], [], []
    for d in docs:
        start = len(rows)
        rows.extend((start + i, d.name, p.section, p.page, p.ordinal, p.text, p.context, h)
                    for i, (p, h) in enumerate(zip(d.passages, d.hashes, strict=True)))
        doc_rows.append((d.name, d.title, d.sha256, d.kind, d.pages, len(d.passages), start,
                         len(rows), d.indexed_at, d.changed_at))
        doc_meta.append({"name": d.name, "title": d.title, "sha256": d.sha256,
                         "kind": d.kind, "pages": d.pages, "passages": len(d.passages),
                         "indexed_at": d.indexed_at, "changed_at": d.changed_at,
                         "series": d.series, "edition": d.edition,
                         "text_series": d.text_series, "text_edition": d.text_edition,
                         "reader": reader_version(d.kind)})
    return rows, doc_rows, doc_meta


def prepare(settings: Settings, prev, progress: Progress, embedder_factory,
            watch: Stopwatch) -> Prepared:
    """Read and chunk the corpus, embed and tokenize, reusing what `prev` (a PreviousVersion
    or the PostgreSQL store's equivalent) already has."""
    lap = watch.lap
    now = utc_now()
    docs, skipped, skipped_meta, reused, metadata = _read_corpus(settings, prev, progress, now)
    lap("documents")
    names = {d.name for d in docs}
    old_names = set(prev.documents) if prev else set()
    added = sorted(names - old_names)
    changed = sorted(d.name for d in docs if d.name in old_names
                     and prev.documents[d.name].sha256 != d.sha256)
    removed = sorted(old_names - names)

    vectors, embedded = _embed(settings, docs, prev, progress, embedder_factory)
    lap("embedding")

    analyzer_cfg = AnalyzerConfig()
    analyzer = Analyzer(analyzer_cfg)
    fingerprint = tokenizer_fingerprint(analyzer_cfg.to_dict())
    texts = [p.index_text() for d in docs for p in d.passages]
    hashes = [h for d in docs for h in d.hashes]
    known = prev.tokens(fingerprint) if prev is not None else {}
    tokens = [known[h] if h in known else analyzer.tokens(t)
              for t, h in zip(texts, hashes, strict=True)]
    lap("tokens")
    facts = passage_facts_cached(docs, hashes, prev, fingerprint, analyzer)
    lap("facts")
    return Prepared(docs, skipped, skipped_meta, reused, added, changed, removed, vectors,
                    embedded, analyzer_cfg, analyzer, fingerprint, texts, hashes, tokens, now,
                    facts, {METADATA_FILE: metadata.sha256} if metadata.sha256 else {})


def passage_facts_cached(docs: list[_Doc], hashes: list[str], prev, fingerprint: str,
                         analyzer: Analyzer) -> list[list[SentenceFact]]:
    """The facts of every passage: a passage the previous version had keeps its facts (made
    by the same code), the others are extracted (facts/extract.py)."""
    previous = getattr(prev, "facts", None)
    known = previous(fingerprint, set(hashes)) if previous is not None else {}
    sentences = [p.text for d in docs for p in d.passages]
    return [known[h] if h in known else sentence_facts(t, analyzer)
            for t, h in zip(sentences, hashes, strict=True)]


def _build_locked(settings, idx, progress, embedder_factory, before_publish) -> BuildResult:
    watch = Stopwatch()
    lap = watch.lap
    idx.clean_stale_builds()
    prev = _previous_version(idx)
    lap("previous")
    prep = prepare(settings, prev, progress, embedder_factory, watch)

    version, build_dir = idx.new_build_dir()
    try:
        progress.start("writing", 3)
        doc_meta = _write_db(build_dir / DB, prep.docs, prep.tokens, prep.facts)
        progress.advance("writing")
        lap("sqlite")
        failpoint("writing")

        vindex, index_type = build_vector_index(prep.vectors, settings.ann_threshold)
        save_vector_index(vindex, build_dir / VECTORS)
        del vindex
        progress.advance("writing")
        lap("faiss")

        prep.lexical().save(build_dir / BM25_DIR)
        progress.advance("writing")
        progress.done("writing")
        lap("bm25")

        manifest = prep.manifest(settings, version, index_type, doc_meta)
        manifest["files"] = checksum_files(build_dir)
        (build_dir / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        lap("checksums")
        result = prep.result(version, build_dir, watch)
        if before_publish is not None:
            ok, why = before_publish(build_dir, manifest)
            lap("gate")
            result.message = why
            if not ok:
                shutil.rmtree(build_dir, ignore_errors=True)
                result.published = False
                result.seconds = watch.total()
                return result
        result.path = idx.publish(version, build_dir)
        lap("publish")
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    failpoint("pruning")
    idx.prune(settings.index_keep)
    lap("prune")
    result.seconds = watch.total()
    return result
