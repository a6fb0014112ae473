"""Figures as Swedish reports write them: "5 400", "5,3 miljarder kronor", "81,2 procent",
"ett 25-tal", "80+", "fem miljarder", "en fjärdedel" → a value, a unit and where it stands.

Years ("2019", "år 2020"), identifiers ("SOU 2017:1", "E14", "Mål 5") and dates ("1 januari")
are not figures: they say when or which, not how many.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Swedish number words read as figures. "en"/"ett" are articles far more often than
#: figures, so they count only before a scale word ("en miljon").
NUMBER_WORDS = {
    "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9,
    "tio": 10, "elva": 11, "tolv": 12, "femton": 15, "tjugo": 20, "trettio": 30,
    "fyrtio": 40, "femtio": 50, "hundra": 100,
}
ARTICLES = {"en": 1, "ett": 1}
#: Words that multiply the figure before them ("5,3 miljarder").
SCALES = {"tusen": 1e3, "miljon": 1e6, "miljoner": 1e6, "miljard": 1e9, "miljarder": 1e9,
          "mdr": 1e9, "milj": 1e6, "mn": 1e6}
#: Units, each with its normal name and the factor that brings it to that name's base.
UNITS = {
    "%": ("procent", 1.0), "procent": ("procent", 1.0),
    "procentenheter": ("procentenheter", 1.0), "procentenhet": ("procentenheter", 1.0),
    "kronor": ("kronor", 1.0), "kr": ("kronor", 1.0), "sek": ("kronor", 1.0),
    "mkr": ("kronor", 1e6), "mnkr": ("kronor", 1e6), "msek": ("kronor", 1e6),
    "tkr": ("kronor", 1e3), "mdkr": ("kronor", 1e9),
    "euro": ("euro", 1.0),
    "km": ("km", 1.0), "kilometer": ("km", 1.0), "mil": ("km", 10.0),
    "meter": ("meter", 1.0), "ha": ("hektar", 1.0), "hektar": ("hektar", 1.0),
    "ton": ("ton", 1.0), "kvm": ("kvm", 1.0), "m2": ("kvm", 1.0), "m²": ("kvm", 1.0),
    "kwh": ("kWh", 1.0), "mwh": ("kWh", 1e3), "gwh": ("kWh", 1e6), "twh": ("kWh", 1e9),
    "mw": ("MW", 1.0), "kw": ("MW", 1e-3),
    "timmar": ("timmar", 1.0), "minuter": ("minuter", 1.0), "dagar": ("dagar", 1.0),
    "år": ("år", 1.0), "åren": ("år", 1.0), "månader": ("månader", 1.0),
}
#: Fractions written as words: a share of something.
FRACTIONS = {"hälften": 0.5, "halva": 0.5, "tredjedel": 1 / 3, "tredjedelar": 1 / 3,
             "fjärdedel": 0.25, "fjärdedelar": 0.25, "femtedel": 0.2, "tiondel": 0.1}
SHARE_UNIT = "andel"
#: Words after which a number names something instead of counting it ("Mål 5", "SOU 2017").
NAMING_WORDS = frozenset((
    "mål", "kapitel", "avsnitt", "tabell", "figur", "bild", "sida", "sidan", "sid", "s",
    "nr", "nummer", "sou", "prop", "dnr", "bilaga", "punkt", "e", "väg", "länsväg", "riksväg",
    "linje", "artikel", "paragraf", "steg", "fas", "etapp", "version", "goal", "page",
))
MONTHS = frozenset((
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december",
))
#: A bare whole number in this range, written without a thousands space, is a year.
YEAR_RANGE = (1900, 2099)

_NUMBER = (r"(?P<num>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:,\d+)?"
           r"|\d+(?:[,.]\d+)?)")
_FIGURE = re.compile(
    rf"(?<![\w:/.,-]){_NUMBER}(?P<tal>-tal)?(?P<plus>\+)?(?![\w:/]|[.,]\d)", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]+|%|\d+", re.UNICODE)
_WORD_FIGURE = re.compile(
    r"\b(?P<word>" + "|".join(sorted({*NUMBER_WORDS, *ARTICLES, *FRACTIONS},
                                     key=len, reverse=True)) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One figure in a sentence: its value in the unit's base, the unit ("" for a count),
    the text as written ("ca 5 400 personer" → "5 400"), and its character span."""

    value: float
    unit: str
    text: str
    start: int
    end: int  # after the figure and its scale and unit words


def _to_float(num: str) -> float:
    digits = re.sub(r"[ \u00a0\u202f\u2009]", "", num)
    if "," in digits:
        return float(digits.replace(",", "."))
    return float(digits)


def _next_word(text: str, pos: int) -> re.Match | None:
    m = _WORD.match(text, pos + len(text[pos:]) - len(text[pos:].lstrip()))
    return m


def _previous_word(text: str, pos: int) -> str:
    words = _WORD.findall(text[max(0, pos - 30):pos])
    return words[-1].lower() if words else ""


def _scale_and_unit(text: str, pos: int) -> tuple[float, str, int]:
    """(factor, unit, end) of the scale and unit words right after position `pos`."""
    factor, unit, end = 1.0, "", pos
    m = _next_word(text, end)
    if m and m.group(0).lower() in SCALES:
        factor, end = SCALES[m.group(0).lower()], m.end()
        m = _next_word(text, end)
    if m and m.group(0).lower() in UNITS:
        unit, unit_factor = UNITS[m.group(0).lower()]
        factor *= unit_factor
        end = m.end()
    return factor, unit, end


def _is_name_or_date(text: str, start: int, end: int, value: float, grouped: bool) -> bool:
    if _previous_word(text, start) in NAMING_WORDS:
        return True
    m = _next_word(text, end)
    if m and m.group(0).lower() in MONTHS:
        return True
    whole = value == int(value)
    return whole and not grouped and YEAR_RANGE[0] <= value <= YEAR_RANGE[1]


def find_figures(sentence: str) -> list[Figure]:
    """The figures of a sentence, in order."""
    out: list[Figure] = []
    for m in _FIGURE.finditer(sentence):
        num = m.group("num")
        value = _to_float(num)
        grouped = bool(re.search(r"\d[ \u00a0\u202f\u2009]\d", num))
        factor, unit, end = _scale_and_unit(sentence, m.end())
        if not m.group("tal") and not unit and factor == 1.0 and _is_name_or_date(
                sentence, m.start(), m.end(), value, grouped):
            continue
        out.append(Figure(value * factor, unit, sentence[m.start():end].strip(), m.start(),
                          end))
    for m in _WORD_FIGURE.finditer(sentence):
        word = m.group("word").lower()
        if word in FRACTIONS:
            out.append(Figure(FRACTIONS[word] * 100, SHARE_UNIT, m.group(0), m.start(), m.end()))
            continue
        factor, unit, end = _scale_and_unit(sentence, m.end())
        if word in ARTICLES and factor == 1.0:
            continue
        value = float(NUMBER_WORDS.get(word) or ARTICLES[word])
        out.append(Figure(value * factor, unit, sentence[m.start():end].strip(), m.start(),
                          end))
    return sorted(out, key=lambda f: f.start)
