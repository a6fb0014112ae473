"""The edition diff: the facts of two editions paired by what they measure, not by position.

A sentence found word for word in both editions pairs its figures in order (nothing
changed there). Every other fact is paired with the fact of the other edition that measures
the same thing: the same unit, a similar noun phrase (stems, text/analyzer.py), similar words
next to the figure and the same sentence frame (the sentence's stems without its figures),
best pairs first; a table cell pairs only with the cell of the same column and row
("Produktion, Bräcke" never with "Produktion, Ragunda"). A pair whose values differ is a
changed figure; a fact left without a partner is new (only in the newer edition) or removed
(only in the older).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reportqa.facts.extract import cell_labels, frame_terms, sentence_facts
from reportqa.facts.table import Fact
from reportqa.text.analyzer import Analyzer

#: Weights of a pair's similarity: the noun phrase counts most, the sentence frame next
#: (reworded sentences keep most of it), the figure's neighbours least (they tell two
#: figures of one sentence apart). Chosen on the generated corpus (bench/diff_bench.py).
MEASURE_WEIGHT, FRAME_WEIGHT, NEAR_WEIGHT = 0.4, 0.4, 0.2
#: Below this similarity two facts measure different things: one is removed, the other new.
MIN_PAIR_SCORE = 0.3
#: Among equally similar partners, the one with the same value (an unchanged figure) wins.
SAME_VALUE_BONUS = 0.05
#: Two counts whose phrases share no whole word ("85 idrottsföreningar", "40
#: pensionärsföreningar": only a compound part) count different things unless the rest of
#: the sentence insists: their similarity is scaled by this.
OTHER_NOUN_FACTOR = 0.5
#: Values this close (relative) are the same figure.
VALUE_TOLERANCE = 1e-9

CHANGED, NEW, REMOVED = "changed", "new", "removed"
KINDS = (CHANGED, NEW, REMOVED)


@dataclass(frozen=True)
class Change:
    kind: str  # CHANGED, NEW or REMOVED
    old: Fact | None
    new: Fact | None
    score: float = 0.0  # the pair's similarity (1.0 for an identical sentence)

    @property
    def measure(self) -> str:
        f = self.new if self.new is not None else self.old
        return f.measure if f is not None else ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "measure": self.measure,
                "unit": (self.new or self.old).unit if (self.new or self.old) else "",
                "old": fact_dict(self.old), "new": fact_dict(self.new)}


def fact_dict(f: Fact | None) -> dict[str, Any] | None:
    """A fact as JSON: the figure as written and as a number, and where it stands."""
    if f is None:
        return None
    return {"value": f.value, "figure": f.fact.figure, "unit": f.unit, "measure": f.measure,
            "sentence": f.sentence, "document": f.document, "section": f.section,
            "page": f.page, "edition": f.edition}


@dataclass(frozen=True)
class EditionDiff:
    series: str
    old_edition: str
    new_edition: str
    old_document: str
    new_document: str
    changes: tuple[Change, ...]
    unchanged: int

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    def counts(self) -> dict[str, int]:
        return {**{k: len(self.of_kind(k)) for k in KINDS}, "unchanged": self.unchanged}

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape `reportqa diff --json` prints and `/series/{id}/changes` returns."""
        return {"series": self.series, "from_edition": self.old_edition,
                "to_edition": self.new_edition,
                "from_document": self.old_document, "to_document": self.new_document,
                "counts": self.counts(), "changes": [c.to_dict() for c in self.changes]}


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(a), abs(b), 1.0)


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 0.0


def similarity(a: Fact, b: Fact, frames: dict[str, frozenset[str]],
               analyzer: Analyzer, cells: dict[str, list[str] | None] | None = None
               ) -> float:
    """How alike what two facts measure, 0..1 (0 for different units, and for two table
    cells of another column or row; `cells`: each sentence's `cell_labels`)."""
    if a.unit != b.unit:
        return 0.0
    if cells is not None:
        la, lb = _cell_of(a, cells), _cell_of(b, cells)
        if la is not None and lb is not None and la != lb:
            return 0.0
    score = (MEASURE_WEIGHT * _jaccard(a.fact.terms, b.fact.terms)
             + FRAME_WEIGHT * _jaccard(frames[a.sentence], frames[b.sentence])
             + NEAR_WEIGHT * _jaccard(a.fact.near, b.fact.near))
    if not a.unit and not _whole_words(a.measure, analyzer) & _whole_words(b.measure,
                                                                           analyzer):
        score *= OTHER_NOUN_FACTOR
    return score


def same_measure(a: str, b: str, analyzer: Analyzer) -> float:
    """How surely two sentences give a figure of the same thing (the best `similarity` of a
    figure of `a` with one of `b`; 0 when either has none): a statement reworded between
    editions ("En villa kostade i genomsnitt 2 150 000 kronor." / "Genomsnittspriset för
    en villa var 1 768 870 kronor."), as the diff pairs it."""
    fa = [Fact(f, a, "", "", None, "", "") for f in sentence_facts(a, analyzer)]
    fb = [Fact(f, b, "", "", None, "", "") for f in sentence_facts(b, analyzer)]
    if not fa or not fb:
        return 0.0
    frames = {a: frame_terms(a, analyzer), b: frame_terms(b, analyzer)}
    cells = {a: cell_labels(a), b: cell_labels(b)}
    return max(similarity(x, y, frames, analyzer, cells) for x in fa for y in fb)


def _cell_of(f: Fact, cells: dict[str, list[str] | None]) -> str | None:
    labels = cells.get(f.sentence)
    return labels[f.fact.position] if labels and f.fact.position < len(labels) else None


def _whole_words(phrase: str, analyzer: Analyzer) -> set[str]:
    """The stems of a phrase's words, without their compound parts."""
    return {analyzer.stem(w) for w in analyzer.words(phrase) if not w[0].isdigit()}


def _same_sentences(old: Sequence[Fact], new: Sequence[Fact]
                    ) -> tuple[list[tuple[Fact, Fact]], list[Fact], list[Fact]]:
    """Facts of sentences both editions have word for word, paired in order; the rest."""
    def by_sentence(facts: Sequence[Fact]) -> dict[str, list[list[Fact]]]:
        out: dict[str, list[list[Fact]]] = defaultdict(list)
        key = None
        for f in facts:
            if (f.row, f.sentence) != key:
                out[f.sentence].append([])
                key = (f.row, f.sentence)
            out[f.sentence][-1].append(f)
        return out

    olds, news = by_sentence(old), by_sentence(new)
    pairs: list[tuple[Fact, Fact]] = []
    paired: set[int] = set()
    for sentence, groups in olds.items():
        for og, ng in zip(groups, news.get(sentence, []), strict=False):
            pairs.extend(zip(og, ng, strict=False))
            paired.update(id(f) for f in (*og, *ng))
    return (pairs, [f for f in old if id(f) not in paired],
            [f for f in new if id(f) not in paired])


def pair_facts(old: Sequence[Fact], new: Sequence[Fact], analyzer: Analyzer
               ) -> list[tuple[Fact | None, Fact | None, float]]:
    """(old, new, score) for every fact: pairs, and lone facts with None on the other side."""
    pairs, rest_old, rest_new = _same_sentences(old, new)
    out: list[tuple[Fact | None, Fact | None, float]] = [(a, b, 1.0) for a, b in pairs]
    frames = {f.sentence: frame_terms(f.sentence, analyzer) for f in (*rest_old, *rest_new)}
    cells = {f.sentence: cell_labels(f.sentence) for f in (*rest_old, *rest_new)}
    candidates = []
    for i, a in enumerate(rest_old):
        for j, b in enumerate(rest_new):
            s = similarity(a, b, frames, analyzer, cells)
            if s >= MIN_PAIR_SCORE:
                bonus = SAME_VALUE_BONUS if same_value(a.value, b.value) else 0.0
                candidates.append((s + bonus, s, i, j))
    candidates.sort(key=lambda c: (-c[0], c[2], c[3]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, s, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        out.append((rest_old[i], rest_new[j], s))
    out += [(a, None, 0.0) for i, a in enumerate(rest_old) if i not in used_old]
    out += [(None, b, 0.0) for j, b in enumerate(rest_new) if j not in used_new]
    return out


def diff_facts(old: Sequence[Fact], new: Sequence[Fact], analyzer: Analyzer
               ) -> tuple[list[Change], int]:
    """(changed, new and removed figures in the newer edition's order, unchanged count)."""
    changes: list[Change] = []
    unchanged = 0
    for a, b, score in pair_facts(old, new, analyzer):
        if a is not None and b is not None:
            if same_value(a.value, b.value):
                unchanged += 1
            else:
                changes.append(Change(CHANGED, a, b, score))
        elif b is not None:
            changes.append(Change(NEW, None, b))
        else:
            changes.append(Change(REMOVED, a, None))

    def order(c: Change) -> tuple[int, int, int]:
        f = c.new if c.new is not None else c.old
        assert f is not None
        return (0 if c.new is not None else 1, f.row, f.fact.position)

    return sorted(changes, key=order), unchanged
