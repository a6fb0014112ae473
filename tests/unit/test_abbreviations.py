"""Abbreviations a question types that the reports write out (text/abbreviations.py), and
the question analysis that searches for what they stand for."""

from __future__ import annotations

from reportqa.text.abbreviations import abbreviation_finder, written_out

_TEXTS = [
    "Inom vuxenutbildningen studerade omkring 4 000 personer, varav drygt 1 500 inom "
    "svenska för invandrare.",
    "År 2018 fanns 26 yrkeshögskoleutbildningar i länet. Yrkeshögskolan samarbetar med "
    "arbetslivet.",
    "Länet är omkring 49 000 kvadratkilometer och ordet kluster används ofta.",
    "Det som finns i länet är många små företag.",
    "Exportvärdet ökade.",
]


def test_an_abbreviation_is_found_by_the_initials_of_the_words_it_stands_for():
    assert written_out("sfi", _TEXTS) == [("svenska", "för", "invandrare")]
    assert written_out("SFI", _TEXTS) == [("svenska", "för", "invandrare")]


def test_a_two_letter_abbreviation_is_found_in_compounds_only():
    """"yh" spells the leading parts of every yrkeshögskole- compound (one meaning); two
    words never spell a two-letter abbreviation ("ordet kluster" is no "ok")."""
    found = written_out("yh", _TEXTS)
    assert ("yrkeshögskolan",) in found and ("yrkeshögskoleutbildningar",) in found
    assert written_out("ok", _TEXTS) == []


def test_a_phrase_broken_by_a_number_or_led_by_a_stop_word_spells_nothing():
    assert written_out("ok", ["omkring 49 000 kilometer"]) == []
    assert written_out("sfi", ["Det som finns i länet."]) == []


def test_an_abbreviation_of_several_meanings_is_none_of_them():
    assert written_out("sfi", _TEXTS + ["Sveriges frivilliga idrottare."]) == []


def test_the_finder_reads_the_texts_once_and_only_when_asked():
    reads: list[int] = []

    def texts() -> list[str]:
        reads.append(1)
        return _TEXTS

    find = abbreviation_finder(texts)
    assert not reads
    assert find("sfi") == [("svenska", "för", "invandrare")]
    assert find("yh") and find("komvux") == [] and find("x") == []
    assert len(reads) == 1


def test_a_question_searches_for_what_its_abbreviation_stands_for():
    """"sfi" matches "invandrare" (the rarest word of its phrase), and the dense side reads
    the phrase beside it; a word the index has is no abbreviation."""
    from reportqa.ask.question import QueryAnalyzer
    from reportqa.index.bm25 import LexicalIndex
    from reportqa.text.analyzer import Analyzer

    lex = LexicalIndex.build(_TEXTS, Analyzer())
    qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys(), doc_freq=lex.doc_freq,
                       num_docs=lex.size)
    qa.use_abbreviations(abbreviation_finder(lambda: _TEXTS))
    q = qa.analyze("hur många läser sfi i länet")
    sfi = next(c for c in q.concepts if c.text == "sfi")
    assert sfi.alts.get("invandr", 0) >= 0.9 and "svensk" not in sfi.alts
    assert "sfi (svenska för invandrare)" in (q.search or q.text)
    q = qa.analyze("hur många yh-utbildningar finns det")
    yh = next(c for c in q.concepts if c.text == "yh")
    assert any(t.startswith("yrkeshögskol") for t in yh.alts)
    assert "ordet" not in (qa.analyze("vad är ok").search or "")
    # a common word of the question's language is its own, not "exportvärdet"
    assert "(" not in (qa.analyze("How many EV charging points are there?").search or "")


def test_a_name_typed_without_its_hyphen():
    """"iucz" is the reports' "IUC-Z", the one hyphenated name it spells without the hyphen;
    a spelling two hyphenated names share is left alone."""
    texts = ["IUC-Z group är en gemensam nod för industriföretagen.", "Ett co-workingplace."]
    assert written_out("iucz", texts) == [("iuc", "z")]
    assert written_out("abc", ["Både A-BC och AB-C finns."]) == []


def test_an_acronym_spells_a_name_the_reports_write_out():
    """"DI", "ESF", "JH" spell names the reports write ("Dagens industri", "Europeiska
    socialfonden", "Jämtland Härjedalen"); "SCB" and "EU" spell none of them."""
    from reportqa.text.abbreviations import spells_a_name

    texts = ["Dagens industri utsåg år 2018 ett 30-tal företag.",
             "Projektet finansierades av Europeiska socialfonden, pågick mellan 2015 och 2018.",
             "Det klustret är samordnat av Jämtland Härjedalen Turism.",
             "Kluster är en utmaning i ett glest befolkat län."]
    assert all(spells_a_name(a, texts) for a in ("di", "esf", "jh", "jht"))
    assert not any(spells_a_name(a, texts) for a in ("scb", "eu", "x"))
