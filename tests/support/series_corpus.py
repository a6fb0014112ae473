"""A generated development corpus of report series whose figure changes are known.

Three series of "Läget i länet" (housing, health, energy), two or three editions each, every
edition in another format (text, Markdown, DOCX). A series is a list of statements, each
about one thing measured ("färdigställda bostäder"), with a value per edition or none (not
in that edition). Between editions some values change, some statements are new and some are
dropped, and some sentences are reworded (the same figure said another way), so a diff must
pair figures by what they measure, not by their sentence or position. Sentences without
figures, years ("sedan 2015"), identifiers ("Mål 7", "SOU 2018:12") and figures that never
change are around them.

`write_series_corpus(folder)` writes the files and returns the truth: for each pair of
editions of a series, which statements changed, are new or were removed, and each
statement's sentence and value in each edition, so that a diff's findings can be scored.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportqa.text.normalize import normalize_text

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
class SeriesSpec:
    goal: str
    editions: tuple[str, ...]
    formats: tuple[str, ...]  # file type of each edition
    sections: tuple[str, ...]
    statements: tuple[Statement, ...]
    fillers: tuple[tuple[int, str], ...]  # (section, sentence without a changing figure)


S = Statement
SERIES = (
    SeriesSpec(
        "Mål 7. Fler bostäder (i hela länet)", ("2019", "2021", "2023"), ("txt", "md", "docx"),
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
    ),
    SeriesSpec(
        "Mål 8. En god hälsa för alla (i alla åldrar)", ("2018", "2020", "2022"),
        ("md", "docx", "txt"),
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
    ),
    SeriesSpec(
        "Mål 9. Ett hållbart energisystem", ("2020", "2022"), ("docx", "md"),
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
    ),
)


@dataclass
class Edition:
    series: str
    edition: str
    path: Path
    sentences: dict[str, str] = field(default_factory=dict)  # statement → its sentence
    figures: dict[str, str] = field(default_factory=dict)  # statement → its figure as written
    values: dict[str, float] = field(default_factory=dict)  # statement → its value


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
        sentence the index has may have its neighbour glued to it (a missed boundary)."""
        ed = self.editions[(series, edition)]
        key = _key(sentence)
        for sid, s in ed.sentences.items():
            if _key(s) in key and _key(figure).startswith(_key(ed.figures[sid])):
                return sid
        return None


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", normalize_text(text)).strip()


def _values(spec: SeriesSpec, rng: random.Random) -> dict[str, list[float | None]]:
    """Each statement's value per edition: a drawn change (or none) from the one before."""
    out: dict[str, list[float | None]] = {}
    for st in spec.statements:
        _, rounding = FORMATS[st.fmt]
        v, vals = float(st.base), []
        for i in range(len(spec.editions)):
            if i > 0 and rng.random() < CHANGE_CHANCE:
                up = rng.random() < UP_CHANCE
                v = float(rounding(v * (rng.uniform(1.06, 1.35) if up
                                        else rng.uniform(0.7, 0.94))))
            v = float(rounding(v))
            vals.append(v if i in st.present else None)
        out[st.id] = vals
    return out


def _render(spec: SeriesSpec, k: int, values: dict[str, list[float | None]]
            ) -> tuple[list[tuple[str, list[str]]], Edition]:
    """Edition k's sections (heading, sentences), and what each statement says in it."""
    sections: list[tuple[str, list[str]]] = [(h, []) for h in spec.sections]
    out = Edition(series_name(spec), spec.editions[k], Path())
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
    return sections, out


def _write(path: Path, goal: str, edition: str, sections: list[tuple[str, list[str]]]
           ) -> None:
    paragraphs = [(h, " ".join(ss)) for h, ss in sections]
    kind = path.suffix
    if kind == ".docx":
        import docx

        d = docx.Document()
        d.core_properties.title = TITLE
        d.add_heading(TITLE, level=0)
        d.add_heading(goal, level=1)
        d.add_paragraph(f"Uppföljning {edition}")
        for h, p in paragraphs:
            d.add_heading(h, level=2)
            d.add_paragraph(p)
        d.save(str(path))
        return
    if kind == ".md":
        body = [f"# {TITLE}", f"## {goal}", f"Uppföljning {edition}"]
        body += [x for h, p in paragraphs for x in (f"### {h}", p)]
    else:
        body = [TITLE, goal, f"Uppföljning {edition}"]
        body += [x for h, p in paragraphs for x in (h, p)]
    path.write_text("\n\n".join(body) + "\n", encoding="utf-8")


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
        for k, (ed, fmt) in enumerate(zip(spec.editions, spec.formats, strict=True)):
            sections, edition = _render(spec, k, values)
            edition.path = folder / f"laget-i-lanet-mal-{7 + n}-uppfoljning-{ed}.{fmt}"
            _write(edition.path, spec.goal, ed, sections)
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
