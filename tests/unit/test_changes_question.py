"""The "what changed?" question class: what it takes, what it leaves to retrieval, and which
series it means."""

from __future__ import annotations

import pytest

from reportqa.ask.changes import asks_for_changes, series_asked
from reportqa.facts.series import SeriesInfo, series_id


@pytest.mark.parametrize("q", [
    "Vad har ändrats sedan förra uppföljningen?", "vad har förändrats?", "What changed?",
    "What has changed since the last edition?", "Vilka siffror har ändrats i mål 5?",
    "Vad är nytt i uppföljningen 2021 av mål 7?", "what's new in the report?",
])
def test_questions_about_what_changed(q):
    assert asks_for_changes(q)


@pytest.mark.parametrize("q", [
    "Vad har förändrats i industrin?", "Hur har sysselsättningen förändrats?",
    "hur har den siffran förändrats sen 2010?", "What changed in tourism?",
    "Hur många personer sysselsätter industrin?", "Vad är klustret?",
])
def test_narrower_questions_are_left_to_retrieval(q):
    assert not asks_for_changes(q)


def _series(name: str, editions: int) -> SeriesInfo:
    return SeriesInfo(series_id(name), name, tuple((str(2019 + i), f"{name}-{i}")
                                                   for i in range(editions)))


def test_the_series_meant_is_the_one_named_or_the_only_one_with_editions():
    five, seven = _series("Läget i länet – Mål 5. Fler kluster", 2), _series(
        "Läget i länet – Mål 7. Fler bostäder", 3)
    one = _series("Läget i länet – Mål 15. Annat", 1)
    assert series_asked("Vad har ändrats i mål 7?", [five, seven, one]) is seven
    assert series_asked("Vad har ändrats?", [five, one]) is five
    assert series_asked("Vad har ändrats?", [five, seven]) is None
    assert series_asked("Vad har ändrats i mål 1?", [five, seven, one]) is None
