"""Tables as passages: each row written out with its row and column headings.

A grid of cells (from a PDF, a DOCX or a web page) becomes one text per data row, each cell
named by its column heading and its row heading, e.g. "Sysselsatta 2019, Industri: 5 400;
Sysselsatta 2021, Industri: 5 600." — so that a figure keeps its meaning when the row alone is
found and quoted. Heading rows are the leading rows without figures (at most three; a heading
spread over two rows is joined, "Sysselsatta" over "2019" → "Sysselsatta 2019"; in a table of
words only the first row); a table that starts with figures continues the previous one (a
table split over two pages) and takes its headings. A leading row with text in its first
cell only is the caption. A unit in a column heading ("Omsättning 2021 (mnkr)") is written
after each figure of the column. A row without a row heading takes the one above (a cell
merged over several rows); a second column of words under such merged cells heads the rows
too ("Sysselsatta, Jämtland, Män: 33 900").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportqa.ingest.hyphens import join_all
from reportqa.text.normalize import normalize_text, squash

MAX_HEADING_ROWS = 3
_YEAR = re.compile(r"(?:19|20)\d{2}(?:[-–/](?:19|20)?\d{2})?")
_FIGURE = re.compile(r"[<>≈~±+\-–]?\s*\d[\d\s.,]*\s*(?:%|‰|st|kr|tkr|mkr|mnkr|mdkr|km|ha)?\.?",
                     re.IGNORECASE)
_MISSING = frozenset(("-", "–", "..", "…", "x", "n/a"))
#: Units a column heading may give in parentheses, moved to each figure of the column.
UNITS = frozenset((
    "%", "procent", "‰", "kr", "tkr", "mkr", "mnkr", "mdkr", "msek", "mdr kr", "milj. kr",
    "miljoner kronor", "miljarder kronor", "tusen kronor", "kwh", "mwh", "gwh", "twh", "km",
    "ha", "ton", "st", "personer", "år",
))
_UNIT = re.compile(r"(.*?)\s*\(([^()]{1,20})\)")
_CAPTION = re.compile(r"^(?:tabell|tab\.|table)\s*\d+", re.IGNORECASE)


@dataclass
class Headings:
    """What a table's rows are read with: its column headings and caption."""

    columns: list[str] = field(default_factory=list)  # one per column, [0] is the corner
    caption: str = ""


def is_caption(line: str) -> bool:
    """A table caption such as "Tabell 1. Sysselsatta per bransch"."""
    return bool(_CAPTION.match(line.strip()))


def clean_cell(cell: str | None) -> str:
    """A cell's text on one line; line-end hyphenation inside the cell undone."""
    if not cell:
        return ""
    lines = [ln for ln in normalize_text(cell).split("\n") if ln]
    return squash(join_all(lines))


def is_figure(cell: str) -> bool:
    """A value cell: a number with at most a unit ("5 400", "12 %", "1,2 mdkr"), not a year."""
    cell = cell.strip()
    if cell.lower() in _MISSING:
        return True
    return bool(_FIGURE.fullmatch(cell)) and not _YEAR.fullmatch(cell)


def _is_heading_row(row: list[str]) -> bool:
    values = [c for c in row[1:] if c]
    return bool(values) and not any(is_figure(c) for c in values)


def _fill_merged(row: list[str]) -> list[str]:
    """A heading cell merged over several columns names each of them."""
    out, last = [], ""
    for i, cell in enumerate(row):
        last = cell or (last if i > 0 else "")
        out.append(last)
    return out


def _column_headings(rows: list[list[str]]) -> list[str]:
    filled = [_fill_merged(r) for r in rows]
    out = []
    for j in range(len(rows[0])):
        parts: list[str] = []
        for r in filled:
            if r[j] and (not parts or parts[-1] != r[j]):
                parts.append(r[j])
        out.append(" ".join(parts))
    return out


def split_unit(heading: str) -> tuple[str, str]:
    """A column heading's unit in parentheses: "Omsättning 2021 (mnkr)" → ("Omsättning 2021",
    "mnkr"); ("Antal", "") when it names none."""
    m = _UNIT.fullmatch(heading)
    if m and m.group(2).lower() in UNITS:
        return m.group(1), m.group(2)
    return heading, ""


def row_text(row: list[str], columns: list[str], keys: int = 1) -> str:
    """One data row with its headings: "Sysselsatta 2019, Industri: 5 400; …"; the unit of a
    column heading goes with the figure ("Omsättning 2021, Industri: 12 300 mnkr"). The first
    `keys` cells are the row's heading ("Jämtland, Kvinnor")."""
    head = ", ".join(c for c in row[:keys] if c)
    parts = []
    for j, value in enumerate(row[keys:], start=keys):
        if not value:
            continue
        column, unit = split_unit(columns[j] if j < len(columns) else "")
        if unit and is_figure(value) and value.lower() not in _MISSING and not re.search(
                r"[^\d\s.,+\-–]", value):
            value = f"{value} {unit}"
        label = ", ".join(x for x in (column, head) if x)
        parts.append(f"{label}: {value}" if label else value)
    if not parts:
        return head if len(row) == 1 else ""  # a one-column table is a list; a group label
    text = "; ".join(parts)
    return text if text.endswith((".", "!", "?")) else text + "."


def read_table(grid: list[list[str | None]], previous: Headings | None = None,
               head: list[bool] | None = None) -> tuple[list[str], Headings]:
    """The row texts of one table and the headings it was read with.

    `previous`: the headings of the table just before it (a table split over pages);
    `head`: for each row, whether the source marks it as a heading row (HTML `th`), when
    it says so.
    """
    rows = [[clean_cell(c) for c in r] for r in grid]
    flags = head if head is not None and len(head) == len(rows) else None
    if flags is not None:
        flags = [f for f, r in zip(flags, rows, strict=True) if any(r)]
    rows = [r for r in rows if any(r)]
    if not rows:
        return [], previous or Headings()
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    keep = [j for j in range(width) if any(r[j] for r in rows)]
    rows = [[r[j] for j in keep] for r in rows]
    caption = ""
    while rows and len(rows[0]) > 1 and rows[0][0] and not any(rows[0][1:]) and (
            is_caption(rows[0][0]) or len(rows) > 1 and _is_heading_row(rows[1])):
        caption = f"{caption} {rows.pop(0)[0]}".strip()
        if flags is not None:
            flags.pop(0)
    if not rows:
        return [], previous or Headings()
    if flags is not None:
        heading_rows = 0
        while heading_rows < len(rows) - 1 and flags[heading_rows]:
            heading_rows += 1
    elif not any(is_figure(c) for r in rows for c in r[1:] if c):
        heading_rows = 1 if len(rows) > 1 else 0  # a table of words: its first row heads it
    else:
        heading_rows = 0
        while (heading_rows < min(MAX_HEADING_ROWS, len(rows) - 1)
               and _is_heading_row(rows[heading_rows])):
            heading_rows += 1
    if heading_rows:
        headings = Headings(_column_headings(rows[:heading_rows]), caption)
    elif previous is not None and len(previous.columns) == len(rows[0]):
        headings = Headings(previous.columns, caption or previous.caption)
    else:
        headings = Headings([""] * len(rows[0]), caption)
    data = rows[heading_rows:]
    keys = _key_columns(data)
    texts, above = [], [""] * keys
    for r in data:
        # a row heading merged over several rows names each of them
        r = [c or (above[j] if any(r[j + 1:]) else "") for j, c in enumerate(r[:keys])] + r[keys:]
        above = r[:keys]
        if text := row_text(r, headings.columns, keys):
            texts.append(text)
    return texts, headings


def _key_columns(data: list[list[str]]) -> int:
    """How many leading columns head the rows: one, and the next as long as the one before
    has merged (empty) cells and the next holds words, not figures ("Jämtland" over
    "Kvinnor" and "Män")."""
    keys = 1
    while (keys < len(data[0]) - 1 and any(not r[keys - 1] for r in data)
           and all(r[keys] and not is_figure(r[keys]) for r in data)):
        keys += 1
    return keys
