"""Read report files into Documents: title, blocks with section headings and pages, sha256.

Supported: .txt and .md (ingest/plain.py), .pdf with its layout (ingest/pdf.py: columns,
running headers and footers, hyphenation, tables; page numbers kept), .docx (ingest/word.py:
heading styles, tables) and saved web pages .html/.htm (ingest/html.py: the main text).
Unknown types are skipped with a warning; broken files are reported by name and skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from reportqa.errors import DocumentError
from reportqa.hashing import file_sha256
from reportqa.ingest.blocks import ROW, TEXT, Block, Builder, Document, looks_like_heading
from reportqa.ingest.editions import identify
from reportqa.ingest.html import read_html
from reportqa.ingest.pdf import read_pdf
from reportqa.ingest.plain import read_text_file
from reportqa.ingest.word import read_docx

__all__ = ["ROW", "TEXT", "Block", "Builder", "Document", "READERS", "SUPPORTED_SUFFIXES",
           "READER_VERSIONS", "looks_like_heading", "read_document", "reader_version"]

log = logging.getLogger(__name__)


READERS: dict[str, Callable[[Path, str], Document]] = {
    ".txt": lambda p, n: read_text_file(p, n, markdown=False),
    ".md": lambda p, n: read_text_file(p, n, markdown=True),
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".html": read_html,
    ".htm": read_html,
}
SUPPORTED_SUFFIXES = tuple(READERS)
#: Bumped when a reader reads the same file differently: a build reads such documents again
#: instead of reusing their passages (index/build.py). 2: PDFs with their layout and tables,
#: DOCX tables.
READER_VERSIONS = {"txt": 1, "md": 1, "pdf": 2, "docx": 2, "html": 1}


def reader_version(kind: str) -> int:
    return READER_VERSIONS.get(kind, 1)


def read_document(path: Path, name: str | None = None) -> Document:
    """Read one file; raises DocumentError with the file's name when it cannot be read."""
    name = name or path.name
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(f"{name}: unsupported file type {path.suffix or '(none)'}")
    try:
        doc = reader(path, name)
    except DocumentError:
        raise
    except (OSError, UnicodeError) as exc:
        raise DocumentError(f"{name}: cannot be read ({exc})") from exc
    if not doc.blocks:
        raise DocumentError(f"{name}: no text found")
    doc.sha256 = file_sha256(path)
    found = identify(doc.title, doc.front)
    doc.series, doc.edition = found.series, found.edition
    return doc
