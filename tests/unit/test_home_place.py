"""The home county named as a question's place weighs little ("i Jämtland", "i länet", "in
the county" is where every sentence is, said or not); named as part of an organisation it
keeps its weight."""

from __future__ import annotations

import pytest

from reportqa.ask.question import home_place_words


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
