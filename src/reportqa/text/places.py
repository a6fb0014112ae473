"""Places a question names: Sweden's municipalities and counties and the world's countries.

`places_named("Hur stor andel av industrins kunder finns i Norge?")` gives the names of
Norway, ("Norway", "Norge"), so that the answerer can tell a question about a place the
reports never mention from one about the place they are written for. The list is general
(data/places.tsv, tools/write_places.py), not any report's.

A name counts when the question writes it as a name: capitalised after the first word
("… i Norge", "… in Norway"), typed in any case when it is no everyday word ("hade
östersund"), or after a preposition of place or before "kommun", "län", "municipality" or
"county" in any case and with or without å, ä and ö ("i norge",
"vasternorrlands lan"), since phone typing drops both. Names that are also everyday words
("Mark", "Vara", "Berg") are then names only where the question's grammar says so. A
capitalised place next to another capitalised word is part of a longer name ("Mid Sweden
University") and names no place.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from reportqa.text.analyzer import STOPWORDS
from reportqa.text.glossary import load_general_glossary, load_glossary
from reportqa.text.thesaurus import load_thesaurus

__all__ = ["places_named", "with_place_names"]

#: Words after which a word is read as a place even in lower case ("i norge").
PLACE_PREPOSITIONS = frozenset(("i", "in", "från", "fran", "from", "utanför", "utanfor",
                                "outside", "inom", "within"))
#: Words before which a word is read as a place ("sundsvalls kommun", "umea county").
PLACE_NOUNS = frozenset(("kommun", "kommuner", "kommunen", "län", "lan", "länet", "lanet",
                         "municipality", "county", "region"))
_WORD = re.compile(r"[\wéü]+(?:-[\wéü]+)*")
_FOLD = str.maketrans("åäöéü", "aaoeu")
#: The longest name in words ("Upplands Väsby", "Västra Götalands län").
MAX_WORDS = 4


def _key(words: list[str]) -> str:
    return " ".join(w.lower().translate(_FOLD) for w in words)


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, ...]]:
    """Each name, folded to lower case without å/ä/ö, → the names of its place."""
    text = resources.files("reportqa.text").joinpath("data/places.tsv").read_text("utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names = tuple(line.split("\t"))
        for name in names:
            out.setdefault(_key(name.split()), names)
    return out


def _everyday(word: str) -> bool:
    """Whether a word is also an everyday word ("berg", "vara", "are"), so that it names a
    place only where capitalised or the grammar says so; "östersund" is a name as typed."""
    low = word.lower()
    return low in STOPWORDS or load_thesaurus().knows(low) or low in _glossary_words()


@lru_cache(maxsize=1)
def _glossary_words() -> frozenset[str]:
    """The everyday Swedish words of the English–Swedish glossaries."""
    return load_glossary().everyday_swedish_words() | (
        load_general_glossary().everyday_swedish_words())


def _named_with(words: list[str], j: int) -> bool:
    """Whether words[j] is a capitalised word that is no place itself (and not the
    question's first word, capitalised anyway)."""
    return (0 < j < len(words) and words[j][:1].isupper()
            and _key([words[j]]) not in _places())


def places_named(question: str) -> list[tuple[str, ...]]:
    """The places `question` names, each as all its names (see the module's docstring); a
    Swedish genitive ("Norges", "Västernorrlands") names the place too."""
    found: list[tuple[str, ...]] = []
    for _, _, names in _named_spans(question):
        if names not in found:
            found.append(names)
    return found


def with_place_names(question: str) -> str:
    """`question` with the places it types without å, ä, ö spelled as their names ("in
    Are" → "in Åre"): an English word that is also a place ("Are") is read as the place
    only where places_named reads it so."""
    out = question
    for start, end, names in reversed(_named_spans(question)):
        typed = question[start:end]
        name = next((n for n in names if n != typed and n.isalpha() and _key([n]) == _key([typed])),
                    None)
        if name is not None:
            out = out[:start] + name + out[end:]
    return out


def _named_spans(question: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Each place `question` names: where it stands (character offsets) and its names."""
    places = _places()
    matches = list(_WORD.finditer(question))
    words = [m.group(0) for m in matches]
    found: list[tuple[int, int, tuple[str, ...]]] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            span = words[i:i + n]
            key = _key(span)
            names = places.get(key) or (places.get(key[:-1]) if key.endswith("s") else None)
            if names is None:
                continue
            before = words[i - 1].lower() if i else ""
            after = words[i + n].lower() if i + n < len(words) else ""
            # a municipality (one name) typed in lower case; not a country ("mid sweden
            # university"), whose name is part of other names too
            capitalised = (i > 0 and span[0][:1].isupper()) or (
                n == 1 and len(names) == 1 and not _everyday(span[0]))
            if capitalised and (_named_with(words, i - 1) or _named_with(words, i + n)):
                break  # part of a longer name: "Mid Sweden University", "Gomorron Östersund"
            if capitalised or before in PLACE_PREPOSITIONS or after in PLACE_NOUNS:
                found.append((matches[i].start(), matches[i + n - 1].end(), names))
                i += n - 1
                break
        i += 1
    return found
