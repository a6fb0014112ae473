"""Places a question names (text/places.py), and the answer to a question about a place no
report mentions: declined, whatever the county's sentences share with it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reportqa.ask.answer import Answerer
from reportqa.ask.question import QueryAnalyzer
from reportqa.index.bm25 import LexicalIndex
from reportqa.index.database import PassageRow
from reportqa.text.analyzer import Analyzer
from reportqa.text.places import places_named
from reportqa.types import Hit


@pytest.mark.parametrize("question, place", [
    ("Hur stor andel av industrins kunder finns i Norge?", "Norway"),
    ("How many tourists come from Norway?", "Norway"),
    ("hur manga jobbar i sundsvalls kommun", "Sundsvall"),  # lower case, no å/ä/ö
    ("Hur stor andel offentligt anställda har Västernorrlands län?", "Västernorrlands län"),
    ("arbetslöshet i åre kommun", "Åre"),
    ("Hur många turister kommer från Tyskland?", "Germany"),
    ("Vad är Norges andel?", "Norway"),  # genitive
])
def test_a_place_written_as_a_name_is_found(question, place):
    assert place in [names[0] for names in places_named(question)]


@pytest.mark.parametrize("question", [
    "Hur många jobbar inom industrin i länet?",
    "Mark hur många företag finns det",  # the first word is capitalised anyway
    "hur mycket mark finns det för industri",  # an everyday word, not after "i"
    "vad gör IUC-Z Group",
])
def test_everyday_words_are_no_places(question):
    assert places_named(question) == []


def _answerer(texts: list[str]) -> tuple[Answerer, QueryAnalyzer, list[Hit]]:
    lex = LexicalIndex.build(texts, Analyzer())
    qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys(), doc_freq=lex.doc_freq,
                       num_docs=lex.size)
    hits = [Hit(PassageRow(row=i, doc="d.txt", section="S", page=None, ordinal=i, text=t,
                           context=""), 1.0, 0.5, 1.0) for i, t in enumerate(texts)]
    return Answerer(lex.analyzer, 0.1, {}, queries=qa), qa, hits


def test_a_question_about_a_place_no_report_mentions_is_declined():
    texts = ["Mer än 90 % av industrins kunder finns utanför länet.",
             "I Östersund finns Gomorron med 60 företagare.",
             "Motsvarande siffra för hela Sverige är ca 30 %."]
    answerer, qa, hits = _answerer(texts)
    norway = qa.analyze("Hur stor andel av industrins kunder finns i Norge?")
    assert answerer.unknown_places(norway) == ["Norway"]
    assert answerer.answer(norway, hits).text is None
    # the county's own sentence still answers the question without the foreign place
    assert answerer.answer(qa.analyze("Hur stor andel av industrins kunder finns utanför "
                                      "länet?"), hits).text is not None
    # places the report names, in either language, are the answerer's to weigh
    for known in ("Hur många företagare finns i Östersund?",
                  "hur stor är andelen i sverige", "What is the share in Sweden?"):
        assert answerer.unknown_places(qa.analyze(known)) == []


def test_a_place_inside_a_longer_name_is_no_place():
    assert places_named("Which institute does Mid Sweden University have?") == []
    assert places_named("Vilka företag sitter på Gomorron Östersund?") == []
    assert [n[0] for n in places_named("Hur många företag finns i Östersund?")] == ["Östersund"]


def test_a_place_the_best_passage_does_not_name_is_declined_unless_it_is_the_scope():
    texts = ["Arbetslösheten i länet är 6 procent.",
             "I Åre finns House Be med 80 företag.",
             "Länet har många företag.", "Länet växer.", "Länet är stort."]
    answerer, qa, hits = _answerer(texts)
    are = qa.analyze("hur stor är arbetslösheten i åre kommun")
    ranked = answerer.candidates(are, hits[:1])  # only the county's sentence found
    assert answerer.missing_places(are, ranked[0]) == ["Åre"]
    assert answerer.answer(are, hits[:1]).text is None
    # the county itself is where every sentence is, said or not
    county = qa.analyze("hur stor är arbetslösheten i Jämtland")
    assert answerer.missing_places(county, answerer.candidates(county, hits[:1])[0]) == []
    # the passage that names the place answers
    firms = qa.analyze("hur många företag finns på House Be i Åre")
    assert answerer.missing_places(firms, answerer.candidates(firms, hits[1:2])[0]) == []


def test_a_sentence_about_another_place_does_not_answer_for_the_place_in_its_context():
    """"Vid campus Östersund …" is Östersund's figure though the sentence before it names
    Sundsvall; a sentence that names no place of its own leans on its context."""
    texts = ["Universitetet har campus i Östersund och Sundsvall.",
             "Vid campus Östersund studerade 4 100 helårsstudenter.",
             "Där studerade 4 100 helårsstudenter.", "Länet växer.", "Länet är stort."]
    answerer, qa, hits = _answerer(texts)
    sundsvall = qa.analyze("Hur många helårsstudenter läser vid campus Sundsvall?")

    def with_context(i: int) -> list[Hit]:
        return [Hit(replace(hits[i].passage, context=texts[0]), 1.0, 0.5, 1.0)]

    own = answerer.candidates(sundsvall, with_context(1))[0]
    assert answerer.missing_places(sundsvall, own) == ["Sundsvall"]
    leaning = answerer.candidates(sundsvall, with_context(2))[0]
    assert answerer.missing_places(sundsvall, leaning) == []


def test_a_place_typed_without_its_ring_is_spelled_as_its_name():
    """"in Are" is Åre, though "are" is an English word; "Which are …" stays."""
    from reportqa.text.places import with_place_names

    assert with_place_names("how many firms are in Are") == "how many firms are in Åre"
    assert with_place_names("hotels in Ostersund?") == "hotels in Östersund?"
    assert with_place_names("Which are the biggest?") == "Which are the biggest?"
    assert with_place_names("from Norway") == "from Norway"


def test_a_municipality_of_the_home_county_s_name_is_a_place_to_name():
    """"i Härjedalens kommun" is the municipality: the region's name ("Jämtland
    Härjedalen") does not name it, and the county's figure does not answer."""
    texts = ["Region Jämtland Härjedalen anställer 42 % i länet.",
             "I Härjedalens kommun anställer sektorn 50 %.",
             "Länet har många företag.", "Länet växer.", "Länet är stort."]
    answerer, qa, hits = _answerer(texts)
    q = qa.analyze("andel anställda i härjedalens kommun")
    assert answerer.missing_places(q, answerer.candidates(q, hits[:1])[0]) == ["härjedalens"]
    assert answerer.missing_places(q, answerer.candidates(q, hits[1:2])[0]) == []
    county = qa.analyze("andel anställda i Jämtland Härjedalen")
    assert answerer.missing_places(county, answerer.candidates(county, hits[:1])[0]) == []


def test_a_place_typed_in_lower_case_is_a_place_unless_it_is_an_everyday_word():
    """Phones type "östersund"; "berg" and "mark" are words too, places only where the
    grammar says so."""
    from reportqa.text.places import places_named

    assert places_named("hur många nya företag hade östersund 2018") == [("Östersund",)]
    assert places_named("krokoms invånare") == [("Krokom",)]
    assert places_named("vad gör berg för något") == []
    assert places_named("hur stor är mark") == []
    assert places_named("hur många bor i berg") == [("Berg",)]
    # a country's name is part of other names: only a municipality counts as typed
    assert places_named("name of the institute at mid sweden university") == []
