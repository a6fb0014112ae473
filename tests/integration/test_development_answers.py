"""Development questions across editions answered from the fact table over a real index: the
generated series corpus and the real Mål 5 pair, through `Engine.ask` and `POST /ask`."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from support.helpers import REAL_NEW, REAL_OLD, build_series
from support.series_corpus import series_name

from reportqa.serve.http.app import create_app

#: Questions about statements of the generated corpus (series_corpus.py's ids), in its
#: series' goal (its index in SERIES), asked as a user would.
QUESTIONS = {
    ("fritidshus", 0): "Hur har antalet fritidshus förändrats?",
    ("aldreboende", 0): "Hur har antalet särskilda boenden för äldre utvecklats?",
    ("hyresratt", 0): "Har andelen hyresrätter ökat eller minskat?",
    ("vardcentral", 1): "Hur har antalet vårdcentraler förändrats mellan uppföljningarna?",
    ("kostnad", 1): "Hur har kostnaderna för hälso- och sjukvården utvecklats i mål 8?",
    ("vattenkraft", 2): "Has the share of hydropower gone up?",
    ("vindkraft", 2): "How has wind power changed since the last edition?",
}
#: A statement only one edition of its series makes: no comparison, retrieval answers.
ONE_EDITION = ("foreningar", "Hur har antalet idrottsföreningar förändrats?")


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, embedder):
    s, truth, eng = build_series(tmp_path_factory.mktemp("development"), embedder)
    yield s, truth, eng
    eng.close()


def _said(truth, statement: str, goal: int) -> list[tuple[str, str, float]]:
    """(edition, figure as written, value) of each edition making the statement, oldest
    first."""
    from support.series_corpus import SERIES

    name = series_name(SERIES[goal])
    return [(ed, e.figures[statement], e.values[statement])
            for (series, ed), e in sorted(truth.editions.items())
            if series == name and statement in e.figures]


@pytest.mark.parametrize(("key", "question"), list(QUESTIONS.items()),
                         ids=[k for k, _ in QUESTIONS])
def test_a_changed_figure_is_quoted_from_each_edition(indexed, key, question):
    _, truth, eng = indexed
    said = _said(truth, *key)
    if "last edition" in question:
        said = said[-2:]
    assert len({v for _, _, v in said}) > 1, said  # the figure changed
    a = eng.ask(question)
    assert a.text is not None, question
    english = question.startswith(("Has", "How"))
    label = "the {} edition" if english else "uppföljningen {}"
    at = [a.text.find(label.format(ed)) for ed, _, _ in said]
    assert -1 not in at and at == sorted(at), a.text  # every edition, oldest first
    for (ed, figure, _), start in zip(said, at, strict=True):
        assert figure in a.text[start:].splitlines()[0], (ed, figure, a.text)
    assert [s.edition for s in a.sources] == [ed for ed, _, _ in said]
    assert a.language == ("en" if english else "sv") and 0.5 <= a.confidence <= 1


def test_the_real_pair_answers_how_industry_employment_developed(indexed):
    _, _, eng = indexed
    a = eng.ask("Hur har sysselsättningen i industrin utvecklats?")
    assert a.text is not None
    assert a.text.splitlines()[0] == "Från 5 000 till 5 400 (en ökning)."
    assert "Enligt den odaterade uppföljningen: “" in a.text
    assert "Enligt uppföljningen 2021: “" in a.text
    assert [(s.document, s.edition) for s in a.sources] == [(REAL_OLD, ""), (REAL_NEW, "2021")]


def test_a_thing_of_one_edition_is_answered_by_retrieval(indexed):
    _, truth, eng = indexed
    statement, question = ONE_EDITION
    assert len(_said(truth, statement, 1)) == 1
    a = eng.ask(question)
    # a retrieval answer: one edition named in its lead, no development ("Från … till …")
    assert a.text is not None and a.text.count("Enligt") <= 1 and "Från" not in a.text
    assert "85 idrottsföreningar" in a.text


def test_post_ask_answers_a_development_question_with_each_edition(indexed):
    s, truth, eng = indexed
    said = _said(truth, "fritidshus", 0)
    with TestClient(create_app(s, eng)) as client:
        r = client.post("/ask", json={"question": QUESTIONS[("fritidshus", 0)], "top_k": 3})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["found"] and body["language"] == "sv"
        for ed, figure, _ in said:
            assert f"Enligt uppföljningen {ed}: “" in body["answer"] and figure in body["answer"]
        assert [x["edition"] for x in body["sources"]] == [ed for ed, _, _ in said]
        assert all(figure in x["sentence"] for x, (_, figure, _) in
                   zip(body["sources"], said, strict=True))

        r = client.post("/ask", json={"question": ONE_EDITION[1]})
        assert r.status_code == 200 and (r.json()["answer"] or "").count("Enligt") <= 1
        assert "Från" not in (r.json()["answer"] or "")  # retrieval, not a development
