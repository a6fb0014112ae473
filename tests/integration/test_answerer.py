"""Answers from the first report's index: the sentence of the kind asked for, its context,
headings, languages, abstention."""

from __future__ import annotations

import dataclasses

import pytest

from reportqa.ask.answer import (
    without_times,
)
from reportqa.ask.messages import not_found_text


def test_answers_say_which_language_the_question_was_in(engine):
    sv = engine.ask("Hur många invånare har Östersunds kommun?")
    en = engine.ask("What is the unemployment rate in Jämtland?")
    assert not sv.found and sv.language == "sv"
    assert not en.found and en.language == "en"
    assert "Närmast kommer avsnitten:" in not_found_text(sv.language,
                                                          [s.section for s in sv.sources])
    assert "The nearest sections are:" in not_found_text(en.language,
                                                          [s.section for s in en.sources])


@pytest.mark.parametrize(("question", "expected"), [
    ("Hur många personer sysselsätter industrin?", "5 000"),
    ("Hur mycket omsätter turismen per år?", "fem miljarder"),
    ("Hur stor andel av de anställda i länet finns i offentlig sektor?", "42 %"),
    ("How many people work for the government agencies in the county?", "3 300"),
    ("What share of jobs is in the public sector in Sweden as a whole?", "30 %"),
    # the county's name draws the sentences that spell it ("Jämtland Härjedalen Turism
    # som jobbar …"): searched without it
    ("Hur många jobbar i industrin i Jämtland?", "5 000"),
])
def test_quantity_questions_get_the_sentence_with_the_amount(engine, question, expected):
    ans = engine.ask(question)
    assert ans.found and expected in ans.text


@pytest.mark.parametrize("question", [
    "Hur stor andel av industrins kunder finns i Norge?",  # no report mentions Norway
    "Hur många företag finns på House Be i Strömsund?",  # nor Strömsund
])
def test_a_place_the_report_does_not_cover_is_declined(engine, question):
    assert not engine.ask(question).found


def test_a_sentence_that_leans_on_the_one_before_gets_it(engine):
    ans = engine.ask("Hur mycket omsätter turismen per år?")
    assert "Branschen omsätter" in ans.text
    assert "Turism" in ans.text.split("Branschen omsätter")[0]  # says which industry
    alone = engine.ask("Var finns Grönt Center?")
    assert alone.text.startswith("I Ås i Krokoms kommun")  # needs no sentence before it


def test_the_public_sector_comparison_keeps_its_reference(engine):
    ans = engine.ask("Hur stor är den offentliga sektorns andel i hela Sverige?")
    assert "30 %" in ans.text and "Den offentliga sektorn" in ans.text


def test_the_section_heading_answers_what_the_section_is_about(engine):
    """No sentence says what goal 5 is; its heading does. A question a sentence answers
    ("Vad är ett kluster?") still gets the sentence, the explicit definition first."""
    ans = engine.ask("Vad handlar mål 5 om?")
    assert ans.found and ans.text.startswith("Mål 5. Fler kluster")
    assert ans.sources[0].text == ans.text  # the heading is cited, numbers and all
    en = engine.ask("What is goal 5 of the report about?")
    assert en.found and en.text.startswith("Mål 5. Fler kluster")
    cluster = engine.ask("Vad är ett kluster?")
    assert cluster.found and "definieras" in cluster.text


@pytest.mark.parametrize(("question", "found"), [
    ("Vad betyder SME?", False),  # the report uses the word, it does not explain it
    ("Vad menas med kluster?", True),
    ("Vilket år startade Etour?", False),  # "de senaste 20 åren" is no year
    ("Vilket år utvecklades co-workingplace i regionen?", True),
    ("Vem är ordförande för Peak Innovation?", False),  # no one is named
    ("Vem samordnar turismklustret?", True),
])
def test_the_answer_must_be_of_the_kind_asked_for(engine, question, found):
    """A meaning question wants a definition, "vilket år" a year, "vem" a name."""
    assert engine.ask(question).found is found


def test_a_figure_given_as_a_guess_need_not_be_in_the_report(engine):
    ans = engine.ask("Stämmer det att mer än 40 procent arbetar i offentlig sektor?")
    assert ans.found and "42 %" in ans.text


def test_questions_typed_without_aa_ae_oe_are_answered(engine):
    ans = engine.ask("hur manga jobbar pa myndigheterna i jamtland")
    assert ans.found and "3 300" in ans.text and ans.language == "sv"


def test_a_price_question_is_not_answered_by_a_sentence_without_one(engine):
    assert not engine.ask("Vad kostar det att vara med i Grönt Center?").found


def test_which_goal_is_answered_by_the_heading_that_names_it(engine):
    ans = engine.ask("Vilket mål i rapporten handlar om kluster?")
    assert ans.found and ans.text.startswith("Mål 5")


def test_the_report_s_goal_number_and_name_are_its_heading(engine):
    """"Which goal number …": the report's own heading, though no word of the question but
    the goal's is in it; a target in the text is no such goal. "vad heter rapporten": its
    title with that heading."""
    for q in ("vad heter rapporten", "What is the title of the report?"):
        ans = engine.ask(q)
        assert ans.found and ans.text == "Läget i länet – " + engine.ask(
            "vad handlar mål 5 om").text, q
    for q in ("vilket mål nummer handlar om fler kluster",
              "vilket mål handlar läget i länet-texten om",
              "Which goal number does this section deal with?",
              "vad står mål 5 för i läget i länet?", "What does goal 5 stand for?",
              "vad handlar mål 5 om i läget i länet?",
              "What is goal 5 of the county report about?"):
        ans = engine.ask(q)
        assert ans.found and ans.text.startswith("Mål 5"), q
    assert not (engine.ask("vilket mål har myndigheterna").text or "").startswith("Mål 5")
    assert not (engine.ask("vad står mål 1 för?").text or "").startswith("Mål 5")


def test_the_report_s_source_is_the_line_under_its_source_heading(engine):
    for q in ("Vem står som källa för rapporten?", "who is the source of this report",
              "vem har tagit fram rapporten?", "who produced the report?"):
        ans = engine.ask(q)
        assert ans.found and ans.text == "REGION JÄMTLAND HÄRJEDALEN", q
        assert ans.sources[0].section == "Källhänvisning"


def test_the_source_line_is_searched_only_for_the_source(engine):
    """The source line matches "Region Jämtland Härjedalen" best of all passages, yet an
    ordinary search leaves it out (and so does not move the other passages' scores)."""
    retriever = engine._snapshot.retriever
    q = "REGION JÄMTLAND HÄRJEDALEN"
    assert all(h.passage.section != "Källhänvisning" for h in retriever.search(q, 40))
    assert retriever.search(q, 40, sources=True)[0].passage.section == "Källhänvisning"


def test_which_agency_prefers_the_sentence_that_names_one(engine):
    for q in ("Vilken myndighet har fått fler tjänster?",
              "Vilken statlig myndighet har fått fler tjänster i länet?"):
        ans = engine.ask(q)
        assert ans.found and "Tillväxtverket" in ans.text, q


def test_amounts_are_not_years_or_spans_of_time(engine):
    """"De senaste 20 åren" counts no researchers."""
    assert without_times("De senaste 20 åren har Etour forskat.") .count("20") == 0
    assert "5 000" in without_times("ca 5 000 personer under 2017")
    assert not engine.ask("Hur många forskare har Etour?").found


def test_a_price_needs_an_amount_of_money_not_a_count(engine):
    """"80+ företag" and "60 företagare" are numbers, but no price."""
    assert not engine.ask("Vad kostar en plats på Gomorron Östersund?").found
    turnover = engine.ask("Hur mycket omsätter turismen per år?")
    assert turnover.found and "fem miljarder kronor" in turnover.text


def test_the_sentence_before_the_context_counts_toward_the_question(engine):
    """"co-working" is two sentences before "… i Östersund finns Gomorron Östersund": it
    still counts (at 0.7), so the answer is found with more confidence (without it, the
    sentence still names a name, which "vad heter" asks for)."""
    q = "Vad heter co-workingstället i Östersund?"
    answerer = engine.snapshot.answerer
    saved = answerer.weights
    try:
        answerer.weights = dataclasses.replace(saved, earlier_factor=0.0)
        without = engine.ask(q)
    finally:
        answerer.weights = saved
    ans = engine.ask(q)
    assert ans.found and "Gomorron Östersund" in ans.text
    assert ans.confidence > without.confidence + 0.05


def test_the_earlier_sentence_is_the_context_of_the_row_before(engine):
    db = engine.snapshot.index.db
    rows = db.passages([0, 1, 2, 3])
    earlier = db.earlier_sentences(list(rows.values()))
    assert 0 not in earlier and 1 not in earlier  # nothing two sentences before
    assert earlier[3] == rows[1].text == rows[2].context



def test_a_question_for_others_is_declined_when_the_report_names_no_other(engine):
    """The report names one agency that got new jobs; after it has been given, "vilka fler
    myndigheter har flyttat hit?" is not answered by that agency again. Alone, with nothing
    named before, the question gets its answer as before."""
    from reportqa.ask.followup import Turn

    first = engine.ask("vilken myndighet har fått extra tjänster i jämtland genom "
                       "utlokaliseringen?")
    assert first.found and "Tillväxtverket" in first.text
    others = engine.ask("vilka fler myndigheter har flyttat hit?",
                        history=[Turn(first.question, first.text)])
    assert not others.found
    alone = engine.ask("vilka fler myndigheter har flyttat hit?")
    unrelated = engine.ask("vilka fler myndigheter har flyttat hit?",
                           history=[Turn("What is the capital of Norway?", None)])
    assert (unrelated.text, unrelated.found) == (alone.text, alone.found)


def test_a_follow_up_declined_as_resolved_is_answered_next_to_the_answer_read(engine):
    """"finns det nåt i östersund?" after the co-working sentences keeps their subject,
    which the sentence that answers ("… i Östersund finns Gomorron Östersund …") does not
    name again: it is answered from the sentences around the answer just read. A figure
    asked of a subject the report gives none for is still declined there."""
    from reportqa.ask.followup import Turn

    first = engine.ask("när kom coworking till regionen?")
    assert first.found and "co-workingplace" in first.text
    history = [Turn(first.question, first.text)]
    there = engine.ask("finns det nåt i östersund?", history=history)
    assert there.found and "Gomorron Östersund" in there.text
    employees = engine.ask("hur många anställda har dom?", history=history)
    assert not employees.found
