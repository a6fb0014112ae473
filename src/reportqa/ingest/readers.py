"""Read report files into Documents: title, blocks with section headings and pages, sha256.

Supported: .txt, .md, .pdf (pypdf, page numbers kept), .docx (python-docx, heading styles).
Unknown types are skipped with a warning; broken files are reported by name and skipped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportqa.errors import DocumentError
from reportqa.hashing import file_sha256
from reportqa.ingest.editions import FRONT_LINES, identify
from reportqa.text.normalize import normalize_text, squash

log = logging.getLogger(__name__)


SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")
MAX_HEADING_CHARS = 120
MAX_HEADING_WORDS = 16


@dataclass(frozen=True)
class Block:
    """A paragraph of running text with the heading it falls under and its page (1-based)."""

    text: str
    section: str
    page: int | None


@dataclass
class Document:
    name: str  # file name relative to the corpus folder
    title: str
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    kind: str = "txt"
    front: list[str] = field(default_factory=list)  # first headings and paragraphs
    series: str = ""  # ingest/editions.py: title and goal heading
    edition: str = ""  # the edition's year, or "" when the document names none


def looks_like_heading(line: str) -> bool:
    """A short line without a final full stop, like "Läget i länet" or "Mål 5. Fler kluster (…)"."""
    line = line.strip()
    if not line or len(line) > MAX_HEADING_CHARS or len(line.split()) > MAX_HEADING_WORDS:
        return False
    if line[-1] in ".!?:;,":
        return False
    first = line[0]
    return first.isupper() or first.isdigit()


class _Builder:
    """Collects blocks while tracking the current heading; the first heading is the title."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.title: str | None = None
        self.section = ""
        self.front: list[str] = []  # the first headings and paragraphs, in order

    def heading(self, text: str) -> None:
        text = squash(text).lstrip("#").strip()
        if not text:
            return
        if self.title is None:
            self.title = text
        if len(self.front) < FRONT_LINES:
            self.front.append(text)
        self.section = text

    def paragraph(self, text: str, page: int | None = None) -> None:
        text = squash(text)
        if text:
            self.blocks.append(Block(text=text, section=self.section, page=page))
            if len(self.front) < FRONT_LINES:
                self.front.append(text)


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def _read_plain(text: str, b: _Builder, markdown: bool, page: int | None = None) -> None:
    for para in _paragraphs(normalize_text(text)):
        lines = [ln for ln in para.split("\n") if ln.strip()]
        buf: list[str] = []
        for line in lines:
            is_md_heading = markdown and re.match(r"^#{1,6}\s", line)
            is_txt_heading = not markdown and len(lines) == 1 and looks_like_heading(line)
            if is_md_heading or is_txt_heading:
                if buf:
                    b.paragraph(" ".join(buf), page)
                    buf = []
                b.heading(line)
            else:
                if markdown:
                    line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)  # list markers
                    line = re.sub(r"(\*\*|__|`)", "", line)
                buf.append(line)
        if buf:
            b.paragraph(" ".join(buf), page)


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        raise DocumentError(f"{name}: looks like a binary file, not text")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise DocumentError(f"{name}: not valid UTF-8 or Windows-1252 text")


def read_text_file(path: Path, name: str, markdown: bool) -> Document:
    b = _Builder()
    _read_plain(_decode(path.read_bytes(), name), b, markdown)
    return Document(name, b.title or path.stem, "", b.blocks, None, "md" if markdown else "txt",
                    b.front)


def _join_pdf_lines(text: str) -> list[tuple[str, bool]]:
    """Split one page's text into (text, is_heading) runs, undoing line-end hyphenation."""
    lines = [ln for ln in normalize_text(text).split("\n")]
    out: list[tuple[str, bool]] = []
    buf = ""
    prev_ends_sentence = True
    for i, line in enumerate(lines):
        if not line:
            if buf:
                out.append((buf, False))
                buf = ""
            prev_ends_sentence = True
            continue
        nxt = next((ln for ln in lines[i + 1 :] if ln), "")
        if (
            prev_ends_sentence
            and looks_like_heading(line)
            and (not nxt or nxt[0].isupper() or nxt[0].isdigit())
            and len(line) < 80
        ):
            if buf:
                out.append((buf, False))
                buf = ""
            out.append((line, True))
            prev_ends_sentence = True
            continue
        if buf.endswith("-") and line[:1].islower():
            buf = buf[:-1] + line
        else:
            buf = f"{buf} {line}" if buf else line
        prev_ends_sentence = line[-1] in ".!?:"
    if buf:
        out.append((buf, False))
    return out


def read_pdf(path: Path, name: str) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # noqa: BLE001 - any failure means we cannot read it
                raise DocumentError(f"{name}: encrypted PDF") from exc
        b = _Builder()
        meta_title = None
        try:
            meta_title = (reader.metadata or {}).get("/Title")
        except Exception:  # noqa: BLE001 - broken metadata is not fatal
            meta_title = None
        n_pages = len(reader.pages)
        for pno, page in enumerate(reader.pages, start=1):
            for text, is_heading in _join_pdf_lines(page.extract_text() or ""):
                if is_heading:
                    b.heading(text)
                else:
                    b.paragraph(text, pno)
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise DocumentError(f"{name}: broken or unreadable PDF ({exc})") from exc
    if not b.blocks:
        raise DocumentError(f"{name}: the PDF has no extractable text (scanned images?)")
    title = str(meta_title).strip() if meta_title else (b.title or path.stem)
    return Document(name, title, "", b.blocks, n_pages, "pdf", b.front)


def read_docx(path: Path, name: str) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        d = docx.Document(str(path))
    except PackageNotFoundError as exc:  # python-docx says "Package not found at '…'"
        raise DocumentError(f"{name}: not a DOCX file (a DOCX is a ZIP package with "
                            "word/document.xml; this one is broken or of another type)") from exc
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml raise many kinds
        raise DocumentError(f"{name}: broken DOCX file ({type(exc).__name__}: {exc})") from exc
    b = _Builder()
    core_title = (d.core_properties.title or "").strip()
    for para in d.paragraphs:
        text = normalize_text(para.text)
        style = (para.style.name if para.style is not None else "") or ""
        if not text.strip():
            continue
        if style.lower().startswith(("heading", "rubrik", "title")):
            b.heading(text)
        else:
            b.paragraph(text)
    return Document(name, core_title or b.title or path.stem, "", b.blocks, None, "docx",
                    b.front)


READERS: dict[str, Callable[[Path, str], Document]] = {
    ".txt": lambda p, n: read_text_file(p, n, markdown=False),
    ".md": lambda p, n: read_text_file(p, n, markdown=True),
    ".pdf": read_pdf,
    ".docx": read_docx,
}


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
