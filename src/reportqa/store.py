"""The on-disk index: versioned, self-describing folders under the index directory.

    index/
      CURRENT                 the live version's id (replaced atomically)
      .lock                   one writer at a time (filelock)
      <version>/              one complete, immutable build
        manifest.json         model, dim, prompts, documents and hashes, settings, checksums
        passages.sqlite       documents, passages (with the hash of each passage's text),
                              each passage's lexical tokens (reused by the next build)
        vectors.faiss         the dense index (row i = passages.row i); with the text hashes
                              and the manifest's model and prompt it is the embedding cache
        bm25/                 the lexical index
      .build-<version>/       a build in progress (never read; removed by the next build)

A build writes a new folder and publishes it with os.replace of the folder and then of
CURRENT, so a reader sees either the old or the new version, never a half-written one. A
build killed at any point leaves at most a `.build-*` folder, an unreferenced complete
version or a `.CURRENT.*.tmp` file behind; the next build removes the first and the last, and
pruning removes the second.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from .errors import IndexCorruptError, IndexMismatchError, IndexMissingError, ReportQAError

log = logging.getLogger(__name__)

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
DB = "passages.sqlite"
VECTORS = "vectors.faiss"
BM25_DIR = "bm25"
CURRENT = "CURRENT"
BUILD_PREFIX = ".build-"
# Files larger than this are checked by size only at load time; `reportqa index verify`
# checks everything.
FULL_CHECK_BYTES = 64 << 20
# Connections each loaded version keeps open (so a pruned folder stays readable until the
# version is swapped out); a query borrows one for a few hundred microseconds.
DB_POOL_SIZE = 8

SCHEMA = """
CREATE TABLE documents (
    name TEXT PRIMARY KEY, title TEXT NOT NULL, sha256 TEXT NOT NULL, kind TEXT NOT NULL,
    pages INTEGER, passages INTEGER NOT NULL, row_start INTEGER NOT NULL,
    row_end INTEGER NOT NULL, indexed_at TEXT NOT NULL, changed_at TEXT NOT NULL
);
CREATE TABLE passages (
    row INTEGER PRIMARY KEY, doc TEXT NOT NULL, section TEXT NOT NULL, page INTEGER,
    ordinal INTEGER NOT NULL, text TEXT NOT NULL, context TEXT NOT NULL,
    text_hash TEXT NOT NULL
);
CREATE TABLE tokens (
    row INTEGER PRIMARY KEY, tokens TEXT NOT NULL
);
"""
#: Separates a passage's lexical tokens in the tokens table (tokens never contain it).
TOKEN_SEP = "\x1f"
# Created after the rows are in (faster than maintaining it row by row).
INDEXES = "CREATE INDEX passages_doc ON passages(doc, ordinal);"


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_from_timestamp(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_version_id() -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"v{stamp}-{os.urandom(2).hex()}"


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def model_key(model: str, passage_prompt: str) -> str:
    return f"{model}\x1f{passage_prompt}"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(path: Path) -> None:
    """Flush every file and folder under `path` (and `path` itself) to disk."""
    for f in path.rglob("*"):
        if f.is_file():
            with f.open("rb") as fh:
                os.fsync(fh.fileno())
        elif f.is_dir():
            fsync_dir(f)
    fsync_dir(path)


def write_atomic(path: Path, data: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    failpoint("current")
    os.replace(tmp, path)
    fsync_dir(path.parent)


def failpoint(name: str) -> None:
    """Crash-test hook: pause here when REPORTQA_TEST_PAUSE_AT names this point.

    The process writes its pid to REPORTQA_TEST_PAUSE_FILE and waits until a file of the same
    name plus ".go" appears (or REPORTQA_TEST_PAUSE_SECONDS pass), so a test can `kill -9`
    it at exactly this point. Points: embedding, writing, publish, current, pruning.
    """
    if os.environ.get("REPORTQA_TEST_PAUSE_AT") != name:
        return
    marker = os.environ.get("REPORTQA_TEST_PAUSE_FILE")
    go = Path(f"{marker}.go") if marker else None
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    deadline = time.monotonic() + float(os.environ.get("REPORTQA_TEST_PAUSE_SECONDS", "60"))
    while time.monotonic() < deadline and not (go is not None and go.exists()):
        time.sleep(0.02)


@dataclass(frozen=True)
class PassageRow:
    row: int
    doc: str
    section: str
    page: int | None
    ordinal: int
    text: str
    context: str

    @property
    def full_text(self) -> str:
        return f"{self.context} {self.text}".strip()


@dataclass(frozen=True)
class DocumentRow:
    name: str
    title: str
    sha256: str
    kind: str
    pages: int | None
    passages: int
    row_start: int
    row_end: int
    indexed_at: str
    changed_at: str


class IndexDir:
    """The index root: versions, the CURRENT pointer, the lock file."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def lock_path(self) -> Path:
        return self.root / ".lock"

    def current(self) -> str | None:
        try:
            name = (self.root / CURRENT).read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return name or None

    def versions(self) -> list[str]:
        """Published versions, oldest first (version ids sort by build time)."""
        if not self.root.is_dir():
            return []
        return sorted(
            p.name
            for p in self.root.iterdir()
            if p.is_dir() and p.name.startswith("v") and (p / MANIFEST).exists()
        )

    def path(self, version: str) -> Path:
        return self.root / version

    def new_build_dir(self) -> tuple[str, Path]:
        version = new_version_id()
        path = self.root / f"{BUILD_PREFIX}{version}"
        path.mkdir(parents=True)
        return version, path

    def clean_stale_builds(self) -> list[str]:
        """Remove what dead builds left: `.build-*` folders, `.CURRENT.*.tmp` files.

        Call only while holding the lock.
        """
        removed = []
        if self.root.is_dir():
            for p in self.root.iterdir():
                if p.is_dir() and p.name.startswith(BUILD_PREFIX):
                    shutil.rmtree(p, ignore_errors=True)
                    removed.append(p.name)
                elif p.is_file() and p.name.startswith(f".{CURRENT}.") and p.suffix == ".tmp":
                    p.unlink(missing_ok=True)
                    removed.append(p.name)
        return removed

    def publish(self, version: str, build_dir: Path) -> Path:
        """Move a finished build into place and point CURRENT at it (both atomic)."""
        final = self.root / version
        fsync_tree(build_dir)
        failpoint("publish")
        os.replace(build_dir, final)
        fsync_dir(self.root)
        self.set_current(version)
        return final

    def set_current(self, version: str) -> None:
        if not (self.root / version / MANIFEST).exists():
            raise IndexMissingError(f"index version {version} does not exist in {self.root}")
        write_atomic(self.root / CURRENT, version + "\n")

    def prune(self, keep: int) -> list[str]:
        """Delete the oldest versions beyond `keep`, never the current one.

        A server still answering from a pruned version is unaffected: it holds the files open.
        """
        current = self.current()
        versions = [v for v in self.versions() if v != current]
        excess = max(0, len(versions) - max(0, keep - 1))
        removed = versions[:excess]
        for v in removed:
            shutil.rmtree(self.root / v, ignore_errors=True)
        return removed

    def resolve(self, version: str | None = None) -> Path:
        """The folder of `version` (default: the current one), or a clear error."""
        version = version or self.current()
        if version is None:
            raise IndexMissingError(
                f"no index in {self.root}: build one with `reportqa index build`"
            )
        path = self.root / version
        if not (path / MANIFEST).exists():
            raise IndexMissingError(
                f"index version {version} is missing from {self.root}: "
                "rebuild with `reportqa index build`"
            )
        return path


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IndexMissingError(
            f"no index manifest in {path}: build one with `reportqa index build`"
        ) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IndexCorruptError(f"index manifest {path / MANIFEST} is corrupt: {exc}") from exc
    if not isinstance(manifest, dict):
        raise IndexCorruptError(f"index manifest {path / MANIFEST} is corrupt: not an object")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatchError(
            f"index in {path} has format {manifest.get('format_version')}, this reportqa "
            f"reads {FORMAT_VERSION}: rebuild with `reportqa index build`"
        )
    return manifest


def checksum_files(path: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for f in sorted(path.rglob("*")):
        if f.is_file() and f.name != MANIFEST:
            out[f.relative_to(path).as_posix()] = {
                "size": f.stat().st_size,
                "sha256": file_sha256(f),
            }
    return out


def verify_files(path: Path, manifest: dict[str, Any], full: bool = False) -> None:
    """Raise IndexCorruptError when a file is missing, resized or (if checked) altered."""
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        raise IndexCorruptError(f"index {path.name}: the manifest lists no file checksums")
    for rel, meta in files.items():
        f = path / rel
        if not f.is_file():
            raise IndexCorruptError(f"index {path.name}: file {rel} is missing")
        size = f.stat().st_size
        if size != meta["size"]:
            raise IndexCorruptError(
                f"index {path.name}: file {rel} has {size} bytes, expected {meta['size']}"
            )
        if (full or size <= FULL_CHECK_BYTES) and file_sha256(f) != meta["sha256"]:
            raise IndexCorruptError(f"index {path.name}: file {rel} fails its checksum")


def check_model(manifest: dict[str, Any], model: str, query_prompt: str, passage_prompt: str,
                where: Path) -> None:
    """An index built with another model or prompts is an error that says how to rebuild."""
    built = (manifest.get("model"), manifest.get("query_prompt", ""),
             manifest.get("passage_prompt", ""))
    if built != (model, query_prompt, passage_prompt):
        raise IndexMismatchError(
            f"the index in {where} was built with model {built[0]!r} "
            f"(prompts {built[1]!r}/{built[2]!r}) but {model!r} "
            f"(prompts {query_prompt!r}/{passage_prompt!r}) is configured: rebuild it with "
            "`reportqa index build` or set REPORTQA_MODEL back"
        )


class PassageDB:
    """Read access to a version's SQLite database, safe to share across threads.

    The connections are opened up front and pooled, so the version stays readable even after
    its folder is pruned while a server still answers from it.
    """

    def __init__(self, path: Path, pool_size: int = DB_POOL_SIZE) -> None:
        self.path = path
        self._pool: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        try:
            for _ in range(pool_size):
                self._pool.put(sqlite3.connect(
                    f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False
                ))
            with self._conn() as conn:
                conn.execute("SELECT count(*) FROM passages").fetchone()
        except sqlite3.Error as exc:
            self.close()
            raise IndexCorruptError(f"index database {path} is corrupt: {exc}") from exc

    @contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        conn = self._pool.get()
        try:
            yield conn
        finally:
            self._pool.put(conn)

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return

    def passages(self, rows: list[int]) -> dict[int, PassageRow]:
        if not rows:
            return {}
        marks = ",".join("?" * len(rows))
        with self._conn() as conn:
            cur = conn.execute(
                f"SELECT row, doc, section, page, ordinal, text, context FROM passages "
                f"WHERE row IN ({marks})",
                [int(r) for r in rows],
            )
            return {r[0]: PassageRow(*r) for r in cur}

    def earlier_sentences(self, passages: list[PassageRow]) -> dict[int, str]:
        """Row → the sentence before each passage's context (the context of the row before
        it), when that row is of the same document and section; one query for all."""
        prev = self.passages([p.row - 1 for p in passages if p.row > 0 and p.context])
        out: dict[int, str] = {}
        for p in passages:
            q = prev.get(p.row - 1)
            if q is not None and q.doc == p.doc and q.section == p.section and q.context:
                out[p.row] = q.context
        return out

    def documents(self) -> list[DocumentRow]:
        with self._conn() as conn:
            cur = conn.execute(
                "SELECT name, title, sha256, kind, pages, passages, row_start, row_end, "
                "indexed_at, changed_at FROM documents ORDER BY name"
            )
            return [DocumentRow(*r) for r in cur]

    def all_passages(self) -> list[PassageRow]:
        with self._conn() as conn:
            cur = conn.execute(
                "SELECT row, doc, section, page, ordinal, text, context FROM passages "
                "ORDER BY row"
            )
            return [PassageRow(*r) for r in cur]


def open_writable_db(path: Path) -> sqlite3.Connection:
    """A new, empty database for a build (no journal: a dead build's file is thrown away)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.executescript(SCHEMA)
    return conn


def finish_writable_db(conn: sqlite3.Connection) -> None:
    conn.executescript(INDEXES)
    conn.commit()
    conn.close()


@dataclass
class PreviousVersion:
    """What a build reuses from the live version: passages by document, vectors by text."""

    path: Path
    manifest: dict[str, Any]
    documents: dict[str, DocumentRow]
    passages: dict[str, list[tuple]]  # doc -> [(section, page, ordinal, text, context, hash)]
    hashes: list[str]  # row -> text hash

    def vectors(self, key: str, dim: int, wanted: set[str]) -> dict[str, np.ndarray]:
        """The embeddings of `wanted` text hashes, if this version was embedded with `key`.

        The dense index stores the vectors exactly (flat, HNSW-flat, or IVF-flat with its
        direct map), so row i of it is the embedding of the passage whose text hash is
        hashes[i]. Any problem: no cache.
        """
        m = self.manifest
        if (model_key(m.get("model", ""), m.get("passage_prompt", "")) != key
                or m.get("dim") != dim or m.get("index_type") not in ("flat", "hnsw", "ivf")):
            return {}
        rows = {h: i for i, h in enumerate(self.hashes) if h in wanted}
        if not rows:
            return {}
        try:
            import faiss

            index = faiss.read_index(str(self.path / VECTORS), faiss.IO_FLAG_MMAP)
            if index.ntotal != len(self.hashes) or index.d != dim:
                return {}
            ordered = sorted(rows.values())
            if len(ordered) > len(self.hashes) // 2:
                mat = index.reconstruct_n(0, index.ntotal)
                return {h: mat[i] for h, i in rows.items()}
            return {h: index.reconstruct(i) for h, i in rows.items()}
        except (RuntimeError, OSError) as exc:
            log.warning("embedding cache of %s unusable (%s): re-embedding", self.path.name, exc)
            return {}


    def tokens(self, fingerprint: str) -> dict[str, list[str]]:
        """Lexical tokens by text hash, if they were made by the same tokenizer; else {}."""
        if self.manifest.get("tokenizer") != fingerprint:
            return {}
        try:
            conn = sqlite3.connect(f"file:{self.path / DB}?mode=ro", uri=True)
            try:
                rows = conn.execute("SELECT row, tokens FROM tokens").fetchall()
            finally:
                conn.close()
        except sqlite3.Error as exc:
            log.warning("token cache of %s unusable (%s)", self.path.name, exc)
            return {}
        n = len(self.hashes)
        return {self.hashes[r]: t.split(TOKEN_SEP) for r, t in rows if 0 <= r < n}


def read_previous(path: Path, chunker_version: int) -> PreviousVersion | None:
    """Load what a build can reuse from the version in `path`; None if it is unusable."""
    try:
        manifest = read_manifest(path)
        if manifest.get("chunker_version") != chunker_version:
            return None
        conn = sqlite3.connect(f"file:{path / DB}?mode=ro", uri=True)
        try:
            docs = {
                r[0]: DocumentRow(*r)
                for r in conn.execute(
                    "SELECT name, title, sha256, kind, pages, passages, row_start, row_end, "
                    "indexed_at, changed_at FROM documents"
                )
            }
            by_doc: dict[str, list[tuple]] = {}
            hashes: list[str] = []
            for row, doc, *rest in conn.execute(
                "SELECT row, doc, section, page, ordinal, text, context, text_hash "
                "FROM passages ORDER BY row"
            ):
                if row != len(hashes):
                    raise IndexCorruptError(f"index {path.name}: passage rows are not dense")
                hashes.append(rest[-1])
                by_doc.setdefault(doc, []).append(tuple(rest))
        finally:
            conn.close()
    except (sqlite3.Error, ReportQAError) as exc:
        log.warning("cannot reuse index %s (%s): building from scratch", path.name, exc)
        return None
    return PreviousVersion(path, manifest, docs, by_doc, hashes)
