"""The home county named as a question's place weighs little ("i Jämtland", "i länet", "in
the county" is where every sentence is, said or not); named as part of an organisation it
keeps its weight."""

from __future__ import annotations

import pytest

from reportqa.ask.question import home_place_words, without_home_place


@pytest.mark.parametrize("question, home", [
    ("Hur många jobbar i industrin i Jämtland?", {"jämtland"}),
    ("hur manga jobbar i industrin i jamtland", {"jamtland"}),
    ("How many people work in manufacturing in Jämtland county?", {"jämtland", "county"}),
    ("how many holiday homes are there in the county", {"county"}),
    ("hur många fritidshus finns i länet", {"länet"}),
    ("Hur stor är turismen inom Jämtlands län?", {"jämtlands"}),
    ("Vad gör Jämtland Härjedalen Turism?", set()),  # an organisation's name
    ("Hur många jobbar på Region Jämtland Härjedalen?", set()),
    ("Hur många jobbar i Östersund?", set()),
])
def test_home_place_words(question, home):
    assert home_place_words(question) == home


@pytest.mark.parametrize("question, searched", [
    ("Hur många jobbar i industrin i Jämtland?", "Hur många jobbar i industrin?"),
    ("How many people work in manufacturing in Jämtland county?",
     "How many people work in manufacturing?"),
    ("Hur stor är turismen inom Jämtlands län?", "Hur stor är turismen?"),
    ("hur manga jobbar inom turismen i hela jamtland", "hur manga jobbar inom turismen"),
    # the common nouns stay ("the agencies in the county" is what is asked about)
    ("Vad håller myndigheterna i länet på att bygga upp?",
     "Vad håller myndigheterna i länet på att bygga upp?"),
    ("Vad gör Jämtland Härjedalen Turism?", "Vad gör Jämtland Härjedalen Turism?"),
    ("i Jämtland", "i Jämtland"),  # nothing else to search for
])
def test_the_dense_side_searches_without_the_home_county(question, searched):
    assert without_home_place(question) == searched


def test_a_question_naming_the_county_is_searched_without_it():
    from reportqa.ask.question import QueryAnalyzer
    from reportqa.text.analyzer import Analyzer

    q = QueryAnalyzer(Analyzer()).analyze("Hur många jobbar i industrin i Jämtland?")
    assert q.search == "Hur många jobbar i industrin?"
    assert "jämtland" in q.text.lower()  # the question itself keeps it
    assert QueryAnalyzer(Analyzer()).analyze("Hur många jobbar i industrin?").search == ""


def test_the_home_county_in_the_genitive_is_where_not_what():
    """"Jämtland's gross regional product" / "jämtlands brp" ask about the county's figure:
    the name is where, as in "i Jämtland"; a name of an organisation is not."""
    from reportqa.ask.question import home_place_words, without_home_place

    assert without_home_place("What was Jämtland's gross regional product in 2017?") == (
        "What was gross regional product in 2017?")
    assert home_place_words("hur stor var jämtlands brp") == {"jämtlands"}
    assert not home_place_words("Jämtlands Läns Turism")
    assert not home_place_words("Jämtland's Tourism Board")
