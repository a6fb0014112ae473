"""A question as weighted concepts: what lexical search scores and what confidence covers.

A concept is one content word of the question (or one part of a compound, or one English
word or phrase) with its alternatives, each an index token with a factor saying how well it
stands for the concept: the word's own stem (1.0); stems that differ only by an inflection
ending found in the index vocabulary ("industri" ~ "industrin", 0.9); Swedish synonyms via
the glossary (lower); for English questions, the Swedish translations from the glossary.
Each concept also carries a weight, how informative the word is in general language
(wordfreq), which confidence uses: a question whose rare words the report never mentions
("liftkort", "arbetslöshet") is one the report cannot answer.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .glossary import Glossary, english_key, load_glossary
from .language import detect_language
from .lexical import STOPWORDS, Analyzer, raw_words
from .vocabulary import rarity, wordset

_QUANTITY = re.compile(
    r"\b(hur\s+(många|mycket|stor(t|a)?|hög(t|a)?|länge|långt)|vilken\s+(andel|siffra)|"
    r"(hur|vilken)\s+(stor\s+)?(andel|procent)|antal|hur\s+många\s+procent|"
    r"how\s+(many|much|large|big|high|long)|what\s+(share|percentage|proportion|portion|"
    r"number|amount|fraction|figure)|number\s+of|which\s+(share|percentage|proportion))\b",
    re.IGNORECASE,
)


def is_quantity_question(question: str) -> bool:
    """Asks for an amount or share ("hur många", "hur stor andel", "how many", "what share")."""
    return bool(_QUANTITY.search(question))


#: Words that frame a question rather than say what it is about.
FRAME_WORDS = wordset(
    "menas betyder innebär avses definieras definiera kallas kallad heter hette räknas "
    "handlar gäller beskrivs beskriva beskriver förklara mean means meant refer refers "
    "called named define defined definition describe described explain"
)
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


@dataclass(frozen=True)
class QueryOptions:
    """Expansion settings (chosen by measurement; see bench/ablation.py)."""

    inflection_factor: float = 0.9  # vocabulary tokens that differ by an ending
    synonym_factor: float = 0.5  # Swedish synonyms via shared English translations
    translation_factor: float = 0.9  # Swedish translations of English words
    max_ending: int = 3  # longest inflection ending bridged by the vocabulary
    corpus_idf: float = 1.0  # exponent of the corpus-IDF discount of concept weights
    part_factor: float = 0.6  # compound parts of a translation ("tillverkningsindustri")
    frame_weight: float = 0.3  # weight of question-frame words ("menas", "kallas", "mean")
    max_rarity: float = 4.5  # cap of a concept's weight (names are rare, but not the point)


@dataclass(frozen=True)
class Concept:
    text: str  # the question word or phrase (":part" for a compound's part)
    weight: float  # informativeness, for coverage and confidence
    alts: dict[str, float] = field(hash=False)  # index token → factor (1 = the word itself)
    bm25_weight: float = 1.0

    def match(self, tokens: frozenset[str] | set[str]) -> float:
        """How well a token set covers this concept: the best factor present, else 0."""
        return max((f for t, f in self.alts.items() if t in tokens), default=0.0)


@dataclass(frozen=True)
class Query:
    text: str
    language: str
    concepts: tuple[Concept, ...]
    quantity: bool

    @property
    def total_weight(self) -> float:
        return sum(c.weight for c in self.concepts)

    def coverage(self, tokens: frozenset[str] | set[str]) -> float:
        """Weighted share of the concepts a token set covers (0..1)."""
        total = self.total_weight
        if not total:
            return 0.0
        return sum(c.weight * c.match(tokens) for c in self.concepts) / total


class QueryAnalyzer:
    """Turns question text into a Query, against one index's vocabulary."""

    def __init__(self, analyzer: Analyzer, vocabulary: Iterable[str] = (),
                 glossary: Glossary | None = None, options: QueryOptions | None = None,
                 doc_freq: Callable[[str], int] | None = None, num_docs: int = 0):
        self.analyzer = analyzer
        self.doc_freq = doc_freq
        self.num_docs = num_docs
        self.glossary = glossary if glossary is not None else load_glossary()
        self.options = options or QueryOptions()
        self._vocab = sorted(t for t in vocabulary if t and not t.startswith("#"))
        self._vocab_set = frozenset(self._vocab)
        self._synonyms = self._build_synonyms()
        self.analyze = lru_cache(maxsize=4096)(self._analyze)

    # ---- expansions ------------------------------------------------------------------------
    def _build_synonyms(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Swedish stem → {synonym stem: tokens} through shared English glossary keys."""
        by_key: dict[tuple[str, ...], list[str]] = {}
        for word, keys in self.glossary.swedish_words().items():
            for k in keys:
                by_key.setdefault(k, []).append(word)
        out: dict[str, dict[str, tuple[str, ...]]] = {}
        for words in by_key.values():
            if len(words) < 2:
                continue
            analysed = {w: self.analyzer.word_terms(w) for w in words}
            for terms in analysed.values():
                bucket = out.setdefault(terms[0], {})
                for oterms in analysed.values():
                    # short stems ("var" of "vara") match unrelated words: no synonyms
                    if oterms[0] != terms[0] and len(oterms[0]) >= 4:
                        bucket[oterms[0]] = oterms
        return out

    def inflections(self, token: str) -> list[str]:
        """Vocabulary tokens that differ from `token` only by a short ending, either way."""
        if token[0].isdigit() or len(token) < 4 or token.startswith("#"):
            return []
        m = self.options.max_ending
        out = []
        lo = bisect.bisect_left(self._vocab, token)
        for t in self._vocab[lo:]:
            if not t.startswith(token):
                break
            if t != token and len(t) - len(token) <= m:
                out.append(t)
        for n in range(max(4, len(token) - m), len(token)):
            if token[:n] in self._vocab_set:
                out.append(token[:n])
        return out

    def _add(self, alts: dict[str, float], tokens: Iterable[str], factor: float) -> None:
        inf = self.options.inflection_factor
        for t in tokens:
            if alts.get(t, 0.0) < factor:
                alts[t] = factor
            for v in self.inflections(t):
                if alts.get(v, 0.0) < factor * inf:
                    alts[v] = factor * inf

    def _weight(self, word: str, lang: str) -> float:
        w = min(self.options.max_rarity, rarity(word, lang))
        return w * self.options.frame_weight if word in FRAME_WORDS else w

    def _swedish_concepts(self, word: str, lang: str) -> list[Concept]:
        a = self.analyzer
        terms = a.word_terms(word)
        weight = self._weight(word, lang)
        parts = a.parts(word)
        syn = self.options.synonym_factor

        def alts_for(stem_terms: tuple[str, ...]) -> dict[str, float]:
            alts: dict[str, float] = {}
            self._add(alts, stem_terms, 1.0)
            if syn > 0:
                for s_terms in self._synonyms.get(stem_terms[0], {}).values():
                    self._add(alts, s_terms[:1], syn)
            return alts

        if len(parts) >= 2:
            out = []
            for p in parts:
                alts = alts_for((p,))
                self._add(alts, terms[:1], 1.0)
                out.append(Concept(f"{word}:{p}", weight / len(parts), alts,
                                   1.0 / len(parts)))
            return out
        return [Concept(word, weight, alts_for(terms))]

    def _english_concepts(self, words: list[str]) -> list[Concept]:
        a = self.analyzer
        stems = [english_key(w)[0] if w.isalpha() else w for w in words]
        tf = self.options.translation_factor
        out: list[Concept] = []
        i = 0
        while i < len(words):
            n, translations = self.glossary.match(words, stems, i)
            span = words[i:i + max(n, 1)]
            i += max(n, 1)
            content = [w for w in span if w not in STOPWORDS]
            if not content:
                continue
            weight = max(self._weight(w, "en") for w in content)
            if not translations:
                out.extend(self._swedish_concepts(content[0], "en") if len(content) == 1
                           else [])
                continue
            single = [t for t in translations if " " not in t]
            multi = [t for t in translations if " " in t]
            if single:
                alts: dict[str, float] = {}
                for t in single:
                    self._add(alts, a.word_terms(t.lower())[:1], tf)
                    self._add(alts, a.parts(t.lower()), tf * self.options.part_factor)
                for t in multi:
                    for w in a.words(t):
                        self._add(alts, a.word_terms(w)[:1], tf * 0.8)
                for w in content:  # names and loanwords stand for themselves
                    self._add(alts, a.word_terms(w)[:1], 1.0)
                out.append(Concept(" ".join(span), weight, alts))
            else:
                pieces = a.words(multi[0])
                for w in pieces:
                    alts = {}
                    self._add(alts, a.word_terms(w), tf)
                    out.append(Concept(f"{' '.join(span)}:{w}", weight / len(pieces), alts,
                                       1.0 / len(pieces)))
        return out

    def _analyze(self, text: str, language: str | None = None) -> Query:
        lang = language or detect_language(text)
        words = raw_words(_POSSESSIVE.sub("", text))
        if lang == "en":
            concepts = self._english_concepts(words)
        else:
            concepts = [c for w in words if w not in STOPWORDS
                        for c in self._swedish_concepts(w, "sv")]
        merged: dict[str, Concept] = {}
        for c in concepts:  # a repeated word counts once
            merged.setdefault(c.text, c)
        out = tuple(self._discount(c) for c in merged.values())
        return Query(text, lang, out, is_quantity_question(text))

    def _discount(self, c: Concept) -> Concept:
        """Lower the weight of a concept that many passages share (the report's own topic,
        e.g. "Jämtland"): it tells little about whether this passage answers."""
        if self.doc_freq is None or self.num_docs <= 1 or not self.options.corpus_idf:
            return c
        df = max((self.doc_freq(t) for t, f in c.alts.items() if f >= 0.9), default=0)
        if not df:
            return c
        n = self.num_docs
        idf = math.log(1 + n / df) / math.log(1 + n)
        return replace(c, weight=c.weight * idf ** self.options.corpus_idf)

