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

import json
import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reportqa.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from reportqa.hashing import file_sha256
from reportqa.index.durable import failpoint, fsync_dir, fsync_tree, write_atomic

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


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_from_timestamp(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_version_id() -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"v{stamp}-{os.urandom(2).hex()}"


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
            raise IndexMissingError(missing_index_message(self.root))
        path = self.root / version
        if not (path / MANIFEST).exists():
            raise IndexMissingError(
                f"index version {version} is missing from {self.root}: "
                "rebuild with `reportqa index build`"
            )
        return path


def missing_index_message(root: Path) -> str:
    """What to say when there is no index: the absolute folder looked in, and the fix."""
    where = root.absolute()
    hint = (" (a relative REPORTQA_INDEX_DIR or --index is taken from the folder you run in; "
            "run from the project folder or give an absolute path)"
            if not root.is_absolute() else "")
    return (f"no index in {where}: build one with `reportqa index build --index {where}` "
            f"(`make run` does it){hint}")


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
