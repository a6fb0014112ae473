"""Tell Swedish questions from English ones (to expand and to answer in kind).

Function words decide: names with å, ä or ö ("Where is Grönt Center?") do not make an
English question Swedish. Swedish wins ties, as the reports are Swedish.
"""

from __future__ import annotations

import re

from reportqa.text.vocabulary import wordset, zipf

_SV = wordset(
    "och att det som en ett är av för med till den har de inte om var hur vad vilken vilka "
    "vilket vem vems varför när många mycket stor stora andel finns fanns länet länets "
    "kommun kommunen i på från hos ligger heter gör görs kan ska skulle vill blir är var "
    "dess deras sin sitt sina man vi jag du ni hon han också eller men så nu där här inom "
    "under efter innan mellan utan sedan ingen inga några någon något alla hela olika år "
    "finnas vara hade har haft samt per"
)
_EN = wordset(
    "the and is are was were what which who whom whose how many much does do did of in to "
    "for with where when why there their they it its this that these those by on at from "
    "has have had be been can could would should will people county region share about "
    "into than any some such as an a or not no yes each every all whole"
)
_SV_ONLY_LETTERS = re.compile(r"[åäö]")
#: At most this many more Swedish function words than English ones, and the content words
#: decide: a keyword question has one or none ("per", "i").
FEW_FUNCTION_WORDS = 1
#: A content word votes for the language whose Zipf frequency of it is this much higher.
LANGUAGE_MARGIN = 1.0


def detect_language(text: str) -> str:
    """ "sv" or "en"; Swedish when in doubt (the reports are Swedish)."""
    lower = text.lower()
    words = re.findall(r"[^\W\d_]+", lower)
    sv = sum(w in _SV for w in words)
    en = sum(w in _EN for w in words)
    if en > sv:
        return "en"
    if en == sv and en > 0 and not _SV_ONLY_LETTERS.search(lower):
        return "en"
    if sv - en <= FEW_FUNCTION_WORDS and not _SV_ONLY_LETTERS.search(lower):
        # a question typed as keywords ("avg household electricity price per kwh") has few
        # function words: its content words tell, by which language uses them far more
        en_votes = sum(zipf(w, "en") - zipf(w, "sv") >= LANGUAGE_MARGIN for w in words)
        sv_votes = sum(zipf(w, "sv") - zipf(w, "en") >= LANGUAGE_MARGIN for w in words)
        if en_votes > sv_votes + (sv - en):
            return "en"
    return "sv"
