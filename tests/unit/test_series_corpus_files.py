"""The generated series corpus as written (tests/support/series_corpus.py,
tools/write_series_corpus.py): all five formats, PDFs with running text and hyphenation that
the readers drop and undo, a table per series whose cells the readers give with their
headings, and reading copies and a truth file that agree with the documents."""

from __future__ import annotations

import json
import re

import pytest
from support.series_corpus import CELL, furniture_in, write_all

from reportqa.ingest.readers import read_document


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("series-corpus")
    truth = write_all(out)
    return out, truth, json.loads((out / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def read(written):
    out, truth, _ = written
    return {ed.path.name: read_document(ed.path, ed.path.name) for ed in truth.editions.values()}


def test_three_series_in_all_five_formats(written):
    _, truth, data = written
    assert len(data["series"]) == 3
    assert all(2 <= len(s["editions"]) <= 3 for s in data["series"])
    assert {ed.format for ed in truth.editions.values()} == {"txt", "md", "docx", "html", "pdf"}


def test_every_document_is_read_as_its_series_and_edition(written, read):
    _, truth, _ = written
    for (series, edition), ed in truth.editions.items():
        doc = read[ed.path.name]
        assert (doc.series, doc.edition) == (series, edition), ed.path.name


def test_pdfs_have_running_text_and_hyphenation_the_reader_drops_and_undoes(written, read):
    _, _, data = written
    pdfs = [e for s in data["series"] for e in s["editions"] if e["format"] == "pdf"]
    assert len(pdfs) >= 2
    for e in pdfs:
        assert e["furniture"] and e["page_labels"] and e["hyphenated"], e["document"]
        text = "\n".join(b.text for b in read[e["document"]].blocks)
        assert furniture_in(text, data) == [], e["document"]
        for h in e["hyphenated"]:
            assert h["word"] in text and h["first"] + h["second"] == h["word"]
        assert {b.page for b in read[e["document"]].blocks} == {1, 2}


def test_every_table_cell_is_read_with_its_row_and_column(written, read):
    _, truth, _ = written
    for ed in truth.editions.values():
        rows = [b.text for b in read[ed.path.name].blocks if b.kind == "row"]
        cells = {sid: s for sid, s in ed.sentences.items() if sid.startswith(CELL)}
        assert len(rows) == len(ed.table_rows) >= 4, ed.path.name
        for sid, cell in cells.items():
            assert any(re.search(rf"{re.escape(cell)}(?:\s\w+)?[;.]", r) for r in rows), (
                ed.path.name, sid)


def test_each_table_changes_a_cell_gains_a_row_and_loses_one(written):
    _, _, data = written
    for s in data["series"]:
        first, last = s["editions"][0]["edition"], s["editions"][-1]["edition"]
        pair = next(p for p in s["pairs"] if (p["old"], p["new"]) == (first, last))
        for kind in ("changed", "new_ids", "removed"):
            assert any(i.startswith(CELL) for i in pair[kind]), (s["series"], kind)
        rows = s["table"]["rows"]
        assert set(rows[first]) != set(rows[last])


def test_reading_copies_are_clean_and_say_every_figure(written):
    out, truth, data = written
    for ed in truth.editions.values():
        text = (out / "reading" / f"{ed.path.stem}.txt").read_text(encoding="utf-8")
        assert furniture_in(text, data) == []
        assert f"Uppföljning {ed.edition}" in text
        for figure in ed.figures.values():
            assert figure in text


def test_furniture_check_finds_running_text_and_broken_words(written):
    _, _, data = written
    e = next(e for s in data["series"] for e in s["editions"] if e["hyphenated"])
    h = e["hyphenated"][0]
    assert furniture_in(f"Text. {e['page_labels'][0]}", data) == [e["page_labels"][0]]
    assert furniture_in(f"… {h['first']}- {h['second']} …", data)
    assert furniture_in(f"… {h['first']}\n{h['second']} …", data)
    assert furniture_in(f"… {h['word']} …", data) == []
