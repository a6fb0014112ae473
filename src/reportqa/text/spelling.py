"""Repair how Swedish questions are typed on a phone: chat abbreviations and missing å, ä, ö.

"hur manga statligt anstallda finns det i jamtland" is read as "hur många statligt
anställda finns det i jämtland", and "hur mkt" as "hur mycket". A word written without
å, ä or ö is restored to the Swedish word it folds from when that word is much more common
(wordfreq): "manga" → "många", "jamtland" → "jämtland", but "har" stays "har" (not
"här"), as both are common. The caller keeps the repair only for Swedish questions, since
English words fold too ("for" → "för").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from reportqa.text.vocabulary import zipf

__all__ = ["load_restorations", "repair_question"]

#: Swedish chat forms with one meaning (Zipf frequency cannot tell these).
CHAT_FORMS = {
    "mkt": "mycket", "nåt": "något", "nån": "någon", "nåra": "några", "nånting": "någonting",
    "ngt": "något", "ngn": "någon", "ngra": "några", "dom": "de", "pga": "på grund av",
    "bla": "bland annat", "tex": "till exempel", "osv": "och så vidare", "iaf": "i alla fall",
}
_FOLD = str.maketrans("åäöÅÄÖ", "aaoAAO")
_WORD = re.compile(r"[^\W\d_]+")
MIN_GAIN = 1.0  # Zipf units the restored word must be more common by
MIN_ZIPF = 3.0  # … and at least this common


@lru_cache(maxsize=1)
def load_restorations() -> dict[str, str]:
    """Folded form → the most common Swedish word with å, ä or ö that folds to it (built
    once, a quarter of a second: load it with the index, not in the first question)."""
    from wordfreq import top_n_list

    out: dict[str, str] = {}
    for w in top_n_list("sv", 200_000):  # most common first
        if w.isalpha() and re.search("[åäö]", w):
            out.setdefault(w.translate(_FOLD), w)
    return out


def _restore(word: str, known: Callable[[str], bool] | None) -> str:
    lower = word.lower()
    if lower in CHAT_FORMS:
        return CHAT_FORMS[lower]
    if not lower.isascii() or (known is not None and known(lower)):
        return word  # a word the report itself uses ("nod") is meant as written
    cand = load_restorations().get(lower)
    if cand is None:
        return word
    zc = zipf(cand, "sv")
    if zc >= MIN_ZIPF and zc - zipf(lower, "sv") >= MIN_GAIN:
        return cand.capitalize() if word[0].isupper() else cand
    return word


def repair_question(text: str, known: Callable[[str], bool] | None = None) -> str:
    """The question with chat forms spelled out and missing å, ä, ö restored; `known`
    tells words of the report, which are kept as they are."""
    return _WORD.sub(lambda m: _restore(m.group(0), known), text)
