"""ask/scope.py: which report a question names ("i mål 3", "i klusterrapporten")."""

from __future__ import annotations

import pytest

from reportqa.ask.scope import find_scope, goal_words
from reportqa.facts.series import SeriesInfo, series_id
from reportqa.text.analyzer import Analyzer

NAMES = [
    "Läget i länet – Mål 1. Fler i arbete (en inkluderande arbetsmarknad där fler får arbete)",
    "Läget i länet – Mål 2. Fler växande företag (ett starkt och varierat näringsliv)",
    "Läget i länet – Mål 5. Fler kluster (i glesa strukturer)",
    "Läget i länet – Mål 6. En hållbar besöksnäring (en besöksnäring som växer året runt)",
]
SERIES = [SeriesInfo(series_id(n), n, (("2019", f"doc{i}.txt"), ("2021", f"doc{i}b.txt")))
          for i, n in enumerate(NAMES, start=1)]
STEM = Analyzer().stem


def named(question: str) -> str | None:
    scope = find_scope(question, SERIES, STEM)
    return None if scope is None else scope.series.name.split(" – ")[1][:5]


@pytest.mark.parametrize("question, goal", [
    ("Hur många jobbar inom industrin i mål 1?", "Mål 1"),
    ("Hur många företag finns enligt Mål 2?", "Mål 2"),
    ("How many companies are there in goal 2?", "Mål 2"),
    ("Vad säger rapporten om mål 6 om gästnätter?", "Mål 6"),
    ("Hur många kluster nämns i klusterrapporten?", "Mål 5"),
    ("Vad säger rapporten om besöksnäringen om gästnätter?", "Mål 6"),
    ("Hur många gästnätter har besöksnäringsrapporten?", "Mål 6"),
])
def test_a_named_report_is_found(question, goal):
    assert named(question) == goal


@pytest.mark.parametrize("question", [
    "Hur många jobbar inom industrin?",  # names no report
    "Hur många företag finns i mål 9?",  # no such goal in the index
    "Vad säger rapporten om läget?",  # a word no goal name has
    "Hur ser det ut i årsrapporten?",  # "års" names no goal
    "Vad säger rapporten om växande besöksnäring?",  # fits two goals: no scope
])
def test_no_scope_without_exactly_one_fitting_report(question):
    assert named(question) is None


def test_one_series_is_never_a_scope():
    assert find_scope("Hur många jobbar i mål 5?", SERIES[2:3], STEM) is None


def test_the_goal_phrase_is_left_out_of_the_searched_text_and_the_editions_kept():
    scope = find_scope("Hur många jobbar inom industrin i mål 1?", SERIES, STEM)
    assert scope is not None
    assert scope.without_phrase("Hur många jobbar inom industrin i mål 1?") == (
        "Hur många jobbar inom industrin?")
    assert scope.documents == ("doc1.txt", "doc1b.txt")
    kept = find_scope("Vad säger rapporten om besöksnäringen?", SERIES, STEM)
    assert kept is not None and kept.span is None  # "besöksnäringen" is also the topic


def test_goal_words_are_the_short_goal_name():
    assert goal_words(NAMES[1]) == ["växande", "företag"]


@pytest.mark.parametrize("question, searched", [
    ("hur mycket fick folkhälsoarbetet i förra rapporten om mål 1",
     "hur mycket fick folkhälsoarbetet i förra rapporten"),
    ("i första mål 2-rapporten, hur många företag fanns", "i första rapporten, hur många "
     "företag fanns"),
    ("in the previous report on goal 2, how many firms", "in the previous report, how many "
     "firms"),
])
def test_a_report_word_in_the_goal_phrase_stays_for_the_edition_it_names(question, searched):
    """"i förra rapporten om mål 8" names both the report and its edition: the goal goes,
    the report word stays, so that "förra rapporten" still asks for the earlier edition."""
    scope = find_scope(question, SERIES, STEM)
    assert scope is not None and scope.without_phrase(question) == searched
