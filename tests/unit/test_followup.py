"""Follow-up questions resolved against the conversation (no model)."""

from __future__ import annotations

import pytest

from reportqa.ask.followup import Turn, resolve_conversation

INDUSTRY = Turn("Hur många jobbar inom industrin?", "… sysselsätter ca 5 000 personer …")


@pytest.mark.parametrize("question,history,expected,reason", [
    ("Och inom turismen?", [INDUSTRY], "Hur många jobbar inom turismen?", "ellipsis"),
    ("turismen?", [INDUSTRY], "Hur många jobbar inom turismen?", "short"),
    ("Hur är det med turismen?", [INDUSTRY], "Hur många jobbar inom turismen?", "ellipsis"),
    ("Och turismen då?", [INDUSTRY], "Hur många jobbar inom turismen?", "ellipsis"),
    ("och turismen?", [Turn("Hur många personer sysselsätter industrin i länet?")],
     "Hur många personer sysselsätter turismen i länet?", "ellipsis"),
    ("Och i Östersund?", [Turn("Hur många företag finns i Åre?")],
     "Hur många företag finns i Östersund?", "ellipsis"),
    ("Och 2019?", [Turn("Hur många jobbade i industrin 2017?")],
     "Hur många jobbade i industrin 2019?", "ellipsis"),
    ("What about tourism?", [Turn("How many people work in manufacturing in the county?")],
     "How many people work in tourism in the county?", "ellipsis"),
    ("And in Östersund?", [Turn("How many companies are there in Åre?")],
     "How many companies are there in Östersund?", "ellipsis"),
    # a place alone changes the place, or adds one, never the subject
    ("Och i riket?", [Turn("Hur stor andel av eleverna tar examen inom fyra år?")],
     "Hur stor andel av eleverna tar examen inom fyra år i riket?", "ellipsis"),
    ("Och i hela Sverige?", [Turn("Hur stor andel anställs inom offentlig sektor i länet?")],
     "Hur stor andel anställs inom offentlig sektor i hela Sverige?", "ellipsis"),
    # References take the previous subject, or the name the previous answer gave.
    ("Hur mycket omsätter den branschen?", [INDUSTRY, Turn("Och inom turismen?")],
     "Hur mycket omsätter turismen?", "reference"),
    ("Hur många företag finns där?",
     [Turn("Vad heter co-workingstället i Åre?",
           "I Åre finns co-workingplatsen House Be, där flera företag sitter.")],
     "Hur många företag finns i House Be?", "reference"),
    ("How much does it turn over?", [Turn("How many work in tourism?")],
     "How much does tourism turn over?", "reference"),
    ("What share of its customers are abroad?", [Turn("What is IUC-Z group?")],
     "What share of IUC-Z group's customers are abroad?", "reference"),
    ("How many people does it employ?", [Turn("How big is the manufacturing industry?")],
     "How many people does the manufacturing industry employ?", "reference"),
    ("Vad jobbar de med?", [Turn("Vad heter klusterinitiativet för turism?",
                                 "Inom turismbranschen finns Peak Innovation, ett kluster")],
     "Vad jobbar Peak Innovation med?", "reference"),
    ("Hur länge har det funnits?", [Turn("Vad är Etour?", "De senaste 20 åren har "
                                         "Mittuniversitetet turismforskningsinstitutet Etour")],
     "Hur länge har Etour funnits?", "reference"),
    # a pronoun after an auxiliary is the subject before the main verb, not an article
    ("vad vill de åstadkomma?", [Turn("Vad är Peak Innovation?", "Inom turismbranschen "
                                      "finns Peak Innovation, ett klusterinitiativ")],
     "vad vill Peak Innovation åstadkomma?", "reference"),
    ("hur länge har det hållit på", [Turn("Vilket institut vid Mittuniversitetet forskar om "
                                          "turism?", "De senaste "
                                          "20 åren har Mittuniversitetet institutet Etour")],
     "hur länge har Etour hållit på", "reference"),
    # English "it" as subject or object points back even beside words of the question's own
    ("And how many jobs does it generate?", [Turn("What does tourism turn over?")],
     "How many jobs does tourism generate?", "reference"),
    ("Who takes part in it?", [Turn("Where is Grönt Center?")],
     "Who takes part in Grönt Center?", "reference"),
    # "finns det?" with nothing after it is no expletive; a name of several words is kept
    ("inom vilken bransch finns det?", [Turn("Vad är Peak Innovation?")],
     "inom vilken bransch finns Peak Innovation?", "reference"),
    # a name in the previous question is what "it" is, not a verb after it; an answer's
    # name may begin its sentence
    ("Where is it held?", [Turn("How many visitors does Storsjöyran attract?")],
     "Where is Storsjöyran held?", "reference"),
    ("How many people work there?",
     [Turn("Who is the biggest employer in Jämtland county?",
           "Region Jämtland Härjedalen har ca 4 300 anställda och är länets största.")],
     "How many people work in Region Jämtland Härjedalen?", "reference"),
    # a bare frame, with nothing to be about, is about the previous subject
    ("vilka är med?", [Turn("Var ligger Grönt Center?")],
     "vilka är med (Grönt Center)?", "short"),
    # a subject put first: the reference after it points to it, not to the previous turn's
    ("och industrin, hur många jobbar där?", [Turn("Hur många jobbar i turismen?")],
     "Hur många jobbar i industrin?", "reference"),
    ("and manufacturing, how many work there?", [Turn("How many work in tourism?")],
     "How many work in manufacturing?", "reference"),
    # an object pronoun after a noun of its own clause still points back
    ("finns det något kluster för dem?", [Turn("Vad räknas till de gröna näringarna?")],
     "finns det något kluster för de gröna näringarna?", "reference"),
    ("Is there a cluster for them?", [Turn("What are the green industries based on?")],
     "Is there a cluster for the green industries?", "reference"),
    # "what's" is a question word, not a subject of the question's own
    ("what's their cluster called?", [Turn("What counts as green industries?")],
     "what's green industries's cluster called?", "reference"),
    # a quantifier with its noun left out is some of what the previous turn was about
    ("finns det några i länet?", [Turn("Vad är en co-workingplace?")],
     "finns det några co-workingplace i länet?", "reference"),
    # a demonstrative's noun names the compound the previous turn used
    ("vem samordnar den branschen?", [Turn("inom vilken bransch finns Peak Innovation?",
                                           "Inom turismbranschen finns Peak Innovation, "
                                           "ett klusterinitiativ för Sport")],
     "vem samordnar turismbranschen?", "reference"),
    ("how many people work in that industry?",
     [Turn("What share of the industry's customers are outside the county?")],
     "how many people work in industry?", "reference"),
    # a qualifier after the subject is not what "den" refers to
    ("vad omsätter den per år?",
     [Turn("Hur många årsarbeten ger besöksnäringen inkl kringeffekter?")],
     "vad omsätter besöksnäringen per år?", "reference"),
    ("and manufacturing?",
     [Turn("How many jobs does tourism generate in Jämtland, including spin-off effects?")],
     "How many jobs does manufacturing generate in Jämtland, including spin-off effects?",
     "ellipsis"),
    # a genitive replaces the genitive, keeping what it is a genitive of
    ("och industrins?", [Turn("Hur stor är turismnäringens omsättning?")],
     "Hur stor är industrins omsättning?", "ellipsis"),
    # a frame with only an attribute is about the previous subject
    ("och vad är syftet?", [Turn("Var ligger Grönt Center?")],
     "och vad är syftet (Grönt Center)?", "short"),
    # the name an answer gives is not a place after a preposition, nor one of a list
    ("och var ligger det?", [Turn("Vilket kluster finns för de gröna näringarna?",
                                  "I Ås i Krokoms kommun finns Grönt Center, ett kluster")],
     "Var ligger Grönt Center?", "reference"),
    ("hur många anställda har de?", [Turn("Vilka är med i Grönt Center?",
                                          "I detta samarbetar aktörer som LRF Jämtland, "
                                          "Torsta AB, Eldrimner")],
     "hur många anställda har Grönt Center?", "reference"),
    # a "vilken"-question answered by a sentence that begins with a definite noun
    ("Vem forskar kring den?", [Turn("Vilken näring är grundläggande i Jämtlands län?",
                                     "Turismbranschen och upplevelseturismen är en "
                                     "grundläggande näring i Jämtlands län.")],
     "Vem forskar kring Turismbranschen?", "reference"),
    # chat forms: "o" is "och", "jmf" "jämfört"
    ("o i åre då?", [Turn("hur många företag finns i östersund?")],
     "hur många företag finns i åre?", "ellipsis"),
    ("jmf med riket?", [Turn("hur stor andel jobbar offentligt i länet")],
     "hur stor andel jobbar offentligt i riket", "ellipsis"),
    # the subject after the copula of "hur viktiga är de"
    ("hur viktiga är de för länet?", [Turn("Vilka branscher räknas som gröna näringar?",
                                           "Företag med basen i jord och skog utgör "
                                           "tillsammans gröna näringar.")],
     "hur viktiga är gröna näringar för länet?", "reference"),
    # "den branschen" after a turn about an organisation written as an acronym: the
    # industry its answer names
    ("hur exportberoende är den branschen?",
     [Turn("vilka tjänster erbjuder iuc-z group"),
      Turn("vilka är det dom företräder?", "IUC-Z group är en gemensam nod för "
           "industriföretagen och företräder industrin.")],
     "hur exportberoende är industrin?", "reference"),
    # "that" as the subject of a one-word predicate after "and why's"
    ("and why's that tricky in jämtland?",
     [Turn("what's the definition of a cluster in this report?",
           "Ordet kluster kan definieras som företag inom relaterade branscher.")],
     "Why is a cluster tricky in jämtland?", "reference"),
    # a qualifier said of the earlier subject's figure is not carried to the new subject
    ("och i industrin då?", [Turn("hur många jobbar i turismen inkl kringeffekter?")],
     "hur många jobbar i industrin?", "ellipsis"),
])
def test_follow_ups_are_resolved(question, history, expected, reason):
    r = resolve_conversation(question, history)
    assert (r.question, r.followup, r.reason) == (expected, True, reason)


@pytest.mark.parametrize("question", [
    "Hur många företag finns det i länet?",  # "det" as the expletive subject
    "Vad är IUC-Z group?",
    "Hur många är det som jobbar i besöksnäringen?",
    "Vilken är den största arbetsgivaren i länet?",  # "den" as an article
    "What is the share of exports for the manufacturing industry?",
    "How many people live in the county?",
    # Existential "there", possessives and pronouns with an antecedent of their own,
    # articles before adjectives: none of them points back.
    "How many companies are there in Åre?",
    "Is there a coworking space in Östersund?",
    "What services does IUC-Z offer its member companies?",
    "hur beskrivs industriföretagen i länet, är dom innovativa",
    "Hur stor andel jobbar inom det offentliga i länet?",
    "hur många årsarbeten ger de gröna näringarna",
    "hur många skiddagar blev det säsongen 17/18",
    "varför är det svårt att bygga kluster i jämtland",
    "turismens omsättning i jämtland?",
    "räknas kringeffekter med i turismens jobbsiffra",
    "Hur många jobbar det inom turismen?",  # "det" after a verb: a formal subject
    "Vad gör de gröna näringarna?",  # "de" after a main verb, before an adjective
    "Finns det något kluster för turism?",
    "Is it true that tourism turns over five billion?",
    # "sedan dess" is a time; a pronoun after a dash or comma has its antecedent before it;
    # a yes/no question about one definite noun is no bare attribute
    "Hur många myndigheter har flyttat hit sedan dess?",
    "peak innovation – vilka områden jobbar dom med?",
    "Har utlokaliseringen redan skett?",
])
def test_questions_that_stand_alone_are_left_as_they_are(question):
    r = resolve_conversation(question, [INDUSTRY])
    assert (r.question, r.followup) == (question, False)


def test_without_history_nothing_changes():
    assert resolve_conversation("Och inom turismen?", []).question == "Och inom turismen?"


def test_a_follow_up_says_which_subject_it_typed():
    """An ellipsis names the new subject the answer must mention; a reference keeps the
    earlier subject and names none."""
    assert resolve_conversation("Och inom turismen?", [INDUSTRY]).subject == "inom turismen"
    assert resolve_conversation("turismen då?", [INDUSTRY]).subject == "turismen"
    kept = resolve_conversation("Vad omsätter den?", [Turn("Vad är Peak Innovation?")])
    assert kept.followup and kept.subject == ""


def test_what_the_previous_answer_means_refers_to_that_answer():
    """"Vad innebär det?" asks about the statement just given, not the earlier question's
    subject ("länet"); without an answer to refer to it is not resolved so."""
    said = "Mer än 90 % av industrins kunder finns utanför länet."
    earlier = Turn("Hur stor del av industrins kunder finns utanför länet?", said)
    for question in ("vad innebär det?", "Vad betyder det då?", "What does that mean?"):
        r = resolve_conversation(question, [earlier])
        assert r.followup and r.reason == "statement" and said in r.question, question
    assert resolve_conversation("vad innebär det?",
                                [Turn(earlier.question, None)]).reason != "statement"
    # for whom it matters does not change what "det" is: still the statement just given
    for question in ("vad innebär det för industrin?", "vad betyder det för branschen då",
                     "What does that mean for the industry?"):
        r = resolve_conversation(question, [earlier])
        assert r.followup and r.reason == "statement" and said in r.question, question
    # a question of its own after "för" is no statement question
    assert resolve_conversation("vad innebär det för industrin att exportera?",
                                [earlier]).reason != "statement"


UNEMPLOYED = Turn("How many people were registered as unemployed in Jämtland in December 2018?",
                  "I december 2018 var 4 150 personer i länet inskrivna …")


@pytest.mark.parametrize("question,history,expected,subject", [
    # a part with a name of its own is asked as typed; the part is what the answer must name
    ("how many of them were long-term unemployed?", [UNEMPLOYED],
     "How many of them were long-term unemployed?", "were long-term unemployed"),
    ("och hur många av dem är kvinnor?",
     [Turn("hur många personer jobbar i tillverkningsindustrin?")],
     "Hur många av dem är kvinnor?", "är kvinnor"),
    # a choice or a place among them takes the whole group the previous question asked about
    ("vilken av dem är störst?", [Turn("finns det några co-workingplaces i länet?")],
     "Vilken av dem är störst (co-workingplaces i länet)?", "är störst"),
    ("hur många av dem finns i Åre?", [Turn("Hur många årsarbeten ger turismen?")],
     "Hur många av dem finns i Åre (årsarbeten ger turismen)?", "finns i Åre"),
])
def test_a_count_among_them_is_among_the_previous_group(question, history, expected, subject):
    """"dem" of "hur många av dem" is the group the previous question counted, never its
    last noun ("How many of December were …"), and the part asked for must be answered."""
    r = resolve_conversation(question, history)
    assert (r.question, r.followup, r.subject) == (expected, True, subject)


def test_an_article_after_av_is_no_partitive():
    q = "Hur stor andel av de anställda i hela Sverige jobbar i offentlig sektor?"
    assert resolve_conversation(q, [INDUSTRY]).question == q


@pytest.mark.parametrize("question,history,expected", [
    # a year at the end, or the home county inside, is when or where, not what "it" is
    ("How many annual jobs does it generate?",
     [Turn("How much did the tourism industry in Jämtland turn over in 2019?", "…")],
     "How many annual jobs does the tourism industry generate?"),
    # a turn that named no subject ("Since when?") is passed over to the one before it
    ("Where is it based?",
     [Turn("How much has Inlandsinnovation invested in companies in Jämtland?", "…"),
      Turn("Since when?")],
     "Where is Inlandsinnovation based?"),
    # an English noun phrase after its article is whole
    ("What's it called?", [Turn("Where is the green industries cluster located?", "…")],
     "What's the green industries cluster called?"),
    ("what about tourism?", [Turn("Tell me about the green industries cluster", "…")],
     "Tell me about tourism"),
    # a place's name before "kommun" is a name though it begins the answer
    ("Hur många per 1000 invånare där?",
     [Turn("I vilken kommun var nyföretagandet högst?",
           "Enligt uppföljningen 2019: Åre kommun har länets klart högsta nyföretagande.")],
     "Hur många per 1000 invånare i Åre kommun?"),
])
def test_what_a_reference_or_ellipsis_replaces(question, history, expected):
    assert resolve_conversation(question, history).question == expected


TOURISM = Turn("hur mycket omsätter turismen?", "… nästan fem miljarder kronor …")


@pytest.mark.parametrize("question,history,expected", [
    # a pronoun that ends the question is an object or after a preposition, never an article
    ("hur många årsverken ger den", [TOURISM], "hur många årsverken ger turismen"),
    ("och hur många är sysselsatta i den?", [TOURISM], "Hur många är sysselsatta i turismen?"),
    ("vem tog fram det?", [Turn("Vad är Grönt Center?")], "vem tog fram Grönt Center?"),
    ("vad är det egentligen?", [Turn("när kom coworking till regionen?")],
     "vad är coworking egentligen?"),
    # "de" right after the first verb is the subject of a yes/no question
    ("samarbetar de med företagen?", [Turn("Vad gör Etour?")],
     "samarbetar Etour med företagen?"),
    ("måste de ligga nära varandra?", [Turn("hur definieras ett kluster?")],
     "måste ett kluster ligga nära varandra?"),
    # English "it's" inside the question is "it is"
    ("what's the aim of the collaboration it's part of?", [Turn("What is Eldrimner?")],
     "what's the aim of the collaboration Eldrimner is part of?"),
])
def test_pronouns_by_their_place_in_the_question(question, history, expected):
    r = resolve_conversation(question, history)
    assert (r.question, r.followup) == (expected, True)


@pytest.mark.parametrize("question", [
    "Hur många företag finns det?",  # existential "det"
    "Är den offentliga sektorn större i Jämtland än i riket?",  # article, adjective, noun
    "Har den statliga utlokaliseringen genomförts?",
    "coworking i åre vad heter det",  # the subject before the question word
    "Stämmer det att statliga jobb har flyttats hit? Vilken myndighet gäller det?",
])
def test_pronouns_that_do_not_point_back(question):
    assert resolve_conversation(question, [TOURISM]).followup is False


@pytest.mark.parametrize("question,expected", [
    ("finns det många sådana i regionen?", "finns det många kluster i regionen?"),
    ("och är det svårt att bygga såna här?", "Är det svårt att bygga kluster här?"),
])
def test_such_ones_are_what_the_previous_turn_was_about(question, expected):
    r = resolve_conversation(question, [Turn("Vad innebär ordet kluster?")])
    assert (r.question, r.followup) == (expected, True)


def test_such_before_a_noun_is_no_reference():
    r = resolve_conversation("Finns det sådana kluster i länet?", [TOURISM])
    assert r.followup is False


def test_anything_of_the_kind_is_left_as_asked():
    r = resolve_conversation("finns det nåt sånt i Östersund?",
                             [Turn("Vad heter coworkingstället i Åre?")])
    assert r.followup is False


@pytest.mark.parametrize("question,previous,expected", [
    # the subject of "är X en Y?", not its predicate noun
    ("finns det nåt kluster för det", "är jord och skogsbruk en basnäring i jämtland?",
     "finns det nåt kluster för jord och skogsbruk"),
    ("var ligger det", "är jord och skogsbruk en basnäring i jämtland?",
     "var ligger jord och skogsbruk"),
    # the subject after the verb, not the noun of the phrase that says to whom
    ("vilken bransch riktar de sig till?", "vilka tjänster ger iuc-z group till företagen",
     "vilken bransch riktar iuc-z group sig till?"),
    # "utanför" is a preposition: what is outside is where, not the subject; singular "den"
    # is the industry the customers belong to, not the (plural) customers
    ("hur många jobbar i den?", "hur stor andel av industrins kunder finns utanför jämtland",
     "hur många jobbar i industrin?"),
    # a bare definite head noun after a compound with that head
    ("hur många jobbar i branschen?", "hur mycket omsätter turismbranschen?",
     "hur många jobbar i turismbranschen?"),
    # more of the same, and membership, without saying of what
    ("vilka fler?", "är Torsta med i Grönt Center?", "vilka fler (Grönt Center)?"),
    ("vilka myndigheter ingår?", "Finns det något myndighetsnätverk i länet?",
     "vilka myndigheter ingår (myndighetsnätverk)?"),
    # members of what the question asked to exist (the answer "x" names nothing)
    ("what organisations are members?", "Is there a cluster for the green industries?",
     "what organisations are members (cluster for the green industries)?"),
])
def test_subject_by_grammatical_role(question, previous, expected):
    r = resolve_conversation(question, [Turn(previous, "x")])
    assert r.followup and r.question == expected


@pytest.mark.parametrize("question,previous", [
    # "den typen av X" names its own subject
    ("när kom den typen av arbetsplatser till regionen?",
     "hur många företag finns på House Be i Åre"),
    # a definite noun the previous turn has only as the same word is no bare head
    ("vad bildar myndigheterna i länet", "hur många myndigheter finns i länet"),
])
def test_not_a_reference(question, previous):
    assert not resolve_conversation(question, [Turn(previous, "x")]).followup


@pytest.mark.parametrize("question,previous,expected", [
    ("Till hur många företag?", "Hur mkt gav regionen i regionala företagsstöd 2018?",
     "Till hur många företag (Hur mkt gav regionen i regionala företagsstöd 2018)?"),
    ("Inom vilka områden främst?", "Hur många företag fick stöd inom programmet 2018?",
     "Inom vilka områden främst (Hur många företag fick stöd inom programmet 2018)?"),
    ("Since when?", "How much has Inlandsinnovation invested in companies?",
     "Since when (How much has Inlandsinnovation invested in companies)?"),
    ("i vilken kommun?", "finns det något kluster för gröna näringar?",
     "i vilken kommun (finns det något kluster för gröna näringar)?"),
])
def test_a_question_fragment_completes_the_previous_question(question, previous, expected):
    r = resolve_conversation(question, [Turn(previous, "x")])
    assert r.followup and r.question == expected


@pytest.mark.parametrize("question", [
    "I vilken kommun ligger Grönt Center?",  # a verb and a subject of its own
    "Inom vilka branscher finns flest företag i länet?",
    "In which year did the co-working trend start?",
])
def test_a_prepositional_question_of_its_own_is_no_fragment(question):
    r = resolve_conversation(question, [Turn("Hur många jobbar inom industrin?", "x")])
    assert not r.followup and r.question == question


@pytest.mark.parametrize("question,history,expected", [
    # singular "den"/"it" after a genitive and a plural noun: the owner, not the plural
    ("hur många jobbar i den?", ["hur stor andel av industrins kunder finns utanför länet"],
     "hur många jobbar i industrin?"),
    ("How many people does it employ?",
     ["What share of the manufacturing industry's customers are outside the county?"],
     "How many people does the manufacturing industry employ?"),
    # plural "de" after a count: what was counted, not a singular place or noun
    ("planerar de nåt samarbete?", ["Hur många myndighetsanställda finns det i Jämtlands län?"],
     "planerar myndighetsanställda nåt samarbete?"),
    ("Vad heter projektet som ska hjälpa dem med generationsskiftet?",
     ["Hur många företag i länet har en ägare som är 60 år eller äldre?"],
     "Vad heter projektet som ska hjälpa företag med generationsskiftet?"),
    # after a fragment, the pronoun points into the question it completed
    ("Var får de stöd och nätverk?",
     ["Hur många landsbygdsföretag fick företagsstöd inom landsbygdsprogrammet 2018?",
      "Inom vilka områden främst?"],
     "Var får landsbygdsföretag stöd och nätverk?"),
    # a name keeps its place, whatever its number ("de" may be an organisation)
    # (after a count, "vilka är dom?" asks which the ones counted are: see
    # test_which_ones_after_a_count_asks_for_the_ones_counted)
    ("vilka är dom?", ["vad jobbar Jämtland Härjedalen Turism med?"],
     "vilka är Jämtland Härjedalen Turism?"),
])
def test_a_reference_takes_a_referent_of_its_number(question, history, expected):
    r = resolve_conversation(question, [Turn(q, "x") for q in history])
    assert r.followup and r.question == expected


@pytest.mark.parametrize("question,history,expected", [
    # a time phrase ("till 2025", "fram till 2025") is when, not the subject an ellipsis
    # replaces; an infinitive after a modal ("behöver regionen rekrytera") is what is done
    ("Och läkare?", ["Hur många sjuksköterskor behöver regionen rekrytera till 2025?"],
     "Hur många läkare behöver regionen rekrytera till 2025?"),
    ("Och läkare?", ["Hur många sjuksköterskor behöver regionen rekrytera fram till 2025?"],
     "Hur många läkare behöver regionen rekrytera fram till 2025?"),
    # "att bilda" is a verb and "tidigare" an adverb: "dom" are the authorities
    ("hur har dom samarbetat tidigare då?", ["vad planerar myndigheterna i länet att bilda?"],
     "hur har myndigheterna samarbetat tidigare då?"),
    ("hur många jobbar på dom?", ["vad planerar myndigheterna i länet att bilda?",
                                  "hur har dom samarbetat tidigare då?"],
     "hur många jobbar på myndigheterna?"),
    # an English adverb is no subject
    ("And how many companies have it as their main business?",
     ["How many annual jobs does the visitor industry in Jämtland employ directly?"],
     "How many companies have the visitor industry as their main business?"),
])
def test_verbs_adverbs_and_times_are_no_subject(question, history, expected):
    r = resolve_conversation(question, [Turn(q, "x") for q in history])
    assert r.followup and r.question == expected


@pytest.mark.parametrize("question,previous,expected", [
    ("Och högst?", "Vilken kommun har lägst arbetslöshet i länet?",
     "Vilken kommun har högst arbetslöshet i länet?"),
    ("And the highest?", "Which municipality has the lowest unemployment?",
     "Which municipality has the highest unemployment?"),
    ("Och minst?", "Vilken kommun har flest företag?", "Vilken kommun har minst företag?"),
])
def test_a_superlative_asks_at_the_other_end(question, previous, expected):
    r = resolve_conversation(question, [Turn(previous, "x")])
    assert r.followup and r.question == expected and r.subject == ""


def test_an_acronym_that_begins_the_answer_is_the_name_it_gave():
    history = [Turn("vem företräder industriföretagen i länet",
                    "IUC-Z group är en gemensam nod för industriföretagen och företräder "
                    "industrin.")]
    r = resolve_conversation("vad erbjuder den?", history)
    assert r.followup and r.question == "vad erbjuder IUC-Z?"
    # a common word that begins the answer is no name
    history = [Turn("vem samordnar turismklustret?", "Det klustret är samordnat av en förening.")]
    assert "Det" not in resolve_conversation("vad gör de?", history).question


@pytest.mark.parametrize("question,history,expected", [
    # a copula's yes/no question with an adjective predicate is about the noun after it
    ("How many people does it employ?",
     [Turn("Is manufacturing in the region dependent on exports?", "x")],
     "How many people does manufacturing employ?"),
    ("vem samordnar den?", [Turn("är turismen viktig för jämtlands ekonomi?", "x")],
     "vem samordnar turismen?"),
    # the home county in the answer is no name it gave
    ("hur många jobbar där nu?",
     [Turn("vilken myndighet har fått extra tjänster i jämtland?",
           "I Jämtlands län har det tydliggjorts med extra tjänster inom Tillväxtverket.")],
     "hur många jobbar i Tillväxtverket nu?"),
    # an adverb that begins the answer's sentence is no part of the name after it
    ("Hur många företag finns där?",
     [Turn("Vilken kommun har flest företag?", "Även Strömsund har många företag.")],
     "Hur många företag finns i Strömsund?"),
    # "that industry" after "which organisation": the question's subject, not the name
    ("which research institute works with companies in that industry?",
     [Turn("Which organisation coordinates tourism in Jämtland Härjedalen?",
           "Det klustret är samordnat av Jämtland Härjedalen Turism som jobbar strategiskt.")],
     "which research institute works with companies in tourism?"),
    # "det klustret" after "vilken näring": a grouping of the same kind, the answer's noun
    ("vem samordnar det klustret?",
     [Turn("Vilken näring beskrivs som grundläggande i Jämtlands län?",
           "Turismbranschen och upplevelseturismen är en grundläggande näring i länet.")],
     "vem samordnar Turismbranschen?"),
    # another rank of what the last superlative question ranked
    ("And who comes second?",
     [Turn("Who is the biggest employer in Jämtland county?", "Region X har 4 300 anställda."),
      Turn("How many people work there?", "Region X har 4 300 anställda.")],
     "And who comes second (Who is the biggest employer in Jämtland county)?"),
])
def test_referents_by_role_and_kind(question, history, expected):
    r = resolve_conversation(question, history)
    assert r.followup and r.question == expected


def test_a_rank_without_a_ranking_question_is_left_as_asked():
    r = resolve_conversation("Who comes second?", [Turn("How many people work in tourism?")])
    assert not r.followup


@pytest.mark.parametrize("question,previous,expected", [
    # the home county as people type it is the place a place replaces
    ("Och i riket?", "hur stor andel jobbar i offentlig sektor i jämtland",
     "hur stor andel jobbar i offentlig sektor i riket"),
    ("och i hela landet?", "hur stor är arbetslösheten i jämtlands län?",
     "hur stor är arbetslösheten i hela landet?"),
    # "as a whole", "som helhet" and a place adverb are places too
    ("And in Sweden as a whole?", "How large a share works in the public sector in Jämtland?",
     "How large a share works in the public sector in Sweden as a whole?"),
    ("och i riket som helhet?", "Hur stor andel jobbar i offentlig sektor i Jämtland?",
     "Hur stor andel jobbar i offentlig sektor i riket som helhet?"),
    ("and nationally?", "What percentage of jobs in the county are in the public sector?",
     "What percentage of jobs nationally are in the public sector?"),
])
def test_a_place_replaces_the_place(question, previous, expected):
    r = resolve_conversation(question, [Turn(previous, "x")])
    assert r.followup and r.question == expected


@pytest.mark.parametrize("question,history,expected", [
    # a bare grouping noun is the subject just talked about, compound or not
    ("och hur många jobbar i branschen?", [Turn("hur mkt omsätter turismen i länet per år")],
     "och hur många jobbar i turismen?"),
    # after "is there a …?", "it"/"de" is what the answer says there is
    ("Och hur mycket omsätter de?",
     [Turn("Finns det nåt kluster för de gröna näringarna?",
           "I Ås i Krokoms kommun finns Grönt Center, ett kluster för de gröna näringarna.")],
     "Hur mycket omsätter Grönt Center?"),
    ("what organisations are members?",
     [Turn("is there a cluster for the green industries?",
           "I Ås i Krokoms kommun finns Grönt Center, ett kluster för de gröna näringarna.")],
     "what organisations are members (Grönt Center)?"),
    # … not a name after a preposition, which is someone else ("samordnat av …")
    ("vilket klusterinitiativ finns inom det?",
     [Turn("finns det nåt turismkluster i länet?",
           "Det klustret är samordnat av Jämtland Härjedalen Turism.")],
     "vilket klusterinitiativ finns inom turismkluster?"),
    # a judgement of the figure just given is asked with the question that gave it
    ("är det mycket jämfört med riket?",
     [Turn("Hur stor del av de anställda jobbar i offentlig sektor?", "ca 42 %")],
     "är det mycket jämfört med riket (Hur stor del av de anställda jobbar i offentlig "
     "sektor)?"),
    ("Is that higher than Sweden as a whole?",
     [Turn("What percentage of jobs are in the public sector?", "42 %")],
     "Is that higher than Sweden as a whole (What percentage of jobs are in the public "
     "sector)?"),
    # an ellipsis after it replaces part of that question
    ("What about Västerbotten?",
     [Turn("What percentage of jobs in Jämtland are in the public sector?", "42 %"),
      Turn("Is that higher than Sweden as a whole?", "30 %")],
     "What percentage of jobs in Västerbotten are in the public sector?"),
])
def test_what_the_previous_answer_gave(question, history, expected):
    r = resolve_conversation(question, history)
    assert r.followup and r.question == expected


@pytest.mark.parametrize("question", [
    "Är det många som pendlar från Krokom?",
    "Är det vanligt att företag samarbetar?",
])
def test_a_cleft_is_no_judgement_of_the_answer(question):
    r = resolve_conversation(question, [Turn("Hur många jobbar inom industrin?", "x")])
    assert not r.followup


@pytest.mark.parametrize("question,previous,expected", [
    ("Och i förra uppföljningen?", "Vem samordnar turismklustret enligt 2021 års rapport?",
     "Vem samordnar turismklustret i förra uppföljningen?"),
    ("Och i den tidigare versionen?",
     "Hur många personer sysselsätter myndigheterna i länet enligt 2021-uppföljningen?",
     "Hur många personer sysselsätter myndigheterna i länet i den tidigare versionen?"),
    ("and in the earlier edition?",
     "How many companies are based at House Be according to the 2021 follow-up?",
     "How many companies are based at House Be in the earlier edition?"),
    ("Och i förra uppföljningen?", "Hur många jobbar inom industrin?",
     "Hur många jobbar inom industrin i förra uppföljningen?"),
])
def test_an_edition_replaces_the_edition(question, previous, expected):
    r = resolve_conversation(question, [Turn(previous, "x")])
    assert r.followup and r.question == expected


HUBS = Turn("How many businesses has Gomorron Östersund filled its premises with?",
            "I Åre har House Be skapats och huserar ca 80+ företag och i Östersund finns "
            "Gomorron Östersund med ca 60 företagare.")


@pytest.mark.parametrize("question,expected", [
    ("And the other hub, where is that one?", "Where is House Be?"),
    ("och det andra stället, hur många företag finns där?", "Hur många företag finns i House Be?"),
    ("Vad heter den andra?", "Vad heter den andra (House Be)?"),
])
def test_the_other_one_is_the_other_name_the_answer_gave(question, expected):
    r = resolve_conversation(question, [HUBS])
    assert r.followup and r.question == expected


@pytest.mark.parametrize("question,history,expected", [
    # a year at the end of the previous question is when, not its subject
    ("Och turismen?", [Turn("Hur många jobbade i industrin 2017?")],
     "Hur många jobbade i turismen 2017?"),
    # a name alone replaces the previous question's one name, or its place, or the county
    ("Och Berg?", [Turn("Hur stor andel står Åre för?")], "Hur stor andel står Berg för?"),
    ("Och Västernorrland?", [Turn("Hur stor är arbetslösheten i Jämtland?")],
     "Hur stor är arbetslösheten i Västernorrland?"),
    ("Och Åre?", [Turn("Hur många kommersiella gästnätter hade länet 2018?")],
     "Hur många kommersiella gästnätter hade Åre 2018?"),
    ("And Gomorron Östersund?", [Turn("How many companies are at House Be?")],
     "How many companies are at Gomorron Östersund?"),
    # an ellipsis after a count among a group keeps the group
    ("And in Funäsfjällen?",
     [Turn("How many skier days were recorded in the county's ski resorts?"),
      Turn("How many of those in Åre?")],
     "How many of those in Funäsfjällen (skier days were recorded in the county's ski "
     "resorts)?"),
    # a share without "of what" is a share of what the previous turn counted
    ("Hur stor andel står Åre för?", [Turn("Hur många kommersiella gästnätter hade länet 2018?")],
     "Hur stor andel står Åre för (kommersiella gästnätter)?"),
    # "vad är X för nåt": X is the subject; a pronoun keeps pointing to what it pointed to
    ("hur många medlemsföretag har de?", [Turn("vad är peak innovation för nåt"),
                                          Turn("vad jobbar de med?")],
     "hur många medlemsföretag har peak innovation?"),
    # after "finns det nåt X för Y?" with no name in the answer, "det" is the X for Y
    ("var ligger det", [Turn("finns det nåt kluster för jord och skogsbruk", "Nej.")],
     "var ligger kluster för jord och skogsbruk"),
    # "vad har X för Y": X is the subject, Y what is asked of it
    ("hur mkt omsätter den?", [Turn("vad har turismen för betydelse för jämtlands län?")],
     "hur mkt omsätter turismen?"),
    # "there" is the place of a question whose subject is no name
    ("do companies there collaborate?", [Turn("why is building clusters hard in Jämtland?")],
     "do companies in Jämtland collaborate?"),
    # the home county typed without its dots is the place "there" stands for
    ("do companies there collaborate?",
     [Turn("why is building clusters hard in jamtland?", "Kluster är en utmaning.")],
     "do companies in jamtland collaborate?"),
    # "det där stället" is a demonstrative, not a place
    ("hur många företag har det där stället?",
     [Turn("Vilket ställe för co-working finns i Åre?", "I Åre finns House Be, ett ställe.")],
     "hur många företag har House Be?"),
])
def test_names_years_groups_and_topics(question, history, expected):
    r = resolve_conversation(question, history)
    assert r.followup and r.question == expected


@pytest.mark.parametrize("question,previous,expected", [
    # "de"/"they" after a count are what was counted (with its place), not the object or place
    ("And how much do they export?", "How many companies export goods?",
     "How much do companies export?"),
    ("Och hur mycket omsätter de?", "Hur många företag finns i Åre?",
     "Hur mycket omsätter företag i Åre?"),
    # an organisation's name made of place names is a name a name replaces
    ("Och Östersunds kommun?", "Hur många anställda har Region Jämtland Härjedalen?",
     "Hur många anställda har Östersunds kommun?"),
    ("And Östersund municipality?", "How many employees does Region Jämtland Härjedalen have?",
     "How many employees does Östersund municipality have?"),
])
def test_counts_and_names(question, previous, expected):
    r = resolve_conversation(question, [Turn(previous, "x")])
    assert r.followup and r.question == expected


def test_hur_ar_det_i_asks_the_previous_question_of_another_place():
    r = resolve_conversation("Hur är det i Härjedalen?",
                             [Turn("Hur stor är arbetslösheten i Jämtland?", "x")])
    assert r.followup and r.question == "Hur stor är arbetslösheten i Härjedalen?"


@pytest.mark.parametrize("question", ["varför", "Varför då?", "Why is that?", "why, then?",
                                      "och hur kommer det sig?"])
def test_why_alone_asks_the_reason_for_the_previous_question(question):
    """A bare "varför?" asks why of what the previous turn asked about and was told, so the
    previous question comes with it, not only its subject ("(myndigheterna)")."""
    previous = Turn("vad planerar myndigheterna i länet",
                    "… bedriver myndigheterna i länet ett arbete för att bilda ett nätverk.")
    r = resolve_conversation(question, [previous])
    assert r.followup and r.question.endswith("(vad planerar myndigheterna i länet)?"), r
    # a why-question of its own stands alone
    alone = "varför planerar myndigheterna ett nätverk?"
    assert resolve_conversation(alone, [previous]).question == alone


@pytest.mark.parametrize("question,history,expected", [
    ("och turismen da?", [Turn("Hur manga jobbar inom industrin?")],
     "Hur många jobbar inom turismen?"),
    ("varfor?", [Turn("vad planerar myndigheterna")], "varför (vad planerar myndigheterna)?"),
])
def test_function_words_typed_without_swedish_letters(question, history, expected):
    """"da", "manga", "pa" are "då", "många", "på" typed on a phone: read as spelled."""
    assert resolve_conversation(question, history).question == expected


def test_a_question_typed_without_swedish_letters_that_stands_alone_stays_as_typed():
    for question in ("hur manga foretag finns det i lanet?", "Is there a cluster for tourism?"):
        r = resolve_conversation(question, [INDUSTRY])
        assert (r.question, r.followup) == (question, False)


@pytest.mark.parametrize("question,history,expected", [
    ("hur många finns det?", [Turn("Hur många företag finns i Åre?")],
     "hur många finns det (företag i Åre)?"),
    ("how many are there", [Turn("Is there a co-working place in Östersund?",
                                 "I Östersund finns Gomorron Östersund med 60 företagare.")],
     "how many are there (Gomorron Östersund)?"),
])
def test_a_bare_count_with_a_formal_subject_counts_the_previous_subject(
        question, history, expected):
    """"det" after "finns" in a count and "there" after "are" are formal, no reference: the
    bare frame is about what the previous turn asked about, what it counted first."""
    assert resolve_conversation(question, history).question == expected


AGENCIES = Turn("hur många jobbar på myndigheterna i jämtland",
                "Idag sysselsätter myndigheterna i Jämtlands län cirka 3 300 personer")


@pytest.mark.parametrize("question,expected", [
    ("vad håller de på att bygga upp tillsammans",
     "vad håller myndigheterna på att bygga upp tillsammans"),
    ("hur mycket exporterar de till Norge?", "hur mycket exporterar myndigheterna till Norge?"),
    ("vad brukar de göra?", "vad brukar myndigheterna göra?"),
])
def test_a_pronoun_after_a_question_word_and_its_verb_is_the_subject(question, expected):
    """Swedish puts the finite verb second: in "vad håller de på att …" "de" is the subject,
    whatever else the question names ("tillsammans", "Norge")."""
    assert resolve_conversation(question, [AGENCIES]).question == expected


@pytest.mark.parametrize("question", ["vad tjänar de anställda?",
                                      "vad gör de gröna näringarna i Berg?",
                                      "vilka branscher har de största företagen?"])
def test_an_article_after_a_question_word_and_its_verb_is_no_pronoun(question):
    assert resolve_conversation(question, [AGENCIES]).question == question


@pytest.mark.parametrize("question,expected", [
    ("hur många jobbar inom den sektorn?", "hur många jobbar inom tjänstesektorn?"),
    ("Vilken ny företeelse kom 2017 inom den sektorn?",
     "Vilken ny företeelse kom 2017 inom tjänstesektorn?"),
])
def test_a_demonstrative_before_a_definite_noun_in_n(question, expected):
    """"den sektorn" ("sektor" + "n", as "faktorn", "frågan") points back as "den
    branschen" does."""
    previous = Turn("Vad har drivit på utvecklingen inom tjänstesektorn i länet?")
    assert resolve_conversation(question, [previous]).question == expected


def test_here_is_no_subject_of_its_own():
    """"hit", "här" are where the conversation is, as "i länet": "det" in "när kom det
    hit?" still points back."""
    r = resolve_conversation("när kom det hit", [Turn("vad är co-working", "En ökande trend")])
    assert r.question == "när kom co-working hit"


def test_a_gerund_after_start_is_what_is_done_not_the_subject():
    """"start showing up": the subject is the noun phrase after the auxiliary ("coworking
    spaces"), not the gerund at the end."""
    previous = Turn("when did coworking spaces start showing up in the region")
    r = resolve_conversation("what's the idea behind them", [previous])
    assert r.question == "what's the idea behind coworking spaces"


@pytest.mark.parametrize("question,previous,expected", [
    ("finns det nåt samarbete kring det", "är jordbruk och skogsbruk viktigt i jämtland",
     "finns det nåt samarbete kring jordbruk och skogsbruk"),
    ("how many work in them?", "is tourism and manufacturing important in Jämtland?",
     "how many work in tourism and manufacturing?"),
])
def test_a_yes_no_question_about_two_nouns_and_an_adjective(question, previous, expected):
    """"är X och Y viktigt?": the subject is both nouns; the adjective (also in its neuter
    "-t" form) is what is claimed of them."""
    assert resolve_conversation(question, [Turn(previous)]).question == expected


@pytest.mark.parametrize("question,history,expected", [
    ("när dök den trenden upp?",
     [Turn("Vilka coworking-ställen finns i länet?", "En ökande trend och ny företeelse")],
     "när dök den trenden upp (coworking-ställen)?"),
    ("When did that trend start in the region?",
     [Turn("Which co-working hubs does the report mention?", "I Ås finns Grönt Center")],
     "When did that trend start in the region (co-working hubs)?"),
    # a name is what the demonstrative's noun calls it; a grouping is the one just named
    ("hur länge har den satsningen funnits?", [Turn("Vad gör Peak Innovation?", "x")],
     "hur länge har Peak Innovation funnits?"),
    ("hur många jobbar i den branschen?", [Turn("hur mycket omsätter turismen", "x")],
     "hur många jobbar i turismen?"),
])
def test_a_demonstrative_noun_the_previous_turn_does_not_use_is_of_its_subject(
        question, history, expected):
    """"den trenden" after a turn about coworking places is a trend of them, not them: the
    phrase is kept and the previous subject added."""
    assert resolve_conversation(question, history).question == expected


@pytest.mark.parametrize("question", ["how does that compare nationally?",
                                      "when will that network be up and running?"])
def test_english_that_before_no_verb_of_the_list_is_left_as_asked(question):
    """"that compare", "that network be": no demonstrative phrase before a known verb,
    so nothing is added."""
    r = resolve_conversation(question, [Turn("How big is the public sector?", "x")])
    assert "(" not in r.question


def test_them_after_which_ones_there_are_is_those_ones():
    """"dem" after "vilka X finns i Y" are the X asked for, not the place Y; after "vilka
    tjänster ger IUC-Z" "de" is still IUC-Z (see the grammatical-role tests)."""
    previous = Turn("vilka stora privata arbetsgivare finns i tjänstesektorn",
                    "Flera av länets största privata arbetsgivare återfinns inom kontaktcenter")
    r = resolve_conversation("vad är det största problemet för dem just nu", [previous])
    assert r.question == "vad är det största problemet för stora privata arbetsgivare just nu"


def test_such_ones_are_of_the_kind_without_its_article():
    previous = Turn("vad är ett kluster egentligen", "Ordet kluster kan definieras som …")
    r = resolve_conversation("finns det många såna här", [previous])
    assert r.question == "finns det många kluster här"


@pytest.mark.parametrize("question,previous,expected", [
    ("Vilket av dem har flest företag?", "Vilka coworkingställen nämns i rapporten?",
     "Vilket av dem har flest företag (coworkingställen nämns i rapporten)?"),
    ("which of them has the most companies?", "Which municipalities are in the county?",
     "Which of them has the most companies (municipalities are in the county)?"),
])
def test_a_choice_by_a_superlative_is_among_the_previous_group(question, previous, expected):
    """What follows "flest"/"the most" is what the group is ranked by, not a part of it
    with a name of its own: the group is still needed."""
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected


@pytest.mark.parametrize("question", ["varför så många?", "why so high?"])
def test_why_so_many_asks_the_reason_for_the_previous_question(question):
    previous = Turn("Hur många jobbar inom industrin i länet?", "ca 5 000 personer")
    r = resolve_conversation(question, [previous])
    assert r.question.endswith("(Hur många jobbar inom industrin i länet)?"), r


@pytest.mark.parametrize("question,previous,expected", [
    ("hur ser det ut i resten av landet?", "Hur stor är den offentliga sektorn i länet?",
     "Hur stor är den offentliga sektorn i resten av landet?"),
    ("and in the rest of the country?", "How big is the public sector in the county?",
     "How big is the public sector in the rest of the country?"),
])
def test_the_rest_of_the_country_is_a_place(question, previous, expected):
    """"i resten av landet" replaces the place, as "i riket" does, not the subject."""
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected


def test_who_asks_is_no_subject():
    """"tell me more" names no subject of its own ("me" is who asks)."""
    previous = Turn("Hur stor är den offentliga sektorn i länet?", "x")
    r = resolve_conversation("tell me more", [previous])
    assert r.question == "tell me more (den offentliga sektorn)?"


def test_judging_the_figure_without_a_comparison():
    """"är det mycket?", "is that a lot?" judge the figure just given: the previous
    question comes with them, once, also after another such turn."""
    asked = Turn("Hur stor är den offentliga sektorn i länet?", "ca 42 %")
    first = resolve_conversation("är det mycket?", [asked])
    assert first.question == "är det mycket (Hur stor är den offentliga sektorn i länet)?"
    again = resolve_conversation("is that a lot?", [asked, Turn("är det mycket?", "ca 42 %")])
    assert again.question == "is that a lot (Hur stor är den offentliga sektorn i länet)?"
    alone = "är det många företag i länet?"
    assert resolve_conversation(alone, [asked]).question == alone


@pytest.mark.parametrize("question,previous,expected", [
    ("samma fråga för turismen", "Hur många jobbar inom industrin i länet?",
     "Hur många jobbar inom turismen i länet?"),
    ("och om man tittar på turismen?", "Hur många jobbar inom industrin i länet?",
     "Hur många jobbar inom turismen i länet?"),
    ("same question for tourism", "How many people work in manufacturing in Jämtland?",
     "How many people work in tourism in Jämtland?"),
    ("and if you look at tourism?", "How many people work in manufacturing in Jämtland?",
     "How many people work in tourism in Jämtland?"),
    # the place without its preposition after "om man ser på"
    ("om man ser på hela landet då?", "Hur många jobbar inom industrin i länet?",
     "Hur många jobbar inom industrin i hela landet?"),
])
def test_more_openers_of_an_ellipsis(question, previous, expected):
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected


@pytest.mark.parametrize("question,previous,expected", [
    ("och 2019?", "Vad omsätter turismen i Jämtland?", "Vad omsätter turismen i Jämtland 2019?"),
    ("and in 2019?", "How many people work in manufacturing in Jämtland in 2017?",
     "How many people work in manufacturing in Jämtland in 2019?"),
    ("and in 2019?", "How many people work in manufacturing in Jämtland?",
     "How many people work in manufacturing in Jämtland in 2019?"),
])
def test_a_year_asks_the_previous_question_of_that_year(question, previous, expected):
    """A year alone, or after "in"/"under", replaces the previous question's year or is
    added to it; it never replaces the subject ("Vad omsätter 2019 i Jämtland?")."""
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected


@pytest.mark.parametrize("question", [
    "räknas kringeffekter med?", "inkluderar det kringeffekter?",
    "ingår kringeffekter i den siffran?", "does that include spin-off effects?",
    "are spin-off effects included?", "inkl kringeffekter?", "including spin-off effects?",
    "är det bara direkta jobb?", "e det bara direkta jobb?", "is that only direct jobs?",
])
def test_whether_the_figure_includes_something(question):
    """Whether the figure just given includes something is asked of the previous
    question's figure; "ingår Torsta AB i Grönt Center?" says in what, and stands alone."""
    previous = Turn("Hur många jobb ger turismen?", "ca 7 000 årsarbeten")
    r = resolve_conversation(question, [previous])
    assert r.followup and r.question.endswith("(Hur många jobb ger turismen)?"), r
    alone = "ingår Torsta AB i Grönt Center?"
    assert resolve_conversation(alone, [previous]).question == alone


def test_a_fragment_after_an_inclusion_takes_the_question_before_it():
    """"och industrin?" after "Hur många årsarbeten genererar turismen?" — "inkl
    kringeffekter?" asks the first question of industry, not "inkl industrin?"."""
    history = [Turn("Hur många årsarbeten genererar turismen?", "x"),
               Turn("inkl kringeffekter?", "y")]
    assert resolve_conversation("och industrin?", history).question == (
        "Hur många årsarbeten genererar industrin?")


@pytest.mark.parametrize("question,previous,expected", [
    ("jämfört med turismen?", "Hur många jobbar inom industrin i länet?",
     "Hur många jobbar inom turismen i länet?"),
    ("jämfört med riket?", "Hur stor är den offentliga sektorn i länet?",
     "Hur stor är den offentliga sektorn i riket?"),
    ("how does that compare with tourism?", "How many people work in manufacturing?",
     "How many people work in tourism?"),
    ("vad sägs om turismen?", "Hur många jobbar inom industrin i länet?",
     "Hur många jobbar inom turismen i länet?"),
    ("vad sägs om det?", "Hur många jobbar inom industrin i länet?",
     "vad sägs om industrin?"),
])
def test_a_comparison_asks_the_previous_question_of_the_other_subject(
        question, previous, expected):
    """"jämfört med X?" without a figure of its own wants the previous figure for X, as
    "och X?" does; "vad sägs om" opens an ellipsis unless a pronoun follows."""
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected


@pytest.mark.parametrize("question,previous,expected", [
    ("tack! och turismen?", "Hur många jobbar inom industrin i länet?",
     "Hur många jobbar inom turismen i länet?"),
    ("ok, vad omsätter den?", "Hur många jobbar inom industrin i länet?",
     "vad omsätter industrin?"),
    ("thanks! what about tourism?", "How many people work in manufacturing?",
     "How many people work in tourism?"),
    # chat alone asks nothing; a question of its own after it stands alone as typed
    ("ok.", "Hur många jobbar inom industrin i länet?", "ok."),
    ("Tack så mycket! Vad är Peak Innovation?", "Hur många jobbar inom industrin i länet?",
     "Tack så mycket! Vad är Peak Innovation?"),
])
def test_chat_before_a_follow_up_asks_nothing(question, previous, expected):
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected


@pytest.mark.parametrize("question,previous,expected", [
    ("och dess omsättning?", "Hur många jobbar inom industrin i länet?",
     "Vad är industrins omsättning?"),
    ("and its turnover?", "How many people work in manufacturing in Jämtland?",
     "What is manufacturing's turnover?"),
    ("and their customers?", "How many people work in manufacturing in Jämtland?",
     "What are manufacturing's customers?"),
])
def test_a_possessive_ellipsis_asks_for_an_attribute_of_the_previous_subject(
        question, previous, expected):
    """"och dess omsättning?" is the previous subject's turnover, not turnover in its
    place ("Hur många jobbar inom dess omsättning?")."""
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected


def test_which_others_there_are_asks_of_the_previous_subject():
    """"det" after "finns" in "vilka andra finns det?" is formal (what other ones there
    are), not the name just given; "inom vilken bransch finns det?" asks where it is."""
    previous = Turn("Vad heter coworkingstället i Åre?",
                    "I Åre finns co-workingplatsen House Be, där flera företag sitter.")
    r = resolve_conversation("vilka andra finns det?", [previous])
    assert r.question == "vilka andra finns det (House Be)?"


@pytest.mark.parametrize("question,expected", [
    ("hur många destinationer samarbetar de med?",
     "hur många destinationer samarbetar IUC-Z group med?"),
    ("vilka tjänster erbjuder de till företagen?",
     "vilka tjänster erbjuder IUC-Z group till företagen?"),
])
def test_a_pronoun_after_the_asked_noun_and_its_verb_is_the_subject(question, expected):
    """After "hur många X" or "vilka X" the verb comes, then its subject: "de" there
    points back, though the question names X and more."""
    previous = Turn("Vad gör IUC-Z group?", "IUC-Z group är en gemensam nod")
    assert resolve_conversation(question, [previous]).question == expected
    article = "vilka företag har de gröna näringarna?"
    assert resolve_conversation(article, [previous]).question == article


def test_a_statement_question_names_no_subject_for_the_next_turn():
    """After "vad innebär det för industrin (the answer's sentence)?" a pronoun points past
    it, not to a capitalised word that begins the sentence in parentheses ("Mer")."""
    said = "Mer än 90 % av industrins kunder finns utanför länet."
    history = [Turn("Hur stor del av industrins kunder finns utanför Jämtland?", said),
               Turn("vad innebär det för industrin?", said)]
    r = resolve_conversation("vilka länder säljer de mest till?", history)
    assert r.question == "vilka länder säljer industrins kunder mest till?"


@pytest.mark.parametrize("question,history,expected", [
    ("vem driver stället?", [Turn("Vad heter coworkingstället i Åre?",
                                  "I Åre finns co-workingplatsen House Be, där företag sitter.")],
     "vem driver stället (House Be)?"),
    ("when was the organisation founded?", [Turn("What does Peak Innovation do?", "x")],
     "when was the organisation founded (Peak Innovation)?"),
])
def test_a_generic_noun_for_the_name_just_given(question, history, expected):
    """"stället", "the organisation" with nothing that says which one stand for the name
    the previous turn was about; "klustret för de gröna näringarna" says which."""
    assert resolve_conversation(question, history).question == expected
    for which in ("Vem driver klustret för de gröna näringarna?", "Var ligger Grönt Center?"):
        assert resolve_conversation(which, history).question == which


@pytest.mark.parametrize("question", ["Vad är Grönt Center och var ligger det?",
                                      "What does Peak Innovation do and who funds it?",
                                      "Vad är House Be och hur många företag finns där?",
                                      "What is House Be and how many companies work there?"])
def test_a_pronoun_of_a_later_clause_has_its_antecedent_in_the_question(question):
    """A new question of two clauses, the second with a pronoun for the first's subject,
    stands alone."""
    assert resolve_conversation(question, [INDUSTRY]).question == question


@pytest.mark.parametrize("question,previous,expected", [
    ("när?", "Vad gjorde Landsbygdskommittén 2017?",
     "när (Vad gjorde Landsbygdskommittén 2017)?"),
    ("when?", "What did the rural committee propose?",
     "when (What did the rural committee propose)?"),
    ("vilka myndigheter?", "Hur många jobbar på myndigheterna i länet?",
     "vilka myndigheter (Hur många jobbar på myndigheterna i länet)?"),
    ("which ones?", "How many people work at state agencies in the county?",
     "which ones (How many people work at state agencies in the county)?"),
    ("how many jobs?", "What does tourism turn over?",
     "how many jobs (What does tourism turn over)?"),
])
def test_a_bare_question_word_completes_the_previous_question(question, previous, expected):
    """A question word alone, or with one noun, asks the previous question's matter again,
    as a fragment does ("Since when?")."""
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected


@pytest.mark.parametrize("question,previous,expected,subject", [
    ("och året innan?", "Hur många jobbade i industrin 2017?",
     "Hur många jobbade i industrin 2016?", "2016"),
    ("and the year after?", "How many skier days were there in 2018?",
     "How many skier days were there in 2019?", "2019"),
])
def test_the_year_before_counts_from_the_previous_year(question, previous, expected, subject):
    """"året innan", "the year after" are the previous question's year minus or plus one,
    which is the new subject the answer must mention; not a subject in its place."""
    r = resolve_conversation(question, [Turn(previous, "x")])
    assert (r.question, r.subject) == (expected, subject)


def test_the_last_word_after_do_support_is_the_verb():
    """"What did the rural committee propose?" is about the committee; "propose" is the
    main verb after "did", not the subject."""
    r = resolve_conversation("what did it lead to?",
                             [Turn("What did the rural committee propose?", "x")])
    assert r.question == "what did the rural committee lead to?"


def test_a_swedish_name_with_an_english_generic_noun_stands_alone():
    """"grönt center" typed in lower case is Grönt Center, not "the center" just talked
    about: English generic nouns stand for a name only in English questions."""
    history = [Turn("Hur många hotellnätter hade Paris i fjol?", None),
               Turn("What is the capital of Norway?", None)]
    for q in ("var ligger grönt center", "är torsta med i grönt center"):
        assert resolve_conversation(q, history).question == q


@pytest.mark.parametrize("question,history,expected", [
    # a verb particle or a supine is no subject: "kom … igång", "har … hållit på"
    ("vad är poängen med det?", [Turn("när kom fiberutbyggnaden igång i regionen?", "x")],
     "vad är poängen med fiberutbyggnaden?"),
    ("vilka finansierar de?", [Turn("hur länge har skidförbundet hållit på", "x")],
     "vilka finansierar skidförbundet?"),
    ("vem driver det?", [Turn("när kom biblioteket tillbaka?", "x")],
     "vem driver biblioteket?"),
    # the verb of "do"-support is last before a year too
    ("what did it lead to?", [Turn("What did the school board decide in 2019?", "x")],
     "what did the school board lead to?"),
    # an indefinite place or thing the question asks to be named is no referent
    ("how has it shown in Jämtland?",
     [Turn("Has the relocation of agencies already happened anywhere?", "x")],
     "how has agencies shown in Jämtland?"),
    ("hur har det märkts i länet?", [Turn("har utlokaliseringen skett nånstans?", "x")],
     "hur har utlokaliseringen märkts i länet?"),
    # the word a question asked about as a word is what "they" are
    ("are they usually located close together?",
     [Turn("How does the report define the word cluster?", "x")],
     "are cluster usually located close together?"),
    # a present tense first, before its subject, that the ending test takes for a noun
    ("håller dom på att bygga nåt gemensamt nätverk?",
     [Turn("Hur många personer jobbar på myndigheterna i Jämtlands län?", "x")],
     "håller myndigheterna på att bygga nåt gemensamt nätverk?"),
    # a plural pronoun takes the question's plural noun, not its singular subject
    ("hur manga jobbar på dom?",
     [Turn("Vad planerar myndigheterna i länet när det gäller samarbete?", "x")],
     "hur många jobbar på myndigheterna?"),
    ("what are they focusing on?",
     [Turn("Which sectors do several of the county's largest private employers belong to?",
           "x")], "what are employers focusing on?"),
    # an article before an adjective and its noun is no reference
    ("Hur stor är den offentliga sektorn i Jämtlands län?",
     [Turn("Vad är Peak Innovation?", "x"), Turn("vad försöker dom göra?", "y")],
     "Hur stor är den offentliga sektorn i Jämtlands län?"),
])
def test_a_verb_particle_or_supine_is_no_referent(question, history, expected):
    """A pronoun refers to the noun or name the previous question is about, never to its
    verb, participle or particle."""
    assert resolve_conversation(question, history).question == expected


@pytest.mark.parametrize("question,history,expected", [
    ("where do they sell?", [Turn("how many people work in forestry in Västernorrland")],
     "where do forestry sell?"),
    ("what are their main products?", [Turn("how many people work in agriculture in Dalarna")],
     "what are agriculture's main products?"),
    # the home county typed without å, ä, ö is the home county still
    ("var finns deras kunder?", [Turn("hur manga jobbar inom skogsbruket i jamtland")],
     "var finns skogsbrukets kunder?"),
    # "där" is the place itself
    ("hur många bor där?", [Turn("Hur många företag finns i Sundsvall?")],
     "hur många bor i Sundsvall?"),
])
def test_a_place_is_no_plural_referent_beside_a_subject(question, history, expected):
    """A place is one thing: "they"/"their"/"de" after a question about something in a
    place refer to that something."""
    assert resolve_conversation(question, history).question == expected


def test_they_after_which_are_the_x_are_the_x():
    """"de" after "vilka är de stora X inom Y?" are the X asked to be named, not Y."""
    history = [Turn("vilka är de största privata arbetsgivarna inom handeln?", "x")]
    assert resolve_conversation("var ligger de?", history).question == (
        "var ligger största privata arbetsgivarna?")


@pytest.mark.parametrize("question,history,expected", [
    ("how big is it?", [Turn("What kind of farms dominate the dairy sector?",
                             "Sektorn präglas av Familjejordbruk med få anställda.")],
     "how big is the dairy sector?"),
    ("hur stor är den?", [Turn("vilken typ av företag präglar besöksnäringen?",
                               "Besöksnäringen präglas av Småföretag med få anställda.")],
     "hur stor är besöksnäringen?"),
])
def test_the_kind_an_answer_names_is_no_referent(question, history, expected):
    """After "what kind of X …?" the answer names a kind, not a thing; "it" is the previous
    question's own subject."""
    assert resolve_conversation(question, history).question == expected


@pytest.mark.parametrize("question,history,expected", [
    ("who's involved?", [Turn("Where is the science park located?", "x")],
     "who's involved (the science park)?"),
    ("why is that hard here?", [Turn("what is a food hub according to the plan?", "x")],
     "why is a food hub hard here?"),
    ("and how many jobs is that?", [Turn("How much does forestry turn over each year?", "x")],
     "and how many jobs is that (How much does forestry turn over each year)?"),
    ("hur många årsarbeten blir det?", [Turn("Hur mycket omsätter skogsbruket?", "x")],
     "hur många årsarbeten blir det (Hur mycket omsätter skogsbruket)?"),
])
def test_english_and_swedish_short_follow_ups(question, history, expected):
    """Membership with "involved", a pronoun before a one-word predicate, and a count of the
    figure just given in other units are follow-ups."""
    assert resolve_conversation(question, history).question == expected


@pytest.mark.parametrize("question,history", [
    # no figure was given: nothing to count again
    ("hur många nya jobb blev det?", [Turn("har satsningen märkts i kommunen?", "x")]),
    ("is that cluster big?", [Turn("What is a cluster?", "x")]),
])
def test_no_figure_or_no_lone_predicate_is_left_as_asked(question, history):
    """A count of "det" after a question that gave no figure, and "that" before a noun with
    its own predicate, are left as asked."""
    assert resolve_conversation(question, history).question == question


def test_a_grouping_noun_does_not_stand_for_an_organisation():
    """"that industry" after a turn about an organisation is not the organisation (it is
    no industry): the industry the answer names beside it, also for a question in English,
    and also after a question that asked who (a name, but not of a grouping); with no
    industry named, the phrase is left as asked. After "which cluster …?" "det klustret" is
    still the cluster the answer named."""
    history = [Turn("what does Nordic Forest Group do", "Nordic Forest Group är en nod för "
                    "skogsföretagen och företräder skogsnäringen.")]
    q = "how many people work in that industry?"
    assert resolve_conversation(q, history).question == "how many people work in skogsnäringen?"
    history = [Turn("who represents the forest companies", "Nordic Forest Group är en nod för "
                    "skogsföretagen och företräder skogsnäringen.")]
    assert resolve_conversation(q, history).question == "how many people work in skogsnäringen?"
    history = [Turn("who represents the forest companies", "Nordic Forest Group är en nod.")]
    assert resolve_conversation(q, history).question == q
    history = [Turn("i vilket kluster ingår sågverket?",
                    "Sågverket ingår i Träcentrum Norr, ett kluster för skogsnäringen.")]
    assert resolve_conversation("var ligger det klustret?", history).question == (
        "var ligger Träcentrum Norr?")


@pytest.mark.parametrize("question,expected", [
    ("vad är det för slags företag?",
     "vad är det för slags företag (Hur många jobbar i skogsnäringen)?"),
    ("och vad var det för typ av jobb då?",
     "och vad var det för typ av jobb då (Hur många jobbar i skogsnäringen)?"),
    ("vad e det för typ av företag mest?",
     "vad är det för typ av företag mest (Hur många jobbar i skogsnäringen)?"),
])
def test_what_kind_of_it_completes_the_previous_question(question, expected):
    """"vad är det för slags X?" with a formal "det" and nothing after X asks the kind of
    what the previous question was about."""
    history = [Turn("Hur många jobbar i skogsnäringen?", "x")]
    assert resolve_conversation(question, history).question == expected
    own = "vad är det för slags företag i hamnen?"
    assert resolve_conversation(own, history).question == own


@pytest.mark.parametrize("question,previous,expected", [
    # a municipality typed in lower case, without å, ä, ö, is a place: added, not the subject
    ("i lulea da?", "Hur många jobbar på sjukhusen?", "Hur många jobbar på sjukhusen i lulea?"),
    ("och i umeå?", "Hur många företag finns i Skellefteå?",
     "Hur många företag finns i umeå?"),
    # … and one in the previous question, also in lower case, is replaced
    ("and in oslo?", "how many hotels are there in bergen", "how many hotels are there in oslo"),
    # a common noun after "i" is a subject still
    ("och i skogen?", "Hur många jobbar inom industrin?", "Hur många jobbar i skogen?"),
])
def test_a_place_typed_in_lower_case_is_a_place(question, previous, expected):
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected


@pytest.mark.parametrize("question,expected", [
    ("any school that got new teachers?", "which school got new teachers?"),
    ("och någon kommun som fått fler invånare?", "vilken kommun har fått fler invånare?"),
    ("några hotell som byggts om?", "vilka hotell har byggts om?"),
])
def test_any_x_that_asks_which_x(question, expected):
    """"any X that …?" without a frame asks which X there is."""
    history = [Turn("How many people do the schools employ in the county?", "x")]
    assert resolve_conversation(question, history).question == expected


def test_a_relative_that_is_no_reference():
    """"that" after a noun begins a relative clause; it points back to nothing."""
    q = "Are there any schools that closed?"
    history = [Turn("How many people do the schools employ in the county?", "x")]
    assert resolve_conversation(q, history).question == q


@pytest.mark.parametrize("question,previous,expected", [
    # the subject right after the finite verb, not the last noun of an object or adverbial
    ("vilka samarbetar de med?", "hur länge har universitetet forskat om skog?",
     "vilka samarbetar universitetet med?"),
    ("vad gör de?", "när startade klustret upp sin verksamhet?", "vad gör klustret?"),
    ("hur har det märkts?", "har kommunala jobb flyttats ut från Umeå?",
     "hur har kommunala jobb märkts?"),
    ("vem äger det?", "när öppnade Hotell Fjällgården igen?", "vem äger Hotell Fjällgården?"),
    # after "vad"/"vem" the noun after the verb may be the object: the last noun still
    ("hur många sysselsätter det?", "Vad kännetecknar företagen i skogsklustret?",
     "hur många sysselsätter skogsklustret?"),
])
def test_the_subject_after_a_swedish_finite_verb(question, previous, expected):
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected


def test_a_singular_pronoun_passes_a_plural_referent_by():
    """"det" after "… myndigheterna …" — "hur har de samarbetat?" is the singular noun of
    the turn before ("samarbete"), not the authorities "de" referred to."""
    history = [Turn("planerar skolorna nåt utbyte?", "x"),
               Turn("hur har de samarbetat tidigare?", "x")]
    assert resolve_conversation("när ska det vara på plats?", history).question == (
        "när ska utbyte vara på plats?")


def test_they_after_a_count_from_a_place_are_what_was_counted():
    """"they" after "how many firms export from Umeå?" are the firms from Umeå."""
    history = [Turn("how many firms export from Umeå?", "x")]
    assert resolve_conversation("where do they sell?", history).question == (
        "where do firms from Umeå sell?")


@pytest.mark.parametrize("question,previous,expected", [
    ("who are they working with?",
     "how long has the institute been doing research on forestry?",
     "who are the institute working with?"),
    ("what's the point of it?", "when did coworking take off in the region?",
     "what's the point of coworking?"),
    ("what did it lead to?", "what did the school board decide in 2019",
     "what did the school board lead to?"),
    # the run ends at the verb, not at a place inside the subject
    ("how many jobs does it give?", "How much did the dairy industry in Jämtland turn over?",
     "how many jobs does the dairy industry give?"),
])
def test_the_subject_after_an_english_auxiliary(question, previous, expected):
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected


def test_a_swedish_definite_noun_ends_the_subject():
    """"när tog distansarbetet fart?": the subject ends at its definite noun."""
    history = [Turn("när tog distansarbetet fart i länet?", "x")]
    assert resolve_conversation("vad är grejen med det?", history).question == (
        "vad är grejen med distansarbetet?")


def test_there_after_a_subject_and_a_place_is_the_place():
    """"där" is where: the place the previous question named, not its subject."""
    history = [Turn("när flyttade verket till Luleå?", "x")]
    assert resolve_conversation("vilka jobbar där?", history).question == (
        "vilka jobbar i Luleå?")


@pytest.mark.parametrize("question,previous,expected", [
    ("hur många jobb ger det?", "Hur mycket omsätter skogsnäringen per år?",
     "hur många jobb ger skogsnäringen?"),
    ("hur många anställda har det?", "Var ligger Träcentrum Norr?",
     "hur många anställda har Träcentrum Norr?"),
])
def test_det_after_a_counted_object_is_the_subject(question, previous, expected):
    """"hur många jobb ger det?": the verb has the counted noun for its object, so "det" is
    its subject and refers back; "hur många företag finns det?" stays formal."""
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected
    formal = "hur många företag finns det?"
    assert resolve_conversation(formal, [Turn(previous, "x")]).question.startswith(formal[:-1])


def test_an_object_pronoun_is_not_its_own_clause_subject():
    """"what do they charge for them?": "them" is not "they" (that would be
    "themselves"); it is what the previous question asked about."""
    history = [Turn("What courses does the folk high school offer?", "x")]
    assert resolve_conversation("what do they charge for them?", history).question == (
        "what do the folk high school charge for courses?")


@pytest.mark.parametrize("question,previous,expected", [
    ("whats its goal", "what is peak innovation", "what's peak innovation's goal"),
    ("hur mycke pengar drar den in", "vilken typ av näring är turismen för jämtland",
     "hur mycket pengar drar turismen in"),
])
def test_function_words_typed_as_spoken(question, previous, expected):
    """Chat spellings of function words ("whats", "mycke") are read as written, so their
    reference resolves; a question that stands alone stays exactly as typed."""
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected
    alone = "whats the turnover of tourism in jämtland"
    assert resolve_conversation(alone, [Turn(previous, "x")]).question == alone


@pytest.mark.parametrize("question,expected", [
    ("vad är det för nåt egentligen", "vad är co-working för nåt egentligen"),
    ("vad var det för något då?", "vad var co-working för något då?"),
])
def test_what_is_it_for_a_thing_asks_what_it_is(question, expected):
    """"vad är det för nåt?" asks what "det" is, as "vad är det?" does."""
    history = [Turn("när kom co-working till regionen", "x")]
    assert resolve_conversation(question, history).question == expected
    for alone in ("vad finns det för nåt i åre?", "vad finns det för nåt?",
                  "vad gör det för nåt?"):
        assert resolve_conversation(alone, history).question == alone


def test_a_plural_pronoun_after_a_singular_subject_is_who_the_answer_names():
    """"dom" cannot be "turism" (one thing, no name): after an answer that names an
    organisation, which Swedish and English call "de"/"they", it is that organisation.
    A plural noun of the question, or a name typed in lower case, keeps the pronoun."""
    history = [Turn("bedrivs det nån forskning om turism i länet",
                    "De senaste 20 åren har institutet Etour bedrivit turismforskning.")]
    assert resolve_conversation("hur länge har dom hållit på", history).question == (
        "hur länge har Etour hållit på")
    named = [Turn("vad är etour", "De senaste 20 åren har Mittuniversitetet institutet "
                  "Etour bedrivit turismforskning.")]
    assert resolve_conversation("vilka samarbetar de med?", named).question == (
        "vilka samarbetar etour med?")
    plural = [Turn("What kind of companies dominate manufacturing?",
                   "Mostly small firms; IUC-Z supports them.")]
    assert "IUC" not in resolve_conversation("what's their export value?", plural).question


@pytest.mark.parametrize("question,previous,expected", [
    ("vilka fler är med i samma samarbete", "vad är eldrimner",
     "vilka fler är med i samma samarbete som eldrimner?"),
    ("who else is in the same cluster?", "What is Torsta AB?",
     "who else is in the same cluster as Torsta AB?"),
])
def test_the_same_x_is_the_same_as_the_previous_subject(question, previous, expected):
    """"samma samarbete" without "som …" is the same as what the previous turn was about;
    a question that compares two things of its own, or asks the same of another subject
    ("samma siffra för riket?"), is not completed so."""
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected
    for alone in ("har Åre och Östersund samma arbetslöshet?", "samma siffra för riket?"):
        assert "eldrimner" not in resolve_conversation(alone, [Turn(previous, "x")]).question
    # a pronoun is what the previous turn was about, not what it is the same as
    assert resolve_conversation("har de samma mål?", [Turn("vad är Eldrimner", "x")]
                                ).question == "har Eldrimner samma mål?"


def test_that_industry_after_an_organisation_is_the_industry_the_turn_names():
    """"den branschen" after a turn about an organisation is not the organisation but the
    industry the turn names beside it ("… företräder industrin")."""
    history = [Turn("finns det nån gemensam nod för industriföretagen",
                    "IUC-Z group är en gemensam nod för industriföretagen och företräder "
                    "industrin.")]
    assert resolve_conversation("hur många jobbar i den branschen", history).question == (
        "hur många jobbar i industrin")


def test_it_after_a_preposition_after_who_is_what_the_question_was_about():
    """After "who coordinates X?", "research on it" is on X, the thing talked about, while
    "does it work with" is who coordinates it, the name the answer gave."""
    answer = "Det klustret är samordnat av Jämtland Härjedalen Turism."
    history = [Turn("who coordinates the tourism cluster in jämtland", answer)]
    assert resolve_conversation("is there any research on it", history).question == (
        "is there any research on the tourism cluster")
    history = [Turn("Who coordinates tourism in Jämtland?", answer)]
    assert resolve_conversation("is there any research on it", history).question == (
        "is there any research on tourism")
    assert resolve_conversation("how many destinations does it work with?", history
                                ).question == (
        "how many destinations does Jämtland Härjedalen Turism work with?")


def test_an_attribute_of_a_bare_noun_takes_the_previous_question():
    """"vad är syftet?" after "vad planerar myndigheterna för samarbete?": "samarbete" alone
    is a kind of thing, not the one asked about; the previous question says whose it is.
    A definite or named subject stays the context ("(landsbygdskommittén)")."""
    history = [Turn("vad planerar myndigheterna i länet för samarbete", "x")]
    assert resolve_conversation("vad är syftet", history).question == (
        "vad är syftet (vad planerar myndigheterna i länet för samarbete)?")
    history = [Turn("vad föreslog landsbygdskommittén", "x")]
    assert resolve_conversation("vad är syftet", history).question == (
        "vad är syftet (landsbygdskommittén)?")


@pytest.mark.parametrize("question,expected", [
    ("har det genomförts nånstans än",
     "har utlokalisering av myndigheter genomförts nånstans än?"),
    ("har det märkts nåt av det i jämtland",
     "har det märkts nåt av utlokalisering av myndigheter i jämtland?"),
    ("has it happened?", "has utlokalisering av myndigheter happened?"),
    # "nåt" with no noun after it is no subject of its own: "det" still points back
    ("har det märkts nåt i jämtland?",
     "har utlokalisering av myndigheter märkts nåt i jämtland?"),
])
def test_whether_it_came_about_is_about_what_was_proposed(question, expected):
    """"har det genomförts?" after an answer that tells of a proposal asks whether the thing
    proposed came about, not its author or its document; a demonstrative with its noun
    ("has that relocation happened?") says itself what it is."""
    history = [Turn("vad gjorde landsbygdskommittén",
                    "Under 2017 presenterade ”Landsbygdskommittén” sitt betänkande SOU:2017:1 "
                    "med förslag till utlokalisering av myndigheter från Stockholm.")]
    assert resolve_conversation(question, history).question == expected
    own = "has that relocation actually happened?"
    assert resolve_conversation(own, history).question == own
    formal = "har det skett några förändringar?"  # "det" before its real subject
    assert resolve_conversation(formal, history).question == formal


def test_only_definite_nouns_of_what_the_previous_turn_spoke_of():
    """"hur såg samarbetet ut innan?" after "samarbetar myndigheterna på nåt sätt?": the
    definite "samarbetet" presupposes the collaboration just spoken of, so the question
    is completed with the previous one; with a scope of its own ("… i länet") or a noun
    the previous turn did not speak of, it stands alone."""
    history = [Turn("samarbetar myndigheterna på nåt sätt?", "x")]
    assert resolve_conversation("hur såg samarbetet ut innan", history).question == (
        "hur såg samarbetet ut innan (samarbetar myndigheterna på nåt sätt)?")
    for alone in ("hur såg samarbetet ut i länet", "hur såg industrin ut innan"):
        assert not resolve_conversation(alone, history).followup
    # a noun the previous question used as a subject of its own is no thing it introduced
    own = "hur mycket omsätter turismen?"
    assert resolve_conversation(own, [Turn("hur många jobbar inom turism?", "x")]).question == own


def test_the_last_in_the_list_is_the_last_name_the_answer_listed():
    """"den sista i listan" is the last name of the list an answer gave, also one turn
    before the previous; "the first one" the first."""
    listed = Turn("vilka är med i grönt center", "I detta samarbetar aktörer som LRF Jämtland, "
                  "Torsta AB, Hushållningssällskapet, Eldrimner med flera.")
    history = [listed, Turn("vad är målet med det", "Grönt Center är ett kluster.")]
    assert resolve_conversation("vad gör den sista i listan", history).question == (
        "vad gör Eldrimner?")
    assert resolve_conversation("who is the first one?", [listed]).question == (
        "who is LRF Jämtland?")


def test_what_a_phrase_was_completed_with_is_the_next_referent():
    """"When did that trend start (co-working hubs)?": the trend is of co-working hubs,
    not of the name the answer before gave, and "any" in the next turn is more of them."""
    history = [Turn("Which co-working hubs does the report mention?",
                    "I Ås i Krokoms kommun finns Grönt Center, ett kluster."),
               Turn("When did that trend start in the region?",
                    "En ökande trend och ny företeelse i regionen som utvecklades 2017.")]
    assert resolve_conversation("Are there any in Härjedalen?", history).question == (
        "Are there any co-working hubs in Härjedalen?")


@pytest.mark.parametrize("question", [
    "what do they mean by green industries",
    "vad menar de med gröna näringar?",
])
def test_they_of_what_a_named_term_means_is_impersonal(question):
    """"what do they mean by X?" names its term: "they" is whoever uses it, not the
    previous subject, and the question stands alone."""
    history = [Turn("who takes part in Grönt Center?", "LRF Jämtland, Torsta AB.")]
    assert not resolve_conversation(question, history).followup


def test_they_after_a_count_of_companies_are_the_companies():
    """"hur många företag …" counts a plural ("företag" has no plural ending): "de" in the
    next turn are the companies, not a name the answer gives."""
    history = [Turn("hur många företag finns i åre",
                    "I Åre har House Be skapats och huserar ca 80+ företag.")]
    assert resolve_conversation("vad jobbar de med?", history).question == (
        "vad jobbar företag med?")


def test_the_first_with_a_noun_of_its_own_is_no_list_item():
    """"när kom den första co-workingplatsen?" names its noun: no item of a list."""
    listed = Turn("vilka är med i grönt center", "Aktörer som LRF Jämtland, Torsta AB, "
                  "Hushållningssällskapet, Eldrimner med flera.")
    q = "när kom den första co-workingplatsen?"
    assert "LRF" not in resolve_conversation(q, [listed]).question


def test_that_industry_after_a_lower_case_organisation_takes_the_answers_sector():
    """An organisation typed in lower case is a name when the answer writes it capitalised;
    "that industry" after it is the sector the answer begins with ("Skogsbranschen"), and a
    possessive in the next turn keeps referring to that sector, not the organisation."""
    history = [Turn("how many sawmills does nordic forest group work with",
                    "Skogsbranschen är en basnäring i länet. Den samordnas av Nordic Forest "
                    "Group som samarbetar med ett 30-tal sågverk.")]
    first = resolve_conversation("how many jobs does that industry generate", history)
    assert first.question == "how many jobs does skogsbranschen generate"
    history.append(Turn("how many jobs does that industry generate", None))
    assert resolve_conversation("what share of their customers are abroad", history).question \
        == "what share of skogsbranschen's customers are abroad"


def test_a_pronoun_never_refers_to_an_adverb():
    """An adverb that ends a question ("tillsammans", "together") is no noun phrase; after
    two named parties joined by "och", a singular "det" is not them either (they are "de"),
    but what the answer says they have; a bare frame in the next turn keeps that."""
    answer = ("I Berg finns Skogens Hus, ett nav för skogsnäringen. Där samarbetar "
              "Mellanskog AB och SCA.")
    history = [Turn("vad jobbar mellanskog och sca med tillsammans", answer)]
    r = resolve_conversation("var ligger det", history)
    assert r.question == "var ligger Skogens Hus"
    history.append(Turn("var ligger det", "x"))
    assert resolve_conversation("vilka mer är med", history).question == (
        "vilka mer är med (Skogens Hus)?")
    # no name in the answer: left as asked rather than "var ligger tillsammans"
    history = [Turn("vad jobbar mellanskog och sca med tillsammans",
                    "Mellanskog och SCA samarbetar om plantor.")]
    assert "tillsammans" not in resolve_conversation("var ligger det", history).question


@pytest.mark.parametrize("question,expected", [
    ("how long has it been running", "how long has Nordlab been running"),
    ("when was it founded", "when was Nordlab founded"),
])
def test_it_before_a_progressive_or_passive_is_a_pronoun(question, expected):
    """"it" before "been"/"was" and a participle is the verb's subject ("has it been
    running", "was it founded"), no formal "it is …"; and after "which research institute
    …?" it is the name the answer puts after a noun of that kind (its apposition,
    "forskningsinstitutet Nordlab"), not an earlier name (who has the institute)."""
    history = [Turn("which research institute does the university have for forestry",
                    "Sedan 2005 har Skoguniversitetet forskningsinstitutet Nordlab som "
                    "forskar om skog.")]
    assert resolve_conversation(question, history).question == expected


def test_it_is_expected_that_stays_formal():
    """A participle with a clause after it keeps "it" formal ("has it been decided that
    …")."""
    history = [Turn("how many work in forestry", "x")]
    q = "has it been decided that more jobs come"
    assert resolve_conversation(q, history).question == q


@pytest.mark.parametrize("previous,question,expected", [
    ("how many government agency jobs are there in jamtland", "what about the tourism sector",
     "how many jobs are there in jamtland in the tourism sector?"),
    ("hur många statliga jobb finns det i länet", "och inom besöksnäringen?",
     "hur många jobb finns det i länet inom besöksnäringen?"),
    ("hur många statliga jobb finns det i länet", "och turismbranschen?",
     "hur många jobb finns det i länet inom turismbranschen?"),
])
def test_a_count_asked_of_a_sector_keeps_its_counted_noun(previous, question, expected):
    """A sector is where things are counted, not what is counted: the counted noun stays
    whole and loses the modifiers that said where; the sector is added as a place."""
    assert resolve_conversation(question, [Turn(previous, "x")]).question == expected


def test_a_count_asked_of_another_place_or_noun_is_unchanged():
    """Not a sector: the subject is replaced as before."""
    history = [Turn("how many co-working spaces are there in åre", "x")]
    assert resolve_conversation("and in östersund?", history).question == (
        "how many co-working spaces are there in östersund")


def test_a_kind_without_a_domain_is_within_the_previous_subject():
    """"vilken typ av företag dominerar?" names no domain: within the previous subject
    (not the adjective predicate "så exportberoende", which is no noun phrase); with a
    domain of its own it stands alone."""
    history = [Turn("varför är skogsnäringen i länet så exportberoende", "x")]
    r = resolve_conversation("vilken typ av företag dominerar", history)
    assert r.question == "vilken typ av företag dominerar (skogsnäringen)?"
    q = "what kind of jobs are there in tourism"
    assert resolve_conversation(q, history).question == q


def test_a_likeness_without_a_standard_is_like_the_previous_subject():
    """"finns det nåt liknande i X?" is like the previous subject; the next turn's "there"
    is the question's own place, not what it was like. With "similar to Y" it stands
    alone."""
    history = [Turn("vad är skogens hus", "x")]
    r = resolve_conversation("finns det nåt liknande i östersund", history)
    assert r.question == "finns det nåt liknande som skogens hus i östersund"
    history = [Turn("what is skogens hus", "x"), Turn("is there something similar in åre", "x")]
    assert resolve_conversation("what do people do there", history).question == (
        "what do people do in åre")
    q = "is there anything similar to Skogens Hus in Åre"
    assert resolve_conversation(q, [Turn("hur många jobbar i skogen", "x")]).question == q


def test_that_number_is_the_previous_answer():
    """"does that number include indirect effects?" asks about the figure just given."""
    r = resolve_conversation("does that number include indirect effects?", [
        Turn("how many jobs does tourism create?", "Branschen genererar 7 000 årsarbeten.")])
    assert r.followup and r.reason == "statement"


def test_a_plural_pronoun_takes_the_plural_noun_not_the_sector_after_it():
    """"vad samarbetar de kring?" after "vilka är de största arbetsgivarna inom den" (the
    service sector) asks about the employers, not the sector."""
    history = [Turn("hur ser tjänstesektorn ut i jämtland", "Länet har en historia av "
                    "tjänster av hög kvalité."),
               Turn("vilka är de största arbetsgivarna inom den", "Flera av länets största "
                    "privata arbetsgivare återfinns inom kontaktcenter.")]
    r = resolve_conversation("vad samarbetar de kring?", history)
    assert r.followup and "arbetsgivarna" in r.question and "tjänstesektorn" not in r.question


def test_the_county_in_the_genitive_is_no_referent_for_a_pronoun():
    """"planerar dom nåt gemensamt?" after "Hur många arbetar på myndigheter i Jämtlands
    län idag?" asks about the agencies; "Jämtlands län" is where, as "länet" is."""
    history = [Turn("Hur många arbetar på myndigheter i Jämtlands län idag?",
                    "I dag arbetar cirka 3 300 personer på myndigheterna i länet.")]
    r = resolve_conversation("planerar dom nåt gemensamt?", history)
    assert r.question == "planerar myndigheter nåt gemensamt?"
    history = [Turn("Hur exportberoende är tillverkningsindustrin i Jämtlands län?", "x")]
    r = resolve_conversation("vilka slags företag dominerar?", history)
    assert "tillverkningsindustrin" in r.question and "län" not in r.question


def test_there_is_the_place_when_the_subject_is_something_indefinite():
    """"företagen där" after "Varför är klusterbyggande en utmaning i Jämtland?" are the
    companies in Jämtland, not "i en utmaning"; after a definite subject ("Vad kännetecknar
    tillverkningsindustrin i länet?") "där" is that subject."""
    history = [Turn("Varför är klusterbyggande en utmaning i Jämtland?", "x")]
    assert resolve_conversation("hur brukar företagen där göra då?", history).question == (
        "hur brukar företagen i Jämtland göra då?")
    history = [Turn("Why is cluster building a challenge in Jämtland?", "x")]
    assert resolve_conversation("how do companies there usually act?", history).question == (
        "how do companies in Jämtland usually act?")
    history = [Turn("Vad kännetecknar tillverkningsindustrin i länet?", "x")]
    assert resolve_conversation("hur många sysselsätts där", history).question == (
        "hur många sysselsätts i tillverkningsindustrin")


def test_a_group_follow_up_narrows_the_subject_or_replaces_the_group():
    """"Och för kvinnorna?" after "Hur hög är sysselsättningsgraden i jämtlands län?" asks
    the rate for women in the county; after a question for men, women instead of men."""
    history = [Turn("Hur hög är sysselsättningsgraden i jämtlands län?", "x")]
    assert resolve_conversation("Och för kvinnorna?", history).question == (
        "Hur hög är sysselsättningsgraden för kvinnorna i jämtlands län?")
    history = [Turn("Hur hög är sysselsättningsgraden bland männen i länet?", "x")]
    assert resolve_conversation("och för kvinnorna?", history).question == (
        "Hur hög är sysselsättningsgraden för kvinnorna i länet?")
    history = [Turn("What is the employment rate in the county?", "x")]
    assert resolve_conversation("and for women?", history).question == (
        "What is the employment rate for women in the county?")


def test_what_as_the_subject_of_a_verb_asks_for_no_name():
    """"What characterizes the industrial cluster?" asks for no name: "it" in the next turn
    is the cluster, not a name the answer gives ("SME-företag")."""
    answer = "Det industriella klustret är starkt präglat av SME-företag."
    history = [Turn("What characterizes the industrial cluster in Jämtland?", answer)]
    assert resolve_conversation("how export dependent is it?", history).question == (
        "how export dependent is the industrial cluster?")
    history = [Turn("Which organisation coordinates the tourism cluster?",
                    "Det klustret är samordnat av Jämtland Härjedalen Turism.")]
    assert "Jämtland Härjedalen Turism" in resolve_conversation(
        "how many destinations does it work with?", history).question


def test_a_time_follow_up_takes_the_place_of_the_time_asked():
    """"o framöver?" after "hur har myndigheterna samarbetat hittills?" asks about the
    future instead of so far; "and now?" after a question about the past, now."""
    history = [Turn("hur har myndigheterna i länet samarbetat hittills?", "x")]
    assert resolve_conversation("o framöver?", history).question == (
        "hur har myndigheterna i länet samarbetat framöver?")
    history = [Turn("How did the government agencies in the county cooperate in the past?",
                    "x")]
    assert resolve_conversation("and now?", history).question == (
        "How did the government agencies in the county cooperate now?")
    history = [Turn("hur många jobbar inom turismen?", "x")]
    assert resolve_conversation("och i dag?", history).question == (
        "hur många jobbar inom turismen i dag?")
    history = [Turn("hur planerar myndigheterna att samarbeta framöver?", "x")]
    # "förut" as a report writes it, so that the answer says the time asked for
    assert resolve_conversation("hur var det förut?", history).question == (
        "hur planerar myndigheterna att samarbeta tidigare?")
    history = [Turn("hur mycket omsätter turismen i länet?", "x")]
    assert resolve_conversation("per år?", history).question == (
        "hur mycket omsätter turismen i länet per år?")


def test_a_strong_verb_after_the_asked_noun_is_no_subject():
    """"vad är det?" after "vilken ny trend kom i regionen 2017?" asks about the trend,
    not "kom" (the past of "komma", which the ending test takes for a noun)."""
    answer = "En ökande trend och ny företeelse i regionen var formen av co-workingplace."
    for question in ("vilken ny trend kom i regionen 2017?",
                     "Vilken ny trend dök upp i regionen 2017?"):
        r = resolve_conversation("vad är det?", [Turn(question, answer)])
        assert r.referent == "trend", question


def test_a_time_to_come_asks_for_no_word_of_its_own():
    """"o framöver?" after "hur har dom samarbetat hittills?" asks the same of the time to
    come, which a report says as plans ("nu planeras …"): the answer need not say
    "framöver"; "hur var det förut?" needs "tidigare"."""
    history = [Turn("hur har myndigheterna samarbetat hittills?", "x")]
    r = resolve_conversation("o framöver?", history)
    assert (r.followup, r.question, r.subject) == (
        True, "hur har myndigheterna samarbetat framöver?", "")
    r = resolve_conversation("hur var det förut?", [Turn("hur ska de samarbeta framöver?", "x")])
    assert r.subject == "tidigare"


def test_they_after_a_which_question_whose_answer_names_none_are_the_things_asked():
    """"vad samarbetar dom kring?" after "vilka stora privata arbetsgivare finns i länets
    tjänstesektor?", answered without a name, asks about the employers: "tjänstesektor"
    is one sector (a Latin loan in -or, not a plural)."""
    answer = ("Flera av länets största privata arbetsgivare återfinns inom kontaktcenter "
              "och man driver gemensamma satsningar.")
    r = resolve_conversation("vad samarbetar dom kring?", [
        Turn("vilka stora privata arbetsgivare finns i länets tjänstesektor?", answer)])
    assert r.question == "vad samarbetar stora privata arbetsgivare kring?"


def test_there_after_a_kind_of_something_refers_to_the_conversation():
    """"typer av bolag", "a tradition of firms" name no place of their own, so "där" and
    "there" still point back: to the sector talked about, or the county asked about."""
    r = resolve_conversation("vilka typer av bolag finns där?", [
        Turn("varför har tjänstesektorn vuxit i jämtland?", "x")])
    assert r.question == "vilka typer av bolag finns i tjänstesektorn?"
    r = resolve_conversation("is there a tradition of firms working together there?", [
        Turn("why is building clusters hard in jämtland?", "x")])
    assert r.question == "is there a tradition of firms working together in jämtland?"
    # a place of the question's own is what "där" refers to
    r = resolve_conversation("hur många företag i åre finns där?", [
        Turn("varför har tjänstesektorn vuxit i jämtland?", "x")])
    assert not r.followup or "tjänstesektorn" not in r.question


def test_an_example_at_a_place_asks_for_what_the_conversation_is_about_there():
    """"any example in åre?" after questions about co-working places asks whether there
    is one in Åre; "ge ett exempel i Åre" the same in Swedish."""
    r = resolve_conversation("any example in åre?", [
        Turn("what is a co-working place according to the report?", "x"),
        Turn("when did that trend start in the region?", "x")])
    assert r.question == "are there any co-working place in åre?"
    r = resolve_conversation("ge ett exempel i Åre", [
        Turn("Vilka brukar sitta på ett coworkingkontor?", "x")])
    assert r.question == "finns det några coworkingkontor i Åre?"


def test_a_focus_adverb_before_a_place_narrows_the_same_question():
    """"o bara i åre?" asks the previous question for Åre, as "och i åre?" does; "vad
    omsätter branschen?" after it is about tourism, not the place."""
    history = [Turn("hur många jobbar inom turismen i jämtland?", "x")]
    assert resolve_conversation("o bara i åre?", history).question == (
        "hur många jobbar inom turismen i åre?")
    history.append(Turn("o bara i åre?", "x"))
    assert resolve_conversation("vad omsätter branschen?", history).question == (
        "vad omsätter turismen?")


def test_it_after_what_something_has_meant_is_that_thing():
    """"vem föreslog den?" after "vad har utlokaliseringen av myndigheter inneburit för
    jämtland?" asks who proposed the relocation: "inneburit" (of "bära") is what it did,
    and "den" is the singular noun before "av myndigheter"."""
    r = resolve_conversation("vem föreslog den?", [
        Turn("vad har utlokaliseringen av myndigheter inneburit för jämtland?", "x")])
    assert r.question == "vem föreslog utlokaliseringen av myndigheter?"


def test_a_measure_alone_asks_it_of_the_same_subject():
    """"and jobs?" after "how much does tourism turn over each year?" asks how many jobs
    tourism gives, not how much "jobs" turn over; "och omsättningen?" likewise."""
    r = resolve_conversation("and jobs?", [
        Turn("how much does tourism in jamtland turn over each year?", "x")])
    assert r.question == "and jobs (how much does tourism in jamtland turn over each year)?"
    r = resolve_conversation("och omsättningen?", [Turn("hur många jobbar inom industrin?", "x")])
    assert r.question == "och omsättningen (hur många jobbar inom industrin)?"
    # what it is for, likewise: the purpose of the same subject, not a subject of its own
    r = resolve_conversation("och syftet?", [Turn("vilka aktörer ingår i grönt center?", "x")])
    assert r.question == "och syftet (vilka aktörer ingår i grönt center)?"
    r = resolve_conversation("and the purpose?", [Turn("what is peak innovation?", "x")])
    assert r.question == "and the purpose (what is peak innovation)?"
    # a subject of its own is an ellipsis as before
    r = resolve_conversation("och turismen?", [Turn("hur många jobbar inom industrin?", "x")])
    assert r.question == "hur många jobbar inom turismen?"


def test_they_are_no_place_the_turn_before_came_from():
    """"samarbetar dom nåt?" after "… hur många av dom har flyttats hit från sthlm?" asks
    about the agencies of the turn before, not Stockholm."""
    history = [Turn("hur många jobbar på myndigheterna i jämtlands län?", "x"),
               Turn("o hur många av dom har flyttats hit från sthlm?", "x")]
    assert resolve_conversation("samarbetar dom nåt?", history).question == (
        "samarbetar myndigheterna nåt?")


@pytest.mark.parametrize("question", ["why now?", "varför nu?", "varför just nu?"])
def test_why_now_asks_the_reason_for_the_previous_question(question):
    """"why now?" after a question about a plan asks the reason for that plan, like a bare
    "why?"."""
    history = [Turn("planerar myndigheterna ett samarbete?", "x")]
    resolved = resolve_conversation(question, history)
    assert resolved.followup
    assert resolved.question.endswith("(planerar myndigheterna ett samarbete)?")


@pytest.mark.parametrize("question,expected", [
    ("hör det till turismbranschen?", "hör Peak Innovation till turismbranschen?"),
    ("tillhör det nåt universitet?", "tillhör Peak Innovation nåt universitet?"),
    ("ligger det i åre?", "ligger Peak Innovation i åre?"),
    # "det" before what is somewhere is formal
    ("ligger det några företag i åre?", "ligger det några företag i åre?"),
])
def test_it_after_a_verb_of_belonging_is_the_thing_just_named(question, expected):
    """"hör det till turismbranschen?" after an answer naming Peak Innovation: "det" right
    after a verb of belonging or place is a thing, not a formal subject."""
    history = [Turn("finns det nåt klusterinitiativ för sport i länet?",
                    "Inom turismbranschen finns Peak Innovation, ett klusterinitiativ för Sport, "
                    "friluftsliv och turism.")]
    assert resolve_conversation(question, history).question == expected


def test_doing_that_is_no_subject_of_its_own():
    """"how long has it been doing that?" after an answer naming Etour: "doing that" is
    what it does, so "it" is Etour."""
    history = [Turn("which research institute studies tourism in the county?",
                    "De senaste 20 åren har Mittuniversitetet turismforskningsinstitutet Etour "
                    "som bedrivit turismforskning i nära samarbete med företagen.")]
    assert resolve_conversation("how long has it been doing that?", history).question == (
        "how long has Etour been doing that?")


def test_a_yes_no_question_after_och_or_men_stands_as_its_own():
    """"men samarbetar företagen där?" after a question about Jämtland is a question of its
    own in verb-first order ("där" is Jämtland), no ellipsis of the previous question; "och
    turismen?" still is one."""
    history = [Turn("varför är klusterbyggande svårt i jämtland?",
                    "Kluster och klusterbyggande är en utmaning i ett glest befolkat län som "
                    "Jämtland.")]
    assert resolve_conversation("men samarbetar företagen där?", history).question == (
        "Samarbetar företagen i jämtland?")
    assert resolve_conversation("och turismen?", history).question == (
        "varför är turismen i jämtland?")


def test_so_before_a_question_about_the_statement():
    """"so what does that mean for the industry?" asks what the previous answer's statement
    means, as without "so"."""
    answer = ("Mer än 90 % av industrins kunder finns utanför länet vilket gör "
              "tillverkningsindustrin mycket exportberoende.")
    history = [Turn("what share of manufacturing customers are outside the county?", answer)]
    resolved = resolve_conversation("so what does that mean for the industry?", history)
    assert resolved.followup and answer in resolved.question


COWORKING = ("I Åre har House Be skapats och huserar ca 80+ företag och i Östersund finns "
             "Gomorron Östersund som fyllt sina lokaler med ca 60 företagare.")


@pytest.mark.parametrize("question,history,expected", [
    # "är det ADJEKTIV?" asks about the thing the previous turn named; of two names in the
    # answer, the one the question led to, typed without å/ä/ö ("i ostersund")
    ("är det fullt?", [Turn("vad heter co-workingstället i ostersund", COWORKING)],
     "är Gomorron Östersund fullt?"),
    ("är det fullt?", [Turn("vad heter co-workingstället i åre", COWORKING)],
     "är House Be fullt?"),
    # a pronoun before a preposition left at the end: what it is for
    ("vilken bransch är det för?",
     [Turn("vad erbjuder IUC-Z för tjänster till företagen",
           "IUC-Z group är en gemensam nod för industriföretagen.")],
     "vilken bransch är IUC-Z för?"),
])
def test_it_judged_or_what_it_is_for_points_back(question, history, expected):
    assert resolve_conversation(question, history).question == expected


@pytest.mark.parametrize("question", [
    "är det sant?", "är det många som jobbar i turismen?", "är det ett kluster i Åre?",
    "är det fullt av folk i Åre på vintern?", "vad är det för kluster i Ås?",
])
def test_it_is_formal_before_a_clause_a_count_or_a_noun(question):
    history = [Turn("vad heter co-workingstället i ostersund", COWORKING)]
    assert resolve_conversation(question, history).question == question


def test_a_name_typed_in_lower_case_is_replaced_whole():
    """"vad jobbar jamtland harjedalen turism med" — "och peak innovation då?": the name the
    answer writes "Jämtland Härjedalen Turism" is the subject replaced, all three words; a
    lower-case acronym ("iuc-z") is the name a pronoun refers to."""
    tourism = Turn("vad jobbar jamtland harjedalen turism med",
                   "Det klustret är samordnat av Jämtland Härjedalen Turism som jobbar "
                   "strategiskt.")
    assert resolve_conversation("och peak innovation då?", [tourism]).question == (
        "vad jobbar peak innovation med")
    iucz = Turn("vad erbjuder iuc-z för tjänster till företagen",
                "IUC-Z group är en gemensam nod för industriföretagen.")
    assert resolve_conversation("vilken bransch är det för?", [iucz]).question == (
        "vilken bransch är IUC-Z för?")


PUBLIC = Turn("hur stor är offentliga sektorn i länet jämfört med riket?",
              "Den offentliga sektorn är stor i länet och anställer ca 42 %.")
DOMINATE = Turn("vilka slags företag dominerar industriklustret?",
                "… industriella kluster inom tillverkningsindustrin som är präglat av SME-företag.")


@pytest.mark.parametrize("question,history,expected", [
    # what the subject is compared with is no subject ("jämfört med riket")
    ("har den vuxit på sistone?", [PUBLIC], "har offentliga sektorn vuxit på sistone?"),
    # "hur mkt" is "hur mycket" typed short
    ("hur mkt pengar drar den in per år?",
     [Turn("är turismen en viktig näring i länet?", "Turismen är en grundläggande näring.")],
     "hur mkt pengar drar turismen in per år?"),
    # a total asked with no subject is the previous question's
    ("hur många anställda totalt?", [DOMINATE],
     "hur många anställda totalt (vilka slags företag dominerar industriklustret)?"),
    ("how many employees in total?", [DOMINATE],
     "how many employees in total (vilka slags företag dominerar industriklustret)?"),
])
def test_comparisons_abbreviations_and_totals(question, history, expected):
    assert resolve_conversation(question, history).question == expected


def test_a_question_for_others_is_told_from_one_for_more_of_a_figure():
    from reportqa.ask.followup import asks_for_others, earlier_answers, earlier_questions

    for question in ("vilka fler myndigheter har flyttat hit?", "nån annan aktör?",
                     "vilka andra är med?", "which other agencies moved here?",
                     "are there any more clusters?"):
        assert asks_for_others(question), question
    for question in ("hur många fler jobb blev det?", "vilka myndigheter har flyttat hit?",
                     "finns det andra kluster i Åre?", "how many more jobs?",
                     "what else does the organisation do?"):
        assert not asks_for_others(question), question
    history = [Turn("vilken myndighet fick tjänster?", "… inom Tillväxtverket."),
               Turn("när?", None)]
    assert earlier_questions(history) == "vilken myndighet fick tjänster? när?"
    assert earlier_answers(history) == "… inom Tillväxtverket. "


def test_they_after_those_counted_in_a_named_thing_are_those_in_it():
    """"vad vill dom uppnå?" after "vilka organisationer samarbetar i grönt center?" is
    about the organisations in Grönt Center (a name, no place); after "… i Åre" about the
    companies, as before."""
    green = Turn("vilka organisationer samarbetar i grönt center?",
                 "I Ås finns Grönt Center, ett kluster. I detta samarbetar aktörer som LRF "
                 "Jämtland, Torsta AB och Eldrimner.")
    assert resolve_conversation("vad vill dom uppnå?", [green]).question == (
        "vad vill organisationer i Grönt Center uppnå?")


@pytest.mark.parametrize("question,expected", [
    ("bara i sverige el internationellt med?", True),
    ("locally or internationally?", True),
    ("är det stort eller litet?", False),  # a question of its own
    ("jobbar de lokalt eller internationellt?", False),  # a reference, resolved as such
])
def test_a_bare_choice_completes_the_previous_question(question, expected):
    tourism = Turn("vad gör jämtland härjedalen turism?",
                   "Det klustret är samordnat av Jämtland Härjedalen Turism som jobbar i "
                   "nationella och internationella sammanhang.")
    resolved = resolve_conversation(question, [tourism])
    assert resolved.question.endswith("(vad gör Jämtland Härjedalen Turism)?") == expected


@pytest.mark.parametrize("question", ["vilka är det?", "vilka då?", "vilka är dom?",
                                      "which are they?", "which ones?"])
def test_which_ones_after_a_count_asks_for_the_ones_counted(question):
    """"vilka är det?" after "hur många destinationer samarbetar de med?" asks which the
    destinations are, not who "de" are: a sentence that only counts them does not answer."""
    count = Turn("hur många destinationer samarbetar Jämtland Härjedalen Turism med?",
                 "… samverkan med ett 20-tal besöksdestinationer …")
    r = resolve_conversation(question, [count])
    assert r.followup and "destinationer" in r.question.split("(")[0], r.question
    assert "Turism" not in r.question.split("(")[0]
    # after a question that counts nothing, "vilka är det?" is the earlier subject's
    named = resolve_conversation(question, [Turn("vem samordnar turismklustret?",
                                                 "… samordnat av Jämtland Härjedalen Turism")])
    assert "destinationer" not in named.question


def test_there_after_plural_things_in_a_place_is_the_place():
    """"why is the service sector strong there?" after "do the service companies in the
    county work together?": "there" is the county, not the companies."""
    r = resolve_conversation("why is the service sector strong there?", [Turn(
        "Do the service companies in the county work together?", "… tjänstesektorn.")])
    assert r.question == "why is the service sector strong in the county?"
    thing = resolve_conversation("how many work there?", [Turn(
        "What is Peak Innovation?", "Peak Innovation, ett klusterinitiativ …")])
    assert "Peak Innovation" in thing.question


def test_that_before_an_adverb_or_participle_is_a_pronoun():
    """"has that actually happened in Jämtland?" after an answer that proposes something:
    "that" is what was proposed ("actually" is no noun of "that")."""
    proposal = Turn("what did it propose?", "Under 2017 presenterade ”Landsbygdskommittén” "
                    "sitt betänkande SOU:2017:1 med förslag till utlokalisering av myndigheter "
                    "från storstadsregionen Stockholm.")
    for question in ("has that actually happened in Jämtland?", "has that happened?"):
        r = resolve_conversation(question, [proposal])
        assert "utlokalisering av myndigheter" in r.question, r.question


def test_a_definite_noun_the_answer_said_as_a_verb_is_about_that_answer():
    """"vad är syftet med samarbetet?" after an answer on who "samarbetar" in Grönt Center
    is about that cooperation: the answer's words come along; a question whose noun the
    answer does not speak of, or names itself, stands alone."""
    answer = ("I Ås i Krokoms kommun finns Grönt Center, ett kluster för de gröna näringarna. "
              "I detta samarbetar aktörer som LRF Jämtland och Torsta AB.")
    previous = Turn("vilka aktörer ingår i grönt center?", answer)
    r = resolve_conversation("vad är syftet med samarbetet?", [previous])
    assert r.followup and "Grönt Center" in r.question
    assert not resolve_conversation("vad är syftet med myndighetsnätverket?",
                                    [previous]).followup
    assert not resolve_conversation("vad är syftet med samarbetet i länet?",
                                    [previous]).followup  # a scope of its own
    named = Turn("samarbetar de?", "Samarbetet i Grönt Center samarbetar kring mat.")
    assert not resolve_conversation("vad är syftet med samarbetet?", [named]).followup


@pytest.mark.parametrize(("question", "place"), [
    ("hur många har flyttat in?", "Gomorron Östersund"),
    ("hur manga företagare har flyttat in", "Gomorron Östersund"),
])
def test_moving_in_with_no_place_is_moving_in_there(question, place):
    """"hur många har flyttat in?" after the name of a co-working place: moved in there."""
    history = [Turn("vad heter co-working stället i östersund?",
                    "I Åre har House Be skapats och i Östersund finns Gomorron Östersund som "
                    "under året fyllt sina lokaler med ca 60 företagare.")]
    r = resolve_conversation(question, history)
    assert r.followup and place in r.question, r.question
    assert not resolve_conversation("hur många har flyttat in till länet?", history).followup


_EMPLOYERS = Turn("i vilka branscher finns länets största privata arbetsgivare",
                  "Flera av länets största privata arbetsgivare återfinns inom kontaktcenter, "
                  "kundservice-, administration och tjänsteföretag och man driver gemensamma "
                  "samarbeten.")


@pytest.mark.parametrize(("question", "expected"), [
    ("varför har den sektorn vuxit?", "varför har tjänstesektorn vuxit?"),
    ("vad har drivit på utvecklingen i den sektorn?",
     "vad har drivit på utvecklingen i tjänstesektorn?"),
    ("what drove the growth of that sector?", "what drove the growth of tjänstesektorn?"),
    ("why has that sector grown there?", "why has tjänstesektorn grown in länet?"),
])
def test_that_sector_is_the_sector_of_the_companies_the_answer_names(question, expected):
    """"den sektorn"/"that sector" after an answer that names a sector only by its companies
    ("… tjänsteföretag") is that sector ("tjänstesektorn"), not the employers asked about;
    "there" is where the employers are (the county of "länets"), not the employers."""
    assert resolve_conversation(question, [_EMPLOYERS]).question == expected


def test_it_with_a_time_adverb_still_points_back():
    """"hur har det funkat tidigare?" names no subject of its own: "tidigare" is when, so
    "det" is what the previous question asked about, as in "hur har det funkat?"."""
    previous = Turn("planerar myndigheterna i länet nåt gemensamt samarbete?",
                    "Tidigare har samarbete bedrivits informellt men nu planeras ett mer "
                    "formaliserat samarbete.")
    assert resolve_conversation("hur har det funkat tidigare?", [previous]).question == (
        "hur har samarbete funkat tidigare?")


def test_thanks_without_punctuation_before_but_or_alone():
    """"ok men hur många är sysselsatta där?" is the follow-up after "ok"; "ok" alone asks
    nothing (it is no subject to put in the previous question); "bra och dåliga sidor …"
    is no thanks."""
    history = [Turn("hur mkt omsätter turismen per år",
                    "Branschen omsätter årligen nästan fem miljarder kronor.")]
    r = resolve_conversation("ok men hur många är sysselsatta där?", history)
    assert r.followup and r.question.lower() == "hur många är sysselsatta i turismen?"
    for alone in ("ok", "tack", "bra"):
        assert not resolve_conversation(alone, history).followup, alone
    assert not resolve_conversation("bra och dåliga sidor med turismen?", history).followup


def test_the_verb_a_yes_no_question_begins_with_is_not_its_subject():
    """"märks det i jämtland?" begins with its verb ("det" its subject): "dom" in the next
    turn points past it, to the agencies of the turn before, not to "märks"."""
    history = [Turn("har utlokaliseringen av myndigheter gjorts nånstans",
                    "Idag sysselsätter myndigheterna i Jämtlands län cirka 3 300 personer och "
                    "den statliga utlokaliseringen har redan verkställts."),
               Turn("märks det i jämtland?")]
    r = resolve_conversation("och hur många jobbar på dom här nu?", history)
    assert r.followup and "märks" not in r.question and "myndigheter" in r.question, r.question


def test_that_branch_after_a_plural_is_the_branch_the_answer_names():
    """"den branschen" after "vilka tjänster då?" (about IUC-Z) is not "tjänster", many
    services, but the branch IUC-Z's answer names ("… företräder industrin")."""
    history = [Turn("vad gör IUC-Z?", "IUC-Z group är en gemensam nod för industriföretagen "
                    "och företräder industrin, tillhandahåller en rad olika tjänster."),
               Turn("vilka tjänster då?", "IUC-Z group är en gemensam nod för "
                    "industriföretagen och företräder industrin, tillhandahåller en rad "
                    "olika tjänster.")]
    r = resolve_conversation("hur många är anställda i den branschen?", history)
    assert r.question == "hur många är anställda i industrin?", r.question


def test_it_after_a_question_for_several_names_is_what_that_question_was_about():
    """"vem finansierar det?" after "vilka branscher riktar det sig till?" (about Peak
    Innovation) is about Peak Innovation, not "Sport", one of the branches the answer names."""
    answer = ("Inom turismbranschen finns Peak Innovation, ett klusterinitiativ för Sport, "
              "friluftsliv och turism som jobbar för att forskning och entreprenörer ska gå "
              "hand i hand.")
    for first, second, third in (
            ("vad är målet med peak innovation", "vilka branscher riktar det sig till?",
             "vem finansierar det?"),
            ("what is the aim of peak innovation", "which industries does it target?",
             "who funds it?")):
        history = [Turn(first, answer), Turn(second, answer)]
        r = resolve_conversation(third, history)
        assert "Peak Innovation" in r.question, r.question


def test_a_plural_that_ends_a_do_question_is_its_subject_not_its_verb():
    """"What does the report mean by green industries?" ends in a noun (a verb after "does"
    has no -s): "they" in the next turn are the green industries, not "industries" alone."""
    history = [Turn("What does the report mean by green industries?",
                    "Företag med basen i jord och skog utgör tillsammans gröna näringar.")]
    r = resolve_conversation("are they important for the county?", history)
    assert r.question == "are green industries important for the county?", r.question


def test_whether_it_grows_asks_it_of_what_was_named():
    """"ökar det?" after a count of agency staff asks whether the agencies grow, as "is it
    growing?" does; it is no new subject put into the previous question."""
    history = [Turn("hur manga jobbar pa statliga myndigheter i lanet",
                    "Idag sysselsätter myndigheterna i Jämtlands län cirka 3 300 personer.")]
    r = resolve_conversation("ökar det?", history)
    assert r.followup and r.question.startswith("ökar ") and "myndigheter" in r.question, (
        r.question)


@pytest.mark.parametrize("previous,followup,expected", [
    # the one sector the earlier question names is replaced, wherever its subject span is
    ("stämmer det att turismen ger 7000 årsarbeten", "och tillverkningsindustrin då",
     "stämmer det att tillverkningsindustrin ger 7000 årsarbeten"),
    # a genitive stays a genitive
    ("hur stor andel av industrins kunder finns utanför länet", "och turismen?",
     "hur stor andel av turismens kunder finns utanför länet"),
    ("hur många jobbar i turismen?", "och industrin?", "hur många jobbar i industrin?"),
])
def test_a_sector_replaces_the_sector(previous, followup, expected):
    r = resolve_conversation(followup, [Turn(previous)])
    assert r.question == expected


def test_they_after_an_answer_that_names_where_are_what_was_asked_about():
    """"vad ska dom åstadkomma?" after "vilka sitter i grönt center" answered by "I Ås i
    Krokoms kommun finns Grönt Center …": "dom" are Grönt Center, not Ås, the place the
    answer names."""
    history = [Turn("vilka sitter i grönt center",
                    "I Ås i Krokoms kommun finns Grönt Center, ett kluster för de gröna "
                    "näringarna i länet.")]
    r = resolve_conversation("vad ska dom åstadkomma?", history)
    assert r.question == "vad ska Grönt Center åstadkomma?", r.question


def test_even_after_the_pronoun_leaves_it_the_last_word():
    """"vad e det ens" asks what the thing just talked about is; "ens" is no subject for
    the next turn ("finns det nåt i åre?")."""
    history = [Turn("coworking nar började det i regionen",
                    "En ökande trend i regionen som utvecklades 2017 var formen av "
                    "co-workingplace.")]
    r = resolve_conversation("vad e det ens", history)
    assert r.followup and "coworking" in r.question, r.question
    r2 = resolve_conversation("finns det nåt i åre?", [*history, Turn("vad e det ens", None)])
    assert "ens" not in r2.question.split(), r2.question


def test_the_industry_in_english_is_the_one_the_turn_named():
    """"and how many jobs does the industry generate?" after a turn whose answer names
    "Turismbranschen" asks it of that industry; "the tourism industry" names its own."""
    history = [Turn("how many destinations does Jämtland Härjedalen Turism work with",
                    "Turismbranschen och upplevelseturismen är en grundläggande näring i "
                    "Jämtlands län.")]
    r = resolve_conversation("and how many jobs does the industry generate?", history)
    assert r.followup and "turismbranschen" in r.question.lower(), r.question
    r2 = resolve_conversation("how many jobs does the manufacturing industry generate?",
                              history)
    assert "turismbranschen" not in r2.question.lower(), r2.question


def test_an_irregular_english_participle_is_no_subject():
    """"which kinds of companies?" after "Why has the service sector grown in Jämtland?"
    is about the service sector; "grown" is the verb."""
    history = [Turn("Why has the service sector grown in Jämtland?",
                    "I Jämtlands län finns en gedigen historia av att producera tjänster.")]
    r = resolve_conversation("which kinds of companies?", history)
    assert "service sector" in r.question and "grown" not in r.question, r.question


@pytest.mark.parametrize("previous,followup,expected", [
    ("va gör jämtland härjedalen turism", "även internationellt?",
     "va gör jämtland härjedalen turism internationellt?"),
    ("what does Peak Innovation do", "and internationally?",
     "what does Peak Innovation do internationally?"),
    ("hur stor är arbetslösheten i länet", "och nationellt?",
     "hur stor är arbetslösheten nationellt"),
])
def test_a_scope_alone_asks_the_same_at_that_scope(previous, followup, expected):
    assert resolve_conversation(followup, [Turn(previous)]).question == expected


def test_there_after_a_sector_and_its_figure_is_the_sector():
    """"hur många jobbar där då" after "turismen omsättning per år" — "och industrin?" is
    about the industry, where people work, not about "omsättning"; a place named stays
    "där"."""
    history = [Turn("industrin omsättning per år", "Branschen omsätter årligen fem miljarder.")]
    r = resolve_conversation("hur många jobbar där då", history)
    assert "industrin" in r.question and "omsättning" not in r.question, r.question
    r2 = resolve_conversation("hur många företag finns där?",
                              [Turn("hur många jobbar inom turismen i åre?")])
    assert "åre" in r2.question, r2.question


@pytest.mark.parametrize("question", [
    "men samarbetar företagen nåt?",
    "brukar företagen här samarbeta då?",
    "but do the companies cooperate?",
    "is agriculture important then?",
])
def test_a_question_put_as_the_next_turn_is_read_as_typed_next_to_the_answer(question):
    """"men …?", "… då?", "but …?": a question of its own, said as the next turn of the
    conversation (which goes on through the report); read as typed, as a follow-up, so that
    the answer next to the one just read is looked at first. Without an answer read, or
    without such a word, it stands alone."""
    read = Turn("varför är det svårt att bygga kluster i jämtland?",
                "Kluster och klusterbyggande är en utmaning i ett glest befolkat län.")
    r = resolve_conversation(question, [read])
    assert (r.question, r.followup, r.reason) == (question, True, "continues")
    assert not resolve_conversation(question, [Turn(read.question, None)]).followup
    assert not resolve_conversation("samarbetar företagen i länet?", [read]).followup


@pytest.mark.parametrize("question", [
    "brukar företagen där samarbeta?",
    "brukar företagen här samarbeta?",
    "are companies there used to working together?",
])
def test_a_question_about_where_the_conversation_is_goes_on_from_the_answer_read(question):
    """"där"/"här"/"there" that names no place of its own is where the conversation is: read
    as typed, next to the answer just read; "are there …" is no such place."""
    read = Turn("varför är det svårt att bygga kluster i jämtland?",
                "Kluster och klusterbyggande är en utmaning i ett glest befolkat län.")
    r = resolve_conversation(question, [read])
    assert (r.question, r.followup, r.reason) == (question, True, "continues")
    assert not resolve_conversation("are there clusters in the county?", [read]).followup


def test_what_kind_of_things_it_is_points_back():
    """"vad för slags företag är det mest?" asks what kind of companies the thing just asked
    about has: "det" is its subject, not a formal one ("är det svårt …")."""
    r = resolve_conversation("vad för slags företag är det mest", [
        Turn("Hur många jobbar inom tillverkningsindustrin i länet?", "x")])
    assert r.followup and "tillverkningsindustrin" in r.question
    r = resolve_conversation("what kind of firms are they?", [
        Turn("how many people work in manufacturing?", "x")])
    assert r.followup and "manufacturing" in r.question


@pytest.mark.parametrize("question", [
    "har det blivit nåt av det i jämtland?",  # a preposition's object, a place after it
    "has that led to anything in jämtland?",  # "that" before a past form is its subject
])
def test_what_came_of_it_points_back(question):
    """A follow-up that asks what came of what was just read, at a place, refers to it:
    "det" after "av" ends the clause, "led" is a verb, not the noun of "that"."""
    r = resolve_conversation(question, [Turn(
        "vad heter betänkandet?", "Under 2017 presenterade Landsbygdskommittén sitt "
        "betänkande SOU:2017:1 med förslag till utlokalisering av myndigheter.")])
    assert r.followup and r.reason == "reference"


@pytest.mark.parametrize("question", [
    "hur har det funkat innan?",  # "innan" is a time, not a subject
    "hur har det sett ut innan?",  # "sett" (of "se") is a verb, short as it is
])
def test_how_it_was_before_points_back(question):
    """"hur har det funkat innan?" after the agencies' plans asks how their cooperation
    worked before: "det" is the subject, as in "hur har det funkat tidigare?"."""
    r = resolve_conversation(question, [Turn(
        "planerar myndigheterna nåt samarbete",
        "Myndigheterna i länet bedriver ett arbete för att bilda ett myndighetsnätverk.")])
    assert r.followup and r.reason == "reference", r
