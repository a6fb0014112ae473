"""Questions over the generated series corpus with the real bundled model: the smoke set
eval/series/smoke_series.jsonl (written by the corpus's author, not blind) answered from the
right edition and naming it, table figures with their row and column, and no page furniture
or broken hyphenation in any answer."""

from __future__ import annotations

import json

import pytest
from support.helpers import ROOT
from support.series_corpus import furniture_in, write_all

from reportqa.ask.evaluation import evaluate, load_items
from reportqa.config import Settings
from reportqa.engine import Engine
from reportqa.index.build import build_index

SMOKE = ROOT / "eval" / "series" / "smoke_series.jsonl"


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder):
    out = tmp_path_factory.mktemp("series-qa")
    write_all(out)
    s = Settings(corpus_dir=out / "corpus", index_dir=out / "index",
                 feedback_path=out / "feedback.sqlite3", _env_file=None)
    build_index(s, embedder_factory=lambda: embedder)
    eng = Engine.load(s, embedder=embedder)
    yield eng, json.loads((out / "truth.json").read_text(encoding="utf-8"))
    eng.close()


@pytest.fixture(scope="module")
def result(engine):
    eng, _ = engine
    return evaluate(eng, load_items(SMOKE))


def test_every_kind_is_in_the_smoke_set(result):
    assert set(result["by_kind"]) == {"newest", "older", "table", "unanswerable"}


@pytest.mark.parametrize("kind", ["newest", "older", "table"])
def test_answers_come_from_the_edition_and_name_it(result, kind):
    rows = [r for r in result["items"] if r["kind"] == kind]
    wrong = [(r["id"], r["answer"], r["answer_edition"]) for r in rows if not r["hit"]]
    assert not wrong, wrong
    assert all(r["edition_named"] for r in rows)


def test_table_answers_carry_their_row_and_column(result):
    for r in (r for r in result["items"] if r["kind"] == "table"):
        column, rest = r["expect"][0].split(", ", 1)
        row = rest.split(":")[0]
        assert f"{column}, {row}:" in r["answer"], r


def test_unanswerable_questions_are_declined(result):
    assert result["by_kind"]["unanswerable"]["declined_unanswerable"] == 1.0


def test_no_answer_holds_page_furniture_or_a_broken_word(engine, result):
    eng, truth = engine
    for r in result["items"]:
        ans = eng.ask(r["question"], top_k=3)
        for s in ans.sources:
            assert furniture_in(s.text, truth) == [], (r["id"], s.text)
        assert furniture_in(ans.text, truth) == [], (r["id"], ans.text)
