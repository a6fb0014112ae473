"""BM25 (bm25s) over Swedish-normalised tokens.

Each word becomes its Snowball Swedish stem (PyStemmer) plus, for rare compounds, the stems
of its parts ("tillverkningsindustrin" → tillverkningsindustrin, tillverkning, industrin),
so that "industrin" finds "tillverkningsindustrin" and "turismklustret" finds "turism" and
"klustret". Numbers lose their thousands separators ("5 000", "5 000" and "5000" are one
token) and Swedish number words also give their digits ("fem" → 5). Character n-grams are
an option (measured: decompounding alone ranks better, see README). Only a short stop-word
list: large lists remove content words ("stor", "del", "olika").

Queries are scored by concept (see query.py): a question word with its alternatives
(compound parts, synonyms, translations) counts once, with the best-matching alternative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from .vocabulary import compound_parts, split_compound, stem, wordset

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


@dataclass(frozen=True)
class AnalyzerConfig:
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
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})

    def to_dict(self) -> dict:
        return asdict(self)


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

    def token_set(self, text: str) -> frozenset[str]:
        return frozenset(self.tokens(text))


class ConceptLike(Protocol):
    alts: dict[str, float]
    bm25_weight: float


class LexicalIndex:
    """A BM25 index over passage index texts, scored per query concept."""

    def __init__(self, analyzer: Analyzer, bm25=None) -> None:
        self.analyzer = analyzer
        self.bm25 = bm25

    @classmethod
    def build(cls, texts: list[str], analyzer: Analyzer) -> LexicalIndex:
        import bm25s

        bm25 = bm25s.BM25()
        corpus = [analyzer.tokens(t) or [""] for t in texts]
        bm25.index(corpus, show_progress=False)
        return cls(analyzer, bm25)

    def save(self, path: Path) -> None:
        self.bm25.save(str(path), show_progress=False)

    @classmethod
    def load(cls, path: Path, analyzer: Analyzer, mmap: bool = False) -> LexicalIndex:
        import bm25s

        return cls(analyzer, bm25s.BM25.load(str(path), mmap=mmap, show_progress=False))

    @property
    def size(self) -> int:
        return int(self.bm25.scores["num_docs"])

    def doc_freq(self, token: str) -> int:
        """In how many passages a token occurs (0 when it never does)."""
        tid = self.bm25.vocab_dict.get(token)
        if tid is None:
            return 0
        indptr = self.bm25.scores["indptr"]
        return int(indptr[tid + 1] - indptr[tid])

    def concept_scores(self, concepts: Iterable[ConceptLike]) -> np.ndarray:
        """BM25 of every passage: per concept the best alternative (weighted), summed."""
        sc = self.bm25.scores
        data, indices, indptr = sc["data"], sc["indices"], sc["indptr"]
        vocab = self.bm25.vocab_dict
        total = np.zeros(self.size, dtype=np.float32)
        for c in concepts:
            best: np.ndarray | None = None
            for tok, factor in c.alts.items():
                tid = vocab.get(tok)
                if tid is None:
                    continue
                s, e = int(indptr[tid]), int(indptr[tid + 1])
                if s == e:
                    continue
                if best is None:
                    best = np.zeros(self.size, dtype=np.float32)
                rows = indices[s:e]
                best[rows] = np.maximum(best[rows], factor * data[s:e])
            if best is not None:
                total += c.bm25_weight * best
        return total

    def search_concepts(self, concepts: Iterable[ConceptLike], k: int,
                        row_range: tuple[int, int] | None = None
                        ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k passage rows and raw scores (rows scoring 0 dropped)."""
        scores = self.concept_scores(concepts)
        if row_range is not None:
            masked = np.zeros_like(scores)
            masked[row_range[0]:row_range[1]] = scores[row_range[0]:row_range[1]]
            scores = masked
        nz = np.flatnonzero(scores > 0)
        if not len(nz):
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        if len(nz) > k:
            nz = nz[np.argpartition(-scores[nz], k - 1)[:k]]
        nz = nz[np.argsort(-scores[nz], kind="stable")]
        return nz.astype(np.int64), scores[nz]

    def search(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Plain BM25 of a text (each token its own concept)."""
        concepts = [_Plain({t: 1.0}) for t in dict.fromkeys(self.analyzer.tokens(query))]
        return self.search_concepts(concepts, k)


@dataclass(frozen=True)
class _Plain:
    alts: dict[str, float]
    bm25_weight: float = 1.0
