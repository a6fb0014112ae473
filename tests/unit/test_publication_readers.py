"""Reports as published: a two-column PDF with running header and footer, page numbers,
hyphenation, bullets and a table over two pages; a DOCX with a table; a saved web page; and
the bad files among them."""

from __future__ import annotations

import re

import pytest
from support.fixtures_docs import make_md, make_pdf, make_txt
from support.publications import (
    BOILERPLATE,
    CAPTION,
    COMPOUNDS,
    HYPHENATED,
    RUNNING_TEXT,
    make_publication_docx,
    make_publication_html,
    make_publication_pdf,
)

from reportqa.errors import DocumentError
from reportqa.ingest.blocks import ROW
from reportqa.ingest.chunking import chunk_document
from reportqa.ingest.corpus import read_corpus
from reportqa.ingest.readers import read_document


@pytest.fixture(scope="module")
def pdf_doc(tmp_path_factory):
    return read_document(make_publication_pdf(tmp_path_factory.mktemp("pdf") / "laget.pdf"))


def _all_text(doc) -> str:
    return "\n".join(f"{b.section}\n{b.text}\n{b.context}" for b in doc.blocks)


def test_pdf_title_pages_and_edition(pdf_doc):
    assert pdf_doc.kind == "pdf" and pdf_doc.pages == 3
    assert pdf_doc.title == "Läget i länet"
    assert pdf_doc.series == "Läget i länet – Mål 5. Fler kluster" and pdf_doc.edition == "2021"


def test_pdf_has_no_running_header_footer_or_page_number(pdf_doc):
    text = _all_text(pdf_doc)
    for running in RUNNING_TEXT:
        assert running not in text
    assert not any(re.fullmatch(r"\d{1,3}", b.text) for b in pdf_doc.blocks)


def test_pdf_hyphenation_undone_and_compounds_kept(pdf_doc):
    text = _all_text(pdf_doc)
    for word in HYPHENATED:
        assert word in text.lower(), word
    assert not re.search(r"\w- \w", text.replace("- och", ""))  # no "sysselsätt- ningen"
    assert not re.search(r"[a-zåäö]-[a-zåäö]{3}", text.replace("året-runt-arbeten", ""))
    for compound in COMPOUNDS:
        assert compound in text, compound


def _index(doc, start: str) -> int:
    return next(i for i, b in enumerate(doc.blocks) if b.text.startswith(start))


def test_pdf_left_column_before_right_column(pdf_doc):
    # Page 1: both paragraphs of the left column, then the right column.
    assert (_index(pdf_doc, "Tillverkningsindustrin är") < _index(pdf_doc, "Antalet anställda")
            < _index(pdf_doc, "Besöksnäringen i fjällen"))
    assert _index(pdf_doc, "Klusterorganisationerna") < _index(pdf_doc, "Skogsbruket")
    by_start = {b.text[:20]: b for b in pdf_doc.blocks}
    assert by_start["Tillverkningsindustr"].section == "Industrin"
    assert by_start["Besöksnäringen i fjä"].section == "Besöksnäringen"
    # A sentence of one column never swallows a line of the other.
    para = pdf_doc.blocks[_index(pdf_doc, "Tillverkningsindustrin är")].text
    assert "fjällen" not in para and para.endswith("under flera år.")


def test_pdf_bullets_are_items_of_their_own(pdf_doc):
    texts = [b.text for b in pdf_doc.blocks]
    assert "Fler året-runt-arbeten i fjällen" in texts
    assert "Bättre tågförbindelser till Åre och Östersund" in texts
    assert not any(t.startswith(("•", "(cid")) or "(cid:" in t for t in texts)


def test_pdf_table_rows_carry_row_and_column_headings_over_two_pages(pdf_doc):
    rows = [b for b in pdf_doc.blocks if b.kind == ROW]
    assert len(rows) == 6
    assert rows[0].text == ("Sysselsatta 2019, Industri: 5 400; Sysselsatta 2021, Industri: "
                            "5 600; Omsättning 2021, Industri: 12 300 mnkr.")
    assert [r.page for r in rows] == [2, 2, 2, 3, 3, 3]
    # The rows on page 3 have no heading row of their own: the table's goes on.
    handel = next(r for r in rows if "Handel" in r.text)
    assert "Sysselsatta 2021, Handel: 4 700" in handel.text and handel.page == 3
    assert all(r.context == CAPTION for r in rows)
    assert not any(CAPTION in b.text for b in pdf_doc.blocks)  # the caption is not a paragraph
    assert not any("Bransch" in b.text for b in pdf_doc.blocks)  # nor the heading row


def test_pdf_table_row_is_one_passage_with_its_page_and_caption(pdf_doc):
    passages = chunk_document(pdf_doc)
    rows = [p for p in passages if "IT-tjänster:" in p.text]
    assert len(rows) == 1
    assert rows[0].page == 3 and rows[0].context == CAPTION
    assert rows[0].text.startswith("Sysselsatta 2019, IT-tjänster: 870;")
    sentence = next(p for p in passages if p.text.startswith("Vindkraften"))
    assert sentence.page == 3 and sentence.section == "Energi"


def test_headings_at_the_top_of_pages_are_not_running_headers(tmp_path):
    doc = read_document(make_publication_pdf(tmp_path / "lang.pdf", extra_pages=5))
    assert doc.pages == 8
    sections = {b.section for b in doc.blocks}
    assert {f"Avsnitt {n}" for n in range(2, 7)} <= sections
    assert {f"Fördjupning {n}" for n in range(2, 7)} <= sections
    text = _all_text(doc)
    assert not any(running in text for running in RUNNING_TEXT)
    page4 = [b for b in doc.blocks if b.page == 4]
    assert page4[0].section == "Avsnitt 4" and "kommun 4 totalt 440 företag" in page4[0].text


def test_single_column_pdf_is_read_line_by_line(tmp_path):
    doc = read_document(make_pdf(tmp_path / "besok.pdf"))
    assert doc.blocks[0].text.startswith("Besöksnäringen i fjällen växer. Antalet gästnätter")


def test_docx_table_rows_in_document_order(tmp_path):
    doc = read_document(make_publication_docx(tmp_path / "skog.docx"))
    texts = [b.text for b in doc.blocks]
    assert texts == [
        "Sågverken exporterar främst till Norge och Tyskland.",
        "Export 2020, Sågade trävaror: 1 900 mnkr; Export 2021, Sågade trävaror: 2 300 mnkr.",
        "Export 2020, Massa: 640 mnkr; Export 2021, Massa: 710 mnkr.",
        "Efterfrågan på trä i byggandet väntas öka.",
    ]
    rows = [b for b in doc.blocks if b.kind == ROW]
    assert all(r.context == "Tabell 2. Export per produkt" and r.section == "Export"
               for r in rows)


def test_html_main_text_without_boilerplate(tmp_path):
    doc = read_document(make_publication_html(tmp_path / "infrastruktur.html"))
    assert doc.kind == "html" and doc.pages is None and doc.title == "Läget i länet"
    assert doc.series == "Läget i länet – Mål 3. Bättre infrastruktur"
    text = _all_text(doc)
    for junk in BOILERPLATE:
        assert junk not in text, junk
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["Fler laddstolpar längs E14"].section == "Vägar"
    assert "Resor 2020, Buss: 1 200 000; Resor 2021, Buss: 1 350 000." in by_text
    assert by_text["Resor 2020, Tåg: 400 000; Resor 2021, Tåg: 450 000."].context == (
        "Tabell 3. Resor med kollektivtrafik")
    assert any(t.startswith("Andelen hushåll med tillgång") or "82 procent" in t
               for t in by_text)


def test_a_windows_1252_htm_page(tmp_path):
    page = ("<html><head><meta charset='windows-1252'><title>Sida</title></head><body><nav>Meny "
            "Start</nav><article><h1>Näringsliv i Jämtland</h1><p>Företagen i länet ökade med "
            "5 procent under året. Flest nya företag startades i Östersund och Åre.</p>"
            "</article><footer>© Region</footer></body></html>")
    (tmp_path / "gammal.htm").write_bytes(page.encode("cp1252"))
    doc = read_document(tmp_path / "gammal.htm")
    assert doc.title == "Näringsliv i Jämtland"
    assert [b.text for b in doc.blocks] == [
        "Företagen i länet ökade med 5 procent under året. Flest nya företag startades i "
        "Östersund och Åre."]


def test_htm_suffix_is_a_web_page(tmp_path):
    path = make_publication_html(tmp_path / "sida.html").rename(tmp_path / "sida.htm")
    assert read_document(path).kind == "html"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("trasig.pdf", b"%PDF-1.4\n this is not really a pdf \x00\x01",
     r"trasig\.pdf: broken or unreadable PDF \("),
    ("tom.html", b"<html><head><title>x</title></head><body></body></html>",
     r"tom\.html: no main text found in the web page"),
    ("meny.html", b"<html><body><nav><a href='/'>Start</a></nav></body></html>",
     r"meny\.html: no main text found in the web page"),
    ("bild.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
     r"bild\.html: looks like a binary file \(a PNG image\), not a web page"),
    ("rapport.htm", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>",
     r"rapport\.htm: looks like a binary file \(a PDF\), not a web page"),
    ("anteckning.html", b"bara text, inga taggar",
     r"anteckning\.html: not a web page \(no HTML tags found\)"),
    ("tom.pdf", None, r"tom\.pdf: the PDF has no extractable text"),
])
def test_bad_files_are_one_line_errors(tmp_path, name, data, message):
    path = tmp_path / name
    if data is None:
        from reportlab.pdfgen import canvas

        c = canvas.Canvas(str(path))
        c.showPage()
        c.save()
    else:
        path.write_bytes(data)
    with pytest.raises(DocumentError, match=message) as err:
        read_document(path)
    assert "\n" not in str(err.value) and "Traceback" not in str(err.value)


def test_truncated_and_encrypted_pdfs(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    good = make_publication_pdf(tmp_path / "hel.pdf")
    (tmp_path / "halv.pdf").write_bytes(good.read_bytes()[:3000])
    with pytest.raises(DocumentError, match=r"halv\.pdf: broken or unreadable PDF"):
        read_document(tmp_path / "halv.pdf")
    c = canvas.Canvas(str(tmp_path / "last.pdf"),
                      encrypt=pdfencrypt.StandardEncryption("hemligt", canPrint=0))
    c.drawString(100, 700, "Hemlig text.")
    c.showPage()
    c.save()
    with pytest.raises(DocumentError, match=r"^last\.pdf: encrypted PDF$"):
        read_document(tmp_path / "last.pdf")


def test_bad_publications_lose_nothing_else(tmp_path):
    make_publication_pdf(tmp_path / "laget.pdf")
    make_publication_docx(tmp_path / "skog.docx")
    make_publication_html(tmp_path / "infra.html")
    make_txt(tmp_path / "vagar.txt")
    make_md(tmp_path / "energi.md")
    (tmp_path / "trasig.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    (tmp_path / "tom.html").write_bytes(b"<html><body></body></html>")
    (tmp_path / "bild.htm").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    res = read_corpus(tmp_path)
    assert sorted(d.name for d in res.documents) == [
        "energi.md", "infra.html", "laget.pdf", "skog.docx", "vagar.txt"]
    reasons = dict(res.skipped)
    assert sorted(reasons) == ["bild.htm", "tom.html", "trasig.pdf"]
    assert all("\n" not in r for r in reasons.values())


def _pdf(path, pages):
    """A PDF of `pages`: lists of (x, y, text, font, size)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for page in pages:
        for x, y, text, font, size in page:
            c.setFont(font, size)
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return path


def test_words_spaced_by_position_alone_stay_apart(tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    items, x = [], 72.0
    for word in ["Antalet", "anställda", "ökade", "med", "fyra", "procent."]:
        items.append((x, 700, word, "Helvetica", 10))
        x += stringWidth(word, "Helvetica", 10) + 2.2  # no space character, a 2.2 pt gap
    doc = read_document(_pdf(tmp_path / "tat.pdf", [items]))
    assert doc.blocks[0].text == "Antalet anställda ökade med fyra procent."


def test_a_chapter_header_on_two_pages_of_a_long_document_is_dropped(tmp_path):
    pages = []
    for n in range(1, 9):
        chapter = "Kapitel 1: Näringsliv" if n <= 2 else "Kapitel 2: Infrastruktur"
        pages.append([(72, 800, chapter, "Helvetica", 8), (500, 800, str(n), "Helvetica", 8),
                      (72, 700, f"Det här är sidan {n} med ett eget stycke text.", "Helvetica",
                       10)])
    doc = read_document(_pdf(tmp_path / "kapitel.pdf", pages))
    assert [b.text for b in doc.blocks] == [
        f"Det här är sidan {n} med ett eget stycke text." for n in range(1, 9)]


def test_a_paragraph_cut_by_the_column_and_the_page_is_joined_again(tmp_path):
    left = ["Regionen har under året arbetat med", "att stärka samverkan mellan länets",
            "kommuner, företag och skolor. Arbetet", "har bland annat gällt kompetensför-"]
    right = ["sörjningen i hela länet. Därför har", "fler utbildningar startat i de mindre",
             "orterna. Efterfrågan på arbetskraft", "ökar fortfarande inom sysselsätt-"]
    page1 = [(56, 700 - 13 * i, t, "Helvetica", 10) for i, t in enumerate(left)]
    page1 += [(320, 700 - 13 * i, t, "Helvetica", 10) for i, t in enumerate(right)]
    page2 = [(56, 700, "ningen inom vården. Den ökar mest i Östersund.", "Helvetica", 10)]
    doc = read_document(_pdf(tmp_path / "bryt.pdf", [page1, page2]))
    # Each sentence is cited with the page it begins on.
    assert [(b.text, b.page) for b in doc.blocks] == [
        ("Regionen har under året arbetat med att stärka samverkan mellan länets kommuner, "
         "företag och skolor. Arbetet har bland annat gällt kompetensförsörjningen i hela "
         "länet. Därför har fler utbildningar startat i de mindre orterna. Efterfrågan på "
         "arbetskraft ökar fortfarande inom sysselsättningen inom vården.", 1),
        ("Den ökar mest i Östersund.", 2)]
    passages = chunk_document(doc)
    assert passages[-1].context.startswith("Efterfrågan på arbetskraft")


def test_text_after_a_bullet_list_is_no_part_of_its_last_item(tmp_path):
    lines = [(72, 700, "Regionen satsar på:", "Helvetica", 10),
             (72, 687, "•", "Helvetica", 10),
             (84, 687, "fler laddstolpar längs E14 och", "Helvetica", 10),
             (84, 674, "inlandsvägen", "Helvetica", 10),
             (72, 661, "•", "Helvetica", 10), (84, 661, "bättre kollektivtrafik", "Helvetica", 10),
             (72, 648, "Satsningarna kostar 40 miljoner kronor.", "Helvetica", 10)]
    doc = read_document(_pdf(tmp_path / "lista.pdf", [lines]))
    assert [b.text for b in doc.blocks] == [
        "Regionen satsar på:", "fler laddstolpar längs E14 och inlandsvägen",
        "bättre kollektivtrafik", "Satsningarna kostar 40 miljoner kronor."]


def test_two_short_columns_under_a_long_full_width_introduction(tmp_path):
    # Long words: every line of the introduction crosses the space between the columns.
    intro = [(56, 760 - 13 * i, f"Regionutvecklingsstrategimålbeskrivningsdokumentationen "
              f"nummer {i}.", "Helvetica", 10) for i in range(8)]
    left = [(56, 640 - 13 * i, t, "Helvetica", 10) for i, t in enumerate(
        ["Vänster spalt börjar här och", "fortsätter på nästa rad med", "en rad till och",
         "ännu en rad innan", "ett slut."])]
    right = [(320, 640 - 13 * i, t, "Helvetica", 10) for i, t in enumerate(
        ["Höger spalt börjar här och", "fortsätter på nästa rad med", "en rad till och",
         "ännu en rad innan", "ett annat slut."])]
    doc = read_document(_pdf(tmp_path / "intro.pdf", [intro + left + right]))
    texts = [b.text for b in doc.blocks]
    assert texts[-2:] == [
        "Vänster spalt börjar här och fortsätter på nästa rad med en rad till och ännu en rad "
        "innan ett slut.",
        "Höger spalt börjar här och fortsätter på nästa rad med en rad till och ännu en rad "
        "innan ett annat slut."]
