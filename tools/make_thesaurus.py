"""Write src/reportqa/text/data/thesaurus_sv.txt from LibreOffice's Swedish thesaurus.

Source: Debian's `mythes-sv` (/usr/share/mythes/th_sv_SE_v2.dat, ISO-8859-1), which is
Viggo Kann's synonym list (Folkets synonymlexikon). Kept: single-word entries and their
single-word synonyms, one line `word|synonym|synonym…`, UTF-8, lower-cased. Run
`apt-get install mythes-sv && python tools/make_thesaurus.py` to refresh it.
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE = Path("/usr/share/mythes/th_sv_SE_v2.dat")
TARGET = Path(__file__).resolve().parent.parent / "src/reportqa/text/data/thesaurus_sv.txt"

NOTICE = """\
# Swedish synonyms, from LibreOffice's Swedish thesaurus (Debian package mythes-sv,
# th_sv_SE_v2.dat), modified: only single words kept, lower-cased, UTF-8, by
# tools/make_thesaurus.py. Original notice:
#   Copyright 2009 Viggo Kann
#   THIS MATERIAL IS PROVIDED AS IS, WITH ABSOLUTELY NO WARRANTY EXPRESSED
#   OR IMPLIED.  ANY USE IS AT YOUR OWN RISK.
#   Permission is hereby granted to use or copy this program
#   for any purpose,  provided the above notices are retained on all copies.
#   Permission to modify the code and to distribute modified code is granted,
#   provided the above notices are retained, and a notice that the code was
#   modified is included with the above copyright notice.
"""


def single(word: str) -> bool:
    return bool(word) and " " not in word and word.replace("-", "").isalpha()


def main(source: Path = SOURCE, target: Path = TARGET) -> int:
    lines = source.read_text(encoding="iso-8859-1").splitlines()[1:]  # first: the encoding
    entries: dict[str, list[str]] = {}
    i = 0
    while i < len(lines):
        head, _, count = lines[i].partition("|")
        n = int(count or 0)
        syns = [w.strip().lower() for ln in lines[i + 1:i + 1 + n]
                for w in ln.split("|")[1:]]
        i += 1 + n
        head = head.strip().lower()
        if not single(head):
            continue
        bucket = entries.setdefault(head, [])
        bucket.extend(w for w in syns if single(w) and w != head and w not in bucket)
    body = "".join(f"{h}|{'|'.join(s)}\n" for h, s in sorted(entries.items()) if s)
    target.write_text(NOTICE + body, encoding="utf-8")
    print(f"{target}: {sum(1 for _ in body.splitlines())} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(Path(a) for a in sys.argv[1:])))
