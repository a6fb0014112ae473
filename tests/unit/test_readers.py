"""Reading each file type, normalisation, broken and unknown files, empty corpus."""

from __future__ import annotations

import logging

import pytest
from support.fixtures_docs import make_docx, make_md, make_pdf, make_txt

from reportqa.errors import CorpusError, DocumentError
from reportqa.ingest.corpus import read_corpus
from reportqa.ingest.readers import looks_like_heading, read_document
from reportqa.text.normalize import normalize_text


def test_pdf_pages_and_headings(tmp_path):
    doc = read_document(make_pdf(tmp_path / "besok.pdf"))
    assert doc.kind == "pdf" and doc.pages == 2
    assert doc.title == "Rapport om besöksnäringen"
    by_page = {b.page: b for b in doc.blocks}
    assert set(by_page) == {1, 2}
    assert by_page[1].section == "Inledning"
    assert "12 %" in by_page[1].text
    assert by_page[2].section == "Sysselsättning"
    assert "4 200 personer" in by_page[2].text
    assert len(doc.sha256) == 64


def test_docx_heading_styles(tmp_path):
    doc = read_document(make_docx(tmp_path / "skog.docx"))
    assert doc.kind == "docx" and doc.title == "Skogsnäringen i länet"
    sections = [b.section for b in doc.blocks]
    assert sections == ["Bakgrund", "Export"]
    assert doc.blocks[0].page is None


def test_markdown_headings_and_markup(tmp_path):
    doc = read_document(make_md(tmp_path / "energi.md"))
    assert doc.title == "Energi i länet"
    assert [b.section for b in doc.blocks] == ["Vindkraft", "Vattenkraft"]
    assert "**" not in doc.blocks[0].text and "hälften" in doc.blocks[0].text
    assert doc.blocks[1].text.startswith("Vattenkraften är äldst.")


def test_plain_text_headings(tmp_path):
    doc = read_document(make_txt(tmp_path / "vagar.txt"))
    assert doc.title == "Läget i länet"
    assert doc.blocks[0].section == "Mål 7. Bättre vägar (i hela länet)"
    assert "9 000 km" in doc.blocks[0].text  # no-break space normalised


def test_a_line_under_a_heading_at_the_end_is_that_heading_s_text(tmp_path):
    """"Källhänvisning" / "REGION JÄMTLAND HÄRJEDALEN" closing a report: the source line is
    text under its heading, not a heading of nothing; a single closing heading is not."""
    body = "Läget i länet\n\nMål 1\n\nI länet bor 130 000 personer.\n\n"
    path = tmp_path / "a.txt"
    path.write_text(body + "Källhänvisning\n\nREGION JÄMTLAND HÄRJEDALEN\n", encoding="utf-8")
    last = read_document(path).blocks[-1]
    assert (last.text, last.section) == ("REGION JÄMTLAND HÄRJEDALEN", "Källhänvisning")
    path.write_text(body + "Bilagor\n", encoding="utf-8")
    assert read_document(path).blocks[-1].text == "I länet bor 130 000 personer."


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Läget i länet", True),
        ("Mål 5. Fler kluster (i glesa strukturer, spridda över stora geografiska avstånd)", True),
        ("Det här är en vanlig mening.", False),
        ("kluster utan versal", False),
        ("", False),
        ("Ett mycket långt stycke " * 10, False),
    ],
)
def test_looks_like_heading(line, heading):
    assert looks_like_heading(line) is heading


def test_normalisation():
    raw = "Jord\u2010 och skog\u00adsbruk \u2500 natonellt\u00a0\u00a0resurscentrum \r\nrad två"
    out = normalize_text(raw)
    assert out == "Jord- och skogsbruk – natonellt resurscentrum\nrad två"
    assert "\u00ad" not in out and "\u2010" not in out and "\u00a0" not in out
    assert normalize_text("e\u0301") == "\u00e9"  # NFC


def test_broken_pdf_among_good_files(tmp_path):
    make_txt(tmp_path / "good.txt")
    make_md(tmp_path / "good.md")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not really a pdf \x00\x01")
    res = read_corpus(tmp_path)
    assert sorted(d.name for d in res.documents) == ["good.md", "good.txt"]
    assert [n for n, _ in res.skipped] == ["broken.pdf"]


def test_broken_docx_is_reported_by_name(tmp_path):
    p = tmp_path / "trasig.docx"
    p.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(DocumentError, match="trasig.docx: not a DOCX file") as err:
        read_document(p)
    assert "Package not found" not in str(err.value)


def test_binary_file_named_txt(tmp_path):
    p = tmp_path / "bild.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(DocumentError, match="bild.txt.*binary"):
        read_document(p)


def test_unknown_file_type_skipped_and_reported_once(tmp_path, caplog):
    make_txt(tmp_path / "good.txt")
    (tmp_path / "tabell.xlsx").write_bytes(b"whatever")
    with caplog.at_level(logging.DEBUG):
        res = read_corpus(tmp_path)
    assert [d.name for d in res.documents] == ["good.txt"]
    assert res.skipped == [("tabell.xlsx", "unsupported file type .xlsx")]
    assert "tabell.xlsx" not in caplog.text  # the caller reports it, once


def test_links_out_of_the_corpus_are_refused(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "elsewhere"
    corpus.mkdir()
    outside.mkdir()
    make_txt(corpus / "good.txt")
    secret = make_txt(outside / "hemlig.txt")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "hemlig.txt").symlink_to(secret)
    (corpus / "relativ.txt").symlink_to("../elsewhere/hemlig.txt")
    (corpus / "borta.txt").symlink_to(tmp_path / "finns-inte.txt")
    (corpus / "mapp").symlink_to(outside, target_is_directory=True)
    (corpus / "kopia.txt").symlink_to("good.txt")
    res = read_corpus(corpus)
    assert [d.name for d in res.documents] == ["good.txt"]
    reasons = dict(res.skipped)
    assert set(reasons) == {"passwd.txt", "hemlig.txt", "relativ.txt", "borta.txt", "mapp",
                            "kopia.txt"}
    assert reasons["passwd.txt"].startswith("refused: a link to /etc/passwd, outside")
    assert reasons["hemlig.txt"].startswith(f"refused: a link to {secret.resolve()}")
    assert reasons["relativ.txt"].startswith("refused:")
    assert reasons["mapp"].startswith("refused:")
    assert "broken link" in reasons["borta.txt"] and "finns-inte.txt" in reasons["borta.txt"]
    assert "read under its own name" in reasons["kopia.txt"]
    assert not any("root:" in p.text for d in res.documents for p in d.blocks)


def test_files_over_the_size_limit_are_skipped_with_the_limit(tmp_path):
    make_txt(tmp_path / "good.txt")
    (tmp_path / "stor.txt").write_text("Ett ord. " * 150_000, encoding="utf-8")  # ~1.3 MB
    res = read_corpus(tmp_path, max_file_mb=1)
    assert [d.name for d in res.documents] == ["good.txt"]
    name, reason = res.skipped[0]
    assert name == "stor.txt" and "1.3 MB is over the limit of 1 MB" in reason
    assert "REPORTQA_MAX_FILE_MB" in reason
    assert len(read_corpus(tmp_path, max_file_mb=0).documents) == 2  # 0 = no limit


def test_empty_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="no readable documents"):
        read_corpus(tmp_path)
    with pytest.raises(CorpusError, match="does not exist"):
        read_corpus(tmp_path / "nope")


def test_corpus_of_only_unreadable_files(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"garbage")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"a\.pdf"):
        read_corpus(tmp_path)

