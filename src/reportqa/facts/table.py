"""The fact table: a row per figure of a passage, as the index stores it and as the diff
reads it (`Fact`: the figure with its sentence, page, document, series and edition)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reportqa.facts.extract import SentenceFact, sentence_facts
from reportqa.text.analyzer import Analyzer

#: Separates the stems of a fact's `terms` and `near` in the database (stems never hold it).
TERM_SEP = " "


@dataclass(frozen=True)
class Fact:
    """A figure where it stands: what the diff pairs and shows."""

    fact: SentenceFact
    sentence: str
    document: str
    section: str
    page: int | None
    series: str
    edition: str
    row: int = 0  # the passage's row: document order

    @property
    def value(self) -> float:
        return self.fact.value

    @property
    def unit(self) -> str:
        return self.fact.unit

    @property
    def measure(self) -> str:
        return self.fact.measure


def fact_row(row: int, f: SentenceFact) -> tuple:
    """The database row of a passage's fact: (row, position, value, unit, figure, measure,
    terms, near)."""
    return (row, f.position, f.value, f.unit, f.figure, f.measure, TERM_SEP.join(f.terms),
            TERM_SEP.join(f.near))


def from_row(r: Sequence) -> SentenceFact:
    """A `fact_row` (without its passage row) read back."""
    position, value, unit, figure, measure, terms, near = r
    return SentenceFact(int(position), float(value), unit, figure, measure,
                        tuple(t for t in terms.split(TERM_SEP) if t),
                        tuple(t for t in near.split(TERM_SEP) if t))


def facts_of_passages(passages: Iterable[Any], series: str, edition: str,
                      analyzer: Analyzer) -> list[Fact]:
    """The facts of passages (ingest's `Passage` or the database's `PassageRow`: doc,
    section, page, text; `row` or else `ordinal` for their order), extracted now."""
    return [Fact(f, p.text, p.doc, p.section, p.page, series, edition,
                 getattr(p, "row", p.ordinal))
            for p in passages for f in sentence_facts(p.text, analyzer)]
