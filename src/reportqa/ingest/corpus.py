"""The corpus folder: which files are reports, and the one loop that reads them all."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from reportqa.errors import CorpusError, DocumentError
from reportqa.ingest.metadata import METADATA_FILE
from reportqa.ingest.readers import SUPPORTED_SUFFIXES, read_document

D = TypeVar("D")


@dataclass
class ReadResult(Generic[D]):
    documents: list[D]
    skipped: list[tuple[str, str]]  # (file name, reason)


#: Bytes in a megabyte, for REPORTQA_MAX_FILE_MB.
MB = 1024 * 1024


def list_corpus(
    corpus_dir: Path, max_file_mb: float | None = None
) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """Return (supported files with their relative names, skipped files with reasons).

    Nothing outside the corpus folder is read: a symbolic link (or a linked folder) that
    resolves outside it is refused by name, a dangling link is reported, and a link to a
    file inside is skipped (the file is read under its own name, not twice). Files over
    `max_file_mb` are skipped with the limit in the reason. Hidden files are ignored.
    """
    if not corpus_dir.exists():
        raise CorpusError(f"corpus folder {corpus_dir.absolute()} does not exist")
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus path {corpus_dir.absolute()} is not a folder")
    root = corpus_dir.resolve()
    files: list[tuple[Path, str]] = []
    skipped: list[tuple[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(corpus_dir, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        linked_dirs = [d for d in dirnames if (here / d).is_symlink()]
        for d in linked_dirs:  # os.walk does not descend into them; say so
            dirnames.remove(d)
            rel = (here / d).relative_to(corpus_dir).as_posix()
            skipped.append((rel, _link_reason(here / d, root, folder=True)))
        for name in sorted(filenames):
            if name.startswith("."):
                continue  # hidden files and editor droppings
            path = here / name
            rel = path.relative_to(corpus_dir).as_posix()
            if path.is_symlink():
                skipped.append((rel, _link_reason(path, root, folder=False)))
                continue
            if rel == METADATA_FILE:
                continue  # series and editions (ingest/metadata.py), not a document
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                skipped.append((rel, f"unsupported file type {path.suffix or '(none)'}"))
                continue
            reason = _too_big(path, max_file_mb)
            if reason:
                skipped.append((rel, reason))
                continue
            files.append((path, rel))
    files.sort(key=lambda f: f[1])
    skipped.sort()
    return files, skipped


def _link_reason(path: Path, root: Path, folder: bool) -> str:
    """Why a symbolic link in the corpus folder is not followed."""
    target = Path(os.readlink(path))
    resolved = (path.parent / target).resolve()
    if not resolved.exists():
        return f"a broken link (to {target}, which does not exist)"
    if not resolved.is_relative_to(root):
        return (f"refused: a link to {resolved}, outside the corpus folder (only files "
                "inside it are read)")
    if folder:
        return f"a link to the folder {resolved.relative_to(root)} inside the corpus: not followed"
    return (f"a link to {resolved.relative_to(root)}, which is read under its own name "
            "(not twice)")


def _too_big(path: Path, max_file_mb: float | None) -> str:
    """The reason a file is over the size limit, or ""."""
    if not max_file_mb:
        return ""
    try:
        size = path.stat().st_size
    except OSError:
        return ""  # the reader reports it
    if size <= max_file_mb * MB:
        return ""
    return (f"{size / MB:.1f} MB is over the limit of {max_file_mb:g} MB per file "
            "(REPORTQA_MAX_FILE_MB raises it)")


def read_corpus(
    corpus_dir: Path,
    read: Callable[[Path, str], D] = read_document,  # type: ignore[assignment]
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[str], None] | None = None,
    on_end: Callable[[], None] | None = None,
    max_file_mb: float | None = None,
) -> ReadResult[D]:
    """Read every supported file with `read(path, name)`; skip and report the rest.

    `read` raises DocumentError, its message starting with "<name>: ", for a file to skip.
    `on_start(n)` is called with the number of files to read, `on_document(name)` after each
    one, read or skipped, and `on_end()` after the last. An empty result is a CorpusError.
    The skipped files are in the result, for the caller to report once.
    """
    files, skipped = list_corpus(corpus_dir, max_file_mb)
    if on_start:
        on_start(len(files))
    docs: list[D] = []
    for path, rel in files:
        try:
            docs.append(read(path, rel))
        except DocumentError as exc:
            skipped.append((rel, str(exc).removeprefix(f"{rel}: ")))
        if on_document:
            on_document(rel)
    if on_end:
        on_end()
    if not docs:
        detail = "; ".join(f"{n}: {r}" for n, r in skipped) or "no files"
        raise CorpusError(
            f"no readable documents in {corpus_dir.absolute()} ({detail}). "
            f"Add .txt, .md, .pdf or .docx reports there."
        )
    return ReadResult(docs, skipped)
