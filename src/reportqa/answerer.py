"""Pick the sentence that answers, quoted verbatim, or abstain below a calibrated confidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .language import detect_language
from .lexical import Analyzer
from .retriever import Hit

MAX_ANSWER_CHARS = 400

_QUANTITY = re.compile(
    r"\b(hur\s+(många|mycket|stor(t|a)?\s+(andel|del)|stor)|vilken\s+andel|hur\s+hög|"
    r"antal|how\s+(many|much|large|big|high)|what\s+(share|percentage|proportion|portion)|"
    r"number\s+of)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d|\b(en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|hundra|tusen|"
                     r"miljon(er)?|miljard(er)?)\b", re.IGNORECASE)
# A sentence that starts like this leans on the one before it for its meaning.
_ANAPHORIC = re.compile(
    r"^(det|den|detta|denna|dessa|de|där|här|branschen|klustret|sektorn|näringen|han|hon|"
    r"i detta|i denna|inom denna|motsvarande)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Source:
    document: str
    title: str
    section: str
    page: int | None
    text: str  # the passage: context and sentence
    sentence: str  # the sentence of the passage that answers
    score: float
    indexed_at: str = ""


@dataclass
class Answer:
    question: str
    text: str | None
    confidence: float
    sources: list[Source] = field(default_factory=list)
    language: str = "sv"

    @property
    def found(self) -> bool:
        return self.text is not None


def is_quantity_question(question: str) -> bool:
    return bool(_QUANTITY.search(question))


def coverage(question: str, text: str, analyzer: Analyzer) -> float:
    """Share of the question's content words that the passage contains (stem or n-gram)."""
    q_words = analyzer.words(question)
    if not q_words:
        return 0.0
    p_tokens = set(analyzer.tokens(text))
    hits = 0.0
    for w in q_words:
        toks = analyzer.tokens(w)
        if not toks:
            continue
        if toks[0] in p_tokens:
            hits += 1
        else:
            grams = [t for t in toks[1:] if t.startswith("#")]
            if grams:
                hits += sum(g in p_tokens for g in grams) / len(grams) * 0.8
    return hits / len(q_words)


def answer_text(hit: Hit) -> str:
    """The answering sentence, with the one before it only when it needs it to make sense."""
    sentence = hit.passage.text
    ctx = hit.passage.context
    if ctx and _ANAPHORIC.match(sentence) and len(ctx) + 1 + len(sentence) <= MAX_ANSWER_CHARS:
        return f"{ctx} {sentence}"
    return sentence[:MAX_ANSWER_CHARS]


class Answerer:
    def __init__(self, analyzer: Analyzer, threshold: float, documents: dict[str, dict]):
        self.analyzer = analyzer
        self.threshold = threshold
        self.documents = documents

    def confidence(self, question: str, hit: Hit) -> float:
        cov = coverage(question, hit.passage.full_text + " " + hit.passage.section,
                       self.analyzer)
        return round(0.6 * cov + 0.4 * max(0.0, hit.dense), 4)

    def answer(self, question: str, hits: list[Hit], top_k: int = 3) -> Answer:
        lang = detect_language(question)
        if not hits:
            return Answer(question, None, 0.0, [], lang)
        # Interim: the sentence itself must carry the question's words (rewritten below).
        best = max(hits[:5], key=lambda h: h.score + coverage(question, h.passage.text,
                                                               self.analyzer))
        if is_quantity_question(question) and not _NUMBER.search(best.passage.text):
            for h in hits[:3]:
                if _NUMBER.search(h.passage.text) and h.score >= 0.6 * best.score:
                    best = h
                    break
        conf = self.confidence(question, best)
        ordered = [best] + [h for h in hits if h is not best]
        sources = self._sources(ordered, top_k)
        text = answer_text(best) if conf >= self.threshold else None
        return Answer(question, text, conf, sources, lang)

    def _sources(self, hits: list[Hit], top_k: int) -> list[Source]:
        out: list[Source] = []
        seen: set[str] = set()
        for h in hits:
            key = " ".join(h.passage.text.lower().split())
            if key in seen:
                continue
            seen.add(key)
            doc = self.documents.get(h.passage.doc, {})
            out.append(Source(h.passage.doc, doc.get("title", h.passage.doc), h.passage.section,
                              h.passage.page, h.passage.full_text, h.passage.text,
                              round(float(h.score), 4), doc.get("indexed_at", "")))
            if len(out) >= top_k:
                break
        return out
