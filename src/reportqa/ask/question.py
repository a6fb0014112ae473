"""A question as weighted concepts: what lexical search scores and what confidence covers.

A concept is one content word of the question (or one part of a compound, or one English
word or phrase) with its alternatives, each an index token with a factor saying how well it
stands for the concept: the word's own stem (1.0); stems that differ only by an inflection
ending found in the index vocabulary ("industri" ~ "industrin", 0.9); Swedish synonyms via
the glossary (lower); for English questions, the Swedish translations from the glossary.
Each concept also carries a weight, how informative the word is in general language
(wordfreq), which confidence uses: a question whose rare words the report never mentions
("liftkort", "arbetslöshet") is one the report cannot answer.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from reportqa.ingest.editions import Editions, EditionWish
from reportqa.text.analyzer import STOPWORDS, Analyzer, raw_words
from reportqa.text.glossary import (
    Glossary,
    english_key,
    load_general_glossary,
    load_glossary,
    load_question_stopwords_en,
    load_verb_forms_sv,
)
from reportqa.text.language import detect_language
from reportqa.text.places import with_place_names
from reportqa.text.spelling import (
    english_spelled_out,
    load_restorations,
    repair_question,
    restore_report_words,
)
from reportqa.text.thesaurus import Thesaurus, load_thesaurus
from reportqa.text.vocabulary import (
    MIN_HEAD,
    MIN_PART,
    looks_like_noun,
    rarity,
    split_compound,
    wordset,
    zipf,
)

_QUANTITY = re.compile(
    r"\b(hur\s+(många|mycket|stor(t|a)?|hög(t|a)?|länge|långt)|vilken\s+(andel|siffra)|"
    r"(hur|vilken)\s+(stor\s+)?(andel|procent)|antal|andel(en)?|procentandel(en)?|"
    r"hur\s+många\s+procent|(share|percentage|proportion)\s+of|"
    # "vad låg ungdomsarbetslösheten på 2013?": the level it stood at
    r"vad\s+(låg|ligger|hamnade|landade)\s+[\w\s-]{1,60}?\s+på(?!\s+för\b)|"
    r"how\s+(many|much|large|big|high|long)|what\s+(share|percentage|proportion|portion|"
    r"number|amount|fraction|figure)|number\s+of|which\s+(share|percentage|proportion))\b",
    re.IGNORECASE,
)


_TEMPORAL = re.compile(
    r"\b(när|vilket\s+år|vilken\s+(månad|tid|dag)|sedan\s+när|hur\s+länge|"
    r"when|what\s+year|which\s+year|how\s+long|since\s+when|"
    # a span of time counted: "hur många år har Etour forskat", "for how many years"
    r"hur\s+många\s+år|how\s+many\s+years)\b",
    re.IGNORECASE,
)
_COUNTING = frozenset(("många", "many"))
#: Participles and adjectives that stand for people as nouns do: "antal anställda",
#: "hur många arbetslösa" count them, not the noun after.
_NOMINAL_PARTICIPLES = wordset(
    "anställda sysselsatta arbetslösa förvärvsarbetande förvärvsarbetade inskrivna boende "
    "studerande nyanlända utrikesfödda inrikesfödda folkbokförda arbetssökande")
#: Nouns that name a count of what follows: "antal helårsstudenter", "the number of jobs".
_NUMBER_OF = frozenset(("antal", "antalet", "number"))
#: How many more or fewer: a comparison, not the thing counted.
_COMPARATIVES = frozenset(("fler", "färre", "more", "fewer"))
#: Nouns that spoken Swedish counts with "mycket" as well as "många" ("hur mycket jobb").
_COUNTED_AS_MUCH = frozenset(("jobb", "folk", "arbetstillfällen", "årsarbeten", "turister",
                              "besökare", "personer", "människor", "anställda", "företag",
                              "bolag", "invånare", "företagare", "elever", "studenter"))
#: Both parts of a compound split against the reports' words (known_parts) must be words of
#: the language at least this common (Zipf), so that a word is not cut into fragments.
MIN_KNOWN_PART_ZIPF = 3.0
#: Swedish inflection endings that Snowball leaves on (or takes off) one form of a word.
_ENDINGS = wordset(
    "a e n t s r en et er ar or na ne ns ts as es rn ern arn orn ens ets ers ars ors ade ad "
    "at it de te re ra erna arna orna ande ende aste ast ret ren rets rens ning tning "
    "an"  # the action noun of an -a verb: "samverkar" ~ "samverkan", "påverkar" ~ "påverkan"
    # the definite neuter that Snowball leaves whole after the consonant it drops from the
    # stem ("projekt" → "projek", "projektet" → "projektet"; "konceptet", "skyddet")
    " tet det net"
)
_ENDINGS_SORTED = tuple(sorted(_ENDINGS))
_PREPOSITIONS = wordset("i på inom hos vid med för inne utanför åt till från in at on for with")




_NOT_TEMPORAL = re.compile(r"\bnär\s+det\s+(gäller|kommer\s+till)\b|"
                           r"\bwhen\s+it\s+comes\s+to\b", re.IGNORECASE)


_PLURALS_EN = wordset("people staff personnel children men women police cattle")


_ANSWER_TYPE = re.compile(
    r"\b(?:vilken|vilket|vilka|(?:which|what)(?!\s+(?:kind|type|sort)s?\s+of)"
    # "what characterizes …", "what drives …": "what" is the subject of a verb, no name
    r"(?!\s+(?:\w+(?:izes|ises|ifies|ized|ised|ified)|drives|drove|makes|made|explains|"
    r"causes|caused|affects|affected|happens|happened)\b)|"
    r"vad\s+(?:heter|hette|kallas|kallades)|"
    r"name\s+of(?:\s+the)?|(?:kind|type|sort)s?\s+of|för\s+(?:slags|sorts|typ\s+av))"
    r"\s+([^\W\d_][\w-]*)(?:\s+([^\W\d_][\w-]*))?", re.IGNORECASE)
_ADJECTIVE_END = ("ig", "lig", "isk", "ell", "iv", "al", "ic")


def answer_type_words(question: str) -> set[str]:
    """The noun after "vilken"/"which"/"vad heter"/"name of the"/"för slags": the kind of
    thing the answer names ("Vilket co-workingplace finns i Åre?" → co, workingplace;
    "Vilken statlig myndighet …" → statlig, myndighet)."""
    out: set[str] = set()
    for m in _ANSWER_TYPE.finditer(question):
        first, second = m.group(1), m.group(2)
        out.update(raw_words(first))
        if second and first.lower().endswith(_ADJECTIVE_END):
            out.update(raw_words(second))
    return out - STOPWORDS


#: How common the stem of an -a word must be to read it as an adjective ("grön" of
#: "gröna"): "hur många nya företag" counts "företag".
ADJECTIVE_ZIPF = 4.0


#: Swedish verbs of what people do that the ending test (looks_like_noun) takes for nouns:
#: "hur många bor i länet", "hur många röker", "hur många besöker regionen".
_SV_PEOPLE_VERBS = wordset(
    "bor bodde röker rökte dog dör omkom omkommer besöker besökte reser åker åkte söker "
    "sökte lever levde går gick studerar pendlar pendlade flyttar flyttade läser läste "
    "pluggar pluggade")
#: Swedish modal verbs: "hur många måste arbetsgivarna rekrytera" counts no "måste".
_SV_MODALS = wordset("måste kan kunde ska skall skulle bör borde får fick vill ville")
#: How common the first part of a compound verb must be ("jobbpendlar" = jobb + pendlar).
COMPOUND_VERB_ZIPF = 3.0


def _sv_verb(word: str) -> bool:
    """Whether a Swedish word after "hur många" is a verb rather than the counted noun:
    a people verb, a modal, or a compound whose last part is a verb ("jobbpendlar")."""
    if word in _SV_PEOPLE_VERBS or word in _SV_MODALS:
        return True
    for i in range(MIN_HEAD, len(word) - MIN_PART + 1):
        head, tail = word[:i], word[i:]
        if tail in _SV_PEOPLE_VERBS and zipf(head, "sv") >= COMPOUND_VERB_ZIPF:
            return True
    return False


#: English verbs of what people do after "how many" ("how many work in tourism", "how
#: many live here", "how many are employed").
_EN_PEOPLE_VERBS = wordset(
    "work works worked working live lived living visit visited commute commuted study "
    "studied smoke smoked die died moved move employed unemployed attend attended travel "
    "travelled traveled stay stayed")
#: Words between "how many" and the verb that do not change what is counted.
_BEFORE_VERB = wordset("som are were is was de who")
#: Counted words that only say "people": what they do says what is counted ("how many
#: people live here" counts residents, not the employed).
PEOPLE = frozenset(("people", "persons", "individuals", "personer", "människor", "individer"))
#: A count asked: "hur många …", "how many …".
HOW_MANY = re.compile(r"\b(hur\s+många|how\s+many)\b", re.IGNORECASE)


def counts_by_verb(words: list[str], lang: str) -> str:
    """The verb by which a "hur många"/"how many" question counts people ("hur många
    jobbar inom turismen", "how many work in tourism"), or "" when a noun follows."""
    verbs = _SV_PEOPLE_VERBS if lang != "en" else _EN_PEOPLE_VERBS
    for i, w in enumerate(words):
        if w not in _COUNTING:
            continue
        after = [x for x in words[i + 1:i + 5] if x not in _BEFORE_VERB]
        if after and after[0] in PEOPLE:  # "how many people live here"
            after = [x for x in after[1:] if x not in _BEFORE_VERB]
            if not after or after[0] not in verbs and (lang == "en" or looks_like_noun(
                    after[0], "sv")):
                return ""
        if not after:
            return ""
        nxt = after[0]
        if nxt in verbs:
            return nxt
        if nxt in STOPWORDS or nxt in _PREPOSITIONS or nxt in FRAME_WORDS or lang == "en":
            return ""
        return "" if looks_like_noun(nxt, "sv") and not _sv_verb(nxt) else nxt
    return ""


def counted_word(words: list[str], lang: str) -> str | None:
    """What a "hur många"/"how many" question counts ("how many full time jobs" → "jobs",
    "hur många nya företag" → "företag"); None when a verb follows ("hur många arbetar")."""
    for i, w in enumerate(words):
        if w == "mycket" and words[i + 1:i + 2] and words[i + 1] in _COUNTED_AS_MUCH:
            return words[i + 1]  # "hur mycket jobb ger turismen?": how many jobs
        if w in _NUMBER_OF and words[i + 1:i + 2] == ["of"]:
            i += 1  # "the number of visitors"
        elif w not in _COUNTING and w not in _NUMBER_OF:
            continue
        for nxt in words[i + 1:i + 4]:
            if nxt in _COMPARATIVES:
                continue  # "hur många fler ska vara i arbete", "how many more people"
            if nxt in STOPWORDS or nxt in _PREPOSITIONS or nxt in FRAME_WORDS:
                return None
            if lang == "en":
                if nxt in _PLURALS_EN or (nxt.endswith("s") and not nxt.endswith("ss")):
                    return nxt
                continue
            adjective = nxt.endswith("a") and zipf(nxt[:-1], "sv") >= ADJECTIVE_ZIPF
            if adjective and nxt not in _NOMINAL_PARTICIPLES:
                continue  # "hur många statliga myndigheter" counts "myndigheter"
            if not looks_like_noun(nxt, lang) or _sv_verb(nxt):
                return None
            return nxt
        return None
    return None


_APPROXIMATE = re.compile(
    r"\b(?:över|under|drygt|knappt|nästan|ungefär|cirka|ca|runt|omkring|minst|högst|"
    r"mer\s+än|mindre\s+än|fler\s+än|färre\s+än|about|over|around|nearly|almost|roughly|"
    r"approximately|more\s+than|less\s+than|fewer\s+than|at\s+least)\s+(\d+(?:[ ,.]\d+)?)",
    re.IGNORECASE)


#: The shortest stem an inflected word the index lacks is read as ("andan" → "and"), by a
#: definite singular ending only.
MIN_LACKED_STEM = 3
_DEFINITE_SINGULAR = frozenset(("an", "en", "et", "n", "t"))
#: A year as reports write them (1800–2099), shared by the questions' and answers' checks.
YEAR = r"1[89]\d\d|20\d\d"
_A_YEAR = re.compile(YEAR)


#: Swedish verb particles written before a participle ("utspridd", "uppbyggd").
_PARTICLE_PREFIXES = ("upp", "ut", "in", "av", "till", "över", "fram", "bort", "ner", "ned")


def approximate_numbers(question: str) -> set[str]:
    """Numbers the question gives as a guess ("stämmer det att över 40 procent …"): the
    report's figure (42 %) answers it without containing them."""
    return {w for m in _APPROXIMATE.finditer(question) for w in raw_words(m.group(1))
            if not _A_YEAR.fullmatch(w)}  # "under 2017" is when, not about how many


def is_temporal_question(question: str) -> bool:
    """Asks when or how long ("när", "hur länge", "when", "what year"), not "när det
    gäller" (as regards)."""
    return bool(_TEMPORAL.search(_NOT_TEMPORAL.sub(" ", question)))


# "Vad kostar …?", "Vad är befolkningen …?", "What is the budget of …?": an amount asked
# for by what it measures
_AMOUNT_NOUNS = (r"befolkning(en)?|invånarantal(et)?|folkmängd(en)?|omsättning(en)?|budget(en)?|"
                 r"pris(et)?|kostnad(en)?|lön(en)?|inkomst(en)?|arbetslöshet(en)?|"
                 r"population|turnover|revenue|budget|price|cost|salary|wage|income|"
                 r"(unemployment|employment|growth)\s+rate|unemployment")
_AMOUNT = re.compile(
    r"\b(vad|vilken)\s+(kostar|tjänar|omsätter)\b|\bhow\s+much\b|\bwhat\s+does\s.*\bcost\b|"
    r"\b(vad|vilken|hur\s+stor|hur\s+hög)\s+(är|var|blir)\s+(den\s+|det\s+)?(\w+s\s+)?"
    rf"({_AMOUNT_NOUNS})\b|\bwhat(?:'s|’s|\s+is|\s+was|\s+are)\s+(the\s+)?(\w+\s+)?"
    rf"({_AMOUNT_NOUNS})\b",
    re.IGNORECASE)


# a question typed as a search ("befolkning jämtlands län", "turnover tourism 2019"): no
# question word or verb first, so a noun of an amount asks for that amount
_QUESTION_LEAD = re.compile(
    r"^\W*(vad|vem|vems|vilk\w*|hur|när|var|vart|varför|finns|fanns|är|har|hade|kan|ska|"
    r"stämmer|berätta|beskriv|ge|what|who|whose|which|how|when|where|why|is|are|was|were|do|"
    r"does|did|has|have|can|tell|describe|give|list)\b", re.IGNORECASE)
# a number that names rather than counts: "the reference number of the report"
_NAMING_NUMBER = re.compile(r"\b(reference|registration|phone|telephone|case|serial|file|id|"
                            r"identification|document)\s+numbers?\b", re.IGNORECASE)
_AMOUNT_NOUN = re.compile(rf"\b({_AMOUNT_NOUNS})\b", re.IGNORECASE)


def is_quantity_question(question: str) -> bool:
    """Asks for an amount or share ("hur många", "hur stor andel", "how many", "what share",
    "vad kostar", "what is the population", "befolkning i länet")."""
    question = _NAMING_NUMBER.sub(" ", question)
    return bool(_QUANTITY.search(question) or _AMOUNT.search(question)
                or (not _QUESTION_LEAD.match(question) and _AMOUNT_NOUN.search(question)))


#: Words that frame a question rather than say what it is about: they weigh little.
FRAME_WORDS = wordset(
    "menas betyder innebär avses definieras definiera kallas kallad heter hette räknas "
    "menades betydde innebar avsågs definierades kallades räknades handlade gällde "
    "handlar gäller beskrivs beskriva beskriver förklara typ typer sorts slags sort "
    "ligger låg ligga legat fanns funnits varit blivit blev fått fick försöker försöka försökt "
    "ser såg varandra varann "
    "går gick gör gjorde gjort görs gjordes gjorts sker skedde skett just egentligen "
    "ungefär cirka ca "
    "mean means meant refer refers called named define defined definition describe "
    "described explain kind kinds type types sort sorts located situated get gets got "
    "try tries trying tried seem seems make makes made go goes come comes become became "
    "exist exists existing roughly approximately around nearly actually according enligt "
    "role roll rapporten rapport report dokumentet texten avsnitt avsnittet kapitel kapitlet "
    "uppföljning uppföljningen begrepp begreppet section chapter term "
    # everyday adverbs of time, habit and degree, and the counting frame: how a question
    # is put, not what it asks about (the report words them otherwise, or not at all)
    "brukar brukade hittills förut förr innan numera nuförtiden oftast vanligtvis vanligen "
    "finnas funkar funkade funkat fungerar fungerade fungerat "
    "varje ihop "
    "faktiskt överhuvudtaget alltså liksom redan antal usually currently nowadays "
    "tend tends tended beskrivas beskrevs beskrivits "
    # what characterises something asks for what the report says of it
    "kännetecknar utmärker karakteriserar karaktäriserar "
    "även dessutom likaså also too "
    "något någon några någonting "
    # what the report says, not what it says it about: "vilken medellivslängd angavs?",
    # "how many turbines did the report count?"
    "anger anges angav angavs angetts uppger uppges uppgav uppgavs nämner nämns nämnde "
    "nämndes redovisar redovisas redovisade redovisades skriver skrivs skrev tas togs "
    "mention mentions mentioned stated say says said listed count "
    "counted"
)
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
#: Working together said with a particle ("jobbar ihop", "jobbar företagen ihop", "arbeta
#: tillsammans"), which a report writes as one verb ("samarbetar").
_WORKING_TOGETHER = re.compile(
    r"\b(?:jobb|arbet)(?P<ending>a|ar|ade|at|as)(?P<between>(?:\s+[^\W\d_]+){0,2}?)\s+"
    r"(?:ihop|tillsammans)\b", re.IGNORECASE)
#: A definition asked term first ("co-working, vad är det?", "SME – what is that?"): the
#: same question as "vad är co-working?", so asked that way for the checks of definitions.
_TERM_FIRST_DEFINITION = re.compile(
    r"^\s*(?P<term>(?!(?:vad|vem|var|hur|när|vilk\w*|varför|what|who|where|how|when|which|"
    r"why|och|and|men|but|så|so)\b)[^\W\d_][\w\-]*(?:\s+[\w\-]+){0,3}?)\s*[,:\-–]?\s+"
    r"(?:(?P<sv>vad\s+(?:är|betyder|innebär|menas\s+med)\s+(?:det|de|dom|den)(?:\s+för\s+(?:nåt|något))?)|"
    r"(?P<en>what\s+(?:is|are|does)\s+(?:it|that|this|they|those)(?:\s+mean)?))\s*\??\s*$",
    re.IGNORECASE)
#: "i.e.", "e.g.": how a question goes on, not a word of it (a lone "e" is no name).
_THAT_IS = re.compile(r"\b(?:i\.\s?e|e\.\s?g)\.(?!\w)", re.IGNORECASE)
#: Whose report a question says it asks ("i regionens uppföljning", "enligt länets
#: rapport"): the author, like the report word itself, says where to look, not what to find.
_REPORT_AUTHOR = re.compile(r"\b\w{3,}s\s+(?=(?:rapport|uppföljning)(?:en)?\b)",
                            re.IGNORECASE)

#: The document itself named as where to look ("according to the report", "used in the
#: text", "enligt rapporten", "i texten"): where, not what ("report" is no "betänkande").
_IN_THE_REPORT = re.compile(
    r"\b(?:according\s+to|in|from|by)\s+(?:the|this)\s+(?:report|text|document)\b|"
    r"\b(?:enligt|i|från)\s+(?:rapporten|texten|dokumentet)\b", re.IGNORECASE)


#: A compound ending in a strong verb's form keeps at least this many letters before it
#: ("omsätter" = om + sätter) …
MIN_VERB_PREFIX = 2
#: … and the form has at least this many: "bar", "var", "red" end too many other words.
MIN_VERB_SUFFIX = 4
#: Swedish verbs in -era and the nouns of their action, as stem endings (Snowball stems
#: "producerade" to "producer", leaves "produktion" whole): "producera" ~ "produktion",
#: "konstruera" ~ "konstruktion", "investera" ~ "investering", "informera" ~ "information".
#: A question asks with the verb what a table heads with the noun ("Hur mycket producerade
#: vindkraften?" ~ "Produktion, Berg: 854 GWh"), and the other way round.
DERIVATIONS = (("cer", "ktion"), ("uer", "uktion"), ("er", "ering"), ("er", "ation"))
#: The shared beginning of a verb and its noun is at least this long ("produ", "invest"), so
#: that short stems do not pair by chance.
MIN_DERIVATION_BASE = 5


#: Shortest weak past tense bridged to its present ("rökte" ~ "röker"): shorter ones ("hade",
#: "sade") are irregular or too short to be sure of.
MIN_WEAK_PAST = 5
#: An English question's untranslated word this common in English (Zipf) and more common
#: there than in Swedish is English, not a Swedish compound to split.
MIN_ENGLISH_ZIPF = 3.0
#: Shortest action noun in -ning read as its verb ("omsättning" ~ "omsätta"): shorter ones
#: ("ning", "sättning" of nothing) have no verb before the ending to speak of.
MIN_ACTION_NOUN = 7

#: The county the reports are about, in the forms a question names it. A question's "i
#: Jämtland" is where, not what: the report says "länet" or nothing at all.
HOME_PLACES = frozenset(("jämtland", "jämtlands", "härjedalen", "härjedalens", "jamtland",
                         "jamtlands", "harjedalen", "länet", "county"))
#: The words of POPULATION_GROUPS that name a sex: a figure by sex is given in a sentence of
#: its own ("Bland kvinnorna … bland männen …"). Not "man" (also Swedish "one").
GENDERS = frozenset((
    "kvinnor", "kvinna", "kvinnlig", "kvinnliga", "kvinnors", "kvinnorna", "män", "manlig",
    "manliga", "mäns", "männen", "flickor", "flickorna", "pojkar", "pojkarna", "tjejer",
    "tjejerna", "killar", "killarna", "women", "woman", "female", "females", "men", "male",
    "males", "girls", "boys"))
#: The last parts of Swedish words that name a branch or sector ("tillverkningsindustri",
#: "besöksnäringen", "tjänstesektorn", "Turismbranschen").
BRANCH_HEADS = ("industri", "näring", "sektor", "bransch")
#: Words that narrow a figure to part of the population, in both languages: a sentence about
#: everyone (or about another part) does not answer for them ("female students", "unga
#: kvinnor", "utrikes födda").
POPULATION_GROUPS = GENDERS | frozenset((
    "unga", "ungdomar", "ungdomarna", "ungdom", "pensionärer", "pensionärerna", "utrikes",
    "utlandsfödda", "nyanlända", "invandrare", "young", "youth", "youths", "elderly", "pensioners",
    "foreign", "immigrants", "migrants", "newcomers",
    # the neighbouring countries' and the largest visiting nations' people
    "norrmän", "norska", "tyskar", "tyska", "danskar", "danska", "finländare", "holländare",
    "nederländska", "britter", "brittiska", "norwegian", "norwegians", "german", "germans",
    "danish", "danes", "finnish", "finns", "dutch", "british"))
#: The home names that said alone are a part of the county, not all of it: Härjedalen is a
#: landscape and a municipality of Jämtlands län, whose region is "Jämtland Härjedalen".
HOME_PARTS = frozenset(("härjedalen", "härjedalens", "harjedalen", "harjedalens"))
_LOCATIVE = frozenset(("i", "inom", "in", "within", "för", "for", "of", "av", "across",
                       "throughout", "hela", "the"))


#: The home county's common nouns, next to its names in HOME_PLACES.
_COMMON_HOME = frozenset(("länet", "county"))
#: Words of a place phrase after the home county's name: "i Jämtlands län", "in Jämtland
#: county" (the county word is a HOME_PLACES word itself).
_PLACE_TAIL = frozenset(("län", "lan", "region", "regionen"))


def _home_place_spans(text: str) -> list[tuple[int, int, str]]:
    """Where a question names the home county as its place: (start, end, word) for each
    word of the name, with the span of the whole phrase from its locative ("i Jämtland",
    "in Jämtland county", "i Jämtlands län"); not as part of a name ("Jämtland Härjedalen
    Turism", "Region Jämtland Härjedalen")."""
    matches = list(re.finditer(r"[^\W\d_][\w-]*", text))
    words = [m.group() for m in matches]
    lower = [w.lower() for w in words]
    found = []
    for k, w in enumerate(lower):
        if w not in HOME_PLACES:
            continue
        j = k
        while j > 0 and lower[j - 1] in HOME_PLACES:
            j -= 1  # the start of "Jämtland Härjedalen"
        end = k
        while end + 1 < len(lower) and lower[end + 1] in HOME_PLACES | _PLACE_TAIL:
            end += 1
        before = lower[j - 1] if j else ""
        after = words[end + 1] if end + 1 < len(words) else ""
        named_org = after[:1].isupper()
        if before in _LOCATIVE and not named_org:
            # the phrase from its locative; "hela" and "the" are part of it ("i hela länet")
            start = j - 1
            while start > 0 and lower[start] in ("hela", "the") and lower[start - 1] in _LOCATIVE:
                start -= 1
            found.append((matches[start].start(), matches[end].end(), w))
        elif j == k == end and not named_org and (
                (w.endswith("s") and w[:-1] in HOME_PLACES and w not in _COMMON_HOME)
                or (lower[k + 1:k + 2] == ["s"] and text[matches[k].end():][:1] in "'’")):
            # a genitive: "Jämtlands bruttoregionprodukt", "Jämtland's gross regional product"
            last = k + 1 if lower[k + 1:k + 2] == ["s"] else k
            if last + 1 < len(words) and not words[last + 1][:1].isupper():
                found.append((matches[k].start(), matches[last].end(), w))
    return found


def home_place_words(text: str) -> frozenset[str]:
    """The home county's names (lower case) that a question uses as its place ("i
    Jämtland", "in Jämtland county", "Jämtlands län"), not as part of a name ("Jämtland
    Härjedalen Turism", "Region Jämtland Härjedalen")."""
    return frozenset(w for _, _, w in _home_place_spans(text))


def without_home_place(text: str) -> str:
    """The question without the phrase that names the home county by its name as its
    place: "Hur många jobbar i industrin i Jämtland?" → "Hur många jobbar i industrin?".
    What the dense side searches for: every passage is about the county, and its name only
    draws the passages that spell it (often inside another name, "Jämtland Härjedalen
    Turism")."""
    # "i länet", "in the county" stay: they draw no passage by the county's name, and "the
    # agencies in the county" is often what is asked about
    spans = sorted({(a, b) for a, b, w in _home_place_spans(text) if w not in _COMMON_HOME})
    out, at = [], 0
    for a, b in spans:
        if a < at:
            continue
        out.append(text[at:a].rstrip())
        at = b
    out.append(text[at:])
    stripped = " ".join("".join(out).split())
    # nothing left to search for but the county: the question as it was
    return stripped if raw_words(stripped) and stripped != text.strip() else text


#: A word short enough to be an abbreviation (text/abbreviations.py).
_ABBREVIATION_WORD = re.compile(r"(?<![\w-])[^\W\d_]{2,4}(?!\w)")
#: As common as this in the question's language (Zipf), a short word is that language's
#: own ("ev", "vd", "it", "CEO"), not one of the reports' abbreviations ("sfi" 3.7, "yh"
#: 3.2 in Swedish; 2.3 in English).
_COMMON_ABBREVIATION_ZIPF = {"sv": 4.0, "en": 3.5}


@dataclass(frozen=True)
class QueryOptions:
    """Expansion settings (chosen by measurement; see bench/ablation.py)."""

    inflection_factor: float = 0.9  # vocabulary tokens that differ by an ending
    synonym_factor: float = 0.5  # Swedish synonyms via shared English translations
    thesaurus_factor: float = 0.5  # Swedish synonyms from the thesaurus (thesaurus.py)
    translation_factor: float = 0.9  # Swedish translations of English words
    general_translation: bool = True  # English words the curated glossary lacks: the
    # general word list (text/glossary.py)
    max_ending: int = 4  # longest inflection ending bridged by the vocabulary
    corpus_idf: float = 1.0  # exponent of the corpus-IDF discount of concept weights
    part_factor: float = 0.6  # compound parts of a translation ("tillverkningsindustri")
    unit_boost: float = 2.0  # weight factor of the counted word ("hur många invånare")
    answer_type_weight: float = 0.3  # the noun after "vilken"/"which": the answer's kind,
    # which the answer sentence names rather than says ("Vilken myndighet …" → Tillväxtverket)
    non_noun_weight: float = 0.6  # adjectives, adverbs, verb forms: what a question asks
    # about is mostly in its nouns ("arbetslösheten"), less in "viktiga", "växte", "closely"
    frame_weight: float = 0.3  # weight of question-frame words ("menas", "kallas", "mean")
    home_weight: float = 0.3  # the county the reports are about, named as the question's
    # place ("i Jämtland", "in Jämtland county"): every sentence is about it, said or not
    max_rarity: float = 3.5  # cap of a concept's weight (names are rare, but not the point)
    near_factor: float = 0.5  # a word the index lacks ~ a near spelling it has ("turist" ~
    # "turism") or a compound it heads ("coworking" ~ "coworkingplace")
    min_near: int = 5  # shortest word bridged that way
    abbreviation_factor: float = 0.9  # "sfi" ~ "invandrare" of "svenska för invandrare"
    suffix_near: bool = True  # … also to compounds it is the last part of


#: Swedish stop words that are English content words: "among men" ("men": Swedish "but").
ENGLISH_CONTENT = frozenset(("men",))
#: Swedish indefinite pronouns ("finns det någon …", "har de nåt …"), as "any"/"some" are
#: in English: no content of their own, yet rare enough in reports for BM25 to rank a
#: passage by "någon form av relation" over the one that answers.
INDEFINITES_SV = wordset("någon något några nån nåt")


@dataclass(frozen=True)
class Concept:
    text: str  # the question word or phrase (":part" for a compound's part)
    weight: float  # informativeness, for ranking by coverage
    alts: dict[str, float] = field(hash=False)  # index token → factor (1 = the word itself)
    bm25_weight: float = 1.0
    conf_weight: float = -1.0  # … for confidence (the counted word weighs more); <0: weight
    whole: str = ""  # for a part of a compound, the compound's own token ("tjänsteföretag")

    @property
    def head(self) -> str:
        """The question word it comes from ("turismklustret:turism" → "turismklustret")."""
        return self.text.split(":")[0].split(" ")[0]

    @property
    def confidence_weight(self) -> float:
        return self.weight if self.conf_weight < 0 else self.conf_weight

    def match(self, tokens: frozenset[str] | set[str]) -> float:
        """How well a token set covers this concept: the best factor present, else 0."""
        return max((f for t, f in self.alts.items() if t in tokens), default=0.0)


@dataclass(frozen=True)
class Query:
    text: str
    language: str
    concepts: tuple[Concept, ...]
    quantity: bool
    temporal: bool = False
    unit: str | None = None  # the word a quantity question counts ("invånare")
    by_verb: str = ""  # the verb by which it counts people ("hur många jobbar")
    original: str = ""  # the question as typed, before spelling repair
    edition: EditionWish = EditionWish()  # the edition it names, its words taken out of text
    search: str = ""  # what the dense side embeds, when not `text` (without_home_place)

    @property
    def total_weight(self) -> float:
        return sum(c.weight for c in self.concepts)

    @property
    def total_confidence_weight(self) -> float:
        return sum(c.confidence_weight for c in self.concepts)


class QueryAnalyzer:
    """Turns question text into a Query, against one index's vocabulary."""

    def __init__(self, analyzer: Analyzer, vocabulary: Iterable[str] = (),
                 glossary: Glossary | None = None, options: QueryOptions | None = None,
                 doc_freq: Callable[[str], int] | None = None, num_docs: int = 0,
                 thesaurus: Thesaurus | None = None):
        self.analyzer = analyzer
        self.thesaurus = thesaurus if thesaurus is not None else load_thesaurus()
        load_restorations()  # the spelling table, here at load rather than in a question
        zipf("the", "en")  # … and the English word list the typo repair consults
        self.doc_freq = doc_freq
        self.num_docs = num_docs
        self.glossary = glossary if glossary is not None else load_glossary()
        self.options = options or QueryOptions()
        self.general = load_general_glossary() if self.options.general_translation else None
        self._stop_en = (STOPWORDS | load_question_stopwords_en()) - ENGLISH_CONTENT
        self._verb_forms = load_verb_forms_sv()
        self._vocab_set = frozenset(t for t in vocabulary if t and not t.startswith("#"))
        self._vocab_sorted = sorted(self._vocab_set)
        self._vocab_reversed = sorted(t[::-1] for t in self._vocab_set)
        self._synonyms = self._build_synonyms()
        self.editions: Editions | None = None
        self.abbreviations: Callable[[str], list[tuple[str, ...]]] | None = None
        #: Whether the index writes out a name an acronym spells ("DI": "Dagens industri").
        self.spells_a_name: Callable[[str], bool] | None = None
        self.analyze = lru_cache(maxsize=4096)(self._analyze)

    def use_abbreviations(self, finder: Callable[[str], list[tuple[str, ...]]],
                          initials: Callable[[str], bool] | None = None) -> None:
        """What the index's text writes out for an abbreviation a question types ("sfi" →
        "svenska för invandrare", text/abbreviations.py), and whether it writes out a name
        an acronym spells (`initials`)."""
        self.abbreviations = finder
        self.spells_a_name = initials
        self.analyze.cache_clear()

    def use_editions(self, editions: Editions) -> None:
        """The index's series and editions: a question's words that name one of them
        ("enligt uppföljningen 2021") say where to answer from, not what to find."""
        self.editions = editions
        self.analyze.cache_clear()

    def translate(self, words: list[str], stems: list[str], start: int
                  ) -> tuple[int, tuple[str, ...]]:
        """The longest glossary entry at `start`: the curated glossary's, or the general
        list's when that one is longer or the curated one has none."""
        n, translations = self.glossary.match(words, stems, start)
        if self.general is not None:
            gn, general = self.general.match(words, stems, start)
            if gn > n:
                return gn, general
        return n, translations

    # ---- expansions ------------------------------------------------------------------------
    def _build_synonyms(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Swedish stem → {synonym stem: tokens} through shared English glossary keys."""
        by_key: dict[tuple[str, ...], list[str]] = {}
        for word, keys in self.glossary.swedish_words().items():
            for k in keys:
                by_key.setdefault(k, []).append(word)
        out: dict[str, dict[str, tuple[str, ...]]] = {}
        for words in by_key.values():
            if len(words) < 2:
                continue
            analysed = {w: self.analyzer.word_terms(w) for w in words}
            for terms in analysed.values():
                bucket = out.setdefault(terms[0], {})
                for oterms in analysed.values():
                    # short stems ("var" of "vara") match unrelated words: no synonyms
                    if oterms[0] != terms[0] and len(oterms[0]) >= 4:
                        bucket[oterms[0]] = oterms
        return out

    def synonyms(self, stem: str) -> list[tuple[str, ...]]:
        """Glossary synonyms of a stem, or of the stem without an inflection ending
        ("märkts" → "märk" of "märks")."""
        if stem in self._synonyms:
            return list(self._synonyms[stem].values())
        for n in range(max(3, len(stem) - 2), len(stem)):
            if stem[n:] in _ENDINGS and stem[:n] in self._synonyms:
                return list(self._synonyms[stem[:n]].values())
        return []

    def _known(self, word: str) -> bool:
        """Whether the index has this word (its stem), as written."""
        return self.analyzer.stem(word) in self._vocab_set

    def thesaurus_terms(self, word: str) -> list[tuple[str, ...]]:
        """Index terms of the thesaurus synonyms of a word (and, for a compound, of its
        last part: "turismorganisationen" → "organisation" → …) that this index has, as
        such or inflected; synonyms it lacks would only add noise."""
        words = set(self.thesaurus.synonyms(word))
        parts = split_compound(word)
        if parts:
            words |= self.thesaurus.synonyms(parts[-1])
        out = []
        for w in sorted(words):
            terms = self.analyzer.word_terms(w)
            if terms and (terms[0] in self._vocab_set or self.inflections(terms[0])):
                out.append(terms)
        return out

    def inflections(self, token: str, asked: bool = False) -> list[str]:
        """Vocabulary tokens that differ from `token` by an inflection ending, either way
        ("sekt" of "sektor" ~ "sektorn", "industri" ~ "industrin"); also the base of a
        neuter adjective ("nytt" → "ny"). Snowball leaves such pairs apart. With `asked`,
        `token` is a question's own word, which may be a short stem's definite form."""
        if token[0].isdigit() or token.startswith("#"):
            return []
        if token.endswith("tt") and len(token) >= 4 and token[:-2] in self._vocab_set:
            return [token[:-2]]
        if token.endswith("s") and len(token) == 4 and token[:-1] in self._vocab_set:
            return [token[:-1]]  # genitive of a short name ("åres" → "åre")
        if len(token) < 4:
            return []
        m = self.options.max_ending
        vocab = self._vocab_set
        out = [token + e for e in _ENDINGS_SORTED if token + e in vocab]
        # a word the index lacks may be a short stem's definite form ("andan" of "anda",
        # which Snowball leaves whole, against "uppfinningsanda" → "and")
        shortest = MIN_LACKED_STEM if asked and token not in vocab else 4
        for n in range(max(shortest, len(token) - m - 1), len(token)):
            if n < 4 and token[n:] not in _DEFINITE_SINGULAR:
                continue  # "andra" is no form of "and"
            if token[:n] in self._vocab_set and token[n:] in _ENDINGS:
                out.append(token[:n])
        return out

    def _with_prefix(self, prefix: str, limit: int = 8) -> list[str]:
        """Vocabulary tokens that start with `prefix` (a bisection of the sorted vocabulary,
        no scan), at most `limit`."""
        vocab = self._vocab_sorted
        i = bisect_left(vocab, prefix)
        out: list[str] = []
        while i < len(vocab) and vocab[i].startswith(prefix) and len(out) < limit:
            out.append(vocab[i])
            i += 1
        return out

    def _with_suffix(self, suffix: str, limit: int = 8) -> list[str]:
        """Vocabulary tokens that end with `suffix`, at most `limit` (bisection)."""
        rev = self._vocab_reversed
        key = suffix[::-1]
        i = bisect_left(rev, key)
        out: list[str] = []
        while i < len(rev) and rev[i].startswith(key) and len(out) < limit:
            out.append(rev[i][::-1])
            i += 1
        return out

    def known_parts(self, word: str, term: str, lang: str) -> tuple[str, ...]:
        """A common Swedish compound the reports do not use, split into two words they do
        ("äldreboenden" → äldre + boenden, where the report writes "boenden för äldre");
        () when the index has the word, or no split gives two words the language knows."""
        if lang != "sv" or term in self._vocab_set or not word.isalpha() or (
                self.inflections(term)):
            return ()  # a word the index has in another form is no compound of two
        for i in range(MIN_HEAD, len(word) - MIN_PART + 1):
            tail = word[i:]
            heads = [word[:i]] + ([word[:i - 1]] if word[i - 1] == "s" else [])  # "s" links
            for head in heads:
                stems = (self.analyzer.stem(head), self.analyzer.stem(tail))
                if (len(head) >= MIN_HEAD and all(t in self._vocab_set for t in stems)
                        and min(zipf(head, "sv"), zipf(tail, "sv")) >= MIN_KNOWN_PART_ZIPF):
                    return stems
        return ()

    def near(self, token: str) -> list[str]:
        """For a word the index lacks: vocabulary tokens it heads as a compound
        ("turistorganisation" ~ "turistorganisationen"), that differ in its last letter
        ("turist" ~ "turism"), compounds whose last part it is (Swedish puts the head of
        a compound last: "universitet" ~ "mittuniversitet"), or, failing those, the parts
        of a hyphenated word it writes together ("coworking" ~ "co" + "workingplac").
        Only words of `min_near` letters or more, so short words do not drift."""
        n = self.options.min_near
        if (len(token) < n or token in self._vocab_set or not token.isalpha()
                or token in STOPWORDS):
            return []
        heads = [v for v in self._with_prefix(token) if len(v) - len(token) >= 3]
        if len(token) > n:
            heads += [v for v in self._with_prefix(token[:-1])
                      if len(v) in (len(token), len(token) + 1) and v != token]
        if len(token) > n and self.options.suffix_near:
            heads += [v for v in self._with_suffix(token) if len(v) - len(token) >= 3]
        if not heads:  # a particle verb's participle the report writes without its
            # particle: "utspridda" ~ "spridda", "uppbyggd" ~ "byggd"
            for prefix in _PARTICLE_PREFIXES:
                rest = token[len(prefix):]
                if token.startswith(prefix) and len(rest) >= n:
                    found = [v for v in self._with_prefix(rest) if len(v) - len(rest) <= 1]
                    if found:
                        return found
        if not heads:  # written together what the report hyphenates ("coworking" ~
            # "co-workingplace", indexed as "co" + "workingplac")
            for i in range(2, len(token) - 3):
                tails = self._with_prefix(token[i:], 3)
                if token[:i] in self._vocab_set and tails:
                    return [token[:i], *tails]
        return heads

    def verb_forms(self, word: str) -> list[str]:
        """The other forms of a Swedish strong verb the word is, or ends in after a prefix
        ("omsatte" → omsätta, omsätter, omsatt …); [] for any other word."""
        forms = self._verb_forms.get(word)
        if forms:
            return [f for f in forms if f != word]
        for n in range(len(word) - MIN_VERB_PREFIX, MIN_VERB_SUFFIX - 1, -1):
            forms = self._verb_forms.get(word[-n:])
            if forms:
                prefix = word[:-n]
                return [prefix + f for f in forms if f != word[-n:]]
        return []

    def _add_verb_forms(self, alts: dict[str, float], word: str, factor: float) -> None:
        """The index tokens of a strong verb's other forms ("omsätter" ~ "omsatte"), as
        close as an inflection."""
        f = factor * self.options.inflection_factor
        forms = self.verb_forms(word)
        if not forms and len(word) >= MIN_ACTION_NOUN and word.endswith("ning"):
            # the action noun of a strong verb: "omsättning" ~ "omsatte", "försäljning" ~
            # "sålde"
            forms = self.verb_forms(word[:-4] + "a")
        if not forms and len(word) >= MIN_WEAK_PAST and word.endswith(("te", "de")):
            # a weak verb's past tense, which the stemmer keeps: "rökte" ~ "röker", "röka"
            forms = [word[:-2] + "a", word[:-2] + "er"]
        for form in forms:
            token = self.analyzer.word_terms(form)[0]
            if token in self._vocab_set and alts.get(token, 0.0) < f:
                alts[token] = f

    def derivations(self, token: str) -> list[str]:
        """Vocabulary tokens that are the action noun of a verb stem or the verb stem of an
        action noun (DERIVATIONS): "producer" ~ "produktion", "investering" ~ "invester"."""
        out = []
        for verb, noun in DERIVATIONS:
            for have, other in ((verb, noun), (noun, verb)):
                base = token[:-len(have)]
                if (token.endswith(have) and len(base) >= MIN_DERIVATION_BASE
                        and base + other in self._vocab_set and base + other != token):
                    out.append(base + other)
        return out

    def _add_derivations(self, alts: dict[str, float], token: str, factor: float) -> None:
        """The index tokens of a word's verb or action noun, as close as an inflection."""
        f = factor * self.options.inflection_factor
        for t in self.derivations(token):
            if alts.get(t, 0.0) < f:
                alts[t] = f

    def _add(self, alts: dict[str, float], tokens: Iterable[str], factor: float,
             asked: bool = False) -> None:
        """Add tokens with a factor, and their inflections a little lower; a token the
        index lacks also brings its near spellings, lower still."""
        inf = self.options.inflection_factor
        for t in tokens:
            if alts.get(t, 0.0) < factor:
                alts[t] = factor
            variants = self.inflections(t, asked)
            for v in variants:
                if alts.get(v, 0.0) < factor * inf:
                    alts[v] = factor * inf
            if not variants and self.options.near_factor > 0:
                for v in self.near(t):
                    if alts.get(v, 0.0) < factor * self.options.near_factor:
                        alts[v] = factor * self.options.near_factor

    def _weight(self, word: str, lang: str) -> float:
        w = min(self.options.max_rarity, rarity(word, lang))
        if word in FRAME_WORDS:
            return w * self.options.frame_weight
        return w if looks_like_noun(word, lang) else w * self.options.non_noun_weight

    def _swedish_concepts(self, word: str, lang: str) -> list[Concept]:
        a = self.analyzer
        terms = a.word_terms(word)
        weight = self._weight(word, lang)
        english = lang == "en" and zipf(word, "en") >= MIN_ENGLISH_ZIPF and (
            zipf(word, "en") > zipf(word, "sv"))
        if english:
            # an English word is no Swedish compound ("actually"); a number word keeps its
            # figure ("four" → 4)
            terms = terms[:1] + tuple(t for t in terms[1:] if t[0].isdigit() or t[0] == "#")
        parts = () if english else a.parts(word) or self.known_parts(word, terms[0], lang)
        syn = self.options.synonym_factor

        thes = self.options.thesaurus_factor
        thes_terms = self.thesaurus_terms(word) if thes > 0 else []

        def alts_for(stem_terms: tuple[str, ...]) -> dict[str, float]:
            alts: dict[str, float] = {}
            self._add(alts, stem_terms, 1.0, asked=True)
            if syn > 0:
                for s_terms in self.synonyms(stem_terms[0]):
                    self._add(alts, s_terms[:1], syn)
            for s_terms in thes_terms:
                self._add(alts, s_terms[:1], thes)
            return alts

        if len(parts) >= 2:
            out = []
            for p in parts:
                alts = alts_for((p,))
                self._add(alts, terms[:1], 1.0)
                out.append(Concept(f"{word}:{p}", weight / len(parts), alts,
                                   1.0 / len(parts), whole=terms[0]))
            return out
        alts = alts_for(terms)
        if lang == "sv":
            self._add_verb_forms(alts, word, 1.0)
            self._add_derivations(alts, terms[0], 1.0)
        self._add_written_out(alts, word, lang)
        return [Concept(word, weight, alts)]

    def _phrases(self, word: str, lang: str) -> list[tuple[str, ...]]:
        """What an abbreviation the index lacks stands for in its text ([] for any other
        word, and for a common word or abbreviation of the question's language: "EV" is
        no "exportvärdet")."""
        if (self.abbreviations is None or word in STOPWORDS or self._known(word)
                or zipf(word, lang) >= _COMMON_ABBREVIATION_ZIPF.get(lang, 0.0)):
            return []
        return self.abbreviations(word)

    def _written_out(self, text: str, lang: str) -> str:
        """The text with each abbreviation followed by what it stands for, for the dense
        side: "hur många läser sfi (svenska för invandrare)"."""
        def spell(m: re.Match[str]) -> str:
            phrases = self._phrases(m.group(0).lower(), lang)
            return m.group(0) + "".join(f" ({' '.join(p)})" for p in phrases)
        return _ABBREVIATION_WORD.sub(spell, text) if self.abbreviations else text

    def _add_written_out(self, alts: dict[str, float], word: str, lang: str) -> None:
        """An abbreviation the index lacks, by the words it stands for: the rarest of
        them (the index's frequency), which says what the phrase is about ("invandrare" of
        "svenska för invandrare"), or the compounds it spells ("yrkeshögskolan")."""
        a = self.analyzer
        for phrase in self._phrases(word, lang):
            content = [(t, w) for w in phrase if w not in STOPWORDS
                       for t in a.word_terms(w)[:1] if t in self._vocab_set]
            if content:  # rarest in the index, then in the language
                rarest = min(content, key=lambda tw: (
                    self.doc_freq(tw[0]) if self.doc_freq else 0, zipf(tw[1], "sv")))
                self._add(alts, rarest[:1], self.options.abbreviation_factor)

    def _english_concepts(self, words: list[str]) -> list[Concept]:
        a = self.analyzer
        stems = [english_key(w)[0] if w.isalpha() else w for w in words]
        tf = self.options.translation_factor
        out: list[Concept] = []
        i = 0
        while i < len(words):
            n, translations = self.translate(words, stems, i)
            span = words[i:i + max(n, 1)]
            i += max(n, 1)
            content = [w for w in span if w not in self._stop_en]
            if not content:
                continue
            weight = max(self._weight(w, "en") for w in content)
            if not translations:
                out.extend(self._swedish_concepts(content[0], "en") if len(content) == 1
                           else [])
                continue
            single = [t for t in translations if " " not in t]
            multi = [t for t in translations if " " in t]
            if single:
                alts: dict[str, float] = {}
                syn = self.options.synonym_factor
                for t in single:
                    terms = a.word_terms(t.lower())
                    self._add(alts, terms[:1], tf)
                    self._add_verb_forms(alts, t.lower(), tf)
                    self._add_derivations(alts, terms[0], tf)  # "produce" ~ "produktion"
                    self._add(alts, a.parts(t.lower()), tf * self.options.part_factor)
                    for s_terms in self.synonyms(terms[0]):
                        self._add(alts, s_terms[:1], tf * syn)
                for t in multi:
                    for w in a.words(t):
                        self._add(alts, a.word_terms(w)[:1], tf * 0.8)
                for w in content:  # names and loanwords stand for themselves
                    self._add(alts, a.word_terms(w)[:1], 1.0)
                out.append(Concept(" ".join(span), weight, alts))
            else:
                pieces = a.words(multi[0])
                for w in pieces:
                    alts = {}
                    self._add(alts, a.word_terms(w), tf)
                    out.append(Concept(f"{' '.join(span)}:{w}", weight / len(pieces), alts,
                                       1.0 / len(pieces)))
        return out

    def _edition_of(self, text: str) -> tuple[EditionWish, str]:
        """The edition a question names, and the question without those words when some
        series of the index has that edition (they say where to look, not what to find)."""
        wish = EditionWish.of(text)
        if self.editions is not None and self.editions.serves(wish):
            return wish, wish.without_phrase(text) or text
        return wish, text

    def _analyze(self, text: str, language: str | None = None) -> Query:
        original = text
        repaired = repair_question(text, self._known)  # "enl uppf 2019" names an edition too
        wish, text = self._edition_of(repaired)
        # as typed too: a repaired "jamtland" → "jämtland" does not make English Swedish
        lang = language or ("en" if detect_language(original) == "en" else detect_language(text))
        if lang != "sv":  # English words fold too ("for" → "för"): the question as typed,
            # but for the reports' own words ("ostersund")
            # ("in Are" is Åre, though "are" is an English word)
            wish, text = self._edition_of(restore_report_words(
                with_place_names(english_spelled_out(original)), self._known))
        text = _TERM_FIRST_DEFINITION.sub(
            lambda m: f"{'vad är' if m.group('sv') else 'what is'} {m.group('term')}?", text)
        if lang == "sv":
            text = _WORKING_TOGETHER.sub(
                lambda m: f"samarbet{m.group('ending')}{m.group('between')}", text)
        words = raw_words(_IN_THE_REPORT.sub(" ", _REPORT_AUTHOR.sub("", _THAT_IS.sub(
            " ", _POSSESSIVE.sub("", text)))))
        if lang == "en":
            concepts = self._english_concepts(words)
        else:
            concepts = [c for w in words if w not in STOPWORDS and w not in INDEFINITES_SV
                        for c in self._swedish_concepts(w, "sv")]
        merged: dict[str, Concept] = {}
        for c in concepts:  # a repeated word counts once
            merged.setdefault(c.text, c)
        out = [self._discount(c) for c in merged.values()]
        home = home_place_words(text)
        if home:
            out = [replace(c, weight=c.weight * self.options.home_weight)
                   if c.head in home or c.text in home else c for c in out]
        unit = counted_word(words, lang)
        approx = approximate_numbers(text)
        if approx:  # "över 40 procent": a guess to check, not a figure to find
            out = [replace(c, weight=c.weight * self.options.frame_weight)
                   if c.text in approx else c for c in out]
        kinds = answer_type_words(text)
        if kinds:
            out = [replace(c, weight=c.weight * self.options.answer_type_weight)
                   if c.head in kinds else c for c in out]
        if unit is not None:  # what is counted matters most for whether it is answered
            out = [replace(c, conf_weight=c.weight * self.options.unit_boost)
                   if c.head == unit else c for c in out]
        search = self._written_out(without_home_place(text), lang)
        return Query(text, lang, tuple(out), is_quantity_question(text),
                     is_temporal_question(text), unit,
                     "" if unit and unit not in PEOPLE else counts_by_verb(words, lang),
                     original, wish,
                     search if search != text else "")

    def _discount(self, c: Concept) -> Concept:
        """Lower the weight of a concept that many passages share (the report's own topic,
        e.g. "Jämtland"): it tells little about whether this passage answers."""
        if self.doc_freq is None or self.num_docs <= 1 or not self.options.corpus_idf:
            return c
        df = max((self.doc_freq(t) for t, f in c.alts.items() if f >= 0.9), default=0)
        if not df:
            return c
        n = self.num_docs
        idf = math.log(1 + n / df) / math.log(1 + n)
        return replace(c, weight=c.weight * idf ** self.options.corpus_idf)

