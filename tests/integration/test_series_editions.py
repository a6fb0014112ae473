"""Editions of a report series: recorded at index time, the newest answers by default, an
older one when the question names it, and a statement only an older edition makes from it."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient
from support.helpers import REPORT, make_settings

from reportqa.engine import Engine
from reportqa.index.build import build_index
from reportqa.serve.http.app import create_app

GOAL = "Mål 5. Fler kluster (i glesa strukturer, spridda över stora geografiska avstånd)"
NEW_NAME = "laget-i-lanet-mal-5-uppfoljning-2021.txt"
OLD_FIGURE, NEW_FIGURE = "ca 5 000 personer", "ca 5 400 personer"
ONLY_OLD = "Landsbygdskommittén"  # a sentence the newer edition no longer has


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory, embedder):
    """The first report (no edition line) and a 2021 edition of it with a changed figure and
    one sentence fewer, indexed together."""
    s = make_settings(tmp_path_factory.mktemp("editions"))
    shutil.copy(REPORT, s.corpus_dir / REPORT.name)
    text = REPORT.read_text(encoding="utf-8")
    assert GOAL in text and OLD_FIGURE in text and ONLY_OLD in text
    newer = text.replace(GOAL, f"{GOAL}\n\nUppföljning 2021", 1).replace(OLD_FIGURE, NEW_FIGURE)
    newer = "\n\n".join(p for p in newer.split("\n\n") if ONLY_OLD not in p)
    (s.corpus_dir / NEW_NAME).write_text(newer, encoding="utf-8")
    build_index(s, embedder_factory=lambda: embedder)
    return s, Engine.load(s, embedder=embedder)


def test_series_and_editions_are_recorded(two_editions):
    _, eng = two_editions
    docs = {d.name: d for d in eng.documents()}
    assert docs[NEW_NAME].series == docs[REPORT.name].series == f"Läget i länet – {GOAL}"
    assert (docs[NEW_NAME].edition, docs[REPORT.name].edition) == ("2021", "")


@pytest.mark.parametrize("question", ["Hur många personer sysselsätter industrin?",
                                      "How many people work in manufacturing?"])
def test_the_newest_edition_answers_by_default(two_editions, question):
    _, eng = two_editions
    ans = eng.ask(question)
    assert ans.found and "5 400" in ans.text, ans
    assert ans.sources[0].document == NEW_NAME and ans.sources[0].edition == "2021"


def test_a_question_that_names_an_older_edition_gets_it(two_editions):
    _, eng = two_editions
    ans = eng.ask("Hur många personer sysselsatte industrin enligt förra uppföljningen?")
    assert "5 000" in (ans.sources[0].sentence if ans.sources else ""), ans
    assert ans.sources[0].document == REPORT.name


def test_a_statement_only_an_older_edition_makes_comes_from_it(two_editions):
    _, eng = two_editions
    ans = eng.ask("Vad föreslog Landsbygdskommittén?")
    assert ans.sources and ONLY_OLD in ans.sources[0].sentence
    assert ans.sources[0].document == REPORT.name and ans.sources[0].edition == ""


def test_http_shows_series_and_editions(two_editions):
    s, eng = two_editions
    with TestClient(create_app(s, eng)) as client:
        docs = {d["name"]: d for d in client.get("/documents").json()["documents"]}
        body = client.post("/ask", json={"question": "Hur många jobbar inom industrin?"}).json()
    assert docs[NEW_NAME]["edition"] == "2021" and docs[NEW_NAME]["series"].startswith("Läget")
    assert body["sources"][0]["edition"] == "2021" and "5 400" in body["answer"]


def test_a_rebuild_keeps_editions_of_unchanged_documents(two_editions, embedder):
    s, eng = two_editions
    (s.corpus_dir / "note.md").write_text("# Anteckning\n\nEn kort anteckning om länet.\n",
                                          encoding="utf-8")
    try:
        res = build_index(s, embedder_factory=lambda: embedder)
        assert res.reused_documents == 2
        eng.reload(force=True)
        docs = {d.name: d for d in eng.documents()}
        assert docs[NEW_NAME].edition == "2021" and docs[REPORT.name].series
    finally:
        (s.corpus_dir / "note.md").unlink()
