"""Reading a published PDF stays fast: a generated 30-page two-column report with headers,
footers, bullets and a table reads in well under the time its passages take to embed.
`bench/read_publications.py` prints the figures (0.55 s for 30 pages, 18 ms a page, when
written; the bound here leaves ten times that for a loaded machine)."""

from __future__ import annotations

import time

from support.publications import make_publication_pdf

from reportqa.ingest.readers import read_document

PAGES = 30
#: Seconds a page may take: ten times the measured 18 ms, for a shared, loaded machine.
MAX_SECONDS_PER_PAGE = 0.2


def test_a_30_page_pdf_reads_fast(tmp_path):
    path = make_publication_pdf(tmp_path / "lang.pdf", extra_pages=PAGES - 3)
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        doc = read_document(path)
        best = min(best, time.perf_counter() - start)
    assert doc.pages == PAGES and len(doc.blocks) > 5 * PAGES
    assert best < MAX_SECONDS_PER_PAGE * PAGES, f"{best:.2f} s for {PAGES} pages"
