"""Words shown to people, in the question's language (Swedish or English)."""

from __future__ import annotations

NOT_FOUND = {
    "sv": "Det hittade jag inte i rapporten.",
    "en": "I could not find that in the report.",
}
NEAREST = {"sv": "Närmast kommer avsnitten:", "en": "The nearest sections are:"}


def not_found_text(lang: str, sections: list[str]) -> str:
    lang = lang if lang in NOT_FOUND else "sv"
    uniq = list(dict.fromkeys(s for s in sections if s))
    text = NOT_FOUND[lang]
    if uniq:
        text += "\n" + NEAREST[lang] + "\n" + "\n".join(f"- {s}" for s in uniq)
    return text
