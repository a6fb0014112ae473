"""PDFs as regions publish them, read with their layout (pdfplumber: words with positions and
fonts, ruled tables).

- Running headers and footers and page numbers are dropped: text in the top or bottom 8 % of
  a page that recurs there on other pages (digits ignored, so "Sida 3 av 12" recurs, unless
  in a heading's font), or that is a page number ("3", "- 3 -", "Sida 3", "3 (12)").
- Columns: a page whose lines leave a gap at the same place is read left column, then right
  column, between the lines that cross the gap (a title over both columns).
- Headings are lines in a larger or bold font; bullet items are paragraphs of their own;
  paragraphs end at a vertical gap; a paragraph cut by a column or page break is joined again.
- Hyphenation at line ends is undone (ingest/hyphens.py).
- Tables become one passage per row with its headings (ingest/tables.py); a table going on
  over the next page keeps its headings.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reportqa.errors import DocumentError
from reportqa.ingest.blocks import Builder, Document, looks_like_heading
from reportqa.ingest.chunking import split_sentences
from reportqa.ingest.hyphens import join_lines
from reportqa.ingest.tables import Headings, is_caption, read_table
from reportqa.text.normalize import normalize_text, squash

#: Share of the page height at the top and at the bottom where headers and footers live.
MARGIN_BAND = 0.08
#: Letters closer than this share of the font size belong to one word. pdfplumber's fixed 3 pt
#: glues the words of PDFs that space by positioning alone ("Thisisversion0.21of…").
X_TOLERANCE_RATIO = 0.15
#: Horizontal gap (points) that separates two runs of text on one line (columns, header parts).
MIN_GAP = 12.0
STEP = 2.0
_PAGE_NUMBER = re.compile(
    r"(?:sida|sid\.?|s\.|page|p\.)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*"
    r"(?:(?:av|of|/)\s*\d{1,4}|\(\s*\d{1,4}\s*\))?", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[•●▪■◦‣∙·○*–-]|\(cid:\d+\)|\d{1,2}[.)]|[a-z][)])\s+")
_BOLD = re.compile(r"bold|black|heavy|semibold", re.IGNORECASE)
_CID = re.compile(r"\(cid:\d+\)")
_SENTENCE_END = (".", "!", "?", ":", ";")


@dataclass
class Line:
    text: str
    page: int
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    column: str = "F"  # "L", "R" or "F" (the full width)
    text_x0: float = 0.0  # where the text begins after a bullet


@dataclass
class Table:
    grid: list[list[str | None]]
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    column: str = "F"


@dataclass
class Page:
    number: int
    width: float
    height: float
    rows: list[list[dict]] = field(default_factory=list)  # words grouped by line
    tables: list[Table] = field(default_factory=list)


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines by their top (both columns' lines at one height together)."""
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows and abs(w["top"] - rows[-1][0]["top"]) <= 2.5:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w["x0"]) for r in rows]


def _segments(row: list[dict]) -> list[list[dict]]:
    """A line cut where its words leave a wide gap (header left part | right part)."""
    out = [[row[0]]]
    for w in row[1:]:
        if w["x0"] - out[-1][-1]["x1"] >= MIN_GAP:
            out.append([w])
        else:
            out[-1].append(w)
    return out


def _text(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words)


def _key(words: list[dict]) -> str:
    return re.sub(r"\d+", "#", _text(words).lower())


def _in_margin(row: list[dict], page: Page) -> bool:
    top = min(w["top"] for w in row)
    bottom = max(w["bottom"] for w in row)
    return top < page.height * MARGIN_BAND or bottom > page.height * (1 - MARGIN_BAND)


def _heading_style(seg: list[dict], body: float) -> bool:
    return (statistics.median(w.get("size", 0.0) for w in seg) >= body * 1.15
            or all(_BOLD.search(w.get("fontname", "")) for w in seg))


def drop_running_text(pages: list[Page], body: float) -> None:
    """Remove running headers, footers and page numbers from every page's rows.

    A segment of a line in the margin band is running text when the same text recurs in the
    band of another page (a chapter's running header recurs on its pages only), or when it is a
    page number. Recurring only with other digits ("Sida 3 av 12") counts from 3 pages (2 in a
    document of up to 5) unless the segment is in a heading's font: "Kapitel 2" and "Kapitel 3"
    at the top of their pages stay headings.
    """
    exact: Counter[str] = Counter()
    loose: Counter[str] = Counter()
    for page in pages:
        segs = [s for r in page.rows if _in_margin(r, page) for s in _segments(r)]
        exact.update({_text(s) for s in segs})
        loose.update({_key(s) for s in segs})
    needed = 2 if len(pages) <= 5 else 3

    def running(seg: list[dict]) -> bool:
        if exact[_text(seg)] >= 2 or _PAGE_NUMBER.fullmatch(_text(seg).strip()):
            return True
        return loose[_key(seg)] >= needed and not _heading_style(seg, body)

    for page in pages:
        kept = []
        for row in page.rows:
            if _in_margin(row, page):
                row = [w for s in _segments(row) if not running(s) for w in s]
            if row:
                kept.append(row)
        page.rows = kept


def find_gutter(rows: list[list[dict]], width: float) -> float | None:
    """The x of the gap between two columns, or None for a page of one column.

    Tried every STEP points over the middle half of the page: the x where most lines leave a
    wide gap (at least 3, and at least half as many as lines that cross it) and fewest cross.
    """
    gaps, spans = [], []
    for row in rows:
        spans.append([(w["x0"], w["x1"]) for w in row])
        gaps.append([(a["x1"], b["x0"]) for a, b in zip(row, row[1:], strict=False)
                     if b["x0"] - a["x1"] >= MIN_GAP])
    best, best_x, run_end = None, None, 0.0
    half = MIN_GAP / 2
    x = width * 0.25
    while x <= width * 0.75:
        split = [any(a < x < b for a, b in g) for g in gaps]
        in_gap = sum(split)
        # a row crosses when a word comes near x (a word space there is no gutter)
        crossing = sum(not gap and any(a - half <= x <= b + half for a, b in s)
                       for gap, s in zip(split, spans, strict=True))
        score = in_gap - crossing
        if in_gap >= max(3, crossing / 2):
            if best is None or score > best:
                best, best_x, run_end = score, x, x
            elif score == best and run_end == x - STEP:
                run_end = x  # the same gap, wider: its middle is the gutter
        x += STEP
    return None if best_x is None else (best_x + run_end) / 2


def _split_at(row: list[dict], gutter: float) -> bool:
    """True when the row's words leave a column gap at the gutter (or keep to one side)."""
    left = [w for w in row if w["x1"] <= gutter]
    right = [w for w in row if w["x0"] >= gutter]
    if len(left) + len(right) < len(row):
        return False  # a word over the gutter: a line across the page
    if not left or not right:
        return True
    return right[0]["x0"] - left[-1]["x1"] >= MIN_GAP


def _line(words: list[dict], page: int, column: str) -> Line:
    sizes = [w.get("size", 0.0) for w in words]
    bold = all(_BOLD.search(w.get("fontname", "")) for w in words)
    text = normalize_text(_text(words))
    marker = len(words) > 1 and _BULLET.match(words[0]["text"] + " ")
    return Line(text, page, min(w["top"] for w in words), max(w["bottom"] for w in words),
                min(w["x0"] for w in words), statistics.median(sizes), bold, column,
                words[1]["x0"] if marker else words[0]["x0"])


def order_page(page: Page) -> list[Line | Table]:
    """The page's lines and tables in reading order: left column before right column."""
    gutter = find_gutter(page.rows, page.width)
    items: list[Line | Table] = []
    for row in page.rows:
        if gutter is None or not _split_at(row, gutter):
            items.append(_line(row, page.number, "F"))
            continue
        for column, words in (("L", [w for w in row if w["x1"] <= gutter]),
                              ("R", [w for w in row if w["x0"] >= gutter])):
            if words:
                items.append(_line(words, page.number, column))
    for t in page.tables:
        if gutter is not None and not t.x0 < gutter < t.x1:
            t.column = "L" if t.x1 <= gutter else "R"
        items.append(t)
        for line in items:  # its caption just above it goes where the table goes
            if (isinstance(line, Line) and is_caption(line.text)
                    and 0 <= t.top - line.bottom < 3 * line.size and t.x0 - 2 <= line.x0 < t.x1):
                line.column = t.column
    items.sort(key=lambda i: i.top)
    ordered: list[Line | Table] = []
    region: list[Line | Table] = []
    for item in [*items, None]:
        if item is None or item.column == "F":
            ordered += [i for i in region if i.column == "L"]
            ordered += [i for i in region if i.column == "R"]
            region = []
            if item is not None:
                ordered.append(item)
        else:
            region.append(item)
    return ordered


@dataclass
class _Para:
    lines: list[str]
    page: int
    bullet: bool
    last: Line | None = None
    pages: list[int] = field(default_factory=list)  # each line's page, when they differ
    indent: float = 0.0  # a bullet item's text begins here; its next lines align with it

    def __post_init__(self) -> None:
        self.pages = self.pages or [self.page] * len(self.lines)


def _is_heading(line: Line, body: float) -> bool:
    if not looks_like_heading(line.text) or _BULLET.match(line.text):
        return False
    return line.size >= body * 1.15 or (line.bold and line.size >= body * 0.95)


def build(items: list[Line | Table], body: float, b: Builder) -> None:
    """Headings, paragraphs and table rows into the Builder, in reading order."""
    events: list[tuple[str, object]] = []  # ("heading", Line) | ("para", _Para) | ("table", …)
    caption = ""
    prev: Line | None = None
    for item in items:
        if isinstance(item, Table):
            events.append(("table", (item, caption)))
            caption, prev = "", None
            continue
        line = item
        if caption:  # a caption not followed by its table is text after all
            events.append(("para", _Para([caption], line.page, False, None)))
            caption = ""
        if is_caption(line.text):
            caption, prev = line.text, None
            continue
        if _is_heading(line, body):
            if (events and events[-1][0] == "heading" and prev is not None
                    and abs(prev.size - line.size) < 0.5 and line.top - prev.bottom < line.size
                    and prev.column == line.column):
                head: Line = events[-1][1]  # a heading wrapped over two lines
                head.text = f"{head.text} {line.text}"
            else:
                events.append(("heading", line))
            prev = line
            continue
        bullet = _BULLET.match(line.text)
        text = _BULLET.sub("", line.text, count=1) if bullet else line.text
        text = _CID.sub("", text).strip()
        para = events[-1][1] if events and events[-1][0] == "para" else None
        same = (para is not None and prev is not None and not bullet
                and prev.page == line.page and prev.column == line.column
                and 0 <= line.top - prev.bottom < 0.6 * line.size
                and not (para.bullet and line.x0 < para.indent - 2))
        if same:
            para.lines.append(text)
            para.pages.append(line.page)
            para.last = line
        elif text:
            events.append(("para", _Para([text], line.page, bool(bullet), line,
                                         indent=line.text_x0)))
        prev = line
    if caption:
        events.append(("para", _Para([caption], prev.page if prev else 1, False, None)))
    _emit(events, b)


def _continues(before: _Para, after: _Para) -> bool:
    """A paragraph cut by a column or page break: no sentence end before, lower case after."""
    end = before.lines[-1]
    start = after.lines[0]
    if after.bullet or end.endswith(_SENTENCE_END):
        return False
    return end.endswith("-") or start[:1].islower()


def _by_page(para: _Para) -> list[tuple[str, int]]:
    """A paragraph's text, cut where its sentences go on to another page: each sentence is
    cited with the page it begins on."""
    text, starts = "", []  # (offset in text, page) where each page's lines begin
    for line, page in zip(para.lines, para.pages, strict=True):
        text = join_lines(text, squash(line))
        if not starts or starts[-1][1] != page:
            starts.append((len(text) - len(squash(line)), page))
    if len(starts) == 1:
        return [(text, para.page)]
    out: list[tuple[str, int]] = []
    pos = 0
    for sentence in split_sentences(text):
        at = text.find(sentence, pos)
        if at < 0:  # the splitter changed the text: cite the paragraph's first page
            return [(text, para.page)]
        pos = at + len(sentence)
        page = next(p for offset, p in reversed(starts) if offset <= at)
        if out and out[-1][1] == page:
            out[-1] = (f"{out[-1][0]} {sentence}", page)
        else:
            out.append((sentence, page))
    return out


def _emit(events: list[tuple[str, object]], b: Builder) -> None:
    headings: Headings | None = None
    last_kind = ""
    pending: _Para | None = None

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            for text, page in _by_page(pending):
                b.paragraph(text, page)
            pending = None

    for kind, value in events:
        if kind == "para":
            para: _Para = value  # type: ignore[assignment]
            if pending is not None and _continues(pending, para):
                pending.lines.extend(para.lines)
                pending.pages.extend(para.pages)
            else:
                flush()
                pending = para
        elif kind == "heading":
            flush()
            b.heading(value.text)  # type: ignore[attr-defined]
        else:
            flush()
            table, caption = value  # type: ignore[misc]
            previous = headings if last_kind == "table" else None
            texts, headings = read_table(table.grid, previous)
            if caption:
                headings.caption = caption
            for text in texts:
                b.row(text, table.page, headings.caption)
        last_kind = kind
    flush()


def _load(pdf) -> list[Page]:
    pages = []
    for number, p in enumerate(pdf.pages, start=1):
        page = Page(number, float(p.width), float(p.height))
        tables = [t for t in p.find_tables() if len(t.rows) >= 2 and len(t.columns) >= 2]
        boxes = [t.bbox for t in tables]
        words = p.extract_words(x_tolerance_ratio=X_TOLERANCE_RATIO,
                                extra_attrs=["size", "fontname"])
        words = [w for w in words if not any(
            x0 - 1 <= (w["x0"] + w["x1"]) / 2 <= x1 + 1 and top - 1 <= (w["top"] + w["bottom"]) / 2
            <= bottom + 1 for x0, top, x1, bottom in boxes)]
        page.rows = _rows(words)
        for t in tables:
            x0, top, x1, bottom = t.bbox
            grid = t.extract(x_tolerance_ratio=X_TOLERANCE_RATIO)
            page.tables.append(Table(grid, number, top, bottom, x0, x1))
        pages.append(page)
    return pages


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for row in page.rows:
            for w in row:
                sizes[round(w.get("size", 0.0), 1)] += len(w["text"])
    return sizes.most_common(1)[0][0] if sizes else 10.0


def read_pdf(path: Path, name: str) -> Document:
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            meta_title = str((pdf.metadata or {}).get("Title") or "").strip()
            pages = _load(pdf)
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for broken files
        kind = type(exc).__name__
        if "Password" in kind or "Encrypt" in kind or "password" in str(exc).lower():
            raise DocumentError(f"{name}: encrypted PDF") from exc
        detail = str(exc) or kind
        raise DocumentError(f"{name}: broken or unreadable PDF ({detail})") from exc
    body = _body_size(pages)
    drop_running_text(pages, body)
    b = Builder()
    items = [item for page in pages for item in order_page(page)]
    build(items, body, b)
    if not b.blocks:
        raise DocumentError(f"{name}: the PDF has no extractable text (scanned images?)")
    if meta_title.startswith("b'") or meta_title.lower() in ("untitled", "none"):
        meta_title = ""
    return Document(name, meta_title or b.title or path.stem, "", b.blocks, len(pages), "pdf",
                    b.front)
