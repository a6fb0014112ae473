"""Table rows written out with their headings, and line-end hyphenation."""

from __future__ import annotations

import pytest

from reportqa.ingest.hyphens import join_all, join_lines
from reportqa.ingest.tables import Headings, is_figure, read_table


@pytest.mark.parametrize(("lines", "text"), [
    (["sysselsätt-", "ningen ökar"], "sysselsättningen ökar"),
    (["Besöks-", "näringen växer"], "Besöksnäringen växer"),
    (["Flera IT-", "företag"], "Flera IT-företag"),
    (["EU-", "medel"], "EU-medel"),
    (["Jämtland-", "Härjedalen"], "Jämtland-Härjedalen"),
    (["e-", "handel"], "e-handel"),
    (["5G-", "nätet"], "5G-nätet"),
    (["åren 2019-", "2021"], "åren 2019-2021"),
    (["jord-", "och skogsbruk"], "jord- och skogsbruk"),
    (["land- eller", "vattenbruk"], "land- eller vattenbruk"),
    (["en mening -", "och en till"], "en mening - och en till"),
    (["slut.", "Nästa"], "slut. Nästa"),
    (["soft\u00ad", "hyphen"], "softhyphen"),
])
def test_join_lines(lines, text):
    assert join_all(lines) == text


def test_join_lines_with_empty_sides():
    assert join_lines("", "b") == "b" and join_lines("a", "") == "a"


@pytest.mark.parametrize(("cell", "figure"), [
    ("5 400", True), ("12 %", True), ("1,2", True), ("–", True), ("870 mnkr", True),
    ("2019", False), ("2019-2021", False), ("Industri", False), ("Sysselsatta 2019", False),
])
def test_is_figure(cell, figure):
    assert is_figure(cell) is figure


def test_rows_with_column_and_row_headings():
    texts, head = read_table([
        ["Bransch", "Sysselsatta 2019", "Sysselsatta 2021"],
        ["Industri", "5 400", "5 600"],
        ["Handel", "4 800", None],
    ])
    assert texts == ["Sysselsatta 2019, Industri: 5 400; Sysselsatta 2021, Industri: 5 600.",
                     "Sysselsatta 2019, Handel: 4 800."]
    assert head.columns == ["Bransch", "Sysselsatta 2019", "Sysselsatta 2021"]


def test_two_heading_rows_and_a_merged_heading_cell():
    texts, _ = read_table([
        ["", "Sysselsatta", None],
        ["Bransch", "2019", "2021"],
        ["Industri", "5 400", "5 600"],
    ])
    assert texts == ["Sysselsatta 2019, Industri: 5 400; Sysselsatta 2021, Industri: 5 600."]


def test_a_table_continued_on_the_next_page_keeps_its_headings():
    first_rows, head = read_table([["Bransch", "Antal"], ["Industri", "5 400"]])
    head.caption = "Tabell 1. Antal"
    texts, again = read_table([["Handel", "4 800"]], previous=head)
    assert texts == ["Antal, Handel: 4 800."] and again.caption == "Tabell 1. Antal"
    alone, _ = read_table([["Handel", "4 800"]])
    assert alone == ["Handel: 4 800."]
    other, _ = read_table([["Handel", "4 800", "1"]], previous=head)  # not the same table
    assert other == ["Handel: 4 800; Handel: 1."]


def test_caption_row_cell_hyphenation_and_html_heading_flags():
    texts, head = read_table(
        [["Tabell 3. Resor", "", ""], ["Trafikslag", "Resor 2020", "Resor 2021"],
         ["Buss", "1 200\n000", "1 350 000"], ["Pendel-\ntåg", "400 000", ""]],
        head=[True, True, False, False])
    assert head.caption == "Tabell 3. Resor"
    assert texts == ["Resor 2020, Buss: 1 200 000; Resor 2021, Buss: 1 350 000.",
                     "Resor 2020, Pendeltåg: 400 000."]


def test_a_unit_in_a_column_heading_goes_with_each_figure():
    texts, _ = read_table([["Bransch", "Omsättning 2021 (mnkr)", "Andel (%)", "Typ (kod)"],
                           ["Handel", "9 900", "12", "4"], ["Bygg", "–", "ca 3", "5"]])
    assert texts == ["Omsättning 2021, Handel: 9 900 mnkr; Andel, Handel: 12 %; "
                     "Typ (kod), Handel: 4.",
                     "Omsättning 2021, Bygg: –; Andel, Bygg: ca 3; Typ (kod), Bygg: 5."]


def test_a_row_heading_merged_over_two_rows_names_both():
    texts, _ = read_table([["Län", "Kön", "Sysselsatta"], ["Jämtland", "Kvinnor", "30 100"],
                           [None, "Män", "33 900"], ["Västernorrland", "Kvinnor", "57 000"],
                           ["", "Män", "61 500"]])
    assert texts == ["Sysselsatta, Jämtland, Kvinnor: 30 100.",
                     "Sysselsatta, Jämtland, Män: 33 900.",
                     "Sysselsatta, Västernorrland, Kvinnor: 57 000.",
                     "Sysselsatta, Västernorrland, Män: 61 500."]
    # A full first column and a column of words: the words are values with their heading.
    texts, _ = read_table([["Projekt", "Ansvarig", "Budget (mkr)"],
                           ["Bredband", "Regionen", "40"], ["Vägar", "Trafikverket", "120"]])
    assert texts == ["Ansvarig, Bredband: Regionen; Budget, Bredband: 40 mkr.",
                     "Ansvarig, Vägar: Trafikverket; Budget, Vägar: 120 mkr."]


def test_a_table_of_words_is_headed_by_its_first_row():
    texts, _ = read_table([["Mål", "Ansvar"], ["Fler kluster", "Regionen"],
                           ["Bättre vägar", "Trafikverket"]])
    assert texts == ["Ansvar, Fler kluster: Regionen.", "Ansvar, Bättre vägar: Trafikverket."]


def test_empty_and_one_column_tables():
    assert read_table([[None, ""], ["", None]]) == ([], Headings())
    texts, _ = read_table([["Mål"], ["Fler jobb"], ["Bättre vägar"]])
    assert texts == ["Fler jobb", "Bättre vägar"]
