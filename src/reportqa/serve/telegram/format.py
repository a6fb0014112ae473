"""Telegram HTML for answers and sources, and splitting long messages at clean boundaries.

Pure functions without the telegram package: everything taken from a report is escaped, the
key figure of an answer is set in bold, and `split_html` cuts a message into parts that each
fit Telegram's limit, on paragraph or line boundaries, never inside a tag or an entity, with
the open tags closed at the end of a part and opened again at the start of the next.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from reportqa.ask.messages import EDITION
from reportqa.types import Answer, Source

#: Telegram's limit for one text message (characters after entity parsing; we count the
#: HTML source, in UTF-16 code units, which is never less).
MAX_MESSAGE = 4096

_UNIT = (r"(?:\s?%|\s(?:procentenheter|procent|percent|kronor|kr|mnkr|mdkr|"
         r"miljoner|miljarder|millions?|billions?|tusen|thousand))?")
_DIGITS = r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|(?<![\w.,])\d+(?:[.,]\d+)?"
_WORDS = (r"\b(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|hundra|one|two|three|four|five|"
          r"six|seven|eight|nine|ten)\s(?:miljoner|miljarder|tusen|hundra|million|billion|"
          r"thousand|hundred)")
_FIGURE = re.compile(rf"(?:{_DIGITS}|{_WORDS}){_UNIT}", re.IGNORECASE)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def key_figure(text: str) -> tuple[int, int] | None:
    """Span of the figure an answer is about: the first number that is not a year."""
    spans = [m.span() for m in _FIGURE.finditer(text)]
    for start, end in spans:
        if not _YEAR.match(text[start:end].strip()):
            return start, end
    return spans[0] if spans else None


def bold_figure(text: str) -> str:
    """Escape `text` for Telegram HTML, with its key figure in bold."""
    span = key_figure(text)
    if span is None:
        return escape(text, quote=False)
    a, b = span
    return (escape(text[:a], quote=False) + "<b>" + escape(text[a:b], quote=False) + "</b>"
            + escape(text[b:], quote=False))


def source_line(src: Source, lang: str) -> str:
    """One line naming the report, its edition, the section and the page."""
    en = lang == "en"
    parts = [f"<b>{escape(src.title or src.document, quote=False)}</b>"]
    if src.edition:
        parts.append(f"{EDITION['en' if en else 'sv']} {escape(src.edition, quote=False)}")
    if src.section:
        word = "section" if en else "avsnitt"
        parts.append(f"{word} ”{escape(src.section, quote=False)}”")
    if src.page:
        parts.append(f"{'p.' if en else 's.'} {src.page}")
    return ("Source: " if en else "Källa: ") + ", ".join(parts)


def answer_html(ans: Answer) -> str:
    """The quoted answer with its key figure in bold and one source line."""
    assert ans.text is not None
    out = f"<blockquote>{bold_figure(ans.text)}</blockquote>"
    if ans.sources:
        out += "\n" + source_line(ans.sources[0], ans.language)
    return out


def not_found_html(ans: Answer) -> str:
    """"Not in the report", in the question's language, with the nearest sections."""
    from reportqa.ask.messages import not_found_text

    return escape(not_found_text(ans.language, [s.section for s in ans.sources]), quote=False)


def sources_html(question: str, lang: str, sources: Sequence[Source]) -> str:
    """The passages behind an answer, each with its source line; the answering sentence bold."""
    en = lang == "en"
    head = "Sources for" if en else "Källor för"
    parts = [f"<b>{head}</b> ”{escape(question, quote=False)}”"]
    for i, src in enumerate(sources, start=1):
        parts.append(f"{i}. {source_line(src, lang)}\n<blockquote>"
                     f"{_mark_sentence(src.text, src.sentence)}</blockquote>")
    if not sources:
        parts.append("No passages." if en else "Inga avsnitt.")
    return "\n\n".join(parts)


def _mark_sentence(passage: str, sentence: str) -> str:
    i = passage.find(sentence) if sentence else -1
    if i < 0:
        return escape(passage, quote=False)
    j = i + len(sentence)
    return (escape(passage[:i], quote=False) + "<b>" + escape(sentence, quote=False) + "</b>"
            + escape(passage[j:], quote=False))


# ---- splitting ------------------------------------------------------------------------------

_TOKEN = re.compile(r"<[^>]*>|&[#\w]+;|[^<&]+|[<&]")
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z][\w-]*)")


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def split_html(html: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Cut Telegram HTML into parts of at most `limit` UTF-16 units each.

    A part ends at the last paragraph break that fits, else the last line break, else the last
    space, else anywhere outside a tag or entity. Tags open at the cut are closed at the end of
    the part and opened again at the start of the next, so every part is valid HTML.
    """
    if limit < 200:
        raise ValueError("limit too small to split HTML sensibly")
    parts: list[str] = []
    rest = html.strip()
    reopen = ""
    while rest:
        text = reopen + rest
        if utf16_len(text) <= limit:
            parts.append(text)
            break
        cut, stack = _best_cut(text, limit, after=len(reopen))
        head = text[:cut].rstrip()
        closing = "".join(f"</{name}>" for name, _ in reversed(stack))
        if head and _visible(head):
            parts.append(head + closing)
        reopen = "".join(tag for _, tag in stack)
        rest = text[cut:].lstrip()
        if rest and not _visible(rest):  # only closing tags are left
            break
    return parts


def _visible(html: str) -> bool:
    return bool(re.sub(r"<[^>]*>", "", html).strip())


def _best_cut(text: str, limit: int, after: int = 0) -> tuple[int, tuple[tuple[str, str], ...]]:
    """Where to cut `text` (past position `after`), and the tags open there."""
    stack: tuple[tuple[str, str], ...] = ()  # (name, opening tag)
    # best[kind] = (position, open tags); kind 0 paragraph, 1 line, 2 space, 3 anywhere
    best: list[tuple[int, tuple[tuple[str, str], ...]] | None] = [None] * 4
    used = 0  # UTF-16 units before the current position
    reserve = 0  # units of the closing tags for the current stack
    for m in _TOKEN.finditer(text):
        tok, pos = m.group(), m.start()
        if used + reserve > limit:
            break
        if pos > after:
            best[3] = (pos, stack)
        if tok.startswith("<") and len(tok) > 1:
            t = _TAG.match(tok)
            if t and t.group(1):
                names = [name for name, _ in stack]
                name = t.group(2).lower()
                if name in names:
                    stack = stack[: len(names) - 1 - names[::-1].index(name)]
            elif t:
                stack = (*stack, (t.group(2).lower(), tok))
            reserve = sum(len(name) + 3 for name, _ in stack)
            used += utf16_len(tok)
        elif tok.startswith("&") and len(tok) > 1:
            used += utf16_len(tok)
        else:
            for i, ch in enumerate(tok):
                if used + reserve > limit:
                    break
                at = pos + i
                if at > after:
                    if ch == "\n":
                        best[0 if text.startswith("\n\n", at) else 1] = (at, stack)
                    elif ch == " ":
                        best[2] = (at, stack)
                    elif not 0xDC00 <= ord(ch) <= 0xDFFF:  # not inside a surrogate pair
                        best[3] = (at, stack)
                used += 2 if ord(ch) > 0xFFFF else 1
    floor = after + (limit - after) // 4  # no tiny parts just for a nicer cut
    for kind, cand in enumerate(best):
        if cand is not None and (cand[0] >= floor or kind == 3):
            return cand
    raise ValueError("cannot split this HTML within the limit (a tag longer than the limit?)")
