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


SOURCE = {"sv": "Källa", "en": "Source"}
SECTION = {"sv": "avsnitt", "en": "section"}
PAGE = {"sv": "sida", "en": "page"}
EDITION = {"sv": "uppföljning", "en": "edition"}
READ_AS = {"sv": "Tolkat som", "en": "Read as"}


#: How an answer names the edition it comes from, before the quoted sentence (issue 15: "the
#: answer says the edition").
EDITION_LEAD = {"sv": "Enligt uppföljningen {edition}: ", "en": "According to the {edition} "
                "edition: "}


def edition_lead(lang: str, edition: str) -> str:
    """"Enligt uppföljningen 2021: " in the question's language; "" for a report without an
    edition."""
    return EDITION_LEAD[lang if lang in EDITION_LEAD else "sv"].format(edition=edition) if (
        edition) else ""


def names_edition(text: str | None, edition: str) -> bool:
    """True when an answer's text names `edition` the way answers do (either language)."""
    return bool(text) and bool(edition) and any(
        lead.format(edition=edition).strip() in text for lead in EDITION_LEAD.values())


def source_line(lang: str, title: str, section: str, page: int | None, document: str,
                edition: str = "") -> str:
    """"Källa: Läget i länet, uppföljning 2021, avsnitt ”Mål 5 …”, sida 3 (fil.txt)" in the
    question's language."""
    lang = lang if lang in SOURCE else "sv"
    parts = [title] + ([f"{EDITION[lang]} {edition}"] if edition else []) + (
        [f"{SECTION[lang]} ”{section}”"] if section else []) + (
        [f"{PAGE[lang]} {page}"] if page else [])
    return f"{SOURCE[lang]}: {', '.join(parts)} ({document})"


def answer_text(ans) -> str:
    """An answer as plain text for a chat: the quoted sentence and its source line, or the
    "not in the report" text with the nearest sections; "Tolkat som: …" first for a
    resolved follow-up."""
    lang = ans.language if ans.language in SOURCE else "sv"
    head = f"({READ_AS[lang]}: {ans.resolved_question})\n\n" if ans.resolved_question else ""
    if not ans.found:
        return head + not_found_text(lang, [s.section for s in ans.sources])
    s = ans.sources[0]
    line = source_line(lang, s.title, s.section, s.page, s.document, s.edition)
    return f"{head}{ans.text}\n\n{line}"
