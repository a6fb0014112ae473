"""Pick the sentence that answers, quoted verbatim, or abstain below a calibrated confidence.

The retriever's candidates are re-ranked sentence by sentence: how much of the question
(weighted by how informative each word is) the sentence itself covers, how much its passage
(sentence, the sentence before it, the heading) covers, the retrieval score, and, for
questions that ask for an amount or share, whether the sentence has a number, best one
next to the word the question counts ("hur många personer" → "5 000 personer").

The answer is that sentence, with the sentence before it only when it is needed to make
sense ("Branschen omsätter …" means tourism only because of the sentence before it), at
most 400 characters, every character verbatim from the report. Confidence is the passage's
weighted coverage of the question; below the threshold calibrated on the evaluation
(stored with the index, overridable) the answer is None: "not in the report".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from reportqa.ask.evidence import AnswerModel, add_gaps
from reportqa.ask.messages import edition_lead
from reportqa.ask.question import (
    ADJECTIVE_ZIPF,
    BRANCH_HEADS,
    FRAME_WORDS,
    GENDERS,
    HOME_PARTS,
    HOME_PLACES,
    HOW_MANY,
    PEOPLE,
    POPULATION_GROUPS,
    YEAR,
    Concept,
    Query,
    QueryAnalyzer,
    answer_type_words,
    approximate_numbers,
    home_place_words,
    is_quantity_question,
)
from reportqa.facts.diff import MIN_PAIR_SCORE, same_measure
from reportqa.index.database import PassageRow
from reportqa.ingest.blocks import is_source_section
from reportqa.ingest.editions import Editions
from reportqa.text.analyzer import NUMBER_WORDS, STOPWORDS, Analyzer, raw_words
from reportqa.text.places import places_named
from reportqa.text.spelling import fold
from reportqa.text.vocabulary import split_compound, zipf
from reportqa.types import Answer, Hit, Source

MAX_ANSWER_CHARS = 400
#: Passages of the wanted edition looked through for the best sentence's statement.
EDITION_SEARCH = 5
#: Two sentences of two editions of a series share this much of their words (Jaccard) when
#: they make the same statement with other figures ("… 5 000 personer" / "… 5 400 personer").
SAME_STATEMENT = 0.4
#: … or this share of the other sentence's tokens in the best passage (a passage of two
#: sentences holds the other edition's one-sentence statement).
SAME_HELD = 0.75
_NAME_WORD = re.compile(r"[^\W\d_][\w-]*")
#: A name in this share of the passages or more is the scope every report shares (the
#: county's name), not a place that narrows a question.
SCOPE_SHARE = 0.3
#: A concept matched less than this (a distant synonym, a compound part) counts as missing.
HALF_MATCH = 0.5
ELLIPSIS = "…"
#: A follow-up's new subject is mentioned by its own word, an inflection or a translation
#: (factors 0.81 and up), not by a broader word of the thesaurus ("näringen" for
#: "industrin", 0.5): the sentence about the earlier subject names that one so.
SUBJECT_MATCH = 0.8

__all__ = ["Answer", "Answerer", "Asks", "FollowUp", "Source", "answer_text",
           "is_quantity_question"]

_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(
    r"\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio|hundra|tusen|miljon(er)?|miljard(er)?)\b",
    re.IGNORECASE,
)
#: A change or share given in words ("minskade med en fjärdedel", "var fjärde patient").
_FRACTION = re.compile(
    r"\b(hälften|halva|tredjedel(ar)?|fjärdedel(ar)?|femtedel(ar)?|dubbelt|fördubblats|"
    r"halverats|half|third|quarter|doubled|halved|twice|varannan|var\s+(tredje|fjärde|femte|"
    r"sjätte|tionde)|every\s+(second|third|fourth|fifth|tenth)|one\s+in\s+\w+)\b",
    re.IGNORECASE)
_FRACTION_OF = re.compile(_FRACTION.pattern + r"\s+(?:av|of)\b", re.IGNORECASE)
# A sentence that starts like this leans on the one before it for its meaning.
_ANAPHORIC = re.compile(
    r"^(det|den|detta|denna|dessa|de|där|här|dit|därför|därmed|dessutom|också|även|"
    r"branschen|klustret|sektorn|näringen|företaget|företagen|organisationen|satsningen|"
    r"verksamheten|initiativet|projektet|han|hon|hen|man|motsvarande|samma|"
    # a thing the sentence before named, by a noun of its kind ("Evenemangen beräknas …"),
    # or what it is for ("Målet med projektet är …")
    r"evenemangen|evenemanget|insatsen|insatserna|satsningarna|projekten|samarbetet|"
    r"nätverket|programmet|utredningen|betänkandet|stödet|stöden|åtgärderna|initiativen|"
    r"(målet|syftet|tanken|avsikten|ambitionen|budgeten)\s+(med|för)\s+(det|den|detta|denna|"
    r"projektet|satsningen|initiativet|klustret|nätverket|samarbetet|arbetet|programmet)|"
    r"i detta|i denna|i dessa|inom denna|inom detta|utifrån den|utifrån detta|enligt den|"
    r"it|this|these|they|those|its|their|the same)\b",
    re.IGNORECASE,
)


# "… sådan tillgång", "such access": what the sentence before said, wherever it stands
_SUCH = re.compile(r"\b(sådan|sådant|sådana|such)\b(?!\s+(?:som|as)\b)", re.IGNORECASE)
# "Den offentliga sektorn", "De senaste 20 åren": an article before an adjective, no reference
_ARTICLE_ADJECTIVE = re.compile(r"^(den|det|de)\s+\w+[ae]\b", re.IGNORECASE)
# "Det är ställen där …", "These are …": a definition of what the sentence before named
_DEFINING = re.compile(r"^(det|detta|de|dessa|it|this|these|they)\s+(är|innebär|betyder|avser|"
                       r"is|are|means)\b", re.IGNORECASE)
# "… utgör tillsammans gröna näringar", "Ordet kluster kan definieras som …"
_DEFINING_VERB = re.compile(r"\b(utgör|utgörs|definieras|kallas|innebär|betyder|avser|avses|"
                            r"räknas\s+som|counts?\s+as|"
                            r"menas|betecknar|betecknas|består|är\s+(ett|en)|means|consists?|"
                            r"is\s+(a|an)|are\s+called|refers?\s+to|(is|are)\s+defined|"
                            r"stands?\s+for)\b",
                            re.IGNORECASE)
_EXPLICIT_DEFINITION = re.compile(r"\b(definieras|definierar|definition|innebär|betyder|avser|"
                                  r"avses|menas|"
                                  r"kallas|means|is\s+defined|refers?\s+to)\b", re.IGNORECASE)
_APPOSITION = re.compile(r"\w,\s+(ett|en|an?)\s+\w", re.IGNORECASE)  # "Peak Innovation, ett …"
# asks what a word means: answered by a definition, not by a sentence that uses the word
_MEANING_QUESTION = re.compile(
    r"^\s*(vad\s+(betyder|menas\s+med|innebär|står\s+\S+\s+för)|what\s+(does|do)\s+.+\s+"
    r"(mean|stand\s+for)|what\s+is\s+meant\s+by)\b", re.IGNORECASE)
_YEAR_QUESTION = re.compile(r"\b(vilket|vilka)\s+år(tal)?\b|\b(what|which)\s+year\b|\bårtal",
                            re.IGNORECASE)
_YEAR = re.compile(rf"\b({YEAR})\b")
# asks who, or which organisation: the answer names it. "Vilka" with no noun of its own
# before a verb of taking part ("Vilka är med?", "Vilka ingår?", "Which take part?") asks
# who, as "vem" does.
_WHO_QUESTION = re.compile(
    r"^\s*(vem|vems|who|whose)\b|\b(vilket|vilken|which)\s+(\w+\s+)?(företag|bolag|organisation|"
    r"myndighet|universitet|institut|company|organi[sz]ation|agency|university|institute)\b|"
    # … and their plurals: "vilka myndigheter …", "which agencies …"; not companies, which
    # a kind answers ("vilka företag räknas till de gröna näringarna?")
    r"\b(vilka|which)\s+(\w+\s+)?(organisationer|myndigheter|universitet|institut|"
    r"organi[sz]ations|agencies|universities|institutes)\b|"
    r"^\s*(vilka|which\s+ones|which)\s+(är\s+med|var\s+med|är\s+delaktiga|ingår|deltar|"
    r"medverkar|samarbetar|take\s+part|takes\s+part|are\s+involved|are\s+members|"
    r"participate|work\s+together)\b|"
    # a name asked: "vad heter klustret …", "what's the name of …", "… called?"
    r"\b(?:vad|hur)\s+heter\b|\bname\s+of\b|\bcalled\s*\??\s*$",
    re.IGNORECASE)
#: "who or what does Peak Innovation want to bring together": things as much as names.
_WHO_OR_WHAT = re.compile(r"^\s*(?:vem|vilka|who)\s+(?:eller|el|or)\s+(?:vad|what)\b",
                          re.IGNORECASE)
_CAPITALISED = re.compile(r"(?<![\w-])([A-ZÅÄÖ][\w-]*)")
# where a sentence's clauses part: each may give its own figure and year
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
_CLAUSE = re.compile(r",\s+(?:och|men|medan|samt|while|and|but)\s+|;\s*", re.IGNORECASE)
# a sentence that states a target, and a question that asks for one
_TARGET = re.compile(r"\b(bör|skall|ska\s+(?:\w+\s+){0,3}(?:år|till|senast)|målet\s+är|"
                     r"should|shall|is\s+to\s+reach|target\s+is)\b", re.IGNORECASE)
# ("bredbandsmålet" too)
_TARGET_QUESTION = re.compile(
    r"(mål(et|en|s\w*)?\b|\bska\b|\bskall\b|\bbör\b|\bborde\b|\bstrategi\w*|\bplan\w*|"
    r"\btarget\w*|\bgoals?\b|\baims?\b|\bshould\b|\bshall\b|\bambition\w*)", re.IGNORECASE)


def _states_target(sentence: str) -> bool:
    """Whether every clause of a sentence that gives a figure states a target ("bör 98
    procent … ha tillgång … år 2025"); "Omkring 80 procent reser med bil, och målet är …"
    states a fact too."""
    figures = [c for c in _CLAUSE.split(sentence) if _DIGIT.search(c)]
    return bool(figures) and all(_TARGET.search(c) for c in figures)


# one part's own figure asked, and the sum of several given
_ALONE = re.compile(r"\b(ensam(t|ma)?|för\s+sig|själv(t|a)?\s+för\s+sig|alone|on\s+(its|their)\s+"
                    r"own|by\s+(itself|themselves)|separately)\b", re.IGNORECASE)
#: Something like a named thing ("nåt liknande som House Be", "something like House Be",
#: "similar to Gomorron"): the name is the standard, up to a place or the end.
_LIKE = re.compile(r"\b(?:nåt|något|någonting|några|nån|någon|anything|something|any|one|"
                   r"ones)\s+(?:liknande|likadan\w*|like|similar(?:\s+to)?)\s+(?:som\s+)?"
                   r"(?P<x>(?:[\w-]+\s+){0,3}?[\w-]+?)(?=\s+(?:i|in|på|at|för|for)\b|\s*[?.!]*$)",
                   re.IGNORECASE)
#: A part of a sum asked for: "how much of the combined turnover comes from Åre", "hur stor
#: del av den sammanlagda omsättningen …".
_PART_OF = re.compile(r"\b(?:how\s+much|what\s+(?:share|part|portion|proportion)|hur\s+"
                      r"(?:mycket|stor\s+(?:del|andel)))\s+(?:of|av)\b", re.IGNORECASE)
#: A figure of a text: digits with their thousands' spaces and decimals ("3 000", "2,1").
_FIGURES = re.compile(r"\d+(?:[ \u00a0]\d{3})*(?:[,.]\d+)?")
#: Names a sentence lists with one figure for them all, at least (two may be where and from
#: where: "från Östersund till Åre").
MIN_LISTED_NAMES = 3
#: A capitalised word, and a name of one or more of them ("Åre", "Peak Innovation").
_CAPITALISED_WORD = r"[A-ZÅÄÖ][\w-]+"
_NAME = rf"{_CAPITALISED_WORD}(?:\s+{_CAPITALISED_WORD})*"
_NAME_LIST = re.compile(rf"(?<!\w)({_NAME}(?:,\s+{_NAME})+)\s+(?:och|and|samt)\s+({_NAME})")


def _listed_names(text: str) -> list[str]:
    """The names of a list of MIN_LISTED_NAMES or more ("Åre, Funäsfjällen, Vemdalen och
    Storlien"), lower case; [] when the text has none."""
    for m in _NAME_LIST.finditer(text):
        names = [n.strip() for n in m.group(1).split(",")] + [m.group(2)]
        if len(names) >= MIN_LISTED_NAMES:
            return [n.lower() for n in names]
    return []

_TOGETHER = re.compile(r"\b(tillsammans|sammanlagt|sammantaget|combined|together|in\s+total)\b",
                       re.IGNORECASE)
# asks what a thing is for ("vad är syftet med …", "what's the goal of …"): answered by a
# sentence that says what for ("… samarbetar aktörer för att utveckla …", "Målet med
# projektet är att …")
_PURPOSE_QUESTION = re.compile(
    r"\b(syfte[nt]?|syftar|ändamål(et)?|målet|målsättning(en)?|aim(?:s|ed|ing)?|goals?|purpose|"
    r"objectives?|what\s+for|leda\s+till|uppnå|lead\s+to|achieve|meant\s+to|"
    r"vad\s+ska\s+(?:\w+\s+){0,3}?ge|"
    r"(?:jobbar|arbetar|verkar)(?=\s+(?:[\w-]+\s+){1,4}för\s*[?.!]*\s*$))\b", re.IGNORECASE)


#: Words of one level of ownership or government, in both languages ("kommunala vägar",
#: "state roads"): a figure of one level is no answer for another. ("regional" is left
#: out: "gross regional product", "regionala företagsstöd" name no owner.)
_LEVEL_WORDS = {
    "kommun": ("kommunal", "kommunala", "kommunalt", "municipal", "municipally"),
    "stat": ("statlig", "statliga", "statligt", "state-owned", "state"),
    "privat": ("privat", "privata", "private", "privately"),
}
_LEVEL_OF = {w: level for level, words in _LEVEL_WORDS.items() for w in words}
#: Words after "state" that make it a noun, not a level ("the state of the roads").
_STATE_AS_NOUN = frozenset(("of", "the", "a", "and", "in", "s"))


def _levels(text: str) -> frozenset[str]:
    """The levels of ownership a text names by an adjective (_LEVEL_WORDS)."""
    words = raw_words(text.lower())
    return frozenset(_LEVEL_OF[w] for i, w in enumerate(words) if w in _LEVEL_OF and not (
        w == "state" and (i + 1 >= len(words) or words[i + 1] in _STATE_AS_NOUN)))


#: Measures of the labour market that are easily taken for one another: the share employed
#: and the share unemployed (as a rate or a count of the unemployed).
_MEASURES = {
    "employment": re.compile(r"\bsysselsättningsgrad\w*|\bemployment\s+rates?\b",
                             re.IGNORECASE),
    "unemployment": re.compile(r"\barbetslös\w*|\bunemploy\w*", re.IGNORECASE),
}


def _measures(text: str) -> frozenset[str]:
    """The labour-market measures (_MEASURES) a text names."""
    return frozenset(name for name, pattern in _MEASURES.items() if pattern.search(text))


def _purpose_words(question: str) -> frozenset[str]:
    """The words that ask what a thing is for ("syftet", "leda", "aim"): a sentence that says
    what for has them in its own words ("… för att utveckla …")."""
    return frozenset(w.lower() for m in _PURPOSE_QUESTION.finditer(question)
                     for w in raw_words(m.group()))


_PURPOSE = re.compile(r"\b(för\s+att|i\s+syfte\s+att|syftar\s+till|syftet\s+är|"
                      r"målet\b[^.]*?\bär\s+att|in\s+order\s+to|aims?\s+to)\b",
                      re.IGNORECASE)
# asks who ("vem är ordförande …", "who chairs …") or when ("när grundades …")
_PERSON_OR_TIME = re.compile(r"^\s*(vem|vems|who|whose|när|when)\b", re.IGNORECASE)
# the words of leading, owning or founding something: a sentence that names the thing
# without them does not say who holds the role, or when it was founded
_ROLE = re.compile(
    r"ordförande|\w*direktör\w*|\w*chef(en|er|erna)?|vd|ceo|ledare|leder|ledde|heads?|"
    r"headed|leads?|chairs?|chaired|chair(wo)?man|chairperson|president|äger|ägde|ägare|owns?|owned|"
    r"owners?|grundade|grundades|grundad|grundare|founded|founders?|bildades|established|"
    r"öppnade|öppnades|öppnar|opened|opens?|governor|landshövding(en)?|mayor|borgmästare|"
    r"rektor(n)?|kommunalråd(et)?|directors?|managers?|rector|vice-chancellor|principal|"
    r"chiefs?|leaders?",
    re.IGNORECASE)
# a capitalised word after another word of its sentence: a name ("i Östersunds kommun")
# (not after "; ": a table row passage starts each cell with its column heading, capitalised)
# (not after a number: "100 Mbit/s", "5 MW" are units)
_CAPITALISED_INSIDE = re.compile(r"(?<=[\w,:)”\"] )(?<!\d )([A-ZÅÄÖ][\w-]+)")
# a word written in lower case (not after a hyphen: "Hälso- och sjukvård")
_LOWER_WORD = re.compile(r"(?<![\w-])([a-zåäöé][\w-]*)")
_DEFINITION_QUESTION = re.compile(
    r"^\s*(?:(?:enligt\s+rapporten|according\s+to\s+the\s+report),?\s+)?"
    r"(vad\s+(är|var|menas\s+med|betyder|innebär|räknas|ingår|består|kännetecknar|"
    r"utmärker|krävs\s+för\s+att)|hur\s+(definierar|definieras|förklarar|förklaras)|"
    r"vilka\s+(\w+\s+)?(ingår|räknas)|what\s+(is|are|does|do|makes)|what's|what\s+counts\s+as|"
    r"what\s+does\s+it\s+take)\b", re.IGNORECASE)


#: What follows the term a definition question asks about: "för nåt", "egentligen", "?".
_DEFINITION_TAIL = re.compile(r"\b(?:för\s+(?:nåt|något|någonting|slags|sorts)|egentligen|"
                              r"exactly|really|actually|i\s+rapporten|in\s+the\s+report)\b.*$|"
                              r"[?.!]+\s*$", re.IGNORECASE)
#: A defined term is this many words at most, next to its verb ("tillsammans gröna näringar").
DEFINED_TERM_WORDS = 3
_DETERMINER_NOUN = re.compile(r"^(det|den|de|detta|denna|dessa|this|these|that|those)\s+\S+\s+",
                              re.IGNORECASE)


def _without_anaphor(sentence: str) -> str:
    """The sentence without its referring start: "Det klustret är …" → "är …",
    "Branschen omsätter …" → "omsätter …"."""
    m = _DETERMINER_NOUN.match(sentence)
    if m:
        return sentence[m.end():]
    return sentence.split(" ", 1)[1] if " " in sentence else ""


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two token sets."""
    return len(a & b) / len(a | b) if a or b else 0.0


_HOME_NAMES = "|".join(sorted(HOME_PLACES - {"länet", "county"}, key=len, reverse=True))
#: A home county's name asked as a municipality: "Härjedalens kommun".
_HOME_MUNICIPALITY = re.compile(rf"\b({_HOME_NAMES})\s+(kommun|kommuns|municipality)\b",
                                re.IGNORECASE)
#: The home county's names written together, the region's name ("Jämtland Härjedalen"): a
#: municipality of one of those names is not named by it.
_REGION_NAME = re.compile(rf"\b({_HOME_NAMES})(\s+({_HOME_NAMES}))+\b", re.IGNORECASE)


#: The region's name with "och"/"and" ("Jämtland och Härjedalen"): all of the county.
_REGION_PAIR = re.compile(rf"\b({_HOME_NAMES})\s+(och|and|&)\s+({_HOME_NAMES})\b",
                          re.IGNORECASE)
_HOME_PART = re.compile(rf"\b({'|'.join(sorted(HOME_PARTS, key=len, reverse=True))})\b",
                        re.IGNORECASE)


def _home_parts_asked(text: str) -> list[str]:
    """The home county's names a question asks as a place of their own: as a municipality
    ("i Härjedalens kommun") or a name of part of the county said alone ("i Härjedalen"),
    not in the region's name ("Jämtland Härjedalen", "Jämtland och Härjedalen")."""
    found = [m.group(1) for m in _HOME_MUNICIPALITY.finditer(text)]
    alone = _REGION_PAIR.sub(" ", _REGION_NAME.sub(" ", _HOME_MUNICIPALITY.sub(" ", text)))
    return found + [m.group(1) for m in _HOME_PART.finditer(alone)]


def _names_group(c: Concept) -> bool:
    """Whether a question's concept names a part of the population (POPULATION_GROUPS)."""
    return any(w in POPULATION_GROUPS for w in re.split(r"[: ]", c.text))


#: A time a sentence takes from the one before: "samma år", "vid årets slut", "under
#: säsongen", "that year".
_SAME_TIME = re.compile(r"\b(?:samma\s+år|årets|året|säsongen|perioden|same\s+year|"
                        r"that\s+year|the\s+season)\b", re.IGNORECASE)
#: A season or school year ("2017/2018").
_SEASON = re.compile(r"\b(?:19|20)\d\d/(?:19|20)\d\d\b")
#: A word put before a report's text so that its first word reads as any other.
_LEAD = "och"


def _away_places(text: str, report: bool = True) -> list[tuple[str, ...]]:
    """The places a report's text names (text/places.py), without the home county's names
    (HOME_PLACES: where every sentence is, said or not). A sentence's first word is a name
    when capitalised, as any other ("Norge är den viktigaste exportmarknaden"): places_named
    reads questions, whose first word is capitalised anyway ("Are there …": not Åre)."""
    return [names for names in places_named(f"{_LEAD} {text}" if report else text)
            if not any(w in HOME_PLACES for n in names for w in raw_words(n))]


def _counts_a_group(text: str) -> bool:
    """Whether a text gives a count of a part of the population ("770 unga", "1 350
    kvinnor"): its figure is theirs, not everyone's."""
    words = raw_words(without_times(text))
    return any(w[0].isdigit() and any(x in POPULATION_GROUPS for x in words[i + 1:i + 3])
               for i, w in enumerate(words))


def _group_after(words: list[str], i: int) -> str:
    """The word a group preposition at words[i] narrows to, past an article ("bland de
    unga"): "" when there is none."""
    return next((w for w in words[i + 1:i + 3] if w not in STOPWORDS), "")


# an abbreviation as a question may type it: "DUA", "sfi", "YH"
_ABBREVIATION = re.compile(r"\b([A-ZÅÄÖ]{2,6}|[a-zåäö]{2,4})\b")
# the endings of a Swedish noun's definite forms: "turismen" is the common noun whose
# bare form "Turism" ends the name "Jämtland Härjedalen Turism"; a name takes none of them
_DEFINITE_ENDINGS = ("en", "et", "n", "t", "na", "erna", "arna", "orna")


def _common_form(word: str, names: set[str]) -> bool:
    """Whether a question's word is a name's word in a common noun's definite form
    ("turismen" beside the name's "Turism"), and not that name itself ("östersund",
    "krokoms" typed in lower case are names)."""
    if ":" in word or word in names or word.rstrip("s") in names or word + "s" in names:
        return False
    forms = (word, word[:-1]) if word.endswith("s") else (word,)  # "turismens": genitive
    return any(w.endswith(e) and w[:-len(e)] in names for w in forms for e in _DEFINITE_ENDINGS)


def _spells_out(question: str, sentence: str) -> bool:
    """Whether the sentence writes out an abbreviation the question asks about: "DUA,
    Delegationen för unga …" or "Delegationen … (DUA)" answers "vad står DUA för?"."""
    for short in _ABBREVIATION.findall(question):
        spelled = rf"\b{short},\s+{short[0]}|\(\s*{short}\s*\)"
        if short.lower() not in STOPWORDS and re.search(spelled, sentence, re.IGNORECASE):
            return True
    return False


def is_anaphoric(sentence: str) -> bool:
    """Whether a sentence leans on the one before it ("Branschen omsätter …", "… hade 73
    procent av hushållen sådan tillgång")."""
    return (bool(_ANAPHORIC.match(sentence)) and not _ARTICLE_ADJECTIVE.match(sentence)
            or bool(_SUCH.search(sentence)))


def leaning_text(hit: Hit) -> str:
    """A hit's sentence, with the one before it when it leans on it: what it says."""
    sentence = hit.passage.text
    return answer_text(hit, True) if is_anaphoric(sentence) else sentence


@dataclass(frozen=True)
class RerankWeights:
    """How the sentence re-ranking combines its signals (chosen on the tuning set)."""

    sentence: float = 0.5  # weighted coverage of the question by the sentence alone
    passage: float = 0.3  # … by sentence + context + heading
    retrieval: float = 0.4  # fused retrieval score
    number: float = 0.3  # quantity question and the sentence has a number
    unit: float = 0.1  # … and the number stands next to the counted word
    name: float = 0.3  # "vem"/"vilken myndighet" and the sentence names someone new
    compound: float = 0.2  # the sentence has a compound of the question as one word
    unasked_row: float = 0.15  # a table row whose row heading the question does not name
    # a sentence without the place the question names ("vindkraften i Berg"), when another
    # candidate has it: the county's figure does not answer for a municipality
    missing_place: float = 0.5
    definition: float = 0.1  # "Vad är X?" and the sentence defines what the one before named
    purpose: float = 0.3  # "vad är syftet med X?" and the sentence says what for ("för att …")
    existence: float = 0.15  # "finns det (många) X?" and the sentence says X exists
    # "nåt exempel?" and the sentence says it gives one ("bland annat …"): as strong as what
    # the sentence lacks of the question's words when it leans on the sentence before
    example: float = 0.5
    context_factor: float = 0.8  # a concept found only in the context sentence counts this much
    heading_factor: float = 0.5  # … only in the section heading
    earlier_factor: float = 0.7  # … only in the sentence before the context
    candidates: int = 10
    # confidence: a quantity question answered by a sentence without a number, or a "when"
    # question by one without a time, is probably not answered by the report
    missing_number: float = 0.4
    missing_time: float = 0.5
    unit_mismatch: float = 0.8  # no number of the sentence counts what the question counts
    missing_definition: float = 0.3  # "vad betyder X?" and the sentence does not define
    missing_year: float = 0.5  # "vilket år …?" and the sentence has no year
    missing_change: float = 0.6  # "hur mycket ökade …?" and the sentence gives a level
    missing_name: float = 0.5  # "vem …?" / "who …?" and the sentence names no one new
    # a follow-up's new subject ("Och industrin?") not in the answer: it answers the earlier
    # subject, so it is declined (answer.mentions_subject)
    missing_subject: float = 0.0
    heading_answer: float = 0.7  # the heading answers when it covers this much of the question
    heading_margin: float = 0.3  # … and this much more than any sentence


@dataclass(frozen=True)
class FollowUp:
    """What the conversation tells the answerer about a follow-up (ask/followup.py).

    A follow-up is answered like the question it was resolved into, with what the resolved
    question alone does not say: the subject the follow-up typed in place of the earlier one
    ("industrin" of "Och industrin?"), which the answer must mention, since the sentence
    about the earlier subject answered the earlier question, not this one."""

    subject: str = ""  # empty: the follow-up keeps the earlier subject
    previous_answer: str = ""  # the answer the asker has just read, "" when there was none


@dataclass(frozen=True)
class Asks:
    """The kinds of answer a question asks for beyond its Query flags (quantity, temporal),
    decided once per question."""

    money: bool  # a price, cost or turnover
    year: bool  # "vilket år", "which year"
    meaning: bool  # what a word means
    who: bool  # who, or which organisation
    reason: bool = False  # why: answered by a cause, whatever it is a cause of
    where: bool = False  # where: answered by a sentence that names a place
    where_from: bool = False  # where from ("varifrån …?"): a place after "från"/"from"
    change: bool = False  # how much something grew or fell: a share or fraction answers

    @classmethod
    def of(cls, q: Query) -> Asks:
        reason = bool(_REASON_QUESTION.search(q.text))
        # "how many seasonal staff do the resorts bring in": people counted, not money
        money = bool(_MONEY_QUESTION.search(q.text) or (
            _SPENT_QUESTION.search(q.text) and (q.quantity or _WH_QUESTION.match(q.text)))
        ) and not HOW_MANY.search(q.text)
        return cls(money and not reason,
                   bool(_YEAR_QUESTION.search(q.text)), bool(_MEANING_QUESTION.match(q.text)),
                   bool(_WHO_QUESTION.search(q.text)) and not _WHO_OR_WHAT.match(q.text),
                   reason=reason,
                   where=bool(_WHERE_QUESTION.search(q.text)),
                   where_from=bool(_FROM_WHERE.search(q.text)),
                   change=bool(_CHANGE_QUESTION.search(q.text) or _DID_FALL.search(q.text)))

    def any(self, q: Query) -> bool:
        """Whether the question asks for a kind of answer at all."""
        return (q.quantity or q.temporal or self.money or self.year or self.meaning or self.who
                or self.where)


@dataclass(frozen=True)
class Missing:
    """What of the question a candidate leaves out, by the concepts' confidence weights."""

    sentence: float = 0.0  # the weight of the most informative concept the sentence lacks
    passage: float = 0.0  # … that the whole passage lacks
    sentence_share: float = 0.0  # the share of the question's weight the sentence lacks
    passage_share: float = 0.0
    sentence_count: int = 0  # concepts the sentence lacks (matched under HALF_MATCH)
    passage_count: int = 0


@dataclass(frozen=True)
class Scored:
    hit: Hit
    score: float
    sentence_cov: float
    passage_cov: float
    needs_context: bool
    confidence_cov: float = 0.0  # passage coverage with the confidence weights
    # what the sentence (an anaphoric one with the sentence before it) and the whole passage
    # (with context, heading and the sentence before the context) leave out of the question:
    # a sentence without the place, group or thing the question names does not answer it
    missing: Missing = Missing()
    matched: tuple[float, ...] = ()  # each concept's best match anywhere in the passage
    in_sentence: tuple[float, ...] = ()  # … in the sentence (with the one before, if it refers)


def _moved_first(ranked: list[Scored], s: Scored) -> list[Scored]:
    """`ranked` with `s`, one of its candidates, first and the others in their order."""
    return [s] + [r for r in ranked if r is not s]


def gives_cause(text: str) -> bool:
    """Whether a text gives a cause or a purpose ("för att …", "I och med …", "vilket gör
    …"), which a "why" asked of what was just read needs."""
    return bool(_CAUSE_GIVEN.search(text))


def _close_behind_first(ranked: list[Scored], share: float, depth: int,
                        accepts: Callable[[Scored], bool]) -> list[Scored]:
    """`ranked` with the first candidate after the best, among its first `depth`, that
    scores `share` of the best's score or more and that `accepts` takes, moved first; else
    `ranked` as it is. Candidates come in score order, so none further on is close."""
    floor = ranked[0].score * share
    for s in ranked[1:depth]:
        if s.score < floor:
            break
        if accepts(s):
            return _moved_first(ranked, s)
    return ranked


_TIME = re.compile(
    rf"\b({YEAR})\b|\d+\s+(år|åren|månader|veckor|dagar|years?|months?)\b|"
    # a duration ("ungefär fem timmar", "40 minuter", "two hours")
    r"\b(?:\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|one|two|three|four|five|six|"
    r"seven|eight|nine|ten)\s+(?:timmar|timme|minuter|hours?|minutes?)\b|"
    r"\b(sedan|idag|tidigare|nyligen|januari|februari|mars|april|maj|juni|"
    r"juli|augusti|september|oktober|november|december|våren|sommaren|hösten|vintern|"
    r"since|today|recently|previously|earlier)\b",
    re.IGNORECASE,
)


#: A table cell as a passage writes it (ingest/tables.py): "Column, Row: figure".
_TABLE_CELL = re.compile(r"(?:^|;\s*)([^;,:]+),([^;:]*):\s*[<>≈~]?\d")
#: A group's word that begins a compound of the passage names it there
#: ("pensionärsföreningar"); shorter stems ("ung") begin unrelated words ("ungefär").
MIN_GROUP_PREFIX = 5
#: Prepositions that narrow a figure to a group or field: "för kvinnor", "bland unga", "for
#: firms", "inom de gröna näringarna".
_GROUP_WORDS = frozenset(("för", "bland", "hos", "inom", "for", "among", "within"))
#: Counted words for people in work, which any count of people or jobs answers ("antal
#: anställda" → "5 000 personer"); visitors or students it does not.
_WORKERS = PEOPLE | frozenset((
    "jobb", "jobs", "anställda", "sysselsatta", "employees", "workers", "staff", "personal",
    "förvärvsarbetande", "årsarbeten", "arbetstillfällen", "tjänster", "positions"))
#: Counted words that stand for people or their jobs, which a count of "personer" answers
#: ("how many jobs" → "5 000 personer"); another counted thing it does not ("hur många
#: myndigheter" → "3 300 personer").
_PEOPLE_COUNTED = _WORKERS | POPULATION_GROUPS | frozenset((
    "invånare", "inhabitants", "residents", "elever", "pupils", "barn", "children", "folk",
    "arbeten"))
#: Verbs of working ("hur många jobbar inom X", answered by "5 000 personer" or "7 000
#: årsarbeten"): a question that has one counts people at work, wherever they live.
_WORK_VERBS = frozenset((
    "jobbar", "jobba", "jobbade", "arbetar", "arbeta", "arbetade", "sysselsätts",
    "sysselsattes", "work", "works", "worked", "working", "employed"))
#: Words that speak of work or jobs ("anställda", "sysselsätter", "årsarbeten",
#: "arbetstillfällen", "personal", "40 unga jobbar"): a count of the employed is said with
#: one. The verb alone says what an organisation works on ("Turism som jobbar strategiskt").
_EMPLOYMENT = re.compile(
    r"anställ|sysselsät|sysselsatt|jobb(?!ar\b|ade\b|a\b)|årsarbet|förvärvsarbet|arbetstillfäll|"
    r"arbetsgivar|arbetskraft|arbetsplats|personal|medarbetar|employ|staff|workers|jobs?\b|"
    r"\barbet(?:e|et|en|ena)\b|\d[\d\s]*\s+\w+\s+(?:jobbar|arbetar)\b", re.IGNORECASE)
#: Words of work that count no one employed: "arbetslösheten", "arbetssökande".
_EMPLOYMENT_ASIDE = re.compile(r"\w*(?:arbetslös|arbetssök|arbetsförmedling)\w*",
                               re.IGNORECASE)
#: A count of the employed asked by its verb: "how many people does X employ", "hur många
#: personer sysselsätter X", "hur många anställer X".
_EMPLOY_QUESTION = re.compile(r"\b(?:employ|employs|employed|sysselsätter|sysselsatte|"
                              r"anställer|anställde)\b", re.IGNORECASE)
#: A Swedish definite ending, and the shortest word left without it that may begin a
#: compound ("elen" → "el" of "elproduktion").
_DEFINITE_END = re.compile(r"(?:en|et|na|n|t)$")
MIN_SHARE_BASE = 2
#: Words before the thing a share is of: "av de sysselsatta", "of the county's exports".
_SHARE_OF_SKIP = frozenset(("de", "det", "den", "alla", "the", "all", "its", "their"))
#: A share of something asked: "hur stor andel av länets sysselsatta", "what share of the
#: county's goods exports" (the words after "av"/"of", at most four).
_SHARE_OF_ASKED = re.compile(
    r"\b(?:andel(?:en)?|del|procent|share|proportion|percentage)\s+(?:av|of)"
    r"\s+(?P<x>(?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.IGNORECASE)
#: Words that refer a share to what the sentence says elsewhere: "55 procent av dem som tar
#: examen", "av de förvärvsarbetande" (a definite noun follows "de" and is checked).
_REFERRING = frozenset(("dem", "dom", "dessa", "them", "those", "these", "this", "it"))
#: Where people were born, which names a group ("utrikes födda", "inrikes födda"), not a
#: place the figure is of: "people born outside Sweden", "födda i Sverige".
_BORN_WHERE = re.compile(r"\b(?:born|födda?)\s+(?:outside|in|utanför|i)\s+(?:sweden|sverige)\b",
                         re.IGNORECASE)
#: A count of people to be hired: "how many workers does industry need to recruit", "hur
#: många behöver rekryteras", "hur många nya medarbetare ska anställas".
_HIRING = re.compile(r"\b(?:recruit\w*|hire|hired|hiring|rekryter\w*|anställas|nyanställ\w*|"
                     r"need|needs|needed|behöver|behövs|behov\w*)\b", re.IGNORECASE)
#: Verbs of living somewhere, and the words of a count of those who do ("130 000 invånare"):
#: a count of the employed does not say how many live there.
_RESIDE_VERBS = frozenset(("bor", "bodde", "live", "lives", "lived", "living", "reside"))
_RESIDENTS = frozenset(("invånare", "inhabitants", "residents", "bosatta", "befolkning",
                        "folkmängd", "population"))
#: A compound ending in a people word this long counts people ("myndighetsanställda").
MIN_PEOPLE_PART = 4
#: Words after a number that make it a share, not a count.
_SHARE_WORDS = frozenset(("procent", "percent", "procentenheter"))
#: Endings of nouns for people, in both languages: "företagare", "studerande", "studenter",
#: "specialister", "sjuksköterskor", "visitors", "employees", "students", "physicians".
_PERSON_ENDING = re.compile(
    r"(?:are|arna|ande|ende|enter|ent|ister|ist|örer|ör|erska|erskor|ers|ors|ees|ents|ists|"
    r"ians)$")


def counts_people(word: str) -> bool:
    """Whether a counted word ("anställda", "visitors") stands for people."""
    return (word in _PEOPLE_COUNTED or bool(_PERSON_ENDING.search(word))
            or any(word.endswith(p) for p in _PEOPLE_COUNTED if len(p) >= MIN_PEOPLE_PART))


#: Words between a number and what it counts: "ett 20-tal företag", "80 st bilar".
_COUNT_FILLERS = frozenset(("tal", "st", "stycken"))


def counts_only_things(text: str) -> bool:
    """Whether every count in `text` counts something other than people or their jobs
    ("ett 20-tal besöksdestinationer", "80+ företag"): it does not answer "hur många
    jobbar …". A share may ("anställer ca 42 %"), and so may a bare number."""
    if _PERCENT.search(text):
        return False
    counted = counted_words(text)
    return bool(counted) and all(w and w not in STOPWORDS and not counts_people(w)
                                 for w in counted)


def _counts_jobs(word: str) -> bool:
    return word in _WORKERS - PEOPLE or word.endswith("arbeten")


def counts_workers_only(text: str) -> bool:
    """Whether `text` counts jobs or those in them ("7 000 årsarbeten") and no other
    people ("ett 20-tal besöksdestinationer" beside them is no count of people)."""
    counted = [w for w in counted_words(text) if w and w not in STOPWORDS]
    return any(_counts_jobs(w) for w in counted) and not any(
        counts_people(w) and not _counts_jobs(w) for w in counted)


def counts_some_people(text: str) -> bool:
    """Whether a count in `text` counts people or their jobs ("7 000 årsarbeten")."""
    return any(counts_people(w) for w in counted_words(text))


def counted_words(text: str) -> list[str]:
    """What each number of `text` counts, years and spans of time left out ("ett 20-tal
    destinationer" → "destinationer"); "" for a number that counts nothing or is a share."""
    words = raw_words(without_times(text))
    return [_counted_after(words, i) for i, w in enumerate(words) if w[0].isdigit()]


def _counted_after(words: list[str], i: int) -> str:
    """The word a number at `i` counts ("20 tal destinationer" → "destinationer"); "" when
    none follows or it is a share ("42 procent")."""
    counted = next((w for w in words[i + 1:i + 3] if w not in _COUNT_FILLERS), "")
    return "" if counted in _SHARE_WORDS else counted


#: Number words a question may write a figure with ("inom tre år"); not "en"/"ett"/"one",
#: which are articles far more often.
_SMALL_NUMBERS = {w: n for w, n in NUMBER_WORDS.items()
                  if w not in ("en", "ett", "one") and len(n) <= 2}


#: Units said in a larger or smaller size of another, as (that unit, how many of it): "1
#: Gbit/s" is 1000 Mbit/s, not the report's "100 Mbit/s"; a Swedish mil is 10 km.
_SCALED_UNITS = {"gbit": ("mbit", 1000), "tbit": ("mbit", 1_000_000), "kbit": ("bit", 1000),
                 "mil": ("km", 10)}


def figures_by_measure(words: list[str], stem: Callable[[str], str]) -> dict[str, set[str]]:
    """The figures of a text by the word that follows each ("tre år" → {"år": {"3"}}),
    without years and with the word stemmed ("åren" → "år"); a unit of another's size
    in that one ("1 gbit" → {"mbit": {"1000"}})."""
    out: dict[str, set[str]] = {}
    for w, nxt in zip(words, words[1:], strict=False):
        figure = _SMALL_NUMBERS.get(w, w)
        if figure.isdigit() and not _YEAR.fullmatch(figure) and nxt.isalpha() \
                and (nxt not in STOPWORDS or nxt == "år"):  # "år" is a Swedish stop word
            unit, size = _SCALED_UNITS.get(nxt, (nxt, 1))
            out.setdefault(stem(unit), set()).add(str(int(figure) * size))
    return out


def counts_only_people(text: str) -> bool:
    """Whether every count in `text` counts people ("cirka 3 300 personer"): then it
    answers no question that counts something else."""
    words = raw_words(without_times(text))
    counts = [i for i, w in enumerate(words) if w[0].isdigit()
              and (i + 1 == len(words) or words[i + 1] not in _SHARE_WORDS)]
    return bool(counts) and all(any(x in PEOPLE for x in words[i + 1:i + 3]) for i in counts)


#: A concept matched below this is matched by another word (a synonym: "branschen" for
#: "industrin"), not by its own word inflected or translated ("projektet" for "project").
OTHER_WORD_MATCH = 0.8
#: A counted word shorter than this may be an abbreviation ("ssk" for sjuksköterskor).
MIN_COUNTED_KIND = 5
#: How much of missing_place a candidate loses that does not say the thing a question asks
#: to exist (_thing_unsaid): more than a place, since without it nothing is answered.
THING_UNSAID_LACK = 2.0
#: A hit ranked below the candidates is weighed too when its BM25 is this close to the best
#: (lexical scores are divided by the question's best), at most MAX_RESCUED of them.
LEXICAL_RESCUE = 0.95
MAX_RESCUED = 2
#: Rows of one table (one document, one first column) among the candidates scored: a table
#: of many rows would otherwise fill them all and push the sentence that answers out.
MAX_ROWS_PER_TABLE = 2


#: A compound ends in a noun after at least this many letters of another word
#: ("industri|näringar").
MIN_COMPOUND_PREFIX = 3
#: Pronouns and determiners in -a that stand before a noun like adjectives: "sina
#: företag", "våra kunder", "samma år", "båda", "flera", "vissa", "andra", "hela".
_PRONOUNS_A = frozenset(("sina", "mina", "dina", "våra", "era", "samma", "båda", "bägge",
                         "flera", "vissa", "andra", "hela", "varenda", "nästa", "enda",
                         "såna", "sådana", "dessa", "några", "inga", "alla", "många",
                         "egna", "vilka"))
#: Asks the report's name: "vad heter rapporten", "what is the title of the report".
#: Asks the series a report belongs to: "vad heter rapportserien?", "which report series".
_SERIES = (r"(?:(?:vad|hur)\s+heter\s+(?:dokument|rapport)?serien|(?:vilken|which|what)\s+"
           r"(?:dokument|rapport|report\s+|document\s+)?seri(?:e|es))")
_REPORT_NAME_QUESTION = re.compile(
    # the series a report belongs to is named by its title too
    rf"\b(?:{_SERIES}\b|"
    r"(?:vad|hur)\s+heter\s+(?:rapporten|uppföljningen)|(?:rapportens|the\s+report's)\s+"
    r"(?:namn|titel|name|title)|what\s+is\s+the\s+(?:title|name)\s+of\s+(?:the|this)\s+"
    r"report)\b", re.IGNORECASE)
#: A question about the report's own goal or title: "vilket mål nummer handlar om fler
#: kluster", "Which goal number does this section deal with?", "vad heter rapporten". Not
#: "vilket mål har handlingsplanen" (a target in the text).
_GOAL_OR_TITLE_QUESTION = re.compile(
    r"\b(?:vilket\s+mål\s*(?:nummer|nr)|vilket\s+målnummer|(?:which|what)\s+goal\s+number|"
    # the report's subtitle, and the series it belongs to
    r"undertitel\w*|underrubrik\w*|subtitle|subheading|(?:målets|rapportens)\s+rubrik|"
    rf"the\s+goal's\s+heading|{_SERIES}|"
    r"vilket\s+(?:nummer|nr)\s+har\s+målet|what\s+number\s+is\s+the\s+goal|"
    r"(?:vad|hur)\s+heter\s+(?:rapporten|avsnittet|uppföljningen)|"
    r"vad\s+(?:står|heter)\s+mål\s*\d+(?:\s+för\b)?|"
    r"what\s+(?:does|is)\s+goal\s*\d+\s+(?:stand\s+for|called)|"
    r"vad\s+(?:handlar|gäller|innebär)\s+mål\s*\d+|vad\s+går\s+mål\s*\d+\s+ut\s+på|"
    r"(?:goal|mål)\s*\d+\s+(?:is\s+about|handlar\s+om)|"
    # "vad är mål 5 i läget i länet?", "what's goal 5?": the goal itself, not a thing of it
    r"(?:vad|vilket)\s+(?:är|e)\s+mål\s*\d+(?![\w'’:])|what(?:'s|’s|\s+is)\s+goal\s*\d+(?![\w'’])|"
    r"vilket\s+mål\s+(?:[\w-]+\s+){0,5}?handlar\s+(?:(?:det|den|detta)\s+(?:här\s+)?)?om|"
    r"what\s+is\s+goal\s*\d+\b[^?]*?\babout|what\s+does\s+goal\s*\d+\s+(?:cover|mean)|"
    r"vilket\s+mål\s+(?:handlar|gäller)\s+(?:[\w-]+\s+){0,4}?[\w-]*(?:rapporten|texten|"
    r"avsnittet|uppföljningen)\s+om|(?:which|what)\s+goal\s+(?:is|does)\s+(?:this|the)\s+"
    r"(?:report|section|text)|"
    r"what\s+is\s+the\s+(?:title|name)\s+of\s+(?:the|this)\s+(?:report|section))\b",
    re.IGNORECASE)
#: A question about whom the report comes from: "vem är avsändare/källa för rapporten",
#: "who is the source of this county report", "who published the report", "vem har tagit
#: fram rapporten".
_SOURCE_QUESTION = re.compile(
    r"\b(?:källa|källan|avsändare|avsändaren|utgivare|utgivaren|source|publisher)\b"
    r"(?:\s+\w+){0,2}\s+(?:för|till|av|of|for)\s+(?:(?:den|det|denna|this|the)\s+)?"
    r"(?:\w+\s+)?(?:rapport\w*|report|text\w*|uppföljning\w*|dokument\w*|document)\b|"
    r"\bwho\s+(?:wrote|published|is\s+behind|produced|compiled|made)\s+(?:the|this)\s+"
    r"report\b|"
    r"\bvem\s+(?:har\s+)?(?:skrivit|gett\s+ut|står\s+bakom|tagit\s+fram|tog\s+fram|"
    r"publicerat|publicerade|sammanställt|sammanställde|gjort|gjorde)\s+"
    r"(?:rapporten|texten|uppföljningen|dokumentet)\b|"
    # "vilken organisation står som källa?", "who is named as the source?"
    r"\b(?:står|anges|nämns|listed|named|given)\s+(?:som|as)\s+(?:the\s+)?(?:källa|source)\b",
    re.IGNORECASE)
#: Passages of the document searched for its source heading when none is a candidate.
SOURCE_SEARCH = 10
#: A goal named by its number in such a question: "vad står mål 5 för", "goal 6".
_GOAL_NUMBER = re.compile(r"\b(?:mål|goal)\s*(\d+)\b", re.IGNORECASE)
#: How sure the heading is as the answer to such a question: it is the report's own.
GOAL_OR_TITLE_CONFIDENCE = 0.9
#: A concept weighs this much or more when it says what is asked (not a frame word such as
#: "vad"/"finns" or a common one): the passage must match one such beside a name.
MIN_TOPIC_WEIGHT = 1.0
#: A concept weighs this much or more when it is the thing the question asks a figure of
#: ("the manufacturing industry"), not a frame or scope word: a branch's figure whose
#: passage matches none of it is another branch's (branch_figure).
MIN_SUBJECT_WEIGHT = 1.5
#: A sentence that gives a figure of the branch the sentences before it named, by the noun
#: of its kind: "Branschen omsätter …", "Sektorn sysselsätter …".
_BRANCH_OPENING = re.compile(r"^(?:branschen|sektorn|näringen)\b", re.IGNORECASE)
#: A word that names a branch by its kind ("sektorn", "besöksnäringen", "tillverkningsindustrin",
#: "turismbranschen"); not the business community as a whole ("näringslivet").
_BRANCH_WORD = re.compile(
    r"(?!näringsliv)\w*(?:industri|näring|sektor|bransch)(?:n|en|er|erna|ar|arna)?")
#: An acronym: two to five capitals ("EU", "SCB", "IUC"), alone or before a hyphen, not
#: before a capitalised word (the start of a name: "JH Turism").
_ACRONYM = re.compile(r"(?<![\w-])[A-ZÅÄÖ]{2,5}(?![\wåäö]|\s+[A-ZÅÄÖ])")
#: A follow-up's candidate this close behind the best (a share of its score) and at most
#: this many sentences from the answer just read goes first (near_what_was_read). Measured
#: over the read conversation sets: +15 / −7 follow-ups, four of the losses asking for
#: another edition (now left alone).
NEAR_READ_CLOSE = 0.8
NEAR_READ_ROWS = 3
#: A "why" follow-up's candidate near the answer just read that gives a cause goes before a
#: best one that gives none when it scores this share of the best's score
#: (cause_near_what_was_read).
CAUSE_CLOSE = 0.6
#: Words that give a cause or a purpose: "för att skapa …", "I och med de senaste årens
#: tillväxt …", "eftersom", "tack vare", "because", "due to".
_CAUSE_GIVEN = re.compile(
    r"\b(?:för\s+att|eftersom|därför|på\s+grund\s+av|pga|beror\s+på|berodde\s+på|"
    r"till\s+följd\s+av|i\s+och\s+med|tack\s+vare|drivit|driver\s+på|lett\s+till|leder\s+till|"
    r"vilket\s+gör|som\s+gör\s+att|"
    r"because|since|due\s+to|owing\s+to|as\s+a\s+result|in\s+order\s+to|thanks\s+to|"
    r"which\s+makes|so\s+that)\b",
    re.IGNORECASE)
#: A question for how many there are of a thing asks for all of them when the rest of its
#: words weigh less than this share of the counted word (the county, a frame word): "hur
#: många företag finns i länet?", not "hur många företag har inga anställda alls?"
#: (whole_first).
WHOLE_ASKED_OTHER = 0.5
#: A count of some of a thing: "11 000 av företagen", "två av de", "300 of the firms".
_SOME_OF = re.compile(r"\d[\d\s.,]*\s+(?:av|of)\s+(?:de|dem|the|those|these)?\s*(\w+)")
#: A name of two or more capitalised words: "Jämtland Härjedalen Turism", "Peak Innovation".
_NAME_RUN = re.compile(rf"(?<![\w-]){_CAPITALISED_WORD}(?:\s+{_CAPITALISED_WORD})+")
#: A genitive owner has at least this many letters ("länets", "industrins"; not "hus").
MIN_OWNER_CHARS = 5
#: A concept matched this well by a word is that word (a translation or the word itself).
FULL_MATCH = 0.9
#: A candidate within this share of the first one's score, among the first KIND_DEPTH,
#: that has the kind of answer asked (an amount, a sum of money) goes before a first one
#: that has not (measured: 0.85 moves the right sentence up on four sets' misses).
KIND_CLOSE = 0.85
#: A follow-up's best sentence is the one just read; the sentence next to it scoring this
#: share of its score or more is what the follow-up asks (next_to_what_was_read).
READ_AGAIN_CLOSE = 0.8
#: … when the follow-up has a concept this informative that the answer read lacks.
NEW_CONCEPT_WEIGHT = 1.0
KIND_DEPTH = 3
#: How far on a figure of the year asked may follow a sentence that names the subject and
#: the year without a figure (figure_follows): "… sedan toppåret 2013." — one sentence
#: about today — "År 2013 var andelen drygt 18 procent."
FIGURE_REACH = 2
#: The shortest last part of a compound that other_compound looks for inside a sentence's
#: words: shorter ones ("bil", "år") are inside unrelated words.
MIN_COMPOUND_HEAD = 5
#: A passage names the owner asked when a word of it matches the owner this well: the
#: word, a translation, an inflection ("tillverkningsindustrin" for "manufacturing"); not a
#: part of a translation ("näring" of "besöksnäring" for "tourism").
NAMES_OWNER = 0.8
#: "the tourism industry's customers": up to two words before "'s", and the owned noun.
_EN_OWNED = re.compile(r"\b((?:[a-z]+\s+)?[a-z]+)['’]s?\s+([a-z]+)\b")
# words that describe an English owner rather than say whose ("local manufacturers'
# customers" are the manufacturers'): the word after them says whose
_EN_MODIFIERS = frozenset(("local", "regional", "national", "rural", "small", "smaller",
                           "big", "bigger", "biggest", "large", "larger", "largest", "major",
                           "main", "swedish", "foreign", "domestic"))


def _swedish_adjective(word: str) -> bool:
    """A Swedish adjective in its -a form ("gröna", "offentliga"): a common word without it."""
    return (word.endswith("a") and len(word) > 3 and word not in STOPWORDS
            and word[:-1] not in STOPWORDS and word not in _PRONOUNS_A
            and zipf(word[:-1], "sv") >= ADJECTIVE_ZIPF)


def _adjective_nouns(q: Query, text: str) -> list[tuple[int, int]]:
    """The (adjective, noun) concept indices of a Swedish question's adjective before its
    noun in `text` ("de gröna näringarna"): both words concepts of their own."""
    if q.language != "sv":
        return []
    at = {c.text: i for i, c in enumerate(q.concepts)}
    words = raw_words(text)
    return [(at[adjective], at[noun]) for adjective, noun in zip(words, words[1:], strict=False)
            if adjective in at and noun in at and _swedish_adjective(adjective)]


def _owned_things(question: str) -> list[tuple[tuple[str, ...], str]]:
    """The (owner words, owned noun) pairs of a question: a Swedish genitive before a noun
    ("turismföretagens kunder") or an English possessive ("the tourism industry's
    customers"). Capitalised owners are names (places and organisations, checked apart)."""
    out: list[tuple[tuple[str, ...], str]] = []
    for m in _EN_OWNED.finditer(question):
        owner = tuple(w for w in m.group(1).split() if w not in STOPWORDS)
        if len(owner) > 1 and owner[0] in _EN_MODIFIERS:  # "local manufacturers'"
            owner = owner[1:]
        if owner and m.group(2) not in STOPWORDS:
            out.append((owner, m.group(2)))
    if out:
        return out
    words = re.findall(r"[\w-]+", question)
    for w, nxt in zip(words, words[1:], strict=False):
        low = w.lower()
        if (low.endswith("s") and len(low) >= MIN_OWNER_CHARS and w[0].islower()
                and low not in STOPWORDS and nxt.lower() not in STOPWORDS
                and low not in HOME_PLACES):
            out.append(((low,), nxt.lower()))
    return out


def spread_tables(hits: list[Hit], n: int) -> list[Hit]:
    """The hits with rows beyond MAX_ROWS_PER_TABLE of one table moved after the first `n`."""
    seen: dict[tuple[str, str], int] = {}
    first: list[Hit] = []
    later: list[Hit] = []
    for h in hits:
        cell = _TABLE_CELL.match(h.passage.text)
        key = (h.passage.doc, cell.group(1).strip().lower()) if cell else None
        if key is not None:
            seen[key] = seen.get(key, 0) + 1
        (later if key is not None and seen[key] > MAX_ROWS_PER_TABLE and len(first) < n
         else first).append(h)
    return first + later


def table_rows(text: str) -> str:
    """The row headings of a table row passage ("Vindkraftverk, Berg: 60" → "Berg"); empty
    for a sentence."""
    return " ".join(cell.group(2).strip() for cell in _TABLE_CELL.finditer(text))


def has_time(text: str) -> bool:
    """Whether a sentence says when: a year, "20 år", a month, "sedan", "idag", "tidigare"…"""
    return bool(_TIME.search(text))


_SHARE_QUESTION = re.compile(r"\b(andel|procent|del\s+av|share|percent|percentage|proportion|"
                             r"fraction|rate)\b", re.IGNORECASE)
_COUNT_QUESTION = re.compile(r"\b(hur\s+många|how\s+many|antal|number\s+of)\b", re.IGNORECASE)
_PERCENT = re.compile(r"\d\s*(%|procent\b|percent\b)", re.IGNORECASE)


def _gives_share(text: str) -> bool:
    """Whether a text gives a share: a percentage or a fraction ("var tredje", "hälften")."""
    return bool(_PERCENT.search(text) or _FRACTION.search(text))


# a whole number, not a share nor a decimal ("12,5"); a full stop after it ends the sentence
_COUNT = re.compile(r"\d+(?:[ \u00a0]\d{3})*\+?(?!\s*(?:%|procent\b|percent\b|\d)|[,.]\d)",
                    re.IGNORECASE)


def has_amount(question: str, text: str) -> bool:
    """Whether `text` has the kind of number the question asks for: a share ("hur stor
    andel", "what share") wants a percentage, a count ("hur många", "how many") a number
    that is not one; other amounts any number."""
    if _SHARE_QUESTION.search(question):
        return bool(_PERCENT.search(text))
    if _COUNT_QUESTION.search(question):
        return bool(_COUNT.search(text) or _NUMBER_WORD.search(text))
    return has_number(text)


#: "Antalet X …", "The number of X …": a sentence that says how many X there are.
_NUMBER_OF = re.compile(r"\b(?:antal(?:et)?|the\s+number\s+of)\s+(\w+(?:\s+\w+)?)",
                        re.IGNORECASE)
#: Years and references ("SOU 2015:86"): numbers in a sentence that are no amount.
_YEAR_OR_REFERENCE = rf"(?<![\d,.])\b({YEAR})\b(?![ \u00a0]\d{{3}})|\S*:\S*"
_YEARS_AND_REFERENCES = re.compile(_YEAR_OR_REFERENCE)
#: A share of a group: "65,1 procent av vuxna", "12 % of adults" (the group, up to 3 words).
_SHARE_OF = re.compile(r"\d\s*(?:%|procent|percent)\s+(?:av|of)\s+((?:\w+\s*){1,3})",
                       re.IGNORECASE)
# … and spans of time ("20 åren")
_TIMES = re.compile(r"\b\d+\s+(år|åren|månader|veckor|dagar|years?|months?|weeks?|days?)\b|"
                    + _YEAR_OR_REFERENCE, re.IGNORECASE)


# asks for an amount of money, which a count ("80+ företag") does not answer
_MONEY_QUESTION = re.compile(
    r"\b(kostar|kosta|kostnad(en)?|pris(et)?|avgift(en)?|omsätter|omsatte|omsättning(en)?|"
    r"budget(en)?|intäkter(na)?|\w*lön(en|er|erna)?|tjänar|pengar|kronor|sek|euro|cost|costs|price|fee|"
    r"turnover|turn(s|ed)?\s+over|revenues?|budget|"
    r"salary|earn|money|värde(t)?|värd|value|worth|(bring|brings|brought)\s+in|"
    r"(drar|drog|dra)\s+in|(economic|financial)\s+(impact|effects?|value)|"
    r"ekonomisk[at]?\s+(effekt|betydelse|värde|påverkan)\w*)\b", re.IGNORECASE)
_MONEY_QUESTION_FOLDED = re.compile(fold(_MONEY_QUESTION.pattern), re.IGNORECASE)
#: Money spent or granted, asked for as a sum only by a question for what or how much ("How
#: much EU funding goes to …", "what does the region spend …"), not in a yes/no question
#: ("does Peak Innovation work to attract investments?").
_SPENT_QUESTION = re.compile(r"\b(?:funding|funds|spend|spends|spent|spending|invest|invests|"
                             r"invested|investments?|grants?)\b", re.IGNORECASE)
# asks where ("Var ligger Grönt Center?", "Where is the cluster located?", "I vilken kommun
# …?"); not "var" as "was" ("Hur stor var …") or "each" ("var tredje")
_WHERE_QUESTION = re.compile(
    r"^\s*(var\s+(ligger|finns|är|sitter|hittar|i|har)|where)\b|\b(i|in)\s+vilken\s+(kommun|ort|stad)\b|"
    r"\bin\s+which\s+(municipality|town|city|place)\b", re.IGNORECASE)
#: Asks where from ("varifrån ville man flytta myndigheter?", "where do they come from?"),
#: which a place after "från"/"from" answers (_FROM_PLACE) ("… från storstadsregionen Stockholm").
_FROM_WHERE = re.compile(r"\b(?:varifrån|var\b.*\bifrån|from\s+where|where\b.*\bfrom)\b",
                         re.IGNORECASE)
# asks where a thing is located, which only a named place answers ("var ligger …", "var i
# länet …", "var har de sitt kontor", "where is … based"), not a field ("inom besöksnäringen")
_LOCATED = re.compile(
    r"^\s*(var\s+(ligger|i\b|sitter|har\b.*\b(kontor|säte|huvudkontor))|"
    r"where\b.*\b(located|based|situated|office|headquarter))", re.IGNORECASE)
# a sentence that says where: a preposition of place before a name ("i Krokoms kommun",
# "at Frösön"), or the field something is within
_PLACE_IN = re.compile(r"\b(?i:i|in|på|vid|at|on|utanför|outside)\s+([A-ZÅÄÖ]|"
                       r"(?i:länet|landet|riket|regionen|the\s+county|the\s+country)\b)|"
                       r"\b(?i:inom|within)\s+\w")  # "var finns jobben?" "inom kontaktcenter"
# … by its name or as out of the county ("i Åre", "utanför länet"), not as the county or
# region every sentence is in ("i regionen")
_PLACE_NAMED = re.compile(r"\b(?i:i|in|på|vid|at|on)\s+[A-ZÅÄÖ]|\b(?i:utanför|outside)\s+\w")
# asks for places by name: "vilka länder exporterar de till", "which municipalities …"
_WHICH_PLACES = re.compile(
    r"\b(?:vilka|vilket|vilken|which|what)\s+(?:länder|land|kommuner|kommun|orter|städer|stad|"
    r"countries|country|municipalities|municipality|towns|town|cities|city|places)\b",
    re.IGNORECASE)
#: A year counted from today ("förra året", "i fjol", "last year") or from the figure given
#: ("året innan", "föregående år", "the year before", "the previous year").
_LAST_YEAR = re.compile(r"\b(?:förra\s+året|i\s+fjol|last\s+year)\b", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"\b(?:året\s+(?:innan|före)|föregående\s+år|(?:the\s+)?(?:previous|"
                          r"prior)\s+year|the\s+year\s+before)\b", re.IGNORECASE)
#: The start of a question, perhaps after "och", "men", "and", "but" ("o" typed for "och").
_OPENS_WITH = r"^\W*(?:(?:och|o|and|but|men)\s+)?"
#: The superlatives of size and number: "störst", "flest", "biggest", "largest".
_LARGEST = r"(?:störst[ae]?|flest|biggest|largest)"
#: Asks for one: "vilket är …", "vilken enskild …", "which is …", "who is …".
_ONE_ASKED = re.compile(_OPENS_WITH + r"(?:vilken|vilket|vem|(?:which|what|"
                        r"who)(?:\s+\w+){0,3}?\s+(?:is|was)\b|which\s+(?:single|one)\b)",
                        re.IGNORECASE)
_SUPERLATIVE = re.compile(rf"\b{_LARGEST}\b", re.IGNORECASE)
#: Any superlative of size, number or level: what "vilken … har flest anställda" is
#: answered by ("länets enskilt största arbetsgivare").
_ANY_SUPERLATIVE = re.compile(r"\b(?:störst[ae]?|flest[ae]?|högst[ae]?|lägst[ae]?|mest[ae]?|"
                              r"minst[ae]?|biggest|largest|highest|lowest|most|fewest|least)\b",
                              re.IGNORECASE)
#: "de flesta av dem", "most of them": a part, no one named the most.
_MOST_OF = re.compile(r"\b(?:de\s+)?flesta\b|\bmost\s+of\b", re.IGNORECASE)
#: One or some among the largest: "flera av länets största", "one of the largest".
_AMONG_THE = re.compile(r"\b(?:flera|några|många|en|ett|one|several|some|many)\s+(?:av|of)\s+"
                        rf"(?:[\w-]+\s+){{0,2}}?{_LARGEST}\b", re.IGNORECASE)
#: Asks which ones, in the plural: "vilka är de 20 besöksdestinationerna?", "which
#: destinations does it work with?".
_WHICH_ONES = re.compile(_OPENS_WITH + r"(?:vilka|which)\b", re.IGNORECASE)
#: Words between "vilka"/"which" and the ones asked for: "vilka är de 20 …".
_WHICH_FILLERS = frozenset(("är", "var", "e", "de", "dom", "are", "were", "the", "those",
                            "these", "alla", "all"))
#: Index tokens of the words for a kind of branch, not one branch: "klustret", "branschen",
#: "näringen", "sektorn".
_KINDS_OF_BRANCH = frozenset((
    "klust", "klustret", "kluster", "bransch", "branschen", "näring", "näringen", "sektor",
    "sektorn"))
#: A count and the noun it counts: "ett 20-tal besöksdestinationer", "ca 80+ företag",
#: "drygt 100 nya företag".
_COUNTED_NOUN = re.compile(r"\b\d+(?:[ \u00a0]\d{3})*(?:-tal|\+)?\s+(?P<noun>[a-zåäö][\w-]*)"
                           r"(?:\s+(?P<next>[a-zåäö][\w-]*))?", re.IGNORECASE)
#: What names the ones counted right after the count: "…: Åre, Östersund och Krokom",
#: "(Åre, …)", "såsom …", "bland annat …", "such as …".
_EXAMPLES_GIVEN = (r"såsom|bland\s+annat|bl\.?\s?a\.?|t\.?\s?ex|till\s+exempel|exempelvis|"
                   r"nämligen|such\s+as|including|namely|for\s+example|e\.g\.")
_MEMBERS_GIVEN = re.compile(rf"\s*(?:[:(–—]|,?\s*(?:som\s+t\.?\s?ex|{_EXAMPLES_GIVEN})\b)",
                            re.IGNORECASE)
#: Asks what kind of a thing ("vad för slags företag …", "vilken typ av företag …", "what
#: kind of companies …"): the thing asked is `noun`.
_KIND_OF = re.compile(
    r"\b(?:(?:vad|vilken|vilket|vilka)\s+(?:för\s+)?(?:slags|sorts|typ(?:er)?\s+av|sort|slag)|"
    r"(?:what|which)\s+(?:kinds?|types?|sorts?)\s+of)\s+(?P<noun>[^\W\d_]+)", re.IGNORECASE)
#: A Swedish attributive adjective before its noun: "en grundläggande näring", "gröna
#: näringar", "innovativa företag".
_ATTRIBUTIVE = re.compile(r"\w{3,}(?:ande|ende|iga|ig|iska|isk|ella|ell|iva|iv|a)$")
#: A word that may be a compound, hyphenated ones too ("SME-företag", "tjänsteföretag").
_COMPOUND_WORD = re.compile(r"[^\W\d_]{2,}(?:-[^\W\d_]{2,})*")
#: Asks for an example ("nåt exempel på …?", "any examples?", "t.ex.?"), which a sentence
#: that says it gives one answers ("bland annat", "till exempel", "such as").
_EXAMPLE_QUESTION = re.compile(r"\b(?:exempel\w*|examples?|for\s+instance|t\.\s?ex)\b",
                               re.IGNORECASE)
_GIVES_EXAMPLE = re.compile(rf"\b(?:{_EXAMPLES_GIVEN})(?!\w)", re.IGNORECASE)
# asks why ("Varför minskade omsättningen?", "What caused the drop?"): no amount is asked,
# even of money or a count
_REASON_QUESTION = re.compile(
    r"^\s*(varför|why|how\s+come)\b|\bvad\s+beror\b|\b(vad|what)\s+(orsakade|caused|explains)\b|"
    r"\b(orsak(en|erna)?|anledning(en|arna)?|reasons?)\s+(till|för|bakom|for|behind)\b",
    re.IGNORECASE)
# asks how much something changed: "med en fjärdedel" or "med 12 procent" answers it
_CHANGE_QUESTION = re.compile(
    r"\b(minskade|minskat|ökade|ökat|växte|vuxit|sjönk|sjunkit|steg|stigit|förändrades|"
    r"tappade|tappat|föll|fallit|ökningen|minskningen|tappet|lost|gained|ökar|minskar|växer|"
    r"sjunker|stiger|förändras|tappar|faller|increases|decreases|declines|falls|rises|drops|"
    r"fell|fallen|dropped|drop|rose|risen|grow|grows|grew|grown|increased?|decreased?|declined?|"
    r"changed?|påverka|påverkar|påverkade|påverkat|påverkades|drabbade|drabbades|drabbats|"
    r"affect|affects|affected|impact|impacts|impacted|öka|minska|växa|sjunka|stiga|falla|"
    r"rise|shrink|shrinks|shrank|shrunk)\b", re.IGNORECASE)
#: "did X fall", "will it fall": a change; not "the share that falls in winter", "the fall"
_DID_FALL = re.compile(r"\b(?:did|does|do|will|would|has|have|had)\b[^?.]*\bfall\b",
                       re.IGNORECASE)
# a sentence that says how something changed ("ökade med", "en minskning", "jämfört med")
_CHANGE = re.compile(
    r"\b(ök\w*|minsk\w*|växt|växte|vuxit|tillväxt\w*|sjönk|sjunk\w*|steg|stigit|stiger|"
    r"förändr\w*|fördubbl\w*|halver\w*|jämfört|ned|upp|increase\w*|decrease\w*|"
    r"declin\w*|grow\w*|grew|rose|risen|fell|fallen|drop\w*|chang\w*|compared)\b",
    re.IGNORECASE)
# "mnkr", "mdr", "msek": the units of table columns ("Omsättning 2021 (mnkr)", ingest/tables.py)
_MONEY = re.compile(r"\b(kr|kronor|sek|euro|eur|dollar|mkr|mnkr|mdkr|"
                    r"mdr|msek|tkr)\b|[$€£]", re.IGNORECASE)


#: A question that asks what, which or how (not yes or no).
_WH_QUESTION = re.compile(r"^\s*(?:what|what's|which|how|hur|vad|vilk\w+)\b", re.IGNORECASE)
#: Kinds of money a question asks for and a sentence gives a sum of, by their words; what a
#: thing costs is its price and what is spent on it ("Vad kostar projektet?" — "en budget på
#: 16 miljoner"; "average house price" — "En villa kostade i genomsnitt 2 150 000 kronor").
_MONEY_KINDS = {
    "turnover": re.compile(r"\b(?:omsät\w*|omsatt?e|turnover|revenues?|intäkt\w*|sales|"
                           r"försäljning\w*|drar\s+in|drog\s+in|brings?\s+in|brought\s+in)\b",
                           re.IGNORECASE),
    "spending": re.compile(r"\b(?:satsa\w*|satsning\w*|investera\w*|investering\w*|"
                           r"invest\w*|spend\w*|spent|budget\w*|fund\w*|finansi\w*|stöd\w*|"
                           r"bidrag\w*|anslag\w*|grants?|support\w*|subsid\w*|lån\w*|loans?|"
                           r"beviljade?s?|lagt|lägger|lade|kost\w*|costs?)\b", re.IGNORECASE),
    "wage": re.compile(r"\b(?:lön\w*|snittlön\w*|salar\w*|wages?|earn\w*|tjänar)\b",
                       re.IGNORECASE),
    "price": re.compile(r"\b(?:pris\w*|avgift\w*|price\w*|fees?|kost\w*|costs?)\b",
                        re.IGNORECASE),
}


def _money_kinds(text: str) -> frozenset[str]:
    """The kinds of money (_MONEY_KINDS) a text's words speak of."""
    return frozenset(kind for kind, words in _MONEY_KINDS.items() if words.search(text))


#: Abroad, said as such ("i utlandet", "utomlands", "utanför Sverige", "abroad"); not of
#: people born there ("födda utomlands", "born abroad") or as one of alternatives ("eller
#: utomlands", "or abroad").
_ABROAD = re.compile(
    r"(?<!födda )(?<!född )(?<!born )(?<!eller )(?<!or )\b(?:i\s+utlandet|från\s+utlandet|"
    r"utlandet|utomlands|utrikes\s+marknad\w*|abroad|overseas|foreign\s+markets?|"
    r"utanför\s+(?:sverige|landet|riket)|outside\s+(?:sweden|the\s+country))\b", re.IGNORECASE)


#: A sentence that speaks of abroad without the word ("i nationella och internationella
#: sammanhang", "utländska gäster").
_INTERNATIONAL = re.compile(r"\b(?:internationell\w*|international\w*|utländsk\w*|"
                            r"foreign)\b", re.IGNORECASE)


#: A question for what characterises something: "vad kännetecknar industriföretagen?",
#: "vad utmärker tjänstesektorn?", "what characterises the manufacturing industry?".
_CHARACTER_QUESTION = re.compile(
    r"\b(?:kännetecknar|kännetecknas|utmärker|utmärks|präglar|präglas|karakt[äe]riserar|"
    r"karakt[äe]riseras|characteri[sz]es?|characteri[sz]ed)\b", re.IGNORECASE)
#: A sentence that says what characterises something: "… är starkt präglat av SME-företag".
_CHARACTER_SAID = re.compile(
    r"\b(?:präglat?|präglad[e]?|präglas|kännetecknas|kännetecknat|kännetecknats|utmärks|"
    r"karakt[äe]riseras|typisk\w*|särpräglad\w*)\b", re.IGNORECASE)
#: A sentence that says what characterises something goes first when it scores this share
#: of the best sentence's score or more (character_first).
CHARACTER_CLOSE = 0.75
#: Asks how things turned out for the people of a programme, an education or a place ("får
#: man jobb efter yh?", "hur gick det för deltagarna i Mitt jobb i Jämtland?", "stannar
#: studenterna kvar i länet?", "do graduates find jobs?", "what was the outcome?"): a report
#: says it as a share of them ("… hade 89 procent ett arbete ett år efter …").
_OUTCOME_QUESTION = re.compile(
    r"\b(?:(?:får|fick|fått)(?:\s+[\w-]+){0,5}?\s+(?:jobb|arbete|anställning)|"
    r"hur\s+gick\s+det|gick\s+det\s+bra|stannar|stanna\s+kvar|blir\s+kvar|"
    r"(?:get|gets|got|find|finds|found|land|lands|landed)\s+(?:a\s+)?(?:jobs?|work|employment)|"
    r"(?:people|them|participants|graduates|students)\s+into\s+(?:jobs?|work)|"
    r"outcomes?|how\s+did\s+(?:[\w-]+\s+){1,6}?(?:do|go|turn\s+out|fare)|"
    r"stay(?:s|ed)?\s+(?:on\s+)?in)\b", re.IGNORECASE)
#: A sentence that says how it turned out as a share goes first when it scores this share of
#: the best sentence's score or more (outcome_first).
OUTCOME_CLOSE = 0.7
#: Words of one sex, and words of both, in both languages: a question that names both sexes
#: ("skillnad i utbildningsnivå mellan kvinnor och män", "is there a gender gap") asks for
#: each one's figure ("Bland kvinnorna är andelen 31 procent och bland männen 17 procent").
_FEMALE = re.compile(r"\b(?:kvinn\w*|flick\w*|tjej\w*|wom[ae]n|females?|girls?)\b",
                     re.IGNORECASE)
_MALE = re.compile(r"\b(?:män|männen|mäns|manlig\w*|pojk\w*|kill\w*|men|males?|boys?)\b",
                   re.IGNORECASE)
_BOTH_SEXES = re.compile(r"\b(?:kön(?:en)?|könsskillnad\w*|genders?|sexes)\b", re.IGNORECASE)
#: A sentence that gives a figure for each sex goes first when it scores this share of the
#: best sentence's score or more (sexes_first).
SEXES_CLOSE = 0.75


def _names_both_sexes(text: str) -> bool:
    """Whether a text names women and men, or the sexes as such."""
    return bool(_FEMALE.search(text) and _MALE.search(text) or _BOTH_SEXES.search(text))


#: Asks what came of something: "har det märkts", "hur syns det", "vad har det lett till",
#: "has it had any effect", "has it shown up"; not what a figure includes ("including
#: spin-off effects") nor when something appeared ("when did coworking start to show up").
_CONSEQUENCE = re.compile(
    r"\b(?:märk(?:ts|s|as|bar\w*)|synts|syns|(?:nån|någon|några|gett|haft)\s+effekt\w*|"
    r"resultat\w*|lett\s+till|led\s+to|(?:any|an|no|some|much|what)\s+effects?|"
    r"effects?\s+(?:on|in)|(?:has|have|had)\s+(?:\w+\s+){0,5}(?:shown|showed)|noticed|"
    r"noticeable|visible|tydliggjor\w*|"
    # "har det blivit nåt av det i Jämtland?", "vad har det inneburit för länet?", "any
    # example in the county?": what came of it
    r"blivit\s+(?:nåt|något|någonting)\s+av|inneb(?:urit|är|ar)\s+för|meant\s+for|"
    r"(?:any|an|some)\s+examples?|(?:nåt|något|några|ett)\s+exempel|"
    # "has any of it happened in Jämtland?": whether it came about in a place
    r"(?:happened|hänt|skett)(?=\s+(?:\w+\s+){0,2}(?:in|i)\s+(?!\d)))\b", re.IGNORECASE)


#: A place something comes from ("från Norge", "from Norway"), and the prepositions of
#: where it is or goes.
_FROM_PLACE = re.compile(r"\b(?:från|fran|from|ut\s+ur|out\s+of)\s+[\w-]+(?:\s+[A-ZÅÄÖ][\w-]*)?",
                         re.IGNORECASE)
_TO_OR_IN = frozenset(("i", "in", "till", "to", "på", "at", "inom", "within", "mot", "towards"))


#: Asks who, in general ("vem/vilka sitter där", "who uses them"), not which named
#: organisation: kinds of people listed answer it.
_WHO_BY_KIND = re.compile(r"^\s*(?:(?:och|o|and|but|men)\s+)?(?:vem|vilka|who)\s+(?!är\b|"
                          r"var\b|is\b|was\b)\w+", re.IGNORECASE)
#: A list of three or more: "entreprenörer, start-up bolag och gräsrotspersoner".
_LIST_OF_THREE = re.compile(r"[\w-]+(?:\s+[\w-]+)?,\s+[^,.;]+?\s+(?:och|and)\s+[^,.;]+")
#: Words of kinds of people and organisations, as a list of who names them.
_PEOPLE_KINDS = re.compile(r"\b\w*(?:entreprenör|företag|bolag|person|aktör|forskar|student|"
                           r"näring|organisation|myndighet|medlem|elev|arbetsgivar|invånar|"
                           r"entrepreneur|compan|business|people|researcher)\w*", re.IGNORECASE)


def _lists_kinds_of_people(sentence: str) -> bool:
    """Whether a sentence lists kinds of people or organisations ("Det är ställen där
    entreprenörer, start-up bolag och gräsrotspersoner sitter …"): who, said in kinds."""
    return any(_PEOPLE_KINDS.search(m.group()) for m in _LIST_OF_THREE.finditer(sentence))


#: A count of what is new or moved: "nya tjänster", "jobs were moved", "relocated".
_CHANGE_COUNTED = re.compile(r"\b(?:nya|nytt|new|moved?|moving|relocated?|relocating|"
                             r"flytta|flyttas|flyttade?s?|flyttats|"
                             r"utlokaliserade?s?|utlokaliserats|omlokaliserade?s?|tillkommit|"
                             r"tillkom|skapade?s?|skapats|skapat|created|added)\b",
                             re.IGNORECASE)
#: … in the count a question asks for: "hur många nya tjänster", "how many jobs were moved"
#: (not "vilket nytt klusterinitiativ … och hur många företag är med").
_CHANGE_COUNT = re.compile(r"\b(?:hur\s+många|how\s+many|antal(?:et)?|number\s+of)\s+"
                           r"(?:[\w-]+\s+){0,7}?" + _CHANGE_COUNTED.pattern, re.IGNORECASE)
#: A clause that says its figure is of something new, moved, grown or started.
_CHANGE_SAID = re.compile(r"\b(?:ny\w*|new\w*|flytt\w*|moved?|relocat\w*|utlokal\w*|"
                          r"omlokal\w*|tillkom\w*|tillför\w*|skap\w*|creat\w*|add\w*|ök\w*|"
                          r"increas\w*|start\w*|grund\w*|found\w*|etabler\w*|extra|fler|more|"
                          r"växt|vuxit|växte|grew|grown|förändr\w*|fyll\w*|fill\w*|"
                          r"anslut\w*|join\w*|tagit\s+emot|received|bygg\w*|built|"
                          r"färdigställ\w*|completed)\b", re.IGNORECASE)
#: Where a sentence's clauses part: a comma, a semicolon, "och", "and", "medan".
_CLAUSE_SPLIT = re.compile(r"[,;]|\b(?:och|and|medan|while)\b", re.IGNORECASE)
#: The whole country a county's figure is compared with.
_NATIONAL = re.compile(r"\b(?:riket|rikets|riks(?:snitt|genomsnitt|nivå)\w*|hela\s+landet|"
                       r"resten\s+av\s+landet|landet\s+som\s+helhet|övriga\s+landet|"
                       r"sverige|sweden|national(?:ly)?|nationwide|the\s+country|"
                       r"(?:runt\s+om\s+)?i\s+landet|landet\s+runt|"
                       r"nationell\w*)\b", re.IGNORECASE)
#: Words around the country's name in a follow-up that asks for it: "i hela Sverige".
_COUNTRY_FILLERS = frozenset(("i", "in", "hela", "whole", "all", "of", "as", "a", "för",
                              "for", "med", "with", "jmf", "jämfört", "compared", "to"))


def _names_the_country(phrase: str) -> bool:
    """Whether a follow-up's subject is the whole country and nothing else ("riket", "i
    hela sverige", "in Sweden as a whole")."""
    rest = _NATIONAL.sub(" ", phrase)
    return rest != phrase and all(w in _COUNTRY_FILLERS for w in raw_words(rest.lower()))


#: The names of the country itself.
_SWEDEN = frozenset(("sverige", "sweden"))
#: Asks for a comparison: "jämfört med", "än i", "compare with", "than".
#: The whole country as the place a figure is asked for: "i hela riket", "in Sweden",
#: "nationally" (not "från Sverige", where people come from).
_IN_THE_COUNTRY = re.compile(r"\b(?:(?:i|in|för|for|across|inom)\s+(?:hela\s+|all\s+of\s+|the\s+"
                             r"whole\s+)?(?:riket|landet|sverige|sweden|the\s+country)|"
                             r"nationally|nationwide|riks(?:snitt|genomsnitt)\w*|"
                             r"national\s+(?:average|figure|level|rate))\b", re.IGNORECASE)
#: The country named as the place of a figure: "i riket", "hela Sverige", "the national
#: average", "nationell nivå" — not "nationella sammanhang".
_COUNTRY_NAMED = re.compile(r"\b(?:riket|rikets|riks\w*|landet|sverige|sweden|the\s+country|"
                            r"nationally|nationwide|national\s+(?:average|figure|level|rate)|"
                            r"nationell\w*\s+(?:nivå|snitt\w*|genomsnitt\w*))\b",
                            re.IGNORECASE)
_COMPARES = re.compile(r"\b(?:jämför\w*|jmf|skiljer|skillnad\w*|än|compare[ds]?|comparison|"
                       r"than|versus|vs|differ\w*|relative\s+to)\b", re.IGNORECASE)
#: The shortest stem between_unsaid compares by its beginning ("män" ~ "männ").
MIN_ITEM_STEM = 3
#: What a figure is compared or split between: "mellan kommuner, region och stat",
#: "between women and men" (up to the end of the question or a place after it).
_BETWEEN = re.compile(r"\b(?:mellan|between)\s+(.+?)(?=\s+(?:i|in)\s+(?:länet|jämtland|the\s+"
                      r"county)\b|[?.!]|$)", re.IGNORECASE)
#: Two things asked a figure each ("i kommunerna resp i regionen", "kvinnor respektive män").
_RESPECTIVELY = re.compile(r"([\w-]+)\s+(?:resp\.?|respektive)\s+(?:(?:i|in|bland|för|på|"
                           r"inom)\s+)?([\w-]+)", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"\s*,\s*|\s+(?:och|and|o|samt|resp|respektive|vs\.?|versus|"
                             r"or|eller)\s+|\s*&\s*", re.IGNORECASE)


def _asks_money(question: str) -> bool:
    """Whether a question asks about money, as written or typed without å, ä, ö
    ("vad omsatter de")."""
    return bool(_MONEY_QUESTION.search(question) or _MONEY_QUESTION_FOLDED.search(question))


#: A sum of money ("2,1 miljarder kronor", "320 mkr"): no answer to "how many".
_MONEY_AMOUNT = re.compile(
    r"\d+(?:[ \u00a0]\d{3})*(?:[,.]\d+)?\s*(?:(?:miljoner|miljarder|miljon|miljard|tusen|"
    r"million|billion)\s+)?(?:kr|kronor|sek|euro|eur|mkr|mnkr|mdkr|mdr|msek|tkr)\b",
    re.IGNORECASE)


#: What a question leaves out of a figure ("utan kringeffekter", "om man inte räknar
#: kringeffekter", "excluding spin-off effects"), and what a sentence's figure includes.
_EXCLUDING = re.compile(
    r"\b(?:utan|exkl\.?|exklusive|excluding|without|not\s+counting|inte\s+(?:räknar|räknat|"
    r"räknas|inräknat|inräknade|medräknat|medräknade|inkluderar|inkluderat)(?:\s+med)?)\s+"
    r"(?:de\s+|the\s+|några\s+|any\s+)?([^\W\d_][\w-]*)", re.IGNORECASE)
_INCLUDING = re.compile(
    r"\b(?:inklusive|inkl\.?|inräknat|inräknade|medräknat|medräknade|including)\s+"
    r"((?:[^\W\d_][\w-]*\s*){1,2})", re.IGNORECASE)
#: How much of missing_place a candidate without a figure loses for a question for one:
#: enough to pass a sentence with the figure that is about as close, not one much further.
FIGURE_UNSAID = 0.3
#: A kind asked as a restriction of the figure given: "är det bara direkta jobb?".
_ONLY_KIND = re.compile(r"\b(?:bara|endast|enbart|only|just)\s+(\w+)", re.IGNORECASE)
#: A purpose that is making something ("för att bilda ett myndighetsnätverk"): what the
#: work is for, not what the thing made is for.
_MAKING = re.compile(r"\s*(?:bilda|skapa|starta|bygga|etablera|inrätta|grunda|form|create|"
                     r"build|establish|set\s+up|found)\b", re.IGNORECASE)
#: Asks whether something exists, with any words before the thing: "finns det ändå
#: kluster?", "finns det många …", "are there many clusters?" (what follows: "rest").
_EXISTS_ASKED = re.compile(r"^\W*(?:(?:och|o|and|but|men|so)\s+)?(?:(?:finns|fanns)\s+(?:det|de)|"
                           r"(?:is|are|was|were)\s+there)\s+(?P<rest>.+)", re.IGNORECASE)
#: Words between "finns det"/"are there" and the thing asked to exist.
_EXISTENCE_FILLERS = frozenset((
    "ändå", "också", "även", "verkligen", "många", "fler", "flera", "mycket", "nåt", "något",
    "nån", "någon", "några", "nåra", "still", "also", "really", "many", "several", "more",
    "any", "some", "actually", "bara", "endast", "enbart", "only", "just"))
#: Verbs that say a thing is there: "finns", "exists", "there are".
_EXISTS_VERBS = frozenset(("finns", "fanns", "existerar", "exist", "exists", "there"))
#: How many words after such a verb the thing may come ("finns det ett flertal kluster",
#: "finns Grönt Center, ett kluster").
EXISTS_REACH = 5
#: Asks whether there is a thing ("finns det nåt kluster för …", "is there a cluster …"):
#: the thing, which an answer says.
_THERE_IS = re.compile(
    r"\b(?:(?:finns|fanns)\s+(?:det|de)\s+(?:nåt|något|nån|någon|några|ett|en)|"
    r"(?:is|are|was|were)\s+there\s+(?:a|an|any|some))\s+((?:[^\W\d_][\w-]*\s*){1,3})",
    re.IGNORECASE)
#: The two ends a question may ask for ("flest", "highest") and a sentence may name.
_EXTREMES = (
    frozenset(("flest", "mest", "högst", "högsta", "störst", "största", "most", "highest",
               "largest", "biggest", "greatest")),
    frozenset(("färst", "minst", "lägst", "lägsta", "minsta", "least", "fewest", "lowest",
               "smallest")),
)


#: The seasons a text may name, by the beginnings of their words in both languages
#: ("sommarsäsongen", "vintern", "summer", "autumn"); not "vår" (also "our").
_SEASON_STEMS = {"sommar": "summer", "summer": "summer", "vinter": "winter",
                 "winter": "winter", "höst": "autumn", "autumn": "autumn"}


#: The start and the end of a year, which a figure "vid årets slut" is said at, as seasons.
_YEAR_PARTS = (
    (re.compile(r"\bbörjan\s+av\s+år(?:et)?\b|\bårets\s+början\b|\b(?:start|beginning)\s+"
                r"of\s+the\s+year\b|\bearly\s+in\s+the\s+year\b", re.IGNORECASE), "year start"),
    (re.compile(r"\bslutet\s+av\s+år(?:et)?\b|\bårets\s+slut\b|\bend\s+of\s+the\s+year\b|"
                r"\byear[-\s]end\b", re.IGNORECASE), "year end"),
)


def _seasons(text: str) -> frozenset[str]:
    """The seasons a text names (_SEASON_STEMS), and the start or end of a year."""
    return frozenset(season for w in raw_words(text.lower())
                     for stem, season in _SEASON_STEMS.items() if w.startswith(stem)) | {
        part for pattern, part in _YEAR_PARTS if pattern.search(text)}


def without_times(text: str) -> str:
    """The text without years, spans of time and references ("20 åren", "2017",
    "SOU:2017:1"): numbers that say when, not how many."""
    return _TIMES.sub(" ", text)


def _without_genitive(word: str) -> str:
    """A word without its genitive ending: "länets" → "länet", "county's" → "county"."""
    for ending in ("'s", "’s", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[:-len(ending)]
    return word


def names_in(sentence: str, question: str) -> set[str]:
    """Names in a sentence that the question does not name: capitalised words inside the
    sentence, and at its start those that are no common word ("Den", "Inom") or acronyms."""
    asked = set(raw_words(question))
    out: set[str] = set()
    for m in _CAPITALISED.finditer(sentence):
        word = m.group(1)
        parts = raw_words(word)
        if len(word) < 2 or not parts or all(p in asked or p.removesuffix("s") in asked
                                              for p in parts):  # "Jämtlands" of "Jämtland"
            continue
        initial = not sentence[:m.start()].strip() or sentence[:m.start()].rstrip()[-1] in ".!?:"
        lower = word.lower()
        if initial and word.isalpha() and split_compound(lower):
            continue  # "Turismbranschen" at the start: a compound noun, no name
        if not word.isalpha() or word.isupper() or zipf(lower, "sv") < (4.0 if initial else 4.5):
            out.add(lower)  # a common word with a capital ("Sport") names no one
    return out


def names_only_the_one_given(sentence: str, question: str, asked: str, read: str) -> bool:
    """Whether a question for others ("vilka fler myndigheter har flyttat hit?") is not
    answered by `sentence`: the earlier answers (`read`) gave a name the earlier questions
    (`asked`) did not ("… extra tjänster inom Tillväxtverket"), and the sentence names no
    one else, at most that one again. A list of several the questions did not name ("LRF
    Jämtland, Torsta AB, Eldrimner …" after "är eldrimner med?") holds others, though an
    answer showed it; after answers that named no one ("vilka fler företag räknas till
    gröna näringar?") a sentence of no names may answer."""
    def away(names: set[str]) -> set[str]:  # the home county is where, no one named
        return {n for n in names if n not in HOME_PLACES and n.removesuffix("s")
                not in HOME_PLACES}

    given = away(names_in(read, f"{question} {asked}"))
    beyond_asked = away(names_in(sentence, f"{question} {asked}"))
    beyond_read = away(names_in(sentence, f"{question} {asked} {read}"))
    return bool(given) and not beyond_read and len(beyond_asked) <= 1


def subject_concepts(q: Query, subject: str) -> list[Concept]:
    """The concepts of `q` that come from the words of `subject` (all the words of a
    concept's question phrase are in it: "public sector" of "the public sector overall"),
    without the home county ("and in Jämtland?"), which every report is about."""
    typed = {w.lower() for w in raw_words(subject)} - home_place_words(subject)
    return [c for c in q.concepts
            if (words := c.text.split(":")[0].lower().split()) and set(words) <= typed]


#: A capitalised word after a preposition of place ("i Ås", "in Åre", "från Berg"): a place.
_PLACE_NAME = re.compile(r"\b(?i:i|på|från|vid|in|at|from)\s+([A-ZÅÄÖ][\w-]*)")


def places_in(sentence: str) -> set[str]:
    """The names (lower case) a sentence gives as places: "I Ås i Krokoms kommun" → ås,
    krokoms."""
    return {m.group(1).lower() for m in _PLACE_NAME.finditer(sentence)}


def has_number(text: str) -> bool:
    return bool(_DIGIT.search(text) or _NUMBER_WORD.search(text))


def _trim_context(ctx: str, room: int) -> str:
    """The end of `ctx` in at most `room` characters, cut between words (never in a number)."""
    if len(ctx) <= room:
        return ctx
    tail = ctx[len(ctx) - (room - 2):]
    for m in re.finditer(r"(?<=\S) (?=\S)", tail):
        before, after = tail[m.start() - 1], tail[m.end()]
        if not (before.isdigit() and after.isdigit()):
            return f"{ELLIPSIS} {tail[m.end():]}"
    return ""


def answer_text(hit: Hit, with_context: bool | None = None) -> str:
    """The answering sentence, with the one before it only when it needs it to make sense.

    `with_context` None decides by the sentence alone (it starts with a reference such as
    "Branschen" or "Motsvarande"). Longer than 400 characters, the context is shortened from
    its start ("… ").
    """
    sentence = hit.passage.text
    ctx = hit.passage.context
    if with_context is None:
        with_context = is_anaphoric(sentence)
    if len(sentence) > MAX_ANSWER_CHARS:
        cut = sentence[: MAX_ANSWER_CHARS - 2]
        return cut[: cut.rfind(" ")] + " " + ELLIPSIS if " " in cut else cut
    if not (with_context and ctx):
        return sentence
    room = MAX_ANSWER_CHARS - len(sentence) - 1
    ctx = _trim_context(ctx, room)
    return f"{ctx} {sentence}" if ctx else sentence


class Answerer:
    def __init__(self, analyzer: Analyzer, threshold: float, documents: dict[str, dict],
                 queries: QueryAnalyzer | None = None, weights: RerankWeights | None = None,
                 earlier: Callable[[list[PassageRow]], dict[int, str]] | None = None,
                 model: AnswerModel | None = None,
                 search_document: Callable[..., list[Hit]] | None = None):
        self.analyzer = analyzer
        self.model = model  # the fitted answer model; None: weighted-coverage confidence
        self.threshold = threshold
        self.documents = documents
        self.queries = queries or QueryAnalyzer(analyzer)
        self.weights = weights or RerankWeights()
        self.earlier = earlier  # row → the sentence before a passage's context, same section
        self.editions = Editions(documents)
        self.queries.use_editions(self.editions)
        # (text, document, k[, sources]) → that document's passages most like the text: the
        # wanted edition's statement when retrieval ranked it below the answering
        # candidates; with sources, its source line too (ingest/blocks.is_source_section)
        self.search_document = search_document

    # ---- scoring ---------------------------------------------------------------------------
    def _unit_match(self, q: Query, sentence: str) -> bool:
        """A number in the sentence stands next to the word the question counts; for people
        counted by what they do ("hur många jobbar"), it counts people or their jobs."""
        if self._counts_residents(q):
            return self._residents_counted(q, sentence)
        if (q.by_verb or q.unit in _WORKERS) and counts_some_people(sentence):
            return True  # "antal anställda" → "5 000 personer"
        return any(self._counts(q, concept, sentence) for concept in self._unit_concepts(q))

    @staticmethod
    def _counts_residents(q: Query) -> bool:
        """Whether the question counts people by where they live ("how many people live
        here", "hur många bor i Åre"), not by where they work ("hur många bor i länet men
        jobbar i Norge" counts commuters)."""
        return q.by_verb in _RESIDE_VERBS and not _WORK_VERBS & set(raw_words(q.text))

    def _residents_counted(self, q: Query, sentence: str) -> bool:
        """A count of residents ("130 000 invånare"), or of people in a sentence that says
        they live there; a count of the employed ("sysselsätter 3 300 personer") is not."""
        if _RESIDENTS & set(counted_words(sentence)):
            return True
        verb = [c for c in q.concepts if c.text.split(":")[0].split(" ")[-1] == q.by_verb]
        tokens = self.analyzer.token_set(sentence)
        return counts_some_people(sentence) and any(c.match(tokens) >= HALF_MATCH for c in verb)

    def _counts(self, q: Query, concept: Concept, sentence: str) -> bool:
        """A number in the sentence counts what `concept` names (see _unit_match)."""
        words = raw_words(sentence)
        for i, w in enumerate(words):
            if w[0].isdigit() and any(concept.match(self._head_terms(x))
                                      for x in words[i + 1:i + 3]):
                return True
        # "Hur många röker?" is answered by the share of those who do ("Andelen som röker
        # dagligen är 12 %"), and a table counts in its column heading ("Vindkraftverk,
        # Berg: 60")
        if _PERCENT.search(sentence) and (q.unit in PEOPLE or concept.match(
                self.analyzer.token_set(sentence)) >= 1):
            return True
        if any(concept.match(self.analyzer.token_set(cell.group(1))) >= 1
               for cell in _TABLE_CELL.finditer(sentence)):
            return True
        # "Antalet fritidshus i länet är drygt 12 680": the number of what it names first
        counted = _NUMBER_OF.search(sentence)
        return bool(counted and _COUNT.search(sentence[counted.end():]) and concept.match(
            self.analyzer.token_set(counted.group(1))) >= HALF_MATCH)

    def _head_terms(self, word: str) -> frozenset[str]:
        """The terms of what a counted word counts: the word, and of a compound its last
        part ("besöks|destinationer" counts destinations, not visits)."""
        a = self.analyzer
        parts = a.parts(word)
        return frozenset((a.word_terms(word)[0], parts[-1]) if parts else a.word_terms(word)[:1])

    @staticmethod
    def _unit_concepts(q: Query) -> list[Concept]:
        """The concepts of the word a quantity question counts: of a compound the analysis
        split, each part ("miljonprogramslägenheter" → miljonprogram, lägenheter; a number
        next to either counts it)."""
        unit = q.unit or q.by_verb
        if not unit:
            return []
        return [c for c in q.concepts if c.text.split(":")[0].split(" ")[-1] == unit
                or c.text.split(":")[0] == unit]

    def _share_of_unit(self, q: Query, sentence: str) -> bool:
        """A percentage of the thing the question counts: "65,1 procent av vuxna"."""
        for m in _SHARE_OF.finditer(sentence):
            # the group is its first word that is no function word ("av alla företag")
            group = next((w for w in raw_words(m.group(1)) if w not in STOPWORDS), "")
            if group and any(c.match(self.analyzer.token_set(group)) >= 1
                             for c in self._unit_concepts(q)):
                return True
        return False

    def score(self, q: Query, hit: Hit, earlier: str = "") -> Scored:
        w = self.weights
        p = hit.passage
        a = self.analyzer
        anaphoric = is_anaphoric(p.text)
        # the anaphor itself ("Branschen …") stands for what the sentence before named, so
        # it does not match the question's words ("industrin") by itself
        own = _without_anaphor(p.text) if anaphoric else p.text
        s_tok, c_tok, h_tok = a.token_set(own), a.token_set(p.context), a.token_set(p.section)
        e_tok = a.token_set(earlier) if earlier else frozenset()
        total = q.total_weight or 1.0
        conf_total = q.total_confidence_weight or 1.0
        s_cov = pass_cov = ctx_gain = conf_cov = 0.0
        miss_s: list[float] = []
        miss_p: list[float] = []
        n_miss_s = n_miss_p = 0
        matched: list[float] = []
        in_sentence: list[float] = []
        # an anaphoric sentence ("Det är ställen där …") is answered together with the one
        # before it, so that one counts as fully as the sentence itself
        ctx_factor = 1.0 if anaphoric else w.context_factor
        says_what_for = bool(w.purpose and _PURPOSE_QUESTION.search(q.text)
                             and self._says_what_for(q, p.text))
        # "how many destinations have adopted sustainability goals": goals counted, not asked
        asked_for = _purpose_words(q.text) if says_what_for and not q.quantity else frozenset()
        if asked_for:
            things = [c for c in q.concepts if c.head not in asked_for]
            if things and max(things, key=lambda c: c.confidence_weight).match(
                    s_tok | c_tok) < FULL_MATCH:
                asked_for = frozenset()  # what for, but not the thing asked about's purpose
        for c in q.concepts:
            mc = c.match(c_tok) * ctx_factor
            ms = max(c.match(s_tok), 0.9 * mc) if anaphoric else c.match(s_tok)
            if c.head in asked_for:
                ms = 1.0  # "vad är syftet med …": the sentence's "för att …" says it
            mh = max(c.match(h_tok) * w.heading_factor, c.match(e_tok) * w.earlier_factor)
            mp = max(ms, mc, mh)
            s_cov += c.weight * ms
            pass_cov += c.weight * mp
            conf_cov += c.confidence_weight * mp
            ctx_gain += c.weight * max(0.0, mc - ms)
            miss_s.append(c.confidence_weight * (1.0 - ms))
            miss_p.append(c.confidence_weight * (1.0 - mp))
            n_miss_s += ms < HALF_MATCH
            n_miss_p += mp < HALF_MATCH
            matched.append(max(mp, c.match(c_tok), c.match(h_tok), c.match(e_tok)))
            in_sentence.append(ms)
        s_cov, pass_cov, ctx_gain = s_cov / total, pass_cov / total, ctx_gain / total
        score = w.sentence * s_cov + w.passage * pass_cov + w.retrieval * hit.score
        # the compound itself ("tjänsteföretag") says more than its parts in other words
        # ("tjänster … industriföretagen")
        score += w.compound * sum(c.weight for c in q.concepts if c.whole and (
            c.whole in s_tok or (anaphoric and c.whole in c_tok))) / total
        if _DEFINITION_QUESTION.match(q.text) and (
                (anaphoric and _DEFINING.match(p.text))
                or (s_cov >= 0.5 and _DEFINING_VERB.search(p.text))):
            score += w.definition
            if _EXPLICIT_DEFINITION.search(p.text):  # "definieras som" over "är en utmaning"
                score += w.definition
            if self._defines_asked(q, p.text):  # "… utgör tillsammans gröna näringar"
                score += w.definition
        if q.temporal and (_YEAR.search(p.text) if _YEAR_QUESTION.search(q.text)
                           else has_time(p.text)):
            score += w.number  # "vilket år …" is answered by a year, not by "idag"
        if w.name and _WHO_QUESTION.search(q.text) and names_in(p.text, q.text):
            score += w.name  # "Vilken myndighet …?": a sentence that names one
        if w.name and self._names_a_kind(q, p.text):
            score += w.name  # "vad för slags företag …?": "… präglat av SME-företag"
        if _EXAMPLE_QUESTION.search(q.text) and _GIVES_EXAMPLE.search(p.text):
            score += w.example  # "nåt exempel?": "… bland annat extra tjänster inom Tillväxtverket"
        if _FROM_WHERE.search(q.text):
            if w.name and _FROM_PLACE.search(p.text):
                score += w.name  # "varifrån …?": a sentence that names where from
        elif w.name and _WHERE_QUESTION.search(q.text) and _PLACE_NAMED.search(p.text):
            score += w.name  # "Var ligger …?": a sentence that names where
        elif w.name and _WHICH_PLACES.search(q.text) and self._new_places(q, p.text):
            score += w.name  # "Which country …?": "Norge är den viktigaste exportmarknaden"
        if w.existence and self._says_it_exists(q, p.text):
            score += w.existence  # "finns det många kluster?": "… finns det ett flertal kluster"
        if says_what_for:
            score += w.purpose  # "what's the aim of it?": "… för att utveckla …"
        # a year or a reference ("SOU 2015:86") is no amount; a share of those counted is
        # one ("hur många vuxna …" → "65,1 procent av vuxna")
        amounts = p.text if q.temporal else _YEARS_AND_REFERENCES.sub(" ", p.text)
        if q.quantity and (has_amount(q.text, amounts) or self._share_of_unit(q, amounts)):
            score += w.number
            if w.unit and self._unit_match(q, p.text):
                score += w.unit
        elif not q.quantity and _MONEY.search(p.text) and Asks.of(q).money:
            score += w.number  # "vad är varuexporten värd": a sum of money, not a count
        rows = a.token_set(table_rows(p.text))
        if rows and not rows & a.token_set(q.text):
            score -= w.unasked_row  # another municipality's row answers a county question
        needs_context = anaphoric or ctx_gain >= 0.25
        missing = Missing(max(miss_s, default=0.0), max(miss_p, default=0.0),
                          sum(miss_s) / conf_total, sum(miss_p) / conf_total, n_miss_s, n_miss_p)
        return Scored(hit, score, s_cov, pass_cov, needs_context, conf_cov / conf_total,
                      missing, tuple(matched), tuple(in_sentence))

    def rank(self, q: Query, hits: list[Hit],
             near: Callable[[Hit], bool] | None = None) -> list[Scored]:
        n = self.weights.candidates
        hits = spread_tables(hits, n)
        if near is not None:  # a follow-up's sentences around the answer read (_near_read)
            close = [h for h in hits[n:] if near(h)]
            if close:
                hits = hits[:n] + close + [h for h in hits[n:] if h not in close]
                n += len(close)
        # the passages BM25 ranks best are weighed even when fusion ranks them lower (a
        # table row that has every word asked, whose cosine the other rows beat), and those
        # that give the kind of answer asked when fusion misses it
        consequence = bool(_CONSEQUENCE.search(q.original or q.text))
        extra = [h for h in hits[n:] if h.lexical >= LEXICAL_RESCUE
                 or self._gives_kind_missed(q, h.passage.text, consequence)][:MAX_RESCUED]
        if extra:
            hits = hits[:n] + extra + [h for h in hits[n:] if h not in extra]
            n += len(extra)
        earlier = self._earlier([h.passage for h in hits[:n]])
        scored = [self.score(q, h, earlier.get(h.passage.row, "")) for h in hits[:n]]
        # each step scores down the candidates that lack what the question names
        for step in (self._place_named, self._group_named, self._year_named,
                     self._target_unasked, self._opposite_extreme, self._thing_unsaid,
                     self._figure_unsaid):
            scored = step(q, scored)
        scored.sort(key=lambda s: -s.score)
        return scored + [Scored(h, 0.0, 0.0, 0.0, False) for h in hits[n:]]

    def kind_factor(self, q: Query, best: Scored, asks: Asks | None = None) -> float:
        """1 when the sentence has the kind of answer the question asks for; lower for an
        amount, money, a counted thing, a time, a year, a definition or a name it lacks."""
        w = self.weights
        asks = asks or Asks.of(q)
        factor = 1.0
        sentence = leaning_text(best.hit)  # the sentence it leans on may say it
        amounts = sentence if q.temporal else without_times(sentence)
        if HOW_MANY.search(q.text) and not _asks_money(q.original or q.text):
            amounts = _MONEY_AMOUNT.sub(" ", amounts)  # "how many firms": no sum of money
        if asks.reason:
            pass  # a cause answers "why", with or without a figure
        elif q.quantity and not has_number(amounts) and not (
                (asks.change or _SHARE_QUESTION.search(q.text)) and _FRACTION.search(sentence)):
            factor *= w.missing_number
        elif asks.money and not _MONEY.search(sentence) and not (
                asks.change and (_PERCENT.search(sentence) or has_number(amounts)
                                 or _FRACTION.search(sentence))):
            factor *= w.missing_number  # a price or turnover is an amount of money
        elif q.quantity and q.unit and not self._unit_match(q, sentence):
            # people counted for a question that counts things is no answer at all
            # (and jobs for one that counts other people: "how many tourists" is not
            # answered by "7 000 årsarbeten")
            factor *= (w.missing_number if (counts_only_people(amounts)
                                            and not counts_people(q.unit))
                       or (counts_people(q.unit) and q.unit not in _WORKERS and not q.by_verb
                           and counts_workers_only(amounts))
                       else w.unit_mismatch)
        elif q.quantity and self._counts_residents(q) and not self._unit_match(q, sentence):
            factor *= w.unit_mismatch  # "how many live here": a count of the employed
        elif q.quantity and q.by_verb and counts_only_things(sentence):
            factor *= w.unit_mismatch  # "hur många jobbar" answered by a count of places
        elif (q.quantity and _SHARE_QUESTION.search(q.text) and not _PERCENT.search(sentence)
              and not _FRACTION.search(sentence)):
            factor *= w.missing_number  # a share or rate asked, a count given: no share
        if asks.change and not asks.reason and (q.quantity or asks.money) \
                and not _CHANGE.search(sentence):
            factor *= w.missing_change
        if q.temporal and not has_time(sentence):
            factor *= w.missing_time
        elif asks.year and not _YEAR.search(sentence):
            factor *= w.missing_year
        if asks.meaning and not (self._defines(sentence) or _spells_out(q.text, sentence)):
            factor *= w.missing_definition
        if asks.who and not names_in(answer_text(best.hit, best.needs_context), q.text) and not (
                _WHO_BY_KIND.match(q.text) and _lists_kinds_of_people(sentence)):
            factor *= w.missing_name
        elif (asks.who or asks.year or _PERSON_OR_TIME.match(q.text)) \
                and self._role_missing(q, best):
            # "Who is the CEO of Torsta AB?" is not answered by a sentence that names Torsta
            # AB among others, nor "when was X founded" by one about X that founds nothing
            factor *= w.missing_name
        if asks.where_from:
            if not _FROM_PLACE.search(sentence):
                factor *= w.missing_name  # "varifrån …?" wants "från <place>"
        elif asks.where and not (_PLACE_NAMED if _LOCATED.search(q.text) else _PLACE_IN).search(
                sentence):  # "var ligger kontoret?" is not answered by "inom turismbranschen"
            factor *= w.missing_name
        elif _WHICH_PLACES.search(q.text) and not self._new_places(q, sentence):
            factor *= w.missing_name  # "vilka länder …" answered by "utanför länet"
        return factor

    @staticmethod
    def _role_missing(q: Query, best: Scored) -> bool:
        """Whether the question asks for the holder of a role or the founding of a name
        ("who is the CEO of X", "vem leder X", "when was X founded") and the best passage
        never says that role: a list of X's partners names no chairman."""
        return bool(best.matched) and any(
            _ROLE.fullmatch(c.head) and best.matched[i] < FULL_MATCH
            for i, c in enumerate(q.concepts))

    @staticmethod
    def _new_places(q: Query, sentence: str) -> list[tuple[str, ...]]:
        """The places a sentence names that the question does not (nor the home county)."""
        asked = {n for names in places_named(q.original or q.text) for n in names}
        return [names for names in _away_places(sentence) if not asked & set(names)]

    def confidence(self, q: Query, best: Scored) -> float:
        """Weighted coverage of the question by the passage, lowered when the sentence lacks
        the kind of answer asked for (the confidence without a fitted answer model)."""
        return round(best.confidence_cov * self.kind_factor(q, best), 4)

    def evidence(self, q: Query, ranked: list[Scored]) -> dict[str, float]:
        """The evidence of the best-ranked candidate, as the answer model reads it: its own
        scores and checks, some relative to the other candidates (add_gaps), and what the
        question asks that no candidate's passage has at all."""
        asks = Asks.of(q)
        cands = ranked[:self.weights.candidates]
        best = cands[0]
        text = best.hit.passage.text
        # a concept no candidate matches anywhere: the question is about something else
        found = [max((s.matched[i] for s in cands if s.matched), default=0.0)
                 for i in range(len(q.concepts))]
        absent = max((c.confidence_weight * (1.0 - f) for c, f in zip(q.concepts, found,
                                                                      strict=True)), default=0.0)
        years = set(_YEAR.findall(q.text))
        sentence_years = set(_YEAR.findall(text))
        passage_years = set(_YEAR.findall(self._time_said(best.hit.passage)))
        names = self._named_places(q, cands)
        m = best.missing
        evidence = {
            "lexical": best.hit.lexical, "kind_asked": float(asks.any(q)),
            "kind_factor": self.kind_factor(q, best, asks),
            "unit_bound": float(bool(q.quantity and self._unit_match(q, text))),
            "english": float(q.language == "en"),
            "missing_sentence": m.sentence, "missing_passage": m.passage,
            "missing_sentence_share": m.sentence_share,
            "missing_passage_share": m.passage_share,
            "missing_sentence_count": float(m.sentence_count),
            "missing_passage_count": float(m.passage_count),
            "absent": absent,
            "concepts": float(len(q.concepts)),
            "question_weight": q.total_confidence_weight,
            "year_asked": float(bool(years)),
            "year_match": float(bool(years & passage_years)),
            # the question names a year, the sentence another one and not it
            "year_conflict": float(bool(years and sentence_years
                                        and not years & sentence_years)),
            # a place or organisation the question names that the sentence does not
            # ("i Östersunds kommun" answered by a figure for the whole county)
            "name_asked": float(bool(names)),
            "name_missing": max((1.0 - best.in_sentence[i] for i in names), default=0.0),
            **self._group_evidence(q, best, names),
            "modifier_missing": self._modifier_missing(q, best),
            "only_places_link": float(self.only_places_link(q, best)),
        }
        # the scores that are read against the other candidates' (gaps and the lead); a
        # passage only BM25 found has no cosine: it is below every one retrieval computed
        floor = min((s.hit.dense for s in ranked if s.hit.dense > 0), default=0.0)
        lack = self._place_lack(q, cands, names)
        if lack and lack[0] < HALF_MATCH:
            # a sentence about another place is no rival of one about the place asked (the
            # gaps and margins are read against rivals: with none left, against them all)
            rivals = [s for s, m in zip(cands[1:], lack[1:], strict=True) if m < HALF_MATCH]
            cands = [best] + rivals if rivals else cands
        relative = [{"dense": s.hit.dense or floor, "fused": s.hit.score,
                     "sentence_cov": s.sentence_cov,
                     "passage_cov": s.passage_cov, "subject_cov": s.confidence_cov,
                     "rerank": s.score} for s in cands]
        return {**evidence, **add_gaps(relative)[0]}

    def _place_lack(self, q: Query, cands: list[Scored],
                    names: list[int] | None = None) -> list[float]:
        """Whether each candidate lacks (1.0) or has (0.0) the places the question names, when some
        candidate has every place named and, in its passage, the question's most telling
        other word too; else []. A sentence that only shares the place ("hur många hotell
        finns det i Åre" and Åre's co-working companies) is not preferred for it. `names`:
        the candidates' _named_places, when the caller has them."""
        if not self.weights.missing_place:
            return []
        if names is None:
            names = self._named_places(q, cands)
        if names:  # a word some candidate writes in lower case is no name ("turismbranschen")
            lower = {self.analyzer.stem(w) for s in cands
                     for piece in (s.hit.passage.context, s.hit.passage.text)
                     for w in _LOWER_WORD.findall(piece)}
            names = [i for i in names if q.concepts[i].match(lower) < 1.0]
        if not names:
            return []
        rest = [i for i in range(len(q.concepts)) if i not in names]
        key = max(rest, key=lambda i: q.concepts[i].confidence_weight, default=None)
        # lacking a place is all or nothing: a sentence that refers back to it ("I detta …")
        # has it nearly. Beside a place of the question that the sentence names, an
        # organisation said in the sentence before is named enough ("Vid campus Östersund
        # studerade …" after "Mittuniversitetet har campus i …"); a place is not, nor a name
        # alone (the figure may be another's: "varav 1,2 miljoner i Åre" after a list of
        # resorts).
        places = {t for found in places_named(q.original or q.text) for n in found
                  for t in self._stems(n)}
        place_names = [i for i in names if q.concepts[i].match(places) >= 1.0]

        def has(s: Scored, i: int) -> float:
            if i in place_names or not s.matched or not any(
                    s.in_sentence[j] >= HALF_MATCH for j in place_names):
                return s.in_sentence[i]
            return max(s.in_sentence[i], s.matched[i])

        lack = [float(max(1.0 - has(s, i) for i in names) >= HALF_MATCH) for s in cands]
        if any(m < HALF_MATCH and (key is None or s.matched[key] >= HALF_MATCH)
               for s, m in zip(cands, lack, strict=True)):
            return lack
        return []

    def _place_named(self, q: Query, scored: list[Scored]) -> list[Scored]:
        """The candidates with those that lack a place the question names scored down (see
        _place_lack)."""
        return self._scored_down(scored, self._place_lack(q, scored))

    def _scored_down(self, scored: list[Scored], lack: list[float]) -> list[Scored]:
        """The candidates each scored down by missing_place times how much it lacks (1.0:
        all); `lack` empty: as they are."""
        w = self.weights.missing_place
        return [replace(s, score=s.score - w * m) if m else s
                for s, m in zip(scored, lack, strict=True)] if lack else scored

    def _group_named(self, q: Query, scored: list[Scored]) -> list[Scored]:
        """The candidates that lack the part of the population the question names
        (missing_groups: "women", "unga") scored down when another candidate has it: "What
        share of women …" is answered by "Bland kvinnorna …", not by everyone's figure."""
        if not self.weights.missing_place:
            return scored
        if not any(_names_group(c) for c in q.concepts):
            # … and a figure for a part of the population ("770 unga … 9,8 procent") below
            # one for everyone when the question names no part: "the unemployment rate"
            if not q.quantity:
                return scored
            part = [_counts_a_group(s.hit.passage.text) for s in scored]
            return self._scored_down(scored, [1.0 if g else 0.0 for g in part]
                                     if not all(part) else [])
        has = [bool(s.matched) and not self.missing_groups(q, s) for s in scored]
        return self._scored_down(scored, [0.0 if h else 1.0 for h in has] if any(has) else [])

    def _year_named(self, q: Query, scored: list[Scored]) -> list[Scored]:
        """The candidates whose sentence names another year than the one the question
        names scored down when another candidate's sentence names it: "andelen i oktober
        2018" is answered by "I oktober 2018 hade 73 procent …", not by the target "98
        procent … år 2025"."""
        years = set(_YEAR.findall(q.text))
        if not self.weights.missing_place or not years:
            return scored
        said = [set(_YEAR.findall(s.hit.passage.text)) for s in scored]
        if not any(years & y for y in said):
            return scored
        return self._scored_down(scored, [1.0 if y and not years & y else 0.0 for y in said])

    def _target_unasked(self, q: Query, scored: list[Scored]) -> list[Scored]:
        """The candidates that state a target ("Enligt strategin bör 98 procent … ha
        tillgång … år 2025") scored down, for a question that asks what is, not what should
        be, when another candidate states no target: "Hur många hushåll har tillgång till
        snabbt bredband?" is answered by "I oktober 2018 hade 73 procent …"."""
        if not self.weights.missing_place or _TARGET_QUESTION.search(q.original or q.text):
            return scored
        target = [_states_target(s.hit.passage.text) for s in scored]
        if not any(target) or all(target):
            return scored
        return self._scored_down(scored, [1.0 if t else 0.0 for t in target])

    def _figure_unsaid(self, q: Query, scored: list[Scored]) -> list[Scored]:
        """For a question that asks how many or how much ("ungdomsarbetslösheten, hur hög
        är den?"), the candidates with no figure at all ("Ungdomsarbetslösheten har minskat
        tydligt sedan toppåret 2013") scored down when another candidate gives one."""
        if not q.quantity or q.temporal or not self.weights.missing_place:
            return scored

        def figure(s: Scored) -> bool:
            text = leaning_text(s.hit)
            return has_number(without_times(text)) or bool(_FRACTION.search(text))

        has = [figure(s) for s in scored]
        if not any(has) or all(has):
            return scored
        return self._scored_down(scored, [0.0 if h else FIGURE_UNSAID for h in has])

    def _says_what_for(self, q: Query, sentence: str) -> bool:
        """Whether a sentence says what something is for ("… för att utveckla …"), and not
        only that something is done to make the thing asked about ("… bedriver ett arbete
        för att bilda ett myndighetsnätverk" is no purpose of the network)."""
        m = _PURPOSE.search(sentence)
        if not m:
            return False
        if not _MAKING.match(sentence[m.end():]):
            return True
        before = self.analyzer.token_set(sentence[:m.start()])
        made = self.analyzer.token_set(sentence[m.end():])
        thing = [c for c in q.concepts if not _PURPOSE_QUESTION.search(c.text.split(":")[0])]
        return not any(c.match(made) >= FULL_MATCH > c.match(before) for c in thing)

    def _gives_kind_missed(self, q: Query, sentence: str, consequence: bool) -> bool:
        """Whether a sentence gives a kind of answer that retrieval's words and cosine miss:
        a kind of the thing asked ("vad för slags företag …": "… SME-företag"), what came
        of something ("har det blivit nåt av det i jämtland?": "I Jämtlands län har det
        tydliggjorts med …"), a count of people for jobs asked ("how many jobs does
        manufacturing generate?": "… sysselsätter ca 5 000 personer …")."""
        workers = q.quantity and (q.by_verb in _WORK_VERBS or q.unit in _WORKERS)
        return bool((consequence and _CONSEQUENCE.search(sentence))
                    or (workers and counts_some_people(sentence))
                    or self._names_a_kind(q, sentence))

    def _names_a_kind(self, q: Query, sentence: str) -> bool:
        """Whether the question asks what kind of a thing ("vad för slags företag är det
        mest?", "what kind of companies dominate manufacturing?") and the sentence names a
        kind of it the question does not: an adjective before it ("en grundläggande
        näring") or a compound with the thing as its head and a first part the question has
        no word for ("SME-företag"; not "industriföretagen" when the question names
        manufacturing)."""
        m = _KIND_OF.search(q.text)
        if m is None:
            return False
        noun = m.group("noun").lower()
        thing = next((c for c in q.concepts if c.text == noun), None)
        if thing is None:
            return False
        words = [w.group(0).lower() for w in _COMPOUND_WORD.finditer(sentence)]
        for before, word in zip(["", *words], words, strict=False):
            if (_ATTRIBUTIVE.search(before) and before not in STOPWORDS
                    and thing.match(self.analyzer.token_set(word)) >= FULL_MATCH
                    and not any(c.match(self.analyzer.token_set(before)) >= HALF_MATCH
                                for c in q.concepts)):
                return True  # "en grundläggande näring", "de gröna näringarna"
            if "-" in word:
                first, _, head = word.rpartition("-")
            else:
                parts = split_compound(word)
                first, head = "".join(parts[:-1]), parts[-1] if parts else ""
            if not first or not head or thing.match(self.analyzer.token_set(head)) < FULL_MATCH:
                continue
            first_tokens = self.analyzer.token_set(first)
            if first_tokens and not any(c.match(first_tokens) >= HALF_MATCH
                                        for c in q.concepts):
                return True
        return False

    def _says_it_exists(self, q: Query, sentence: str) -> bool:
        """Whether the question asks if a thing exists ("finns det ändå kluster?", "are
        there many clusters?") and the sentence says it does: a verb of being there with
        the thing close after it ("… finns det ett flertal kluster …", "I Ås … finns Grönt
        Center, ett kluster …"), not a sentence that only talks about it."""
        m = _EXISTS_ASKED.match(q.original or q.text)
        if not m:
            return False
        thing = next((w for w in raw_words(m.group("rest").lower())
                      if w not in STOPWORDS and w not in _EXISTENCE_FILLERS), None)
        concepts = [c for c in q.concepts if thing and thing in c.text.replace(":", " ").split()]
        if not concepts:
            return False
        words = raw_words(sentence.lower())
        for i, w in enumerate(words):
            if w in _EXISTS_VERBS:
                # whole words: a "klusterinitiativ" is no cluster, a "tillverkningsindustri"
                # no "industrikluster"
                near = frozenset(self.analyzer.stem(x) for x in words[i + 1:i + 1 + EXISTS_REACH])
                if all(c.match(near) >= FULL_MATCH for c in concepts):
                    return True
        return False

    def _thing_unsaid(self, q: Query, scored: list[Scored]) -> list[Scored]:
        """The candidates whose sentence does not say the thing a question asks to exist
        ("finns det nåt kluster för jordbruk och skog?", "is there a cluster for …")
        scored down when another candidate's does: "… finns Grönt Center, ett kluster för
        de gröna näringarna", not "Jord- och skogsbruk är en av länets basnäringar"."""
        m = _THERE_IS.search(q.original or q.text)
        if not m or not self.weights.missing_place:
            return scored
        phrase = []  # "a strong service sector in …": the noun last before a function word
        for w in raw_words(m.group(1).lower()):
            if w in STOPWORDS or w in _GROUP_WORDS:
                break
            phrase.append(w)
        if not phrase:
            return scored
        thing = [i for i, c in enumerate(q.concepts)
                 if phrase[-1] in c.text.replace(":", " ").split(" ")]
        if not thing or not all(s.in_sentence for s in scored) or self._named_places(
                q, scored):
            # with a place ("finns det nån co-working i Östersund?") the answer may name
            # the thing by its own name ("i Östersund finns Gomorron Östersund")
            return scored
        said = [max(s.in_sentence[i] for i in thing) >= FULL_MATCH for s in scored]
        if not any(said) or all(said):
            return scored
        # not saying the thing asked to exist is no answer at all: twice a place's lack
        return self._scored_down(scored, [0.0 if x else THING_UNSAID_LACK for x in said])

    def _opposite_extreme(self, q: Query, scored: list[Scored]) -> list[Scored]:
        """The candidates that name only the other end ("Lägst nyföretagande hade Ragunda")
        scored down, for a question that asks for one end ("vilken kommun har flest
        nystartade företag?"), when another candidate does not."""
        asked = set(raw_words((q.original or q.text).lower()))
        wanted = [end for end in _EXTREMES if asked & end]
        if len(wanted) != 1 or not self.weights.missing_place:
            return scored
        other = _EXTREMES[1] if wanted[0] is _EXTREMES[0] else _EXTREMES[0]

        def opposite(s: Scored) -> bool:
            said = set(raw_words(s.hit.passage.text.lower()))
            return bool(said & other) and not said & wanted[0]

        down = [opposite(s) for s in scored]
        if not any(down) or all(down):
            return scored
        return self._scored_down(scored, [1.0 if d else 0.0 for d in down])

    @staticmethod
    def _modifier_missing(q: Query, best: Scored) -> float:
        """1 when the sentence has the last part of a compound the question splits but the
        passage lacks an earlier part: "årsarbeten för industriklustret" answered by "Det
        klustret … genererar 7 000 årsarbeten" about tourism is a figure for another
        cluster."""
        if not best.in_sentence:
            return 0.0
        compounds: dict[str, list[int]] = {}
        for i, c in enumerate(q.concepts):
            if ":" in c.text:
                compounds.setdefault(c.head, []).append(i)
        for parts in compounds.values():
            *earlier, last = parts
            if earlier and best.in_sentence[last] >= HALF_MATCH and any(
                    best.matched[i] < HALF_MATCH for i in earlier):
                return 1.0
        # … and a Swedish adjective before its noun: "de gröna näringarna" answered by
        # "… industrinäringar"
        if any(best.in_sentence[noun] >= HALF_MATCH and best.matched[adjective] < HALF_MATCH
               for adjective, noun in _adjective_nouns(q, q.text)):
            return 1.0
        return 0.0

    def _group_evidence(self, q: Query, best: Scored, names: list[int]) -> dict[str, float]:
        """How much of a group the question narrows to ("medellivslängd för kvinnor", "bland
        ungdomar", "for companies") the sentence leaves out, and 1 when the sentence narrows
        to another group with the same word ("elpriset för hushåll"): a figure for someone
        else, or for everyone, does not answer."""
        words = raw_words(q.original or q.text)
        groups = {_group_after(words, i) for i, w in enumerate(words[:-1])
                  if w in _GROUP_WORDS}
        # "share of people" is of everyone, "inom länet" where every figure is: no group
        groups -= PEOPLE | HOME_PLACES | {""}
        if not groups or not best.in_sentence:
            return {"group_missing": 0.0, "group_contrast": 0.0}
        asked = [i for i, c in enumerate(q.concepts)
                 if i not in names and (c.head in groups or c.text.split(" ")[0] in groups)]
        missing = max((1.0 - best.in_sentence[i] for i in asked), default=0.0)
        said = raw_words(best.hit.passage.text)
        other = any(w in _GROUP_WORDS and said[j + 1] not in groups
                    and said[j + 1] not in STOPWORDS
                    for j, w in enumerate(said[:-1]))
        return {"group_missing": missing,
                "group_contrast": float(missing >= HALF_MATCH and other)}

    def _named_places(self, q: Query, cands: list[Scored]) -> list[int]:
        """The question's concepts that are names the reports use (capitalised in the
        question after its first word, or inside a candidate's sentences) and narrow the
        question: not the scope every report shares, such as the county's name (in
        SCOPE_SHARE of the passages or more)."""
        typed = {w.lower() for w in _CAPITALISED_INSIDE.findall(q.original or q.text)}
        # each piece on its own: a caption ("… per kommun") does not run into its row
        inside = {w for s in cands for piece in (s.hit.passage.context, s.hit.passage.text)
                  for w in _CAPITALISED_INSIDE.findall(piece)}
        # whole words: "Storlien" names Storlien, not "stor" of "hur stor andel"
        capitalised = {t for name in typed | inside for t in self._stems(name)}
        written = {w.lower() for w in typed | inside}
        qa = self.queries
        out = []
        for i, c in enumerate(q.concepts):
            if c.match(capitalised) < 1.0 or _common_form(c.text.split(" ")[0], written):
                continue
            token = next((t for t, f in c.alts.items() if f == 1.0), "")
            df = qa.doc_freq(token) if qa.doc_freq and qa.num_docs else 1
            # a name the reports never use ("JHT" for Jämtland Härjedalen Turism) is the
            # `absent` evidence's; one in every report is their scope
            if 0 < df < SCOPE_SHARE * max(qa.num_docs, 1):
                out.append(i)
        return out

    def _defines_asked(self, q: Query, sentence: str) -> bool:
        """Whether a sentence defines the very term a "vad är X?" question asks about: X
        right after its defining verb ("… utgör tillsammans gröna näringar") or right before
        it ("Gasellföretag är företag som …", "Ordet kluster kan definieras som …"), not a
        sentence that only uses X ("ett kluster för de gröna näringarna")."""
        m = _DEFINITION_QUESTION.match(q.text)
        if m is None:
            return False
        token_set = self.analyzer.token_set
        asked = token_set(_DEFINITION_TAIL.sub("", q.text[m.end():]))
        if not asked:
            return False
        for d in _DEFINING_VERB.finditer(sentence):
            after = " ".join(raw_words(sentence[d.end():])[:DEFINED_TERM_WORDS + 1])
            before = " ".join(raw_words(sentence[:d.start()])[-DEFINED_TERM_WORDS - 1:])
            if asked <= token_set(after) or asked <= token_set(before):
                return True
        return False

    @staticmethod
    def _defines(sentence: str) -> bool:
        """Whether a sentence defines something: "X är en …", "definieras som", "X, ett …"."""
        return bool((is_anaphoric(sentence) and _DEFINING.match(sentence))
                    or _DEFINING_VERB.search(sentence) or _APPOSITION.search(sentence))

    # ---- answering -------------------------------------------------------------------------
    def answer(self, question: Query | str, hits: list[Hit], top_k: int = 3,
               followup: FollowUp | None = None) -> Answer:
        """The answer to an analysed question from its retrieved passages; `followup` when
        the question was resolved from a follow-up (see FollowUp)."""
        q = self.queries.analyze(question) if isinstance(question, str) else question
        asked = q.original or q.text
        if not hits or not q.concepts:
            return Answer(asked, None, 0.0, self._sources(list(hits), top_k), q.language)
        read = followup.previous_answer if followup is not None else ""
        ranked = self.candidates(q, hits, self._near_read(hits, read) if read else None)
        if read:
            ranked = self.next_to_what_was_read(q, ranked, read)
            ranked = self.near_what_was_read(q, ranked, read)
            ranked = self.cause_near_what_was_read(q, ranked, read)
        lacking = (self.editions.lacks(ranked[0].hit.passage.doc, q.edition)
                   or self.names_what_best_lacks(q, ranked[0]))
        other_subject = followup is not None and (
            lacking or not self.mentions_subject(q, ranked[0], followup.subject))
        # a follow-up for a place ("och hur många av dem finns i Åre?") is declined by what
        # the best passage lacks, never answered by another sentence naming the place
        other = self._figure_of_subject(q, ranked, followup.subject, lacking) if (
            followup is not None and other_subject
            and not (lacking and places_named(followup.subject))) else None
        if other is not None:
            # "och tillverkningsindustrin då?" after "Hur många årsarbeten genererar
            # turismen?": the figure of the new subject, not the earlier one's, which may
            # even be about another branch ("Branschen genererar …")
            ranked = [other] + [s for s in ranked if s is not other]
            lacking = other_subject = False
        if lacking:
            # an edition the index does not have (another edition's figure is not its
            # answer), or a place or group the best passage does not name
            return Answer(asked, None, 0.0, self._sources([s.hit for s in ranked], top_k),
                          q.language)
        best, conf = ranked[0], self._ranked_confidence(q, ranked)
        if read and best.hit.passage.text in read and _REASON_QUESTION.search(q.text) and (
                not gives_cause(leaning_text(best.hit))):
            # "varför är den så stor?" after "Den offentliga sektorn är stor i länet …": the
            # sentence just read again, and it gives no cause
            conf = 0.0
        if other_subject:
            conf = round(conf * self.weights.missing_subject, 4)  # the earlier subject
        text = answer_text(best.hit, best.needs_context)
        heading = self._heading_answer(q, ranked)
        sources = self._sources([s.hit for s in ranked], top_k)
        if heading is not None:  # cite the heading itself, as the answer quotes it
            text, heading_conf = heading
            conf = max(conf, heading_conf) if self.model is not None else heading_conf
            first = sources[0]
            sources = [replace(first, text=text, sentence=text)] + sources[:top_k - 1]
        credited = self._source_line(q, ranked)
        if credited is not None:  # "Vem står som källa för rapporten?"
            text, conf = credited.passage.text, max(conf, GOAL_OR_TITLE_CONFIDENCE)
            sources = self._sources([credited] + [s.hit for s in ranked], top_k)
        if sources and sources[0].edition:  # say which edition of the series answers
            text = edition_lead(q.language, sources[0].edition) + text
        return Answer(asked, text if conf >= self.threshold else None, conf, sources,
                      q.language)

    def next_to_what_was_read(self, q: Query, ranked: list[Scored], read: str
                              ) -> list[Scored]:
        """For a follow-up whose best sentence is the one the asker has just read ("Ordet
        kluster kan ytligt definieras …" — "måste dom ligga nära varandra?") and that asks
        for something the answer read does not say (a concept of NEW_CONCEPT_WEIGHT it
        lacks: "nära"), the sentence next to it in the report when it scores almost as well
        (READ_AGAIN_CLOSE): the report goes on to say it ("Ofta verkar företagen inom ett
        begränsat geografiskt område."). A follow-up the answer read covers ("hur många
        destinationer samarbetar de med?" after the sentence that names them) keeps it."""
        if len(ranked) < 2 or ranked[0].hit.passage.text not in read:
            return ranked
        tokens = self.analyzer.token_set(read)
        if not any(c.match(tokens) < HALF_MATCH and c.confidence_weight >= NEW_CONCEPT_WEIGHT
                   for c in q.concepts):
            return ranked
        best = ranked[0].hit.passage

        def next_to_best(s: Scored) -> bool:
            p = s.hit.passage
            return p.doc == best.doc and abs(p.row - best.row) == 1 and p.text not in read

        return _close_behind_first(ranked, READ_AGAIN_CLOSE, KIND_DEPTH, next_to_best)

    @staticmethod
    def near_what_was_read(q: Query, ranked: list[Scored], read: str) -> list[Scored]:
        """For a follow-up whose best sentence is away from the answer just `read`, a
        candidate close behind (NEAR_READ_CLOSE of its score) within NEAR_READ_ROWS of it:
        the report's paragraph on the subject the conversation is about ("men samarbetar
        företagen där?" after the services sentence: "Vår region har länge kännetecknats som
        ett län där företagen samarbetar …"). Not for another edition asked ("och i den
        tidigare upplagan?"), which is the same sentence in another report."""
        if len(ranked) < 2 or q.edition.names_one or q.edition.newest:
            return ranked
        near_hit = Answerer._near_read([s.hit for s in ranked], read)
        if near_hit is None or near_hit(ranked[0].hit):
            return ranked
        return _close_behind_first(ranked, NEAR_READ_CLOSE, len(ranked),
                                   lambda s: near_hit(s.hit))

    @staticmethod
    def _near_read(hits: list[Hit], read: str) -> Callable[[Hit], bool] | None:
        """Whether a hit is within NEAR_READ_ROWS of the answer just `read` (one of `hits`),
        where the report goes on about what the conversation is about ("Kluster och
        klusterbyggande är en utmaning …" — "men samarbetar företagen ändå?": "Vår region
        har länge kännetecknats som ett län där företagen samarbetar …"); None when the
        answer read is none of them."""
        at = next((h.passage for h in hits if h.passage.text in read), None)
        if at is None:
            return None
        return lambda h: (h.passage.doc == at.doc
                          and abs(h.passage.row - at.row) <= NEAR_READ_ROWS)

    @staticmethod
    def cause_near_what_was_read(q: Query, ranked: list[Scored], read: str
                                 ) -> list[Scored]:
        """For a "why" follow-up ("varför då?", "why now?") whose best sentence gives no
        cause, a candidate close behind (CAUSE_CLOSE of its score) within NEAR_READ_ROWS of
        the answer just `read` that gives one: the report says why next to what was read
        ("I och med de senaste årens tillväxt …", "… för att skapa en mer kreativ miljö")."""
        if len(ranked) < 2 or not _REASON_QUESTION.search(q.text) or gives_cause(
                leaning_text(ranked[0].hit)):
            return ranked
        near_hit = Answerer._near_read([s.hit for s in ranked], read)
        if near_hit is None:
            return ranked
        return _close_behind_first(ranked, CAUSE_CLOSE, len(ranked), lambda s: (
            near_hit(s.hit) and gives_cause(s.hit.passage.text)))

    def _ranked_confidence(self, q: Query, ranked: list[Scored]) -> float:
        """How likely the first of `ranked` answers: the answer model's probability, or
        without a model the weighted coverage (confidence)."""
        if self.model is not None:
            return round(self.model.probability(self.evidence(q, ranked)), 4)
        return self.confidence(q, ranked[0])

    def names_what_best_lacks(self, q: Query, best: Scored) -> bool:
        """Whether the question names a place no report mentions, or a place or part of the
        population the best passage does not: a figure for another place (or the whole
        county), or for everyone, is not its answer, whatever the answer model says."""
        return bool(self.unknown_places(q) or self.unknown_acronyms(q)
                    or self.missing_places(q, best)
                    or self.missing_groups(q, best) or self.other_owner(q, best)
                    or self.other_figure(q, best) or self.other_year(q, best)
                    or self.sum_for_one(q, best) or self.other_branch(q, best)
                    or self.branch_figure(q, best) or self.another_branch_named(q, best)
                    or self.likeness_elsewhere(q, best)
                    or self.place_without_figure(q, best) or self.includes_excluded(q, best)
                    or self.other_season(q, best) or self.other_compound(q, best)
                    or self.other_money(q, best) or self.abroad_unsaid(q, best)
                    or self.employment_unsaid(q, best)
                    or self.other_share(q, best)
                    or self.other_direction(q, best) or self.between_unsaid(q, best)
                    or self.national_unsaid(q, best) or self.change_count_unsaid(q, best)
                    or self.members_unsaid(q, best) or self.one_of_many(q, best)
                    or self.relative_year(q, best) or self.other_people_counted(q, best)
                    or self.other_level(q, best) or self.other_measure(q, best)
                    or self.unknown_year(q))

    @staticmethod
    def other_measure(q: Query, best: Scored) -> bool:
        """Whether the question asks for one labour-market measure ("sysselsättningsgraden
        bland utrikes födda", "the unemployment rate among women") and the best sentence
        gives the other ("Bland utrikes födda är arbetslösheten …", "… sysselsättningsgraden
        80,4 procent"), the one asked nowhere in its passage: a near figure, not the one."""
        asked = _measures(q.original or q.text)
        if not asked:
            return False
        p = best.hit.passage
        said = _measures(p.text)
        return bool(said) and not said & asked and not _measures(p.context) & asked

    @staticmethod
    def other_level(q: Query, best: Scored) -> bool:
        """Whether the question asks for a thing of one level of ownership ("municipal
        roads", "kommunala vägar") and the best sentence gives it for another ("Det statliga
        vägnätet …") with the one asked nowhere in its passage: another owner's figure."""
        asked = _levels(q.original or q.text)
        if len(asked) != 1:
            return False
        p = best.hit.passage
        said = _levels(p.text)
        return bool(said) and not said & asked and not _levels(
            " ".join((p.context, p.section))) & asked

    def unknown_year(self, q: Query) -> bool:
        """Whether a question for a figure names only years no passage of the index
        mentions ("hur många årsarbeten genererade turismen år 2010?"): no report gives
        that year's figure, whatever sentence is best."""
        if not (q.quantity or _MONEY_QUESTION.search(q.text)) or q.temporal:
            return False
        qa = self.queries
        years = set(_YEAR.findall(q.text))
        return bool(years and qa.doc_freq and qa.num_docs) and all(
            qa.doc_freq(y) == 0 for y in years)

    def other_people_counted(self, q: Query, best: Scored) -> bool:
        """Whether a count ("hur många poliser behöver rekryteras?") is answered by a
        sentence that never names what it counts and counts kinds of people ("ca 300 nya
        sjuksköterskor … drygt 900 lärare"): their figures, not the one asked. People
        counted in general ("5 000 personer") may be any kind, and are left to the model."""
        unit = q.unit if q.quantity else None
        if not unit or unit in _PEOPLE_COUNTED or len(unit) < MIN_COUNTED_KIND:
            # an abbreviation ("ssk") may have no match in the reports' words
            return False
        concepts = self._unit_concepts(q)
        if q.language != "sv" and not any(len(c.alts) > 1 for c in concepts):
            return False  # an English word the word lists do not translate ("doctors" is)
        text = answer_text(best.hit, best.needs_context)
        tokens = self.analyzer.token_set(text)
        if any(c.match(tokens) >= HALF_MATCH for c in concepts):
            return False
        # two kinds or more: one may be the kind asked in other words ("passagerare" for
        # "resenärer", "företagare" for "hyresgäster")
        words = raw_words(without_times(text))
        people = {w for i, n in enumerate(words) if n[0].isdigit()
                  for w in words[i + 1:i + 3] if counts_people(w)}  # "300 nya sjuksköterskor"
        return len(people) >= 2 and not people & _PEOPLE_COUNTED

    def between_unsaid(self, q: Query, best: Scored) -> bool:
        """Whether the question compares or splits a figure between things ("hur fördelas
        de offentligt anställda mellan kommuner, region och stat", "between women and men")
        and the passage names fewer than two of them: a total, not the split asked."""
        m = _BETWEEN.search(q.text)  # as repaired: "mellan östersund och sthlm" → stockholm
        each = _RESPECTIVELY.search(q.text) if m is None else None
        if m is None and each is None:
            return False
        # "… jobbar i kommunerna resp i regionen": the two things, each with its own figure
        parts = _LIST_SEPARATOR.split(m.group(1)) if m else [each.group(1), each.group(2)]
        if any(re.search(r"\d", part) for part in parts):
            return False  # an age or a span ("mellan 18 och 24 år"), not things to split by
        token_set = self.analyzer.token_set
        items = [t for t in (token_set(part) for part in parts) if t]
        if len(items) < 2:
            return False
        p = best.hit.passage
        said = token_set(" ".join((p.text, p.context)))

        def named(item: frozenset[str]) -> bool:  # "män" in "männen", "kvinnor" in "kvinnorna"
            return any(u.startswith(t) or t.startswith(u) for t in item for u in said
                       if min(len(t), len(u)) >= MIN_ITEM_STEM)

        return sum(named(t) for t in items) < 2

    @staticmethod
    def other_direction(q: Query, best: Scored) -> bool:
        """Whether the question asks about what comes from a place ("how many commute from
        Norway to jobs in the county") and the passage names that place only as where
        something is or goes ("… har sin huvudsakliga arbetsplats i Norge"): the other
        direction, a near miss."""
        text = best.hit.passage.text
        for m in _FROM_PLACE.finditer(q.original or q.text):
            names = [n for named in places_named(m.group(0)) for n in named]
            said = [w for n in names for w in re.finditer(
                rf"\b(\w+)\s+{re.escape(n)}\b", text, re.IGNORECASE)]
            if said and all(w.group(1).lower() in _TO_OR_IN for w in said):
                return True
        return False

    def other_share(self, q: Query, best: Scored) -> bool:
        """Whether the question asks for a share of one thing ("hur stor andel av länets
        sysselsatta", "what share of the county's goods exports") and every share the
        sentence gives is of another ("Mer än 90 % av industrins kunder"): a near miss."""
        m = _SHARE_OF_ASKED.search(q.original or q.text)
        if m is None:
            return False
        of_what = subject_concepts(q, m.group("x"))
        # its first word, not the home county ("länets") nor an article
        first = next((w for w in raw_words(m.group("x"))
                      if w.lower() not in _SHARE_OF_SKIP and not home_place_words(w)), "")
        text = best.hit.passage.text
        # "90 % av industrins kunder"
        shares = [share.group(1) for share in _SHARE_OF.finditer(text)]
        if not of_what or not shares or len(shares) < len(_PERCENT.findall(text)) or any(
                of.split()[0].lower() in _REFERRING for of in shares):
            return False  # a share of nothing said, or of "dem som …", may be of the thing asked
        token_set = self.analyzer.token_set

        # "elen" in "länets elproduktion": the word asked, without its definite ending, may
        # begin the compound the sentence says it with
        base = _DEFINITE_END.sub("", first.lower())

        def of_it(of: str) -> bool:
            said = raw_words(of.lower())
            return any(c.match(token_set(of)) >= HALF_MATCH for c in of_what) or any(
                w.startswith(a) for w in said for c in of_what
                for a, f in c.alts.items() if f >= FULL_MATCH) or (
                len(base) >= MIN_SHARE_BASE and any(w.startswith(base) for w in said))

        return not any(of_it(of) for of in shares)

    @staticmethod
    def employment_unsaid(q: Query, best: Scored) -> bool:
        """Whether the question counts those employed ("hur många anställda har IUC Z",
        "how many people work at the airport", "how many people does X employ") and the
        sentence never speaks of work or jobs ("… behöver rekrytera omkring 1 000 personer",
        "… reste ca 470 000 passagerare"): a count of other people or things, a near miss."""
        if not q.quantity:
            return False
        text = q.original or q.text
        if _HIRING.search(text):
            return False  # "how many workers does industry need to hire": recruited, not employed
        asked = (q.by_verb in _WORK_VERBS or (q.unit is not None and bool(
            _EMPLOYMENT.search(q.unit))) or bool(_EMPLOY_QUESTION.search(text)))
        return asked and not _EMPLOYMENT.search(_EMPLOYMENT_ASIDE.sub(" ", leaning_text(best.hit)))

    @staticmethod
    def change_count_unsaid(q: Query, best: Scored) -> bool:
        """Whether the question counts what is new or was moved ("how many agency jobs were
        moved to Jämtland", "hur många nya tjänster blev det") and every figure of the
        sentence counts what there is ("Idag sysselsätter myndigheterna … cirka 3 300
        personer"): the stock, not the change asked for, a near miss."""
        if not q.quantity or _CHANGE_COUNT.search(q.original or q.text) is None:
            return False
        p = best.hit.passage
        if table_rows(p.text) and _CHANGE_SAID.search(p.context):
            return False  # a row of a table whose caption says what it counts is new
        clauses = [c for c in _CLAUSE_SPLIT.split(leaning_text(best.hit))
                   if re.search(r"\d", without_times(c))]
        return bool(clauses) and not any(_CHANGE_SAID.search(c) for c in clauses)

    def members_unsaid(self, q: Query, best: Scored) -> bool:
        """Whether the question asks which ones ("vilka är de 20 besöksdestinationerna?",
        "which destinations?") and the sentence only counts them ("samverkan med ett
        20-tal besöksdestinationer och är …"): how many is not which."""
        question = q.original or q.text
        which = _WHICH_ONES.match(question)
        if not which:
            return False
        # the ones asked for: the words after "vilka (är de 20)" up to the verb
        head = [w for w in raw_words(question[which.end():])[:4]
                if w not in _WHICH_FILLERS and not w[0].isdigit()][:2]
        text = best.hit.passage.text
        asked = {t for w in head for t in self.analyzer.word_terms(w) if not t.startswith("#")}
        for m in _COUNTED_NOUN.finditer(text):
            for group in ("noun", "next"):  # "80+ företag", "100 nya företag"
                word = m.group(group)
                noun = {t for t in self.analyzer.word_terms(word.lower())
                        if not t.startswith("#")} if word else set()
                if noun & asked and not _MEMBERS_GIVEN.match(text[m.end(group):]):
                    return True
        return False

    @staticmethod
    def one_of_many(q: Query, best: Scored) -> bool:
        """Whether the question asks for the single largest ("vilket är länets största
        privata arbetsgivare?", "which is the biggest employer?") and the sentence only
        says that several are among the largest ("Flera av länets största privata
        arbetsgivare återfinns inom kontaktcenter …"): no one of them is named."""
        question = q.original or q.text
        if not (_ONE_ASKED.search(question) and _SUPERLATIVE.search(question)):
            return False
        text = best.hit.passage.text
        among = list(_AMONG_THE.finditer(text))
        return bool(among) and len(_SUPERLATIVE.findall(text)) <= len(among)

    def relative_year(self, q: Query, best: Scored) -> bool:
        """Whether the question asks a figure for the year before the one given ("året
        innan", "the previous year"), or for last year ("förra året", "i fjol", "last
        year") of a passage that states no year, in a report of no edition: a report
        states its figures by their own years. (A follow-up's "och året innan?" after a
        question with a year is resolved into the year itself before this.)"""
        question = q.original or q.text
        if not (q.quantity or _MONEY_QUESTION.search(question)):
            return False
        if _YEAR_BEFORE.search(question):
            return True
        # "last year" may be the year a sentence states ("472 år 2023") or its edition's
        # ("under året" in the 2023 edition), never one no year is given for ("… huserar
        # vid årets slut ca 80+ företag" in a report without editions)
        p = best.hit.passage
        return bool(_LAST_YEAR.search(question)) and not (
            _YEAR.search(p.text) or self.documents.get(p.doc, {}).get("edition"))

    @staticmethod
    def national_unsaid(q: Query, best: Scored) -> bool:
        """Whether the question compares with the whole country ("jämfört med riket", "How
        does … compare with the national average?"), or asks for the country's figure and
        names no place of the county ("ungdomsarbetslösheten i hela riket dec 2018"), and
        neither the sentence nor the one before it says anything of the country: the county's
        figure alone is neither the comparison nor the country's figure."""
        question = q.original or q.text
        if _NATIONAL.search(question) is None:
            return False
        compares = _COMPARES.search(question) is not None
        if not compares and not (
                _IN_THE_COUNTRY.search(question)
                and (q.quantity or _MONEY_QUESTION.search(question))
                and not HOME_PLACES & set(raw_words(question.lower()))):
            return False
        p = best.hit.passage
        # the country's own figure is said of the country ("i riket", "hela Sverige"), not
        # by a national context ("i nationella och internationella sammanhang")
        said = _NATIONAL if compares else _COUNTRY_NAMED
        return said.search(f"{p.context} {p.text}") is None

    @staticmethod
    def abroad_unsaid(q: Query, best: Scored) -> bool:
        """Whether the question asks about abroad ("i utlandet", "utanför Sverige",
        "abroad") and the sentence says neither that, nor "internationell", nor a place
        ("Mer än 90 % av industrins kunder finns utanför länet"): outside the county is not
        abroad. Not people born abroad (a group), nor abroad as one of alternatives ("i
        andra delar av landet eller utomlands")."""
        asked = _ABROAD.search(q.original or q.text)
        if asked is None:
            return False
        text = best.hit.passage.text
        return not (_ABROAD.search(text) or _INTERNATIONAL.search(text)
                    or _away_places(text))

    @staticmethod
    def other_money(q: Query, best: Scored) -> bool:
        """Whether the question asks for money of one kind (what is spent or granted, a
        turnover, a wage, a cost) and the passage gives money only beside words of another
        ("hur mycket pengar satsar regionen på klusterutveckling?" against "Branschen
        omsätter årligen nästan fem miljarder kronor"), or no sum of money at all: a near
        miss. A question for how the money changed may be answered by a share."""
        asks = Asks.of(q)
        if not asks.money or asks.change:
            return False
        text = leaning_text(best.hit)
        sums = [s for s in _SENTENCE_END.split(text) if _MONEY.search(s)]
        if not sums:
            return True
        asked = _money_kinds(q.original or q.text)
        if len(asked) != 1:
            return False
        said = [_money_kinds(s) for s in sums]
        return all(kinds and not kinds & asked for kinds in said)

    def other_compound(self, q: Query, best: Scored) -> bool:
        """Whether the question's compound ("tjänsteexporten") has its last part in the
        sentence only inside a compound of another first part ("varuexporten"), and its own
        first part nowhere in the passage: another kind of the thing, a near miss. Only a
        compound the reports write: then they tell the two kinds apart, where a question's
        own word ("spridningseffekter" for "kringeffekter") may mean the same."""
        doc_freq = self.queries.doc_freq
        if not doc_freq:
            return False
        words = raw_words(best.hit.passage.text.lower())
        parts: dict[str, list[int]] = {}
        for i, c in enumerate(q.concepts):
            if ":" in c.text:
                parts.setdefault(c.head, []).append(i)
        pairs = [(group[:-1], group[-1]) for group in parts.values()
                 if doc_freq(q.concepts[group[-1]].whole)]
        if q.language == "en":
            # "service exports": two English words the reports write as one Swedish
            # compound ("tjänsteexporten")
            pairs += [([i], i + 1) for i in range(len(q.concepts) - 1)
                      if self._written_joined(q.concepts[i], q.concepts[i + 1])]
        for first, last in pairs:
            if not first or any(best.matched[i] >= HALF_MATCH for i in first):
                continue
            heads = [a for a, w in q.concepts[last].alts.items()
                     if w >= FULL_MATCH and len(a) >= MIN_COMPOUND_HEAD
                     and a != q.concepts[last].whole]
            inside = [w for w in words for a in heads if a in w[1:]]
            alone = [w for w in words for a in heads if w.startswith(a)]
            if inside and not alone:
                return True
        return False

    def _written_joined(self, first: Concept, head: Concept) -> bool:
        """Whether the reports write two English words' Swedish words as one compound
        ("service" + "exports" → "tjänsteexport"), with or without a linking e or s."""
        if " " in first.text + head.text or ":" in first.text + head.text:
            return False
        doc_freq = self.queries.doc_freq
        modifiers = [a for a, w in first.alts.items() if w >= FULL_MATCH]
        heads = [a for a, w in head.alts.items()
                 if w >= FULL_MATCH and len(a) >= MIN_COMPOUND_HEAD]
        return any(doc_freq(m + link + h) for m in modifiers for h in heads
                   for link in ("", "e", "s"))

    @staticmethod
    def other_season(q: Query, best: Scored) -> bool:
        """Whether the question asks about a season ("för sommarsäsongen", "in winter") and
        the sentence names only another ("Under vintersäsongen rekryteras cirka 3 000
        säsongsanställda"): that season's figure, a near miss."""
        asked = _seasons(q.original or q.text)
        if not asked:
            return False
        said = _seasons(best.hit.passage.text)
        return bool(said) and not asked & said

    def includes_excluded(self, q: Query, best: Scored) -> bool:
        """Whether the question leaves something out of its figure ("om man inte räknar
        kringeffekter", "excluding spin-off effects") that the sentence's figure includes
        ("7 000 årsarbeten inklusive kringeffekter"): a near miss, not the answer."""
        included = " ".join(m.group(1) for m in _INCLUDING.finditer(best.hit.passage.text))
        if not included:
            return False
        tokens = self.analyzer.token_set(included)
        left_out = {w for m in _EXCLUDING.finditer(q.original or q.text)
                    for w in re.split(r"[\s:-]+", m.group(1).lower())}
        return any(c.match(tokens) >= FULL_MATCH for c in q.concepts
                   if left_out & set(re.split(r"[\s:-]+", c.text)))

    def place_without_figure(self, q: Query, best: Scored) -> bool:
        """Whether a question for a figure of a place ("arbetslösheten i Åre kommun i
        procent") is answered by a sentence that names the place only in a clause without
        a figure, beside others' figures ("Även Strömsund och Bräcke ligger över
        länsgenomsnittet med 8,2 respektive 7,7 procent, medan Åre och Berg ligger strax
        under"): a near miss, not its figure."""
        if not q.quantity:
            return False
        token_set = self.analyzer.token_set
        clauses = [c for sentence in _SENTENCE_END.split(best.hit.passage.text)
                   for c in _CLAUSE.split(sentence)]
        asked = {n for names in places_named(q.original or q.text) for n in names}
        # clauses with a figure for another place ("Strömsund och Bräcke … 8,2 respektive
        # 7,7 procent"), not a figure said of a name the place is part of ("Åre Östersund
        # Airport …, och under 2018 reste ca 470 000 passagerare via flygplatsen")
        # a share said as a fraction of a whole ("hälften av dem") is a figure of the clause
        numbered = [has_number(without_times(c)) or bool(_FRACTION_OF.search(c))
                    for c in clauses]
        other_place = any(n and any(not asked & set(names) for names in places_named(c))
                          for c, n in zip(clauses, numbered, strict=True))
        for i in self._named_places(q, [best]):
            concept = q.concepts[i]
            naming = [k for k, c in enumerate(clauses)
                      if concept.match(token_set(c)) >= FULL_MATCH]
            if not naming and other_place and concept.match(
                    token_set(best.hit.passage.context)) >= FULL_MATCH:
                # named only in the sentence before, in a list ("De största skidorterna är
                # Åre, …, Vemdalen …"), while the sentence gives another place's figure
                # ("… 2,6 miljoner skiddagar …, varav drygt 1,2 miljoner i Åre")
                return True
            if not naming or any(numbered[k] for k in naming):
                continue
            # … or a figure of no place said before it ("Andelen utländska gästnätter var 26
            # procent, och de största utländska marknaderna är Norge, …"); one said after it
            # may be its own ("Åre Östersund Airport …, och under 2018 reste …")
            if other_place or any(numbered[k] and not places_named(clauses[k])
                                  for k in range(naming[0])):
                return True
        return False

    def other_branch(self, q: Query, best: Scored) -> bool:
        """Whether the question's thing ("industrin", "manufacturing") is matched only by
        the noun a sentence opens with to name what the sentence before it is about
        ("Branschen omsätter …", after a sentence on tourism), and said nowhere in the
        passage: that branch's figure, not the one asked."""
        text = best.hit.passage.text
        opening = _ANAPHORIC.match(text)
        if not opening or not best.matched or _ARTICLE_ADJECTIVE.match(text):
            return False
        head = self.analyzer.token_set(opening.group(0))
        # a compound whose own part is that noun ("turistbranschen") names the branch itself
        named = {c.head for c in q.concepts if c.match(head) >= FULL_MATCH}
        return any(0.0 < m < OTHER_WORD_MATCH and c.match(head) >= m and c.head not in named
                   for c, m in zip(q.concepts, best.matched, strict=False))

    def branch_figure(self, q: Query, best: Scored) -> bool:
        """Whether a question for an amount is answered by a sentence that gives a branch's
        figure by the noun of its kind ("Branschen omsätter …", "Sektorn …"), after
        sentences naming that branch, when the question asks it of something else: of a
        branch the passage never matches ("the manufacturing industry", with the tourism
        sentences before), or a count of an organisation the sentence before only names
        ("Jämtland Härjedalen Turism", which coordinates the branch)."""
        money = Asks.of(q).money or _asks_money(q.original or q.text)
        p = best.hit.passage
        if not best.matched or not (q.quantity or money) or not _BRANCH_OPENING.match(p.text):
            return False
        if any(m == 0.0 and c.confidence_weight >= MIN_SUBJECT_WEIGHT
               and any(alt.endswith(BRANCH_HEADS) for alt in c.alts)
               for c, m in zip(q.concepts, best.matched, strict=False)):
            return True  # another branch, which the passage never names
        said = self.analyzer.token_set(f"{p.context} {p.text}")
        if any(m > 0.0 and c.confidence_weight >= MIN_SUBJECT_WEIGHT
               and all(alt in _KINDS_OF_BRANCH for alt in c.alts if alt in said)
               and any(h in alt and alt not in _KINDS_OF_BRANCH
                       for alt in c.alts for h in BRANCH_HEADS)
               for c, m in zip(q.concepts, best.matched, strict=False)):
            # "the industrial cluster's annual turnover" matched only by "Det klustret …"
            # of tourism: the passage has the kind of thing, never the branch asked
            return True
        if money:
            return False  # an organisation's turnover is asked as the branch's it leads
        asked = " ".join(raw_words(q.original or q.text)).lower()
        return any(f" {' '.join(raw_words(name)).lower()} " in f" {asked} "
                   and name not in p.text for name in _NAME_RUN.findall(p.context))

    @staticmethod
    def another_branch_named(q: Query, best: Scored) -> bool:
        """Whether a question for a figure of one branch ("hur stor andel … jobbar i
        tillverkningsindustrin") is answered by a passage that never names it but names
        another branch ("Den offentliga sektorn … anställer ca 42 %. Motsvarande siffra
        för hela Sverige är ca 30 %."): that branch's figure, not the one asked."""
        money = Asks.of(q).money or _asks_money(q.original or q.text)
        if not best.matched or not (q.quantity or money):
            return False
        weight: dict[str, float] = {}  # a compound's parts weigh together
        for c in q.concepts:
            weight[c.whole or c.text] = weight.get(c.whole or c.text, 0.0) + c.confidence_weight
        asked = [c for c, m in zip(q.concepts, best.matched, strict=False)
                 if m == 0.0 and weight[c.whole or c.text] >= MIN_SUBJECT_WEIGHT
                 and any(alt.endswith(BRANCH_HEADS) for alt in c.alts)]
        if not asked:
            return False
        p = best.hit.passage
        return any(_BRANCH_WORD.fullmatch(w) for w in raw_words(f"{p.context} {p.text}"))

    def likeness_elsewhere(self, q: Query, best: Scored) -> bool:
        """Whether the question asks for something like a thing elsewhere ("finns det nåt
        liknande som Gomorron Östersund i Sveg?", "anything like House Be in Berg?") and the
        best passage names the thing it is like but not the rest of what is asked, a place
        above all: the thing itself, not one like it."""
        asked = q.original or q.text
        m = _LIKE.search(asked)
        if m is None or not best.matched:
            return False
        standard = set(raw_words(m.group("x").lower()))
        elsewhere = set(raw_words(asked[m.end():].lower())) - standard  # "i sveg"
        said = [c for c, found in zip(q.concepts, best.matched, strict=False)
                if found >= FULL_MATCH and c.text in standard]
        return bool(said) and any(
            found == 0.0 and c.confidence_weight >= MIN_SUBJECT_WEIGHT
            and c.text in elsewhere
            for c, found in zip(q.concepts, best.matched, strict=False))

    def sum_for_one(self, q: Query, best: Scored) -> bool:
        """Whether the question asks for one part's own figure ("Alpina VM ensamt", "the
        biathlon alone", "gasellföretagen i Åre kommun") and the best sentence gives only
        the parts' sum ("Evenemangen beräknas tillsammans …", "… finns främst i Östersund
        och Åre, men även i Krokom och Strömsund, och tillsammans omsätter de …"): a near
        miss, not the answer."""
        text = best.hit.passage.text
        asked_text = q.original or q.text
        # one figure for a list of names ("rekryteras cirka 3 000 säsongsanställda till
        # fjälldestinationerna i Åre, Funäsfjällen, Vemdalen och Storlien") is their sum too
        listed = _listed_names(text) if len(_FIGURES.findall(without_times(text))) == 1 else []
        said = ([set(self._stems(name)) for name in listed] if listed
                else [set(self._stems(" ".join(names))) for names in _away_places(text)])
        if not (_TOGETHER.search(text) or listed) or (
                _TOGETHER.search(asked_text) and not _PART_OF.search(asked_text)):
            return False  # "how much of the combined turnover …" asks for a part of it
        if _ALONE.search(asked_text):
            return True
        if not (q.quantity or Asks.of(q).money):
            return False
        if listed:
            # a name typed without å/ä/ö ("funasfjallen") in a Swedish question; in English
            # "are" is a verb, no "Åre"
            asked_stems = set(self._stems(asked_text.lower()))
            folded = set(self._stems(fold(asked_text.lower()))) if q.language == "sv" else set()
            asked = [p for p in said if p <= asked_stems
                     or (folded and set(self._stems(fold(" ".join(p)))) <= folded)]
        else:
            asked = [set(self._stems(" ".join(names))) for names in self._places_asked(q)]
        # the place asked is one of several the sentence names, and not all of them asked
        return len(said) >= 2 and any(a and any(a <= p for p in said) for a in asked) and not (
            all(any(a and a <= p for a in asked) for p in said))

    def other_figure(self, q: Query, best: Scored) -> bool:
        """Whether the question gives a figure of a measure ("examen inom tre år") that the
        best sentence gives only as another figure ("inom fyra år"): a near miss, not the
        answer. A figure the question offers as a guess ("över 40 procent") is not one; a
        bound on another thing than the one counted is ("hur många företag har fler än 250
        anställda" against "… fler än 100 anställda")."""
        text = q.original or q.text
        guesses = approximate_numbers(text)
        stem = self.analyzer.stem
        counted = stem(q.unit) if q.quantity and q.unit else ""
        asked = figures_by_measure(raw_words(text), stem)
        given = figures_by_measure(raw_words(answer_text(best.hit, best.needs_context)), stem)
        # a sentence may point back to its measure ("… hade 73 procent … sådan tillgång"
        # after "bredband om minst 100 Mbit/s"): the figures of the one before, when it
        # gives none of its own
        before = figures_by_measure(raw_words(best.hit.passage.context), stem)
        for measure, figures in asked.items():
            if not counted or counted == measure:
                figures = figures - guesses
            # the measure in the passage's words too: "years" → "år"
            same = {measure} | {t for c in q.concepts
                                if c.alts.get(measure) == 1.0 or stem(c.text) == measure
                                for t, f in c.alts.items() if f >= FULL_MATCH}
            theirs = (set().union(*(given.get(m, set()) for m in same))
                      or set().union(*(before.get(m, set()) for m in same)))
            if figures and theirs and not figures & theirs:
                return True
        return False

    def other_year(self, q: Query, best: Scored) -> bool:
        """Whether a question for a figure of a year or season ("varuexporten år 2019",
        "säsongen 2018/2019") is answered by a passage that names other years and never the
        one asked (the sentence and its context, and the sentence before them when the
        sentence says "samma år" or "säsongen"): that year's figure, not the one asked. A
        question that names no year, or asks for none, is not checked; an edition it names
        ("according to the 2021 follow-up") is left out of its text."""
        text = q.text
        asked = set(_YEAR.findall(text))
        if not asked or not (q.quantity or _MONEY_QUESTION.search(text)) or q.temporal:
            return False
        p = best.hit.passage
        said = self._time_said(p)
        seasons = set(_SEASON.findall(said))
        asked_seasons = set(_SEASON.findall(text))  # written in full ("2017/18") already
        if asked_seasons and seasons and not asked_seasons & seasons:
            return True
        years = set(_YEAR.findall(said))
        if years and not asked & years:
            return True
        # the year asked in the sentence, but of another of its clauses: "ca 300 nya
        # sjuksköterskor … fram till år 2025, och … 900 lärare … fram till år 2030" gives
        # no nurses for 2030
        units = self._unit_concepts(q) if q.unit else []
        counted = [set(_YEAR.findall(clause)) for clause in _CLAUSE.split(p.text)
                   if any(c.match(self.analyzer.token_set(clause)) >= FULL_MATCH
                          for c in units)]
        counted = [ys for ys in counted if ys]
        return bool(counted) and not any(asked & ys for ys in counted)

    def only_places_link(self, q: Query, best: Scored) -> bool:
        """Whether the best passage shares only places with the question ("Vad är
        kommunalskatten i Krokom?" → a sentence on unemployment in Krokom): it says
        nothing of what is asked about that place. (An organisation is another matter: a
        sentence naming "Etour" may well say what it belongs to in other words.)"""
        places = {t for names in _away_places(q.original or q.text, report=False) for n in names
                  for t in self._stems(n)}
        names = {i for i in self._named_places(q, [best])
                 if q.concepts[i].match(places) >= FULL_MATCH}
        if not names or not best.matched:
            return False
        others = [i for i in range(len(q.concepts)) if i not in names]
        topic = [i for i in others if q.concepts[i].confidence_weight >= MIN_TOPIC_WEIGHT]
        # no other word of the question in the passage ("kommuner", "House" are links too)
        return bool(topic) and all(best.matched[i] < HALF_MATCH for i in others) and any(
            best.matched[i] >= HALF_MATCH for i in names)

    def other_owner(self, q: Query, best: Scored) -> list[str]:
        """The owner the question gives its thing ("turismföretagens kunder", "the tourism
        industry's customers") when the best sentence gives that thing for another owner
        ("industrins kunder") and its passage does not name the question's: another
        sector's figure, however alike the words."""
        text = q.original or q.text
        p = best.hit.passage
        a = self.analyzer
        passage = a.token_set(" ".join((p.text, p.context, p.section)))
        sentence = raw_words(p.text)
        for owner, head in _owned_things(text):
            heads = [c for c in q.concepts if head in c.text.split(":")[0].split(" ")]
            if not heads or {_without_genitive(w) for w in owner} & HOME_PLACES:
                continue  # the county's own ("länets basnäringar"): Jämtland's
            # whose: the owner's first word alone, of a compound its first part
            # ("turismföretagens" → turism; "the tourism industry's" → tourism); its last
            # part or word ("företag", "industry") is said of anyone's
            owners = self.queries.analyze(owner[0], q.language).concepts[:1]
            if not owners:
                continue
            for i, w in enumerate(sentence[:-1]):
                if not (w.endswith("s") and len(w) >= MIN_OWNER_CHARS) or w in STOPWORDS:
                    continue
                if max(c.match(a.token_set(sentence[i + 1])) for c in heads) < FULL_MATCH:
                    continue
                theirs = a.token_set(w)
                if (max(c.match(theirs) for c in owners) <= HALF_MATCH
                        and max(c.match(passage) for c in owners) < NAMES_OWNER):
                    return [" ".join(owner)]
        return self._other_kind(q, best, passage)

    def _other_kind(self, q: Query, best: Scored, passage: frozenset[str]) -> list[str]:
        """The adjective of a Swedish question's noun ("de gröna näringarna") when the
        passage never says the adjective and the sentence has that noun only as the end of
        a compound of another kind ("industrinäringar"), or leans on the sentence before
        for what it is about."""
        a = self.analyzer
        sentence = raw_words(best.hit.passage.text)
        text = q.original or q.text
        only = {w for m in _ONLY_KIND.finditer(text) for w in raw_words(m.group(1))}
        for adjective, noun in _adjective_nouns(q, text):
            if q.concepts[adjective].match(passage) >= HALF_MATCH:
                continue
            if only & set(raw_words(q.concepts[adjective].text.split(":")[0])):
                continue  # "är det bara direkta jobb?": whether the figure is of that kind
            if is_anaphoric(best.hit.passage.text):
                # "Branschen genererar 7 000 årsarbeten", about the branch the sentence
                # before names, never "gröna": another kind than "de gröna näringarna"
                return [q.concepts[adjective].text]
            stem = a.word_terms(q.concepts[noun].text)[0]
            for w in sentence:
                whole = a.word_terms(w)[0] if w not in STOPWORDS else ""
                if whole.endswith(stem) and len(whole) - len(stem) >= MIN_COMPOUND_PREFIX:
                    return [q.concepts[adjective].text]
        return []

    @staticmethod
    def missing_groups(q: Query, best: Scored) -> list[str]:
        """The parts of the population the question narrows to (POPULATION_GROUPS) that the
        best candidate's passage does not name: "How many female students …" is not
        answered by the count of all students. A sex (GENDERS) the sentence before names
        counts only when the sentence leans on it: "… bland männen 17 procent" before
        "Utbildningsnivån är högst i Östersunds kommun …" says nothing of the men there.
        (A paragraph about the young goes on about them without naming them again.)"""
        p = best.hit.passage
        said = raw_words(" ".join((p.text, p.context, p.section)))
        own = raw_words(" ".join((leaning_text(best.hit), p.section)))

        def heads_compound(c: Concept, words: list[str]) -> bool:  # "pensionärsföreningar"
            return any(w.startswith(t) for t in c.alts if len(t) >= MIN_GROUP_PREFIX
                       for w in words)

        def sex_only_before(c: Concept, in_sentence: float) -> bool:
            return (in_sentence < HALF_MATCH and any(
                w in GENDERS for w in re.split(r"[: ]", c.text))
                and not any(w in GENDERS for w in own) and not heads_compound(c, own))

        sentence = best.in_sentence or (0.0,) * len(q.concepts)
        return [c.text for c, m, ms in zip(q.concepts, best.matched, sentence, strict=False)
                if _names_group(c) and (
                    (m < HALF_MATCH and not heads_compound(c, said)) or sex_only_before(c, ms))]

    def _places_asked(self, q: Query) -> list[tuple[str, ...]]:
        """The places the question names (text/places.py), without the home county's names
        (HOME_PLACES: where every sentence is, said or not), unless one is asked as a
        municipality ("i Härjedalens kommun": the municipality, not the region)."""
        text = _BORN_WHERE.sub(" ", q.original or q.text)
        return _away_places(text, report=False) + [
            (name,) for name in _home_parts_asked(text)]

    def unknown_places(self, q: Query) -> list[str]:
        """The places the question names ("i Norge", "in Västernorrland") that no passage of
        the index mentions by any of their names: the reports say nothing about them, so a
        sentence about the county does not answer."""
        qa = self.queries
        if not qa.doc_freq or not qa.num_docs:
            return []

        def mentioned(name: str) -> bool:
            return all(qa.doc_freq(t) > 0 for t in self._stems(name))

        return [names[0] for names in self._places_asked(q)
                if not any(mentioned(n) for n in names)]

    def unknown_acronyms(self, q: Query) -> list[str]:
        """The acronyms the question names ("EU-pengar", "hur många jobbar på SCB?") that no
        passage of the index has in any form: the reports say nothing of that organisation
        or thing, so no sentence of theirs answers for it. A question typed in capitals
        names none, and one that begins a name ("JH Turism") is that name's, as is one
        whose name the reports write out ("enligt DI": "Dagens industri")."""
        qa = self.queries
        question = q.original or q.text
        if not qa.doc_freq or not qa.num_docs or question.upper() == question:
            return []
        asked = {m.group(0).lower() for m in _ACRONYM.finditer(question)}
        named = qa.spells_a_name or (lambda _: False)
        return [c.text for c in q.concepts if c.text in asked and not named(c.text) and not any(
            qa.doc_freq(t) > 0 for t, f in c.alts.items() if f >= FULL_MATCH)]

    def missing_places(self, q: Query, best: Scored) -> list[str]:
        """The places the question names that the index mentions but the best candidate's
        passage (its sentence, context and heading, its report's title) does not, unless
        they are the reports' scope (in SCOPE_SHARE of the passages or more): "arbetslösheten
        i Åre kommun" is not answered by the county's unemployment."""
        qa = self.queries
        if not qa.doc_freq or not qa.num_docs:
            return []
        p = best.hit.passage
        doc = self.documents.get(p.doc, {})
        asked = self._places_asked(q)
        home = {w for name in _home_parts_asked(q.original or q.text)
                for w in self._stems(name)}
        own = _away_places(p.text)
        if any(place not in asked for place in own):
            # the sentence is about a place of its own ("Vid campus Östersund …"): the place
            # asked in its context only ("campus i Östersund och Sundsvall") is not its answer
            said = set(self._stems(p.text))
        else:
            said = set(self._stems(" ".join((p.text, p.context, p.section,
                                              doc.get("title", ""), doc.get("series", "")))))
        if home:  # a municipality of the home county's name: said alone, not in the region's
            said -= home
            said |= home & set(self._stems(_REGION_NAME.sub(" ", " ".join((p.text, p.context)))))

        def scope(name: str) -> bool:
            return not set(self._stems(name)) & home and all(
                qa.doc_freq(t) >= SCOPE_SHARE * qa.num_docs for t in self._stems(name))

        # Sweden is said as the country: "runt om i landet", "hela riket"
        national = _NATIONAL.search(f"{p.text} {p.context}") is not None
        return [names[0] for names in asked
                if not any(all(t in said for t in self._stems(n)) for n in names)
                and not any(scope(n) for n in names)
                and not (national and {n.lower() for n in names} & _SWEDEN)]

    def _stems(self, text: str) -> list[str]:
        """The stems of a text's words, as the index and the place checks compare them."""
        return [self.analyzer.stem(w) for w in raw_words(text)]

    def candidates(self, q: Query, hits: list[Hit],
                   near: Callable[[Hit], bool] | None = None) -> list[Scored]:
        """The candidates in answer order: re-ranked, the edition the question wants first;
        `near` (a follow-up's sentences around the answer read) are weighed however deep."""
        ranked = self.rank(q, hits, near)
        for step in (self.kind_first, self.whole_first, self.character_first, self.outcome_first,
                     self.sexes_first, self.superlative_first, self.prefer_edition,
                     self.names_follow, self.consequence_follows, self.national_follows,
                     self.figure_follows):
            ranked = step(q, ranked)
        return ranked

    def kind_first(self, q: Query, ranked: list[Scored]) -> list[Scored]:
        """For a question for an amount or a sum ("how much were goods exports worth",
        "the combined turnover of the ski resorts"), or for places by name ("vilka kommuner
        har sämst tillgång till snabbt bredband?"), a sentence close behind the first
        (KIND_CLOSE of its score) that gives the kind of answer asked, when the first does
        not ("… exporterar varor", "… registrerades 2,6 miljoner skiddagar", "… 73 procent
        av hushållen i Jämtlands län"): first."""
        places = bool(_WHICH_PLACES.search(q.text))  # "vilka kommuner har sämst …"
        if len(ranked) < 2 or not (q.quantity or places):
            return ranked
        asks = Asks.of(q)
        # "hur många jobbar …", "hur många jobb …" answered by a count of things ("ett
        # 20-tal besöksdestinationer"): a count of the jobs close behind is surer, even one that
        # leans on the sentence before for its branch ("Branschen genererar … 7 000
        # årsarbeten"), which the checks of names_what_best_lacks then read
        workers = bool(q.quantity and (q.by_verb in _WORK_VERBS or q.unit in _WORKERS - PEOPLE)
                       and counts_only_things(leaning_text(ranked[0].hit)))
        if asks.reason or q.temporal or (
                self.kind_factor(q, ranked[0], asks) >= self.weights.unit_mismatch
                and not workers):
            return ranked  # the first has an amount (or a change), if maybe not of the thing
            # counted: another sentence's amount is no surer

        def gives_kind(s: Scored) -> bool:
            # a sentence that leans on the one before for its subject ("Branschen omsätter
            # …") may be another branch's figure: not put first for its amount alone
            # … nor one that leaves out more of the question ("en villa" for "en bostadsrätt")
            return bool((not _ANAPHORIC.match(s.hit.passage.text)
                         and s.missing.sentence <= ranked[0].missing.sentence
                         or workers and counts_some_people(s.hit.passage.text))
                        and self.kind_factor(q, s, asks) >= 1.0
                        and not self.names_what_best_lacks(q, s))

        return _close_behind_first(ranked, KIND_CLOSE, KIND_DEPTH, gives_kind)

    def whole_first(self, q: Query, ranked: list[Scored]) -> list[Scored]:
        """For a question for how many there are of a thing ("hur många företag finns det i
        länet?") when the best sentence counts only some of them ("Drygt 11 000 av företagen
        saknar anställda"): a sentence close behind (KIND_CLOSE) that counts the thing
        itself and leaves out no more of the question ("cirka 14 600 aktiva företag"),
        first."""
        if len(ranked) < 2 or not q.quantity or not q.unit:
            return ranked
        counted = [c for c in q.concepts if c.text == q.unit]
        if sum(c.confidence_weight for c in q.concepts if c.text != q.unit) >= (
                WHOLE_ASKED_OTHER * sum(c.confidence_weight for c in counted)):
            return ranked  # "hur många företag har inga anställda": some of them asked
        stem = self.analyzer.stem
        # the counted word's index tokens: itself, or its translations ("companies")
        units = {stem(q.unit)} | {t for c in counted for t, f in c.alts.items()
                                  if f >= FULL_MATCH}

        def counts_part(text: str) -> bool:  # "11 000 av företagen", "two of the firms"
            return any(stem(m.group(1)) in units for m in _SOME_OF.finditer(text.lower()))

        def counts_whole(s: Scored) -> bool:  # "14 600 aktiva företag"
            text = s.hit.passage.text
            words = raw_words(without_times(text))
            return (not counts_part(text) and s.missing.sentence <= ranked[0].missing.sentence
                    and any(w[0].isdigit() and units & set(map(stem, words[i + 1:i + 3]))
                            for i, w in enumerate(words)))

        if not counts_part(ranked[0].hit.passage.text):
            return ranked
        return _close_behind_first(ranked, KIND_CLOSE, KIND_DEPTH, counts_whole)

    def figure_follows(self, q: Query, ranked: list[Scored]) -> list[Scored]:
        """For a question for an amount ("vad låg ungdomsarbetslösheten på toppåret
        2013?"), when the best sentence names the subject without a figure
        ("Ungdomsarbetslösheten har minskat tydligt sedan toppåret 2013."): a sentence up to
        FIGURE_REACH further on that gives the year asked's figure ("År 2013 var andelen
        drygt 18 procent."), or without a year asked the next one, pointing back: first."""
        years = set(_YEAR.findall(q.text))
        asks = Asks.of(q)
        if not ranked or not (q.quantity or asks.money) or asks.reason or (
                q.temporal and not years):
            return ranked  # "hur länge har Etour forskat?": a span of time is its figure
        best = ranked[0]

        def figure(text: str) -> bool:  # a sum of money for money asked ("två" is no sum)
            return bool(_MONEY.search(text)) if asks.money else has_number(without_times(text))

        if figure(best.hit.passage.text):
            return ranked
        doc, row = best.hit.passage.doc, best.hit.passage.row
        best_years = set(_YEAR.findall(best.hit.passage.text))
        # the year asked binds a sentence a little further on; without one, the next
        # sentence must point back to the best one ("Branschen …", "Det …")
        reach = FIGURE_REACH if years else 1
        for i, s in enumerate(ranked[1:self.weights.candidates], start=1):
            p = s.hit.passage
            # the year said in the sentence after, or in the best one when the sentence
            # after points back to it ("Under år 2019 arrangerades två världsmästerskap …"
            # — "Evenemangen beräknas … ungefär 700 miljoner kronor")
            if (p.doc == doc and row < p.row <= row + reach
                    and (years or _ANAPHORIC.match(p.text)) and figure(p.text)
                    and (years <= set(_YEAR.findall(p.text)) or (
                        _ANAPHORIC.match(p.text) and years <= best_years))):
                return [s, *ranked[:i], *ranked[i + 1:]]
        return ranked

    def superlative_first(self, q: Query, ranked: list[Scored]) -> list[Scored]:
        """For a question for the one with the most ("vilken enskild arbetsgivare har flest
        anställda i länet?"), a sentence close behind the first (KIND_CLOSE of its score)
        that names one with a superlative ("… är därmed länets enskilt största
        arbetsgivare"), when the first says none: first."""
        question = q.original or q.text
        if len(ranked) < 2 or not (_ONE_ASKED.search(question)
                                   and _ANY_SUPERLATIVE.search(question)):
            return ranked
        if _ANY_SUPERLATIVE.search(_MOST_OF.sub(" ", ranked[0].hit.passage.text)):
            return ranked

        def names_one(s: Scored) -> bool:
            text = _MOST_OF.sub(" ", s.hit.passage.text)
            return bool(_ANY_SUPERLATIVE.search(text) and not _AMONG_THE.search(text))

        return _close_behind_first(ranked, KIND_CLOSE, KIND_DEPTH, names_one)

    def national_follows(self, q: Query, ranked: list[Scored]) -> list[Scored]:
        """For a question that compares with the whole country ("nyföretagande per 1000
        invånare, county vs sweden") or for the country's figure, the next sentence when it
        gives the country's figure and is a candidate ("Motsvarande siffra för hela riket är
        10,4"), else a sentence close behind the first (KIND_CLOSE) that speaks of the
        country: first, as the one that makes the comparison or gives that figure."""
        if not ranked or not self.national_unsaid(q, ranked[0]):
            return ranked
        best = ranked[0].hit.passage
        after = (best.doc, best.row + 1)
        for s in ranked[1:self.weights.candidates]:
            p = s.hit.passage
            if (p.doc, p.row) == after and _NATIONAL.search(p.text):
                return _moved_first(ranked, s)
        # "hur hög är arbetslösheten i sverige?": a sentence close behind that gives the
        # country's figure ("… jämfört med 7,0 procent i riket") answers it
        return _close_behind_first(
            ranked, KIND_CLOSE, self.weights.candidates,
            lambda s: bool(_NATIONAL.search(s.hit.passage.text))
            and not self.names_what_best_lacks(q, s))

    def character_first(self, q: Query, ranked: list[Scored]) -> list[Scored]:
        """For a question for what characterises something ("vad kännetecknar
        industriföretagen i jämtland"), a sentence close behind the first (CHARACTER_CLOSE)
        that says what characterises, and leaves no more of the question out ("… är starkt
        präglat av SME-företag med hög entreprenörs och uppfinningsanda"): first, before one
        that only names the subject ("IUC-Z group är en gemensam nod för
        industriföretagen")."""
        if len(ranked) < 2 or not _CHARACTER_QUESTION.search(q.original or q.text) or (
                _CHARACTER_SAID.search(ranked[0].hit.passage.text)):
            return ranked
        return _close_behind_first(
            ranked, CHARACTER_CLOSE, KIND_DEPTH,
            lambda s: bool(_CHARACTER_SAID.search(s.hit.passage.text))
            and s.missing.sentence <= ranked[0].missing.sentence
            and not self.names_what_best_lacks(q, s))

    def outcome_first(self, q: Query, ranked: list[Scored]) -> list[Scored]:
        """For a question for how things turned out for people ("får man jobb efter yh?",
        "hur gick det för deltagarna i Mitt jobb i Jämtland?"), when the best sentence gives
        no share ("Yrkeshögskolan är en eftergymnasial utbildningsform …"): a sentence that
        gives one first, when it is close behind (OUTCOME_CLOSE of its score) and leaves no
        more of the question out ("… hade 89 procent ett arbete ett år efter avslutad
        utbildning"), or follows the best one within FIGURE_REACH sentences ("Projektet
        riktade sig till unga … 460 deltagare" — "Vid projektets avslut hade 38 procent av
        deltagarna gått vidare till arbete eller studier")."""
        if len(ranked) < 2 or not _OUTCOME_QUESTION.search(q.original or q.text):
            return ranked
        best = ranked[0]
        if _gives_share(best.hit.passage.text):
            return ranked
        floor = best.score * OUTCOME_CLOSE
        doc, row = best.hit.passage.doc, best.hit.passage.row
        for s in ranked[1:self.weights.candidates]:
            p = s.hit.passage
            follows = p.doc == doc and row < p.row <= row + FIGURE_REACH
            close = s.score >= floor and s.missing.sentence <= best.missing.sentence
            if (close or follows) and _gives_share(p.text) \
                    and not self.names_what_best_lacks(q, s):
                return _moved_first(ranked, s)
        return ranked

    def sexes_first(self, q: Query, ranked: list[Scored]) -> list[Scored]:
        """For a question that names both sexes ("skillnad i utbildningsnivå mellan kvinnor
        och män", "is there a gender gap …"), when the best sentence gives no figure ("…
        skillnaderna mellan kommunerna, mellan kvinnor och män … är fortfarande stora"): a
        sentence close behind (SEXES_CLOSE of its score) that gives a figure and names both
        ("Bland kvinnorna är andelen 31 procent och bland männen 17 procent"), first."""
        if len(ranked) < 2 or not _names_both_sexes(q.original or q.text):
            return ranked
        best = ranked[0]
        if has_number(without_times(best.hit.passage.text)):
            return ranked

        def gives_each(s: Scored) -> bool:
            text = s.hit.passage.text
            return bool(_FEMALE.search(text) and _MALE.search(text)
                        and has_number(without_times(text))
                        and not self.names_what_best_lacks(q, s))

        return _close_behind_first(ranked, SEXES_CLOSE, self.weights.candidates, gives_each)

    def consequence_follows(self, q: Query, ranked: list[Scored]) -> list[Scored]:
        """For a question about what something led to ("har utlokaliseringen märkts i
        Jämtland?", "has it had any effect?"), the next sentence when it leans on the best
        one and is a candidate: the best one says what happened ("… den statliga
        utlokaliseringen har redan verkställts …"), the one after what came of it ("I
        Jämtlands län har det tydliggjorts med … extra tjänster inom Tillväxtverket")."""
        if not ranked or not _CONSEQUENCE.search(q.original or q.text):
            return ranked
        best = ranked[0]
        if _CONSEQUENCE.search(best.hit.passage.text):
            return ranked
        doc, row = best.hit.passage.doc, best.hit.passage.row
        scored = {(s.hit.passage.doc, s.hit.passage.row): s for s in ranked[1:] if s.score}
        after = scored.get((doc, row + 1))
        if after is None or not after.needs_context:
            return ranked
        # "… har redan verkställts på flera ställen runt om i landet. I Jämtlands län har
        # det tydliggjorts med …": the one after that says what came of it
        then = scored.get((doc, row + 2))
        if (then is not None and not _CONSEQUENCE.search(after.hit.passage.text)
                and _CONSEQUENCE.search(then.hit.passage.text)):
            after = then
        return _moved_first(ranked, after)

    def names_follow(self, q: Query, ranked: list[Scored]) -> list[Scored]:
        """For a question that asks who ("Vilka är med i Grönt Center?"), the next sentence
        when the best one only names what is asked about and the next one, leaning on it,
        gives the names ("I detta samarbetar aktörer som LRF Jämtland, Torsta AB, …").

        Places are no answer to who: "I Ås i Krokoms kommun finns Grönt Center …" names
        where it is, not who takes part."""
        if not ranked or not Asks.of(q).who:
            return ranked
        best = ranked[0]
        asked = q.text
        shown = answer_text(best.hit, best.needs_context)
        by_kind = bool(_WHO_BY_KIND.match(asked))  # "who works there?": kinds of people
        if names_in(shown, asked) - places_in(shown) or (
                by_kind and _lists_kinds_of_people(leaning_text(best.hit))):
            return ranked
        after = (best.hit.passage.doc, best.hit.passage.row + 1)
        for i, s in enumerate(ranked[1:self.weights.candidates], start=1):
            p = s.hit.passage
            if (p.doc, p.row) == after and s.needs_context and (
                    names_in(p.text, asked) or (by_kind and _lists_kinds_of_people(p.text))):
                return [s, *ranked[:i], *ranked[i + 1:]]
        return ranked

    def _figure_of_subject(self, q: Query, ranked: list[Scored], subject: str,
                           own_sentence: bool = False) -> Scored | None:
        """For a follow-up that asks the earlier question's figure of a new subject, the
        first other candidate that mentions the subject and gives the kind of figure asked,
        with nothing the checks find lacking; None for any other question. With
        `own_sentence` (the best candidate lacks what was asked) the candidate's sentence
        itself must name the subject and give a figure, not only its context."""
        if not q.quantity:
            return None
        new = subject_concepts(q, subject)
        for s in ranked[1:self.weights.candidates]:
            if own_sentence and not (new and has_number(without_times(s.hit.passage.text))
                                     and self._says(new, s.hit.passage.text)):
                continue
            if (self.mentions_subject(q, s, subject) and self.kind_factor(q, s) >= 1.0
                    and not self.names_what_best_lacks(q, s)):
                return s
        return None

    def _says(self, subject: list[Concept], text: str) -> bool:
        """Whether `text` says one of a follow-up's subject concepts (SUBJECT_MATCH)."""
        tokens = self.analyzer.token_set(text)
        return any(c.match(tokens) >= SUBJECT_MATCH for c in subject)

    def mentions_subject(self, q: Query, best: Scored, subject: str) -> bool:
        """Whether the answer of `best` mentions the subject a follow-up typed in place of
        the earlier one (True when it typed none that the question kept).

        "Och industrin?" after "Hur mycket omsätter turismen?" is resolved into "Hur mycket
        omsätter industrin?", but its words of the earlier question ("omsätter") still rank
        the sentence about tourism's turnover first. A sentence that does not mention the new
        subject answers the earlier question again, and the caller declines. (Answering with
        a lower-ranked candidate that mentions it was tried and lost: such a sentence names
        the subject but seldom says what the kept part of the question asks.)"""
        new = subject_concepts(q, subject)
        said = answer_text(best.hit, best.needs_context)
        if _names_the_country(subject):
            # "jmf med riket?": the country by any of its names ("hela Sverige")
            return _NATIONAL.search(said) is not None
        return not new or self._says(new, said)

    def prefer_edition(self, q: Query, ranked: list[Scored]) -> list[Scored]:
        """The same statement from the edition the question wants first: the newest edition
        of the best sentence's series, unless the question names another ("uppföljningen
        2019", "förra uppföljningen"). A statement the wanted edition no longer makes is
        answered from the edition that makes it; a statement it rewords is found by its
        figure, as the edition diff pairs figures (facts/diff.same_measure)."""
        if not ranked or not self.editions.ordered:
            return ranked
        targets = self.editions.wanted_in_order(ranked[0].hit.passage.doc, q.edition)
        if not targets:
            # a report published once, of another year than the edition named: that
            # edition's own best candidate answers ("industrins sysselsättning i 2021 års
            # uppföljning")
            elsewhere = self.editions.named_elsewhere(ranked[0].hit.passage.doc, q.edition)
            return self._own_best(q, ranked, elsewhere) if elsewhere else ranked
        mine = self.analyzer.token_set(ranked[0].hit.passage.text)
        names = self._asked_names(q, ranked[0].hit.passage.text)

        def keeps_names(hit: Hit) -> bool:
            # another municipality's row of the same table is not the same statement
            return names <= self.analyzer.token_set(hit.passage.text)

        for target in targets:
            found = self._in_edition(q, ranked, target, mine, keeps_names)
            if found is not None and found[0] is not ranked[0] and (
                    self.other_year(q, found[0]) and not self.other_year(q, ranked[0])):
                # "… at the end of 2017": the newer edition's "vid utgången av 2020" is
                # another year's figure, and the edition that gives the year asked answers
                return ranked
            if found is not None:
                return found
        if q.edition.names_one and (not q.edition.bare or self.editions.serves(q.edition)):
            # the edition named does not make the best sentence's statement: its own best
            # candidate answers (or is declined), not another edition's. A year no edition
            # has ("vad föreslog kommittén 2017?") is a fact's, which an older edition may
            # give alone.
            return self._own_best(q, ranked, targets[:1])
        return ranked

    def _own_best(self, q: Query, ranked: list[Scored], documents: list[str]) -> list[Scored]:
        """`ranked` with the best candidate of `documents` first: retrieval's, and the best
        of each searched for the question itself."""
        own = [s for s in ranked[:self.weights.candidates] if s.hit.passage.doc in documents]
        if self.search_document is not None:
            rows = {s.hit.passage.row for s in own}
            for document in documents:
                own += [self._score_one(q, h) for h in self.search_document(
                    q.text, document, EDITION_SEARCH) if h.passage.row not in rows]
        if not own:
            return ranked
        best = max(own, key=lambda s: s.score)
        return [best, *[s for s in ranked if s.hit.passage.row != best.hit.passage.row]]

    def _in_edition(self, q: Query, ranked: list[Scored], target: str, mine: frozenset[str],
                    keeps_names: Callable[[Hit], bool]) -> list[Scored] | None:
        """`ranked` with the best sentence's statement in document `target` first, when
        that edition makes it (word for word, or reworded with a figure of the same thing);
        else None."""

        def overlap(hit: Hit) -> float:
            if hit.passage.doc != target or not keeps_names(hit):
                return 0.0
            theirs = self.analyzer.token_set(hit.passage.text)
            # a sentence the best passage holds with its neighbour ("Länet är … el. I länet
            # står ett 250-tal vindkraftverk.") is as much the same as the whole passage
            held = len(mine & theirs) / len(theirs) if theirs else 0.0
            return max(_overlap(mine, theirs), held if held >= SAME_HELD else 0.0)

        def same(hit: Hit) -> bool:
            return overlap(hit) >= SAME_STATEMENT

        # the closest copy, not the first that shares enough words ("vindkraft … GWh" is not
        # "… vindkraftverk" though it shares "länet" and "vindkraft")
        shares = {i: overlap(s.hit) for i, s in enumerate(ranked[1:], start=1)}
        i = max(shares, key=lambda j: (shares[j], -j), default=0)  # ties: the better ranked
        if i and shares[i] >= SAME_STATEMENT:
            s = ranked[i]
            if i >= self.weights.candidates:  # retrieved, not re-ranked: scored now
                s = self._score_one(q, s.hit)
            return [s, *ranked[:i], *ranked[i + 1:]]
        # two editions' same sentence may sit far apart in retrieval when the passages
        # around it changed: look for it in the wanted edition itself
        searched: list[Hit] = []
        if self.search_document is not None:
            searched = self.search_document(ranked[0].hit.passage.text, target, EDITION_SEARCH)
            for hit in searched:
                if same(hit):
                    return [self._score_one(q, hit), *ranked]
        # reworded: the wanted edition's sentence that gives a figure of the same thing
        others = [h for h in [s.hit for s in ranked[1:self.weights.candidates]
                              if s.hit.passage.doc == target] + searched if keeps_names(h)]
        scored = [(same_measure(ranked[0].hit.passage.text, h.passage.text, self.analyzer), h)
                  for h in others]
        best = max(scored, key=lambda x: x[0], default=(0.0, None))
        if best[1] is not None and best[0] >= MIN_PAIR_SCORE:
            return [self._score_one(q, best[1]), *[s for s in ranked
                                                    if s.hit.passage.row != best[1].passage.row]]
        return None

    def _asked_names(self, q: Query, text: str) -> frozenset[str]:
        """The tokens of the names in `text` (capitalised words after its first) that the
        question asks about: "Härjedalen" in "Småhus, Härjedalen: 22" for "… i Härjedalen?"."""
        words = _NAME_WORD.findall(text)[1:]
        names = self.analyzer.token_set(" ".join(w for w in words if w[:1].isupper()))
        return frozenset(t for t in names
                         if any(c.match(frozenset((t,))) >= 0.9 for c in q.concepts))

    def _time_said(self, p: PassageRow) -> str:
        """A passage's sentence and context, and the sentence before them when the sentence
        takes its time from it ("Almi beviljade samma år lån …"): where its year is said."""
        said = f"{p.text} {p.context}"
        if not _YEAR.search(said) and _SAME_TIME.search(p.text):
            said += " " + self._earlier([p]).get(p.row, "")
        return said

    def _earlier(self, passages: list[PassageRow]) -> dict[int, str]:
        """Row → the sentence before each passage's context, when the re-ranking reads it."""
        return self.earlier(passages) if self.earlier and self.weights.earlier_factor else {}

    def _score_one(self, q: Query, hit: Hit) -> Scored:
        return self.score(q, hit, self._earlier([hit.passage]).get(hit.passage.row, ""))

    def _source_line(self, q: Query, ranked: list[Scored]) -> Hit | None:
        """For a question about whom the report comes from ("Vem står som källa för
        rapporten?", "who is the source of this report"), the text under the best
        document's source heading ("Källhänvisning": "REGION JÄMTLAND HÄRJEDALEN")."""
        if not _SOURCE_QUESTION.search(q.original or q.text):
            return None
        doc = ranked[0].hit.passage.doc
        hits = [s.hit for s in ranked if s.hit.passage.doc == doc]
        if self.search_document is not None:
            hits += self.search_document("Källhänvisning källa source", doc, SOURCE_SEARCH,
                                         True)
        return next((h for h in hits if is_source_section(h.passage.section)), None)

    def _heading_answer(self, q: Query, ranked: list[Scored]) -> tuple[str, float] | None:
        """The section heading, when it answers and no sentence does: "Vad handlar mål 5
        om?" is answered by "Mål 5. Fler kluster (…)", which no sentence repeats. Words about
        the report itself ("rapporten", "handlar", "about") are left out of both sides."""
        w = self.weights
        section = ranked[0].hit.passage.section
        concepts = [c for c in q.concepts if c.head not in FRAME_WORDS]
        total = sum(c.confidence_weight for c in concepts)
        if not section or len(section) > MAX_ANSWER_CHARS:
            return None
        if _GOAL_OR_TITLE_QUESTION.search(q.original or q.text):
            # the report's own goal or title: its heading says it, whatever else is asked;
            # a goal named by its number is the heading with that number, or none
            named = _GOAL_NUMBER.search(q.original or q.text)
            if named:
                goal = re.compile(rf"\bmål\s*{named.group(1)}\b", re.IGNORECASE)
                section = next((s.hit.passage.section for s in ranked
                                if goal.search(s.hit.passage.section)), "")
            elif _REPORT_NAME_QUESTION.search(q.original or q.text):
                # the report's name is its title with the heading ("Läget i länet – Mål 5.
                # Fler kluster (…)"), as the index names its series
                doc = self.documents.get(ranked[0].hit.passage.doc, {})
                section = doc.get("series") or section
            return (section, GOAL_OR_TITLE_CONFIDENCE) if section else None
        if not total:
            return None

        def cov(tokens: frozenset[str]) -> float:
            return sum(c.confidence_weight * c.match(tokens) for c in concepts) / total

        head_tokens = self.analyzer.token_set(section)
        heading = cov(head_tokens)
        if heading < min(0.5, w.heading_answer):
            return None
        sentences = [self.analyzer.token_set(s.hit.passage.text) for s in ranked[:w.candidates]]
        # "Vilket mål …?": the kind of thing asked for is named by the heading, by no sentence
        kinds = answer_type_words(q.text)
        typed = [c for c in concepts if c.head in kinds]
        if typed and all(c.match(head_tokens) for c in typed) and not any(
                c.match(tokens) >= 0.9 for c in typed for tokens in sentences):
            return section, round(heading, 4)
        if heading < w.heading_answer or heading - max(map(cov, sentences)) < w.heading_margin:
            return None
        return section, round(heading, 4)

    def _sources(self, hits: list[Hit], top_k: int) -> list[Source]:
        """The top passages, without repeating one whose sentence an earlier one shows."""
        out: list[Source] = []
        shown: list[str] = []
        for h in hits:
            sentence = " ".join(h.passage.text.lower().split())
            if any(sentence in s for s in shown):
                continue
            shown.append(" ".join(h.passage.full_text.lower().split()))
            doc = self.documents.get(h.passage.doc, {})
            out.append(Source(h.passage.doc, doc.get("title", h.passage.doc), h.passage.section,
                              h.passage.page, h.passage.full_text, h.passage.text,
                              round(float(h.score), 4), doc.get("indexed_at", ""),
                              doc.get("edition", "")))
            if len(out) >= top_k:
                break
        return out
