"""The question "what changed since the last edition?" and its answer from the edition diff.

A small, clearly detected question class: the question starts by asking what changed, what is
new or which figures changed ("Vad har ändrats sedan förra uppföljningen?", "Vilka siffror har
ändrats i mål 5?", "What changed?", "What's new in the 2021 edition?"). A question about how
one thing developed ("Hur har sysselsättningen förändrats?") is not in it: retrieval answers
that. The series is the one the question names ("mål 5"), else the only series with two
editions; the answer lists the changed, new and removed figures of its two newest editions
and quotes the sentences in its sources.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportqa.ask.scope import GOAL_PHRASE, goal_series
from reportqa.facts.diff import EditionDiff
from reportqa.facts.series import SeriesInfo, edition_label
from reportqa.types import Answer, Source

_CHANGES = re.compile(
    r"^\s*(?:(?:och\s+)?vad\s+(?:har|är\s+det\s+som\s+har|är\s+det\s+som)?\s*(?:ändrats|"
    r"förändrats|ändrat\s+sig)|vad\s+är\s+nytt|vilka\s+(?:siffror|uppgifter|tal)\s+har"
    r"\s+(?:ändrats|förändrats)|(?:and\s+)?what(?:'s|\s+is|\s+has|\s+have)?\s+(?:changed|new)|"
    r"which\s+(?:figures|numbers)\s+(?:have\s+)?changed)\b(?P<rest>[^?]*)\??\s*$",
    re.IGNORECASE)
#: The only words the rest of such a question may have: which editions, which report or
#: goal. Any other word narrows it to a topic ("… i industrin?"), which retrieval answers.
SCOPE_WORDS = frozenset((
    "sedan", "sen", "förra", "föregående", "senaste", "tidigare", "uppföljningen",
    "uppföljning", "rapporten", "rapport", "upplagan", "upplaga", "året", "år", "i", "till",
    "från", "mellan", "och", "det", "den", "nya", "nyaste", "jämfört", "med", "mål", "av",
    "för", "om",
    "in", "since", "the", "last", "previous", "edition", "report", "update", "year", "goal",
    "to", "from", "with", "compared", "between", "and", "of", "latest", "newest", "this",
))
#: Changes listed in the answer's text; the sources quote as many (the rest: `reportqa diff`).
LISTED_CHANGES = 8
#: What the kinds of change are called in each language.
KIND_WORDS = {"sv": {"changed": "ändrad", "new": "ny", "removed": "borttagen"},
              "en": {"changed": "changed", "new": "new", "removed": "removed"}}


def asks_for_changes(question: str) -> bool:
    """Whether the question asks what changed between editions (and nothing narrower)."""
    m = _CHANGES.match(question)
    if not m:
        return False
    rest = re.findall(r"[^\W\d_]+", m.group("rest").lower())
    return all(w in SCOPE_WORDS for w in rest)


def series_asked(question: str, series: Sequence[SeriesInfo]) -> SeriesInfo | None:
    """The series with two or more editions the question names, else the only one."""
    several = [s for s in series if len(s.editions) > 1]
    goal = GOAL_PHRASE.search(question)
    if goal:
        named = goal_series(goal.group("n"), several)
        return named[0] if len(named) == 1 else None
    return several[0] if len(several) == 1 else None


def _figure(f) -> str:
    return f.fact.figure if f is not None else "–"


def changes_answer(question: str, diff: EditionDiff, language: str, title: str) -> Answer:
    """The diff as an answer: a short list in the text, each change's sentences quoted as a
    source (the newer sentence, with the older one before it)."""
    old, new = edition_label(diff.old_edition), edition_label(diff.new_edition)
    c = diff.counts()
    words = KIND_WORDS[language]
    if language == "en":
        head = (f"From the {old} edition to {new} ({diff.series}): {c['changed']} figures "
                f"changed, {c['new']} new, {c['removed']} removed.")
    else:
        head = (f"Från uppföljningen {old} till {new} ({diff.series}): {c['changed']} "
                f"siffror har ändrats, {c['new']} är nya och {c['removed']} har tagits bort.")
    listed = diff.changes[:LISTED_CHANGES]
    lines = [f"{words[ch.kind]}: {_figure(ch.old)} → {_figure(ch.new)} ({ch.measure})"
             for ch in listed]
    more = len(diff.changes) - len(listed)
    if more > 0:
        lines.append(f"… +{more}")
    sources = []
    for ch in listed:
        f = ch.new if ch.new is not None else ch.old
        assert f is not None
        quoted = " ".join(f"{edition_label(x.edition)}: “{x.sentence}”"
                          for x in (ch.old, ch.new) if x is not None)
        sources.append(Source(f.document, title, f.section, f.page, quoted, f.sentence, 1.0,
                              edition=f.edition))
    return Answer(question, "\n".join([head, *lines]), 1.0, sources, language)
