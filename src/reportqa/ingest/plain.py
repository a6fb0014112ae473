"""Plain text and Markdown reports: paragraphs at blank lines, headings by their form."""

from __future__ import annotations

import re
from pathlib import Path

from reportqa.errors import DocumentError
from reportqa.ingest.blocks import Builder, Document, looks_like_heading
from reportqa.text.normalize import normalize_text


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def read_plain(text: str, b: Builder, markdown: bool, page: int | None = None) -> None:
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


#: The first bytes of files that are often renamed by mistake.
MAGIC = ((b"%PDF-", "a PDF"), (b"PK\x03\x04", "a ZIP package (DOCX, XLSX, …)"),
         (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
         (b"\xd0\xcf\x11\xe0", "an old Office file (DOC, XLS)"))


def binary_kind(data: bytes) -> str | None:
    """What a binary file renamed as text or a web page is ("a PDF", "a binary file"), or
    None when it looks like text."""
    head = data[:4096]
    for magic, kind in MAGIC:
        if head.lstrip().startswith(magic):
            return kind
    if b"\x00" in head:
        return "a binary file"
    return None


def decode(data: bytes, name: str, what: str = "text") -> str:
    kind = binary_kind(data)
    if kind is not None:
        what_kind = "" if kind == "a binary file" else f" ({kind})"
        raise DocumentError(f"{name}: looks like a binary file{what_kind}, not {what}")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise DocumentError(f"{name}: not valid UTF-8 or Windows-1252 text")


def read_text_file(path: Path, name: str, markdown: bool) -> Document:
    b = Builder()
    read_plain(decode(path.read_bytes(), name), b, markdown)
    return Document(name, b.title or path.stem, "", b.blocks, None, "md" if markdown else "txt",
                    b.front)
