"""Swedish-aware sentence splitting and passages: each sentence with its context.

A passage is one sentence, plus the sentence before it (same section) as context and the
section heading. The context resolves references such as "Branschen omsätter …", which
means tourism only because of the sentence before it. A table row (ingest/tables.py) is one
passage whatever its punctuation, with the table's caption as its context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportqa.ingest.blocks import ROW, Document
from reportqa.limits import MAX_SENTENCE_CHARS

# Lower-cased abbreviations (without their final period) that do not end a sentence.
ABBREVIATIONS = frozenset((
    "ca", "cirka", "t.ex", "bl.a", "m.fl", "m.m", "o.s.v", "osv", "dvs", "d.v.s", "etc", "jfr",
    "resp", "s.k", "ang", "bl.a.", "t.o.m", "fr.o.m", "kl", "nr", "st", "s", "sid", "kap",
    "tel", "mfl", "mm", "tex", "ex", "el", "inkl", "exkl", "f.d", "p.g.a", "pga", "ung",
    "prof", "dr", "mr", "mrs", "ms", "jr", "sr", "vs", "e.g", "i.e", "approx", "no", "milj",
    "mdr", "mkr", "tkr", "kr", "kvm", "tim", "min", "sek", "f.kr", "e.kr", "o.d", "o.a", "d.ä",
    "d.y", "u.a", "v.g.v",
))

_BOUNDARY = re.compile(r"([.!?…]+)([\"”’»)\]]*)(\s+)(?=[\"“”«(\[]?[A-ZÅÄÖÉÜ0-9])")


@dataclass(frozen=True)
class Passage:
    doc: str  # document name (file name relative to the corpus)
    section: str
    page: int | None
    ordinal: int  # position of the sentence in its document
    text: str  # the sentence
    context: str  # the sentence before it in the same section, or ""

    @property
    def full_text(self) -> str:
        """Context and sentence, as shown to a reader."""
        return f"{self.context} {self.text}".strip()

    def index_text(self) -> str:
        """What is embedded and indexed: heading, context, sentence."""
        parts = [self.section, self.context, self.text]
        return " ".join(p for p in parts if p)


def _is_abbreviation(before: str) -> bool:
    """True when the text before a period ends in an abbreviation or an initial."""
    m = re.search(r"(\S+)$", before)
    if not m:
        return False
    word = m.group(1).lower().lstrip("(\"“«")
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    return bool(re.fullmatch(r"[a-zåäö]", word))  # single initial: "A. Svensson"


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences without breaking on ca, t.ex., bl.a., m.fl., …"""
    text = " ".join(text.split())
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(1) == "." and _is_abbreviation(text[start : m.start()]):
            continue
        end = m.end(2)
        sentence = text[start:end].strip()
        if sentence:
            out.append(sentence)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [piece for s in out for piece in _limit_length(s)]


def _limit_length(sentence: str, limit: int = MAX_SENTENCE_CHARS) -> list[str]:
    """Split an over-long sentence at semicolons or commas so that no piece exceeds limit."""
    if len(sentence) <= limit:
        return [sentence]
    for sep in ("; ", ", ", " "):
        parts = sentence.split(sep)
        if len(parts) == 1:
            continue
        pieces, buf = [], ""
        for part in parts:
            cand = f"{buf}{sep}{part}" if buf else part
            if len(cand) <= limit:
                buf = cand
            else:
                if buf:
                    pieces.append(buf + sep.rstrip())
                buf = part
        if buf:
            pieces.append(buf)
        if all(len(p) <= limit for p in pieces):
            return pieces
    return [sentence[i : i + limit] for i in range(0, len(sentence), limit)]


def chunk_document(doc: Document) -> list[Passage]:
    passages: list[Passage] = []
    prev_section: str | None = None
    prev_sentence = ""
    for block in doc.blocks:
        if block.section != prev_section:
            prev_sentence = ""
            prev_section = block.section
        if block.kind == ROW:  # one passage per table row, its caption as context
            for piece in _limit_length(" ".join(block.text.split())):
                passages.append(Passage(doc=doc.name, section=block.section, page=block.page,
                                        ordinal=len(passages), text=piece,
                                        context=block.context))
            continue
        for sentence in split_sentences(block.text):
            passages.append(
                Passage(
                    doc=doc.name,
                    section=block.section,
                    page=block.page,
                    ordinal=len(passages),
                    text=sentence,
                    context=prev_sentence,
                )
            )
            prev_sentence = sentence
    return passages
