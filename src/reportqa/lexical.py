"""BM25 (bm25s) over Swedish-normalised tokens.

Tokens: lower-cased words, numbers with their thousands separators removed ("5 000" and
"5000" match), Snowball Swedish stems (PyStemmer) and character n-grams of each word, so that
compounds such as "tillverkningsindustrin" share tokens with "industrin". Only a short
stop-word list: large lists remove content words ("stor", "del", "olika").
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

STOPWORDS_SV = frozenset(
    """och i att det som en på är av för med till den har de inte om ett han men var jag sig
    från vi så kan man när år säger hon under också efter eller nu sin där vid mot ska skulle
    kommer ut får finns vara hade alla andra mycket än här då sedan över bara in blir upp even
    hur vad vilken vilka vilket vem var varför ni du dem deras dess många""".split()
)
STOPWORDS_EN = frozenset(
    """the a an of in on at to for and or is are was were be been by with as from that this
    it its what which who whom how many much does do did there their they he she we you i
    about into than""".split()
)
STOPWORDS = STOPWORDS_SV | STOPWORDS_EN

_NUMBER_GROUPS = re.compile(r"(?<![\d,.])(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?![\d])")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class AnalyzerConfig:
    stem: bool = True
    ngram_min: int = 4
    ngram_max: int = 4
    ngram_weight_words: bool = True  # keep whole words beside their n-grams

    @classmethod
    def from_dict(cls, d: dict | None) -> AnalyzerConfig:
        return cls(**(d or {}))

    def to_dict(self) -> dict:
        return asdict(self)


def normalize_numbers(text: str) -> str:
    """Join thousands groups: "5 000" → "5000", "1 234 567" → "1234567"."""
    return _NUMBER_GROUPS.sub(lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)), text)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("swedish")


class Analyzer:
    def __init__(self, config: AnalyzerConfig | None = None) -> None:
        self.config = config or AnalyzerConfig()

    def words(self, text: str) -> list[str]:
        text = normalize_numbers(text.lower())
        return [w for w in _TOKEN.findall(text) if w not in STOPWORDS]

    def tokens(self, text: str) -> list[str]:
        cfg = self.config
        words = self.words(text)
        out: list[str] = []
        stems = _stemmer().stemWords(words) if cfg.stem else words
        for word, stem in zip(words, stems, strict=True):
            if cfg.ngram_weight_words:
                out.append(stem)
            if cfg.ngram_max and not word[0].isdigit() and len(word) > cfg.ngram_min:
                padded = f"^{word}$"
                for n in range(cfg.ngram_min, cfg.ngram_max + 1):
                    out.extend("#" + padded[i : i + n] for i in range(len(padded) - n + 1))
        return out


class LexicalIndex:
    """A BM25 index over passage index texts; scores for all passages or the top k."""

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

    def search(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-k passage rows and raw BM25 scores (rows with score 0 dropped)."""
        tokens = self.analyzer.tokens(query)
        vocab = self.bm25.vocab_dict
        tokens = [t for t in tokens if t in vocab]
        if not tokens:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        n = self.bm25.scores["num_docs"]
        k = min(k, n)
        res = self.bm25.retrieve([tokens], k=k, show_progress=False, n_threads=1)
        rows, scores = res.documents[0].astype(np.int64), res.scores[0].astype(np.float32)
        keep = scores > 0
        return rows[keep], scores[keep]
