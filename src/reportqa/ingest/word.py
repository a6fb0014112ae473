"""DOCX reports (python-docx): heading styles, paragraphs and tables in document order.

Each table row becomes one passage with its row and column headings (ingest/tables.py). Page
headers and footers live outside the body and are not read.
"""

from __future__ import annotations

from pathlib import Path

from reportqa.errors import DocumentError
from reportqa.ingest.blocks import Builder, Document
from reportqa.ingest.tables import is_caption, read_table
from reportqa.text.normalize import normalize_text


def _grid(table) -> list[list[str]]:
    """The table's cells; a cell merged over several columns is read once, in its first."""
    grid = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            key = id(cell._tc)
            cells.append("" if key in seen else cell.text)
            seen.add(key)
        grid.append(cells)
    return grid


def read_docx(path: Path, name: str) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        d = docx.Document(str(path))
    except PackageNotFoundError as exc:  # python-docx says "Package not found at '…'"
        raise DocumentError(f"{name}: not a DOCX file (a DOCX is a ZIP package with "
                            "word/document.xml; this one is broken or of another type)") from exc
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml raise many kinds
        raise DocumentError(f"{name}: broken DOCX file ({type(exc).__name__}: {exc})") from exc
    b = Builder()
    core_title = (d.core_properties.title or "").strip()
    caption = ""
    for item in d.iter_inner_content():
        if isinstance(item, Table):
            texts, headings = read_table(_grid(item))
            for text in texts:
                b.row(text, None, caption or headings.caption)
            caption = ""
            continue
        text = normalize_text(item.text)
        style = (item.style.name if item.style is not None else "") or ""
        if not text.strip():
            continue
        if caption:
            b.paragraph(caption)
        caption = ""
        if style.lower().startswith(("heading", "rubrik", "title")):
            b.heading(text)
        elif is_caption(text):
            caption = text  # the next table's caption, or a paragraph after all
        else:
            b.paragraph(text)
    if caption:
        b.paragraph(caption)
    return Document(name, core_title or b.title or path.stem, "", b.blocks, None, "docx",
                    b.front)
