"""Write the generated series corpus, its truth and reading copies to a folder.

    .venv/bin/python tools/write_series_corpus.py OUT [--seed N]

OUT/corpus/      the documents (three series of "Läget i länet", two or three editions each,
                 as text, Markdown, DOCX, HTML and two-column PDF with running header and
                 footer, hyphenation and a table): what `reportqa index build --corpus` reads
OUT/truth.json   per series: its editions (document, format, page furniture, hyphenated
                 words), each statement's and table cell's sentence, figure and value per
                 edition, the table per edition, and each pair's changed, new and removed ids
OUT/reading/<document>.txt
                 what a person reads in each document (tables as rows with their headings, no
                 page furniture, no hyphenation), for writing questions without the code

The generator is tests/support/series_corpus.py; the same seed always gives the same corpus.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.series_corpus import SEED, SeriesTruth, write_all  # noqa: E402


def write(out: Path, seed: int = SEED) -> SeriesTruth:
    """Write corpus, truth and reading copies to `out` (created; files there are replaced)."""
    return write_all(out, seed)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="the folder to write (corpus/, truth.json, reading/)")
    ap.add_argument("--seed", type=int, default=SEED, help="generator seed (default: %(default)s)")
    args = ap.parse_args()
    truth = write(args.out, args.seed)
    docs = sorted(ed.path.name for ed in truth.editions.values())
    print(f"{len(docs)} documents in {args.out / 'corpus'}: {', '.join(docs)}")
    print(f"truth: {args.out / 'truth.json'}; reading copies: {args.out / 'reading'}")


if __name__ == "__main__":
    main()
