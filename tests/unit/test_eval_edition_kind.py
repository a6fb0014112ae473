"""`reportqa eval` items that name an edition and a kind: loading them, and scoring an
answer as a hit only from the named edition and when its text names it."""

from __future__ import annotations

import json

import pytest

from reportqa.ask.evaluation import evaluate, load_items
from reportqa.ask.messages import edition_lead, names_edition
from reportqa.errors import ReportQAError
from reportqa.types import Answer, Source


def write(tmp_path, *items: dict):
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items),
                    encoding="utf-8")
    return path


def test_edition_and_kind_are_read_and_optional(tmp_path):
    items = load_items(write(
        tmp_path,
        {"id": "a", "question": "Hur många?", "expect": ["640"], "edition": "2023",
         "kind": "newest"},
        {"id": "b", "question": "Hur många 2019?", "expect": ["600"], "edition": 2019},
        {"id": "c", "question": "Vad kostar månen?", "expect": None, "kind": "unanswerable"}))
    assert [(i.edition, i.kind) for i in items] == [("2023", "newest"), ("2019", ""),
                                                     ("", "unanswerable")]


@pytest.mark.parametrize("bad", [
    {"id": "x", "question": "q", "expect": None, "edition": "2021"},
    {"id": "x", "question": "q", "expect": ["1"], "edition": ["2021"]},
])
def test_an_edition_needs_an_answer_and_a_year(tmp_path, bad):
    with pytest.raises(ReportQAError, match="items.jsonl:1"):
        load_items(write(tmp_path, bad))


def source(edition: str, sentence: str) -> Source:
    return Source("doc.pdf", "Läget i länet", "Avsnitt", 1, sentence, sentence, 0.9,
                  edition=edition)


class FakeEngine:
    """Answers each question with the answer given for it."""

    version, model_name = "v1", "fake"

    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers

    def ask(self, question: str, top_k: int = 3, mode: str = "hybrid") -> Answer:
        return self.answers[question]


def answer(q: str, edition: str, sentence: str, named: bool = True) -> Answer:
    lead = edition_lead("sv", edition) if named else ""
    return Answer(q, lead + sentence, 0.9, [source(edition, sentence)], "sv")


def test_a_hit_needs_the_named_edition_and_its_name_in_the_answer(tmp_path):
    s23, s19 = "I länet blev 472 nya bostäder färdiga.", "Under året färdigställdes 640 nya."
    items = load_items(write(
        tmp_path,
        {"id": "1", "question": "q1", "expect": ["472"], "edition": "2023", "kind": "newest"},
        {"id": "2", "question": "q2", "expect": ["640"], "edition": "2019", "kind": "older"},
        {"id": "3", "question": "q3", "expect": ["472"], "edition": "2023", "kind": "newest"},
        {"id": "4", "question": "q4", "expect": ["640"], "edition": "2019", "kind": "older"},
        {"id": "5", "question": "q5", "expect": ["472"], "kind": "table"},
        {"id": "6", "question": "q6", "expect": None, "kind": "unanswerable"}))
    engine = FakeEngine({
        "q1": answer("q1", "2023", s23),  # right
        "q2": answer("q2", "2023", "Det blev 640 nya bostäder."),  # the wrong edition
        "q3": answer("q3", "2023", s23, named=False),  # the edition not said
        "q4": answer("q4", "2019", s19),  # right
        "q5": answer("q5", "", s23),  # no edition asked: the text is enough
        "q6": Answer("q6", None, 0.1, [], "sv"),
    })
    res = evaluate(engine, items)
    hits = {r["id"]: r["hit"] for r in res["items"]}
    assert hits == {"1": True, "2": False, "3": False, "4": True, "5": True, "6": False}
    assert res["by_kind"]["newest"]["hit@1"] == 0.5
    assert res["by_kind"]["older"]["hit@1"] == 0.5
    assert res["by_kind"]["table"]["hit@1"] == 1.0
    assert res["by_kind"]["unanswerable"]["declined_unanswerable"] == 1.0
    assert res["overall"]["hit@1"] == 0.6
    # hit@3 counts a source only from the named edition
    assert {r["id"]: r["rank"] for r in res["items"]}["2"] is None


def test_a_file_without_kinds_has_no_by_kind(tmp_path):
    items = load_items(write(tmp_path, {"id": "1", "question": "q", "expect": ["x"]}))
    res = evaluate(FakeEngine({"q": Answer("q", "x", 0.9, [source("", "x")], "sv")}), items)
    assert "by_kind" not in res and res["overall"]["hit@1"] == 1.0


def test_names_edition_in_either_language():
    assert names_edition("Enligt uppföljningen 2021: Det blev fler.", "2021")
    assert names_edition(edition_lead("en", "2019") + "It rose.", "2019")
    assert not names_edition("Enligt uppföljningen 2021: Det blev fler.", "2019")
    assert not names_edition("Sedan 2019 har det blivit fler.", "2019")
    assert edition_lead("sv", "") == ""


def test_an_expected_string_is_read_as_the_index_reads_the_report():
    """A string copied from the report ("Eldrimner ─ natonellt", a box-drawing dash) is
    found in the answer the index gives (its dashes made one kind): the same text."""
    from reportqa.ask.evaluation import contains

    answer = "I detta samarbetar LRF Jämtland, Eldrimner – natonellt resurscentrum."
    assert contains(answer, ["Eldrimner ─ natonellt resurscentrum"])
    assert contains(answer, ["LRF  Jämtland,\u00a0Eldrimner"])
    assert not contains(answer, ["Eldrimner - nationellt"])
