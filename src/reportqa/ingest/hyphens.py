"""Joining lines that a layout broke: undo hyphenation at line ends, keep real compounds.

"sysselsätt-" + "ningen" → "sysselsättningen"; kept: "IT-" + "företag" → "IT-företag",
"Jämtland-" + "Härjedalen" → "Jämtland-Härjedalen", "e-" + "handel", "2019-" + "2020", and
the suspended hyphen of "jord- och skogsbruk". A soft hyphen (U+00AD) at a line end always
joins.
"""

from __future__ import annotations

import re

#: Words after which a line-end hyphen is a suspended compound ("jord- och skogsbruk").
_CONJUNCTIONS = frozenset((
    "och", "eller", "samt", "resp", "resp.", "respektive", "liksom", "som", "till", "men",
    "and", "or", "nor", "to", "&",
))
_PREFIX = re.compile(r"([^\s\-]+)-$")
SOFT_HYPHEN = "\u00ad"


def keeps_hyphen(prefix: str, continuation: str) -> bool:
    """True when "prefix-" at a line end followed by continuation is a real compound hyphen."""
    if not continuation or not continuation[0].isalpha() or not continuation[0].islower():
        return True  # "Jämtland-Härjedalen", "2019-2020", "-" before a number or a symbol
    if len(prefix) == 1 or any(ch.isdigit() for ch in prefix):
        return True  # "e-handel", "5G-nät"
    return sum(ch.isupper() for ch in prefix) >= 2  # "IT-företag", "EU-medel"


def join_lines(first: str, second: str) -> str:
    """The text of two consecutive lines of one paragraph, joined as the writer meant it."""
    first, second = first.rstrip(), second.lstrip()
    if not first or not second:
        return first or second
    if first.endswith(SOFT_HYPHEN):
        return first[:-1] + second
    m = _PREFIX.search(first)
    if m and first[-2:-1].isalnum():
        word = second.split(maxsplit=1)[0].lower().rstrip(",;:")
        if word in _CONJUNCTIONS:
            return f"{first} {second}"
        if keeps_hyphen(m.group(1), second):
            return first + second
        return first[:-1] + second
    return f"{first} {second}"


def join_all(lines: list[str]) -> str:
    """All lines of one paragraph joined with join_lines."""
    text = ""
    for line in lines:
        text = join_lines(text, line)
    return text
