"""Asking published reports: a two-column PDF with running header and footer and a table over
two pages, a DOCX with a table and a saved web page, indexed with the real bundled model. A
figure in a table is answered with its row and column meaning and its page; no answer carries
header, footer, page-number or broken-hyphenation text."""

from __future__ import annotations

import re
import shutil

import pytest
from fastapi.testclient import TestClient
from support.helpers import REPORT, make_settings
from support.publications import (
    BOILERPLATE,
    HYPHENATED,
    RUNNING_TEXT,
    make_publication_docx,
    make_publication_html,
    make_publication_pdf,
)


@pytest.fixture(scope="module")
def published(tmp_path_factory, embedder):
    from reportqa.engine import Engine
    from reportqa.index.build import build_index

    s = make_settings(tmp_path_factory.mktemp("published"))
    make_publication_pdf(s.corpus_dir / "laget-2021.pdf")
    make_publication_docx(s.corpus_dir / "skog.docx")
    make_publication_html(s.corpus_dir / "infrastruktur.html")
    shutil.copy(REPORT, s.corpus_dir / REPORT.name)  # the first report beside them
    build_index(s, embedder_factory=lambda: embedder)
    return s, Engine.load(s, embedder=embedder)


#: (question, the row and column meaning the answer must carry, document, page)
TABLE_QUESTIONS = [
    ("Hur många var sysselsatta inom handeln 2021?", "Sysselsatta 2021, Handel: 4 700",
     "laget-2021.pdf", 3),
    ("Hur många var sysselsatta i besöksnäringen 2019?", "Sysselsatta 2019, Besöksnäring: 3 900",
     "laget-2021.pdf", 2),
    ("Hur stor var omsättningen för IT-tjänster 2021?",
     "Omsättning 2021, IT-tjänster: 1 450 mnkr", "laget-2021.pdf", 3),
    ("Hur många anställda hade jordbruket 2019?", "Sysselsatta 2019, Jordbruk: 1 300",
     "laget-2021.pdf", 3),
    ("Hur mycket exporterades massa 2021?", "Export 2021, Massa: 710 mnkr", "skog.docx", None),
    ("Hur många resor gjordes med buss 2021?", "Resor 2021, Buss: 1 350 000",
     "infrastruktur.html", None),
]


@pytest.mark.parametrize(("question", "meaning", "document", "page"), TABLE_QUESTIONS)
def test_a_table_figure_is_answered_with_its_headings_and_page(published, question, meaning,
                                                               document, page):
    _, engine = published
    answer = engine.ask(question)
    assert answer.found, question
    assert meaning in answer.text
    top = answer.sources[0]
    assert (top.document, top.page) == (document, page)


def test_running_text_answers_cite_their_page(published):
    _, engine = published
    answer = engine.ask("Hur många medlemsföretag samlar klusterorganisationerna?")
    assert answer.found and "230 medlemsföretag" in answer.text
    top = answer.sources[0]
    assert (top.document, top.page, top.section) == ("laget-2021.pdf", 2,
                                                     "Kluster och samverkan")
    answer = engine.ask("Hur mycket ökade antalet gästnätter i Jämtland-Härjedalen?")
    assert answer.found and "12 procent" in answer.text and answer.sources[0].page == 1


QUESTIONS = [q for q, *_ in TABLE_QUESTIONS] + [
    "Vad heter regionen?", "Vilken sida handlar om industrin?", "Vad står i sidfoten?",
    "Vem har skrivit rapporten?", "Hur ser sysselsättningen ut i de mindre kommunerna?",
    "Vilka insatser prioriterar regionen?", "Var har IT-företag etablerat sig?",
    "Hur lång är vägnätet?", "Vart exporterar sågverken?", "Uppföljning av strategin",
]


def test_no_answer_carries_header_footer_or_broken_hyphenation(published):
    _, engine = published
    for question in QUESTIONS:
        answer = engine.ask(question)
        shown = [answer.text or ""] + [f"{s.text} {s.section}" for s in answer.sources]
        for text in shown:
            for running in (*RUNNING_TEXT, *BOILERPLATE):
                assert running not in text, (question, running, text)
            assert not re.search(r"\b(Sida|Page) \d+ (av|of) \d+", text)
            for word in HYPHENATED:  # never "sysselsätt- ningen" or "sysselsätt-ningen"
                cut = re.escape(word[:6])
                assert not re.search(rf"{cut}\w*- ?\w", text.lower().replace("- och", "")), text


def test_over_http_the_table_answer_names_its_page(published):
    from reportqa.serve.http.app import create_app

    settings, engine = published
    with TestClient(create_app(settings, engine)) as client:
        body = client.post("/ask", json={"question": "Hur många var sysselsatta inom handeln "
                                                     "2021?"}).json()
        docs = {d["name"]: d for d in client.get("/documents").json()["documents"]}
    assert body["found"] and "Sysselsatta 2021, Handel: 4 700" in body["answer"]
    assert body["sources"][0]["document"] == "laget-2021.pdf" and body["sources"][0]["page"] == 3
    assert docs["laget-2021.pdf"]["pages"] == 3 and docs["infrastruktur.html"]["kind"] == "html"
