"""Series and editions from a report's first lines, and which edition a question wants."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reportqa.ingest.editions import Editions, EditionWish, edition_year, identify

GOAL = "Mål 5. Fler kluster (i glesa strukturer, spridda över stora geografiska avstånd)"


@pytest.mark.parametrize(("line", "year"), [
    ("Uppföljning 2019", "2019"), ("uppföljningen 2021", "2021"), ("Upplaga 2020", "2020"),
    ("2021 års uppföljning", "2021"), ("Edition 2018", "2018"), ("2022 edition", "2022"),
    ("Mål 5. Fler kluster", ""), ("Under 2019 växte turismen", ""), ("Uppföljning", ""),
])
def test_edition_lines(line, year):
    assert edition_year(line) == year


def test_series_is_title_and_goal_edition_from_its_line():
    new = identify("Läget i länet", ["Läget i länet", GOAL, "Uppföljning 2021", "Bakgrund"])
    old = identify("Läget i länet", ["Läget i länet", GOAL, "Bakgrund"])
    assert new.series == old.series == f"Läget i länet – {GOAL}"
    assert (new.edition, old.edition) == ("2021", "")


def test_a_goal_written_as_a_paragraph_still_names_the_series():
    goal = "Mål 1. Fler i arbete (en inkluderande arbetsmarknad där fler kvinnor och män, unga " \
           "och nyanlända får och behåller ett arbete)"
    found = identify("Läget i länet", ["Läget i länet", goal, "Uppföljning 2019", "Sysselsättning"])
    assert found.series.startswith("Läget i länet – Mål 1. Fler i arbete")
    assert found.edition == "2019"


@pytest.mark.parametrize(("question", "wish"), [
    ("Hur många jobbar inom industrin?", EditionWish()),
    ("Vad sa förra uppföljningen om industrin?", EditionWish(earlier=True)),
    ("What did the previous edition say about tourism?", EditionWish(earlier=True)),
    ("Hur många jobbade i industrin enligt uppföljningen 2019?", EditionWish(year="2019")),
    ("i 2019 års rapport, hur många företag?", EditionWish(year="2019")),
    # a year alone: an edition where the index has one of that year, else a year of a fact
    ("How much did tourism turn over in 2019?", EditionWish(year="2019", bare=True,
                                                            timed=True)),
    ("Hur många småhus byggdes i Åre 2019?", EditionWish(year="2019", bare=True)),
    ("Hur många lägenheter har renoverats sedan 2015?", EditionWish()),  # a span of time
    ("Hur mycket ökade exporten mellan 2019 och 2021?", EditionWish()),
    ("Vad omsätter turismen enligt den ursprungliga klusterrapporten?", EditionWish(first=True)),
    ("What did the original report say about House Be?", EditionWish(first=True)),
    ("Hur många jobbar i industrin enligt senaste uppföljningen?", EditionWish(newest=True)),
    # the newest figures asked for are the newest edition's
    ("hur många jobbar i industriklustret, senaste siffran?", EditionWish(newest=True)),
    ("turismens omsättning enligt de senaste uppgifterna", EditionWish(newest=True)),
    ("What are the latest figures for tourism turnover?", EditionWish(newest=True)),
    ("har antalet företag ökat de senaste åren?", EditionWish()),
    # someone else's report of a year is no edition: its year is a fact's
    ("What did the Landsbygdskommittén propose in its 2017 report?",
     EditionWish(year="2017", bare=True)),
    ("How many firms at House Be according to the 2021 follow-up?", EditionWish(year="2021")),
    # the report's topic in the phrase: a compound, or English words before "report"
    ("Andel vuxna med fetma enligt förra hälsouppföljningen?", EditionWish(earlier=True)),
    ("What was the life expectancy in the previous health report?", EditionWish(earlier=True)),
    ("How many care homes were there in the first housing report?", EditionWish(first=True)),
    # a goal, a comma, "undated" or a note in brackets inside the phrase
    ("i den äldre mål 3-rapporten utan årtal, hur många pendlar?", EditionWish(earlier=True)),
    ("In the earlier goal 2 report (the one without a date), how many firms?",
     EditionWish(earlier=True)),
    ("In the older, undated edition of goal 4, how many students?", EditionWish(earlier=True)),
    ("Vad sa den odaterade rapporten om bredband?", EditionWish(first=True)),
    # "gamla"/"old", a year said beside the earlier one, a note before the report
    ("omsättning enligt den gamla klusterrapporten, alltså inte 2021-uppföljningen?",
     EditionWish(earlier=True)),
    ("In the earlier cluster report (without the 2021 update), how many jobs?",
     EditionWish(earlier=True)),
    ("In the earlier (pre-2021) goal 5 report, how many jobs?", EditionWish(earlier=True)),
    ("house be number of companies in the old report", EditionWish(earlier=True)),
    ("Hur många bor i gamla stan?", EditionWish()),
    # … but a year the phrase names is the edition wanted
    ("medellivslängden enligt den första hälsouppföljningen 2018", EditionWish(year="2018")),
    # "äldre" of people, and a report named after it, is no edition
    ("Hur många äldre bor i länet enligt rapporten?", EditionWish()),
    # typed without å, ä and ö
    ("andel hyresratter i forra uppfoljningen?", EditionWish(earlier=True)),
    ("vad stod det i forsta rapporten", EditionWish(first=True)),
    # words between a qualifier and a report in Swedish are not a phrase
    ("Vilken är den första kommunen som rapporten nämner?", EditionWish()),
])
def test_which_edition_a_question_wants(question, wish):
    assert replace(EditionWish.of(question), span=None) == wish


@pytest.mark.parametrize(("question", "rest"), [
    ("Hur många sysselsätts i industriklustret enligt uppföljningen 2021?",
     "Hur många sysselsätts i industriklustret?"),
    ("Enligt förra uppföljningen, hur många jobbade på myndigheterna?",
     "hur många jobbade på myndigheterna?"),
    ("How many companies were at House Be according to the 2021 follow-up?",
     "How many companies were at House Be?"),
    ("Hur många jobbar i industrin?", "Hur många jobbar i industrin?"),
    ("In the older, undated edition of goal 5, how many people did agencies employ?",
     "how many people did agencies employ?"),
    ("In the earlier goal 5 report (the one without a 2021 date), what was the turnover?",
     "what was the turnover?"),
    # a year in brackets after the edition's phrase is part of it
    ("Hur många sysselsätter industriklustret enligt senaste uppföljningen (2021)?",
     "Hur många sysselsätter industriklustret?"),
    # the edition it is not, said beside the one it is
    ("hur många jobbade på myndigheterna enligt förra upplagan av mål 5, alltså före "
     "2021-uppföljningen?", "hur många jobbade på myndigheterna?"),
])
def test_the_words_naming_an_edition_are_not_what_is_asked(question, rest):
    assert EditionWish.of(question).without_phrase(question) == rest


def test_a_reference_number_is_no_edition_year():
    """"SOU 2017:1" names a report of the government's, not the 2017 edition."""
    wish = EditionWish.of("vad föreslog landsbygdskommittén i sou 2017:1")
    assert not wish.year and wish.span is None
    assert EditionWish.of("hur många jobbar i industrin 2021").year == "2021"


def test_an_index_serves_the_editions_its_series_have():
    ed = Editions({"a.txt": {"series": "S", "edition": ""},
                   "b.txt": {"series": "S", "edition": "2021"}})
    assert ed.serves(EditionWish.of("enligt uppföljningen 2021"))
    assert ed.serves(EditionWish.of("enligt förra uppföljningen"))
    assert not ed.serves(EditionWish.of("enligt uppföljningen 2017"))  # no such edition
    assert not ed.serves(EditionWish.of("hur många jobbar i industrin"))
    single = Editions({"a.txt": {"series": "S", "edition": "2019"}})
    assert not single.serves(EditionWish.of("enligt förra uppföljningen"))  # one edition only


def test_an_undated_first_edition_is_the_year_of_the_other_reports_before_its_dated_one():
    """"the 2019 edition" of a series whose editions are an undated one and "2021", in an
    index whose other reports are editions of 2019, is the undated one; a year no report of
    the index has ("2017 års uppföljning") names no edition, nor does a year alone."""
    ed = Editions({"a.txt": {"series": "S", "edition": ""},
                   "b.txt": {"series": "S", "edition": "2021"},
                   "other.txt": {"series": "T", "edition": "2019"}})
    wish = EditionWish.of("In the 2019 edition, how many companies were at House Be?")
    assert ed.serves(wish) and ed.wanted("b.txt", wish) == "a.txt"
    assert not ed.lacks("b.txt", wish)
    assert not ed.serves(EditionWish.of("enligt 2017 års uppföljning"))
    assert ed.lacks("b.txt", EditionWish.of("enligt 2017 års uppföljning"))
    assert not ed.serves(EditionWish.of("hur många företag fanns på House Be 2019?"))


def test_a_year_alone_names_an_edition_only_where_there_is_one():
    ed = Editions({name: {"series": "S", "edition": year} for name, year in (
        ("a.txt", "2019"), ("b.txt", "2021"), ("c.txt", "2023"))})
    wish = EditionWish.of("Hur många småhus byggdes i Åre 2021?")
    assert ed.serves(wish) and ed.wanted("c.txt", wish) == "b.txt"
    assert wish.without_phrase("Hur många småhus byggdes i Åre 2021?") == (
        "Hur många småhus byggdes i Åre?")
    fact_year = EditionWish.of("Hur många småhus byggdes 2017?")  # no 2017 edition
    assert not ed.serves(fact_year)
    assert ed.wanted("a.txt", fact_year) == "c.txt"  # the newest, as for no year at all
    newest = EditionWish.of("Hur många småhus byggdes i Åre 2023?")
    assert ed.serves(newest) and ed.wanted("a.txt", newest) == "c.txt"
    timed = EditionWish.of("Hur många småhus byggdes under 2023?")  # the figure's year:
    assert not ed.serves(timed)  # kept in what is searched
    assert ed.wanted("a.txt", timed) == "c.txt"
    assert ed.serves(EditionWish.of("Hur många småhus byggdes under 2021?"))  # earlier


def test_the_wanted_edition_of_a_series():
    docs = {"a.txt": {"series": "S", "edition": ""}, "b.txt": {"series": "S", "edition": "2021"},
            "c.txt": {"series": "S", "edition": "2019"}, "other.txt": {"series": "T",
                                                                       "edition": "2019"}}
    ed = Editions(docs)
    assert ed.wanted("a.txt", EditionWish()) == "b.txt"  # the newest
    assert ed.wanted("b.txt", EditionWish()) is None  # already the newest
    assert ed.wanted("b.txt", EditionWish(earlier=True)) == "c.txt"  # the one before it
    assert ed.wanted("b.txt", EditionWish(first=True)) == "a.txt"  # the first
    assert ed.wanted("b.txt", EditionWish(year="2019")) == "c.txt"
    assert ed.wanted("b.txt", EditionWish(year="2015")) is None  # no such edition
    assert ed.wanted("other.txt", EditionWish()) is None  # a series of one
    assert Editions({"x.txt": {"title": "no series recorded"}}).ordered == {}
    # a statement is looked for in the newer editions, newest first (one the newest edition
    # dropped is answered from the newest that has it); a named edition alone
    assert ed.wanted_in_order("a.txt", EditionWish()) == ["b.txt", "c.txt"]
    assert ed.wanted_in_order("c.txt", EditionWish()) == ["b.txt"]
    assert ed.wanted_in_order("b.txt", EditionWish()) == []
    assert ed.wanted_in_order("b.txt", EditionWish(earlier=True)) == ["c.txt"]


def test_a_question_names_an_edition_with_words_that_are_not_looked_for():
    from reportqa.ask.question import QueryAnalyzer
    from reportqa.index.bm25 import LexicalIndex
    from reportqa.text.analyzer import Analyzer

    lex = LexicalIndex.build(["Industrin sysselsätter 5 400 personer."], Analyzer())
    qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys())
    question = "Hur många jobbar i industrin enligt uppföljningen 2021?"
    assert {"uppföljningen", "2021"} <= {c.text for c in qa.analyze(question).concepts}
    qa.use_editions(Editions({"a.txt": {"series": "S", "edition": ""},
                              "b.txt": {"series": "S", "edition": "2021"}}))
    q = qa.analyze(question)
    assert not {"uppföljningen", "2021"} & {c.text for c in q.concepts}
    assert q.edition.year == "2021" and q.original == question
    # an edition the index does not have stays part of what is asked: the report cannot say
    other = qa.analyze("Hur många jobbar i industrin enligt uppföljningen 2017?")
    assert "2017" in {c.text for c in other.concepts}


def test_the_wanted_editions_statement_is_looked_for_in_that_edition_itself():
    """Retrieval may rank the newest edition's copy of a statement far below the older one's
    (the passages around it changed): the answerer then searches the wanted edition."""
    from reportqa.ask.answer import Answerer
    from reportqa.ask.question import QueryAnalyzer
    from reportqa.index.bm25 import LexicalIndex
    from reportqa.index.database import PassageRow
    from reportqa.text.analyzer import Analyzer
    from reportqa.types import Hit

    old = "Industrin sysselsätter ca 5 000 personer i länet."
    new = "Industrin sysselsätter ca 5 400 personer i länet."
    lex = LexicalIndex.build([old, new], Analyzer())
    docs = {"a.txt": {"series": "S", "edition": ""}, "b.txt": {"series": "S", "edition": "2021"}}
    rows = [PassageRow(row=i, doc=d, section="", page=None, ordinal=1, text=t, context="")
            for i, (d, t) in enumerate((("a.txt", old), ("b.txt", new)))]
    searched: list[tuple[str, str]] = []

    def search_document(text: str, doc: str, k: int) -> list[Hit]:
        searched.append((text, doc))
        return [Hit(r, 1.0, 0.5, 1.0) for r in rows if r.doc == doc][:k]

    qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys())
    answerer = Answerer(lex.analyzer, 0.5, docs, queries=qa, search_document=search_document)
    q = qa.analyze("Hur många jobbar i industrin?")
    ranked = answerer.candidates(q, [Hit(rows[0], 1.0, 0.5, 1.0)])  # only the old edition
    assert ranked[0].hit.passage.text == new and searched == [(old, "b.txt")]
    older = answerer.candidates(qa.analyze("Hur många jobbar i industrin enligt förra "
                                           "uppföljningen?"), [Hit(rows[0], 1.0, 0.5, 1.0)])
    assert older[0].hit.passage.text == old  # it asked for the older one: no search


def test_a_named_edition_that_lacks_the_statement_answers_with_its_own_best_candidate():
    """"… enligt uppföljningen 2020": when the best sentence (from 2022) has no copy in the
    2020 edition, the 2020 edition's best candidate comes first (answered or declined on its
    own evidence), never the 2022 sentence under a question about 2020."""
    from reportqa.ask.answer import Answerer
    from reportqa.ask.question import QueryAnalyzer
    from reportqa.index.bm25 import LexicalIndex
    from reportqa.index.database import PassageRow
    from reportqa.text.analyzer import Analyzer
    from reportqa.types import Hit

    new = "Produktionen av biogas motsvarar 8 procent av behovet."
    old = "Vindkraften i länet producerade 3 100 GWh under året."
    lex = LexicalIndex.build([new, old], Analyzer())
    docs = {"a.txt": {"series": "S", "edition": "2020"},
            "b.txt": {"series": "S", "edition": "2022"}}
    rows = [PassageRow(row=i, doc=d, section="", page=None, ordinal=1, text=t, context="")
            for i, (d, t) in enumerate((("b.txt", new), ("a.txt", old)))]
    qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys())
    answerer = Answerer(lex.analyzer, 0.5, docs, queries=qa,
                        search_document=lambda text, doc, k: [])
    hits = [Hit(rows[0], 1.0, 0.5, 1.0), Hit(rows[1], 0.9, 0.5, 0.9)]
    named = answerer.prefer_edition(qa.analyze("produktionen enligt uppföljningen 2020"),
                                    [answerer.score(qa.analyze("produktionen"), h) for h in hits])
    assert named[0].hit.passage.doc == "a.txt"
    newest = answerer.prefer_edition(qa.analyze("produktionen"),
                                     [answerer.score(qa.analyze("produktionen"), h) for h in hits])
    assert newest[0].hit.passage.doc == "b.txt"
    # a year no edition has is a fact's ("vad producerade vindkraften 2017?"): the older
    # edition that alone gives it answers, not the newest edition's best candidate
    wind = [Hit(rows[1], 1.0, 0.5, 1.0), Hit(rows[0], 0.9, 0.5, 0.9)]
    q = qa.analyze("vad producerade vindkraften 2017?")
    fact = answerer.prefer_edition(q, [answerer.score(q, h) for h in wind])
    assert q.edition.bare and fact[0].hit.passage.doc == "a.txt"


def test_an_edition_the_series_does_not_have_is_lacking():
    """"enligt 2017 års uppföljning" of a series published 2019 and 2021: no such edition,
    so another edition's figure is no answer; a year alone is a year of the figures."""
    from reportqa.ingest.editions import Editions, EditionWish

    eds = Editions({"a.txt": {"series": "S", "edition": "2019"},
                    "b.txt": {"series": "S", "edition": "2021"},
                    "c.txt": {"series": "T", "edition": "2020"}})
    assert eds.lacks("b.txt", EditionWish.of("hur många enligt 2017 års uppföljning"))
    assert not eds.lacks("b.txt", EditionWish.of("hur många enligt 2019 års uppföljning"))
    assert not eds.lacks("b.txt", EditionWish.of("hur många jobbade 2017"))  # bare year
    assert not eds.lacks("c.txt", EditionWish.of("enligt 2017 års uppföljning"))  # one edition


def test_the_edition_before_a_year():
    """"bostadsuppföljningen före 2021" is the newest edition older than 2021; its words go
    from what is searched; a series with nothing older lacks it; "före 2019" without a
    report word is a span of time, not an edition."""
    eds = Editions({name: {"series": "S", "edition": year} for name, year in (
        ("a.txt", "2019"), ("b.txt", "2021"), ("c.txt", "2023"))})
    question = "Hur många fritidshus fanns i länet enligt bostadsuppföljningen före 2021?"
    wish = EditionWish.of(question)
    assert wish.before == "2021" and wish.names_one
    assert wish.without_phrase(question) == "Hur många fritidshus fanns i länet?"
    assert eds.serves(wish) and eds.wanted("c.txt", wish) == "a.txt"
    assert eds.wanted_in_order("c.txt", EditionWish.of("the edition before 2023")) == ["b.txt"]
    assert eds.lacks("c.txt", EditionWish.of("enligt uppföljningen före 2019"))
    assert not eds.lacks("c.txt", wish)
    assert EditionWish.of("hur många bodde i länet före 2019").before == ""


def test_an_edition_year_named_for_a_report_published_once_names_the_series_of_that_year():
    """"enligt uppföljningen 2021" when the best sentence is of a report published once, in
    2019: the 2021 editions of the index's series published in several answer; a year the
    report itself is of, a year alone, or a document of such a series names none."""
    from reportqa.ingest.editions import Editions, EditionWish

    eds = Editions({"a.txt": {"series": "S", "edition": "2019"},
                    "b.txt": {"series": "S", "edition": "2021"},
                    "c.txt": {"series": "T", "edition": "2019"}})
    wish = EditionWish.of("hur många jobbar i industrin enligt uppföljningen 2021")
    assert eds.named_elsewhere("c.txt", wish) == ["b.txt"]
    assert eds.named_elsewhere("c.txt", EditionWish.of("enligt uppföljningen 2019")) == []
    assert eds.named_elsewhere("c.txt", EditionWish.of("hur många jobbade 2021")) == []
    assert eds.named_elsewhere("a.txt", wish) == []
