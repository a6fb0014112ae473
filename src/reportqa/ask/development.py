"""The question "how has X developed across editions?" and its answer from the fact table.

A small, clearly bounded question class, in Swedish and English:

- how something developed: "Hur har sysselsättningen i industrin utvecklats?", "Hur har
  antalet fritidshus förändrats mellan uppföljningarna?", "How has wind power changed since
  the last edition?";
- whether it went up or down: "Har antalet laddpunkter ökat eller minskat?", "Har
  medellivslängden ökat?", "Has the number of charging points gone up?";
- "X då och nu", "X then and now";
- how much it changed, only with a span of editions: "Hur mycket har vindkraften ökat sedan
  2020?". Without one ("Hur mycket har exporten ökat?") it is a fact question: a report
  states such a change itself ("exporten har ökat med 12 %"), and retrieval answers it.

A question with a figure to check ("Har exporten ökat med 12 procent?") is a fact question
too. Whatever is detected, the answer comes from the fact table only when the thing asked
about (the topic: the question without its frame and edition words) matches a figure that
the edition diff pairs across at least two editions of the series (facts/diff.py's
`pair_facts`); otherwise retrieval answers as for any question. So with one edition of a
series in the index, "Har exporten ökat?" is answered by retrieval, and a comparison is never
made up from two figures the diff does not consider the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportqa.ask.changes import SCOPE_WORDS
from reportqa.ask.question import YEAR, Concept
from reportqa.ask.scope import GOAL_PHRASE
from reportqa.facts.diff import pair_facts, same_value
from reportqa.facts.extract import CLAUSE_WORDS, GRADE_WORDS
from reportqa.facts.numbers import find_figures
from reportqa.facts.table import Fact
from reportqa.ingest.editions import EditionWish
from reportqa.text.analyzer import Analyzer
from reportqa.types import Answer, Source

_LEAD = r"^\s*(?:och\s+|and\s+|men\s+|but\s+)?"
#: Verbs that ask how something developed ("utvecklats", "changed").
_DEVELOPED = (r"utvecklats|förändrats|ändrats|utvecklat\s+sig|förändrat\s+sig|ändrat\s+sig|"
              r"gått|sett\s+ut|changed|developed|evolved|gone|moved|progressed|change|develop|"
              r"evolve|go|move")
#: Verbs that say in which direction ("ökat", "gone up").
_DIRECTION = (r"ökat|minskat|stigit|sjunkit|gått\s+(?:upp|ner|ned)|växt|"
              r"blivit\s+(?:fler|färre|större|mindre|högre|lägre)|"
              r"increased|decreased|risen|fallen|grown|dropped|declined|gone\s+(?:up|down)|"
              r"increase|decrease|rise|fall|grow|drop|decline|go\s+(?:up|down)")
_TAIL = r"\b(?P<rest>[^?]*)\??\s*$"
#: "Hur har X utvecklats …?", "How has X changed …?"
_HOW = re.compile(rf"{_LEAD}(?:hur|how)\s+(?:har|has|have|did)\s+(?P<topic>.+?)\s+"
                  rf"(?:{_DEVELOPED}){_TAIL}", re.IGNORECASE)
#: "Hur mycket har X ökat …?", "How much has X grown …?": needs a span of editions.
_HOW_MUCH = re.compile(rf"{_LEAD}(?:hur\s+(?:mycket|många)|how\s+(?:much|many))\s+"
                       rf"(?:har|has|have|did)\s+(?P<topic>.+?)\s+(?:{_DIRECTION}|{_DEVELOPED})"
                       rf"{_TAIL}", re.IGNORECASE)
#: "Har X ökat (eller minskat) …?", "Has X gone up …?"
_UP_OR_DOWN = re.compile(rf"{_LEAD}(?:har|has|have|did)\s+(?P<topic>.+?)\s+(?:{_DIRECTION})"
                         rf"(?:\s+(?:eller|or)\s+(?:{_DIRECTION}))?{_TAIL}", re.IGNORECASE)
#: "X då och nu", "X then and now".
_THEN_AND_NOW = re.compile(r"^\s*(?P<topic>.+?)[\s,:–-]+(?:då\s+och\s+nu|förr\s+och\s+nu|"
                           r"then\s+and\s+now)\s*\??\s*$", re.IGNORECASE)
#: A span of editions: "sedan 2019", "sedan förra uppföljningen", "mellan uppföljningarna",
#: "since the last edition", "compared with 2020".
_SPAN = re.compile(rf"\b(?:sedan|sen|since|mellan|between|jämfört\s+med|compared\s+(?:with|to)|"
                   rf"från|from)\s+(?:[^\W\d_]+\s+){{0,3}}?(?:uppföljning\w*|upplag\w*|"
                   rf"\w*rapport\w*|editions?|reports?|updates?|{YEAR})\b", re.IGNORECASE)
#: A span of years inside one report ("de senaste fem åren", "the last ten years"): a
#: development the report's own text states ("har ökat från … till …"), which retrieval
#: finds; not a comparison of editions.
_WITHIN_REPORT = re.compile(r"\b(?:senaste|sista|last|past)\s+(?:[^\W\d_]+\s+|\d+\s+)?"
                            r"(?:åren|år|years|decades?|årtiondena|decennierna)\b",
                            re.IGNORECASE)
_YEARS = re.compile(rf"\b(?:{YEAR})\b")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
#: Words of a topic that name no thing measured: what a figure is ("antalet", "andelen",
#: "the number of"), the development itself ("utvecklingen"), pronouns (a follow-up's "det":
#: the conversation resolves it into a topic first, ask/followup.py).
GENERIC_WORDS = frozenset((
    "antalet", "antal", "andelen", "andel", "nivån", "nivå", "siffran", "siffrorna", "värdet",
    "utvecklingen", "utveckling", "trenden", "läget", "det", "den", "de", "dessa", "detta",
    "number", "share", "level", "figure", "figures", "value", "development", "trend", "it",
    "they", "this", "that", "these", "those", "the", "a", "an", "hur", "how", "much", "many",
    "mycket", "många", "över", "tid", "tiden", "time", "over", "nu", "now", "då", "then",
))
#: Words of a topic that say what kind of figure is asked for: a count ("antalet
#: fritidshus" is not "efterfrågan på fritidshus ökade med 22 %") or a share (a percentage).
COUNT_WORDS = frozenset(("antalet", "antal", "number", "count"))
SHARE_WORDS = frozenset(("andelen", "andel", "share", "proportion", "percentage"))
#: The unit of a figure of each kind (facts/numbers.py: a count has none).
KIND_UNITS = {"count": "", "share": "procent"}
#: Words before a figure of years that make it a span of time ("de senaste 20 åren"), not a
#: quantity that develops; a figure in the definite plural ("20 åren") is one too.
SPAN_WORDS = frozenset(("senaste", "last", "past"))
SPAN_ENDINGS = ("åren",)
#: Words for editions that ask/changes.py's SCOPE_WORDS (which it shares) lacks.
EDITION_WORDS = frozenset(("uppföljningarna", "upplagorna", "rapporterna", "editions",
                           "reports", "updates", "års", "year's"))
_NOT_TOPIC = GENERIC_WORDS | SCOPE_WORDS | EDITION_WORDS
#: A topic this well matched by a figure's words (the concepts' weighted share) is about it.
#: A word next to the figure in its clause (ADJACENT_WORDS on either side: "45,5 procent
#: hyresrätter och 24,2 procent bostadsrätter" tells the two apart) counts fully, a word of
#: the noun phrase extract.py binds it to by MEASURE_FACTOR, its neighbours (extract.py's
#: `near`) by NEAR_FACTOR ("Vattenkraften står för 71 %"), the rest of its sentence by
#: SENTENCE_FACTOR: a topic word anywhere in the sentence alone (0.6) just makes it, so
#: "Elpriset för hushåll var i genomsnitt 1,4 kronor per kWh" is about "elpriset".
MIN_TOPIC_MATCH = 0.55
ADJACENT_WORDS = 2
MEASURE_FACTOR, NEAR_FACTOR, SENTENCE_FACTOR = 0.9, 0.8, 0.6
#: A pairing of two reworded sentences this similar (facts/diff.py's score) is as sure as the
#: diff gets: on the generated corpus every pair at or above the diff's MIN_PAIR_SCORE (0.3)
#: was right (bench/diff_bench.py, precision 1.000), reworded ones scoring 0.35–0.6. Below
#: it the answer's confidence falls in proportion (0.3 → 0.6).
SURE_PAIR_SCORE = 0.5
#: Figures, best matched first, tried as the one the question means before giving up: the
#: best may stand in one edition alone while the next is paired across editions.
ANCHOR_TRIES = 3
#: What the direction of the change is called.
TREND_WORDS = {"sv": {"up": "en ökning", "down": "en minskning", "same": "oförändrat"},
               "en": {"up": "up", "down": "down", "same": "unchanged"}}
#: What an edition without a year is called in an answer.
UNDATED_WORDS = {"sv": "den odaterade", "en": "the undated"}


@dataclass(frozen=True)
class DevelopmentQuestion:
    """A detected development question: the thing asked about and the editions' span."""

    topic: str  # its content words: "sysselsättningen industrin"
    years: tuple[str, ...] = ()  # edition years it names ("sedan 2019")
    last_two: bool = False  # "sedan förra uppföljningen": the two newest editions
    kind: str = ""  # "count" ("antalet …"), "share" ("andelen …") or "" (any figure)


def _topic_words(text: str) -> list[str]:
    words = _WORD.findall(text)
    return [w for w in words if w.lower() not in _NOT_TOPIC and not w.isdigit()]


def development_question(question: str) -> DevelopmentQuestion | None:
    """The question as a development question, or None when it is not one (see the module's
    docstring for the class)."""
    q = question.strip()
    if _WITHIN_REPORT.search(q):
        return None
    m = _HOW.match(q) or _UP_OR_DOWN.match(q) or _THEN_AND_NOW.match(q)
    if m is None:
        m = _HOW_MUCH.match(q)
        if m is None or not _SPAN.search(q):
            return None
    rest = m.groupdict().get("rest") or ""
    scope = GOAL_PHRASE.sub(" ", _SPAN.sub(" ", rest))
    if re.search(r"\d", _YEARS.sub(" ", scope)):  # "… ökat med 12 procent?": a fact to check
        return None
    topic_text = GOAL_PHRASE.sub(" ", _SPAN.sub(" ", m.group("topic")))
    if re.search(r"\d", _YEARS.sub(" ", topic_text)):
        return None
    words = _topic_words(topic_text) + _topic_words(scope)
    if not words:  # "Hur har det förändrats?": nothing named to look for
        return None
    said = {w.lower() for w in _WORD.findall(topic_text)}
    kind = "count" if said & COUNT_WORDS else "share" if said & SHARE_WORDS else ""
    wish = EditionWish.of(q)
    return DevelopmentQuestion(" ".join(words), tuple(dict.fromkeys(_YEARS.findall(q))),
                               wish.earlier, kind)


def editions_asked(asked: DevelopmentQuestion, editions: Sequence[tuple[str, str]]
                   ) -> list[tuple[str, str]]:
    """The (edition, document)s, oldest first, a question compares: all of them; the two
    newest for "sedan förra uppföljningen"; from the edition year named ("sedan 2019"), or
    between the two named ("mellan 2019 och 2023"). None when it names a year that is no
    edition ("sedan 2012"): a development the report's text states, for retrieval."""
    eds = list(editions)
    named = [i for i, (e, _) in enumerate(eds) if e in asked.years]
    if len(named) < len(asked.years):
        return []
    if asked.last_two:
        return eds[-2:]
    if len(named) >= 2:
        return eds[min(named):max(named) + 1]
    if named:
        return eds[named[0]:]
    return eds


def adjacent_terms(fact: Fact, analyzer: Analyzer, n: int = ADJACENT_WORDS
                   ) -> frozenset[str]:
    """The terms of the `n` words on each side of a fact's figure in its clause, without
    grading words ("ca"): what the figure most likely counts."""
    figures = find_figures(fact.sentence)
    if fact.fact.position >= len(figures):
        return frozenset()
    fig = figures[fact.fact.position]

    def clause(words: list[str]) -> list[str]:
        out: list[str] = []
        for w in words:
            if w.lower() in CLAUSE_WORDS or len(out) == n:
                break
            if w.lower() not in GRADE_WORDS:
                out.append(w)
        return out

    after = clause(_WORD.findall(re.split(r"[.,;:!?()]", fact.sentence[fig.end:])[0]))
    before_text = re.split(r"[.,;:!?()]", fact.sentence[:fig.start])[-1]
    before = clause(_WORD.findall(before_text)[::-1])
    return analyzer.token_set(" ".join(before + after))


def topic_match(concepts: Sequence[Concept], fact: Fact, analyzer: Analyzer) -> float:
    """How well a figure is about the topic: the weighted share of the topic's concepts
    (ask/question.py, so inflections, synonyms and English translations count) found next
    to it, in the noun phrase it measures, near it or elsewhere in its sentence (the
    factors above)."""
    total = sum(c.weight for c in concepts)
    if total <= 0:
        return 0.0
    levels = ((1.0, adjacent_terms(fact, analyzer)),
              (MEASURE_FACTOR, frozenset(fact.fact.terms)),
              (NEAR_FACTOR, frozenset(fact.fact.near)),
              (SENTENCE_FACTOR, analyzer.token_set(fact.sentence)))
    got = sum(c.weight * max(factor * c.match(terms) for factor, terms in levels)
              for c in concepts)
    return got / total


@dataclass(frozen=True)
class Development:
    """One figure followed across editions (its fact in each, oldest first), how well the
    topic matched the figure it was found by, and the weakest pairing along the way."""

    facts: tuple[Fact, ...]
    match: float
    weakest_pair: float

    @property
    def confidence(self) -> float:
        """As sure as its weakest link: the topic's match, or the diff's weakest pairing
        (sure from SURE_PAIR_SCORE)."""
        return round(min(self.match, self.weakest_pair / SURE_PAIR_SCORE, 1.0), 4)


def _partner(fact: Fact, pairs: Sequence[tuple[Fact | None, Fact | None, float]],
             older: bool) -> tuple[Fact, float] | None:
    """The fact the diff pairs with `fact` (in the older edition when `older`)."""
    for a, b, score in pairs:
        mine, other = (b, a) if older else (a, b)
        if mine is fact and other is not None:
            return other, score
    return None


def follow(facts: Sequence[Sequence[Fact]], at: int, anchor: Fact, analyzer: Analyzer
           ) -> tuple[dict[int, Fact], float]:
    """The figure `anchor` (of edition `at`) in the other editions, by the diff's pairing
    of consecutive editions ({edition index: fact}, the weakest pair's score): it stops where
    an edition does not have it."""
    found, weakest = {at: anchor}, 1.0
    pairs: dict[int, list[tuple[Fact | None, Fact | None, float]]] = {}
    for step in (-1, 1):
        k, cur = at, anchor
        while 0 <= k + step < len(facts):
            lo = min(k, k + step)
            if lo not in pairs:
                pairs[lo] = pair_facts(facts[lo], facts[lo + 1], analyzer)
            got = _partner(cur, pairs[lo], older=step < 0)
            if got is None:
                break
            k, (cur, score) = k + step, got
            found[k] = cur
            weakest = min(weakest, score)
    return found, weakest


def is_time_span(fact: Fact) -> bool:
    """Whether a figure of years says how long something has gone on ("De senaste 20 åren
    har …"): the same in every edition, and never what a development question asks about."""
    if fact.unit != "år":
        return False
    if fact.fact.figure.lower().endswith(SPAN_ENDINGS):
        return True
    figures = find_figures(fact.sentence)
    if fact.fact.position >= len(figures):
        return False
    before = _WORD.findall(fact.sentence[:figures[fact.fact.position].start])
    return bool(before) and before[-1].lower() in SPAN_WORDS


def development_of(concepts: Sequence[Concept], facts: Sequence[Sequence[Fact]],
                   analyzer: Analyzer, kind: str = "") -> Development | None:
    """The figure the topic names (of the `kind` asked for, DevelopmentQuestion.kind),
    followed across editions (`facts`: each edition's, oldest first); None unless it is in
    at least two of them."""
    unit = KIND_UNITS.get(kind)
    scored = sorted(((topic_match(concepts, f, analyzer), k, f)
                     for k, edition in enumerate(facts) for f in edition
                     if (unit is None or f.unit == unit) and not is_time_span(f)),
                    key=lambda x: (-x[0], -x[1], x[2].row, x[2].fact.position))
    for score, k, anchor in scored[:ANCHOR_TRIES]:
        if score < MIN_TOPIC_MATCH:
            break
        found, weakest = follow(facts, k, anchor, analyzer)
        if len(found) >= 2:
            return Development(tuple(found[i] for i in sorted(found)), score, weakest)
    return None


def _edition_phrase(edition: str, language: str) -> str:
    if language == "en":
        return f"the {edition} edition" if edition else f"{UNDATED_WORDS['en']} edition"
    return f"uppföljningen {edition}" if edition else f"{UNDATED_WORDS['sv']} uppföljningen"


def development_answer(question: str, dev: Development, language: str,
                       documents: Mapping[str, Mapping], passages: Mapping[int, str]
                       ) -> Answer:
    """Each edition's figure with its sentence quoted, oldest first, one source per edition
    (`documents`: the manifest's documents by name; `passages`: a passage's text by row)."""
    first, last = dev.facts[0], dev.facts[-1]
    trend = ("same" if same_value(first.value, last.value)
             else "up" if last.value > first.value else "down")
    words = TREND_WORDS[language]
    if language == "en":
        head = f"From {first.fact.figure} to {last.fact.figure} ({words[trend]})."
        lines = [f"According to {_edition_phrase(f.edition, 'en')}: “{f.sentence}”"
                 for f in dev.facts]
    else:
        head = f"Från {first.fact.figure} till {last.fact.figure} ({words[trend]})."
        lines = [f"Enligt {_edition_phrase(f.edition, 'sv')}: “{f.sentence}”"
                 for f in dev.facts]
    sources = []
    for f in dev.facts:
        doc = documents.get(f.document, {})
        sources.append(Source(f.document, doc.get("title", f.document), f.section, f.page,
                              passages.get(f.row, f.sentence), f.sentence, dev.confidence,
                              doc.get("indexed_at", ""), f.edition))
    return Answer(question, "\n".join([head, *lines]), dev.confidence, sources, language)
