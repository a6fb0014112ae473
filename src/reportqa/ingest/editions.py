"""Which series a report belongs to and which edition it is, from its first lines.

Regions publish a report as a series: one follow-up per goal, a new edition every year
("Läget i länet" / "Mål 5. Fler kluster" / "Uppföljning 2021"). A document's series is its
title with the first line after it that is not an edition line (the goal heading, or the
goal as a paragraph when it is too long for a heading); its edition is the year of its
edition line ("Uppföljning 2019", "Upplaga 2020", "2021 års uppföljning", "Edition 2021"). A
document without an edition line has edition "" and counts as older than every dated
edition of its series.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: Lines (headings and paragraphs) read from the start of a document to find its series and
#: edition: the title, the goal and the edition line come first in the reports seen.
FRONT_LINES = 6
#: A goal longer than this is cut (a paragraph-long goal still names the series).
MAX_SERIES_PART = 200
_EDITION_WORD = (r"(?:\w*uppföljning(?:en)?|\w*upplaga(?:n)?|utgåva(?:n)?|årsrapport(?:en)?|"
                 r"lägesrapport(?:en)?|edition|follow-up|update)")
_YEAR = r"(?:19|20)\d{2}"
EDITION_LINE = re.compile(
    rf"^\s*(?:{_EDITION_WORD}\s+(?:år\s+)?(?P<a>{_YEAR})|(?P<b>{_YEAR})\s+(?:års\s+)?"
    rf"{_EDITION_WORD})\s*$", re.IGNORECASE)
SERIES_SEPARATOR = " – "


@dataclass(frozen=True)
class Edition:
    series: str  # "Läget i länet – Mål 5. Fler kluster (…)"
    edition: str  # "2021", or "" when the document names none


def edition_year(heading: str) -> str:
    """The year of an edition line ("Uppföljning 2019" → "2019"), else ""."""
    m = EDITION_LINE.match(heading)
    return (m.group("a") or m.group("b")) if m else ""


def identify(title: str, front: Iterable[str]) -> Edition:
    """The series and edition of a document from its title and its first lines."""
    edition, goal = "", ""
    lines = [ln.strip() for ln in list(front)[:FRONT_LINES] if ln.strip()]
    for line in lines:
        year = edition_year(line)
        if year:
            edition = edition or year
        elif not goal and line != title.strip():
            goal = line[:MAX_SERIES_PART]
    return Edition(SERIES_SEPARATOR.join(p for p in (title.strip(), goal) if p), edition)


#: What a question calls a report or an edition: "uppföljningen", "klusterrapporten",
#: "the report", "versionen".
_DOCUMENT = rf"(?:{_EDITION_WORD}|\w*rapport(?:en)?|report|version(?:en)?)"
#: Words before an edition phrase that belong to it: "enligt …", "i den …", "according to
#: the …"; they go when the phrase goes.
_LEAD = (r"(?:(?:enligt|i|från|jämfört\s+med|according\s+to|in|from|compared\s+to)\s+)?"
         r"(?:(?:den|det|the)\s+)?")
def _fold(pattern: str) -> str:
    """A pattern that also matches its words typed without å, ä and ö ("forra
    uppfoljningen"), as on a phone keyboard set to another language."""
    return pattern.replace("å", "[åa]").replace("ä", "[äa]").replace("ö", "[öo]")


#: English topic words between the qualifier and the report: "the previous health report",
#: "the earlier goal 5 report".
_EN_TOPIC = (r"(?:(?:[a-z]+|\d+)\s+(?:(?:[a-z]+|\d+)\s+){0,2}"
             r"(?=(?:report|edition|follow-up|update)\b))?")
#: A goal named before the report in either language: "äldre mål 5-rapporten".
_GOAL = r"(?:(?:mål|goal)\s*\d+\s*[-–]?\s*)?"
#: Said after the qualifier or the report, that it has no year: "older, undated edition",
#: "den äldre rapporten utan årtal".
_UNDATED = (r"(?:,?\s*(?:undated|odaterade?|utan\s+(?:år|årtal|datum)|"
            r"without\s+(?:a\s+)?(?:year|date))\b)?")
#: What the phrase may say after the report: its goal ("edition of goal 5", "rapporten för
#: mål 5") and a note in brackets ("(the one without a 2021 date)").
_AFTER = (rf"{_UNDATED}(?:\s+(?:of|for|av|för)\s+(?:mål|goal)\s*\d+\b)?"
          r"(?:\s*\([^()]{0,80}\))?")
#: A note in brackets right after the qualifier: "the earlier (pre-2021) goal 5 report".
_NOTE = r"(?:\s*\([^()]{0,40}\))?"
#: Words that say an edition is not the one wanted.
_NOT = r"inte|ej|utan|före|innan|without|not|before"
#: Such words just before a named edition ("without the 2021 update", "inte
#: 2021-uppföljningen"), NEGATION_REACH characters before it at most.
_NOT_BEFORE = re.compile(rf"\b({_NOT}|except|förutom|pre-?)\W*(?:\w+\W+)?$", re.IGNORECASE)
#: An edition said as not the one asked, beside the one asked ("enligt förra upplagan,
#: alltså före 2021-uppföljningen"): no year of the question either.
_OTHER_EDITION = re.compile(
    rf"[,(]?\s*(?:alltså\s+|dvs\.?\s+|i\.e\.\s+|that\s+is\s+)?\b(?:{_NOT}|prior\s+to)\s+"
    r"(?:the\s+|den\s+)?(?:19|20)\d\d\s*[-‐]?\s*(?:års\s+)?"
    r"[\w-]*(?:uppföljning|rapport|upplaga|version|edition|update|follow-up|report)\w*\)?",
    re.IGNORECASE)
NEGATION_REACH = 20
#: A question that asks for an earlier edition than the newest: "förra uppföljningen",
#: "förra hälsouppföljningen", "the previous (health) edition".
_EARLIER = re.compile(_fold(rf"\b{_LEAD}(förra|föregående|tidigare|äldre|gamla|previous|earlier|"
                      rf"older|old|last){_UNDATED}{_NOTE}\s+(års\s+)?{_GOAL}{_EN_TOPIC}{_DOCUMENT}"
                      rf"\b{_AFTER}"), re.IGNORECASE)
#: … for the first edition: "den första klusterrapporten", "the original (housing) report".
_FIRST = re.compile(_fold(rf"\b{_LEAD}(första|ursprungliga|äldsta|odaterade|first|original|"
                    rf"earliest|oldest|undated){_UNDATED}\s+{_GOAL}{_EN_TOPIC}{_DOCUMENT}\b{_AFTER}"),
                    re.IGNORECASE)
#: The newest figure asked for rather than the newest report: "senaste siffran", "enligt
#: de senaste uppgifterna", "the latest figures": the same wish.
_FIGURES = r"(?:siffr(?:a|an|or|orna)|uppgift(?:en|er|erna)?|statistik(?:en)?|data|" \
           r"figures?|numbers?|stats|statistics)"
#: … for the newest, which is also the default: "senaste uppföljningen", "the latest report".
_NEWEST = re.compile(_fold(rf"\b{_LEAD}(?:de\s+)?(senaste|nyaste|aktuella|nya|latest|newest|"
                     rf"current|most\s+recent|new)\s+(?:{_EN_TOPIC}{_DOCUMENT}|{_FIGURES})\b"
                     rf"{_NOTE}"), re.IGNORECASE)
#: A question that names an edition by its year: "uppföljningen 2019", "2019 års rapport",
#: "the 2019 edition", "the 2020 energy follow-up".
_NAMED = re.compile(_fold(rf"\b{_LEAD}(?:{_DOCUMENT}\s+(?:från\s+|from\s+)?(?P<a>{_YEAR})\b|"
                    rf"(?P<b>{_YEAR})\s+(?:års\s+)?{_EN_TOPIC}{_DOCUMENT})\b"), re.IGNORECASE)


#: A possessive right before a report's year: "its 2017 report", "sitt 2017 års betänkande".
_SOMEONE_ELSES = re.compile(r"\b(?:its|their|his|her|sitt|sin|sina|dess|deras|hans|hennes)\s+$",
                            re.IGNORECASE)
#: … the edition before a year: "uppföljningen före 2021", "the edition before 2021".
_BEFORE = re.compile(_fold(rf"\b{_LEAD}{_EN_TOPIC}{_DOCUMENT}\s+(?:från\s+|from\s+)?"
                           rf"(?:före|innan|before|prior\s+to)\s+(?P<y>{_YEAR})\b"),
                     re.IGNORECASE)


#: A year alone ("i Härjedalen 2019", "år 2020"), which names an edition when the index has
#: one of that year; not after words that make it a span of time ("sedan 2015", "före 2019").
_BARE_YEAR = re.compile(rf"(?:\b(?P<lead>år|under|i|in|during)\s+)?\b(?P<y>{_YEAR})\b",
                        re.IGNORECASE)
_SPAN_WORDS = frozenset(("sedan", "före", "efter", "mellan", "till", "från", "och", "sen",
                         "since", "before", "after", "between", "until", "to", "from", "and",
                         "by", "fram", "t.o.m.", "tom", "inför"))


def _bare_year(question: str) -> re.Match | None:
    """The first year of a question that is not part of a span of time."""
    for m in _BARE_YEAR.finditer(question):
        if question[m.end():m.end() + 1] == ":":
            continue  # a reference ("SOU 2017:1"), not a year
        before = question[:m.start()].split()
        if not before or before[-1].lower().strip(",") not in _SPAN_WORDS:
            return m
    return None


@dataclass(frozen=True)
class EditionWish:
    """Which edition a question wants: the newest (default), the one before it, the first,
    or one by year; and where the question says so."""

    year: str = ""  # a named edition ("uppföljningen 2019")
    earlier: bool = False  # "förra uppföljningen", "the previous edition"
    first: bool = False  # "den första rapporten", "the original report"
    newest: bool = False  # "senaste uppföljningen": said, though it is the default
    span: tuple[int, int] | None = None  # the phrase that says it
    bare: bool = False  # a year alone: an edition only where the index has one of that year
    timed: bool = False  # … said as a time ("under 2021", "år 2021", "in 2021")
    before: str = ""  # the newest edition before this year ("uppföljningen före 2021")

    @property
    def names_one(self) -> bool:
        """Whether the question names an edition (by year, or as the earlier or the first)
        rather than leaving it to the default."""
        return bool(self.year or self.earlier or self.first or self.before)

    @classmethod
    def of(cls, question: str) -> EditionWish:
        m = _BEFORE.search(question)
        if m:
            return cls(before=m.group("y"), span=m.span())
        m = _NAMED.search(question)
        # "the earlier report (without the 2021 update)": a year said as not the one;
        # "its 2017 report", "i sitt betänkande 2017": someone else's report, whose year
        # is a fact's (a bare year below)
        if m and not _NOT_BEFORE.search(question[max(0, m.start() - NEGATION_REACH):m.start()]) \
                and not _SOMEONE_ELSES.search(question[:m.start("b" if m.group("b") else 0)]):
            return cls(year=m.group("a") or m.group("b"), span=m.span())
        for pattern, kind in ((_EARLIER, "earlier"), (_FIRST, "first"), (_NEWEST, "newest")):
            m = pattern.search(question)
            if m:
                return cls(**{kind: True}, span=m.span())
        m = _bare_year(question)  # "… i Härjedalen 2019": the 2019 edition, if there is one
        if m:
            return cls(year=m.group("y"), span=m.span(), bare=True,
                       timed=bool(m.group("lead")))
        return cls()

    def without_phrase(self, question: str) -> str:
        """The question without the words that name the edition, or one it is not: what
        it asks about."""
        return _OTHER_EDITION.sub("", without_span(question, self.span)).strip(" ,;:")


def without_span(question: str, span: tuple[int, int] | None, keep: str = "") -> str:
    """The question without the phrase at `span` (an edition's or a report's name), or with
    `keep` in its place, its spaces and punctuation tidied: "Hur många jobbar i industrin i
    mål 1?" → "Hur många jobbar i industrin?"."""
    if span is None:
        return question
    a, b = span
    joined = re.sub(r"\s{2,}", " ", f"{question[:a]} {keep} {question[b:]}")
    return re.sub(r"\s+([?.!,])", r"\1", joined).strip(" ,;:")


class Editions:
    """The series of an index's documents, each series' editions in order (oldest first)."""

    def __init__(self, documents: Mapping[str, Mapping]) -> None:
        self.series: dict[str, str] = {}
        self.edition: dict[str, str] = {}
        by_series: dict[str, list[tuple[str, str]]] = {}
        for name, d in documents.items():
            series = d.get("series") or ""
            if series:
                self.series[name] = series
                self.edition[name] = d.get("edition") or ""
                by_series.setdefault(series, []).append((self.edition[name], name))
        self.ordered = {k: sorted(v) for k, v in by_series.items() if len(v) > 1}
        #: The years the index's dated documents are editions of, its other reports included.
        self.years = frozenset(d["edition"] for d in documents.values() if d.get("edition"))

    def _names(self, edition: str, year: str, editions: list[tuple[str, str]]) -> bool:
        """Whether a question's "the 2019 edition" names `edition` of a series (`editions`,
        year and document): the edition of that year, or an undated one when the series has
        no edition of that year, all its dated ones are later and the index's other reports
        are of that year (the first "Fler kluster", undated, beside the sibling goals'
        "uppföljning 2019" and its own "uppföljning 2021")."""
        if edition == year:
            return True
        dated = [e for e, _ in editions if e]
        return (not edition and bool(dated) and year not in dated and year < min(dated)
                and year in self.years)

    def serves(self, wish: EditionWish) -> bool:
        """Whether some series of the index has the edition a question names: then its
        edition words say which document to answer from, not what to find in it."""
        if wish.bare:  # a year alone: an earlier edition's ("… i Åre 2021?"), or the
            # newest's unless said as a time ("Vad omsatte turismen under 2021?" asks for the
            # figure of that year, which the newest edition need not give)
            return any(e == wish.year and (k < len(eds) - 1 or not wish.timed)
                       for eds in self.ordered.values() for k, (e, _) in enumerate(eds))
        if wish.year:
            return any(self._names(e, wish.year, eds)
                       for eds in self.ordered.values() for e, _ in eds)
        if wish.before:
            return any(e and e < wish.before for eds in self.ordered.values() for e, _ in eds)
        return bool(wish.span and self.ordered)

    def lacks(self, document: str, wish: EditionWish) -> bool:
        """Whether the question names an edition by year ("enligt 2017 års uppföljning")
        that `document`'s series, published in several editions, does not have."""
        editions = self.ordered.get(self.series.get(document, ""))
        if wish.before and editions:  # "före 2018" of a series first published in 2018
            return all(not e or e >= wish.before for e, _ in editions)
        return bool(wish.year and not wish.bare and editions
                    and not any(self._names(e, wish.year, editions) for e, _ in editions))

    def named_elsewhere(self, document: str, wish: EditionWish) -> list[str]:
        """The documents a question's edition year names ("enligt uppföljningen 2021") when
        `document` is of a report published once, in another year: the editions of that year
        of the index's series published in several."""
        if (not wish.year or wish.bare or self.series.get(document, "") in self.ordered
                or self.edition.get(document) == wish.year):
            return []
        return [n for eds in self.ordered.values() for e, n in eds
                if self._names(e, wish.year, eds)]

    def wanted_in_order(self, document: str, wish: EditionWish) -> list[str]:
        """The documents to look for `document`'s statement in, in turn: the edition the
        question names; by default the editions newer than `document`'s, newest first, so
        that a statement the newest edition dropped is answered from the newest that has
        it."""
        target = self.wanted(document, wish)
        if target is None:
            return []
        if wish.names_one:
            return [target]
        editions = [n for _, n in self.ordered.get(self.series.get(document, ""), [])]
        newer = editions[editions.index(document) + 1:] if document in editions else []
        return list(reversed(newer)) or [target]

    def wanted(self, document: str, wish: EditionWish) -> str | None:
        """The document of `document`'s series that the question wants, when that is another
        edition than `document` itself; else None."""
        editions = self.ordered.get(self.series.get(document, ""))
        if not editions:
            return None
        if wish.year:
            named = [n for e, n in editions if e == wish.year or (
                not wish.bare and self._names(e, wish.year, editions))]
            # a year alone that is no edition of this series is a year of the figures asked
            # for: the newest edition, as for a question that names none
            target = named[-1] if named else (editions[-1][1] if wish.bare else None)
        elif wish.before:
            older = [n for e, n in editions if e and e < wish.before]
            target = older[-1] if older else None
        elif wish.earlier:
            target = editions[-2][1]
        elif wish.first:
            target = editions[0][1]
        else:
            target = editions[-1][1]
        return target if target not in (None, document) else None
