"""Which report a question is about, when it names one: "i mål 3", "in goal 3",
"i klusterrapporten", "i rapporten om besöksnäringen", "the report on skills".

An index of several report series answers a question that names one of them from that
series alone (each of its editions: the newest is preferred as for any question). A series
is named by its goal number, or by a word of its goal's name: "rapporten om X", "X-rapporten",
"Xrapporten", "the report on X", "the X report", where X shares a word with exactly one
series' goal name ("Fler kluster" ← "klusterrapporten"). A name that fits several series,
or none, names no scope: the question is answered from every report, as it would be anyway.

The goal phrase ("i mål 3") is taken out of the text that is searched, as an edition phrase
is: the words say where to look, not what to find. A "rapporten om X" phrase is kept, since X
is often also what the question asks about ("Vad säger rapporten om besöksnäringen?").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportqa.facts.series import SeriesInfo, series_id
from reportqa.ingest.editions import without_span

#: "mål 3", "goal 3", with the words before it that belong to the phrase ("i", "enligt", "för
#: …"), so that "Hur många jobbar i industrin i mål 1?" searches "Hur många jobbar i industrin?".
GOAL_PHRASE = re.compile(
    r"(?:\b(?:i|inom|för|från|enligt|av|om|in|for|from|of|on|under|according\s+to)\s+)?"
    r"(?:(?:rapporten|uppföljningen|the\s+report|the\s+follow-up)\s+(?:för|om|of|on|for)\s+)?"
    r"\b(?:mål|målet|goal)\s+(?P<n>\d{1,2})\b(?:[-–]rapporten)?",
    re.IGNORECASE)
#: A report word inside a goal phrase ("rapporten om mål 8", "mål 7-rapporten").
_REPORT_WORD = re.compile(r"rapporten|uppföljningen|the\s+report|the\s+follow-up|-rapporten",
                          re.IGNORECASE)
#: "rapporten om X", "the report on X": X is one or two words.
_REPORT_ON = re.compile(
    r"\b(?:rapporten|uppföljningen|the\s+report|the\s+follow-up)\s+(?:om|kring|för|on|about|"
    r"for)\s+(?:(?:den|det|de|the)\s+)?(?P<x>[^\W\d_]+(?:\s+[^\W\d_]+)?)", re.IGNORECASE)
#: "klusterrapporten", "kluster-rapporten", "the cluster report".
_COMPOUND = re.compile(
    r"\b(?P<x>[^\W\d_]{3,}?)-?rapport(?:en)?\b|\bthe\s+(?P<y>[^\W\d_]{3,})\s+report\b",
    re.IGNORECASE)
#: Words of a goal name that do not tell goals apart ("Fler i arbete", "En tillgänglig region").
NAME_STOP = frozenset(("fler", "en", "ett", "i", "och", "av", "för", "rätt", "mer", "bättre",
                       "the", "more", "a", "of", "and", "in", "region", "länet"))


@dataclass(frozen=True)
class ReportScope:
    """The series a question names and the documents (its editions) it is answered from."""

    series: SeriesInfo
    span: tuple[int, int] | None = None  # a goal phrase to leave out of the searched text
    # … the report word to leave in its place, where the phrase had one: "i förra rapporten
    # om mål 8" → "i förra rapporten", which still names the edition
    keep: str = ""

    @property
    def documents(self) -> tuple[str, ...]:
        return self.series.documents

    def without_phrase(self, question: str) -> str:
        return without_span(question, self.span, self.keep)


def goal_series(number: str, series: Sequence[SeriesInfo]) -> list[SeriesInfo]:
    """The series whose name has "Mål <number>" in it."""
    key = series_id(f"mål {number}")
    return [s for s in series if f"-{key}-" in f"-{s.id}-"]


def goal_words(name: str) -> list[str]:
    """The words of a series' goal (the part of its name after "Mål N." and before a
    parenthesis that explains it), lower case."""
    goal = re.split(r"\b(?:mål|goal)\s+\d{1,2}\b\.?", name, maxsplit=1, flags=re.IGNORECASE)
    part = (goal[1] if len(goal) > 1 else name).split("(", 1)[0]
    return [w for w in re.findall(r"[^\W\d_]+", part.lower()) if w not in NAME_STOP]


def find_scope(question: str, series: Sequence[SeriesInfo],
               stem: Callable[[str], str]) -> ReportScope | None:
    """The series the question names, when the index has several and exactly one fits."""
    if len(series) < 2:
        return None
    m = GOAL_PHRASE.search(question)
    if m:
        named = goal_series(m.group("n"), series)
        said = _REPORT_WORD.search(m.group(0))
        keep = ("the report" if said.group(0).lower().startswith("the")
                else "rapporten") if said else ""
        return ReportScope(named[0], m.span(), keep) if len(named) == 1 else None
    for pattern in (_REPORT_ON, _COMPOUND):
        for m in pattern.finditer(question):
            words = [w for w in (m.groupdict().get("x"), m.groupdict().get("y")) if w]
            named = _by_name(" ".join(words), series, stem)
            if named is not None:
                return ReportScope(named)
    return None


def _by_name(phrase: str, series: Sequence[SeriesInfo],
             stem: Callable[[str], str]) -> SeriesInfo | None:
    """The one series whose goal name shares a word (by stem, or one word beginning the
    other: "besöksnärings" ~ "besöksnäring") with the phrase."""
    wanted = [w for w in re.findall(r"[^\W\d_]+", phrase.lower()) if w not in NAME_STOP]
    if not wanted:
        return None

    def fits(s: SeriesInfo) -> bool:
        for n in goal_words(s.name):
            for w in wanted:
                if stem(w) == stem(n) or (min(len(w), len(n)) >= 5
                                          and (w.startswith(n) or n.startswith(w))):
                    return True
        return False

    named = [s for s in series if fits(s)]
    return named[0] if len(named) == 1 else None
