"""Saved web pages (.html, .htm): the main text only, extracted by trafilatura.

Menus, cookie banners, sidebars and footers are left out by trafilatura; what it keeps comes
back as XML (headings, paragraphs, list items, tables with their heading cells) and is read
into blocks like any report. Web pages have no pages: blocks have page None.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportqa.errors import DocumentError
from reportqa.ingest.blocks import Builder, Document
from reportqa.ingest.plain import binary_kind
from reportqa.ingest.tables import is_caption, read_table
from reportqa.text.normalize import normalize_text, squash

_TAG = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|title|p|div|article|main|section|"
                  rb"h[1-6]|table|ul|ol)\b", re.IGNORECASE)


def _text(el) -> str:
    return squash(normalize_text("".join(el.itertext())))


def _own_text(el) -> str:
    """An element's text without nested lists (a list item holding a sub-list)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag != "list":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return squash(normalize_text("".join(parts)))


def _list(el, b: Builder) -> None:
    for item in el.iter("item"):
        text = _own_text(item)
        if text:
            b.paragraph(text)


def _table(el, b: Builder, caption: str) -> None:
    grid, head = [], []
    for row in el.iter("row"):
        cells = row.findall("cell")
        grid.append([_text(c) for c in cells])
        head.append(bool(cells) and all(c.get("role") == "head" for c in cells if _text(c)))
    texts, headings = read_table(grid, head=head)
    for text in texts:
        b.row(text, None, caption or headings.caption)


def read_html(path: Path, name: str) -> Document:
    import trafilatura
    from lxml import etree

    data = path.read_bytes()
    kind = binary_kind(data)
    if kind is not None:
        what_kind = "" if kind == "a binary file" else f" ({kind})"
        raise DocumentError(f"{name}: looks like a binary file{what_kind}, not a web page")
    if not _TAG.search(data[:65536]):
        raise DocumentError(f"{name}: not a web page (no HTML tags found)")
    try:
        xml = trafilatura.extract(data, output_format="xml", include_tables=True,
                                  include_comments=False, include_images=False,
                                  with_metadata=True, favor_recall=True)
        root = etree.fromstring(xml.encode("utf-8")) if xml else None
    except Exception as exc:  # noqa: BLE001 - lxml and the charset detection raise many kinds
        raise DocumentError(f"{name}: broken web page ({type(exc).__name__}: {exc})") from exc
    if root is None:
        raise DocumentError(f"{name}: no main text found in the web page")
    main = root.find("main")
    b = Builder()
    caption = ""
    for el in (main if main is not None else root):
        if el.tag == "table":
            _table(el, b, caption)
            caption = ""
            continue
        if caption:
            b.paragraph(caption)
            caption = ""
        if el.tag == "head":
            b.heading(_text(el))
        elif el.tag == "list":
            _list(el, b)
        elif el.tag in ("p", "quote"):
            text = _text(el)
            if is_caption(text):
                caption = text
            else:
                b.paragraph(text)
    if caption:
        b.paragraph(caption)
    if not b.blocks:
        raise DocumentError(f"{name}: no main text found in the web page")
    meta_title = squash(root.get("title") or "")
    return Document(name, b.title or meta_title or path.stem, "", b.blocks, None, "html",
                    b.front)
