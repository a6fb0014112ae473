"""The development question class ("hur har X utvecklats?"): what it takes, what it leaves to
retrieval, which editions it compares, and how a figure is found and followed across the
editions of hand-made facts."""

from __future__ import annotations

import pytest

from reportqa.ask.changes import asks_for_changes
from reportqa.ask.development import (
    DevelopmentQuestion,
    development_answer,
    development_of,
    development_question,
    editions_asked,
    topic_match,
)
from reportqa.ask.question import QueryAnalyzer
from reportqa.facts.extract import sentence_facts
from reportqa.facts.table import Fact
from reportqa.text.analyzer import Analyzer

ANALYZER = Analyzer()
QUERIES = QueryAnalyzer(ANALYZER)


@pytest.mark.parametrize(("q", "topic"), [
    ("Hur har sysselsättningen i industrin utvecklats?", "sysselsättningen industrin"),
    ("hur har antalet fritidshus förändrats sedan 2019?", "fritidshus"),
    ("Hur har antalet besök förändrats mellan uppföljningarna?", "besök"),
    ("Hur har medellivslängden ändrats sedan förra uppföljningen?", "medellivslängden"),
    ("Och hur har elpriset utvecklat sig?", "elpriset"),
    ("Hur har sysselsättningen utvecklats i industrin?", "sysselsättningen industrin"),
    ("Har antalet laddpunkter ökat eller minskat?", "laddpunkter"),
    ("Har medellivslängden ökat?", "medellivslängden"),
    ("har andelen rökare gått ner i mål 8?", "rökare"),
    ("Hur mycket har vindkraften ökat sedan 2020?", "vindkraften"),
    ("Andelen trångbodda hushåll då och nu", "trångbodda hushåll"),
    ("How has employment in industry changed since the last edition?",
     "employment industry"),
    ("How did wind power develop between the 2020 and 2022 editions?", "wind power"),
    ("Has the number of charging points gone up?", "charging points"),
    ("Has life expectancy increased or decreased?", "life expectancy"),
    ("How much has wind power grown since the previous report?", "wind power"),
    ("Hydropower then and now?", "Hydropower"),
])
def test_development_questions_and_their_topic(q, topic):
    asked = development_question(q)
    assert asked is not None and asked.topic == topic


@pytest.mark.parametrize("q", [
    # a change a report states itself ("exporten har ökat med 12 %"): a fact question
    "Hur mycket har exporten ökat?", "How much has employment grown?",
    # a figure to check
    "Har exporten ökat med 12 procent?",
    # nothing named to look for: a follow-up the conversation resolves first
    "Hur har det förändrats?", "How has it changed since 2019?",
    # other questions
    "Hur många arbetar i industrin?", "Hur har regionen arbetat med klustren?",
    "Vad har ändrats sedan förra uppföljningen?", "What changed?",
    "Vilka kluster finns i länet?", "Varför har exporten ökat?",
    # a span of years inside one report: its text states the development
    "Hur har antalet industrijobb utvecklats de senaste fem åren?",
    "How has employment changed over the last ten years?",
])
def test_other_questions_are_not_development_questions(q):
    assert development_question(q) is None


def test_the_changes_class_and_this_one_do_not_overlap():
    for q in ("Vad har ändrats sedan förra uppföljningen?", "What has changed since 2021?"):
        assert asks_for_changes(q) and development_question(q) is None
    for q in ("Hur har sysselsättningen förändrats?", "How has tourism changed?"):
        assert development_question(q) is not None and not asks_for_changes(q)


EDITIONS = (("2019", "a"), ("2021", "b"), ("2023", "c"))


@pytest.mark.parametrize(("q", "want"), [
    ("Hur har antalet fritidshus förändrats?", ["2019", "2021", "2023"]),
    ("Hur har antalet fritidshus förändrats sedan 2021?", ["2021", "2023"]),
    ("Hur har antalet fritidshus förändrats mellan 2019 och 2021?", ["2019", "2021"]),
    ("Hur har antalet fritidshus förändrats sedan förra uppföljningen?", ["2021", "2023"]),
    ("How has the number of holiday homes changed since the last edition?",
     ["2021", "2023"]),
    # a year that is no edition: a development the report states, left to retrieval
    ("Hur har antalet fritidshus förändrats sedan 2015?", []),
    ("how has the share of snow-free season guest nights changed since 2012", []),
    ("Hur har antalet fritidshus förändrats mellan 2012 och 2021?", []),
])
def test_the_editions_compared(q, want):
    asked = development_question(q)
    assert asked is not None
    assert [e for e, _ in editions_asked(asked, EDITIONS)] == want


def _facts(edition: str, doc: str, *sentences: str) -> list[Fact]:
    return [Fact(f, s, doc, "Avsnitt", None, "Mål 7", edition, row)
            for row, s in enumerate(sentences) for f in sentence_facts(s, ANALYZER)]


OLD = _facts("2019", "mal7-2019.txt",
             "I länet finns drygt 18 000 fritidshus.",
             "Hyresrätterna utgör 38,5 procent av bostadsbeståndet och bostadsrätterna 24,2 "
             "procent.",
             "Regionen stödjer 85 idrottsföreningar i folkhälsoarbetet.")
MID = _facts("2021", "mal7-2021.md",
             "Antalet fritidshus i länet är drygt 12 680.",
             "Av bostadsbeståndet är 45,5 procent hyresrätter och 24,2 procent bostadsrätter.",
             "Regionen stödjer 40 pensionärsföreningar i arbetet mot ensamhet.")
NEW = _facts("2023", "mal7-2023.docx",
             "Antalet fritidshus i länet är drygt 16 890.",
             "Av bostadsbeståndet är 53,0 procent hyresrätter och 24,2 procent bostadsrätter.",
             "Regionen stödjer 44 pensionärsföreningar i arbetet mot ensamhet.")


def _concepts(topic: str, language: str = "sv"):
    return QUERIES.analyze(topic, language).concepts


def test_the_word_next_to_a_figure_tells_two_figures_of_a_sentence_apart():
    rent, owned = NEW[1], NEW[2]
    assert (rent.fact.figure, owned.fact.figure) == ("53,0 procent", "24,2 procent")
    assert topic_match(_concepts("hyresrätter"), rent, ANALYZER) > topic_match(
        _concepts("hyresrätter"), owned, ANALYZER)
    assert topic_match(_concepts("bostadsrätter"), owned, ANALYZER) > topic_match(
        _concepts("bostadsrätter"), rent, ANALYZER)


def test_a_figure_is_followed_through_reworded_editions():
    dev = development_of(_concepts("fritidshus"), [OLD, MID, NEW], ANALYZER)
    assert dev is not None
    assert [(f.edition, f.fact.figure) for f in dev.facts] == [
        ("2019", "18 000"), ("2021", "12 680"), ("2023", "16 890")]
    dev = development_of(_concepts("hyresrätter"), [OLD, MID, NEW], ANALYZER)
    assert dev is not None
    assert [f.fact.figure for f in dev.facts] == ["38,5 procent", "45,5 procent",
                                                  "53,0 procent"]
    assert 0 < dev.confidence <= 1


def test_a_figure_of_one_edition_or_of_nothing_gives_no_development():
    assert development_of(_concepts("idrottsföreningar"), [OLD, MID, NEW], ANALYZER) is None
    assert development_of(_concepts("vindkraft"), [OLD, MID, NEW], ANALYZER) is None
    # a thing that is only in the newer editions is followed where it is
    dev = development_of(_concepts("pensionärsföreningar"), [OLD, MID, NEW], ANALYZER)
    assert dev is not None and [f.edition for f in dev.facts] == ["2021", "2023"]


def test_the_answer_quotes_each_edition_oldest_first_in_the_question_language():
    dev = development_of(_concepts("fritidshus"), [OLD, MID, NEW], ANALYZER)
    assert dev is not None
    docs = {"mal7-2019.txt": {"title": "Läget i länet", "indexed_at": "x"}}
    a = development_answer("Hur har antalet fritidshus förändrats?", dev, "sv", docs, {})
    assert a.text is not None
    lines = a.text.splitlines()
    assert lines[0] == "Från 18 000 till 16 890 (en minskning)."
    assert lines[1:] == [
        "Enligt uppföljningen 2019: “I länet finns drygt 18 000 fritidshus.”",
        "Enligt uppföljningen 2021: “Antalet fritidshus i länet är drygt 12 680.”",
        "Enligt uppföljningen 2023: “Antalet fritidshus i länet är drygt 16 890.”"]
    assert [(s.document, s.edition) for s in a.sources] == [
        ("mal7-2019.txt", "2019"), ("mal7-2021.md", "2021"), ("mal7-2023.docx", "2023")]
    assert a.sources[0].title == "Läget i länet" and a.confidence == dev.confidence

    undated = [Fact(f.fact, f.sentence, f.document, f.section, f.page, f.series, "", f.row)
               for f in OLD]
    dev = development_of(_concepts("fritidshus"), [undated, NEW], ANALYZER)
    assert dev is not None
    a = development_answer("Holiday homes then and now?", dev, "en", {}, {})
    assert a.text is not None and a.language == "en"
    assert "According to the undated edition: “I länet finns" in a.text
    assert "According to the 2023 edition:" in a.text and "(down)" in a.text


def test_a_development_question_keeps_its_years():
    asked = development_question("Hur har antalet fritidshus förändrats mellan 2019 och 2023?")
    assert asked == DevelopmentQuestion("fritidshus", ("2019", "2023"), False, "count")
    asked = development_question("Has the share of hydropower gone up since 2020?")
    assert asked == DevelopmentQuestion("hydropower", ("2020",), False, "share")


def test_a_count_asked_for_is_not_a_percentage_of_the_same_thing():
    demand = _facts("2021", "d", "Under pandemin ökade efterfrågan på fritidshus med 22 %.")
    old, new = (_facts(e, "d", f"I länet finns drygt {n} fritidshus.",
                       "Under pandemin ökade efterfrågan på fritidshus med 22 %.")
                for e, n in (("2021", "18 000"), ("2023", "16 890")))
    assert topic_match(_concepts("fritidshus"), demand[0], ANALYZER) == 1.0
    dev = development_of(_concepts("fritidshus"), [old, new], ANALYZER, "count")
    assert dev is not None and [f.fact.figure for f in dev.facts] == ["18 000", "16 890"]
    dev = development_of(_concepts("fritidshus"), [old, new], ANALYZER, "share")
    assert dev is not None and [f.fact.figure for f in dev.facts] == ["22 %", "22 %"]


def test_a_span_of_years_is_not_what_develops():
    old, new = (_facts(e, "d", "De senaste 20 åren har Etour bedrivit turismforskning.",
                       f"Klustret samverkar med ett {n} besöksdestinationer inom turismen.")
                for e, n in (("", "20-tal"), ("2021", "25-tal")))
    assert old[0].unit == "år"
    dev = development_of(_concepts("turismen"), [old, new], ANALYZER)
    assert dev is not None and [f.fact.figure for f in dev.facts] == ["20-tal", "25-tal"]
