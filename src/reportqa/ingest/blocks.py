"""What every reader produces: a Document of Blocks (paragraphs and table rows), and the
Builder that tracks headings while a reader adds them."""

from __future__ import annotations

import re
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
        self._blocks: list[Block] = []
        self.title: str | None = None
        self.section = ""
        self.front: list[str] = []  # the first headings and paragraphs, in order
        self._bare: list[str] = []  # the headings since the last paragraph or row

    @property
    def blocks(self) -> list[Block]:
        """The blocks so far; a document that ends in a heading under a heading
        ("Källhänvisning" / "REGION JÄMTLAND HÄRJEDALEN") has the last one as the text of
        the one before: a line such as a source, short and without a full stop, is no
        heading when nothing follows it."""
        if self._blocks and len(self._bare) >= 2:
            page = self._blocks[-1].page
            return [*self._blocks, Block(text=self._bare[-1], section=self._bare[-2], page=page)]
        return list(self._blocks)

    def heading(self, text: str) -> None:
        text = squash(text).lstrip("#").strip()
        if not text:
            return
        if self.title is None:
            self.title = text
        if len(self.front) < FRONT_LINES:
            self.front.append(text)
        self.section = text
        self._bare.append(text)

    def paragraph(self, text: str, page: int | None = None) -> None:
        text = squash(text)
        if text:
            self._bare = []
            self._blocks.append(Block(text=text, section=self.section, page=page))
            if len(self.front) < FRONT_LINES:
                self.front.append(text)

    def row(self, text: str, page: int | None = None, caption: str = "") -> None:
        """One table row, already written out with its headings (ingest/tables.py)."""
        text = squash(text)
        if text:
            self._bare = []
            self._blocks.append(Block(text=text, section=self.section, page=page, kind=ROW,
                                     context=squash(caption)))


#: The heading a report gives its source under ("Källhänvisning", "Källor", "Sources"):
#: what is under it says who the report comes from, and answers nothing else.
_SOURCE_HEADING = re.compile(
    r"(?:källhänvisning(?:ar)?|källa|källor|källförteckning|sources?|utgivare|publisher)\b",
    re.IGNORECASE)


def is_source_section(section: str) -> bool:
    """Whether a passage's section is the report's source heading (see _SOURCE_HEADING)."""
    return bool(_SOURCE_HEADING.match(section))
