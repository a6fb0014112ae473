"""Follow-up questions resolved against the conversation, without a language model.

People chat: "Hur många jobbar inom industrin?" — "Och inom turismen?" — "Hur mycket omsätter
den branschen?". A follow-up keeps what the earlier question asked for (its frame and answer
kind: "hur många jobbar") and replaces what it names ("inom turismen"), or refers to the
earlier subject ("den branschen", "där", "it", "there"). This module rewrites such a turn into
a question that stands alone, so that retrieval, answering and confidence treat it like any
other question (a follow-up the report cannot answer is declined like any other).

A question that stands alone (its own question frame and its own subject, no reference
word) is left exactly as it is, so history never changes the answer to it.

    resolve_conversation(question, history) -> Resolution(question, followup, reason)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportqa.ask.question import (
    BRANCH_HEADS,
    FRAME_WORDS,
    HOW_MANY,
    POPULATION_GROUPS,
    answer_type_words,
)
from reportqa.ingest.editions import EditionWish
from reportqa.limits import HISTORY_MAX_TURNS
from reportqa.text.analyzer import STOPWORDS
from reportqa.text.glossary import load_verb_forms_sv
from reportqa.text.language import detect_language
from reportqa.text.places import places_named, with_place_names
from reportqa.text.spelling import ABBREVIATIONS, LETTER_WORDS, fold
from reportqa.text.vocabulary import looks_like_noun, wordset, zipf


@dataclass(frozen=True)
class Turn:
    """One earlier turn: what was asked and the answer sentence (None when declined)."""

    question: str
    answer: str | None = None
    #: What a reference in this turn was resolved to ("Peak Innovation" of "vad jobbar de
    #: med?"): the topic a pronoun in the next turn still refers to. Set by
    #: resolve_conversation, empty for a turn as asked.
    referent: str = ""


@dataclass(frozen=True)
class Resolution:
    """The question to answer; `followup` when the conversation was used to make it."""

    question: str
    followup: bool = False
    reason: str = ""  # "ellipsis", "reference", "short", "statement" for a follow-up
    #: What the follow-up itself names in place of the earlier subject ("industrin" of "Och
    #: industrin?"); empty when it keeps the earlier subject ("Vad jobbar de med?"). An
    #: answer that does not mention it answers the earlier subject, not the new one.
    subject: str = ""
    #: What a reference of the question was resolved to, if one was.
    referent: str = ""


# ---- words ---------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W_][\w:'’-]*", re.UNICODE)

#: Openers of an elliptical follow-up ("Och inom turismen?", "What about tourism?", "samma
#: fråga för turismen", "om man tittar på turismen?", "vad sägs om turismen?", "jämfört med
#: turismen?", "how does that compare with tourism?").
#: The start of a question that may open with a conjunction ("och …", "men …", "and …",
#: "but …"): the beginning of most of the patterns below.
_AND_LEAD = r"^\s*(?:(?:och|men|and|but|so)\s+)?"
_OPENER = re.compile(
    r"^\s*(?:(?:och\s+|men\s+)?om\s+(?:man|vi|du)\s+(?:tittar|ser)\s+på|"
    r"(?:and\s+|but\s+)?if\s+(?:you|we|one)\s+look\s+at|"
    # a comparison with another subject asks the previous question of it
    r"(?:och\s+|men\s+)?(?:jämfört|i\s+jämförelse)\s+med|hur\s+står\s+(?:det|sig\s+det)\s+"
    r"(?:sig\s+)?(?:mot|jämfört\s+med)|(?:(?:and|but)\s+)?compared\s+(?:to|with)|"
    r"(?:and\s+)?how\s+does\s+(?:that|it|this)\s+compare\s+(?:to|with)|"
    r"(?:och\s+)?vad\s+sägs\s+om(?!\s+(?:det|den|dem|dom|detta|dessa)\b)|"
    r"(?:och|men|samt|än|plus)\s+(?:hur\s+är\s+det\s+med|hur\s+blir\s+det\s+med|"
    r"vad\s+gäller|när\s+det\s+gäller)?|hur\s+är\s+det\s+med|hur\s+blir\s+det\s+med|"
    r"hur\s+ser\s+det\s+ut\s+(?=med|för|i|inom|på)|hur\s+är\s+det\s+(?=för|i|inom|på)|"
    r"vad\s+gäller|när\s+det\s+gäller|"
    r"samma\s+(?:sak\s+|fråga\s+)?(?:för|med|om)|gäller\s+det\s+även|även|också|"
    r"(?:and|but|plus)\s+(?:what\s+about|how\s+about)?|what\s+about|how\s+about|what\s+of|"
    r"same\s+(?:thing\s+|question\s+)?(?:for|with|about)|also)\b[\s,]*",
    re.IGNORECASE,
)
#: Trailing words of an ellipsis that add nothing ("Och turismen då?", "…, too?").
_TRAILER = re.compile(r"[\s,]*\b(?:då|också|med|även|too|also|then|as\s+well)\s*$",
                      re.IGNORECASE)

#: A subject put before the question that refers to it: "industrin, hur många jobbar där".
_DISLOCATED = re.compile(r"^(?P<subject>[^,?]{2,60}),\s*(?P<rest>[^,]+)$")

#: Words that begin a question of its own (a frame): with one of them and a subject of its
#: own, a turn stands alone.
INTERROGATIVES = wordset(
    "hur vad vem vilka vilken vilket när var varför vart finns fanns har hade är ska kan "
    "stämmer berätta nämn beskriv förklara ge visa lista ange "
    "how what who whom whose which when where why is are was were do does did has have had "
    "can could will would tell name list describe explain give show "
    "what's where's who's how's what’s where’s who’s how’s"
)

#: References that always point back: place, possessive, object pronouns.
_STRONG_REFERENCES = {
    "där": "place", "dit": "to", "därifrån": "from", "därav": "of", "dess": "poss",
    "deras": "poss", "dem": "it", "dom": "it", "there": "place", "its": "poss_en",
    "their": "poss_en", "them": "it",
    # "finns det många sådana i regionen?", "är det svårt att bygga såna här?": such things
    # as the previous turn was about (before a noun, "sådana kluster", a determiner)
    "sådana": "such", "såna": "such", "sådan": "such", "sån": "such", "sådant": "such",
    "sånt": "such",
}
#: Pronouns that point back only when the question names no subject of its own ("Vad
#: jobbar de med?", "När kom det?"); "finns det …" and "is it true …" do not.
_WEAK_REFERENCES = wordset("det den de dom it they this that")
_EXPLETIVE = re.compile(r"\b(?:finns|fanns)\s+det\s+\w|\b(?:är|var|blir|blev)\s+det\s+\w|"
                        r"\bdet\s+(?:finns|fanns)\b|"
                        r"\bdet\s+är\s+\w+\s+som\b|\bis\s+it\s+true\b", re.IGNORECASE)
#: Demonstratives that point back when a definite noun follows ("den branschen", "that
#: sector") or nothing nounish does.
_DEMONSTRATIVES = wordset("den det de denna detta dessa this that these those")
#: Swedish definite endings: "branschen", "klustret", "företagen", "kommunerna".
_DEFINITE = re.compile(r"(?:en|et|na|erna|arna|orna|ena)$", re.IGNORECASE)
#: Shorter words with a definite ending are seldom nouns ("även", "heten").
_MIN_DEFINITE_NOUN = 4
#: An English word after "this"/"that" that may be its noun; not an adverb or a participle
#: ("has that actually happened?", "was that decided?").
_EN_NOUNISH_AFTER_DEMONSTRATIVE = re.compile(r"^(?![a-z-]{3,}ly$|[a-z-]{4,}ed$)[a-z][a-z-]+$")

#: Quantifiers that stand for a noun left out after an existential frame: "finns det några i
#: länet?", "are there any in Härjedalen?" mean some of what the previous turn was about.
_QUANTIFIERS = wordset("några någon något nåt nån any some")
_EXISTENTIAL_BEFORE = wordset("det there")

#: Prepositions a subject phrase may begin with.
PREPOSITIONS = wordset(
    "i inom på hos vid för bland av från till med om under kring utanför innanför mellan "
    "genom mot "
    "in within at for among of from to with about across inside outside between through"
)
#: Time phrases at the end of a question that are not what it is about ("per år", "today").
_GENERIC_TIMES = wordset(
    "per år året årligen idag dag hittills nu just numera a year annually today now currently "
    "each every"
)
#: Prepositions of a year at a question's end ("in 2019", "under 2018", "år 2017").
_YEAR_PREPOSITIONS = wordset("in i under år during till by until före before efter after "
                              "sedan since från from")
#: Particles before a year's preposition ("fram till 2025", "up to 2025").
_YEAR_PARTICLES = wordset("fram up ända")
#: Place phrases so general that they are not what a question is about ("i länet"), and
#: the adverbs of the place the conversation is in ("när kom det hit?").
_GENERIC_PLACES = wordset(
    "län länet regionen jämtland härjedalen jämtlands länets county region regional "
    "sverige sweden the hit här here"
)
# the same as people type them without å, ä, ö ("lanet", "Jamtland"); not short words,
# which fold into others ("här" into "har")
_GENERIC_PLACES = _GENERIC_PLACES | frozenset(
    fold(w) for w in _GENERIC_PLACES if len(w) >= 5)
#: Words that begin a qualifier after the subject ("… ger besöksnäringen inkl kringeffekter",
#: "… does tourism generate, including spin-off effects") or name the source ("… enligt
#: planen", "according to the plan"): what follows is not the subject.
_QUALIFIERS = wordset("inkl inklusive exkl exklusive förutom utom including excluding except "
                      "enligt according vs versus")
#: Words that begin what the subject is compared with ("hur stor är offentliga sektorn i
#: länet jämfört med riket?"): the subject comes before them.
_COMPARED = wordset("jämfört jämförd compared")
#: Qualifiers that name a source, which a new subject keeps ("enligt rapporten").
_SOURCE_QUALIFIERS = wordset("enligt according")
#: Name-asking frames: the answer's new proper noun becomes what "där"/"it" refers to.
_ASKS_FOR_NAME = re.compile(
    r"\b(vad\s+heter|vad\s+hette|vilken|vilket|vilka|vem|which|who|what\s+is\s+the\s+name|"
    r"what\s+(?:is|was)\s+(?:it|the\s+\w+)\s+called|name\s+of)\b", re.IGNORECASE)

#: Asks what the previous answer's statement means or leads to, with nothing but a pronoun
#: for it ("Vad innebär det?", "What does that mean?"), perhaps for whom ("vad betyder det
#: för branschen då?", "what does that mean for the industry?"): "det" is that statement,
#: not the earlier question's subject.
_STATEMENT_QUESTION = re.compile(
    r"^\s*(?:och|men|and|but|so)?\s*(?:vad\s+(?:innebär|betyder|medför)|vilka\s+följder\s+får|"
    r"what\s+does|what\s+do)\s+(?:det|detta|that|this|it)(?:\s+(?:mean|imply|lead\s+to))?"
    r"(?:\s+(?:för|for)(?:\s+(?!(?:att|to|som|that|om|if)\b)[\w-]+){1,3}?)?"
    r"\s*(?:då|then)?\s*[?.!]*\s*$", re.IGNORECASE)

#: Asks whether the figure just given includes something, with nothing but a pronoun (or
#: nothing) for the figure: "räknas kringeffekter med?", "är kringeffekter inräknade i
#: det?", "inkluderar det kringeffekter?", "är det bara direkta jobb?", "does that include
#: spin-off effects?", "are spin-off effects included?", or only "inkl kringeffekter?". A
#: question that says in what ("ingår Torsta AB i Grönt Center?") is one of its own.
_THE_FIGURE = r"(?:det|den|detta|dem|siffran|den\s+siffran|det\s+talet|that|it|this|" \
              r"the\s+figure|that\s+figure|this\s+figure|the\s+number|that\s+number|" \
              r"this\s+number|them)"
_ITEMS = r"(?:(?!(?:i|in|för|for)\b)[\w-]+\s+)*?(?!(?:i|in|för|for)\b)[\w-]+"
_INCLUDED = re.compile(
    _AND_LEAD + r"(?:"
    rf"(?:är|var|blir)\s+{_ITEMS}\s+(?:inräknade?|medräknade?|inkluderade?)"
    rf"(?:\s+i\s+{_THE_FIGURE})?|"
    rf"(?:räknas|räknades|ingår|ingick|inkluderas)\s+{_ITEMS}(?:\s+med)?"
    rf"(?:\s+i\s+{_THE_FIGURE})?|"
    rf"(?:inkluderar|omfattar)\s+{_THE_FIGURE}\s+{_ITEMS}|"
    rf"(?:does|did|do)\s+{_THE_FIGURE}\s+(?:include|cover)\s+{_ITEMS}|"
    rf"(?:is|are|was|were)\s+{_ITEMS}\s+(?:included|counted)(?:\s+in\s+{_THE_FIGURE})?|"
    # only some of it: "är det bara direkta jobb?", "is that only direct jobs?"
    rf"(?:är|e|var|is|was)\s+{_THE_FIGURE}\s+(?:bara|endast|enbart|only|just)\s+{_ITEMS}|"
    # a fragment: "inkl kringeffekter?", "including spin-off effects?"
    rf"(?:inkl|inklusive|exkl|exklusive|incl|including|excluding)\.?\s+{_ITEMS})"
    r"\s*(?:då|then|too|also)?\s*[?.!]*\s*$", re.IGNORECASE)


#: Only asks why ("Varför?", "Varför då?", "Why is that?", "how come?", "varför så många?",
#: "why so high?", "why now?"): the reason for what the previous question asked about and its answer
#: told, not for its subject alone.
_BARE_WHY = re.compile(
    _AND_LEAD + r"(?:varför|hur\s+kommer\s+det\s+sig|why|how\s+come)"
    r"(?:\s+(?:is|was)\s+(?:that|it|this))?(?:\s+(?:så|so)\s+\w+)?"
    r"(?:[\s,]+(?:då|det|egentligen|nu|just\s+nu|then|so|really|now|right\s+now))*"
    r"\s*[?.!]*\s*$", re.IGNORECASE)


#: Asks what kind of thing the previous turn's matter is, with a formal "det" for it and
#: nothing after the kind ("vad är det för slags företag?", "vad var det för typ av
#: projekt då?"): the previous question, completed with the kind asked for.
_KIND_OF_IT = re.compile(
    _AND_LEAD + r"vad\s+(?:är|var|blir)\s+(?:det|de|dom)\s+för\s+(?:slags|sorts|typ\s+av|"
    r"sorters)\s+[\w-]+(?:\s+(?:då|egentligen|mest|främst|mestadels|oftast))?\s*[?.!]*\s*$",
    re.IGNORECASE)


#: A quantifier and a noun with a relative clause, without a frame ("any agency that got
#: extra positions?", "någon myndighet som fått fler tjänster?"): asks which of them there
#: is, as "which agency got …?" does.
_ANY_THAT = re.compile(
    _AND_LEAD + r"(?P<q>any|some|någon|något|några|nån|nåt)\s+"
    r"(?P<noun>(?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:that|which|who|som)\s+"
    r"(?P<rest>[^,;:?]+?)\s*[?.!]*\s*$", re.IGNORECASE)
#: The question word for each quantifier of _ANY_THAT.
_WHICH_FOR = {"any": "which", "some": "which", "någon": "vilken", "nån": "vilken",
              "något": "vilket", "nåt": "vilket", "några": "vilka"}


def _any_that(question: str) -> Resolution | None:
    """"any X that …?" as the question it is short for: "which X …?" (_ANY_THAT)."""
    m = _ANY_THAT.match(question)
    if m is None or not all(_is_content(w.group()) for w in _words(m.group("noun"))):
        return None
    which = _WHICH_FOR[m.group("q").lower()]
    rest = m.group("rest")
    if which != "which" and _SV_SUPINE.fullmatch(rest.split()[0]):
        rest = f"har {rest}"  # "som fått …" leaves out the "har" a main clause has
    return Resolution(f"{which} {m.group('noun')} {rest}?", True, "short")


#: "The other one" of two things the previous answer named: "And the other hub, where is
#: that one?", "och det andra stället?", "vad gör den andra?".
_OTHER = re.compile(r"\b(?:the\s+other|den\s+andra|det\s+andra|den\s+andre)\b",
                    re.IGNORECASE)


def _the_other(question: str, previous: Turn) -> Resolution | None:
    """A question about "the other" of what the previous answer named besides what the
    previous question asked about: that name, added to the question as asked."""
    if not previous.answer or not _OTHER.search(question):
        return None
    name = _new_proper_noun(previous.answer, previous.question, strict=True)
    if not name:
        asked = {w.group().lower() for w in _words(previous.question)}
        runs = [run[1:] if run[0].lower() in PREPOSITIONS and len(run) > 1 else run
                for run in _capitalised_runs(previous.answer)]
        name = next((" ".join(run) for run in runs if not any(w.lower() in asked for w in run)
                     and not all(w.lower() in _GENERIC_PLACES for w in run)), None)
    if not name:
        return None
    opener = _OPENER.match(question)
    rest = question[opener.end():] if opener else question
    dislocated = _DISLOCATED.match(rest.strip())
    if dislocated and _OTHER.search(dislocated.group("subject")):
        # "And the other hub, where is that one?": the question after the comma, about it
        rest = re.sub(r"\b(that|this)\s+one\b", r"\1", dislocated.group("rest"),
                      flags=re.IGNORECASE)  # "that one" is "that"
        resolved, changed = _replace_references(rest, name, True, within=True)
        if changed:
            resolved = resolved[:1].upper() + resolved[1:]
            return Resolution(f"{resolved.rstrip(' ?.!')}?", True, "reference")
    return Resolution(f"{question.rstrip(' ?.!')} ({name})?", True, "reference")


#: Judges or compares the figure the previous answer gave, with nothing but a pronoun for
#: it ("Är det mycket jämfört med riket?", "Is that high compared to Sweden?", "Hur mycket
#: är det upp från året innan?"): the previous question, with the comparison.
_JUDGES_THE_ANSWER = re.compile(
    _AND_LEAD + r"(?:(?:är|var|blir)\s+(?:det|den|detta)|"
    r"(?:is|was)\s+(?:that|it|this)|hur\s+mycket\s+(?:är|var)\s+(?:det|den|detta))\s+"
    r"(?:\w+\s+){0,2}?(?:jämfört\s+med|i\s+jämförelse\s+med|mot|från|än|compared\s+(?:to|with)|"
    r"than|from)\s+(?:\w+\s*){1,4}[?.!]*\s*$|"
    # without a comparison: "är det mycket?", "is that a lot?", "is that high for a county?"
    + _AND_LEAD + r"(?:(?:är|var)\s+(?:det|den|detta)|(?:is|was)\s+"
    r"(?:that|it|this))\s+(?:(?:ganska|väldigt|mycket|särskilt|very|quite|really|"
    r"particularly)\s+)?(?:mycket|lite|många|få|högt|lågt|stort|litet|normalt|bra|a\s+lot|"
    r"high|low|much|many|few|big|large|small|normal|good)(?:\s+(?:för|for)\s+(?:\w+\s*){1,3})?"
    r"\s*(?:då|then)?\s*[?.!]*\s*$", re.IGNORECASE)


#: Counts the figure the previous answer gave in other units, with nothing but a pronoun
#: for it ("and how many jobs is that?", "hur många årsarbeten blir det?"): the previous
#: question, with the unit asked for.
_COUNTS_THE_ANSWER = re.compile(
    _AND_LEAD + r"(?:how\s+(?:many|much)|hur\s+(?:många|mycket))\s+(?:[\w-]+\s+){1,2}?"
    r"(?:is|are|was|were|blir|blev|är|var)\s+(?:that|it|this|det|detta)"
    r"(?:\s+(?:då|then|totalt|in\s+total))?\s*[?.!]*\s*$", re.IGNORECASE)


def _asks_for_figure(question: str) -> bool:
    """Whether a question asks for an amount ("hur mycket omsätter …", "how many …",
    "what share …"): only then has its answer a figure a next turn may count again."""
    words = [m.group().lower() for m in _words(_completed_question(question))]
    return any(w in _COUNTING and w not in _NOT_COUNTED and w not in _TIME_WORDS
               for w in words[:4])


#: Counting words of time or age, not of an amount ("hur länge", "how old").
_TIME_WORDS = wordset("länge ofta gammal gammalt gamla long often old over up out off "
                      "down back")


#: A count or choice among what the previous turn counted or listed ("Hur många av dem är
#: kvinnor?", "how many of them were long-term unemployed?", "Vilket av dem har flest
#: företag?"): "dem" is the whole group the previous question was about (its frame's noun
#: with everything that narrowed it), not its last noun ("tillverkningsindustrin",
#: "December"), and what follows the pronoun is what the answer must tell about them.
_PARTITIVE = re.compile(
    _AND_LEAD + r"(?P<frame>(?:hur\s+(?:många|mycket|stor\s+(?:andel|del))|"
    r"vilken|vilket|vilka|how\s+(?:many|much)|what\s+(?:share|proportion|percentage)|"
    r"which(?:\s+one)?)\s+(?:av|of)\s+(?:dem|dom|dessa|them|those|these))\b"
    r"(?P<rest>[^,;]*?)\s*[?.!]*\s*$", re.IGNORECASE)
#: Superlatives and comparisons ("störst", "flest", "biggest", "most"): they choose among
#: the group, they do not name a part of it.
_COMPARISON = re.compile(r"(?:st|ast|aste|asta|ste|sta|est|most|more|mer|fler|större)$",
                         re.IGNORECASE)

#: A turn with at most this many content words and no frame of its own is too short to stand
#: alone after an earlier question ("turismen?", "i Åre?").
SHORT_CONTENT_WORDS = 1


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


_YEAR = re.compile(r"(?:1[89]|20)\d\d")
#: Words of the counting frame, never the subject.
_COUNTING = wordset(
    "länge ofta gammal gammalt gamla long often old over up out off down back "
    "många mycket mkt stor stort stora andel procent many much share percentage number "
    "people personer"
)
#: Swedish adjective endings, and English head nouns: the word before them belongs to the
#: same noun phrase ("privata sektorn", "tourism industry"); a verb before a noun does not.
_SV_ADJECTIVE = re.compile(r"(?:a|e|iga|iska|ella|ala|ade|ande)$", re.IGNORECASE)
_EN_HEADS = wordset(
    "industry industries sector sectors companies company firms business businesses group "
    "groups cluster clusters jobs employment agencies agency network networks centre center "
    "park region"
)
#: Articles that may stand between a preposition and its noun ("i den privata sektorn").
_ARTICLES = wordset("den det de en ett the a an")


_SV_VERB_ENDINGS = ("ar", "er", "ade", "te", "de", "ts", "it", "at", "as", "s")
#: Irregular English past forms, which the -ed test misses ("why has the service sector
#: grown"), nor are they the noun of a demonstrative ("has that led to anything?").
_EN_IRREGULAR_PAST = wordset(
    "grown grew risen rose fallen fell gone went become became made taken took given gave "
    "shown begun began brought built kept held led meant paid sold spent won")
_EN_VERBS = wordset(
    "work works worked employ employs generate generates turn turns do does did make makes "
    "have has had produce produces run runs exist exists offer offers provide provides live "
    "lives visit visits start started mention mentions say says focus focuses cost costs "
    "count counts counted doing done "
) | _EN_IRREGULAR_PAST


@lru_cache(maxsize=1)
def _sv_strong_finite() -> frozenset[str]:
    """The present and past forms of Swedish strong verbs ("kommer", "kom", "dök"), which
    the ending test cannot tell from nouns (data/strong_verbs_sv.txt)."""
    return frozenset(f for forms in load_verb_forms_sv().values() for f in forms[1:3])


@lru_cache(maxsize=1)
def _sv_strong_supines() -> tuple[str, ...]:
    """The supines of Swedish strong verbs ("burit", "dragit"), which a compound verb ends
    in ("inneburit", "bidragit")."""
    return tuple(s for s in _sv_all_strong_supines() if len(s) >= MIN_SUPINE)


#: A strong verb's supine this long at least ends a compound verb ("burit", not "satt").
MIN_SUPINE = 5


@lru_cache(maxsize=1)
def _sv_all_strong_supines() -> frozenset[str]:
    """Every supine of the Swedish strong verbs, the short ones too ("sett", "gått")."""
    return frozenset(forms[3] for forms in load_verb_forms_sv().values() if len(forms) > 3)


def _sv_strong_supine(word: str) -> bool:
    """Whether `word` is a strong verb's supine ("sett" of "hur har det sett ut"), or a
    compound verb ending in one."""
    w = word.lower()
    return w in _sv_all_strong_supines() or w.endswith(_sv_strong_supines())


def _verbish(word: str, lang: str) -> bool:
    """A verb form, roughly: what a question does with its subject, not the subject."""
    w = word.lower()
    if lang == "en":
        return w in _EN_VERBS or (w.endswith("ed") and len(w) > 4)
    if w in _sv_strong_finite() or _sv_strong_supine(w):
        return True  # "vilken ny trend kom i regionen": the trend, not "kom"; "vuxit"
    return w.endswith(_SV_VERB_ENDINGS) and not looks_like_noun(w, "sv") and not (
        w.endswith("s") and len(w) > 6  # a genitive ("Landsbygdskommitténs")
    ) and not w.endswith(("ande", "ende"))  # "betänkande", "boende"


#: Who asks ("berätta för mig", "tell me more"): never what a question is about.
_ASKERS = wordset("me us mig oss")
#: Indefinite places, things and quantities ("has it happened anywhere?", "several of the
#: employers"), or a total of them ("hur många anställda totalt?"): what a question asks to
#: be named, or how many, never its subject.
_INDEFINITES = wordset("anywhere somewhere everywhere anything something everything "
                       "nånstans någonstans överallt nånting någonting several flera "
                       "totalt sammanlagt sammantaget altogether overall")


def _is_content(word: str) -> bool:
    """A word that names what a question is about (not a frame, stop or reference word)."""
    w = word.lower()
    if w.isdigit():
        return _YEAR.fullmatch(w) is not None
    return (w not in STOPWORDS and w not in FRAME_WORDS and w not in INTERROGATIVES
            and w not in _ASKERS and w not in _INDEFINITES
            and w not in _STRONG_REFERENCES and w not in _DEMONSTRATIVES
            and w not in PREPOSITIONS and w not in _ARTICLES and w not in _COUNTING)


_QUESTION_WORDS = wordset("hur vad vem vilka vilken vilket när varför how what who which "
                          "when why where what's where's who's how's what’s where’s who’s how’s")


def _has_frame(words: list[str]) -> bool:
    """A question frame at the start ("hur många …", "is there …") or anywhere for the
    question words proper ("industrijobb i jämtland, ungefär hur många?")."""
    return any(w.lower() in INTERROGATIVES for w in words[:3]) or any(
        w.lower() in _QUESTION_WORDS for w in words)


#: "och"/"men" before a question of its own: "men samarbetar företagen där?".
_OPENER_AND = re.compile(r"^\s*(?:och|men|o)\s+\w", re.IGNORECASE)


def _verb_first(words: list[str]) -> bool:
    """Whether Swedish words are a yes/no question in verb-first order: a finite verb, then
    a definite noun as its subject ("samarbetar företagen där?", "finns klustret kvar?"):
    after "och"/"men" a question of its own, no ellipsis of the previous one."""
    return (len(words) >= 2 and _verbish(words[0], "sv") and not words[0].lower().endswith("s")
            and _SV_DEFINITE_NOUN.fullmatch(words[1]) is not None and _is_content(words[1]))


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---- the subject of a question -------------------------------------------------------------
@dataclass(frozen=True)
class _Span:
    start: int  # character offsets in the question
    end: int
    preposition: str  # the preposition the span starts with, "" if none

    def text(self, question: str) -> str:
        return question[self.start:self.end]


#: Copulas that begin a yes/no question whose subject comes before its predicate noun ("är
#: jord och skogsbruk en basnäring?", "is tourism a basic industry?").
_COPULAS = wordset("är var blir blev is are was were")
#: Indefinite articles that begin a predicate noun after a copula's subject.
_INDEFINITE = wordset("en ett a an")


def _copula_subject(ms: list[re.Match[str]]) -> _Span | None:
    """The subject of "är X en Y?"/"is X a Y?": everything between the copula and the
    predicate's indefinite article. The predicate ("en basnäring") says what the subject is
    claimed to be; it is not what the question is about, though it comes last."""
    if len(ms) < 3 or ms[0].group().lower() not in _COPULAS:
        return None
    at = next((k for k in range(2, len(ms)) if ms[k].group().lower() in _INDEFINITE), None)
    if at is None or not all(_is_content(m.group()) or m.group().lower() in _CLAUSE_JOINS
                             for m in ms[1:at]):
        return None
    if not _is_content(ms[1].group()) or not _is_content(ms[at - 1].group()):
        return None
    return _Span(ms[1].start(), ms[at - 1].end(), "")


#: English adverb endings ("directly", "mainly", "actually"); "-ily" and "-ply" end nouns
#: too ("family", "supply").
_EN_ADVERB = re.compile(r"\w{3,}(?:ally|ely|tly|nly|rly|sly|dly|lly|vly|wly|ghly)$",
                        re.IGNORECASE)


#: Swedish verb particles ("växte fram", "flyttats ut", "kom igång"): part of the verb.
_SV_PARTICLES = wordset("fram upp ut bort iväg ihop igång isär tillbaka loss kvar undan igen "
                        "förbi omkring vidare emot ner ned")
#: Swedish auxiliaries of the perfect: the supine after them is a verb ("har etour hållit
#: på", "hade det varit"), though many supines look like nouns.
_SV_PERFECT = wordset("har hade ha haft")
#: Endings of a Swedish supine ("hållit", "varit", "jobbat", "gått", "startats", "byggts").
_SV_SUPINE = re.compile(r"\w{2,}(?:it|at|tt|its|ats|ts)$", re.IGNORECASE)


def _sv_supine(ms: list[re.Match[str]], i: int, lang: str) -> bool:
    """A Swedish supine after a perfect auxiliary and its subject ("har etour hållit"):
    what was done, not what the question is about."""
    if lang != "sv" or i < 1 or not _SV_SUPINE.fullmatch(ms[i].group()):
        return False
    return any(ms[j].group().lower() in _SV_PERFECT for j in range(max(0, i - SUPINE_REACH), i))


#: How many words before a supine its perfect auxiliary may stand: "har utlokaliseringen av
#: myndigheter inneburit" (a subject of three words between).
SUPINE_REACH = 5
#: Adverbs of time that look like content words ("tidigare", "förut", "earlier").
_TIME_ADVERBS = wordset("tidigare förut innan hittills förr senare nyligen redan fortfarande "
                        "previously earlier before later recently already still")


#: Adverbs of manner, company, degree and focus that look like content words and may end
#: a question ("vad jobbar de med tillsammans", "what do they do together"): no noun
#: phrase, so nothing a pronoun could refer to.
#: (Focus adverbs that mark a turn without a subject, "främst", "mainly", are
#: _NO_REFERENTS: a reference points past that turn.)
_OTHER_ADVERBS = wordset("tillsammans gemensamt ihop själva själv särskilt annars dessutom "
                         "direkt snabbt alltid aldrig ofta sällan together jointly "
                         "especially always never often alone instead")


def _adverb(word: str, lang: str) -> bool:
    """An adverb ("directly", "tidigare", "tillsammans"): how or when something is done,
    never what a question is about."""
    w = word.lower()
    return w in _TIME_ADVERBS or w in _OTHER_ADVERBS or (
        lang == "en" and bool(_EN_ADVERB.fullmatch(word)))


#: Swedish verbs an infinitive follows, with the subject between in a question ("behöver
#: regionen rekrytera", "ska de bygga").
_SV_INFINITIVE_BEFORE = wordset("att vill ville ska skall skulle kan kunde måste brukar "
                                "brukade bör borde behöver behövde tänker planerar försöker")


def _sv_infinitive(ms: list[re.Match[str]], i: int, lang: str) -> bool:
    """A Swedish infinitive ("att bilda", "behöver regionen rekrytera"): what is done."""
    w = ms[i].group().lower()
    if lang != "sv" or not w.endswith("a") or w.endswith("na") or i == 0:
        return False
    return any(ms[j].group().lower() in _SV_INFINITIVE_BEFORE for j in range(max(0, i - 2), i))


#: Adjective endings of a predicate after a copula's subject ("dependent", "important",
#: "beroende", "viktig").
_PREDICATE_ADJECTIVE = re.compile(
    r"\w{3,}(?:ent|ant|ive|al|ful|ous|ble|ic|ary|igt?|isk|iskt|ande|ende|bart?|samt?)$",
    re.IGNORECASE)


def _copula_adjective_subject(ms: list[re.Match[str]]) -> _Span | None:
    """The subject of "is X [in the region] dependent on Y?"/"är X beroende av Y?": the noun
    phrase right after the copula, when an adjective predicate or a place follows it. The
    question is about X; Y only completes the predicate."""
    if len(ms) < 4 or ms[0].group().lower() not in _COPULAS:
        return None
    lang = detect_language(ms[0].string)
    k = 2 if ms[1].group().lower() in _ARTICLES else 1
    start = k
    while k < len(ms) and _is_content(ms[k].group()) and not _verbish(ms[k].group(), lang) and (
            not (k > start and _PREDICATE_ADJECTIVE.fullmatch(ms[k].group()))) and not (
            k > start and ms[start].group()[:1].isupper() and not ms[k].group()[:1].isupper()):
        k += 1  # a name ends at its first lower-case word ("Torsta AB part of …")
        if k + 1 < len(ms) and ms[k].group().lower() in _CLAUSE_JOINS and _is_content(
                ms[k + 1].group()) and not _PREDICATE_ADJECTIVE.fullmatch(ms[k + 1].group()):
            k += 1  # "jordbruk och skogsbruk": one subject of two nouns
    if k == start or k >= len(ms) - 1:
        return None
    nxt = ms[k].group()
    if not (nxt.lower() in PREPOSITIONS or _PREDICATE_ADJECTIVE.fullmatch(nxt)):
        return None
    if all(m.group().lower() in _GENERIC_PLACES or m.group()[:1].isupper()
           for m in ms[start:k]):
        return None  # "is Jämtland …", "är Torsta AB med i …": a name, left to the name rule
    return _Span(ms[1].start() if start == 2 else ms[start].start(), ms[k - 1].end(), "")


#: "Vad är X för nåt?", "vad är X för slags företag?": X is what the question is about.
_WHAT_IS_X_FOR = re.compile(
    r"^\s*(?:(?:och|men)\s+)?vad\s+(?:är|var)\s+(?!(?:det|den|de|dom|detta|dessa)\s)(?P<x>\w.*?)\s+för\s+(?:nåt|något|en\s+sak|"
    r"slags|sorts|typ|ett|en)\b", re.IGNORECASE)


#: "Vad har turismen för betydelse?", "vad spelar X för roll?": X is what the question is
#: about, the word after "för" what it asks of X.
_WHAT_HAS_X_FOR = re.compile(
    r"^\s*(?:(?:och|men)\s+)?vad\s+(?:har|hade|spelar|spelade|fyller|fyllde)\s+"
    r"(?!(?:det|den|de|dom|detta|dessa|man|vi|ni)\s)(?P<x>\w.*?)\s+för\s+\w+", re.IGNORECASE)


#: English verbs a gerund follows as their object ("start showing up", "keep growing").
_EN_CATENATIVES = wordset("start starts started begin began begins stop stops stopped keep "
                          "keeps kept continue continues continued finish finished")


def _en_gerund_after_verb(ms: list[re.Match[str]], i: int, lang: str,
                          end: int | None = None) -> bool:
    """An English "-ing" form right after a verb that takes one ("when did coworking spaces
    start showing up"), or the last word of a question with "do"-support ("What did the
    rural committee propose [in 2017]?", `end` being where its subject may end): what is
    done, not what the question is about."""
    if lang != "en" or i == 0:
        return False
    last = (len(ms) if end is None else end) - 1
    word = ms[i].group().lower()
    if i == last and i > 2 and any(m.group().lower() in _DO for m in ms[1:i - 1]) and not (
            word.endswith("s") and not word.endswith("ss")):
        return True  # (a plural, "… mean by green industries", is no verb after "do")
    return word.endswith("ing") and (
        ms[i - 1].group().lower() in _EN_CATENATIVES)


#: Adverbs of degree: the word after them is an adjective or adverb ("så exportberoende",
#: "so dependent"), a predicate, never what a question is about.
_DEGREE = wordset("så so too very alltför")


def _after_degree(ms: list[re.Match[str]], i: int) -> bool:
    """Whether the word at `i` follows an adverb of degree (_DEGREE)."""
    return i > 0 and ms[i - 1].group().lower() in _DEGREE


#: English "do"-support: the main verb comes last in "what did X propose?".
_DO = wordset("do does did")


#: English question words that are the subject themselves: the word after them is the verb
#: ("who coordinates tourism"), never a noun with the next one.
_EN_SUBJECT_WH = wordset("who whom")


def subject_span(question: str) -> _Span | None:
    """The phrase a question is about: the last content words with their preposition, not
    counting a trailing general place ("i länet", "in the county"); the subject of a
    copula's yes/no question (_copula_subject)."""
    ms = _words(question)
    copula = _copula_subject(ms) or _copula_adjective_subject(ms)
    if copula is not None:
        return copula
    what_kind = _WHAT_IS_X_FOR.match(question) or _WHAT_HAS_X_FOR.match(question)
    if what_kind and len(xs := what_kind.group("x").split()) > 1 and _SV_SUPINE.fullmatch(
            xs[-1]) and (_sv_strong_supine(xs[-1]) or not looks_like_noun(xs[-1], "sv")):
        what_kind = None  # "vad har utlokaliseringen inneburit för jämtland": what it meant
    if what_kind:  # "vad är peak innovation för nåt": all of what stands between
        return _Span(what_kind.start("x"), what_kind.end("x"), "")
    # Drop a trailing qualifier, then generic place and time phrases: "… i länet per år",
    # "… in the county".
    end = next((k for k, m in enumerate(ms) if k > 1 and (
        m.group().lower() in _QUALIFIERS or m.group().lower() in _COMPARED)), len(ms))
    while end > 0 and ms[end - 1].group().lower() in _GENERIC_TIMES:
        end -= 1
    if (end > 2 and _YEAR.fullmatch(ms[end - 1].group())
            and ms[end - 2].group().lower() in _YEAR_PREPOSITIONS
            and any(_is_content(m.group()) and not _YEAR.fullmatch(m.group())
                    for m in ms[:end - 2])):
        end -= 2  # "… turn over in 2019": when, not what the question is about
        if end > 2 and ms[end - 1].group().lower() in _YEAR_PARTICLES:
            end -= 1  # "fram till 2025"
    elif (end > 1 and _YEAR.fullmatch(ms[end - 1].group())
          and any(_is_content(m.group()) and not _YEAR.fullmatch(m.group())
                  and m.group().lower() not in _GENERIC_PLACES for m in ms[:end - 1])):
        end -= 1  # "… i industrin 2017", "… hade länet 2018": when, not what
    while end > 0:
        j = end - 1
        while j >= 0 and ms[j].group().lower() in _GENERIC_PLACES:
            j -= 1
        if j < end - 1 and j >= 0 and ms[j].group().lower() in PREPOSITIONS:
            end = j
            continue
        break
    content = [i for i in range(end) if _is_content(ms[i].group())]
    lang = detect_language(question)
    if lang == "sv" and len(ms) > 1 and ms[1].group().lower() in _SV_SUBJECT_PRONOUNS:
        # a yes/no question begins with its finite verb: "märks det i jämtland?"
        content = [i for i in content if i != 0]
    if not content:
        return None
    nouns = [i for i in content if not _verbish(ms[i].group(), lang)
             and not _adverb(ms[i].group(), lang) and not _after_degree(ms, i)
             and not _en_gerund_after_verb(ms, i, lang, end) and not _sv_supine(ms, i, lang)
             and not (lang == "sv" and ms[i].group().lower() in _SV_PARTICLES)
             and not _sv_infinitive(ms, i, lang)]
    # the home county inside the question ("the tourism industry in Jämtland turn over") is
    # where, as at its end, not what it is about
    nouns = [i for i in nouns if ms[i].group().lower() not in _GENERIC_PLACES] or nouns
    last = first = (nouns or content)[-1]
    # A two-word noun phrase ("privata sektorn", "tourism industry"), not across the frame.
    if first - 1 in content and first - 1 > 0:
        before, head = ms[first - 1].group(), ms[last].group().lower()
        swedish = lang == "sv"
        genitive = swedish and before.lower().endswith("s") and len(before) > 4
        if head in _EN_HEADS or (swedish and len(before) > 3 and (
                _SV_ADJECTIVE.search(before) or genitive)):
            first -= 1
        elif lang == "en" and first - 1 in nouns and last in nouns and before.islower() and (
                ms[last].group().islower()) and (
                ms[first - 2].group().lower() in (
                    _EN_AUXILIARIES | _COPULAS | _QUESTION_WORDS | _ARTICLES)) and (
                ms[first - 2].group().lower() not in _EN_SUBJECT_WH):
            first -= 1  # "did coworking spaces start", "which co-working hubs": whole
    # An English noun phrase after its article is whole: "the green industries cluster",
    # not "industries cluster" (nouns modify a head noun without any ending to show it).
    if lang == "en" and last - first >= 1:
        j = first - 1
        while j > 0 and _is_content(ms[j].group()) and not _verbish(ms[j].group(), lang):
            j -= 1
        if j < first - 1 and ms[j].group().lower() in _ARTICLES:
            first = j + 1
    # A name of several capitalised words ("Peak Innovation", "Grönt Center").
    while (first - 1 > 0 and ms[last].group()[:1].isupper()
           and ms[first - 1].group()[:1].isupper() and _is_content(ms[first - 1].group())):
        first -= 1
    if first - 1 >= 0 and ms[first - 1].group().lower() in _ARTICLES:
        first -= 1
    prep = ""
    if first - 1 >= 0 and ms[first - 1].group().lower() in PREPOSITIONS:
        first -= 1
        prep = ms[first].group()
    return _Span(ms[first].start(), ms[last].end(), prep)


#: Swedish subject pronouns, which a yes/no question puts right after its verb.
_SV_SUBJECT_PRONOUNS = wordset("det de dom den han hon vi ni man jag du")


#: Words a turn without a subject of its own leaves as its last "content" ("Since when?",
#: "And who comes second?"): ordinals and time adverbs, never what "it" refers to.
_NO_REFERENTS = wordset(
    "since first second third fourth fifth last next then före efter sedan första andra "
    "tredje fjärde femte sista nästa då främst mest huvudsakligen mainly mostly chiefly "
    "nåt något nån någon innan förut tidigare sätt vis way"
)


def _usable_referent(referent: str | None) -> str | None:
    """`referent` unless it is only a year or ordinal/time words: then the turn named no
    subject, and a reference points past it to the one before."""
    if referent is None:
        return None
    words = [m.group().lower() for m in _words(referent)]
    if all(_YEAR.fullmatch(w) or w in _NO_REFERENTS or w in _ARTICLES for w in words):
        return None
    return referent


def _referent(previous: Turn, earlier: Turn | None = None, number: str = "",
              topic: bool = False, place: bool = False) -> str | None:
    """What a reference in the next turn points to: a name the previous answer gave when the
    previous question asked for one, else the previous question's subject; the turn before
    it (`earlier`) when the previous question named none ("Since when?"). `number` is the
    reference's number ("sg" for "den"/"it", "pl" for "de"/"they", "" when it has none):
    a subject of the other number gives way to a noun of the previous question that agrees
    (_agreeing_referent). With `place`, the reference is "där"/"there"."""
    found = _usable_referent(_turn_referent(previous, number, topic, place))
    if found is None and earlier is not None:
        return _usable_referent(_turn_referent(earlier, number))
    if found is not None and earlier is not None and number == "pl" and _only_a_place(found):
        # "samarbetar dom nåt?" after "hur många av dom har flyttats hit från sthlm?": a
        # place is where, not who; who the turn before was about
        before = _usable_referent(_turn_referent(earlier, number))
        if before is not None and not _only_a_place(before):
            return before
    if found is not None and earlier is not None and _disagrees(found, number):
        # "när ska det vara på plats?" after "planerar myndigheterna nåt samarbete?" —
        # "hur har de samarbetat?": "det" is no "myndigheterna"; a noun of one turn before
        # that agrees is what it refers to
        before = _usable_referent(_turn_referent(earlier, number))
        if before is not None and not _disagrees(before, number):
            return before
    if found is not None and number == "pl" and previous.answer and _singular_common(
            found, previous.answer) and not _names_a_plural(previous.question):
        # "hur länge har dom hållit på?" after "bedrivs det forskning om turism?", answered
        # "… har Etour bedrivit …": "dom" is no "turism" but who the answer names (an
        # organisation is "de"/"they"), when the question has no plural noun for it
        name = _new_proper_noun(previous.answer, previous.question, strict=True)
        if name:
            return name
    return found


def _asks_for_several(question: str) -> bool:
    """Whether a question asks for several names ("vilka branscher riktar det sig till?",
    "which industries does it target?"): "det"/"it" in the next turn is not one of them
    but what that question itself was about."""
    words = [m.group().lower() for m in _words(question)]
    asked = [w.lower() for w in answer_type_words(question)]
    return bool(words) and (words[0] in _WHICH_PLURAL or (
        words[0] in ("which", "what") and any(_plural(w, "en") for w in asked)))


def _only_a_place(phrase: str) -> bool:
    """Whether a phrase is a place's name and nothing else ("sthlm", "Åre kommun")."""
    words = [ABBREVIATIONS.get(m.group().lower(), m.group().lower()) for m in _words(phrase)]
    named = {w.lower() for names in places_named(with_place_names(" ".join(words)))
             for n in names for w in n.split()}
    return bool(words) and all(w in named or w in _GENERIC_PLACES or w in _PLACE_KIND_WORDS
                               for w in words)


def _said_as_place(name: str, text: str) -> bool:
    """Whether `text` names `name` after a preposition of place ("I Ås i Krokoms kommun")."""
    return re.search(rf"\b(?:i|in|på|vid|at)\s+{re.escape(name)}\b", text,
                     re.IGNORECASE) is not None


def _asked_thing(question: str) -> str | None:
    """A question's subject when it is something other than a place ("vilka sitter i
    grönt center": "grönt center"); else None."""
    span = subject_span(question)
    if span is None:
        return None
    text = span.text(question)
    if span.preposition:
        text = text[len(span.preposition):].strip()
    if not any(_is_content(m.group()) for m in _words(text)) or _only_a_place(text):
        return None
    return text


#: Words of a place's kind that go with its name ("Åre kommun", "Jämtlands län").
_PLACE_KIND_WORDS = wordset("kommun kommune län municipality county")


#: A Swedish definite plural noun ("arbetsgivarna", "myndigheterna").
_SV_DEFINITE_PLURAL = re.compile(r"\w{3,}(?:arna|erna|orna)$", re.IGNORECASE)


def _plural_before(question: str, referent: str) -> bool:
    """Whether a question names a definite plural noun before the singular `referent` it
    replaced a reference with: "de" in the next turn is those ("vilka är de största
    arbetsgivarna inom tjänstesektorn" — "vad samarbetar de kring?": the employers)."""
    words = referent.split()
    at = question.lower().find(referent.lower())
    if not words or at < 0 or _plural(words[-1], detect_language(question)):
        return False
    return any(_SV_DEFINITE_PLURAL.fullmatch(m.group()) and _is_content(m.group())
               for m in _words(question[:at]))


def _singular_common(referent: str, answer: str) -> bool:
    """Whether a referent is a common noun in the singular ("turism", "the cluster"): no
    name, also none typed in lower case that the answer writes as one ("etour"), so no
    plural pronoun refers to it."""
    words = referent.split()
    if not words or any(w[:1].isupper() for w in words):
        return False
    if re.search(rf"\b{re.escape(words[0][:1].upper() + words[0][1:])}\b", answer):
        return False
    return not _plural(words[-1], detect_language(referent))


def _names_a_plural(question: str) -> bool:
    """Whether a question has a plural noun ("What kind of companies …", "hur många
    företag …"), which a plural pronoun after it may refer to."""
    lang = detect_language(question)
    return any(m.group().lower() in _PLURAL_DETERMINERS or (
        _is_content(m.group()) and not _verbish(m.group(), lang)
        and _plural(m.group(), lang)) for m in _words(question))


#: Words before a plural noun, also one with no plural ending ("hur många företag",
#: "vilka företag", "many agencies").
_PLURAL_DETERMINERS = wordset("många flera vilka alla dessa many several these those")


def _disagrees(referent: str, number: str) -> bool:
    """Whether a common noun referent is plural ("myndigheterna", "companies") where the
    reference is singular ("det", "it"); a name may be either ("de" for an organisation)."""
    words = referent.split()
    if number != "sg" or not words or any(w[:1].isupper() for w in words):
        return False
    return _plural(words[-1], detect_language(referent))


#: Asks whether there is something ("finns det nåt kluster för …?", "is there a cluster
#: for them?"): the answer names it, and the next turn's "det"/"it" is that.
_ASKS_IF_THERE_IS = re.compile(
    _AND_LEAD + r"(?:(?:finns|fanns)\s+det\s+(?:nåt|något|nån|någon|"
    r"några|ett|en)|(?:is|are|was|were)\s+there\s+(?:a|an|any|some))\s+\w", re.IGNORECASE)


#: Asks what kind of thing something is or has ("What kind of companies dominate the
#: cluster?", "vilka typer av företag präglar klustret?"): the answer names a kind
#: ("SME-företag"), not a thing a later "it"/"det" could be; that is the question's subject.
_ASKS_FOR_KIND = re.compile(
    r"\b(?:(?:what|which)\s+(?:kinds?|types?|sorts?)\s+of|"
    r"vilk(?:a|en|et)\s+(?:typ|typer|sort|sorter|sorts|slags)|"
    r"för\s+(?:slags|sorts|en\s+typ|typ)\b)", re.IGNORECASE)


#: Asks in English who does something ("who coordinates the tourism cluster?"): the answer
#: names who; "it" after a preposition in the next turn is the thing the question was
#: about ("is there any research on it?"), while "does it work with" is who does it.
#: (Swedish "den" is an organisation anywhere.)
_ASKS_WHO = re.compile(r"^\s*(?:(?:and|but)\s+)?who\b", re.IGNORECASE)


#: A question our own resolution completed with what it is about: "Till hur många företag
#: (Hur mycket gav regionen i företagsstöd 2018)?".
_COMPLETED = re.compile(r"^(?P<asked>.*?)\s*\((?P<context>[^()]+)\)\s*\?$")


def _is_question(text: str) -> bool:
    """Whether `text` begins as a question does ("Hur många …", "What share …")."""
    ms = _words(text)
    return bool(ms) and ms[0].group().lower() in INTERROGATIVES


def _drop_general_place(phrase: str) -> str:
    """`phrase` without a trailing general place or time ("… i länet", "… in the county")
    and end punctuation."""
    ms = _words(phrase)
    end = len(ms)
    while end > 0:
        j = end - 1
        while j >= 0 and (ms[j].group().lower() in _GENERIC_PLACES
                          or ms[j].group().lower() in _GENERIC_TIMES):
            j -= 1
        if j < end - 1 and j >= 0 and ms[j].group().lower() in PREPOSITIONS:
            end = j
            continue
        break
    return phrase[:ms[end - 1].end()].strip() if end > 0 else ""


def _completed_question(question: str) -> str:
    """The question a fragment or a comparison was completed with ("Till hur många företag
    (Hur mycket gav regionen …)?" → "Hur mycket gav regionen …?"), else `question`: an
    ellipsis after it replaces a part of that question."""
    completed = _COMPLETED.match(question)
    if completed and _is_question(completed.group("context")):
        return completed.group("context").strip() + "?"
    return question


def _group_context(question: str) -> tuple[str, str]:
    """A question our resolution completed with a group or subject in parentheses ("How
    many of those in Åre (skier days were recorded …)?", "Hur stor andel står Åre för
    (gästnätter)?") as the question asked and that context; else (`question`, "")."""
    completed = _COMPLETED.match(question)
    if completed and not _is_question(completed.group("context")) and _is_question(
            completed.group("asked")):
        return completed.group("asked").strip() + "?", completed.group("context").strip()
    return question, ""


#: Prepositions of where something is ("i Åre", "in Östersund").
_PLACE_PREPOSITIONS = wordset("i på in at")


#: Prepositions before what is talked about ("research on it").
_TOPIC_PREPOSITIONS = PREPOSITIONS | wordset("on upon regarding concerning")


def _after_preposition(words: list[str], k: int | None) -> bool:
    """Whether the word at `k` is the object of a preposition ("research on it")."""
    return k is not None and k > 0 and words[k - 1].lower() in _TOPIC_PREPOSITIONS


#: A word the question asks about as a word: "the word cluster", "begreppet kluster".
_TERM = re.compile(r"\b(?:the\s+(?:word|term|concept)|ordet|begreppet|termen)\s+"
                   r"[\"'”“]?([^\W\d_][\w-]*)", re.IGNORECASE)


def _turn_referent(previous: Turn, number: str = "", topic: bool = False,
                   place: bool = False) -> str | None:
    """What one turn gives a reference to point to (see _referent). With `topic`, the
    reference is a preposition's object ("research on it"), what is talked about; with
    `place`, it is "där"/"there"."""
    completed = _COMPLETED.match(previous.question)
    if completed and _is_question(completed.group("context")):
        own = _usable_referent(_turn_referent(Turn(completed.group("asked") + "?",
                                                   previous.answer), number))
        if own is not None:
            return own
        return _turn_referent(Turn(completed.group("context") + "?", previous.answer), number)
    if completed and _STATEMENT_QUESTION.match(completed.group("asked") + "?"):
        return None  # "vad innebär det (the answer's sentence)?" names no subject of its own
    if previous.answer and not _ASKS_FOR_KIND.search(previous.question) and not (
            topic and number == "sg" and _ASKS_WHO.match(previous.question)) and not (
            number == "sg" and previous.referent and _asks_for_several(previous.question)
    ) and (
            _ASKS_FOR_NAME.search(previous.question) or answer_type_words(previous.question)):
        name = _appositive_name(previous.answer, previous.question) or _new_proper_noun(
            previous.answer, previous.question) or _answer_subject(previous.answer)
        asked = _asked_thing(previous.question) if number and not place else None
        if name and asked and (_only_a_place(name) or _said_as_place(name, previous.answer)):
            # a pronoun after "vilka sitter i grönt center" → "I Ås … finns Grönt
            # Center": the place the answer names is where, not who; the thing asked is
            return asked
        if name:
            return name
    elif previous.answer and _ASKS_IF_THERE_IS.match(previous.question):
        # only a name the answer says there is ("… finns Grönt Center, ett kluster"), not
        # one after a preposition ("samordnat av Jämtland Härjedalen Turism")
        name = _new_proper_noun(previous.answer, previous.question, strict=True)
        if name:
            return name
    there_is = _ASKS_IF_THERE_IS.match(previous.question)
    if there_is and number != "pl":
        # what the question asked to exist, with what it is for ("nåt kluster för jord och
        # skogsbruk"), not the last noun of its complement
        thing = _drop_general_place(previous.question[there_is.end() - 1:])
        if thing and any(_is_content(m.group()) for m in _words(thing)):
            return thing
    if previous.referent and not _disagrees(previous.referent, number) and not (
            number == "pl" and _plural_before(previous.question, previous.referent)) and not (
            place and not _there_can_mean(previous.referent)):
        # a pronoun that referred to something keeps referring to it in the next turn
        # ("vad är peak innovation för nåt" — "vad jobbar de med?" — "hur många
        # medlemsföretag har de?")
        return previous.referent
    term = _TERM.search(previous.question)
    if term and number:
        return term.group(1)  # "are they close together?" after "… define the word cluster?"
    # a pronoun's subject; "där"/"there" (no number) is the place, left to the rules below
    inverted = (_sv_inverted_subject(previous.question) or _en_inverted_subject(
        previous.question)) if number else None
    if inverted is not None and not _disagrees(inverted, number):
        return _agreeing_referent(previous.question, inverted, number)
    if place and not places_named(with_place_names(previous.question)) and not (
            _PLACE_PHRASE.search(previous.question)):
        # "där" after "industrin omsättning per år": the sector, where people work, not
        # the figure asked of it
        sectors = [m.group() for m in _words(previous.question)
                   if _is_content(m.group()) and _names_sector(m.group())]
        if len(sectors) == 1:
            return sectors[0]
    name = _name_in(previous.question)
    span = subject_span(previous.question)
    if not number and not topic and (span is None or span.text(
            previous.question).split()[0].lower() in _INDEFINITE or (
            place and not _there_can_mean(span.text(previous.question)))):
        # "där"/"there" is a place, or a thing the question names as known ("Peak
        # Innovation"): the place it names, the county too ("företagen där" after "varför
        # är klusterbyggande en utmaning i Jämtland?", "do companies there collaborate?"
        # after "why is building clusters hard in Jämtland?"), not something it calls
        # "en"/"a" or a common word
        places = list(_PLACE_PHRASE.finditer(previous.question))
        if places:
            return places[-1].group().split(maxsplit=1)[1]
        if place and span is not None and _ends_in_agents(span.text(previous.question)):
            # those who act ("länets största privata arbetsgivare") are no place; the place
            # they belong to is
            owner = _PLACE_GENITIVE.search(previous.question)
            return owner.group(1) if owner else None
    if span is None:
        return name
    text = span.text(previous.question)
    if span.preposition:
        text = text[len(span.preposition):].strip()
        text = _subject_after_verb(previous.question, span.start) or text
    if number == "sg" and previous.answer and _last_of_named_pair(
            previous.question, span.start, previous.answer):
        # "var ligger det?" after "vad jobbar lrf jämtland och torsta med tillsammans?":
        # two named parties are "de", never "det"; what the answer says they have
        # ("… finns Grönt Center, ett kluster …"), or nothing
        return _new_proper_noun(previous.answer, previous.question, strict=True)
    if name and name not in text:  # the name, not a word after it ("… Storsjöyran attract")
        return name
    if number == "pl" and name and span.preposition.lower() in _PLACES_AND_ORIGINS and (
            text == name):
        # "de" after "Hur många företag finns i Åre?" are the companies in Åre, not Åre
        counted = _counted_noun(previous.question)
        if counted:
            return f"{counted} {span.preposition} {name}"
    if number == "pl" and span.preposition.lower() in _PLACES_AND_ORIGINS and (
            text == name or _all_places(text)):
        # a place is one thing: "their"/"de" after "how many work in manufacturing in Åre"
        # is what the question is about before the place, when it names something
        before = subject_span(previous.question[:span.start])
        if before is not None:
            own = before.text(previous.question)
            own = own[len(before.preposition):].strip() if before.preposition else own
            if own and not _all_places(own):
                if len(text.split()) > 1 and not _all_places(text):
                    # a name of words that is no place ("vilka organisationer samarbetar i
                    # Grönt Center?"): those it counts there ("organisationer i Grönt
                    # Center"); a one-word name is a place more often than not ("Dalarna")
                    own = f"{own} {span.preposition} {text}"
                return _agreeing_referent(previous.question, own, number)
    return _agreeing_referent(previous.question, text or name, number)


#: The endings of Swedish definite nouns: "klustret", "industrin", "sektorn", "turismen".
_DEFINITE_NOUN_END = re.compile(r"(?:en|et|na|ena|[aeiouyåäö]n|[aeiouyåäö]rn)$", re.IGNORECASE)


def _known_thing(phrase: str) -> bool:
    """Whether a phrase names a thing as known, which "där"/"there" may stand for: a name
    ("Peak Innovation") or a definite noun ("tillverkningsindustrin", "the industry"); not
    a word the question says of its subject ("why is building clusters hard in …")."""
    words = phrase.split()
    if detect_language(phrase) == "en" and not (len(words) == 1 and not _EN_PLURAL.match(
            words[0])):
        return True  # English marks no definite noun: only a lone word may be no thing
    return bool(words) and (any(w[:1].isupper() for w in words) or words[0].lower() == "the"
                            or (len(words[-1]) >= _MIN_DEFINITE_NOUN
                                and bool(_DEFINITE_NOUN_END.search(words[-1]))))


#: A place as an owner: "länets största arbetsgivare", "regionens företag".
_PLACE_GENITIVE = re.compile(r"\b(länet|regionen|landet|kommunen)s\b", re.IGNORECASE)


def _there_can_mean(phrase: str) -> bool:
    """Whether "där"/"there" may stand for a phrase: a thing named as known (_known_thing),
    but not those who act, in the plural, who are who, not where ("why is the service
    sector strong there?" after "do the service companies in the county work together?"
    is about the county)."""
    if _ends_in_agents(phrase) and not any(w[:1].isupper() for w in phrase.split()):
        return False
    return _known_thing(phrase)


def _ends_in_agents(phrase: str) -> bool:
    """Whether a phrase ends in those who act, in the plural (_AGENTS_IN_PLURAL: "länets
    största privata arbetsgivare", "the service companies")."""
    words = phrase.split()
    return bool(words) and words[-1].lower() in _AGENTS_IN_PLURAL


#: Plural nouns for those who act, which "där"/"there" does not stand for (the places
#: they are in, "co-working places", it may).
_AGENTS_IN_PLURAL = wordset(
    "companies firms businesses enterprises employers workers employees entrepreneurs people "
    "organisations organizations agencies authorities företagen arbetsgivarna myndigheterna "
    "organisationerna företagarna entreprenörerna arbetsgivare myndigheter organisationer "
    "företagare entreprenörer aktörer aktörerna")


def _last_of_named_pair(question: str, start: int, answer: str) -> bool:
    """Whether the phrase at `start` is the last of names joined by "och"/"and" ("lrf
    jämtland och torsta", names as the answer writes them): together they are plural."""
    before = _words(question[:start])
    if len(before) < 2 or before[-1].group().lower() not in _CLAUSE_JOINS:
        return False
    first, last = before[-2].group(), _words(question[start:])
    return bool(last) and _is_name(first, answer) and _is_name(last[0].group(), answer)


#: Prepositions of where something is or comes from ("i Åre", "from Östersund").
_PLACES_AND_ORIGINS = _PLACE_PREPOSITIONS | wordset("från from utanför outside vid")


def _all_places(text: str) -> bool:
    """Whether `text` is only the home county or general places ("Jämtland", "länet")."""
    words = [m.group().lower() for m in _words(text)]
    return bool(words) and all(w in _GENERIC_PLACES or w in _ARTICLES for w in words)


def _sv_inverted_subject(question: str) -> str | None:
    """The subject of a Swedish question in its place right after the finite verb ("när
    startade klustret upp sin verksamhet?", "hur länge har universitetet forskat om skog?",
    "har statliga jobb flyttats ut?"): what a pronoun in the next turn refers to, rather
    than the last noun of an object or adverbial ("sin verksamhet", "om skog"). The verb is
    the first word of a yes/no question, or the word after a question word that is no
    subject or object itself ("när", "hur länge"; "hur många företag" with its noun).
    After "vad"/"vem"/"vilka" the noun after the verb may be the object ("vad kännetecknar
    företagen"), so those are left to the last noun, as is a question with no noun phrase
    after its verb ("hur många jobbar i industrin"), a copula or a pronoun subject."""
    ms = _words(question)
    if detect_language(question) != "sv" or len(ms) < 3:
        return None
    first = ms[0].group().lower()
    if first in _SV_ADVERBIAL_QUESTION_WORDS - _WHAT_FRAMES:
        verb = 1
        while verb < len(ms) and ms[verb].group().lower() in _COUNTING:
            verb += 1
        if verb > 1 and ms[verb - 1].group().lower() in _COUNT_FRAMES:
            while verb < len(ms) and _is_content(ms[verb].group()) and not _verbish(
                    ms[verb].group(), "sv") and ms[verb].group().lower() not in (
                    _SV_SHORT_VERBS | _SV_AUXILIARIES):
                verb += 1  # the noun counted: "hur många företag"
            if verb >= len(ms) or not (_verbish(ms[verb].group(), "sv") or ms[
                    verb].group().lower() in _SV_SHORT_VERBS | _SV_AUXILIARIES):
                return None  # no verb known after it: "hur många resmål ingår i …"
        elif verb == 1 and first == "hur" or verb >= len(ms) or not _finite_verb_place(
                ms[verb].group()):
            return None  # "hur stor …": no verb in its place
    elif _verbish(first, "sv") or first in _SV_AUXILIARIES or first in _SV_SHORT_VERBS:
        verb = 0
    else:
        return None
    if verb >= len(ms) - 1 or ms[verb].group().lower() in _COPULAS | _EXISTENTIAL_VERBS:
        return None
    start = verb + 1
    if ms[start].group().lower() in _ARTICLES and _article_at(ms, start):
        start += 1  # "när startade den nya skolan …"
    run: list[re.Match[str]] = []
    for k in range(start, len(ms)):
        w = ms[k].group()
        if run and run[0].group()[:1].isupper() and w[:1].isupper():
            run.append(ms[k])  # a name goes on while capitalised ("House Be")
            continue
        if not _is_content(w) or _verbish(w, "sv") or _sv_supine(ms, k, "sv") or (
                w.lower() in _SV_PARTICLES or _adverb(w, "sv") or _YEAR.fullmatch(w)
                or w.lower() in _GENERIC_TIMES or w.lower() in _SV_SHORT_VERBS
                or w.lower() in _QUALIFIERS or w.lower() in _QUANTIFIERS):
            break
        if run and w.islower() and _SV_DEFINITE_NOUN.fullmatch(w) and not _SV_ADJECTIVE.search(
                run[-1].group()):
            break  # a second definite noun begins another phrase ("iuc-z företagen")
        run.append(ms[k])
        if w.islower() and _SV_DEFINITE_NOUN.fullmatch(w) and not _SV_ADJECTIVE.search(w):
            break  # a definite noun ends its phrase ("när tog distansarbetet fart")
    after = ms[start + len(run)].group().lower() if start + len(run) < len(ms) else ""
    if not run or after in _KIND_OF or all(
            m.group().lower() in _GENERIC_PLACES for m in run):
        return None  # "den typen av arbetsplatser": of what kind, left to the last noun
    return question[run[0].start():run[-1].end()]


#: English auxiliaries a question's subject follows ("when did coworking take off", "how
#: long has the institute been doing research").
_EN_INVERTING = wordset("did does do will can could would has have had")


def _en_inverted_subject(question: str) -> str | None:
    """The subject of an English question between its auxiliary and main verb ("when did
    coworking take off?", "how long has the institute been doing research on forestry?",
    "what did the committee propose in 2017?"): what a pronoun in the next turn refers to,
    not the last noun of an object or adverbial. After "do"-support a main verb must follow
    the subject, so the last word of the run is that verb when no known verb ended it.
    Copulas are left to the rules of the subject span."""
    ms = _words(question)
    if detect_language(question) != "en" or len(ms) < 3 or (
            ms[0].group().lower() not in _QUESTION_WORDS):
        return None
    aux = next((k for k in range(1, min(len(ms), 5)) if ms[k].group().lower() in _EN_INVERTING),
               None)
    if aux is None or not all(_is_content(m.group()) or m.group().lower() in _COUNTING
                              or m.group().lower() in _QUESTION_WORDS for m in ms[1:aux]):
        return None
    start = aux + 1
    if start < len(ms) and ms[start].group().lower() in _ARTICLES:
        start += 1
    run: list[re.Match[str]] = []
    for k in range(start, len(ms)):
        w = ms[k].group()
        if w.lower() in _EN_VERBS or w.lower() in _BE or (run and w.lower().endswith((
                "ing", "ed"))):
            break  # the main verb ("been", "start showing"); first, a noun ("coworking")
        if not _is_content(w) or _adverb(w, "en") or _YEAR.fullmatch(w) or (
                w.lower() in _GENERIC_TIMES or w.lower() in _QUALIFIERS):
            break
        run.append(ms[k])
    rest = ms[start + len(run):]
    if ms[aux].group().lower() in _DO and len(run) > 1 and (
            not rest or rest[0].group().lower() in PREPOSITIONS | _COUNTING) and not any(
            _is_content(m.group()) and m.group().lower() not in _GENERIC_PLACES
            and m.group().lower() not in _GENERIC_TIMES and not _YEAR.fullmatch(m.group())
            for m in rest):
        run = run[:-1]  # "did the committee propose [in 2017]": the main verb
    if not run or all(m.group().lower() in _GENERIC_PLACES for m in run):
        return None
    first = ms[start - 1] if start > aux + 1 else run[0]
    return question[first.start():run[-1].end()]


#: Swedish plural endings: indefinite "kunder", "näringar", "skolor"; definite "kunderna",
#: "företagen" is ambiguous and left out.
_SV_PLURAL = re.compile(r"\w{3,}(?:er|ar|or|erna|arna|orna|na)$", re.IGNORECASE)
_EN_PLURAL = re.compile(r"\w{3,}[^s'’]s$", re.IGNORECASE)
#: Latin loans whose singular ends like a plural: "sektor", "faktor", "professor".
_SV_SINGULAR_OR = re.compile(r"\w*(?:ktor|ssor)$", re.IGNORECASE)
#: A genitive before its noun: "industrins kunder", "the manufacturing industry's customers".
_SV_GENITIVE_BEFORE = re.compile(r"^(?P<owner>\w{4,}(?:en|et|n))s\s+(?P<noun>\w+)$",
                                 re.IGNORECASE)
_EN_GENITIVE_BEFORE = re.compile(r"^(?P<owner>(?:the\s+)?[\w\s-]+?)['’]s\s+(?P<noun>\w+)$",
                                 re.IGNORECASE)
#: Words after "hur många"/"how many" that are no counted noun.
_NOT_COUNTED = wordset("people personer folk")


def _plural(word: str, lang: str) -> bool:
    if lang == "en":
        return bool(_EN_PLURAL.fullmatch(word)) and not word.lower().endswith(("ss", "us"))
    return bool(_SV_PLURAL.fullmatch(word)) and not _SV_SINGULAR_OR.fullmatch(word) and (
        not _verbish(word, lang))


#: Question words that ask for several of a noun after them ("vilka arbetsgivare").
_WHICH_PLURAL = wordset("vilka")


def _counted_noun(question: str) -> str | None:
    """The noun a count asks for ("Hur många gasellföretag fanns det …" → "gasellföretag",
    "how many state agencies …" → "state agencies"), or a question for several of them
    ("vilka stora privata arbetsgivare finns …"): what "de"/"they" then refers to."""
    ms = _words(question)
    lang = detect_language(question)
    at = next((k + 2 for k in range(len(ms) - 1)
               if ms[k].group().lower() in ("hur", "how")
               and ms[k + 1].group().lower() in ("många", "many")), None)
    if at is None and len(ms) > 2 and ms[0].group().lower() in _WHICH_PLURAL and (
            ms[1].group().lower() in _COPULAS):
        # "vilka är de stora privata arbetsgivarna inom …": the noun phrase the copula asks
        # to be named, not the place or sector after it
        start = 3 if ms[2].group().lower() in _ARTICLES else 2
        run = []
        for m in ms[start:]:
            if not (_is_content(m.group()) or m.group().lower() in _COUNTING) or _verbish(
                    m.group(), lang):
                break
            run.append(m)
        while run and not _is_content(run[-1].group()):
            run.pop()  # ends in its noun, not in "stora"
        return question[run[0].start():run[-1].end()] if run else None
    if at is None and ms and ms[0].group().lower() in _WHICH_PLURAL:
        # "vilka stora privata arbetsgivare finns …": the ones asked to exist, when they are
        # the subject of "finns"/"är" (in "vilka tjänster ger IUC-Z" "de" is IUC-Z)
        verb = next((k for k in range(1, len(ms)) if not _is_content(ms[k].group())
                     and ms[k].group().lower() not in _COUNTING), None)
        if verb is None or verb == 1 or ms[verb].group().lower() not in _EXISTENTIAL_VERBS:
            return None
        return question[ms[1].start():ms[verb - 1].end()]
    if at is None:
        return None
    run = []
    for m in ms[at:]:
        w = m.group()
        if not _is_content(w) or _verbish(w, lang) or w.lower() in _NOT_COUNTED or (
                w.lower() in _SV_SHORT_VERBS or w.lower() in _SV_AUXILIARIES
                or w.lower() in _COPULAS or _YEAR.fullmatch(w)):
            break
        run.append(m)
        if lang == "en" and _plural(w, lang):
            break  # "how many companies export goods": the noun ends at its plural
    if not run:
        return None
    return question[run[0].start():run[-1].end()]


def _owner_before(question: str, text: str) -> str | None:
    """The English owner right before `text` in `question`: "the manufacturing industry"
    of "the manufacturing industry's customers"."""
    ms = _words(question)
    at = next((k for k, m in enumerate(ms) if m.start() == question.find(text)), None)
    if at is None or at == 0 or not re.search(r"['’]s$", ms[at - 1].group()):
        return None
    first = at - 1
    while first > 0 and _is_content(ms[first - 1].group()) and not _verbish(
            ms[first - 1].group(), "en"):
        first -= 1
    if first > 0 and ms[first - 1].group().lower() == "the":
        first -= 1
    return re.sub(r"['’]s$", "", question[ms[first].start():ms[at - 1].end()])


def _agreeing_referent(question: str, text: str | None, number: str) -> str | None:
    """`text`, the previous subject, or a noun of the previous question that agrees in number
    with the reference: "den" after "hur stor andel av industrins kunder …" is the industry,
    not its customers; "de" after "hur många myndighetsanställda finns det i länet" are the
    employees a count asked for."""
    if not text or not number or any(
            w[:1].isupper() and w.lower() not in _GENERIC_PLACES for w in text.split()):
        return text  # a name: "de" may be an organisation

    lang = detect_language(question)
    words = [m.group() for m in _words(text)]
    if not words:
        return text
    head = words[-1]
    if number == "sg" and _plural(head, lang):
        genitive = (_EN_GENITIVE_BEFORE if lang == "en" else _SV_GENITIVE_BEFORE).match(text)
        if genitive:
            return genitive.group("owner")
        owner = _owner_before(question, text) if lang == "en" else None
        if owner:
            return owner
        of = re.search(rf"\b(\w{{{_MIN_DEFINITE_NOUN},}}(?:en|et))\s+av\s+{re.escape(text)}\b",
                       question, re.IGNORECASE) if lang == "sv" else None
        if of and not _verbish(of.group(1), lang):
            # "den" after "… utlokaliseringen av myndigheter …" is the relocation
            return question[of.start():of.end()]
    if number == "pl":
        # "de" after a count are what was counted ("How many companies export goods?" —
        # "how much do they export?"), unless the subject is plural and counted nothing
        counted = _counted_noun(question)
        if counted and counted != text and (not _plural(head, lang) or counted.endswith(
                tuple(w for w in ("s", "er", "ar", "or", "na")))):
            return counted
        if not counted and not _plural(head, lang):
            # "dom" after "Vad planerar myndigheterna … när det gäller samarbete?" are the
            # agencies, the question's plural noun, not its singular subject
            plural = _plural_noun(question, lang)
            if plural:
                return plural
    return text


def _plural_noun(question: str, lang: str) -> str | None:
    """The one plural noun of a question that is not what it asks for (not the "which"
    noun), or None when it has none or several."""
    asked_for = {w.lower() for w in answer_type_words(question)}
    nouns = [w for m in _words(question) if _is_content(w := m.group())
             and w.lower() not in asked_for and not _verbish(w, lang)
             and not w[:1].isupper() and w.lower() not in _GENERIC_PLACES
             and (_SV_DEFINITE_PLURAL.fullmatch(w) if lang == "sv"
                  else w.lower().endswith("s") and _plural(w, lang))]
    return nouns[0] if len(nouns) == 1 else None


#: Short Swedish finite verbs that the verb endings miss ("ger", "gör", "tar").
_SV_SHORT_VERBS = wordset("ger gav gör gjorde får fick tar tog går gick ser såg står stod "
                          "når nådde")


def _subject_after_verb(question: str, phrase_at: int) -> str | None:
    """The Swedish subject between a question's finite verb and the preposition that ends it
    ("vilka tjänster ger iuc-z group till företagen" → "iuc-z group"): a pronoun in the next
    turn ("vilken bransch riktar de sig till?") refers to who does something, not to the
    noun of the phrase that says to whom or where. `phrase_at` is where that phrase begins;
    the subject must end right before it. A copula's complement ("är nod för …") is a
    predicate, and after an auxiliary ("har drivit på …", "brukar sitta på …") the next
    word is the main verb: both are left to the last noun."""
    ms = _words(question)
    if detect_language(question) != "sv" or not ms or (
            ms[0].group().lower() not in _QUESTION_WORDS):
        return None
    verb = next((k for k in range(1, len(ms)) if _verbish(ms[k].group(), "sv")
                 or ms[k].group().lower() in _SV_AUXILIARIES
                 or ms[k].group().lower() in _SV_SHORT_VERBS), None)
    if verb is None or ms[verb].group().lower() in _COPULAS or (
            ms[verb].group().lower() in _SV_AUXILIARIES):
        return None
    at = next((k for k in range(verb + 1, len(ms)) if ms[k].group().lower() in PREPOSITIONS),
              None)
    if at is None or at == verb + 1 or ms[at].start() != phrase_at:
        return None
    phrase = ms[verb + 1:at]
    if not all(_is_content(m.group()) and not _verbish(m.group(), "sv")
               and m.group().lower() not in _GENERIC_PLACES for m in phrase):
        return None
    return question[phrase[0].start():phrase[-1].end()]


#: Lower-case words that make the capitalised word before them a place's name even at the
#: start of a sentence ("Åre kommun har länets högsta nyföretagande").
_PLACE_HEADS = wordset("kommun kommuns län läns municipality county")


#: A capital letter after a word's first letter: an acronym or name ("IUC-Z", "LRF").
_ACRONYM = re.compile(r"^.\S*[A-ZÅÄÖ]")


#: Adverbs that begin a sentence before a name ("Även Strömsund och …", "Also Åre …").
_SENTENCE_OPENERS = wordset("även också dessutom särskilt främst enligt därför samtidigt "
                            "totalt ungefär cirka drygt nästan omkring också also however "
                            "moreover especially")


def _capitalised_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words that are names: not a lone sentence-initial word ("Hur",
    "Det"), though a name may begin a sentence ("Region Jämtland Härjedalen har …"); a
    comma ends a name ("LRF Jämtland, Torsta AB")."""
    ms = _words(text)
    runs: list[list[str]] = []
    current: list[str] = []
    initial_run = False

    def lone_initial(run: list[str]) -> bool:  # "Det", "Hur"; not an acronym ("IUC-Z")
        return initial_run and len(run) == 1 and not _ACRONYM.search(run[0])

    for k, m in enumerate(ms):
        w = m.group()
        before = text[:m.start()].rstrip()
        initial = k == 0 or before.endswith((".", "!", "?", ":", "("))
        if current and before.endswith((",", ";")):
            if not lone_initial(current):
                runs.append(current)
            current = []
        if w[0].isupper() and (current or initial or w.lower() not in STOPWORDS):
            if not current:
                initial_run = initial
            if current == [ms[k - 1].group()] and initial_run and (
                    current[0].lower() in STOPWORDS or current[0].lower() in INTERROGATIVES
                    or current[0].lower() in _SENTENCE_OPENERS):
                current, initial_run = [], False  # "Is Torsta AB …", "I Ås …": the name
            current.append(w)
            continue
        if current and not lone_initial(current):
            runs.append(current)
        elif current and w.lower() in _PLACE_HEADS:
            runs.append([*current, w])  # "Åre kommun har …": a name, though it begins
        current = []
    if current and not lone_initial(current):
        runs.append(current)
    return runs


def _new_proper_noun(answer: str, question: str, strict: bool = False) -> str | None:
    """The first name in the answer that the question does not have ("… co-workingplatsen
    House Be, där …" → "House Be"; "Region Jämtland Härjedalen har …" → all three words).
    A name after a preposition is where something is ("I Ås i Krokoms kommun finns Grönt
    Center"), not what was asked for, unless the answer names nothing else."""
    asked = {w.group().lower() for w in _words(question)}
    new = [run for run in _capitalised_runs(answer) if any(w.lower() not in asked for w in run)]
    names = []
    for run in new:
        if run[0].lower() in PREPOSITIONS:
            continue
        at = re.search(rf"(\w+)\s+{re.escape(run[0])}\b", answer)
        if at is None or at.group(1).lower() not in PREPOSITIONS:
            if not names and re.search(rf"{re.escape(run[-1])}\s*,\s*[A-ZÅÄÖ]", answer):
                return None  # one of a list ("LRF Jämtland, Torsta AB, …"): "de" is them all
            names.append(run)
    if names:
        # of two names ("I Åre har House Be … och i Östersund finns Gomorron Östersund"),
        # the one the question's own words lead to ("… i ostersund?"), typed without å/ä/ö
        tied = _tied_to_the_question(names, fold(answer.lower()), {fold(w) for w in asked},
                                     folded=True) if len(names) > 1 else None
        return " ".join(tied or names[0])
    if strict:
        return None
    places = [run[1:] if run[0].lower() in PREPOSITIONS and len(run) > 1 else run
              for run in new]
    # the home county ("I Jämtlands län har …") is where everything is, no answer
    places = [run for run in places if not all(w.lower() in _GENERIC_PLACES for w in run)]
    if places:
        return " ".join(_place_by_the_question(places, answer, asked))
    return None


#: Words before a name that tie it to what the question asked: "… och högst i Ragunda
#: kommun" answers "Vilken kommun har högst arbetslöshet?".
_TIE_WORDS = 3


def _tied_to_the_question(runs: list[list[str]], answer: str, asked: set[str],
                          folded: bool = False) -> list[str] | None:
    """Of the names an answer gives, the first one whose few words before it repeat a
    content word of the question ("… högst i Ragunda kommun" for "Vilken kommun har högst
    arbetslöshet?"): the answer's own words say it is the one asked for. With `folded`,
    `answer` and `asked` are lower case without å/ä/ö, and so is each name looked up."""
    for run in runs:
        run = run[1:] if run[0].lower() in PREPOSITIONS and len(run) > 1 else run
        if all(w.lower() in _GENERIC_PLACES for w in run):
            continue
        at = answer.find(fold(" ".join(run).lower()) if folded else " ".join(run))
        before = [m.group().lower() for m in _words(answer[:max(at, 0)])][-_TIE_WORDS:]
        if at > 0 and any(w in asked and _is_content(w) for w in before):
            return run
    return None


def _place_by_the_question(runs: list[list[str]], answer: str, asked: set[str]) -> list[str]:
    """Of the names an answer gives after prepositions, the one tied to the question
    (_tied_to_the_question), else the first."""
    return _tied_to_the_question(runs, answer, asked) or runs[0]


#: Question words a noun of the kind asked for follows ("which research institute …").
_KIND_ASKING = wordset("vilken vilket vilka which what")
#: Words of that noun phrase looked at at most ("which research institute").
_KIND_WORDS = 3


def _appositive_name(answer: str, question: str) -> str | None:
    """The name an answer puts right after a noun of the kind the question asked for, its
    apposition ("… turismforskningsinstitutet Etour …" for "which research institute …?",
    "co-workingplatsen House Be" for "vilket co-workingplace …?"): that name is the
    answer, while an earlier name ("Mittuniversitetet") is only who has it. A Swedish
    compound ends in its kind, so the kind's first letters may stand anywhere in it."""
    ms = _words(question)
    lang = detect_language(question)
    kinds: list[str] = []
    for k, m in enumerate(ms):
        if m.group().lower() not in _KIND_ASKING:
            continue
        for n in ms[k + 1:k + 1 + _KIND_WORDS]:
            w = n.group().lower()
            if not _is_content(w) or _verbish(w, lang) or w in _GENERIC_PLACES:
                break
            if len(w) >= _SAME_NOUN_PREFIX:
                kinds.append(w[:_SAME_NOUN_PREFIX])
        break
    if not kinds:
        return None
    for run in _capitalised_runs(answer):
        at = re.search(rf"([\w-]+)\s+{re.escape(' '.join(run))}\b", answer)
        if at is not None and any(kind in at.group(1).lower() for kind in kinds):
            return " ".join(run)
    return None


def _answer_subject(answer: str) -> str | None:
    """The definite noun an answer begins with ("Turismbranschen och upplevelseturismen är en
    grundläggande näring …"): what a "vilken näring"-question got as its answer."""
    ms = _words(answer)
    if not ms:
        return None
    w = ms[0].group()
    if (w[:1].isupper() and len(w) > _MIN_DEFINITE_NOUN and _DEFINITE.search(w)
            and w.lower() not in STOPWORDS and w.lower() not in _DEMONSTRATIVES):
        return w
    return None


def _name_in(question: str) -> str | None:
    """The last name a question is about ("How many visitors does Storsjöyran attract?"),
    not a general place ("i Jämtland")."""
    for run in reversed(_capitalised_runs(question)):
        if not all(w.lower() in _GENERIC_PLACES for w in run):
            return " ".join(run)
    return None


# ---- resolution ----------------------------------------------------------------------------
_BE = wordset("is are was were be been being")


def _points_back(ms: list[re.Match[str]], k: int, within: bool = False) -> bool:
    """Whether the strong reference word at `k` refers to the conversation, not within its
    own question: "there" after "is/are" is existential ("are there any …"); "där"/"there"
    with a place of the question's own, or "its"/"dem" with a subject of its own ("does
    IUC-Z offer its members", "hur många av dem"), refer inside the question."""
    w = ms[k].group().lower()
    kind = _STRONG_REFERENCES.get(w)
    if kind is None:
        return True
    if w == "dess" and k > 0 and ms[k - 1].group().lower() in _SINCE:
        return False  # "sedan dess", "tills dess": a time, not a possessive
    if w == "there" and k > 0 and ms[k - 1].group().lower() in _BE:
        return False
    if w == "there" and k + 1 < len(ms) and ms[k + 1].group().lower() in _BE:
        return False  # "there are …"
    words = [m.group() for m in ms]
    lang = detect_language(" ".join(words))
    if kind == "place":
        start = _clause_start(ms, k) if not within else 0
        if start > 0 and any(_is_content(x) and not _verbish(x, lang)
                             and x.lower() not in _GENERIC_PLACES for x in words[:start]):
            return False  # "Vad är House Be och hur många företag finns där?"
        # a place of its own follows a preposition ("hur många företag i Åre finns där");
        # "typer av bolag", "a tradition of firms" name what, not where
        return not any(words[j].lower() in _PLACE_OF_ITS_OWN and _is_content(words[j + 1])
                       and words[j + 1].lower() not in _GENERIC_PLACES
                       for j in range(len(words) - 1))
    # An antecedent inside the question comes before the pronoun. Only English "its"/"their"
    # may point to a subject in their own clause ("does IUC-Z offer its members"); an object
    # pronoun ("finns det något kluster för dem", "is there a cluster for them") and a
    # Swedish possessive (the clause's own subject would take "sin"/"sina") point to a noun
    # of an earlier clause ("hur beskrivs industriföretagen, är dom innovativa") or outside.
    if kind == "such" and k + 1 < len(ms) and _is_content(ms[k + 1].group()) and (
            not _verbish(ms[k + 1].group(), lang)):
        return False  # "sådana kluster": a determiner before its noun
    if kind == "such" and w in _SUCH_SINGULAR and k > 0 and ms[k - 1].group().lower() in (
            _QUANTIFIERS):
        return False  # "finns det nåt sånt i Östersund?": anything of the kind, left as asked
    before = _clause_start(ms, k) if kind in ("it", "poss", "such") and not within else k
    return not any((_is_content(x) or x.lower() in _PEOPLE) and not _verbish(x, lang)
                   and x.lower() not in _GENERIC_PLACES and x.lower() not in _GENERIC_TIMES
                   for x in words[:before])


#: Prepositions that may begin a question's own place for its "där"/"there": not "av"/"of"
#: ("typer av bolag finns där").
_PLACE_OF_ITS_OWN = PREPOSITIONS - wordset("av of")
#: "nåt sånt", "något sådant": anything of the kind, vaguer than the previous subject.
_SUCH_SINGULAR = wordset("sådant sånt sådan sån")
#: Words before "dess" that make it "then" ("sedan dess"), not "its".
_SINCE = wordset("sedan sen tills till innan")

#: Words that join two clauses of one question ("…, är dom innovativa", "… and what do …").
_CLAUSE_JOINS = wordset("och men and but")
_CLAUSE_MARKS = ",;:–—"


def _clause_start(ms: list[re.Match[str]], k: int) -> int:
    """Where the clause of the word at `k` begins: after the last comma or joining word
    before it (0 for a question of one clause)."""
    text = ms[0].string if ms else ""
    for j in range(k, 0, -1):
        between = text[ms[j - 1].end():ms[j].start()]
        if any(c in between for c in _CLAUSE_MARKS) or ms[j - 1].group().lower() in (
                _CLAUSE_JOINS):
            return j
    return 0


#: Finite verbs after which a pronoun is the subject and a main verb follows ("vill de
#: åstadkomma", "har det hållit på"), not an article ("inom det offentliga").
_SV_AUXILIARIES = wordset("vill ville ska skall skulle kan kunde måste brukar brukade får "
                          "fick bör borde har hade kommer tänker verkar")

#: English auxiliaries of a question's inverted word order: "when did that trend start" has
#: a demonstrative and its noun before the main verb; "is it true that tourism turns over …"
#: has a conjunction.
_EN_AUXILIARIES = wordset("did does do will can could would has have had")

#: Counting words that can be what a pronoun refers to ("people … their skills").
_PEOPLE = wordset("people personer folk")


#: Sentence adverbs after a question's last pronoun ("vad är det egentligen?", "varför
#: gör de det då?"): the pronoun still ends the question.
_SENTENCE_ADVERBS = wordset("egentligen då alltså exakt nu riktigt ens liksom really exactly "
                            "actually then")
#: Verbs after which a final "det" is the formal subject of an existential clause ("hur
#: många företag finns det?", "hur många blir det?"), not what the question is about.
_EXISTENTIAL_VERBS = wordset("finns fanns är var blir blev ges gavs")
#: Frames that ask what or who something is: "vad är det?" asks what "det" is.
_WHAT_FRAMES = wordset("vad vem vilken vilket vilka")
#: English "it" contracted with "is" ("the collaboration it's part of").
_IT_IS = wordset("it's it’s")


#: "för nåt" after "vad är det": what thing it is ("vad är det för nåt egentligen?").
_WHAT_THING = wordset("nåt något någonting")
#: Prepositions left at the end of a question whose object is the pronoun before the verb's
#: end ("vilken bransch är det för?").
_STRANDED = wordset("för till")


def _final_pronoun(ms: list[re.Match[str]]) -> int | None:
    """The position of a Swedish pronoun that ends the question, before sentence adverbs
    only, when it points back: an object or a noun phrase's place after a verb or a
    preposition ("vem la fram det?", "hur många årsverken ger den", "hur många är
    sysselsatta i den?", "finns det nåt kluster för det"), or what a "vad är"-question asks
    about ("vad är det egentligen?"). An article always has a noun after it, so a last
    pronoun is none; "det" after an existential verb ("hur många företag finns det?") or a
    passive ("startades det") is the formal subject, as is any last "det" of a count ("hur
    många jobbar det?"). A question that names its subject before its question word
    ("coworking i åre vad heter det", "Stämmer det att …? Vilken myndighet gäller det?")
    has the pronoun's antecedent inside it."""
    end = len(ms)
    while end > 1 and ms[end - 1].group().lower() in _SENTENCE_ADVERBS:
        end -= 1
    if end > 3 and ms[end - 2].group().lower() == "för" and (
            ms[end - 1].group().lower() in _WHAT_THING) and (
            ms[end - 4].group().lower() in _COPULAS):
        end -= 2  # "vad är det för nåt?" asks what "det" is, as "vad är det?" does
    if end > 3 and ms[end - 1].group().lower() in _STRANDED and (
            ms[end - 2].group().lower() in ("det", "den", "de", "dom")) and (
            ms[end - 3].group().lower() in _COPULAS) and (
            ms[0].group().lower() in _QUESTION_WORDS) and end - 3 > 0:
        return end - 2  # "vilken bransch är det för?", "vad är den till?": what it is for
    k = end - 1
    if k < 1:
        return None
    w, before = ms[k].group().lower(), ms[k - 1].group().lower()
    frame = max((j for j in range(k) if ms[j].group().lower() in _QUESTION_WORDS), default=0)
    if any(_is_content(m.group()) and not _verbish(m.group(), "sv")
           and m.group().lower() not in _GENERIC_PLACES for m in ms[:frame]):
        return None
    if w in ("den", "de", "dom", "dem"):
        return k
    if w != "det" or before in PREPOSITIONS:
        return k if w == "det" else None
    words = {m.group().lower() for m in ms[:k]}
    if before in _EXISTENTIAL_VERBS:
        return k if k == 2 and ms[0].group().lower() in _WHAT_FRAMES else None
    if before.endswith("s"):
        return None
    if "många" in words and not _counts_an_object(ms, k - 1):
        return None  # "hur många jobbar det …": a formal subject
    return k


def _counts_an_object(ms: list[re.Match[str]], verb: int) -> bool:
    """Whether "hur många"/"hur mycket" counts a noun right before the verb at `verb`
    ("hur många jobb ger det?"): the verb then has that noun for its object, and the "det"
    after it is its subject, no formal one."""
    at = next((j for j in range(verb) if ms[j].group().lower() in _COUNT_FRAMES), None)
    if at is None or at + 1 >= verb:
        return False
    nouns = ms[at + 1:verb]
    return all(_is_content(m.group()) and not _verbish(m.group(), "sv") for m in nouns) and (
        _verbish(ms[verb].group(), "sv")
        or ms[verb].group().lower() in _SV_SHORT_VERBS | _SV_AUXILIARIES)


#: A Swedish definite noun: "sektorn", "utlokaliseringen", "klustret", "näringarna".
_SV_DEFINITE_NOUN = re.compile(r"\w{3,}(?:n|et|na)$", re.IGNORECASE)


def _article_at(ms: list[re.Match[str]], k: int) -> bool:
    """Whether the "den"/"de" at `k` is an article before a noun ("har de företagen …") or
    an adjective and a definite noun ("Är den offentliga sektorn …", "Har den statliga
    utlokaliseringen …"), not a pronoun before an infinitive ("måste de ligga nära …")."""
    if k + 1 < len(ms) and _nounish_after(ms[k + 1].group(), ms[k].group().lower()):
        return True
    return k + 2 < len(ms) and bool(_SV_ADJECTIVE.search(ms[k + 1].group())) and (
        _is_content(ms[k + 2].group()) and not _verbish(ms[k + 2].group(), "sv")
        and _SV_DEFINITE_NOUN.fullmatch(ms[k + 2].group()) is not None)


#: Predicates that judge the answer, not a thing ("är det sant?"), and words that make "det"
#: formal before a clause or a count ("är det många som …", "är det möjligt att …").
_SV_NOT_A_PROPERTY = wordset("sant rätt riktigt korrekt fel så många mycket möjligt svårt "
                             "lätt vanligt ovanligt")


def _judged_it(ms: list[re.Match[str]]) -> bool:
    """Whether the question is a bare "är det ADJEKTIV?" ("är det fullt?", "blev det
    lönsamt?"), perhaps with a sentence adverb, place or time after: then "det" is the thing
    the previous turn named. With anything more ("är det fullt av folk i Åre?", "är det sant
    att …") or a noun after it ("är det ett kluster?") it is left alone."""
    if len(ms) < 3 or ms[0].group().lower() not in _COPULAS or ms[1].group().lower() != "det":
        return False
    word = ms[2].group().lower()
    rest = [m.group().lower() for m in ms[3:]]
    return (word.isalpha() and word not in _SV_NOT_A_PROPERTY and word not in _ARTICLES
            and word not in _QUANTIFIERS and word not in PREPOSITIONS
            and not ms[2].group()[:1].isupper()
            and not _DEFINITE.search(word)
            and all(w in _SENTENCE_ADVERBS or w in _GENERIC_PLACES or w in _GENERIC_TIMES
                    for w in rest))


#: Verbs of a change in size, which a bare "ökar det?" asks of what was just named.
_CHANGE_VERBS = wordset("ökar minskar växer stiger sjunker krymper")


def _inverted_subject(ms: list[re.Match[str]]) -> int | None:
    """The position of "de"/"den" as the subject right after a question's first word, its
    finite verb ("samarbetar de med företagen?", "måste de ligga nära varandra?"): a yes/no
    question about what the pronoun refers to, whatever else it names; or right after a
    question word and its finite verb ("vad håller de på att bygga upp tillsammans?").
    ("det" after a first verb is often formal: "har det blivit fler?"; not after a verb of
    belonging: "hör det till turismbranschen?")"""
    if ms and ms[0].group().lower() in _SV_ADVERBIAL_QUESTION_WORDS | _WHICH:
        verb = 1
        while verb < len(ms) and ms[verb].group().lower() in _COUNTING:
            verb += 1  # "hur mycket exporterar de …"
        if verb > 1 and ms[verb - 1].group().lower() in _COUNT_FRAMES or (
                ms[0].group().lower() in _WHICH):
            # the noun asked for comes before the verb: "hur många destinationer
            # samarbetar de med?", "vilka tjänster erbjuder de till företagen?"
            while verb < len(ms) - 1 and _is_content(ms[verb].group()) and not (
                    _verbish(ms[verb].group(), "sv")) and (
                    ms[verb + 1].group().lower() not in ("de", "den", "dom")):
                verb += 1
        k = verb + 1
        if k < len(ms) and ms[k].group().lower() in ("de", "den", "dom") and (
                _finite_verb_place(ms[verb].group())) and not _article_at(ms, k) and not (
                _adjective_noun_after(ms, k)):
            return k  # after a question word and its verb: "vad håller de på att …?"
    if _judged_it(ms):
        return 1  # "är det fullt?", "var det lönsamt då?": what the previous turn named
    if 2 <= len(ms) <= 3 and ms[0].group().lower() in _CHANGE_VERBS and (
            ms[1].group().lower() in ("det", "den", "de", "dom")):
        return 1  # "ökar det?", "växer dom fortfarande?": whether what was named grows
    if len(ms) >= 2 and ms[1].group().lower() == "det" and (
            ms[0].group().lower() in _BELONGING_VERBS) and not (
            ms[0].group().lower() in _PLACE_VERBS and len(ms) > 2
            and ms[2].group().lower() in _EXISTENTIAL_OBJECTS):
        return 1  # "hör det till turismbranschen?", "tillhör det nåt universitet?" (not
        # "ligger det några företag i Åre?")
    if len(ms) < 2 or ms[1].group().lower() not in ("de", "den", "dom"):
        return None
    if _article_at(ms, 1):
        return None
    first = ms[0].group().lower()
    if first in _SV_AUXILIARIES or first in INTERROGATIVES or _verbish(first, "sv"):
        return 1
    if first.endswith("er") and first not in STOPWORDS and not (
            _SV_DEFINITE_NOUN.fullmatch(first)):
        # a present tense the ending test takes for a noun ("säljer dom mest lokalt?",
        # "håller dom på att bygga …"): first in a yes/no question, before its subject
        return 1
    return None


#: Verbs of belonging and place whose "det" right after them is a thing, never formal:
#: "hör det till …", "ingår det i …", "tillhör det …", "ligger det i …".
_BELONGING_VERBS = wordset("hör hörde ingår ingick tillhör tillhörde ligger låg")
#: … of which those of place also make a formal "det" before what is there: "ligger det
#: några företag i Åre?".
_PLACE_VERBS = wordset("ligger låg")


def _adjective_noun_after(ms: list[re.Match[str]], k: int) -> bool:
    """Whether "de"/"den" at `k` is the article of an adjective used as a noun ("vad tjänar
    de anställda?", "hur många är de arbetslösa?"), not a pronoun before an infinitive
    ("vad brukar de göra?")."""
    if k + 1 >= len(ms) or ms[k - 1].group().lower() in _SV_INFINITIVE_BEFORE:
        return False
    nxt = ms[k + 1].group()
    return _is_content(nxt) and not _verbish(nxt, "sv") and bool(_SV_ADJECTIVE.search(nxt))


#: Swedish question words that no noun follows ("vad", "när", "hur" — not "vilka"): the
#: word after them (and after "många", "mycket", "länge") is the finite verb.
_SV_ADVERBIAL_QUESTION_WORDS = wordset("vad när var varför vart hur")
#: Swedish question words a noun follows ("vilka tjänster erbjuder de …").
_WHICH = wordset("vilka vilken vilket")


def _finite_verb_place(word: str) -> bool:
    """Whether the word after an adverbial question word can be its finite verb (not a
    preposition, article or pronoun: "vad för …", "hur de …")."""
    w = word.lower()
    return w.isalpha() and w not in PREPOSITIONS and w not in _ARTICLES and (
        w not in _DEMONSTRATIVES) and w not in _STRONG_REFERENCES


def _weak_reference(question: str) -> int | None:
    """The position of the "det"/"de"/"it"/"they" in `question` that points back, if one
    does: a Swedish pronoun that ends the question (_final_pronoun) or is the subject after
    its first verb (_inverted_subject), English "it's" inside it, or one the rules of
    _framed_weak_reference find."""
    found = _weak_reference_at(question)
    if found is None:
        return None
    ms = _words(question)
    start = _clause_start(ms, found)
    lang = detect_language(question)
    if start > 0 and any(_is_content(m.group()) and not _verbish(m.group(), lang)
                         and m.group().lower() not in _GENERIC_PLACES for m in ms[:start]):
        # "Vad är Grönt Center och var ligger det?", "What does Peak Innovation do and who
        # funds it?": the pronoun of a later clause has its antecedent in an earlier one
        return None
    return found


def _weak_reference_at(question: str) -> int | None:
    """_weak_reference before the test of an antecedent in an earlier clause."""
    ms = _words(question)
    if not ms:
        return None
    lang = detect_language(question)
    if lang == "sv":
        found = _final_pronoun(ms)
        if found is None:
            found = _inverted_subject(ms)
        if found is not None:
            return found
    elif lang == "en":
        inside = [k for k, m in enumerate(ms) if k > 0 and m.group().lower() in _IT_IS]
        if inside:
            return inside[0]
        predicate = _en_subject_of_predicate(ms)
        if predicate is not None:
            return predicate
    at = [k for k, m in enumerate(ms) if m.group().lower() in _WEAK_REFERENCES]
    return at[0] if at and _framed_weak_reference(question) else None


#: Predicates that judge a statement, not a thing ("is that true?").
_TRUTH = wordset("true right correct false wrong so")


def _en_subject_of_predicate(ms: list[re.Match[str]]) -> int | None:
    """The position of "that"/"this"/"it" as the subject of an English copula question
    whose predicate is one word, perhaps with a place or time after it ("why is that hard
    here?", "is this new?"): a pronoun, not a demonstrative before a noun ("is that cluster
    big?" has two words after it)."""
    for k in range(1, min(len(ms) - 1, 4)):  # after "and"/"but" too
        if ms[k].group().lower() not in ("that", "this", "it") or (
                ms[k - 1].group().lower() not in _COPULAS) or (
                k > 1 and ms[k - 2].group().lower() not in _QUESTION_WORDS):
            continue
        if not _is_content(ms[k + 1].group()) or ms[k + 1].group()[:1].isupper() or (
                ms[k + 1].group().lower() in _TRUTH):
            return None  # "is that true?" judges the answer, no subject to name
        rest = [m.group().lower() for m in ms[k + 2:]]
        if all(w in _GENERIC_PLACES or w in _GENERIC_TIMES or w in _SENTENCE_ADVERBS
               or w in _PLACE_PREPOSITIONS for w in rest):
            return k  # "why is that hard here?", "why is that tricky in jämtland?"
    return None


#: Asks what kind of things it or they are: "vad för slags företag är det mest?", "vilken
#: typ av företag är det?", "what kind of firms are they?"; the pronoun is the subject.
_KIND_IS_IT = re.compile(
    r"\b(?:vad\s+för\s+(?:slags\s+|sorts\s+|typ\s+av\s+)?|(?:vilken|vilka)\s+(?:slags|sorts|"
    r"typ(?:er)?\s+av|sorts)\s+|what\s+(?:kinds?|types?|sorts?)\s+of\s+)[^\W\d_]+\s+"
    r"(?:är|var|is|are|was|were)\s+(?:det|de|dom|it|they|those|these)\b", re.IGNORECASE)
#: Prepositions whose object "det"/"it" points back when it ends the question, or only a
#: place follows it: "har det blivit nåt av det (i jämtland)?", "what came of it?".
_OBJECT_PREPOSITIONS = wordset("av om med på för från of about with on for from")


def _object_of_preposition(ms: list[re.Match[str]], k: int) -> bool:
    """Whether the pronoun at `k` is a preposition's object at the question's end, or
    before a place phrase only ("nåt av det i jämtland")."""
    if k == 0 or ms[k - 1].group().lower() not in _OBJECT_PREPOSITIONS:
        return False
    if ms[k].group().lower() not in ("det", "it"):
        return False
    rest = [m.group().lower() for m in ms[k + 1:]]
    return not rest or (rest[0] in _PLACE_PREPOSITIONS and all(
        w in _GENERIC_PLACES or w in _PLACE_PREPOSITIONS for w in rest))


#: Words of a count's frame: "det" after its existential verb is formal ("hur många finns
#: det?", "hur mycket blir det?").
_COUNT_FRAMES = wordset("många mycket mkt")


def _framed_weak_reference(question: str) -> bool:
    """Whether "det"/"de"/"it"/"they" in `question` points back: the pronoun is not an
    expletive ("finns det något …", "is it true") and either is the subject or object of the
    question's verb ("Vad vill de åstadkomma?", "How many jobs does it generate?", "Who takes
    part in it?") or, besides the verb next to it ("När kom det?"), the question names no
    subject of its own. Swedish "det" is often a formal subject ("hur många jobbar det
    inom …"), so only the second test holds for it."""
    ms = _words(question)
    at = [k for k, m in enumerate(ms) if m.group().lower() in _WEAK_REFERENCES]
    if at and _KIND_IS_IT.search(question):
        return True  # "vad för slags företag är det mest?": the kind of what was asked about
    if any(_object_of_preposition(ms, k) for k in at):
        return True  # "har det blivit nåt av det i jämtland?"
    if not at or _EXPLETIVE.search(question):
        return False
    k = at[0]
    w = ms[k].group().lower()
    if k + 1 < len(ms) and _nounish_after(ms[k + 1].group(), w):
        return False  # "den branschen": a demonstrative, handled as such
    lang = detect_language(question)
    before = ms[k - 1].group().lower() if k > 0 else ""
    if _relative_that(ms, k):
        return False  # "any agencies that moved": a relative pronoun
    if w == "det" and before in _EXISTENTIAL_VERBS and (any(
            m.group().lower() in _COUNT_FRAMES for m in ms[:k]) or (
            before in ("finns", "fanns") and ms[0].group().lower() in _WHAT_FRAMES)):
        # "hur många finns det?", "vilka andra finns det?": formal subjects ("inom vilken
        # bransch finns det?" asks where it is)
        return False
    if lang == "en" and w in ("it", "they") and before and not (
            w == "it" and k + 1 < len(ms) and ms[k + 1].group().lower() in _BE
            and not _en_participle_after(ms, k + 1)):
        return True  # "does it generate", "part in it", "has it been running"; not "it is …"
    after_auxiliary = before in _SV_AUXILIARIES
    if lang == "sv" and w in ("de", "den", "dom") and after_auxiliary and not _article_at(ms, k):
        return True  # the subject before the main verb: "vill de åstadkomma", "har den"
    if lang == "sv" and w in ("de", "den", "dom") and before in _COPULAS and k >= 2 and (
            ms[0].group().lower() == "hur") and not _article_at(ms, k):
        # the subject of "hur viktiga är de för länet?", "hur stor är den?"; not the
        # article of "hur stor är den offentliga sektorn?"
        return True
    if lang == "sv" and k + 1 < len(ms) and _is_content(ms[k + 1].group()) and not _verbish(
            ms[k + 1].group(), "sv") and not after_auxiliary and (
            ms[k + 1].group().lower() not in _GENERIC_TIMES) and (
            ms[k + 1].group().lower() not in _GENERIC_PLACES):  # "vad omsätter den per år"
        return False  # an article before its adjective or noun: "inom det offentliga"
    beside = {k - 1, k + 1}
    asked_for = {w.lower() for w in answer_type_words(question)}  # "what town", "vilken …"
    return not any(_is_content(w := m.group()) and j not in beside
                   and w.lower() not in asked_for
                   and w.lower() not in _GENERIC_PLACES and w.lower() not in _GENERIC_TIMES
                   and w.lower() not in _TIME_ADVERBS  # "hur har det funkat tidigare?"
                   and not _verbish(w, lang) for j, m in enumerate(ms))


#: Words after an English participle that make "it" formal ("is it expected that …").
_EXTRAPOSED = wordset("that to whether if")


def _en_participle_after(ms: list[re.Match[str]], k: int) -> bool:
    """Whether the be-form at `k` ("been", "being", "is") has a participle after it, a
    progressive or passive ("has it been running", "was it founded"): then the "it" before
    it is that verb's subject, a pronoun, unless a clause follows ("is it expected that")."""
    if k + 1 >= len(ms):
        return False
    nxt = ms[k + 1].group().lower()
    if not (nxt.endswith(("ing", "ed")) and len(nxt) > 4):
        return False
    return not (k + 2 < len(ms) and ms[k + 2].group().lower() in _EXTRAPOSED)


def _relative_that(ms: list[re.Match[str]], k: int) -> bool:
    """Whether the "that" at `k` is a relative pronoun or conjunction after a noun ("any
    agencies that moved", "the claim that …"), not a demonstrative, which follows a verb
    or preposition ("is that", "for that")."""
    if ms[k].group().lower() != "that" or k == 0:
        return False
    before = ms[k - 1].group()
    if k >= 2 and ms[k - 2].group().lower() in _QUESTION_WORDS | _EN_AUXILIARIES:
        return False  # "who coordinates that cluster": the verb's place, after "who"
    return _is_content(before) and not _verbish(before, "en") and not (
        _EN_ADVERB.fullmatch(before)) and before.lower() not in _BE


def _bare_quantifier(ms: list[re.Match[str]], k: int) -> bool:
    """Whether the word at `k` is a quantifier with its noun left out after an existential
    frame ("finns det några i länet?", "are there any?"), not one before its noun ("finns det
    något kluster …")."""
    if ms[k].group().lower() not in _QUANTIFIERS or k == 0:
        return False
    if ms[k - 1].group().lower() not in _EXISTENTIAL_BEFORE:
        return False
    nxt = ms[k + 1].group().lower() if k + 1 < len(ms) else ""
    return not nxt or nxt in PREPOSITIONS or nxt in _GENERIC_TIMES


def _has_bare_quantifier(question: str) -> bool:
    ms = _words(question)
    return any(_bare_quantifier(ms, k) for k in range(len(ms)))


def _without_article(phrase: str) -> str:
    """A referent without its leading article ("en co-workingplace" → "co-workingplace")."""
    first, _, rest = phrase.partition(" ")
    return rest if rest and first.lower() in _ARTICLES else phrase


#: Endings a Swedish noun takes after its stem: "bransch|en", "kluster|initiativ|et".
_SV_NOUN_ENDINGS = ("erna", "arna", "orna", "en", "et", "na", "n", "s", "'s", "’s")
#: Letters a compound's first part has at least ("turism|branschen").
_MIN_COMPOUND_PART = 3
#: Letters a noun's stem has at least to be matched inside another word.
_MIN_STEM = 4


def _stem(noun: str) -> str:
    w = noun.lower()
    for ending in _SV_NOUN_ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= _MIN_STEM:
            return w[:-len(ending)]
    return w


def _named_by_noun(noun: str, previous: Turn | None) -> str | None:
    """What "den branschen"/"that industry" is, when the previous turn says it: a compound
    with that noun as its last part ("turismbranschen"), in the previous question, then its
    answer, else the noun itself in the previous question ("the industry's customers")."""
    if previous is None:
        return None
    stem = _stem(noun)
    if len(stem) < _MIN_STEM:
        return None
    found: list[tuple[int, str]] = []
    for rank, text in enumerate((previous.question, previous.answer or "")):
        for m in _words(text):
            w = re.sub(r"['’]s$", "", m.group())
            at = w.lower().rfind(stem)
            if at < 0 or len(w) - at - len(stem) > max(map(len, _SV_NOUN_ENDINGS)):
                continue
            if at >= _MIN_COMPOUND_PART:  # lower-case: not a name, though a sentence began
                found.append((rank, w if text.find(w) > 0 else w.lower()))
            elif at == 0 and rank == 0:
                found.append((2, w))
    return min(found)[1] if found else None


#: The Swedish heads of compounds that name a sector's companies ("tjänsteföretag").
_COMPANY_HEADS = ("företag", "företagen", "företaget")
#: The Swedish definite noun a sector of companies is called by, after the noun that asks.
_SECTOR_NOUN = {"sektor": "sektorn", "sector": "sektorn"}


def _of_many(phrase: str) -> bool:
    """Whether a phrase ends in those who act or a plural ("privata arbetsgivare",
    "tjänsteföretagen", "tjänster"), which a singular "den sektorn" does not stand for."""
    words = phrase.split()
    if not words:
        return False
    last = words[-1].lower()
    return _ends_in_agents(phrase) or last.endswith(_COMPANY_HEADS[1:]) or (
        _plural(last, "sv") and not _names_a_grouping(last))


def _sector_of_companies(noun: str, previous: Turn) -> str | None:
    """The sector whose companies the previous answer, then question, names as a compound
    ("… administration och tjänsteföretag" → "tjänstesektorn"): what "den sektorn"/"that
    sector" is when no word of the turn has the noun itself as its head; none for a plural
    ("de branscherna" are several)."""
    if _plural(noun, "en" if noun.lower() in _EN_CATEGORY_HEADS else "sv"):
        return None
    for text in (previous.answer or "", previous.question):
        for m in _words(text):
            w = m.group()
            for head in _COMPANY_HEADS:
                first = w[:-len(head)]
                if w.lower().endswith(head) and len(first) >= _MIN_COMPOUND_PART and (
                        first.isalpha() and first.islower()):
                    return first + _SECTOR_NOUN.get(_stem(noun), "branschen")
    return None


#: Words after a demonstrative and its noun that make the phrase a kind of something the
#: question names itself ("den typen av arbetsplatser", "that kind of company").
_KIND_OF = wordset("av of")


def _kind_of(ms: list[re.Match[str]], k: int) -> bool:
    """Whether the demonstrative at `k` begins "den typen av X"/"that kind of X": the
    question names its own subject (X, of the kind just talked about), so nothing in it is
    to be replaced by the previous subject."""
    return k + 3 < len(ms) and ms[k + 2].group().lower() in _KIND_OF and _is_content(
        ms[k + 3].group())


#: Stems of nouns that name a kind of grouping, not a domain: bare and definite ("i
#: branschen", "sektorn", "klustret") they stand for the compound just named with them.
_CATEGORY_HEADS = wordset("bransch branscher sektor näring näringar kluster klustr nätverk "
                          "nätverket område områd")


#: An English sector named as known, with no word of its own ("the industry"; not "the
#: tourism industry").
_EN_THE_SECTOR = re.compile(r"\bthe\s+(?:industry|sector)\b(?!['’]s)", re.IGNORECASE)


def _bare_head(question: str, previous: Turn) -> str | None:
    """`question` with its one noun, a Swedish definite noun without a demonstrative
    ("sektorn", "i branschen"), replaced by the compound of the previous turn that has it as
    its head ("turismbranschen"): Swedish speakers drop "den" before a noun that the
    conversation has just named, and the compound is what the noun stands for. In English,
    "the industry"/"the sector" alone is the industry the previous turn names."""
    ms = _words(question)
    lang = detect_language(question)
    if lang == "en":
        # "and how many jobs does the industry generate?" after a turn that names one
        # ("Turismbranschen och upplevelseturismen är …"): that industry
        the = _EN_THE_SECTOR.search(question)
        sector = _sector_in(previous) if the else None
        if the is None or sector is None:
            return None
        return _clean(question[:the.start()] + sector + question[the.end():])
    nouns = [m for m in ms if _is_content(m.group()) and not _verbish(m.group(), lang)
             and m.group().lower() not in _GENERIC_PLACES
             and m.group().lower() not in _GENERIC_TIMES]
    if lang != "sv" or len(nouns) != 1:
        return None
    noun = nouns[0].group()
    if noun[:1].isupper() or len(noun) <= _MIN_DEFINITE_NOUN or not (
            _SV_DEFINITE_NOUN.fullmatch(noun)):
        return None
    if _stem(noun) not in _CATEGORY_HEADS:
        return None  # "turismen" after "upplevelseturismen" is a subject of its own
    named = _named_by_noun(noun, previous)
    if named is not None and named.lower().rfind(_stem(noun)) < _MIN_COMPOUND_PART:
        return None  # the same word, or a compound the question says itself
    if named is None:
        # "och hur många jobbar i branschen?" after "hur mycket omsätter turismen?": the
        # grouping just talked about, whatever its name
        named = _usable_referent(_turn_referent(previous))
        if named is not None and (_all_places(named) or places_named(named)):
            # "vad omsätter branschen?" after "… jobbar inom turismen i åre?": a place is no
            # industry; the subject of the question without its places
            named = _usable_referent(_turn_referent(Turn(
                _PLACE_PHRASE.sub(" ", with_place_names(previous.question)), previous.answer)))
        if named is None or _stem(noun) in named.lower() or named[:1].isupper() or (
                any(_stem(w.group()) in _CATEGORY_HEADS for w in _words(named))):
            return None
    m = nouns[0]
    return _clean(question[:m.start()] + named + question[m.end():])


def _verb_after_demonstrative(ms: list[re.Match[str]], k: int) -> bool:
    """Whether the word after the demonstrative at `k` and its noun is the question's verb
    ("har den branschen vuxit"; English only after an auxiliary: "when did that trend
    start"), so the two are a noun phrase of their own, not an article before an adjective
    ("de gröna näringarna") or a conjunction ("is it true that tourism turns over")."""
    if detect_language(ms[0].string) == "en":
        return k > 0 and ms[k - 1].group().lower() in _EN_AUXILIARIES
    return _verbish(ms[k + 2].group(), "sv")


#: Letters two forms of one noun share at least ("kluster", "klustret").
_SAME_NOUN_PREFIX = 5


def _another_kind(noun: str, previous_question: str) -> bool:
    """Whether a demonstrative's noun ("that industry") is of another kind than what the
    previous question asked to be named ("Which organisation …?"): then the name the answer
    gave is not what the demonstrative points to."""
    asked = [w.lower() for w in answer_type_words(previous_question)]
    w = noun.lower()
    if not asked or _verbish(w, detect_language(previous_question)) or w.endswith("ed"):
        return False
    def grouping(x: str) -> bool:
        return _stem(x) in _CATEGORY_HEADS or _stem(x) in _EN_CATEGORY_HEADS

    if grouping(w) and any(grouping(a) for a in asked):
        return False  # "det klustret" after "Vilken näring …?": groupings of one kind
    return not any(a[:_SAME_NOUN_PREFIX] == w[:_SAME_NOUN_PREFIX] for a in asked)


#: English nouns of a grouping of businesses ("that industry", "which sector").
_EN_CATEGORY_HEADS = wordset("industry industries sector sectors cluster clusters branch "
                             "branches")


def _replace_references(question: str, referent: str, weak: bool = False,
                        previous: Turn | None = None, within: bool = False,
                        weak_at: int | None = None) -> tuple[str, bool]:
    """The question with its reference words replaced by `referent`; whether any was
    (_replace_references_as without what they were replaced by)."""
    resolved, changed, _ = _replace_references_as(question, referent, weak, previous, within,
                                                  weak_at)
    return resolved, changed


def _replace_references_as(question: str, referent: str, weak: bool = False,
                           previous: Turn | None = None, within: bool = False,
                           weak_at: int | None = None) -> tuple[str, bool, str]:
    """The question with its reference words replaced by `referent`; whether any was, and
    what the first was replaced by (a demonstrative with its noun may take another
    antecedent than `referent`: "that industry" the sector beside an organisation).
    With `weak`, the first "det"/"de"/"it"/"they" standing alone counts too; a demonstrative
    with its noun ("den branschen") takes what the previous turn calls by that noun. With
    `within`, any noun before a pronoun is its antecedent (the clause after a subject put
    first: "Torsta AB, vilket samarbete är dom med i?" stands alone as it did). `weak_at`
    says which pronoun that is (_weak_reference), when not the first."""
    ms = _words(question)
    out, at, changed = [], 0, False
    they_replaced = False  # a subject pronoun replaced: an object one is another thing
    appended = ""
    used = ""
    k = 0
    while k < len(ms):
        m = ms[k]
        w = m.group().lower()
        kind = _STRONG_REFERENCES.get(w)
        replacement = None
        named: str | None = None  # what a demonstrative's noun names, when not `referent`
        end = m.end()
        if weak_at is not None:
            if k == weak_at:
                kind = "it_is" if w in _IT_IS else "it"
        elif kind is None and weak and not changed and w in _WEAK_REFERENCES and (
                k + 1 >= len(ms) or not _nounish_after(ms[k + 1].group(), w)) and not (
                _relative_that(ms, k)):
            kind = "it"
        if kind is not None and not _points_back(ms, k, within):
            kind = None
        if kind == "it" and they_replaced and w in _OBJECT_PRONOUNS and _clause_start(
                ms, k) == 0 and previous is not None:
            # "what do they charge for them?": an object pronoun in the clause of the
            # subject just replaced is not that subject (it would be "themselves"); the
            # noun the previous question asked about ("What services …?"), if it has one
            kind = None
            other = _asked_noun(previous.question)
            if other and other.lower() not in referent.lower():
                replacement = other
        if kind is None and _bare_quantifier(ms, k) and not _YEAR.fullmatch(referent):
            # "finns det några [co-workingplaces] i länet?"
            replacement = f"{m.group()} {_without_article(referent)}"
        elif kind is not None:
            if kind == "place":
                replacement = ("in " if detect_language(question) == "en" else "i ") + referent
            elif kind == "to":
                replacement = "till " + referent
            elif kind == "from":
                replacement = "från " + referent
            elif kind == "of":
                replacement = "av " + referent
            elif kind == "poss":
                replacement = referent + ("s" if not referent.endswith("s") else "")
            elif kind == "poss_en":
                replacement = referent + "'s"
            elif kind == "it_is":
                replacement = referent + " is"
            elif kind == "such":  # "många såna" are many of the kind, not "många ett kluster"
                replacement = _without_article(referent)
            else:
                replacement = referent
        elif w in _DEMONSTRATIVES and k + 1 < len(ms) and _nounish_after(
                ms[k + 1].group(), w) and not _kind_of(ms, k) and not _relative_that(
                ms, k) and not (
                    k + 2 < len(ms) and _is_content(ms[k + 2].group())
                    and not _verb_after_demonstrative(ms, k)):
            # "den branschen" points back; "de gröna näringarna" (article, adjective,
            # noun) names its own subject; "when did that trend start": a verb follows
            named = _named_by_noun(ms[k + 1].group(), previous)
            if named and previous is not None and previous.answer and named.lower().startswith(
                    _stem(ms[k + 1].group())) and not (
                        k + 2 < len(ms) and _is_content(ms[k + 2].group())) and (
                    _ASKS_FOR_NAME.search(previous.question)
                    or answer_type_words(previous.question)):
                # "det stället" after "Vilket ställe …?": the place the answer named
                named = _new_proper_noun(previous.answer, previous.question) or named
            if not named and previous is not None and previous.answer and _another_kind(
                    ms[k + 1].group(), previous.question):
                # "that industry" after "Which organisation coordinates tourism?": of
                # another kind than the name the answer gave, so the question's subject
                referent = _referent(Turn(previous.question, None)) or referent
            noun = ms[k + 1].group()
            english = detect_language(question) == "en"
            if not named and _names_a_grouping(noun) and previous is not None and (
                    _is_name(referent, previous.answer or "")) and not any(
                    head in referent.lower() for head in _CATEGORY_HEADS
                    if len(head) > _MIN_STEM) and not _asks_for_grouping(previous.question):
                # "that industry" after a turn about an organisation (who represents the
                # manufacturing companies, how many destinations does Jämtland Härjedalen
                # Turism work with): the organisation is no industry ("Turismbranschen" is
                # one): the industry the turn names beside it ("… företräder industrin"),
                # else the phrase is left as asked. (After "i vilket kluster …?" "det
                # klustret" is the one the answer named: a name of the kind asked for.)
                sector = _sector_in(previous)
                if sector is None:
                    k += 2
                    continue
                named = sector
            if not named and previous is not None and _names_a_grouping(noun) and (
                    _of_many(referent) or any(_of_many(m.group())
                                              for m in _words(previous.question))):
                # "den sektorn" after a turn about employers or services: one sector is not
                # those many, but the sector the turn names ("… företräder industrin") or
                # whose companies it names ("… tjänsteföretag")
                named = _sector_in(previous) or _sector_of_companies(noun, previous)
            if not named and not _names_a_grouping(noun) and (
                    _stem(noun) not in referent.lower()) and not any(
                    w[:1].isupper() for w in referent.split()) and (
                    not english or (k + 2 < len(ms) and ms[k + 2].group().lower() in _EN_VERBS)):
                # "när dök den trenden upp?", "when did that trend start?" after a turn about
                # coworking: the trend is not coworking itself but of it, so the phrase stays
                # and what it is of is added (a name is what "den satsningen" calls it)
                appended = referent
                k += 2
                continue
            if named or not (k + 2 < len(ms) and detect_language(question) == "en"):
                replacement = named or referent
                end = ms[k + 1].end()
                k += 1
        if replacement is not None:
            out.append(question[at:m.start()])
            out.append(replacement)
            used = used or (named if named else referent)
            at, changed = end, True
            they_replaced = they_replaced or w in _SUBJECT_PRONOUNS
        k += 1
    out.append(question[at:])
    resolved = _clean("".join(out))
    if appended:
        return f"{resolved.rstrip(' ?.!')} ({appended})?", True, appended
    return resolved, changed, used


#: Heads of nouns that name an industry or sector ("industrin", "besöksnäringen",
#: "tjänstesektorn", "manufacturing industry").
_SECTOR_HEADS = (*BRANCH_HEADS, "industry", "sector")


def _sector_in(previous: Turn) -> str | None:
    """The first common noun of the previous question, then its answer, that names an
    industry (_SECTOR_HEADS: "industrin", "besöksnäringen", "Turismbranschen" as a sentence
    begins): what "den branschen"/"that industry" is after a turn about an organisation of
    it. (The answer is in the report's language, which retrieval finds in any case.)"""
    for text in (previous.question, previous.answer or ""):
        for m in _words(text):
            w = m.group()
            initial = m.start() == 0 or text[:m.start()].rstrip().endswith((".", "!", "?"))
            if (w.islower() or initial and w[1:].islower()) and _stem(w).endswith(
                    _SECTOR_HEADS):
                return w.lower()
    return None


def _is_name(referent: str, answer: str) -> bool:
    """Whether a referent is a name: capitalised as typed, or written so by the answer
    inside a sentence ("jämtland härjedalen turism" for "Jämtland Härjedalen Turism") or
    as an acronym anywhere ("sca" for "SCA"; not "turismen" for a sentence's first word
    "Turismen")."""
    words = referent.split()
    if not words:
        return False
    if any(w[:1].isupper() for w in words):
        return True
    for m in re.finditer(rf"\b{re.escape(words[0])}\b", answer, re.IGNORECASE):
        if any(c.isupper() for c in m.group()[1:]):
            return True  # an acronym ("IUC-Z", "SCA"), even as a sentence begins
        if m.group()[:1].isupper() and not (
                m.start() == 0 or answer[:m.start()].rstrip().endswith((".", "!", "?"))):
            return True
    return False


def _asks_for_grouping(question: str) -> bool:
    """Whether a question asks for a grouping by name ("i vilket kluster …?", "which
    sector …"): the name its answer gives is what "det klustret" then refers to."""
    return any(_names_a_grouping(w) for w in answer_type_words(question))


#: Subject pronouns that are never formal ("they", "de"; "it", "det" may be).
_SUBJECT_PRONOUNS = wordset("they de dom")
#: Object pronouns, which cannot refer to their own clause's subject.
_OBJECT_PRONOUNS = wordset("them dem it det den")


def _asked_noun(question: str) -> str | None:
    """The noun right after a question's "what"/"which"/"vilka" ("What services does IUC-Z
    offer?" → "services"), or the noun a count asks for."""
    ms = _words(question)
    if len(ms) > 2 and ms[0].group().lower() in _WHAT_FRAMES | wordset("what which") and (
            _is_content(ms[1].group())) and not _verbish(ms[1].group(), "en"):
        return ms[1].group()
    return _counted_noun(question)


def _names_a_grouping(noun: str) -> bool:
    """Whether a noun names a grouping ("branschen", "sektorn", "that industry"): a
    demonstrative before it stands for the grouping just talked about itself."""
    return _stem(noun) in _CATEGORY_HEADS or noun.lower() in _EN_CATEGORY_HEADS or any(
        noun.lower().endswith(head) for head in _CATEGORY_HEADS if len(head) > _MIN_STEM)


#: The definite endings each Swedish demonstrative agrees with: "den branschen", "det
#: klustret", "de företagen"; "det säsongen" is no demonstrative phrase.
_AGREES = {"den": ("en", "n"), "det": ("et",), "de": ("na", "en"), "dom": ("na", "en")}


def _nounish_after(nxt: str, demonstrative: str) -> bool:
    """Whether the word after a demonstrative is its noun ("den branschen", "that sector")."""
    if demonstrative not in _DEMONSTRATIVES:
        return False
    if demonstrative in ("this", "that", "these", "those"):
        return bool(_EN_NOUNISH_AFTER_DEMONSTRATIVE.match(nxt.lower())) and (
            nxt.lower() not in STOPWORDS and nxt.lower() not in INTERROGATIVES
            and nxt.lower() not in _EN_IRREGULAR_PAST)
    if not (_is_content(nxt) and len(nxt) > 4):
        return False
    endings = _AGREES.get(demonstrative)
    if endings is None:  # denna, detta, dessa: any noun
        return True
    definite = _DEFINITE.search(nxt) or (demonstrative == "den" and _DEFINITE_N.search(nxt))
    return bool(definite) and nxt.lower().endswith(endings)


#: Definite nouns that take only "-n": "sektorn", "faktorn", "frågan", "skolan".
_DEFINITE_N = re.compile(r"(?:[oö]rn|[^aeiouyåäö]an)$", re.IGNORECASE)



#: Words of a place phrase besides names: "i riket", "i hela Sverige", "in the whole country",
#: "i resten av landet", "in the rest of Sweden".
_PLACE_WORDS = wordset("riket landet hela sverige country sweden whole nation the kommunen "
                       "län kommun som helhet as a overall totalt resten rest av of")
#: A place in a question: a preposition and a name, or the county, region or country; the
#: home county also as people type it, in lower case ("i jämtlands län", "in jämtland").
_PLACE_PHRASE = re.compile(
    r"\b(?:i|på|in|at)\s+(?:(?:hela|the\s+whole|the)\s+)?(?:[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*)*"
    r"(?:\s+(?:län|kommun|county|municipality))?|länet|regionen|riket|landet|county|region|"
    r"country|kommunen|(?i:j[äa]mtlands\s+l[äa]n|j[äa]mtland(?:\s+h[äa]rjedalen)?|h[äa]rjedalen|"
    r"sverige|sweden))\b")
#: A preposition of place and one word, which _names_place may find a place typed in lower
#: case ("i åre", "in norway").
_LOWER_PLACE = re.compile(r"\b(?:i|på|in|at)\s+[\w-]+", re.IGNORECASE)
#: Places said as an adverb: "och nationellt?", "and nationally?".
_PLACE_ADVERBS = wordset("nationellt nationally regionalt regionally")


#: Words that name the whole country in a place phrase ("hela landet", "riket").
_COUNTRY_WORDS = wordset("riket landet sverige country sweden nation")


def _names_place(phrase: str) -> bool:
    """Whether an elliptical follow-up is only a place: "i riket", "in Östersund", "i riket
    som helhet", "nationellt"."""
    if phrase.lower() in _PLACE_ADVERBS:
        return True
    m = re.fullmatch(r"(?:i|på|in|at)\s+(.+)", phrase, re.IGNORECASE)
    if m is None:  # "om man ser på hela landet": the place without its preposition
        return all(w.lower() in _PLACE_WORDS for w in phrase.split()) and any(
            w.lower() in _COUNTRY_WORDS for w in phrase.split())
    if all(w[:1].isupper() or w.lower() in _PLACE_WORDS or w.lower() in _GENERIC_PLACES
           for w in m.group(1).split()):
        return True
    # a municipality, county or country typed in lower case ("i ostersund", "in norway")
    named = places_named(phrase)
    return len(named) == 1 and any(
        fold(n.lower()) == fold(m.group(1).lower()) for n in named[0])


#: A genitive: Swedish definite ("industrins", "turismnäringens", "företagens") or English.
_GENITIVE = re.compile(r"\w{3,}(?:ens|ets|ns|nas|ars|ers)$|\w+['’]s$", re.IGNORECASE)


def _genitive_for_genitive(previous: str, new: str) -> str | None:
    """A follow-up that is one genitive ("och industrins?", "and tourism's?") replaces the
    genitive of the previous question ("Hur stor är turismnäringens omsättning?"), keeping
    what it is a genitive of."""
    if " " in new or not _GENITIVE.fullmatch(new):
        return None
    olds = [m for m in _words(previous) if _GENITIVE.fullmatch(m.group())
            and _is_content(m.group()) and not _verbish(m.group(), detect_language(previous))]
    if len(olds) != 1:
        return None
    old = olds[0]
    return _clean(previous[:old.start()] + new + previous[old.end():])


#: Superlatives: "högst", "lägst", "störst", "flest", "minst", "highest", "most", "least".
_SUPERLATIVE = re.compile(r"(?:\w*gst|\w*örst|minst|flest|färst|mest|bäst|sämst|\w+ast|"
                          r"\w+aste|\w+est|most|least|fewest)", re.IGNORECASE)


def _superlative_for_superlative(previous: str, new: str) -> str | None:
    """A follow-up that is one superlative ("Och högst?", "And the highest?") asks the
    previous question at the other end: its one superlative ("Vilken kommun har lägst
    arbetslöshet?") is replaced, the rest kept."""
    words = [w for w in new.split() if w.lower() not in _ARTICLES]
    if len(words) != 1 or not _SUPERLATIVE.fullmatch(words[0]):
        return None
    olds = [m for m in _words(previous) if _SUPERLATIVE.fullmatch(m.group())]
    if len(olds) != 1 or olds[0].group().lower() == words[0].lower():
        return None
    old = olds[0]
    return _clean(previous[:old.start()] + words[0] + previous[old.end():])


#: Adverbs of scope a follow-up may be alone: "även internationellt?", "and nationally?".
_SCOPE_ADVERB = re.compile(r"(?:inter)?nationellt|regionalt|lokalt|globalt|"
                           r"(?:inter)?nationally|regionally|locally|globally", re.IGNORECASE)
#: Sectors whose Swedish or English name has none of _SECTOR_HEADS.
_SECTOR_STEMS = frozenset(("turism", "tourism", "manufacturing"))


def _names_sector(word: str) -> bool:
    """Whether a word names a sector or industry ("tillverkningsindustrin", "turismen",
    "besöksnäringen", "manufacturing"), not its genitive."""
    stem = _stem(word)
    return stem.endswith(_SECTOR_HEADS) or stem in _SECTOR_STEMS


def _sector_genitive(word: str) -> bool:
    """Whether a word is a sector's Swedish genitive ("industrins", "turismens")."""
    return len(word) > 1 and word[-1].lower() == "s" and _names_sector(word[:-1])


def _sector_for_sector(previous: str, new: str) -> str | None:
    """A follow-up that names one sector ("och tillverkningsindustrin då?") asks the
    previous question of it in place of the one sector that question names ("stämmer det
    att turismen ger 7000 årsarbeten"), wherever the subject span would be ("7000
    årsarbeten" is what is counted, not whose); a genitive stays one ("industrins kunder"
    → "turismens kunder")."""
    words = [w for w in new.split() if w.lower() not in _ARTICLES]
    if len(words) != 1 or not _names_sector(words[0]):
        return None
    olds = [m for m in _words(previous) if _is_content(m.group()) and (
        _names_sector(m.group()) or _sector_genitive(m.group()))]
    if len(olds) != 1 or olds[0].group().lower() == words[0].lower():
        return None
    old, word = olds[0], words[0]
    if _sector_genitive(old.group()) and not _names_sector(old.group()):
        word += "s"
    return _clean(previous[:old.start()] + word + previous[old.end():])


#: Words of a name made of place names that is a name of its own ("Region Jämtland
#: Härjedalen").
_NAME_OF_PLACE_WORDS = 3


def _name_for_name(previous: str, new: str) -> str | None:
    """A follow-up that is only a name ("Och Berg?", "And Östersund?") replaces the one
    name of the previous question ("Hur stor andel står Åre för?"), or else its place
    ("… i Jämtland?", "… in the county?"): a name asks the same of another named thing."""
    words = new.split()
    if not words or not words[0][:1].isupper() or not all(
            w[:1].isupper() or w.lower() in _PLACE_HEADS for w in words) or (
            words[0].lower() in PREPOSITIONS):
        return None
    # "Region Jämtland Härjedalen" is an organisation's name, "Jämtland Härjedalen" a place
    names = [run for run in _capitalised_runs(previous)
             if len(run) >= _NAME_OF_PLACE_WORDS
             or not all(w.lower() in _GENERIC_PLACES for w in run)]
    if len(names) == 1:
        old = " ".join(names[0])
        at = previous.find(old)
        if at > 0:
            return _clean(previous[:at] + new + previous[at + len(old):])
    if names:
        return None
    places = list(_PLACE_PHRASE.finditer(previous))
    if places:
        last = places[-1]
        preposition = last.group().split()[0]
        return _clean(f"{previous[:last.start()]}{preposition} {new}{previous[last.end():]}")
    home = next((m for m in _words(previous) if m.group().lower() in _HOME_WORDS), None)
    if home is not None:  # "… hade länet 2018?": the county itself, as the subject
        return _clean(previous[:home.start()] + new + previous[home.end():])
    return None


#: The home county said as a noun of the question ("hade länet", "did the county").
_HOME_WORDS = wordset("länet regionen")


#: When, said without a date: "hittills", "framöver", "i dag", "so far", "in the future".
_WHEN_WORDS = (r"per\s+år|om\s+året|årligen|varje\s+år|per\s+year|a\s+year|every\s+year|"
               r"annually|hittills|tidigare|förut|innan|i\s+dag|idag|nu|numera|framöver|"
               r"i\s+framtiden|"
               r"längre\s+fram|so\s+far|in\s+the\s+past|previously|before|earlier|until\s+now|now|today|"
               r"currently|in\s+the\s+future|going\s+forward|later|from\s+now\s+on")
_WHEN = re.compile(rf"\b(?:{_WHEN_WORDS})\b", re.IGNORECASE)
_ONLY_WHEN = re.compile(rf"(?:{_WHEN_WORDS})(?:\s+(?:då|then))?", re.IGNORECASE)


_PER_YEAR = re.compile(r"per\s+år|om\s+året|årligen|varje\s+år|per\s+year|a\s+year|"
                       r"every\s+year|annually", re.IGNORECASE)
#: A question for the same at another time: "hur var det förut?", "how was it before?",
#: "what about now?".
_AT_ANOTHER_TIME = re.compile(
    rf"^\s*(?:och\s+|o\s+|and\s+)?(?:hur\s+(?:var|är|blir)\s+det|how\s+(?:was|is|will)\s+it"
    rf"(?:\s+be)?|what\s+about|hur\s+ser\s+det\s+ut)\s+(?P<when>{_WHEN_WORDS})\s*[?.!]*\s*$",
    re.IGNORECASE)


#: Spoken time words as reports write them: "förut" is "tidigare" in a report, and the
#: answer must say the time the follow-up asks for.
_WRITTEN_TIME = {"förut": "tidigare", "innan": "tidigare", "förr": "tidigare"}
#: Times to come, which a report says as what is planned or will be ("planeras", "ska").
_FUTURE = re.compile(r"framöver|i\s+framtiden|längre\s+fram|in\s+the\s+future|going\s+forward|"
                     r"later|from\s+now\s+on", re.IGNORECASE)
#: "då"/"then" after a time: "o framöver då?".
_THEN = re.compile(r"\s+(?:då|then)$", re.IGNORECASE)


def _time_subject(when: str) -> str:
    """What the answer to a follow-up for another time must say of it: the time typed, or
    nothing for a time to come, which a report says as plans ("nu planeras …"), seldom with
    the word typed."""
    return "" if _FUTURE.fullmatch(_THEN.sub("", when.strip())) else when


def _time_for_time(previous: str, new: str) -> str | None:
    """The previous question at the time a follow-up names ("o framöver?" after "hur har
    myndigheterna samarbetat hittills?", "and now?"): in place of its own time word, else
    added; None when the follow-up names more than a time."""
    if not _ONLY_WHEN.fullmatch(new.strip()):
        return None
    when = _THEN.sub("", new.strip())
    if _PER_YEAR.fullmatch(when) and _PER_YEAR.search(previous):
        return None  # asked per year already
    old = _WHEN.search(previous)
    if old is not None:
        return _clean(previous[:old.start()] + when + previous[old.end():])
    return _clean(f"{previous.rstrip(' ?.!')} {when}?")


def _edition_for_edition(previous: str, new: str) -> str | None:
    """A follow-up that only names an edition ("Och i förra uppföljningen?", "And in the
    2019 edition?") asks the previous question of that edition: its own edition phrase is
    replaced, or the new one added."""
    wish = EditionWish.of(new)
    if wish.span is None or wish.bare or not (wish.names_one or wish.newest):
        return None
    rest = (new[:wish.span[0]] + new[wish.span[1]:]).strip(" ,")
    if rest and rest.lower() not in _EDITION_LEADS:
        return None
    old = EditionWish.of(previous)
    if old.span is not None:
        start, end = old.span
        joined = re.match(r"-\w+", previous[end:])  # "2021-uppföljningen"
        end += joined.end() if joined else 0
        lead = re.search(r"\b(?:enligt|i|in|according\s+to)\s+$", previous[:start], re.I)
        if lead and re.match(r"(?:enligt|i|in|according\s+to)\b", new, re.I):
            start = lead.start()  # "enligt 2021-uppföljningen" → "i den tidigare versionen"
        if not old.bare or joined:
            return _clean(previous[:start] + new + previous[end:])
    return _clean(f"{previous.rstrip(' ?.!')} {new}?")


#: Words before an edition phrase: "i förra uppföljningen", "enligt …", "in the …".
_EDITION_LEADS = wordset("i in enligt according to according to")


#: A year said relative to the previous question's year ("året innan", "the year after").
_RELATIVE_YEARS = {"året innan": -1, "året före": -1, "året dessförinnan": -1,
                   "föregående år": -1, "year before": -1, "previous year": -1,
                   "året efter": 1, "året därpå": 1, "följande år": 1, "year after": 1,
                   "following year": 1, "next year": 1}


def _ellipsis(previous: str, remainder: str) -> str | None:
    """The previous question with its subject replaced by what the follow-up names (a year
    for its year: "… 2017?" — "Och 2019?")."""
    bare = remainder.strip(" ?.!,")
    first, _, rest = bare.partition(" ")
    if first.lower() in _YEAR_PREPOSITIONS and _YEAR.fullmatch(rest):
        bare = rest  # "and in 2019?", "och under 2019?"
    year, old_year = _YEAR.fullmatch(bare), _YEAR.search(previous)
    step = _RELATIVE_YEARS.get(re.sub(r"^(?:the|in|i)\s+", "", bare.lower()))
    if step is not None and old_year:  # "och året innan?" after "… 2017?": 2016
        then = str(int(old_year.group()) + step)
        return previous[:old_year.start()] + then + previous[old_year.end():]
    if step is not None:  # no year to count from: the phrase, added
        return f"{previous.rstrip(' ?.!')} {bare}?"
    if year and old_year:
        return previous[:old_year.start()] + year.group() + previous[old_year.end():]
    if year:  # "Och 2019?" after a question without a year: the same question, that year
        when = "in " if detect_language(previous) == "en" else ""
        return f"{previous.rstrip(' ?.!')} {when}{year.group()}?"
    new = remainder.strip(" ?.!,")
    when = _time_for_time(previous, new)
    if when is not None:
        return when
    edition = _edition_for_edition(previous, new)
    if edition is not None:
        return edition
    named = _name_for_name(previous, new)
    if named is not None:
        return named
    if _names_place(new):  # "Och i riket?", "And in Östersund?": the place changes
        if new.split()[0].lower() not in PREPOSITIONS and new.lower() not in _PLACE_ADVERBS:
            new = ("in " if detect_language(previous) == "en" else "i ") + new
        places = list(_PLACE_PHRASE.finditer(previous)) or [
            m for m in _LOWER_PLACE.finditer(previous) if _names_place(m.group())]
        if places:
            last = places[-1]
            return _clean(previous[:last.start()] + new + previous[last.end():])
        return _clean(f"{previous.rstrip(' ?.!')} {new}?")
    genitive = _genitive_for_genitive(previous, new)
    if genitive is not None:
        return genitive
    superlative = _superlative_for_superlative(previous, new)
    if superlative is not None:
        return superlative
    sector = _sector_for_sector(previous, new)
    if sector is not None:
        return sector
    if _SCOPE_ADVERB.fullmatch(new):
        # "även internationellt?" after "va gör jämtland härjedalen turism": the same
        # question at that scope, in place of a place it names, else added
        places = list(_PLACE_PHRASE.finditer(previous))
        if places:
            last = places[-1]
            return _clean(previous[:last.start()] + new + previous[last.end():])
        return _clean(f"{previous.rstrip(' ?.!')} {new}?")
    span = subject_span(previous)
    if span is None:
        return None
    if not new:
        return None
    group = _group_for_group(previous, span, new)
    if group is not None:
        return group
    where = _count_in_sector(previous, span, new)
    if where is not None:
        return where
    new_words = new.split()
    if span.preposition and new_words[0].lower() not in PREPOSITIONS:
        new = f"{span.preposition} {new}"
    after = previous[span.end:]
    qualifier = re.match(r"\s*,?\s*(\w+)\b", after)
    if qualifier and qualifier.group(1).lower() in _QUALIFIERS - _SOURCE_QUALIFIERS:
        # "inkl kringeffekter" was said of the earlier subject's figure, not of the new one
        # ("hur många jobbar i turismen inkl kringeffekter" — "och i industrin då?")
        after = "?" if previous.rstrip().endswith("?") else ""
    q = previous[:span.start] + new + after
    return _clean(q)


#: A part of the population after its preposition: "för kvinnorna", "bland unga", "for
#: women", "among young people", "bland utrikes födda".
_GROUP_PHRASE = re.compile(
    r"\b(?:för|bland|hos|for|among)\s+(?:(?:de|the)\s+)?(?P<group>\w+)"
    r"(?:\s+(?:födda|personer|människor|people|persons|\w+(?<=a)))?", re.IGNORECASE)


def _group_phrase(text: str) -> re.Match[str] | None:
    """The first phrase of `text` that narrows to a part of the population (_GROUP_PHRASE)."""
    return next((m for m in _GROUP_PHRASE.finditer(text)
                 if m.group("group").lower() in POPULATION_GROUPS), None)


def _group_for_group(previous: str, span: _Span, new: str) -> str | None:
    """The previous question for the part of the population a follow-up names ("och för
    kvinnorna?"): in place of the group it named ("… bland männen"), else after its
    subject ("Hur hög är sysselsättningsgraden för kvinnorna i jämtlands län?"), which a
    group narrows and does not replace."""
    asked = _group_phrase(new)
    if asked is None or asked.start() > 0 or asked.end() < len(new):
        return None
    old = _group_phrase(previous)
    if old is not None:
        return _clean(previous[:old.start()] + new + previous[old.end():])
    return _clean(f"{previous[:span.end]} {new}{previous[span.end:]}")


def _count_in_sector(previous: str, span: _Span, new: str) -> str | None:
    """A count of a noun with modifiers ("how many government agency jobs are there in
    jamtland?") asked again of a sector ("what about the tourism sector?"): a sector is where
    things are counted, not what is counted, so the counted noun stays and loses the
    modifiers that said where ("how many jobs are there in jamtland in the tourism
    sector?"); replacing only the subject span would break the noun phrase ("how many
    government the tourism sector")."""
    counted = _counted_noun(previous)
    new_words = [m.group() for m in _words(new)]
    if not counted or not new_words or not any(
            _names_a_grouping(w) or _stem(w).endswith(_SECTOR_HEADS) for w in new_words):
        return None
    at = previous.find(counted)
    head = _words(counted)[-1]
    if at < 0 or len(_words(counted)) < 2 or not (at <= span.start < at + len(counted)):
        return None
    lang = detect_language(previous)
    if new_words[0].lower() not in PREPOSITIONS:
        new = ("in " if lang == "en" else "inom ") + new
    kept = previous[:at] + previous[at + head.start():]
    return _clean(f"{kept.rstrip(' ?.!')} {new}?")


#: Nouns that stand for a named organisation, place or undertaking when definite
#: ("stället", "organisationen", "the organisation"): the name just talked about.
_GENERIC_ENTITIES = {
    "sv": wordset("stället platsen organisationen föreningen företaget bolaget projektet "
                  "initiativet satsningen nätverket klustret institutet myndigheten centret "
                  "centrumet"),
    # English after "the" only; a Swedish question's "grönt center" is a name
    "en": wordset("place organisation organization company project initiative network "
                  "cluster institute agency centre center")}


def _generic_for_name(words: list[str], previous: Turn, earlier: Turn | None) -> str | None:
    """The name the previous turn was about, when a question's last content word is a
    generic noun for it ("vem driver stället?", "who runs the organisation?"; English after
    "the"), with nothing after that says which one."""
    lang = detect_language(" ".join(words))
    content = [j for j, w in enumerate(words) if _is_content(w) and not _verbish(w, lang)
               and w.lower() not in _MORE and w.lower() not in _GENERIC_PLACES]
    if not content:
        return None
    j = content[-1]
    w = words[j]
    if not w.islower() or w not in _GENERIC_ENTITIES.get(lang, frozenset()) or (
            lang == "en" and (j == 0 or words[j - 1].lower() != "the")):
        return None  # "Grönt Center" is a name of its own
    if any(x.lower() in PREPOSITIONS for x in words[j + 1:]):
        return None  # "klustret för de gröna näringarna": which one, said
    referent = _referent(previous, earlier)
    if not referent or not any(x[:1].isupper() for x in referent.split()) or any(
            x.lower() == referent.split()[0].lower() for x in words):
        return None
    return referent


def _bare_indefinite(referent: str) -> bool:
    """Whether a referent is one common noun without article or definite ending
    ("samarbete", "research"): a kind of thing, not the particular one talked about."""
    words = referent.split()
    if len(words) != 1 or not words[0].islower():
        return False
    lang = detect_language(referent)
    return not (lang == "sv" and (_SV_DEFINITE_NOUN.fullmatch(words[0])
                                  or words[0].endswith("én")))  # "kommittén"


#: Reciprocal pronouns and adverbs of nearness ("ligga nära varandra"): no nouns.
_RECIPROCALS = wordset("varandra varann nära tillsammans ihop each other")


def _known_definite(question: str, previous: Turn) -> bool:
    """Whether a Swedish question's nouns are all definite common nouns, at least one of
    them a thing the previous question introduced, as a verb or after an indefinite
    determiner ("hur såg samarbetet ut innan?" after "samarbetar myndigheterna?", "finns
    det nåt samarbete?"), with no phrase of place or scope: the definite form presupposes
    that thing, so the question is about it as the previous turn was, not a subject of
    its own ("turismen" after a question about "turism" is one)."""
    nouns = _only_definite_nouns(question)
    before = [m.group().lower() for m in _words(previous.question)]
    return bool(nouns) and any(x.startswith(_stem(w)) and x != w.lower() and (
        _verbish(x, "sv") or (j > 0 and before[j - 1] in _INTRODUCING))
        for w in nouns for j, x in enumerate(before))


def _only_definite_nouns(question: str, relating: frozenset[str] = frozenset()) -> list[str]:
    """A Swedish question's nouns when they are all definite common nouns, with no phrase of
    place or scope (prepositions other than `relating` ones); else []."""
    ms = _words(question)
    if detect_language(question) != "sv" or any(
            m.group().lower() in PREPOSITIONS - relating for m in ms):
        return []  # "vad bildar myndigheterna i länet": a scope, a subject of its own
    nouns = [m.group() for i, m in enumerate(ms) if _is_content(m.group())
             and not _verbish(m.group(), "sv") and not _adverb(m.group(), "sv")
             and not _sv_infinitive(ms, i, "sv") and not _sv_supine(ms, i, "sv")
             and m.group().lower() not in _SV_SHORT_VERBS | _SV_PARTICLES | _SENTENCE_ADVERBS
             | _GENERIC_PLACES | _GENERIC_TIMES | _NO_REFERENTS | _PLACE_ADVERBS
             | _RECIPROCALS]
    if not nouns or any(not w.islower() or not (
            _SV_DEFINITE_NOUN.fullmatch(w) or w.endswith("én")) for w in nouns):
        return []
    return nouns


#: Prepositions that tie an attribute to its noun ("syftet med samarbetet"), not a scope.
_RELATING = wordset("med")


def _answer_introduced(question: str, previous: Turn) -> bool:
    """Whether a Swedish question's nouns are all definite, one of them a thing the
    previous answer spoke of only as a verb ("vad är syftet med samarbetet?" after "… I
    detta samarbetar aktörer som LRF Jämtland …"): the definite form presupposes that
    thing, so the question is about what the answer said."""
    nouns = _only_definite_nouns(question, _RELATING)
    if not nouns or not previous.answer:
        return False
    said = [m.group().lower() for m in _words(previous.answer)]
    return any(x.startswith(_stem(w)) and x != w.lower() and _verbish(x, "sv")
               for w in nouns for x in said) and not any(w.lower() in said for w in nouns)


#: Determiners that introduce a new thing ("nåt samarbete"), which a definite noun then
#: refers back to ("samarbetet").
_INTRODUCING = wordset("en ett nån nåt någon något några")


def _only_attribute(words: list[str]) -> bool:
    """Whether a framed question is about nothing but one definite noun, with no name, place
    or time of its own ("vad är syftet", "hur stor är omsättningen", "what is the purpose"):
    a property of something the question does not say."""
    content = [(j, w) for j, w in enumerate(words) if _is_content(w)]
    if len(content) != 1 or any(w.lower() in PREPOSITIONS for w in words) or (
            words[0].lower() not in _QUESTION_WORDS):  # "har utlokaliseringen skett?"
        return False
    j, w = content[0]
    if w[:1].isupper() or _verbish(w, detect_language(" ".join(words))) or _YEAR.fullmatch(w):
        return False
    if j > 0 and words[j - 1].lower() == "the":
        return True
    return len(w) > _MIN_DEFINITE_NOUN + 1 and bool(_DEFINITE.search(w)) and (
        detect_language(" ".join(words)) == "sv")


def _kind_without_domain(question: str) -> bool:
    """Whether a question asks what kind of thing (_ASKS_FOR_KIND) with nothing but that
    thing and verbs ("vilken typ av företag dominerar?", "what kinds of jobs are there?"):
    a kind is always a kind within something, and a question that names no domain, place
    or name of its own asks it within the previous subject."""
    kind = _ASKS_FOR_KIND.search(question)
    if kind is None:
        return False
    lang = detect_language(question)
    after = _words(question[kind.end():])
    if after and after[0].group().lower() in _KIND_OF:
        after = after[1:]  # "vilken typ av företag"
    if not after or not _is_content(after[0].group()):
        return False
    rest = [m.group() for m in after[1:]]
    return not any(w.lower() in PREPOSITIONS or w[:1].isupper() or (
        _is_content(w) and not _verbish(w, lang) and w.lower() not in _GENERIC_TIMES
        and w.lower() not in _SENTENCE_ADVERBS) for w in rest)


#: Adjectives of likeness that need a standard ("liknande [som X]", "similar [to X]").
_LIKENESS = wordset("liknande likadant likadan likadana similar")
#: Words that give the standard of likeness in the question itself.
_LIKENESS_STANDARD = wordset("som med to as")


def _likeness_without_standard(question: str) -> int | None:
    """Where the adjective of a question for something like … without saying like what
    ends ("finns det nåt liknande| i östersund?", "is there anything similar| in
    Östersund?"): like the previous subject, which completes it there; None if none."""
    ms = _words(question)
    for k, m in enumerate(ms):
        if m.group().lower() in _LIKENESS and not (
                k + 1 < len(ms) and ms[k + 1].group().lower() in _LIKENESS_STANDARD):
            return m.end()
    return None


def _asked_about(question: str) -> str | None:
    """What a question asks about, without its frame: from its first content word to its
    end ("Hur många personer jobbar i tillverkningsindustrin?" → "personer jobbar i
    tillverkningsindustrin"); what "dem" of a count among them stands for."""
    ms = _words(question)
    first = next((k for k, m in enumerate(ms) if _is_content(m.group())), None)
    if first is None:
        return None
    return _clean(question[ms[first].start():].rstrip(" ?.!"))


def _partitive(question: str, previous: Turn) -> Resolution | None:
    """A count or choice among the group the previous question was about: the question as
    asked with that group after it, and what it asks of them as the subject the answer must
    mention ("kvinnor"), so that the previous answer, which counted the whole group, is not
    given again as if it counted the part."""
    m = _PARTITIVE.match(question)
    if m is None:
        return None
    rest = _clean(m.group("rest"))
    asked = _clean(f"{m.group('frame')} {rest}")
    asked = asked[:1].upper() + asked[1:]
    lang = detect_language(question)
    words = [x.group() for x in _words(rest)]
    # what follows a superlative is what the group is ranked by ("har flest företag"), no
    # part of the group
    ranked = next((j for j, w in enumerate(words) if _SUPERLATIVE.fullmatch(w)
                   or _COMPARISON.search(w) and w.lower() in _COUNTING), len(words))
    if any(_is_content(w) and not _verbish(w, lang) and not _COMPARISON.search(w)
           and not (j > 0 and w[:1].isupper() and words[j - 1].lower() in PREPOSITIONS)
           for j, w in enumerate(words[:ranked])):
        # the part has a name of its own ("jobbar på myndigheter", "long-term unemployed"):
        # the group's words would rank the sentence about the whole group first again. A
        # place ("finns i Åre") is where the group is counted, no part of its own.
        return Resolution(f"{asked}?", True, "reference", rest)
    asked_before = previous.question
    completed = _COMPLETED.match(asked_before)
    if completed and _is_question(completed.group("context")):
        asked_before = completed.group("context")  # the question a fragment completed
    group = _asked_about(asked_before)
    if not group:
        return None
    return Resolution(f"{asked} ({group})?", True, "reference", rest)


#: Words that ask for more of the same without naming it ("vilka fler?", "which others?"):
#: a frame with only these is about the previous subject.
_MORE = wordset("fler flera mer andra övriga more other others else")
#: A question that ends in being part of something without saying what ("… är med?",
#: "… ingår?", "… are members?"): part of what the previous turn was about.
_MEMBERSHIP_END = re.compile(
    r"\b(?:är\s+med|var\s+med|ingår|ingick|deltar|deltog|medverkar|är\s+medlemmar|"
    r"are\s+members|were\s+members|take\s+part|takes\s+part|participate|"
    r"(?:are|is|was|were|['’]s)\s+involved|"
    r"are\s+part\s+of\s+it)\s*[?.!]*\s*$", re.IGNORECASE)


#: Possessive reference words that may begin an elliptical follow-up ("och dess
#: omsättning?", "and their customers?").
_POSSESSIVES = wordset("dess deras its their")


#: The number of reference words: "den branschen", "it" one thing; "de", "them" several.
_SINGULAR_REFERENCES = wordset("den det dess denna detta it its this that")
_PLURAL_REFERENCES = wordset("de dem dom deras dessa they them their these those")


def _reference_number(words: list[str], weak_at: int | None) -> str:
    """"sg" or "pl" for the reference word of a question that has one (the pronoun of
    _weak_reference first), "" for a place ("där", "there") or none."""
    order = ([weak_at] if weak_at is not None else []) + list(range(len(words)))
    for k in order:
        w = words[k].lower()
        if w in _SINGULAR_REFERENCES and (k == weak_at or w not in _WEAK_REFERENCES):
            return "sg"
        if w in _PLURAL_REFERENCES and (k == weak_at or w not in _WEAK_REFERENCES):
            return "pl"
    return ""


#: Prepositions that may begin a question fragment, with those of time ("Since when?").
_FRAGMENT_PREPOSITIONS = PREPOSITIONS | wordset("since sedan sen until tills")
#: A question that is only a preposition and a question word, with at most a noun and an
#: adverb after it ("Till hur många företag?", "Inom vilka områden främst?", "Since when?",
#: "In which year?"): no verb, no subject of its own; it completes the previous question.
_FRAGMENT = re.compile(
    _AND_LEAD + r"(?P<prep>[^\W\d_]+)\s+(?P<wh>hur|vilken|vilket|vilka|"
    r"när|var|vad|how|which|what|when|where|whom)\b(?P<rest>[^,;:?.!]*)[?.!]*\s*$",
    re.IGNORECASE)
#: Words a fragment may have after its question word besides one noun.
_FRAGMENT_WORDS = wordset("många mycket länge stor stort stora lång långt much many long "
                          "främst mest huvudsakligen mainly mostly chiefly då then")
#: Content words a fragment has at most after its question word ("vilka områden").
_FRAGMENT_NOUNS = 1


#: A rank asked for in place of the previous one: "And who comes second?", "Vem är tvåa?",
#: "Och vilken kommer på tredje plats?": the previous question's list, one step on.
_RANK_WORDS = wordset("second third fourth fifth next last andra tredje fjärde femte näst "
                      "nästa sista tvåa trea fyra etta")
_RANK_FRAME_WORDS = wordset("and och men but who which what vem vilken vilket vilka "
                            "comes come is are was kommer kom är var ligger hamnar the den det "
                            "på in plats place position spot")


def _rank(question: str, previous: Turn, earlier: Turn | None) -> Resolution | None:
    """A question about another rank (_RANK_WORDS) of what the last question with a
    superlative ranked ("Who is the biggest employer?"), with that question."""
    words = [m.group().lower() for m in _words(question)]
    if not words or not any(w in _RANK_WORDS for w in words) or not all(
            w in _RANK_WORDS or w in _RANK_FRAME_WORDS for w in words):
        return None
    ranked = next((t for t in (previous, earlier) if t is not None and any(
        _SUPERLATIVE.fullmatch(m.group()) for m in _words(t.question))), None)
    if not _has_frame(words) or ranked is None:
        return None
    asked = _clean(ranked.question).rstrip(" ?.!")
    return Resolution(f"{question.strip().rstrip(' ?.!')} ({asked})?", True, "short")


#: A question word alone, or with one noun ("När?", "Vem då?", "Vilka myndigheter?",
#: "Which ones?", "How many jobs?"): no verb, no subject of its own; it asks the previous
#: question's matter again, for what the question word asks.
_BARE_QUESTION_WORD = re.compile(
    _AND_LEAD + r"(?P<wh>när|var|vart|vem|vilka|vilken|vilket|hur\s+många|"
    r"hur\s+mycket|hur\s+mkt|hur\s+länge|when|where|who|which|what|how\s+many|how\s+much|"
    r"how\s+long)(?P<rest>(?:\s+[\w-]+)?)(?:\s+(?:då|exakt|egentligen|then|exactly|totalt|"
    r"sammanlagt|altogether|in\s+total))?\s*[?.!]*\s*$",
    re.IGNORECASE)


#: A measure alone ("and jobs?", "och omsättningen?", "o antal jobb?"): what to count or sum
#: changes, the subject stays.
_MEASURE_FRAGMENT = re.compile(
    r"^\s*(?:(?:och|o|men|and|but|what\s+about|how\s+about|hur\s+är\s+det\s+med)\s+)?"
    r"(?:(?:antal|antalet|number\s+of|the)\s+)?"
    r"(?:jobs|jobb(?:en)?|employees|workers|employment|anställda|årsarbeten|arbetstillfällen|"
    r"sysselsatta|sysselsättning(?:en)?|revenue|turnover|omsättning(?:en)?|intäkter(?:na)?|"
    r"andel(?:en)?|share|percentage|procent(?:en)?|full-time\s+jobs|heltidsjobb|"
    # or what it is for: "och syftet?", "and the purpose?"
    r"syfte(?:t)?|avsikt(?:en)?|purpose|aim)"
    r"(?:\s+(?:då|then))?\s*[?.!]*\s*$", re.IGNORECASE)


def _bare_question_word(question: str, previous: Turn) -> Resolution | None:
    """A bare question word (_BARE_QUESTION_WORD) with the previous question it completes:
    "När?" after "Vad gjorde Landsbygdskommittén 2017?" asks when that happened, which
    the previous question's own words find better than its subject alone. A measure alone
    (_MEASURE_FRAGMENT: "and jobs?" after "how much does tourism turn over?") is completed
    the same way: the jobs of the same subject."""
    m = _BARE_QUESTION_WORD.match(question)
    if m is None and not _MEASURE_FRAGMENT.match(question):
        return None
    if m is not None:
        rest = m.group("rest").strip()
        lang = detect_language(question)
        if rest.lower() in _MORE:
            return None  # "vilka fler?": more of the previous subject (the bare frame rule)
        if rest and rest.lower() not in ("ones", "one", "då") and (
                not _is_content(rest) or _verbish(rest, lang) or rest[:1].isupper()):
            return None
    asked = _clean(_completed_question(previous.question)).rstrip(" ?.!")
    if not asked:
        return None
    return Resolution(f"{question.strip().rstrip(' ?.!')} ({asked})?", True, "short")


#: A choice between two things with nothing else around it ("bara i sverige el
#: internationellt med?", "locally or abroad?"): a choice about what the previous turn
#: asked.
_EITHER_OR = re.compile(r"^\s*(?:(?:och|men|o|and|but)\s+)?(?:bara|endast|mest|only|mostly|"
                        r"just)?\s*[\w\s-]{2,40}?\s+(?:eller|el|or)\s+"
                        r"[\w\s-]{2,40}?\s*[?.!]*\s*$", re.IGNORECASE)
#: Words a choice fragment has at most.
EITHER_OR_WORDS = 7


def _either_or(question: str, previous: Turn) -> Resolution | None:
    """A choice fragment (_EITHER_OR) with the previous question it completes: "bara i
    sverige el internationellt med?" after "vad gör jämtland härjedalen turism?" asks
    where that organisation works, which the previous question's words find. A question
    with a frame or verb of its own ("är det stort eller litet?") is no fragment."""
    m = _EITHER_OR.match(question)
    words = [w.group() for w in _words(question)]
    if m is None or len(words) > EITHER_OR_WORDS or _has_frame(words) or any(
            _verbish(w, detect_language(question)) and w.lower() not in _SV_PARTICLES
            for w in words if _is_content(w) and not w[:1].isupper()
            and w.lower() not in _OTHER_ADVERBS):
        return None
    asked = _clean(_completed_question(previous.question)).rstrip(" ?.!")
    if not asked:
        return None
    return Resolution(f"{question.strip().rstrip(' ?.!')} ({asked})?", True, "short")


def _fragment(question: str, previous: Turn) -> Resolution | None:
    """A question fragment (_FRAGMENT) with the previous question it completes: "Till hur
    många företag?" after "Hur mycket gav regionen i företagsstöd 2018?" asks to how many
    companies that support went, which the previous question's own words find."""
    m = _FRAGMENT.match(question)
    if m is None or m.group("prep").lower() not in _FRAGMENT_PREPOSITIONS:
        return None
    lang = detect_language(question)
    rest = [w.group() for w in _words(m.group("rest"))]
    nouns = [w for w in rest if w.lower() not in _FRAGMENT_WORDS]
    if len(nouns) > _FRAGMENT_NOUNS or any(
            not _is_content(w) or _verbish(w, lang) or w[:1].isupper() for w in nouns):
        return None
    asked = _clean(previous.question).rstrip(" ?.!")
    if not asked:
        return None
    return Resolution(f"{question.strip().rstrip(' ?.!')} ({asked})?", True, "short")


#: The first or last of a list an answer gave: "vad gör den sista i listan?", "who is the
#: first one?", "och den första?".
_LIST_ORDINAL = re.compile(
    r"\b(?:den|det|the)\s+(?P<ord>sista|första|last|first)(?:\s+(?:one|en|ett))?"
    r"(?:\s+(?:i|in|on|på)\s+(?:listan|uppräkningen|the\s+list))?\b", re.IGNORECASE)
#: A list of names in an answer: "LRF Jämtland, Torsta AB, Hushållningssällskapet, Eldrimner".
_NAME = r"[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*)*"
_NAME_LIST = re.compile(rf"{_NAME}(?:\s*,\s*(?:och\s+|and\s+)?{_NAME}|\s+(?:och|and)\s+"
                        rf"{_NAME}){{2,}}")
_LAST_ORDINALS = wordset("sista last")


def _list_ordinal(question: str, previous: Turn, earlier: Turn | None) -> Resolution | None:
    """"den sista i listan" as the last (or first) name of the list the previous answer, or
    the one before it, gave."""
    m = _LIST_ORDINAL.search(question)
    after = _words(question[m.end():]) if m else []
    if m is None or (after and _is_content(after[0].group())):
        return None  # "den första co-workingplatsen" names its own noun
    for turn in (previous, earlier):
        found = _NAME_LIST.search(turn.answer or "") if turn is not None else None
        if found is None:
            continue
        names = [n.strip() for n in re.split(r"\s*,\s*|\s+(?:och|and)\s+", found.group())
                 if n.strip()]
        name = names[-1] if m.group("ord").lower() in _LAST_ORDINALS else names[0]
        resolved = question[:m.start()] + name + question[m.end():]
        return Resolution(f"{_clean(resolved).rstrip(' ?.!')}?", True, "reference",
                          referent=name)
    return None


#: "they" of what is meant by a term, with the term named: "what do they mean by green
#: industries?", "vad menar de med gröna näringar?". The pronoun is impersonal (whoever
#: uses the term), so the question stands alone.
_WHAT_THEY_MEAN = re.compile(
    _AND_LEAD + r"(?:what\s+(?:do|does|did)\s+they\s+mean\s+by|"
    r"vad\s+(?:menar|menade|avser)\s+(?:de|dom|man)\s+med)\s+(?P<term>[^?.!]+)",
    re.IGNORECASE)


def _what_they_mean(question: str) -> bool:
    """Whether a question asks what "they" mean by a term it names (_WHAT_THEY_MEAN)."""
    m = _WHAT_THEY_MEAN.match(question)
    return m is not None and any(_is_content(w.group()) for w in _words(m.group("term")))


#: What an answer says was proposed or planned: "… med förslag till utlokalisering av
#: myndigheter från Stockholm", "a proposal to relocate agencies", "planer på ett nätverk".
_PROPOSAL = re.compile(
    r"\b(?:förslag(?:et|en)?|planer(?:na)?|planen|proposals?|plans?)\s+(?:till|om|på|att|to|"
    r"for)\s+(?P<what>[^,.;:”\"]+?)(?=\s+(?:från|i|inom|för|som|med|och|from|in|within|for|"
    r"that|which|with|and)\b|[,.;:”\"]|$)", re.IGNORECASE)
#: Verbs that ask whether something proposed came about: "har det genomförts?", "hur har det
#: märkts?", "has it happened?".
_REALISED = re.compile(
    r"\b(?:märk(?:ts|tes|s)|genomför(?:ts|des|s)|verkställ(?:ts|des|s)|inför(?:ts|des)|"
    r"förverkliga(?:ts|des|s)|skett|hänt|blivit\s+av|happened|implemented|noticed|"
    r"carried\s+out|realised|realized|felt)\b", re.IGNORECASE)
#: Words that begin the real subject after a formal "det" ("har det skett några
#: förändringar?", "har det märkts nya jobb?").
_EXISTENTIAL_OBJECTS = _QUANTIFIERS | _INDEFINITE | wordset("nya fler flera mer många new "
                                                            "more many")
#: "Anything" standing alone, no noun after it: "har det märkts nåt (i Jämtland)?".
_ANYTHING = wordset("nåt något nånting någonting anything")
#: Pronouns for what was proposed ("har det genomförts?", "has it happened?").
_PROPOSED_PRONOUNS = wordset("det detta it that this")


#: Asks which ones, naming nothing: "vilka är det?", "vilka då?", "which are they?", "which
#: ones?" — after a count, the ones counted.
_WHICH_ONES_ALONE = re.compile(
    _AND_LEAD + r"(?:vilka|which)(?:\s+(?:ones?|(?:är|var|e|are|were)\s+(?:det|de|dom|dessa|"
    r"they|those|these|them)))?(?:\s+(?:då|then))?\s*[?.!]*\s*$", re.IGNORECASE)


def _which_of_count(question: str, previous: Turn) -> Resolution | None:
    """"vilka är det?" after a count ("hur många destinationer samarbetar de med?"): which
    are the ones counted, asked with the count it follows ("vilka är de destinationer (hur
    många …)?"), which a sentence that only counts them does not answer."""
    if not _WHICH_ONES_ALONE.match(question):
        return None
    asked = _clean(_completed_question(previous.question)).rstrip(" ?.!")
    if not HOW_MANY.search(asked):
        return None
    counted = _counted_noun(asked)
    if not counted:
        return None
    lead = "which are the" if detect_language(question) == "en" else "vilka är de"
    return Resolution(f"{lead} {counted} ({asked})?", True, "reference", referent=counted)


def _realised(question: str, previous: Turn) -> Resolution | None:
    """Whether what the previous answer proposed came about, asked with a pronoun ("har det
    genomförts nånstans?", "har det märkts nåt av det i jämtland?" after "… med förslag
    till utlokalisering av myndigheter"): the question with its last such pronoun the thing
    proposed, not the proposal's author or document."""
    if not previous.answer or not _REALISED.search(question):
        return None
    proposal = _PROPOSAL.search(previous.answer)
    if proposal is None:
        return None
    ms = _words(question)
    at = [k for k, m in enumerate(ms) if m.group().lower() in _PROPOSED_PRONOUNS and not (
        k + 1 < len(ms) and _nounish_after(ms[k + 1].group(), m.group().lower()))]
    if not at:
        return None
    verb = _REALISED.search(question)
    after = [w.group().lower() for w in _words(question[verb.end():])]
    if (ms[at[-1]].start() < verb.start() and after and after[0] in _EXISTENTIAL_OBJECTS
            and not (after[0] in _ANYTHING and (len(after) == 1 or after[1] in PREPOSITIONS))):
        return None  # "har det skett några förändringar?": a formal "det" (not "har det
        # märkts nåt i Jämtland?", where "nåt" is no subject of its own)
    what = proposal.group("what").strip()
    m = ms[at[-1]]
    resolved = question[:m.start()] + what + question[m.end():]
    return Resolution(f"{_clean(resolved).rstrip(' ?.!')}?", True, "reference", referent=what)


#: "samma samarbete", "the same cluster": the same one as the previous turn's subject, when
#: the question does not say as what ("samma … som", "the same … as") and compares no two
#: things of its own ("har Åre och Östersund samma …?").
_SAME = re.compile(r"\b(?:samma|the\s+same)\s+(?P<noun>[\w-]+)\b(?!\s+(?:som|as)\b)",
                   re.IGNORECASE)
_COMPARES_TWO = wordset("och eller båda bägge and or both")


def _same_as(question: str, previous: Turn, earlier: Turn | None) -> Resolution | None:
    """A question about "samma X" (_SAME) with what X is the same as: "vilka fler är med i
    samma samarbete?" after "vad är Eldrimner?" → "… i samma samarbete som Eldrimner?"."""
    m = _SAME.search(question)
    words = [w.group().lower() for w in _words(question)]
    opener = _OPENER.match(question)
    after = _words(question[m.end():]) if m else []
    if m is None or (opener and opener.end() > 0) or any(w in _COMPARES_TWO for w in words) or (
            after and after[0].group().lower() in PREPOSITIONS):
        return None  # "samma fråga för turismen", "samma siffra för riket": an ellipsis
    if any(w in _STRONG_REFERENCES or w in _SUBJECT_PRONOUNS for w in words) or (
            _weak_reference(question) is not None):
        return None  # "har de samma mål?": the pronoun is what the previous turn was about
    noun = m.group("noun")
    lang = detect_language(question)
    if not _is_content(noun) or _verbish(noun, lang) or noun.lower() in _MORE:
        return None
    referent = _referent(previous, earlier)
    if not referent or any(w.group().lower() in words for w in _words(referent)):
        return None
    joined = " as " if lang == "en" else " som "
    resolved = question[:m.end()] + joined + referent + question[m.end():]
    return Resolution(f"{_clean(resolved).rstrip(' ?.!')}?", True, "reference",
                      referent=referent)


#: "det där stället", "den här branschen": a demonstrative with "där"/"här" before its
#: noun is the demonstrative alone ("det stället"), not a place.
_DEMONSTRATIVE_THERE = re.compile(r"\b(den|det|de|dom)\s+(?:där|här)\s+(?=\w{4,})",
                                  re.IGNORECASE)


#: A share that something accounts for, without saying of what: "Hur stor andel står Åre
#: för?", "Vilken andel står turismen för?", "What share does Åre account for?".
_SHARE_OF_NOTHING = re.compile(
    _AND_LEAD + r"(?:(?:hur\s+stor|vilken)\s+(?:andel|del)\s+(?:står|stod)\s+"
    r"[^,;:?]+?\s+för|(?:what|which)\s+(?:share|proportion|percentage)\s+(?:does|did)\s+"
    r"[^,;:?]+?\s+account\s+for)\s*[?.!]*\s*$", re.IGNORECASE)


#: Zipf units a function word with å, ä or ö must be more common than its folded form, in
#: Swedish and English, to be read for it ("pa" → "på"; "namn", "bor", "for" are words).
_FOLD_GAIN = 1.0


@lru_cache(maxsize=1)
def _unfolded_function_words() -> dict[str, str]:
    """Folded form → the function word of these rules it is typed for without å, ä, ö
    ("manga" → "många", "pa" → "på", "da" → "då", "ar" → "är")."""
    words = (INTERROGATIVES | PREPOSITIONS | _COUNTING | _SENTENCE_ADVERBS | _QUANTIFIERS
             | set(_STRONG_REFERENCES) | _SV_AUXILIARIES | _EXISTENTIAL_VERBS
             | _SV_SHORT_VERBS | _NO_REFERENTS | _FRAGMENT_WORDS)
    out: dict[str, str] = {}
    for w in sorted(words, key=lambda x: -zipf(x, "sv")):
        folded = fold(w)
        gain = zipf(w, "sv") - max(zipf(folded, "sv"), zipf(folded, "en"))
        if folded != w and folded not in out and gain >= _FOLD_GAIN:
            out[folded] = w  # not "for" → "för", "far" → "får": English words too
    return out


#: Function words as chat types them, by language: spoken forms ("mycke", "nåra") and an
#: English contraction without its apostrophe ("whats its goal"). The rules know them as
#: written.
_TYPED_FOR = {
    "sv": {"mycke": "mycket", "nåra": "några", "sånna": "såna", **LETTER_WORDS,
           "jmf": "jämfört"},
    "en": {"whats": "what's", "wheres": "where's", "whos": "who's", "hows": "how's",
           "thats": "that's", "why's": "why is", "whys": "why is"},
}


def _as_spelled(question: str) -> str:
    """A Swedish question with its function words typed without å, ä, ö spelled out ("i
    ostersund da?" → "i ostersund då?", "hur manga jobbar pa …" → "hur många jobbar på
    …"), and function words typed as spoken written out (_TYPED_FOR): the rules know them
    as spelled. English is left as typed ("for" is no "för") but for its contractions."""
    lang = detect_language(question)
    unfolded = _unfolded_function_words() if lang == "sv" else {}
    typed = _TYPED_FOR.get(lang, {})

    def one(m: re.Match[str]) -> str:
        w = typed.get(m.group().lower()) or unfolded.get(m.group().lower())
        if w is None:
            return m.group()
        return w.capitalize() if m.group()[:1].isupper() else w

    return _WORD.sub(one, question)


#: Words of chat before a follow-up ("ok, och i Åre?", "tack! vad omsätter den?", "thanks!
#: what about tourism?"): they ask nothing.
_CHAT_OPENER = re.compile(
    r"^\s*(?:(?:ok|okej|okay|tack|tackar|thanks|thank\s+you|great|bra|aha|ah|jaha|ja|yes|"
    r"hmm+|intressant|interesting|perfekt|perfect|super|nice|cool|toppen|fint|good)"
    r"(?:\s+(?:så\s+mycket|så|then|a\s+lot))?"
    # the thanks ends at its punctuation, where a "but" begins the follow-up, or alone
    r"(?:\s*[,.!:;]+\s*|\s+(?=(?:men|but)\s)|\s*$))+", re.IGNORECASE)


def resolve(question: str, previous: Turn | None, earlier: Turn | None = None
            ) -> Resolution:
    """`question` as a question that stands alone, given the turn before it (resolved) and
    the one before that (`earlier`, for a reference past a turn that named no subject)."""
    question = _clean(question)
    chat = _CHAT_OPENER.match(question + " ") if previous is not None else None
    if chat and chat.end() >= len(question):
        return Resolution(question)  # "ok.", "tack!": nothing asked, no subject to replace
    if chat:
        # "tack! och turismen?", "ok, what about tourism?": the follow-up after the thanks
        resolved = resolve(question[chat.end():], previous, earlier)
        return resolved if resolved.followup else Resolution(question)
    spelled = _as_spelled(question) if previous is not None else question
    if spelled != question:
        # resolved as spelled; a question that stands alone stays exactly as typed
        resolved = resolve(spelled, previous, earlier)
        return resolved if resolved.followup else Resolution(question)
    plain = _DEMONSTRATIVE_THERE.sub(r"\1 ", question)
    if plain != question:
        resolved = _resolve(plain, previous, earlier)
        return resolved if resolved.followup else Resolution(question)
    focused = _FOCUS_FRAGMENT.match(question) if previous is not None else None
    if focused:
        # "o bara i åre?": the same question for Åre alone, as "och i åre?" asks it
        return resolve(question[:focused.start("focus")] + question[focused.end("focus"):],
                       previous, earlier)
    moved_in = _MOVED_IN.search(question) if previous is not None else None
    if moved_in:
        # "hur många har flyttat in?" after the name of a place: moved in there
        there = " there" if detect_language(question) == "en" else " där"
        resolved = _resolve(question[:moved_in.end()] + there + question[moved_in.end():],
                            previous, earlier)
        return resolved if resolved.followup else Resolution(question)
    example = _EXAMPLE_IN.match(question) if previous is not None else None
    if example:
        # "any example in åre?", "ge ett exempel i Åre": whether there are any of what the
        # conversation is about there, as "are there any in Åre?" asks
        exists = "are there any" if detect_language(question) == "en" else "finns det några"
        resolved = _resolve(f"{exists} {example.group('where')}?", previous, earlier)
        return resolved if resolved.followup else Resolution(question)
    return _resolve(question, previous, earlier)


#: A verb of moving in with no place after it, which means moving into the place the
#: conversation is about: "hur många har flyttat in?", "how many have moved in?".
_MOVED_IN = re.compile(r"\b(?:flytta[rt]?|flyttade|moved?|moving)\s+in\b(?=\s*[?.!]*\s*$)",
                       re.IGNORECASE)
#: A fragment that narrows with a focus adverb before its preposition: "o bara i åre?",
#: "and only in Östersund?".
_FOCUS_FRAGMENT = re.compile(
    r"^\s*(?:(?:och|o|and|men|but)\s+)?(?P<focus>(?:bara|endast|enbart|only|just)\s+)"
    r"(?:i|in|på|at|för|for|inom|within)\s+[^?.!]+[?.!]*\s*$", re.IGNORECASE)
#: Asks for an example at a place, naming no thing it is of: "any example in åre?", "ge
#: ett exempel i Åre", "examples in östersund?".
_EXAMPLE_IN = re.compile(
    r"^\s*(?:(?:and|och|o)\s+)?(?:(?:any|an|some|ge\s+(?:ett|nåt|några)|nåt|något|några|"
    r"ett)\s+)?(?:exempel|examples?)\s+(?P<where>(?:i|in|från|from|på|at)\s+[^?.!]+?)"
    r"\s*[?.!]*\s*$", re.IGNORECASE)


def _resolve(question: str, previous: Turn | None, earlier: Turn | None = None
             ) -> Resolution:
    """resolve() of a question whose demonstratives stand without "där"/"här"."""
    if previous is None or not question:
        return Resolution(question)
    if _what_they_mean(question):
        return Resolution(question)  # "what do they mean by green industries?": impersonal
    another_time = _AT_ANOTHER_TIME.match(question)
    if another_time and previous.question.strip():
        when = another_time.group("when")
        when = _WRITTEN_TIME.get(when.lower(), when)
        at = _time_for_time(_clean(_completed_question(previous.question)), when)
        if at is not None:  # "hur var det förut?" after "… samarbeta framöver?"
            return Resolution(at, True, "ellipsis", _time_subject(when))
    if previous.answer and _STATEMENT_QUESTION.match(question):
        # the answer's sentence is what "det" stands for; retrieval finds it, and the
        # sentence after it that leans on it ("Det innebär att …") when there is one
        return Resolution(f"{question.rstrip(' ?.!')} ({previous.answer.strip()})?", True,
                          "statement")
    other = (_the_other(question, previous) or _realised(question, previous)
             or _which_of_count(question, previous)
             or _list_ordinal(question, previous, earlier))
    if other is not None:
        return other
    if _JUDGES_THE_ANSWER.match(question) or (
            _COUNTS_THE_ANSWER.match(question) and _asks_for_figure(previous.question)):
        # "är det mycket jämfört med riket?": the figure just given, compared (the question
        # a completed one was completed with, so that a chain does not nest)
        asked = _clean(_completed_question(previous.question)).rstrip(" ?.!")
        return Resolution(f"{question.rstrip(' ?.!')} ({asked})?", True, "statement")
    if _INCLUDED.match(question) and previous.question.strip():
        # "räknas kringeffekter med?", "does that include spin-off effects?": of the figure
        # the previous question asked for
        asked = _clean(_completed_question(previous.question)).rstrip(" ?.!")
        return Resolution(f"{question.rstrip(' ?.!')} ({asked})?", True, "statement")
    partitive = _partitive(question, previous)
    if partitive is not None:
        return partitive
    if (_BARE_WHY.match(question) or _KIND_OF_IT.match(question)) and (
            previous.question.strip()):
        # "Varför då?": the reason for what the previous turn asked about, which its own
        # words find, as for a fragment
        asked = _clean(_completed_question(previous.question)).rstrip(" ?.!")
        return Resolution(f"{question.rstrip(' ?.!')} ({asked})?", True, "short")
    fragment = (_fragment(question, previous) or _bare_question_word(question, previous)
                or _either_or(question, previous)
                or _rank(question, previous, earlier) or _any_that(question)
                or _same_as(question, previous, earlier))
    if fragment is not None:
        return fragment
    ms = [m.group() for m in _words(question)]
    opener = _OPENER.match(question)
    has_opener = opener is not None and opener.end() > 0
    remainder = question[opener.end():] if has_opener else question
    remainder = _TRAILER.sub("", remainder.rstrip(" ?.!")).strip()
    rest_words = [m.group() for m in _words(remainder)]
    framed = _has_frame(rest_words)
    weak_at = _weak_reference(question)
    weak = weak_at is not None
    # a yes/no question about "de" ("samarbetar de med företagen?") has its frame in its
    # word order
    framed = framed or _inverted_subject(_words(question)) is not None or (
        _verb_first(rest_words) and bool(_OPENER_AND.match(question)))
    has_reference = weak or any(w.lower() in _STRONG_REFERENCES for w in ms) or any(
        w.lower() in _DEMONSTRATIVES for w in ms) or _has_bare_quantifier(question)

    # 0. A subject put first ("och industrin, hur många jobbar där?"): the reference in the
    # question after it points to that subject, not to the previous turn's.
    dislocated = _DISLOCATED.match(remainder)
    if dislocated and has_reference:
        subject, rest = dislocated.group("subject"), dislocated.group("rest")
        subject_words = [m.group() for m in _words(subject)]
        rest_words_only = [m.group() for m in _words(rest)]
        if (_has_frame(rest_words_only) and not _has_frame(subject_words)
                and any(_is_content(w) for w in subject_words)):
            resolved, changed = _replace_references(rest, subject, weak, within=True)
            if changed:
                resolved = resolved[:1].upper() + resolved[1:]
                return Resolution(f"{resolved.rstrip(' ?.!')}?", True, "reference",
                                  subject.strip())
    # 1. A reference: resolve it against the previous subject (or the name it got).
    if has_reference and framed:
        reference_number = _reference_number(ms, weak_at)
        referent = _referent(previous, earlier, reference_number,
                             _after_preposition(ms, weak_at), place=not reference_number and any(
                                 _STRONG_REFERENCES.get(w.lower()) == "place" for w in ms))
        if referent:
            resolved, changed, used = _replace_references_as(question, referent, weak,
                                                             previous, weak_at=weak_at)
            if changed:
                referent = used or referent  # "that industry": the sector it took
                if has_opener:
                    resolved = _clean(_OPENER.sub("", resolved, count=1))
                    resolved = resolved[:1].upper() + resolved[1:]
                added = _COMPLETED.match(resolved)
                if added and not _is_question(added.group("context")) and not any(
                        w[:1].isupper() for w in added.group("context").split()):
                    # "när dök den trenden upp (co-working)?": what the phrase was of, not
                    # a name the previous answer gave, is what the next turn refers to
                    referent = added.group("context").strip()
                return Resolution(resolved, True, "reference", referent=referent)
    # 2. An ellipsis: an opener, or too short to stand alone, without a frame of its own.
    # Anything else (an opener before a question of its own, "Och hur många företag finns
    # det?", included) stands alone.
    content = [w for w in rest_words if _is_content(w)]
    # 2a. A bare frame ("Vilka är med?", "Varför då?", "Who takes part?"): a question with
    # nothing of its own to be about is about the previous subject, also when its only
    # pronoun is formal ("how many are there?", "hur många finns det?") and so was not
    # replaced above.
    own = [w for w in content if w.lower() not in _MORE]
    if framed and not own:
        counts = any(w.lower() in _COUNT_FRAMES or w.lower() == "many" for w in rest_words)
        referent = _referent(previous, earlier, "pl" if counts else "")
        if referent:
            return Resolution(f"{question.rstrip(' ?.!')} ({referent})?", True, "short",
                              referent=referent)
    # 2a*. A kind asked for with no domain ("vilken typ av företag dominerar?", "what kind
    # of jobs are there?"), or a likeness with nothing to be like ("finns det nåt liknande i
    # östersund?"): within, or like, the previous subject.
    if framed and _kind_without_domain(question):
        referent = _referent(previous, earlier)
        if referent:
            return Resolution(f"{question.rstrip(' ?.!')} ({referent})?", True, "short",
                              referent=referent)
    likeness = _likeness_without_standard(question) if framed else None
    if likeness is not None:
        referent = _referent(previous, earlier)
        if referent:
            # the standard in its place ("nåt liknande som house be i östersund"): something
            # like it is a new thing, which the question's own words name for the next turn
            # ("what do people do there?" is in åre, not in what it was like)
            standard = "to" if detect_language(question) == "en" else "som"
            return Resolution(_clean(f"{question[:likeness].rstrip(' ?.!')} {standard} "
                                     f"{referent} {question[likeness:].rstrip(' ?.!')}"),
                              True, "short")
    # 2a'. A bare definite head noun ("hur många jobbar i branschen?") after a compound with
    # that head ("turismbranschen"): "branschen" is that compound, as "den branschen" is.
    if framed and not has_reference:
        headed = _bare_head(question, previous)
        if headed is not None:
            return Resolution(headed, True, "reference")
    # 2a''. A generic noun for what the previous turn named ("vem driver stället?", "hur
    # många medlemmar har klustret?", "who runs the organisation?"): that name.
    if framed and not has_reference:
        named = _generic_for_name(rest_words, previous, earlier)
        if named:
            return Resolution(f"{question.rstrip(' ?.!')} ({named})?", True, "short",
                              referent=named)
    # 2b. A frame with only an attribute ("och vad är syftet?", "what is the purpose?"): the
    # attribute is of the previous subject.
    if framed and not has_reference and _only_attribute(rest_words):
        referent = _referent(previous, earlier)
        if referent:
            context = referent
            if _bare_indefinite(referent) and _is_question(previous.question):
                # "vad är syftet?" after "vad planerar myndigheterna för samarbete?": a bare
                # noun is no thing of its own; the question says whose it is
                context = _clean(_completed_question(previous.question)).rstrip(" ?.!")
            return Resolution(f"{question.rstrip(' ?.!')} ({context})?", True, "short",
                              referent=referent)
    # 2c'. A share without of what ("Hur stor andel står Åre för?", "What share does Åre
    # account for?"): a share of what the previous turn counted.
    if framed and not has_reference and _SHARE_OF_NOTHING.match(question):
        referent = _referent(previous, earlier)
        if referent:
            return Resolution(f"{question.rstrip(' ?.!')} ({referent})?", True, "short",
                              referent=referent)
    # 2c. Membership without what of ("hur många företag är med?", "vilka myndigheter
    # ingår?", "what organisations are members?"): members of the previous subject.
    if framed and not has_reference and _MEMBERSHIP_END.search(question):
        referent = _referent(previous, earlier)
        if referent:
            return Resolution(f"{question.rstrip(' ?.!')} ({referent})?", True, "short",
                              referent=referent)
    # 2d. Only definite nouns, of a thing the previous turn spoke of ("hur såg samarbetet
    # ut innan?"): about what the previous question asked, which its own words find.
    if not has_opener and not has_reference and _known_definite(question, previous) and (
            previous.question.strip()):
        asked = _clean(_completed_question(previous.question)).rstrip(" ?.!")
        return Resolution(f"{question.rstrip(' ?.!')} ({asked})?", True, "short")
    if not has_opener and not has_reference and _answer_introduced(question, previous):
        # "vad är syftet med samarbetet?" after an answer on who "samarbetar" in Grönt
        # Center: about what that answer said, which its words find
        return Resolution(f"{question.rstrip(' ?.!')} ({previous.answer.strip()})?", True,
                          "statement")
    elliptic = has_opener or len(content) <= SHORT_CONTENT_WORDS
    if rest_words and not framed and rest_words[0].lower() in _POSSESSIVES and len(
            rest_words) > 1:
        # "och dess omsättning?", "and its turnover?": an attribute of the previous
        # subject, asked for, not a subject in its place
        referent = _referent(previous, earlier, _reference_number(rest_words, None))
        if referent:
            owned, changed = _replace_references(remainder, referent, within=True)
            if changed:
                what = "Vad är"
                if detect_language(question) == "en":
                    what = "What are" if _plural(rest_words[-1], "en") else "What is"
                return Resolution(f"{what} {owned.rstrip(' ?.!')}?", True, "reference",
                                  referent=referent)
    if elliptic and rest_words and not framed and content:
        base, context = _group_context(_completed_question(previous.question))
        resolved = _ellipsis(base, remainder)
        if resolved and context and resolved != base:
            # the asked part changes; the group it is asked of stays ("(skier days …)")
            resolved = f"{resolved.rstrip(' ?.!')} ({context})?"
            base = previous.question
        if resolved and resolved != base:
            named = remainder.strip(" ?.!,")
            years = [y for y in _YEAR.findall(resolved) if y not in _YEAR.findall(base)]
            if years and not _YEAR.search(named):
                named = years[0]  # "och året innan?": the year it stands for
            if _superlative_for_superlative(base, named) == resolved:
                named = ""  # the other end of the same subject, no subject of its own
            named = _time_subject(named)  # "o framöver?": no word the answer must say
            return Resolution(resolved, True, "ellipsis" if has_opener else "short", named)
    if previous.answer and (_CONTINUES.search(question) or _HERE_OR_THERE.search(question)):
        # "men samarbetar företagen här?", "brukar de ligga nära varann då?": a question of
        # its own, put as the next turn of the conversation, which goes on through the
        # report: answered as typed, with the answer just read as where to look first
        return Resolution(question, True, "continues")
    return Resolution(question)


#: A question put as the next turn of a conversation: opened by "men"/"but"/"så"/"so", or
#: closed by "då"/"ändå"/"then"/"though"/"anyway" ("men samarbetar företagen?", "brukar
#: företagen samarbeta då?"). In the conversation sets 235 follow-up turns and no first turn
#: or topic shift are put so.
_CONTINUES = re.compile(r"^\s*(?:men|but|så|so)\b|\b(?:då|ändå|then|though|anyway)\s*[?.!]*\s*$",
                        re.IGNORECASE)
#: … or by where the conversation is, left as typed ("brukar företagen där samarbeta?",
#: "are companies there used to working together?"); not "there is/are".
_HERE_OR_THERE = re.compile(r"\b(?:där|här|here)\b|(?<!\bare\s)(?<!\bis\s)(?<!\bwas\s)"
                            r"(?<!\bwere\s)\bthere\b(?!\s+(?:is|are|was|were|'s)\b)",
                            re.IGNORECASE)


def _names_cased(question: str, answer: str | None) -> str:
    """`question` with the names its answer writes typed as the answer writes them ("vad
    jobbar jamtland harjedalen turism med" → "vad jobbar Jämtland Härjedalen Turism med",
    "iuc-z" → "IUC-Z"), so a follow-up finds the name a phone-typed question asked about.
    Only names of two words or more, or with a capital inside ("IUC-Z"), are restored: a
    lone capitalised word may begin the sentence."""
    if not answer:
        return question
    folded = fold(question.lower())
    out = question
    for run in _capitalised_runs(answer):
        if len(run) < 2 and not any(c.isupper() for c in run[0][1:]):
            continue
        name = " ".join(run)
        words = [re.escape(fold(w.lower())) for w in run]
        for m in re.finditer(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?![\w-])", folded):
            if m.end() - m.start() == len(name):  # spaced as the answer spaces it
                out = out[:m.start()] + name + out[m.end():]
    return out


#: Asks for others of a kind than the conversation has named ("vilka fler myndigheter har
#: flyttat hit?", "nån annan aktör?", "which other agencies?"): answered only by a sentence
#: that names one more.
_OTHERS = re.compile(r"\b(?:vilka|vilken|vilket|nån|någon|några|nåt|något|which|any|what)\s+"
                     r"(?:fler|andra|annan|annat|mer|övriga|other|more)\b", re.IGNORECASE)


def asks_for_others(question: str) -> bool:
    """Whether `question` asks for others than those already named (_OTHERS)."""
    return _OTHERS.search(question) is not None


def earlier_questions(history: Sequence[Turn]) -> str:
    """The earlier turns' questions as one text: the names a question for others
    (asks_for_others) has asked about."""
    return " ".join(t.question for t in history[-HISTORY_MAX_TURNS:])


def earlier_answers(history: Sequence[Turn]) -> str:
    """The earlier turns' answers as one text: the names a question for others has been
    given."""
    return " ".join(t.answer or "" for t in history[-HISTORY_MAX_TURNS:])


def resolve_conversation(question: str, history: Sequence[Turn]) -> Resolution:
    """Resolve `question` after `history` (oldest first): each earlier question is resolved
    against its own predecessor first, so a chain of follow-ups keeps its subject."""
    turns = list(history)[-HISTORY_MAX_TURNS:]
    previous: Turn | None = None
    earlier: Turn | None = None
    for turn in turns:
        r = resolve(turn.question, previous, earlier)
        asked = _names_cased(r.question if r.followup else _as_spelled(r.question),
                             turn.answer)
        previous, earlier = Turn(asked, turn.answer, r.referent), previous
    return resolve(question, previous, earlier)
