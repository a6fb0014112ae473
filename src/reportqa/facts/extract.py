"""Facts of a sentence: each figure with what it counts or measures.

What a figure measures is the noun phrase it is bound to: the words after it ("5 400
personer inom industrin", "90 % av industrins kunder") up to the end of the clause, else
the words before it ("Andelen med eftergymnasial utbildning är 41 %"). The phrase is kept as
written (`measure`) and as the project analyzer's stems (`terms`), so that "industrin" and
"industrinäringar", "omsätter" and "omsättningen" meet when facts of two editions are paired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportqa.facts.numbers import Figure, find_figures
from reportqa.text.analyzer import Analyzer

#: Words of the phrase after a figure that it measures ("personer inom olika
#: industrinäringar" is 4): enough for a noun and its attribute, short of the next clause.
MEASURE_AFTER = 4
#: Words before a figure taken when nothing follows it ("Andelen … är 41 %").
MEASURE_BEFORE = 5
#: Words on each side of a figure that say where in its sentence it stands.
NEAR_WORDS = 3
#: Words that end a clause: a figure's phrase stops there.
CLAUSE_WORDS = frozenset((
    "och", "som", "vilket", "vilka", "men", "medan", "där", "samt", "eller", "varav", "jämfört",
    "motsvarande", "då", "när", "till", "från", "and", "which", "while",
))
#: Words that only grade a figure ("ca 5 400"): not part of what it measures.
GRADE_WORDS = frozenset((
    "ca", "cirka", "drygt", "knappt", "nästan", "omkring", "ungefär", "runt", "över", "under",
    "mer", "än", "minst", "högst", "närmare", "uppemot", "ett", "en", "tal",
))
#: Words that bind a unit's figure to what follows it ("90 % av industrins kunder").
OF_WORDS = frozenset(("av", "inom", "i", "för", "of"))
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_CLAUSE_END = re.compile(r"[.,;:!?()]")


@dataclass(frozen=True)
class SentenceFact:
    """A figure of a sentence with what it measures; `position` is its order in the sentence."""

    position: int
    value: float
    unit: str
    figure: str  # as written: "ca 5 400 personer" → "5 400"
    measure: str  # the noun phrase, as written
    terms: tuple[str, ...]  # its stems (text/analyzer.py)
    near: tuple[str, ...]  # stems of the words next to the figure


def _clause_after(sentence: str, end: int) -> str:
    m = _CLAUSE_END.search(sentence, end)
    return sentence[end:m.start() if m else len(sentence)]


def _clause_before(sentence: str, start: int) -> str:
    cut = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)), default=0)
    return sentence[cut:start]


def _phrase(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if w.lower() in CLAUSE_WORDS:
            break
        if w.lower() not in GRADE_WORDS:
            out.append(w)
    return out


def measure_phrase(sentence: str, fig: Figure) -> str:
    """The noun phrase a figure is bound to, as written."""
    after = _phrase(_WORDS.findall(_clause_after(sentence, fig.end)))[:MEASURE_AFTER]
    if after and (not fig.unit or after[0].lower() in OF_WORDS):
        return " ".join(after)
    before = _WORDS.findall(_clause_before(sentence, fig.start))
    before = [w for w in before if w.lower() not in GRADE_WORDS]
    return " ".join(before[-MEASURE_BEFORE:])


def _terms(analyzer: Analyzer, text: str) -> tuple[str, ...]:
    """The analyzer's terms of each word (stem, compound parts; cached per word), without
    figures: what `Analyzer.tokens` gives, read word by word so that the passage tokens the
    build makes (and reuses) stay the only `tokens` calls of a build."""
    terms = (t for w in analyzer.words(text) for t in analyzer.word_terms(w))
    return tuple(dict.fromkeys(t for t in terms if not t[0].isdigit()))


def near_words(sentence: str, fig: Figure, n: int = NEAR_WORDS) -> str:
    before = _WORDS.findall(sentence[:fig.start])[-n:]
    after = _WORDS.findall(sentence[fig.end:])[:n]
    return " ".join(before + after)


def sentence_facts(sentence: str, analyzer: Analyzer) -> list[SentenceFact]:
    """Every figure of `sentence` as a fact, in order."""
    out = []
    for i, fig in enumerate(find_figures(sentence)):
        measure = measure_phrase(sentence, fig)
        out.append(SentenceFact(i, fig.value, fig.unit, fig.text, measure,
                                _terms(analyzer, measure),
                                _terms(analyzer, near_words(sentence, fig))))
    return out


def frame_terms(sentence: str, analyzer: Analyzer) -> frozenset[str]:
    """The sentence's frame: its stems without the figures."""
    return frozenset(_terms(analyzer, sentence))


#: A table row as ingest/tables.py writes it: cells "COLUMN, ROW: figure" joined by "; ".
_CELL = re.compile(r"(?P<label>[^:;]+):\s+(?P<value>[^;]+)")


def cell_labels(sentence: str) -> list[str] | None:
    """The cell label ("produktion, bräcke") of each figure of a table row's text, in order;
    None when the text is not a table row. A cell's figure means its column at its row: a
    figure of another row is another thing even when the words around it are the same."""
    parts = sentence.strip().rstrip(".").split("; ")
    labels: list[str] = []
    for part in parts:
        m = _CELL.fullmatch(part.strip())
        if not m:
            return None
        labels += [" ".join(m.group("label").lower().split())] * len(
            find_figures(m.group("value")))
    return labels or None
