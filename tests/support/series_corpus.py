"""A generated development corpus of report series whose figure changes are known.

Three series of "Läget i länet" (housing, health, energy), two or three editions each, in all
five formats across them: text, Markdown, DOCX, a saved web page (HTML, menus and a footer
around the article) and PDF as regions publish it (two columns, a running header and footer
with page numbers, words hyphenated at line ends; publications.py draws it). A series is a
list of statements, each about one thing measured ("färdigställda bostäder"), with a value
per edition or none (not in that edition), and a table (row headings × column headings, e.g.
municipality × kind of dwelling) whose cells change too: some cells change, a row is new, a
row is dropped. Between editions some values change, some statements are new and some are
dropped, and some sentences are reworded (the same figure said another way), so a diff must
pair figures by what they measure, not by their sentence or position. Sentences without
figures, years ("sedan 2015"), identifiers ("Mål 7", "SOU 2018:12") and figures that never
change are around them.

`write_series_corpus(folder)` writes the files and returns the truth: for each pair of
editions of a series, which statements (and table cells, as statements "cell:ROW|COLUMN")
changed, are new or were removed, each statement's sentence and value in each edition, and
each document's page furniture and hyphenated words. `truth_json` and `reading_copy` give it
to people (tools/write_series_corpus.py).
"""

from __future__ import annotations

import itertools
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportqa.text.normalize import normalize_text
from support.publications import (
    BOILERPLATE,
    Furniture,
    draw_column,
    draw_table,
    hyphen_point,
    hyphenate,
    running,
    title_block,
    write_web_page,
)

SEED = 15
#: The chance that a statement's value changes from one edition to the next, and that a
#: change is a rise: about half of the figures change, as in the real 2021 edition.
CHANGE_CHANCE, UP_CHANCE = 0.55, 0.6
TITLE = "Läget i länet"
WORDS = {2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta", 9: "nio",
         10: "tio", 11: "elva", 12: "tolv"}


def _group(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _comma(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


#: How a value is written, and how a drawn value is rounded: (render, round).
FORMATS = {
    "int": (lambda v: _group(int(v)), lambda v: round(v, -1) if v >= 1000 else round(v)),
    "pct": (lambda v: f"{int(v)} %", lambda v: round(v)),
    "pct1": (lambda v: f"{_comma(v)} procent", lambda v: round(v, 1)),
    "bn": (lambda v: f"{_comma(v)} miljarder kronor", lambda v: round(v, 1)),
    "mkr": (lambda v: f"{int(v)} miljoner kronor", lambda v: round(v)),
    "tal": (lambda v: f"{int(v)}-tal", lambda v: round(v / 5) * 5),
    "dec": (lambda v: _comma(v), lambda v: round(v, 1)),
    "word": (lambda v: WORDS[int(v)], lambda v: min(12, max(2, round(v)))),
}


@dataclass(frozen=True)
class Statement:
    """One thing measured: its sentence(s) (a second one is the rewording used from the
    second edition on), how its value is written, its first value, and the editions (by
    index) that have it."""

    id: str
    templates: tuple[str, ...]
    fmt: str
    base: float
    present: tuple[int, ...] = (0, 1, 2)
    section: int = 0
    partner: str = ""  # a statement whose value the sentence also gives, as {w}


@dataclass(frozen=True)
class TableRow:
    """A table's row: its heading, its first value in each column, the editions that have
    it."""

    heading: str
    bases: tuple[float, ...]
    present: tuple[int, ...] = (0, 1, 2)


@dataclass(frozen=True)
class TableSpec:
    caption: str
    corner: str  # the heading of the row headings' column
    columns: tuple[str, ...]  # a unit in parentheses goes with each figure when read
    rows: tuple[TableRow, ...]
    fmt: str = "int"


@dataclass(frozen=True)
class SeriesSpec:
    goal: str
    editions: tuple[str, ...]
    formats: tuple[str, ...]  # file type of each edition
    sections: tuple[str, ...]
    statements: tuple[Statement, ...]
    fillers: tuple[tuple[int, str], ...]  # (section, sentence without a changing figure)
    table: TableSpec | None = None


S = Statement
R = TableRow
SERIES = (
    SeriesSpec(
        "Mål 7. Fler bostäder (i hela länet)", ("2019", "2021", "2023"), ("txt", "pdf", "docx"),
        ("Bostadsbyggande", "Bostadsmarknaden", "Boende för särskilda grupper"),
        (
            S("bostader", ("Under året färdigställdes {v} nya bostäder i länet.",
                           "I länet blev {v} nya bostäder färdiga under året."), "int", 640),
            S("investering", ("Investeringarna i bostadsbyggande uppgick till {v}.",), "bn",
              1.8),
            S("byggforetag", ("Ett {v} byggföretag är verksamma i länet.",), "tal", 40),
            S("renovering", ("Drygt {v} lägenheter i miljonprogramområden har renoverats "
                             "sedan 2015.",), "int", 1200),
            S("student", ("Ett nytt program för studentbostäder omfattar {v} lägenheter.",),
              "int", 300, (2,)),
            S("villapris", ("En villa kostade i genomsnitt {v} kronor.",
                            "Genomsnittspriset för en villa var {v} kronor."), "int", 2150000,
              section=1),
            S("hyresratt", ("Hyresrätterna utgör {v} av bostadsbeståndet och "
                             "bostadsrätterna {w}.",
                             "Av bostadsbeståndet är {v} hyresrätter och {w} "
                             "bostadsrätter."), "pct1", 38.5, section=1,
              partner="bostadsratt"),
            S("bostadsratt", (), "pct1", 24.2, section=1),
            S("bostadsko", ("Väntetiden i bostadskön i Östersund är i genomsnitt {v} år.",),
              "dec", 3.5, section=1),
            S("fritidshus", ("I länet finns drygt {v} fritidshus.",
                             "Antalet fritidshus i länet är drygt {v}."), "int", 18000,
              section=1),
            S("pandemi", ("Under pandemin ökade efterfrågan på fritidshus med {v}.",), "pct",
              22, (1, 2), section=1),
            S("unga", ("Enligt Boverkets rapport 2018:12 saknas {v} bostäder för unga.",),
              "int", 900, (0,), section=1),
            S("aldreboende", ("Kommunerna driver {v} särskilda boenden för äldre.",), "int",
              46, section=2),
            S("bidrag", ("Bostadsbidrag betalades ut till {v} hushåll.",), "int", 3400,
              (0, 1), section=2),
            S("trangbodd", ("Andelen trångbodda hushåll är {v}.",), "pct", 7, section=2),
            S("kooperativ", ("Regionen har {v} kooperativa hyresrättsföreningar.",), "word",
              5, section=2),
        ),
        ((0, "Bostadsfrågan är central för länets utveckling."),
         (0, "Sedan 2017 samarbetar kommunerna i en gemensam bostadsgrupp."),
         (1, "Mål 7 följs upp vartannat år av regionen."),
         (1, "Av länets åtta kommuner har alla en bostadsförsörjningsplan."),
         (2, "Behovet av anpassade bostäder väntas öka fram till 2030.")),
        TableSpec("Tabell 1. Färdigställda bostäder per kommun och upplåtelseform", "Kommun",
                  ("Hyresrätter", "Bostadsrätter", "Småhus"),
                  (R("Östersund", (210, 150, 90)), R("Krokom", (40, 14, 35)),
                   R("Åre", (55, 80, 30)), R("Strömsund", (12, 6, 9)),
                   R("Härjedalen", (18, 25, 22), (0, 1)), R("Berg", (8, 4, 16), (1, 2)))),
    ),
    SeriesSpec(
        "Mål 8. En god hälsa för alla (i alla åldrar)", ("2018", "2020", "2022"),
        ("md", "docx", "pdf"),
        ("Livslängd och levnadsvanor", "Vården", "Folkhälsoarbete"),
        (
            S("livslangd", ("Medellivslängden i länet är {v} år.",
                            "I länet är medellivslängden i genomsnitt {v} år."), "dec", 82.1),
            S("rokare", ("Andelen dagliga rökare är {v}.",
                         "Andelen som röker dagligen har minskat till {v}."), "pct", 9),
            S("fysisk", ("Endast {v} av vuxna når rekommendationen om fysisk aktivitet.",),
              "pct1", 54.3),
            S("overvikt", ("Andelen vuxna med fetma har ökat till {v}.",), "pct", 17,
              (1, 2)),
            S("vardcentral", ("Regionen har {v} vårdcentraler med jourmottagning.",), "word",
              7, section=1),
            S("besok", ("Vårdcentralerna tog emot {v} besök under året.",
                        "Under året gjordes {v} besök på vårdcentralerna."), "int", 410000,
              section=1),
            S("kostnad", ("Hälso- och sjukvårdens kostnader uppgick till {v}.",
                          "Kostnaderna för hälso- och sjukvården var {v}."), "bn", 5.6,
              section=1),
            S("vantetid", ("Var fjärde patient väntade mer än {v} dagar på ett "
                           "specialistbesök.",), "int", 90, (0, 1), section=1),
            S("distans", ("Ett {v} digitala vårdmöten genomfördes varje vecka.",), "tal",
              60, (1, 2), section=1),
            S("projekt", ("Folkhälsoarbetet fick {v} i särskilda medel.",), "mkr", 14,
              section=2),
            S("skolor", ("Ett {v} skolor deltar i programmet för rörelse i skolan.",), "tal",
              30, section=2),
            S("foreningar", ("Regionen stödjer {v} idrottsföreningar i folkhälsoarbetet.",),
              "int", 85, (0,), section=2),
            S("pension", ("Regionen stödjer {v} pensionärsföreningar i arbetet mot "
                          "ensamhet.",), "int", 40, (1, 2), section=2),
            S("ensam", ("Bland de äldre uppger {v} att de ofta känner sig "
                        "ensamma.",), "pct", 19, (1, 2), section=2),
        ),
        ((0, "Hälsan i länet är i stort sett god men skillnaderna mellan grupper ökar."),
         (0, "Enligt SOU 2015:86 ska hälsoklyftorna slutas inom en generation."),
         (1, "Vårdens tillgänglighet följs upp varje månad."),
         (2, "Arbetet bedrivs sedan 2016 tillsammans med kommunerna.")),
        TableSpec("Tabell 1. Besök i primärvården per kommun", "Kommun",
                  ("Läkarbesök", "Sjuksköterskebesök", "Digitala besök"),
                  (R("Östersund", (98000, 142000, 21000)), R("Krokom", (14500, 22000, 3100)),
                   R("Åre", (12800, 17500, 2600)), R("Bräcke", (5200, 8300, 700)),
                   R("Berg", (6100, 9400, 900), (0, 1)),
                   R("Ragunda", (4700, 7600, 650), (1, 2)))),
    ),
    SeriesSpec(
        "Mål 9. Ett hållbart energisystem", ("2020", "2022"), ("html", "pdf"),
        ("Produktion", "Användning"),
        (
            S("vindkraft", ("Vindkraften i länet producerade {v} GWh under året.",
                            "Under året gav länets vindkraft {v} GWh."), "int", 3100),
            S("verk", ("I länet står ett {v} vindkraftverk.",), "tal", 250),
            S("vattenkraft", ("Vattenkraften står för {v} av länets elproduktion.",), "pct",
              71),
            S("solceller", ("Den installerade effekten i solceller är {v} MW.",), "int", 24),
            S("biogas", ("Produktionen av biogas motsvarar {v} procent av behovet.",), "int",
              12, (1,)),
            S("elpris", ("Elpriset för hushåll var i genomsnitt {v} kronor per kWh.",),
              "dec", 1.4, section=1),
            S("fossilfri", ("Transporterna drivs till {v} med fossilfria drivmedel.",),
              "pct1", 31.5, section=1),
            S("laddpunkter", ("Det finns {v} publika laddpunkter för elbilar.",
                              "Antalet publika laddpunkter för elbilar har ökat till {v}."),
              "int", 420,
              section=1),
            S("energiinv", ("Investeringarna i energieffektivisering uppgick till {v}.",),
              "mkr", 240, (0,), section=1),
            S("vatgas", ("Investeringarna i en vätgasanläggning i Östersund uppgick till "
                         "{v}.",), "mkr", 180, (1,), section=1),
            S("elanvandning", ("Industrin använder {v} av länets el.",), "pct", 38,
              section=1),
        ),
        ((0, "Länet är en nettoexportör av förnybar el."),
         (0, "Sedan 2012 har vindkraften byggts ut i flera etapper."),
         (1, "Energi- och klimatstrategin antogs 2020 och gäller till 2030.")),
        TableSpec("Tabell 1. Vindkraft per kommun", "Kommun",
                  ("Vindkraftverk", "Produktion (GWh)"),
                  (R("Strömsund", (95, 1250)), R("Berg", (60, 780)),
                   R("Härjedalen", (40, 520)), R("Krokom", (25, 310)),
                   R("Ragunda", (18, 240), (0,)), R("Bräcke", (22, 290), (1,)))),
    ),
)


#: A word the PDF breaks at a line end: at least this long (a long compound, as real
#: hyphenation picks), letters only; one per section and the table caption's at most.
MIN_HYPHENATED = 13
CELL = "cell:"  # statement ids of table cells: "cell:Åre|Hyresrätter"
#: The running text of the PDFs (DOCX gets the same in its header and footer).
FOOTER = "Uppföljning av den regionala utvecklingsstrategin"
HEADER_LEFT = "Region Jämtland Härjedalen"


@dataclass
class Edition:
    series: str
    edition: str
    path: Path
    sentences: dict[str, str] = field(default_factory=dict)  # statement → its sentence
    figures: dict[str, str] = field(default_factory=dict)  # statement → its figure as written
    values: dict[str, float] = field(default_factory=dict)  # statement → its value
    goal: str = ""
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    table: TableSpec | None = None
    table_rows: list[tuple[str, list[str]]] = field(default_factory=list)  # row → figures
    furniture: list[str] = field(default_factory=list)  # header/footer/boilerplate text
    page_labels: list[str] = field(default_factory=list)  # "Sida 1 av 2"
    hyphenated: list[str] = field(default_factory=list)  # words broken at a line end

    @property
    def format(self) -> str:
        return self.path.suffix.lstrip(".")


@dataclass
class PairTruth:
    series: str
    old: str
    new: str
    changed: set[str]
    new_ids: set[str]
    removed: set[str]

    @property
    def total(self) -> int:
        return len(self.changed) + len(self.new_ids) + len(self.removed)


@dataclass
class SeriesTruth:
    editions: dict[tuple[str, str], Edition]  # (series, edition) → what it says
    pairs: list[PairTruth]

    def statement_of(self, series: str, edition: str, sentence: str, figure: str
                     ) -> str | None:
        """The statement a fact (its sentence and its figure as written) comes from; the
        sentence the index has may have its neighbour glued to it (a missed boundary). A
        table cell's "sentence" is its part of the row ("Hyresrätter, Åre: 55"), and its
        figure must be the cell's own (with the column's unit at most)."""
        ed = self.editions[(series, edition)]
        key, fig = _key(sentence), _key(figure)
        for sid, s in ed.sentences.items():
            mine = _key(ed.figures[sid])
            if sid.startswith(CELL):
                if _key(s) in key and (fig == mine or fig.startswith(mine + " ")):
                    return sid
            elif _key(s) in key and fig.startswith(mine):
                return sid
        return None


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", normalize_text(text)).strip()


def _drift(v: float, rounding, rng: random.Random) -> float:
    """A drawn change (or none) of a value from one edition to the next."""
    if rng.random() < CHANGE_CHANCE:
        up = rng.random() < UP_CHANCE
        v = float(rounding(v * (rng.uniform(1.06, 1.35) if up else rng.uniform(0.7, 0.94))))
    return float(rounding(v))


def _values(spec: SeriesSpec, rng: random.Random) -> dict[str, list[float | None]]:
    """Each statement's value per edition: a drawn change (or none) from the one before."""
    out: dict[str, list[float | None]] = {}
    for st in spec.statements:
        _, rounding = FORMATS[st.fmt]
        v, vals = float(st.base), []
        for i in range(len(spec.editions)):
            if i > 0:
                v = _drift(v, rounding, rng)
            v = float(rounding(v))
            vals.append(v if i in st.present else None)
        out[st.id] = vals
    return out


def column_name(column: str) -> str:
    """A column heading as a table row's text names it: its unit goes with the figures."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", column)


def cell_id(row: str, column: str) -> str:
    return f"{CELL}{row}|{column_name(column)}"


def _table_values(table: TableSpec, editions: int, rng: random.Random
                  ) -> dict[str, list[float | None]]:
    """Each cell's value per edition (ids from cell_id); the values of one row differ from
    each other in every edition, so that a figure names its cell."""
    _, rounding = FORMATS[table.fmt]
    out: dict[str, list[float | None]] = {}
    for row in table.rows:
        current = [float(rounding(b)) for b in row.bases]
        for k in range(editions):
            if k > 0:
                current = [_drift(v, rounding, rng) for v in current]
            for j in range(len(current)):
                while current[j] in current[:j]:
                    current[j] = float(rounding(current[j] + 1))
            for col, v in zip(table.columns, current, strict=True):
                out.setdefault(cell_id(row.heading, col), []).append(
                    v if k in row.present else None)
    return out


def _render(spec: SeriesSpec, k: int, values: dict[str, list[float | None]]) -> Edition:
    """Edition k's sections (heading, sentences), its table, and what each statement (and
    table cell) says in it."""
    sections: list[tuple[str, list[str]]] = [(h, []) for h in spec.sections]
    out = Edition(series_name(spec), spec.editions[k], Path(), goal=spec.goal,
                  sections=sections, table=spec.table)
    sentences, vals = out.sentences, out.values
    by_id = {st.id: st for st in spec.statements}
    for st in spec.statements:
        v = values[st.id][k]
        if v is None or not st.templates:  # a partner is written by its host
            continue
        template = st.templates[min(k, len(st.templates) - 1)]
        said = {"v": st}
        if st.partner:
            said["w"] = by_id[st.partner]
        texts = {key: FORMATS[x.fmt][0](values[x.id][k]) for key, x in said.items()}
        sentence = template.format(**texts)
        for key, x in said.items():
            out.figures[x.id] = texts[key]
            sentences[x.id] = sentence
            vals[x.id] = float(values[x.id][k])
        sections[st.section][1].append(sentence)
    for sec, sentence in spec.fillers:
        at = (len(sentence) + k) % (len(sections[sec][1]) + 1)
        sections[sec][1].insert(at, sentence)
    if spec.table is not None:
        render = FORMATS[spec.table.fmt][0]
        for row in spec.table.rows:
            if k not in row.present:
                continue
            figures = []
            for col in spec.table.columns:
                cid = cell_id(row.heading, col)
                v = values[cid][k]
                assert v is not None
                figures.append(render(v))
                out.figures[cid] = figures[-1]
                sentences[cid] = f"{column_name(col)}, {row.heading}: {figures[-1]}"
                vals[cid] = v
            out.table_rows.append((row.heading, figures))
    return out


def _grid(ed: Edition) -> list[list[str]]:
    assert ed.table is not None
    return [[ed.table.corner, *ed.table.columns],
            *[[heading, *figures] for heading, figures in ed.table_rows]]


def _hyphen_words(ed: Edition) -> list[str]:
    """The words a PDF edition breaks at line ends: the first long word of each section,
    written in lower case (a capital after the hyphen would read as a compound)."""
    words: list[str] = []
    for _, sentences in ed.sections:
        for token in " ".join(sentences).split():
            if (len(token) >= MIN_HYPHENATED and token.isalpha() and token.islower()
                    and token not in words):
                words.append(token)
                break
    return words


def _write_text(ed: Edition, markdown: bool) -> None:
    mark = (lambda n, h: f"{'#' * n} {h}") if markdown else (lambda n, h: h)
    body = [mark(1, TITLE), mark(2, ed.goal), f"Uppföljning {ed.edition}"]
    body += [x for h, ss in ed.sections for x in (mark(3, h), " ".join(ss))]
    if ed.table is not None:
        grid = _grid(ed)
        rows = [f"| {' | '.join(r)} |" for r in grid]
        rows.insert(1, "|" + "---|" * len(grid[0]))
        body += [ed.table.caption, "\n".join(rows)]
    ed.path.write_text("\n\n".join(body) + "\n", encoding="utf-8")


def _write_docx(ed: Edition) -> None:
    import docx

    d = docx.Document()
    d.core_properties.title = TITLE
    section = d.sections[0]
    section.header.paragraphs[0].text = f"{HEADER_LEFT}\t\t{TITLE} {ed.edition}"
    section.footer.paragraphs[0].text = FOOTER
    ed.furniture = [HEADER_LEFT, f"{TITLE} {ed.edition}", FOOTER]
    d.add_heading(TITLE, level=0)
    d.add_heading(ed.goal, level=1)
    d.add_paragraph(f"Uppföljning {ed.edition}")
    for h, ss in ed.sections:
        d.add_heading(h, level=2)
        d.add_paragraph(" ".join(ss))
    if ed.table is not None:
        grid = _grid(ed)
        d.add_paragraph(ed.table.caption)
        table = d.add_table(rows=len(grid), cols=len(grid[0]))
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                table.cell(i, j).text = value
    d.save(str(ed.path))


def _write_html(ed: Edition) -> None:
    from html import escape

    parts = [f"<article><h1>{TITLE}</h1><h2>{escape(ed.goal)}</h2>"
             f"<p>Uppföljning {ed.edition}</p>"]
    for h, ss in ed.sections:
        parts.append(f"<h3>{escape(h)}</h3><p>{escape(' '.join(ss))}</p>")
    if ed.table is not None:
        head, *rows = _grid(ed)
        parts.append(f"<table><caption>{escape(ed.table.caption)}</caption><thead><tr>"
                     + "".join(f"<th>{escape(c)}</th>" for c in head) + "</tr></thead><tbody>")
        for r in rows:
            parts.append(f"<tr><th>{escape(r[0])}</th>"
                         + "".join(f"<td>{c}</td>" for c in r[1:]) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</article>")
    write_web_page(ed.path, f"{TITLE} – {escape(ed.goal)} | {HEADER_LEFT}", "".join(parts))
    ed.furniture = [b for b in BOILERPLATE if len(b) > 1]


#: PDF layout (points on A4): the two columns' width and left edges, where they start on
#: the first page (under the title block) and on later pages, and the table's width.
COL_W, LEFT_X, RIGHT_X = 230, 56, 56 + 230 + 24
FIRST_TOP, PAGE_TOP, TABLE_W = 680, 770, 480


def _write_pdf(ed: Edition) -> None:
    """Two pages: the title block and two columns of sections; the remaining section and
    the table across the page. Running header and footer with "Sida n av 2" on both, the
    first long word of each section broken at a line end."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, _ = A4
    pages = 2
    furniture = Furniture(HEADER_LEFT, f"{TITLE} {ed.edition}", FOOTER)
    ed.furniture = list(furniture.strings)
    ed.page_labels = [furniture.page_label(n, pages) for n in range(1, pages + 1)]
    ed.hyphenated = _hyphen_words(ed)
    texts = [hyphenate(f"{h}\n\n{' '.join(ss)}", ed.hyphenated) for h, ss in ed.sections]
    c = canvas.Canvas(str(ed.path), pagesize=A4)
    c.setTitle(TITLE)
    running(c, 1, pages, width, furniture)
    title_block(c, TITLE, ed.goal, f"Uppföljning {ed.edition}", LEFT_X)
    draw_column(c, texts[0], LEFT_X, FIRST_TOP, COL_W)
    if len(texts) > 1:
        draw_column(c, texts[1], RIGHT_X, FIRST_TOP, COL_W)
    c.showPage()
    running(c, 2, pages, width, furniture)
    y = PAGE_TOP
    for text, x in zip(texts[2:4], (LEFT_X, RIGHT_X), strict=False):
        y = min(y, draw_column(c, text, x, PAGE_TOP, COL_W))
    if ed.table is not None:
        grid = _grid(ed)
        c.setFont("Helvetica-Bold", 10)
        c.drawString(LEFT_X, y - 20, ed.table.caption)
        first = 130
        rest = (TABLE_W - first) / (len(grid[0]) - 1)
        draw_table(c, grid, LEFT_X, y - 30, [first] + [rest] * (len(grid[0]) - 1))
    c.showPage()
    c.save()


def _write(ed: Edition) -> None:
    kind = ed.path.suffix
    if kind == ".docx":
        _write_docx(ed)
    elif kind == ".html":
        _write_html(ed)
    elif kind == ".pdf":
        _write_pdf(ed)
    else:
        _write_text(ed, markdown=kind == ".md")


def series_name(spec: SeriesSpec) -> str:
    return f"{TITLE} – {spec.goal}"


def write_series_corpus(folder: Path, seed: int = SEED) -> SeriesTruth:
    """Write every edition of every series into `folder`; the truth of what changed."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    editions: dict[tuple[str, str], Edition] = {}
    pairs: list[PairTruth] = []
    for n, spec in enumerate(SERIES):
        name = series_name(spec)
        values = _values(spec, rng)
        if spec.table is not None:
            # a generator of its own: the statements' values stay those of earlier seeds
            values |= _table_values(spec.table, len(spec.editions),
                                    random.Random(f"{seed}-table-{n}"))
        for k, (ed, fmt) in enumerate(zip(spec.editions, spec.formats, strict=True)):
            edition = _render(spec, k, values)
            edition.path = folder / f"laget-i-lanet-mal-{7 + n}-uppfoljning-{ed}.{fmt}"
            _write(edition)
            editions[(name, ed)] = edition
        for a, b in itertools.combinations(spec.editions, 2):
            old, new = editions[(name, a)], editions[(name, b)]
            both = old.values.keys() & new.values.keys()
            pairs.append(PairTruth(
                name, a, b,
                {s for s in both if abs(old.values[s] - new.values[s]) > 1e-6},
                set(new.values.keys() - old.values.keys()),
                set(old.values.keys() - new.values.keys())))
    return SeriesTruth(editions, pairs)


def reading_copy(ed: Edition) -> str:
    """The text a reader sees in a document: title, goal, edition line, each section's
    heading and text, and the table as rows with their headings; no page furniture, no
    hyphenation."""
    lines = [TITLE, ed.goal, f"Uppföljning {ed.edition}", ""]
    for h, ss in ed.sections:
        lines += [h, " ".join(ss), ""]
    if ed.table is not None:
        lines.append(ed.table.caption)
        columns = [column_name(c) for c in ed.table.columns]
        units = [c[len(column_name(c)):].strip(" ()") for c in ed.table.columns]
        for heading, figures in ed.table_rows:
            cells = [f"{col}: {fig}{' ' + unit if unit else ''}"
                     for col, fig, unit in zip(columns, figures, units, strict=True)]
            lines.append(f"- {ed.table.corner} {heading} — {'; '.join(cells)}")
        lines.append("")
    return "\n".join(lines)


def truth_json(truth: SeriesTruth) -> dict[str, Any]:
    """The truth as JSON for people and tools: per series its editions (document, format,
    page furniture, hyphenated words), each statement's and table cell's sentence, figure
    and value per edition, the table per edition, and each pair's changed, new and removed
    ids."""
    out: dict[str, Any] = {"series": []}
    by_series: dict[str, list[Edition]] = {}
    for (series, _), ed in truth.editions.items():
        by_series.setdefault(series, []).append(ed)
    for series, eds in by_series.items():
        statements: dict[str, dict[str, Any]] = {}
        for ed in eds:
            for sid, sentence in ed.sentences.items():
                st = statements.setdefault(sid, {"values": {}, "figures": {}, "sentences": {}})
                st["values"][ed.edition] = ed.values[sid]
                st["figures"][ed.edition] = ed.figures[sid]
                st["sentences"][ed.edition] = sentence
        for st in statements.values():
            for ed in eds:
                st["values"].setdefault(ed.edition, None)
        table = eds[0].table
        out["series"].append({
            "series": series,
            "goal": eds[0].goal,
            "editions": [{
                "edition": ed.edition, "document": ed.path.name, "format": ed.format,
                "reading_copy": f"reading/{ed.path.stem}.txt",
                "furniture": ed.furniture, "page_labels": ed.page_labels,
                "hyphenated": [{"word": w, "first": w[:hyphen_point(w)],
                                "second": w[hyphen_point(w):]} for w in ed.hyphenated],
            } for ed in eds],
            "statements": statements,
            "table": None if table is None else {
                "caption": table.caption, "corner": table.corner,
                "columns": list(table.columns),
                "rows": {ed.edition: {h: dict(zip(table.columns, f, strict=True))
                                      for h, f in ed.table_rows} for ed in eds},
            },
            "pairs": [{"old": p.old, "new": p.new, "changed": sorted(p.changed),
                       "new_ids": sorted(p.new_ids), "removed": sorted(p.removed)}
                      for p in truth.pairs if p.series == series],
        })
    return out


def furniture_in(text: str | None, truth: dict[str, Any]) -> list[str]:
    """What of the page furniture (`truth_json`: header, footer and web page boilerplate
    strings, page-number lines) and of broken hyphenation (a hyphenated word's two halves
    split by a hyphen and a space or a line break, or by a line break alone) `text` holds."""
    if not text:
        return []
    found = []
    for series in truth["series"]:
        for ed in series["editions"]:
            found += [f for f in (*ed["furniture"], *ed["page_labels"]) if f in text]
            for h in ed["hyphenated"]:
                broken = rf"{re.escape(h['first'])}(?:-\s+|-|\n){re.escape(h['second'])}"
                found += [m.group(0) for m in re.finditer(broken, text)]
    return list(dict.fromkeys(found))  # the documents share their running text


def write_all(out: Path, seed: int = SEED) -> SeriesTruth:
    """The corpus in OUT/corpus/, the truth in OUT/truth.json and the reading copies in
    OUT/reading/<document>.txt."""
    truth = write_series_corpus(out / "corpus", seed)
    (out / "reading").mkdir(parents=True, exist_ok=True)
    for ed in truth.editions.values():
        (out / "reading" / f"{ed.path.stem}.txt").write_text(reading_copy(ed), encoding="utf-8")
    (out / "truth.json").write_text(json.dumps(truth_json(truth), ensure_ascii=False,
                                               indent=1), encoding="utf-8")
    return truth


@dataclass
class PairScore:
    pair: PairTruth
    predicted: int
    correct: int
    found: int  # truth items found
    wrong: list[str] = field(default_factory=list)  # findings that are not in the truth
    missed: list[str] = field(default_factory=list)  # truth items not found

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.pair.total if self.pair.total else 1.0


def score_changes(truth: SeriesTruth, pair: PairTruth, changes: list[dict]) -> PairScore:
    """Score a diff's findings (`EditionDiff.to_dict()["changes"]`) against the truth.

    A finding is right when it names the statement's figure in the right sentence of each
    edition and has the right kind (a changed figure: the same statement on both sides)."""
    expected = {("changed", s) for s in pair.changed} | {("new", s) for s in pair.new_ids} | {
        ("removed", s) for s in pair.removed}
    hits: set[tuple[str, str]] = set()
    wrong = []
    for c in changes:
        old = (truth.statement_of(pair.series, pair.old, c["old"]["sentence"],
                                  c["old"]["figure"]) if c["old"] else None)
        new = (truth.statement_of(pair.series, pair.new, c["new"]["sentence"],
                                  c["new"]["figure"]) if c["new"] else None)
        sid = new if c["kind"] == "new" else old
        if c["kind"] == "changed" and old != new:
            sid = None
        if sid is not None and (c["kind"], sid) in expected and (c["kind"], sid) not in hits:
            hits.add((c["kind"], sid))
        else:
            f = c["new"] or c["old"]
            wrong.append(f"{c['kind']}: {f['figure']} in “{f['sentence']}”")
    missed = [f"{k}: {s}" for k, s in sorted(expected - hits)]
    return PairScore(pair, len(changes), len(hits), len(hits), wrong, missed)


def diff_files(truth: SeriesTruth, pair: PairTruth) -> list[dict]:
    """The diff of a pair computed straight from its files (no index): read, chunk, extract,
    pair, as the index build and `Engine.changes` do."""
    from reportqa.facts.diff import diff_facts
    from reportqa.facts.table import facts_of_passages
    from reportqa.ingest.chunking import chunk_document
    from reportqa.ingest.readers import read_document
    from reportqa.text.analyzer import Analyzer

    analyzer = Analyzer()

    def facts(edition: str):
        path = truth.editions[(pair.series, edition)].path
        doc = read_document(path, path.name)
        assert (doc.series, doc.edition) == (pair.series, edition), (doc.series, doc.edition)
        return facts_of_passages(chunk_document(doc), doc.series, doc.edition, analyzer)

    changes, _ = diff_facts(facts(pair.old), facts(pair.new), analyzer)
    return [c.to_dict() for c in changes]
