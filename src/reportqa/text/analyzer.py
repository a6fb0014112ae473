"""The lexical analyzer: Swedish-normalised tokens for BM25 and for coverage.

Each word becomes its Snowball Swedish stem (PyStemmer) plus, for rare compounds, the stems
of its parts ("tillverkningsindustrin" → tillverkningsindustrin, tillverkning, industrin),
so that "industrin" finds "tillverkningsindustrin" and "turismklustret" finds "turism" and
"klustret". Numbers lose their thousands separators ("5 000", "5 000" and "5000" are one
token) and Swedish number words also give their digits ("fem" → 5). Character n-grams are
an option (measured: decompounding alone ranks better, docs/quality.md). Only a short stop-word
list: large lists remove content words ("stor", "del", "olika").

Queries are scored by concept (see ask/question.py): a question word with its alternatives
(compound parts, synonyms, translations) counts once, with the best-matching alternative.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from functools import lru_cache

from reportqa.text.vocabulary import compound_parts, split_compound, stem, wordset

STOPWORDS_SV = wordset(
    "och i att det som en på är av för med till den har de inte om ett han men var jag sig "
    "från vi så kan man när år säger hon under också efter eller nu sin där vid mot ska "
    "skulle kommer ut får finns vara hade alla andra mycket än här då sedan över bara in "
    "blir upp hur vad vilken vilka vilket vem varför ni du dem deras dess många mellan"
)
STOPWORDS_EN = wordset(
    "the a an of in on at to for and or is are was were be been being by with as from that "
    "this these those it its what which who whom whose how many much does do did there "
    "their they he she we you i about into than has have had can could would should will "
    "any if so such where when why between among one"
)
STOPWORDS = STOPWORDS_SV | STOPWORDS_EN

NUMBER_WORDS = {
    "en": "1", "ett": "1", "två": "2", "tre": "3", "fyra": "4", "fem": "5", "sex": "6",
    "sju": "7", "åtta": "8", "nio": "9", "tio": "10", "elva": "11", "tolv": "12",
    "tjugo": "20", "trettio": "30", "fyrtio": "40", "femtio": "50", "hundra": "100",
    "tusen": "1000",
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000",
}

_NUMBER_GROUPS = re.compile(r"(?<![\d,.])(\d{1,3})((?:[ \u00a0\u202f\u2009]\d{3})+)(?!\d)")
_NUMBER_COMMAS = re.compile(r"(?<![\d,.])(\d{1,3})((?:,\d{3})+)(?![\d,])")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+", re.UNICODE)


#: Bumped when tokenization changes in code, so that older indexes count as stale.
ANALYZER_VERSION = 5


@dataclass(frozen=True)
class AnalyzerConfig:
    version: int = ANALYZER_VERSION
    stem: bool = True
    decompound: bool = True
    ngram_min: int = 0  # 0 = no character n-grams
    ngram_max: int = 0
    ngram_weight_words: bool = True  # keep whole words beside their n-grams

    @classmethod
    def from_dict(cls, d: dict | None) -> AnalyzerConfig:
        """From a manifest; indexes built before decompounding existed had none."""
        d = dict(d or {})
        d.setdefault("decompound", False)
        d.setdefault("version", 1)
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})

    def to_dict(self) -> dict:
        return asdict(self)


#: Texts whose token sets are kept: ~40 sentences, contexts and headings per question, so
#: the candidates of a few hundred different questions; a set of a passage's 20-60 tokens
#: is 2-4 KB, so at most ~30 MB.
TOKEN_SET_CACHE = 1 << 13


def normalize_numbers(text: str) -> str:
    """Join thousands groups: "5 000" → "5000", "1 234 567" → "1234567", "5,000" → "5000"."""
    text = _NUMBER_GROUPS.sub(lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)), text)
    return _NUMBER_COMMAS.sub(lambda m: m.group(1) + m.group(2).replace(",", ""), text)


def raw_words(text: str) -> list[str]:
    """Lower-cased words and numbers, stop words kept; decimal commas become points."""
    text = normalize_numbers(text.lower()).replace("%", " procent ")
    return [w.replace(",", ".") if w[0].isdigit() else w for w in _TOKEN.findall(text)]


class Analyzer:
    def __init__(self, config: AnalyzerConfig | None = None) -> None:
        self.config = config or AnalyzerConfig()
        self.word_terms = lru_cache(maxsize=1 << 17)(self._word_terms)
        # Answering analyses the same candidate sentences, contexts and headings question
        # after question: ~60 % of Engine.ask's time beside the embedding (issue 13).
        self.token_set = lru_cache(maxsize=TOKEN_SET_CACHE)(self._token_set)

    def words(self, text: str) -> list[str]:
        """Content words: `raw_words` without stop words."""
        return [w for w in raw_words(text) if w not in STOPWORDS]

    def stem(self, word: str) -> str:
        return stem(word) if self.config.stem else word

    def parts(self, word: str) -> tuple[str, ...]:
        """Stems of the compound parts of a word (empty when it is not a compound)."""
        if not self.config.decompound:
            return ()
        return tuple(self.stem(p) for p in split_compound(word))

    def _word_terms(self, word: str) -> tuple[str, ...]:
        """The index tokens of one word: stem, compound-part stems, digits, n-grams."""
        cfg = self.config
        if word[0].isdigit():
            return (word,)
        out = [self.stem(word)] if cfg.ngram_weight_words or not cfg.ngram_max else []
        if cfg.decompound:
            for p in compound_parts(word):
                if self.stem(p) not in out:
                    out.append(self.stem(p))
        if word in NUMBER_WORDS:
            out.append(NUMBER_WORDS[word])
        if cfg.ngram_max and len(word) > cfg.ngram_min:
            padded = f"^{word}$"
            for n in range(cfg.ngram_min, cfg.ngram_max + 1):
                out.extend("#" + padded[i : i + n] for i in range(len(padded) - n + 1))
        return tuple(out)

    def tokens(self, text: str) -> list[str]:
        return [t for w in self.words(text) for t in self.word_terms(w)]

    def _token_set(self, text: str) -> frozenset[str]:
        return frozenset(self.tokens(text))
