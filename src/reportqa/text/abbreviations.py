"""Abbreviations a question types that the reports write out: "sfi" for "svenska för
invandrare", "yh" for "yrkeshögskolan". Found in the index's own text, when a question has
a short word the index lacks: the words whose initials spell it, or a compound whose parts'
initials do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from reportqa.text.analyzer import STOPWORDS
from reportqa.text.vocabulary import split_compound

#: An abbreviation is this long ("yh" … "dua", "sfi", "komvux" is a word of its own).
MIN_LETTERS = 2
MAX_LETTERS = 4
#: Spelled by more distinct phrases of the reports than this, it is no abbreviation of
#: theirs but a chance of initials ("som finns i" is excluded already: it starts with a stop
#: word).
MAX_MEANINGS = 1
T = TypeVar("T")

#: Words and numbers: a number between two words breaks their phrase ("omkring 49 000
#: kvadratkilometer" spells no "ok").
_TOKEN = re.compile(r"[\w]+(?:-[\w]+)*")


def _initials(parts: Iterable[str]) -> str:
    return "".join(p[0] for p in parts).lower()


def _flat_parts(word: str) -> list[str]:
    """A compound's parts, a part that is a compound itself split too: "yrkeshögskolan" →
    "yrke", "hög", "skolan" (or "yrke", "högskolan", as the word list has it)."""
    parts = split_compound(word)
    if not parts:
        return [word]
    return [q for p in parts for q in _flat_parts(p)]


def written_out(abbreviation: str, texts: Iterable[str]) -> list[tuple[str, ...]]:
    """The phrases (lower-cased words) of `texts` that `abbreviation` stands for, or []
    when it stands for none or for too many (MAX_MEANINGS) to be one of them: the words
    whose initials spell it (a phrase that neither starts nor ends with a stop word, of
    three letters or more), or compounds whose leading parts' initials do ("yh"); or the
    one name the reports write with a hyphen that it spells without ("iucz" → "iuc-z")."""
    short = abbreviation.lower()
    texts = list(texts)
    hyphenated = {w.lower() for text in texts for w in _TOKEN.findall(text)
                  if "-" in w and w.replace("-", "").lower() == short}
    if len(hyphenated) == 1:  # "iucz" typed for the reports' "IUC-Z"
        return [tuple(hyphenated.pop().split("-"))]
    meanings: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for text in texts:
        words = _TOKEN.findall(text)
        for i, w in enumerate(words):
            low = w.lower()
            if low[0] != short[0] or low in STOPWORDS or not low.isalpha():
                continue
            parts = _flat_parts(low)
            if len(parts) >= len(short) and _initials(parts[:len(short)]) == short:
                # one meaning however the compound ends ("yrkeshögskolan",
                # "yrkeshögskoleutbildningar")
                meanings.setdefault(("", parts[0]), set()).add((low,))
            span = words[i:i + len(short)]
            if (len(short) > MIN_LETTERS and len(span) == len(short)
                    and all(x.isalpha() for x in span) and _initials(span) == short
                    and span[-1].lower() not in STOPWORDS):
                phrase = tuple(x.lower() for x in span)
                meanings.setdefault(phrase, set()).add(phrase)
    if not 0 < len(meanings) <= MAX_MEANINGS:
        return []
    return sorted(set().union(*meanings.values()))


def _over_texts(texts: Callable[[], list[str]], answer: Callable[[str, list[str]], T]
                ) -> Callable[[str], T]:
    """`answer(word, texts)` over an index's passages, read once on first use, with its
    answers kept: most questions have no abbreviation, so most indexes never read them."""
    loaded: list[list[str]] = []

    @lru_cache(maxsize=1024)
    def ask(word: str) -> T:
        if not loaded:
            loaded.append(texts())
        return answer(word, loaded[0])

    return ask


def abbreviation_finder(texts: Callable[[], list[str]]
                        ) -> Callable[[str], list[tuple[str, ...]]]:
    """`written_out` over an index's passages (_over_texts), for a word as short as an
    abbreviation."""
    find = _over_texts(texts, written_out)

    def finder(abbreviation: str) -> list[tuple[str, ...]]:
        if not MIN_LETTERS <= len(abbreviation) <= MAX_LETTERS or not abbreviation.isalpha():
            return []
        return find(abbreviation)

    return finder


def spells_a_name(acronym: str, texts: Iterable[str]) -> bool:
    """Whether `texts` write out a name whose initials spell `acronym`: words in a row that
    are no stop words, the first capitalised, the last perhaps with its compound parts'
    initials ("Dagens industri" for "DI", "Europeiska socialfonden" for "ESF", "Jämtland
    Härjedalen" for "JH")."""
    short = acronym.lower()
    for text in texts:
        words = _TOKEN.findall(text)
        for i, w in enumerate(words):
            if not w[:1].isupper() or w.lower()[0] != short[0]:
                continue
            spelled = ""
            for x in words[i:i + len(short)]:
                low = x.lower()
                if low in STOPWORDS or not low.isalpha():
                    break
                rest = short[len(spelled):]
                parts = _flat_parts(low)
                if len(parts) > 1 and _initials(parts[:len(rest)]) == rest:
                    return True  # the last word's parts spell the rest ("socialfonden")
                spelled += low[0]
                if spelled == short:
                    return len(short) > 1 and i + len(short) <= len(words)
                if not short.startswith(spelled):
                    break
    return False


def initials_finder(texts: Callable[[], list[str]]) -> Callable[[str], bool]:
    """`spells_a_name` over an index's passages (_over_texts)."""
    return _over_texts(texts, spells_a_name)
