"""How long reading a published PDF takes: a generated 30-page report (two columns, running
header and footer, page numbers, hyphenation, bullet lists, a table over two pages) read with
`read_document` (pdfplumber layout, tables, headers and footers dropped), per page and in all,
median of --repeat runs; also the saved web page and the DOCX of the tests.

    .venv/bin/python bench/read_publications.py [--pages 30] [--repeat 3] [--json]

Writes bench/out/results/read_publications.json. A PDF page should read in well under the
time its passages take to embed (~0.1 s per page of ~30 sentences on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, save_result

sys.path.insert(0, str(ROOT / "tests"))

from support.publications import (  # noqa: E402
    make_publication_docx,
    make_publication_html,
    make_publication_pdf,
)

from reportqa.ingest.chunking import chunk_document  # noqa: E402
from reportqa.ingest.readers import read_document  # noqa: E402


def _time(path: Path, repeat: int) -> tuple[float, int, int]:
    times, doc = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        doc = read_document(path)
        times.append(time.perf_counter() - t)
    assert doc is not None
    return statistics.median(times), len(doc.blocks), len(chunk_document(doc))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_publication_pdf(Path(tmp) / "rapport.pdf", extra_pages=max(0, args.pages - 3))
        html = make_publication_html(Path(tmp) / "sida.html")
        docx = make_publication_docx(Path(tmp) / "skog.docx")
        seconds, blocks, passages = _time(pdf, args.repeat)
        html_s, _, _ = _time(html, args.repeat)
        docx_s, _, _ = _time(docx, args.repeat)
    result = {
        "pages": args.pages, "repeat": args.repeat,
        "pdf_seconds": round(seconds, 3), "pdf_ms_per_page": round(seconds * 1000 / args.pages, 1),
        "pdf_blocks": blocks, "pdf_passages": passages,
        "html_ms": round(html_s * 1000, 1), "docx_ms": round(docx_s * 1000, 1),
    }
    save_result("read_publications", result)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{args.pages}-page PDF: {result['pdf_seconds']} s "
              f"({result['pdf_ms_per_page']} ms a page; {blocks} blocks, {passages} passages, "
              f"median of {args.repeat}); web page {result['html_ms']} ms; "
              f"DOCX {result['docx_ms']} ms")


if __name__ == "__main__":
    main()
