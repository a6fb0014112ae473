"""Generate a reproducible Swedish-like corpus of N passages for the benchmarks (no downloads).

Each document is a regional report in the style of the first report ("Läget i länet", mål 5):
a title, one to three goal sections ("Mål 5. Fler kluster …") and paragraphs of sentences.
The sentences come from templates: the first report's own sentences and report-like
sentences on other goals, with their names (county, towns, organisations, industries) and
numbers (people, shares, years, amounts) drawn at random. One sentence = one passage after
chunking, so a corpus of N passages has exactly the passages the generator wrote.

Reproducible: the same --seed and sizes give byte-identical files. Document i's *plan* (which
templates, in which sections) depends on (seed, i mod base_docs) and its *fillers* on
(seed, i), where base_docs is the number of documents of a --base-passages corpus. So the
first base_docs documents of a 1M-passage corpus are exactly the documents of the 100k corpus,
and every later document is a *variant* of one of them: the same sentences with other names
and numbers (bench/build_large.py uses this to build a 1M index from 100k real embeddings).

    python bench/gen_corpus.py --passages 100000 --out bench/out/corpus-100k
    python bench/gen_corpus.py --passages 1000000 --out bench/out/corpus-1m
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# ---- names --------------------------------------------------------------------------------
# (region, county, county genitive short form, towns)
REGIONS: list[tuple[str, str, str, list[str]]] = [
    ("Region Jämtland Härjedalen", "Jämtlands län", "Jämtlands", ["Östersund", "Åre", "Krokom",
     "Strömsund", "Sveg", "Funäsdalen", "Bräcke", "Hammarstrand"]),
    ("Region Västernorrland", "Västernorrlands län", "Västernorrlands", ["Sundsvall",
     "Härnösand", "Örnsköldsvik", "Sollefteå", "Kramfors", "Timrå", "Ånge"]),
    ("Region Dalarna", "Dalarnas län", "Dalarnas", ["Falun", "Borlänge", "Mora", "Ludvika",
     "Avesta", "Leksand", "Rättvik", "Sälen"]),
    ("Region Gävleborg", "Gävleborgs län", "Gävleborgs", ["Gävle", "Sandviken", "Hudiksvall",
     "Bollnäs", "Söderhamn", "Ljusdal", "Edsbyn"]),
    ("Region Värmland", "Värmlands län", "Värmlands", ["Karlstad", "Arvika", "Kristinehamn",
     "Torsby", "Säffle", "Hagfors", "Sunne"]),
    ("Region Norrbotten", "Norrbottens län", "Norrbottens", ["Luleå", "Kiruna", "Piteå",
     "Boden", "Gällivare", "Haparanda", "Kalix", "Jokkmokk"]),
    ("Region Västerbotten", "Västerbottens län", "Västerbottens", ["Umeå", "Skellefteå",
     "Lycksele", "Vilhelmina", "Storuman", "Vännäs"]),
    ("Region Halland", "Hallands län", "Hallands", ["Halmstad", "Varberg", "Falkenberg",
     "Kungsbacka", "Laholm", "Hylte"]),
    ("Region Kalmar län", "Kalmar län", "Kalmar läns", ["Kalmar", "Västervik", "Oskarshamn",
     "Nybro", "Vimmerby", "Borgholm"]),
    ("Region Kronoberg", "Kronobergs län", "Kronobergs", ["Växjö", "Ljungby", "Älmhult",
     "Markaryd", "Tingsryd", "Alvesta"]),
    ("Region Blekinge", "Blekinge län", "Blekinge läns", ["Karlskrona", "Karlshamn",
     "Ronneby", "Sölvesborg", "Olofström"]),
    ("Region Skåne", "Skåne län", "Skånes", ["Malmö", "Lund", "Helsingborg", "Kristianstad",
     "Ystad", "Hässleholm", "Landskrona", "Trelleborg"]),
    ("Region Uppsala", "Uppsala län", "Uppsala läns", ["Uppsala", "Enköping", "Östhammar",
     "Tierp", "Knivsta", "Älvkarleby"]),
    ("Region Sörmland", "Södermanlands län", "Sörmlands", ["Eskilstuna", "Nyköping",
     "Katrineholm", "Strängnäs", "Flen", "Oxelösund"]),
    ("Region Östergötland", "Östergötlands län", "Östergötlands", ["Linköping", "Norrköping",
     "Motala", "Mjölby", "Finspång", "Vadstena"]),
    ("Region Jönköpings län", "Jönköpings län", "Jönköpings läns", ["Jönköping", "Värnamo",
     "Nässjö", "Gislaved", "Tranås", "Eksjö"]),
    ("Region Gotland", "Gotlands län", "Gotlands", ["Visby", "Hemse", "Slite", "Klintehamn",
     "Roma"]),
    ("Region Västmanland", "Västmanlands län", "Västmanlands", ["Västerås", "Köping", "Sala",
     "Fagersta", "Arboga", "Hallstahammar"]),
    ("Region Örebro län", "Örebro län", "Örebro läns", ["Örebro", "Karlskoga", "Lindesberg",
     "Kumla", "Hallsberg", "Askersund"]),
    ("Region Stockholm", "Stockholms län", "Stockholms läns", ["Stockholm", "Södertälje",
     "Norrtälje", "Solna", "Nacka", "Huddinge"]),
    ("Västra Götalandsregionen", "Västra Götalands län", "Västra Götalands", ["Göteborg",
     "Borås", "Trollhättan", "Skövde", "Uddevalla", "Lidköping", "Alingsås"]),
]

INDUSTRIES = [
    ("turismen", "turismbranschen", "besöksnäringen"),
    ("industrin", "tillverkningsindustrin", "verkstadsindustrin"),
    ("skogsbruket", "skogsnäringen", "träindustrin"),
    ("livsmedelsindustrin", "livsmedelsbranschen", "matproduktionen"),
    ("IT-branschen", "IT-sektorn", "digitaliseringsföretagen"),
    ("energibranschen", "energisektorn", "vindkraftsnäringen"),
    ("gruvnäringen", "gruvindustrin", "mineralnäringen"),
    ("handeln", "detaljhandeln", "e-handeln"),
    ("byggindustrin", "byggbranschen", "bostadsbyggandet"),
    ("vården", "omsorgen", "välfärdssektorn"),
    ("kulturnäringarna", "de kulturella och kreativa näringarna", "kulturföretagen"),
    ("jordbruket", "lantbruket", "de gröna näringarna"),
    ("transportsektorn", "logistikbranschen", "åkerinäringen"),
]

ORG_PARTS = ["Science Park", "Innovation", "Företagarna", "Näringslivsråd", "Kluster",
             "Utvecklings AB", "Kompetenscentrum", "Nätverk", "Inkubator", "Forum"]
ORG_PREFIX = ["Peak", "Nord", "Mitt", "Syd", "Väst", "Öst", "Fjäll", "Kust", "Skogs", "Grön",
              "Teknik", "Inland", "Bergslags", "Sjö", "Älv"]
INSTITUTES = ["Mittuniversitetet", "Umeå universitet", "Luleå tekniska universitet",
              "Högskolan Dalarna", "Karlstads universitet", "Linnéuniversitetet",
              "Högskolan i Gävle", "Örebro universitet", "Högskolan i Halmstad",
              "Mälardalens universitet", "Lunds universitet", "Linköpings universitet",
              "Högskolan Väst", "Uppsala universitet", "Högskolan i Skövde"]
AUTHORITIES = ["Tillväxtverket", "Skatteverket", "Försäkringskassan", "Trafikverket",
               "Skogsstyrelsen", "Jordbruksverket", "Arbetsförmedlingen", "Lantmäteriet",
               "Naturvårdsverket", "Statistiska centralbyrån", "Boverket", "Energimyndigheten"]
NUMBER_WORDS = ["två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "tolv"]
GOALS = [
    (1, "Fler i arbete", "arbete"),
    (2, "Stärkt kompetensförsörjning", "kompetens"),
    (3, "Hållbara transporter och god tillgänglighet", "transport"),
    (4, "Attraktiva livsmiljöer och bostäder", "bostad"),
    (5, "Fler kluster (i glesa strukturer, spridda över stora geografiska avstånd)", "kluster"),
    (6, "Ökad innovationsförmåga", "innovation"),
    (7, "Ett fossilfritt och resurseffektivt län", "klimat"),
    (8, "Jämlik hälsa och god folkhälsa", "halsa"),
]
TITLES = ["Läget i länet", "Regional utvecklingsstrategi – uppföljning",
          "Läget i regionen", "Regionala utvecklingsrapporten", "Uppföljning av målen"]

# ---- sentence templates, by topic ----------------------------------------------------------
# Slots: {lan} county, {lans} county genitive ("Jämtlands"), {region}, {ort}/{ort2} towns,
# {ind}/{ind_b}/{ind_c} one industry's three names, {org}, {inst}, {myndighet}, {ar} year,
# {antal} people (e.g. "5 000"), {litet} small count, {pct}/{pct2} percent, {ord} number word.
TEMPLATES: dict[str, list[str]] = {
    "kluster": [
        "Kluster och klusterbyggande är en utmaning i ett glest befolkat län som {lan}.",
        "Vår region har länge kännetecknats som ett län där företagen samarbetar och tar "
        "hjälp av varandra för att skapa framgång.",
        "Ordet kluster kan ytligt definieras som företag som är verksamma inom en eller flera "
        "relaterade branscher som har någon form av relation med varandra.",
        "Ofta verkar företagen inom ett begränsat geografiskt område.",
        "Utifrån den beskrivningen finns det ett flertal kluster och nätverk inom "
        "framträdande branscher i vår region.",
        "{Ind_b} är en grundläggande näring i {lan}.",
        "Det klustret är samordnat av {org} som jobbar strategiskt för att utveckla "
        "samverkan med ett {litet}-tal aktörer och är en plattform för samverkan i "
        "utvecklingen av {ind} i {lan}.",
        "Branschen omsätter årligen nästan {ord} miljarder kronor och genererar motsvarande "
        "{antal} årsarbeten inklusive kringeffekter.",
        "Inom {ind_b} finns {org}, ett klusterinitiativ som jobbar för att forskningsresultat, "
        "privata näringen och nya entreprenörer ska gå hand i hand.",
        "De senaste {litet} åren har {inst} bedrivit forskning om {ind} i nära samarbete med "
        "företagen i {lan}.",
        "En betydande näring i länet är det kluster inom {ind_b} som är starkt präglat av "
        "små och medelstora företag och sysselsätter ca {antal} personer.",
        "Mer än {pct} % av branschens kunder finns utanför länet vilket gör {ind_b} mycket "
        "exportberoende.",
        "{Org} är en gemensam nod för företagen och tillhandahåller en rad olika tjänster "
        "såsom utbildning, nätverk, inköp och tillväxtprogram.",
        "En ökande trend och ny företeelse i regionen som utvecklades {ar} var formen av "
        "co-workingplace.",
        "I {ort} har {org} skapats och huserar vid årets slut ca {litet} företag.",
        "I {ort2} finns ett kluster för {ind} där aktörer samarbetar för att utveckla "
        "näringen i länet och landet.",
    ],
    "arbete": [
        "Sysselsättningsgraden i {lan} var {pct} % år {ar}, vilket är högre än rikets "
        "genomsnitt.",
        "Arbetslösheten bland unga i {ort} uppgick till {pct2} % under {ar}.",
        "Den offentliga sektorn är stor i länet och anställer ca {pct} % av de "
        "förvärvsarbetande.",
        "Motsvarande siffra för hela Sverige är ca {pct2} %.",
        "Idag sysselsätter myndigheterna i {lan} cirka {antal} personer.",
        "Under {ar} flyttade {myndighet} cirka {litet} tjänster till {ort}.",
        "Antalet nystartade företag i {lan} ökade med {pct2} % jämfört med föregående år.",
        "Flera av länets största privata arbetsgivare återfinns inom {ind}.",
        "{Ind_b} sysselsätter omkring {antal} personer i {lan}.",
        "Andelen sysselsatta kvinnor i {ort} är {pct} %, medan andelen för män är {pct2} %.",
    ],
    "kompetens": [
        "Bristen på utbildad arbetskraft är ett av de största hindren för tillväxt i {lan}.",
        "Enligt {myndighet} kommer {antal} personer att gå i pension i länet fram till {ar}.",
        "{Inst} utbildar varje år cirka {antal} studenter, varav {pct} % stannar i regionen.",
        "Inom {ind_b} uppger {pct} % av företagen att de har svårt att rekrytera.",
        "Yrkeshögskolan i {ort} erbjuder {litet} utbildningar riktade mot {ind}.",
        "Andelen invånare med eftergymnasial utbildning är {pct2} % i {lan}.",
        "Ett regionalt kompetensråd samordnar arbetet mellan kommunerna, {inst} och "
        "näringslivet.",
    ],
    "transport": [
        "Avståndet mellan {ort} och {ort2} gör att goda kommunikationer är avgörande för "
        "länets utveckling.",
        "{Myndighet} planerar att investera {ord} miljarder kronor i vägar och järnvägar i "
        "{lan} fram till {ar}.",
        "Restiden med tåg mellan {ort} och Stockholm är i dag cirka {litet} timmar.",
        "Flygplatsen i {ort} hade {antal} resenärer under {ar}.",
        "Godstrafiken på järnväg genom {lan} ökade med {pct2} % under perioden.",
        "Andelen hushåll i {lan} med tillgång till bredband om minst 1 Gbit/s är {pct} %.",
    ],
    "bostad": [
        "Befolkningen i {lan} uppgick till {antal} invånare vid utgången av {ar}.",
        "Bostadsbyggandet i {ort} har ökat, och under {ar} påbörjades {litet} nya lägenheter.",
        "Det råder bostadsbrist i {litet} av länets kommuner enligt {myndighet}.",
        "Inflyttningen till {ort2} har varit positiv de senaste {litet} åren.",
        "Andelen invånare över 65 år är {pct2} % i {lan}, jämfört med {pct} % i riket.",
        "Attraktiva livsmiljöer är avgörande för att {lan} ska kunna locka nya invånare.",
    ],
    "innovation": [
        "{Org} stödjer varje år cirka {litet} nya företag med rådgivning och finansiering.",
        "Investeringarna i forskning och utveckling i {lan} motsvarar {pct2} % av "
        "bruttoregionprodukten.",
        "Tillsammans med {inst} driver regionen ett testbäddsprojekt för {ind}.",
        "Under {ar} beviljades projekt i länet sammanlagt {ord} miljoner kronor från "
        "{myndighet}.",
        "Antalet patentansökningar från företag i {ort} har ökat med {pct2} % sedan {ar}.",
    ],
    "klimat": [
        "Utsläppen av växthusgaser i {lan} har minskat med {pct} % sedan {ar}.",
        "Vindkraften i länet producerade {antal} gigawattimmar el under {ar}.",
        "Andelen fossilfria fordon i {ort} är {pct2} % av fordonsflottan.",
        "{Ind_b} står för ungefär {pct2} % av länets energianvändning.",
        "Regionen har som mål att vara fossilfri senast {ar}.",
    ],
    "halsa": [
        "Medellivslängden i {lan} är {litet} år högre för kvinnor än för män.",
        "Andelen invånare som uppger att de har god hälsa är {pct} % i {lan}.",
        "Vårdcentralen i {ort} tar emot omkring {antal} besök per år.",
        "Skillnaderna i hälsa mellan länets kommuner har ökat sedan {ar}.",
        "Region och kommuner samverkar med {inst} för att stärka folkhälsan i {ort2}.",
    ],
}
TOPICS = list(TEMPLATES)
QUESTION_TEMPLATES = [
    "Hur många personer sysselsätter {ind} i {lan}?",
    "Hur många årsarbeten genererar {ind_b}?",
    "Vilken andel av kunderna finns utanför länet?",
    "Hur stor andel anställer den offentliga sektorn i {lan}?",
    "Hur många personer sysselsätter myndigheterna i {lan}?",
    "Vad omsätter {ind_b} årligen?",
    "Vilka kluster finns i {lan}?",
    "Vad är ett kluster?",
    "Hur många företag huserar i {ort}?",
    "Hur hög är sysselsättningsgraden i {lan}?",
    "Hur många studenter utbildar {inst}?",
    "Hur lång är restiden med tåg från {ort}?",
    "Hur många invånare har {lan}?",
    "Hur mycket har utsläppen minskat i {lan}?",
    "Hur många resenärer hade flygplatsen i {ort}?",
    "Vilka företag har svårt att rekrytera inom {ind_b}?",
    "How many people work in {ind_en} in {lan}?",
    "Vad gör {org}?",
    "Hur många nya lägenheter påbörjades i {ort}?",
    "Hur stor andel av invånarna har god hälsa i {lan}?",
]
IND_EN = ["tourism", "manufacturing", "forestry", "food production", "IT", "energy", "mining",
          "retail", "construction", "health care", "culture", "agriculture", "transport"]


# ---- generation ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Section:
    goal: int  # index into GOALS
    paragraphs: tuple[tuple[tuple[str, int], ...], ...]  # (topic, template index) per sentence


@dataclass(frozen=True)
class Plan:
    title: int
    sections: tuple[Section, ...]

    @property
    def sentences(self) -> int:
        return sum(len(p) for s in self.sections for p in s.paragraphs)


def _rng(seed: int, *key: object) -> random.Random:
    return random.Random(f"{seed}:" + ":".join(map(str, key)))


def make_plan(seed: int, j: int) -> Plan:
    """Document j's structure: which goal sections and which sentence templates, in order."""
    r = _rng(seed, "plan", j)
    goals = r.sample(range(len(GOALS)), r.randint(1, 3))
    sections = []
    for g in goals:
        topic = GOALS[g][2]
        paragraphs = []
        used: set[tuple[str, int]] = set()
        for _ in range(r.randint(2, 4)):
            sents = []
            while len(sents) < 4 and (len(sents) < 3 or r.random() < 0.5):
                # Mostly the section's own topic, sometimes another; no sentence twice.
                t = topic if r.random() < 0.8 else r.choice(TOPICS)
                pick = (t, r.randrange(len(TEMPLATES[t])))
                if pick not in used:
                    used.add(pick)
                    sents.append(pick)
            paragraphs.append(tuple(sents))
        sections.append(Section(g, tuple(paragraphs)))
    return Plan(r.randrange(len(TITLES)), tuple(sections))


def _spaced(n: int) -> str:
    """5000 → "5 000" (Swedish thousands grouping)."""
    return f"{n:,}".replace(",", " ")


class _Fillers(dict):
    """Slot values for one document: names fixed per document, numbers fresh per slot."""

    def __init__(self, r: random.Random) -> None:
        super().__init__()
        self.r = r
        region, lan, lans, towns = r.choice(REGIONS)
        ind = r.choice(INDUSTRIES)
        a, b = r.sample(towns, 2)
        org = f"{r.choice(ORG_PREFIX)} {r.choice(ORG_PARTS)}"
        self.update(region=region, lan=lan, lans=lans, ort=a, ort2=b, ind=ind[0],
                    ind_b=ind[1], ind_c=ind[2], org=org, inst=r.choice(INSTITUTES),
                    myndighet=r.choice(AUTHORITIES), ind_en=IND_EN[INDUSTRIES.index(ind)])

    def __missing__(self, key: str) -> str:
        r = self.r
        if key[0].isupper():
            v = self[key[0].lower() + key[1:]]
            return v[0].upper() + v[1:]
        if key == "ar":
            return str(r.randint(2005, 2030))
        if key == "antal":
            return _spaced(r.choice([r.randint(2, 99) * 100, r.randint(1, 60) * 1000,
                                     r.randint(100, 999) * 1000]))
        if key == "litet":
            return str(r.randint(3, 90))
        if key in ("pct", "pct2"):
            return str(r.randint(3, 95))
        if key == "ord":
            return r.choice(NUMBER_WORDS)
        raise KeyError(key)


def render(plan: Plan, r: random.Random, limit: int | None = None) -> tuple[str, int]:
    """The document's text and its sentence count (at most `limit` sentences)."""
    f = _Fillers(r)
    lines = [TITLES[plan.title], ""]
    count = 0
    for s in plan.sections:
        num, name, _ = GOALS[s.goal]
        lines += [f"Mål {num}. {name}", ""]
        for para in s.paragraphs:
            sents = []
            for topic, t in para:
                if limit is not None and count >= limit:
                    break
                sents.append(TEMPLATES[topic][t].format_map(f))
                count += 1
            if sents:
                lines += [" ".join(sents), ""]
    return "\n".join(lines), count


def base_docs(seed: int, base_passages: int) -> int:
    """How many documents a corpus of `base_passages` passages holds."""
    total, j = 0, 0
    while total < base_passages:
        total += make_plan(seed, j).sentences
        j += 1
    return j


def documents(passages: int, seed: int = 1,
              base_passages: int = 100_000) -> Iterator[tuple[str, str, int, int]]:
    """Yield (file name, text, passages, parent document index) until `passages` are written.

    Documents 0..base_docs-1 are originals (parent = themselves); document i beyond them is a
    variant of document i mod base_docs (same plan, other names and numbers).
    """
    nbase = base_docs(seed, base_passages) if passages > base_passages else None
    total, i = 0, 0
    while total < passages:
        parent = i % nbase if nbase else i
        plan = make_plan(seed, parent)
        text, n = render(plan, _rng(seed, "fill", i))
        yield f"d{i:07d}.txt", text, n, parent
        total += n
        i += 1


def questions(n: int, seed: int = 1) -> list[str]:
    """`n` benchmark questions in the corpus's vocabulary (mostly Swedish, some English)."""
    out = []
    for i in range(n):
        r = _rng(seed, "question", i)
        out.append(QUESTION_TEMPLATES[i % len(QUESTION_TEMPLATES)].format_map(_Fillers(r)))
    return out


def write_corpus(out: Path, passages: int, seed: int, base_passages: int) -> dict:
    if out.exists():
        shutil.rmtree(out)
    corpus = out / "corpus"
    corpus.mkdir(parents=True)
    total, docs = 0, 0
    with (out / "lineage.tsv").open("w", encoding="utf-8") as lin:
        for name, text, n, parent in documents(passages, seed, base_passages):
            (corpus / name).write_text(text, encoding="utf-8")
            lin.write(f"{name}\t{parent}\t{n}\n")
            total += n
            docs += 1
    meta = {"passages": total, "documents": docs, "seed": seed,
            "base_passages": base_passages,
            "base_documents": base_docs(seed, base_passages) if passages > base_passages
            else docs}
    (out / "corpus.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--passages", type=int, required=True, help="passages to generate (≈)")
    ap.add_argument("--out", type=Path, required=True,
                    help="output folder (corpus/ inside it is the corpus folder)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--base-passages", type=int, default=100_000,
                    help="documents beyond a corpus of this size are variants of earlier ones")
    a = ap.parse_args(argv)
    if a.passages < 1:
        ap.error("--passages must be at least 1")
    meta = write_corpus(a.out, a.passages, a.seed, a.base_passages)
    print(f"wrote {meta['passages']} passages in {meta['documents']} documents to "
          f"{a.out / 'corpus'} (seed {a.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
