"""The rules of answering without the model: answer text and its context, quantity and time
questions, referring sentences, names, language detection, the not-found messages."""

from __future__ import annotations

import re

import pytest

from reportqa.ask.answer import (
    _GOAL_OR_TITLE_QUESTION,
    _MONEY_QUESTION,
    ELLIPSIS,
    MAX_ANSWER_CHARS,
    answer_text,
    has_number,
    has_time,
    is_anaphoric,
    names_in,
    names_only_the_one_given,
)
from reportqa.ask.messages import not_found_text
from reportqa.ask.question import counted_word, is_quantity_question, is_temporal_question
from reportqa.index.database import PassageRow
from reportqa.text.language import detect_language
from reportqa.types import Hit


def _hit(text: str, context: str) -> Hit:
    row = PassageRow(row=0, doc="d.txt", section="S", page=None, ordinal=1, text=text,
                     context=context)
    return Hit(row, 1.0, 0.5, 1.0)


def _rows(texts: list[str], contexts: list[str] | None = None,
          doc: str = "d.txt") -> list[PassageRow]:
    """One passage per text, in order (row and ordinal its position), with its context."""
    contexts = contexts or [""] * len(texts)
    return [PassageRow(row=i, doc=doc, section="S", page=None, ordinal=i, text=t, context=c)
            for i, (t, c) in enumerate(zip(texts, contexts, strict=True))]


def _check_on(answerer, qa, row: PassageRow, check: str):
    """A question → the answerer's `check` (a method name) of it, with `row` its best
    candidate."""
    def run(question: str):
        q = qa.analyze(question)
        return getattr(answerer, check)(q, answerer.candidates(q, [Hit(row, 1.0, 0.8, 1.0)])[0])
    return run


def _answerer(texts: list[str], frequencies: bool = False):
    """An answerer without a model over an index of `texts`, and its question analyzer;
    with `frequencies`, the analyzer knows the index's document frequencies (a name in few
    passages narrows the question)."""
    from reportqa.ask.answer import Answerer
    from reportqa.ask.question import QueryAnalyzer
    from reportqa.index.bm25 import LexicalIndex
    from reportqa.text.analyzer import Analyzer

    lex = LexicalIndex.build(texts, Analyzer())
    qa = (QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys(), doc_freq=lex.doc_freq,
                        num_docs=lex.size) if frequencies
          else QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys()))
    return Answerer(lex.analyzer, 0.5, {}, queries=qa), qa


#: Passages that name no place, so that a place in a test's passage is in few of the
#: index's passages (not the reports' scope).
_PLACELESS = [f"Kommun {n} har en egen skola och ett bibliotek." for n in range(6)]


def _place_check(text: str, check: str, *also: str):
    """`_check_on` of `text` for a place check, over an index of `text`, `also` and
    _PLACELESS that knows its document frequencies."""
    answerer, qa = _answerer([text, *also, *_PLACELESS], frequencies=True)
    return _check_on(answerer, qa, _rows([text])[0], check)


#: The scores (fused, lexical, dense) of the first hit and of the one behind it.
_AHEAD, _BEHIND = (1.0, 0.9, 1.0), (0.9, 0.9, 0.9)


def _first_ranked(question: str, texts: list[str],
                  scores: tuple[tuple[float, float, float], ...] = (_AHEAD, _BEHIND)) -> str:
    """The text the answerer ranks first for `question` among `texts`, retrieved in that
    order with `scores`."""
    answerer, qa = _answerer(texts)
    hits = [Hit(row, *score) for row, score in zip(_rows(texts), scores, strict=True)]
    return answerer.rank(qa.analyze(question), hits)[0].hit.passage.text


def _who_candidates(first: str, after: str):
    """The answerer, its analyzer and two ranked candidates: `first`, and `after`, the
    sentence after it that leans on it."""
    from reportqa.ask.answer import Scored

    answerer, qa = _answerer([first, after])
    rows = _rows([first, after], ["", first])
    return answerer, qa, [Scored(Hit(rows[0], 1.0, 0.5, 1.0), 2.0, 1.0, 1.0, False),
                          Scored(Hit(rows[1], 0.9, 0.5, 0.9), 1.5, 0.5, 1.0, True)]


def _behind(answerer, q, first: str, second: str, score: float,
            contexts: list[str] | None = None):
    """`first` and `second` (with their `contexts`) scored as the re-ranking scores them,
    then put first at score 1.0 and second at `score` behind it: the pair a rule that looks
    close behind sees."""
    from dataclasses import replace as with_score

    ranked = answerer.rank(q, [Hit(r, 1.0, 0.8, 1.0)
                               for r in _rows([first, second], contexts)])
    by_text = {s.hit.passage.text: s for s in ranked}
    return [with_score(by_text[first], score=1.0), with_score(by_text[second], score=score)]


def _ranked_in_order(texts: list[str], order: tuple[int, ...]):
    """The answerer and analyzer over `texts` (passages in that order), and the candidates
    ranked with the texts at `order`, from first to last, each scored a little below the
    one before: what a rule that looks past the first candidate sees."""
    from reportqa.ask.answer import Scored

    answerer, qa = _answerer(texts)
    rows = _rows(texts)
    scores = ((1.0, 2.0, 1.0), (0.9, 1.5, 0.5), (0.8, 1.0, 0.5))  # fused, score, coverage
    ranked = [Scored(Hit(rows[i], fused, 0.5, fused), score, cov, 1.0, False)
              for i, (fused, score, cov) in zip(order, scores, strict=True)]
    return answerer, qa, ranked


def _first_after_figure_follows(texts: list[str], order: tuple[int, ...]):
    """A question → the text `figure_follows` puts first among `texts` ranked at `order`
    (_ranked_in_order)."""
    answerer, qa, ranked = _ranked_in_order(texts, order)

    def first(question: str) -> str:
        return answerer.figure_follows(qa.analyze(question), ranked)[0].hit.passage.text
    return first


def test_answer_text_adds_context_only_to_referring_sentences():
    assert answer_text(_hit("Branschen omsätter 5 miljarder.", "Turismen växer.")) == (
        "Turismen växer. Branschen omsätter 5 miljarder.")
    assert answer_text(_hit("Industrin växer.", "Turismen växer.")) == "Industrin växer."
    # "Den offentliga sektorn": an article before an adjective is no reference
    assert answer_text(_hit("Den offentliga sektorn är stor.", "X.")) == (
        "Den offentliga sektorn är stor.")


def test_long_context_is_shortened_from_its_start_never_inside_a_number():
    context = ("Förr fanns här " + "mycket stora och olika verksamheter " * 12
               + "med 5 000 anställda.")
    ans = answer_text(_hit("Dessa omsätter 7 000 kronor.", context))
    assert len(ans) <= MAX_ANSWER_CHARS
    assert ans.startswith(f"{ELLIPSIS} ") and ans.endswith("Dessa omsätter 7 000 kronor.")
    assert ans.removeprefix(f"{ELLIPSIS} ") in f"{context} Dessa omsätter 7 000 kronor."
    assert not re.match(r"… \d{3}\b", ans)


@pytest.mark.parametrize(("question", "quantity"), [
    ("Hur många personer sysselsätter industrin?", True),
    ("Hur stor andel av de anställda finns i offentlig sektor?", True),
    ("Hur mycket omsätter turismen?", True),
    ("How many people work in manufacturing?", True),
    ("What share of employment is public?", True),
    ("Var finns Grönt Center?", False),
    ("Who coordinates the tourism cluster?", False),
    ("what's the population of Jämtland county?", True),
    ("what’s the turnover of tourism?", True),
    # a search for a measure by its noun asks for its figure
    ("unemployment among foreign-born residents?", True),
    ("what's unemployment like among foreign born?", True),
    ("why did unemployment fall?", False),
])
def test_quantity_questions(question, quantity):
    assert is_quantity_question(question) is quantity


def test_temporal_questions_and_time_expressions():
    assert is_temporal_question("När presenterades betänkandet?")
    assert is_temporal_question("When did co-working appear?")
    assert not is_temporal_question("Vad har länet för historia när det gäller tjänster?")
    assert not is_temporal_question(
        "what has the region long been known for when it comes to its companies?")
    assert has_time("utvecklades 2017") and has_time("De senaste 20 åren")
    assert not has_time("ett 20-tal besöksdestinationer")
    assert has_number("ca 5 000 personer") and has_number("nästan fem miljarder")
    assert not has_number("Vår region har länge kännetecknats")


@pytest.mark.parametrize(("question", "lang", "unit"), [
    ("Hur många invånare har Östersund?", "sv", "invånare"),
    ("Hur många nya företag startades?", "sv", "företag"),
    ("Hur många arbetar på myndigheterna?", "sv", None),
    ("How many full time jobs does tourism generate?", "en", "jobs"),
    ("How many people live in Jämtland?", "en", "people"),
    ("antal helårsstudenter vid campus östersund", "sv", "helårsstudenter"),
    ("What is the number of visitors?", "en", "visitors"),
    ("Hur många bor i länet?", "sv", None),
    ("antal anställda industri", "sv", "anställda"),  # a participle that counts people
    ("Hur många nya företag?", "sv", "företag"),  # an adjective before the noun
    # a modal or a compound of a people verb is no counted noun
    ("hur många måste arbetsgivarna rekrytera varje år?", "sv", None),
    ("hur många jobbpendlar till norge", "sv", None),
    ("hur många skiddagar registrerades?", "sv", "skiddagar"),
    # spoken Swedish counts jobs and people with "mycket" too; money it measures
    ("hur mycket jobb ger besöksnäringen?", "sv", "jobb"),
    ("hur många fler ska vara i arbete 2022?", "sv", None),  # a comparison, nothing counted
    ("how many more people should be in work by 2022?", "en", "people"),
    ("hur mycket pengar omsätter turismen?", "sv", None),
    # an adjective the noun test does not know ("statliga", "offentliga") is passed over
    ("hur många statliga myndigheter finns det i jämtland", "sv", "myndigheter"),
    ("hur många offentliga jobb finns i länet", "sv", "jobb"),
])
def test_what_a_quantity_question_counts(question, lang, unit):
    from reportqa.text.analyzer import raw_words

    assert counted_word(raw_words(question), lang) == unit


def test_referring_sentences():
    assert is_anaphoric("Branschen omsätter årligen nästan fem miljarder kronor.")
    assert is_anaphoric("Det är ställen där entreprenörer sitter tillsammans.")
    assert is_anaphoric("Motsvarande siffra för hela Sverige är ca 30 %.")
    assert not is_anaphoric("De senaste 20 åren har Mittuniversitetet …")
    assert not is_anaphoric("Turismbranschen är en grundläggande näring.")
    # "such" refers back wherever it stands, unless a "som"/"as" says what follows
    assert is_anaphoric("I oktober 2018 hade 73 procent av hushållen sådan tillgång.")
    assert is_anaphoric("In 2018, 73 percent of households had such access.")
    assert not is_anaphoric("Företag sådana som Torsta AB samarbetar i klustret.")


def test_a_figure_in_another_size_of_the_unit_is_another_figure():
    """"1 Gbit/s" is 1000 Mbit/s: not the "100 Mbit/s" of the sentence before an answer
    that says "sådan tillgång", so the share of it is a near miss."""
    from reportqa.ask.answer import figures_by_measure
    from reportqa.text.analyzer import raw_words
    from reportqa.text.vocabulary import stem

    assert figures_by_measure(raw_words("andel med 1 Gbit/s"), stem) == {"mbit": {"1000"}}
    assert figures_by_measure(raw_words("minst 100 Mbit/s"), stem) == {"mbit": {"100"}}
    assert figures_by_measure(raw_words("drygt 3 mil"), stem) == {"km": {"30"}}
    before = "Alla hushåll bör ha tillgång till bredband om minst 100 Mbit/s år 2025."
    share = "I oktober 2018 hade 73 procent av hushållen i länet sådan tillgång."
    answerer, qa = _answerer([before, share])
    row = _rows([share], [before])[0]
    check = _check_on(answerer, qa, row, "other_figure")
    assert check("hur stor andel av hushållen har 1 gbit/s bredband")
    assert not check("hur stor andel av hushållen har 100 mbit/s bredband")


@pytest.mark.parametrize(("text", "lang"), [
    ("Hur många personer sysselsätter industrin?", "sv"),
    ("Var ligger Åre?", "sv"),
    ("Vem samordnar turismklustret?", "sv"),
    ("Where is Grönt Center located?", "en"),
    ("How many people work in Östersund?", "en"),
    ("What is the unemployment rate in Jämtland?", "en"),
    ("Which organisation coordinates Jämtland Härjedalen Turism?", "en"),
    ("Östersund", "sv"),
    ("", "sv"),
])
def test_language_detection(text, lang):
    assert detect_language(text) == lang


def test_not_found_messages_in_both_languages():
    sections = ["Mål 5. Fler kluster", "Mål 5. Fler kluster", ""]
    sv = not_found_text("sv", sections)
    en = not_found_text("en", sections)
    assert sv == ("Det hittade jag inte i rapporten.\nNärmast kommer avsnitten:\n"
                  "- Mål 5. Fler kluster")
    assert en == ("I could not find that in the report.\nThe nearest sections are:\n"
                  "- Mål 5. Fler kluster")
    assert not_found_text("de", []) == "Det hittade jag inte i rapporten."


def test_names_in_a_sentence_that_the_question_does_not_name():
    assert names_in("Det klustret är samordnat av Jämtland Härjedalen Turism.",
                    "Vem samordnar klustret?") >= {"jämtland", "härjedalen"}
    assert names_in("IUC-Z group är en gemensam nod.", "Who is the CEO of IUC-Z group?") \
        == set()
    assert names_in("Inom turismen finns Sport och mer.", "Vem?") == set()


@pytest.mark.parametrize(("question", "quantity"), [
    ("Vad kostar ett medlemskap i klustret?", True),
    ("What is the turnover of the tourism industry?", True),
    ("Vad är befolkningen i Krokom?", True),
    ("Vad är ett kluster?", False),
    ("What is Peak Innovation?", False),
    # the level something stood at
    ("vad låg ungdomsarbetslösheten på toppåret 2013?", True),
    ("vad låg kontoret på för gata?", False),
])
def test_an_amount_asked_for_by_what_it_measures(question, quantity):
    assert is_quantity_question(question) is quantity


def test_who_is_answered_by_the_sentence_after_one_that_only_names_the_thing():
    """"Vem är med i Grönt Center?": the sentence naming Grönt Center gives no other name;
    the one after it ("I detta samarbetar …"), which leans on it, does."""
    from reportqa.ask.answer import Scored

    first = "I länet finns klustret Grönt Center för de gröna näringarna."
    after = "I detta samarbetar aktörer som LRF Jämtland och Torsta AB."
    answerer, qa, ranked = _who_candidates(first, after)
    who = answerer.names_follow(qa.analyze("Vem är med i Grönt Center?"), ranked)
    assert who[0].hit.passage.text == after
    # a question that does not ask who keeps the ranking
    where = answerer.names_follow(qa.analyze("Var finns Grönt Center?"), ranked)
    assert where[0].hit.passage.text == first
    # nor does one whose best sentence already names someone else
    named = [Scored(Hit(ranked[1].hit.passage, 1.0, 0.5, 1.0), 2.0, 1.0, 1.0, True),
             ranked[0]]
    assert answerer.names_follow(qa.analyze("Vem är med?"), named)[0].hit.passage.text == after


def test_a_count_is_answered_by_a_share_of_those_counted_and_by_a_table_column():
    """"Hur många röker?" is answered by the share of those who smoke, "how many people
    say …" by a share of those asked, and a table row counts in its column heading; a share
    of something else, or a column of another measure, does not count what is asked."""
    share = "Andelen som röker dagligen har minskat till 12 %."
    people = "Bland de äldre uppger 19 % att de ofta känner sig ensamma."
    row = "Vindkraftverk, Berg: 60; Produktion, Berg: 780 GWh."
    other = "Andelen vuxna med fetma har ökat till 17 %."
    answerer, qa = _answerer([share, people, row, other])
    smoke = qa.analyze("hur många röker varje dag")
    assert answerer._unit_match(smoke, share)
    assert not answerer._unit_match(smoke, other)
    assert answerer._unit_match(qa.analyze("How many older people feel lonely?"), people)
    turbines = qa.analyze("hur många vindkraftverk finns det")
    assert answerer._unit_match(turbines, row)
    assert not answerer._unit_match(qa.analyze("hur många företag finns det"), row)


def test_one_tables_rows_do_not_fill_the_candidates():
    """A table of many rows keeps MAX_ROWS_PER_TABLE of them among the first candidates, so
    the county's sentence further down is weighed; another table's rows are not held back."""
    from reportqa.ask.answer import MAX_ROWS_PER_TABLE, spread_tables, table_rows

    places = ["Berg", "Bräcke", "Krokom", "Ragunda", "Strömsund"]
    texts = [f"Vindkraftverk, {p}: {i}; Produktion, {p}: 9 GWh." for i, p in enumerate(places)]
    texts += ["I länet står ett 250-tal vindkraftverk.", "Elbilar, Åre: 40."]
    hits = [Hit(r, 1.0 - r.row / 10, 0.5, 1.0) for r in _rows(texts, doc="d.pdf")]
    spread = [h.passage.text for h in spread_tables(hits, 4)]
    assert spread[:4] == texts[:MAX_ROWS_PER_TABLE] + texts[5:7]
    assert sorted(spread) == sorted(texts)  # nothing is lost, only moved after
    assert table_rows(texts[0]) == "Berg Berg"
    assert table_rows("I länet står ett 250-tal vindkraftverk.") == ""


def test_a_row_the_question_does_not_name_ranks_below_a_sentence_about_the_whole():
    """A question about the county weighs a sentence over a municipality's table row of the
    same figure; a question naming the municipality keeps its row first."""
    county = "I länet står ett 250-tal vindkraftverk."
    row = "Vindkraftverk, Berg: 60; Produktion, Berg: 780 GWh."
    answerer, qa = _answerer([county, row])
    hits = [Hit(r, 1.0, 0.8, 1.0) for r in _rows([row, county], doc="d.pdf")]
    q = qa.analyze("hur många vindkraftverk finns det")
    assert answerer.rank(q, hits)[0].hit.passage.text == county
    named = qa.analyze("hur många vindkraftverk finns det i Berg")
    assert answerer.rank(named, hits)[0].hit.passage.text == row


def test_a_sentence_without_the_place_asked_ranks_below_one_with_it():
    """"Hur mycket el gav vindkraften i Berg?": the county's sentence has more of the
    question's words, but Berg's row (under its table's caption) is about the place asked,
    so it ranks first; a sentence that only shares the place is not preferred for it, and
    without a candidate naming the place the order is the words'."""
    from reportqa.ask.answer import Answerer
    from reportqa.ask.question import QueryAnalyzer

    county = "Under året gav länets vindkraft 2 600 GWh el."
    row = "Vindkraftverk, Berg: 60; Produktion, Berg: 854 GWh."
    caption = "Tabell 2. Vindkraft och el per kommun"
    other = "Vindkraftverk, Krokom: 12; Produktion, Krokom: 90 GWh."
    housing = "I Berg byggdes 40 bostäder under året."
    _, plain = _answerer([county, row, other, housing, caption])
    # Berg is in one passage of ten: a place that narrows, not the scope of every report
    qa = QueryAnalyzer(plain.analyzer, plain._vocab_set, doc_freq=lambda _: 1, num_docs=10)
    answerer = Answerer(qa.analyzer, 0.5, {}, queries=qa)
    q = qa.analyze("Hur mycket el gav vindkraften i Berg?")

    def first(texts: list[str], contexts: list[str]) -> str:
        hits = [Hit(r, 1.0, 0.8, 1.0) for r in _rows(texts, contexts, doc="d.pdf")]
        return answerer.rank(q, hits)[0].hit.passage.text

    assert first([county, row], ["", caption]) == row
    assert first([county, housing], ["", ""]) == county
    assert first([county, other], ["", caption]) == county


def test_a_count_is_not_given_by_a_reference_and_a_split_compound_counts_its_last_part():
    """"Hur många vuxna …?": a share of adults answers it, a sentence whose only number is
    a reference ("SOU 2015:86") does not; "miljonprogramslägenheter" counts "lägenheter"."""
    share = "Endast 65,1 procent av vuxna når rekommendationen om fysisk aktivitet."
    reference = "Enligt SOU 2015:86 ska vuxna nå rekommendationen."
    flats = "Drygt 1 520 lägenheter i miljonprogramområden har renoverats sedan 2015."
    answerer, qa = _answerer([share, reference, flats, "miljonprogram"])
    q = qa.analyze("hur många vuxna når rekommendationen")
    hits = [Hit(r, 1.0, 0.8, 1.0) for r in _rows([reference, share])]
    assert answerer.rank(q, hits)[0].hit.passage.text == share
    split = qa.analyze("hur många miljonprogramslägenheter har renoverats")
    assert split.unit == "miljonprogramslägenheter" and len(split.concepts) >= 2
    assert answerer._unit_match(split, flats)


def test_how_something_was_affected_asks_for_a_change():
    """"hur påverkade pandemin omsättningen" / "how did the pandemic affect turnover" ask
    how much it changed: "minskade med en fjärdedel" answers without a sum of money."""
    from reportqa.ask.answer import Asks

    _, qa = _answerer(["Omsättningen minskade med en fjärdedel."])
    for question in ("hur påverkade pandemin turismens omsättning 2020",
                     "how did the pandemic affect tourism turnover", "hur drabbades turismen"):
        assert Asks.of(qa.analyze(question)).change, question
    assert not Asks.of(qa.analyze("hur mycket omsätter turismen")).change


def test_whose_report_is_no_part_of_the_question():
    """"i regionens uppföljning" says where to look, like "i rapporten": "regionens" is
    not something the answer must say."""
    _, qa = _answerer(["Ordet kluster kan definieras som företag i relaterade branscher."])
    texts = [c.text for c in qa.analyze("vad menas med ett kluster i regionens uppföljning")
             .concepts]
    assert "regionens" not in texts and "kluster" in texts
    assert "regionens" in [c.text for c in qa.analyze("hur stor är regionens budget").concepts]


def test_the_report_named_as_where_to_look_is_no_part_of_the_question():
    """"what counts as a cluster according to the report?", "… enligt rapporten", "used in
    the text": the document itself, not a "betänkande" the answer must name; the report
    asked about ("who wrote the report?", "vilket betänkande presenterades?") stays."""
    _, qa = _answerer(["Under 2017 presenterade Landsbygdskommittén sitt betänkande.",
                       "Ordet kluster kan definieras som företag i relaterade branscher."])
    for question in ("what counts as a cluster according to the report?",
                     "what is the definition of the word cluster used in the report?",
                     "vad räknas som ett kluster enligt rapporten?",
                     "hur definieras kluster i texten?"):
        texts = [c.text for c in qa.analyze(question).concepts]
        assert not {"report", "rapporten", "texten"} & set(texts), (question, texts)
    assert "report" in [c.text for c in qa.analyze("what report did they present?").concepts]


def test_that_is_and_for_example_are_no_words_of_the_question():
    """"… aged 60+, i.e. a looming succession issue?": the "e" of "i.e." is no name that
    the answer must say; "direct" jobs are "direkt", not a "riktning"."""
    _, qa = _answerer(["Cirka 2 400 företag har en ägare som är 60 år eller äldre.",
                       "Besöksnäringen sysselsätter direkt 4 300 årsarbeten."])
    texts = [c.text for c in qa.analyze(
        "How many companies have an owner aged 60+, i.e. a looming succession issue?").concepts]
    assert "e" not in texts and "i" not in texts and "owner" in texts
    direct = qa.analyze("How many direct jobs does tourism provide?").concepts[0]
    assert direct.text == "direct" and direct.alts.get("direk", direct.alts.get("direkt", 0)) >= 0.9


def test_what_a_goal_is_about_asks_for_its_heading():
    """"vad handlar mål 5 om", "What is goal 5 of the county report about?" ask for the
    goal's heading, as "vad står mål 5 för" does; "vad handlar rapporten om" does not."""
    from reportqa.ask.answer import _GOAL_OR_TITLE_QUESTION

    for question in ("vad handlar mål 5 om i läget i länet?",
                     "What is goal 5 of the county report about?", "vad går mål 5 ut på",
                     "vilket mål i läget i länet handlar om kluster?",
                     "vilket mål i läget i länet handlar det här om?",
                     "Goal 5 is about clusters in what kind of geography?",
                     "vilket nummer har målet om fler kluster"):
        assert _GOAL_OR_TITLE_QUESTION.search(question), question
    assert not _GOAL_OR_TITLE_QUESTION.search("vad handlar rapporten om?")
    assert not _GOAL_OR_TITLE_QUESTION.search("vilket mål har myndigheterna")


def test_who_chaired_asks_for_a_role():
    """"who chaired the committee" asks for a role the sentence must say."""
    from reportqa.ask.answer import _ROLE

    assert _ROLE.fullmatch("chaired") and _ROLE.fullmatch("ordförande")
    assert _ROLE.fullmatch("director") and _ROLE.fullmatch("manager")


def test_who_asked_with_vilka_and_a_verb_of_taking_part():
    """"Vilka är med?" and "Vilka ingår?" ask who, as "vem" does; "Vilka är de största
    arbetsgivarna?" (a noun of its own) asks for things, not names."""
    from reportqa.ask.answer import Asks

    _, qa = _answerer(["Grönt Center är ett kluster."])
    for question in ("vilka är med (Grönt Center)?", "Vilka ingår i Grönt Center?",
                     "Which take part in Grönt Center?"):
        assert Asks.of(qa.analyze(question)).who, question
    assert not Asks.of(qa.analyze("Vilka är de största arbetsgivarna?")).who


def test_who_is_not_answered_by_the_places_of_the_sentence():
    """"I Ås i Krokoms kommun finns Grönt Center": Ås and Krokom say where, not who, so
    "vilka är med?" is answered by the sentence after it that names the members."""
    from reportqa.ask.answer import places_in

    first = "I Ås i Krokoms kommun finns Grönt Center, ett kluster för de gröna näringarna."
    after = "I detta samarbetar aktörer som LRF Jämtland och Torsta AB."
    assert places_in(first) == {"ås", "krokoms"}
    answerer, qa, ranked = _who_candidates(first, after)
    who = answerer.names_follow(qa.analyze("vilka är med (Grönt Center)?"), ranked)
    assert who[0].hit.passage.text == after


def test_a_follow_up_is_declined_when_the_answer_does_not_mention_its_new_subject():
    """"Och industrin?" after a question about tourism's turnover is resolved into "Hur
    mycket omsätter industrin?"; the sentence about tourism's turnover, ranked first by the
    kept words, answers the earlier question and is declined. A broader word of the
    thesaurus ("näringen") does not mention the new subject; its own word does. The same
    question asked alone (no FollowUp) is answered as before."""
    from reportqa.ask.answer import FollowUp

    tourism = "Turismnäringen omsätter årligen fem miljarder kronor i länet."
    industry = "Industrin omsätter årligen tio miljarder kronor i länet."
    answerer, qa = _answerer([tourism, industry, "Skogen växer."])
    answerer.threshold = 0.1
    q = qa.analyze("Hur mycket omsätter industrin?")
    row, right = _rows([tourism, industry])
    hits = [Hit(row, 1.0, 0.5, 1.0)]
    assert answerer.answer(q, hits).text == tourism  # alone: as without the rule
    declined = answerer.answer(q, hits, followup=FollowUp("industrin"))
    assert declined.text is None
    assert answerer.answer(q, hits, followup=FollowUp("")).text == tourism  # subject kept
    assert answerer.answer(q, [Hit(right, 1.0, 0.5, 1.0)],
                           followup=FollowUp("industrin")).text == industry


def test_the_county_a_follow_up_names_is_no_new_subject():
    """"And in Jämtland?": every report is about the county, so a sentence saying "länet"
    mentions it; another place is a new subject."""
    from reportqa.ask.answer import subject_concepts

    _, qa = _answerer(["Den offentliga sektorn anställer 42 % i länet och Östersund."])
    q = qa.analyze("What share of jobs are in the public sector in Jämtland?")
    assert subject_concepts(q, "in Jämtland") == []
    assert [c.text for c in subject_concepts(q, "the public sector")] == [
        c.text for c in q.concepts if c.text.startswith("public sector")]


def test_a_group_the_question_narrows_to_is_evidence_when_the_sentence_lacks_it():
    """"elpriset för företag" and a sentence about "elpriset för hushåll": the group is
    missing and another one given; "medellivslängd för kvinnor" and the county's average:
    missing only; the same group asked and said: neither."""
    from reportqa.ask.answer import Scored

    households = "Elpriset för hushåll var i genomsnitt 1,4 kronor per kWh."
    average = "I länet är medellivslängden i genomsnitt 91,2 år."
    answerer, qa = _answerer([households, average])

    def group(question: str, text: str) -> dict[str, float]:
        q = qa.analyze(question)
        hit = Hit(_rows([text])[0], 1.0, 0.8, 1.0)
        best: Scored = answerer.score(q, hit)
        return answerer._group_evidence(q, best, [])

    assert group("vad är elpriset för företag", households) == {
        "group_missing": 1.0, "group_contrast": 1.0}
    assert group("medellivslängd för kvinnor i länet", average) == {
        "group_missing": 1.0, "group_contrast": 0.0}
    assert group("vad är elpriset för hushåll", households) == {
        "group_missing": 0.0, "group_contrast": 0.0}
    # a field ("inom de gröna näringarna") narrows as a group does; the county does not
    assert group("medellivslängd inom de gröna näringarna", average)["group_missing"] == 1.0
    assert group("medellivslängd inom länet", average)["group_missing"] == 0.0


def test_a_share_asked_without_hur_is_a_quantity_question():
    assert is_quantity_question("Andel hyresrätter i 2021 års rapport?")
    assert is_quantity_question("what was the share of rental flats")
    assert not is_quantity_question("Vad gör klustret?")


def test_a_share_asked_and_a_count_given_lowers_the_kind_factor():
    """"what share …" / "unemployment rate" answered by a count of people lacks the kind of
    answer asked for; the same sentence with a percentage has it."""
    from reportqa.ask.answer import Scored

    count = "I december var 4 150 personer i länet arbetslösa."
    share = "I december var 6,2 procent av arbetskraften i länet arbetslösa."
    answerer, qa = _answerer([count, share])
    q = qa.analyze("Hur stor andel av arbetskraften var arbetslösa i december?")

    def factor(text: str) -> float:
        hit = Hit(_rows([text])[0], 1.0, 0.8, 1.0)
        best: Scored = answerer.score(q, hit)
        return answerer.kind_factor(q, best)

    assert factor(count) < factor(share) == 1.0
    # a count is no share at all: as low as a sentence without a figure ("What share of the
    # county's jobs are in tourism?" against "… ett 20-tal besöksdestinationer")
    assert factor(count) == answerer.weights.missing_number


def test_a_keyword_question_takes_the_language_of_its_content_words():
    assert detect_language("avg household electricity price per kwh") == "en"
    assert detect_language("wind power production") == "en"
    assert detect_language("sysselsattningsgrad kvinnor jamtland") == "sv"
    assert detect_language("antal anställda industri") == "sv"
    assert detect_language("arbetslosheten i ragunda") == "sv"


def test_the_best_lexical_hit_is_weighed_though_fusion_ranks_it_below_the_candidates():
    """A table row with every word asked, that the other rows beat on cosine, is scored."""
    from reportqa.ask.answer import LEXICAL_RESCUE

    texts = [f"Filler sentence number {i} about housing." for i in range(12)]
    texts.append("Hyresrätter, Östersund: 264; Bostadsrätter, Östersund: 195.")
    answerer, qa = _answerer(texts)
    rows = _rows(texts)
    hits = [Hit(r, 1.0 - r.row / 100, 0.9, 0.1) for r in rows[:-1]]
    hits.append(Hit(rows[-1], 0.5, 0.8, LEXICAL_RESCUE))
    ranked = answerer.rank(qa.analyze("bostadsrätter i östersund"), hits)
    assert ranked[0].hit.passage.text == texts[-1]


def test_a_passage_only_bm25_found_reads_as_the_lowest_cosine_not_as_unrelated():
    """Retrieval gives a cosine only to the passages the dense search returned; one found by
    its words alone (dense 0) is evidenced with the lowest cosine computed, which it is below,
    not with 0, which the answer model reads as a passage about something else."""
    texts = ["Antalet fritidshus i länet är drygt 16 890.",
             "Av länets åtta kommuner har alla en bostadsplan."]
    rows = _rows(texts)
    answerer, qa = _answerer(texts)
    q = qa.analyze("hur många fritidshus finns det")
    ranked = answerer.rank(q, [Hit(rows[0], 0.9, 0.0, 1.0), Hit(rows[1], 0.8, 0.81, 0.2)])
    assert ranked[0].hit.passage.row == 0
    ev = answerer.evidence(q, ranked)
    assert ev["dense"] == 0.81


def test_a_number_ending_a_sentence_is_a_count_and_antalet_names_what_it_counts():
    """"Antalet fritidshus i länet är drygt 12 680.": the full stop is no decimal point, and
    the number counts fritidshus; a decimal is no count."""
    from reportqa.ask.answer import has_amount

    sentence = "Antalet fritidshus i länet är drygt 12 680."
    assert has_amount("hur många fritidshus finns det", sentence)
    assert not has_amount("hur många fritidshus finns det", "Andelen är 12,5 procent.")
    answerer, qa = _answerer([sentence, "fritidshus"])
    assert answerer._unit_match(qa.analyze("hur många fritidshus finns det i länet"), sentence)
    assert not answerer._unit_match(qa.analyze("hur många hotell finns det"), sentence)


def test_names_are_whole_words_split_at_hyphens():
    """"IUC-Z group" names iuc and z (hyphen parts), "Storlien" does not name "stor" (no
    compound parts), and a table caption does not run into its row."""
    from reportqa.ask.answer import Answerer, Scored
    from reportqa.ask.question import QueryAnalyzer

    texts = ["IUC-Z group är en nod för industrin.", "De största orterna är Åre och Storlien.",
             "Läkarbesök, Berg: 6 100; Digitala besök, Berg: 900."]
    _, plain = _answerer(texts)
    qa = QueryAnalyzer(plain.analyzer, plain._vocab_set, doc_freq=lambda _: 1, num_docs=10)
    answerer = Answerer(qa.analyzer, 0.5, {}, queries=qa)
    rows = _rows(texts, ["", "", "Tabell 1. Besök per kommun"])
    cands = [Scored(Hit(r, 1.0, 0.5, 1.0), 1.0, 0.5, 0.5, False) for r in rows]

    def named(question: str) -> list[str]:
        q = qa.analyze(question)
        return [q.concepts[i].text for i in answerer._named_places(q, cands)]

    assert {"iuc", "z"} <= set(named("Who is the CEO of IUC-Z group?"))
    assert named("hur stor andel av besöken") == []
    assert named("hur många digitala besök gjordes") == []


def _kind_factor(question: str, text: str) -> float:
    """The kind factor of `text` as the answer to `question`, over an index of `text`."""
    from reportqa.ask.answer import Scored

    answerer, qa = _answerer([text])
    q = qa.analyze(question)
    best: Scored = answerer.score(q, Hit(_rows([text])[0], 1.0, 0.8, 1.0))
    return answerer.kind_factor(q, best)


def test_a_question_for_a_figure_prefers_a_sentence_that_gives_one():
    """"ungdomsarbetslösheten, hur hög är den?" is answered by the sentence with the rate,
    not by "Ungdomsarbetslösheten har minskat tydligt sedan toppåret 2013"."""
    trend = "Ungdomsarbetslösheten har minskat tydligt sedan toppåret 2013."
    rate = "I december 2018 var 770 ungdomar i länet arbetslösa, vilket motsvarar 9,8 procent."
    # retrieved well behind: ranked first only as the one that gives the figure
    scores = (_AHEAD, (0.1, 0.1, 0.1))
    assert _first_ranked("ungdomsarbetslösheten i länet, hur hög är den nu?",
                         [trend, rate], scores) == rate
    assert _first_ranked("när var ungdomsarbetslösheten som högst?", [trend, rate],
                         scores) == trend


def test_the_thing_asked_to_exist_is_said_by_the_answer():
    """"finns det nåt kluster för jordbruk och skog?" is answered by the sentence that
    names a cluster for them, not by one on farming and forestry that names none."""
    base = "Jord- och skogsbruk är en av länets basnäringar."
    cluster = "I Ås finns Grönt Center, ett kluster för de gröna näringarna i länet."
    for question in ("finns det nåt kluster för jordbruk och skog",
                     "is there a cluster for farming and forestry?"):
        assert _first_ranked(question, [base, cluster]) == cluster, question
    assert _first_ranked("hur viktigt är jordbruk och skog", [base, cluster]) == base


def test_the_other_end_is_not_the_one_asked():
    """"vilken kommun har flest nystartade företag" is not answered by the sentence on the
    lowest ("Lägst nyföretagande hade Ragunda …") when another names the highest; a
    sentence with both ends answers either question."""
    low = "Lägst nyföretagande hade Ragunda med 6 nystartade företag per 1 000 invånare."
    high = "Åre har länets högsta nyföretagande med 19 nystartade företag per 1 000 invånare."
    assert _first_ranked("vilken kommun har flest nystartade företag per invånare",
                         [low, high]) == high
    assert _first_ranked("which municipality has the lowest rate of new firms",
                         [high, low]) == low
    both = "Arbetslösheten är lägst i Krokom och högst i Ragunda."
    assert _first_ranked("vilken kommun har högst arbetslöshet", [both, high]) == both


def test_a_sum_of_money_is_no_count():
    """"How many gazelle companies are there in Åre?" is not answered by a sentence whose
    only figure is what they turn over; a count beside the money still answers, and a
    money question keeps its sum."""
    money = ("Gasellföretagen finns främst i Östersund och Åre och tillsammans omsätter de "
             "drygt 2,1 miljarder kronor.")
    from reportqa.ask.answer import RerankWeights

    none = RerankWeights().missing_number  # as low as a sentence without a figure
    assert _kind_factor("How many gazelle companies are there in Åre?", money) <= none
    assert _kind_factor("hur många gasellföretag finns det", money) <= none
    assert _kind_factor("hur många av gasellföretagen finns i strömsund", money) <= none
    assert _kind_factor("hur mycket omsätter gasellföretagen", money) == 1
    assert _kind_factor("gaseller, hur manga och vad omsatter de", money) == 1  # both asked
    counted = "De 30 gasellföretagen omsätter drygt 2,1 miljarder kronor."
    assert _kind_factor("hur många gasellföretag finns det", counted) == 1
    trips = "Det gjordes 3,4 miljoner resor med buss."
    assert _kind_factor("hur många bussresor gjordes", trips) == 1


def test_a_year_after_a_word_is_a_time_and_no_count():
    """"Under 2017 presenterade …" gives no count of agencies; "12 000" keeps its number."""
    from reportqa.ask.answer import without_times

    assert not has_number(without_times("Under 2017 presenterade kommittén SOU:2017:1."))
    assert has_number(without_times("År 2018 fanns 12 000 företag."))
    assert _kind_factor("Hur många myndigheter föreslog kommittén?",
                        "Under 2017 presenterade kommittén sitt betänkande om myndigheter.") < 0.8


def test_why_asks_for_a_cause_and_a_change_is_answered_by_a_fraction():
    """A cause answers "why" whatever it is the cause of; "how much did it fall" is answered
    by "med en fjärdedel", and not by the level alone."""
    fall = ("Under pandemiåret minskade omsättningen med uppskattningsvis en fjärdedel, "
            "främst till följd av uteblivna besök.")
    level = "Branschen omsatte år 2019 drygt 5,3 miljarder kronor."
    assert _kind_factor("Why did tourism turnover drop during the pandemic?", fall) == 1.0
    assert _kind_factor("Hur mycket minskade omsättningen under pandemin?", fall) == 1.0
    assert _kind_factor("Hur mycket minskade omsättningen under pandemin?", level) < 1.0
    assert _kind_factor("Hur mycket omsätter branschen?", level) == 1.0
    assert _kind_factor("Hur mycket ökar omsättningen per år?", level) < 1.0
    # a share in words ("var fjärde patient") is a share; one penalty for a missing figure
    assert _kind_factor("Hur stor andel av patienterna väntade?",
                        "Var fjärde patient väntade mer än 90 dagar.") == 1.0
    assert _kind_factor("Hur stor andel väntade?", "Många väntade länge.") == 0.4


def test_money_is_not_a_count_of_millions():
    """"2,6 miljoner skiddagar" is no price; "16 miljoner kronor" is money."""
    assert _kind_factor("What is the hotel room price in Åre?",
                        "Säsongen registrerades 2,6 miljoner skiddagar i Åre.") < 1.0
    assert _kind_factor("What is the value of the exports?",
                        "Exportvärdet var 16 miljoner kronor.") == 1.0


@pytest.mark.parametrize("sentence", [
    "Med tillgänglighet avses i den här uppföljningen möjligheten att nå arbete.",
    "Med tillgänglighet menas möjligheten att nå arbete och service.",
    "Accessibility refers to the possibility of reaching work.",
])
def test_passive_and_english_definitions_define(sentence: str):
    assert _kind_factor("Vad betyder tillgänglighet?", sentence) == 1.0


def test_a_question_typed_as_keywords_asks_for_the_amount_it_names():
    assert is_quantity_question("befolkning jämtlands län")
    assert is_quantity_question("turismens omsättning 2019")
    assert not is_quantity_question("Vad gör befolkningen på vintern?")
    assert not is_quantity_question("What is the reference number of the report?")
    assert not is_quantity_question("Varför sjönk omsättningen?")


def test_english_keywords_stay_english_when_a_place_gets_its_dots():
    """"jamtland" is repaired to "jämtland", which must not make the question Swedish."""
    _, qa = _answerer(["Arbetslösheten bland utrikes födda i Jämtland var 20 procent."])
    assert qa.analyze("unemployment rate foreign born jamtland").language == "en"
    assert qa.analyze("arbetsloshet utrikes fodda jamtland").language == "sv"


def test_a_unit_after_a_number_is_no_name():
    from reportqa.ask.answer import _CAPITALISED_INSIDE

    assert _CAPITALISED_INSIDE.findall("andel med 100 Mbit/s i Åre") == ["Åre"]


def test_the_group_after_a_preposition_is_past_its_article():
    from reportqa.ask.answer import _group_after

    assert _group_after(["andel", "bland", "de", "unga"], 1) == "unga"
    assert _group_after(["andel", "bland"], 1) == ""


def test_a_referring_sentence_has_the_kind_of_answer_of_the_sentence_it_leans_on():
    """"Det är ställen där …" is answered with "… utvecklades 2017 …" before it: when."""
    from reportqa.ask.answer import Scored

    before = "En ny företeelse som utvecklades 2017 var co-workingplace."
    after = "Det är ställen där entreprenörer sitter tillsammans."
    answerer, qa = _answerer([before, after])
    q = qa.analyze("När kom ställen där entreprenörer sitter tillsammans?")
    leaning = _rows([before, after], ["", before])[1]
    alone = _rows([after])[0]
    factor = [answerer.kind_factor(q, Scored(Hit(row, 1.0, 0.8, 1.0), 1.0, 1.0, 1.0, True))
              for row in (leaning, alone)]
    assert factor[0] == 1.0 > factor[1]


def test_a_part_of_the_population_the_passage_does_not_name_is_declined():
    """"How many female students …" is not answered by the count of all students; a
    question about everyone, or about a group the passage names, is the model's to weigh."""
    all_students = "Vid campus studerade 4 100 helårsstudenter."
    young = "I december var 770 unga arbetslösa."
    answerer, qa = _answerer([all_students, young])
    rows = _rows([all_students, young])

    def best(question: str, i: int):
        q = qa.analyze(question)
        return q, answerer.candidates(q, [Hit(rows[i], 1.0, 0.8, 1.0)])[0]

    assert answerer.missing_groups(*best("How many female students are at the campus?", 0))
    assert answerer.missing_groups(*best("Hur många kvinnliga studenter finns?", 0))
    assert not answerer.missing_groups(*best("Hur många studenter finns vid campus?", 0))
    assert not answerer.missing_groups(*best("Hur många unga var arbetslösa?", 1))
    assert answerer.names_what_best_lacks(*best("Hur många unga kvinnor var arbetslösa?", 1))
    # a compound the group's word begins names it
    answerer, qa = _answerer(["Regionen stöder 12 pensionärsföreningar mot ensamhet."])
    rows = _rows(["Regionen stöder 12 pensionärsföreningar mot ensamhet."])
    assert not answerer.missing_groups(*best("Hur många pensionärers föreningar stöds?", 0))


def test_where_is_answered_by_a_sentence_that_names_a_place():
    located = "I Ås i Krokoms kommun finns Grönt Center, ett kluster för de gröna näringarna."
    important = "Jord- och skogsbruk är en av länets basnäringar."
    outside = "Mer än 90 % av industrins kunder finns utanför länet."
    assert _kind_factor("Where is the cluster for farming and forestry located?", located) == 1
    assert _kind_factor("Var ligger klustret för jord- och skogsbruk?", important) < 1
    assert _kind_factor("Var finns industrins kunder?", outside) == 1
    assert _kind_factor("Hur stor var andelen?", "Andelen var 42 %.") == 1  # "var": was
    assert _kind_factor("Var finns de största privata jobben?",
                        "De största privata arbetsgivarna finns inom kontaktcenter.") == 1


def test_a_sentence_that_names_the_group_asked_ranks_above_the_figure_for_everyone():
    everyone = "Andelen med lång utbildning var 24 procent i länet."
    women = "Bland kvinnorna är andelen med lång utbildning 31 procent."
    assert _first_ranked("Hur stor andel av kvinnorna har lång utbildning?",
                         [everyone, women], (_AHEAD, (0.8, 0.7, 0.8))) == women


def test_a_count_of_people_is_no_count_of_things():
    """"3 300 personer" answers how many work there, not how many agencies there are."""
    from reportqa.ask.answer import counts_only_people, counts_people

    staff = "Idag sysselsätter myndigheterna i länet cirka 3 300 personer."
    assert counts_only_people(staff)
    assert not counts_only_people("I Åre huserar ca 80 företag och 3 300 personer.")
    assert not counts_only_people("Andelen var 42 procent.")
    assert [counts_people(w) for w in ("myndigheter", "companies", "destinationer")] == [
        False] * 3
    assert all(counts_people(w) for w in ("jobb", "anställda", "företagare", "visitors",
                                          "studenter", "employees", "myndighetsanställda"))
    assert _kind_factor("Hur många myndigheter finns i länet?", staff) < 0.5
    assert _kind_factor("Hur många destinationer har myndigheterna?", staff) < 0.5
    assert _kind_factor("Hur många anställda har myndigheterna?", staff) == 1
    assert _kind_factor("Hur många personer jobbar på myndigheterna?", staff) == 1


def test_a_thing_of_another_owner_is_declined():
    """"turismföretagens kunder" is not answered by "industrins kunder"; the owner the
    question names, said by the passage in any form, is."""
    industry = "Mer än 90 % av industrins kunder finns utanför länet vilket gör " \
               "tillverkningsindustrin mycket exportberoende."
    answerer, qa = _answerer([industry])
    row = _rows([industry])[0]

    other = _check_on(answerer, qa, row, "other_owner")

    assert other("Hur stor andel av turismföretagens kunder finns utanför länet?")
    assert not other("Hur stor andel av industrins kunder finns utanför länet?")
    assert not other("Hur stor andel av tillverkningsföretagens kunder finns utanför länet?")
    assert not other("Hur stor andel av kunderna finns utanför länet?")
    assert not other("Hur stor andel av länets kunder finns utanför?")  # the home county
    basic = "Jord- och skogsbruksrelaterad verksamhet är en av Jämtlands basnäringar."
    answerer2, qa2 = _answerer([basic])
    assert not _check_on(answerer2, qa2, _rows([basic])[0], "other_owner")(
        "vilken verksamhet nämns som en av länets basnäringar")  # länets: Jämtlands
    assert other("What share of the tourism industry's customers are outside the county?")
    # an adjective the passage never says, its noun only in a compound of another kind
    many = "Industrin sysselsätter ca 5 000 personer inom olika industrinäringar."
    answerer, qa = _answerer([many])
    other = _check_on(answerer, qa, _rows([many])[0], "other_owner")
    assert other("Hur många personer sysselsätter de gröna näringarna?")
    assert not other("Hur många personer sysselsätter de olika näringarna?")
    assert not other("Hur många personer sysselsätter sina näringar?")  # a pronoun
    assert not other("What share of the manufacturing industry's customers are outside?")


def test_a_sentence_that_names_the_year_asked_ranks_above_one_of_another_year():
    target = "Enligt strategin bör 98 procent av alla hushåll och företag ha tillgång " \
             "till bredband år 2025."
    then = "År 2018 hade 73 procent sådan tillgång."
    answerer, qa = _answerer([target, then])
    rows = _rows([target, then])
    hits = [Hit(rows[0], 1.0, 0.9, 1.0), Hit(rows[1], 0.8, 0.7, 0.8)]
    q = qa.analyze("Hur stor andel av hushåll och företag hade tillgång till bredband 2018?")
    assert answerer.rank(q, hits)[0].hit.passage.text == then
    q = qa.analyze("Hur stor andel av hushåll och företag ska ha tillgång till bredband?")
    assert answerer.rank(q, hits)[0].hit.passage.text == target


@pytest.mark.parametrize(("question", "lang", "by_verb"), [
    ("Hur många jobbar inom turismen?", "sv", True),
    ("hur många som bor i länet", "sv", True),
    ("How many work in tourism?", "en", True),
    ("How many are employed by the agencies?", "en", True),
    ("hur många läser sfi i länet", "sv", True),
    ("Hur många företag finns det?", "sv", False),
    ("Hur många finns det?", "sv", False),
    ("How many companies are there?", "en", False),
])
def test_a_count_of_people_asked_by_what_they_do(question, lang, by_verb):
    from reportqa.ask.question import counts_by_verb
    from reportqa.text.analyzer import raw_words

    assert bool(counts_by_verb(raw_words(question.lower()), lang)) is by_verb


def test_how_many_work_is_not_answered_by_a_count_of_things():
    """"Hur många jobbar inom turismen?" is answered by "7 000 årsarbeten", not by "ett
    20-tal besöksdestinationer" (a count of places), and the sentence with the jobs ranks
    first."""
    from reportqa.ask.answer import counts_only_things, counts_some_people

    places = "Turismen samverkar med ett 20-tal besöksdestinationer i länet."
    jobs = "Turismen genererar motsvarande 7 000 årsarbeten i länet."
    assert counts_only_things(places) and not counts_only_things(jobs)
    assert not counts_only_things("Sektorn anställer ca 42 % av de sysselsatta.")
    assert counts_some_people(jobs) and not counts_some_people(places)
    assert _kind_factor("Hur många jobbar inom turismen?", places) < 1
    assert _kind_factor("Hur många jobbar inom turismen?", jobs) == 1
    assert _kind_factor("Hur många destinationer finns?", places) == 1
    assert _first_ranked("Hur många jobbar inom turismen?", [places, jobs]) == jobs


def test_another_figure_of_the_measure_asked_is_a_near_miss():
    """"inom tre år" is not answered by "inom fyra år"; a guess ("över 40 procent") or
    a figure of another measure does not count."""
    four = "Andelen elever som tog examen inom fyra år var 71 procent."
    answerer, qa = _answerer([four])
    row = _rows([four])[0]

    other = _check_on(answerer, qa, row, "other_figure")

    assert other("Hur stor andel tar examen inom tre år?")
    assert other("What share graduate within 3 years?")
    assert not other("Hur stor andel tar examen inom fyra år?")
    assert not other("Hur stor andel tar examen inom 4 år?")
    assert not other("Stämmer det att över 60 procent tar examen?")
    assert not other("Hur stor andel tog examen 2018?")
    # a bound on another thing than the one counted is no guess
    big = "Endast ett 60-tal företag i länet har fler än 100 anställda."
    answerer, qa = _answerer([big])
    other = _check_on(answerer, qa, _rows([big])[0], "other_figure")
    assert other("hur många företag har fler än 250 anställda")
    assert other("How many companies in the county have more than 250 employees?")
    assert not other("hur många företag har fler än 100 anställda")


def test_a_passage_that_shares_only_a_name_with_the_question_is_declined():
    """"Vad kostar bussresan till Krokom?" is not answered by unemployment in Krokom."""
    from reportqa.ask.answer import Answerer
    from reportqa.ask.question import QueryAnalyzer

    jobless = "Arbetslösheten är lägst i Krokoms kommun med 4,3 procent."
    _, plain = _answerer([jobless])
    # Krokom is in one passage of ten: a name that narrows, not every report's scope
    qa = QueryAnalyzer(plain.analyzer, plain._vocab_set, doc_freq=lambda _: 1, num_docs=10)
    answerer = Answerer(qa.analyzer, 0.5, {}, queries=qa)
    row = _rows([jobless])[0]

    only = _check_on(answerer, qa, row, "only_places_link")

    assert only("Vad kostar bussresan till Krokom?")
    assert not only("Hur hög är arbetslösheten i Krokom?")
    assert not only("Vad kostar bussresan till Krokoms kommun?")  # "kommun" is said too
    assert not only("Var i Krokom?")


def test_which_places_is_answered_by_a_sentence_that_names_places():
    """"Vilka länder exporterar industrin till?" is not answered by "utanför länet"."""
    out = "Mer än 90 % av industrins kunder finns utanför länet."
    named = "De flesta kunderna finns i Norge och Tyskland."
    assert _kind_factor("Vilka länder exporterar industrin till?", out) < 1
    assert _kind_factor("Vilka länder exporterar industrin till?", named) == 1
    assert _kind_factor("Which countries do they export to?", named) == 1


def test_a_compound_counts_what_its_last_part_names():
    """"ett 20-tal besöksdestinationer" counts destinations, not visitors; "5 000
    personer" counts the employees of "antal anställda"."""
    places = "Turismen samverkar med ett 20-tal besöksdestinationer."
    staff = "Industrin sysselsätter ca 5 000 personer."
    answerer, qa = _answerer([places, staff])
    assert not answerer._unit_match(qa.analyze("hur många besökare kommer"), places)
    assert answerer._unit_match(qa.analyze("hur många destinationer finns"), places)
    assert answerer._unit_match(qa.analyze("antal anställda industri"), staff)
    assert not answerer._unit_match(qa.analyze("hur många besökare kommer"), staff)


def test_which_year_is_answered_by_a_year_not_by_today():
    year = "Under 2017 presenterade kommittén sitt betänkande."
    today = "Idag sysselsätter myndigheterna 3 300 personer och betänkandet har verkställts."
    assert _first_ranked("Vilket år kom betänkandet?", [today, year], (_AHEAD, _AHEAD)) == year


def test_how_many_live_here_is_not_answered_by_a_count_of_the_employed():
    """"How many people live in the county?" / "hur många bor i länet" want residents: a
    count of the employed does not answer, one of inhabitants does; "hur många bor i länet
    men jobbar i Norge" counts commuters, which any count of people may answer."""
    employed = "Idag sysselsätter myndigheterna i länet cirka 3 300 personer."
    residents = "Länet har drygt 130 000 invånare."
    assert _kind_factor("How many people live in the county?", employed) < 1
    assert _kind_factor("hur många bor i länet", employed) < 1
    assert _kind_factor("hur många bor i länet", residents) == 1
    assert _kind_factor("How many people live in the county?", residents) == 1
    assert _kind_factor("How many people work for the agencies?", employed) == 1
    assert _kind_factor("hur många bor i länet men jobbar i Norge",
                        "Omkring 1 100 personer pendlar till Norge.") == 1


def test_a_figure_of_another_year_is_no_answer_for_the_year_asked():
    """"varuexporten år 2019" is not answered by the 2017 figure, nor "säsongen
    2018/2019" by 2017/2018; a sentence that says "samma år" takes its year from the one
    before. A year the question does not ask a figure for is not checked."""
    export = "Värdet av varuexporten uppgick år 2017 till 4,6 miljarder kronor."
    answerer, qa = _answerer([export])
    other = _check_on(answerer, qa, _rows([export])[0], "other_year")
    assert other("Hur stor var varuexporten år 2019?")
    assert not other("Hur stor var varuexporten år 2017?")
    assert not other("Hur stor är varuexporten?")
    assert not other("Vilket år mättes varuexporten, 2019?")  # asks for a time
    ski = "Skidanläggningarna omsatte 1,3 miljarder kronor under säsongen."
    before = "Säsongen 2017/2018 registrerades 2,6 miljoner skiddagar."
    answerer, qa = _answerer([before, ski])
    rows = _rows([before, ski])
    answerer.earlier = lambda passages: {p.row: before for p in passages}
    other = _check_on(answerer, qa, rows[1], "other_year")
    assert other("omsättning skidanläggningar säsongen 2018/19")
    assert not other("omsättning skidanläggningar säsongen 2017/18")


def test_a_sentence_that_begins_with_a_country_names_it():
    """"Which country …?" is answered by "Norge är den viktigaste exportmarknaden"; a
    question's own first word is read as before ("Are there …" is no Åre)."""
    from reportqa.ask.answer import _away_places

    norway = "Norge är den enskilt viktigaste exportmarknaden."
    assert _kind_factor("Which country is the biggest export market?", norway) == 1
    assert _away_places(norway) and not _away_places(norway.replace("Norge", "Landet"))
    assert not _away_places("Are there any clusters?", report=False)


def test_where_a_thing_is_located_needs_a_named_place():
    """"Var ligger …?" / "var i länet har de sitt kontor?" want a place, not a field
    ("inom turismbranschen"); "var finns jobben?" may be answered by a field."""
    field = "Inom turismbranschen finns Peak Innovation, ett klusterinitiativ."
    place = "I Ås i Krokoms kommun finns Grönt Center."
    assert _kind_factor("var i länet har Peak Innovation sitt kontor?", field) < 1
    assert _kind_factor("Var ligger Peak Innovation?", field) < 1
    assert _kind_factor("Var ligger Grönt Center?", place) == 1
    assert _kind_factor("Var finns jobben?", field) == 1


def test_a_value_asked_ranks_a_sum_of_money_first():
    """"vad är varuexporten värd" ranks the sentence with kronor above the count of
    exporting companies, and "turn over" asks for money."""
    count = "Omkring 430 företag exporterar varor och står för exportvärdet."
    money = "Värdet av varuexporten uppgick till 4,6 miljarder kronor."
    assert _first_ranked("vad är varuexporten värd", [count, money]) == money
    assert _kind_factor("How much did the ski resorts turn over?",
                        "Säsongen registrerades 2,6 miljoner skiddagar.") < 1


def test_a_figure_for_a_part_of_the_population_ranks_below_everyones():
    """"the unemployment rate in December 2018" is everyone's: the count of young people
    out of work ("770 unga … 9,8 procent") ranks below the county's figure; a question for
    the young keeps theirs first."""
    young = "I december 2018 var 770 unga arbetslösa, vilket motsvarar 9,8 procent."
    everyone = "I december 2018 var 4 150 personer arbetslösa, det motsvarar 6,3 procent."
    assert _first_ranked("Hur hög var arbetslösheten i december 2018?",
                         [young, everyone]) == everyone
    assert _first_ranked("Hur hög var arbetslösheten bland unga i december 2018?",
                         [young, everyone]) == young


def test_what_an_abbreviation_stands_for_is_answered_where_it_is_written_out():
    """"vad står DUA för?" is answered by "DUA, Delegationen för unga …" (or "… (DUA)"),
    though the sentence defines nothing; a sentence that only uses it is no answer."""
    written = "Inom ramen för DUA, Delegationen för unga och nyanlända till arbete, har " \
              "kommunerna tecknat överenskommelser."
    assert _kind_factor("vad står DUA för", written) == 1
    assert _kind_factor("vad står DUA för",
                        "Delegationen för unga och nyanlända (DUA) har bildats.") == 1
    assert _kind_factor("vad står DUA för", "Kommunerna har avtal inom DUA.") < 1


def test_a_common_noun_in_its_definite_form_is_no_name():
    """"turismen" is the common noun, not the name ending "Jämtland Härjedalen Turism";
    a name typed in lower case or in the genitive is still that name."""
    from reportqa.ask.answer import _common_form

    names = {"turism", "östersund", "krokoms"}
    assert _common_form("turismen", names)
    assert not _common_form("turism", names)
    assert not _common_form("östersund", names)
    assert not _common_form("östersunds", names)
    assert not _common_form("krokom", names)
    assert not _common_form("turismnäringen:turism", names)  # a compound's part: as before
    assert _common_form("turismens", names)  # the common noun's genitive


def test_an_english_owners_adjective_is_not_the_owner():
    """"local manufacturers' customers" are the manufacturers' ("industrins kunder")."""
    industry = "Mer än 90 % av industrins kunder finns utanför länet vilket gör " \
               "tillverkningsindustrin mycket exportberoende."
    answerer, qa = _answerer([industry])
    other = _check_on(answerer, qa, _rows([industry])[0], "other_owner")
    assert not other("what share of local manufacturers' customers are outside the county")
    assert other("what share of local tourism companies' customers are outside the county")


def test_how_many_visitors_is_not_answered_by_a_count_of_jobs():
    """"How many tourists visit …?" is not answered by the jobs tourism gives ("7 000
    årsarbeten", beside a count of destinations); "how many jobs …" is, and so is a count
    of travellers for "how many people took the train"."""
    jobs = "Det klustret samverkar med ett 20-tal destinationer och genererar 7 000 årsarbeten."
    assert _kind_factor("How many tourists visit the county each year?", jobs) < 0.5
    assert _kind_factor("How many jobs does tourism create?", jobs) == 1
    assert _kind_factor("hur många jobbar inom turismen", jobs) == 1
    assert _kind_factor("How many people took the night train?",
                        "Under säsongen reste omkring 75 000 resenärer med nattåget.") > 0.5


def test_who_holds_a_role_is_not_answered_by_a_list_that_names_no_role():
    """"Who is the CEO of Torsta AB?" / "Vem leder Grönt Center?" are not answered by the
    partners Grönt Center lists; "who works together in Grönt Center?" is. "When was it
    founded?" needs a founding."""
    partners = "I Grönt Center samarbetar aktörer som LRF Jämtland, Torsta AB och Eldrimner."
    assert _kind_factor("Who is the CEO of Torsta AB?", partners) < 1
    assert _kind_factor("Vem leder Grönt Center?", partners) < 1
    assert _kind_factor("Vem är ordförande för LRF Jämtland?", partners) < 1
    assert _kind_factor("Who works together in Grönt Center?", partners) == 1
    assert _kind_factor("When was Grönt Center founded?", "Grönt Center finns i Ås sedan "
                        "2010.") < 1
    assert _kind_factor("When was Grönt Center founded?", "Grönt Center grundades 2010.") == 1


def test_what_a_thing_is_for_ranks_the_sentence_that_says_what_for_first():
    """"vad är syftet med Grönt Center?" / "what's the aim of it?" rank the sentence that
    says what for ("… samarbetar aktörer för att utveckla …") above the one that names it."""
    named = "I Ås finns Grönt Center, ett kluster för de gröna näringarna i länet."
    purpose = "I Grönt Center samarbetar aktörer för att utveckla de gröna näringarna."
    assert _first_ranked("vad är syftet med Grönt Center", [named, purpose]) == purpose
    assert _first_ranked("What is the aim of Grönt Center?", [named, purpose]) == purpose
    assert _first_ranked("What is Grönt Center aiming for?", [named, purpose]) == purpose
    assert _first_ranked("Var finns Grönt Center?", [named, purpose]) == named


def test_a_sentence_that_names_what_the_one_before_did_leans_on_it():
    """"Evenemangen beräknas …" and "Målet med projektet är …" are about what the sentence
    before named; "Andelen …" and "Länet …" are not."""
    assert is_anaphoric("Evenemangen beräknas ha gett 700 miljoner kronor.")
    assert is_anaphoric("Målet med projektet är att 100 företag ska få stöd.")
    assert not is_anaphoric("Andelen företag som drivs av kvinnor är 28 procent.")
    assert not is_anaphoric("Målen för länet är höga.")


def test_how_many_people_are_brought_in_asks_for_no_money():
    """"bring in" asks for money ("how much do the championships bring in"), but not in a
    question that counts ("how many seasonal staff do the resorts bring in")."""
    staff = "Under vintersäsongen rekryteras cirka 3 000 säsongsanställda."
    assert _kind_factor("How many seasonal staff do the ski resorts bring in?", staff) == 1
    assert _kind_factor("How much money do the ski resorts bring in?", staff) < 1


def test_a_kind_the_question_names_is_not_answered_about_the_kind_before():
    """"de gröna näringarna" is not answered by "Branschen genererar 7 000 årsarbeten",
    which is about the branch the sentence before names and never says "gröna"."""
    tourism = "Turismbranschen är en grundläggande näring i länet."
    jobs = "Branschen genererar motsvarande 7 000 årsarbeten."
    answerer, qa = _answerer([tourism, jobs])
    other = _check_on(answerer, qa, _rows([tourism, jobs], ["", tourism])[1], "other_owner")
    assert other("hur många årsarbeten ger de gröna näringarna")
    assert not other("hur många årsarbeten ger turismbranschen")


def test_a_branch_named_only_by_the_sentences_opening_noun_is_another_branch():
    """"hur mycket omsätter industrin?" is not answered by "Branschen omsätter …" after a
    sentence on tourism: "Branschen" half-matches "industrin" but is the tourism branch."""
    tourism = "Turismbranschen är en grundläggande näring i länet."
    money = "Branschen omsätter årligen nästan fem miljarder kronor."
    answerer, qa = _answerer([tourism, money])
    other = _check_on(answerer, qa, _rows([tourism, money], ["", tourism])[1], "other_branch")
    assert other("hur mycket omsätter industrin?")
    assert other("what is the turnover of manufacturing?")
    assert not other("hur mycket omsätter turismen?")
    assert not other("vad omsatte turistbranschen i länet?")  # the compound names the branch
    assert not other("hur mycket omsätter branschen?")
    # an opening noun that is the question's own word, translated and inflected ("the
    # project" → "projektet"), is the thing itself
    project = "Under 2018 startade projektet Ägarskifte, ett samarbete mellan Almi och LRF."
    aim = "Målet med projektet är att 100 företag ska få stöd i ett generationsskifte."
    answerer, qa = _answerer([project, aim])
    assert not _check_on(answerer, qa, _rows([project, aim], ["", project])[1],
                         "other_branch")("What is the target of the ownership succession "
                                         "project?")


def test_a_branchs_figure_is_no_answer_for_a_thing_or_an_organisation_it_never_names():
    """"what is the annual turnover of the manufacturing industry?" is not answered by
    "Branschen omsätter årligen …" after the tourism sentences, which match nothing of
    "manufacturing industry"; nor "how many people does Jämtland Härjedalen Turism
    employ?" by "Branschen genererar 7 000 årsarbeten" after a sentence that names it as
    the branch's coordinator."""
    tourism = ("Det klustret är samordnat av Jämtland Härjedalen Turism och är en plattform "
               "för Jämtlands läns turism och näringen.")
    money = ("Branschen omsätter årligen nästan fem miljarder kronor och genererar "
             "motsvarande 7 000 årsarbeten.")
    answerer, qa = _answerer([tourism, money])
    other = _check_on(answerer, qa, _rows([tourism, money], ["", tourism])[1], "branch_figure")
    assert other("what is the annual turnover of the manufacturing industry in the county?")
    assert other("how many people does Jämtland Härjedalen Turism employ?")
    assert other("hur många jobbar på jämtland härjedalen turism?")
    assert not other("how much does the tourism industry turn over?")
    assert not other("hur mycket omsätter turismen i länet?")
    assert not other("vem samordnar turismen?")  # no amount asked
    # a turnover asked of the organisation is the branch's it leads, as people ask it
    assert not other("och omsättningen (hur många destinationer jobbar Jämtland Härjedalen "
                     "Turism med)?")
    # "klustret" of the tourism sentence is a kind of branch, not the one asked
    assert other("what's the industrial cluster's annual turnover?")
    assert not other("vad omsätter klustret per år?")


def test_a_place_named_without_a_figure_is_not_answered_by_the_others_figures():
    """"arbetslösheten i Åre kommun i procent" is not answered by "Även Strömsund och
    Bräcke ligger över länsgenomsnittet med 8,2 respektive 7,7 procent, medan Åre och Berg
    ligger strax under"; Bräcke's figure is in it."""
    text = ("Även Strömsund och Bräcke ligger över länsgenomsnittet med 8,2 respektive 7,7 "
            "procent, medan Åre och Berg ligger strax under.")
    lacks = _place_check(text, "place_without_figure")
    assert lacks("arbetslösheten i åre kommun i procent?")
    assert not lacks("hur hög är arbetslösheten i bräcke i procent?")
    airport = ("Åre Östersund Airport är länets största flygplats, och under 2018 reste ca "
               "470 000 passagerare via flygplatsen.")
    lacks = _place_check(airport, "place_without_figure")
    assert not lacks("hur många passagerare hade Åre Östersund Airport 2018?")


def test_a_figure_that_includes_what_the_question_leaves_out_is_no_answer():
    """"hur många årsarbeten ger turismen om man inte räknar kringeffekter" is not answered
    by "7 000 årsarbeten inklusive kringeffekter"; the figure with them is."""
    text = "Branschen genererar motsvarande 7 000 årsarbeten inklusive kringeffekter."
    answerer, qa = _answerer([text])
    other = _check_on(answerer, qa, _rows([text])[0], "includes_excluded")
    assert other("hur många årsarbeten ger turismen om man inte räknar kringeffekter")
    assert other("hur många årsarbeten ger turismen utan kringeffekter")
    assert not other("hur många årsarbeten ger turismen inklusive kringeffekter")
    assert not other("hur många årsarbeten ger turismen")


def test_a_follow_up_for_a_new_subjects_figure_takes_the_sentence_that_gives_it():
    """"och tillverkningsindustrin då?" after "Hur många årsarbeten genererar turismen?"
    is answered by the industry's own count, ranked second, not declined because the
    first-ranked sentence is about tourism; a follow-up for no figure is not."""
    from reportqa.ask.answer import FollowUp

    tourism = "Turismen genererar motsvarande 7 000 årsarbeten inklusive kringeffekter."
    industry = "Tillverkningsindustrin sysselsätter ca 5 000 personer i länet."
    answerer, qa = _answerer([tourism, industry])
    hits = [Hit(r, *score) for r, score in zip(_rows([tourism, industry]), (_AHEAD, _BEHIND),
                                                 strict=True)]
    q = qa.analyze("Hur många årsarbeten genererar tillverkningsindustrin?")
    assert answerer.rank(q, hits)[0].hit.passage.text == tourism
    answer = answerer.answer(q, hits, followup=FollowUp("tillverkningsindustrin"))
    assert answer.text == industry


def test_one_parts_own_figure_is_not_answered_by_the_sum():
    """"Alpina VM ensamt" / "the biathlon alone" is a near miss for "Evenemangen beräknas
    tillsammans ha gett 700 miljoner kronor"; the two together are answered by it."""
    together = "Evenemangen beräknas tillsammans ha gett 700 miljoner kronor i länet."
    answerer, qa = _answerer([together])
    alone = _check_on(answerer, qa, _rows([together])[0], "sum_for_one")
    assert alone("hur mycket omsatte alpina vm i åre ensamt")
    assert alone("What was the revenue from the biathlon championships alone?")
    assert not alone("hur mycket omsatte de två VM tillsammans")


def test_one_places_own_figure_is_not_answered_by_the_sum_of_several_places():
    """"gasellföretagen i Åre kommun" is a near miss for a sum over the places the
    sentence lists ("främst i Östersund och Åre, men även i Krokom och Strömsund, och
    tillsammans omsätter de …"); the whole, or all the places listed, are answered by it."""
    listed = ("Gasellföretagen i länet finns främst i Östersund och Åre, men även i Krokom och "
              "Strömsund, och tillsammans omsätter de drygt 2,1 miljarder kronor.")
    answerer, qa = _answerer([listed])
    one = _check_on(answerer, qa, _rows([listed])[0], "sum_for_one")
    assert one("hur mkt omsätter gasellföretagen i åre kommun")
    assert one("How much do the gazelle companies in Östersund turn over?")
    assert not one("hur mycket omsätter gasellföretagen?")
    assert not one("var finns gasellföretagen i Åre?")
    assert not one("hur mycket omsätter gasellföretagen i Östersund, Åre, Krokom och "
                   "Strömsund?")
    # a part of the sum asked for: "how much of the combined turnover …"
    assert one("how much of the gazelle companies' combined turnover comes from firms in åre?")
    assert not one("what is the gazelle companies' combined turnover?")


def test_one_name_of_a_list_with_a_single_figure_asks_for_a_part_of_it():
    """"rekryteras cirka 3 000 säsongsanställda till fjälldestinationerna i Åre,
    Funäsfjällen, Vemdalen och Storlien": one figure for the four, not Funäsfjällen's own
    (typed without å/ä/ö too); the figure asked for them all, or without a name, is it. A
    list with a figure for each is no sum."""
    seasonal = ("Under vintersäsongen rekryteras cirka 3 000 säsongsanställda till "
                "fjälldestinationerna i Åre, Funäsfjällen, Vemdalen och Storlien.")
    each = "Arbetslösheten var 8 procent i Ragunda, 6 procent i Berg och 4 procent i Krokom."
    answerer, qa = _answerer([seasonal, each])
    one = _check_on(answerer, qa, _rows([seasonal])[0], "sum_for_one")
    assert one("hur många säsongsanställda rekryteras till funäsfjällen varje vinter")
    assert one("hur manga sasongsanstallda rekryteras till funasfjallen")
    assert not one("hur många säsongsanställda rekryteras till fjällen på vintern?")
    assert not one("How many seasonal workers are hired for the mountain resorts?")  # no Åre
    assert not one("how many seasonal workers are recruited to Åre, Funäsfjällen, Vemdalen "
                   "and Storlien?")
    own = _check_on(answerer, qa, _rows([each])[0], "sum_for_one")
    assert not own("hur hög var arbetslösheten i Berg?")


def test_a_year_of_another_clause_is_no_answer_for_the_year_asked():
    """"sjuksköterskor fram till 2030" is not answered by "ca 300 sjuksköterskor … fram
    till år 2025, och … 900 lärare … fram till år 2030": 2030 is the teachers' year."""
    both = "Regionen bedömer att ca 300 nya sjuksköterskor behöver rekryteras fram till år " \
           "2025, och kommunerna behöver rekrytera drygt 900 lärare fram till år 2030."
    answerer, qa = _answerer([both])
    other = _check_on(answerer, qa, _rows([both])[0], "other_year")
    assert other("Hur många sjuksköterskor behöver rekryteras fram till 2030?")
    assert not other("Hur många sjuksköterskor behöver rekryteras fram till 2025?")
    assert not other("Hur många lärare behöver rekryteras fram till 2030?")
    assert not other("lärarbehovet fram till 2030, hur många behöver anställas?")  # no unit


def test_a_founding_needs_its_own_word_not_a_synonym_of_starting_something_else():
    """"Vilket år grundades X?" is not answered by "X … sedan 2014 har tagit emot bolag"
    (the thesaurus' "starta" is another event)."""
    since = "Vid Mittuniversitetets campus finns inkubatorn Inkubera Mitt, som sedan 2014 " \
            "har startat ett 40-tal bolag."
    assert _kind_factor("Vilket år grundades Mittuniversitetet?", since) < 1


def test_an_organisation_named_in_the_sentence_before_is_named_enough():
    """"antal helårsstudenter Mittuniversitetet campus Östersund" is answered by "Vid campus
    Östersund studerade … 4 100 helårsstudenter" after "Mittuniversitetet har campus i
    Östersund", not by the university's staff in Östersund."""
    campus = "Mittuniversitetet har campus i Östersund och Sundsvall."
    students = "Vid campus Östersund studerade ca 4 100 helårsstudenter."
    staff = "Mittuniversitetet har drygt 1 000 anställda, varav ungefär 450 arbetar i Östersund."
    others = [f"Kommun {n} har en egen skola och ett bibliotek." for n in range(16)]
    answerer, qa = _answerer([campus, students, staff, *others], frequencies=True)
    rows = _rows([campus, students, staff], ["", campus, students])
    hits = [Hit(rows[2], 1.0, 0.9, 1.0), Hit(rows[1], 0.9, 0.9, 0.9), Hit(rows[0], 0.5, 0.5, 0.5)]
    q = qa.analyze("antal helårsstudenter Mittuniversitetet campus Östersund")
    assert answerer.rank(q, hits)[0].hit.passage.text == students


def test_a_passive_verb_is_not_what_a_question_counts():
    """"Hur många väntas gå i pension …" counts people; "väntas" is no counted noun."""
    from reportqa.text.vocabulary import looks_like_noun

    assert counted_word(["hur", "många", "väntas", "gå", "i", "pension"], "sv") is None
    assert not looks_like_noun("rekryteras", "sv") and looks_like_noun("atlas", "sv")
    assert counted_word(["hur", "många", "företag", "finns"], "sv") == "företag"


def test_which_country_ranks_a_sentence_that_names_one_first():
    """"Which country is the biggest export market?" ranks "Norge är den viktigaste
    exportmarknaden" above the exporters' count that matches more words."""
    count = "Omkring 430 företag exporterar varor, och de tio största exportörerna står för " \
            "hälften av exportvärdet på marknaden."
    norway = "Norge är den enskilt viktigaste exportmarknaden."
    assert _first_ranked("Which country is the biggest export market?",
                         [count, norway]) == norway


def test_what_is_ranks_a_statement_of_fact_above_a_target():
    """"Hur stor andel har snabbt bredband?" is answered by "I oktober 2018 hade 73 procent
    …", not by the strategy's "bör 98 procent … ha tillgång … år 2025"; "vad är målet" is."""
    target = "Enligt strategin bör 98 procent av hushållen ha snabbt bredband år 2025."
    fact = "I oktober 2018 hade 73 procent av hushållen snabbt bredband."
    assert _first_ranked("Hur stor andel av hushållen har snabbt bredband?",
                         [target, fact]) == fact
    assert _first_ranked("Vad är målet för andelen hushåll med snabbt bredband?",
                         [target, fact]) == target
    # a fact beside a target is a fact
    from reportqa.ask.answer import _states_target

    assert _states_target(target)
    assert not _states_target("Omkring 80 procent av besökarna reser med bil, och målet är "
                              "att andelen som reser med tåg ska öka till 25 procent år 2030.")


def test_a_part_of_the_county_asked_alone_is_a_place_of_its_own():
    """"i Härjedalen" said alone is part of the county, which "ett 70-tal fiberföreningar i
    länet" does not answer; in the region's name ("Jämtland Härjedalen", "Jämtland och
    Härjedalen") it is all of the county."""
    county = "Sedan 2014 har ett 70-tal fiberföreningar i länet byggt ut egna byanät."
    missing = _place_check(county, "missing_places")
    assert missing("hur många fiberföreningar finns det i härjedalen")
    assert missing("How many fibre associations are there in Härjedalen?")
    assert not missing("hur många fiberföreningar finns det i Jämtland Härjedalen")
    assert not missing("hur många fiberföreningar finns i jämtland och härjedalen")
    assert not missing("hur många fiberföreningar finns i länet")


def test_a_season_asked_is_not_answered_by_another_seasons_figure():
    """"for the summer season" is not answered by "Under vintersäsongen rekryteras cirka
    3 000 säsongsanställda"; the winter, or no season asked, is."""
    winter = "Under vintersäsongen rekryteras cirka 3 000 säsongsanställda till fjällen."
    answerer, qa = _answerer([winter])
    other = _check_on(answerer, qa, _rows([winter])[0], "other_season")
    assert other("How many seasonal workers get hired for the summer season?")
    assert other("hur många säsongsanställda behövs till sommaren")
    assert not other("hur många säsongsanställda rekryteras till vintern")
    assert not other("hur många säsongsanställda rekryteras")


def test_a_compound_of_another_first_part_is_another_kind():
    """"tjänsteexporten", which the reports write, is not answered by "Värdet av
    varuexporten …"; a compound the reports never write ("spridningseffekter" for
    "kringeffekter") may be the same thing in the asker's words."""
    goods = "Värdet av varuexporten från länet uppgick år 2017 till 4,6 miljarder kronor."
    services = "Även tjänsteexporten växer, främst inom turism och it."
    jobs = "Branschen genererar motsvarande 7 000 årsarbeten inklusive kringeffekter."
    answerer, qa = _answerer([goods, services, jobs], frequencies=True)
    other = _check_on(answerer, qa, _rows([goods])[0], "other_compound")
    assert other("hur mycket är tjänsteexporten från länet värd i kronor")
    assert other("What is the value of the county's service exports?")  # one compound
    assert not other("What was the value of goods exports in 2017?")
    assert not other("hur mycket var varuexporten värd 2017")
    assert not other("hur stor var exporten 2017")
    other = _check_on(answerer, qa, _rows([goods, services, jobs])[2], "other_compound")
    assert not other("hur många årsarbeten ger turismen med spridningseffekterna")


def test_a_definite_group_narrows_the_figure_asked():
    """"bland kvinnorna" narrows the question as "bland kvinnor" does: the whole
    municipality's unemployment does not answer it; so do visitors of a nation ("German
    visitors", "norska gäster") the count of all guest nights."""
    text = "Arbetslösheten är lägst i Krokoms kommun med 4,3 procent."
    answerer, qa = _answerer([text])
    groups = _check_on(answerer, qa, _rows([text])[0], "missing_groups")
    assert groups("hur hög var arbetslösheten bland kvinnorna i krokoms kommun?")
    assert groups("hur hög är arbetslösheten bland männen i krokom?")
    assert not groups("hur hög är arbetslösheten i krokoms kommun?")
    nights = "Under år 2018 registrerades drygt 2,4 miljoner kommersiella gästnätter i länet."
    answerer, qa = _answerer([nights])
    groups = _check_on(answerer, qa, _rows([nights])[0], "missing_groups")
    assert groups("What share of commercial guest nights come from German visitors?")
    assert groups("hur många gästnätter hade norska gäster")
    assert not groups("hur många kommersiella gästnätter registrerades 2018")


def test_money_of_another_kind_or_no_money_is_no_answer():
    """"hur mycket pengar satsar regionen på klusterutveckling?" (spending) is not answered
    by "Branschen omsätter årligen nästan fem miljarder kronor" (a turnover), nor "vad är
    snittlönen …" by a sentence without a sum; a turnover asked is, and how much a turnover
    fell may be answered by a share."""
    turnover = "Branschen omsätter årligen nästan fem miljarder kronor."
    customers = "Mer än 90 % av industrins kunder finns utanför länet."
    fell = "Under 2020 minskade omsättningen med en fjärdedel."
    answerer, qa = _answerer([turnover, customers, fell])
    rows = _rows([turnover, customers, fell])
    other = _check_on(answerer, qa, rows[0], "other_money")
    assert other("hur mycket pengar satsar regionen på klusterutveckling per år")
    assert other("How much EU funding goes to cluster development in the county?")
    assert not other("hur mycket omsätter turismen")
    assert not other("what is the annual turnover of tourism")
    assert not other("does the region work to attract investments?")  # asks no sum
    villa = "En villa kostade i genomsnitt 2 150 000 kronor."
    answerer, qa = _answerer([villa])
    assert not _check_on(answerer, qa, _rows([villa])[0], "other_money")(
        "what was the average price of a detached house?")  # a price is what it costs
    assert _check_on(answerer, qa, rows[1], "other_money")(
        "vad är snittlönen i tillverkningsindustrin")
    assert not _check_on(answerer, qa, rows[2], "other_money")(
        "hur mycket minskade omsättningen 2020")


def test_outside_the_county_is_not_abroad():
    """"hur stor andel av industrins kunder finns i utlandet?" is not answered by "Mer än
    90 % av industrins kunder finns utanför länet"; outside the county is, and so is a
    question with abroad as one alternative or of people born abroad."""
    text = "Mer än 90 % av industrins kunder finns utanför länet."
    answerer, qa = _answerer([text])
    abroad = _check_on(answerer, qa, _rows([text])[0], "abroad_unsaid")
    assert abroad("hur stor andel av industrins kunder finns i utlandet?")
    assert abroad("what share of manufacturing customers are abroad")
    assert abroad("hur stor andel av industrins kunder finns utanför sverige")
    assert not abroad("hur stor andel av industrins kunder finns utanför länet")
    assert not abroad("hur stor andel av kunderna finns i andra delar av landet eller utomlands")
    norway = "Norge är den viktigaste exportmarknaden."
    answerer, qa = _answerer([norway])
    assert not _check_on(answerer, qa, _rows([norway])[0], "abroad_unsaid")(
        "vilket är det viktigaste landet i utlandet för exporten")
    international = "Turismen utvecklas i nationella och internationella sammanhang."
    answerer, qa = _answerer([international])
    assert not _check_on(answerer, qa, _rows([international])[0], "abroad_unsaid")(
        "Jobbar Jämtland Härjedalen Turism även mot utlandet?")


def test_what_came_of_something_is_the_sentence_after_it_that_leans_on_it():
    """"har utlokaliseringen märkts i jämtland?" is answered by "I Jämtlands län har det
    tydliggjorts …", which leans on the sentence that says what was done; a question for
    what was done is answered by that sentence."""
    first = "Den statliga utlokaliseringen har redan verkställts på flera ställen i landet."
    after = "I Jämtlands län har det tydliggjorts med extra tjänster inom Tillväxtverket."
    answerer, qa, ranked = _who_candidates(first, after)
    came = answerer.consequence_follows(qa.analyze("har utlokaliseringen märkts i jämtland?"),
                                        ranked)
    assert came[0].hit.passage.text == after
    came = answerer.consequence_follows(qa.analyze("has the relocation had any effect?"),
                                        ranked)
    assert came[0].hit.passage.text == after
    done = answerer.consequence_follows(qa.analyze("har utlokaliseringen verkställts?"),
                                        ranked)
    assert done[0].hit.passage.text == first
    # what it has meant for a place, what came of it, an example of it
    for asked in ("vad har utlokaliseringen inneburit för jämtland?",
                  "har det blivit nåt av utlokaliseringen i länet?",
                  "is there any example of the relocation in the county?"):
        assert answerer.consequence_follows(qa.analyze(asked), ranked)[0].hit.passage.text == (
            after), asked
    # what a figure includes is no consequence asked
    done = answerer.consequence_follows(
        qa.analyze("how many jobs did the relocation give, including indirect effects?"), ranked)
    assert done[0].hit.passage.text == first


def test_what_comes_from_a_place_is_not_answered_by_what_is_there():
    """"how many people commute from Norway to jobs in the county" is not answered by "1 100
    personer som är folkbokförda i länet har sin huvudsakliga arbetsplats i Norge": the
    other direction; "how many work in Norway" is. "out of X" is "from X" too."""
    text = ("Omkring 1 100 personer som är folkbokförda i länet har sin huvudsakliga "
            "arbetsplats i Norge.")
    answerer, qa = _answerer([text])
    other = _check_on(answerer, qa, _rows([text])[0], "other_direction")
    assert other("how many people commute from norway to jobs in the county?")
    assert other("hur många pendlar från Norge till jobb i länet")
    assert not other("how many people in the county work in Norway?")
    assert not other("hur många pendlar till norge")
    # "out of Östersund" is not answered by those who commute in
    text = "Drygt 5 200 personer pendlar dagligen in till Östersund från andra kommuner."
    answerer, qa = _answerer([text])
    other = _check_on(answerer, qa, _rows([text])[0], "other_direction")
    assert other("How many people commute out of Östersund every day?")
    assert other("hur många pendlar ut ur Östersund?")
    assert not other("how many commute into Östersund?")


def test_a_split_between_things_needs_a_passage_that_names_them():
    """"hur fördelas de offentligt anställda mellan kommuner, region och stat" is not
    answered by the public sector's total share; a passage that names both parts of
    "mellan kvinnor och män" is."""
    total = "Den offentliga sektorn är stor i länet och anställer ca 42 % av de sysselsatta."
    both = "Bland kvinnorna är andelen 31 procent och bland männen 17 procent."
    answerer, qa = _answerer([total, both])
    rows = _rows([total, both])
    assert _check_on(answerer, qa, rows[0], "between_unsaid")(
        "hur fördelas de offentligt anställda mellan kommuner, region och stat i länet")
    assert not _check_on(answerer, qa, rows[0], "between_unsaid")(
        "hur stor andel är offentligt anställda i länet")
    assert not _check_on(answerer, qa, rows[1], "between_unsaid")(
        "skillnad i utbildningsnivå mellan kvinnor och män?")
    # "X resp Y": a figure each
    assert _check_on(answerer, qa, rows[0], "between_unsaid")(
        "hur stor del av de offentligt anställda jobbar i kommunerna resp i regionen")
    assert not _check_on(answerer, qa, rows[1], "between_unsaid")(
        "hur stor andel har eftergymnasial utbildning bland kvinnor respektive män?")


def test_a_follow_up_for_a_new_subject_passes_a_best_sentence_about_another_branch():
    """"o industrin?" after "hur många årsarbeten ger turismen?" is resolved into "hur många
    årsarbeten ger industrin?"; its best sentence ("Branschen genererar 7 000 årsarbeten",
    about tourism) lacks it, and the industry's own count, ranked second, answers."""
    from reportqa.ask.answer import FollowUp

    tourism = "Turismbranschen är en grundläggande näring i länet."
    branch = "Branschen genererar motsvarande 7 000 årsarbeten inklusive kringeffekter."
    industry = "Det industriella klustret inom industrin sysselsätter ca 5 000 personer."
    answerer, qa = _answerer([tourism, branch, industry])
    rows = _rows([tourism, branch, industry], ["", tourism, ""])
    hits = [Hit(rows[1], *_AHEAD), Hit(rows[2], *_BEHIND)]
    q = qa.analyze("hur många årsarbeten ger industrin i länet?")
    assert answerer.names_what_best_lacks(q, answerer.candidates(q, hits)[0])
    assert answerer.answer(q, hits).text is None
    answer = answerer.answer(q, hits, followup=FollowUp("industrin"))
    assert answer.text == industry


def test_how_many_years_asks_for_a_span_of_time():
    """"For how many years has Etour been doing research?" is answered by "De senaste 20
    åren …": a span of time counted, which the figure checks do not take for a year;
    "hur många årsarbeten" counts no years."""
    assert is_temporal_question("For how many years has Etour been doing tourism research?")
    assert is_temporal_question("hur många år har etour forskat om turism")
    assert not is_temporal_question("hur många årsarbeten ger turismen")


def test_which_organisations_asks_who_but_which_companies_may_ask_a_kind():
    """"Which organisations work together in Grönt Center?" asks for names, as "vilken
    organisation" does; "vilka företag räknas till de gröna näringarna?" is answered by a
    kind of companies ("Företag med basen i jord, skog …"), so it asks no name."""
    from reportqa.ask.answer import Asks

    _, qa = _answerer(["Grönt Center är ett kluster."])
    assert Asks.of(qa.analyze("Which organisations work together in Grönt Center?")).who
    assert Asks.of(qa.analyze("vilka myndigheter har fått extra tjänster i länet")).who
    assert not Asks.of(qa.analyze("vilka företag räknas till de gröna näringarna?")).who


def test_the_reports_name_is_its_title_with_its_heading():
    """"vad heter rapporten" (and its series) is answered by the report's title with the
    goal's heading ("Läget i länet – Mål 5. Fler kluster"), as the index names the series;
    "vad handlar mål 5 om" and the subtitle by the heading alone."""
    from reportqa.ask.answer import Answerer
    from reportqa.ask.question import QueryAnalyzer
    from reportqa.index.bm25 import LexicalIndex
    from reportqa.text.analyzer import Analyzer

    text = "Ordet kluster kan definieras som företag i relaterade branscher."
    lex = LexicalIndex.build([text], Analyzer())
    qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys())
    documents = {"d.txt": {"title": "Läget i länet",
                           "series": "Läget i länet – Mål 5. Fler kluster"}}
    answerer = Answerer(lex.analyzer, 0.5, documents, queries=qa)
    row = PassageRow(row=0, doc="d.txt", section="Mål 5. Fler kluster", page=None,
                     ordinal=0, text=text, context="")
    hits = [Hit(row, 1.0, 0.8, 1.0)]
    assert answerer.answer(qa.analyze("vad heter rapporten"), hits).text == (
        "Läget i länet – Mål 5. Fler kluster")
    assert answerer.answer(qa.analyze("vad handlar mål 5 om"), hits).text == (
        "Mål 5. Fler kluster")
    # the series it belongs to is named by that title; its subtitle is in its heading
    for question in ("vad heter rapportserien", "which report series is this from?"):
        assert answerer.answer(qa.analyze(question), hits).text == (
            "Läget i länet – Mål 5. Fler kluster"), question
    assert answerer.answer(qa.analyze("what does the goal's subtitle say?"), hits).text == (
        "Mål 5. Fler kluster")


def test_a_count_of_the_employed_is_not_answered_by_a_sentence_without_work():
    """"hur många anställda har IUC Z", "how many people work at the airport" are near
    misses for a count of people recruited or of passengers; a count of those employed,
    said with any word of work, answers them."""
    recruit = ("Inom industrin bedömer IUC Z att företagen behöver rekrytera omkring 1 000 "
               "personer under de närmaste fem åren.")
    airport = "Under 2018 reste ca 470 000 passagerare via flygplatsen i Östersund."
    employed = "Tillverkningsindustrin sysselsätter ca 5 000 personer i länet."
    answerer, qa = _answerer([recruit, airport, employed])
    rows = _rows([recruit, airport, employed])
    assert _check_on(answerer, qa, rows[0], "employment_unsaid")("hur många anställda har iuc-z")
    unsaid = _check_on(answerer, qa, rows[1], "employment_unsaid")
    assert unsaid("How many people work at the airport in Östersund?")
    assert unsaid("How many people does the airport employ?")
    assert not unsaid("How many passengers travelled via the airport?")
    said = _check_on(answerer, qa, rows[2], "employment_unsaid")
    assert not said("hur många jobbar inom tillverkningsindustrin?")
    assert not said("How many people does manufacturing employ?")
    works_on = "Jämtland Härjedalen Turism jobbar strategiskt med ett 20-tal destinationer."
    young = "I Åre finns ett jobbspår där ett 40-tal unga jobbar inom besöksnäringen."
    answerer2, qa2 = _answerer([works_on, young])
    rows2 = _rows([works_on, young])
    assert _check_on(answerer2, qa2, rows2[0], "employment_unsaid")(
        "hur många jobbar på Jämtland Härjedalen Turism?")
    assert not _check_on(answerer2, qa2, rows2[1], "employment_unsaid")(
        "hur många unga jobbar i jobbspåret?")
    hired = _check_on(answerer, qa, rows[0], "employment_unsaid")
    assert not hired("How many workers does IUC Z say industry needs to recruit?")


def test_a_sentence_close_behind_with_the_amount_asked_goes_first():
    """"How much were goods exports worth?" is answered by the sentence that gives the sum
    ("Värdet av varuexporten … 4,6 miljarder kronor"), when it ranks close behind one that
    gives none ("Omkring 430 företag exporterar varor"); far behind, it stays behind."""
    firms = "Omkring 430 företag i länet exporterar varor till andra länder."
    worth = "Värdet av varuexporten från länet uppgick år 2017 till cirka 4,6 miljarder kronor."
    answerer, qa = _answerer([firms, worth])
    q = qa.analyze("How much were goods exports from the county worth in 2017?")
    close = _behind(answerer, q, firms, worth, 0.9)
    assert answerer.kind_first(q, close)[0].hit.passage.text == worth
    far = _behind(answerer, q, firms, worth, 0.5)
    assert answerer.kind_first(q, far)[0].hit.passage.text == firms


def test_same_year_is_the_year_of_the_sentence_before():
    """"Almi beviljade samma år lån …" answers "How much did Almi lend in 2018?" when the
    sentence before says 2018: the year asked is matched, not missing."""
    from reportqa.ask.answer import Answerer
    from reportqa.ask.question import QueryAnalyzer
    from reportqa.index.bm25 import LexicalIndex
    from reportqa.text.analyzer import Analyzer

    before = "Regionen beviljade under 2018 företagsstöd på totalt 52 miljoner kronor."
    almi = "Almi beviljade samma år lån till 138 företag på sammanlagt 84 miljoner kronor."
    lex = LexicalIndex.build([almi], Analyzer())
    qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys())
    row = _rows([almi])[0]
    answerer = Answerer(lex.analyzer, 0.5, {}, queries=qa,
                        earlier=lambda rows: {r.row: before for r in rows})
    q = qa.analyze("How much did Almi lend to companies in 2018?")
    evidence = answerer.evidence(q, answerer.candidates(q, [Hit(row, 1.0, 0.8, 1.0)]))
    assert evidence["year_asked"] == evidence["year_match"] == 1.0
    alone = Answerer(lex.analyzer, 0.5, {}, queries=qa)
    assert alone.evidence(q, alone.candidates(q, [Hit(row, 1.0, 0.8, 1.0)]))["year_match"] == 0


def test_a_question_whether_a_figure_fell_asks_for_a_change():
    """"How much did turnover fall in 2020?" asks how it changed (a share answers); "what
    share of guest nights fall in winter" does not."""
    from reportqa.ask.answer import Asks

    _, qa = _answerer(["Omsättningen minskade med en fjärdedel."])
    assert Asks.of(qa.analyze("How much did tourism turnover fall in 2020?")).change
    assert not Asks.of(qa.analyze("What share of guest nights fall in the winter?")).change


def test_a_place_listed_after_a_figure_of_no_place_is_not_its_figure():
    """"hur stor andel av gästnätterna kommer från Norge" is not answered by "Andelen
    utländska gästnätter var 26 procent, och de största utländska marknaderna är Norge,
    Danmark …": the figure is all foreign guests', said before Norway is named."""
    text = ("Andelen utländska gästnätter var 26 procent, och de största utländska "
            "marknaderna är Norge, Danmark och Tyskland.")
    lacks = _place_check(text, "place_without_figure")
    assert lacks("hur stor andel av gästnätterna kommer från Norge?")
    assert not lacks("hur stor andel av gästnätterna är utländska?")
    half = ("Länet har totalt cirka 63 500 förvärvsarbetande, och nästan hälften av dem har "
            "sin arbetsplats i Östersunds kommun.")
    assert not _place_check(half, "place_without_figure")(
        "hur stor del av länets förvärvsarbetande har jobbet i Östersund?")


def test_a_share_of_another_thing_is_no_answer():
    """"hur stor andel av företagen exporterar" is not answered by "Mer än 90 % av
    industrins kunder finns utanför länet", nor "what share of visitors fly" by "90
    procent av passagerarna reser i inrikestrafik"; a share of the thing asked is."""
    customers = "Mer än 90 % av industrins kunder finns utanför länet."
    passengers = "Ungefär 90 procent av passagerarna reser i inrikestrafik."
    answerer, qa = _answerer([customers, passengers])
    rows = _rows([customers, passengers])
    other = _check_on(answerer, qa, rows[0], "other_share")
    assert other("hur stor andel av företagen i länet exporterar")
    assert not other("hur stor andel av industrins kunder finns utanför länet?")
    assert not other("hur många kunder har industrin?")
    assert _check_on(answerer, qa, rows[1], "other_share")("what share of visitors fly here")
    assert not _check_on(answerer, qa, rows[1], "other_share")(
        "what share of the passengers travel domestically?")
    graduates = "Ungefär 55 procent av dem som tar examen arbetar i länet ett år efter."
    answerer, qa = _answerer([graduates])
    assert not _check_on(answerer, qa, _rows([graduates])[0], "other_share")(
        "what share of campus graduates are working in the county a year later")


def test_a_share_of_the_thing_asked_in_two_english_words_is_its_answer():
    """"what share of guest nights fall in the winter" is answered by "63 procent av länets
    kommersiella gästnätter": "guest nights" is one concept of two words."""
    winter = "Perioden december till april står för 63 procent av länets kommersiella gästnätter."
    answerer, qa = _answerer([winter])
    assert not _check_on(answerer, qa, _rows([winter])[0], "other_share")(
        "what share of guest nights fall in the winter season?")


def test_where_people_were_born_is_a_group_not_a_place():
    """"people born outside Sweden" are "utrikes födda": Sweden is no place the figure must
    be of; "arbetslösheten i Sverige" still asks for Sweden's figure."""
    text = "Bland utrikes födda är arbetslösheten drygt 21 procent."
    missing = _place_check(text, "missing_places", "I Sverige är arbetslösheten 7 procent.")
    assert not missing("what is the jobless rate among people born outside Sweden?")
    assert missing("hur hög är arbetslösheten i Sverige?")


def test_a_duration_in_hours_is_a_time():
    """"how long does the train take" is answered by "ungefär fem timmar"."""
    assert has_time("Restiden med tåg är i dag ungefär fem timmar.")
    assert has_time("Resan tar 40 minuter.")
    assert not has_time("Fem företag och tio personer.")


def test_a_share_of_the_thing_asked_said_in_a_compound_is_its_answer():
    """"hur stor del av elen kommer från vattenkraft" is answered by "90 % av länets
    elproduktion": "el" begins the compound it is said with."""
    hydro = "Vattenkraften står för 90 % av länets elproduktion."
    answerer, qa = _answerer([hydro])
    assert not _check_on(answerer, qa, _rows([hydro])[0], "other_share")(
        "hur stor del av elen kommer från vattenkraft")


def test_a_sentence_with_the_amount_but_another_thing_is_not_put_first():
    """"Vad kostar en bostadsrätt i genomsnitt?" is not answered by the villa's price
    ranked close behind a sentence about flats without a price."""
    flats = "Bostadsrätterna i länet blir allt fler och efterfrågan på bostadsrätter ökar."
    villa = "Genomsnittspriset för en villa var 1 768 870 kronor."
    answerer, qa = _answerer([flats, villa])
    q = qa.analyze("Vad kostar en bostadsrätt i genomsnitt?")
    close = _behind(answerer, q, flats, villa, 0.95)
    assert answerer.kind_first(q, close)[0].hit.passage.text == flats


def test_which_municipality_is_not_answered_by_the_county():
    """"vilken kommun har flest nystartade företag per invånare?" is not answered by the
    county's figure; a sentence naming a municipality may answer."""
    county = "Under 2018 startades 1 180 nya företag i Jämtlands län, 9,1 per 1 000 invånare."
    town = "Åre kommun har länets klart högsta nyföretagande."
    for question in ("vilken kommun har flest nystartade företag per invånare?",
                     "which municipality has the most new companies per resident?"):
        assert _kind_factor(question, county) < 1 == _kind_factor(question, town), question


def test_a_definition_of_the_term_asked_ranks_above_a_sentence_using_it():
    """"vad är gröna näringar för nåt?" is answered by "… utgör tillsammans gröna
    näringar", not by a cluster "för de gröna näringarna" that shares more words."""
    using = "Grönt Center i Ås är ett kluster för de gröna näringarna i länet."
    defining = "Företag med basen i jord och skog utgör tillsammans gröna näringar."
    assert _first_ranked("vad är gröna näringar för nåt?", [using, defining]) == defining
    assert _first_ranked("vilka räknas till gröna näringar?", [using, defining]) == defining
    assert _first_ranked("var finns klustret för gröna näringar?", [using, defining]) == using


def test_what_something_shall_lead_to_asks_for_its_purpose():
    """"vad ska det nya samarbetet leda till?" is answered by what it is "för att" do, not
    by a sentence that says when it was formed."""
    formed = "Under 2019 bildades samarbetet mellan myndigheterna i länet."
    purpose = "Samarbetet mellan myndigheterna ska bedrivas för att utveckla medarbetarna."
    for question in ("vad ska det nya samarbetet mellan myndigheterna leda till?",
                     "what should the new cooperation between the agencies achieve?"):
        assert _first_ranked(question, [formed, purpose], (_AHEAD, _AHEAD)) == purpose, question


def test_a_comparison_with_the_country_needs_a_passage_that_speaks_of_it():
    """"How does the share of companies run by women compare with the national average?" is
    not answered by the county's share alone; a sentence that gives the country's, or whose
    sentence before does, may answer."""
    alone = "Andelen företag som drivs av kvinnor uppgår till cirka 28 procent."
    compared = "Andelen elever som tog examen var 71 procent, något lägre än i riket."
    answerer, qa = _answerer([alone, compared])
    rows = _rows([alone, compared, alone], ["", "", "I riket är andelen 33 procent."])
    check = [_check_on(answerer, qa, row, "national_unsaid") for row in rows]
    asked = "How does the share of companies run by women compare with the national average?"
    assert [c(asked) for c in check] == [True, False, False]
    assert check[0]("är andelen kvinnliga företagare lägre än i riket?")
    assert not check[0]("hur stor andel av företagen drivs av kvinnor?")
    # the country's own figure asked: the county's is no answer
    assert check[0]("hur stor andel av företagen i Sverige drivs av kvinnor?")
    assert check[0]("What share of companies are run by women nationally?")
    assert not check[1]("hur stor andel av företagen i Sverige drivs av kvinnor?")
    # … unless the question names the county, or Sweden is where people come from
    assert not check[0]("hur stor andel av företagen i länet drivs av kvinnor, i sverige?")
    assert not check[0]("hur stor andel av kunderna kommer från Sverige?")
    # a national context is not the country's figure: "i nationella sammanhang"
    context = _rows([alone], ["Klustret verkar i nationella och internationella sammanhang."])
    in_context = _check_on(answerer, qa, context[0], "national_unsaid")
    assert in_context("hur stor andel av företagen i Sverige drivs av kvinnor?")
    assert not in_context("är andelen kvinnliga företagare lägre än i riket?")


def test_the_countrys_figure_is_answered_by_a_sentence_close_behind_that_gives_it():
    """"hur hög är arbetslösheten i sverige?" is answered by the sentence that gives the
    country's figure ("… jämfört med 7,0 procent i riket"), though another sentence on
    unemployment ranks first."""
    foreign = "Bland utrikes födda är arbetslösheten drygt 21 procent."
    national = "Arbetslösheten motsvarar 6,3 procent, jämfört med 7,0 procent i riket."
    answerer, qa = _answerer([foreign, national])
    q = qa.analyze("hur hög är arbetslösheten i sverige?")
    ranked = _behind(answerer, q, foreign, national, 0.9)
    assert answerer.national_follows(q, ranked)[0].hit.passage.text == national
    q2 = qa.analyze("hur hög är arbetslösheten bland utrikes födda?")
    assert answerer.national_follows(q2, ranked)[0].hit.passage.text == foreign


def test_a_count_of_what_is_new_or_moved_is_not_answered_by_what_there_is():
    """"how many agency jobs were moved to Jämtland?" is not answered by "Idag sysselsätter
    myndigheterna … cirka 3 300 personer"; "hur många nya företag startades?" is answered by
    a clause that counts the new ones."""
    stock = ("Idag sysselsätter myndigheterna i länet cirka 3 300 personer och "
             "utlokaliseringen har verkställts på flera ställen.")
    started = "Under år 2018 startades 1 180 nya företag i länet."
    answerer, qa = _answerer([stock, started])
    rows = _rows([stock, started])
    check = [_check_on(answerer, qa, row, "change_count_unsaid") for row in rows]
    assert check[0]("how many agency jobs were moved to Jämtland?")
    assert check[0]("hur många nya tjänster blev det i länet?")
    assert check[0]("How many state jobs did the committee propose moving to the county?")
    assert not check[0]("hur många jobbar på myndigheterna i länet?")
    assert not check[1]("hur många nya företag startades 2018?")
    # a table row whose caption says the rows count what was built
    row = _rows(["Hyresrätter, Krokom: 37; Bostadsrätter, Krokom: 18."],
                ["Nybyggda lägenheter färdigställda 2022 per kommun"])[0]
    assert not _check_on(answerer, qa, row, "change_count_unsaid")(
        "krokom hur många nya hyresrätter")


def test_who_in_general_is_answered_by_kinds_of_people():
    """"who uses them?" about co-working places is answered by "entreprenörer, start-up bolag
    och gräsrotspersoner"; "vilka är med i Grönt Center?" still asks for names."""
    kinds = "Det är ställen där entreprenörer, start-up bolag och gräsrotspersoner sitter."
    assert _kind_factor("vilka sitter på ett coworkingställe?", kinds) == 1
    assert _kind_factor("who uses co-working places?", kinds) == 1
    assert _kind_factor("vilka är med i coworkingstället?", kinds) < 1


def test_a_sex_the_sentence_before_names_does_not_narrow_a_sentence_of_its_own():
    """"hur stor andel av männen har en längre eftergymnasial utbildning" is not answered by
    "Utbildningsnivån är högst i Östersunds kommun …" because the sentence before gave the
    men's share; a sentence that leans on the one before ("Dessa …") has its sex there, and
    a paragraph about the young goes on about them without naming them again."""
    before = "Bland kvinnorna är andelen 31 procent och bland männen 17 procent."
    own = "Utbildningsnivån är högst i Östersunds kommun, där var tredje har lång utbildning."
    leaning = "Dessa har oftare en längre eftergymnasial utbildning, 40 procent."
    year = "År 2013 var andelen drygt 18 procent."
    answerer, qa = _answerer([before, own, leaning, year])
    rows = _rows([own, leaning, year], [before, before, "I december var 770 unga arbetslösa."])
    asked = "hur stor andel av männen har en längre eftergymnasial utbildning?"
    assert _check_on(answerer, qa, rows[0], "missing_groups")(asked) == ["männen"]
    assert _check_on(answerer, qa, rows[0], "missing_groups")(
        "hur många tjejer har en längre eftergymnasial utbildning?") == ["tjejer"]
    assert _check_on(answerer, qa, rows[1], "missing_groups")(asked) == []
    assert _check_on(answerer, qa, rows[2], "missing_groups")(
        "hur hög var arbetslösheten bland unga 2013?") == []


def test_a_sentence_close_behind_that_names_the_places_asked_goes_first():
    """"vilka kommuner har sämst tillgång till snabbt bredband?" is answered by "… lägst
    andel har Ragunda och Bräcke" when it ranks close behind the county's share."""
    county = "I oktober 2018 hade 73 procent av hushållen i Jämtlands län tillgång till bredband."
    towns = "Tillgången till bredband skiljer mellan kommunerna: sämst har Ragunda och Bräcke."
    answerer, qa = _answerer([county, towns])
    q = qa.analyze("vilka kommuner har sämst tillgång till snabbt bredband?")
    close = _behind(answerer, q, county, towns, 0.9)
    assert answerer.kind_first(q, close)[0].hit.passage.text == towns


def test_a_figure_of_the_year_asked_follows_a_sentence_that_names_it_without_one():
    """"vad låg ungdomsarbetslösheten på toppåret 2013?": the sentence naming the peak year
    has no figure; a sentence a little further on with the year's figure answers. A
    question for a span of time ("hur länge …") keeps the ranking."""
    first = "Ungdomsarbetslösheten har minskat tydligt sedan toppåret 2013."
    middle = "I december 2018 var 770 unga arbetslösa."
    figure = "År 2013 var andelen drygt 18 procent."
    first_after = _first_after_figure_follows([first, middle, figure], (0, 2, 1))
    for question in ("vad låg ungdomsarbetslösheten på toppåret 2013?",
                     "hur hög var ungdomsarbetslösheten 2013?"):
        assert first_after(question) == figure
    # the figure is the year asked's, not another year's; nor is a figure for how long
    assert first_after("hur hög var ungdomsarbetslösheten 2018?") == middle
    assert first_after("hur hög var ungdomsarbetslösheten 2010?") == first
    assert first_after("hur länge har ungdomsarbetslösheten minskat?") == first


def test_who_in_kinds_of_people_is_the_sentence_after_that_lists_them():
    """"who works there?" about co-working places: the sentence that names them lists no
    one; the one after it lists kinds of people ("entreprenörer, start-up bolag och
    gräsrotspersoner"), and answers."""
    first = "En ny företeelse i regionen som utvecklades 2017 var formen av co-workingplace."
    after = ("Det är ställen där entreprenörer, start-up bolag och gräsrotspersoner sitter "
             "tillsammans.")
    answerer, qa, ranked = _who_candidates(first, after)
    who = answerer.names_follow(qa.analyze("who works in co-working places?"), ranked)
    assert who[0].hit.passage.text == after
    when = answerer.names_follow(qa.analyze("when did co-working places appear?"), ranked)
    assert when[0].hit.passage.text == first


def test_which_ones_is_not_answered_by_how_many():
    """"vilka är de 20 besöksdestinationerna?" is not answered by "samverkan med ett 20-tal
    besöksdestinationer": a count names none of them. A sentence that names them after the
    count, or a question for something else the sentence counts, is answered."""
    text = ("Det klustret är samordnat av Jämtland Härjedalen Turism som utvecklar samverkan "
            "med ett 20-tal besöksdestinationer och är en plattform för samverkan.")
    answerer, qa = _answerer([text])
    unsaid = _check_on(answerer, qa, _rows([text])[0], "members_unsaid")
    assert unsaid("vilka är de 20 besöksdestinationerna som jht samarbetar med?")
    assert unsaid("which destinations does it work with?")
    assert not unsaid("which organisation works with around twenty visitor destinations?")
    assert not unsaid("hur många besöksdestinationer samverkar de med?")
    named = "Klustret samverkar med ett 20-tal besöksdestinationer, bland annat Åre och Vemdalen."
    answerer, qa = _answerer([named])
    assert not _check_on(answerer, qa, _rows([named])[0], "members_unsaid")(
        "vilka besöksdestinationer samverkar klustret med?")


def test_the_single_largest_is_not_answered_by_several_of_the_largest():
    """"vilket är länets största privata arbetsgivare?" is not answered by "Flera av länets
    största privata arbetsgivare återfinns inom kontaktcenter …"; "which sectors have
    several of the largest" is."""
    text = ("Flera av länets största privata arbetsgivare återfinns inom kontaktcenter, "
            "kundservice och tjänsteföretag.")
    answerer, qa = _answerer([text])
    one = _check_on(answerer, qa, _rows([text])[0], "one_of_many")
    assert one("vilket är länets största privata arbetsgivare?")
    assert one("which is the single largest private employer in the county?")
    assert not one("vilka branscher har flera av de största privata arbetsgivarna?")
    single = "Regionen är länets enskilt största arbetsgivare, följd av Östersunds kommun."
    answerer, qa = _answerer([single])
    assert not _check_on(answerer, qa, _rows([single])[0], "one_of_many")(
        "vilken är länets största arbetsgivare?")


def test_sweden_is_said_as_the_country():
    """"elsewhere in Sweden" is answered by "på flera ställen runt om i landet": the
    country is Sweden; another place is still missing."""
    text = ("Den statliga utlokaliseringen har redan verkställts på flera ställen runt om i "
            "landet.")
    others = ["Åre har många besökare.", "Industrin växer.", "Turismen växer.",
              "Handeln växer.", "Byggandet växer."]
    answerer, qa = _answerer([text, *others], frequencies=True)
    missing = _check_on(answerer, qa, _rows([text])[0], "missing_places")
    assert not missing("has relocation already been carried out elsewhere in sweden?")
    assert missing("has relocation already been carried out in åre?")


def test_the_one_with_the_most_is_the_sentence_that_names_it_with_a_superlative():
    """"vilken enskild arbetsgivare har flest anställda i länet?": a sentence close behind
    that names one with a superlative ("länets enskilt största arbetsgivare") answers
    before one that only counts employees ("de flesta av dem" names no one)."""
    from reportqa.ask.answer import Scored

    counts = ("Företag med färre än 50 anställda svarar för 65 procent av sysselsättningen, "
              "och de flesta av dem är verksamma inom handel.")
    largest = "Regionen har ca 4 300 anställda och är därmed länets enskilt största arbetsgivare."
    answerer, qa = _answerer([counts, largest])
    rows = _rows([counts, largest])
    ranked = [Scored(Hit(rows[0], 1.0, 0.5, 1.0), 1.0, 1.0, 1.0, False),
              Scored(Hit(rows[1], 0.9, 0.5, 0.9), 0.9, 0.8, 1.0, False)]
    first = answerer.superlative_first(
        qa.analyze("vilken enskild arbetsgivare har flest anställda i länet?"), ranked)
    assert first[0].hit.passage.text == largest
    # a question for a count keeps the ranking
    kept = answerer.superlative_first(qa.analyze("hur många anställda finns i länet?"), ranked)
    assert kept[0].hit.passage.text == counts


def test_last_year_is_no_year_a_report_states():
    """"hur många företag fanns på house be året innan?", "how many companies were there
    last year?" against a passage that says no year: a report states its figures by their
    own years; the same question without it is answered, and "last year" may be the year a
    passage states."""
    text = "I Åre huserar vid årets slut ca 80 företag."
    answerer, qa = _answerer([text])
    relative = _check_on(answerer, qa, _rows([text])[0], "relative_year")
    for question in ("hur många företag fanns på house be året innan?",
                     "how many companies were there last year?",
                     "hur många företag fanns i fjol?"):
        assert relative(question), question
    assert not relative("hur många företag finns i åre?")
    assert not relative("vad hände förra året?")  # no figure asked
    # last year may be the latest year a passage states
    dated = "År 2023 blev 472 nya bostäder klara i länet."
    answerer, qa = _answerer([dated])
    relative = _check_on(answerer, qa, _rows([dated])[0], "relative_year")
    assert not relative("hur många nya bostäder blev klara förra året?")
    assert relative("hur många nya bostäder blev klara året innan?")


def test_who_is_named_as_the_source_asks_the_source_line():
    """"vilken organisation står som källa?", "vem har tagit fram texten?" ask for the
    report's source line, as "vem är källa för rapporten?" does; the goal's "rubrik" is its
    heading."""
    from reportqa.ask.answer import _GOAL_OR_TITLE_QUESTION, _SOURCE_QUESTION

    for question in ("vem har tagit fram texten, vilken organisation står som källa?",
                     "vem har tagit fram texten?", "which organisation is named as the source?"):
        assert _SOURCE_QUESTION.search(question), question
    assert not _SOURCE_QUESTION.search("vem har tagit fram strategin?")
    assert _GOAL_OR_TITLE_QUESTION.search("fler kluster i vilka slags strukturer enligt målets "
                                          "rubrik")


def test_a_question_for_others_needs_a_name_the_conversation_has_not_given():
    """"vilka fler myndigheter har flyttat hit?" after an answer that named Tillväxtverket
    is not answered by the sentence that names Tillväxtverket again; one that names another
    agency answers, and so does a list of names the questions did not ask about ("vilka
    fler är med?" after "är eldrimner med?"), or a sentence of no names at all."""
    asked = "vilken myndighet fick extra tjänster i jämtland?"
    read = ("I Jämtlands län har det tydliggjorts med bland annat extra tjänster inom "
            "Tillväxtverket.")
    more = "vilka fler myndigheter har flyttat hit?"
    assert names_only_the_one_given(read, more, asked, read)
    assert names_only_the_one_given("Idag sysselsätter myndigheterna i Jämtlands län cirka "
                                    "3 300 personer.", more, asked, read)
    assert not names_only_the_one_given("Även Försäkringskassan har fått nya tjänster.",
                                        more, asked, read)
    listed = ("I detta samarbetar aktörer som LRF Jämtland, Torsta AB, Hushållningssällskapet "
              "och Eldrimner.")
    assert not names_only_the_one_given(listed, "vilka fler är med?", "är eldrimner med?",
                                        listed)
    assert not names_only_the_one_given("Företag med basen i jord och skog utgör gröna "
                                        "näringar.", "vilka fler företag räknas dit?",
                                        "vad är gröna näringar?", "")


def test_something_like_a_thing_elsewhere_is_not_the_thing_itself():
    """"finns det nåt liknande som Gomorron Östersund i Sveg?" is not answered by the
    sentence about Gomorron Östersund, which never says Sveg; "… som House Be i Östersund"
    is, by the sentence that names one in Östersund."""
    both = ("I Åre har House Be skapats och i Östersund finns Gomorron Östersund som fyllt "
            "sina lokaler med ca 60 företagare.")
    answerer, qa = _answerer([both, "Turismen är en grundläggande näring i Sveg."])
    like = _check_on(answerer, qa, _rows([both])[0], "likeness_elsewhere")
    assert like("finns det nåt liknande som Gomorron Östersund i sveg")
    assert like("is there anything like House Be in Sveg?")
    assert not like("finns det nåt liknande som House Be i östersund?")
    assert not like("hur många företagare sitter på Gomorron Östersund?")
    # "like" that compares no thing asked for with another
    assert not like("Is Gomorron Östersund big for a town like Sveg?")


def test_a_follow_up_for_the_country_is_said_by_any_of_its_names():
    """"jmf med riket?" after the county's public sector, resolved into "… i riket?", is
    answered by "Motsvarande siffra för hela Sverige är ca 30 %": the country named
    otherwise is still the subject the follow-up typed; a municipality it does not name is
    not."""
    national = "Motsvarande siffra för hela Sverige är ca 30 %."
    answerer, qa = _answerer([national])
    q = qa.analyze("hur stor är offentliga sektorn i riket?")
    best = answerer.candidates(q, [Hit(_rows([national])[0], 1.0, 0.8, 1.0)])[0]
    for subject in ("riket", "i riket", "i hela sverige", "nationally"):
        assert answerer.mentions_subject(q, best, subject), subject
    q = qa.analyze("hur stor är offentliga sektorn i östersund?")
    best = answerer.candidates(q, [Hit(_rows([national])[0], 1.0, 0.8, 1.0)])[0]
    assert not answerer.mentions_subject(q, best, "i östersund")


def test_a_follow_up_that_asks_beyond_the_answer_read_gets_the_next_sentence():
    """"måste dom ligga nära varandra?" after the definition of a cluster: the definition,
    just read, lacks "nära"; the next sentence, close behind, is what the report goes on to
    say. A follow-up the answer read covers keeps it, and a sentence far behind or not next
    to it is not taken."""
    from dataclasses import replace as with_score

    definition = ("Ordet kluster kan definieras som företag i relaterade branscher som har "
                  "någon form av relation med varandra.")
    near = "Ofta verkar företagen inom ett begränsat geografiskt område."
    answerer, qa = _answerer([definition, near, "Turismen är en näring."])
    rows = _rows([definition, near, "Turismen är en näring."], ["", definition, near])
    q = qa.analyze("måste ett kluster ligga nära varandra?")
    scored = {s.hit.passage.text: s for s in answerer.rank(q, [Hit(r, 1.0, 0.8, 1.0)
                                                               for r in rows])}

    def first(question, behind: str, score: float, read: str = definition) -> str:
        query = qa.analyze(question)
        pair = [with_score(scored[definition], score=1.0),
                with_score(scored[behind], score=score)]
        return answerer.next_to_what_was_read(query, pair, read)[0].hit.passage.text

    assert first("måste ett kluster ligga nära varandra?", near, 0.85) == near
    assert first("måste ett kluster ligga nära varandra?", near, 0.5) == definition
    assert first("har ett kluster relation med varandra?", near, 0.85) == definition
    assert first("måste ett kluster ligga nära varandra?", "Turismen är en näring.",
                 0.85) == definition
    assert first("måste ett kluster ligga nära varandra?", near, 0.85, read="") == definition


def test_who_or_what_asks_for_things_as_much_as_names():
    """"who or what does Peak Innovation want to bring together?" is answered by the things
    it names ("forskningsresultat, privata näringen och nya entreprenörer"), not moved on
    to the next sentence for a name; "who" alone asks for a name."""
    from reportqa.ask.answer import Asks

    _, qa = _answerer(["Peak Innovation för samman forskningsresultat och entreprenörer."])
    assert not Asks.of(qa.analyze("who or what does peak innovation bring together?")).who
    assert not Asks.of(qa.analyze("vem eller vad vill peak innovation föra samman?")).who
    assert Asks.of(qa.analyze("who runs peak innovation?")).who


def test_a_count_of_workers_prefers_the_jobs_close_behind_to_a_count_of_things():
    """"hur många jobbar i turismen i länet": the sentence where the tourism body "jobbar
    strategiskt" with "ett 20-tal besöksdestinationer" counts places; the branch's "7 000
    årsarbeten" close behind, which leans on the tourism sentence before it, goes first.
    Far behind it does not, nor a count of other things."""
    works_on = ("Det klustret är samordnat av Jämtland Härjedalen Turism som jobbar "
                "strategiskt med ett 20-tal besöksdestinationer i länet.")
    jobs = "Branschen genererar motsvarande 7 000 årsarbeten inklusive kringeffekter."
    visits = "Turismen lockar ett 20-tal arrangemang till länet."
    answerer, qa = _answerer([works_on, jobs, visits])
    q = qa.analyze("hur många jobbar i turismen i länet")

    def first(behind: str, score: float) -> str:
        contexts = ["", works_on if behind == jobs else ""]  # "Branschen" leans on it
        pair = _behind(answerer, q, works_on, behind, score, contexts)
        return answerer.kind_first(q, pair)[0].hit.passage.text

    assert first(jobs, 0.95) == jobs
    assert first(jobs, 0.5) == works_on
    assert first(visits, 0.95) == works_on
    # … and a count of jobs by their noun ("hur många jobb ger branschen?")
    q = qa.analyze("hur många jobb ger turismen?")
    assert first(jobs, 0.95) == jobs


def test_a_count_is_not_answered_by_other_kinds_of_people_counted():
    """"hur många poliser behöver rekryteras?", "how many doctors …?" are not answered by "ca
    300 nya sjuksköterskor … drygt 900 lärare": the sentence never names them and counts
    others; a count of people in general, or of the kind asked, is left to the model."""
    both = "Regionen bedömer att ca 300 nya sjuksköterskor behöver rekryteras fram till år " \
           "2025, och kommunerna behöver rekrytera drygt 900 lärare fram till år 2030."
    answerer, qa = _answerer([both, "Polisen har ett kontor i Östersund."])
    other = _check_on(answerer, qa, _rows([both])[0], "other_people_counted")
    assert other("hur många poliser behöver rekryteras fram till 2030")
    assert not other("hur många sjuksköterskor behöver rekryteras?")
    assert not other("hur många lärare behövs?")
    assert not other("hur många anställda behöver rekryteras?")  # people in general
    assert not other("hur många ssk behöver regionen anställa?")  # an abbreviation
    # English, through the word lists: "doctors" are läkare, whom the sentence never names
    assert other("how many doctors must be recruited by 2030?")
    assert not other("how many nurses must be recruited?")
    assert not other("how many zookeepers must be recruited?")  # no Swedish word for it
    people = "Industrin sysselsätter ca 5 000 personer."
    answerer, qa = _answerer([people])
    assert not _check_on(answerer, qa, _rows([people])[0], "other_people_counted")(
        "hur många svetsare finns i industrin?")


def test_whether_a_thing_exists_is_answered_by_a_sentence_that_says_it_does():
    """"finns det många kluster?" / "finns det ändå kluster?" are answered by "… finns det
    ett flertal kluster …", not by a sentence that only talks about clusters."""
    talk = "Kluster och klusterbyggande är en utmaning i ett glest befolkat län."
    there = "Utifrån den beskrivningen finns det ett flertal kluster och nätverk i regionen."
    for question in ("finns det många kluster?", "finns det ändå kluster?",
                     "are there many clusters?"):
        assert _first_ranked(question, [talk, there]) == there, question
    assert _first_ranked("varför är kluster en utmaning?", [talk, there]) == talk
    # the thing in whole words: a "klusterinitiativ" is no cluster, nor is the industry of
    # "tillverkningsindustrin" after "finns" an "industrikluster"
    initiative = "Inom turismen finns Peak Innovation, ett klusterinitiativ för sport."
    customers = "Mer än 90 % av kunderna finns utanför länet, vilket gör tillverkningsindustrin " \
                "exportberoende."
    answerer, qa = _answerer([talk, there, initiative, customers])
    exists = answerer._says_it_exists
    assert exists(qa.analyze("finns det ändå kluster?"), there)
    assert not exists(qa.analyze("finns det nåt kluster för IT?"), initiative)
    assert not exists(qa.analyze("finns det ett industrikluster i länet?"), customers)


def test_a_purpose_is_not_the_work_that_makes_the_thing_asked_about():
    """"syftet med myndighetsnätverket?" is not answered by "… bedriver ett arbete för att
    bilda ett myndighetsnätverk" (what the work is for) when the next sentence says what
    the network shall do ("… ett formaliserat samarbete för att utveckla medarbetare")."""
    making = "Myndigheterna i länet bedriver ett arbete för att bilda ett myndighetsnätverk."
    aim = "Nu planeras ett formaliserat samarbete för att utveckla medarbetare och verksamheterna."
    # retrieval ranks the aim first (its meaning is close), the making close behind
    scores = ((1.0, 0.9, 1.0), (0.25, 0.9, 0.25))
    assert _first_ranked("vad är syftet med myndighetsnätverket?", [aim, making],
                         scores) == aim
    assert _first_ranked("hur bildas myndighetsnätverket?", [aim, making], scores) == making


def test_a_figure_for_a_year_no_report_mentions_is_declined():
    """"hur många årsarbeten genererade turismen år 2010?" names a year no passage has: no
    report gives that year's figure, whatever sentence is best."""
    texts = ["Branschen genererar motsvarande 7 000 årsarbeten.",
             "Under 2017 presenterade kommittén sitt betänkande."]
    answerer, qa = _answerer(texts, frequencies=True)
    assert answerer.unknown_year(qa.analyze("hur många årsarbeten genererade turismen år 2010?"))
    assert not answerer.unknown_year(qa.analyze("hur många årsarbeten fanns 2017?"))
    assert not answerer.unknown_year(qa.analyze("hur många årsarbeten genererar turismen?"))
    assert not answerer.unknown_year(qa.analyze("vad hände 2010?"))  # no figure asked


def test_a_place_named_only_in_the_list_before_has_no_figure_in_the_sentence():
    """"hur många skiddagar hade Vemdalen säsongen 17/18?" is not answered by "… 2,6 miljoner
    skiddagar …, varav drygt 1,2 miljoner i Åre" after the list of resorts that names
    Vemdalen: the figures are the county's and Åre's."""
    before = "De största skidorterna är Åre, Funäsfjällen, Vemdalen och Storlien."
    days = ("Säsongen 2017/2018 registrerades cirka 2,6 miljoner skiddagar i länets "
            "skidanläggningar, varav drygt 1,2 miljoner i Åre.")
    row = _rows([before, days], ["", before])[1]
    answerer, qa = _answerer([before, days, *_PLACELESS], frequencies=True)
    check = _check_on(answerer, qa, row, "place_without_figure")
    assert check("hur många skiddagar hade Vemdalen säsongen 2017/2018?")
    assert not check("hur många skiddagar hade Åre säsongen 2017/2018?")


def test_a_sum_for_the_year_follows_a_sentence_that_names_the_year_and_no_sum():
    """"How much money did the two 2019 world championships bring in?": "Under år 2019
    arrangerades två världsmästerskap" has the year but no sum ("två" is none); the
    sentence that points back to it with the sum answers, though it does not repeat 2019."""
    first = "Under år 2019 arrangerades två världsmästerskap i länet."
    middle = "Alpina VM i Åre lockade ca 125 000 besök under de två tävlingsveckorna."
    money = "Evenemangen beräknas ha gett en omsättning på ungefär 700 miljoner kronor."
    first_after = _first_after_figure_follows([first, middle, money], (0, 1, 2))
    for question in ("How much money did the two 2019 world championships bring in?",
                     "hur mycket pengar drog världsmästerskapen 2019 in?"):
        assert first_after(question) == money, question
    assert first_after("hur mycket pengar drog VM 2018 in?") == first  # another year


def test_a_kind_asked_as_only_part_of_the_figure_is_no_other_kind():
    """"är det bara direkta jobb (hur många årsarbeten ger turismen)?" asks whether the
    figure is of that kind: "Branschen genererar … 7 000 årsarbeten inklusive
    kringeffekter" is its answer, not another kind's figure."""
    tourism = "Turismen är en grundläggande näring i länet."
    jobs = "Branschen genererar motsvarande 7 000 årsarbeten inklusive kringeffekter."
    answerer, qa = _answerer([tourism, jobs])
    owner = _check_on(answerer, qa, _rows([tourism, jobs], ["", tourism])[1], "other_owner")
    assert not owner("är det bara direkta jobb (hur många årsarbeten ger turismen)?")
    assert owner("hur många direkta jobb ger turismen?")


def test_a_sentence_that_says_what_for_says_the_words_that_ask_for_a_purpose():
    """"vad är syftet med samarbetet?", "vad ska samarbetet ge?": "syftet"/"ge" are said by
    the sentence's "för att …" about the cooperation, so they are not missing from it; a
    sentence that says what for about another thing ("co-working … för att skapa …") and
    one that says nothing of what for still lack them."""
    texts = ["I länet bedrivs samarbetet nu för att utveckla medarbetarna.",
             "I länet startade samarbetet 2017.",
             "Co-working är ställen där entreprenörer sitter för att skapa nätverk."]
    answerer, qa = _answerer(texts)
    rows = _rows(texts)
    for question in ("vad är syftet med samarbetet?", "vad ska samarbetet ge?"):
        q = qa.analyze(question)
        says, silent, _ = (answerer.score(q, Hit(r, 1.0, 0.8, 1.0)) for r in rows)
        assert says.missing.sentence == 0.0, question
        assert silent.missing.sentence > 0.0, question
    q = qa.analyze("vad är syftet med utlokaliseringen?")
    other = answerer.score(q, Hit(rows[2], 1.0, 0.8, 1.0))
    assert other.missing.sentence_count == 2  # neither the thing nor what for


def test_what_a_thing_works_for_asks_for_its_purpose():
    """"vad jobbar Grönt Center för?" asks what it works for: the sentence that says what
    for ranks first, as for "vad är syftet med Grönt Center?"; "vad jobbar de med?" does not."""
    named = "I Ås finns Grönt Center, ett kluster för de gröna näringarna i länet."
    purpose = "I Grönt Center samarbetar aktörer för att utveckla de gröna näringarna."
    assert _first_ranked("vad jobbar Grönt Center för?", [named, purpose]) == purpose
    from reportqa.ask.answer import _PURPOSE_QUESTION
    assert not _PURPOSE_QUESTION.search("vad jobbar Grönt Center med?")


def test_working_together_is_cooperating():
    """"jobbar ihop", "arbeta tillsammans", "work together" are what a report writes as
    "samarbetar"; "tend to" and "beskrivas" say how a question is put, not what it is about."""
    texts = ["Företagen i länet jobbar inom turism och handel.",
             "Företagen i länet samarbetar och tar hjälp av varandra."]
    for question in ("hur jobbar företagen ihop?", "brukar företagen arbeta tillsammans?",
                     "do the companies work together?",
                     "do companies tend to work together?"):
        assert _first_ranked(question, texts) == texts[1], question
    from reportqa.ask.question import FRAME_WORDS
    assert {"tend", "tends", "beskrivas", "beskrevs"} <= FRAME_WORDS  # how it is put


def test_a_figure_of_another_level_of_ownership_does_not_answer():
    """"How many kilometres of municipal roads …?" is not answered by "Det statliga vägnätet
    … 4 700 kilometer"; state roads, or a question that names no level, are."""
    state = "Det statliga vägnätet i länet omfattar cirka 4 700 kilometer."
    answerer, qa = _answerer([state, "Kommunen har ett kontor i Östersund."])
    other = _check_on(answerer, qa, _rows([state])[0], "other_level")
    assert other("How many kilometres of municipal roads are there in the county?")
    assert other("hur många mil kommunala vägar finns det?")
    assert not other("How many kilometres of state roads are there?")
    assert not other("hur långt är vägnätet i länet?")
    assert not other("what is the state of the roads?")  # "state" as a noun


def test_the_other_labour_market_measure_does_not_answer():
    """"sysselsättningsgrad bland utrikes födda?" is not answered by "Bland utrikes födda är
    arbetslösheten drygt 21 procent", nor "the unemployment rate among women" by their
    employment rate; the measure asked is."""
    unemployed = "Bland utrikes födda är arbetslösheten drygt 21 procent."
    employed = "Bland kvinnorna i länet var sysselsättningsgraden 80,4 procent."
    answerer, qa = _answerer([unemployed, employed])
    on_unemployed = _check_on(answerer, qa, _rows([unemployed])[0], "other_measure")
    on_employed = _check_on(answerer, qa, _rows([employed])[0], "other_measure")
    assert on_unemployed("sysselsättningsgrad bland utrikes födda i länet?")
    assert not on_unemployed("hur hög är arbetslösheten bland utrikes födda?")
    assert on_employed("What was the unemployment rate among women in the county?")
    assert not on_employed("What was the employment rate among women?")
    assert not on_employed("hur många kvinnor jobbar i länet?")  # no measure named


def test_regional_names_no_owner():
    """"gross regional product" is no region's own figure against a private one: "regional"
    is no level of ownership (_LEVEL_WORDS)."""
    grp = ("Länets bruttoregionprodukt uppgick till 46 miljarder, varav det privata "
           "näringslivet stod för 30.")
    answerer, qa = _answerer([grp, "Kommunen har ett kontor i Östersund."])
    assert not _check_on(answerer, qa, _rows([grp])[0], "other_level")(
        "What was the county's gross regional product in 2017?")


def test_a_year_asked_keeps_the_edition_that_gives_that_years_figure():
    """"How many companies were at House Be at the end of 2017?" is answered by the older
    edition ("vid årets slut ca 80 företag"), not by the newest one's statement of another
    year ("vid utgången av 2020 ca 120 företag"); without a year the newest answers."""
    from reportqa.ask.answer import Answerer
    from reportqa.ask.question import QueryAnalyzer
    from reportqa.index.bm25 import LexicalIndex
    from reportqa.text.analyzer import Analyzer

    old = "I Åre har House Be skapats och huserar vid årets slut ca 80 företag."
    new = "I Åre har House Be vuxit och huserar vid utgången av 2020 ca 120 företag."
    lex = LexicalIndex.build([old, new], Analyzer())
    qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys())
    documents = {"a.txt": {"series": "S", "edition": "2019"},
                 "b.txt": {"series": "S", "edition": "2021"}}
    answerer = Answerer(lex.analyzer, 0.5, documents, queries=qa)
    rows = [PassageRow(row=0, doc="a.txt", section="S", page=None, ordinal=0, text=old,
                       context=""),
            PassageRow(row=1, doc="b.txt", section="S", page=None, ordinal=0, text=new,
                       context="")]
    hits = [Hit(rows[0], 1.0, 0.9, 1.0), Hit(rows[1], 0.9, 0.8, 0.9)]

    def first(question: str) -> str:
        return answerer.candidates(qa.analyze(question), hits)[0].hit.passage.text

    assert first("How many companies were at House Be in Åre at the end of 2017?") == old
    assert first("hur många företag fanns i House Be 2017?") == old
    assert first("hur många företag finns i House Be?") == new


def test_what_characterises_something_is_answered_by_what_the_report_says_marks_it():
    """"vad kännetecknar industriföretagen i jämtland" is answered by the sentence that says
    what marks the industry ("… starkt präglat av SME-företag"), not by one that only names
    the companies ("IUC-Z group är en gemensam nod för industriföretagen")."""
    node = "IUC-Z group är en gemensam nod för industriföretagen och företräder industrin."
    marked = "Industrin i länet är starkt präglat av SME-företag med hög uppfinningsanda."
    answerer, qa = _answerer([node, marked])
    q = qa.analyze("vad kännetecknar industriföretagen i jämtland")
    ranked = _behind(answerer, q, node, marked, 0.8)
    assert answerer.character_first(q, ranked)[0].hit.passage.text == marked
    other = qa.analyze("vem företräder industriföretagen?")
    assert answerer.character_first(other, ranked)[0].hit.passage.text == node


def test_how_things_turned_out_is_answered_by_the_share_it_turned_out_for():
    """"får man jobb efter yh?" is answered by the share who had a job a year on ("… hade 89
    procent ett arbete …"), close behind a sentence that only says what YH is; "hur gick det
    för deltagarna" by the share the sentence after the project's gives, however far behind
    it scores. A question that asks no outcome keeps the first."""
    what = "Yrkeshögskolan är en utbildningsform som tas fram i samarbete med arbetslivet."
    share = "Av dem som tog examen från yrkeshögskolan hade 89 procent ett arbete ett år efter."
    answerer, qa = _answerer([what, share])
    q = qa.analyze("får man jobb efter yrkeshögskolan?")
    ranked = _behind(answerer, q, what, share, 0.72)
    assert answerer.outcome_first(q, ranked)[0].hit.passage.text == share
    far = _behind(answerer, q, what, share, 0.5)  # close enough only when it follows
    assert answerer.outcome_first(q, [far[0], far[1]])[0].hit.passage.text == share
    other = qa.analyze("vad är yrkeshögskolan?")
    assert answerer.outcome_first(other, _behind(answerer, other, what, share, 0.72))[
        0].hit.passage.text == what


def test_a_share_far_behind_that_does_not_follow_the_best_sentence_stays_behind():
    """A share far behind the best sentence, in another document, is not put first for an
    outcome question; close behind (OUTCOME_CLOSE), it is."""
    from dataclasses import replace as with_row

    what = "Yrkeshögskolan är en utbildningsform som tas fram i samarbete med arbetslivet."
    share = "Av dem som tog examen från yrkeshögskolan hade 89 procent ett arbete ett år efter."
    answerer, qa = _answerer([what, share])
    q = qa.analyze("får man jobb efter yrkeshögskolan?")
    first, second = _behind(answerer, q, what, share, 0.5)
    elsewhere = with_row(second, hit=Hit(with_row(second.hit.passage, doc="e.txt"), 1.0, 0.8,
                                         1.0))
    assert answerer.outcome_first(q, [first, elsewhere])[0].hit.passage.text == what
    close = with_row(elsewhere, score=0.72)
    assert answerer.outcome_first(q, [first, close])[0].hit.passage.text == share


def test_a_question_naming_both_sexes_is_answered_by_each_one_s_figure():
    """"skillnad i utbildningsnivå mellan kvinnor och män" is answered by the sentence that
    gives a figure for each sex, close behind one that only says the sexes differ; a
    question that names one sex keeps the first."""
    from dataclasses import replace

    differ = "Skillnaderna mellan kvinnor och män i länet är fortfarande stora."
    each = "Bland kvinnorna är andelen högutbildade 31 procent och bland männen 17 procent."
    answerer, qa = _answerer([differ, each])
    q = qa.analyze("skillnad i utbildningsnivå mellan kvinnor och män i länet")
    ranked = _behind(answerer, q, differ, each, 0.8)
    assert answerer.sexes_first(q, ranked)[0].hit.passage.text == each
    assert answerer.sexes_first(q, [ranked[0], replace(ranked[1], score=0.6)])[
        0].hit.passage.text == differ  # too far behind
    one = qa.analyze("hur många kvinnor är högutbildade i länet")
    assert answerer.sexes_first(one, _behind(answerer, one, differ, each, 0.8))[
        0].hit.passage.text == differ


def test_the_start_of_a_year_is_not_its_end():
    """"at the start of the year" is not answered by "vid årets slut ca 80+ företag"; the
    end of the year, or no time of year asked, is."""
    house = "I Åre har House Be skapats och huserar vid årets slut ca 80+ företag."
    answerer, qa = _answerer([house])
    other = _check_on(answerer, qa, _rows([house])[0], "other_season")
    assert other("How many companies were at House Be at the start of the year?")
    assert other("hur många företag fanns på house be i början av året")
    assert not other("How many companies were at House Be at the end of the year?")
    assert not other("hur många företag fanns på house be i slutet av året")
    assert not other("hur många företag finns på house be")


def test_a_share_of_a_branch_is_not_given_by_a_passage_about_another_branch():
    """"hur stor andel … jobbar i tillverkningsindustrin" is not answered by "Motsvarande
    siffra för hela Sverige är ca 30 %." after the public sector's share: that passage
    never names manufacturing and names another branch; the public sector's is."""
    public = "Den offentliga sektorn är stor i länet och anställer ca 42 %."
    sweden = "Motsvarande siffra för hela Sverige är ca 30 %."
    answerer, qa = _answerer([public, sweden])
    other = _check_on(answerer, qa, _rows([public, sweden], ["", public])[1],
                      "another_branch_named")
    assert other("hur stor andel av sysselsatta i hela sverige jobbar i "
                 "tillverkningsindustrin")
    assert other("what share of employees in Sweden work in the manufacturing industry?")
    assert not other("hur stor andel jobbar i offentlig sektor i hela sverige")
    assert not other("vilken sektor är störst i sverige")  # no figure asked


def test_a_count_of_all_goes_before_a_count_of_some_of_them():
    """"hur många företag finns det i länet?" is answered by "cirka 14 600 aktiva företag",
    close behind "Drygt 11 000 av företagen saknar anställda", which counts some of them;
    a question for those some keeps that one."""
    some = "Drygt 11 000 av företagen saknar anställda."
    all_ = "I Jämtlands län finns cirka 14 600 aktiva företag."
    answerer, qa = _answerer([some, all_])

    def first(question: str) -> str:
        q = qa.analyze(question)
        return answerer.whole_first(q, _behind(answerer, q, some, all_, 0.95))[
            0].hit.passage.text

    assert first("hur många företag finns det i länet?") == all_
    assert first("hur mkt företag finns det i länet?") == all_
    assert first("how many companies are there in the county?") == all_
    assert first("hur många företag saknar anställda?") == some
    assert first("hur manga foretag har inga anställda alls") == some


def test_an_acronym_no_report_mentions_is_not_answered():
    """"hur mycket EU-pengar …" and "hur många jobbar på SCB?" ask of something the reports
    never name; an acronym they name ("IUC"), or a question typed in capitals, is asked."""
    texts = ["IUC group är en gemensam nod för industriföretagen.",
             "Det klustret är samordnat av Jämtland Härjedalen Turism."]
    answerer, qa = _answerer(texts, frequencies=True)
    assert answerer.unknown_acronyms(qa.analyze(
        "hur mycket EU-pengar har gått till klusterarbetet")) == ["eu"]
    assert answerer.unknown_acronyms(qa.analyze("hur många jobbar på SCB?")) == ["scb"]
    assert answerer.unknown_acronyms(qa.analyze("vad gör IUC för företagen?")) == []
    assert answerer.unknown_acronyms(qa.analyze("VEM SAMORDNAR KLUSTRET")) == []
    assert answerer.unknown_acronyms(qa.analyze("vem leder JH Turism?")) == []


@pytest.mark.parametrize("question", [
    "vad är mål 5 i läget i länet?", "vilket är mål 5", "what's goal 5?",
    "What is goal 5 of the report?"])
def test_what_goal_n_is_asks_for_its_heading(question):
    assert _GOAL_OR_TITLE_QUESTION.search(question)


@pytest.mark.parametrize("question", ["vad är mål 5:s syfte", "vad är målet med klustren"])
def test_a_thing_of_a_goal_is_not_its_heading(question):
    assert not _GOAL_OR_TITLE_QUESTION.search(question)


@pytest.mark.parametrize("question", [
    "What was the combined economic impact of the two world championships?",
    "vilken ekonomisk effekt hade VM-tävlingarna", "hur stor ekonomisk betydelse har turismen"])
def test_an_economic_impact_asks_for_money(question):
    assert _MONEY_QUESTION.search(question)



def test_a_follow_up_takes_a_sentence_close_behind_next_to_the_answer_read():
    """"men samarbetar företagen där?" after the services sentence: a candidate close
    behind within a few sentences of the answer read goes first; one far behind, or another
    edition asked, keeps the order."""
    from dataclasses import replace as with_score

    texts = ["Tjänsteföretagen är många i länet.", "Företagen samarbetar och hjälper varandra.",
             "Fyra", "Fem", "Sex", "Sju", "Åtta",
             "Samarbetet mellan myndigheterna ska formaliseras."]
    answerer, qa = _answerer(texts)
    rows = _rows(texts)
    read = texts[0]

    def ranked(behind: float):
        q = qa.analyze("men samarbetar företagen där?")
        scored = answerer.rank(q, [Hit(rows[i], 1.0, 0.8, 1.0) for i in (7, 1, 0)])
        by_row = {s.hit.passage.row: s for s in scored}
        # the sentence read is a candidate too, further behind
        return q, [with_score(by_row[7], score=1.0), with_score(by_row[1], score=behind),
                   with_score(by_row[0], score=0.3)]

    q, close = ranked(0.85)
    assert answerer.near_what_was_read(q, close, read)[0].hit.passage.row == 1
    q, far = ranked(0.5)
    assert answerer.near_what_was_read(q, far, read)[0].hit.passage.row == 7
    q, close = ranked(0.85)
    q = qa.analyze("men samarbetar företagen där i förra uppföljningen?")
    assert answerer.near_what_was_read(q, close, read)[0].hit.passage.row == 7


def test_swedish_indefinite_pronouns_are_no_concepts():
    """"nån"/"något"/"några" ask nothing, as "any" does not: BM25 must not rank a passage by
    its "någon form av relation" over the one that answers ("har företagen nån tradition av
    att samarbeta?")."""
    _, qa = _answerer([
        "Ordet kluster definieras som företag som har någon form av relation med varandra.",
        "Vår region är ett län där företagen samarbetar och tar hjälp av varandra.",
    ])
    for question in ("har företagen nån tradition av att samarbeta?",
                     "finns det något kluster", "finns det några kluster"):
        texts = [c.text for c in qa.analyze(question).concepts]
        assert not {"någon", "något", "några", "nån", "nåt"} & set(texts), texts


@pytest.mark.parametrize(("question", "asked"), [
    ("co-working, vad e det?", "vad är co-working?"),
    ("Peak Innovation – vad är det för nåt?", "vad är Peak Innovation?"),
    ("SME, what is that?", "what is SME?"),
    ("IUC-Z: what does that mean?", "what is IUC-Z?"),
])
def test_a_definition_asked_term_first_is_asked_as_one(question, asked):
    """"co-working, vad är det?" asks what "vad är co-working?" asks, so the definition
    ("Det är ställen där …") answers it, not the sentence that only names the term."""
    _, qa = _answerer(["Co-working är ställen där entreprenörer sitter tillsammans."])
    assert qa.analyze(question).text == asked


def test_a_follow_up_or_a_question_is_no_term_asked_first():
    _, qa = _answerer(["Co-working är ställen där entreprenörer sitter tillsammans."])
    for question in ("och turismen, vad är det?", "hur många jobbar där, vad är det?"):
        assert not qa.analyze(question).text.startswith("vad är")


def test_where_from_ranks_a_sentence_that_names_a_place_after_from():
    """"varifrån ville man flytta ut myndigheter?" / "where … move from?" is answered by
    "… utlokalisering av myndigheter från storstadsregionen Stockholm", not by the sentence
    on the agencies in the county that names only where they are."""
    here = "Idag sysselsätter myndigheterna i Jämtlands län cirka 3 300 personer och den " \
           "statliga utlokaliseringen har redan verkställts."
    origin = "Kommittén föreslog utlokalisering av myndigheter från storstadsregionen Stockholm."
    for question in ("varifrån ville man flytta ut myndigheter",
                     "where were the agencies supposed to move from?"):
        assert _first_ranked(question, [here, origin]) == origin, question
    # … and it has the kind of answer asked, a place after "från", not "i <place>"
    answerer, qa = _answerer([here, origin])
    q = qa.analyze("where should the agencies be moved from according to the proposal?")
    scored = [answerer.score(q, Hit(row, 1.0, 0.8, 1.0)) for row in _rows([here, origin])]
    assert answerer.kind_factor(q, scored[1]) == 1.0 > answerer.kind_factor(q, scored[0])


def test_an_example_asked_ranks_a_sentence_that_gives_one():
    """"nåt exempel på utlokalisering i jämtland?" is answered by the sentence that says it
    gives an example ("… bland annat extra tjänster inom Tillväxtverket"), not by the one
    that says the relocation happened, which has more of the question's words."""
    happened = "Idag sysselsätter myndigheterna i Jämtlands län cirka 3 300 personer och den " \
               "statliga utlokaliseringen av myndigheter har redan verkställts."
    example = "I Jämtlands län har det tydliggjorts med bland annat extra tjänster inom " \
              "Tillväxtverket."
    answerer, qa = _answerer([happened, example])
    rows = _rows([happened, example], ["", happened])  # the example leans on the one before

    def first(question: str) -> str:
        ranked = answerer.rank(qa.analyze(question), [Hit(rows[0], *_AHEAD),
                                                      Hit(rows[1], *_BEHIND)])
        return ranked[0].hit.passage.text

    assert first("några exempel på utlokalisering av myndigheter i jämtland?") == example
    # without an example asked, the order stands
    assert first("har utlokalisering av myndigheter skett i jämtland?") == happened


@pytest.mark.parametrize("question", [
    "vad för slags företag är det mest inom industrin?",
    "vilken typ av företag dominerar industrin",
    "what kind of companies dominate manufacturing?",
])
def test_a_kind_asked_ranks_a_sentence_that_names_a_kind_of_the_thing(question):
    """"vad för slags företag …" is answered by a compound with the thing asked as its head
    and a first part the question does not name ("SME-företag"); "industriföretagen" names
    manufacturing, which the question has, so it is no kind."""
    node = "IUC-Z group är en nod för industriföretagen och företräder industrin i länet."
    sme = "Industrin i länet är starkt präglat av SME-företag med hög uppfinningsanda."
    assert _first_ranked(question, [node, sme]) == sme
    answerer, qa = _answerer([node, sme])
    assert not answerer._names_a_kind(qa.analyze(question), node)
    assert not answerer._names_a_kind(qa.analyze("hur många företag finns i industrin?"), sme)


def test_a_kind_asked_ranks_a_sentence_that_names_it_by_an_adjective():
    """"vilken typ av näring är turismen?": "… är en grundläggande näring i länet" names the
    kind; a sentence where the thing stands without a word of its kind does not."""
    research = "Turismen i länet är viktig för näringen och för forskningen om turismen."
    basic = "Turismbranschen är en grundläggande näring i länet."
    assert _first_ranked("vilken typ av näring är turismen för länet", [research, basic]) == basic


def test_a_why_follow_up_takes_a_cause_next_to_the_answer_read():
    """"varför då?" after the co-working sentence: the sentence next to it that gives a
    cause ("… för att skapa en mer kreativ miljö") goes before the one read again, when it
    scores close behind; far behind, or a best one that gives a cause, keeps the order."""
    from dataclasses import replace as with_score

    texts = ["En ny trend 2017 var formen av co-workingplace.",
             "Det är ställen där entreprenörer sitter tillsammans för att skapa en kreativ miljö."]
    answerer, qa = _answerer(texts)
    rows = _rows(texts, ["", texts[0]])
    q = qa.analyze("varför då (vad är co-working)?")
    scored = {s.hit.passage.row: s for s in answerer.rank(q, [Hit(r, 1.0, 0.8, 1.0)
                                                               for r in rows])}

    def first(behind: float, question=q) -> int:
        ranked = [with_score(scored[0], score=1.0), with_score(scored[1], score=behind)]
        return answerer.cause_near_what_was_read(question, ranked, texts[0])[0].hit.passage.row

    assert first(0.7) == 1
    assert first(0.4) == 0
    assert first(0.7, qa.analyze("vad är co-working?")) == 0


def test_a_follow_up_weighs_the_sentences_around_the_answer_read_however_deep():
    """A follow-up's sentences next to the answer just read are scored even when retrieval
    puts them below the candidates it scores ("men samarbetar företagen ändå?" after the
    sentence on how hard clusters are: the next one, "Vår region har länge kännetecknats
    som ett län där företagen samarbetar …", came 13th); others that deep are not."""
    texts = ["Kluster är en utmaning i ett glest befolkat län.",
             "Företagen i regionen samarbetar och hjälper varandra.",
             *[f"Kommun {n} har en egen skola och ett bibliotek." for n in range(12)]]
    answerer, qa = _answerer(texts)
    rows = _rows(texts)
    order = [*range(2, 12), 0, 1, 12, 13]  # the answer read and the one after it deep
    hits = [Hit(rows[i], 1.0 - 0.01 * k, 0.5, 0.8) for k, i in enumerate(order)]
    q = qa.analyze("men samarbetar företagen ändå?")

    def scored(near) -> set[int]:
        return {s.hit.passage.row for s in answerer.candidates(q, hits, near) if s.score}

    near = answerer._near_read(hits, texts[0])
    assert {0, 1} <= scored(near) and 12 not in scored(near)
    assert 1 not in scored(None)
    assert answerer._near_read(hits, "Något helt annat.") is None


def test_a_why_follow_up_is_not_answered_by_the_sentence_read_again_without_a_cause():
    """"varför är den så stor?" after "Den offentliga sektorn är stor i länet …": the report
    says no why, so the sentence just read is no answer; one that gives a cause ("…, vilket
    gör industrin exportberoende") answers "varför?" about itself."""
    from reportqa.ask.answer import FollowUp

    big = "Den offentliga sektorn är stor i länet och anställer 42 procent."
    export = "Mer än 90 procent av industrins kunder finns utanför länet, vilket gör " \
             "industrin exportberoende."
    answerer, qa = _answerer([big, export])
    rows = _rows([big, export])

    def answered(question: str, read: str) -> bool:
        hits = [Hit(r, *_AHEAD) if r.text == read else Hit(r, *_BEHIND) for r in rows]
        hits.sort(key=lambda h: -h.score)
        return answerer.answer(qa.analyze(question), hits, 1,
                               FollowUp("", read)).text is not None

    assert not answered("varför är offentliga sektorn så stor i länet?", big)
    assert answered("varför är industrin exportberoende?", export)
    assert answered("hur stor är offentliga sektorn i länet?", big)  # no why asked
