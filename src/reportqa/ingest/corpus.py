"""The corpus folder: which files are reports, and reading them all."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from reportqa.errors import CorpusError, DocumentError
from reportqa.ingest.readers import SUPPORTED_SUFFIXES, Document, ReadResult, read_document

log = logging.getLogger(__name__)



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
    on_document: Callable[[str], None] | None = None,
    files: Iterable[tuple[Path, str]] | None = None,
) -> ReadResult:
    """Read every supported file; skip and report the rest. An empty result is a CorpusError."""
    listed, skipped = list_corpus(corpus_dir)
    for rel, reason in skipped:
        log.warning("skipping %s: %s", rel, reason)
    docs: list[Document] = []
    for path, rel in files if files is not None else listed:
        try:
            docs.append(read_document(path, rel))
        except DocumentError as exc:
            log.warning("skipping %s", exc)
            skipped.append((rel, str(exc).removeprefix(f"{rel}: ")))
        if on_document:
            on_document(rel)
    if not docs:
        detail = "; ".join(f"{n}: {r}" for n, r in skipped) or "no files"
        raise CorpusError(
            f"no readable documents in {corpus_dir} ({detail}). "
            f"Add .txt, .md, .pdf or .docx reports there."
        )
    return ReadResult(docs, skipped)
