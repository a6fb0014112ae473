"""The fast BM25 concept scoring (dense columns for common tokens, pooled buffers, sampled
top-k bound) gives exactly what the plain algorithm gives, also from several threads."""

from __future__ import annotations

import math
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from reportqa.index.bm25 import LexicalIndex
from reportqa.text.analyzer import Analyzer, AnalyzerConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import gen_corpus  # noqa: E402


@dataclass(frozen=True)
class C:
    alts: dict[str, float]
    bm25_weight: float = 1.0


def reference_scores(lex: LexicalIndex, concepts) -> np.ndarray:
    """The plain algorithm: per concept the best weighted alternative, summed; the forms
    near the best factor scored with the IDF of the most common of them."""
    sc = lex.bm25.scores
    n = lex.size
    total = np.zeros(n, dtype=np.float32)

    def idf(df: int) -> float:
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    for c in concepts:
        cols = []
        for tok, f in c.alts.items():
            tid = lex.bm25.vocab_dict.get(tok)
            if tid is None or tid + 1 >= len(sc["indptr"]):
                continue
            s, e = int(sc["indptr"][tid]), int(sc["indptr"][tid + 1])
            if s != e:
                cols.append((sc["indices"][s:e], sc["data"][s:e], f, e - s))
        if not cols:
            continue
        top = max(f for _, _, f, _ in cols)
        blended = idf(max(df for _, _, f, df in cols if f >= 0.85 * top))
        best = np.zeros(n, dtype=np.float32)
        for rows, vals, f, df in cols:
            if len(cols) > 1 and f >= 0.85 * top:
                f = f * blended / idf(df)
            best[rows] = np.maximum(best[rows], f * vals)
        total += c.bm25_weight * best
    return total


@pytest.fixture(scope="module")
def lex(tmp_path_factory):
    from reportqa.ingest.chunking import chunk_document
    from reportqa.ingest.readers import read_document

    tmp = tmp_path_factory.mktemp("lex")
    gen_corpus.write_corpus(tmp, 3000, seed=2, base_passages=3000)
    texts = [p.index_text() for f in sorted((tmp / "corpus").iterdir())
             for p in chunk_document(read_document(f, f.name))]
    index = LexicalIndex.build(texts, Analyzer(AnalyzerConfig()))
    index.DENSE_MIN_PASSAGES = 0  # exercise the dense columns at this small size
    index.SAMPLE_STRIDE = 8
    return index


def concept_sets(lex: LexicalIndex) -> list[list[C]]:
    vocab = sorted(lex.bm25.vocab_dict, key=lambda t: -lex.doc_freq(t))
    common, rare = vocab[:10], vocab[-400:]
    rng = np.random.default_rng(1)
    sets = []
    for _ in range(40):
        cs = []
        for _ in range(rng.integers(1, 5)):
            pool = common + list(rng.choice(rare, 5))
            alts = {str(t): float(f) for t, f in zip(rng.choice(pool, rng.integers(1, 4)),
                                                     rng.choice([1.0, 0.9, 0.5], 3),
                                                     strict=False)}
            alts["no-such-token"] = 1.0
            alts[""] = 1.0  # bm25s's empty token: in the vocabulary, without a column
            cs.append(C(alts, float(rng.choice([1.0, 0.5]))))
        sets.append(cs)
    return sets


def test_scores_equal_the_plain_algorithm(lex):
    sets = concept_sets(lex)
    for cs in sets:
        np.testing.assert_array_equal(lex.concept_scores(cs), reference_scores(lex, cs))
    assert lex._dense  # the dense path was taken


@pytest.mark.parametrize("row_range", [None, (100, 900)])
def test_top_k_equals_full_sort(lex, row_range):
    for cs in concept_sets(lex):
        ref = reference_scores(lex, cs)
        if row_range is not None:
            mask = np.zeros_like(ref)
            mask[row_range[0]:row_range[1]] = ref[row_range[0]:row_range[1]]
            ref = mask
        want = np.sort(ref[ref > 0])[::-1][:50]
        rows, scores = lex.search_concepts(cs, 50, row_range)
        np.testing.assert_array_equal(scores, want)
        np.testing.assert_array_equal(ref[rows], scores)
        if row_range is not None:
            assert ((rows >= row_range[0]) & (rows < row_range[1])).all()


def test_no_match_gives_nothing(lex):
    rows, scores = lex.search_concepts([C({"no-such-token": 1.0})], 10)
    assert len(rows) == 0 and len(scores) == 0


def test_concurrent_queries_get_their_own_results(lex):
    sets = concept_sets(lex)
    want = [lex.search_concepts(cs, 20) for cs in sets]
    with ThreadPoolExecutor(8) as ex:
        got = list(ex.map(lambda cs: lex.search_concepts(cs, 20), sets * 4))
    for i, (rows, scores) in enumerate(got):
        np.testing.assert_array_equal(scores, want[i % len(sets)][1])
        np.testing.assert_array_equal(lex.concept_scores(sets[i % len(sets)])[rows], scores)
