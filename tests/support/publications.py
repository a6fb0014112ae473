"""Reports as regions publish them, generated: a two-column PDF with running header and footer,
page numbers, words hyphenated at line ends, a bullet list and a table over two pages
(reportlab); a DOCX with a table (python-docx); a saved web page with menus, a cookie banner and
a footer around the article.

Text marks for the PDF writer: "\\n" ends a line where it stands (so that "sysselsätt-\\nningen"
is hyphenated at a line end for sure), a blank line ("\\n\\n") ends a paragraph, a line starting
with "• " is a bullet item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HEADER_LEFT = "Region Jämtland Härjedalen"
HEADER_RIGHT = "Läget i länet 2021"
FOOTER_LEFT = "Uppföljning av den regionala utvecklingsstrategin"
#: Text that must never appear inside a block or an answer.
RUNNING_TEXT = (HEADER_LEFT, HEADER_RIGHT, FOOTER_LEFT, "Sida ")

TITLE = "Läget i länet"
GOAL = "Mål 5. Fler kluster"
EDITION = "Uppföljning 2021"

#: Words the PDF hyphenates at a line end, as they must read afterwards.
HYPHENATED = ("sysselsättningen", "besöksnäringen", "utvecklingsarbetet", "tillverkningsindustrin")
#: Compound hyphens the PDF puts at a line end; they must stay.
COMPOUNDS = ("IT-företag", "Jämtland-Härjedalen")

LEFT_1 = (
    "Industrin\n\n"
    "Tillverknings-\nindustrin är länets största exportnäring. Den står för en stor del av "
    "sysselsätt-\nningen i de mindre kommunerna och har vuxit under flera år.\n\n"
    "Antalet anställda i industrin ökade med 4 procent mellan 2019 och 2021. "
    "Flera IT-\nföretag har etablerat sig i Östersund."
)
RIGHT_1 = (
    "Besöksnäringen\n\n"
    "Besöks-\nnäringen i fjällen växer. Antalet gästnätter i Jämtland-\nHärjedalen ökade med "
    "12 procent under 2021.\n\n"
    "Regionen prioriterar tre insatser:\n"
    "• Fler året-runt-arbeten i fjällen\n"
    "• Bättre tågförbindelser till Åre och Östersund\n"
    "• Utbildning för säsongsanställda"
)
LEFT_2 = (
    "Kluster och samverkan\n\n"
    "Klusterorganisationerna samlar 230 medlemsföretag. Utvecklings-\narbetet leds av "
    "regionen tillsammans med kommunerna."
)
RIGHT_2 = (
    "Skogen\n\n"
    "Skogsbruket omsätter 4,5 miljarder kronor per år. Sågverken exporterar främst till "
    "Norge och Tyskland."
)
CAPTION = "Tabell 1. Sysselsatta och omsättning per bransch"
TABLE_HEAD = ["Bransch", "Sysselsatta 2019", "Sysselsatta 2021", "Omsättning 2021 (mnkr)"]
TABLE_ROWS_P2 = [
    ["Industri", "5 400", "5 600", "12 300"],
    ["Besöksnäring", "3 900", "4 100", "6 800"],
    ["Skogsbruk", "2 100", "2 050", "4 500"],
]
TABLE_ROWS_P3 = [
    ["Jordbruk", "1 300", "1 250", "2 100"],
    ["Handel", "4 800", "4 700", "9 900"],
    ["IT-tjänster", "870", "1 020", "1 450"],
]
AFTER_TABLE = "Energi\n\nVindkraften producerade 3 000 GWh under året."


def _wrap(c, text: str, width: float, font: str, size: float) -> list[str]:
    """Greedy wrapping of one paragraph; a "\\n" in it ends a line where it stands."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for segment in text.split("\n"):
        line = ""
        for word in segment.split():
            cand = f"{line} {word}" if line else word
            if line and stringWidth(cand, font, size) > width:
                lines.append(line)
                line = word
            else:
                line = cand
        if line:
            lines.append(line)
    return lines


def draw_column(c, text: str, x: float, y: float, width: float) -> float:
    """Draw headings (a paragraph of one short line without a full stop, in bold 12 pt),
    paragraphs and bullet items (10 pt); returns the y below the last line."""
    for para in text.split("\n\n"):
        if "\n" not in para and not para.endswith(".") and len(para) < 40:
            y -= 6
            c.setFont("Helvetica-Bold", 12)
            c.drawString(x, y, para)
            y -= 18
            continue
        for segment in para.split("\n") if "• " in para else [para]:
            bullet = segment.startswith("• ")
            body = segment[2:] if bullet else segment
            indent = 12 if bullet else 0
            for i, line in enumerate(_wrap(c, body, width - indent, "Helvetica", 10)):
                c.setFont("Helvetica", 10)
                if bullet and i == 0:
                    c.drawString(x, y, "•")
                c.drawString(x + indent, y, line)
                y -= 13
        y -= 8
    return y


@dataclass(frozen=True)
class Furniture:
    """A publication's running text: header left and right, footer left, and the page
    number on the right of the footer ("Sida 2 av 3")."""

    header_left: str = HEADER_LEFT
    header_right: str = HEADER_RIGHT
    footer_left: str = FOOTER_LEFT

    @staticmethod
    def page_label(page: int, pages: int) -> str:
        return f"Sida {page} av {pages}"

    @property
    def strings(self) -> tuple[str, ...]:
        return (self.header_left, self.header_right, self.footer_left)


def running(c, page: int, pages: int, width: float, furniture: Furniture = Furniture()
            ) -> None:
    """Draw the running header and footer with the page number (8 pt, in the margins)."""
    c.setFont("Helvetica", 8)
    c.drawString(56, 810, furniture.header_left)
    c.drawRightString(width - 56, 810, furniture.header_right)
    c.drawString(56, 28, furniture.footer_left)
    c.drawRightString(width - 56, 28, furniture.page_label(page, pages))


def title_block(c, title: str, goal: str, edition: str, x: float = 56) -> None:
    """The first page's title, goal heading and edition line across the page."""
    c.setFont("Helvetica-Bold", 20)
    c.drawString(x, 760, title)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(x, 735, goal)
    c.setFont("Helvetica", 11)
    c.drawString(x, 715, edition)


VOWELS = frozenset("aeiouyåäöé")


def hyphen_point(word: str) -> int:
    """Where a word is broken: before a consonant followed by a vowel (as Swedish
    hyphenation does, "bostads-byggande"), the nearest such place to the middle."""
    mid = len(word) // 2
    for d in range(mid):
        for cut in (mid - d, mid + d):
            if 2 <= cut <= len(word) - 3 and word[cut].lower() not in VOWELS and (
                    word[cut + 1].lower() in VOWELS):
                return cut
    return mid


def hyphenate(text: str, words: list[str]) -> str:
    """`text` with each of `words` broken at a line end for the PDF writer (a line break
    after "bostads-", "byggande" on the next line), at its first occurrence."""
    for word in words:
        cut = hyphen_point(word)
        text = re.sub(rf"\b{re.escape(word)}\b", f"{word[:cut]}-\n{word[cut:]}", text, count=1)
    return text


def draw_table(c, rows: list[list[str]], x: float, y_top: float,
               col_widths: list[float] | None = None) -> float:
    """Draw a grid table with its top at `y_top`; returns the y below it."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    t = Table(rows, colWidths=col_widths or [130, 110, 110, 130])
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
    ]))
    _, h = t.wrapOn(c, 500, 500)
    t.drawOn(c, x, y_top - h)
    return y_top - h


def filler(page: int) -> tuple[str, str]:
    """Two columns of text for an extra page, with figures of their own."""
    left = (f"Avsnitt {page}\n\n"
            f"Under år {2000 + page} hade kommun {page} totalt {page * 110} företag inom "
            "handel och tjänster. Utvecklingen följs upp varje år av regionen och redovisas "
            "i den regionala utvecklingsstrategin.\n\n"
            f"Antalet nystartade företag var {page * 7} under perioden. Sysselsätt-\n"
            "ningen ökade något i de större orterna.")
    right = (f"Fördjupning {page}\n\n"
             f"Kollektivtrafiken hade {page * 1000} resor per vecka i kommun {page}. "
             "Resandet med buss ökade medan tågresorna var oförändrade.\n\n"
             "Prioriteringar:\n• Fler avgångar\n• Bättre information")
    return left, right


def make_publication_pdf(path: Path, extra_pages: int = 0) -> Path:
    """Three pages (title and two columns; two columns and the table's start; the table's
    end), plus `extra_pages` two-column pages of filler before the table."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, _ = A4
    col_w, left_x, right_x = 230, 56, 56 + 230 + 24
    pages = 3 + extra_pages
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(TITLE)
    # Page 1: title block across the page, then two columns.
    running(c, 1, pages, width)
    title_block(c, TITLE, GOAL, EDITION, left_x)
    draw_column(c, LEFT_1, left_x, 680, col_w)
    draw_column(c, RIGHT_1, right_x, 680, col_w)
    c.showPage()
    for extra in range(extra_pages):
        page = 2 + extra
        running(c, page, pages, width)
        left, right = filler(page)
        draw_column(c, left, left_x, 770, col_w)
        draw_column(c, right, right_x, 770, col_w)
        c.showPage()
    # Two columns, then the table across the page; it goes on over the next page.
    page = 2 + extra_pages
    running(c, page, pages, width)
    y = min(draw_column(c, LEFT_2, left_x, 770, col_w),
            draw_column(c, RIGHT_2, right_x, 770, col_w))
    c.setFont("Helvetica-Bold", 10)
    c.drawString(left_x, y - 20, CAPTION)
    draw_table(c, [TABLE_HEAD, *TABLE_ROWS_P2], left_x, y - 30)
    c.showPage()
    # The table's end, without its heading row, then running text.
    running(c, page + 1, pages, width)
    y = draw_table(c, TABLE_ROWS_P3, left_x, 780)
    draw_column(c, AFTER_TABLE, left_x, y - 30, 480)
    c.showPage()
    c.save()
    return path


def make_publication_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.core_properties.title = "Skogsnäringen i länet"
    d.add_heading("Skogsnäringen i länet", level=0)
    d.add_heading("Export", level=1)
    d.add_paragraph("Sågverken exporterar främst till Norge och Tyskland.")
    d.add_paragraph("Tabell 2. Export per produkt")
    rows = [["Produkt", "Export 2020 (mnkr)", "Export 2021 (mnkr)"],
            ["Sågade trävaror", "1 900", "2 300"],
            ["Massa", "640", "710"]]
    table = d.add_table(rows=len(rows), cols=3)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    d.add_heading("Framtid", level=1)
    d.add_paragraph("Efterfrågan på trä i byggandet väntas öka.")
    d.save(str(path))
    return path


ARTICLE = (
    "<article><h1>Läget i länet</h1><h2>Mål 3. Bättre infrastruktur</h2>"
    "<p>Bredbandsutbyggnaden fortsätter i hela länet. Andelen hushåll med tillgång till snabbt "
    "bredband var 82 procent under 2021.</p><h3>Vägar</h3><p>Vägnätet omfattar 9 000 km "
    "statliga vägar. Underhållet kostar ca 1,2 miljarder kronor per år.</p>"
    "<ul><li>Fler laddstolpar längs E14</li><li>Bättre kollektivtrafik</li></ul>"
    "<table><caption>Tabell 3. Resor med kollektivtrafik</caption><thead><tr><th>Trafikslag"
    "</th><th>Resor 2020</th><th>Resor 2021</th></tr></thead><tbody><tr><th>Buss</th>"
    "<td>1 200 000</td><td>1 350 000</td></tr><tr><td>Tåg</td><td>400 000</td>"
    "<td>450 000</td></tr></tbody></table></article>"
)
#: Boilerplate around the article that must not be read.
BOILERPLATE = ("kakor", "Startsida", "Kontakta oss", "Box 654", "063-14 75 00", "©")


def make_publication_html(path: Path) -> Path:
    return write_web_page(path, "Läget i länet – Mål 3 | Region Jämtland Härjedalen", ARTICLE)


def write_web_page(path: Path, title: str, article: str) -> Path:
    """A saved web page: `article` (HTML) inside a cookie banner, a menu and a footer that a
    reader must leave out (BOILERPLATE)."""
    path.write_text(
        "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title></head><body>"
        "<div id=\"cookie-banner\" class=\"cookie-consent\">Vi använder kakor för att förbättra "
        "webbplatsen. <button>Godkänn alla kakor</button></div>"
        "<header><nav><ul><li><a href=\"/\">Startsida</a></li><li><a href=\"/om\">Om regionen"
        "</a></li><li><a href=\"/kontakt\">Kontakta oss</a></li></ul></nav></header>"
        f"<main>{article}</main>"
        "<footer><p>Region Jämtland Härjedalen, Box 654, 831 27 Östersund. Telefon "
        "063-14 75 00.</p><p>© 2022 Region Jämtland Härjedalen</p></footer></body></html>",
        encoding="utf-8",
    )
    return path
