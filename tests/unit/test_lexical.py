"""Swedish-aware lexical search: numbers, compounds, inflections, the glossary, scoring."""

from __future__ import annotations

import pytest

from reportqa.ask.question import QueryAnalyzer, QueryOptions, answer_type_words
from reportqa.index.bm25 import LexicalIndex
from reportqa.text.analyzer import Analyzer, AnalyzerConfig, normalize_numbers, raw_words
from reportqa.text.glossary import Glossary, english_key, load_glossary
from reportqa.text.vocabulary import looks_like_noun, split_compound, stem

TEXTS = [
    "En betydande näring är tillverkningsindustrin som sysselsätter ca 5 000 personer.",
    "Turismbranschen är en grundläggande näring. Det klustret är samordnat av turismen.",
    "Den offentliga sektorn anställer ca 42 % inom olika verksamheter.",
    "Myndigheterna sysselsätter cirka 3\u00a0300 personer i länet.",
    "Företag med basen i jord och skog utgör gröna näringar.",
]


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    return LexicalIndex.build(TEXTS, Analyzer())


@pytest.fixture(scope="module")
def queries(index) -> QueryAnalyzer:
    return QueryAnalyzer(index.analyzer, index.bm25.vocab_dict.keys(),
                         doc_freq=index.doc_freq, num_docs=index.size)


def top(index: LexicalIndex, queries: QueryAnalyzer, question: str) -> int:
    rows, _ = index.search_concepts(queries.analyze(question).concepts, 3)
    assert len(rows), question
    return int(rows[0])


@pytest.mark.parametrize(("text", "normalised"), [
    ("5 000", "5000"),
    ("5\u00a0000 personer", "5000 personer"),
    ("5\u202f000", "5000"),
    ("1 234 567 kr", "1234567 kr"),
    ("5,000 people", "5000 people"),
    ("2,5 procent", "2,5 procent"),
    ("år 2017 och 20 år", "år 2017 och 20 år"),
])
def test_number_normalisation(text, normalised):
    assert normalize_numbers(text) == normalised


def test_numbers_and_percent_are_tokens():
    assert raw_words("ca 5 000 personer, 42 % och 2,5") == [
        "ca", "5000", "personer", "42", "procent", "och", "2.5"]


@pytest.mark.parametrize("query", ["5000", "5 000", "5\u00a0000", "5,000"])
def test_every_spelling_of_a_number_finds_it(index, queries, query):
    assert top(index, queries, f"{query} personer") == 0


def test_number_words_match_digits():
    a = Analyzer()
    assert "5" in a.tokens("nästan fem miljarder")


@pytest.mark.parametrize(("word", "parts"), [
    ("tillverkningsindustrin", ("tillverkning", "industrin")),
    ("turismklustret", ("turism", "klustret")),
    ("myndighetsnätverk", ("myndighet", "nätverk")),
    ("besöksnäringen", ("besök", "näringen")),
    ("utanför", ()),  # a common word is no compound
    ("förslag", ()),
    ("sysselsätter", ()),
    ("sektorns", ()),  # an inflected common word neither
    ("betänkandet", ()),  # nor an inflected word of middling frequency ("betänk" + "andet")
    ("besöksnäringen", ("besök", "näringen")),  # whose uninflected form is a compound is
    ("varuexporten", ("vara", "exporten")),  # a linking -u- for the first word's -a
    ("gatubelysning", ("gata", "belysning")),
    ("lärosäte", ()),  # not -o-: its compounds are words of their own
    ("ägarskifte", ("ägare", "skifte")),  # an agent noun without its -e
    # a head that is a compound of its own, with its linking -s-
    ("ägarskiftesprojektet", ("ägare", "skifte", "projektet")),
])
def test_compound_splitting(word, parts):
    assert split_compound(word) == parts


def test_parts_of_parts_are_indexed():
    tokens = Analyzer().tokens("turismforskningsinstitutet")
    assert {"turism", "forskning", "institut"} <= set(tokens)


@pytest.mark.parametrize(("question", "row"), [
    ("Hur många jobbar i industrin?", 0),  # industrin ~ tillverkningsindustrin
    ("Vem samordnar turismklustret?", 1),  # turismklustret ~ turismen + klustret
    ("Hur stor är offentliga sektorns andel?", 2),  # sektorns ~ sektorn, andel ~ %
    ("Hur många anställda har myndigheten?", 3),  # myndigheten ~ myndigheterna
    ("Vad räknas till de gröna näringarna?", 4),
])
def test_compounds_and_inflections_match(index, queries, question, row):
    assert top(index, queries, question) == row


@pytest.mark.parametrize(("question", "row"), [
    ("How many people work in manufacturing?", 0),
    ("Who coordinates the tourism cluster?", 1),
    ("What share of employees work in the public sector?", 2),
    ("How many people do the government agencies employ?", 3),
    ("What do green industries consist of?", 4),
])
def test_english_questions_find_swedish_passages(index, queries, question, row):
    assert top(index, queries, question) == row


def test_stemming_unifies_het_forms():
    assert stem("myndighet") == stem("myndigheterna") == stem("myndigheternas")


def test_inflection_bridging_uses_endings_only(queries):
    assert "sektorn" in queries.inflections("sekt")
    assert "industrin" in queries.inflections("industri")


def test_concepts_count_once_with_their_best_alternative(index, queries):
    q = queries.analyze("Hur många jobbar i tillverkningsindustrin?")
    c = next(c for c in q.concepts if c.text.endswith(":industrin"))
    assert c.alts["industrin"] == 1.0 and c.alts["tillverkningsindustrin"] == 1.0
    scores = index.concept_scores(q.concepts)
    assert scores.argmax() == 0


def test_rare_unknown_words_weigh_more_than_common_ones(queries):
    q = queries.analyze("Hur många personer har liftkort?")
    w = {c.text.split(":")[0]: c.weight for c in q.concepts}
    assert w["liftkort"] > w["personer"]


def test_question_frame_and_answer_type_words_weigh_little(queries):
    q = queries.analyze("Vilken myndighet har fått extra tjänster?")
    w = {c.text: c.weight for c in q.concepts}
    assert w["myndighet"] < w["tjänster"] and w["fått"] < w["tjänster"]
    assert answer_type_words("Vad är Eldrimner för slags organisation?") == {"organisation"}
    assert answer_type_words("What is the name of the report?") == {"report"}


def test_pos_guess():
    assert looks_like_noun("arbetslösheten", "sv") and looks_like_noun("studenter", "sv")
    assert not looks_like_noun("jobbar", "sv") and not looks_like_noun("viktiga", "sv")
    assert looks_like_noun("personer", "sv") and not looks_like_noun("closely", "en")


def test_glossary_parses_and_prefers_written_words():
    g = load_glossary()
    assert len(g.entries) > 500
    words = ["population"]
    n, sv = g.match(words, [english_key(w)[0] for w in words], 0)
    assert n == 1 and "befolkning" in sv and "befolkad" not in sv
    words = ["public", "sector"]
    n, sv = g.match(words, [english_key(w)[0] for w in words], 0)
    assert n == 2 and "offentlig sektor" in sv


def test_glossary_errors_name_the_line():
    with pytest.raises(ValueError, match="line 2"):
        Glossary.parse("# comment\nno equals sign here\n")
    with pytest.raises(ValueError, match="line 1"):
        Glossary.parse("word = \n")


def test_swedish_synonyms_through_shared_english(queries):
    syn = {t[0] for t in queries.synonyms(stem("jobba"))}
    assert stem("arbeta") in syn


def test_analyzer_config_round_trip_and_older_manifests():
    cfg = AnalyzerConfig()
    assert AnalyzerConfig.from_dict(cfg.to_dict()) == cfg
    old = AnalyzerConfig.from_dict({"stem": True, "ngram_min": 4, "ngram_max": 4,
                                    "ngram_weight_words": True})
    assert old.decompound is False and old.version == 1 and old.ngram_max == 4
    assert "#indu" in Analyzer(old).tokens("industrin")


def test_plain_search_still_works(index):
    rows, scores = index.search("tillverkningsindustrin personer", 2)
    assert rows[0] == 0 and scores[0] > 0
    rows, _ = index.search("xyzzy", 2)
    assert len(rows) == 0


def test_words_the_index_lacks_are_bridged_to_near_spellings():
    """A question word the index lacks finds a compound it heads, a spelling one last letter
    away, or the parts of a hyphenated word written together; known and short words do not
    drift, and villa is no synonym of huserar (noun and verb "house"); a particle verb's
    participle finds the participle without its particle ("utspridda" ~ "spridda")."""
    texts = ["Turismen växer och co-workingplace är nytt.",
             "Tillverkningsindustrin exporterar.", "House Be huserar företag.",
             "Strukturer spridda över stora avstånd."]
    index = LexicalIndex.build(texts, Analyzer())
    q = QueryAnalyzer(index.analyzer, index.bm25.vocab_dict.keys())
    assert "turism" in q.near("turist")
    # a participle with its particle, which the report writes without it
    assert "spridd" in q.near(index.analyzer.stem("utspridda"))
    assert {"co", "workingplac"} <= set(q.near("coworking"))
    assert "tillverkningsindustrin" in q.near("tillverknings")
    assert q.near("turism") == [] and q.near("hus") == []
    turist = next(c for c in q.analyze("Hur många turister?").concepts
                  if c.text.startswith("turist"))
    assert 0 < turist.match(index.analyzer.token_set("Turismen")) < 1
    villa = next(c for c in q.analyze("Vad kostar en villa?").concepts if c.text == "villa")
    assert villa.match(index.analyzer.token_set("House Be huserar företag.")) == 0


def test_a_verb_in_era_finds_its_action_noun_and_back():
    """"producerade" reaches "Produktion" (a table's column heading) and "investeringar"
    reaches "investerade", as close as an inflection; a stem too short to share does not."""
    texts = ["Produktion, Berg: 854 GWh.", "Regionen investerade i vägar.", "Det var fler."]
    index = LexicalIndex.build(texts, Analyzer())
    q = QueryAnalyzer(index.analyzer, index.bm25.vocab_dict.keys())
    assert q.derivations("producer") == ["produktion"]
    assert q.derivations("investering") == ["invester"]
    assert q.derivations("fler") == []
    verb = next(c for c in q.analyze("Hur mycket producerade vindkraften?").concepts
                if c.text == "producerade")
    assert 0 < verb.match(index.analyzer.token_set("Produktion, Berg: 854 GWh.")) < 1


def test_a_word_finds_the_compounds_it_is_the_last_part_of():
    """Swedish puts a compound's head last: "universitetet" finds "Mittuniversitetet"."""
    index = LexicalIndex.build(["Mittuniversitetet forskar om turism."], Analyzer())
    q = QueryAnalyzer(index.analyzer, index.bm25.vocab_dict.keys())
    assert "mittuniversitet" in q.near("universitet")
    concept = q.analyze("Vilket universitet forskar?").concepts[0]
    assert 0 < concept.match(index.analyzer.token_set("Mittuniversitetet")) < 1
    plain = QueryAnalyzer(index.analyzer, index.bm25.vocab_dict.keys(),
                          options=QueryOptions(suffix_near=False))
    assert "mittuniversitet" not in plain.near("universitet")


def test_thesaurus_synonyms_the_index_has_bridge_everyday_words():
    """"utökats" (a form of "utöka") reaches "expanderar" through the thesaurus, weaker
    than the word itself; synonyms the index lacks are not added."""
    index = LexicalIndex.build(["Tillväxtverket expanderar i länet."], Analyzer())
    q = QueryAnalyzer(index.analyzer, index.bm25.vocab_dict.keys())
    concept = next(c for c in q.analyze("Vilken myndighet har utökats?").concepts
                   if c.text == "utökats")
    assert 0 < concept.match(index.analyzer.token_set("expanderar")) < 1
    assert all(t in q._vocab_set or q.inflections(t)
               for terms in q.thesaurus_terms("utökats") for t in terms[:1])
    off = QueryAnalyzer(index.analyzer, index.bm25.vocab_dict.keys(),
                        options=QueryOptions(thesaurus_factor=0))
    concept = next(c for c in off.analyze("Vilken myndighet har utökats?").concepts
                   if c.text == "utökats")
    assert concept.match(index.analyzer.token_set("expanderar")) == 0


def test_a_rare_inflection_does_not_outweigh_the_word_itself():
    """The forms of one word share one IDF (Lucene's SynonymQuery): "klustret", in one
    passage, scores no higher than "kluster", in three, for the same concept."""
    texts = ["Ett kluster här.", "Ett kluster där.", "Ett kluster till.", "Klustret växer."]
    index = LexicalIndex.build(texts, Analyzer())
    q = QueryAnalyzer(index.analyzer, index.bm25.vocab_dict.keys())
    concepts = q.analyze("kluster").concepts
    assert len(concepts[0].alts) >= 2
    blended = index.concept_scores(concepts)
    assert blended[3] < blended[0]
    index.blend_idf = False
    plain = index.concept_scores(concepts)
    assert plain[3] > plain[0]


def test_english_words_the_glossary_lacks_come_from_the_general_word_list():
    """"passengers" is not in the curated glossary: the general list translates it, and
    "took" is an English word that never decides an answer, so it is no concept at all."""
    texts = ["Nattåget hade 40 000 passagerare under vintern.", "Turismen omsätter mycket."]
    lex = LexicalIndex.build(texts, Analyzer())
    assert not load_glossary().lookup(english_key("passengers"))

    def concepts(options: QueryOptions) -> dict[str, set[str]]:
        qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys(), options=options)
        return {c.text: set(c.alts) for c in qa.analyze("How many passengers took it?").concepts}

    with_list = concepts(QueryOptions())
    assert "took" not in with_list
    assert stem("passagerare") in with_list["passengers"]
    without = concepts(QueryOptions(general_translation=False))
    assert stem("passagerare") not in without.get("passengers", set())


def test_strong_verb_forms_meet_although_their_stems_differ():
    """"omsatte" stems to omsat, "omsätter" to omsät: the verb table joins them, also in a
    compound (om + sätter) and for an English word translated to the verb."""
    lex = LexicalIndex.build(["Branschen omsatte år 2019 drygt 5,3 miljarder kronor."], Analyzer())
    qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys())
    assert "omsatte" in qa.verb_forms("omsätter")
    assert qa.verb_forms("uppenbar") == []  # "bar" is too short to be a verb's tail
    sv = {c.text: c for c in qa.analyze("Hur mycket omsätter branschen?").concepts}
    assert sv["omsätter"].match(lex.analyzer.token_set("omsatte")) > 0.8
    en = qa.analyze("How much does the industry turn over?").concepts
    assert any(c.match(lex.analyzer.token_set("omsatte")) > 0.7 for c in en)


def test_an_action_noun_finds_its_strong_verb_and_a_verb_its_an_noun():
    """"omsättning" finds "omsatte" (omsätta is a strong verb), "samverkar" finds
    "samverkan", and neither is split as an unknown compound ("sam" + "verkar")."""
    from reportqa.ask.question import QueryAnalyzer

    a = Analyzer()
    qa = QueryAnalyzer(a, a.tokens("Branschen omsatte 5 miljarder och samverkan växer."))
    omsatte, samverkan = a.word_terms("omsatte")[0], a.word_terms("samverkan")[0]
    (turnover,) = qa.analyze("turismens omsättning").concepts[1:]
    assert turnover.alts.get(omsatte, 0) >= 0.8
    (together,) = [c for c in qa.analyze("samverkar de").concepts if c.text == "samverkar"]
    assert together.alts.get(samverkan, 0) >= 0.8


def test_english_words_are_not_read_as_swedish_compounds():
    """An untranslated common English word stays whole ("nightlife" is no Swedish "night" +
    "life" compound to look for), and a number word keeps its figure."""
    from reportqa.ask.question import QueryAnalyzer

    a = Analyzer()
    assert split_compound("nightlife") == ("night", "life")  # as a Swedish word it would be
    qa = QueryAnalyzer(a, a.tokens("night life 4 år"))
    q = qa.analyze("how was the nightlife within four years")
    (nightlife,) = [c for c in q.concepts if c.text.startswith("nightlife")]
    assert nightlife.text == "nightlife" and "night" not in nightlife.alts
    four = next(c for c in q.concepts if c.text == "four")
    assert four.alts.get("4") == 1.0


def test_english_words_of_the_labour_market_find_the_reports_swedish():
    """"born abroad" is "utrikes födda", "villages" include "småorter", "men" finds
    "männen", and employment counts "årsarbeten": the words a report of the series writes."""
    texts = ["Bland utrikes födda är arbetslösheten drygt 21 procent.",
             "Utanför tätorter och småorter var andelen 38 procent.",
             "Bland männen var sysselsättningsgraden 81,9 procent.",
             "Branschen genererar motsvarande 7 000 årsarbeten."]
    lex = LexicalIndex.build(texts, Analyzer())
    qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys())

    def alts(question: str) -> set[str]:
        return {a for c in qa.analyze(question).concepts for a in c.alts}

    assert {stem("utrikes"), stem("född")} <= alts("unemployment among people born abroad")
    assert stem("småorter") in alts("broadband outside towns and villages")
    assert "männ" in alts("the employment rate for men")
    assert stem("årsarbeten") in alts("how much employment does tourism give")


def test_a_definite_form_snowball_leaves_whole_finds_its_short_stem():
    """"andan" (the spirit) is not stemmed by Snowball, while "uppfinningsanda" gives
    "and": a word the index lacks finds the stem it inflects."""
    lex = LexicalIndex.build(["Företagen präglas av hög uppfinningsanda."], Analyzer())
    qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys())
    assert "and" in qa.inflections("andan", asked=True)
    assert "and" not in qa.inflections("andra", asked=True)  # an ending it is not
    assert "and" not in qa.inflections("andan")  # a synonym's own word is not read so


def test_a_definite_neuter_finds_the_stem_snowball_cut_a_consonant_from():
    """Snowball stems "projekt" to "projek" (kt → k) but leaves "projektet" whole: the
    question's "project" (→ "projekt") finds the report's "projektet", and back."""
    lex = LexicalIndex.build(["Målet med projektet är att 100 företag ska få stöd.",
                              "Ett nytt projekt startade."], Analyzer())
    qa = QueryAnalyzer(lex.analyzer, lex.bm25.vocab_dict.keys())
    assert "projektet" in qa.inflections("projek")
    assert "projek" in qa.inflections("projektet")
    project = next(c for c in qa.analyze("What is the target of the project?").concepts
                   if c.text == "project")
    assert project.match(lex.analyzer.token_set("Målet med projektet är att …")) >= 0.8


def test_english_lack_gender_and_struggle_reach_the_swedish_words():
    """"lacks" is "saknar" as well as "brist", "gender" names women and men, and "struggle"
    is "har svårt att": the Swedish sentences say "saknade … god täckning", "Bland kvinnorna
    … bland männen" and "har svårt att fylla sina platser"."""
    texts = ["Ungefär 6 procent av länets yta saknade god täckning för mobilt bredband.",
             "Bland kvinnorna är andelen 31 procent och bland männen 17 procent.",
             "Det finns brist på bostäder i flera kommuner.",
             "Vårdprogrammet har svårt att fylla sina platser.",
             "Programmen fyller sina platser."]
    index = LexicalIndex.build(texts, Analyzer())
    queries = QueryAnalyzer(index.analyzer, index.bm25.vocab_dict.keys(),
                            doc_freq=index.doc_freq, num_docs=index.size)
    assert top(index, queries, "What share of the land area lacks coverage?") == 0
    assert top(index, queries, "Is there a gender difference in the share?") == 1
    assert top(index, queries, "which programmes struggle to fill their places?") == 3
