"""Tell Swedish questions from English ones (to answer "not in the report" in kind)."""

from __future__ import annotations

import re

_SV = set("""och att det som en är av för med till den har de inte om ett var hur vad vilken
vilka vilket vem varför när många mycket stor andel finns länet länets kommun region""".split())
_EN = set("""the and is are what which who how many much does do of in to for with where when
why share people county region there""".split())


def detect_language(text: str) -> str:
    """"sv" or "en"; Swedish when in doubt (the reports are Swedish)."""
    lower = text.lower()
    if re.search(r"[åäö]", lower):
        return "sv"
    words = re.findall(r"[a-zåäöé]+", lower)
    sv = sum(w in _SV for w in words)
    en = sum(w in _EN for w in words)
    return "en" if en > sv else "sv"
