"""The store's pure parts: choosing a store from the settings, hiding passwords, version
schema names, and the PostgreSQL store's BM25 scoring against the folder store's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from reportqa.config import Settings
from reportqa.index.bm25 import LexicalIndex
from reportqa.store.select import describe_store, redact
from reportqa.text.analyzer import Analyzer, AnalyzerConfig


def test_store_setting_picks_folder_or_database(tmp_path):
    s = Settings(_env_file=None, store=str(tmp_path / "ix"))
    assert s.store_url is None and s.index_dir == tmp_path / "ix"
    s = Settings(_env_file=None, store="postgresql://u:pw@db:5432/rqa", index_dir=Path("x"))
    assert s.store_url == "postgresql://u:pw@db:5432/rqa" and s.index_dir == Path("x")
    assert describe_store(s) == "postgresql://u:***@db:5432/rqa"
    assert Settings(_env_file=None).store_url is None


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://u:secret@h:1/d", "postgresql://u:***@h:1/d"),
    ("postgres://u@h/d", "postgres://u@h/d"),
    ("postgresql://h/d", "postgresql://h/d"),
])
def test_redact(url, shown):
    assert redact(url) == shown


def test_version_schema_names_are_safe_identifiers():
    from reportqa.store.postgres.schema import version_schema

    name = version_schema("v20261205T060446743323Z-e163")
    assert name == "rqa_v20261205t060446743323z_e163"
    assert len(version_schema("v" * 100)) <= 63


@dataclass
class _Concept:
    alts: dict[str, float]
    bm25_weight: float = 1.0


class _NoDatabase:
    def run(self, fn):  # every posting list is in the cache: no query may happen
        raise AssertionError("the database was asked")


def test_postgres_lexical_scores_equal_the_folder_store():
    from reportqa.store.postgres.version import PgLexical

    texts = ["Turismen omsätter mycket i länet", "Klustret växer i länet",
             "Kluster och turism", "Industrin sysselsätter 5 000 personer", "Annat"] * 7
    analyzer = Analyzer(AnalyzerConfig())
    folder = LexicalIndex.build(texts, analyzer)
    sc, vocab = folder.bm25.scores, folder.bm25.vocab_dict
    pg = PgLexical(_NoDatabase(), "s", analyzer,  # type: ignore[arg-type]
                   {t: folder.doc_freq(t) for t in vocab}, folder.size)
    for t, tid in vocab.items():
        if tid + 1 < len(sc["indptr"]) and folder.doc_freq(t):
            s, e = sc["indptr"][tid], sc["indptr"][tid + 1]
            pg._cache[t] = (sc["indices"][s:e].astype("<i4"), sc["data"][s:e].astype("<f4"))
    toks = [analyzer.tokens(w)[0] for w in ("turismen", "klustret", "kluster", "länet")]
    concepts = [_Concept({toks[0]: 1.0}, 1.3),
                _Concept({toks[1]: 1.0, toks[2]: 0.9, "saknas": 1.0}, 0.7),
                _Concept({toks[3]: 0.5})]
    for row_range in (None, (5, 20)):
        a_rows, a_scores = folder.search_concepts(concepts, 10, row_range)
        b_rows, b_scores = pg.search_concepts(concepts, 10, row_range)
        np.testing.assert_array_equal(a_scores, b_scores)
        assert set(a_rows.tolist()) == set(b_rows.tolist())
