"""General-language word knowledge: frequencies (wordfreq), stemming and Swedish compounds.

- `zipf(word, lang)`: how common a word is in general Swedish or English (0 = unknown,
  7 = "och"/"the"); used to weight question words by how informative they are.
- `rarity(word, lang)`: the informativeness weight derived from it.
- `split_compound(word)`: a frequency-based Swedish compound splitter:
  "tillverkningsindustrin" → ("tillverkning", "industrin"), "turismklustret" →
  ("turism", "klustret"). Only rare words are split, into parts that are common words
  themselves (a linking -s- is dropped), so "utanför" or "förslag" stay whole.
"""

from __future__ import annotations

import math
from functools import lru_cache


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text` as a set (for word lists in code)."""
    return frozenset(text.split())


#: Function words and inflection endings that are never accepted as compound parts.
_NOT_PARTS = wordset(
    "och att det som en på är av för med till den har de inte om ett han men var jag sig "
    "från vi så kan man när år hon under också efter eller nu sin där vid mot ska ut får "
    "finns vara hade alla andra än här då sedan över bara in blir upp hur vad vem ingen inga "
    "utan före fram åter emot mellan genom samt sam dess dem deras din min mitt sitt vår ens "
    "are ande ende arna erna orna ella elle het heten ning ningar lig liga ligt isk iska else "
    "elser ter der ser"
)
MIN_HEAD = 3
MIN_PART = 4
MAX_SPLIT_ZIPF = 3.5  # words more common than this are left whole
MAX_PARTS = 3
#: A word this common with an inflection ending after it is that word inflected.
MIN_INFLECTED_ZIPF = 3.0
#: The vowel a Swedish compound links with in place of its first word's -a ("varu-",
#: "gatu-"); not -o-, whose compounds are words of their own more often ("lärosäte").
_LINKING_VOWELS = ("u",)
#: Swedish inflection endings (definite, plural, genitive) a compound check strips.
_INFLECTIONS = ("t", "n", "s", "a", "e", "en", "et", "na", "ns", "ts", "er", "ar", "or")


@lru_cache(maxsize=4)
def _frequencies(lang: str) -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict(lang, wordlist="large")


@lru_cache(maxsize=1 << 18)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency of a lower-case word in general `lang` ("sv" or "en"); 0.0 when
    unknown. The same as wordfreq.zipf_frequency for such words, looked up directly."""
    f = _frequencies(lang).get(word, 0.0)
    return round(math.log10(f) + 9, 2) if f > 0 else 0.0


def rarity(word: str, lang: str) -> float:
    """Informativeness of a question word, 0.5 (very common) … 6 (rare or unknown: names)."""
    if word.isdigit():
        return 5.0
    return min(6.0, max(0.5, 7.0 - zipf(word, lang)))


@lru_cache(maxsize=4)
def stemmer(lang: str):
    import Stemmer

    return Stemmer.Stemmer("swedish" if lang == "sv" else "english")


@lru_cache(maxsize=1 << 18)
def stem(word: str, lang: str = "sv") -> str:
    """Snowball stem; for Swedish, a stem still ending in -het is stemmed once more, as
    Snowball stems "myndighet" to "mynd" but "myndigheternas" only to "myndighet"."""
    s = stemmer(lang).stemWord(word)
    if lang == "sv" and s.endswith("het") and len(s) > 6:
        s = stemmer(lang).stemWord(s)
    return s


#: How common a noun in -are must be for a compound's head without its -e to be read as
#: it ("ägar" of "ägare", zipf 4.45; "lärar" of "lärare").
AGENT_HEAD_ZIPF = 3.5


def _known(part: str, first: bool) -> bool:
    n = len(part)
    if n < (MIN_HEAD if first else MIN_PART) or part in _NOT_PARTS:
        return False
    need = 4.0 if n <= 3 else 2.5 if n == 4 else 2.0 if n <= 6 else 1.0
    return zipf(part, "sv") >= need or (not first and n >= 7 and zipf(stem(part), "sv") >= need)


def _score(parts: tuple[str, ...]) -> float:
    mean = sum(zipf(p, "sv") + 0.3 * min(len(p), 8) for p in parts) / len(parts)
    return mean - 1.5 * (len(parts) - 2)


@lru_cache(maxsize=1 << 16)
def _split(word: str, first: bool) -> tuple[str, ...]:
    best: tuple[float, tuple[str, ...]] | None = None
    for i in range(MIN_HEAD if first else MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:i], word[i:]
        tails: list[tuple[str, ...]] = []
        if _known(tail, False):
            tails.append((tail,))
        if len(tail) >= 2 * MIN_PART:
            sub = _split(tail, False)
            if sub:
                tails.append(sub)
        if not tails:
            continue
        # the head as written, without a linking -s- ("tillverknings" → "tillverkning"), or
        # with its -a back for a linking -u- ("varu|exporten" → "vara", "gatu|belysning")
        heads = [h for h in (head, head[:-1] if head.endswith("s") else "")
                 if h and _known(h, first)]
        if head.endswith(_LINKING_VOWELS) and len(head) >= MIN_HEAD:
            # a noun: "vara" is one here, though as a verb it is no part of compounds
            base = head[:-1] + "a"
            if zipf(base, "sv") >= (4.0 if len(base) <= 3 else 2.5 if len(base) == 4 else 2.0):
                heads.append(base)
        if not heads and len(head) >= MIN_PART and head.endswith("ar") and (
                zipf(head + "e", "sv") >= AGENT_HEAD_ZIPF):
            heads.append(head + "e")  # an agent noun loses its -e: "ägar|skifte" (ägare)
        head_parts = [(h,) for h in heads]
        if not heads and len(head) >= 2 * MIN_PART:
            # a head that is a compound itself: "ägarskiftes|projektet"
            for h in (head, head[:-1] if head.endswith("s") else ""):
                sub = _split(h, first) if len(h) >= 2 * MIN_PART else ()
                if sub:
                    head_parts.append(sub)
        for hp in head_parts:
            for t in tails:
                parts = (*hp, *t)
                if len(parts) > MAX_PARTS or (len(parts) > 2 and min(map(len, parts)) <= 4):
                    continue
                score = _score(parts)
                if best is None or score > best[0]:
                    best = (score, parts)
    return best[1] if best else ()


def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a rare Swedish compound word, or () when it is not one."""
    if len(word) < MIN_HEAD + MIN_PART or not word.isalpha():
        return ()
    # A common word, or an inflected form of one ("sektorns" of "sektorn"), is no compound.
    if any(zipf(word[: len(word) - n], "sv") >= MAX_SPLIT_ZIPF for n in range(0, 4)):
        return ()
    if zipf(stem(word), "sv") >= MAX_SPLIT_ZIPF:
        return ()
    # an inflected form of a word that is no compound ("betänkandet" of "betänkande"), not
    # a head and a scrap ("betänk" + "andet")
    if any(word.endswith(end) and zipf(word[:-len(end)], "sv") >= MIN_INFLECTED_ZIPF
           and not _split(word[:-len(end)], True) for end in _INFLECTIONS):
        return ()
    return _split(word, True)


def compound_parts(word: str) -> tuple[str, ...]:
    """All parts of a compound, the parts of its parts too:
    "turismforskningsinstitutet" → turism, forskningsinstitutet, forskning, institutet."""
    out: list[str] = []
    todo = list(split_compound(word))
    while todo:
        p = todo.pop(0)
        if p not in out:
            out.append(p)
            todo.extend(_split(p, False) if len(p) >= 2 * MIN_PART else ())
    return tuple(out)


_EN_NON_NOUN = ("ly", "ed", "ing", "ive", "ous", "ful", "able", "ible", "ial", "ical", "less")
#: A word in -as is a verb's passive when the word without its -s is this common ("vänta"
#: 5.2, "rekrytera" 3.9), not a noun ("atlas": "atla" 1.1, "ananas").
PASSIVE_ZIPF = 3.0
_SV_NON_NOUN = ("ligt", "liga", "lig", "igt", "iga", "iskt", "iska", "isk", "samt", "samma",
                "bart", "bara", "ade", "ades", "ande", "ende", "ats", "its", "des", "tes",
                "tts", "dde", "dda")


def looks_like_noun(word: str, lang: str) -> bool:
    """A rough guess from the ending (and, for Swedish verbs, whether the infinitive is a
    word): adjectives, adverbs and verb forms ("viktiga", "växte", "closely", "appear")
    say less about what a question is about than nouns ("arbetslösheten", "studenter")."""
    if len(word) < 4 or not word.isalpha():
        return True
    if lang == "en":
        return not word.endswith(_EN_NON_NOUN) or word.endswith(("ment", "ness"))
    if word.endswith(_SV_NON_NOUN):
        return False
    stem_a = word[:-2] + "a"
    # present tense: "jobbar" (jobba), "sysselsätter" (sysselsätta), but not "personer"
    if word.endswith("ar") and zipf(word[:-1], "sv") >= 2.5:
        return False
    if word.endswith("er") and zipf(stem_a, "sv") >= 2.5 > zipf(word[:-2], "sv") - 0.5:
        return False
    # past tense "växte", "hörde"; supine passive "genomförts"; neuter adjective "svårt"
    if word.endswith(("te", "de")) and zipf(stem_a, "sv") >= 2.5:
        return False
    if word.endswith(("rts", "lts")):
        return False
    # passive "väntas", "beräknas", "rekryteras": the infinitive is a common word
    if word.endswith("as") and len(word) >= 5 and zipf(word[:-1], "sv") >= PASSIVE_ZIPF:
        return False
    return not (word.endswith("t") and not word.endswith("et") and zipf(word[:-1], "sv") >= 3.0)
