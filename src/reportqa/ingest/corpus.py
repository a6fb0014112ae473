"""The corpus folder: which files are reports, and the one loop that reads them all."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from reportqa.errors import CorpusError, DocumentError
from reportqa.ingest.readers import SUPPORTED_SUFFIXES, read_document

log = logging.getLogger(__name__)

D = TypeVar("D")


@dataclass
class ReadResult(Generic[D]):
    documents: list[D]
    skipped: list[tuple[str, str]]  # (file name, reason)


def list_corpus(corpus_dir: Path) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """Return (supported files with their relative names, skipped files with reasons)."""
    if not corpus_dir.exists():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist")
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus path {corpus_dir} is not a folder")
    files, skipped = [], []
    for path in sorted(p for p in corpus_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(corpus_dir).as_posix()
        if any(part.startswith(".") for part in path.relative_to(corpus_dir).parts):
            continue  # hidden files and editor droppings
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append((path, rel))
        else:
            skipped.append((rel, f"unsupported file type {path.suffix or '(none)'}"))
    return files, skipped


def read_corpus(
    corpus_dir: Path,
    read: Callable[[Path, str], D] = read_document,  # type: ignore[assignment]
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[str], None] | None = None,
    on_end: Callable[[], None] | None = None,
) -> ReadResult[D]:
    """Read every supported file with `read(path, name)`; skip and report the rest.

    `read` raises DocumentError, its message starting with "<name>: ", for a file to skip.
    `on_start(n)` is called with the number of files to read, `on_document(name)` after each
    one, read or skipped, and `on_end()` after the last. An empty result is a CorpusError.
    """
    files, skipped = list_corpus(corpus_dir)
    for rel, reason in skipped:
        log.warning("skipping %s: %s", rel, reason)
    if on_start:
        on_start(len(files))
    docs: list[D] = []
    for path, rel in files:
        try:
            docs.append(read(path, rel))
        except DocumentError as exc:
            log.warning("skipping %s", exc)
            skipped.append((rel, str(exc).removeprefix(f"{rel}: ")))
        if on_document:
            on_document(rel)
    if on_end:
        on_end()
    if not docs:
        detail = "; ".join(f"{n}: {r}" for n, r in skipped) or "no files"
        raise CorpusError(
            f"no readable documents in {corpus_dir} ({detail}). "
            f"Add .txt, .md, .pdf or .docx reports there."
        )
    return ReadResult(docs, skipped)
