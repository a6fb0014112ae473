"""Repair how Swedish questions are typed on a phone: chat abbreviations and missing å, ä, ö.

"hur manga statligt anstallda finns det i jamtland" is read as "hur många statligt
anställda finns det i jämtland", and "hur mkt" as "hur mycket". A word written without
å, ä or ö is restored to the Swedish word it folds from when that word is much more common
(wordfreq): "manga" → "många", "jamtland" → "jämtland", but "har" stays "har" (not
"här"), as both are common. A rare word of five letters or more that neither the report
nor the language knows is read as the report's word it folds from ("vagnatet" →
"vägnätet"), or else as the word one edit away (a letter missing, extra,
swapped or wrong) that is far more common, the report's own words first: "jobar" →
"jobbar", "trafikolycor" → "trafikolyckor". The caller keeps the repair only for Swedish
questions, since English words fold too ("for" → "för").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from reportqa.text.analyzer import STOPWORDS
from reportqa.text.vocabulary import MIN_HEAD, MIN_PART, zipf

__all__ = ["LETTER_WORDS", "english_spelled_out", "fold", "load_restorations",
           "repair_question", "restore_report_words"]

#: Swedish chat forms with one meaning (Zipf frequency cannot tell these).
CHAT_FORMS = {
    "mkt": "mycket", "nåt": "något", "nån": "någon", "nåra": "några", "nånting": "någonting",
    "ngt": "något", "ngn": "någon", "ngra": "några", "dom": "de", "pga": "på grund av",
    "bla": "bland annat", "tex": "till exempel", "osv": "och så vidare", "iaf": "i alla fall",
    "fr": "från",
}
#: English chat forms, which no Swedish word is spelled as.
ENGLISH_CHAT_FORMS = {
    "ppl": "people", "govt": "government", "approx": "approximately", "yrs": "years",
    "abt": "about", "thru": "through", "tho": "though", "pls": "please",
}
#: Written Swedish abbreviations a question may use for the word a report spells out; read
#: as the word unless the reports write the abbreviation and not the word.
ABBREVIATIONS = {
    "ftg": "företag", "lgh": "lägenheter", "kvm": "kvadratmeter", "kr": "kronor",
    "mkr": "miljoner kronor",
    "mnkr": "miljoner kronor", "mdkr": "miljarder kronor", "tkr": "tusen kronor",
    "milj": "miljoner", "mdr": "miljarder", "ggr": "gånger", "inkl": "inklusive",
    "exkl": "exklusive", "resp": "respektive", "anst": "anställda",
    "inv": "invånare", "proc": "procent", "uppf": "uppföljningen", "enl": "enligt",
    "km": "kilometer", "jmf": "jämfört", "jmfr": "jämfört", "utb": "utbildning",
    "sthlm": "stockholm", "komvux": "kommunal vuxenutbildning",
    "miun": "mittuniversitetet",  # the region's university by its own short name
    # months ("i okt 2018"); not "mar", "jun" or "jul", which are words or names too
    "jan": "januari", "feb": "februari", "apr": "april", "aug": "augusti", "sep": "september",
    "sept": "september", "okt": "oktober", "nov": "november", "dec": "december",
}
#: A first part the reports join to a word with a hyphen ("co-working", "e-handel") is this
#: short at most, and the rest this long at least.
MAX_HYPHEN_HEAD = 3
MIN_HYPHEN_TAIL = 4
_FOLD = str.maketrans("åäöÅÄÖ", "aaoAAO")


def fold(text: str) -> str:
    """`text` as typed without å, ä, ö ("många" → "manga")."""
    return text.translate(_FOLD)

_WORD = re.compile(r"[^\W\d_]+")
MIN_GAIN = 1.0  # Zipf units the restored word must be more common by
MIN_ZIPF = 3.0  # … and at least this common
#: One-edit typo repair: only words this long (short words have too many neighbours), only
#: words rarer than TYPO_MAX_ZIPF (a real word is meant as written), into a word at least
#: TYPO_MIN_ZIPF common, or one the report uses.
TYPO_MIN_LENGTH = 5
TYPO_MAX_ZIPF = 1.5
TYPO_MIN_ZIPF = 2.5
#: A word as common as a frequent misspelling (wordfreq counts "ungdommar" at 2.7) is still
#: mended when a doubled letter is all it differs by from a word this much more common.
DOUBLING_MAX_ZIPF = 3.0
DOUBLING_GAIN = 2.0
_LETTERS = "abcdefghijklmnopqrstuvwxyzåäöé"
#: The letters å, ä, ö fold to, with what they may stand for.
_VARIANTS = {"a": "aåä", "o": "oö"}
#: Spellings tried per word with å, ä, ö put back (a word with many a's and o's is left).
MAX_VARIANTS = 729


@lru_cache(maxsize=1)
def load_restorations() -> dict[str, str]:
    """Folded form → the most common Swedish word with å, ä or ö that folds to it (built
    once, a quarter of a second: load it with the index, not in the first question)."""
    from wordfreq import top_n_list

    out: dict[str, str] = {}
    for w in top_n_list("sv", 200_000):  # most common first
        if w.isalpha() and re.search("[åäö]", w):
            out.setdefault(fold(w), w)
    return out


def _restore(word: str, known: Callable[[str], bool] | None) -> str:
    lower = word.lower()
    if lower in CHAT_FORMS:
        return CHAT_FORMS[lower]
    if lower in ENGLISH_CHAT_FORMS:
        return ENGLISH_CHAT_FORMS[lower]
    if lower in ABBREVIATIONS:  # kept only where the reports write it and not the word
        full = ABBREVIATIONS[lower]
        if known is None or not known(lower) or known(full.split()[-1]):
            return full
    if known is not None and known(lower):
        return word  # a word the report itself uses ("nod") is meant as written
    # typed with å, ä, ö: no letters to restore, only a typo to mend ("anstälda")
    folded = lower.isascii()
    own = (_report_restoration(lower, known) or _hyphenated(lower, known)) if folded else None
    if own is not None:
        return own.capitalize() if word[0].isupper() else own
    cand = load_restorations().get(lower) if folded else None
    if cand is not None:
        zc = zipf(cand, "sv")
        if zc >= MIN_ZIPF and zc - zipf(lower, "sv") >= MIN_GAIN:
            return cand.capitalize() if word[0].isupper() else cand
    typo = _one_edit(lower, known) or (_folded_compound(lower, known) if folded else None)
    if typo is not None:
        return typo.capitalize() if word[0].isupper() else typo
    return word


def _restored_part(part: str, known: Callable[[str], bool] | None) -> str | None:
    """A part of a compound as the word it is, with å, ä, ö put back where the result is a
    common word or the report's ("rorelse" → "rörelse"); None when it is no word."""
    if known is not None and known(part):
        return part
    own = _report_restoration(part, known)
    if own is not None:
        return own
    cand = load_restorations().get(part)
    if cand is not None and zipf(cand, "sv") >= MIN_ZIPF:
        return cand
    return part if zipf(part, "sv") >= MIN_ZIPF else None


def _folded_compound(word: str, known: Callable[[str], bool] | None) -> str | None:
    """A rare compound typed without å, ä, ö whose two parts are words once they are put
    back ("rorelseprogrammet" → "rörelseprogrammet", "miljonprogramslagenheter" →
    "miljonprogramslägenheter"); the split whose rarer part is most common. None when no
    part changes."""
    if (len(word) < MIN_HEAD + MIN_PART or not word.isalpha() or not re.search("[ao]", word)
            or max(zipf(word, "sv"), zipf(word, "en")) >= TYPO_MAX_ZIPF):
        return None
    best: tuple[float, str] | None = None
    for i in range(MIN_HEAD, len(word) - MIN_PART + 1):
        head, tail = word[:i], word[i:]
        # a linking "s" ("miljonprograms|lagenheter") stays with the head
        link = "s" if head.endswith("s") and len(head) > MIN_HEAD else ""
        rhead = _restored_part(head, known) or (
            (_restored_part(head[:-1], known) or "") + link if link else None)
        rtail = _restored_part(tail, known)
        if not rhead or not rtail or rhead == link or rhead + rtail == word:
            continue
        rank = min(zipf(rhead.removesuffix(link), "sv"), zipf(rtail, "sv"))
        if best is None or rank > best[0]:
            best = (rank, rhead + rtail)
    return best[1] if best else None


def _hyphenated(word: str, known: Callable[[str], bool] | None) -> str | None:
    """A word the reports write with a hyphen after a short first part, typed without it
    ("coworking" for "co-working", "ehandel" for "e-handel"); None when it is no such word,
    or a common word of either language ("resorts" is no "res-orts")."""
    if (known is None or not word.isalpha() or known(word)
            or max(zipf(word, "sv"), zipf(word, "en")) >= MIN_ZIPF):
        return None
    for k in range(1, MAX_HYPHEN_HEAD + 1):
        head, tail = word[:k], word[k:]
        # a head of three letters is an acronym ("sme"), not a common word ("dagpendlar"
        # is no "dag-pendlar")
        if (len(tail) >= MIN_HYPHEN_TAIL and head not in STOPWORDS and known(head)
                and known(tail) and (k < MAX_HYPHEN_HEAD or zipf(head, "sv") < MIN_ZIPF)):
            return f"{head}-{tail}"
    return None


def _report_restoration(word: str, known: Callable[[str], bool] | None) -> str | None:
    """The report's own word that `word` is with å, ä or ö put back ("vagnatet" →
    "vägnätet", too rare for the general list), when `word` itself is no common word."""
    if known is None or not re.search("[ao]", word) or max(
            zipf(word, "sv"), zipf(word, "en")) >= MIN_ZIPF:
        return None
    variants = [""]
    for ch in word:
        variants = [v + c for v in variants for c in _VARIANTS.get(ch, ch)]
        if len(variants) > MAX_VARIANTS:
            return None
    found = [v for v in variants if v != word and known(v)]
    return max(found, key=lambda v: zipf(v, "sv")) if found else None


def _edits(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out.discard(word)
    return out


def _one_edit(word: str, known: Callable[[str], bool] | None) -> str | None:
    """The word a rare, unknown word was probably meant to be, or None."""
    if len(word) < TYPO_MIN_LENGTH or not word.isalpha() or zipf(word, "en") >= TYPO_MAX_ZIPF:
        return None
    if zipf(word, "sv") >= TYPO_MAX_ZIPF:
        return _doubling_typo(word)

    scored = []
    for cand in _edits(word):
        in_report = known is not None and known(cand)
        z = zipf(cand, "sv")
        if in_report or z >= TYPO_MIN_ZIPF:
            scored.append((_doubles_a_letter(word, cand), in_report, z, cand))
    return max(scored)[3] if scored else None


def _doubling_typo(word: str) -> str | None:
    """A letter doubled or undoubled by mistake in a word common enough to be a typo many
    make ("ungdommar" → "ungdomar", "tilsammans" → "tillsammans"): the word with it mended
    when that is DOUBLING_GAIN Zipf units more common."""
    z = zipf(word, "sv")
    if z >= DOUBLING_MAX_ZIPF:
        return None
    found = [(zipf(c, "sv"), c) for c in _edits(word)
             if _doubles_a_letter(word, c) or _doubles_a_letter(c, word)]
    best = max(found, default=None)
    return best[1] if best is not None and best[0] - z >= DOUBLING_GAIN else None


def _doubles_a_letter(word: str, cand: str) -> bool:
    """Whether `cand` is `word` with one letter doubled ("anstälda" → "anställda"): the
    commonest typo on a phone, likelier than any other edit to a word as common."""
    return len(cand) == len(word) + 1 and any(
        cand[:i] + cand[i + 1:] == word and cand[i] == cand[i - 1] for i in range(1, len(cand)))


def restore_report_words(text: str, known: Callable[[str], bool]) -> str:
    """The words of an English question that are the reports' Swedish words typed without
    å, ä, ö ("in ostersund" → "in östersund"); words either language knows stay."""
    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        own = (_report_restoration(word.lower(), known) or _hyphenated(word.lower(), known)
               if word.isascii() else None)
        if own is None or known(word.lower()):
            return word
        return own.capitalize() if word[0].isupper() else own
    return _WORD.sub(one, written_in_full(text))


#: A season or school year written short ("2017/18"), which reports write in full.
_SHORT_SPAN = re.compile(r"\b((19|20)\d\d)\s*/\s*(\d\d)\b")
#: … or with both years short ("säsongen 18/19"): two consecutive years, no date.
_SHORTEST_SPAN = re.compile(r"(?<![\d/])\b(\d\d)\s*/\s*(\d\d)\b(?![/\d])")
#: Two-digit years below this are of this century ("18" → 2018), others of the last.
_CENTURY_PIVOT = 50


def _season_in_full(m: re.Match) -> str:
    first, second = int(m.group(1)), int(m.group(2))
    if second != (first + 1) % 100:
        return m.group(0)  # "12/13" of another kind than a season
    century = 2000 if first < _CENTURY_PIVOT else 1900
    return f"{century + first}/{century + first + 1}"


#: A lone letter typed for a word ("vad e peak innovation", "jobb o studier"), in lower
#: case and not part of a name or a road ("E14", "e-handel").
LETTER_WORDS = {"e": "är", "o": "och"}
_LETTER_WORD = re.compile(r"(?<![\w-])[eo](?![\w-])")


def repair_question(text: str, known: Callable[[str], bool] | None = None) -> str:
    """The question with chat forms spelled out, missing å, ä, ö restored and a short
    season written in full ("2017/18" → "2017/2018"); `known` tells words of the report,
    which are kept as they are."""
    text = _LETTER_WORD.sub(lambda m: LETTER_WORDS[m.group(0)], text)
    return _WORD.sub(lambda m: _restore(m.group(0), known), written_in_full(text))


#: An area unit written with its exponent ("49 000 km2", "km²"), which reports spell out.
_SQUARE_UNITS = {"km": "kvadratkilometer", "m": "kvadratmeter"}
_SQUARE = re.compile(r"\b(km|m)(?:2|²)(?!\w)", re.IGNORECASE)


def english_spelled_out(text: str) -> str:
    """An English question with its chat forms spelled out ("how many ppl" → "how many
    people"), as repair_question does for a Swedish one."""
    return _WORD.sub(lambda m: ENGLISH_CHAT_FORMS.get(m.group(0).lower(), m.group(0)), text)


def written_in_full(text: str) -> str:
    """A short season written in full ("2017/18", "18/19" → "2017/2018", "2018/2019"),
    and an area unit as the reports write it ("km2" → "kvadratkilometer")."""
    text = _SQUARE.sub(lambda m: _SQUARE_UNITS[m.group(1).lower()], text)
    text = _SHORT_SPAN.sub(lambda m: f"{m.group(1)}/{m.group(2)}{m.group(3)}", text)
    return _SHORTEST_SPAN.sub(_season_in_full, text)
