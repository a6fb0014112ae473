"""Questions typed on a phone: chat forms and missing å, ä, ö (spelling.py, query.py)."""

from __future__ import annotations

import pytest

from reportqa.ask.question import QueryAnalyzer
from reportqa.text.analyzer import Analyzer
from reportqa.text.spelling import repair_question, restore_report_words
from reportqa.text.thesaurus import Thesaurus, load_thesaurus


@pytest.mark.parametrize(("typed", "read"), [
    ("hur manga statligt anstallda finns det i jamtland",
     "hur många statligt anställda finns det i jämtland"),
    ("vad gor Jamtland Harjedalen Turism", "vad gör Jämtland Härjedalen Turism"),
    ("hur mkt omsätter turismen", "hur mycket omsätter turismen"),
    ("finns det nåt kluster", "finns det något kluster"),
    ("stammer det att over 40 procent", "stämmer det att över 40 procent"),
])
def test_phone_typing_is_repaired(typed: str, read: str):
    assert repair_question(typed) == read


@pytest.mark.parametrize("kept", [
    "Var har företagen sitt kontor?",  # "har" is as common as "här": kept
    "Hur många bor i Åre?",  # "bor" ~ "bör": kept
    "Vad heter IUC-Z group?",
    "",
])
def test_words_that_are_right_are_kept(kept: str):
    assert repair_question(kept) == kept


def test_abbreviations_are_spelled_out_unless_the_report_writes_them():
    """"lgh" is read as "lägenheter", unless the report writes "lgh" and not the word."""
    assert repair_question("hur många lgh omfattar programmet") == (
        "hur många lägenheter omfattar programmet")
    assert repair_question("hur många lgh", known={"lgh"}.__contains__) == "hur många lgh"
    assert repair_question("enl 2019", known={"enl", "enligt"}.__contains__) == "enligt 2019"
    assert repair_question("andel i okt 2018") == "andel i oktober 2018"
    assert repair_question("vad händer i jul") == "vad händer i jul"  # Christmas, not July
    assert repair_question("hur många km grusväg, jmf med 2018") == (
        "hur många kilometer grusväg, jämfört med 2018")
    assert repair_question("tåget mellan östersund och sthlm") == (
        "tåget mellan östersund och stockholm")
    assert repair_question("vad heter turismforskningsinstitutet på miun") == (
        "vad heter turismforskningsinstitutet på mittuniversitetet")
    assert repair_question("hur många ftg i länet har fler än 100 anställda") == (
        "hur många företag i länet har fler än 100 anställda")
    assert repair_question("myndigheter fr stockholm") == "myndigheter från stockholm"
    assert repair_question("hur många läste sfi inom komvux") == (
        "hur många läste sfi inom kommunal vuxenutbildning")


def test_compounds_typed_without_a_ring_or_dots_are_restored_part_by_part():
    """A compound neither the report nor the language knows is restored when its parts
    are words once å, ä, ö are back; a rare compound that needs nothing stays."""
    assert repair_question("hur manga skolor ar med i rorelseprogrammet") == (
        "hur många skolor är med i rörelseprogrammet")
    report = {"miljonprogram", "lägenheter"}.__contains__
    assert repair_question("miljonprogramslagenheter", known=report) == (
        "miljonprogramslägenheter")
    assert repair_question("vindkraftverk") == "vindkraftverk"


def test_english_questions_restore_only_the_reports_own_words():
    """"in ostersund" names the report's Östersund; English words that fold ("for",
    "bar") and words the reports lack stay as typed."""
    report = {"östersund", "för", "bär"}.__contains__
    assert restore_report_words("How much was invested in ostersund for that bar?",
                                report) == "How much was invested in östersund for that bar?"
    assert restore_report_words("Ostersund", report) == "Östersund"
    assert restore_report_words("in krokom", report) == "in krokom"


def test_repair_is_used_for_swedish_questions_only():
    """The analysed question is the repaired one in Swedish (quantity found through
    "manga"); an English question keeps its words ("for" is not "för")."""
    q = QueryAnalyzer(Analyzer(), ["många", "jämtland"])
    sv = q.analyze("hur manga jobbar i jamtland")
    assert sv.language == "sv" and sv.quantity and sv.text == "hur många jobbar i jämtland"
    en = q.analyze("What share of jobs is for women over 40?")
    assert en.language == "en" and en.text == "What share of jobs is for women over 40?"


def test_thesaurus_is_symmetric_and_finds_headwords_of_inflected_forms():
    t = Thesaurus.parse("# notice\nutöka|expandera|vidga\nstuga|fritidshus\n")
    # a noun in -a from its -or plural
    assert t.synonyms("stugor") == t.synonyms("stugorna") == {"fritidshus"}
    assert t.synonyms("utökats") == {"expandera", "vidga"}
    assert "utöka" in t.synonyms("expandera")
    assert t.synonyms("okänt") == frozenset()
    shipped = load_thesaurus()
    assert len(shipped) > 10_000 and "arbete" in shipped.synonyms("jobben")


def test_a_word_the_report_uses_is_kept_as_written():
    """"nod" is a word of the report: it is not "nöd", however common that is."""
    assert repair_question("Vilken organisation är nod för industrin?") \
        == "Vilken organisation är nöd för industrin?"
    q = QueryAnalyzer(Analyzer(), [Analyzer().word_terms("nod")[0]])
    assert q.analyze("Vilken organisation är nod för industrin?").text \
        == "Vilken organisation är nod för industrin?"


@pytest.mark.parametrize(("typed", "meant"), [
    ("hur många jobar i industrin", "hur många jobbar i industrin"),
    ("hur många dog i trafikolycor", "hur många dog i trafikolyckor"),
])
def test_one_wrong_letter_is_read_as_the_common_word(typed, meant):
    assert repair_question(typed) == meant


def test_words_of_the_report_and_short_words_are_not_corrected():
    report = {"etour", "jobar"}
    assert repair_question("vad är etour", report.__contains__) == "vad är etour"
    assert repair_question("hur många jobar", report.__contains__) == "hur många jobar"
    assert repair_question("vad gör mnu") == "vad gör mnu"  # under five letters


def test_a_typo_prefers_the_word_the_report_uses():
    # "turismbranchen" is one letter from the report's "turismbranschen", a word too rare
    # for word frequencies to suggest by themselves
    assert repair_question("turismbranchen", {"turismbranschen"}.__contains__) == \
        "turismbranschen"


def test_a_rare_word_typed_without_a_umlaut_is_the_reports_word():
    """"vägnätet" is too rare for the general word list, but the report uses it."""
    known = {"vägnätet", "långt", "statliga"}.__contains__
    assert repair_question("hur langt ar det statliga vagnatet", known).endswith(
        "statliga vägnätet")
    # without the report, its parts ("väg", "nätet") are common words
    assert repair_question("vagnatet", None) == "vägnätet"
    assert repair_question("xyzvagnatet", None) == "xyzvagnatet"  # no part to go by
    assert repair_question("hamnar", {"hämnar"}.__contains__) == "hamnar"  # a common word


def test_a_word_the_reports_hyphenate_is_split_back_when_typed_joined():
    """"coworking" is the reports' "co-working"; a word whose head is a function word
    ("omsättning" → "om" + …) or whose parts the reports lack stays as typed."""
    known = {"co", "working", "om", "sättning", "e", "handel"}.__contains__
    assert repair_question("namn på coworking i åre", known) == "namn på co-working i åre"
    assert repair_question("hur stor är ehandeln", {"e", "handeln"}.__contains__) == (
        "hur stor är e-handeln")
    assert restore_report_words("the coworking hub", known) == "the co-working hub"
    days = {"dag", "pendlar"}.__contains__  # a common word is no hyphen's first part
    assert repair_question("hur många dagpendlar", days) == "hur många dagpendlar"
    assert repair_question("omsättning", known) == "omsättning"
    assert repair_question("cowboys", known) == "cowboys"
    # a common word of either language is meant as written ("resorts", not "res-orts")
    assert restore_report_words("ski resorts", {"res", "orts"}.__contains__) == "ski resorts"


def test_short_seasons_and_area_units_are_written_as_reports_write_them():
    assert repair_question("omsättning säsongen 2017/18") == "omsättning säsongen 2017/2018"
    assert repair_question("vad omsatte skidorterna säsongen 18/19") == (
        "vad omsatte skidorterna säsongen 2018/2019")
    assert repair_question("öppet 12/15 mars") == "öppet 12/15 mars"  # no season
    assert restore_report_words("in the 2017/18 season", lambda w: False) == (
        "in the 2017/2018 season")
    assert restore_report_words("How big is the county in km2?", lambda w: False) == (
        "How big is the county in kvadratkilometer?")
    assert repair_question("20 m² stort") == "20 kvadratmeter stort"


def test_a_typo_in_a_word_with_a_swedish_letter_is_mended():
    """"anstälda" (one "l" short) is "anställda"; a rare compound with no common word one
    edit away is kept as typed."""
    from reportqa.text.spelling import repair_question

    assert repair_question("hur många anstälda har myndigheterna") == (
        "hur många anställda har myndigheterna")
    assert repair_question("myndighetsanställda i länet") == "myndighetsanställda i länet"


def test_a_missing_double_letter_is_the_likeliest_typo():
    """"anstälda" is "anställda", though "anställa" (also one edit away) is the report's."""
    report = {"anställa", "anställer"}.__contains__
    assert repair_question("hur många anstälda har myndigheterna", known=report) == (
        "hur många anställda har myndigheterna")


def test_a_lone_letter_typed_for_a_word_is_that_word():
    """"vad e peak innovation" / "jobb o studier": "e" is "är" and "o" is "och"; a letter
    in a name or a road ("E14", "e-handel", "vitamin E") is left alone."""
    from reportqa.text.spelling import repair_question

    assert repair_question("vad e peak innovation") == "vad är peak innovation"
    assert repair_question("hur många jobbar o studerar") == "hur många jobbar och studerar"
    assert repair_question("E14 o e-handel") == "E14 och e-handel"
    assert repair_question("vitamin E") == "vitamin E"


def test_a_doubled_letter_is_mended_even_in_a_misspelling_many_make():
    """"ungdommar" is frequent enough in wordfreq to pass for a word (Zipf 2.7), but
    "ungdomar" is a hundred times commoner: the doubled letter is a typo; a word as common
    as its neighbour ("tallar", "talar") stays."""
    assert repair_question("hur många ungdommar saknade jobb") == (
        "hur många ungdomar saknade jobb")
    assert repair_question("vi gör det tilsammans") == "vi gör det tillsammans"
    assert repair_question("hur många ungdomar") == "hur många ungdomar"


def test_english_chat_forms_are_spelled_out():
    """"how many ppl work in manufacturing" counts people: "ppl" is read as the word, in
    an English question too."""
    from reportqa.text.spelling import english_spelled_out

    assert english_spelled_out("how many ppl work in manufacturing") == (
        "how many people work in manufacturing")
    assert english_spelled_out("are the govt agencies cooperating") == (
        "are the government agencies cooperating")
    analyzer = QueryAnalyzer(Analyzer(), frozenset())
    assert "ppl" not in {c.text for c in analyzer.analyze("how many ppl work here").concepts}


def test_a_verb_of_the_second_conjugation_finds_its_headword():
    """"läser" and "läste" are forms of "läsa" (a synonym of "studera": "hur många läser
    sfi" is answered by "studerade … inom svenska för invandrare"), as "studerar" is of
    "studera"."""
    t = Thesaurus.parse("läsa|studera\nbyta|växla\n")
    assert t.synonyms("läser") == {"studera"}
    assert t.synonyms("läste") == {"studera"}
    assert t.synonyms("byter") == {"växla"}
