"""Unicode and whitespace normalisation shared by reading, chunking and search."""

from __future__ import annotations

import re
import unicodedata

_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2043\u2212\ufe63\uff0d"), "-")
_DASHES = dict.fromkeys(map(ord, "\u2012\u2013\u2014\u2015\u2500\u2501\u2e3a\u2e3b"), "–")
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
             "\u202f\u205f\u3000\t\x0b\x0c"),
    " ",
)
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_TABLE = {**_HYPHENS, **_DASHES, **_SPACES, **_DROP}
_MULTISPACE = re.compile(r" {2,}")


def normalize_text(text: str) -> str:
    """NFC, one kind of hyphen and dash, no soft hyphens, plain spaces, trimmed lines.

    Newlines are kept (they carry paragraph structure); runs of spaces collapse to one.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_TABLE)
    lines = [_MULTISPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


def squash(text: str) -> str:
    """Collapse all whitespace to single spaces (for comparisons and display)."""
    return " ".join(text.split())
