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


def looks_binary(data: bytes) -> bool:
    """NUL bytes near the start: an image, a PDF, an archive… renamed."""
    return b"\x00" in data[:4096]


def decode(data: bytes, name: str, what: str = "text") -> str:
    if looks_binary(data):
        raise DocumentError(f"{name}: looks like a binary file, not {what}")
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
