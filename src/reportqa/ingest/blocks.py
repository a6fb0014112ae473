"""What every reader produces: a Document of Blocks (paragraphs and table rows), and the
Builder that tracks headings while a reader adds them."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportqa.ingest.editions import FRONT_LINES
from reportqa.text.normalize import squash

MAX_HEADING_CHARS = 120
MAX_HEADING_WORDS = 16

#: Block kinds: running text (split into sentences), or one table row (one passage).
TEXT, ROW = "text", "row"


@dataclass(frozen=True)
class Block:
    """A paragraph of running text with the heading it falls under and its page (1-based).

    A table row (kind ROW) is one passage: each cell with its column and row heading, e.g.
    "Sysselsatta 2019, Industri: 5 400; Sysselsatta 2020, Industri: 5 600."; its context is the
    table's caption, when it has one.
    """

    text: str
    section: str
    page: int | None
    kind: str = TEXT
    context: str = ""


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


class Builder:
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

    def row(self, text: str, page: int | None = None, caption: str = "") -> None:
        """One table row, already written out with its headings (ingest/tables.py)."""
        text = squash(text)
        if text:
            self.blocks.append(Block(text=text, section=self.section, page=page, kind=ROW,
                                     context=squash(caption)))
