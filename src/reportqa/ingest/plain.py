"""Plain text and Markdown reports: paragraphs at blank lines, headings by their form, and
pipe tables ("| Kommun | Hyresrätter |" rows, a "|---|---|" line under the heading row), each
row a passage with its headings as in the other formats (ingest/tables.py); a caption line
("Tabell 1. …") just before a table is its caption."""

from __future__ import annotations

import re
from pathlib import Path

from reportqa.errors import DocumentError
from reportqa.ingest.blocks import Builder, Document, looks_like_heading
from reportqa.ingest.tables import is_caption, read_table
from reportqa.text.normalize import normalize_text


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")


def _pipe_table(lines: list[str]) -> tuple[list[list[str]], list[bool]] | None:
    """A paragraph of pipe-table lines as its grid and, per row, whether it heads the table
    (the rows above a "|---|" rule); None when the paragraph is not a table."""
    if len(lines) < 2 or not all(_PIPE_ROW.match(ln) for ln in lines):
        return None
    grid: list[list[str]] = []
    head: list[bool] = []
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if all(_RULE_CELL.match(c) for c in cells):
            head = [True] * len(grid)
            continue
        grid.append(cells)
    head += [False] * (len(grid) - len(head))
    return grid, head


def read_plain(text: str, b: Builder, markdown: bool, page: int | None = None) -> None:
    paras = _paragraphs(normalize_text(text))
    tables = [_pipe_table([ln for ln in p.split("\n") if ln.strip()]) for p in paras]
    for i, para in enumerate(paras):
        lines = [ln for ln in para.split("\n") if ln.strip()]
        if (table := tables[i]) is not None:
            before = paras[i - 1].strip() if i else ""
            caption = before if i and is_caption(before) and "\n" not in before else ""
            texts, headings = read_table(table[0], head=table[1] if any(table[1]) else None)
            for row in texts:
                b.row(row, page, caption or headings.caption)
            continue
        if (i + 1 < len(paras) and tables[i + 1] is not None and len(lines) == 1
                and is_caption(lines[0])):
            continue  # the next table's caption
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
