"""The English → Swedish glossaries and the synonyms the curated one implies.

English questions over Swedish reports are expanded word by word (phrases first) into
Swedish search terms. Two word lists:
- data/glossary_en_sv.txt, curated for regional reports: its Swedish words that translate
  the same English word are also weak synonyms of each other ("jobba" ~ "arbeta").
- data/general_en_sv.txt, the content words among the 12,000 most frequent English words
  and a domain section: a fallback for translation only, because its broad senses ("point"
  = punkt, poäng) would make unrelated Swedish words synonyms.
data/strong_verbs_sv.txt: the forms of Swedish strong verbs ("omsätter", "omsatte"), which
stemming does not bring together.
data/stopwords_en_extra.txt: English words that never decide whether a sentence answers
("took", "according"); dropped from English questions only, since some are Swedish words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from reportqa.text.vocabulary import stem

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


def english_key(text: str) -> tuple[str, ...]:
    """The lookup key of an English word or phrase: its words' Snowball English stems."""
    return tuple(stem(w, "en") for w in _WORD.findall(text.lower()))


@dataclass(frozen=True)
class Glossary:
    entries: dict[tuple[str, ...], tuple[str, ...]]  # English stems → Swedish words/phrases
    max_words: int
    exact: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)  # by words

    @classmethod
    def parse(cls, text: str) -> Glossary:
        entries: dict[tuple[str, ...], list[str]] = {}
        exact: dict[tuple[str, ...], list[str]] = {}
        for n, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if "=" not in line:
                raise ValueError(f"glossary line {n}: expected 'english = svenska, …'")
            en, sv = (p.strip() for p in line.split("=", 1))
            key = english_key(en)
            words = [w.strip() for w in sv.split(",") if w.strip()]
            if not key or not words:
                raise ValueError(f"glossary line {n}: empty side")
            for d, k in ((entries, key), (exact, tuple(_WORD.findall(en.lower())))):
                bucket = d.setdefault(k, [])
                bucket.extend(w for w in words if w not in bucket)
        return cls({k: tuple(v) for k, v in entries.items()},
                   max((len(k) for k in entries), default=1),
                   {k: tuple(v) for k, v in exact.items()})

    def lookup(self, stems: tuple[str, ...]) -> tuple[str, ...]:
        return self.entries.get(stems, ())

    def match(self, words: list[str], stems: list[str], start: int
              ) -> tuple[int, tuple[str, ...]]:
        """Longest entry starting at `start`: (number of words, Swedish translations).

        The words as written win over their stems ("population" is not "populated")."""
        for n in range(min(self.max_words, len(stems) - start), 0, -1):
            hit = (self.exact.get(tuple(words[start:start + n]))
                   or self.entries.get(tuple(stems[start:start + n])))
            if hit:
                return n, hit
        return 0, ()

    def swedish_words(self) -> dict[str, set[tuple[str, ...]]]:
        """Each single Swedish word → the English keys it translates."""
        out: dict[str, set[tuple[str, ...]]] = {}
        for key, words in self.entries.items():
            for w in words:
                if " " not in w:
                    out.setdefault(w.lower(), set()).add(key)
        return out


    def everyday_swedish_words(self) -> frozenset[str]:
        """The single Swedish words it gives as written in lower case: everyday words
        ("berg", "lund"), not names ("Finland", "Norge")."""
        return frozenset(w for words in self.entries.values() for w in words
                         if " " not in w and w == w.lower())


def _data(name: str) -> str:
    return resources.files("reportqa.text").joinpath(f"data/{name}").read_text("utf-8")


@lru_cache(maxsize=1)
def load_glossary() -> Glossary:
    return Glossary.parse(_data("glossary_en_sv.txt"))


@lru_cache(maxsize=1)
def load_general_glossary() -> Glossary:
    return Glossary.parse(_data("general_en_sv.txt"))


@lru_cache(maxsize=1)
def load_verb_forms_sv() -> dict[str, tuple[str, ...]]:
    """Each form of a Swedish strong or irregular verb → all the verb's forms
    (data/strong_verbs_sv.txt)."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _data("strong_verbs_sv.txt").splitlines():
        forms = tuple(line.split("#", 1)[0].split())
        for f in forms:
            out.setdefault(f, forms)
    return out


@lru_cache(maxsize=1)
def load_question_stopwords_en() -> frozenset[str]:
    """English words dropped from English questions besides the analyzer's stop words."""
    return frozenset(w for line in _data("stopwords_en_extra.txt").splitlines()
                     if (w := line.split("#", 1)[0].strip().lower()))
