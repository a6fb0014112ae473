"""The on-disk index: versioned, self-describing folders under the index directory.

    index/
      CURRENT                 the live version's id (replaced atomically)
      .lock                   one writer at a time (filelock)
      <version>/              one complete, immutable build
        manifest.json         model, dim, prompts, documents and hashes, settings, checksums
        passages.sqlite       documents, passages, embedding cache
        vectors.faiss         the dense index (row i = passages.row i)
        bm25/                 the lexical index
      .build-<version>/       a build in progress (never read; removed by the next build)

A build writes a new folder and publishes it with os.replace of the folder and then of
CURRENT, so a reader sees either the old or the new version, never a half-written one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from .errors import IndexCorruptError, IndexMismatchError, IndexMissingError

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB = "passages.sqlite"
VECTORS = "vectors.faiss"
BM25_DIR = "bm25"
CURRENT = "CURRENT"
BUILD_PREFIX = ".build-"
# Files larger than this are checked by size only at load time; `reportqa index verify`
# checks everything.
FULL_CHECK_BYTES = 64 << 20

SCHEMA = """
CREATE TABLE documents (
    name TEXT PRIMARY KEY, title TEXT NOT NULL, sha256 TEXT NOT NULL, kind TEXT NOT NULL,
    pages INTEGER, passages INTEGER NOT NULL, row_start INTEGER NOT NULL,
    row_end INTEGER NOT NULL, indexed_at TEXT NOT NULL, changed_at TEXT NOT NULL
);
CREATE TABLE passages (
    row INTEGER PRIMARY KEY, doc TEXT NOT NULL, section TEXT NOT NULL, page INTEGER,
    ordinal INTEGER NOT NULL, text TEXT NOT NULL, context TEXT NOT NULL
);
CREATE INDEX passages_doc ON passages(doc, ordinal);
CREATE TABLE embeddings (
    model_key TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (model_key, text_hash)
) WITHOUT ROWID;
"""


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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


def write_atomic(path: Path, data: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


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
        except FileNotFoundError:
            return None
        return name or None

    def versions(self) -> list[str]:
        """Published versions, oldest first."""
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
        """Remove folders of builds that died (call while holding the lock)."""
        removed = []
        if self.root.is_dir():
            for p in self.root.iterdir():
                if p.is_dir() and p.name.startswith(BUILD_PREFIX):
                    shutil.rmtree(p, ignore_errors=True)
                    removed.append(p.name)
        return removed

    def publish(self, version: str, build_dir: Path) -> Path:
        """Move a finished build into place and point CURRENT at it (both atomic)."""
        final = self.root / version
        for f in build_dir.rglob("*"):
            if f.is_file():
                with f.open("rb") as fh:
                    os.fsync(fh.fileno())
        os.replace(build_dir, final)
        fsync_dir(self.root)
        self.set_current(version)
        return final

    def set_current(self, version: str) -> None:
        if not (self.root / version / MANIFEST).exists():
            raise IndexMissingError(f"index version {version} does not exist in {self.root}")
        write_atomic(self.root / CURRENT, version + "\n")

    def prune(self, keep: int) -> list[str]:
        """Delete the oldest versions beyond `keep`, never the current one."""
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
    for rel, meta in manifest.get("files", {}).items():
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
    """Read access to a version's SQLite database, safe to share across threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        try:
            self._conn().execute("SELECT count(*) FROM passages").fetchone()
        except sqlite3.DatabaseError as exc:
            raise IndexCorruptError(f"index database {path} is corrupt: {exc}") from exc

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
            self._local.conn = conn
        return conn

    def passages(self, rows: list[int]) -> dict[int, PassageRow]:
        if not rows:
            return {}
        marks = ",".join("?" * len(rows))
        cur = self._conn().execute(
            f"SELECT row, doc, section, page, ordinal, text, context FROM passages "
            f"WHERE row IN ({marks})",
            [int(r) for r in rows],
        )
        return {r[0]: PassageRow(*r) for r in cur}

    def documents(self) -> list[DocumentRow]:
        cur = self._conn().execute(
            "SELECT name, title, sha256, kind, pages, passages, row_start, row_end, "
            "indexed_at, changed_at FROM documents ORDER BY name"
        )
        return [DocumentRow(*r) for r in cur]

    def all_passages(self) -> list[PassageRow]:
        cur = self._conn().execute(
            "SELECT row, doc, section, page, ordinal, text, context FROM passages ORDER BY row"
        )
        return [PassageRow(*r) for r in cur]


def open_writable_db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.executescript(SCHEMA)
    return conn


def cached_vectors(db_path: Path, key: str, hashes: list[str], dim: int) -> dict[str, np.ndarray]:
    """Vectors already embedded in another version's cache (empty on any problem)."""
    out: dict[str, np.ndarray] = {}
    if not db_path.exists():
        return out
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            wanted = set(hashes)
            cur = conn.execute(
                "SELECT text_hash, vector FROM embeddings WHERE model_key = ?", (key,)
            )
            for h, blob in cur:
                if h in wanted:
                    vec = np.frombuffer(blob, dtype=np.float32)
                    if vec.shape[0] == dim:
                        out[h] = vec
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return {}
    return out
